// SPDX-License-Identifier: GPL-2.0

//! Buffer moves of a rebuilt ICMP error (SPEC 5.6, 5.7): the quoted
//! payload stays in place when possible (headers are shifted, not the
//! payload), the tail is trimmed for the caps, padding is zeroed and the
//! RFC 4884 extension is moved with `copy_within`. The output never ends
//! after the input did (headroom only, never tailroom).

use crate::engine::icmp::ext4884::Layout;

/// Where everything goes (absolute offsets in the caller's buffer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relayout {
    /// New network header offset.
    pub new_start: usize,
    /// New end (`new_start` + total length).
    pub new_end: usize,
    /// Quoted payload (after the inner IP header): source offset.
    pub payload_src: usize,
    /// Quoted payload: destination offset.
    pub payload_dst: usize,
    /// Quoted payload bytes kept.
    pub payload_len: usize,
    /// Extension: (source, destination, length).
    pub ext: Option<(usize, usize, usize)>,
    /// Zero padding: (offset, length).
    pub pad: (usize, usize),
}

/// The sizes the plan needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    /// Old network header offset.
    pub start: usize,
    /// Old packet length.
    pub len: usize,
    /// Old offset (from `start`) of the ICMP body (outer headers + 8).
    pub body_off: usize,
    /// Old offset (from `start`) of the quoted payload (after the inner
    /// IP header and skipped extension headers).
    pub payload_off: usize,
    /// Old quoted payload bytes available (quote minus inner header).
    pub payload_avail: usize,
    /// New outer IP header length.
    pub outer_out: usize,
    /// New inner IP header length (incl. Fragment header).
    pub inner_out: usize,
}

/// Plans the moves. `Err(headroom)` if the buffer needs that many bytes
/// before `start`.
pub fn plan(s: &Sizes, layout: &Layout) -> Result<Relayout, usize> {
    let to_i = |v: usize| i64::try_from(v).unwrap_or(i64::MAX / 4);
    let head = s.outer_out + 8;
    let prefix = head + s.inner_out;
    let quote = usize::try_from(layout.quote_len).unwrap_or(0);
    let field = usize::try_from(layout.field_len).unwrap_or(0);
    let total = usize::try_from(layout.total_len).unwrap_or(0);
    let keep = quote.saturating_sub(s.inner_out).min(s.payload_avail);
    // Keep the payload in place, unless the output would end after the
    // input: then shift everything left.
    let d = (to_i(s.payload_off) - to_i(prefix)).min(to_i(s.len) - to_i(total));
    let new_start = to_i(s.start) + d;
    if new_start < 0 {
        return Err(usize::try_from(-d).unwrap_or(usize::MAX));
    }
    let new_start = usize::try_from(new_start).unwrap_or(0);
    let ext = layout.extension.map(|span| {
        let off = usize::try_from(span.offset).unwrap_or(0);
        let len = usize::try_from(span.len).unwrap_or(0);
        (s.start + s.body_off + off, new_start + head + field, len)
    });
    Ok(Relayout {
        new_start,
        new_end: new_start + total,
        payload_src: s.start + s.payload_off,
        payload_dst: new_start + prefix,
        payload_len: keep,
        ext,
        pad: (new_start + head + s.inner_out + keep, field.saturating_sub(s.inner_out + keep)),
    })
}

impl Relayout {
    /// Whether every range lies within `buf_len` bytes.
    pub fn in_bounds(&self, buf_len: usize) -> bool {
        let ok = |a: usize, n: usize| a.checked_add(n).is_some_and(|e| e <= buf_len);
        ok(self.payload_src, self.payload_len)
            && ok(self.payload_dst, self.payload_len)
            && ok(self.pad.0, self.pad.1)
            && self.new_end <= buf_len
            && self.ext.is_none_or(|(src, dst, n)| ok(src, n) && ok(dst, n))
    }

    /// Moves payload and extension, zeroes the padding (see module docs
    /// for why this order never clobbers data). No-op if out of bounds.
    pub fn apply(&self, buf: &mut [u8]) {
        if !self.in_bounds(buf.len()) {
            return;
        }
        let move_payload = |b: &mut [u8]| {
            b.copy_within(self.payload_src..self.payload_src + self.payload_len, self.payload_dst);
        };
        match self.ext {
            Some((src, dst, n)) if dst > src => {
                buf.copy_within(src..src + n, dst);
                move_payload(buf);
            }
            Some((src, dst, n)) => {
                move_payload(buf);
                buf.copy_within(src..src + n, dst);
            }
            None => move_payload(buf),
        }
        buf[self.pad.0..self.pad.0 + self.pad.1].fill(0);
    }
}
