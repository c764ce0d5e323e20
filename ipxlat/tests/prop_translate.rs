// SPDX-License-Identifier: GPL-2.0

//! Property tests: 46 then 64 (and 64 then 46) round trips equal the
//! original except for the fields SPEC says change; arbitrary bytes never
//! panic and always yield a verdict, leaving the buffer untouched unless
//! translated.

mod common;

use common::*;
use ipxlat_engine::engine::addr::classes::is_untranslatable_v4;
use ipxlat_engine::engine::packet::{ChecksumState, Gso, GsoKind, Meta, PacketBuf, Verdict};
use ipxlat_engine::engine::translate::translate_verdict;
use proptest::prelude::*;

fn meta_copy_hops() -> Meta {
    Meta { csum: ChecksumState::Complete, gso: None, hop_already_decremented: true }
}

fn addr4() -> impl Strategy<Value = [u8; 4]> {
    any::<[u8; 4]>().prop_filter("translatable", |a| !is_untranslatable_v4(*a))
}

/// (protocol kind, payload) → L4 bytes for `src`/`dst`.
fn l4_v4(kind: u8, src: [u8; 4], dst: [u8; 4], payload: &[u8]) -> (u8, Vec<u8>) {
    match kind % 4 {
        0 => (17, udp_v4(src, dst, 1000, 2000, payload)),
        1 => (6, tcp_v4(src, dst, payload)),
        2 => (1, icmp4(if payload.len() % 2 == 0 { 8 } else { 0 }, 0, [1, 2, 3, 4], payload)),
        _ => (47, payload.to_vec()),
    }
}

fn run_raw(cfg: &ipxlat_engine::engine::config::Config<'_>, pkt: &[u8], m: &Meta) -> Option<Vec<u8>> {
    let o = run_with(cfg, pkt, m, &mut TestHost::new());
    match o.verdict {
        Verdict::Translated(t) if t.fragment.is_none() => Some(o.bytes),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn v4_round_trip(src in addr4(), dst in addr4(), kind in any::<u8>(), tos in any::<u8>(), ttl in 1u8.., id in any::<u16>(),
                     df in any::<bool>(), frag in any::<bool>(), offset in 1u16..8000, mf in any::<bool>(),
                     payload in proptest::collection::vec(any::<u8>(), 0..400)) {
        let cfg = cfg_ref();
        let (proto, l4) = l4_v4(kind, src, dst, &payload);
        let fragment = frag && proto == 47;
        let h = V4 { src, dst, proto, ttl, id, df: df && !fragment, mf: fragment && mf, offset: if fragment { offset } else { 0 }, tos, options: Vec::new(), total_len: None };
        let p = h.packet(&l4);
        let m = meta_copy_hops();
        let six = run_raw(&cfg, &p, &m).expect("46 translates");
        let back = run_raw(&cfg, &six, &m).expect("64 translates");
        prop_assert_eq!(back.len(), p.len());
        // Changed by design: ID (unless fragment), DF (1260 rule), header checksum.
        let mut a = p.clone();
        let mut b = back.clone();
        for x in [&mut a, &mut b] {
            x[10] = 0;
            x[11] = 0;
            if !fragment {
                x[4] = 0;
                x[5] = 0;
                x[6] &= !0x40;
            }
        }
        prop_assert_eq!(a, b);
        if fragment {
            prop_assert_eq!(back[6] & 0x40, 0, "fragments leave with DF=0");
        }
    }

    #[test]
    fn v6_round_trip(src in addr4(), dst in addr4(), kind in any::<u8>(), tc in any::<u8>(), hop in 1u8..,
                     payload in proptest::collection::vec(any::<u8>(), 0..400), hbh in any::<bool>()) {
        let cfg = cfg_ref();
        let prefix = cfg.prefix6.unwrap();
        let (s6, d6) = (prefix.embed(src), prefix.embed(dst));
        let l4 = match kind % 4 {
            0 => (17, udp_v6(s6, d6, 1000, 2000, &payload)),
            1 => (6, tcp_v6(s6, d6, &payload)),
            2 => (58, icmp6(s6, d6, if payload.len() % 2 == 0 { 128 } else { 129 }, 0, [1, 2, 3, 4], &payload)),
            _ => (47, payload.clone()),
        };
        let mut h = V6 { src: s6, dst: d6, hop, tc, flow: 0, ext: Vec::new(), payload_len: None };
        let p = h.packet(l4.0, &l4.1);
        let m = meta_copy_hops();
        let four = run_raw(&cfg, &p, &m).expect("64 translates");
        let back = run_raw(&cfg, &four, &m).expect("46 translates");
        prop_assert_eq!(&back, &p);
        // Extension headers are removed, everything else survives.
        if hbh {
            h = h.with_ext(0, opts_hdr());
            let p2 = h.packet(l4.0, &l4.1);
            let four = run_raw(&cfg, &p2, &m).expect("64 translates");
            let back = run_raw(&cfg, &four, &m).expect("46 translates");
            prop_assert_eq!(&back, &p);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(mut bytes in proptest::collection::vec(any::<u8>(), 0..1600), ver in 0u8..3,
                                   headroom in 0usize..100, linear_cut in any::<u16>(), partial in any::<bool>(),
                                   gso in proptest::option::of((any::<u16>(), any::<bool>())), hop in any::<bool>(),
                                   extra in 0usize..2000) {
        if let Some(b) = bytes.first_mut() {
            match ver {
                0 => *b = 0x40 | (*b & 0x0f),
                1 => *b = 0x60 | (*b & 0x0f),
                _ => {}
            }
        }
        check_no_panic(&bytes, headroom, linear_cut, partial, gso, hop, extra);
    }

    #[test]
    fn mutated_packets_never_panic(kind in any::<u8>(), flips in proptest::collection::vec((any::<u16>(), any::<u8>()), 1..8),
                                   v6side in any::<bool>(), headroom in 0usize..100, linear_cut in any::<u16>(),
                                   partial in any::<bool>(), hop in any::<bool>(), err in any::<bool>()) {
        let src = [198, 51, 100, 2];
        let dst = [192, 0, 2, 33];
        let mut p = if v6side {
            let s6 = v6("2001:db8:1c0:2:21::");
            let d6 = v6("2001:db8:1c6:3364:2::");
            let inner = V6::new("2001:db8:1c6:3364:2::", "2001:db8:1c0:2:21::").udp(1, 2, &[0u8; 40]);
            if err {
                V6::new("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::").packet(58, &icmp6(s6, d6, 1 + kind % 4, kind % 5, [0, 0, 0, kind], &inner))
            } else {
                V6::new("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::").with_ext(60, opts_hdr()).udp(1, 2, &[kind; 30])
            }
        } else {
            let inner = V4::new("192.0.2.33", "198.51.100.2", 17).udp(1, 2, &[0u8; 40]);
            if err {
                V4::new("198.51.100.2", "192.0.2.33", 1).packet(&icmp4([3, 11, 12][usize::from(kind % 3)], kind % 16, [kind, 0, 0, 0], &inner))
            } else {
                let (proto, l4) = l4_v4(kind, src, dst, &[kind; 30]);
                V4::new("198.51.100.2", "192.0.2.33", proto).packet(&l4)
            }
        };
        for (pos, val) in flips {
            let n = p.len();
            p[usize::from(pos) % n] ^= val;
        }
        check_no_panic(&p, headroom, linear_cut, partial, None, hop, 0);
    }
}

fn check_no_panic(bytes: &[u8], headroom: usize, linear_cut: u16, partial: bool, gso: Option<(u16, bool)>, hop: bool, extra: usize) {
    let cfg = cfg_ref();
    let meta = Meta {
        csum: if partial { ChecksumState::Partial } else { ChecksumState::Complete },
        gso: gso.map(|(size, tcp)| Gso { size, kind: if tcp { GsoKind::Tcp } else { GsoKind::Udp } }),
        hop_already_decremented: hop,
    };
    let linear = usize::from(linear_cut) % (bytes.len() + 1);
    let mut buf = vec![0u8; headroom + linear];
    buf[headroom..].copy_from_slice(&bytes[..linear]);
    let before = buf.clone();
    let mut host = TestHost::new();
    host.orig = bytes.to_vec();
    // `len` may claim more than the bytes (non-linear data).
    let mut p = PacketBuf { buf: &mut buf, start: headroom, len: bytes.len() + if extra % 2 == 1 { extra % 64 } else { 0 } };
    let v = translate_verdict(&cfg.into(), &mut p, &meta, &mut host);
    match v {
        Verdict::Translated(t) => {
            assert!(t.start <= buf.len());
        }
        _ => assert_eq!(buf, before, "untouched on {v:?}"),
    }
}
