// SPDX-License-Identifier: GPL-2.0

//! Netlink attributes of a received message, as bounds-checked byte views.

use super::{bindings, ExtAck};
use kernel::prelude::*;

/// Size of `struct nlattr`.
const HDRLEN: usize = core::mem::size_of::<bindings::nlattr>();
/// The type bits of `nla_type` (without the nested/byte-order flags).
const TYPE_MASK: u16 = !((bindings::NLA_F_NESTED | bindings::NLA_F_NET_BYTEORDER) as u16);
/// Largest attribute id a [`Nested`] table holds.
const NESTED_MAX: usize = 31;

/// Rounds `len` up to the netlink attribute alignment (4 bytes).
const fn align(len: usize) -> usize {
    (len + 3) & !3
}

/// One attribute (header and payload) inside a message that outlives `'a`.
///
/// # Invariants
///
/// `raw` is exactly `nla_len` bytes long, at least a header, and lies in the
/// message the attribute was received in (so its address can be reported
/// back as a bad attribute).
#[derive(Clone, Copy)]
pub(crate) struct Attr<'a> {
    raw: &'a [u8],
}

impl<'a> Attr<'a> {
    /// The first attribute of `bytes` and the bytes after it (aligned), or
    /// `None` if `bytes` does not start with a well-formed attribute.
    fn split(bytes: &'a [u8]) -> Option<(Self, &'a [u8])> {
        let len = usize::from(u16::from_ne_bytes([*bytes.first()?, *bytes.get(1)?]));
        if len < HDRLEN {
            return None;
        }
        let raw = bytes.get(..len)?;
        let rest = bytes.get(align(len).min(bytes.len())..).unwrap_or(&[]);
        Some((Self { raw }, rest))
    }

    /// The attribute at `ptr`.
    ///
    /// # Safety
    ///
    /// `ptr` is null or points to a validated attribute whose `nla_len` bytes
    /// stay readable and unchanged for `'a`.
    pub(super) unsafe fn from_ptr(ptr: *const bindings::nlattr) -> Option<Self> {
        if ptr.is_null() {
            return None;
        }
        // SAFETY: `ptr` is a valid attribute (caller), so its header is
        // readable.
        let len = usize::from(unsafe { (*ptr).nla_len });
        if len < HDRLEN {
            return None;
        }
        // SAFETY: the caller guarantees `len` readable bytes for 'a.
        let raw = unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len) };
        Some(Self { raw })
    }

    /// The address of the attribute header, for extack reports.
    pub(super) fn as_ptr(&self) -> *const bindings::nlattr {
        self.raw.as_ptr().cast()
    }

    /// The attribute id (type without flags).
    pub(crate) fn id(&self) -> u16 {
        let b = |i: usize| self.raw.get(i).copied().unwrap_or(0);
        u16::from_ne_bytes([b(2), b(3)]) & TYPE_MASK
    }

    /// The payload.
    pub(crate) fn payload(&self) -> &'a [u8] {
        self.raw.get(HDRLEN..).unwrap_or(&[])
    }

    /// The payload as a `u8` (policy-checked length; `EINVAL` otherwise).
    pub(crate) fn get_u8(&self) -> Result<u8> {
        self.payload().first().copied().ok_or(EINVAL)
    }

    /// The payload as a host-order `u32`.
    pub(crate) fn get_u32(&self) -> Result<u32> {
        Ok(u32::from_ne_bytes(self.get_array::<4>()?))
    }

    /// The payload as exactly `N` bytes.
    pub(crate) fn get_array<const N: usize>(&self) -> Result<[u8; N]> {
        self.payload().try_into().map_err(|_| EINVAL)
    }

    /// Parses the nested attributes with a generated policy (strict
    /// validation), reporting errors through `extack`.
    pub(crate) fn parse(&self, policy: Policy, extack: &ExtAck<'_>) -> Result<Nested<'a>> {
        let max = policy.maxtype as usize;
        if max > NESTED_MAX {
            return Err(EINVAL);
        }
        let mut tb = [core::ptr::null_mut::<bindings::nlattr>(); NESTED_MAX + 1];
        // SAFETY: `tb` has room for `maxtype + 1` pointers; the attribute
        // and the policy (a generated static of `maxtype + 1` entries) are
        // valid; `extack` is null or the request's.
        let ret = unsafe {
            bindings::nla_parse_nested(
                tb.as_mut_ptr(),
                policy.maxtype as i32,
                self.as_ptr(),
                policy.table,
                extack.as_ptr(),
            )
        };
        kernel::error::to_result(ret)?;
        let mut out = Nested {
            nest: *self,
            attrs: [None; NESTED_MAX + 1],
        };
        let base = self.raw.as_ptr() as usize;
        for (slot, p) in out.attrs.iter_mut().zip(tb.iter()).take(max + 1) {
            // The parser points into this attribute's payload: re-slice it
            // instead of trusting the pointer.
            if !p.is_null() {
                let off = (*p as usize).checked_sub(base).ok_or(EINVAL)?;
                let bytes = self.raw.get(off..).ok_or(EINVAL)?;
                *slot = Some(Self::split(bytes).ok_or(EINVAL)?.0);
            }
        }
        Ok(out)
    }
}

/// The attributes of a byte range, in order; stops at the first malformed
/// one (policies have validated the message before handlers see it).
pub(crate) struct AttrIter<'a> {
    rest: &'a [u8],
}

impl<'a> AttrIter<'a> {
    /// The attributes in `bytes`.
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }
}

impl<'a> Iterator for AttrIter<'a> {
    type Item = Attr<'a>;

    fn next(&mut self) -> Option<Attr<'a>> {
        let (a, rest) = Attr::split(self.rest)?;
        self.rest = rest;
        Some(a)
    }
}

/// A nest parsed by id with [`Attr::parse`].
pub(crate) struct Nested<'a> {
    nest: Attr<'a>,
    attrs: [Option<Attr<'a>>; NESTED_MAX + 1],
}

impl<'a> Nested<'a> {
    /// The attribute with id `id`, if present.
    pub(crate) fn get(&self, id: u16) -> Option<Attr<'a>> {
        self.attrs.get(usize::from(id)).copied().flatten()
    }

    /// The attribute with id `id`, or a missing-attribute report (the nest
    /// named as its parent) and `EINVAL`.
    pub(crate) fn require(&self, id: u16, extack: &ExtAck<'_>) -> Result<Attr<'a>> {
        self.get(id).ok_or_else(|| {
            extack.missing(Some(&self.nest), id);
            EINVAL
        })
    }

    /// The nest itself.
    pub(crate) fn nest(&self) -> Attr<'a> {
        self.nest
    }

    /// Whether no attribute is present.
    pub(crate) fn is_empty(&self) -> bool {
        self.attrs.iter().all(Option::is_none)
    }
}

/// A generated policy table (`ipxlat_*_nl_policy`) and its max type.
#[derive(Clone, Copy)]
pub(crate) struct Policy {
    table: *const bindings::nla_policy,
    maxtype: u32,
}

impl Policy {
    /// A policy array of `L` entries (ids `0..L`).
    const fn of<const L: usize>(table: *const [bindings::nla_policy; L]) -> Self {
        Self {
            table: table.cast(),
            maxtype: (L - 1) as u32,
        }
    }

    /// `pool`: an RFC 6052 prefix.
    pub(crate) fn pool() -> Self {
        Self::of(&raw const bindings::ipxlat_pool_nl_policy)
    }

    /// `pool4`: an IPv4 prefix.
    pub(crate) fn pool4() -> Self {
        Self::of(&raw const bindings::ipxlat_pool4_nl_policy)
    }

    /// `pool6`: an IPv6 prefix of any length.
    pub(crate) fn pool6() -> Self {
        Self::of(&raw const bindings::ipxlat_pool6_nl_policy)
    }

    /// `cfg`: translator configuration.
    pub(crate) fn cfg() -> Self {
        Self::of(&raw const bindings::ipxlat_cfg_nl_policy)
    }

    /// `eam`: one EAM entry.
    pub(crate) fn eam() -> Self {
        Self::of(&raw const bindings::ipxlat_eam_nl_policy)
    }

    /// `addr-query`: an address query.
    pub(crate) fn addr_query() -> Self {
        Self::of(&raw const bindings::ipxlat_addr_query_nl_policy)
    }
}
