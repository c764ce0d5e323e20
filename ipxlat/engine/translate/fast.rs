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
use crate::engine::addr::eam::EamTable;
use crate::engine::addr::prefix6::{layout, le_halves, Layout, NO_LAYOUT, U_OCTET_LE};
use crate::engine::config::{Config, HairpinMode, Profile, MIN_LOWEST_IPV6_MTU};

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rfc6052 {
    /// Rotation and masks of the prefix length.
    pub l: Layout,
    /// The prefix value (with any suffix bits), memory order.
    pub p: (u64, u64),
}

impl Rfc6052 {
    /// `None` without a prefix (or with a length `Prefix6::new` refuses).
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

/// Which fast path a configuration allows (see [`FastView`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FastMode {
    /// Generic profile, empty EAM table, a prefix6: RFC 6052 only. First
    /// (value 0): the hot path tests it with one compare.
    Rfc6052,
    /// None: the CLAT profile (its local/remote rules, SPEC 1.6), or
    /// neither a prefix6 nor EAM entries (nothing maps).
    Off,
    /// Generic profile with EAM entries (and maybe a prefix6).
    Eam,
}

/// The per-configuration values the fast paths need, derived once when a
/// configuration is compiled ([`crate::engine::config::Compiled`]) rather
/// than per packet: every packet of a snapshot sees the same values
/// (SPEC 0, 8.2 #1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FastView {
    /// Which fast path applies (46; see `mode64`).
    pub mode: FastMode,
    /// Which fast path applies to 64: `mode`, except that an RFC 6052-only
    /// configuration whose prefix starts with a class the 64 path checks
    /// by its first two bytes (`classes::is_plain_v6_first`: ::/16,
    /// fe00::/7) is `Off`. Every address the RFC 6052 64 path maps lies in
    /// the prefix, so it then needs no class test of its own.
    pub mode64: FastMode,
    /// 4 when `mode` is `Rfc6052`, else 0xff (no version): with
    /// `rfc6052_v6`, lets `translate::translate` reach the common fast
    /// path with one compare of the packet's version.
    pub rfc6052_v4: u8,
    /// 6 when `mode64` is `Rfc6052`, else 0xff (see `rfc6052_v4`).
    pub rfc6052_v6: u8,
    /// `prefix6` with its layout; `None` for EAM-only operation.
    pub rfc6052: Option<Rfc6052>,
    /// [`Rfc6052::base`] of the prefix (zero without one), memory order.
    pub base: (u64, u64),
    /// The [`Layout`] of `prefix6`, or one that matches nothing.
    pub layout: Layout,
    /// The prefix halves (memory order), zero without one.
    pub prefix: (u64, u64),
    /// What the 64 path extracts destination addresses with
    /// ([`FastView::extract64_pair`]).
    pub x_dst: Extract64,
    /// Copy of `layout` and `base` read for the 46 source image only (as
    /// `x_src` for the 64 extraction).
    pub src_embed: (Layout, (u64, u64)),
    /// The same as `x_dst`, for source addresses: the source reads its own
    /// copy, each field where it is used (a memory operand), so that the
    /// compiler does not keep the destination's in registers until the
    /// source is mapped (measured as spills once inlined into the
    /// caller's loop).
    pub x_src: Extract64,
    /// `wkp-strict` and a prefix whose images can lie in 64:ff9b::/96:
    /// only then does the RFC 6052 fast path test the WKP rule (SPEC 1.2).
    pub wkp_check: bool,
    /// `prefix6` is 64:ff9b::/96 itself: an address of 64:ff9b::/96 then
    /// embeds its IPv4 address in its last four bytes (RFC 6052 section
    /// 2.2), which the 64 path's WKP test reads before extracting.
    pub wkp_is_prefix: bool,
    /// 46 Traffic Class mask: 0 with `zero-traffic-class`, else all ones
    /// (SPEC 2.1).
    pub tc_mask: u8,
    /// 64 TOS = (Traffic Class & `tos_keep`) | `tos_set`: `override-tos`
    /// (SPEC 2.3) or the Traffic Class as is.
    pub tos_keep: u8,
    /// See `tos_keep`.
    pub tos_set: u8,
    /// `tos_keep` at the TOS byte of the 64 path's IPv4 header word 0
    /// (memory order): that word is `(first word >> 12) & w0_keep |
    /// w0_set | Total Length`, with the 32-bit big-endian first word of
    /// the IPv6 header (version, Traffic Class, Flow Label), whose Traffic
    /// Class the shift puts at bits 8-15 (three operations instead of
    /// six).
    pub w0_keep: u32,
    /// Version 4 and IHL 5, and `tos_set` at the TOS byte (see `w0_keep`).
    pub w0_set: u32,
    /// 46 with DF=0: largest IPv6 packet the fast path emits whole, the
    /// smaller of 1280 and `lowest-ipv6-mtu` (larger ones may be split,
    /// SPEC 3.2, by the full path).
    pub df0_max_len6: u32,
    /// `eam-hairpin-mode` is simple (SPEC 1.4): 46 sources by RFC 6052.
    pub hairpin_simple: bool,
    /// `eam-hairpin-mode` is intrinsic (SPEC 1.4): 64 hairpins are the
    /// full path's.
    pub hairpin_intrinsic: bool,
}

impl FastView {
    /// Derives the view of `cfg` (with its EAM table).
    pub fn new(cfg: &Config<'_>) -> Self {
        let rfc6052 = Rfc6052::of(cfg);
        let (layout, prefix, base) = match &rfc6052 {
            Some(r) => (r.l, r.p, r.base()),
            // Never used: without a prefix the mode is not `Rfc6052`.
            None => (NO_LAYOUT, (0, 0), (0, 0)),
        };
        let x = Extract64::of(rfc6052.as_ref());
        let mut v = FastView {
            mode: FastMode::Off,
            mode64: FastMode::Off,
            rfc6052_v4: 0xff,
            rfc6052_v6: 0xff,
            rfc6052,
            base,
            layout,
            prefix,
            x_dst: x,
            src_embed: (layout, base),
            x_src: x,
            wkp_check: cfg.wkp_strict && rfc6052.is_some_and(|r| r.may_hit_wkp()),
            wkp_is_prefix: cfg.prefix6.as_ref().is_some_and(|p| p.is_wkp()),
            tc_mask: if cfg.zero_traffic_class { 0 } else { 0xff },
            tos_keep: if cfg.override_tos.is_some() { 0 } else { 0xff },
            tos_set: cfg.override_tos.unwrap_or(0),
            w0_keep: if cfg.override_tos.is_some() { 0 } else { 0xff00 },
            w0_set: 0x45 | u32::from(cfg.override_tos.unwrap_or(0)) << 8,
            df0_max_len6: cfg.lowest_ipv6_mtu.min(MIN_LOWEST_IPV6_MTU),
            hairpin_simple: cfg.hairpin == HairpinMode::Simple,
            hairpin_intrinsic: cfg.hairpin == HairpinMode::Intrinsic,
        };
        v.set_eamt(cfg.profile, &cfg.eamt);
        v
    }

    /// Updates [`FastView::mode`] and [`FastView::mode64`] for another EAM
    /// table (the only input that depends on it).
    pub fn set_eamt(&mut self, profile: Profile, eamt: &EamTable<'_>) {
        self.mode = if profile != Profile::Generic {
            FastMode::Off
        } else if !eamt.is_empty() {
            FastMode::Eam
        } else if self.rfc6052.is_some() {
            FastMode::Rfc6052
        } else {
            FastMode::Off
        };
        let plain = classes::is_plain_v6_first(self.prefix.0 as u16);
        self.mode64 = if self.mode == FastMode::Rfc6052 && !plain { FastMode::Off } else { self.mode };
        self.rfc6052_v4 = if self.mode == FastMode::Rfc6052 { 4 } else { 0xff };
        self.rfc6052_v6 = if self.mode64 == FastMode::Rfc6052 { 6 } else { 0xff };
    }

    /// The IPv4 addresses embedded in `src` and `dst` (memory-order
    /// halves) for the 64 path, as bytes 12-19 of the IPv4 header (source
    /// | destination << 32, memory order): `None` if either lies outside
    /// the prefix or has a non-zero u-octet (SPEC 1.1 #2), as
    /// [`Rfc6052::extract`] of each.
    ///
    /// The XOR with the prefix serves the extraction too: once the test
    /// passed, `hi ^ x.prefix.0` is `hi` with the prefix bits cleared,
    /// which is `hi & hi_addr` ([`Layout::extract`]; every bit of the high
    /// half is a prefix or an address bit), and `x.prefix.1` has no bit of
    /// `lo_addr`: one mask fewer per address. The two addresses are then
    /// 64-bit words holding nothing but the 32 address bits, at the same
    /// place (the one `rot` brings to bits 0-31): the destination's,
    /// rotated by 32, fills the other half of the word, and one rotation
    /// by `rot` gives both. One test for both addresses too: any failure
    /// is the full path's.
    #[inline(always)]
    pub fn extract64_pair(&self, src: (u64, u64), dst: (u64, u64)) -> Option<u64> {
        let (xs, xd) = (&self.x_src, &self.x_dst);
        let (sh, sl) = (src.0 ^ xs.prefix.0, src.1 ^ xs.prefix.1);
        let (dh, dl) = (dst.0 ^ xd.prefix.0, dst.1 ^ xd.prefix.1);
        if (sh & xs.mask.0) | (sl & xs.mask.1) | (dh & xd.mask.0) | (dl & xd.mask.1) != 0 {
            return None;
        }
        let s = sh | ((sl & xs.lo_addr) >> 8);
        let d = dh | ((dl & xd.lo_addr) >> 8);
        Some((s | d.rotate_left(32)).rotate_right(self.layout.rot))
    }
}

/// The 64 path's extraction of an RFC 6052 address (see
/// [`FastView::extract64_pair`]): an address (memory-order halves `hi`, `lo`)
/// is inside the prefix with a zero u-octet (SPEC 1.1 #2) iff
/// `(hi ^ prefix.0) & mask.0 | (lo ^ prefix.1) & mask.1 == 0`: the prefix
/// bits plus the u-octet, whose expected value is 0 (one test instead of
/// two).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Extract64 {
    /// The prefix bits and the u-octet, per half.
    pub mask: (u64, u64),
    /// The prefix halves with the u-octet (and every bit outside `mask`)
    /// cleared.
    pub prefix: (u64, u64),
    /// [`Layout::lo_addr`] of the prefix length.
    pub lo_addr: u64,
}

impl Extract64 {
    /// The extraction of `prefix6`; without one, a mask of all ones
    /// (never used: the mode is then not `Rfc6052`).
    pub fn of(r: Option<&Rfc6052>) -> Self {
        match r {
            Some(r) => {
                let mask = (r.l.hi_prefix, r.l.lo_prefix | U_OCTET_LE);
                Extract64 { mask, prefix: (r.p.0 & mask.0, r.p.1 & mask.1 & !U_OCTET_LE), lo_addr: r.l.lo_addr }
            }
            None => Extract64 { mask: (u64::MAX, u64::MAX), prefix: (0, 0), lo_addr: 0 },
        }
    }
}
