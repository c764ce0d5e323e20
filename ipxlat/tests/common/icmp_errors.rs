// SPDX-License-Identifier: GPL-2.0

//! ICMP error fixtures on the reference addresses (SPEC 7.2): errors from
//! the IPv4 node 198.51.100.2 and the IPv6 target 2001:db8:1c0:2:21::,
//! quoting UDP between the two.

use super::*;

/// The IPv4 node of the reference topology.
pub const NS4: &str = "198.51.100.2";
/// Its image under 2001:db8:100::/40.
pub const NS4_6: &str = "2001:db8:1c6:3364:2::";
/// The IPv4 target.
pub const TARGET: &str = "192.0.2.33";
/// Its image under 2001:db8:100::/40.
pub const TARGET_6: &str = "2001:db8:1c0:2:21::";

/// The quoted inner IPv4 packet: UDP 192.0.2.33 → 198.51.100.2.
pub fn inner4(payload: &[u8]) -> Vec<u8> {
    V4::new(TARGET, NS4, 17).udp(5555, 4242, payload)
}

/// Its IPv6 counterpart.
pub fn inner6(payload: &[u8]) -> Vec<u8> {
    V6::new(TARGET_6, NS4_6).udp(5555, 4242, payload)
}

/// An ICMPv4 error from NS4 to TARGET.
pub fn err4(t: u8, c: u8, rest: [u8; 4], body: &[u8]) -> Vec<u8> {
    V4::new(NS4, TARGET, 1).packet(&icmp4(t, c, rest, body))
}

/// An ICMPv6 error from TARGET_6 to NS4_6.
pub fn err6(t: u8, c: u8, rest: [u8; 4], body: &[u8]) -> Vec<u8> {
    let h = V6::new(TARGET_6, NS4_6);
    h.packet(58, &icmp6(h.src, h.dst, t, c, rest, body))
}
