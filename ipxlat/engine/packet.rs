// SPDX-License-Identifier: GPL-2.0

//! The caller interface of the engine: the packet buffer, its offload
//! metadata, the host services the engine needs, and the result: an
//! [`Outcome`] in registers for the common packet (a [`Whole`]
//! translation), else a [`Verdict`] written to the caller's storage.
//!
//! Contract (SPEC 6, 10): the engine reads and decides first; it writes to
//! [`PacketBuf::buf`] only when it translates (a [`Whole`] or a
//! [`Verdict::Translated`]). The L4 header and payload stay where they
//! are: the new IP header is written in front of them (so the engine needs
//! headroom, never tailroom).

pub use super::translate::{translate, translate_verdict};
use super::verdict::{DropReason, IcmpError};
use super::wire::ext6::{emit_fragment_header, FragInfo, FRAG_HEADER_LEN};
use super::wire::ipv6::HEADER_LEN as IPV6_HEADER_LEN;

/// The caller's linear bytes: headroom, then the packet.
#[derive(Debug)]
pub struct PacketBuf<'a> {
    /// All linear bytes the caller owns, from the start of its headroom.
    pub buf: &'a mut [u8],
    /// Offset of the network header in `buf`.
    pub start: usize,
    /// Total packet length from `start`, linear and non-linear (`buf` may
    /// hold fewer bytes).
    pub len: usize,
}

impl PacketBuf<'_> {
    /// The same view, reborrowed (the engine passes copies to its out-of-line
    /// paths, so that the caller's view needs no address).
    #[inline(always)]
    pub fn reborrow(&mut self) -> PacketBuf<'_> {
        PacketBuf { buf: &mut *self.buf, start: self.start, len: self.len }
    }
}

/// Checksum offload state of the packet (Linux `ip_summed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChecksumState {
    /// The TCP/UDP checksum field holds a complete checksum (or none yet
    /// verified): it is updated incrementally (SPEC 4).
    Complete,
    /// `CHECKSUM_PARTIAL`: the TCP/UDP checksum field holds the
    /// non-inverted pseudo-header seed; the device finishes it.
    Partial,
}

/// GSO type of a super-packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GsoKind {
    /// TCP segmentation (TSO).
    Tcp,
    /// UDP segmentation (USO / UDP GSO).
    Udp,
}

/// GSO state of a super-packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gso {
    /// Payload bytes per segment.
    pub size: u16,
    /// Kind of segmentation.
    pub kind: GsoKind,
}

impl Gso {
    /// Number of segments the packet becomes, given the bytes after its
    /// transport header: each segment but the last carries `size` of them
    /// (one segment when `size` is 0, or beyond `u16::MAX` segments).
    pub fn segments(&self, l4_payload_len: usize) -> u16 {
        match usize::from(self.size) {
            0 => 1,
            size => u16::try_from(l4_payload_len.div_ceil(size).max(1)).unwrap_or(u16::MAX),
        }
    }
}

/// Per-packet metadata from the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meta {
    /// Checksum offload state.
    pub csum: ChecksumState,
    /// GSO state, `None` for an ordinary packet.
    pub gso: Option<Gso>,
    /// Host forwarding already decremented and checked TTL / hop limit on
    /// the way into the device: copy it instead (SPEC 2.6).
    pub hop_already_decremented: bool,
}

/// Services of the host the engine calls during the read-only phase.
pub trait Host {
    /// Unfolded one's-complement sum of the ORIGINAL packet bytes
    /// `[offset, offset + len)` counted from `start` (may reach
    /// non-linear data).
    fn payload_sum(&mut self, offset: usize, len: usize) -> u32;
    /// `MTU6_nh`: route PMTU toward `dst`, clamped by the device MTU.
    fn mtu6_toward(&mut self, dst: &[u8; 16]) -> u32;
    /// `MTU4_nh`: route PMTU toward `dst`, clamped by the device MTU.
    fn mtu4_toward(&mut self, dst: [u8; 4]) -> u32;
    /// Host IPv4 ID generator (SPEC 2.3): the Identification of a packet
    /// from `src` to `dst` carrying `protocol`. A GSO packet whose
    /// `segments` each take the next ID reserves them all, as the host
    /// does for its own GSO packets.
    fn ipv4_id(&mut self, src: [u8; 4], dst: [u8; 4], protocol: u8, segments: u16) -> u16;
    /// A random number.
    fn random_u32(&mut self) -> u32;
}

/// Address family of a packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// IPv4.
    V4,
    /// IPv6.
    V6,
}

/// How the caller splits a 46 packet that exceeds the threshold `T`
/// (SPEC 3.2). The translated buffer is the first piece's header followed
/// by the whole payload; the caller emits pieces of `header_len +
/// piece_payload` bytes (the last one shorter), each a copy of the header
/// fixed up with [`write_piece_header`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FragmentPlan {
    /// IPv6 header + Fragment header: 48 bytes.
    pub header_len: usize,
    /// Payload bytes in every non-last piece: ⌊(T − 48)/8⌋·8.
    pub piece_payload: usize,
    /// Payload bytes of the whole translated packet (after the FH).
    pub total_payload: usize,
    /// Fragment offset of the input (8-byte units; 0 if unfragmented).
    pub offset: u16,
    /// M flag of the input (kept by the last piece).
    pub more: bool,
    /// Fragment ID (IPv4 ID zero-extended).
    pub ident: u32,
}

/// Fixes up a copy of the translated header for one piece (SPEC 3.2):
/// Payload Length, fragment offset (relative to the original datagram) and
/// M (1 except on the last piece, which keeps the input's M).
///
/// `hdr` is the piece's first `plan.header_len` bytes, `piece_offset` the
/// offset of the piece's payload within [`FragmentPlan::total_payload`]
/// (a multiple of 8), `piece_len` its payload length. Short buffers are
/// left untouched.
pub fn write_piece_header(hdr: &mut [u8], plan: &FragmentPlan, piece_offset: usize, piece_len: usize, last: bool) {
    let Some(h) = hdr.get_mut(..IPV6_HEADER_LEN + FRAG_HEADER_LEN) else {
        return;
    };
    let payload = u16::try_from(piece_len + FRAG_HEADER_LEN).unwrap_or(u16::MAX);
    super::wire::put16(h, 4, payload);
    let units = u16::try_from(piece_offset / 8).unwrap_or(0);
    let info = FragInfo {
        offset: plan.offset.wrapping_add(units) & 0x1fff,
        more: if last { plan.more } else { true },
        ident: plan.ident,
    };
    let (_, fh) = h.split_at_mut(IPV6_HEADER_LEN);
    let next = fh[0];
    if let Ok(fh) = <&mut [u8; FRAG_HEADER_LEN]>::try_from(fh) {
        emit_fragment_header(fh, next, &info);
    }
}

/// A successful translation: where the new packet is and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Translated {
    /// Family of the output.
    pub family: Family,
    /// New network header offset in `buf`.
    pub start: usize,
    /// New total packet length (the caller trims if shorter).
    pub len: usize,
    /// Transport header offset from the new start.
    pub l4_offset: usize,
    /// Transport protocol of the output (after 1 ⇄ 58).
    pub l4_proto: u8,
    /// Adjusted GSO size (SPEC 3.6), `None` if not GSO.
    pub gso_size: Option<u16>,
    /// Segment count when the engine lowered `gso_size` (SPEC 3.6); `None`
    /// when the caller's size, and so its count, still hold.
    pub gso_segments: Option<u16>,
    /// 46 DF=0 split (SPEC 3.2): the caller copies the pieces.
    pub fragment: Option<FragmentPlan>,
    /// The `CHECKSUM_PARTIAL` seed was updated in place (the L4 header did
    /// not move).
    pub csum_partial_valid: bool,
    /// The packet went 64 then 46 (intrinsic EAM hairpin, SPEC 1.4).
    pub hairpinned: bool,
}

/// A packet translated whole by a fast path: the common case, reported in
/// two registers instead of a [`Translated`] in memory.
///
/// The output is `len` bytes at `start`, its transport header right after
/// the fixed IP header (40 bytes for IPv6, 20 for IPv4) and untouched but
/// for its checksum; no GSO or fragment change, no hairpin
/// ([`Whole::translated`] gives the equivalent [`Translated`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Whole {
    /// New network header offset in `buf`.
    pub start: usize,
    /// New total packet length (at most 65535 + 40).
    pub len: u32,
    /// Family of the output.
    pub family: Family,
    /// Transport protocol (TCP or UDP).
    pub l4_proto: u8,
}

impl Whole {
    /// The same result as a [`Translated`] (what the full path reports for
    /// the same packet); `meta` is the packet's metadata.
    pub fn translated(&self, meta: &Meta) -> Translated {
        Translated {
            family: self.family,
            start: self.start,
            len: self.len as usize,
            l4_offset: match self.family {
                Family::V6 => IPV6_HEADER_LEN,
                Family::V4 => super::wire::ipv4::HEADER_LEN,
            },
            l4_proto: self.l4_proto,
            gso_size: None,
            gso_segments: None,
            fragment: None,
            csum_partial_valid: meta.csum == ChecksumState::Partial,
            hairpinned: false,
        }
    }
}

/// What [`translate`] returns: two words, so that it comes back in two
/// registers (an enum with a [`Whole`] payload, like a [`Verdict`], is
/// returned through memory, which measured as a good part of the fast
/// path's cost, issue 3). Either a [`Whole`] translation
/// ([`Outcome::whole`]), or "detailed": the verdict was written to the
/// caller's [`Verdict`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// [`Whole::start`] (0 when detailed).
    start: usize,
    /// 0 when detailed, else [`Whole::len`] (never 0) in bits 0-31,
    /// [`Whole::l4_proto`] in bits 32-39, bit 40 set for [`Family::V6`].
    word: u64,
}

/// Bit of [`Outcome::word`] telling an IPv6 output.
const OUTCOME_V6: u64 = 1 << 40;

impl Outcome {
    /// The verdict is in the caller's [`Verdict`].
    pub const DETAILED: Outcome = Outcome { start: 0, word: 0 };

    /// A whole translation (`w.len` is never 0: at least an IP header).
    #[inline(always)]
    pub const fn from_whole(w: Whole) -> Self {
        let v6 = match w.family {
            Family::V6 => OUTCOME_V6,
            Family::V4 => 0,
        };
        Outcome { start: w.start, word: w.len as u64 | (w.l4_proto as u64) << 32 | v6 }
    }

    /// The whole translation, `None` when the verdict is in the caller's
    /// [`Verdict`].
    #[inline(always)]
    pub const fn whole(self) -> Option<Whole> {
        if self.word == 0 {
            return None;
        }
        Some(Whole {
            start: self.start,
            len: self.word as u32,
            family: if self.word & OUTCOME_V6 != 0 { Family::V6 } else { Family::V4 },
            l4_proto: (self.word >> 32) as u8,
        })
    }

    /// The outcome as one [`Verdict`], given the caller's `detail` and the
    /// packet's `meta` (tests and callers that want one type).
    pub fn verdict(self, detail: Verdict, meta: &Meta) -> Verdict {
        match self.whole() {
            Some(w) => Verdict::Translated(w.translated(meta)),
            None => detail,
        }
    }
}

/// What to do with the packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Emit the translated packet.
    Translated(Translated),
    /// Send this ICMP error quoting the packet as received, count the
    /// reason, discard.
    Reject(IcmpError, DropReason),
    /// Discard silently, count the reason.
    Drop(DropReason),
    /// Make `len` bytes from `start` linear with `headroom` bytes before
    /// `start`, then call again (nothing was written).
    NeedLinear {
        /// Bytes from `start` that must be linear.
        len: usize,
        /// Bytes needed before `start`.
        headroom: usize,
    },
}
