// SPDX-License-Identifier: GPL-2.0

//! 64 header translation vectors (SPEC 2.3, 2.4, 2.6, 2.7, 3.3, 4, 6) and
//! the SPEC 1.4 intrinsic hairpin.

mod common;

use common::*;
use ipxlat_engine::engine::packet::{ChecksumState, Family, Gso, GsoKind, Meta, Verdict};
use ipxlat_engine::engine::verdict::{DropReason, IcmpError};

const NS6_SRC: &str = "2001:db8:1c0:2:21::"; // 192.0.2.33
const NS4_6: &str = "2001:db8:1c6:3364:2::"; // 198.51.100.2

fn reject6(t: u8, c: u8, info: u32, r: DropReason) -> Verdict {
    Verdict::Reject(IcmpError::V6 { icmp_type: t, code: c, info }, r)
}

#[test]
fn udp_header_fields() {
    let mut h = V6::new(NS6_SRC, NS4_6);
    h.tc = 0x2e;
    h.flow = 0x12345;
    let p = h.udp(5555, 4242, b"hello");
    let o = run(&cfg_ref(), &p);
    let t = o.translated();
    assert_eq!(t.family, Family::V4);
    assert_eq!(t.start, HEADROOM + 20);
    assert_eq!(t.l4_offset, 20);
    let b = &o.bytes;
    assert_eq!(b[0], 0x45);
    assert_eq!(b[1], 0x2e, "TOS = traffic class");
    assert_eq!(u16::from_be_bytes([b[2], b[3]]) as usize, p.len() - 20);
    assert_eq!(u16::from_be_bytes([b[4], b[5]]), 0x1234, "host ID generator");
    assert_eq!(b[6], 0, "DF=0 at <= 1260");
    assert_eq!(b[8], 63);
    assert_eq!(b[9], 17);
    assert_eq!(&b[12..16], &v4("192.0.2.33"));
    assert_eq!(&b[16..20], &v4("198.51.100.2"));
    assert_eq!(&b[20..], &udp_v4(v4("192.0.2.33"), v4("198.51.100.2"), 5555, 4242, b"hello")[..]);
}

#[test]
fn override_tos() {
    let mut h = V6::new(NS6_SRC, NS4_6);
    h.tc = 0x2e;
    let mut c = cfg_ref();
    c.override_tos = Some(0x10);
    assert_eq!(run(&c, &h.udp(1, 2, b"x")).bytes[1], 0x10);
}

#[test]
fn tcp_and_echo() {
    let o = run(&cfg_ref(), &V6::new(NS6_SRC, NS4_6).tcp(&[9u8; 50]));
    assert_eq!(&o.bytes[20..], &tcp_v4(v4("192.0.2.33"), v4("198.51.100.2"), &[9u8; 50])[..]);
    for (t6, t4) in [(128u8, 8u8), (129, 0)] {
        let o = run(&cfg_ref(), &V6::new(NS6_SRC, NS4_6).echo(t6, b"pingpong"));
        assert_eq!(o.bytes[9], 1);
        assert_eq!(&o.bytes[20..], &icmp4(t4, 0, [0x12, 0x34, 0, 1], b"pingpong")[..]);
    }
}

/// RFC 7915 section 5.2 changes the echo type only: a non-zero code is
/// copied and the checksum covers it.
#[test]
fn echo_code_copied() {
    let (src6, dst6) = (v6(NS6_SRC), v6(NS4_6));
    for (t6, t4, code) in [(128u8, 8u8, 3u8), (129, 0, 200)] {
        let p = V6::new(NS6_SRC, NS4_6).packet(58, &icmp6(src6, dst6, t6, code, [0, 9, 0, 1], b"echo"));
        let o = run(&cfg_ref(), &p);
        assert_eq!(&o.bytes[20..], &icmp4(t4, code, [0, 9, 0, 1], b"echo")[..]);
    }
}

#[test]
fn zero_udp_checksum_kept() {
    let p = V6::new(NS6_SRC, NS4_6).packet(17, &udp_zero(1, 2, b"tunnel"));
    let o = run(&cfg_ref(), &p);
    assert_eq!(&o.bytes[26..28], &[0, 0]);
}

/// SPEC 3.3 vectors.
#[test]
fn df_rule_and_ptb() {
    let h = V6::new(NS6_SRC, NS4_6);
    let p = h.udp(1, 2, &vec![0u8; 1280 - 48]);
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes.len(), 1260);
    assert_eq!(o.bytes[6] & 0x40, 0);
    let p = h.udp(1, 2, &vec![0u8; 1281 - 48]);
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes.len(), 1261);
    assert_eq!(o.bytes[6] & 0x40, 0x40);
    let p = h.udp(1, 2, &vec![0u8; 1421 - 48]);
    let v = run_with(&cfg_ref(), &p, &meta(), &mut TestHost::mtus(1500, 1400)).verdict;
    assert_eq!(v, reject6(2, 0, 1420, DropReason::PacketTooBig));
    // Small MTU4: PTB never below 1280.
    let v = run_with(&cfg_ref(), &h.udp(1, 2, &vec![0u8; 1000]), &meta(), &mut TestHost::mtus(1500, 576)).verdict;
    assert_eq!(v, Verdict::Translated(run_with(&cfg_ref(), &h.udp(1, 2, &vec![0u8; 1000]), &meta(), &mut TestHost::mtus(1500, 576)).translated()), "DF=0 at 1028: host fragments");
    let v = run_with(&cfg_ref(), &h.udp(1, 2, &vec![0u8; 1300]), &meta(), &mut TestHost::mtus(1500, 576)).verdict;
    assert_eq!(v, reject6(2, 0, 1280, DropReason::PacketTooBig));
}

#[test]
fn fragment_header_vector() {
    // FH ID 0x01020408 offset 80 ⇒ ID 0x0408, offset 80, DF=0.
    let p = V6::new(NS6_SRC, NS4_6).with_ext(44, fh(80, false, 0x01020408)).packet(17, &[0xaa; 24]);
    let o = run(&cfg_ref(), &p);
    let b = &o.bytes;
    assert_eq!(&b[4..6], &[0x04, 0x08]);
    assert_eq!(u16::from_be_bytes([b[6], b[7]]), 80);
    assert_eq!(b[9], 17);
    assert_eq!(&b[20..], &[0xaa; 24]);
    assert_eq!(o.translated().start, HEADROOM + 48 - 20);
    // First fragment too big for MTU4 ⇒ 2/0; later fragment ⇒ host fragments.
    let mut u = udp_v6(v6(NS6_SRC), v6(NS4_6), 1, 2, &[0u8; 1400]);
    u.truncate(1400);
    let p = V6::new(NS6_SRC, NS4_6).with_ext(44, fh(0, true, 9)).packet(17, &u);
    assert_eq!(run_with(&cfg_ref(), &p, &meta(), &mut TestHost::mtus(1500, 1300)).verdict, reject6(2, 0, 1320, DropReason::PacketTooBig));
    let p = V6::new(NS6_SRC, NS4_6).with_ext(44, fh(200, true, 9)).packet(17, &u);
    assert!(matches!(run_with(&cfg_ref(), &p, &meta(), &mut TestHost::mtus(1500, 1300)).verdict, Verdict::Translated(_)));
    // Atomic fragment: unfragmented IPv4, DF=0, copied ID.
    let p = V6::new(NS6_SRC, NS4_6).with_ext(44, fh(0, false, 0xabcd1234)).udp(1, 2, b"atomic");
    let p = {
        // The builder computed the UDP checksum; keep it.
        p
    };
    let o = run(&cfg_ref(), &p);
    assert_eq!(&o.bytes[4..8], &[0x12, 0x34, 0, 0]);
}

#[test]
fn extension_headers() {
    let base = V6::new(NS6_SRC, NS4_6);
    // HBH, DestOpts, RH with SL 0: removed.
    let p = base.clone().with_ext(0, opts_hdr()).with_ext(60, opts_hdr()).with_ext(43, rh(0)).udp(1, 2, b"ext");
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes.len(), 20 + 8 + 3);
    assert_eq!(o.translated().start, HEADROOM + 40 + 8 + 8 + 24 - 20);
    // SL != 0 ⇒ 4/0 pointer 40 + 8 + 3.
    let p = base.clone().with_ext(0, opts_hdr()).with_ext(43, rh(1)).udp(1, 2, b"x");
    assert_eq!(run(&cfg_ref(), &p).verdict, reject6(4, 0, 51, DropReason::SegmentsLeft));
    // Extension after FH ⇒ 1/1.
    let p = base.clone().with_ext(44, fh(0, true, 1)).with_ext(60, opts_hdr()).udp(1, 2, b"x");
    assert_eq!(run(&cfg_ref(), &p).verdict, reject6(1, 1, 0, DropReason::ExtAfterFragment));
    // Two FHs, HBH not first ⇒ drop.
    let p = base.clone().with_ext(44, fh(0, true, 1)).with_ext(44, fh(0, true, 1)).udp(1, 2, b"x");
    assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::MalformedIpv6));
    let p = base.clone().with_ext(60, opts_hdr()).with_ext(0, opts_hdr()).udp(1, 2, b"x");
    assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::MalformedIpv6));
    // Overrunning header.
    let mut bad = opts_hdr();
    bad[1] = 5;
    let p = base.clone().with_ext(60, bad).udp(1, 2, b"x");
    assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::MalformedIpv6));
    // ESP and AH not after a FH: copied as protocol.
    let p = base.clone().packet(50, &[1u8; 32]);
    assert_eq!(run(&cfg_ref(), &p).bytes[9], 50);
    let p = base.clone().packet(51, &[1u8; 32]);
    assert_eq!(run(&cfg_ref(), &p).bytes[9], 51);
    // No Next Header.
    let o = run(&cfg_ref(), &base.packet(59, &[]));
    assert_eq!((o.bytes[9], o.bytes.len()), (59, 20));
}

#[test]
fn hop_limit() {
    let mut h = V6::new(NS6_SRC, NS4_6);
    h.hop = 1;
    assert_eq!(run(&cfg_ref(), &h.udp(1, 2, b"x")).verdict, reject6(3, 0, 0, DropReason::HopLimitExceeded));
    let mut m = meta();
    m.hop_already_decremented = true;
    assert_eq!(run_with(&cfg_ref(), &h.udp(1, 2, b"x"), &m, &mut TestHost::new()).bytes[8], 1);
}

#[test]
fn length_and_jumbo() {
    let h = V6::new(NS6_SRC, NS4_6);
    let mut p = h.udp(1, 2, b"abc");
    p.push(0); // buffer longer than 40 + payload length
    assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::MalformedIpv6));
    let mut j = h.clone().with_ext(0, vec![0, 0, 0xc2, 4, 0, 1, 0, 0]);
    j.payload_len = Some(0);
    assert_eq!(run(&cfg_ref(), &j.udp(1, 2, b"abc")).verdict, Verdict::Drop(DropReason::Oversize));
}

#[test]
fn address_checks() {
    for (s, d, r) in [
        ("::", NS4_6, DropReason::SrcAddressClass),
        ("::1", NS4_6, DropReason::SrcAddressClass),
        ("ff02::1", NS4_6, DropReason::SrcAddressClass),
        ("fe80::1", NS4_6, DropReason::SrcAddressClass),
        (NS6_SRC, "ff02::1", DropReason::DstAddressClass),
        (NS6_SRC, "fe80::1", DropReason::DstAddressClass),
        (NS6_SRC, "2001:db8:1c6:3364:ff02::", DropReason::UOctetNonZero),
    ] {
        assert_eq!(run(&cfg_ref(), &V6::new(s, d).udp(1, 2, b"x")).verdict, Verdict::Drop(r), "{s} -> {d}");
    }
    // Unmapped source ⇒ 1/5, unmapped destination ⇒ 1/1.
    assert_eq!(run(&cfg_ref(), &V6::new("2001:db8:1::2", NS4_6).udp(1, 2, b"x")).verdict, reject6(1, 5, 0, DropReason::SrcUnmapped));
    assert_eq!(run(&cfg_ref(), &V6::new(NS6_SRC, "2001:db8:1::2").udp(1, 2, b"x")).verdict, reject6(1, 1, 0, DropReason::DstUnmapped));
}

#[test]
fn single_hop_icmpv6_dropped() {
    for t in [130u8, 131, 132, 133, 134, 135, 136, 137, 143] {
        let p = V6::new(NS6_SRC, NS4_6).packet(58, &icmp6(v6(NS6_SRC), v6(NS4_6), t, 0, [0; 4], &[0u8; 16]));
        assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::SingleHopProtocol), "type {t}");
    }
}

#[test]
fn gso_segment_checks() {
    let p = V6::new(NS6_SRC, NS4_6).tcp(&vec![0u8; 4000]);
    let m = Meta { csum: ChecksumState::Partial, gso: Some(Gso { size: 1440, kind: GsoKind::Tcp }), hop_already_decremented: false };
    let mut host = TestHost::mtus(1500, 1500);
    let o = run_with(&cfg_ref(), &p, &m, &mut host);
    assert_eq!(o.translated().gso_size, Some(1440));
    assert_eq!(o.bytes[6] & 0x40, 0x40, "segments of 1480 B: DF=1");
    // 4000 payload bytes in segments of 1440: three segments, three IDs
    // reserved from the TCP bucket of the host generator (SPEC 2.3).
    assert_eq!(host.id_requests, [(6, 3)]);
    assert_eq!(u16::from_be_bytes([o.bytes[4], o.bytes[5]]), 0x1234);
    assert_eq!(host.next_id, 0x1237);
    let mut host = TestHost::new();
    run_with(&cfg_ref(), &V6::new(NS6_SRC, NS4_6).udp(1, 2, b"x"), &Meta { gso: None, ..m }, &mut host);
    assert_eq!(host.id_requests, [(17, 1)], "one UDP packet: one ID");
    assert_eq!(run_with(&cfg_ref(), &p, &m, &mut TestHost::mtus(1500, 1400)).verdict, reject6(2, 0, 1420, DropReason::PacketTooBig));
}

/// SPEC 1.4 example: UDP 2001:db8:3::8 → 2001:db8:101:0:9:: hop 64 ⇒
/// 2001:db8:101:0:8:: → 2001:db8:3::9, hop 63, UDP checksum unchanged.
#[test]
fn intrinsic_hairpin() {
    let mut c = cfg_ref();
    c.eamt = eamt(&[("1.0.0.0", 24, "2001:db8:3::", 120)]);
    let h = V6::new("2001:db8:3::8", "2001:db8:101:0:9::");
    let p = h.udp(1000, 2000, b"hairpin");
    let o = run(&c, &p);
    let t = o.translated();
    assert!(t.hairpinned);
    assert_eq!(t.family, Family::V6);
    assert_eq!(&o.bytes[8..24], &v6("2001:db8:101:0:8::"));
    assert_eq!(&o.bytes[24..40], &v6("2001:db8:3::9"));
    assert_eq!(o.bytes[7], 63);
    assert_eq!(&o.bytes[46..48], &p[46..48], "checksum-neutral: unchanged");
    // Intrinsic off ⇒ plain 64.
    c.hairpin = ipxlat_engine::engine::config::HairpinMode::Off;
    let o = run(&c, &p);
    assert_eq!(o.translated().family, Family::V4);
    assert_eq!(&o.bytes[16..20], &[1, 0, 0, 9]);
}

/// SPEC 1.4 error example: ICMPv6 error from unmappable 2001:db8::5 to
/// 2001:db8:101:0:1::, quoting 2001:db8:101:0:1:: → 2001:db8:2::a, pool
/// 203.0.113.8 ⇒ 2001:db8:1cb:71:8:: → 2001:db8:3::1 quoting
/// 2001:db8:3::1 → 2001:db8:10a:0:a::.
#[test]
fn intrinsic_hairpin_error() {
    use ipxlat_engine::engine::addr::ipv4_prefix::Ipv4Prefix;
    let mut c = cfg_ref();
    c.eamt = eamt(&[("1.0.0.0", 24, "2001:db8:3::", 120), ("10.0.0.0", 24, "2001:db8:2::", 120)]);
    c.icmp_src4_fallback.pool = Ipv4Prefix { addr: v4("203.0.113.8"), len: 32 };
    let inner = V6::new("2001:db8:101:0:1::", "2001:db8:2::a").udp(7, 9, b"quoted");
    let h = V6::new("2001:db8::5", "2001:db8:101:0:1::");
    let p = h.packet(58, &icmp6(h.src, h.dst, 1, 4, [0; 4], &inner));
    let o = run(&c, &p);
    let t = o.translated();
    assert!(t.hairpinned);
    assert_eq!(t.family, Family::V6);
    let b = &o.bytes;
    assert_eq!(&b[8..24], &v6("2001:db8:1cb:71:8::"));
    assert_eq!(&b[24..40], &v6("2001:db8:3::1"));
    assert_eq!(b[7], 63);
    assert_eq!((b[40], b[41]), (1, 4));
    let want = V6::new("2001:db8:3::1", "2001:db8:10a:0:a::").udp(7, 9, b"quoted");
    assert_eq!(&b[48..], &want[..]);
}

/// A Packet Too Big about a hairpinned packet keeps its MTU whatever the
/// host's IPv4 routes say: no IPv4 hop is on the path (SPEC 1.4, 3.5).
#[test]
fn intrinsic_hairpin_ptb_ignores_ipv4_routes() {
    let mut c = cfg_ref();
    c.eamt = eamt(&[("1.0.0.0", 24, "2001:db8:3::", 120)]);
    let inner = V6::new("2001:db8:101:0:8::", "2001:db8:3::9").udp(1, 2, &[1u8; 1400]);
    let h = V6::new("2001:db8:ffff::1", "2001:db8:101:0:8::");
    let p = h.packet(58, &icmp6(h.src, h.dst, 2, 0, 1400u32.to_be_bytes(), &inner));
    for mtu4 in [1500, 1300] {
        let o = run_with(&c, &p, &meta(), &mut TestHost::mtus(1500, mtu4));
        assert!(o.translated().hairpinned);
        assert_eq!((o.bytes[40], o.bytes[41]), (2, 0));
        assert_eq!(u32::from_be_bytes(o.bytes[44..48].try_into().unwrap()), 1400, "host mtu4 {mtu4}");
    }
}

/// SPEC 1.4 simple mode: every 46 source by RFC 6052 only.
#[test]
fn simple_hairpin_mode_46() {
    let mut c = cfg_ref();
    c.eamt = eamt(&[("198.51.100.0", 24, "2001:db8:3::", 120)]);
    let p = V4::new("198.51.100.2", "192.0.2.33", 17).udp(1, 2, b"x");
    let o = run(&c, &p);
    assert_eq!(&o.bytes[8..24], &v6("2001:db8:3::2"), "normal: EAM");
    c.hairpin = ipxlat_engine::engine::config::HairpinMode::Simple;
    let o = run(&c, &p);
    assert_eq!(&o.bytes[8..24], &v6("2001:db8:1c6:3364:2::"), "second leg: RFC 6052 only");
}
