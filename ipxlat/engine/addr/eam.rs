// SPDX-License-Identifier: GPL-2.0

//! The Explicit Address Mapping Table (RFC 7757, SPEC 1.3).
//!
//! # Design
//!
//! The table is immutable. The control plane builds a new one from a slice
//! of entries into caller-owned storage (the kernel's `kvmalloc`ed slices,
//! the host tests' `Vec`s) and publishes it as a whole, so the packet path
//! never sees a half-updated table (SPEC 8.2 #1). Nothing here allocates.
//!
//! Storage is two slices:
//!
//! * `entries: &mut [EamEntry]`, sorted in place by IPv4 prefix
//!   (address, then length);
//! * `slots: &mut [u32]` of [`EamTable::slots_needed`] words, laid out as
//!   - a directory: for each IPv4 length 0..=32 and each IPv6 length
//!     0..=128, the offset and log2 capacity of that length's hash region,
//!     then the span of its keys as (smallest, largest − smallest): one
//!     word each for IPv4; for IPv6, of the keys' high halves (bytes 0-7),
//!     two words each, high word first;
//!   - the entry indices sorted by IPv6 prefix (for overlap checks);
//!   - one open-addressing hash region per prefix length present, per
//!     family. A slot holds `entry index + 1` (0 = empty); the key is the
//!     masked address; capacity is the next power of two ≥ 2 × count (load
//!     factor ≤ 1/2), probing is linear.
//!
//! A lookup walks a bitmap of the lengths present, longest first, and does
//! one hash probe per length: its cost depends on the number of distinct
//! lengths (at most 33 / 129), not on the number of entries, so a
//! 1,000,000-entry table answers as fast as a 1-entry one with the same
//! lengths (cache misses aside; see `benches/eam_lookup.rs`). A length
//! whose key span does not hold the masked address is skipped without
//! hashing: a table of many host entries in one block and a few prefixes
//! elsewhere probes, for an address outside that block, only the lengths
//! that can match it (a miss in a large region costs the longest probes
//! of linear probing; issue 7).
//!
//! Control-plane checks avoid O(n) scans as well: duplicates and "ancestor"
//! overlaps (an entry containing the new one) are hash probes at the shorter
//! lengths; "descendant" overlaps (entries inside the new one) are a binary
//! search in the sorted orders. Adding a batch of 100,000 entries is thus
//! O(n log n): [`EamTable::check_add`] per new entry against the old table,
//! then [`EamTable::build`] over old + new (which rejects duplicates inside
//! the batch), then [`EamTable::overlaps`] per new entry on the new table
//! when overlaps are not allowed. Deletion: find the index with
//! [`EamTable::find_v4`] / [`EamTable::find_v6`] and rebuild without it.

use crate::engine::sort::heapsort_by_key;
use crate::engine::addr::ipv4_prefix::{mask_v4, Ipv4Prefix};

/// Number of IPv4 prefix lengths (0..=32).
const LENS4: usize = 33;
/// Number of IPv6 prefix lengths (0..=128).
const LENS6: usize = 129;
/// Directory words per IPv4 length: region offset, log2 capacity, key
/// span start, key span width.
const DIR4_WORDS: usize = 4;
/// Directory words per IPv6 length: region offset, log2 capacity, then
/// the span start and width of the keys' high halves, two words each.
const DIR6_WORDS: usize = 6;
/// Directory base of the IPv6 lengths (after the IPv4 ones).
const DIR6: usize = DIR4_WORDS * LENS4;
/// Where a length's key span starts in its directory entry (after the
/// region offset and log2 capacity).
const SPAN: usize = 2;
/// Words before the IPv6 order: the directory.
const HEADER: usize = DIR6 + DIR6_WORDS * LENS6;

/// Why an EAM entry or table was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EamError {
    /// IPv4 prefix length above 32.
    V4Len,
    /// IPv6 prefix length above 128.
    V6Len,
    /// Bits after the IPv4 prefix length are not zero.
    V4HostBits,
    /// Bits after the IPv6 prefix length are not zero.
    V6HostBits,
    /// The IPv6 suffix is shorter than the IPv4 suffix.
    SuffixTooShort,
    /// The same IPv4 or IPv6 prefix is already in the table.
    Exists,
    /// The entry overlaps another one and overlaps were not allowed.
    Overlap,
    /// More entries than the index format supports.
    TooLarge,
    /// The caller's slot storage is shorter than [`EamTable::slots_needed`].
    StorageTooSmall,
}

impl EamError {
    /// Human-readable text (netlink extack message).
    pub const fn message(&self) -> &'static str {
        match self {
            Self::V4Len => "EAM IPv4 prefix length above 32",
            Self::V6Len => "EAM IPv6 prefix length above 128",
            Self::V4HostBits => "EAM IPv4 prefix has bits set after its length",
            Self::V6HostBits => "EAM IPv6 prefix has bits set after its length",
            Self::SuffixTooShort => "EAM IPv6 suffix shorter than the IPv4 suffix",
            Self::Exists => "EAM entry exists",
            Self::Overlap => "EAM entry overlaps an existing entry",
            Self::TooLarge => "EAM table too large",
            Self::StorageTooSmall => "EAM table storage too small",
        }
    }
}

/// Checks an IPv4 prefix as one side of an entry, or as the key naming
/// one: length at most 32, no bits set after it (SPEC 1.3).
pub const fn check_v4_prefix(p: &Ipv4Prefix) -> Result<(), EamError> {
    if p.len > 32 {
        return Err(EamError::V4Len);
    }
    if p.bits() & !mask_v4(p.len) != 0 {
        return Err(EamError::V4HostBits);
    }
    Ok(())
}

/// Checks an IPv6 prefix as one side of an entry, or as the key naming
/// one: length at most 128, no bits set after it (SPEC 1.3).
pub const fn check_v6_prefix(p: &[u8; 16], len: u8) -> Result<(), EamError> {
    if len > 128 {
        return Err(EamError::V6Len);
    }
    if u128::from_be_bytes(*p) & !mask_v6(len) != 0 {
        return Err(EamError::V6HostBits);
    }
    Ok(())
}

/// Network mask of an IPv6 prefix length as a host-order integer.
const fn mask_v6(len: u8) -> u128 {
    if len == 0 {
        0
    } else if len >= 128 {
        u128::MAX
    } else {
        u128::MAX << (128 - len as u32)
    }
}

/// One RFC 7757 entry: `v4` ↔ `v6/v6_len`.
///
/// # Invariants
///
/// After [`EamEntry::validate`]: lengths in range, host bits zero on both
/// sides, `128 − v6_len ≥ 32 − v4.len`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EamEntry {
    /// IPv4 prefix.
    pub v4: Ipv4Prefix,
    /// IPv6 prefix value, network byte order.
    pub v6: [u8; 16],
    /// IPv6 prefix length, 0..=128.
    pub v6_len: u8,
}

impl EamEntry {
    /// Builds and validates an entry.
    pub const fn new(v4: [u8; 4], v4_len: u8, v6: [u8; 16], v6_len: u8) -> Result<Self, EamError> {
        let e = EamEntry {
            v4: Ipv4Prefix { addr: v4, len: v4_len },
            v6,
            v6_len,
        };
        match e.validate() {
            Ok(()) => Ok(e),
            Err(err) => Err(err),
        }
    }

    /// Add-time validation (SPEC 1.3).
    pub const fn validate(&self) -> Result<(), EamError> {
        if let Err(e) = check_v4_prefix(&self.v4) {
            return Err(e);
        }
        if let Err(e) = check_v6_prefix(&self.v6, self.v6_len) {
            return Err(e);
        }
        if 128 - self.v6_len < 32 - self.v4.len {
            return Err(EamError::SuffixTooShort);
        }
        Ok(())
    }

    /// The IPv6 prefix value as a host-order integer.
    pub const fn v6_bits(&self) -> u128 {
        u128::from_be_bytes(self.v6)
    }

    /// Whether the IPv6 prefix contains `a`.
    pub const fn contains_v6(&self, a: &[u8; 16]) -> bool {
        (u128::from_be_bytes(*a) ^ self.v6_bits()) & mask_v6(self.v6_len) == 0
    }

    /// Position (from bit 0 = LSB) where the IPv4 suffix lands in IPv6.
    const fn shift(&self) -> u32 {
        // validate() guarantees 128 - v6_len >= 32 - v4.len; the fields are
        // public, so saturate rather than trust them.
        let s4 = 32u32.saturating_sub(self.v4.len as u32);
        (128u32.saturating_sub(self.v6_len as u32)).saturating_sub(s4)
    }

    /// 46 (SPEC 1.3): the low `s` bits of `a` written after `v6_len`.
    pub const fn v4_to_v6(&self, a: [u8; 4]) -> [u8; 16] {
        let host = u32::from_be_bytes(a) & !mask_v4(self.v4.len);
        // No host bits (always for a /32 entry, the common single-host
        // EAM): the image is the IPv6 prefix itself, no 128-bit shift.
        if host == 0 {
            return self.v6;
        }
        let bits = match (host as u128).checked_shl(self.shift()) {
            Some(b) => b,
            None => 0,
        };
        (self.v6_bits() | bits).to_be_bytes()
    }

    /// 64 (SPEC 1.3): the `s` bits after `v6_len` OR-ed into `v4`; later
    /// IPv6 bits ignored.
    pub const fn v6_to_v4(&self, a: &[u8; 16]) -> [u8; 4] {
        // A /32 entry (the common single-host EAM) takes no bits from `a`.
        if self.v4.len >= 32 {
            return self.v4.addr;
        }
        let moved = match u128::from_be_bytes(*a).checked_shr(self.shift()) {
            Some(b) => b as u32,
            None => 0,
        };
        (self.v4.bits() | (moved & !mask_v4(self.v4.len))).to_be_bytes()
    }
}

/// A finalizer (MurmurHash3 fmix64): spreads sequential keys over the table.
const fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// Hash of a masked IPv4 key: Fibonacci hashing (the key times 2^64/φ;
/// probes use the top bits, which every key bit reaches). One multiply
/// per lookup instead of a finalizer (issue 3); sequential keys, the
/// common EAM table, spread evenly, and a collision only lengthens a
/// probe (every candidate is compared with the key).
#[inline(always)]
const fn hash4(key: u32) -> u64 {
    (key as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Hash of a masked IPv6 key.
const fn hash6(key: u128) -> u64 {
    hash6_halves((key >> 64) as u64, key as u64)
}

/// [`hash6`] of a key as two halves: one finalizer over the high half
/// multiplied by an odd constant (a bijection, so keys that differ in one
/// half never collide before the finalizer) xor the low half. One mix
/// instead of two per lookup (issue 3); a collision costs a longer probe,
/// never a wrong answer (every candidate is compared with the key).
#[inline(always)]
const fn hash6_halves(hi: u64, lo: u64) -> u64 {
    mix(hi.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ lo)
}

/// Capacity (log2) of a hash region for `count` keys: ≥ 2 × count.
const fn cap_log2(count: u32) -> u32 {
    let want = (count as u64) * 2;
    let mut k = 1;
    while (1u64 << k) < want {
        k += 1;
    }
    k
}

/// Per-length key counts of a set of (valid-length) entries.
struct Counts {
    /// Entries per IPv4 length.
    v4: [u32; LENS4],
    /// Entries per IPv6 length.
    v6: [u32; LENS6],
}

impl Counts {
    /// Counts the entries, validating the lengths that index the arrays.
    fn of(entries: &[EamEntry]) -> Result<Self, EamError> {
        let mut c = Counts {
            v4: [0; LENS4],
            v6: [0; LENS6],
        };
        if entries.len() >= u32::MAX as usize / 16 {
            return Err(EamError::TooLarge);
        }
        for e in entries {
            e.validate()?;
            let a = c.v4.get_mut(e.v4.len as usize).ok_or(EamError::V4Len)?;
            *a += 1;
            let b = c.v6.get_mut(e.v6_len as usize).ok_or(EamError::V6Len)?;
            *b += 1;
        }
        Ok(c)
    }

    /// Total slot words for these counts and `n` entries.
    fn slots(&self, n: usize) -> Result<usize, EamError> {
        let mut total = HEADER as u64 + n as u64;
        for &c in self.v4.iter().chain(self.v6.iter()) {
            if c != 0 {
                total += 1u64 << cap_log2(c);
            }
        }
        if total > u32::MAX as u64 {
            return Err(EamError::TooLarge);
        }
        Ok(total as usize)
    }
}

/// Iterator over set bits of a length bitmap, highest (longest) first.
struct LongestFirst<const W: usize> {
    /// Remaining bits; length `l` is bit `l % 64` of word `l / 64`.
    words: [u64; W],
}

impl<const W: usize> Iterator for LongestFirst<W> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        for (i, w) in self.words.iter_mut().enumerate().rev() {
            if *w != 0 {
                let bit = 63 - w.leading_zeros();
                *w &= !(1u64 << bit);
                return Some((i as u32 * 64 + bit) as u8);
            }
        }
        None
    }
}

/// The EAM table: an immutable view over caller-owned storage.
///
/// Cheap to copy; lookups never allocate or panic.
#[derive(Clone, Copy)]
pub struct EamTable<'t> {
    /// Entries, sorted by IPv4 prefix (address, then length).
    entries: &'t [EamEntry],
    /// Directory, IPv6 order and hash regions (see the module docs).
    slots: &'t [u32],
    /// Bit `l` set iff some entry has IPv4 length `l`.
    lens4: [u64; 1],
    /// Bit `l` set iff some entry has IPv6 length `l`.
    lens6: [u64; 3],
    /// Smallest IPv4 address any entry covers, and the number of others
    /// up to the largest one (see [`spans`]).
    span4: [u32; 2],
    /// The same for the high halves (bytes 0-7) of the IPv6 addresses.
    span6: [u64; 2],
}

impl core::fmt::Debug for EamTable<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("EamTable")
            .field("len", &self.entries.len())
            .finish()
    }
}

impl Default for EamTable<'_> {
    fn default() -> Self {
        EamTable::EMPTY
    }
}

/// The prefix-length bitmaps of a built [`EamTable`]: with the table's
/// storage, all that is needed to recreate its view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EamIndex {
    lens4: [u64; 1],
    lens6: [u64; 3],
    span4: [u32; 2],
    span6: [u64; 2],
}

/// The address span of the entries on each side, as (smallest address
/// covered, largest − smallest): IPv4 addresses, and the high halves
/// (bytes 0-7, host order) of the IPv6 ones. A lookup of an address
/// outside skips the probes with one compare (the common table maps a
/// few servers, and most packets' other address lies outside it; issue
/// 3). Without entries the span is everything: the (empty) lookup
/// decides.
fn spans(entries: &[EamEntry]) -> ([u32; 2], [u64; 2]) {
    let (mut min4, mut max4, mut min6, mut max6) = (u32::MAX, 0, u64::MAX, 0);
    for e in entries {
        let lo4 = e.v4.bits() & e.v4.mask();
        min4 = min4.min(lo4);
        max4 = max4.max(lo4 | !e.v4.mask());
        let m6 = mask_v6(e.v6_len);
        let lo6 = e.v6_bits() & m6;
        min6 = min6.min((lo6 >> 64) as u64);
        max6 = max6.max(((lo6 | !m6) >> 64) as u64);
    }
    if entries.is_empty() {
        return (NO_SPAN4, NO_SPAN6);
    }
    ([min4, max4 - min4], [min6, max6 - min6])
}

/// [`spans`] of no entry.
const NO_SPAN4: [u32; 2] = [0, u32::MAX];

/// See [`NO_SPAN4`].
const NO_SPAN6: [u64; 2] = [0, u64::MAX];

/// Which side of an entry a hash region indexes.
#[derive(Clone, Copy)]
enum Side {
    /// IPv4 prefixes.
    V4,
    /// IPv6 prefixes.
    V6,
}

impl<'t> EamTable<'t> {
    /// The empty table.
    pub const EMPTY: EamTable<'static> = EamTable {
        entries: &[],
        slots: &[],
        lens4: [0],
        lens6: [0; 3],
        span4: NO_SPAN4,
        span6: NO_SPAN6,
    };

    /// The empty table (same as [`EamTable::EMPTY`]).
    pub const fn empty() -> EamTable<'static> {
        EamTable::EMPTY
    }

    /// Exact number of `u32` slot words [`EamTable::build`] needs for
    /// `entries` (validating every entry).
    pub fn slots_needed(entries: &[EamEntry]) -> Result<usize, EamError> {
        Counts::of(entries)?.slots(entries.len())
    }

    /// An upper bound of [`EamTable::slots_needed`] for any `n` valid
    /// entries, for callers that size storage before seeing the entries.
    pub const fn slots_upper_bound(n: usize) -> usize {
        // Each region is < 4 × its count; plus the IPv6 order and header.
        HEADER + n.saturating_mul(9)
    }

    /// Builds a table over caller storage.
    ///
    /// Validates every entry, sorts `entries` in place, and rejects an IPv4
    /// or IPv6 prefix present twice ([`EamError::Exists`]). Overlaps are
    /// not checked here (they may have been allowed when added).
    pub fn build(entries: &'t mut [EamEntry], slots: &'t mut [u32]) -> Result<EamTable<'t>, EamError> {
        let counts = Counts::of(entries)?;
        let needed = counts.slots(entries.len())?;
        let slots = slots.get_mut(..needed).ok_or(EamError::StorageTooSmall)?;
        slots.fill(0);

        // Tables are usually rebuilt from an already sorted one plus a merged
        // batch; an O(n) check then saves the O(n log n) sort.
        if !entries.is_sorted_by_key(|e| (e.v4.bits(), e.v4.len)) {
            heapsort_by_key(entries, |e| (e.v4.bits(), e.v4.len));
        }
        let entries: &'t [EamEntry] = entries;
        let n = entries.len();

        // Directory and bitmaps.
        let mut lens4 = [0u64; 1];
        let mut lens6 = [0u64; 3];
        let mut off = HEADER + n;
        for (l, &c) in counts.v4.iter().enumerate() {
            off = place(slots, &mut lens4, dir_index(Side::V4, l), l, c, off);
        }
        for (l, &c) in counts.v6.iter().enumerate() {
            off = place(slots, &mut lens6, dir_index(Side::V6, l), l, c, off);
        }

        // Hash regions; a second key equal to a present one is a duplicate.
        for (i, e) in entries.iter().enumerate() {
            insert(slots, entries, Side::V4, e, i)?;
            insert(slots, entries, Side::V6, e, i)?;
        }

        // Entry order by IPv6 prefix, for descendant searches.
        if let Some(order) = slots.get_mut(HEADER..HEADER + n) {
            for (i, s) in order.iter_mut().enumerate() {
                *s = i as u32;
            }
            // Mappings that keep address order (the common bulk load) are
            // already in IPv6 order too.
            let v6_key = |&i: &u32| {
                entries
                    .get(i as usize)
                    .map_or((0, 0), |e| (e.v6_bits(), e.v6_len))
            };
            if !order.is_sorted_by_key(v6_key) {
                heapsort_by_key(order, v6_key);
            }
        }
        record_spans(slots, entries);

        let slots: &'t [u32] = slots;
        let (span4, span6) = spans(entries);
        Ok(EamTable {
            entries,
            slots,
            lens4,
            lens6,
            span4,
            span6,
        })
    }

    /// The small lookup index of a built table, to rebuild the view later
    /// over the same storage with [`EamTable::from_built`].
    pub const fn index(&self) -> EamIndex {
        EamIndex {
            lens4: self.lens4,
            lens6: self.lens6,
            span4: self.span4,
            span6: self.span6,
        }
    }

    /// The view of a table previously built by [`EamTable::build`] over
    /// `entries` and `slots`, from its [`EamTable::index`]. Cheap: the kernel
    /// keeps the storage in a published snapshot and makes this view per
    /// packet. Storage that does not come from `build` gives wrong answers,
    /// never a panic (every access is bounds-checked).
    pub const fn from_built(entries: &'t [EamEntry], slots: &'t [u32], index: EamIndex) -> EamTable<'t> {
        EamTable {
            entries,
            slots,
            lens4: index.lens4,
            lens6: index.lens6,
            span4: index.span4,
            span6: index.span6,
        }
    }

    /// Number of entries.
    pub const fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table has no entry.
    pub const fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, sorted by IPv4 prefix.
    pub const fn entries(&self) -> &'t [EamEntry] {
        self.entries
    }

    /// Index of the entry whose IPv4 prefix is exactly `p`.
    pub fn find_v4(&self, p: &Ipv4Prefix) -> Option<usize> {
        self.probe(Side::V4, p.len, p.bits() as u128 & mask_v4(p.len) as u128)
    }

    /// Index of the entry whose IPv6 prefix is exactly `v6/len`.
    pub fn find_v6(&self, v6: &[u8; 16], len: u8) -> Option<usize> {
        self.probe(Side::V6, len, u128::from_be_bytes(*v6) & mask_v6(len))
    }

    /// Longest entry whose IPv4 prefix contains `a`.
    #[inline(always)]
    pub fn lookup_v4(&self, a: [u8; 4]) -> Option<&'t EamEntry> {
        let i = self.lookup_index_v4(u32::from_be_bytes(a))?;
        self.entries.get(i)
    }

    /// Longest entry whose IPv6 prefix contains `a`.
    #[inline(always)]
    pub fn lookup_v6(&self, a: &[u8; 16]) -> Option<&'t EamEntry> {
        let i = self.lookup_index_v6(be_halves(a))?;
        self.entries.get(i)
    }

    /// [`EamTable::lookup_v4`] on the address as an integer: the entry
    /// index. One probe per IPv4 length present, longest first. Inlined
    /// into the (out-of-line) caller: one register save per lookup.
    #[inline(always)]
    fn lookup_index_v4(&self, key: u32) -> Option<usize> {
        if key.wrapping_sub(self.span4[0]) > self.span4[1] {
            return None;
        }
        // The directory once (one bounds check); the lengths of the bitmap
        // (< 64) then index it without checks.
        let dir = self.slots.first_chunk::<HEADER>()?;
        let mut lens = self.lens4[0];
        while lens != 0 {
            let l = (63 - lens.leading_zeros()) & 63;
            lens &= !(1u64 << l);
            // The mask of length l ≤ 32 (0 for l = 0), without branches.
            let masked = key & ((((1u64 << l) - 1) << 32) >> l) as u32;
            if let Some(i) = probe_v4(dir, self.slots, self.entries, l, masked) {
                return Some(i);
            }
        }
        None
    }

    /// [`EamTable::lookup_v6`] on the address as two big-endian halves:
    /// the entry index. One probe per IPv6 length present, longest first.
    /// Inlined like [`EamTable::lookup_index_v4`].
    #[inline(always)]
    fn lookup_index_v6(&self, (hi, lo): (u64, u64)) -> Option<usize> {
        if hi.wrapping_sub(self.span6[0]) > self.span6[1] {
            return None;
        }
        let dir = self.slots.first_chunk::<HEADER>()?;
        for (w, &word) in self.lens6.iter().enumerate().rev() {
            let mut lens = word;
            while lens != 0 {
                let bit = (63 - lens.leading_zeros()) & 63;
                lens &= !(1u64 << bit);
                let l = w as u32 * 64 + bit;
                let (mh, ml) = mask_v6_halves(l);
                if let Some(i) = probe_v6(dir, self.slots, self.entries, l, (hi & mh, lo & ml)) {
                    return Some(i);
                }
            }
        }
        None
    }

    /// 46 translation of `a` by the longest matching entry (SPEC 1.3).
    /// Inlined, like the lookup, so that the fast paths' out-of-line
    /// mapping saves registers once per packet (issue 3).
    #[inline(always)]
    pub fn v4_to_v6(&self, a: [u8; 4]) -> Option<[u8; 16]> {
        self.lookup_v4(a).map(|e| e.v4_to_v6(a))
    }

    /// 64 translation of `a` by the longest matching entry (SPEC 1.3).
    /// Inlined like [`EamTable::v4_to_v6`].
    #[inline(always)]
    pub fn v6_to_v4(&self, a: &[u8; 16]) -> Option<[u8; 4]> {
        self.lookup_v6(a).map(|e| e.v6_to_v4(a))
    }

    /// Whether some entry's IPv4 prefix contains `a` (hairpin test, SPEC 1.4).
    pub fn contains_v4(&self, a: [u8; 4]) -> bool {
        self.lookup_v4(a).is_some()
    }

    /// Whether adding `new` to this table is allowed (SPEC 1.3): valid,
    /// neither prefix already present, and no overlap unless allowed.
    pub fn check_add(&self, new: &EamEntry, allow_overlap: bool) -> Result<(), EamError> {
        new.validate()?;
        if self.find_v4(&new.v4).is_some() || self.find_v6(&new.v6, new.v6_len).is_some() {
            return Err(EamError::Exists);
        }
        if !allow_overlap && self.overlaps(new) {
            return Err(EamError::Overlap);
        }
        Ok(())
    }

    /// Whether some entry other than an exact-prefix match of `e` overlaps
    /// `e` on the IPv4 or the IPv6 side (contains it or lies inside it).
    ///
    /// An entry identical to `e` is not an overlap, so this can be asked of
    /// a table that already contains `e`.
    pub fn overlaps(&self, e: &EamEntry) -> bool {
        self.overlaps_v4(&e.v4) || self.overlaps_v6(e.v6_bits(), e.v6_len)
    }

    /// IPv4 side of [`EamTable::overlaps`].
    fn overlaps_v4(&self, p: &Ipv4Prefix) -> bool {
        let key = p.bits() & p.mask();
        // Ancestors: one probe per shorter length present.
        let shorter = LongestFirst { words: self.lens4 }.filter(|&l| l < p.len);
        for l in shorter {
            if self.probe(Side::V4, l, (key & mask_v4(l)) as u128).is_some() {
                return true;
            }
        }
        // Descendants: the first entry sorting after (key, len) is inside
        // the prefix iff any entry other than an ancestor or `p` is.
        let i = self
            .entries
            .partition_point(|x| (x.v4.bits(), x.v4.len) <= (key, p.len));
        self.entries.get(i).is_some_and(|x| p.contains(x.v4.addr))
    }

    /// IPv6 side of [`EamTable::overlaps`].
    fn overlaps_v6(&self, bits: u128, len: u8) -> bool {
        let key = bits & mask_v6(len);
        let shorter = LongestFirst { words: self.lens6 }.filter(|&l| l < len);
        for l in shorter {
            if self.probe(Side::V6, l, key & mask_v6(l)).is_some() {
                return true;
            }
        }
        let n = self.entries.len();
        let Some(order) = self.slots.get(HEADER..HEADER + n) else {
            return false;
        };
        let at = |&i: &u32| self.entries.get(i as usize).map_or((0, 0), |x| (x.v6_bits(), x.v6_len));
        let i = order.partition_point(|i| at(i) <= (key, len));
        order
            .get(i)
            .and_then(|&j| self.entries.get(j as usize))
            .is_some_and(|x| (x.v6_bits() ^ key) & mask_v6(len) == 0)
    }

    /// Index of the first entry that overlaps another one, if any (for
    /// diagnostics; O(n × lengths)).
    pub fn first_overlap(&self) -> Option<usize> {
        self.entries.iter().position(|e| self.overlaps(e))
    }

    /// Hash probe: index of the entry with prefix `key/len` on `side`.
    fn probe(&self, side: Side, len: u8, key: u128) -> Option<usize> {
        probe_in(self.slots, self.entries, side, len, key)
    }
}

/// Lays out the hash region of one prefix length `l` holding `count` keys
/// at word `off`: directory words at `dir`, bit `l` of `bitmap`. Returns
/// the offset after the region.
fn place<const W: usize>(slots: &mut [u32], bitmap: &mut [u64; W], dir: usize, l: usize, count: u32, off: usize) -> usize {
    if count == 0 {
        return off;
    }
    let k = cap_log2(count);
    if let (Some(w), Some([o, kk])) = (bitmap.get_mut(l / 64), slots.get_mut(dir..dir + 2)) {
        *w |= 1 << (l % 64);
        *o = off as u32;
        *kk = k;
    }
    off + (1 << k)
}

/// Directory slot of `len` on `side`.
#[inline(always)]
const fn dir_index(side: Side, len: usize) -> usize {
    match side {
        Side::V4 => DIR4_WORDS * len,
        Side::V6 => DIR6 + DIR6_WORDS * len,
    }
}

/// Writes each length's key span into the directory, from the two sorted
/// orders: walking one in key order, the first key of a length is its
/// smallest and the last its largest.
fn record_spans(slots: &mut [u32], entries: &[EamEntry]) {
    let mut seen4 = [false; LENS4];
    for e in entries {
        let at = dir_index(Side::V4, e.v4.len.into()) + SPAN;
        let key = e.v4.bits();
        if let (Some(seen), Some([lo, width])) = (seen4.get_mut(e.v4.len as usize), slots.get_mut(at..at + 2)) {
            if !*seen {
                *seen = true;
                *lo = key;
            }
            *width = key.wrapping_sub(*lo);
        }
    }
    let mut seen6 = [false; LENS6];
    for p in HEADER..HEADER + entries.len() {
        let Some(e) = slots.get(p).and_then(|&i| entries.get(i as usize)) else {
            continue;
        };
        let at = dir_index(Side::V6, e.v6_len.into()) + SPAN;
        let key = (e.v6_bits() >> 64) as u64;
        if let (Some(seen), Some([lo_hi, lo_lo, width_hi, width_lo])) =
            (seen6.get_mut(e.v6_len as usize), slots.get_mut(at..at + 4))
        {
            if !*seen {
                *seen = true;
                (*lo_hi, *lo_lo) = ((key >> 32) as u32, key as u32);
            }
            let width = key.wrapping_sub(wide(*lo_hi, *lo_lo));
            (*width_hi, *width_lo) = ((width >> 32) as u32, width as u32);
        }
    }
}

/// A 64-bit directory value from its two words, high first.
#[inline(always)]
const fn wide(hi: u32, lo: u32) -> u64 {
    (hi as u64) << 32 | lo as u64
}

/// Key of an entry on `side`.
fn key_of(e: &EamEntry, side: Side) -> (u8, u128) {
    match side {
        Side::V4 => (e.v4.len, e.v4.bits() as u128),
        Side::V6 => (e.v6_len, e.v6_bits()),
    }
}

/// First probe position and mask of the region for `key`.
fn start(side: Side, key: u128, k: u32) -> (usize, usize) {
    let h = match side {
        Side::V4 => hash4(key as u32),
        Side::V6 => hash6(key),
    };
    let mask = (1usize << k) - 1;
    // Top bits of the mixed hash (k >= 1, so the shift is < 64).
    ((h >> (64 - k)) as usize & mask, mask)
}

/// Shared probe loop of lookups and inserts.
fn probe_in(slots: &[u32], entries: &[EamEntry], side: Side, len: u8, key: u128) -> Option<usize> {
    let dir = dir_index(side, len.into());
    let (off, k) = match slots.get(dir..dir + 2) {
        Some(&[o, k]) if k != 0 && k < 32 => (o as usize, k),
        _ => return None,
    };
    let region = slots.get(off..off + (1usize << k))?;
    let (mut i, mask) = start(side, key, k);
    for _ in 0..region.len() {
        let v = *region.get(i)?;
        let idx = (v as usize).checked_sub(1)?;
        if entries.get(idx).map(|e| key_of(e, side)) == Some((len, key)) {
            return Some(idx);
        }
        i = (i + 1) & mask;
    }
    None
}

/// The directory entry at `i` read for a lookup: the region's first
/// word, its slot mask (capacity − 1) and the right shift that takes a
/// 64-bit hash to its first probe (the top `k` bits).
///
/// Unlike the control plane's [`probe_in`], nothing else about the region
/// is validated: every slot access is bounds-checked and every candidate
/// entry compared with the key, so a region that is absent or malformed
/// can cost a wasted probe but never give a wrong answer or a panic. That
/// keeps the per-probe decoding to a few instructions (issue 3).
#[inline(always)]
fn lookup_region(dir: &[u32; HEADER], i: usize) -> Option<(usize, u32, u32)> {
    let k = *dir.get(i + 1)?;
    let off = *dir.get(i)?;
    let mask = (1u32 << (k & 31)).wrapping_sub(1);
    Some((off as usize, mask, 64u32.wrapping_sub(k)))
}

/// Lookup probe of the IPv4 region of length `len` for the masked `key`:
/// the index of the entry with exactly that prefix. Same walk as
/// [`probe_in`] (which inserts use), on integers, stopping at the first
/// empty slot.
#[inline(always)]
fn probe_v4(dir: &[u32; HEADER], slots: &[u32], entries: &[EamEntry], len: u32, key: u32) -> Option<usize> {
    let at = dir_index(Side::V4, len as usize);
    if key.wrapping_sub(*dir.get(at + SPAN)?) > *dir.get(at + SPAN + 1)? {
        return None;
    }
    let (off, mask, shift) = lookup_region(dir, at)?;
    let mut i = hash4(key).wrapping_shr(shift) as u32;
    for _ in 0..=mask {
        let idx = (*slots.get(off + (i & mask) as usize)? as usize).checked_sub(1)?;
        let e = entries.get(idx)?;
        if u32::from_be_bytes(e.v4.addr) == key && u32::from(e.v4.len) == len {
            return Some(idx);
        }
        i = (i & mask) + 1;
    }
    None
}

/// Lookup probe of the IPv6 region of length `len` for the masked key
/// (big-endian halves); see [`probe_v4`].
#[inline(always)]
fn probe_v6(dir: &[u32; HEADER], slots: &[u32], entries: &[EamEntry], len: u32, key: (u64, u64)) -> Option<usize> {
    let at = dir_index(Side::V6, len as usize);
    let span = dir.get(at + SPAN..at + SPAN + 4)?;
    if let [lo_hi, lo_lo, width_hi, width_lo] = *span {
        if key.0.wrapping_sub(wide(lo_hi, lo_lo)) > wide(width_hi, width_lo) {
            return None;
        }
    }
    let (off, mask, shift) = lookup_region(dir, at)?;
    let mut i = hash6_halves(key.0, key.1).wrapping_shr(shift) as u32;
    for _ in 0..=mask {
        let idx = (*slots.get(off + (i & mask) as usize)? as usize).checked_sub(1)?;
        let e = entries.get(idx)?;
        if be_halves(&e.v6) == key && u32::from(e.v6_len) == len {
            return Some(idx);
        }
        i = (i & mask) + 1;
    }
    None
}

/// An IPv6 address as two big-endian halves (bytes 0-7, 8-15).
#[inline(always)]
fn be_halves(a: &[u8; 16]) -> (u64, u64) {
    let (hi, lo) = a.split_at(8);
    let w = |x: &[u8]| x.first_chunk::<8>().map_or(0, |b| u64::from_be_bytes(*b));
    (w(hi), w(lo))
}

/// [`mask_v6`] as two halves, for lengths 0..=128.
#[inline(always)]
const fn mask_v6_halves(len: u32) -> (u64, u64) {
    let m = mask_v6(if len > 128 { 128 } else { len as u8 });
    ((m >> 64) as u64, m as u64)
}

/// Inserts entry `idx` into its region on `side`; a present equal key is
/// [`EamError::Exists`].
fn insert(slots: &mut [u32], entries: &[EamEntry], side: Side, e: &EamEntry, idx: usize) -> Result<(), EamError> {
    let (len, key) = key_of(e, side);
    let dir = dir_index(side, len.into());
    let (off, k) = match slots.get(dir..dir + 2) {
        Some(&[o, k]) if k != 0 && k < 32 => (o as usize, k),
        _ => return Err(EamError::StorageTooSmall),
    };
    let region = slots
        .get_mut(off..off + (1usize << k))
        .ok_or(EamError::StorageTooSmall)?;
    let (mut i, mask) = start(side, key, k);
    for _ in 0..region.len() {
        let slot = region.get_mut(i).ok_or(EamError::StorageTooSmall)?;
        match (*slot as usize).checked_sub(1) {
            None => {
                *slot = idx as u32 + 1;
                return Ok(());
            }
            Some(other) => {
                if entries.get(other).map(|x| key_of(x, side)) == Some((len, key)) {
                    return Err(EamError::Exists);
                }
            }
        }
        i = (i + 1) & mask;
    }
    Err(EamError::StorageTooSmall)
}
