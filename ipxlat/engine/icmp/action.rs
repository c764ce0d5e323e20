// SPDX-License-Identifier: GPL-2.0

//! The result of an ICMP type/code lookup: the new type/code and what the
//! translation does with the rest of the ICMP header (bytes 4-7).
//!
//! Shared by [`super::types_v4_to_v6`] and [`super::types_v6_to_v4`].

/// Whether a message is informational or an error (SPEC 5.1 vs 5.2/5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Echo Request/Reply: no quoted packet; bytes 4-7 are id/sequence.
    Informational,
    /// Error: the body quotes the packet that caused it (SPEC 5.5).
    Error,
}

/// What to write in bytes 4-7 of the translated ICMP header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rest {
    /// Copy bytes 4-7 unchanged (echo identifier and sequence, SPEC 5.1).
    Copy,
    /// Write zeros; then, if the output type has an RFC 4884 length
    /// attribute, write [`super::ext4884::Layout::length_attr`] at
    /// [`super::ext4884::Family::length_offset`] (0 when nothing is carried).
    Zero,
    /// Translate the Parameter Problem pointer with
    /// [`super::pointer::v4_to_v6`] (46: 32 bits at bytes 4-7) or
    /// [`super::pointer::v6_to_v4`] (64: byte 4, bytes 5-7 zero apart from
    /// the length attribute, which is then 0). An unmapped pointer ⇒ drop
    /// (SPEC 5.4, 6).
    Pointer,
    /// Write this fixed pointer at bytes 4-7 (46: 3/2 → 4/1 pointer 6, the
    /// IPv6 Next Header field, SPEC 5.2).
    FixedPointer(u32),
    /// Translate the MTU (SPEC 3.5): 46 with
    /// [`super::mtu::frag_needed_to_ptb`] into bytes 4-7; 64 with
    /// [`super::mtu::ptb_to_frag_needed`] into bytes 6-7, bytes 4-5 zero.
    Mtu,
}

/// A translatable ICMP type/code and how to translate it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// Type in the output family.
    pub icmp_type: u8,
    /// Code in the output family.
    pub code: u8,
    /// Informational or error (same on both sides).
    pub class: Class,
    /// Treatment of bytes 4-7.
    pub rest: Rest,
    /// The input type has an RFC 4884 length attribute (ICMPv4 3, 11, 12;
    /// ICMPv6 1, 3; SPEC 5.6). When false the caller passes length 0 to
    /// [`super::ext4884::Input::parse`].
    pub length_in: bool,
    /// The output type has an RFC 4884 length attribute (written even when
    /// nothing is carried, then 0).
    pub length_out: bool,
}

impl Mapping {
    /// An informational (echo) mapping: bytes 4-7 copied, no length fields.
    pub(crate) const fn informational(icmp_type: u8, code: u8) -> Self {
        Self {
            icmp_type,
            code,
            class: Class::Informational,
            rest: Rest::Copy,
            length_in: false,
            length_out: false,
        }
    }

    /// An error mapping.
    pub(crate) const fn error(
        icmp_type: u8,
        code: u8,
        rest: Rest,
        length_in: bool,
        length_out: bool,
    ) -> Self {
        Self {
            icmp_type,
            code,
            class: Class::Error,
            rest,
            length_in,
            length_out,
        }
    }

    /// True for errors (the message quotes a packet, SPEC 5.5).
    pub const fn is_error(&self) -> bool {
        matches!(self.class, Class::Error)
    }

    /// True for Echo Request/Reply (SPEC 5.1).
    pub const fn is_informational(&self) -> bool {
        matches!(self.class, Class::Informational)
    }

    /// True if an RFC 4884 extension is carried across: both sides have a
    /// length attribute (SPEC 5.6: 46 {3/x→1/y, x ∉ {2,4}; 11→3},
    /// 64 {1→3; 3→11}). Otherwise any extension is removed.
    pub const fn carries_extension(&self) -> bool {
        self.length_in && self.length_out
    }
}
