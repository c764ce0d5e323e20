// SPDX-License-Identifier: GPL-2.0

//! Oracle sweep: many packet shapes through both directions; every emitted
//! packet (and every piece of a split, reassembled) is re-parsed and its
//! checksums recomputed with etherparse (see `common::oracle`).

mod common;

use common::*;
use ipxlat_engine::engine::packet::Verdict;

const PREFIXES: [(&str, u8); 7] = [
    ("2001:db8::", 32),
    ("2001:db8:100::", 40),
    ("2001:db8:122::", 48),
    ("2001:db8:122:300::", 56),
    ("2001:db8:122:344::", 64),
    ("2001:db8:122:344::", 96),
    ("64:ff9b:1::", 48),
];

fn translated(o: &Out) -> bool {
    matches!(o.verdict, Verdict::Translated(_))
}

/// All six RFC 6052 lengths (+ a local-use prefix), every protocol, both
/// ways, sizes around the fragmentation thresholds.
#[test]
fn sweep_prefixes_protocols_sizes() {
    let mut count = 0;
    for (p, len) in PREFIXES {
        let cfg = cfg_prefix(v6(p), len);
        let pre = cfg.prefix6.unwrap();
        let (s4, d4) = (v4("198.51.100.2"), v4("192.0.2.33"));
        let (s6, d6) = (pre.embed(d4), pre.embed(s4));
        for size in [0usize, 1, 7, 100, 1231, 1232, 1233, 1252, 1400, 3000] {
            let payload: Vec<u8> = (0..size).map(|i| (i * 7) as u8).collect();
            for df in [false, true] {
                let h = |proto| V4 { df, ..V4::new("198.51.100.2", "192.0.2.33", proto) };
                for pkt in [h(17).udp(1, 2, &payload), h(6).tcp(&payload), h(1).echo(8, &payload), h(47).packet(&payload)] {
                    let o = run(&cfg, &pkt);
                    count += usize::from(translated(&o));
                }
            }
            let h6 = V6 { src: s6, dst: d6, hop: 9, tc: 3, flow: 0, ext: Vec::new(), payload_len: None };
            for pkt in [
                h6.packet(17, &udp_v6(s6, d6, 1, 2, &payload)),
                h6.packet(6, &tcp_v6(s6, d6, &payload)),
                h6.packet(58, &icmp6(s6, d6, 128, 0, [1, 2, 3, 4], &payload)),
                h6.clone().with_ext(0, opts_hdr()).with_ext(43, rh(0)).packet(17, &udp_v6(s6, d6, 1, 2, &payload)),
            ] {
                let o = run(&cfg, &pkt);
                count += usize::from(translated(&o));
            }
        }
    }
    assert!(count > 300, "{count} translated");
}

/// ICMP errors of every translatable type, quoting every protocol, with and
/// without RFC 4884 extensions, at many quote sizes.
#[test]
fn sweep_icmp_errors() {
    let cfg = cfg_ref();
    let mut count = 0;
    for q in [0usize, 8, 30, 100, 200, 600, 1400] {
        let payload = vec![0x33u8; q];
        let inners4 = [
            V4::new("192.0.2.33", "198.51.100.2", 17).udp(1, 2, &payload),
            V4::new("192.0.2.33", "198.51.100.2", 6).tcp(&payload),
            V4::new("192.0.2.33", "198.51.100.2", 1).echo(8, &payload),
        ];
        for inner in &inners4 {
            for (t, c) in [(3u8, 0u8), (3, 1), (3, 2), (3, 3), (3, 4), (3, 13), (11, 0), (12, 0)] {
                for ext in [None, Some(32usize)] {
                    let body = match ext {
                        None => inner.clone(),
                        Some(e) => {
                            let mut b = inner.clone();
                            let field = b.len().max(128).div_ceil(4) * 4;
                            b.resize(field, 0);
                            b.extend(std::iter::repeat_n(0x42, e));
                            b
                        }
                    };
                    let attr = ext.map_or(0, |_| (inner.len().max(128).div_ceil(4)) as u8);
                    let rest = if t == 12 { [0, attr, 0, 0] } else if c == 4 { [0, attr, 5, 0] } else { [0, attr, 0, 0] };
                    let p = V4::new("198.51.100.2", "192.0.2.33", 1).packet(&icmp4(t, c, rest, &body));
                    let o = run(&cfg, &p);
                    count += usize::from(translated(&o));
                    if translated(&o) {
                        assert!(o.bytes.len() <= 1280);
                    }
                }
            }
        }
        let (s6, d6) = (v6("2001:db8:1c6:3364:2::"), v6("2001:db8:1c0:2:21::"));
        let inners6 = [
            V6::new("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::").udp(1, 2, &payload),
            V6::new("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::").tcp(&payload),
            V6::new("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::").with_ext(60, opts_hdr()).echo(128, &payload),
        ];
        for inner in &inners6 {
            for (t, c) in [(1u8, 0u8), (1, 1), (1, 4), (2, 0), (3, 0), (4, 0), (4, 1)] {
                for ext in [None, Some(40usize)] {
                    let body = match ext {
                        None => inner.clone(),
                        Some(e) => {
                            let mut b = inner.clone();
                            let field = b.len().max(128).div_ceil(8) * 8;
                            b.resize(field, 0);
                            b.extend(std::iter::repeat_n(0x42, e));
                            b
                        }
                    };
                    let attr = ext.map_or(0, |_| (inner.len().max(128).div_ceil(8)) as u8);
                    let rest = match t {
                        2 => 1400u32.to_be_bytes(),
                        4 => [0, 0, 0, 7],
                        _ => [attr, 0, 0, 0],
                    };
                    let p = V6::new("2001:db8:1c6:3364:2::", "2001:db8:1c0:2:21::").packet(58, &icmp6(s6, d6, t, c, rest, &body));
                    let o = run(&cfg, &p);
                    count += usize::from(translated(&o));
                    if translated(&o) {
                        assert!(o.bytes.len() <= 576);
                    }
                }
            }
        }
    }
    assert!(count > 300, "{count} translated");
}

/// SPEC 7.2: DF ping of 1300 B 4→6 with the 1280 B IPv6 link ⇒ 3/4.
#[test]
fn reference_df_ping_1300() {
    let mut h = V4::new("198.51.100.2", "192.0.2.33", 1);
    h.df = true;
    let p = h.echo(8, &vec![0u8; 1300 - 28]);
    let v = run_with(&cfg_ref(), &p, &meta(), &mut TestHost::mtus(1280, 1500)).verdict;
    assert_eq!(
        v,
        Verdict::Reject(
            ipxlat_engine::engine::verdict::IcmpError::V4 { icmp_type: 3, code: 4, info: 1260 },
            ipxlat_engine::engine::verdict::DropReason::PacketTooBig
        )
    );
    // DF=0 large UDP 4→6 is split to 1280 B pieces.
    let p = V4::new("198.51.100.2", "192.0.2.33", 17).udp(1, 2, &vec![1u8; 3000]);
    let o = run_with(&cfg_ref(), &p, &meta(), &mut TestHost::mtus(1280, 1500));
    assert_eq!(o.pieces.len(), 3);
    assert!(o.pieces.iter().all(|p| p.len() <= 1280));
}

