// SPDX-License-Identifier: GPL-2.0

//! SPEC 3.2, 3.3, 3.5, 5.10: PTB ⇄ Fragmentation Needed MTU arithmetic and
//! the MTUs of translator-generated too-big errors.

use ipxlat_engine::engine::icmp::mtu::{
    frag_needed_mtu_v4_to_v6, frag_needed_to_ptb, plateau_below, ptb_mtu_v6_to_v4,
    ptb_to_frag_needed, IPV4_MIN_MTU, IPV6_MIN_MTU, PLATEAUS,
};
use proptest::prelude::*;

/// SPEC 3.5 vectors assume 1500-byte links on every side.
const LINK: u32 = 1500;

#[test]
fn plateau_table_is_rfc1191() {
    assert_eq!(
        PLATEAUS,
        [65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68]
    );
    assert!(PLATEAUS.windows(2).all(|w| w[0] > w[1]));
}

#[test]
fn plateau_below_is_strict() {
    assert_eq!(plateau_below(1500), 1492);
    assert_eq!(plateau_below(1492), 1006);
    assert_eq!(plateau_below(1493), 1492);
    assert_eq!(plateau_below(65535), 32000);
    assert_eq!(plateau_below(65536), 65535);
    assert_eq!(plateau_below(u32::MAX), 65535);
    assert_eq!(plateau_below(69), 68);
    assert_eq!(plateau_below(68), 68); // none below ⇒ 68
    assert_eq!(plateau_below(20), 68);
    assert_eq!(plateau_below(0), 68);
}

#[test]
fn spec_3_5_ptb_1280_to_1260() {
    assert_eq!(ptb_to_frag_needed(1280, LINK, LINK), 1260);
}

#[test]
fn spec_3_5_fn_1261_to_1281() {
    assert_eq!(frag_needed_to_ptb(1261, 1500, LINK, LINK), 1281);
}

#[test]
fn spec_3_5_fn_1260_to_1280() {
    assert_eq!(frag_needed_to_ptb(1260, 1500, LINK, LINK), 1280);
}

#[test]
fn spec_3_5_fn_1259_to_1280() {
    assert_eq!(frag_needed_to_ptb(1259, 1500, LINK, LINK), 1280);
}

#[test]
fn spec_3_5_fn_0_uses_plateau() {
    // Plateau below 1500 is 1492; 1492 + 20 = 1512, limited by the 1500 link.
    assert_eq!(frag_needed_to_ptb(0, 1500, LINK, LINK), 1500);
    // Same with wide links: the plateau value itself shows through.
    assert_eq!(frag_needed_to_ptb(0, 1500, 9000, 9000), 1512);
    // 1-67 are also replaced (project decision).
    assert_eq!(frag_needed_to_ptb(67, 1500, 9000, 9000), 1512);
    assert_eq!(frag_needed_to_ptb(68, 1500, 9000, 9000), 1280);
}

#[test]
fn fn_limited_by_links_and_floor() {
    // MTU6 toward the PTB receiver.
    assert_eq!(frag_needed_to_ptb(9000, 9000, 1400, 9000), 1400);
    // MTU4 toward the inner destination + 20.
    assert_eq!(frag_needed_to_ptb(9000, 9000, 9000, 1400), 1420);
    // Never below 1280.
    assert_eq!(frag_needed_to_ptb(9000, 9000, 0, 0), 1280);
    // Saturation.
    assert_eq!(
        frag_needed_to_ptb(u16::MAX, u16::MAX, u32::MAX, u32::MAX),
        65555
    );
}

#[test]
fn ptb_limited_by_links_and_clamped() {
    // PTB below 1280 raised to 1280.
    assert_eq!(ptb_to_frag_needed(0, LINK, LINK), 1260);
    assert_eq!(ptb_to_frag_needed(1000, LINK, LINK), 1260);
    assert_eq!(ptb_to_frag_needed(1400, LINK, LINK), 1380);
    assert_eq!(ptb_to_frag_needed(9000, 1400, LINK), 1400);
    assert_eq!(ptb_to_frag_needed(9000, 9000, 1400), 1380);
    // Clamps: [68, 65535].
    assert_eq!(ptb_to_frag_needed(u32::MAX, u32::MAX, u32::MAX), 65535);
    assert_eq!(ptb_to_frag_needed(9000, 0, 9000), 68);
    assert_eq!(ptb_to_frag_needed(9000, 9000, 10), 68);
}

#[test]
fn spec_3_2_df1_len4_1261_mtu6_1280_gives_3_4_mtu_1260() {
    assert_eq!(frag_needed_mtu_v4_to_v6(1280), 1260);
    assert_eq!(frag_needed_mtu_v4_to_v6(1500), 1480);
    assert_eq!(frag_needed_mtu_v4_to_v6(0), 68);
    assert_eq!(frag_needed_mtu_v4_to_v6(87), 68);
    assert_eq!(frag_needed_mtu_v4_to_v6(88), 68);
    assert_eq!(frag_needed_mtu_v4_to_v6(89), 69);
    assert_eq!(frag_needed_mtu_v4_to_v6(u32::MAX), 65535);
}

#[test]
fn spec_3_3_1421_with_mtu4_1400_gives_2_0_mtu_1420() {
    assert_eq!(ptb_mtu_v6_to_v4(1400), 1420);
    assert_eq!(ptb_mtu_v6_to_v4(1260), 1280);
    assert_eq!(ptb_mtu_v6_to_v4(576), 1280);
    assert_eq!(ptb_mtu_v6_to_v4(0), 1280);
    assert_eq!(ptb_mtu_v6_to_v4(u32::MAX), u32::MAX);
}

proptest! {
    #[test]
    fn frag_needed_to_ptb_bounds(m in any::<u16>(), l in any::<u16>(), a in any::<u32>(), b in any::<u32>()) {
        let r = frag_needed_to_ptb(m, l, a, b);
        prop_assert!(r >= IPV6_MIN_MTU);
        prop_assert!(r <= 65535 + 20);
        prop_assert!(r == IPV6_MIN_MTU || (r <= a && r <= b.saturating_add(20)));
    }

    #[test]
    fn ptb_to_frag_needed_bounds(p in any::<u32>(), a in any::<u32>(), b in any::<u32>()) {
        let r = u32::from(ptb_to_frag_needed(p, a, b));
        prop_assert!(r >= IPV4_MIN_MTU);
        prop_assert!(r == IPV4_MIN_MTU || (r <= a && r <= b.saturating_sub(20)));
        prop_assert!(r <= p.max(IPV6_MIN_MTU) - 20);
    }

    #[test]
    fn generated_error_mtus_bounds(x in any::<u32>()) {
        prop_assert!(u32::from(frag_needed_mtu_v4_to_v6(x)) >= IPV4_MIN_MTU);
        prop_assert!(ptb_mtu_v6_to_v4(x) >= IPV6_MIN_MTU);
    }

    #[test]
    fn plateau_below_bounds(x in any::<u32>()) {
        let p = plateau_below(x);
        prop_assert!(PLATEAUS.contains(&p));
        prop_assert!(p < x || p == IPV4_MIN_MTU);
    }
}
