// SPDX-License-Identifier: GPL-2.0
//! RFC 7757 EAM table (SPEC 1.3 vectors, validation, overlap, duplicates,
//! and a property test against a naive longest-match reference).

use ipxlat_engine::engine::addr::eam::{EamEntry, EamError, EamTable};
use ipxlat_engine::engine::addr::ipv4_prefix::Ipv4Prefix;
use proptest::prelude::*;
use std::net::{Ipv4Addr, Ipv6Addr};

fn v6(s: &str) -> [u8; 16] {
    s.parse::<Ipv6Addr>().unwrap().octets()
}
fn v4(s: &str) -> [u8; 4] {
    s.parse::<Ipv4Addr>().unwrap().octets()
}
/// `"p4/l4 p6/l6"` → entry.
fn entry(s: &str) -> EamEntry {
    let (a, b) = s.split_once(' ').unwrap();
    let (a4, l4) = a.split_once('/').unwrap();
    let (a6, l6) = b.split_once('/').unwrap();
    EamEntry::new(v4(a4), l4.parse().unwrap(), v6(a6), l6.parse().unwrap()).unwrap()
}

/// Owned storage for a table (the kernel uses kvmalloc'ed slices).
struct Owned {
    entries: Vec<EamEntry>,
    slots: Vec<u32>,
}
impl Owned {
    fn new(entries: Vec<EamEntry>) -> Self {
        let n = EamTable::slots_needed(&entries).unwrap();
        assert!(n <= EamTable::slots_upper_bound(entries.len()));
        Owned { entries, slots: vec![0; n] }
    }
    fn table(&mut self) -> Result<EamTable<'_>, EamError> {
        EamTable::build(&mut self.entries, &mut self.slots)
    }
}

const RFC7757: [&str; 6] = [
    "192.0.2.1/32 2001:db8:aaaa::/128",
    "192.0.2.2/32 2001:db8:bbbb::b/128",
    "192.0.2.16/28 2001:db8:cccc::/124",
    "192.0.2.128/26 2001:db8:dddd::/64",
    "192.0.2.192/29 2001:db8:eeee:8::/62",
    "192.0.2.224/31 64:ff9b::/127",
];

#[test]
fn rfc7757_table_both_ways() {
    let mut o = Owned::new(RFC7757.iter().map(|s| entry(s)).collect());
    let t = o.table().unwrap();
    assert_eq!(t.len(), 6);
    let pairs = [
        ("192.0.2.1", "2001:db8:aaaa::"),
        ("192.0.2.2", "2001:db8:bbbb::b"),
        ("192.0.2.16", "2001:db8:cccc::"),
        ("192.0.2.24", "2001:db8:cccc::8"),
        ("192.0.2.31", "2001:db8:cccc::f"),
        ("192.0.2.128", "2001:db8:dddd::"),
        ("192.0.2.152", "2001:db8:dddd:0:6000::"),
        ("192.0.2.183", "2001:db8:dddd:0:dc00::"),
        ("192.0.2.191", "2001:db8:dddd:0:fc00::"),
        ("192.0.2.195", "2001:db8:eeee:9:8000::"),
        ("192.0.2.225", "64:ff9b::1"),
    ];
    for (a, b) in pairs {
        assert_eq!(t.v4_to_v6(v4(a)), Some(v6(b)), "46 {a}");
        assert_eq!(t.v6_to_v4(&v6(b)), Some(v4(a)), "64 {b}");
        assert!(t.contains_v4(v4(a)));
    }
    // Ignored bits, unmapped.
    assert_eq!(t.v6_to_v4(&v6("2001:db8:dddd::1")), Some(v4("192.0.2.128")));
    assert_eq!(t.v6_to_v4(&v6("2001:db8::8")), None);
    assert_eq!(t.v4_to_v6(v4("192.0.2.3")), None);
    assert!(!t.contains_v4(v4("192.0.2.3")));
    assert_eq!(t.v4_to_v6(v4("192.0.2.224")), Some(v6("64:ff9b::")));
}

#[test]
fn overlap_longest_match_both_ways() {
    let a = entry("0.0.0.0/0 2001:db8:ff00::/40");
    let b = entry("198.51.100.64/32 2001:db8::abcd/128");
    // Default: the second add is refused; allowed with the flag.
    let mut base = Owned::new(vec![a]);
    let t = base.table().unwrap();
    assert_eq!(t.check_add(&b, false), Err(EamError::Overlap));
    assert_eq!(t.check_add(&b, true), Ok(()));
    // And in the other order (new entry contains an existing one).
    let mut base2 = Owned::new(vec![b]);
    let t2 = base2.table().unwrap();
    assert_eq!(t2.check_add(&a, false), Err(EamError::Overlap));

    let mut o = Owned::new(vec![a, b]);
    let t = o.table().unwrap();
    assert_eq!(t.v6_to_v4(&v6("2001:db8:ffc6:3364:4000::")), Some(v4("198.51.100.64")));
    assert_eq!(t.v4_to_v6(v4("198.51.100.64")), Some(v6("2001:db8::abcd")));
    assert_eq!(t.v6_to_v4(&v6("2001:db8::abcd")), Some(v4("198.51.100.64")));
    assert_eq!(t.v4_to_v6(v4("198.51.100.65")), Some(v6("2001:db8:ffc6:3364:4100::")));
    assert!(t.overlaps(&a) && t.overlaps(&b));
    assert_eq!(t.first_overlap(), Some(0));
}

#[test]
fn duplicates_exist() {
    let mut o = Owned::new(vec![entry("198.51.100.8/32 2001:db8::1/128")]);
    let t = o.table().unwrap();
    assert_eq!(t.check_add(&entry("198.51.100.9/32 2001:db8::1/128"), true), Err(EamError::Exists));
    assert_eq!(t.check_add(&entry("198.51.100.8/32 2001:db8::2/128"), true), Err(EamError::Exists));
    assert_eq!(t.check_add(&entry("198.51.100.9/32 2001:db8::2/128"), false), Ok(()));
    // build refuses duplicates inside one batch, on either side.
    let mut d4 = Owned::new(vec![entry("10.0.0.0/8 2001:db8:1::/104"), entry("10.0.0.0/8 2001:db8:2::/104")]);
    assert_eq!(d4.table().err(), Some(EamError::Exists));
    let mut d6 = Owned::new(vec![entry("10.0.0.0/8 2001:db8:1::/104"), entry("11.0.0.0/8 2001:db8:1::/104")]);
    assert_eq!(d6.table().err(), Some(EamError::Exists));
}

#[test]
fn add_time_validation() {
    let a6 = v6("2001:db8::");
    assert_eq!(EamEntry::new([0; 4], 33, a6, 128), Err(EamError::V4Len));
    assert_eq!(EamEntry::new([0; 4], 32, a6, 129), Err(EamError::V6Len));
    assert_eq!(EamEntry::new(v4("10.0.0.1"), 24, a6, 120), Err(EamError::V4HostBits));
    assert_eq!(EamEntry::new(v4("10.0.0.0"), 24, v6("2001:db8::1"), 120), Err(EamError::V6HostBits));
    assert_eq!(EamEntry::new(v4("10.0.0.0"), 24, a6, 121), Err(EamError::SuffixTooShort));
    assert!(EamEntry::new(v4("10.0.0.0"), 24, a6, 100).is_ok(), "longer IPv6 suffix allowed");
    assert!(EamEntry::new(v4("0.0.0.0"), 0, [0; 16], 0).is_ok());
    assert!(EamEntry::new(v4("0.0.0.0"), 0, [0; 16], 96).is_ok());
    let bad = EamEntry { v4: Ipv4Prefix { addr: v4("10.0.0.1"), len: 8 }, v6: a6, v6_len: 32 };
    assert_eq!(EamTable::slots_needed(&[bad]), Err(EamError::V4HostBits));
    let mut e = [bad];
    let mut s = [0u32; 1024];
    assert_eq!(EamTable::build(&mut e, &mut s).err(), Some(EamError::V4HostBits));
}

#[test]
fn storage_too_small_and_empty() {
    let mut e = [entry("192.0.2.1/32 2001:db8:aaaa::/128")];
    let need = EamTable::slots_needed(&e).unwrap();
    let mut s = vec![0u32; need - 1];
    assert_eq!(EamTable::build(&mut e, &mut s).err(), Some(EamError::StorageTooSmall));
    let t = EamTable::EMPTY;
    assert!(t.is_empty());
    assert_eq!(t.v4_to_v6([1, 2, 3, 4]), None);
    assert_eq!(t.v6_to_v4(&[0; 16]), None);
    assert_eq!(t.check_add(&e[0], false), Ok(()));
    let mut none: [EamEntry; 0] = [];
    let mut s0 = vec![0u32; EamTable::slots_needed(&none).unwrap()];
    let t0 = EamTable::build(&mut none, &mut s0).unwrap();
    assert!(t0.is_empty() && t0.first_overlap().is_none());
}

#[test]
fn find_and_delete_by_rebuild() {
    let mut o = Owned::new(RFC7757.iter().map(|s| entry(s)).collect());
    let t = o.table().unwrap();
    let i = t.find_v4(&Ipv4Prefix::new(v4("192.0.2.16"), 28).unwrap()).unwrap();
    assert_eq!(t.entries()[i], entry("192.0.2.16/28 2001:db8:cccc::/124"));
    let j = t.find_v6(&v6("2001:db8:dddd::"), 64).unwrap();
    assert_eq!(t.entries()[j], entry("192.0.2.128/26 2001:db8:dddd::/64"));
    assert_eq!(t.find_v6(&v6("2001:db8:dddd::"), 63), None);
    let kept: Vec<EamEntry> = t.entries().iter().enumerate().filter(|&(k, _)| k != i).map(|(_, e)| *e).collect();
    let mut o2 = Owned::new(kept);
    let t2 = o2.table().unwrap();
    assert_eq!(t2.len(), 5);
    assert_eq!(t2.v4_to_v6(v4("192.0.2.24")), None);
    assert_eq!(t2.v4_to_v6(v4("192.0.2.1")), Some(v6("2001:db8:aaaa::")));
}

#[test]
fn batch_add_100k() {
    // 100,000 /32 <-> /128 entries, checked against the old table and
    // among themselves, then built: must be quick (no O(n) scan per entry).
    let start = std::time::Instant::now();
    let old = vec![entry("10.0.0.0/8 2001:db8:a::/104")];
    let mut o = Owned::new(old.clone());
    let t = o.table().unwrap();
    let batch: Vec<EamEntry> = (0..100_000u32)
        .map(|i| {
            let a = 0x2000_0000u32 + i * 7;
            let mut b = v6("2001:db8:b::");
            b[12..].copy_from_slice(&a.to_be_bytes());
            EamEntry::new(a.to_be_bytes(), 32, b, 128).unwrap()
        })
        .collect();
    for e in &batch {
        t.check_add(e, false).unwrap();
    }
    let mut all = old;
    all.extend_from_slice(&batch);
    let mut o2 = Owned::new(all);
    let t2 = o2.table().unwrap();
    for e in &batch {
        assert!(!t2.overlaps(e));
    }
    assert_eq!(t2.len(), 100_001);
    assert!(start.elapsed().as_secs() < 20);
}

/// Naive reference: longest match by linear scan.
fn naive_46(entries: &[EamEntry], a: [u8; 4]) -> Option<[u8; 16]> {
    entries.iter().filter(|e| e.v4.contains(a)).max_by_key(|e| e.v4.len).map(|e| {
        let s = 32 - e.v4.len as u32;
        let host = if s == 0 { 0 } else { u32::from_be_bytes(a) & (u32::MAX >> (32 - s)) };
        let shift = 128 - e.v6_len as u32 - s;
        let bits = if s == 0 { 0 } else { (host as u128) << shift };
        (u128::from_be_bytes(e.v6) | bits).to_be_bytes()
    })
}
fn naive_64(entries: &[EamEntry], a: &[u8; 16]) -> Option<[u8; 4]> {
    entries.iter().filter(|e| e.contains_v6(a)).max_by_key(|e| e.v6_len).map(|e| {
        let s = 32 - e.v4.len as u32;
        let shift = 128 - e.v6_len as u32 - s;
        let bits = if s == 0 { 0 } else { ((u128::from_be_bytes(*a) >> shift) as u32) & (u32::MAX >> (32 - s)) };
        (e.v4.bits() | bits).to_be_bytes()
    })
}

prop_compose! {
    fn arb_entry()(a in any::<u32>(), l4 in 0u8..=32, b in any::<u128>(), extra in 0u8..=96) -> EamEntry {
        let m4 = if l4 == 0 { 0 } else { u32::MAX << (32 - l4 as u32) };
        // IPv6 suffix >= IPv4 suffix: l6 <= 96 + l4.
        let l6 = (96 + l4).saturating_sub(extra);
        let m6 = if l6 == 0 { 0 } else { u128::MAX << (128 - l6 as u32) };
        // Cluster the prefixes so that lookups and overlaps actually hit.
        let a = (a & 0x0f0f_ffff) | 0xc000_0000;
        let b = (b & !(0xffffu128 << 112)) | (0x2001u128 << 112);
        EamEntry::new((a & m4).to_be_bytes(), l4, (b & m6).to_be_bytes(), l6).unwrap()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn matches_naive_reference(cands in proptest::collection::vec(arb_entry(), 1..40), probes in proptest::collection::vec((any::<u32>(), any::<u128>()), 50)) {
        // Keep only entries the table accepts (no exact duplicate prefixes).
        let mut entries: Vec<EamEntry> = Vec::new();
        for e in cands {
            if !entries.iter().any(|x| x.v4 == e.v4 || (x.v6_len == e.v6_len && x.v6 == e.v6)) {
                entries.push(e);
            }
        }
        let reference = entries.clone();
        let mut o = Owned::new(entries);
        let t = o.table().unwrap();
        let mut addrs4: Vec<[u8; 4]> = reference.iter().map(|e| e.v4.addr).collect();
        let mut addrs6: Vec<[u8; 16]> = reference.iter().map(|e| e.v6).collect();
        for (a, b) in probes {
            addrs4.push(((a & 0x0f0f_ffff) | 0xc000_0000).to_be_bytes());
            addrs4.push(a.to_be_bytes());
            addrs6.push(((b & !(0xffffu128 << 112)) | (0x2001u128 << 112)).to_be_bytes());
        }
        for a in addrs4 {
            prop_assert_eq!(t.v4_to_v6(a), naive_46(&reference, a));
        }
        for a in &addrs6 {
            prop_assert_eq!(t.v6_to_v4(a), naive_64(&reference, a));
        }
        // Overlap detection equals the pairwise definition.
        for (i, e) in reference.iter().enumerate() {
            let naive = reference.iter().enumerate().any(|(j, x)| j != i && (x.v4.overlaps(&e.v4)
                || x.contains_v6(&e.v6) || e.contains_v6(&x.v6)));
            prop_assert_eq!(t.overlaps(e), naive);
        }
    }
}

#[test]
fn unvalidated_entry_methods_do_not_panic() {
    let e = EamEntry { v4: Ipv4Prefix { addr: [1, 2, 3, 4], len: 200 }, v6: [0xff; 16], v6_len: 250 };
    let _ = e.v4_to_v6([9, 9, 9, 9]);
    let _ = e.v6_to_v4(&[7; 16]);
    let _ = e.contains_v6(&[7; 16]);
    assert!(e.validate().is_err());
}

/// The lookups' span filter never hides an entry: the first and last
/// addresses the entries cover map, their neighbours outside do not.
#[test]
fn span_edges() {
    let mut o = Owned::new(vec![
        entry("10.0.0.0/24 2001:db8:aaaa::/120"),
        entry("10.9.0.7/32 2001:db8:cccc:1::7/128"),
        entry("10.3.0.0/16 2001:db8:bbbb::/112"),
    ]);
    let t = o.table().unwrap();
    for a in ["10.0.0.0", "10.0.0.255", "10.3.255.255", "10.9.0.7"] {
        assert!(t.v4_to_v6(v4(a)).is_some(), "{a}");
    }
    for a in ["9.255.255.255", "10.9.0.8", "10.9.0.6", "0.0.0.0", "255.255.255.255"] {
        assert!(t.v4_to_v6(v4(a)).is_none(), "{a}");
    }
    for a in ["2001:db8:aaaa::", "2001:db8:cccc:1::7", "2001:db8:bbbb::ffff"] {
        assert!(t.v6_to_v4(&v6(a)).is_some(), "{a}");
    }
    for a in ["2001:db8:aaa9:ffff:ffff:ffff:ffff:ffff", "2001:db8:cccc:1::8", "2001:db8:cccc:2::7", "::", "ffff::"] {
        assert!(t.v6_to_v4(&v6(a)).is_none(), "{a}");
    }
    let empty = EamTable::EMPTY;
    assert!(empty.v4_to_v6(v4("10.0.0.0")).is_none());
    assert!(empty.v6_to_v4(&v6("2001:db8:aaaa::")).is_none());
}

/// Each prefix length's own key span (issue 7) skips only lengths that
/// cannot match: the first and last keys of every length still map by
/// it, and an address beyond one length's span falls through to a
/// shorter length that holds it.
#[test]
fn per_length_span_edges() {
    let mut o = Owned::new(vec![
        entry("10.0.0.1/32 2001:db8:1:1::1/128"),
        entry("10.0.0.9/32 2001:db8:1:9::9/128"),
        entry("10.0.0.5/32 2001:db8:1:5::5/128"),
        entry("10.0.0.0/16 2001:db8:2::/112"),
        entry("203.0.113.0/24 2001:db8:1:7::/120"),
        entry("203.0.114.0/24 2001:db8:1:3::/120"),
    ]);
    let t = o.table().unwrap();
    let cases4 = [
        ("10.0.0.1", "2001:db8:1:1::1"),
        ("10.0.0.9", "2001:db8:1:9::9"),
        ("10.0.0.5", "2001:db8:1:5::5"),
        // Inside the /32 span, no /32 entry: the /16.
        ("10.0.0.4", "2001:db8:2::4"),
        // Beyond the /32 span on either side: the /16.
        ("10.0.0.0", "2001:db8:2::"),
        ("10.0.0.10", "2001:db8:2::a"),
        ("10.0.255.255", "2001:db8:2::ffff"),
        ("203.0.113.2", "2001:db8:1:7::2"),
        ("203.0.114.255", "2001:db8:1:3::ff"),
    ];
    for (a, want) in cases4 {
        assert_eq!(t.v4_to_v6(v4(a)), Some(v6(want)), "{a}");
    }
    for a in ["10.1.0.0", "203.0.112.255", "203.0.115.0", "9.255.255.255"] {
        assert_eq!(t.v4_to_v6(v4(a)), None, "{a}");
    }
    // IPv6: the /128 high halves span 2001:db8:1:1 - 2001:db8:1:9; the
    // /120s' 2001:db8:1:3 - 2001:db8:1:7 lie inside it.
    let cases6 = [
        ("2001:db8:1:1::1", "10.0.0.1"),
        ("2001:db8:1:9::9", "10.0.0.9"),
        ("2001:db8:1:7::2", "203.0.113.2"),
        ("2001:db8:1:3::ff", "203.0.114.255"),
        ("2001:db8:2::ffff", "10.0.255.255"),
    ];
    for (a, want) in cases6 {
        assert_eq!(t.v6_to_v4(&v6(a)), Some(v4(want)), "{a}");
    }
    for a in ["2001:db8:1:1::2", "2001:db8:1:0::1", "2001:db8:1:a::", "2001:db8:3::"] {
        assert_eq!(t.v6_to_v4(&v6(a)), None, "{a}");
    }
}
