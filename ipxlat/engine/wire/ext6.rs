// SPDX-License-Identifier: GPL-2.0

//! IPv6 extension header chain walk and the Fragment header (SPEC 2.4).

use super::{be16, be32, put16, put32};

/// Hop-by-Hop Options.
pub const NH_HOP_BY_HOP: u8 = 0;
/// Routing header.
pub const NH_ROUTING: u8 = 43;
/// Fragment header.
pub const NH_FRAGMENT: u8 = 44;
/// Destination Options.
pub const NH_DEST_OPTS: u8 = 60;
/// Length of a Fragment header.
pub const FRAG_HEADER_LEN: usize = 8;

/// Values that must not follow a Fragment header (SPEC 2.4: 0, 43, 51,
/// 60, 135, 139, 140, 253, 254).
fn forbidden_after_fragment(nh: u8) -> bool {
    matches!(nh, 0 | 43 | 51 | 60 | 135 | 139 | 140 | 253 | 254)
}

/// Fragment header contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FragInfo {
    /// Fragment offset in 8-byte units.
    pub offset: u16,
    /// M flag.
    pub more: bool,
    /// 32-bit Identification.
    pub ident: u32,
}

impl FragInfo {
    /// True for an atomic fragment (offset 0, M = 0), processed as
    /// unfragmented (SPEC 3.4).
    pub fn is_atomic(&self) -> bool {
        self.offset == 0 && !self.more
    }
}

/// Result of walking the extension header chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExtChain {
    /// Upper-layer protocol: first header that is not HBH/RH/DO/FH.
    pub protocol: u8,
    /// Offset of the upper-layer header from the IPv6 header start (for a
    /// non-first fragment: where its data begins).
    pub l4_offset: usize,
    /// The Fragment header, if any.
    pub frag: Option<FragInfo>,
    /// Offset of the Segments Left byte of the first Routing header with
    /// Segments Left ≠ 0 (the 4/0 pointer, SPEC 2.4).
    pub segments_left_ptr: Option<u32>,
    /// An extension header follows the Fragment header (1/1, SPEC 2.4).
    pub ext_after_frag: bool,
}

/// Why the walk stopped without a chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WalkError {
    /// Truncated or overrunning header, two Fragment headers, HBH not first.
    Malformed,
    /// The chain continues past the linear bytes: this many are needed.
    NeedLinear(usize),
}

/// Walks the chain starting after the fixed header. `buf` holds the linear
/// bytes from the IPv6 header start, `pkt_len` is the packet's total length.
pub fn walk(buf: &[u8], pkt_len: usize, first_nh: u8) -> Result<ExtChain, WalkError> {
    let mut off = super::ipv6::HEADER_LEN;
    let mut nh = first_nh;
    let mut chain = ExtChain {
        protocol: nh,
        l4_offset: off,
        frag: None,
        segments_left_ptr: None,
        ext_after_frag: false,
    };
    let mut first = true;
    loop {
        match nh {
            NH_HOP_BY_HOP | NH_ROUTING | NH_DEST_OPTS => {
                if nh == NH_HOP_BY_HOP && !first {
                    return Err(WalkError::Malformed);
                }
                if chain.frag.is_some() {
                    chain.ext_after_frag = true;
                    break;
                }
                let hdr_end = off.checked_add(8).ok_or(WalkError::Malformed)?;
                if hdr_end > pkt_len {
                    return Err(WalkError::Malformed);
                }
                if hdr_end > buf.len() {
                    return Err(WalkError::NeedLinear(hdr_end));
                }
                let hlen = (usize::from(buf[off + 1]) + 1) * 8;
                let end = off + hlen;
                if end > pkt_len {
                    return Err(WalkError::Malformed);
                }
                if end > buf.len() {
                    return Err(WalkError::NeedLinear(end));
                }
                if nh == NH_ROUTING && buf[off + 3] != 0 && chain.segments_left_ptr.is_none() {
                    chain.segments_left_ptr = u32::try_from(off + 3).ok();
                }
                nh = buf[off];
                off = end;
            }
            NH_FRAGMENT => {
                if chain.frag.is_some() {
                    return Err(WalkError::Malformed);
                }
                let end = off + FRAG_HEADER_LEN;
                if end > pkt_len {
                    return Err(WalkError::Malformed);
                }
                if end > buf.len() {
                    return Err(WalkError::NeedLinear(end));
                }
                let word = be16(buf, off + 2);
                let info = FragInfo {
                    offset: word >> 3,
                    more: word & 1 != 0,
                    ident: be32(buf, off + 4),
                };
                chain.frag = Some(info);
                nh = buf[off];
                off = end;
                if info.offset != 0 {
                    // Non-first fragment: nothing after the FH to walk.
                    if nh == NH_FRAGMENT {
                        return Err(WalkError::Malformed);
                    }
                    chain.ext_after_frag = forbidden_after_fragment(nh);
                    break;
                }
            }
            _ => {
                if chain.frag.is_some() && forbidden_after_fragment(nh) {
                    chain.ext_after_frag = true;
                }
                break;
            }
        }
        first = false;
    }
    chain.protocol = nh;
    chain.l4_offset = off;
    Ok(chain)
}

/// Writes a Fragment header.
pub fn emit_fragment_header(hdr: &mut [u8; FRAG_HEADER_LEN], next_header: u8, info: &FragInfo) {
    hdr[0] = next_header;
    hdr[1] = 0;
    put16(hdr, 2, (info.offset << 3) | u16::from(info.more));
    put32(hdr, 4, info.ident);
}
