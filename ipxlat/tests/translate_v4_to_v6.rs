// SPDX-License-Identifier: GPL-2.0

//! 46 header translation vectors (SPEC 2.1, 2.2, 2.5, 2.6, 2.7, 3.2, 4, 6).

mod common;

use common::*;
use ipxlat_engine::engine::config::UdpZeroCsum;
use ipxlat_engine::engine::packet::{ChecksumState, Family, Gso, GsoKind, Meta, Verdict};
use ipxlat_engine::engine::verdict::{DropReason, IcmpError};

const NS4: &str = "198.51.100.2";
const TARGET: &str = "192.0.2.33";

fn reject4(t: u8, c: u8, info: u32, r: DropReason) -> Verdict {
    Verdict::Reject(IcmpError::V4 { icmp_type: t, code: c, info }, r)
}

#[test]
fn udp_header_fields() {
    let mut h = V4::new(NS4, TARGET, 17);
    h.tos = 0xb8;
    h.id = 0x4242;
    h.df = true;
    let p = h.udp(4242, 5555, b"hello world");
    let o = run(&cfg_ref(), &p);
    let t = o.translated();
    assert_eq!(t.family, Family::V6);
    assert_eq!(t.l4_offset, 40);
    assert_eq!(t.l4_proto, 17);
    assert_eq!(t.start, HEADROOM + 20 - 40);
    let b = &o.bytes;
    assert_eq!(b.len(), p.len() + 20);
    assert_eq!(b[0] >> 4, 6);
    assert_eq!(((u16::from_be_bytes([b[0], b[1]]) >> 4) & 0xff) as u8, 0xb8, "traffic class = TOS");
    assert_eq!(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) & 0xfffff, 0, "flow label 0");
    assert_eq!(u16::from_be_bytes([b[4], b[5]]) as usize, p.len() - 20);
    assert_eq!(b[6], 17);
    assert_eq!(b[7], 63, "hop limit = TTL - 1");
    assert_eq!(&b[8..24], &v6("2001:db8:1c6:3364:2::"));
    assert_eq!(&b[24..40], &v6("2001:db8:1c0:2:21::"));
    assert_eq!(&b[40..], &udp_v6(v6("2001:db8:1c6:3364:2::"), v6("2001:db8:1c0:2:21::"), 4242, 5555, b"hello world")[..]);
}

#[test]
fn zero_traffic_class_knob() {
    let mut h = V4::new(NS4, TARGET, 17);
    h.tos = 0xb8;
    let mut c = cfg_ref();
    c.zero_traffic_class = true;
    let o = run(&c, &h.udp(1, 2, b"x"));
    assert_eq!(o.bytes[0] & 0x0f, 0);
    assert_eq!(o.bytes[1] & 0xf0, 0);
}

#[test]
fn tcp_checksum_incremental() {
    let p = V4::new(NS4, TARGET, 6).tcp(&[7u8; 100]);
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes[6], 6);
    let want = tcp_v6(v6("2001:db8:1c6:3364:2::"), v6("2001:db8:1c0:2:21::"), &[7u8; 100]);
    assert_eq!(&o.bytes[40..], &want[..]);
}

#[test]
fn echo_request_and_reply() {
    for (t4, t6) in [(8u8, 128u8), (0, 129)] {
        let p = V4::new(NS4, TARGET, 1).echo(t4, b"ping data 123");
        let o = run(&cfg_ref(), &p);
        assert_eq!(o.bytes[6], 58);
        assert_eq!(o.bytes[40], t6);
        let want = icmp6(v6("2001:db8:1c6:3364:2::"), v6("2001:db8:1c0:2:21::"), t6, 0, [0x12, 0x34, 0, 1], b"ping data 123");
        assert_eq!(&o.bytes[40..], &want[..]);
    }
}

/// RFC 7915 section 4.2 changes the echo type only: a non-zero code is
/// copied and the checksum covers it.
#[test]
fn echo_code_copied() {
    let (src6, dst6) = (v6("2001:db8:1c6:3364:2::"), v6("2001:db8:1c0:2:21::"));
    for (t4, t6, code) in [(8u8, 128u8, 1u8), (0, 129, 255)] {
        let p = V4::new(NS4, TARGET, 1).packet(&icmp4(t4, code, [0xbe, 0xef, 0, 7], b"echo"));
        let o = run(&cfg_ref(), &p);
        assert_eq!(&o.bytes[40..], &icmp6(src6, dst6, t6, code, [0xbe, 0xef, 0, 7], b"echo")[..]);
    }
}

#[test]
fn other_protocol_untouched() {
    let payload = [0xabu8; 33];
    let p = V4::new(NS4, TARGET, 47).packet(&payload);
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes[6], 47);
    assert_eq!(&o.bytes[40..], &payload[..]);
}

#[test]
fn ttl_expiry_and_already_decremented() {
    let mut h = V4::new(NS4, TARGET, 17);
    h.ttl = 1;
    let p = h.udp(1, 2, b"x");
    assert_eq!(run(&cfg_ref(), &p).verdict, reject4(11, 0, 0, DropReason::HopLimitExceeded));
    let mut m = meta();
    m.hop_already_decremented = true;
    let o = run_with(&cfg_ref(), &p, &m, &mut TestHost::new());
    assert_eq!(o.bytes[7], 1, "copied, no expiry check");
    h.ttl = 2;
    assert_eq!(run(&cfg_ref(), &h.udp(1, 2, b"x")).bytes[7], 1);
}

#[test]
fn icmp_errors_off_drops_instead() {
    let mut h = V4::new(NS4, TARGET, 17);
    h.ttl = 1;
    let mut c = cfg_ref();
    c.icmp_errors = false;
    assert_eq!(run(&c, &h.udp(1, 2, b"x")).verdict, Verdict::Drop(DropReason::HopLimitExceeded));
}

#[test]
fn options_removed_and_source_route() {
    let mut h = V4::new(NS4, TARGET, 17);
    h.options = vec![1, 1, 1, 0]; // NOP NOP NOP EOL
    let o = run(&cfg_ref(), &h.udp(1, 2, b"opts"));
    assert_eq!(o.translated().start, HEADROOM + 24 - 40);
    assert_eq!(o.bytes.len(), 40 + 8 + 4);
    // LSRR, pointer 4 <= length 7: unexpired.
    h.options = vec![131, 7, 4, 1, 2, 3, 4, 0];
    assert_eq!(run(&cfg_ref(), &h.udp(1, 2, b"x")).verdict, reject4(3, 5, 0, DropReason::SourceRoute));
    // SSRR expired (pointer 8 > length 7): translated.
    h.options = vec![137, 7, 8, 1, 2, 3, 4, 0];
    assert!(matches!(run(&cfg_ref(), &h.udp(1, 2, b"x")).verdict, Verdict::Translated(_)));
    // Malformed: length 1.
    h.options = vec![7, 1, 0, 0];
    assert_eq!(run(&cfg_ref(), &h.udp(1, 2, b"x")).verdict, Verdict::Drop(DropReason::MalformedOptions));
    // Malformed: overruns.
    h.options = vec![7, 9, 0, 0];
    assert_eq!(run(&cfg_ref(), &h.udp(1, 2, b"x")).verdict, Verdict::Drop(DropReason::MalformedOptions));
}

#[test]
fn structural_drops() {
    let p = V4::new(NS4, TARGET, 17).udp(1, 2, b"abc");
    let mut bad = p.clone();
    bad[0] = 0x44; // IHL 4
    assert_eq!(run(&cfg_ref(), &bad).verdict, Verdict::Drop(DropReason::MalformedIpv4));
    let mut h = V4::new(NS4, TARGET, 17);
    h.total_len = Some(200);
    assert_eq!(run(&cfg_ref(), &h.udp(1, 2, b"abc")).verdict, Verdict::Drop(DropReason::MalformedIpv4));
    h.total_len = Some(10);
    assert_eq!(run(&cfg_ref(), &h.udp(1, 2, b"abc")).verdict, Verdict::Drop(DropReason::MalformedIpv4));
    // UDP length > data.
    let mut u = udp_v4(v4(NS4), v4(TARGET), 1, 2, b"abc");
    u[4..6].copy_from_slice(&100u16.to_be_bytes());
    assert_eq!(run(&cfg_ref(), &V4::new(NS4, TARGET, 17).packet(&u)).verdict, Verdict::Drop(DropReason::MalformedL4));
    u[4..6].copy_from_slice(&7u16.to_be_bytes());
    assert_eq!(run(&cfg_ref(), &V4::new(NS4, TARGET, 17).packet(&u)).verdict, Verdict::Drop(DropReason::MalformedL4));
    // TCP data offset < 5, and beyond the data.
    let mut t = tcp_v4(v4(NS4), v4(TARGET), b"");
    t[12] = 4 << 4;
    assert_eq!(run(&cfg_ref(), &V4::new(NS4, TARGET, 6).packet(&t)).verdict, Verdict::Drop(DropReason::MalformedL4));
    t[12] = 6 << 4;
    assert_eq!(run(&cfg_ref(), &V4::new(NS4, TARGET, 6).packet(&t)).verdict, Verdict::Drop(DropReason::MalformedL4));
    // Truncated UDP header.
    assert_eq!(run(&cfg_ref(), &V4::new(NS4, TARGET, 17).packet(&[0u8; 5])).verdict, Verdict::Drop(DropReason::MalformedL4));
    // IGMP.
    assert_eq!(run(&cfg_ref(), &V4::new(NS4, TARGET, 2).packet(&[0x11, 0, 0, 0, 0, 0, 0, 0])).verdict, Verdict::Drop(DropReason::SingleHopProtocol));
}

#[test]
fn address_class_drops() {
    for (s, d, r) in [
        ("0.1.2.3", TARGET, DropReason::SrcAddressClass),
        ("127.0.0.1", TARGET, DropReason::SrcAddressClass),
        ("224.0.0.1", TARGET, DropReason::SrcAddressClass),
        ("169.254.1.1", TARGET, DropReason::SrcAddressClass),
        (NS4, "255.255.255.255", DropReason::DstAddressClass),
        (NS4, "239.1.1.1", DropReason::DstAddressClass),
        (NS4, "127.0.0.1", DropReason::DstAddressClass),
    ] {
        assert_eq!(run(&cfg_ref(), &V4::new(s, d, 17).udp(1, 2, b"x")).verdict, Verdict::Drop(r), "{s} -> {d}");
    }
}

#[test]
fn wkp_non_global_dropped() {
    // 64:ff9b::/96 with documentation addresses: wkp-strict drops.
    let c = ipxlat_engine::engine::config::Config::DEFAULT;
    let v = run(&c, &V4::new(NS4, TARGET, 17).udp(1, 2, b"x")).verdict;
    assert_eq!(v, Verdict::Drop(DropReason::WkpNonGlobal));
    let mut c2 = c;
    c2.wkp_strict = false;
    let o = run(&c2, &V4::new(NS4, TARGET, 17).udp(1, 2, b"x"));
    assert_eq!(&o.bytes[24..40], &v6("64:ff9b::192.0.2.33"));
}

/// SPEC 7.2: raw IPv4 TTL 64, ID 1, DF=0, sport 4242, checksum 0, 21 B
/// payload to 192.0.2.33:5555 must arrive with a valid checksum.
#[test]
fn zero_checksum_udp_reference_case() {
    let mut h = V4::new(NS4, TARGET, 17);
    h.id = 1;
    let payload = [b'z'; 21];
    let p = h.packet(&udp_zero(4242, 5555, &payload));
    let o = run(&cfg_ref(), &p);
    let want = udp_v6(v6("2001:db8:1c6:3364:2::"), v6("2001:db8:1c0:2:21::"), 4242, 5555, &payload);
    assert_eq!(&o.bytes[40..], &want[..]);
    // Knob drop ⇒ 3/13.
    let mut c = cfg_ref();
    c.udp_zero_csum = UdpZeroCsum::Drop;
    assert_eq!(run(&c, &p).verdict, reject4(3, 13, 0, DropReason::UdpZeroChecksum));
    // First fragment ⇒ 3/13 always.
    h.mf = true;
    let p = h.packet(&udp_zero(4242, 5555, &[0u8; 24]));
    assert_eq!(run(&cfg_ref(), &p).verdict, reject4(3, 13, 0, DropReason::UdpZeroChecksum));
}

/// A computed zero becomes 0xFFFF.
#[test]
fn zero_checksum_udp_computed_zero_is_ffff() {
    let src6 = v6("2001:db8:1c6:3364:2::");
    let dst6 = v6("2001:db8:1c0:2:21::");
    // Choose 2 payload bytes so that the checksum computes to 0.
    let base = udp_zero(4242, 5555, &[0, 0]);
    let s = ones_sum(&[&pseudo6(src6, dst6, 17, base.len()), &base]) as u16;
    // We need sum + x == 0xffff (one's complement) ⇒ x = !s.
    let x = !s;
    let p = V4::new(NS4, TARGET, 17).packet(&udp_zero(4242, 5555, &x.to_be_bytes()));
    let o = run(&cfg_ref(), &p);
    assert_eq!(&o.bytes[46..48], &[0xff, 0xff]);
}

#[test]
fn df_too_big_and_lim() {
    // DF=1 len4 1261, MTU6_nh 1280 ⇒ 3/4 MTU 1260.
    let mut h = V4::new(NS4, TARGET, 6);
    h.df = true;
    let p = h.tcp(&vec![1u8; 1261 - 40]);
    assert_eq!(p.len(), 1261);
    let mut host = TestHost::mtus(1280, 1500);
    assert_eq!(run_with(&cfg_ref(), &p, &meta(), &mut host).verdict, reject4(3, 4, 1260, DropReason::PacketTooBig));
    // DF=1 with MTU6_nh 1500: one packet even above LIM.
    let mut host = TestHost::mtus(1500, 1500);
    let o = run_with(&cfg_ref(), &p, &meta(), &mut host);
    assert_eq!(o.bytes.len(), 1281);
    assert!(o.translated().fragment.is_none());
}

/// SPEC 3.2: DF=0 TCP len4 1261 ID 1234 ⇒ 1280 (FH off 0 M=1 ID 0x4d2,
/// 1232 data) + 57 (offset 154, M=0, 9 data).
#[test]
fn split_vector_1261() {
    let mut h = V4::new(NS4, TARGET, 6);
    h.id = 1234;
    let p = h.tcp(&vec![3u8; 1261 - 40]);
    let mut host = TestHost::mtus(1500, 1500);
    let o = run_with(&cfg_ref(), &p, &meta(), &mut host);
    let plan = o.translated().fragment.expect("split");
    assert_eq!(plan.piece_payload, 1232);
    assert_eq!(o.pieces.len(), 2);
    let (a, b) = (&o.pieces[0], &o.pieces[1]);
    assert_eq!(a.len(), 1280);
    assert_eq!(b.len(), 57);
    assert_eq!(a[6], 44);
    assert_eq!(a[40], 6);
    assert_eq!(&a[42..44], &[0, 1]); // offset 0, M=1
    assert_eq!(&a[44..48], &[0, 0, 0x04, 0xd2]);
    assert_eq!(u16::from_be_bytes([b[42], b[43]]), 154 << 3);
    assert_eq!(&b[44..48], &[0, 0, 0x04, 0xd2]);
}

/// LIM 1402: DF=0 UDP len4 1383 ⇒ 1400 (1352 data) + 59 (offset 169).
#[test]
fn split_vector_lim_1402() {
    let mut c = cfg_ref();
    c.lowest_ipv6_mtu = 1402;
    let p = V4::new(NS4, TARGET, 17).udp(1, 2, &vec![9u8; 1383 - 28]);
    let o = run_with(&c, &p, &meta(), &mut TestHost::mtus(1500, 1500));
    assert_eq!(o.pieces.len(), 2);
    assert_eq!(o.pieces[0].len(), 1400);
    assert_eq!(o.pieces[1].len(), 59);
    assert_eq!(u16::from_be_bytes([o.pieces[1][42], o.pieces[1][43]]), 169 << 3);
    // DF=1 with MTU6_nh 1500 ⇒ one 1403 B packet.
    let mut h = V4::new(NS4, TARGET, 17);
    h.df = true;
    let o = run_with(&c, &h.udp(1, 2, &vec![9u8; 1383 - 28]), &meta(), &mut TestHost::mtus(1500, 1500));
    assert_eq!(o.bytes.len(), 1403);
}

/// Fragments: MF=1 1252 B ⇒ one 1280 B fragment; MF=1 1268 B ⇒ 1280 + 64,
/// both M=1.
#[test]
fn fragment_vectors() {
    let mut h = V4::new(NS4, TARGET, 6);
    h.mf = true;
    h.id = 77;
    let frag_payload = |n: usize| {
        let mut t = tcp_v4(v4(NS4), v4(TARGET), &[]);
        t.resize(n, 5);
        t
    };
    let p = h.packet(&frag_payload(1252 - 20));
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.bytes.len(), 1280);
    assert_eq!(o.bytes[6], 44);
    assert_eq!(&o.bytes[42..44], &[0, 1]);
    assert_eq!(&o.bytes[44..48], &[0, 0, 0, 77]);
    let p = h.packet(&frag_payload(1268 - 20));
    let o = run(&cfg_ref(), &p);
    assert_eq!(o.pieces.len(), 2);
    assert_eq!(o.pieces[0].len(), 1280);
    assert_eq!(o.pieces[1].len(), 64);
    assert_eq!(o.pieces[1][43] & 1, 1, "last piece keeps M=1");
    // Non-first fragment: offset copied, payload untouched.
    h.offset = 100;
    h.mf = false;
    let p = h.packet(&[1u8; 16]);
    let o = run(&cfg_ref(), &p);
    assert_eq!(u16::from_be_bytes([o.bytes[42], o.bytes[43]]), 100 << 3);
    assert_eq!(&o.bytes[48..], &[1u8; 16]);
}

#[test]
fn fragmented_icmp_dropped() {
    let mut h = V4::new(NS4, TARGET, 1);
    h.mf = true;
    assert_eq!(run(&cfg_ref(), &h.echo(8, &[0u8; 16])).verdict, Verdict::Drop(DropReason::FragmentedIcmp));
}

#[test]
fn untranslatable_icmp_types() {
    for t in [4u8, 5, 6, 9, 10, 13, 14, 15, 16, 17, 18, 42] {
        let p = V4::new(NS4, TARGET, 1).packet(&icmp4(t, 0, [0; 4], &[0u8; 28]));
        assert_eq!(run(&cfg_ref(), &p).verdict, Verdict::Drop(DropReason::IcmpUntranslatable), "type {t}");
    }
}

#[test]
fn destination_unmapped_rejects() {
    // EAM-only config: no prefix6, no entries.
    let mut c = cfg_ref();
    c.prefix6 = None;
    let v = run(&c, &V4::new(NS4, TARGET, 17).udp(1, 2, b"x")).verdict;
    assert_eq!(v, reject4(3, 13, 0, DropReason::DstUnmapped));
}

#[test]
fn partial_checksum_seed() {
    let src4 = v4(NS4);
    let dst4 = v4(TARGET);
    let src6 = v6("2001:db8:1c6:3364:2::");
    let dst6 = v6("2001:db8:1c0:2:21::");
    let mut u = udp_raw_seed(&pseudo4_sum(src4, dst4, 17, 8 + 5));
    u.extend_from_slice(b"hello");
    let p = V4::new(NS4, TARGET, 17).packet(&u);
    let m = Meta { csum: ChecksumState::Partial, gso: None, hop_already_decremented: false };
    let o = run_with(&cfg_ref(), &p, &m, &mut TestHost::new());
    let t = o.translated();
    assert!(t.csum_partial_valid);
    let seed = u16::from_be_bytes([o.bytes[46], o.bytes[47]]);
    let want = ones_sum(&[&pseudo6(src6, dst6, 17, 13)]) as u16;
    assert_eq!(seed, want);
}

fn pseudo4_sum(src: [u8; 4], dst: [u8; 4], proto: u8, len: usize) -> u16 {
    let mut p = Vec::new();
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    p.extend_from_slice(&[0, proto]);
    p.extend_from_slice(&(len as u16).to_be_bytes());
    ones_sum(&[&p]) as u16
}

fn udp_raw_seed(seed: &u16) -> Vec<u8> {
    let mut u = vec![0u8; 8];
    u[0..2].copy_from_slice(&1u16.to_be_bytes());
    u[2..4].copy_from_slice(&2u16.to_be_bytes());
    u[4..6].copy_from_slice(&13u16.to_be_bytes());
    u[6..8].copy_from_slice(&seed.to_be_bytes());
    u
}

#[test]
fn gso_tcp_size_lowered_and_udp_kept() {
    let mut h = V4::new(NS4, TARGET, 6);
    h.df = true;
    let p = h.tcp(&vec![0u8; 2920]);
    let m = Meta { csum: ChecksumState::Partial, gso: Some(Gso { size: 1460, kind: GsoKind::Tcp }), hop_already_decremented: false };
    let o = run_with(&cfg_ref(), &p, &m, &mut TestHost::mtus(1500, 1500));
    assert_eq!(o.translated().gso_size, Some(1440));
    // 2920 data bytes: two 1460-byte segments become three of at most 1440.
    assert_eq!(o.translated().gso_segments, Some(3));
    assert!(o.translated().fragment.is_none());
    let m = Meta { csum: ChecksumState::Partial, gso: Some(Gso { size: 1000, kind: GsoKind::Tcp }), hop_already_decremented: false };
    let o = run_with(&cfg_ref(), &p, &m, &mut TestHost::mtus(1500, 1500));
    assert_eq!(o.translated().gso_size, Some(1000));
    // The size holds, and so does the caller's count.
    assert_eq!(o.translated().gso_segments, None);
    // UDP GSO too big with DF ⇒ 3/4.
    let mut h = V4::new(NS4, TARGET, 17);
    h.df = true;
    let p = h.udp(1, 2, &vec![0u8; 2944]);
    let m = Meta { csum: ChecksumState::Partial, gso: Some(Gso { size: 1472, kind: GsoKind::Udp }), hop_already_decremented: false };
    assert_eq!(run_with(&cfg_ref(), &p, &m, &mut TestHost::mtus(1500, 1500)).verdict, reject4(3, 4, 1480, DropReason::PacketTooBig));
    // Mismatched GSO kind.
    let m = Meta { csum: ChecksumState::Partial, gso: Some(Gso { size: 1000, kind: GsoKind::Tcp }), hop_already_decremented: false };
    assert_eq!(run_with(&cfg_ref(), &p, &m, &mut TestHost::new()).verdict, Verdict::Drop(DropReason::UnsupportedOffload));
}

#[test]
fn big_tcp_super_packet_dropped() {
    let mut h = V4::new(NS4, TARGET, 6);
    h.total_len = Some(0);
    let p = h.tcp(&vec![0u8; 70000]);
    let m = Meta { csum: ChecksumState::Partial, gso: Some(Gso { size: 1000, kind: GsoKind::Tcp }), hop_already_decremented: false };
    assert_eq!(run_with(&cfg_ref(), &p, &m, &mut TestHost::new()).verdict, Verdict::Drop(DropReason::Oversize));
}

/// Fuzz regression: GSO metadata on a non-first fragment (L4 header not
/// present) must not be read as a TCP header.
#[test]
fn gso_on_fragment_dropped() {
    let mut h = V4::new(NS4, TARGET, 6);
    h.offset = 10;
    let p = h.packet(&[1u8; 2]);
    let m = Meta { csum: ChecksumState::Complete, gso: Some(Gso { size: 100, kind: GsoKind::Tcp }), hop_already_decremented: false };
    assert_eq!(run_with(&cfg_ref(), &p, &m, &mut TestHost::new()).verdict, Verdict::Drop(DropReason::UnsupportedOffload));
}

/// SPEC 3.2 / 3.6: a DF=0 GSO segment is bounded by T = min(LIM, MTU6_nh),
/// not only by the route MTU: bigger segments would need fragmenting, which
/// a GSO packet cannot get, so it is dropped (the kernel glue has the stack
/// segment such packets before they reach the engine).
#[test]
fn gso_df0_segments_bounded_by_lowest_ipv6_mtu() {
    let h = V4::new(NS4, TARGET, 17);
    assert!(!h.df);
    let p = h.udp(1, 2, &vec![0u8; 2400]);
    let udp = |size| Meta { csum: ChecksumState::Partial, gso: Some(Gso { size, kind: GsoKind::Udp }), hop_already_decremented: false };
    // 1200-byte datagrams: 1248-byte IPv6 segments fit T = 1280.
    let o = run_with(&cfg_ref(), &p, &udp(1200), &mut TestHost::mtus(1500, 1500));
    assert_eq!(o.translated().gso_size, Some(1200));
    // 1300-byte datagrams: 1348 > T = 1280 although the route takes 1500.
    let v = run_with(&cfg_ref(), &p, &udp(1300), &mut TestHost::mtus(1500, 1500)).verdict;
    assert_eq!(v, Verdict::Drop(DropReason::UnsupportedOffload));
    // With LIM 1400 they fit.
    let mut c = cfg_ref();
    c.lowest_ipv6_mtu = 1400;
    let o = run_with(&c, &p, &udp(1300), &mut TestHost::mtus(1500, 1500));
    assert_eq!(o.translated().gso_size, Some(1300));
    // TCP DF=0 segments are lowered by the growth to fit T, as with DF=1:
    // 1280-byte IPv4 segments (1240 data) become 1280-byte IPv6 ones.
    let p = V4::new(NS4, TARGET, 6).tcp(&vec![0u8; 2480]);
    let tcp = |size| Meta { csum: ChecksumState::Partial, gso: Some(Gso { size, kind: GsoKind::Tcp }), hop_already_decremented: false };
    let o = run_with(&cfg_ref(), &p, &tcp(1240), &mut TestHost::mtus(1500, 1500));
    assert_eq!(o.translated().gso_size, Some(1220));
    // 2480 data bytes in 1220-byte segments: 1220 + 1220 + 40.
    assert_eq!(o.translated().gso_segments, Some(3));
    // One byte more cannot fit T even lowered.
    let v = run_with(&cfg_ref(), &p, &tcp(1241), &mut TestHost::mtus(1500, 1500)).verdict;
    assert_eq!(v, Verdict::Drop(DropReason::UnsupportedOffload));
}
