// SPDX-License-Identifier: GPL-2.0

//! SPEC 5.6 / 5.7: RFC 4884 length attribute, extension and size caps.
//!
//! Inner translation changes the quote size: 46 adds 20 (IPv4 → IPv6
//! header), 64 removes 20. The tests compute `n'` the way the caller does.

use ipxlat_engine::engine::icmp::ext4884::{
    layout, Family, Input, Layout, Output, Span, ICMP_HEADER_LEN, MIN_FIELD_LEN,
};
use proptest::prelude::*;

/// A large declared inner length: the quote is limited by `L`, not by it.
const BIG: u32 = 1500;

fn v4_to_v6(l: u8, body: u32, declared: u32) -> (Input, Layout) {
    let input = Input::parse(l, Family::V4, body, declared);
    let out = layout(&input, input.quote_len + 20, &Output::new(Family::V6, true));
    (input, out)
}

fn v6_to_v4(l: u8, body: u32, declared: u32) -> (Input, Layout) {
    let input = Input::parse(l, Family::V6, body, declared);
    let out = layout(&input, input.quote_len - 20, &Output::new(Family::V4, true));
    (input, out)
}

#[test]
fn family_constants() {
    assert_eq!(Family::V4.length_unit(), 4);
    assert_eq!(Family::V6.length_unit(), 8);
    assert_eq!(Family::V4.length_offset(), 5);
    assert_eq!(Family::V6.length_offset(), 4);
    assert_eq!(Family::V4.error_cap(), 576);
    assert_eq!(Family::V6.error_cap(), 1280);
    assert_eq!(Output::new(Family::V6, true).budget(), 1232);
    assert_eq!(Output::new(Family::V4, true).budget(), 548);
}

#[test]
fn vector_v6_len19_to_v4_len33() {
    // ICMPv6 1/4 len 19 (152 B quote, 20 B ext) ⇒ ICMPv4 3/3 len 33 (132 B).
    let (input, out) = v6_to_v4(19, 152 + 20, BIG);
    assert_eq!(input.quote_len, 152);
    assert_eq!(
        input.extension,
        Some(Span {
            offset: 152,
            len: 20
        })
    );
    assert_eq!(out.length_attr, 33);
    assert_eq!(
        (out.quote_len, out.field_len, out.padding_len()),
        (132, 132, 0)
    );
    assert_eq!(
        out.extension,
        Some(Span {
            offset: 152,
            len: 20
        })
    );
    assert_eq!(out.total_len, 20 + 8 + 132 + 20);
    assert_eq!(out.icmp_len(), 8 + 132 + 20);
}

#[test]
fn vector_v4_len33_to_v6_len19() {
    // ... and back.
    let (input, out) = v4_to_v6(33, 132 + 20, BIG);
    assert_eq!(input.quote_len, 132);
    assert_eq!(out.length_attr, 19);
    assert_eq!((out.quote_len, out.field_len), (152, 152));
    assert_eq!(
        out.extension,
        Some(Span {
            offset: 132,
            len: 20
        })
    );
    assert_eq!(out.total_len, 40 + 8 + 152 + 20);
}

#[test]
fn vector_v6_len16_122_plus_6_pad_to_v4_len32_102_plus_26_pad() {
    let (input, out) = v6_to_v4(16, 128 + 8, 122);
    assert_eq!(input.quote_len, 122);
    assert_eq!(out.length_attr, 32);
    assert_eq!(
        (out.quote_len, out.padding_len(), out.field_len),
        (102, 26, 128)
    );
    assert_eq!(
        out.extension,
        Some(Span {
            offset: 128,
            len: 8
        })
    );
}

#[test]
fn vector_v4_len32_quote126_to_v6_len18_cut_to_144() {
    let (input, out) = v4_to_v6(32, 128 + 8, 126);
    assert_eq!(input.quote_len, 126);
    assert_eq!(out.length_attr, 18);
    assert_eq!(
        (out.quote_len, out.padding_len(), out.field_len),
        (144, 0, 144)
    );
}

#[test]
fn vector_v6_128_quote_420_ext_fills_576() {
    let (_, out) = v6_to_v4(16, 128 + 420, BIG);
    assert_eq!(out.total_len, 576);
    assert_eq!(out.length_attr, 32);
    assert_eq!(
        (out.quote_len, out.padding_len(), out.field_len),
        (108, 20, 128)
    );
    assert_eq!(
        out.extension,
        Some(Span {
            offset: 128,
            len: 420
        })
    );
}

#[test]
fn vector_v6_128_quote_421_ext_removed() {
    let (_, out) = v6_to_v4(16, 128 + 421, BIG);
    assert_eq!(out.extension, None);
    assert_eq!(out.length_attr, 0);
    assert_eq!((out.quote_len, out.field_len), (108, 108));
    assert_eq!(out.total_len, 136);
}

#[test]
fn vector_v4_len255_ext1104_to_1280() {
    let (input, out) = v4_to_v6(255, 1020 + 1104, BIG);
    assert_eq!(input.quote_len, 1020);
    assert_eq!(out.total_len, 1280);
    assert_eq!(out.length_attr, 16);
    assert_eq!((out.quote_len, out.field_len), (128, 128));
    assert_eq!(
        out.extension,
        Some(Span {
            offset: 1020,
            len: 1104
        })
    );
}

#[test]
fn v4_len255_ext1105_removed() {
    let (_, out) = v4_to_v6(255, 1020 + 1105, BIG);
    assert_eq!(out.extension, None);
    assert_eq!(out.length_attr, 0);
    assert_eq!((out.quote_len, out.field_len), (1040, 1040));
    assert_eq!(out.total_len, 40 + 8 + 1040);
}

#[test]
fn vector_v4_len7_28b_ext40_to_v6_len16_padded() {
    let (input, out) = v4_to_v6(7, 28 + 40, BIG);
    assert_eq!(input.quote_len, 28);
    assert_eq!(out.length_attr, 16);
    assert_eq!(
        (out.quote_len, out.padding_len(), out.field_len),
        (48, 80, 128)
    );
    assert_eq!(
        out.extension,
        Some(Span {
            offset: 28,
            len: 40
        })
    );
    assert_eq!(out.total_len, 40 + 8 + 128 + 40);
}

#[test]
fn vector_5_7_v4_1500_to_v6_1280() {
    // 20 + 8 + 1472 B quote, no extension ⇒ quote 1232.
    let (input, out) = v4_to_v6(0, 1472, 1500);
    assert_eq!(
        input,
        Input {
            quote_len: 1472,
            extension: None
        }
    );
    assert_eq!(out.total_len, 1280);
    assert_eq!(
        (out.quote_len, out.field_len, out.length_attr),
        (1232, 1232, 0)
    );
}

#[test]
fn vector_5_7_v6_700_to_v4_576() {
    // 40 + 8 + 652 B quote ⇒ quote 548.
    let (_, out) = v6_to_v4(0, 652, 1280);
    assert_eq!(out.total_len, 576);
    assert_eq!(
        (out.quote_len, out.field_len, out.length_attr),
        (548, 548, 0)
    );
}

#[test]
fn length_zero_is_no_extension_whole_body_quoted() {
    let input = Input::parse(0, Family::V4, 300, 100);
    assert_eq!(
        input,
        Input {
            quote_len: 300,
            extension: None
        }
    );
}

#[test]
fn length_without_bytes_after_field_is_no_extension() {
    let input = Input::parse(32, Family::V4, 128, 100);
    assert_eq!(
        input,
        Input {
            quote_len: 128,
            extension: None
        }
    );
    let out = layout(&input, 148, &Output::new(Family::V6, true));
    assert_eq!(
        (out.quote_len, out.field_len, out.length_attr, out.extension),
        (148, 148, 0, None)
    );
}

#[test]
fn length_beyond_message_is_no_extension() {
    let input = Input::parse(40, Family::V4, 140, 1500);
    assert_eq!(
        input,
        Input {
            quote_len: 140,
            extension: None
        }
    );
    let input = Input::parse(255, Family::V6, 2039, 1500);
    assert_eq!(input.extension, None);
    let input = Input::parse(255, Family::V6, 2041, 1500);
    assert_eq!(
        input.extension,
        Some(Span {
            offset: 2040,
            len: 1
        })
    );
}

#[test]
fn uncarried_pairs_remove_extension_and_padding() {
    // e.g. 3/4 → 2/0 or 12/0 → 4/0: the input length still locates the
    // quote, but the output has no length field (SPEC 5.6).
    let input = Input::parse(32, Family::V4, 128 + 40, 100);
    assert_eq!(input.quote_len, 100);
    let out = layout(&input, 120, &Output::new(Family::V6, false));
    assert_eq!(
        (out.quote_len, out.field_len, out.length_attr, out.extension),
        (120, 120, 0, None)
    );
    assert_eq!(out.total_len, 40 + 8 + 120);
}

#[test]
fn extension_exactly_at_b_minus_128() {
    // 46: B = 1232. E = 1104 = B − 128 keeps the extension with O = 128.
    let input = Input::parse(200, Family::V4, 800 + 1104, BIG);
    let out = layout(&input, 820, &Output::new(Family::V6, true));
    assert_eq!(
        (out.field_len, out.length_attr, out.total_len),
        (128, 16, 1280)
    );
    // Shrunken field is a whole number of output units.
    let input = Input::parse(200, Family::V4, 800 + 1000, BIG);
    let out = layout(&input, 820, &Output::new(Family::V6, true));
    assert_eq!(out.field_len, 232); // ⌊(1232 − 1000) / 8⌋ · 8
    assert_eq!(out.length_attr, 29);
    assert_eq!(out.total_len, 40 + 8 + 232 + 1000);
}

#[test]
fn small_quotes_below_128_are_processed() {
    // L·u_in < 128 (invalid per RFC 4884) is still processed (SPEC 5.6.1).
    let (input, out) = v6_to_v4(5, 40 + 8, BIG);
    assert_eq!(input.quote_len, 40);
    assert_eq!(
        (out.quote_len, out.field_len, out.length_attr),
        (20, 128, 32)
    );
}

#[test]
fn tiny_cap_does_not_panic() {
    let input = Input::parse(16, Family::V6, 200, BIG);
    let out = Output {
        family: Family::V4,
        cap: 10,
        header_len: 20,
        carry: true,
    };
    let l = layout(&input, 108, &out);
    assert_eq!(
        (l.quote_len, l.field_len, l.extension, l.length_attr),
        (0, 0, None, 0)
    );
}

fn family() -> impl Strategy<Value = Family> {
    prop_oneof![Just(Family::V4), Just(Family::V6)]
}

proptest! {
    #[test]
    fn parse_never_panics_and_partitions_body(
        l in any::<u8>(), f in family(), body in any::<u32>(), declared in any::<u32>(),
    ) {
        let input = Input::parse(l, f, body, declared);
        prop_assert!(input.quote_len <= body);
        if let Some(span) = input.extension {
            prop_assert!(l != 0);
            prop_assert_eq!(span.offset, u32::from(l) * f.length_unit());
            prop_assert_eq!(span.offset + span.len, body);
            prop_assert!(span.len > 0);
            prop_assert!(input.quote_len <= span.offset);
        } else {
            prop_assert_eq!(input.quote_len, body);
        }
    }

    #[test]
    fn layout_never_panics_and_respects_caps(
        l in any::<u8>(), fin in family(), body in any::<u32>(), declared in any::<u32>(),
        n_prime in any::<u32>(), fout in family(), carry in any::<bool>(),
        cap in any::<u32>(), header_len in any::<u32>(),
    ) {
        let input = Input::parse(l, fin, body, declared);
        let out = Output { family: fout, cap, header_len, carry };
        let r = layout(&input, n_prime, &out);
        let unit = fout.length_unit();
        let ext_len = r.extension.map_or(0, |s| s.len);
        prop_assert!(r.quote_len <= n_prime);
        prop_assert!(r.quote_len <= r.field_len);
        prop_assert!(r.field_len.saturating_add(ext_len) <= out.budget());
        if cap >= header_len.saturating_add(ICMP_HEADER_LEN) {
            prop_assert!(r.total_len <= cap);
            prop_assert_eq!(r.total_len, header_len + ICMP_HEADER_LEN + r.field_len + ext_len);
        }
        match r.extension {
            Some(span) => {
                prop_assert!(carry);
                prop_assert_eq!(Some(span), input.extension);
                prop_assert!(r.field_len >= MIN_FIELD_LEN);
                prop_assert_eq!(r.field_len % unit, 0);
                prop_assert_eq!(u32::from(r.length_attr) * unit, r.field_len);
            }
            None => {
                prop_assert_eq!(r.length_attr, 0);
                prop_assert_eq!(r.padding_len(), 0);
                prop_assert_eq!(r.quote_len, n_prime.min(out.budget()));
            }
        }
    }

    #[test]
    fn standard_caps_hold(
        l in any::<u8>(), fin in family(), body in 0u32..70_000, declared in any::<u16>(),
        delta in -60i32..60, carry in any::<bool>(),
    ) {
        let input = Input::parse(l, fin, body, u32::from(declared));
        let n_prime = u32::try_from((i64::from(input.quote_len) + i64::from(delta)).max(0)).unwrap();
        let fout = match fin { Family::V4 => Family::V6, Family::V6 => Family::V4 };
        let r = layout(&input, n_prime, &Output::new(fout, carry));
        prop_assert!(r.total_len <= fout.error_cap());
        prop_assert_eq!(r.total_len, fout.header_len() + r.icmp_len());
        // With an extension that fits beside 128 B of field, it is kept.
        if let Some(span) = input.extension {
            if carry && span.len <= Output::new(fout, carry).budget() - MIN_FIELD_LEN {
                prop_assert_eq!(r.extension, Some(span));
            }
        }
    }
}
