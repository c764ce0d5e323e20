// SPDX-License-Identifier: GPL-2.0

//! Write phase of 64: the IPv4 header (IHL 5) ends exactly where the IPv6
//! header and its extension headers ended; the L4 header does not move.

use crate::engine::packet::PacketBuf;
use crate::engine::translate::L4Fix;
use crate::engine::wire::ipv4::{Ipv4Repr, HEADER_LEN};

/// Everything the write phase needs, computed by the read phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Emit4 {
    /// The header to write (checksum computed on emit).
    pub ip4: Ipv4Repr,
    /// Offset from the old `start` where the header must end (old L4
    /// offset, ≥ 40).
    pub hdr_end: usize,
    /// L4 bytes to patch (offsets from the old `start`).
    pub fix: L4Fix,
}

impl Emit4 {
    /// Writes header and patch; returns the new start (`None`, nothing
    /// written, if the buffer is shorter than the read phase proved).
    pub fn write(&self, pkt: &mut PacketBuf<'_>) -> Option<usize> {
        let end = pkt.start.checked_add(self.hdr_end)?;
        let new_start = end.checked_sub(HEADER_LEN)?;
        let hdr = pkt.buf.get_mut(new_start..end)?;
        let hdr = <&mut [u8; HEADER_LEN]>::try_from(hdr).ok()?;
        self.ip4.emit(hdr);
        if let Some(lin) = pkt.buf.get_mut(pkt.start..) {
            self.fix.apply(lin);
        }
        Some(new_start)
    }
}
