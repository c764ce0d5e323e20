// SPDX-License-Identifier: GPL-2.0

//! Write phase of 46 (and of the 46 leg of a hairpin): the new IPv6 header
//! (+ Fragment header) ends exactly where the old network headers ended, so
//! the L4 header and payload do not move.

use crate::engine::packet::PacketBuf;
use crate::engine::translate::L4Fix;
use crate::engine::wire::ext6::{emit_fragment_header, FragInfo, FRAG_HEADER_LEN, NH_FRAGMENT};
use crate::engine::wire::ipv6::{Ipv6Repr, HEADER_LEN};

/// Everything the write phase needs, computed by the read phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Emit6 {
    /// The fixed header (its `next_header` is the upper-layer protocol;
    /// 44 is written instead when `frag` is set).
    pub ip6: Ipv6Repr,
    /// Fragment header contents, if one is written.
    pub frag: Option<FragInfo>,
    /// Offset from the old `start` where the new headers must end (the
    /// old L4 offset).
    pub hdr_end: usize,
    /// L4 bytes to patch (offsets from the old `start`).
    pub fix: L4Fix,
}

impl Emit6 {
    /// Length of the new IPv6 headers.
    pub fn header_len(&self) -> usize {
        HEADER_LEN + if self.frag.is_some() { FRAG_HEADER_LEN } else { 0 }
    }

    /// Headroom before `start` this write needs (0 if none).
    pub fn headroom(&self) -> usize {
        self.header_len().saturating_sub(self.hdr_end)
    }

    /// Whether `pkt` has the headroom and linear bytes for the write.
    pub fn fits(&self, pkt: &PacketBuf<'_>) -> bool {
        pkt.start + self.hdr_end >= self.header_len() && pkt.buf.len() >= pkt.start + self.hdr_end
    }

    /// Writes headers and L4 patch; returns the new start. Callers check
    /// [`Self::fits`] during the read phase; a buffer that does not fit is
    /// left untouched and `None` returned.
    pub fn write(&self, pkt: &mut PacketBuf<'_>) -> Option<usize> {
        if !self.fits(pkt) {
            return None;
        }
        let new_start = pkt.start + self.hdr_end - self.header_len();
        if let Some(lin) = pkt.buf.get_mut(pkt.start..) {
            self.fix.apply(lin);
        }
        let hdrs = pkt.buf.get_mut(new_start..pkt.start + self.hdr_end)?;
        emit_headers(hdrs, &self.ip6, self.frag.as_ref());
        Some(new_start)
    }
}

/// Writes the IPv6 fixed header (`ip6.next_header` = upper-layer
/// protocol) and, with `frag`, a Fragment header after it, at the start of
/// `out` (which must hold 40 or 48 bytes; shorter buffers are left alone).
pub fn emit_headers(out: &mut [u8], ip6: &Ipv6Repr, frag: Option<&FragInfo>) {
    let need = HEADER_LEN + if frag.is_some() { FRAG_HEADER_LEN } else { 0 };
    let Some(out) = out.get_mut(..need) else {
        return;
    };
    let (fixed, rest) = out.split_at_mut(HEADER_LEN);
    let mut hdr = *ip6;
    if let Some(info) = frag {
        hdr.next_header = NH_FRAGMENT;
        if let Ok(fh) = <&mut [u8; FRAG_HEADER_LEN]>::try_from(rest) {
            emit_fragment_header(fh, ip6.next_header, info);
        }
    }
    if let Ok(fixed) = <&mut [u8; HEADER_LEN]>::try_from(fixed) {
        hdr.emit(fixed);
    }
}
