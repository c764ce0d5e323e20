// SPDX-License-Identifier: GPL-2.0

//! SPEC sections 1-3 (address mapping, header translation,
//! fragmentation/MTU): exact bytes and verdicts in their corners, through
//! both the fast path and the full path where one exists.

mod common;

use common::icmp_errors::{NS4, NS4_6};
use common::*;
use ipxlat_engine::engine::config::Config;
use ipxlat_engine::engine::packet::{Family, Verdict};
use ipxlat_engine::engine::verdict::{DropReason, IcmpError};


fn reject4(t: u8, c: u8, info: u32, r: DropReason) -> Verdict {
    Verdict::Reject(IcmpError::V4 { icmp_type: t, code: c, info }, r)
}
fn reject6(t: u8, c: u8, info: u32, r: DropReason) -> Verdict {
    Verdict::Reject(IcmpError::V6 { icmp_type: t, code: c, info }, r)
}

/// A 4-byte NOP option area: IHL 6 keeps the packet off the 46 fast path.
fn nop_opts() -> Vec<u8> {
    vec![1, 1, 1, 0]
}

/// SPEC 1.1 vectors (RFC 6052 examples) through real packets, 46 and 64,
/// fast path (plain packet) and full path (IPv4 options / IPv6 DestOpts).
#[test]
fn rfc6052_vectors_all_lengths_through_packets() {
    let vectors: [(&str, u8, &str); 6] = [
        ("2001:db8::", 32, "2001:db8:c000:221::"),
        ("2001:db8:100::", 40, "2001:db8:1c0:2:21::"),
        ("2001:db8:122::", 48, "2001:db8:122:c000:2:2100::"),
        ("2001:db8:122:300::", 56, "2001:db8:122:3c0:0:221::"),
        ("2001:db8:122:344::", 64, "2001:db8:122:344:c0:2:2100:0"),
        ("2001:db8:122:344::", 96, "2001:db8:122:344::c000:221"),
    ];
    for (p, len, image) in vectors {
        let cfg = cfg_prefix(v6(p), len);
        let src6 = cfg.prefix6.unwrap().embed(v4(NS4));
        for opts in [false, true] {
            // 46: destination 192.0.2.33 (non-global is fine outside the WKP).
            let mut h = V4::new(NS4, "192.0.2.33", 17);
            if opts {
                h.options = nop_opts();
            }
            let o = run(&cfg, &h.udp(1000, 53, b"vec"));
            assert_eq!(o.translated().family, Family::V6, "/{len} opts={opts}");
            assert_eq!(&o.bytes[24..40], &v6(image), "46 /{len} opts={opts}");
            assert_eq!(o.bytes[24 + 8], 0, "u-octet /{len}");
            // 64: the image back to 192.0.2.33.
            let mut b = V6::new("::", "::");
            b.src = v6(image);
            b.dst = src6;
            if opts {
                b = b.with_ext(60, opts_hdr());
            }
            let o = run(&cfg, &b.udp(53, 1000, b"vec"));
            assert_eq!(o.translated().family, Family::V4, "64 /{len} opts={opts}");
            assert_eq!(&o.bytes[12..16], &v4("192.0.2.33"), "64 /{len} opts={opts}");
            assert_eq!(&o.bytes[16..20], &v4(NS4), "64 /{len} opts={opts}");
        }
    }
}

/// SPEC 1.1 #2: a non-zero u-octet makes the address unmapped (64), for
/// every length up to /64; SPEC 6 lists it as a silent policy drop.
#[test]
fn u_octet_non_zero_never_maps() {
    for (p, len) in [("2001:db8::", 32u8), ("2001:db8:100::", 40), ("2001:db8:122::", 48), ("2001:db8:122:300::", 56), ("2001:db8:122:344::", 64)] {
        let cfg = cfg_prefix(v6(p), len);
        let src6 = cfg.prefix6.unwrap().embed(v4(NS4));
        let mut dst = cfg.prefix6.unwrap().embed(v4("192.0.2.33"));
        dst[8] = 0xff;
        for ext in [false, true] {
            let mut b = V6::new("::", "::");
            b.src = src6;
            b.dst = dst;
            if ext {
                b = b.with_ext(60, opts_hdr());
            }
            let v = run(&cfg, &b.udp(1, 2, b"u")).verdict;
            assert_eq!(v, Verdict::Drop(DropReason::UOctetNonZero), "/{len} ext={ext}");
        }
    }
}

/// SPEC 1.1 #1 (project decision): non-zero suffix bits of the configured
/// prefix value are kept when generating (byte 8 forced 0), and SPEC 1.1
/// #2: suffix bits are ignored when extracting.
#[test]
fn configured_suffix_kept_46_ignored_64() {
    let mut pv = v6("2001:db8::");
    pv[8] = 0xaa; // u-octet: forced 0
    pv[15] = 0x5a; // suffix byte: kept
    let cfg = cfg_prefix(pv, 32);
    for opts in [false, true] {
        let mut h = V4::new(NS4, "192.0.2.33", 6);
        if opts {
            h.options = nop_opts();
        }
        let o = run(&cfg, &h.tcp(b"sfx"));
        let mut want = v6("2001:db8:c000:221::");
        want[15] = 0x5a;
        assert_eq!(&o.bytes[24..40], &want, "opts={opts}");
    }
    // 64: an address with arbitrary suffix bits still maps.
    let mut s = v6("2001:db8:c633:6402::");
    s[12] = 0x77;
    let mut d = v6("2001:db8:c000:221::");
    d[15] = 0x01;
    for ext in [false, true] {
        let mut b = V6::new("::", "::");
        b.src = s;
        b.dst = d;
        if ext {
            b = b.with_ext(60, opts_hdr());
        }
        let o = run(&cfg, &b.tcp(b"sfx"));
        assert_eq!(&o.bytes[12..20], &[198, 51, 100, 2, 192, 0, 2, 33], "ext={ext}");
    }
}

/// SPEC 2.5 ("Only 1 <-> 58 is remapped ... All other protocols MUST be
/// translated with payload untouched") and SPEC 6 ("Unknown transports are
/// translated, not dropped"; the L4 drop row names only TCP and UDP):
/// IPv4 protocol 58 is an unknown transport in IPv4, so a 4-byte payload
/// is no reason to drop.
#[test]
fn ipv4_protocol_58_short_payload_is_translated() {
    let p = V4::new(NS4, "192.0.2.33", 58).packet(&[1, 2, 3, 4]);
    let o = run(&cfg_ref(), &p);
    assert!(matches!(o.verdict, Verdict::Translated(_)), "46 proto 58: {:?}", o.verdict);
    assert_eq!(o.bytes[6], 58);
    assert_eq!(&o.bytes[40..], &[1, 2, 3, 4]);
}

/// The 64 counterpart: IPv6 Next Header 1 is not ICMPv6 (SPEC 2.5, 6).
#[test]
fn ipv6_next_header_1_short_payload_is_translated() {
    let p = V6::new("2001:db8:1c0:2:21::", NS4_6).packet(1, &[1, 2, 3, 4]);
    let o = run(&cfg_ref(), &p);
    assert!(matches!(o.verdict, Verdict::Translated(_)), "64 NH 1: {:?}", o.verdict);
    assert_eq!(o.bytes[9], 1);
    assert_eq!(&o.bytes[20..], &[1, 2, 3, 4]);
}

/// SPEC 3.4: an atomic fragment is processed as unfragmented, so the
/// ICMPv6 echo inside one is translated (DF=0, ID = low 16 bits, SPEC 2.3).
#[test]
fn echo_in_atomic_fragment_translated() {
    let p = V6::new("2001:db8:1c0:2:21::", NS4_6).with_ext(44, fh(0, false, 0x0001_5678)).echo(128, b"ping");
    let o = run(&cfg_ref(), &p);
    let b = &o.bytes;
    assert_eq!(b.len(), 20 + 8 + 4);
    assert_eq!(&b[4..8], &[0x56, 0x78, 0, 0], "ID low 16 bits, DF=0 MF=0 offset 0");
    assert_eq!(b[9], 1);
    assert_eq!(b[20], 8, "echo request");
    assert_eq!(csum(&[&b[20..]]), 0, "ICMPv4 checksum");
}

/// SPEC 3.2: an unfragmented DF=0 ICMPv4 echo larger than T is split (the
/// ICMPv6 checksum covers the whole message; SPEC 3.4 only forbids
/// translating received fragments).
#[test]
fn big_df0_echo_is_split() {
    let p = V4::new(NS4, "192.0.2.33", 1).echo(8, &vec![0x5au8; 1400]);
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.pieces.len(), 2);
    assert_eq!(o.pieces[0].len(), 1280);
    assert_eq!(o.pieces[0][40], 58, "FH next header");
}

/// SPEC 1.2: with prefix 64:ff9b::/96 and wkp-strict, 192.0.0.9 and
/// 192.0.0.10 are global (translated), 192.0.0.8 is not (drop), both ways
/// and both paths; the local-use prefix 64:ff9b:1::/48 has no restriction.
#[test]
fn wkp_non_global_exceptions() {
    let wkp = cfg_prefix(v6("64:ff9b::"), 96);
    for ext in [false, true] {
        for (a, ok) in [("192.0.0.9", true), ("192.0.0.10", true), ("192.0.0.8", false), ("100.64.0.1", false), ("8.8.8.8", true)] {
            let mut h = V4::new("8.8.4.4", a, 17);
            if ext {
                h.options = nop_opts();
            }
            let v = run(&wkp, &h.udp(1, 2, b"w")).verdict;
            assert_eq!(matches!(v, Verdict::Translated(_)), ok, "46 {a} ext={ext}: {v:?}");
            if !ok {
                assert_eq!(v, Verdict::Drop(DropReason::WkpNonGlobal));
            }
            let mut b = V6::new("64:ff9b::8.8.4.4", "::");
            b.dst = wkp.prefix6.unwrap().embed(v4(a));
            if ext {
                b = b.with_ext(60, opts_hdr());
            }
            let v = run(&wkp, &b.udp(1, 2, b"w")).verdict;
            assert_eq!(matches!(v, Verdict::Translated(_)), ok, "64 {a} ext={ext}: {v:?}");
        }
    }
    let lu = cfg_prefix(v6("64:ff9b:1::"), 48);
    let v = run(&lu, &V4::new("10.0.0.1", "192.168.1.1", 17).udp(1, 2, b"l")).verdict;
    assert!(matches!(v, Verdict::Translated(_)), "{v:?}");
}

/// SPEC 2.1 / 2.6: hop limit = TTL − 1; TTL 0 and 1 ⇒ reject(11/0); TTL 2
/// ⇒ 1. SPEC 2.3: hop limit 0/1 ⇒ reject(3/0), 2 ⇒ TTL 1. Fast and full.
#[test]
fn hop_accounting_edges_both_paths() {
    for opts in [false, true] {
        for ttl in [0u8, 1, 2, 255] {
            let mut h = V4::new(NS4, "192.0.2.33", 17);
            h.ttl = ttl;
            if opts {
                h.options = nop_opts();
            }
            let o = run(&cfg_ref(), &h.udp(1, 2, b"t"));
            if ttl <= 1 {
                assert_eq!(o.verdict, reject4(11, 0, 0, DropReason::HopLimitExceeded));
            } else {
                assert_eq!(o.bytes[7], ttl - 1);
            }
        }
        for hop in [0u8, 1, 2, 255] {
            let mut b = V6::new("2001:db8:1c0:2:21::", NS4_6);
            b.hop = hop;
            if opts {
                b = b.with_ext(60, opts_hdr());
            }
            let o = run(&cfg_ref(), &b.udp(1, 2, b"t"));
            if hop <= 1 {
                assert_eq!(o.verdict, reject6(3, 0, 0, DropReason::HopLimitExceeded));
            } else {
                assert_eq!(o.bytes[8], hop - 1);
            }
        }
    }
}

/// SPEC 2.3 / 3.3: the DF threshold is on the IPv4 Total Length after the
/// extension headers are removed (1260 ⇒ DF=0, 1261 ⇒ DF=1).
#[test]
fn df_threshold_after_extension_headers() {
    let b = V6::new("2001:db8:1c0:2:21::", NS4_6).with_ext(60, opts_hdr());
    // 40 + 8 + 8 + payload = len6; len4 = 20 + 8 + payload.
    let o = run(&cfg_ref(), &b.udp(1, 2, &vec![0u8; 1260 - 28]));
    assert_eq!(o.bytes.len(), 1260);
    assert_eq!(o.bytes[6] & 0x40, 0);
    let o = run(&cfg_ref(), &b.udp(1, 2, &vec![0u8; 1261 - 28]));
    assert_eq!(o.bytes.len(), 1261);
    assert_eq!(o.bytes[6] & 0x40, 0x40);
}

/// SPEC 3.2: a DF=0 IPv4 fragment of a reassembled length that fits T
/// exactly (with the 8-byte FH) stays one piece; the unfragmented DF=0
/// packet of len6 = T + 1 is split ⌊(T−48)/8⌋·8, last piece M=0, both with
/// the IPv4 ID.
#[test]
fn split_boundaries_with_lim_not_multiple_of_8() {
    let mut c: Config<'static> = cfg_ref();
    c.lowest_ipv6_mtu = 1283;
    // len6 = 1283 ⇒ one packet, no FH.
    let mut h = V4::new(NS4, "192.0.2.33", 6);
    h.id = 0xbeef;
    let p = h.tcp(&vec![9u8; 1283 - 40 - 20]);
    let o = run(&c, &p);
    assert!(o.translated().fragment.is_none());
    assert_eq!(o.bytes.len(), 1283);
    assert_eq!(o.bytes[6], 6);
    // len6 = 1284 ⇒ 1280 (1232 data) + 52 + 48.
    let p = h.tcp(&vec![9u8; 1284 - 40 - 20]);
    let o = run(&c, &p);
    assert_eq!(o.pieces.len(), 2);
    assert_eq!(o.pieces[0].len(), 1280);
    assert_eq!(o.pieces[1].len(), 48 + (1244 - 1232));
    for (i, pc) in o.pieces.iter().enumerate() {
        assert_eq!(pc[6], 44);
        assert_eq!(pc[40], 6);
        assert_eq!(&pc[44..48], &[0, 0, 0xbe, 0xef]);
        let w = u16::from_be_bytes([pc[42], pc[43]]);
        assert_eq!(w >> 3, if i == 0 { 0 } else { 154 });
        assert_eq!(w & 1, if i == 0 { 1 } else { 0 });
        assert!(pc.len() <= 1283);
    }
}

/// SPEC 3.3: DF=1 or first fragment over MTU4_nh ⇒ 2/0 with
/// max(1280, MTU4_nh + 20); the same rule through the full path (DestOpts).
#[test]
fn ptb_mtu_rule_fast_and_full() {
    for ext in [false, true] {
        let mut b = V6::new("2001:db8:1c0:2:21::", NS4_6);
        if ext {
            b = b.with_ext(60, opts_hdr());
        }
        let extra = if ext { 8 } else { 0 };
        // len4 1421 with MTU4 1400 ⇒ MTU 1420.
        let p = b.udp(1, 2, &vec![0u8; 1421 - 28]);
        assert_eq!(p.len(), 1441 + extra);
        let v = run_with(&cfg_ref(), &p, &meta(), &mut TestHost::mtus(1500, 1400)).verdict;
        assert_eq!(v, reject6(2, 0, 1420, DropReason::PacketTooBig), "ext={ext}");
        // len4 exactly MTU4 ⇒ translated, DF=1.
        let p = b.udp(1, 2, &vec![0u8; 1400 - 28]);
        let o = run_with(&cfg_ref(), &p, &meta(), &mut TestHost::mtus(1500, 1400));
        assert_eq!(o.bytes.len(), 1400);
        assert_eq!(o.bytes[6] & 0x40, 0x40);
    }
}

/// SPEC 3.2: DF=1 len6 > MTU6_nh ⇒ reject(3/4) with MTU6_nh − 20; len6 =
/// MTU6_nh ⇒ translated whole even above LIM. Fast (IHL 5) and full (IHL 6).
#[test]
fn frag_needed_rule_fast_and_full() {
    for opts in [false, true] {
        let mut h = V4::new(NS4, "192.0.2.33", 17);
        h.df = true;
        if opts {
            h.options = nop_opts();
        }
        let ihl = if opts { 24 } else { 20 };
        // len6 = 1401 > 1400.
        let p = h.udp(1, 2, &vec![0u8; 1401 - 40 - 8]);
        assert_eq!(p.len(), 1401 - 40 + ihl);
        let v = run_with(&cfg_ref(), &p, &meta(), &mut TestHost::mtus(1400, 1500)).verdict;
        assert_eq!(v, reject4(3, 4, 1380, DropReason::PacketTooBig), "opts={opts}");
        let p = h.udp(1, 2, &vec![0u8; 1400 - 40 - 8]);
        let o = run_with(&cfg_ref(), &p, &meta(), &mut TestHost::mtus(1400, 1500));
        assert_eq!(o.bytes.len(), 1400, "opts={opts}");
        assert!(o.translated().fragment.is_none());
        assert_eq!(o.bytes[6], 17, "no FH");
    }
}

/// SPEC 3.2: a non-first DF=0 IPv4 fragment larger than T is re-fragmented
/// with offsets relative to the original datagram; the last piece keeps the
/// input M (0 here), earlier pieces M=1; ID = IPv4 ID; L4 bytes untouched.
#[test]
fn refragment_non_first_fragment_offsets() {
    let mut h = V4::new(NS4, "192.0.2.33", 17);
    h.offset = 100;
    h.mf = false;
    h.id = 0x0102;
    let data: Vec<u8> = (0..1300u32).map(|i| i as u8).collect();
    let p = h.packet(&data);
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.pieces.len(), 2);
    let offs: Vec<(u16, u16)> = o
        .pieces
        .iter()
        .map(|pc| {
            let w = u16::from_be_bytes([pc[42], pc[43]]);
            (w >> 3, w & 1)
        })
        .collect();
    assert_eq!(offs, vec![(100, 1), (100 + 154, 0)]);
    let mut got = Vec::new();
    for pc in &o.pieces {
        assert_eq!(&pc[44..48], &[0, 0, 1, 2]);
        assert_eq!(pc[7], 63);
        assert_eq!(u16::from_be_bytes([pc[4], pc[5]]) as usize, pc.len() - 40);
        got.extend_from_slice(&pc[48..]);
    }
    assert_eq!(got, data);
}
