// SPDX-License-Identifier: GPL-2.0
//! Checksum arithmetic (SPEC 4) against a naive RFC 1071 reference.

use ipxlat_engine::engine::checksum::*;
use proptest::prelude::*;

/// Naive RFC 1071: sum of 16-bit words with end-around carry, inverted.
fn naive(bytes: &[u8]) -> u16 {
    let mut s: u64 = 0;
    for c in bytes.chunks(2) {
        let w = if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], 0]) };
        s += w as u64;
    }
    while s > 0xffff {
        s = (s & 0xffff) + (s >> 16);
    }
    !(s as u16)
}

fn pseudo4_bytes(src: [u8; 4], dst: [u8; 4], proto: u8, len: u16) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&src);
    v.extend_from_slice(&dst);
    v.extend_from_slice(&[0, proto]);
    v.extend_from_slice(&len.to_be_bytes());
    v
}
fn pseudo6_bytes(src: &[u8; 16], dst: &[u8; 16], proto: u8, len: u32) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(src);
    v.extend_from_slice(dst);
    v.extend_from_slice(&len.to_be_bytes());
    v.extend_from_slice(&[0, 0, 0, proto]);
    v
}

#[test]
fn rfc1071_example() {
    // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2.
    let b = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
    assert_eq!(fold(sum(&b, 0)), 0xddf2);
    assert_eq!(finish(sum(&b, 0)), !0xddf2);
}

#[test]
fn ipv4_header_checksum_vector() {
    // A well-known IPv4 header; checksum 0xb861.
    let mut h = [0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7];
    assert_eq!(finish(sum(&h, 0)), 0xb861);
    h[10..12].copy_from_slice(&0xb861u16.to_be_bytes());
    assert_eq!(fold(sum(&h, 0)), 0xffff);
}

#[test]
fn odd_length_and_empty() {
    assert_eq!(sum(&[], 0), 0);
    assert_eq!(sum(&[0xab], 0), 0xab00);
    assert_eq!(fold(sum(&[0x12, 0x34, 0x56], 0)), 0x1234 + 0x5600);
    assert_eq!(finish(0), 0xffff);
}

#[test]
fn no_overflow_on_huge_input_and_initial() {
    let big = vec![0xffu8; 1 << 20];
    let s = sum(&big, u32::MAX);
    assert_eq!(fold(s), fold(add(sum(&big, 0), u32::MAX)));
    assert_eq!(finish(sum(&big, 0)), naive(&big));
    assert_eq!(add(u32::MAX, u32::MAX), u32::MAX);
}

#[test]
fn checksum_neutral_wkp() {
    // SPEC 1.2: 64:ff9b::/96 sums to 0 (one's complement), so its words
    // contribute nothing.
    let wkp = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(fold(sum(&wkp, 0)), 0xffff);
    let f = 0x1234;
    assert_eq!(update(f, 0, sum(&wkp, 0)), f);
}

proptest! {
    #[test]
    fn sum_matches_naive(data in proptest::collection::vec(any::<u8>(), 0..2000), split in 0usize..2000) {
        prop_assert_eq!(finish(sum(&data, 0)), naive(&data));
        // Splitting at an even offset and adding partial sums is the same.
        let k = (split.min(data.len())) & !1;
        let s = add(sum(&data[..k], 0), sum(&data[k..], 0));
        prop_assert_eq!(finish(s), naive(&data));
        prop_assert_eq!(finish(sum(&data[k..], sum(&data[..k], 0))), naive(&data));
    }

    #[test]
    fn pseudo_headers_match_bytes(s4 in any::<[u8; 4]>(), d4 in any::<[u8; 4]>(), s6 in any::<[u8; 16]>(), d6 in any::<[u8; 16]>(),
                                  proto in any::<u8>(), len in any::<u16>(), len6 in any::<u32>()) {
        prop_assert_eq!(fold(pseudo_v4(s4, d4, proto, len as u32)), fold(sum(&pseudo4_bytes(s4, d4, proto, len), 0)));
        prop_assert_eq!(fold(pseudo_v6(&s6, &d6, proto, len6)), fold(sum(&pseudo6_bytes(&s6, &d6, proto, len6), 0)));
    }

    /// SPEC 4 incremental 46: remove IPv4 address words, add IPv6 ones,
    /// equals a full recompute over the new pseudo-header.
    #[test]
    fn incremental_equals_recompute(payload in proptest::collection::vec(any::<u8>(), 8..600),
                                    s4 in any::<[u8; 4]>(), d4 in any::<[u8; 4]>(),
                                    s6 in any::<[u8; 16]>(), d6 in any::<[u8; 16]>(), proto in prop_oneof![Just(6u8), Just(17u8)]) {
        let len = payload.len() as u16;
        let mut p = payload.clone();
        p[6] = 0;
        p[7] = 0;
        let c4 = finish(sum(&p, pseudo_v4(s4, d4, proto, len as u32)));
        let c6 = finish(sum(&p, pseudo_v6(&s6, &d6, proto, len as u32)));
        let removed = sum(&d4, sum(&s4, 0));
        let added = sum(&d6, sum(&s6, 0));
        let inc = update(c4, removed, added);
        // Equal as one's-complement values (0x0000 and 0xffff both mean 0).
        prop_assert_eq!(fold(!inc as u32), fold(!c6 as u32));
        // And back (64).
        let back = update(inc, added, removed);
        prop_assert_eq!(fold(!back as u32), fold(!c4 as u32));
        // The packet with the incrementally updated checksum verifies.
        p[6..8].copy_from_slice(&inc.to_be_bytes());
        let v = fold(sum(&p, pseudo_v6(&s6, &d6, proto, len as u32)));
        prop_assert!(v == 0xffff || (v == 0 && inc == 0xffff) );
    }

    /// CHECKSUM_PARTIAL seed: fold(seed + ~removed + added) equals the new
    /// family's pseudo-header sum.
    #[test]
    fn partial_seed_update(s4 in any::<[u8; 4]>(), d4 in any::<[u8; 4]>(), s6 in any::<[u8; 16]>(), d6 in any::<[u8; 16]>(), len in 8u16..) {
        let seed4 = fold(pseudo_v4(s4, d4, 6, len as u32));
        let seed6 = fold(pseudo_v6(&s6, &d6, 6, len as u32));
        let removed = sum(&d4, sum(&s4, 0));
        let added = sum(&d6, sum(&s6, 0));
        let got = update_partial(seed4, removed, added);
        prop_assert_eq!(fold(got as u32) % 0xffff, seed6 % 0xffff);
    }

    #[test]
    fn negate_is_inverse(a in any::<u32>(), b in any::<u32>()) {
        prop_assert_eq!(fold(add(add(a, b), negate(b))) % 0xffff, fold(a) % 0xffff);
    }
}
