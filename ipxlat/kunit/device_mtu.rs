// SPDX-License-Identifier: GPL-2.0

//! Device MTU bounds against the header sizes they derive from.

#[kernel::prelude::kunit_tests(ipxlat_device_mtu)]
mod tests {
    use crate::device::{DEFAULT_MTU, MAX_MTU, MIN_MTU};

    #[test]
    fn min_is_ipv6_minimum_link_mtu() {
        assert_eq!(MIN_MTU, 1280);
    }

    #[test]
    fn max_leaves_room_for_larger_ipv6_header() {
        // A full-size translated packet: MTU + 40 (IPv6) - 20 (IPv4) + 20
        // still fits in the 16-bit IPv4 total length.
        assert_eq!(MAX_MTU + 40 + 20, 65535);
    }

    #[test]
    fn default_within_bounds() {
        assert!(MIN_MTU <= DEFAULT_MTU && DEFAULT_MTU <= MAX_MTU);
    }
}
