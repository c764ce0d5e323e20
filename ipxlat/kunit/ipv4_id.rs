// SPDX-License-Identifier: GPL-2.0

//! The host IPv4 ID generator behind the engine's `ipv4_id` (SPEC 2.3).

#[kernel::prelude::kunit_tests(ipxlat_ipv4_id)]
mod tests {
    use crate::glue::route::Net;

    const SRC: [u8; 4] = [192, 0, 2, 33];
    const DST: [u8; 4] = [198, 51, 100, 2];

    #[test]
    fn gso_packet_reserves_one_id_per_segment() {
        let net = Net::initial();
        // A GSO packet of 5 segments takes 5 consecutive IDs: the next
        // packet of the same flow gets the ID after them. The generator
        // adds a random jump when its bucket was idle for a jiffy or more
        // (or another flow shares the bucket), so some tries may miss.
        let consecutive = (0..100).any(|_| {
            let first = net.ipv4_id(SRC, DST, 6, 5);
            let next = net.ipv4_id(SRC, DST, 6, 1);
            next.wrapping_sub(first) == 5
        });
        assert!(consecutive);
    }

    #[test]
    fn single_packets_count_up() {
        let net = Net::initial();
        let consecutive = (0..100).any(|_| {
            let first = net.ipv4_id(SRC, DST, 17, 1);
            let next = net.ipv4_id(SRC, DST, 17, 1);
            next.wrapping_sub(first) == 1
        });
        assert!(consecutive);
    }
}
