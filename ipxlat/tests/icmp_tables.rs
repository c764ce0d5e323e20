// SPDX-License-Identifier: GPL-2.0

//! SPEC 5.1-5.4: ICMP type/code and Parameter Problem pointer tables, every
//! row (drop rows included), plus exhaustive sweeps against an independent
//! transcription of the SPEC tables.

use ipxlat_engine::engine::icmp::action::{Class, Mapping, Rest};
use ipxlat_engine::engine::icmp::{pointer, types_v4_to_v6, types_v6_to_v4};

/// Expected error mapping: (type, code, rest, length_in, length_out).
fn err(t: u8, c: u8, rest: Rest, length_in: bool, length_out: bool) -> Option<Mapping> {
    Some(Mapping {
        icmp_type: t,
        code: c,
        class: Class::Error,
        rest,
        length_in,
        length_out,
    })
}

/// Expected echo mapping: the type changes, the code is copied (SPEC 5.1
/// "8/0 ⇄ 128/129" are the types of Echo Request/Reply; RFC 7915 sections
/// 4.2 and 5.2 leave the code alone).
fn echo(t: u8, code: u8) -> Option<Mapping> {
    Some(Mapping {
        icmp_type: t,
        code,
        class: Class::Informational,
        rest: Rest::Copy,
        length_in: false,
        length_out: false,
    })
}

// ---- SPEC 5.1 / 5.2: ICMPv4 → ICMPv6 ----

/// Independent transcription of SPEC 5.1 + 5.2.
fn spec_v4_to_v6(t: u8, c: u8) -> Option<Mapping> {
    let unreach = |c6| err(1, c6, Rest::Zero, true, true);
    match t {
        8 => echo(128, c),
        0 => echo(129, c),
        3 => match c {
            0 | 1 | 5 | 6 | 7 | 8 | 11 | 12 => unreach(0),
            2 => err(4, 1, Rest::FixedPointer(6), true, false),
            3 => unreach(4),
            4 => err(2, 0, Rest::Mtu, true, false),
            9 | 10 | 13 | 15 => unreach(1),
            _ => None,
        },
        11 => err(3, c, Rest::Zero, true, true),
        12 if c == 0 || c == 2 => err(4, 0, Rest::Pointer, true, false),
        _ => None,
    }
}

#[test]
fn v4_to_v6_exhaustive_matches_spec() {
    for t in 0..=255u8 {
        for c in 0..=255u8 {
            assert_eq!(
                types_v4_to_v6::map(t, c),
                spec_v4_to_v6(t, c),
                "ICMPv4 {t}/{c}"
            );
        }
    }
}

fn tc(m: Option<Mapping>) -> Option<(u8, u8)> {
    m.map(|m| (m.icmp_type, m.code))
}

#[test]
fn v4_to_v6_informational_rows() {
    assert_eq!(tc(types_v4_to_v6::map(8, 0)), Some((128, 0)));
    assert_eq!(tc(types_v4_to_v6::map(0, 0)), Some((129, 0)));
    let m = types_v4_to_v6::map(8, 0).unwrap();
    assert!(m.is_informational() && !m.is_error() && !m.carries_extension());
    assert_eq!(m.rest, Rest::Copy);
    // Everything else informational ⇒ drop (SPEC 5.1).
    for t in [
        4u8, 5, 6, 9, 10, 13, 14, 15, 16, 17, 18, 1, 2, 7, 19, 30, 40, 253, 255,
    ] {
        for c in 0..=255u8 {
            assert_eq!(types_v4_to_v6::map(t, c), None, "ICMPv4 {t}/{c}");
        }
    }
}

#[test]
fn v4_to_v6_dest_unreach_rows() {
    for c in [0u8, 1, 5, 6, 7, 8, 11, 12] {
        assert_eq!(tc(types_v4_to_v6::map(3, c)), Some((1, 0)), "3/{c}");
    }
    let m = types_v4_to_v6::map(3, 2).unwrap();
    assert_eq!((m.icmp_type, m.code, m.rest), (4, 1, Rest::FixedPointer(6)));
    assert!(!m.carries_extension());
    assert_eq!(tc(types_v4_to_v6::map(3, 3)), Some((1, 4)));
    let m = types_v4_to_v6::map(3, 4).unwrap();
    assert_eq!((m.icmp_type, m.code, m.rest), (2, 0, Rest::Mtu));
    assert!(m.length_in && !m.length_out && !m.carries_extension());
    for c in [9u8, 10, 13, 15] {
        assert_eq!(tc(types_v4_to_v6::map(3, c)), Some((1, 1)), "3/{c}");
    }
    assert_eq!(types_v4_to_v6::map(3, 14), None);
    for c in 16..=255u8 {
        assert_eq!(types_v4_to_v6::map(3, c), None, "3/{c}");
    }
}

#[test]
fn v4_to_v6_time_exceeded_and_param_problem_rows() {
    for c in 0..=255u8 {
        let m = types_v4_to_v6::map(11, c).unwrap();
        assert_eq!((m.icmp_type, m.code, m.rest), (3, c, Rest::Zero));
        assert!(m.is_error() && m.carries_extension());
    }
    for c in [0u8, 2] {
        let m = types_v4_to_v6::map(12, c).unwrap();
        assert_eq!((m.icmp_type, m.code, m.rest), (4, 0, Rest::Pointer));
        assert!(m.length_in && !m.length_out && !m.carries_extension());
    }
    assert_eq!(types_v4_to_v6::map(12, 1), None);
    for c in 3..=255u8 {
        assert_eq!(types_v4_to_v6::map(12, c), None, "12/{c}");
    }
}

#[test]
fn v4_to_v6_extension_carried_exactly_for_spec_pairs() {
    // SPEC 5.6: 46 carries for {3/x→1/y, x ∉ {2,4}; 11→3}.
    for t in 0..=255u8 {
        for c in 0..=255u8 {
            if let Some(m) = types_v4_to_v6::map(t, c) {
                let expect = (t == 3 && c != 2 && c != 4) || t == 11;
                assert_eq!(m.carries_extension(), expect, "ICMPv4 {t}/{c}");
                assert_eq!(m.length_in, matches!(t, 3 | 11 | 12));
                assert_eq!(m.length_out, matches!(m.icmp_type, 1 | 3));
                assert_eq!(m.is_error(), t != 0 && t != 8);
            }
        }
    }
}

// ---- SPEC 5.1 / 5.3: ICMPv6 → ICMPv4 ----

/// Independent transcription of SPEC 5.1 + 5.3.
fn spec_v6_to_v4(t: u8, c: u8) -> Option<Mapping> {
    let unreach = |c4| err(3, c4, Rest::Zero, true, true);
    match t {
        128 => echo(8, c),
        129 => echo(0, c),
        1 => match c {
            0 | 2 | 3 => unreach(1),
            1 => unreach(10),
            4 => unreach(3),
            _ => None,
        },
        2 => err(3, 4, Rest::Mtu, false, true),
        3 => err(11, c, Rest::Zero, true, true),
        4 => match c {
            0 => err(12, 0, Rest::Pointer, false, true),
            1 => err(3, 2, Rest::Zero, false, true),
            _ => None,
        },
        _ => None,
    }
}

#[test]
fn v6_to_v4_exhaustive_matches_spec() {
    for t in 0..=255u8 {
        for c in 0..=255u8 {
            assert_eq!(
                types_v6_to_v4::map(t, c),
                spec_v6_to_v4(t, c),
                "ICMPv6 {t}/{c}"
            );
        }
    }
}

#[test]
fn v6_to_v4_informational_rows() {
    assert_eq!(tc(types_v6_to_v4::map(128, 0)), Some((8, 0)));
    assert_eq!(tc(types_v6_to_v4::map(129, 0)), Some((0, 0)));
    // MLD 130-132/143, ND 133-137, unknown ⇒ drop (SPEC 5.1).
    for t in [
        130u8, 131, 132, 143, 133, 134, 135, 136, 137, 0, 5, 100, 127, 138, 200, 255,
    ] {
        for c in 0..=255u8 {
            assert_eq!(types_v6_to_v4::map(t, c), None, "ICMPv6 {t}/{c}");
        }
    }
}

#[test]
fn v6_to_v4_error_rows() {
    for c in [0u8, 2, 3] {
        assert_eq!(tc(types_v6_to_v4::map(1, c)), Some((3, 1)), "1/{c}");
    }
    assert_eq!(tc(types_v6_to_v4::map(1, 1)), Some((3, 10)));
    assert_eq!(tc(types_v6_to_v4::map(1, 4)), Some((3, 3)));
    for c in 5..=255u8 {
        assert_eq!(types_v6_to_v4::map(1, c), None, "1/{c}");
    }
    for c in 0..=255u8 {
        let m = types_v6_to_v4::map(2, c).unwrap();
        assert_eq!((m.icmp_type, m.code, m.rest), (3, 4, Rest::Mtu));
        assert!(!m.length_in && m.length_out && !m.carries_extension());
        let m = types_v6_to_v4::map(3, c).unwrap();
        assert_eq!((m.icmp_type, m.code, m.rest), (11, c, Rest::Zero));
        assert!(m.carries_extension());
    }
    let m = types_v6_to_v4::map(4, 0).unwrap();
    assert_eq!((m.icmp_type, m.code, m.rest), (12, 0, Rest::Pointer));
    let m = types_v6_to_v4::map(4, 1).unwrap();
    assert_eq!((m.icmp_type, m.code, m.rest), (3, 2, Rest::Zero));
    assert!(!m.carries_extension());
    for c in 2..=255u8 {
        assert_eq!(types_v6_to_v4::map(4, c), None, "4/{c}");
    }
}

#[test]
fn v6_to_v4_extension_carried_exactly_for_spec_pairs() {
    // SPEC 5.6: 64 carries for {1→3; 3→11}.
    for t in 0..=255u8 {
        for c in 0..=255u8 {
            if let Some(m) = types_v6_to_v4::map(t, c) {
                assert_eq!(m.carries_extension(), t == 1 || t == 3, "ICMPv6 {t}/{c}");
                assert_eq!(m.length_in, matches!(t, 1 | 3));
                assert_eq!(m.length_out, matches!(m.icmp_type, 3 | 11 | 12));
                assert_eq!(m.is_error(), t < 128);
            }
        }
    }
}

#[test]
fn echo_round_trips() {
    for (t4, t6) in [(8u8, 128u8), (0, 129)] {
        assert_eq!(tc(types_v4_to_v6::map(t4, 0)), Some((t6, 0)));
        assert_eq!(tc(types_v6_to_v4::map(t6, 0)), Some((t4, 0)));
    }
}

// ---- SPEC 5.4: pointers ----

#[test]
fn pointer_v4_to_v6_every_column() {
    let rows: [(&[u8], Option<u32>); 10] = [
        (&[0], Some(0)),
        (&[1], Some(1)),
        (&[2, 3], Some(4)),
        (&[4, 5, 6, 7], None),
        (&[8], Some(7)),
        (&[9], Some(6)),
        (&[10, 11], None),
        (&[12, 13, 14, 15], Some(8)),
        (&[16, 17, 18, 19], Some(24)),
        (&[20, 21, 39, 40, 59, 60, 128, 255], None),
    ];
    for (ptrs, expect) in rows {
        for &p in ptrs {
            assert_eq!(pointer::v4_to_v6(p), expect, "v4 pointer {p}");
        }
    }
    for p in 20..=255u8 {
        assert_eq!(pointer::v4_to_v6(p), None, "v4 pointer {p}");
    }
}

#[test]
fn pointer_v6_to_v4_every_column() {
    let rows: [(&[u32], Option<u8>); 9] = [
        (&[0], Some(0)),
        (&[1], Some(1)),
        (&[2, 3], None),
        (&[4, 5], Some(2)),
        (&[6], Some(9)),
        (&[7], Some(8)),
        (&[8, 9, 15, 16, 23], Some(12)),
        (&[24, 25, 31, 32, 39], Some(16)),
        (&[40, 41, 255, 256, 65535, 0x0001_0000, u32::MAX], None),
    ];
    for (ptrs, expect) in rows {
        for &p in ptrs {
            assert_eq!(pointer::v6_to_v4(p), expect, "v6 pointer {p}");
        }
    }
    for p in 8..24u32 {
        assert_eq!(pointer::v6_to_v4(p), Some(12), "v6 pointer {p}");
    }
    for p in 24..40u32 {
        assert_eq!(pointer::v6_to_v4(p), Some(16), "v6 pointer {p}");
    }
    for p in 40..4096u32 {
        assert_eq!(pointer::v6_to_v4(p), None, "v6 pointer {p}");
    }
}

#[test]
fn pointer_round_trip_on_field_starts() {
    // Field starts that exist on both sides map back to themselves.
    for p4 in [0u8, 1, 2, 8, 9, 12, 16] {
        let p6 = pointer::v4_to_v6(p4).unwrap();
        assert_eq!(pointer::v6_to_v4(p6), Some(p4), "v4 {p4} → v6 {p6}");
    }
}
