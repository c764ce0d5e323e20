// SPDX-License-Identifier: GPL-2.0

//! RFC 4884 extensions and ICMP error size caps: the size arithmetic of
//! SPEC 5.6 and 5.7 (RFC 4884 sections 4-5, RFC 7915 4.2/5.2).
//!
//! An ICMP error is `outer IP header | 8-byte ICMP header | body`. With an
//! RFC 4884 length attribute `L ≠ 0` the body is an "original datagram"
//! field of `L · unit` bytes (quote + zero padding) followed by an
//! extension structure, which is opaque here and moved unchanged.
//!
//! # How the caller uses this
//!
//! 1. Look up the type/code ([`super::types_v4_to_v6::map`] or
//!    [`super::types_v6_to_v4::map`]). Read `L` from the input at
//!    [`Family::length_offset`] if [`super::action::Mapping::length_in`],
//!    else use `L = 0`.
//! 2. [`Input::parse`]`(L, input family, body length, declared inner
//!    length)`. The quote to translate is the first [`Input::quote_len`]
//!    bytes of the body; padding and extension are not part of it.
//! 3. Translate the quote's inner IP header; `n'` = `quote_len` − old inner
//!    header size + new inner header size (46: +20, +28 with a Fragment
//!    header; 64: −20 or more with skipped extension headers).
//! 4. [`layout`]`(&input, n', &`[`Output::new`]`(output family,
//!    mapping.carries_extension()))`. Emit: outer header, ICMP header with
//!    [`Layout::length_attr`] at the output [`Family::length_offset`] (if
//!    the output type has a length attribute), the first
//!    [`Layout::quote_len`] bytes of the translated quote,
//!    [`Layout::padding_len`] zero bytes, then, if [`Layout::extension`] is
//!    `Some(span)`, input body bytes `span.offset .. span.offset + span.len`
//!    unchanged. The result is [`Layout::total_len`] bytes, never more than
//!    the cap.

/// Size of the ICMP / ICMPv6 header before the body.
pub const ICMP_HEADER_LEN: u32 = 8;

/// Minimum "original datagram" field when an extension is present
/// (RFC 4884 section 4; SPEC 5.6 step 2).
pub const MIN_FIELD_LEN: u32 = 128;

/// Largest length attribute value (one byte).
const MAX_LENGTH_ATTR: u32 = 255;

/// Family of an ICMP message; fixes its length unit, length attribute
/// position, error size cap and (translator-built) IP header size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// ICMPv4 (types 3, 11, 12 have a length attribute).
    V4,
    /// ICMPv6 (types 1, 3 have a length attribute).
    V6,
}

impl Family {
    /// Unit of the length attribute in bytes: 4 (ICMPv4) or 8 (ICMPv6).
    pub const fn length_unit(self) -> u32 {
        match self {
            Self::V4 => 4,
            Self::V6 => 8,
        }
    }

    /// Offset of the length attribute in the ICMP header: byte 5 (ICMPv4)
    /// or byte 4 (ICMPv6).
    pub const fn length_offset(self) -> usize {
        match self {
            Self::V4 => 5,
            Self::V6 => 4,
        }
    }

    /// Size cap of a translated error in this family (SPEC 5.7): 576 B for
    /// ICMPv4, 1280 B for ICMPv6, outer IP header included.
    pub const fn error_cap(self) -> u32 {
        match self {
            Self::V4 => 576,
            Self::V6 => 1280,
        }
    }

    /// IP header the translator builds for this family: 20 (IPv4 without
    /// options) or 40 (IPv6 without extension headers).
    pub const fn header_len(self) -> u32 {
        match self {
            Self::V4 => 20,
            Self::V6 => 40,
        }
    }
}

/// A byte range of the input body (offsets from the first byte after the
/// 8-byte ICMP header).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Offset from the start of the body.
    pub offset: u32,
    /// Length in bytes.
    pub len: u32,
}

/// Layout of the input message's body (SPEC 5.6 step 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Input {
    /// Bytes at the start of the body that form the quote to translate
    /// (`n`). With an extension: `min(declared inner length, L · u_in)`;
    /// without: the whole body (plain truncation later, SPEC 5.7).
    pub quote_len: u32,
    /// The extension structure, if the input has one.
    pub extension: Option<Span>,
}

impl Input {
    /// Split an input body by its length attribute (SPEC 5.6).
    ///
    /// * `length_attr`: `L` as read from the input, 0 if the type has none.
    /// * `family`: input family (unit 4 or 8).
    /// * `body_len`: bytes after the 8-byte ICMP header.
    /// * `declared_inner_len`: length of the quoted datagram as its header
    ///   declares it (IPv4 Total Length; 40 + IPv6 Payload Length).
    ///
    /// `L = 0`, `L · u_in ≥ body_len` (no bytes after the field, or the
    /// field beyond the message) ⇒ no extension, the whole body is the quote.
    pub fn parse(length_attr: u8, family: Family, body_len: u32, declared_inner_len: u32) -> Self {
        let field = u32::from(length_attr).saturating_mul(family.length_unit());
        if length_attr != 0 && field < body_len {
            Self {
                quote_len: declared_inner_len.min(field),
                extension: Some(Span {
                    offset: field,
                    len: body_len.saturating_sub(field),
                }),
            }
        } else {
            Self {
                quote_len: body_len,
                extension: None,
            }
        }
    }
}

/// What the output message looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Output {
    /// Output family (length unit).
    pub family: Family,
    /// Maximum total size of the translated error, outer header included.
    pub cap: u32,
    /// Size of the outer IP header the translator writes.
    pub header_len: u32,
    /// Whether an extension may be carried: the mapping has a length
    /// attribute on both sides ([`super::action::Mapping::carries_extension`]).
    pub carry: bool,
}

impl Output {
    /// Standard output for `family`: cap and header size from
    /// [`Family::error_cap`] and [`Family::header_len`].
    pub const fn new(family: Family, carry: bool) -> Self {
        Self {
            family,
            cap: family.error_cap(),
            header_len: family.header_len(),
            carry,
        }
    }

    /// Budget for the ICMP body: `B = cap − outer IP header − 8`
    /// (SPEC 5.6 step 3), 0 if the cap is smaller than the headers.
    pub const fn budget(&self) -> u32 {
        self.cap
            .saturating_sub(self.header_len)
            .saturating_sub(ICMP_HEADER_LEN)
    }
}

/// Layout of the translated message (SPEC 5.6, 5.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Bytes of the translated quote to emit (a prefix of the `n'` bytes).
    pub quote_len: u32,
    /// "Original datagram" field size `O`: `quote_len` plus zero padding.
    /// Equal to `quote_len` when no extension is kept.
    pub field_len: u32,
    /// Input extension kept, copied unchanged right after the field.
    pub extension: Option<Span>,
    /// Output length attribute: `O / u_out` with an extension, else 0.
    pub length_attr: u8,
    /// Total size: outer header + 8 + field + extension (≤ cap).
    pub total_len: u32,
}

impl Layout {
    /// Zero bytes between the quote and the extension.
    pub const fn padding_len(&self) -> u32 {
        self.field_len.saturating_sub(self.quote_len)
    }

    /// Size of the ICMP message (header, field, extension).
    pub const fn icmp_len(&self) -> u32 {
        let ext = match self.extension {
            Some(span) => span.len,
            None => 0,
        };
        ICMP_HEADER_LEN
            .saturating_add(self.field_len)
            .saturating_add(ext)
    }
}

/// Lay out the translated error (SPEC 5.6 steps 2-4, SPEC 5.7).
///
/// `translated_quote_len` is `n'`, the size of [`Input::quote_len`] bytes
/// after inner header translation. Priority: headers and the first 128 B
/// of the field, then the whole extension, then the rest of the field. An
/// extension that does not fit whole is removed, never cut.
pub fn layout(input: &Input, translated_quote_len: u32, output: &Output) -> Layout {
    let budget = output.budget();
    let ext = match input.extension {
        Some(span) if output.carry => Some(span),
        _ => None,
    };
    match ext.and_then(|span| {
        field_with_extension(translated_quote_len, span.len, budget, output.family)
    }) {
        Some(field_len) => {
            let ext_len = ext.map_or(0, |span| span.len);
            let unit = output.family.length_unit();
            // field_len ≤ 255 · unit by construction; clamp anyway.
            let attr = u8::try_from(field_len.checked_div(unit).unwrap_or(0)).unwrap_or(u8::MAX);
            Layout {
                quote_len: translated_quote_len.min(field_len),
                field_len,
                extension: ext,
                length_attr: attr,
                total_len: total(output, field_len, ext_len),
            }
        }
        None => {
            let quote_len = translated_quote_len.min(budget);
            Layout {
                quote_len,
                field_len: quote_len,
                extension: None,
                length_attr: 0,
                total_len: total(output, quote_len, 0),
            }
        }
    }
}

/// Field size `O` when an extension of `ext_len` bytes is kept, or `None`
/// if it must be removed (SPEC 5.6 steps 2-3).
fn field_with_extension(n_prime: u32, ext_len: u32, budget: u32, family: Family) -> Option<u32> {
    let unit = family.length_unit();
    // Step 2: pad to 128, else truncate to a whole unit; at most what the
    // one-byte attribute can express.
    let field = if n_prime < MIN_FIELD_LEN {
        MIN_FIELD_LEN
    } else {
        floor_to_unit(n_prime, unit)
    }
    .min(MAX_LENGTH_ATTR.saturating_mul(unit));
    // Step 3: keep all, or shrink the field (not below 128) to fit the
    // whole extension, or remove the extension.
    if field.saturating_add(ext_len) <= budget {
        Some(field)
    } else if ext_len <= budget.checked_sub(MIN_FIELD_LEN)? {
        Some(floor_to_unit(budget.saturating_sub(ext_len), unit))
    } else {
        None
    }
}

/// `⌊x / unit⌋ · unit` (0 for a zero unit, which [`Family`] never gives).
fn floor_to_unit(x: u32, unit: u32) -> u32 {
    x.checked_div(unit).unwrap_or(0).saturating_mul(unit)
}

/// Outer header + ICMP header + `body` + `ext` bytes, saturating.
fn total(output: &Output, body: u32, ext: u32) -> u32 {
    output
        .header_len
        .saturating_add(ICMP_HEADER_LEN)
        .saturating_add(body)
        .saturating_add(ext)
}
