// SPDX-License-Identifier: GPL-2.0

//! The caller contract (packet.rs): NeedLinear before any write, headroom
//! requests, CHECKSUM_PARTIAL seeds in both directions, and profile /
//! fallback outcomes surfacing as verdicts.

mod common;

use common::*;
use ipxlat_engine::engine::config::Profile;
use ipxlat_engine::engine::packet::{ChecksumState, Meta, PacketBuf, Verdict};
use ipxlat_engine::engine::translate::translate_verdict;
use ipxlat_engine::engine::verdict::DropReason;

/// Runs with only `linear` bytes linear and `headroom` bytes before start.
fn run_partial(pkt: &[u8], linear: usize, headroom: usize) -> (Verdict, Vec<u8>) {
    let mut buf = vec![0u8; headroom + linear];
    buf[headroom..].copy_from_slice(&pkt[..linear]);
    let before = buf.clone();
    let mut host = TestHost::new();
    host.orig = pkt.to_vec();
    let mut p = PacketBuf { buf: &mut buf, start: headroom, len: pkt.len() };
    let v = translate_verdict(&cfg_ref().into(), &mut p, &meta(), &mut host);
    if !matches!(v, Verdict::Translated(_)) {
        assert_eq!(buf, before, "no write before Translated");
    }
    (v, buf)
}

/// Drives the NeedLinear protocol to completion like the kernel glue.
fn drive(pkt: &[u8], mut linear: usize, mut headroom: usize) -> (Verdict, usize, usize) {
    for _ in 0..4 {
        match run_partial(pkt, linear, headroom).0 {
            Verdict::NeedLinear { len, headroom: h } => {
                assert!(len <= pkt.len(), "never asks beyond the packet");
                assert!(len > linear || h > headroom, "progress");
                linear = linear.max(len);
                headroom = headroom.max(h);
            }
            v => return (v, linear, headroom),
        }
    }
    panic!("NeedLinear loop");
}

#[test]
fn need_linear_for_headers_only() {
    let p = V4::new("198.51.100.2", "192.0.2.33", 6).tcp(&[1u8; 1000]);
    let (v, linear, headroom) = drive(&p, 10, 0);
    assert!(matches!(v, Verdict::Translated(_)));
    assert_eq!(linear, 40, "IPv4 header + TCP header");
    assert_eq!(headroom, 28, "DF=0: room for a Fragment header");
    let mut h = V4::new("198.51.100.2", "192.0.2.33", 6);
    h.df = true;
    let (v, _, headroom) = drive(&h.tcp(&[1u8; 1000]), 10, 0);
    assert!(matches!(v, Verdict::Translated(_)));
    assert_eq!(headroom, 20);
    let p = V6::new("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::").with_ext(60, opts_hdr()).udp(1, 2, &[1u8; 1000]);
    let (v, linear, headroom) = drive(&p, 40, 0);
    assert!(matches!(v, Verdict::Translated(_)));
    assert_eq!((linear, headroom), (56, 0));
}

#[test]
fn need_linear_whole_icmp_error() {
    let inner = V4::new("192.0.2.33", "198.51.100.2", 17).udp(1, 2, &[0u8; 300]);
    let p = V4::new("198.51.100.2", "192.0.2.33", 1).packet(&icmp4(3, 3, [0; 4], &inner));
    let (v, linear, _) = drive(&p, 28, 0);
    assert!(matches!(v, Verdict::Translated(_)));
    assert_eq!(linear, p.len());
    // RFC 4884 growth needs more headroom: the engine asks for it.
    let mut body = V4::new("192.0.2.33", "198.51.100.2", 17).udp(1, 2, &[]);
    body.extend_from_slice(&[0x20, 0, 0, 0]);
    body.extend_from_slice(&[7u8; 36]);
    let p = V4::new("198.51.100.2", "192.0.2.33", 1).packet(&icmp4(3, 1, [0, 7, 0, 0], &body));
    let (v, _, headroom) = drive(&p, p.len(), 0);
    let Verdict::Translated(t) = v else { panic!("{v:?}") };
    assert_eq!(t.len, 40 + 8 + 128 + 40);
    assert_eq!(headroom, t.len - p.len(), "output ends where the input ended");
}

#[test]
fn partial_seed_64() {
    let (s6, d6) = (v6("2001:db8:1c0:2:21::"), v6("2001:db8:1c6:3364:2::"));
    let mut t = tcp_v6(s6, d6, b"payload");
    let seed = ones_sum(&[&pseudo6(s6, d6, 6, t.len())]) as u16;
    t[16..18].copy_from_slice(&seed.to_be_bytes());
    let p = V6::new("2001:db8:1c0:2:21::", "2001:db8:1c6:3364:2::").packet(6, &t);
    let m = Meta { csum: ChecksumState::Partial, gso: None, hop_already_decremented: false };
    let o = run_with(&cfg_ref(), &p, &m, &mut TestHost::new());
    assert!(o.translated().csum_partial_valid);
    let mut ph = Vec::new();
    ph.extend_from_slice(&[192, 0, 2, 33, 198, 51, 100, 2, 0, 6]);
    ph.extend_from_slice(&(t.len() as u16).to_be_bytes());
    assert_eq!(u16::from_be_bytes([o.bytes[36], o.bytes[37]]), ones_sum(&[&ph]) as u16);
}

#[test]
fn clat_profile_source_validation() {
    let mut c = cfg_prefix(v6("64:ff9b::"), 96);
    c.profile = Profile::Clat;
    c.wkp_strict = false;
    c.eamt = eamt(&[("192.0.0.1", 32, "2001:db8:aaaa::1", 128)]);
    // The CLAT's own address translates; anything else is spoofed.
    let o = run(&c, &V4::new("192.0.0.1", "203.0.113.9", 17).udp(1, 2, b"x"));
    assert_eq!(&o.bytes[8..24], &v6("2001:db8:aaaa::1"));
    assert_eq!(&o.bytes[24..40], &v6("64:ff9b::203.0.113.9"));
    let v = run(&c, &V4::new("192.0.0.2", "203.0.113.9", 17).udp(1, 2, b"x")).verdict;
    assert_eq!(v, Verdict::Drop(DropReason::ClatPolicy));
}

#[test]
fn icmp4_error_source_fallback() {
    // An ICMPv4 error from an address with no IPv6 image (EAM-only config).
    let mut c = cfg_ref();
    c.prefix6 = None;
    c.eamt = eamt(&[("192.0.2.0", 24, "2001:db8:2::", 120), ("198.51.100.0", 24, "2001:db8:3::", 120)]);
    let inner = V4::new("192.0.2.33", "198.51.100.2", 17).udp(1, 2, b"x");
    let p = V4::new("203.0.113.1", "192.0.2.33", 1).packet(&icmp4(11, 0, [0; 4], &inner));
    assert_eq!(run(&c, &p).verdict, Verdict::Drop(DropReason::SrcUnmapped));
    c.icmp_src6_fallback = Some(v6("2001:db8:ffff::1"));
    let o = run(&c, &p);
    assert_eq!(&o.bytes[8..24], &v6("2001:db8:ffff::1"));
    assert_eq!(&o.bytes[24..40], &v6("2001:db8:2::21"));
}

#[test]
fn hairpin_with_hop_already_decremented() {
    let mut c = cfg_ref();
    c.eamt = eamt(&[("1.0.0.0", 24, "2001:db8:3::", 120)]);
    let p = V6::new("2001:db8:3::8", "2001:db8:101:0:9::").udp(1, 2, b"x");
    let m = Meta { csum: ChecksumState::Complete, gso: None, hop_already_decremented: true };
    let o = run_with(&c, &p, &m, &mut TestHost::new());
    assert!(o.translated().hairpinned);
    assert_eq!(o.bytes[7], 64, "copied: the host already decremented");
}
