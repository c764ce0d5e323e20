// SPDX-License-Identifier: GPL-2.0

//! IPv6 fixed header view and representation (RFC 8200).

use super::{array, be16, be32, put16, put32};

/// Length of the IPv6 fixed header.
pub const HEADER_LEN: usize = 40;
/// Next Header value of ICMPv6.
pub const PROTO_ICMPV6: u8 = 58;

mod field {
    pub(super) const VER_TC_FLOW: usize = 0;
    pub(super) const PAYLOAD_LEN: usize = 4;
    pub(super) const NEXT_HEADER: usize = 6;
    pub(super) const HOP_LIMIT: usize = 7;
    pub(super) const SRC: usize = 8;
    pub(super) const DST: usize = 24;
}

/// A view of an IPv6 fixed header that is in bounds.
#[derive(Clone, Copy, Debug)]
pub struct Ipv6Header<T> {
    buf: T,
}

impl<T: AsRef<[u8]>> Ipv6Header<T> {
    /// Checks that 40 bytes are present and the version is 6.
    pub fn new_checked(buf: T) -> Option<Self> {
        let b = buf.as_ref();
        if b.len() < HEADER_LEN || b[field::VER_TC_FLOW] >> 4 != 6 {
            return None;
        }
        Some(Self { buf })
    }
    /// Traffic Class.
    pub fn traffic_class(&self) -> u8 {
        (be16(self.buf.as_ref(), field::VER_TC_FLOW) >> 4) as u8
    }
    /// Flow Label (20 bits).
    pub fn flow_label(&self) -> u32 {
        be32(self.buf.as_ref(), field::VER_TC_FLOW) & 0x000f_ffff
    }
    /// Payload Length.
    pub fn payload_len(&self) -> u16 {
        be16(self.buf.as_ref(), field::PAYLOAD_LEN)
    }
    /// Next Header of the fixed header.
    pub fn next_header(&self) -> u8 {
        self.buf.as_ref()[field::NEXT_HEADER]
    }
    /// Hop Limit.
    pub fn hop_limit(&self) -> u8 {
        self.buf.as_ref()[field::HOP_LIMIT]
    }
    /// Source address.
    pub fn src_addr(&self) -> [u8; 16] {
        array(self.buf.as_ref(), field::SRC)
    }
    /// Destination address.
    pub fn dst_addr(&self) -> [u8; 16] {
        array(self.buf.as_ref(), field::DST)
    }
}

/// Plain-data IPv6 fixed header fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ipv6Repr {
    /// Source address.
    pub src: [u8; 16],
    /// Destination address.
    pub dst: [u8; 16],
    /// Traffic Class.
    pub traffic_class: u8,
    /// Flow Label.
    pub flow_label: u32,
    /// Payload Length.
    pub payload_len: u16,
    /// Next Header of the fixed header.
    pub next_header: u8,
    /// Hop Limit.
    pub hop_limit: u8,
}

impl Ipv6Repr {
    /// Reads the fields of a checked header.
    pub fn parse<T: AsRef<[u8]>>(h: &Ipv6Header<T>) -> Self {
        // One bounds check (proven by `new_checked`).
        let b: &[u8; HEADER_LEN] = h.buf.as_ref().first_chunk().unwrap_or(&[0; HEADER_LEN]);
        let w0 = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        let mut src = [0u8; 16];
        let mut dst = [0u8; 16];
        src.copy_from_slice(&b[field::SRC..field::SRC + 16]);
        dst.copy_from_slice(&b[field::DST..field::DST + 16]);
        Self {
            src,
            dst,
            traffic_class: (w0 >> 20) as u8,
            flow_label: w0 & 0x000f_ffff,
            payload_len: u16::from_be_bytes([b[field::PAYLOAD_LEN], b[field::PAYLOAD_LEN + 1]]),
            next_header: b[field::NEXT_HEADER],
            hop_limit: b[field::HOP_LIMIT],
        }
    }

    /// Writes the 40-byte fixed header into `hdr`.
    pub fn emit(&self, hdr: &mut [u8; HEADER_LEN]) {
        let w0 = (6u32 << 28) | (u32::from(self.traffic_class) << 20) | (self.flow_label & 0x000f_ffff);
        put32(hdr, field::VER_TC_FLOW, w0);
        put16(hdr, field::PAYLOAD_LEN, self.payload_len);
        hdr[field::NEXT_HEADER] = self.next_header;
        hdr[field::HOP_LIMIT] = self.hop_limit;
        hdr[field::SRC..field::SRC + 16].copy_from_slice(&self.src);
        hdr[field::DST..field::DST + 16].copy_from_slice(&self.dst);
    }
}
