// SPDX-License-Identifier: GPL-2.0
//! RFC 6052 embedding and extraction (SPEC 1.1 vectors).

use ipxlat_engine::engine::addr::prefix6::{ExtractFail, Prefix6, WKP};
use ipxlat_engine::engine::config::ConfigError;
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

/// SPEC 1.1 vector table (RFC 6052 section 2.4 examples).
const RFC6052: [(&str, &str); 7] = [
    ("2001:db8::/32", "2001:db8:c000:221::"),
    ("2001:db8:100::/40", "2001:db8:1c0:2:21::"),
    ("2001:db8:122::/48", "2001:db8:122:c000:2:2100::"),
    ("2001:db8:122:300::/56", "2001:db8:122:3c0:0:221::"),
    ("2001:db8:122:344::/64", "2001:db8:122:344:c0:2:2100:0"),
    ("2001:db8:122:344::/96", "2001:db8:122:344::c000:221"),
    ("64:ff9b::/96", "64:ff9b::c000:221"),
];

#[test]
fn rfc6052_vectors_embed() {
    for (p, want) in RFC6052 {
        assert_eq!(p6(p).embed(v4("192.0.2.33")), v6(want), "{p}");
    }
}

#[test]
fn rfc6052_vectors_extract() {
    for (p, addr) in RFC6052 {
        assert_eq!(p6(p).extract(&v6(addr)), Some(v4("192.0.2.33")), "{p}");
    }
}

#[test]
fn reference_topology_slash40() {
    let p = p6("2001:db8:100::/40");
    let list = [
        ("198.51.100.2", "2001:db8:1c6:3364:2::"),
        ("198.51.100.1", "2001:db8:1c6:3364:1::"),
        ("192.0.2.2", "2001:db8:1c0:2:2::"),
        ("203.0.113.8", "2001:db8:1cb:71:8::"),
        ("1.0.0.8", "2001:db8:101:0:8::"),
        ("127.0.0.1", "2001:db8:17f:0:1::"),
        ("0.0.0.0", "2001:db8:100::"),
    ];
    for (a, b) in list {
        assert_eq!(p.embed(v4(a)), v6(b), "{a}");
        assert_eq!(p.extract(&v6(b)), Some(v4(a)), "{b}");
    }
}

#[test]
fn u_octet_nonzero_does_not_map() {
    let p = p6("2001:db8:100::/40");
    let a = v6("2001:db8:1c0:2:ff21::");
    assert_eq!(p.extract(&a), None);
    assert_eq!(p.try_extract(&a), Err(ExtractFail::UOctetNonZero));
    assert_eq!(p.try_extract(&v6("2001:db9::")), Err(ExtractFail::Outside));
}

#[test]
fn suffix_bits_ignored_on_extract_kept_on_embed() {
    // /64: IPv4 at bytes 9..=12, suffix 13..=15.
    let p = p6("2001:db8:122:344::/64");
    assert_eq!(p.extract(&v6("2001:db8:122:344:c0:2:21ff:ffff")), Some(v4("192.0.2.33")));
    // Configured suffix bits kept (ipxlat-compatible), byte 8 forced 0.
    let mut raw = v6("2001:db8:122:344:ff00::abcd");
    assert_eq!(raw[8], 0xff);
    let q = Prefix6::new(raw, 64).unwrap();
    let out = q.embed(v4("192.0.2.33"));
    raw[8] = 0;
    raw[9..13].copy_from_slice(&[192, 0, 2, 33]);
    assert_eq!(out, raw);
    assert_eq!(out, v6("2001:db8:122:344:c0:2:2100:abcd"));
}

#[test]
fn validation() {
    for len in [32u8, 40, 48, 56, 64, 96] {
        assert!(Prefix6::new(v6("2001:db8::"), len).is_ok(), "{len}");
    }
    for len in [0u8, 8, 16, 24, 33, 63, 65, 72, 80, 88, 95, 97, 128, 255] {
        assert_eq!(Prefix6::new(v6("2001:db8::"), len), Err(ConfigError::Prefix6Len), "{len}");
    }
    let mut a = v6("2001:db8::");
    a[8] = 1;
    assert_eq!(Prefix6::new(a, 96), Err(ConfigError::Prefix6UOctet));
    assert!(Prefix6::new(a, 64).is_ok());
    assert!(WKP.validate().is_ok());
    assert!(WKP.is_wkp());
    assert!(!p6("64:ff9b:1::/48").is_wkp());
    assert_eq!(WKP, p6("64:ff9b::/96"));
}

#[test]
fn roundtrip_all_lengths() {
    for len in [32u8, 40, 48, 56, 64, 96] {
        let p = Prefix6::new(v6("2001:db8:aaaa:bbbb:cc::"), len).unwrap();
        for a in [[0, 0, 0, 0], [255, 255, 255, 255], [1, 2, 3, 4], [192, 0, 2, 33]] {
            let e = p.embed(a);
            assert_eq!(e[8], 0);
            assert_eq!(p.extract(&e), Some(a), "{len} {a:?}");
        }
    }
}
