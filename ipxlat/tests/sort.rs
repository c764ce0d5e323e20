// SPDX-License-Identifier: GPL-2.0

//! The engine's constant-stack heapsort against the standard sort.

use ipxlat_engine::engine::sort::heapsort_by_key;
use proptest::prelude::*;

proptest! {
    #[test]
    fn sorts_like_std(mut v in proptest::collection::vec((0u8..20, any::<u16>()), 0..300)) {
        let mut expected = v.clone();
        expected.sort_by_key(|x| x.0);
        heapsort_by_key(&mut v, |x| x.0);
        prop_assert_eq!(v.iter().map(|x| x.0).collect::<Vec<_>>(), expected.iter().map(|x| x.0).collect::<Vec<_>>());
        let mut a = v.clone(); a.sort(); expected.sort();
        prop_assert_eq!(a, expected);
    }
}

#[test]
fn sorts_a_million_keys() {
    let mut v: Vec<u32> = (0..1_000_000u32).map(|i| i.wrapping_mul(2_654_435_761)).collect();
    heapsort_by_key(&mut v, |x| *x);
    assert!(v.windows(2).all(|w| w[0] <= w[1]));
}
