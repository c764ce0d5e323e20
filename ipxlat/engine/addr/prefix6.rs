// SPDX-License-Identifier: GPL-2.0

//! RFC 6052 IPv4-embedded IPv6 addresses (SPEC 1.1).
//!
//! The IPv4 address is written after the prefix, skipping byte 8 (bits
//! 64..71, the "u-octet"), which is always 0. The table of SPEC 1.1 reduces
//! to: IPv4 byte `i` goes to IPv6 byte `L/8 + i`, plus one if that reaches 8
//! for `L ≤ 64` (a /96 puts the address at bytes 12..=15).

use crate::engine::config::ConfigError;

/// Index of the u-octet (RFC 6052 section 2.2).
const U_OCTET: usize = 8;

/// An RFC 6052 prefix ("prefix6", the PLAT prefix).
///
/// # Invariants
///
/// `len` ∈ {32, 40, 48, 56, 64, 96}; a /96 has byte 8 = 0. Bits after `len`
/// may be non-zero: they are kept as suffix when embedding (SPEC 1.1 #1,
/// ipxlat-compatible), except byte 8, which is always written 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Prefix6 {
    /// Prefix value (and suffix bits), network byte order.
    pub addr: [u8; 16],
    /// Prefix length in bits.
    pub len: u8,
}

/// The well-known prefix 64:ff9b::/96 (RFC 6052 section 2.1).
pub const WKP: Prefix6 = Prefix6 {
    addr: [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    len: 96,
};

/// Why an IPv6 address yields no IPv4 address under a [`Prefix6`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtractFail {
    /// The first `len` bits differ from the prefix.
    Outside,
    /// Inside the prefix, but the u-octet is not 0 (SPEC 1.1 #2, 8.2 #8).
    UOctetNonZero,
}

/// Whether `len` is one of the six RFC 6052 prefix lengths.
pub const fn is_rfc6052_len(len: u8) -> bool {
    matches!(len, 32 | 40 | 48 | 56 | 64 | 96)
}

/// IPv6 byte that carries IPv4 byte `i` (0..4) under a prefix of `len` bits.
const fn v4_byte_pos(len: u8, i: usize) -> usize {
    let p = len as usize / 8 + i;
    // Lengths up to 64 skip the u-octet; a /96 starts after it (byte 12).
    if p >= U_OCTET && len <= 64 {
        p + 1
    } else {
        p
    }
}

/// Where the IPv4 address sits in an RFC 6052 address of one prefix length
/// (the SPEC 1.1 table), as a rotation and masks on the address halves
/// loaded in memory order (`u64::from_le_bytes` of bytes 0-7 and 8-15;
/// the IPv4 address as `u32::from_le_bytes` of its 4 bytes).
///
/// In memory order, byte `i` of a half is bits `8i..8i+8`, so putting the
/// IPv4 bytes at positions `p = L/8`, `p+1`, … is a left rotation by `L`
/// bits: the bytes that fit land in the high half at `p..8`, the others
/// wrap to the bottom and, shifted one byte up (over the u-octet), go to
/// the low half at `9..`. Every length is the same rotate, two masks and
/// one shift, with no branch on the length and no byte swapping (the
/// awkward /40 — bytes 5, 6, 7 and 9 — costs the same as the others). A
/// /96 rotates by 24, so the one-byte shift puts the address at 12..16.
///
/// Checksums do not care: the one's-complement sum of byte-swapped words
/// is the byte-swapped sum (RFC 1071 section 2(B)), so the fast paths sum
/// memory-order words and store the result in memory order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Left rotation of the IPv4 address (as a `u64`) into place.
    pub rot: u32,
    /// Bits of the high half that carry IPv4 bytes.
    pub hi_addr: u64,
    /// Bits of the low half that carry IPv4 bytes (after the rotation and
    /// the one-byte shift).
    pub lo_addr: u64,
    /// Bits of the high half that belong to the prefix.
    pub hi_prefix: u64,
    /// Bits of the low half that belong to the prefix (a /96 only).
    pub lo_prefix: u64,
}

/// Bits of the u-octet (byte 8) in the low half, memory order.
pub const U_OCTET_LE: u64 = 0xff;

/// [`Layout`] of a length `l` in 32..=64 (a multiple of 8).
const fn layout_upto64(l: u32) -> Layout {
    // Prefix bytes 0..l/8; the IPv4 bytes after them in the high half, the
    // other l/8 − 4 of them at bytes 9.. of the address.
    let hi_prefix = if l == 64 { u64::MAX } else { (1u64 << l) - 1 };
    let lo_bytes = l / 8 - 4;
    Layout {
        rot: l,
        hi_addr: !hi_prefix,
        lo_addr: ((1u64 << (8 * lo_bytes)) - 1) << 8,
        hi_prefix,
        lo_prefix: 0,
    }
}

/// Placeholder for the lengths that are not RFC 6052 lengths (no prefix
/// bits: [`layout`] tells it apart).
pub const NO_LAYOUT: Layout = Layout { rot: 0, hi_addr: 0, lo_addr: 0, hi_prefix: 0, lo_prefix: 0 };

/// The [`Layout`]s of the six RFC 6052 lengths, indexed by `L / 8 − 4`
/// (32 → 0 … 64 → 4, 96 → 8); 72, 80 and 88 are not RFC 6052 lengths.
const LAYOUTS: [Layout; 9] = [
    layout_upto64(32),
    layout_upto64(40),
    layout_upto64(48),
    layout_upto64(56),
    layout_upto64(64),
    NO_LAYOUT,
    NO_LAYOUT,
    NO_LAYOUT,
    Layout {
        rot: 24,
        hi_addr: 0,
        lo_addr: (u32::MAX as u64) << 32,
        hi_prefix: u64::MAX,
        lo_prefix: u32::MAX as u64,
    },
];

/// The [`Layout`] of an RFC 6052 prefix length, `None` for other lengths.
#[inline(always)]
pub const fn layout(len: u8) -> Option<Layout> {
    // (len − 32) / 8 for multiples of 8; any other length rotates its low
    // bits to the top and falls outside the table.
    let i = len.wrapping_sub(32).rotate_right(3) as usize;
    if i < LAYOUTS.len() && LAYOUTS[i].hi_prefix != 0 {
        Some(LAYOUTS[i])
    } else {
        None
    }
}

/// An address as two halves in memory order (bytes 0-7, 8-15).
#[inline(always)]
pub fn le_halves(a: &[u8; 16]) -> (u64, u64) {
    let (hi, lo) = a.split_at(8);
    let w = |x: &[u8]| {
        let mut b = [0u8; 8];
        b.copy_from_slice(x);
        u64::from_le_bytes(b)
    };
    (w(hi), w(lo))
}

impl Layout {
    /// The prefix halves (memory order) with the bits embedding overwrites
    /// cleared (address bytes and u-octet): computed once per packet, then
    /// OR-ed with each address by [`Layout::embed`].
    #[inline(always)]
    pub const fn base(&self, (phi, plo): (u64, u64)) -> (u64, u64) {
        (phi & !self.hi_addr, plo & !(self.lo_addr | U_OCTET_LE))
    }

    /// Embeds `v4` (memory order) into `base` (from [`Layout::base`]):
    /// SPEC 1.1 #1, halves in memory order.
    #[inline(always)]
    pub const fn embed(&self, (bhi, blo): (u64, u64), v4: u32) -> (u64, u64) {
        let r = (v4 as u64).rotate_left(self.rot);
        (bhi | (r & self.hi_addr), blo | ((r << 8) & self.lo_addr))
    }

    /// Whether the first `L` bits of `hi`/`lo` equal those of the prefix
    /// `p` (SPEC 1.1 #2; suffix bits ignored). Memory order.
    #[inline(always)]
    pub const fn inside(&self, (phi, plo): (u64, u64), hi: u64, lo: u64) -> bool {
        ((hi ^ phi) & self.hi_prefix) | ((lo ^ plo) & self.lo_prefix) == 0
    }

    /// The embedded IPv4 address (memory order) of an address
    /// [`Layout::inside`] the prefix (u-octet not checked here).
    #[inline(always)]
    pub const fn extract(&self, hi: u64, lo: u64) -> u32 {
        ((hi & self.hi_addr) | ((lo & self.lo_addr) >> 8)).rotate_right(self.rot) as u32
    }
}

impl Prefix6 {
    /// Builds a prefix, validating it per SPEC 1.1 #3.
    pub const fn new(addr: [u8; 16], len: u8) -> Result<Self, ConfigError> {
        let p = Prefix6 { addr, len };
        match p.validate() {
            Ok(()) => Ok(p),
            Err(e) => Err(e),
        }
    }

    /// Checks the invariants: RFC 6052 length, and a /96 with u-octet 0.
    pub const fn validate(&self) -> Result<(), ConfigError> {
        if !is_rfc6052_len(self.len) {
            return Err(ConfigError::Prefix6Len);
        }
        if self.len == 96 && self.addr[U_OCTET] != 0 {
            return Err(ConfigError::Prefix6UOctet);
        }
        Ok(())
    }

    /// The prefix value as two big-endian halves (bytes 0-7, 8-15).
    #[inline]
    pub fn words(&self) -> (u64, u64) {
        split_words(&self.addr)
    }

    /// Embeds `v4` (SPEC 1.1 #1): prefix value with its suffix bits kept,
    /// the IPv4 bytes at their RFC 6052 positions, byte 8 forced to 0.
    #[inline]
    pub fn embed(&self, v4: [u8; 4]) -> [u8; 16] {
        let (hi, lo) = self.embed_words(u32::from_be_bytes(v4));
        join_words(hi, lo)
    }

    /// [`Prefix6::embed`] on integers: `v4` in host order, the result as
    /// two big-endian halves (bytes 0-7, 8-15).
    #[inline(always)]
    pub fn embed_words(&self, v4: u32) -> (u64, u64) {
        match layout(self.len) {
            Some(l) => {
                let (hi, lo) = l.embed(l.base(le_halves(&self.addr)), u32::from_le_bytes(v4.to_be_bytes()));
                (u64::from_be_bytes(hi.to_le_bytes()), u64::from_be_bytes(lo.to_le_bytes()))
            }
            None => self.embed_words_other(v4),
        }
    }

    /// [`Prefix6::embed_words`] for a length `new` never produces.
    #[cold]
    #[inline(never)]
    fn embed_words_other(&self, v4: u32) -> (u64, u64) {
        let mut out = self.addr;
        for (i, b) in v4.to_be_bytes().iter().enumerate() {
            // `get_mut` keeps a corrupt length (never produced by `new`)
            // from panicking.
            if let Some(slot) = out.get_mut(v4_byte_pos(self.len, i)) {
                *slot = *b;
            }
        }
        out[U_OCTET] = 0;
        split_words(&out)
    }

    /// [`Prefix6::try_extract`] on the address as two big-endian halves;
    /// the IPv4 address in host order.
    #[inline(always)]
    pub fn try_extract_words(&self, hi: u64, lo: u64) -> Result<u32, ExtractFail> {
        let Some(l) = layout(self.len) else {
            return self.try_extract_other(hi, lo);
        };
        // Big-endian halves to memory order.
        let (hi, lo) = (u64::from_le_bytes(hi.to_be_bytes()), u64::from_le_bytes(lo.to_be_bytes()));
        if !l.inside(le_halves(&self.addr), hi, lo) {
            return Err(ExtractFail::Outside);
        }
        if lo & U_OCTET_LE != 0 {
            return Err(ExtractFail::UOctetNonZero);
        }
        Ok(u32::from_be_bytes(l.extract(hi, lo).to_le_bytes()))
    }

    /// [`Prefix6::try_extract_words`] for a length `new` never produces.
    #[cold]
    #[inline(never)]
    fn try_extract_other(&self, hi: u64, lo: u64) -> Result<u32, ExtractFail> {
        self.try_extract(&join_words(hi, lo)).map(u32::from_be_bytes)
    }

    /// Whether the first `len` bits of `v6` equal the prefix.
    #[inline]
    pub fn matches(&self, v6: &[u8; 16]) -> bool {
        let half = |x: &[u8; 16], i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&x[i..i + 8]);
            u64::from_be_bytes(w)
        };
        let hi = half(&self.addr, 0) ^ half(v6, 0);
        match self.len {
            // Byte-aligned lengths up to 64 compare the high half only.
            l @ (32 | 40 | 48 | 56 | 64) => hi >> (64 - u32::from(l)) == 0,
            96 => hi == 0 && (half(&self.addr, 8) ^ half(v6, 8)) >> 32 == 0,
            _ => {
                let n = (self.len as usize / 8).min(16);
                self.addr.get(..n) == v6.get(..n)
            }
        }
    }

    /// Extracts the embedded IPv4 address, telling why it fails.
    ///
    /// Suffix bits are ignored (RFC 6052: SHOULD ignore); a non-zero
    /// u-octet makes the address unmapped (SPEC 1.1 #2).
    #[inline]
    pub fn try_extract(&self, v6: &[u8; 16]) -> Result<[u8; 4], ExtractFail> {
        if !self.matches(v6) {
            return Err(ExtractFail::Outside);
        }
        if v6[U_OCTET] != 0 {
            return Err(ExtractFail::UOctetNonZero);
        }
        let v = v6;
        Ok(match self.len {
            32 => [v[4], v[5], v[6], v[7]],
            40 => [v[5], v[6], v[7], v[9]],
            48 => [v[6], v[7], v[9], v[10]],
            56 => [v[7], v[9], v[10], v[11]],
            64 => [v[9], v[10], v[11], v[12]],
            96 => [v[12], v[13], v[14], v[15]],
            _ => {
                let mut out = [0u8; 4];
                for (i, b) in out.iter_mut().enumerate() {
                    *b = v6.get(v4_byte_pos(self.len, i)).copied().unwrap_or(0);
                }
                out
            }
        })
    }

    /// Extracts the embedded IPv4 address (SPEC 1.1 #2), if any.
    pub fn extract(&self, v6: &[u8; 16]) -> Option<[u8; 4]> {
        self.try_extract(v6).ok()
    }

    /// Whether this is exactly the well-known prefix 64:ff9b::/96.
    pub fn is_wkp(&self) -> bool {
        self.len == WKP.len && self.matches(&WKP.addr)
    }
}

/// The address as two big-endian halves (bytes 0-7, 8-15).
#[inline]
pub fn split_words(a: &[u8; 16]) -> (u64, u64) {
    let (hi, lo) = a.split_at(8);
    let w = |x: &[u8]| {
        let mut b = [0u8; 8];
        b.copy_from_slice(x);
        u64::from_be_bytes(b)
    };
    (w(hi), w(lo))
}

/// The address from two big-endian halves (inverse of [`split_words`]).
#[inline]
pub fn join_words(hi: u64, lo: u64) -> [u8; 16] {
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&hi.to_be_bytes());
    out[8..].copy_from_slice(&lo.to_be_bytes());
    out
}

/// [`in_wkp`] on the two big-endian halves of an address.
#[inline]
pub const fn in_wkp_words(hi: u64, lo: u64) -> bool {
    hi == 0x0064_ff9b_0000_0000 && lo >> 32 == 0
}

/// Whether `v6` lies inside 64:ff9b::/96 (the WKP check of SPEC 1.2).
pub fn in_wkp(v6: &[u8; 16]) -> bool {
    WKP.matches(v6)
}
