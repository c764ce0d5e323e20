// SPDX-License-Identifier: GPL-2.0

//! SPEC 4 (checksums), 5 (ICMP) and 6 (drops and processing order):
//! exact bytes and verdicts in the corners the other test files leave
//! out. Every emitted packet passes the oracle.

mod common;

use common::icmp_errors::*;
use common::*;
use ipxlat_engine::engine::config::Config;
use ipxlat_engine::engine::packet::Verdict;
use ipxlat_engine::engine::verdict::{DropReason, IcmpError};

/// A quote padded to `field` bytes, then an RFC 4884 extension.
fn with_ext(quote: &[u8], field: usize, ext_len: usize) -> Vec<u8> {
    let mut b = quote.to_vec();
    b.resize(field, 0);
    let mut ext = vec![0u8; ext_len];
    ext[0] = 0x20;
    for (i, x) in ext.iter_mut().enumerate().skip(4) {
        *x = i as u8;
    }
    b.extend_from_slice(&ext);
    b
}

fn be32_at(b: &[u8], off: usize) -> u32 {
    u32::from_be_bytes(b[off..off + 4].try_into().unwrap())
}

// ---------------------------------------------------------------------------
// Atomic fragments
// ---------------------------------------------------------------------------

/// SPEC 2.4: "atomic fragment ⇒ unfragmented IPv4, DF=0, copied ID";
/// SPEC 2.3: "ID | Fragment header: low 16 bits of its ID"; SPEC 3.4
/// "ICMPv6 inside one is translated". The echo path copies the ID; an
/// ICMPv6 *error* carried in an atomic fragment must get the same outer
/// IPv4 ID (0xbeef), not one from the host generator.
#[test]
fn atomic_fragment_icmpv6_error_copies_fh_id() {
    let h = V6::new(TARGET_6, NS4_6).with_ext(44, fh(0, false, 0x0102_beef));
    let p = h.packet(58, &icmp6(h.src, h.dst, 1, 4, [0; 4], &inner6(b"x")));
    let o = run(&cfg_ref(), &p);
    let b = &o.bytes;
    assert_eq!((b[20], b[21]), (3, 3));
    assert_eq!(b[6] & 0x40, 0, "DF=0");
    assert_eq!(&b[4..6], &[0xbe, 0xef], "SPEC 2.3/2.4: outer ID = low 16 bits of the atomic FH ID");
}

// ---------------------------------------------------------------------------
// ICMP maps, MTUs, RFC 4884, inner packets, processing order
// ---------------------------------------------------------------------------

/// SPEC 3.5 / 5.3: 2/x (code ignored) → 3/4, p = max(PTB, 1280),
/// MTU4 = min(p − 20, MTU4 to receiver, MTU6 to inner dst − 20); bytes 4-5
/// zero; the ICMPv4 length byte (5) is 0.
#[test]
fn ptb_64_mtu_rules() {
    let inner = inner6(&[0u8; 100]);
    for (code, ptb, mtu6, mtu4, want) in [
        (0u8, 1000u32, 1500u32, 1500u32, 1260u16), // raised to 1280
        (5, 1400, 1500, 1500, 1380),                // code ignored
        (0, 9000, 9000, 1300, 1300),                // receiver link
        (0, 9000, 1500, 9000, 1480),                // inner destination
        (0, 0xffff_ffff, 200_000, 200_000, 65535),  // clamp, no wrap
    ] {
        let o = run_with(&cfg_ref(), &err6(2, code, ptb.to_be_bytes(), &inner), &meta(), &mut TestHost::mtus(mtu6, mtu4));
        let b = &o.bytes;
        assert_eq!((b[20], b[21]), (3, 4));
        assert_eq!(&b[24..26], &[0, 0], "bytes 4-5 zero");
        assert_eq!(u16::from_be_bytes([b[26], b[27]]), want, "PTB {ptb}");
    }
}

/// SPEC 3.5: FN MTU 1–67 is a project-decision "pre-RFC 1191" value: the
/// greatest plateau strictly below the inner total length (4000 ⇒ 2002).
#[test]
fn frag_needed_46_small_mtu_uses_plateau() {
    let mut h = V4::new(TARGET, NS4, 17);
    h.total_len = Some(4000);
    let big = h.packet(&udp_v4(v4(TARGET), v4(NS4), 1, 2, &[0u8; 32]));
    for m in [0u16, 1, 67] {
        let o = run_with(&cfg_ref(), &err4(3, 4, [0, 0, (m >> 8) as u8, m as u8], &big), &meta(), &mut TestHost::mtus(9000, 9000));
        assert_eq!((o.bytes[40], o.bytes[41]), (2, 0));
        assert_eq!(be32_at(&o.bytes, 44), 2022, "FN {m}");
    }
    // 68 is a real MTU: 88 ⇒ raised to 1280.
    let o = run_with(&cfg_ref(), &err4(3, 4, [0, 0, 0, 68], &big), &meta(), &mut TestHost::mtus(9000, 9000));
    assert_eq!(be32_at(&o.bytes, 44), 1280);
}

/// SPEC 5.6: 12 → 4 has no length on the ICMPv6 side ⇒ extension removed,
/// padding discarded; pointer (byte 4) translated per 5.4 (9 ⇒ 6). The
/// ICMPv4 12 length attribute is byte 5.
#[test]
fn param_problem_46_extension_removed() {
    let inner = inner4(b"");
    let body = with_ext(&inner, 32, 16);
    let o = run(&cfg_ref(), &err4(12, 0, [9, 8, 0, 0], &body));
    let b = &o.bytes;
    assert_eq!((b[40], b[41]), (4, 0));
    assert_eq!(be32_at(b, 44), 6);
    assert_eq!(b.len(), 40 + 8 + 48, "quote only, no padding, no extension");
    assert_eq!(&b[48..], &inner6(b"")[..]);
}

/// SPEC 5.6: 3/4 → 2/0 carries no extension; 3/2 → 4/1 neither.
#[test]
fn frag_needed_and_proto_unreach_46_extension_removed() {
    let inner = inner4(&[5u8; 20]);
    let body = with_ext(&inner, 128, 16);
    let o = run(&cfg_ref(), &err4(3, 4, [0, 32, 0x05, 0xdc], &body));
    assert_eq!((o.bytes[40], o.bytes[41]), (2, 0));
    assert_eq!(o.bytes.len(), 48 + 68);
    let o = run(&cfg_ref(), &err4(3, 2, [0, 32, 0, 0], &body));
    assert_eq!((o.bytes[40], o.bytes[41]), (4, 1));
    assert_eq!(be32_at(&o.bytes, 44), 6, "pointer 6 (Next Header)");
    assert_eq!(o.bytes.len(), 48 + 68);
}

/// SPEC 5.3 / 5.6: 4/1 → 3/2: no pointer, no length (ICMPv6 4 has none).
#[test]
fn unrecognized_next_header_64_rest_zero() {
    let inner = inner6(b"x");
    let o = run(&cfg_ref(), &err6(4, 1, [0, 0, 0, 6], &inner));
    assert_eq!((o.bytes[20], o.bytes[21]), (3, 2));
    assert_eq!(&o.bytes[24..28], &[0, 0, 0, 0]);
}

/// SPEC 5.6: 11 → 3 carries the extension; ICMPv6 length at byte 4 in 8 B
/// units, ICMPv4 length at byte 5 in 4 B units, and back.
#[test]
fn rfc4884_time_exceeded_both_ways() {
    let inner = inner4(&[1u8; 100]); // 128 B
    let body = with_ext(&inner, 128, 12);
    let o = run(&cfg_ref(), &err4(11, 0, [0, 32, 0, 0], &body));
    let b = &o.bytes;
    assert_eq!((b[40], b[41], b[44], b[45]), (3, 0, 18, 0), "148 B ⇒ 144 B = 18 units");
    assert_eq!(b.len(), 48 + 144 + 12);
    assert_eq!(&b[48 + 144..], &body[128..]);

    let inner = inner6(&[1u8; 100]); // 148 B
    let body = with_ext(&inner, 152, 12);
    let o = run(&cfg_ref(), &err6(3, 1, [19, 0, 0, 0], &body));
    let b = &o.bytes;
    assert_eq!((b[20], b[21], b[24], b[25]), (11, 1, 0, 32), "128 B = 32 units");
    assert_eq!(b.len(), 28 + 128 + 12);
    assert_eq!(&b[28 + 128..], &body[152..]);
}

/// SPEC 5.6 step 4: `L ≠ 0` with no bytes after the field ⇒ no extension
/// (output length 0, nothing padded).
#[test]
fn rfc4884_length_without_extension() {
    let inner = inner4(&[1u8; 4]); // 32 B
    let o = run(&cfg_ref(), &err4(3, 3, [0, 8, 0, 0], &inner));
    assert_eq!((o.bytes[40], o.bytes[41], o.bytes[44]), (1, 4, 0));
    assert_eq!(o.bytes.len(), 48 + 52);
    // L·4 beyond the message: same.
    let o = run(&cfg_ref(), &err4(3, 3, [0, 200, 0, 0], &inner));
    assert_eq!(o.bytes[44], 0);
    assert_eq!(o.bytes.len(), 48 + 52);
}

/// SPEC 4 / 5.5: an inner UDP checksum 0 stays 0 both ways.
#[test]
fn inner_udp_zero_checksum_stays_zero() {
    let mut inner = V4::new(TARGET, NS4, 17).packet(&udp_zero(1, 2, b"abcd"));
    let o = run(&cfg_ref(), &err4(3, 3, [0; 4], &inner));
    assert_eq!(&o.bytes[48 + 40 + 6..48 + 40 + 8], &[0, 0]);
    let inner6z = V6::new(TARGET_6, NS4_6).packet(17, &udp_zero(1, 2, b"abcd"));
    let o = run(&cfg_ref(), &err6(1, 4, [0; 4], &inner6z));
    assert_eq!(&o.bytes[28 + 20 + 6..28 + 20 + 8], &[0, 0]);
    inner.truncate(20 + 7); // UDP checksum not quoted: untouched
    let o = run(&cfg_ref(), &err4(3, 3, [0; 4], &inner));
    assert_eq!(&o.bytes[88..], &inner[20..]);
}

/// SPEC 5.5: inner HBH / DestOpts skipped; inner Total Length = payload
/// length − extension headers + 20; inner TTL copied; inner checksum valid.
#[test]
fn inner_ipv6_extension_headers_skipped() {
    let h = V6::new(TARGET_6, NS4_6).with_ext(0, opts_hdr()).with_ext(60, opts_hdr());
    let mut h2 = h.clone();
    h2.hop = 7;
    let inner = h2.packet(17, &udp_v6(h.src, h.dst, 1, 2, &[9u8; 30]));
    let o = run(&cfg_ref(), &err6(1, 4, [0; 4], &inner));
    let ih = &o.bytes[28..48];
    assert_eq!(u16::from_be_bytes([ih[2], ih[3]]), 20 + 38);
    assert_eq!((ih[8], ih[9]), (7, 17));
    assert_eq!(csum(&[ih]), 0, "inner IPv4 header checksum");
    assert_eq!(o.bytes.len(), 28 + 20 + 38);
    let want = V4::new(TARGET, NS4, 17).udp(1, 2, &[9u8; 30]);
    assert_eq!(&o.bytes[48..], &want[20..]);
}

/// SPEC 5.5: inner packet with Segments Left ≠ 0 or an extension after its
/// Fragment header could not have been translated ⇒ drop the error.
#[test]
fn inner_untranslatable_ipv6_dropped() {
    let inner = V6::new(TARGET_6, NS4_6).with_ext(43, rh(1)).udp(1, 2, b"x");
    assert_eq!(run(&cfg_ref(), &err6(1, 4, [0; 4], &inner)).verdict, Verdict::Drop(DropReason::IcmpInnerInvalid));
    let inner = V6::new(TARGET_6, NS4_6).with_ext(44, fh(0, true, 1)).with_ext(60, opts_hdr()).udp(1, 2, b"x");
    assert_eq!(run(&cfg_ref(), &err6(1, 4, [0; 4], &inner)).verdict, Verdict::Drop(DropReason::IcmpInnerInvalid));
}

/// SPEC 5.9: 46 counterpart — an ICMPv4 error from an unmappable source
/// uses `icmp-src6-fallback` if set, else drop.
#[test]
fn icmp4_error_unmappable_source_src6_fallback() {
    let mut cfg = Config::DEFAULT.with_eamt(eamt(&[
        ("198.51.100.0", 24, "2001:db8:a::", 120),
        ("192.0.2.0", 24, "2001:db8:b::", 120),
    ]));
    cfg.prefix6 = None;
    let p = V4::new("203.0.113.5", TARGET, 1).packet(&icmp4(3, 1, [0; 4], &inner4(b"x")));
    assert!(matches!(run(&cfg, &p).verdict, Verdict::Drop(DropReason::SrcUnmapped)));
    cfg.icmp_src6_fallback = Some(v6("2001:db8:ffff::1"));
    let o = run(&cfg, &p);
    assert_eq!(&o.bytes[8..24], &v6("2001:db8:ffff::1"));
    assert_eq!(&o.bytes[24..40], &v6("2001:db8:b::21"));
}

/// SPEC 6 order: error checksum (6) before address mapping (7); TTL (3)
/// before mapping; hop limit (3) before Segments Left (4).
#[test]
fn processing_order() {
    // 64: bad checksum and unmappable destination ⇒ bad checksum.
    let h = V6::new(TARGET_6, "2001:db8:1::9");
    let mut p = h.packet(58, &icmp6(h.src, h.dst, 1, 4, [0; 4], &inner6(b"x")));
    let n = p.len();
    p[n - 1] ^= 1;
    assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::IcmpBadChecksum));
    // 64: hop limit 1 and Segments Left ⇒ 3/0.
    let mut h = V6::new(TARGET_6, NS4_6).with_ext(43, rh(2));
    h.hop = 1;
    let p = h.udp(1, 2, b"x");
    assert!(matches!(run(&cfg_ref(), &p).verdict, Verdict::Reject(IcmpError::V6 { icmp_type: 3, code: 0, .. }, _)));
    // 64: Segments Left ⇒ 4/0 pointer 43.
    let p = V6::new(TARGET_6, NS4_6).with_ext(43, rh(2)).udp(1, 2, b"x");
    assert!(matches!(run(&cfg_ref(), &p).verdict, Verdict::Reject(IcmpError::V6 { icmp_type: 4, code: 0, info: 43 }, _)));
    // 46: TTL 1 towards an unmappable destination ⇒ 11/0 (EAM-only config).
    let mut cfg = Config::DEFAULT.with_eamt(eamt(&[("192.0.2.0", 24, "2001:db8:b::", 120)]));
    cfg.prefix6 = None;
    let mut h = V4::new(TARGET, NS4, 17);
    h.ttl = 1;
    assert!(matches!(run(&cfg, &h.udp(1, 2, b"x")).verdict, Verdict::Reject(IcmpError::V4 { icmp_type: 11, code: 0, .. }, _)));
    h.ttl = 64;
    assert!(matches!(run(&cfg, &h.udp(1, 2, b"x")).verdict, Verdict::Reject(IcmpError::V4 { icmp_type: 3, code: 13, .. }, _)));
}

/// SPEC 5.1: informational types other than echo are dropped both ways.
#[test]
fn informational_drops() {
    for t in [4u8, 5, 6, 9, 10, 13, 14, 15, 16, 17, 18, 30, 200] {
        let p = V4::new(TARGET, NS4, 1).packet(&icmp4(t, 0, [0; 4], &[0u8; 28]));
        assert!(matches!(run(&cfg_ref(), &p).verdict, Verdict::Drop(_)), "ICMPv4 {t}");
    }
    for t in [130u8, 131, 132, 133, 134, 135, 136, 137, 143, 139, 200] {
        let h = V6::new(TARGET_6, NS4_6);
        let p = h.packet(58, &icmp6(h.src, h.dst, t, 0, [0; 4], &[0u8; 24]));
        assert!(matches!(run(&cfg_ref(), &p).verdict, Verdict::Drop(_)), "ICMPv6 {t}");
    }
}

/// SPEC 5.2: 3/14, 3/≥16, 12/1 and 12/3 dropped.
#[test]
fn icmp4_error_drops() {
    let inner = inner4(b"x");
    for (t, c) in [(3u8, 14u8), (3, 16), (3, 255), (12, 1), (12, 3)] {
        assert_eq!(run(&cfg_ref(), &err4(t, c, [0; 4], &inner)).verdict, Verdict::Drop(DropReason::IcmpUntranslatable), "{t}/{c}");
    }
}

/// SPEC 5.5 / 5.6: outer and inner IPv4 options are removed, the extension
/// is moved unchanged; 128 B field (inner 28 B + 4 B options ⇒ 48 B + 80
/// pad), ICMPv6 length 16.
#[test]
fn rfc4884_46_with_ipv4_options() {
    let mut ih = V4::new(TARGET, NS4, 17);
    ih.options = vec![1, 1, 1, 0]; // NOP NOP NOP EOL
    let inner = ih.udp(1, 2, b"");
    assert_eq!(inner.len(), 32);
    let body = with_ext(&inner, 32, 24);
    let mut oh = V4::new(NS4, TARGET, 1);
    oh.options = vec![1, 1, 1, 0];
    let p = oh.packet(&icmp4(3, 3, [0, 8, 0, 0], &body));
    let o = run(&cfg_ref(), &p);
    let b = &o.bytes;
    assert_eq!((b[40], b[41], b[44]), (1, 4, 16));
    assert_eq!(b.len(), 48 + 128 + 24);
    assert_eq!(&b[48..96], &V6::new(TARGET_6, NS4_6).udp(1, 2, b"")[..]);
    assert!(b[96..176].iter().all(|&x| x == 0));
    assert_eq!(&b[176..], &body[32..]);
}

/// SPEC 5.6 with an outer IPv6 extension header before the ICMPv6 error.
#[test]
fn rfc4884_64_with_outer_hbh() {
    let inner = inner6(&[1u8; 100]); // 148 B
    let body = with_ext(&inner, 152, 12);
    let h = V6::new(TARGET_6, NS4_6).with_ext(0, opts_hdr());
    let p = h.packet(58, &icmp6(h.src, h.dst, 1, 4, [19, 0, 0, 0], &body));
    let o = run(&cfg_ref(), &p);
    let b = &o.bytes;
    assert_eq!((b[20], b[21], b[25]), (3, 3, 32));
    assert_eq!(b.len(), 28 + 128 + 12);
    assert_eq!(&b[48..156], &inner4(&[1u8; 100])[20..]);
    assert_eq!(&b[156..], &body[152..]);
}
