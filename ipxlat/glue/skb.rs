// SPDX-License-Identifier: GPL-2.0

//! An owned socket buffer and the operations the datapath needs on it.

use super::bindings;
use super::netdev::{LinkType, NetDevice};
use super::percpu::PerCpuCounters;
use core::ptr::NonNull;
use kernel::prelude::*;

/// Checksum state of a buffer (`skb->ip_summed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IpSummed {
    /// `CHECKSUM_NONE`: nothing known.
    None,
    /// `CHECKSUM_UNNECESSARY`: verified by hardware.
    Unnecessary,
    /// `CHECKSUM_COMPLETE`: `skb->csum` holds the sum of the packet.
    Complete,
    /// `CHECKSUM_PARTIAL`: the L4 checksum is to be completed on output;
    /// its field holds the pseudo-header seed.
    Partial,
}

impl IpSummed {
    /// From `skb->ip_summed`.
    fn from_raw(v: u8) -> Self {
        match u32::from(v) {
            bindings::CHECKSUM_UNNECESSARY => Self::Unnecessary,
            bindings::CHECKSUM_COMPLETE => Self::Complete,
            bindings::CHECKSUM_PARTIAL => Self::Partial,
            _ => Self::None,
        }
    }
}

/// What the transmit path reads from a buffer ([`SkBuff::info`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct SkbInfo {
    /// Ethertype (host order).
    pub(crate) protocol: u16,
    /// Checksum state.
    pub(crate) ip_summed: IpSummed,
    /// The device it came in on (`skb_iif`), 0 if generated locally.
    pub(crate) iif: i32,
    /// GSO state, if a GSO packet.
    pub(crate) gso: Option<GsoState>,
    /// `CHECKSUM_PARTIAL`: where the sum starts (from `data`) and where it
    /// goes (from there); both 0 in the other states.
    pub(crate) csum_start: i32,
    /// See `csum_start`.
    pub(crate) csum_offset: u16,
    /// Length as handed to the device.
    pub(crate) len: u32,
}

/// GSO state of a buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GsoState {
    /// `gso_size`: payload bytes per segment.
    pub(crate) size: u16,
    /// `gso_type` bits (`SKB_GSO_*`).
    pub(crate) kind: u32,
}

/// An all-zero `ipxlat_skb_info`, for the shim to fill in.
const RAW_INFO_ZERO: bindings::ipxlat_skb_info = bindings::ipxlat_skb_info {
    protocol: 0,
    ip_summed: 0,
    iif: 0,
    gso_size: 0,
    gso_type: 0,
    csum_start: 0,
    csum_offset: 0,
    len: 0,
};

impl SkbInfo {
    /// Came in on some device, i.e. forwarded by this host rather than
    /// generated locally.
    pub(crate) fn forwarded(&self) -> bool {
        self.iif != 0
    }

    /// From what the shim read off the buffer.
    fn from_raw(raw: &bindings::ipxlat_skb_info) -> Self {
        SkbInfo {
            protocol: u16::from_be(raw.protocol),
            ip_summed: IpSummed::from_raw(raw.ip_summed),
            iif: raw.iif,
            gso: (raw.gso_size != 0).then_some(GsoState {
                size: raw.gso_size,
                kind: raw.gso_type,
            }),
            csum_start: raw.csum_start,
            csum_offset: raw.csum_offset,
            len: raw.len,
        }
    }
}

/// A socket buffer this code owns (one reference).
///
/// # Invariants
///
/// `ptr` points to a valid `sk_buff` whose reference is owned by this value;
/// it is released exactly once: handed to the stack, consumed, or freed on
/// drop.
pub(crate) struct SkBuff {
    ptr: NonNull<bindings::sk_buff>,
}

impl SkBuff {
    /// Takes ownership of a buffer handed over by the kernel.
    ///
    /// # Safety
    ///
    /// `ptr` must be a valid `sk_buff` whose reference the caller passes on.
    pub(crate) unsafe fn from_raw(ptr: *mut bindings::sk_buff) -> Option<Self> {
        NonNull::new(ptr).map(|ptr| Self { ptr })
    }

    /// Runs `f` on a buffer the kernel lends for the duration of a callback
    /// (ownership stays with the caller).
    ///
    /// # Safety
    ///
    /// `ptr` must be a valid `sk_buff` for the duration of the call.
    pub(crate) unsafe fn with_borrowed<R>(ptr: *mut bindings::sk_buff, f: impl FnOnce(&SkBuff) -> R) -> Option<R> {
        let skb = core::mem::ManuallyDrop::new(NonNull::new(ptr).map(|ptr| Self { ptr })?);
        // `ManuallyDrop`: the reference is the caller's, never released here;
        // `f` only gets a shared borrow, so it cannot hand the buffer on.
        Some(f(&skb))
    }

    /// Allocates a buffer for `dev` with `headroom` reserved and `len` bytes
    /// of data space.
    pub(crate) fn alloc(dev: *mut bindings::net_device, headroom: usize, len: usize) -> Option<Self> {
        let size = u32::try_from(headroom.checked_add(len)?).ok()?;
        // SAFETY: `dev` is a valid device for the caller's callback; GFP_ATOMIC
        // is valid in the transmit path.
        let raw = unsafe { bindings::__netdev_alloc_skb(dev, size, kernel::bindings::GFP_ATOMIC) };
        let mut skb = NonNull::new(raw).map(|ptr| Self { ptr })?;
        // SAFETY: fresh buffer with `size` bytes of room.
        unsafe { bindings::skb_reserve(skb.raw(), headroom as i32) };
        // SAFETY: `len` bytes of tailroom remain after the reservation.
        unsafe { bindings::skb_put(skb.raw(), len as u32) };
        skb.ptr = NonNull::new(skb.raw())?;
        Some(skb)
    }

    /// Gives a buffer cut from `from` (a fragment) the metadata that
    /// steers it (mark, priority) and its flow hash.
    pub(crate) fn copy_meta_from(&mut self, from: &SkBuff) {
        // SAFETY: both buffers are valid (type invariant); only this one,
        // which we own, is written.
        unsafe { bindings::ipxlat_skb_copy_meta(self.raw(), from.raw()) };
    }

    fn raw(&self) -> *mut bindings::sk_buff {
        self.ptr.as_ptr()
    }

    fn skb(&self) -> &bindings::sk_buff {
        // SAFETY: valid by the type invariant.
        unsafe { self.ptr.as_ref() }
    }

    /// Total packet length (linear and non-linear parts).
    pub(crate) fn len(&self) -> usize {
        self.skb().len as usize
    }

    /// Bytes in the linear part from `data`.
    fn headlen(&self) -> usize {
        // SAFETY: valid by the type invariant.
        let s = self.skb();
        s.len.wrapping_sub(s.data_len) as usize
    }

    /// Offset of `data` from `head`.
    fn data_offset(&self) -> usize {
        let s = self.skb();
        (s.data as usize).wrapping_sub(s.head as usize)
    }

    /// What the transmit path needs to know about the buffer, read in one
    /// call.
    pub(crate) fn info(&self) -> SkbInfo {
        let mut raw = RAW_INFO_ZERO;
        // SAFETY: valid by the type invariant; `raw` is writable.
        unsafe { bindings::ipxlat_skb_info(self.raw(), &mut raw) };
        SkbInfo::from_raw(&raw)
    }

    /// Starts the transmit path in one call: counts the packet in `dev`'s
    /// transmit totals, reads its [`SkbInfo`], and makes `headroom` bytes
    /// of headroom and its first `pull` bytes linear and writable (as
    /// [`SkBuff::make_writable`]), or only its linear part if that holds at
    /// least `min_linear` bytes already. Returns the info and how many
    /// bytes from `data` were made writable. `Err` if memory ran out; the
    /// packet was counted all the same.
    pub(crate) fn begin_xmit<T: LinkType>(
        &mut self,
        dev: &NetDevice<T>,
        headroom: usize,
        pull: usize,
        min_linear: usize,
    ) -> Result<(SkbInfo, usize)> {
        let headroom = u32::try_from(headroom).map_err(|_| EINVAL)?;
        let pull = u32::try_from(pull).unwrap_or(u32::MAX);
        let min_linear = u32::try_from(min_linear).unwrap_or(u32::MAX);
        let mut raw = RAW_INFO_ZERO;
        let mut writable = 0u32;
        // SAFETY: we own the buffer; `dev` is a live device set up with
        // per-CPU dstats (it is handing us the buffer); `raw` and
        // `writable` are writable.
        let ret = unsafe {
            bindings::ipxlat_xmit_begin(self.raw(), dev.as_ptr(), &mut raw, headroom, pull, min_linear, &mut writable)
        };
        kernel::error::to_result(ret)?;
        Ok((SkbInfo::from_raw(&raw), writable as usize))
    }

    /// Checksum state.
    pub(crate) fn ip_summed(&self) -> IpSummed {
        // SAFETY: valid by the type invariant.
        IpSummed::from_raw(unsafe { bindings::ipxlat_skb_ip_summed(self.raw()) })
    }

    /// Whether the IPv4 packet at the network header has DF set.
    pub(crate) fn ipv4_dont_fragment(&self) -> bool {
        // SAFETY: valid by the type invariant; the helper reads the header
        // with bounds checks.
        unsafe { bindings::ipxlat_skb_ipv4_df(self.raw()) }
    }

    /// Whether every segment of this GSO packet, from the network header
    /// on, is at most `len` bytes long.
    pub(crate) fn gso_segments_fit(&self, len: u32) -> bool {
        // SAFETY: valid by the type invariant; a GSO packet has its headers
        // set by the stack.
        unsafe { bindings::skb_gso_validate_network_len(self.raw(), len) }
    }

    /// Sets the GSO size and type of a GSO packet, and its segment count
    /// when that changed (`None`: kept). The count matters after the
    /// packet leaves: qdiscs, BQL and drivers account by it and the core
    /// checks it against `gso_max_segs`.
    pub(crate) fn set_gso(&mut self, gso: GsoState, segments: Option<u16>) {
        // SAFETY: we own the buffer, whose header was made writable before
        // translation. Its shared info is private too unless the buffer is a
        // clone whose header TCP gave away ("nohdr": skb_header_cloned() is
        // false while the data is shared); TCP rewrites these three fields
        // of its copy before every transmission, so writing them here
        // cannot change what TCP sends.
        let shinfo = unsafe { &mut *bindings::ipxlat_skb_shinfo(self.raw()) };
        shinfo.gso_size = gso.size;
        shinfo.gso_type = gso.kind;
        if let Some(n) = segments {
            shinfo.gso_segs = n;
        }
    }

    /// Marks the buffer CHECKSUM_NONE: its transport checksum was written
    /// in full, not as a seed, so nothing later may "complete" it again.
    pub(crate) fn checksum_written_in_full(&mut self) {
        // SAFETY: we own the buffer.
        unsafe { bindings::ipxlat_skb_csum_none(self.raw()) };
    }

    /// Makes the first `len` bytes (at most the packet) linear and writable,
    /// with at least `headroom` writable bytes before them.
    pub(crate) fn make_writable(&mut self, len: usize, headroom: usize) -> Result {
        let len = len.min(self.len());
        let headroom = u32::try_from(headroom).map_err(|_| EINVAL)?;
        // SAFETY: we own the buffer.
        kernel::error::to_result(unsafe { bindings::skb_cow_head(self.raw(), headroom) })?;
        // SAFETY: we own the buffer; `len` <= its length.
        kernel::error::to_result(unsafe { bindings::skb_ensure_writable(self.raw(), len as u32) })
    }

    /// How many bytes from `data` are linear (and writable after
    /// [`SkBuff::make_writable`] with at least that length).
    pub(crate) fn linear_len(&self) -> usize {
        self.headlen()
    }

    /// The linear bytes from `head` through the first `writable` bytes
    /// after `data`, and the offset of `data` in them.
    ///
    /// Only call after [`SkBuff::make_writable`] with at least `writable`
    /// bytes: that made headroom and those bytes private to this buffer.
    pub(crate) fn writable_view(&mut self, writable: usize) -> (&mut [u8], usize) {
        let start = self.data_offset();
        let writable = writable.min(self.headlen());
        let s = self.skb();
        // SAFETY: `head .. data + writable` is inside the linear area (by
        // `headlen`), private to this buffer (by `make_writable`), and the
        // slice borrows `self` mutably so nothing else reaches it meanwhile.
        let buf = unsafe { core::slice::from_raw_parts_mut(s.head, start + writable) };
        (buf, start)
    }

    /// The writable view of [`SkBuff::writable_view`] together with a
    /// reader of the packet's bytes (linear or not) for checksums.
    ///
    /// The engine sums payload only in its read-only phase, before it writes
    /// anything into the view, so the reader never observes a half-written
    /// header and the view is never written while the reader runs.
    pub(crate) fn engine_view(&mut self, writable: usize) -> (&mut [u8], usize, PayloadReader<'_>) {
        let reader = PayloadReader {
            ptr: self.ptr,
            len: self.len(),
            _borrow: core::marker::PhantomData,
        };
        let (buf, start) = self.writable_view(writable);
        (buf, start, reader)
    }

    /// Completes a `CHECKSUM_PARTIAL` checksum in software; `Err` for a
    /// sum or field outside the linear data, which the kernel's helper
    /// would warn about instead.
    pub(crate) fn resolve_partial_checksum(&mut self) -> Result {
        if self.ip_summed() != IpSummed::Partial {
            return Ok(());
        }
        let info = self.info();
        let field_end = usize::try_from(info.csum_start).map(|s| s + usize::from(info.csum_offset) + 2);
        if !field_end.is_ok_and(|end| end <= self.linear_len()) {
            return Err(EINVAL);
        }
        // SAFETY: we own the buffer; its checksum offsets are those of the
        // current headers.
        kernel::error::to_result(unsafe { bindings::skb_checksum_help(self.raw()) })
    }

    /// Copies `out.len()` packet bytes from `offset` into `out`.
    pub(crate) fn copy_bits(&self, offset: usize, out: &mut [u8]) -> Result {
        let off = i32::try_from(offset).map_err(|_| EINVAL)?;
        let len = i32::try_from(out.len()).map_err(|_| EINVAL)?;
        // SAFETY: `out` is valid for `len` bytes; skb_copy_bits checks the
        // source range against the packet.
        kernel::error::to_result(unsafe {
            bindings::skb_copy_bits(self.raw(), off, out.as_mut_ptr().cast(), len)
        })
    }

    /// The whole linear data (from `data`) of a buffer this code allocated.
    pub(crate) fn data_mut(&mut self) -> &mut [u8] {
        let len = self.headlen();
        // SAFETY: `data .. data + headlen` is the linear data, owned by us.
        unsafe { core::slice::from_raw_parts_mut(self.skb().data, len) }
    }

    /// Moves `data` to `new_start` (an offset from `head`, inside the area
    /// returned by [`SkBuff::writable_view`]) and sets the length to `len`.
    pub(crate) fn reposition(&mut self, new_start: usize, len: usize) -> Result {
        let start = self.data_offset();
        if new_start < start {
            let grow = u32::try_from(start - new_start).map_err(|_| EINVAL)?;
            // SAFETY: the engine only writes inside the headroom that
            // `make_writable` guaranteed, so `grow` <= headroom.
            unsafe { bindings::skb_push(self.raw(), grow) };
        } else if new_start > start {
            let shrink = u32::try_from(new_start - start).map_err(|_| EINVAL)?;
            if shrink as usize > self.headlen() {
                return Err(EINVAL);
            }
            // SAFETY: `shrink` linear bytes exist after `data`.
            unsafe { bindings::skb_pull(self.raw(), shrink) };
        }
        if len < self.len() {
            // SAFETY: shrinking an owned buffer.
            kernel::error::to_result(unsafe { bindings::pskb_trim(self.raw(), len as u32) })?;
        } else if len > self.len() {
            return Err(EINVAL);
        }
        Ok(())
    }

    /// Sets the ethertype and the header offsets of a rewritten packet.
    pub(crate) fn set_headers(&mut self, ethertype: u16, l4_offset: usize) {
        // SAFETY: we own the buffer; the offsets are inside its data. The
        // checksum field keeps its offset in the L4 header (TCP, UDP, ICMP
        // and ICMPv6 alike); only where the header starts may move.
        unsafe { bindings::ipxlat_skb_set_l3(self.raw(), ethertype.to_be(), l4_offset as i32) };
    }

    /// Hands the buffer to the stack as if received on `dev`, its device
    /// (`netif_rx`), after clearing the state of its previous life (route,
    /// conntrack entry); counted in `dev`'s receive totals, or as a
    /// receive drop if the backlog refused it.
    pub(crate) fn receive<T: LinkType>(self, dev: &NetDevice<T>) {
        let raw = self.raw();
        core::mem::forget(self);
        // SAFETY: we own the reference and pass it to the stack; `dev` is
        // live with per-CPU dstats.
        unsafe { bindings::ipxlat_rx(raw, dev.as_ptr()) };
    }

    /// Hands a translated packet, whose data starts at its new network
    /// header, to the stack as received on `dev`, in one call: ethertype
    /// and header offsets set (as [`SkBuff::set_headers`]), the packet
    /// as handed to the device (`tx_len` bytes) counted as transmitted by
    /// `dev`, the translated one in `counters` (packets at the given index,
    /// bytes at the next), then received (as [`SkBuff::receive`]).
    pub(crate) fn receive_translated<T: LinkType, const N: usize>(
        self,
        dev: &NetDevice<T>,
        ethertype: u16,
        l4_offset: usize,
        counters: Option<(&PerCpuCounters<N>, usize)>,
        tx_len: u32,
    ) {
        let (cells, cell) = counters
            .and_then(|(c, i)| Some((c.packet_cells(i)?, i as u32)))
            .unwrap_or((core::ptr::null_mut(), 0));
        let raw = self.raw();
        core::mem::forget(self);
        // SAFETY: we own the reference and pass it to the stack; the offset
        // is inside the rewritten data; `dev` is live with per-CPU dstats;
        // `cells` is null or a live per-CPU area with cells `cell` and
        // `cell + 1` (checked by `packet_cells`).
        unsafe {
            bindings::ipxlat_xmit_receive(raw, dev.as_ptr(), ethertype.to_be(), l4_offset as i32, cells, cell, tx_len)
        };
    }

    /// Sends an ICMPv4 error about this packet (rate-limited by the host),
    /// quoting it as it is.
    ///
    /// The `_ndo_` sender, not `icmp_send`: on the transmit path the control
    /// block holds the qdisc layer's data, not IP options or an input
    /// interface, and the sender must not read it; it also addresses the
    /// error to the pre-NAT source of a packet NATed on its way here.
    pub(crate) fn send_icmp4(&self, icmp_type: u8, code: u8, info: u32) {
        // SAFETY: we own the buffer, a valid, routed IPv4 packet with `data`
        // at its network header; icmp_ndo_send may rewrite its source
        // address for the time of the call (NAT), nothing else.
        unsafe { bindings::icmp_ndo_send(self.raw(), icmp_type.into(), code.into(), info.to_be()) };
    }

    /// Sends an ICMPv6 error about this packet (rate-limited by the host),
    /// with the `_ndo_` sender for the same reasons as
    /// [`SkBuff::send_icmp4`] (a stale input interface would pick the
    /// error's source address).
    pub(crate) fn send_icmp6(&self, icmp_type: u8, code: u8, info: u32) {
        // SAFETY: we own the buffer, a valid, routed IPv6 packet with `data`
        // at its network header; icmpv6_ndo_send may rewrite its source
        // address for the time of the call (NAT), nothing else.
        unsafe { bindings::icmpv6_ndo_send(self.raw(), icmp_type, code, info) };
    }

    /// Frees the buffer as successfully handled (not a drop).
    pub(crate) fn consume(self) {
        let ptr = self.raw();
        core::mem::forget(self);
        // SAFETY: we own the reference (type invariant) and give it up here;
        // `forget` keeps `Drop` from releasing it a second time.
        unsafe { bindings::consume_skb(ptr) };
    }
}

/// Read access to a buffer's packet bytes while its linear part is lent to
/// the engine (see [`SkBuff::engine_view`]).
pub(crate) struct PayloadReader<'a> {
    ptr: NonNull<bindings::sk_buff>,
    len: usize,
    _borrow: core::marker::PhantomData<&'a ()>,
}

impl PayloadReader<'_> {
    /// One's-complement sum of `len` packet bytes from `offset` (from
    /// `data`), linear or not, unfolded; 0 for a range outside the packet.
    pub(crate) fn checksum(&self, offset: usize, len: usize) -> u32 {
        let (Ok(off), Ok(l)) = (i32::try_from(offset), i32::try_from(len)) else {
            return 0;
        };
        if offset.saturating_add(len) > self.len {
            return 0;
        }
        // SAFETY: the buffer outlives the reader (it borrows the `SkBuff`);
        // the range is inside the packet; skb_checksum only reads, and the
        // engine does not write while it asks for sums (see `engine_view`).
        let wsum = unsafe { bindings::skb_checksum(self.ptr.as_ptr(), off, l, 0) };
        // A __wsum adds 16-bit words as the CPU loads them; folded and read
        // as network-order bytes it is the engine's big-endian sum.
        let mut folded = (wsum & 0xffff) + (wsum >> 16);
        folded = (folded & 0xffff) + (folded >> 16);
        u32::from(u16::from_be(folded as u16))
    }
}

impl Drop for SkBuff {
    /// Dropping an owned buffer frees it as a drop (visible to drop monitors).
    fn drop(&mut self) {
        // SAFETY: we own the reference (type invariant); this is its release.
        unsafe { bindings::kfree_skb(self.raw()) };
    }
}
