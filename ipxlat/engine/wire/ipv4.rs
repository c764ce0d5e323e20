// SPDX-License-Identifier: GPL-2.0

//! IPv4 header view and representation (RFC 791).

use super::{array, be16, put16};

/// Length of an IPv4 header without options.
pub const HEADER_LEN: usize = 20;
/// Protocol number of ICMP.
pub const PROTO_ICMP: u8 = 1;
/// Protocol number of IGMP.
pub const PROTO_IGMP: u8 = 2;

mod field {
    pub(super) const VER_IHL: usize = 0;
    pub(super) const TOS: usize = 1;
    pub(super) const LENGTH: usize = 2;
    pub(super) const IDENT: usize = 4;
    pub(super) const FLAGS_FRAG: usize = 6;
    pub(super) const TTL: usize = 8;
    pub(super) const PROTOCOL: usize = 9;
    pub(super) const CHECKSUM: usize = 10;
    pub(super) const SRC: usize = 12;
    pub(super) const DST: usize = 16;
}

/// Don't Fragment flag in the flags/offset word.
const FLAG_DF: u16 = 0x4000;
/// More Fragments flag in the flags/offset word.
const FLAG_MF: u16 = 0x2000;
/// Fragment offset mask (8-byte units).
const OFFSET_MASK: u16 = 0x1fff;

/// A view of an IPv4 header whose fixed part and options are in bounds.
#[derive(Clone, Copy, Debug)]
pub struct Ipv4Header<T> {
    buf: T,
}

impl<T: AsRef<[u8]>> Ipv4Header<T> {
    /// Checks version 4, IHL ≥ 5 and that `buf` holds the whole header
    /// (options included). `None` means malformed or not linear enough;
    /// the caller tells which by comparing with [`Self::needed_len`].
    pub fn new_checked(buf: T) -> Option<Self> {
        let b = buf.as_ref();
        if b.len() < HEADER_LEN || b[field::VER_IHL] >> 4 != 4 {
            return None;
        }
        let ihl = usize::from(b[field::VER_IHL] & 0xf) * 4;
        if ihl < HEADER_LEN || b.len() < ihl {
            return None;
        }
        Some(Self { buf })
    }

    /// Header length the first bytes of `b` announce (for linearisation
    /// requests); at least [`HEADER_LEN`].
    pub fn needed_len(b: &[u8]) -> usize {
        match b.first() {
            Some(v) => (usize::from(v & 0xf) * 4).max(HEADER_LEN),
            None => HEADER_LEN,
        }
    }

    /// Header length in bytes (IHL·4).
    pub fn header_len(&self) -> usize {
        usize::from(self.buf.as_ref()[field::VER_IHL] & 0xf) * 4
    }
    /// Type of Service byte.
    pub fn tos(&self) -> u8 {
        self.buf.as_ref()[field::TOS]
    }
    /// Total Length field.
    pub fn total_len(&self) -> u16 {
        be16(self.buf.as_ref(), field::LENGTH)
    }
    /// Identification field.
    pub fn ident(&self) -> u16 {
        be16(self.buf.as_ref(), field::IDENT)
    }
    /// Don't Fragment flag.
    pub fn dont_frag(&self) -> bool {
        be16(self.buf.as_ref(), field::FLAGS_FRAG) & FLAG_DF != 0
    }
    /// More Fragments flag.
    pub fn more_frags(&self) -> bool {
        be16(self.buf.as_ref(), field::FLAGS_FRAG) & FLAG_MF != 0
    }
    /// Fragment offset in 8-byte units.
    pub fn frag_offset(&self) -> u16 {
        be16(self.buf.as_ref(), field::FLAGS_FRAG) & OFFSET_MASK
    }
    /// Time To Live.
    pub fn ttl(&self) -> u8 {
        self.buf.as_ref()[field::TTL]
    }
    /// Protocol field.
    pub fn protocol(&self) -> u8 {
        self.buf.as_ref()[field::PROTOCOL]
    }
    /// Source address.
    pub fn src_addr(&self) -> [u8; 4] {
        array(self.buf.as_ref(), field::SRC)
    }
    /// Destination address.
    pub fn dst_addr(&self) -> [u8; 4] {
        array(self.buf.as_ref(), field::DST)
    }
    /// The options bytes (empty for IHL 5).
    pub fn options(&self) -> &[u8] {
        let b = self.buf.as_ref();
        b.get(HEADER_LEN..self.header_len()).unwrap_or(&[])
    }
}

/// Plain-data IPv4 header fields (no options).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ipv4Repr {
    /// Source address.
    pub src: [u8; 4],
    /// Destination address.
    pub dst: [u8; 4],
    /// Type of Service.
    pub tos: u8,
    /// Total Length.
    pub total_len: u16,
    /// Identification.
    pub ident: u16,
    /// Don't Fragment.
    pub df: bool,
    /// More Fragments.
    pub mf: bool,
    /// Fragment offset in 8-byte units.
    pub frag_offset: u16,
    /// Time To Live.
    pub ttl: u8,
    /// Protocol.
    pub protocol: u8,
}

impl Ipv4Repr {
    /// Reads the fields of a checked header.
    pub fn parse<T: AsRef<[u8]>>(h: &Ipv4Header<T>) -> Self {
        // One bounds check for the fixed part (proven by `new_checked`).
        let b: &[u8; HEADER_LEN] = h.buf.as_ref().first_chunk().unwrap_or(&[0; HEADER_LEN]);
        let ff = u16::from_be_bytes([b[field::FLAGS_FRAG], b[field::FLAGS_FRAG + 1]]);
        Self {
            src: [b[12], b[13], b[14], b[15]],
            dst: [b[16], b[17], b[18], b[19]],
            tos: b[field::TOS],
            total_len: u16::from_be_bytes([b[field::LENGTH], b[field::LENGTH + 1]]),
            ident: u16::from_be_bytes([b[field::IDENT], b[field::IDENT + 1]]),
            df: ff & FLAG_DF != 0,
            mf: ff & FLAG_MF != 0,
            frag_offset: ff & OFFSET_MASK,
            ttl: b[field::TTL],
            protocol: b[field::PROTOCOL],
        }
    }

    /// True for a fragment (MF set or offset ≠ 0).
    pub fn is_fragment(&self) -> bool {
        self.mf || self.frag_offset != 0
    }

    /// Writes a 20-byte header (IHL 5) with its checksum into `hdr`.
    pub fn emit(&self, hdr: &mut [u8; HEADER_LEN]) {
        hdr[field::VER_IHL] = 0x45;
        hdr[field::TOS] = self.tos;
        put16(hdr, field::LENGTH, self.total_len);
        put16(hdr, field::IDENT, self.ident);
        let mut ff = self.frag_offset & OFFSET_MASK;
        if self.df {
            ff |= FLAG_DF;
        }
        if self.mf {
            ff |= FLAG_MF;
        }
        put16(hdr, field::FLAGS_FRAG, ff);
        hdr[field::TTL] = self.ttl;
        hdr[field::PROTOCOL] = self.protocol;
        put16(hdr, field::CHECKSUM, 0);
        hdr[field::SRC..field::SRC + 4].copy_from_slice(&self.src);
        hdr[field::DST..field::DST + 4].copy_from_slice(&self.dst);
        let c = super::super::checksum::finish(super::super::checksum::sum(&hdr[..], 0));
        put16(hdr, field::CHECKSUM, c);
    }
}
