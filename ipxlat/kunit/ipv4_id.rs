// SPDX-License-Identifier: GPL-2.0

//! The host IPv4 ID generator behind the engine's `ipv4_id` (SPEC 2.3).

#[kernel::prelude::kunit_tests(ipxlat_ipv4_id)]
mod tests {
    use crate::glue::route::Net;

    const SRC: [u8; 4] = [192, 0, 2, 33];
    const DST: [u8; 4] = [198, 51, 100, 2];

    /// Whether, in one of 100 tries, a packet of `segments` segments and
    /// the next single packet of the same flow got IDs `segments` apart.
    /// The generator adds a random jump when its bucket was idle for a
    /// jiffy or more (or another flow shares the bucket), so some tries
    /// may miss; a generator that does not reserve per segment (or does
    /// not count up) misses all of them but by chance.
    fn next_id_follows(protocol: u8, segments: u16) -> bool {
        let net = Net::initial();
        (0..100).any(|_| {
            let first = net.ipv4_id(SRC, DST, protocol, segments);
            let next = net.ipv4_id(SRC, DST, protocol, 1);
            next.wrapping_sub(first) == segments
        })
    }

    #[test]
    fn gso_packet_reserves_one_id_per_segment() {
        assert!(next_id_follows(6, 5));
    }

    #[test]
    fn single_packets_count_up() {
        assert!(next_id_follows(17, 1));
    }
}
