// SPDX-License-Identifier: GPL-2.0

//! Which CHECKSUM_PARTIAL layouts the datapath hands to the translation
//! as they are, and which it completes in software first (SPEC 4).

mod common;

use common::*;

/// SPEC 4: a CHECKSUM_PARTIAL request is kept through translation only when
/// it is the TCP/UDP checksum (or any sum of another transport) starting
/// right at the transport header behind the fixed IP header; every other
/// layout is completed in software first.
#[test]
fn partial_checksum_layouts() {
    use ipxlat_engine::engine::wire::l4::partial_checksum_at_l4 as kept;
    let tcp4 = V4::new("198.51.100.2", "192.0.2.33", 6).tcp(b"x");
    assert!(kept(&tcp4, 20, 16));
    assert!(!kept(&tcp4, 20, 6), "not the TCP field");
    assert!(!kept(&tcp4, 0, 36), "starts at the IP header");
    let mut h = V4::new("198.51.100.2", "192.0.2.33", 17);
    h.options = vec![1, 1, 1, 0];
    let udp4 = h.udp(1, 2, b"x");
    assert!(kept(&udp4, 24, 6));
    assert!(!kept(&udp4, 20, 6), "IHL 6");
    let gre4 = V4::new("198.51.100.2", "192.0.2.33", 47).packet(&[0u8; 8]);
    assert!(kept(&gre4, 20, 4), "another transport: any field behind its header");
    let udp6 = V6::new("2001:db8::1", "2001:db8::2").udp(1, 2, b"x");
    assert!(kept(&udp6, 40, 6));
    assert!(!kept(&udp6, 40, 16));
    let hbh6 = V6::new("2001:db8::1", "2001:db8::2").with_ext(0, opts_hdr()).udp(1, 2, b"x");
    assert!(!kept(&hbh6, 48, 6), "behind an extension header the translation removes");
    assert!(!kept(&hbh6, 40, 6));
    assert!(!kept(&[0x50; 40], 40, 6), "neither IPv4 nor IPv6");
    assert!(!kept(&[], 0, 0));
    assert!(!kept(&[0x45; 5], 20, 16), "header cut short");
}
