// SPDX-License-Identifier: GPL-2.0

//! Shared fuzz driver: the first bytes choose metadata, config knobs,
//! headroom and how much is linear; the rest is the packet. The engine
//! must never panic and must leave the buffer untouched unless it
//! translated.

use ipxlat_engine::engine::addr::prefix6::Prefix6;
use ipxlat_engine::engine::config::{Compiled, Config, UdpZeroCsum};
use ipxlat_engine::engine::packet::{ChecksumState, Family, Gso, GsoKind, Host, Meta, PacketBuf, Verdict};
use ipxlat_engine::engine::translate::translate_verdict;

struct FuzzHost {
    mtu6: u32,
    mtu4: u32,
}

impl Host for FuzzHost {
    fn payload_sum(&mut self, _offset: usize, len: usize) -> u32 {
        len as u32
    }
    fn mtu6_toward(&mut self, _dst: &[u8; 16]) -> u32 {
        self.mtu6
    }
    fn mtu4_toward(&mut self, _dst: [u8; 4]) -> u32 {
        self.mtu4
    }
    fn ipv4_id(&mut self, _src: [u8; 4], _dst: [u8; 4], _protocol: u8, _segments: u16) -> u16 {
        7
    }
    fn random_u32(&mut self) -> u32 {
        42
    }
}

pub fn run(data: &[u8], version: u8) {
    let Some((ctl, pkt)) = data.split_first_chunk::<6>() else {
        return;
    };
    let mut cfg = Config::DEFAULT;
    let prefixes = [(0x0064_ff9b_u32, 96u8), (0x2001_0db8, 40), (0x2001_0db8, 32), (0x2001_0db8, 64)];
    let (hi, len) = prefixes[usize::from(ctl[0] & 3)];
    let mut p6 = [0u8; 16];
    p6[..4].copy_from_slice(&hi.to_be_bytes());
    if len == 40 {
        p6[4] = 1;
    }
    cfg.prefix6 = Prefix6::new(p6, len).ok();
    cfg.wkp_strict = ctl[0] & 4 != 0;
    cfg.udp_zero_csum = if ctl[0] & 8 != 0 { UdpZeroCsum::Drop } else { UdpZeroCsum::Compute };
    cfg.icmp_errors = ctl[0] & 16 != 0;
    cfg.zero_traffic_class = ctl[0] & 32 != 0;
    cfg.lowest_ipv6_mtu = 1280 + u32::from(ctl[5]) * 3;
    let meta = Meta {
        csum: if ctl[1] & 1 != 0 { ChecksumState::Partial } else { ChecksumState::Complete },
        gso: (ctl[1] & 2 != 0).then_some(Gso { size: u16::from_be_bytes([ctl[2], ctl[3]]), kind: if ctl[1] & 4 != 0 { GsoKind::Tcp } else { GsoKind::Udp } }),
        hop_already_decremented: ctl[1] & 8 != 0,
    };
    let headroom = usize::from(ctl[4] & 0x7f);
    let linear = if ctl[4] & 0x80 != 0 { pkt.len() } else { pkt.len() / 2 };
    let mut buf = vec![0u8; headroom + linear];
    buf[headroom..].copy_from_slice(&pkt[..linear]);
    if let Some(b) = buf.get_mut(headroom) {
        *b = (version << 4) | (*b & 0x0f);
    }
    let before = buf.clone();
    let mut host = FuzzHost { mtu6: 1280 + u32::from(ctl[2]) * 4, mtu4: 576 + u32::from(ctl[3]) * 8 };
    let mut p = PacketBuf { buf: &mut buf, start: headroom, len: pkt.len() };
    match translate_verdict(&Compiled::new(cfg), &mut p, &meta, &mut host) {
        Verdict::Translated(t) => {
            assert!(t.start <= buf.len());
            // The emitted header is consistent with the reported length.
            let out = &buf[t.start..];
            if out.len() >= 40 {
                match t.family {
                    Family::V4 => {
                        assert_eq!(out[0], 0x45);
                        assert_eq!(usize::from(u16::from_be_bytes([out[2], out[3]])), t.len);
                    }
                    Family::V6 => {
                        assert_eq!(out[0] >> 4, 6);
                        let plen = usize::from(u16::from_be_bytes([out[4], out[5]]));
                        match t.fragment {
                            None => assert_eq!(plen + 40, t.len),
                            Some(f) => assert_eq!(plen, f.piece_payload + 8),
                        }
                    }
                }
            }
        }
        Verdict::NeedLinear { len, .. } => {
            assert!(len <= pkt.len(), "asks beyond the packet");
            assert!(buf == before);
        }
        _ => assert!(buf == before),
    }
}
