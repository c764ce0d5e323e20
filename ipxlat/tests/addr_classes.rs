// SPDX-License-Identifier: GPL-2.0
//! Address classes (SPEC 1.2, 6).

use ipxlat_engine::engine::addr::classes::*;
use ipxlat_engine::engine::verdict::DropReason;
use std::net::{Ipv4Addr, Ipv6Addr};

fn v6(s: &str) -> [u8; 16] {
    s.parse::<Ipv6Addr>().unwrap().octets()
}
fn v4(s: &str) -> [u8; 4] {
    s.parse::<Ipv4Addr>().unwrap().octets()
}

#[test]
fn non_global_list() {
    let non_global = [
        "0.0.0.0", "0.255.255.255", "10.0.0.1", "10.255.255.255", "100.64.0.0", "100.127.255.255",
        "127.0.0.1", "169.254.1.1", "172.16.0.1", "172.31.255.255", "192.0.0.0", "192.0.0.1",
        "192.0.0.8", "192.0.0.170", "192.0.0.171", "192.0.0.255", "192.0.2.33", "192.168.1.1",
        "198.18.0.1", "198.19.255.255", "198.51.100.2", "203.0.113.8", "240.0.0.1",
        "255.255.255.254", "255.255.255.255",
    ];
    for a in non_global {
        assert!(is_non_global_v4(v4(a)), "{a}");
    }
    let global = [
        "1.0.0.8", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
        "172.15.255.255", "172.32.0.0", "192.0.0.9", "192.0.0.10", "192.0.1.0", "192.0.3.0",
        "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "198.51.99.255",
        "198.51.101.0", "203.0.112.255", "203.0.114.0", "224.0.0.1", "239.255.255.255",
    ];
    for a in global {
        assert!(!is_non_global_v4(v4(a)), "{a}");
    }
}

#[test]
fn v4_classes() {
    for a in ["0.0.0.0", "0.1.2.3", "127.0.0.1", "224.0.0.1", "239.1.1.1",
              "255.255.255.255", "169.254.0.1"] {
        assert_eq!(v4_source_class(v4(a), false), Err(DropReason::SrcAddressClass), "{a}");
        assert_eq!(v4_source_class(v4(a), true), Ok(()), "ICMPv4 error exempt {a}");
        assert_eq!(v4_dest_class(v4(a)), Err(DropReason::DstAddressClass), "{a}");
    }
    for a in ["1.0.0.0", "10.0.0.1", "126.255.255.255", "128.0.0.0", "192.0.2.33",
              "223.255.255.255", "169.253.255.255", "169.255.0.0", "240.0.0.1"] {
        assert_eq!(v4_source_class(v4(a), false), Ok(()), "{a}");
        assert_eq!(v4_dest_class(v4(a)), Ok(()), "{a}");
    }
}

#[test]
fn v6_classes() {
    for a in ["::", "::1", "ff02::1", "ff0e::1", "fe80::1", "febf:ffff::"] {
        assert_eq!(v6_source_class(&v6(a)), Err(DropReason::SrcAddressClass), "{a}");
        assert_eq!(v6_dest_class(&v6(a)), Err(DropReason::DstAddressClass), "{a}");
    }
    for a in ["::2", "2001:db8::1", "fec0::1", "fe7f::1", "64:ff9b::1", "::ffff:1.2.3.4"] {
        assert_eq!(v6_source_class(&v6(a)), Ok(()), "{a}");
        assert_eq!(v6_dest_class(&v6(a)), Ok(()), "{a}");
    }
    // ICMPv6 errors from fe80::/10 pass the class check (SPEC 5.9 fallback).
    assert_eq!(v6_error_source_class(&v6("fe80::1")), Ok(()));
    assert_eq!(v6_error_source_class(&v6("::1")), Err(DropReason::SrcAddressClass));
    assert_eq!(v6_error_source_class(&v6("ff02::1")), Err(DropReason::SrcAddressClass));
}
