// SPDX-License-Identifier: GPL-2.0

//! Parameter Problem pointer translation (SPEC 5.4; RFC 7915 4.2, 5.2).
//!
//! The ICMPv4 pointer is 1 byte at ICMP byte 4; the ICMPv6 pointer is 32
//! bits at bytes 4-7. Both count bytes from the start of the (inner) IP
//! header. Fields with no counterpart (IPv4 ID/flags/offset and checksum,
//! IPv6 flow label) and pointers past the fixed header ⇒ drop.

/// One column of a SPEC 5.4 table: pointers `first..=last` map to `to`
/// (`None` = drop).
struct Row<T> {
    /// First input pointer of the column.
    first: u32,
    /// Last input pointer of the column (inclusive).
    last: u32,
    /// Output pointer, or `None` to drop.
    to: Option<T>,
}

/// SPEC 5.4, ICMPv4 → ICMPv6. Pointers ≥ 20 (options or beyond) ⇒ drop.
const V4_TO_V6: [Row<u32>; 9] = [
    /* Version/IHL → Version/Traffic Class */ row(0, 0, Some(0)),
    /* Type of Service → Traffic Class/Flow Label */ row(1, 1, Some(1)),
    /* Total Length → Payload Length */ row(2, 3, Some(4)),
    /* Identification, Flags/Fragment Offset */ row(4, 7, None),
    /* Time to Live → Hop Limit */ row(8, 8, Some(7)),
    /* Protocol → Next Header */ row(9, 9, Some(6)),
    /* Header Checksum */ row(10, 11, None),
    /* Source Address */ row(12, 15, Some(8)),
    /* Destination Address */ row(16, 19, Some(24)),
];

/// SPEC 5.4, ICMPv6 → ICMPv4. Pointers ≥ 40 (extension headers or beyond)
/// ⇒ drop.
const V6_TO_V4: [Row<u8>; 8] = [
    /* Version/Traffic Class → Version/IHL */ row(0, 0, Some(0)),
    /* Traffic Class/Flow Label → Type of Service */ row(1, 1, Some(1)),
    /* Flow Label */ row(2, 3, None),
    /* Payload Length → Total Length */ row(4, 5, Some(2)),
    /* Next Header → Protocol */ row(6, 6, Some(9)),
    /* Hop Limit → Time to Live */ row(7, 7, Some(8)),
    /* Source Address */ row(8, 23, Some(12)),
    /* Destination Address */ row(24, 39, Some(16)),
];

/// A table column (keeps the tables one line per column).
const fn row<T>(first: u32, last: u32, to: Option<T>) -> Row<T> {
    Row { first, last, to }
}

/// Look `ptr` up in a table; no matching row ⇒ `None`.
fn lookup<T: Copy>(table: &[Row<T>], ptr: u32) -> Option<T> {
    table
        .iter()
        .find(|row| row.first <= ptr && ptr <= row.last)
        .and_then(|row| row.to)
}

/// Translate an ICMPv4 Parameter Problem pointer (byte 4) to the ICMPv6
/// pointer (bytes 4-7). `None` ⇒ drop
/// ([`super::super::verdict::DropReason::IcmpPointerUnmapped`]).
pub fn v4_to_v6(ptr: u8) -> Option<u32> {
    lookup(&V4_TO_V6, u32::from(ptr))
}

/// Translate an ICMPv6 Parameter Problem pointer (bytes 4-7) to the ICMPv4
/// pointer (byte 4). `None` ⇒ drop
/// ([`super::super::verdict::DropReason::IcmpPointerUnmapped`]).
pub fn v6_to_v4(ptr: u32) -> Option<u8> {
    lookup(&V6_TO_V4, ptr)
}
