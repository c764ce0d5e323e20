// SPDX-License-Identifier: GPL-2.0

//! Whole-packet translation in the kernel build of the engine: the SPEC 7.2
//! zero-checksum UDP packet (46) and an ICMPv6 echo request (64), checked
//! field by field and by checksum verification.

#[kernel::prelude::kunit_tests(ipxlat_translate)]
mod tests {
    use crate::engine::{
        addr::prefix6::Prefix6,
        checksum,
        config::Config,
        packet::{ChecksumState, Family, Host, Meta, PacketBuf, Verdict},
        translate::translate_verdict,
    };

    /// Room in front of the packet for the larger header.
    const HEADROOM: usize = 64;

    /// Host services over a copy of the original packet.
    struct KunitHost {
        orig: [u8; 128],
        orig_len: usize,
    }

    impl Host for KunitHost {
        fn payload_sum(&mut self, offset: usize, len: usize) -> u32 {
            let end = offset.saturating_add(len).min(self.orig_len);
            checksum::sum(self.orig.get(offset.min(end)..end).unwrap_or(&[]), 0)
        }
        fn mtu6_toward(&mut self, _dst: &[u8; 16]) -> u32 {
            1500
        }
        fn mtu4_toward(&mut self, _dst: [u8; 4]) -> u32 {
            1500
        }
        fn ipv4_id(&mut self, _src: [u8; 4], _dst: [u8; 4], _protocol: u8, _segments: u16) -> u16 {
            0x1234
        }
        fn random_u32(&mut self) -> u32 {
            4
        }
    }

    /// Reference topology prefix 2001:db8:100::/40 (SPEC 7.2).
    fn config() -> Result<Config<'static>, &'static str> {
        let mut prefix = [0u8; 16];
        prefix[..6].copy_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0x01, 0x00]);
        let mut cfg = Config::DEFAULT;
        cfg.prefix6 = Some(Prefix6::new(prefix, 40).map_err(|e| e.message())?);
        Ok(cfg)
    }

    const V6_198_51_100_2: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0x01, 0xc6, 0x33, 0x64, 0, 0x02, 0, 0, 0, 0, 0, 0];
    const V6_192_0_2_33: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0x01, 0xc0, 0x00, 0x02, 0, 0x21, 0, 0, 0, 0, 0, 0];

    fn run(pkt: &[u8], buf: &mut [u8; 256]) -> Verdict {
        let mut host = KunitHost {
            orig: [0; 128],
            orig_len: pkt.len(),
        };
        host.orig[..pkt.len()].copy_from_slice(pkt);
        buf[HEADROOM..HEADROOM + pkt.len()].copy_from_slice(pkt);
        let meta = Meta {
            csum: ChecksumState::Complete,
            gso: None,
            hop_already_decremented: false,
        };
        let cfg = match config() {
            Ok(c) => c,
            Err(_) => return Verdict::Drop(crate::engine::verdict::DropReason::NoConfig),
        };
        let mut p = PacketBuf {
            buf: &mut buf[..HEADROOM + pkt.len()],
            start: HEADROOM,
            len: pkt.len(),
        };
        translate_verdict(&cfg.into(), &mut p, &meta, &mut host)
    }

    #[test]
    fn udp_zero_checksum_v4_to_v6() -> Result<(), &'static str> {
        // IPv4: TTL 64, ID 1, DF=0, UDP 4242 -> 5555, checksum 0, 21 bytes.
        let mut pkt = [0u8; 20 + 8 + 21];
        pkt[..20].copy_from_slice(&[
            0x45, 0, 0, 49, 0, 1, 0, 0, 64, 17, 0, 0, 198, 51, 100, 2, 192, 0, 2, 33,
        ]);
        let hsum = checksum::finish(checksum::sum(&pkt[..20], 0));
        pkt[10..12].copy_from_slice(&hsum.to_be_bytes());
        pkt[20..28].copy_from_slice(&[0x10, 0x92, 0x15, 0xb3, 0, 29, 0, 0]);
        for (i, b) in pkt[28..].iter_mut().enumerate() {
            *b = b'a' + i as u8;
        }
        let mut buf = [0u8; 256];
        let t = match run(&pkt, &mut buf) {
            Verdict::Translated(t) => t,
            _ => return Err("UDP packet not translated"),
        };
        assert_eq!(t.family, Family::V6);
        assert_eq!(t.len, 40 + 8 + 21);
        assert_eq!(t.l4_proto, 17);
        let out = &buf[t.start..t.start + t.len];
        assert_eq!(out[0] >> 4, 6);
        assert_eq!(u16::from_be_bytes([out[4], out[5]]), 29);
        assert_eq!(out[6], 17);
        assert_eq!(out[7], 63);
        assert_eq!(&out[8..24], &V6_198_51_100_2);
        assert_eq!(&out[24..40], &V6_192_0_2_33);
        // The zero checksum was computed (SPEC 4): non-zero and verifying.
        let udp = &out[40..];
        assert!(udp[6] != 0 || udp[7] != 0);
        let mut src = [0u8; 16];
        let mut dst = [0u8; 16];
        src.copy_from_slice(&out[8..24]);
        dst.copy_from_slice(&out[24..40]);
        let sum = checksum::sum(udp, checksum::pseudo_v6(&src, &dst, 17, 29));
        assert_eq!(checksum::fold(sum), 0xffff);
        Ok(())
    }

    #[test]
    fn icmpv6_echo_request_v6_to_v4() -> Result<(), &'static str> {
        // IPv6: hop limit 64, ICMPv6 echo request id 7 seq 1, 4 data bytes.
        let mut pkt = [0u8; 40 + 8 + 4];
        pkt[..8].copy_from_slice(&[0x60, 0, 0, 0, 0, 12, 58, 64]);
        pkt[8..24].copy_from_slice(&V6_192_0_2_33);
        pkt[24..40].copy_from_slice(&V6_198_51_100_2);
        pkt[40..52].copy_from_slice(&[128, 0, 0, 0, 0, 7, 0, 1, 1, 2, 3, 4]);
        let c = checksum::finish(checksum::sum(
            &pkt[40..],
            checksum::pseudo_v6(&V6_192_0_2_33, &V6_198_51_100_2, 58, 12),
        ));
        pkt[42..44].copy_from_slice(&c.to_be_bytes());
        let mut buf = [0u8; 256];
        let t = match run(&pkt, &mut buf) {
            Verdict::Translated(t) => t,
            _ => return Err("echo request not translated"),
        };
        assert_eq!(t.family, Family::V4);
        assert_eq!(t.len, 20 + 12);
        let out = &buf[t.start..t.start + t.len];
        assert_eq!(out[0], 0x45);
        assert_eq!(u16::from_be_bytes([out[2], out[3]]), 32);
        assert_eq!(out[8], 63);
        assert_eq!(out[9], 1);
        assert_eq!(&out[12..16], &[192, 0, 2, 33]);
        assert_eq!(&out[16..20], &[198, 51, 100, 2]);
        assert_eq!(checksum::fold(checksum::sum(&out[..20], 0)), 0xffff);
        // ICMPv4 echo request, same id/seq/data, checksum without pseudo-header.
        assert_eq!(&out[20..22], &[8, 0]);
        assert_eq!(&out[24..32], &[0, 7, 0, 1, 1, 2, 3, 4]);
        assert_eq!(checksum::fold(checksum::sum(&out[20..], 0)), 0xffff);
        Ok(())
    }

    #[test]
    fn ttl_one_rejected_with_time_exceeded() {
        let mut pkt = [0u8; 28];
        pkt[..20].copy_from_slice(&[
            0x45, 0, 0, 28, 0, 1, 0, 0, 1, 17, 0, 0, 198, 51, 100, 2, 192, 0, 2, 33,
        ]);
        let hsum = checksum::finish(checksum::sum(&pkt[..20], 0));
        pkt[10..12].copy_from_slice(&hsum.to_be_bytes());
        pkt[20..28].copy_from_slice(&[0x10, 0x92, 0x15, 0xb3, 0, 8, 0, 0]);
        let mut buf = [0u8; 256];
        let verdict = run(&pkt, &mut buf);
        assert!(matches!(
            verdict,
            Verdict::Reject(
                crate::engine::verdict::IcmpError::V4 {
                    icmp_type: 11,
                    code: 0,
                    ..
                },
                _
            )
        ));
    }
}
