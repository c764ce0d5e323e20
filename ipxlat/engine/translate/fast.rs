// SPDX-License-Identifier: GPL-2.0

//! Helpers shared by the two fast paths (`v4_to_v6::fast`,
//! `v6_to_v4::fast`).
//!
//! The fast paths work on header words loaded in memory order
//! (`from_le_bytes`): addresses are then moved between the families by
//! rotations and masks ([`Layout`]) and stored back without byte swapping,
//! and checksum arithmetic is done on the same words (the one's-complement
//! sum is byte-order independent, RFC 1071 section 2(B)).

use crate::engine::addr::classes;
use crate::engine::addr::prefix6::{layout, le_halves, Layout, U_OCTET_LE};
use crate::engine::config::Config;

/// The `M` bytes at offset `i` of a fixed-size window (zeros if out of
/// bounds). The fast paths use constant offsets inside the window only, so
/// after inlining this is a plain load with no check.
#[inline(always)]
pub fn at<const M: usize, const N: usize>(w: &[u8; N], i: usize) -> [u8; M] {
    match w.get(i..).and_then(|s| s.first_chunk::<M>()) {
        Some(b) => *b,
        None => [0; M],
    }
}

/// Memory-order `u16` at offset `i` of a window (see [`at`]).
#[inline(always)]
pub fn le16<const N: usize>(w: &[u8; N], i: usize) -> u16 {
    u16::from_le_bytes(at(w, i))
}

/// Memory-order `u32` at offset `i` of a window (see [`at`]).
#[inline(always)]
pub fn le32<const N: usize>(w: &[u8; N], i: usize) -> u32 {
    u32::from_le_bytes(at(w, i))
}

/// Memory-order `u64` at offset `i` of a window (see [`at`]).
#[inline(always)]
pub fn le64<const N: usize>(w: &[u8; N], i: usize) -> u64 {
    u64::from_le_bytes(at(w, i))
}

/// Big-endian `u16` at offset `i` of a window (see [`at`]).
#[inline(always)]
pub fn be16<const N: usize>(w: &[u8; N], i: usize) -> u16 {
    u16::from_be_bytes(at(w, i))
}

/// Stores `b` at offset `i` of a window (no-op if out of bounds; see
/// [`at`]).
#[inline(always)]
pub fn put<const M: usize, const N: usize>(w: &mut [u8; N], i: usize, b: [u8; M]) {
    if let Some(s) = w.get_mut(i..).and_then(|s| s.first_chunk_mut::<M>()) {
        *s = b;
    }
}

/// High half of 64:ff9b::/96 in memory order.
pub const WKP_HI: u64 = u64::from_le_bytes([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0]);

/// Whether an address (memory-order halves) lies in 64:ff9b::/96.
#[inline(always)]
pub const fn in_wkp(hi: u64, lo: u64) -> bool {
    hi == WKP_HI && lo & 0xffff_ffff == 0
}

/// The configured RFC 6052 prefix (`prefix6`) ready for the fast paths:
/// its [`Layout`], and its halves in memory order.
#[derive(Clone, Copy)]
pub struct Rfc6052 {
    /// Rotation and masks of the prefix length.
    pub l: Layout,
    /// The prefix value (with any suffix bits), memory order.
    pub p: (u64, u64),
}

impl Rfc6052 {
    /// `None` without a prefix (or with a length `Prefix6::new` refuses).
    #[inline(always)]
    pub fn of(cfg: &Config<'_>) -> Option<Self> {
        let p = cfg.prefix6.as_ref()?;
        Some(Rfc6052 { l: layout(p.len)?, p: le_halves(&p.addr) })
    }

    /// The prefix halves with the bits embedding overwrites cleared.
    #[inline(always)]
    pub fn base(&self) -> (u64, u64) {
        self.l.base(self.p)
    }

    /// The RFC 6052 image of `a` (memory order), given [`Rfc6052::base`].
    #[inline(always)]
    pub fn embed(&self, base: (u64, u64), a: u32) -> (u64, u64) {
        self.l.embed(base, a)
    }

    /// The embedded IPv4 address (memory order) of `hi`/`lo`, `None` if
    /// outside the prefix or with a non-zero u-octet (SPEC 1.1 #2).
    #[inline(always)]
    pub fn extract(&self, hi: u64, lo: u64) -> Option<u32> {
        if !self.l.inside(self.p, hi, lo) || lo & U_OCTET_LE != 0 {
            return None;
        }
        Some(self.l.extract(hi, lo))
    }

    /// Whether an address inside the prefix can lie in 64:ff9b::/96: the
    /// prefix bits of the high half are the WKP's. Only then does the WKP
    /// rule (SPEC 1.2) need a per-address test; for the WKP itself it is
    /// true, for any other /96 and most shorter prefixes false.
    #[inline(always)]
    pub fn may_hit_wkp(&self) -> bool {
        (self.p.0 ^ WKP_HI) & self.l.hi_prefix == 0
    }
}

/// The WKP rule (SPEC 1.2) for the RFC 6052 pair `v6` (memory-order
/// halves) ⇄ `v4` (memory order): true where the full path drops.
#[inline(always)]
pub fn wkp_drop(cfg: &Config<'_>, (hi, lo): (u64, u64), v4: u32) -> bool {
    cfg.wkp_strict && in_wkp(hi, lo) && classes::is_non_global_v4(v4.to_le_bytes())
}
