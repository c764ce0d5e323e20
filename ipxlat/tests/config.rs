// SPDX-License-Identifier: GPL-2.0
//! Configuration snapshot defaults and validation (SPEC Appendix A).

use ipxlat_engine::engine::addr::ipv4_prefix::Ipv4Prefix;
use ipxlat_engine::engine::addr::prefix6::{layout, Prefix6, WKP};
use ipxlat_engine::engine::config::*;
use std::net::Ipv6Addr;

fn v6(s: &str) -> [u8; 16] {
    s.parse::<Ipv6Addr>().unwrap().octets()
}

#[test]
fn defaults() {
    let c = Config::default_with_empty_table();
    assert_eq!(c.prefix6, Some(WKP));
    assert_eq!(c.lowest_ipv6_mtu, 1280);
    assert_eq!(c.profile, Profile::Generic);
    assert!(c.local.is_none());
    assert!(c.eamt.is_empty());
    assert_eq!(c.hairpin, HairpinMode::Intrinsic);
    assert!(c.wkp_strict);
    assert_eq!(c.udp_zero_csum, UdpZeroCsum::Compute);
    assert_eq!(c.icmp_src4_fallback.pool, Ipv4Prefix::new([192, 0, 0, 8], 32).unwrap());
    assert_eq!(c.icmp_src6_fallback, None);
    assert!(c.icmp_errors);
    assert!(!c.zero_traffic_class);
    assert_eq!(c.override_tos, None);
    assert_eq!(c.validate(), Ok(()));
    assert_eq!(Config::defaults().prefix6, Config::DEFAULT.prefix6);
}

#[test]
fn validation_errors() {
    let ok = Config::DEFAULT;
    let mut c = ok;
    c.lowest_ipv6_mtu = 1279;
    assert_eq!(c.validate(), Err(ConfigError::LowestMtuTooSmall));
    c.lowest_ipv6_mtu = 1281; // any value >= 1280, not only multiples of 8
    assert_eq!(c.validate(), Ok(()));
    c.lowest_ipv6_mtu = u32::MAX;
    assert_eq!(c.validate(), Ok(()));

    let mut c = ok;
    c.profile = Profile::Clat;
    c.hairpin = HairpinMode::Simple;
    assert_eq!(c.validate(), Err(ConfigError::SimpleHairpinWithClat));
    c.hairpin = HairpinMode::Intrinsic;
    assert_eq!(c.validate(), Ok(()));
    c.profile = Profile::Generic;
    c.hairpin = HairpinMode::Simple;
    assert_eq!(c.validate(), Ok(()));

    let mut c = ok;
    c.prefix6 = Some(Prefix6 { addr: v6("2001:db8::"), len: 33 });
    assert_eq!(c.validate(), Err(ConfigError::Prefix6Len));
    c.prefix6 = None; // EAM-only
    assert_eq!(c.validate(), Ok(()));

    let mut c = ok;
    c.icmp_src4_fallback.pool = Ipv4Prefix { addr: [203, 0, 113, 1], len: 24 };
    assert_eq!(c.validate(), Err(ConfigError::Ipv4HostBits));
    c.icmp_src4_fallback.pool = Ipv4Prefix { addr: [203, 0, 113, 0], len: 24 };
    assert_eq!(c.validate(), Ok(()));
    c.icmp_src4_fallback.pool = Ipv4Prefix { addr: [127, 0, 0, 1], len: 32 };
    assert_eq!(c.validate(), Err(ConfigError::Src4FallbackClass));
    c.icmp_src4_fallback.pool = Ipv4Prefix { addr: [0, 0, 0, 0], len: 0 };
    assert_eq!(c.validate(), Err(ConfigError::Src4FallbackClass));

    let mut c = ok;
    c.icmp_src6_fallback = Some(v6("fe80::1"));
    assert_eq!(c.validate(), Err(ConfigError::Src6FallbackClass));
    c.icmp_src6_fallback = Some(v6("2001:db8::5"));
    assert_eq!(c.validate(), Ok(()));

    let mut c = ok;
    c.local = Some(LocalLan {
        prefix6: Prefix6 { addr: v6("2001:db8:1::"), len: 64 },
        ipv4: Ipv4Prefix { addr: [192, 168, 1, 1], len: 24 },
    });
    assert_eq!(c.validate(), Err(ConfigError::Ipv4HostBits));
}

#[test]
fn messages_are_distinct_and_nonempty() {
    let all = [
        ConfigError::Prefix6Len,
        ConfigError::Prefix6UOctet,
        ConfigError::Ipv4PrefixLen,
        ConfigError::Ipv4HostBits,
        ConfigError::LowestMtuTooSmall,
        ConfigError::SimpleHairpinWithClat,
        ConfigError::Src4FallbackClass,
        ConfigError::Src6FallbackClass,
    ];
    for (i, a) in all.iter().enumerate() {
        assert!(!a.message().is_empty());
        for b in &all[i + 1..] {
            assert_ne!(a.message(), b.message());
        }
    }
    assert_eq!(ConfigError::Prefix6Len.message(), "unsupported RFC 6052 prefix length");
}

#[test]
fn pool_overlapping_link_local_rejected() {
    let mut c = Config::DEFAULT;
    c.icmp_src4_fallback.pool = Ipv4Prefix { addr: [160, 0, 0, 0], len: 3 };
    assert_eq!(c.validate(), Err(ConfigError::Src4FallbackClass));
}

/// The compiled view follows the configuration it was built from, and
/// `with_eamt` re-derives the one value that depends on the table.
#[test]
fn compiled_fast_view() {
    use ipxlat_engine::engine::addr::eam::{EamEntry, EamTable};
    use ipxlat_engine::engine::translate::fast::FastMode;
    let d = Compiled::new(Config::DEFAULT);
    assert_eq!(d.fast().mode, FastMode::Rfc6052);
    assert!(d.fast().wkp_check, "WKP prefix with wkp-strict");
    assert_eq!((d.fast().tc_mask, d.fast().tos_keep, d.fast().tos_set), (0xff, 0xff, 0));
    assert_eq!((d.fast().w0_keep, d.fast().w0_set), (0xff00, 0x45));
    assert_eq!(d.fast().df0_max_len6, 1280);
    assert_eq!(d.config().prefix6, Some(WKP));

    let mut c = Config::DEFAULT;
    c.prefix6 = Prefix6::new(v6("2001:db8:100::"), 40).ok();
    c.zero_traffic_class = true;
    c.override_tos = Some(0x2e);
    c.lowest_ipv6_mtu = 1500;
    let k = Compiled::new(c);
    assert!(!k.fast().wkp_check, "a /40 outside 64:ff9b::/32 never hits the WKP");
    assert_eq!((k.fast().tc_mask, k.fast().tos_keep, k.fast().tos_set), (0, 0, 0x2e));
    assert_eq!((k.fast().w0_keep, k.fast().w0_set), (0, 0x2e45));
    assert_eq!(k.fast().layout, layout(40).unwrap());

    let mut entries = [EamEntry::new([192, 0, 2, 1], 32, v6("2001:db8::1"), 128).unwrap()];
    let mut slots = vec![0u32; EamTable::slots_needed(&entries).unwrap()];
    let t = EamTable::build(&mut entries, &mut slots).unwrap();
    let e = k.with_eamt(t);
    assert_eq!(e.fast().mode, FastMode::Eam);
    assert_eq!(e.eamt.len(), 1);
    assert_eq!(e.with_eamt(EamTable::EMPTY).fast().mode, FastMode::Rfc6052);

    assert_eq!(k.fast().mode64, FastMode::Rfc6052);
    let mut odd = c;
    odd.prefix6 = Prefix6::new(v6("fe80::"), 32).ok();
    let o = Compiled::new(odd);
    assert_eq!((o.fast().mode, o.fast().mode64), (FastMode::Rfc6052, FastMode::Off), "64 fast path off for fe80::/32");
    assert_eq!((o.fast().rfc6052_v4, o.fast().rfc6052_v6), (4, 0xff));
    assert_eq!(o.with_eamt(t).fast().mode64, FastMode::Eam);
    assert_eq!((k.fast().rfc6052_v4, k.fast().rfc6052_v6), (4, 6));
    assert_eq!((k.with_eamt(t).fast().rfc6052_v4, k.with_eamt(t).fast().rfc6052_v6), (0xff, 0xff));

    let mut none = c;
    none.prefix6 = None;
    assert_eq!(Compiled::new(none).fast().mode, FastMode::Off);
    let mut clat = c;
    clat.profile = Profile::Clat;
    assert_eq!(Compiled::new(clat).with_eamt(t).fast().mode, FastMode::Off);
}
