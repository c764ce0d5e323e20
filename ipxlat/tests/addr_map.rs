// SPDX-License-Identifier: GPL-2.0
//! SPEC 1.4-1.6 address decision procedure: generic and CLAT rows, "no
//! result" outcomes, fallbacks, inner role swap, post-mapping checks, WKP,
//! u-octet, hairpin helper and the netlink query.

use ipxlat_engine::engine::addr::eam::{EamEntry, EamTable};
use ipxlat_engine::engine::addr::ipv4_prefix::Ipv4Prefix;
use ipxlat_engine::engine::addr::map::*;
use ipxlat_engine::engine::addr::prefix6::Prefix6;
use ipxlat_engine::engine::config::*;
use ipxlat_engine::engine::verdict::{DropReason, IcmpError};
use std::net::{Ipv4Addr, Ipv6Addr};

fn v6(s: &str) -> [u8; 16] {
    s.parse::<Ipv6Addr>().unwrap().octets()
}
fn v4(s: &str) -> [u8; 4] {
    s.parse::<Ipv4Addr>().unwrap().octets()
}
fn p6(s: &str) -> Prefix6 {
    let (a, l) = s.split_once('/').unwrap();
    Prefix6::new(v6(a), l.parse().unwrap()).unwrap()
}
fn entry(s: &str) -> EamEntry {
    let (a, b) = s.split_once(' ').unwrap();
    let (a4, l4) = a.split_once('/').unwrap();
    let (a6, l6) = b.split_once('/').unwrap();
    EamEntry::new(v4(a4), l4.parse().unwrap(), v6(a6), l6.parse().unwrap()).unwrap()
}

/// Leaks table storage so tests can hold `Config<'static>` values.
fn table(list: &[&str]) -> EamTable<'static> {
    let entries: Vec<EamEntry> = list.iter().map(|s| entry(s)).collect();
    let n = EamTable::slots_needed(&entries).unwrap();
    let e: &'static mut [EamEntry] = Box::leak(entries.into_boxed_slice());
    let s: &'static mut [u32] = Box::leak(vec![0u32; n].into_boxed_slice());
    EamTable::build(e, s).unwrap()
}

const SRC: MapCtx = MapCtx::outer(Position::Source);
const DST: MapCtx = MapCtx::outer(Position::Destination);
const ERR_SRC: MapCtx = MapCtx { outer_icmp_error: true, hop_limit: 7, random: 0x1234_5678, ..SRC };
const ERR_DST: MapCtx = MapCtx { outer_icmp_error: true, ..DST };
/// Inner source / destination of a quoted packet.
const IN_SRC: MapCtx = MapCtx { inner: true, outer_icmp_error: true, ..SRC };
const IN_DST: MapCtx = MapCtx { inner: true, outer_icmp_error: true, ..DST };

const R313: AddrFail = AddrFail::Reject(IcmpError::V4 { icmp_type: 3, code: 13, info: 0 });
const R11: AddrFail = AddrFail::Reject(IcmpError::V6 { icmp_type: 1, code: 1, info: 0 });
const R15: AddrFail = AddrFail::Reject(IcmpError::V6 { icmp_type: 1, code: 5, info: 0 });
fn drop(r: DropReason) -> AddrFail {
    AddrFail::Drop(r)
}

fn generic40() -> Config<'static> {
    let mut c = Config::DEFAULT;
    c.prefix6 = Some(p6("2001:db8:100::/40"));
    c
}

#[test]
fn generic_wkp_defaults() {
    let c = Config::DEFAULT;
    assert_eq!(v4_to_v6(&c, v4("8.8.8.8"), &DST), Ok((v6("64:ff9b::808:808"), Rule::Prefix6)));
    assert_eq!(v6_to_v4(&c, &v6("64:ff9b::808:808"), &DST), Ok((v4("8.8.8.8"), Rule::Prefix6)));
    // WKP + non-global: dropped, any position, both directions.
    for ctx in [SRC, DST, IN_SRC, IN_DST] {
        assert_eq!(v4_to_v6(&c, v4("192.0.2.33"), &ctx), Err(drop(DropReason::WkpNonGlobal)));
        assert_eq!(v6_to_v4(&c, &v6("64:ff9b::192.0.2.33"), &ctx), Err(drop(DropReason::WkpNonGlobal)));
        assert_eq!(v6_to_v4(&c, &v6("64:ff9b::10.1.2.3"), &ctx), Err(drop(DropReason::WkpNonGlobal)));
    }
    // Project exception: outer source of an ICMPv4 error.
    assert_eq!(v4_to_v6(&c, v4("10.0.0.1"), &ERR_SRC), Ok((v6("64:ff9b::a00:1"), Rule::Prefix6)));
    // 192.0.0.9 / .10 are global.
    assert!(v4_to_v6(&c, v4("192.0.0.9"), &DST).is_ok());
    // wkp-strict off.
    let mut off = c;
    off.wkp_strict = false;
    assert_eq!(v4_to_v6(&off, v4("192.0.2.33"), &DST), Ok((v6("64:ff9b::c000:221"), Rule::Prefix6)));
    // Local-use prefix 64:ff9b:1::/48 has no non-global restriction.
    let mut lu = c;
    lu.prefix6 = Some(p6("64:ff9b:1::/48"));
    assert!(v4_to_v6(&lu, v4("192.0.2.33"), &DST).is_ok());
    // EAM results may use WKP space (SPEC 1.2): no WKP check.
    let mut e = c;
    e.eamt = table(&["192.0.2.224/31 64:ff9b::/127"]);
    assert_eq!(v4_to_v6(&e, v4("192.0.2.225"), &DST), Ok((v6("64:ff9b::1"), Rule::Eam)));
    assert_eq!(v6_to_v4(&e, &v6("64:ff9b::1"), &DST), Ok((v4("192.0.2.225"), Rule::Eam)));
}

#[test]
fn generic_no_result_column() {
    let mut c = Config::DEFAULT;
    c.prefix6 = None; // EAM-only
    c.eamt = table(&["192.0.2.1/32 2001:db8:aaaa::/128"]);
    // 46 destination / source.
    assert_eq!(v4_to_v6(&c, v4("8.8.8.8"), &DST), Err(R313));
    assert_eq!(v4_to_v6(&c, v4("8.8.8.8"), &SRC), Err(R313));
    assert_eq!(v4_to_v6(&c, v4("8.8.8.8"), &ERR_SRC), Err(drop(DropReason::SrcUnmapped)));
    c.icmp_src6_fallback = Some(v6("2001:db8::ffff"));
    assert_eq!(v4_to_v6(&c, v4("8.8.8.8"), &ERR_SRC), Ok((v6("2001:db8::ffff"), Rule::Fallback)));
    // 64 destination / source.
    assert_eq!(v6_to_v4(&c, &v6("2001:db8::9"), &DST), Err(R11));
    assert_eq!(v6_to_v4(&c, &v6("2001:db8::9"), &SRC), Err(R15));
    assert_eq!(v6_to_v4(&c, &v6("2001:db8::9"), &ERR_DST), Err(R11));
    assert_eq!(v6_to_v4(&c, &v6("2001:db8::9"), &ERR_SRC), Ok((v4("192.0.0.8"), Rule::Fallback)));
    // Inner: no fallback, drop the error.
    for ctx in [IN_SRC, IN_DST] {
        assert_eq!(v4_to_v6(&c, v4("8.8.8.8"), &ctx), Err(drop(DropReason::IcmpInnerInvalid)));
        assert_eq!(v6_to_v4(&c, &v6("2001:db8::9"), &ctx), Err(drop(DropReason::IcmpInnerInvalid)));
    }
    // Counters for rejects.
    assert_eq!(R313.reason(Position::Destination), DropReason::DstUnmapped);
    assert_eq!(R15.reason(Position::Source), DropReason::SrcUnmapped);
    assert_eq!(drop(DropReason::ClatPolicy).reason(Position::Source), DropReason::ClatPolicy);
}

#[test]
fn u_octet_and_link_local_error_sources() {
    let c = generic40();
    let bad = v6("2001:db8:1c0:2:ff21::");
    assert_eq!(v6_to_v4(&c, &bad, &DST), Err(drop(DropReason::UOctetNonZero)));
    assert_eq!(v6_to_v4(&c, &bad, &SRC), Err(drop(DropReason::UOctetNonZero)));
    assert_eq!(v6_to_v4(&c, &bad, &IN_SRC), Err(drop(DropReason::IcmpInnerInvalid)));
    // ICMPv6 error from a u-octet or fe80 source: fallback (SPEC 5.9).
    assert_eq!(v6_to_v4(&c, &bad, &ERR_SRC), Ok((v4("192.0.0.8"), Rule::Fallback)));
    assert_eq!(v6_to_v4(&c, &v6("fe80::1"), &ERR_SRC), Ok((v4("192.0.0.8"), Rule::Fallback)));
    // Echo (non-error) from unmappable sources gets no fallback.
    assert_eq!(v6_to_v4(&c, &v6("2001:db8:1::2"), &SRC), Err(R15));
}

#[test]
fn post_mapping_class_checks() {
    let c = generic40();
    let lo = v6("2001:db8:17f:0:1::"); // 127.0.0.1
    assert_eq!(v6_to_v4(&c, &lo, &DST), Err(drop(DropReason::DstAddressClass)));
    assert_eq!(v6_to_v4(&c, &lo, &SRC), Err(drop(DropReason::SrcAddressClass)));
    assert_eq!(v6_to_v4(&c, &v6("2001:db8:100::"), &DST), Err(drop(DropReason::DstAddressClass)));
    for a in ["224.0.0.1", "255.255.255.255", "169.254.1.1", "0.0.0.1"] {
        let x = c.prefix6.unwrap().embed(v4(a));
        assert!(v6_to_v4(&c, &x, &DST).is_err(), "{a}");
    }
    // ICMPv6 error whose source image is in a forbidden class: dropped
    // too. SPEC 1.6 exempts only the 46 outer source of an ICMPv4 error,
    // and 5.9's fallback is for sources with no IPv4 image at all.
    assert_eq!(v6_to_v4(&c, &lo, &ERR_SRC), Err(drop(DropReason::SrcAddressClass)));
    assert_eq!(v6_to_v4(&c, &v6("2001:db8:100::"), &ERR_SRC), Err(drop(DropReason::SrcAddressClass)));
    // 46: same classes; the outer source of an ICMPv4 error is exempt.
    assert_eq!(v4_to_v6(&c, v4("127.0.0.1"), &DST), Err(drop(DropReason::DstAddressClass)));
    assert_eq!(v4_to_v6(&c, v4("127.0.0.1"), &SRC), Err(drop(DropReason::SrcAddressClass)));
    assert_eq!(v4_to_v6(&c, v4("127.0.0.1"), &ERR_SRC), Ok((lo, Rule::Prefix6)));
    assert_eq!(v4_to_v6(&c, v4("0.0.0.0"), &ERR_SRC), Ok((v6("2001:db8:100::"), Rule::Prefix6)));
    // Reference topology addresses.
    assert_eq!(v4_to_v6(&c, v4("198.51.100.2"), &SRC), Ok((v6("2001:db8:1c6:3364:2::"), Rule::Prefix6)));
    assert_eq!(v6_to_v4(&c, &v6("2001:db8:1c0:2:21::"), &DST), Ok((v4("192.0.2.33"), Rule::Prefix6)));
}

#[test]
fn eam_precedence_and_rfc6052_only() {
    let mut c = generic40();
    c.eamt = table(&["192.0.2.1/32 2001:db8:aaaa::/128", "2.0.0.0/8 2001:db8:ff00::/40"]);
    assert_eq!(v4_to_v6(&c, v4("192.0.2.1"), &DST), Ok((v6("2001:db8:aaaa::"), Rule::Eam)));
    assert_eq!(v4_to_v6(&c, v4("192.0.2.2"), &DST), Ok((v6("2001:db8:1c0:2:2::"), Rule::Prefix6)));
    let only = MapCtx { rfc6052_only: true, ..SRC };
    assert_eq!(v4_to_v6(&c, v4("192.0.2.1"), &only), Ok((v6("2001:db8:1c0:2:1::"), Rule::Prefix6)));
    // 64: EAM first as well.
    let a = v6("2001:db8:ff02:304::");
    assert_eq!(v6_to_v4(&c, &a, &DST), Ok((v4("2.2.3.4"), Rule::Eam)));
}

#[test]
fn hairpin_example_spec_1_4() {
    let mut c = generic40();
    c.eamt = table(&["1.0.0.0/24 2001:db8:3::/120"]);
    // First leg, 64.
    let (s4, rs) = v6_to_v4(&c, &v6("2001:db8:3::8"), &SRC).unwrap();
    let (d4, rd) = v6_to_v4(&c, &v6("2001:db8:101:0:9::"), &DST).unwrap();
    assert_eq!((s4, rs, d4, rd), (v4("1.0.0.8"), Rule::Eam, v4("1.0.0.9"), Rule::Prefix6));
    assert!(is_intrinsic_hairpin(&c, d4, rd));
    assert!(!is_intrinsic_hairpin(&c, s4, rs), "EAM-mapped address is no hairpin");
    assert!(!is_intrinsic_hairpin(&c, v4("8.8.8.8"), Rule::Prefix6));
    // Second leg, 46: source by RFC 6052 only, destination normal.
    let leg2_src = MapCtx { rfc6052_only: true, ..SRC };
    assert_eq!(v4_to_v6(&c, d4, &DST), Ok((v6("2001:db8:3::9"), Rule::Eam)));
    assert_eq!(v4_to_v6(&c, s4, &leg2_src), Ok((v6("2001:db8:101:0:8::"), Rule::Prefix6)));
    // Other modes.
    let mut off = c;
    off.hairpin = HairpinMode::Off;
    assert!(!is_intrinsic_hairpin(&off, d4, rd));
    let mut simple = c;
    simple.hairpin = HairpinMode::Simple;
    assert!(!is_intrinsic_hairpin(&simple, d4, rd));
    assert!(is_simple_hairpin(&simple) && !is_simple_hairpin(&c));
}

#[test]
fn hairpin_error_example_spec_1_4() {
    let mut c = generic40();
    c.eamt = table(&["1.0.0.0/24 2001:db8:3::/120", "10.0.0.0/24 2001:db8:2::/120"]);
    c.icmp_src4_fallback.pool = Ipv4Prefix::new(v4("203.0.113.8"), 32).unwrap();
    // 64 leg: ICMPv6 error 2001:db8::5 -> 2001:db8:101:0:1::, quoting
    // 2001:db8:101:0:1:: -> 2001:db8:2::a.
    let (os, _) = v6_to_v4(&c, &v6("2001:db8::5"), &ERR_SRC).unwrap();
    let (od, _) = v6_to_v4(&c, &v6("2001:db8:101:0:1::"), &ERR_DST).unwrap();
    let (is, irs) = v6_to_v4(&c, &v6("2001:db8:101:0:1::"), &IN_SRC).unwrap();
    let (id, _) = v6_to_v4(&c, &v6("2001:db8:2::a"), &IN_DST).unwrap();
    assert_eq!((os, od, is, id), (v4("203.0.113.8"), v4("1.0.0.1"), v4("1.0.0.1"), v4("10.0.0.10")));
    assert!(is_intrinsic_hairpin(&c, is, irs), "condition B");
    // 46 leg: outer dst normal; outer src normal (203.0.113.8 != inner dst);
    // inner src normal; inner dst by RFC 6052 only.
    assert_eq!(v4_to_v6(&c, od, &ERR_DST).unwrap().0, v6("2001:db8:3::1"));
    assert_eq!(v4_to_v6(&c, os, &ERR_SRC).unwrap().0, v6("2001:db8:1cb:71:8::"));
    assert_eq!(v4_to_v6(&c, is, &IN_SRC).unwrap().0, v6("2001:db8:3::1"));
    let in_dst_6052 = MapCtx { rfc6052_only: true, ..IN_DST };
    assert_eq!(v4_to_v6(&c, id, &in_dst_6052).unwrap().0, v6("2001:db8:10a:0:a::"));
}

fn clat_a() -> Config<'static> {
    let mut c = Config::DEFAULT;
    c.profile = Profile::Clat;
    c.eamt = table(&["192.0.0.1/32 2001:db8:c1a7::1/128"]);
    c
}

#[test]
fn clat_case_a_single_address() {
    let c = clat_a();
    let clat6 = v6("2001:db8:c1a7::1");
    // 46 source: local only (source validation), never prefix6.
    assert_eq!(v4_to_v6(&c, v4("192.0.0.1"), &SRC), Ok((clat6, Rule::Eam)));
    assert_eq!(v4_to_v6(&c, v4("192.0.0.2"), &SRC), Err(drop(DropReason::ClatPolicy)));
    assert_eq!(v4_to_v6(&c, v4("8.8.8.8"), &SRC), Err(drop(DropReason::ClatPolicy)));
    // 46 destination: remote only; local ⇒ drop; unmapped ⇒ 3/13.
    assert_eq!(v4_to_v6(&c, v4("8.8.8.8"), &DST), Ok((v6("64:ff9b::808:808"), Rule::Prefix6)));
    assert_eq!(v4_to_v6(&c, v4("192.0.0.1"), &DST), Err(drop(DropReason::ClatPolicy)));
    let mut nopref = c;
    nopref.prefix6 = None;
    assert_eq!(v4_to_v6(&nopref, v4("8.8.8.8"), &DST), Err(R313));
    // 64 destination: local only.
    assert_eq!(v6_to_v4(&c, &clat6, &DST), Ok((v4("192.0.0.1"), Rule::Eam)));
    assert_eq!(v6_to_v4(&c, &v6("64:ff9b::808:808"), &DST), Err(drop(DropReason::ClatPolicy)));
    assert_eq!(v6_to_v4(&c, &v6("2001:db8::9"), &DST), Err(drop(DropReason::ClatPolicy)));
    // 64 source: remote only.
    assert_eq!(v6_to_v4(&c, &v6("64:ff9b::808:808"), &SRC), Ok((v4("8.8.8.8"), Rule::Prefix6)));
    assert_eq!(v6_to_v4(&c, &clat6, &SRC), Err(drop(DropReason::ClatPolicy)));
    assert_eq!(v6_to_v4(&c, &v6("2001:db8::9"), &SRC), Err(R15));
    assert_eq!(v6_to_v4(&c, &v6("2001:db8::9"), &ERR_SRC), Ok((v4("192.0.0.8"), Rule::Fallback)));
    // Inner (46 error from the host about a packet from 8.8.8.8): inner
    // source is remote, inner destination local.
    assert_eq!(v4_to_v6(&c, v4("8.8.8.8"), &IN_SRC), Ok((v6("64:ff9b::808:808"), Rule::Prefix6)));
    assert_eq!(v4_to_v6(&c, v4("192.0.0.1"), &IN_DST), Ok((clat6, Rule::Eam)));
    assert_eq!(v4_to_v6(&c, v4("192.0.0.3"), &IN_DST), Err(drop(DropReason::IcmpInnerInvalid)));
    // 64 error quoting clat6 -> 8.8.8.8.
    assert_eq!(v6_to_v4(&c, &clat6, &IN_SRC), Ok((v4("192.0.0.1"), Rule::Eam)));
    assert_eq!(v6_to_v4(&c, &v6("64:ff9b::808:808"), &IN_DST), Ok((v4("8.8.8.8"), Rule::Prefix6)));
}

#[test]
fn clat_case_b_lan_prefix() {
    let mut c = Config::DEFAULT;
    c.profile = Profile::Clat;
    c.local = Some(LocalLan { prefix6: p6("2001:db8:1:2::/64"), ipv4: Ipv4Prefix::new(v4("192.168.1.0"), 24).unwrap() });
    assert_eq!(c.validate(), Ok(()));
    let h6 = v6("2001:db8:1:2:c0:a801:500:0");
    assert_eq!(v4_to_v6(&c, v4("192.168.1.5"), &SRC), Ok((h6, Rule::LocalPrefix6)));
    assert_eq!(v4_to_v6(&c, v4("192.168.2.5"), &SRC), Err(drop(DropReason::ClatPolicy)));
    assert_eq!(v4_to_v6(&c, v4("192.168.1.7"), &DST), Err(drop(DropReason::ClatPolicy)));
    assert_eq!(v6_to_v4(&c, &h6, &DST), Ok((v4("192.168.1.5"), Rule::LocalPrefix6)));
    // In local-prefix6 but the embedded IPv4 is outside local-ipv4.
    assert_eq!(v6_to_v4(&c, &v6("2001:db8:1:2:b:0:100::"), &DST), Err(drop(DropReason::ClatPolicy)));
    // A remote RFC 6052 image of a LAN address is spoofed.
    let mut nsp = c;
    nsp.prefix6 = Some(p6("2001:db8:64::/96"));
    assert_eq!(v6_to_v4(&nsp, &v6("2001:db8:64::c0a8:105"), &SRC), Err(drop(DropReason::ClatPolicy)));
    assert_eq!(v6_to_v4(&nsp, &h6, &SRC), Err(drop(DropReason::ClatPolicy)));
    assert_eq!(v6_to_v4(&nsp, &v6("2001:db8:64::808:808"), &SRC), Ok((v4("8.8.8.8"), Rule::Prefix6)));
    // EAM with suffix variant (192.168.1.0/24 <-> pfx::/120).
    let mut e = Config::DEFAULT;
    e.profile = Profile::Clat;
    e.eamt = table(&["192.168.1.0/24 2001:db8:1:2::/120"]);
    assert_eq!(v4_to_v6(&e, v4("192.168.1.5"), &SRC), Ok((v6("2001:db8:1:2::5"), Rule::Eam)));
    assert_eq!(v6_to_v4(&e, &v6("2001:db8:1:2::5"), &DST), Ok((v4("192.168.1.5"), Rule::Eam)));
}

#[test]
fn fallback_pool() {
    let one = Src4Fallback { pool: Ipv4Prefix::new(v4("192.0.0.8"), 32).unwrap(), mode: PoolMode::Random };
    for r in [0, 1, u32::MAX] {
        assert_eq!(pick_src4_fallback(&one, 9, r), v4("192.0.0.8"));
    }
    let pool = Ipv4Prefix::new(v4("203.0.113.0"), 24).unwrap();
    let hop = Src4Fallback { pool, mode: PoolMode::HopKeyed };
    let picks: Vec<[u8; 4]> = (1..=30u8).map(|h| pick_src4_fallback(&hop, h, 0)).collect();
    for (i, p) in picks.iter().enumerate() {
        assert!(pool.contains(*p) && p[3] != 0 && p[3] != 255);
        assert!(!picks[..i].contains(p), "hop-keyed picks distinct per hop");
    }
    assert_eq!(pick_src4_fallback(&hop, 5, 0), pick_src4_fallback(&hop, 5, 999), "random ignored");
    let rnd = Src4Fallback { pool, mode: PoolMode::Random };
    for r in [0u32, 253, 254, u32::MAX, 0x8000_0000] {
        let p = pick_src4_fallback(&rnd, 0, r);
        assert!(pool.contains(p) && p[3] != 0 && p[3] != 255, "{r}");
    }
    let pair = Src4Fallback { pool: Ipv4Prefix::new(v4("203.0.113.8"), 31).unwrap(), mode: PoolMode::Random };
    assert_eq!(pick_src4_fallback(&pair, 0, 0), v4("203.0.113.8"));
    assert_eq!(pick_src4_fallback(&pair, 0, 1), v4("203.0.113.9"));
    // Through the mapping, keyed on the context.
    let mut c = generic40();
    c.icmp_src4_fallback = hop;
    let ctx = MapCtx { hop_limit: 3, ..ERR_SRC };
    assert_eq!(v6_to_v4(&c, &v6("2001:db8::5"), &ctx), Ok((v4("203.0.113.4"), Rule::Fallback)));
}

#[test]
fn netlink_query() {
    let mut c = generic40();
    c.eamt = table(&["192.0.2.1/32 2001:db8:aaaa::/128"]);
    assert_eq!(query_v4(&c, v4("192.0.2.1")), Some((v6("2001:db8:aaaa::"), Rule::Eam)));
    assert_eq!(query_v4(&c, v4("192.0.2.33")), Some((v6("2001:db8:1c0:2:21::"), Rule::Prefix6)));
    assert_eq!(query_v4(&c, v4("127.0.0.1")), None);
    assert_eq!(query_v6(&c, &v6("2001:db8:aaaa::")), Some((v4("192.0.2.1"), Rule::Eam)));
    assert_eq!(query_v6(&c, &v6("2001:db8:1c0:2:ff21::")), None);
    assert_eq!(query_v6(&c, &v6("2001:db9::")), None);
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Arbitrary addresses, contexts and configurations never panic.
        #[test]
        fn mapping_total(a4 in any::<[u8; 4]>(), a6 in any::<[u8; 16]>(), plen in prop::sample::select(vec![32u8, 40, 48, 56, 64, 96]),
                         clat in any::<bool>(), inner in any::<bool>(), err in any::<bool>(), src in any::<bool>(), only in any::<bool>(),
                         hop in any::<u8>(), random in any::<u32>(), pool_len in 0u8..=32, hop_keyed in any::<bool>(), strict in any::<bool>()) {
            let mut c = Config::DEFAULT;
            let mut pa = a6;
            pa[8] = 0;
            c.prefix6 = Some(Prefix6::new(pa, plen).unwrap());
            c.profile = if clat { Profile::Clat } else { Profile::Generic };
            c.wkp_strict = strict;
            c.local = Some(LocalLan { prefix6: Prefix6::new(pa, 64).unwrap(), ipv4: Ipv4Prefix::new([a4[0], 0, 0, 0], 8).unwrap() });
            let m = if pool_len == 0 { 0 } else { u32::MAX << (32 - pool_len as u32) };
            c.icmp_src4_fallback = Src4Fallback {
                pool: Ipv4Prefix::new((u32::from_be_bytes(a4) & m).to_be_bytes(), pool_len).unwrap(),
                mode: if hop_keyed { PoolMode::HopKeyed } else { PoolMode::Random },
            };
            let ctx = MapCtx {
                position: if src { Position::Source } else { Position::Destination },
                inner, outer_icmp_error: err, rfc6052_only: only, hop_limit: hop, random,
            };
            let _ = v4_to_v6(&c, a4, &ctx);
            let _ = v6_to_v4(&c, &a6, &ctx);
            let emb = c.prefix6.unwrap().embed(a4);
            if let Ok((back, Rule::Prefix6)) = v6_to_v4(&c, &emb, &ctx) {
                prop_assert_eq!(back, a4);
            }
            let _ = query_v4(&c, a4);
            let _ = query_v6(&c, &a6);
            let f = pick_src4_fallback(&c.icmp_src4_fallback, hop, random);
            prop_assert!(c.icmp_src4_fallback.pool.contains(f));
        }
    }
}
