// SPDX-License-Identifier: GPL-2.0

//! ICMP tables and MTU arithmetic: SPEC 5.2-5.4 rows and the 3.3/3.5
//! vectors, in the kernel build of the engine.

#[kernel::prelude::kunit_tests(ipxlat_icmp)]
mod tests {
    use crate::engine::icmp::{mtu, pointer, types_v4_to_v6, types_v6_to_v4};

    /// Output type/code of a 46 mapping, `None` for a drop.
    fn v4_to_v6(t: u8, c: u8) -> Option<(u8, u8)> {
        types_v4_to_v6::map(t, c).map(|m| (m.icmp_type, m.code))
    }

    /// Output type/code of a 64 mapping, `None` for a drop.
    fn v6_to_v4(t: u8, c: u8) -> Option<(u8, u8)> {
        types_v6_to_v4::map(t, c).map(|m| (m.icmp_type, m.code))
    }

    #[test]
    fn icmpv4_to_icmpv6_types() {
        assert_eq!(v4_to_v6(8, 0), Some((128, 0)));
        assert_eq!(v4_to_v6(0, 0), Some((129, 0)));
        for code in [0u8, 1, 5, 6, 7, 8, 11, 12] {
            assert_eq!(v4_to_v6(3, code), Some((1, 0)));
        }
        assert_eq!(v4_to_v6(3, 2), Some((4, 1)));
        assert_eq!(v4_to_v6(3, 3), Some((1, 4)));
        assert_eq!(v4_to_v6(3, 4), Some((2, 0)));
        for code in [9u8, 10, 13, 15] {
            assert_eq!(v4_to_v6(3, code), Some((1, 1)));
        }
        assert_eq!(v4_to_v6(3, 14), None);
        assert_eq!(v4_to_v6(11, 1), Some((3, 1)));
        assert_eq!(v4_to_v6(12, 0), Some((4, 0)));
        assert_eq!(v4_to_v6(12, 1), None);
        for t in [4u8, 5, 6, 9, 10, 13, 14, 15, 16, 17, 18] {
            assert_eq!(v4_to_v6(t, 0), None);
        }
    }

    #[test]
    fn icmpv6_to_icmpv4_types() {
        assert_eq!(v6_to_v4(128, 0), Some((8, 0)));
        assert_eq!(v6_to_v4(129, 0), Some((0, 0)));
        for code in [0u8, 2, 3] {
            assert_eq!(v6_to_v4(1, code), Some((3, 1)));
        }
        assert_eq!(v6_to_v4(1, 1), Some((3, 10)));
        assert_eq!(v6_to_v4(1, 4), Some((3, 3)));
        assert_eq!(v6_to_v4(1, 5), None);
        assert_eq!(v6_to_v4(2, 0), Some((3, 4)));
        assert_eq!(v6_to_v4(3, 1), Some((11, 1)));
        assert_eq!(v6_to_v4(4, 0), Some((12, 0)));
        assert_eq!(v6_to_v4(4, 1), Some((3, 2)));
        assert_eq!(v6_to_v4(4, 2), None);
        for t in [130u8, 131, 132, 133, 134, 135, 136, 137, 143] {
            assert_eq!(v6_to_v4(t, 0), None);
        }
    }

    #[test]
    fn parameter_problem_pointers() {
        let v4_rows: [(u8, Option<u32>); 10] = [
            (0, Some(0)),
            (1, Some(1)),
            (2, Some(4)),
            (3, Some(4)),
            (4, None),
            (8, Some(7)),
            (9, Some(6)),
            (10, None),
            (12, Some(8)),
            (16, Some(24)),
        ];
        for (p, expected) in v4_rows {
            assert_eq!(pointer::v4_to_v6(p), expected);
        }
        assert_eq!(pointer::v4_to_v6(20), None);
        let v6_rows: [(u32, Option<u8>); 9] = [
            (0, Some(0)),
            (1, Some(1)),
            (2, None),
            (4, Some(2)),
            (6, Some(9)),
            (7, Some(8)),
            (8, Some(12)),
            (24, Some(16)),
            (40, None),
        ];
        for (p, expected) in v6_rows {
            assert_eq!(pointer::v6_to_v4(p), expected);
        }
    }

    #[test]
    fn ptb_and_frag_needed_vectors() {
        // SPEC 3.5, links of 1500 bytes.
        assert_eq!(mtu::ptb_to_frag_needed(1280, 1500, 1500), 1260);
        assert_eq!(mtu::frag_needed_to_ptb(1261, 1500, 1500, 1500), 1281);
        assert_eq!(mtu::frag_needed_to_ptb(1260, 1500, 1500, 1500), 1280);
        assert_eq!(mtu::frag_needed_to_ptb(1259, 1500, 1500, 1500), 1280);
        // Pre-RFC 1191 router (MTU 0) quoting a 1500-byte datagram: plateau
        // 1492, plus 20.
        assert_eq!(mtu::frag_needed_to_ptb(0, 1500, 1500, 1500), 1500);
        // SPEC 3.3 and 3.2: translator-generated errors.
        assert_eq!(mtu::ptb_mtu_v6_to_v4(1400), 1420);
        assert_eq!(mtu::frag_needed_mtu_v4_to_v6(1280), 1260);
    }
}
