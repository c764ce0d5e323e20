// SPDX-License-Identifier: GPL-2.0

//! One round of a dump: messages appended to the dump skb, and the state
//! that lets the next round resume.

use super::{bindings, family, Attr, ExtAck, Writer};
use crate::glue::route::Net;
use core::marker::PhantomData;
use kernel::prelude::*;

/// Words of resumable state (`cb->ctx`, 48 bytes).
pub(crate) const STATE_WORDS: usize = 6;

/// What a dump handler tells netlink after a round.
pub(crate) enum DumpStatus {
    /// Everything was dumped.
    Done,
    /// The skb is full; call again (state saved with [`Dump::set_state`]).
    More,
}

/// A dump in progress.
///
/// # Invariants
///
/// `skb` and `cb` are the valid dump buffer and callback of a dump of the
/// family, ours for `'a`; `cb->data` is the `genl_dumpit_info` of the dump.
pub(crate) struct Dump<'a> {
    skb: *mut bindings::sk_buff,
    cb: *mut bindings::netlink_callback,
    _life: PhantomData<&'a mut bindings::netlink_callback>,
}

impl<'a> Dump<'a> {
    /// # Safety
    ///
    /// `skb` and `cb` are the arguments of a `dumpit` call of the family.
    pub(super) unsafe fn from_raw(skb: *mut bindings::sk_buff, cb: *mut bindings::netlink_callback) -> Self {
        Self {
            skb,
            cb,
            _life: PhantomData,
        }
    }

    /// Bytes already in the dump skb.
    pub(super) fn len(&self) -> u32 {
        // SAFETY: `skb` is valid (type invariant).
        unsafe { (*self.skb).len }
    }

    /// The requester's network namespace.
    pub(crate) fn net(&self) -> Net {
        // SAFETY: `cb` is valid; the requesting socket's namespace outlives
        // the dump.
        unsafe { Net::from_raw(bindings::ipxlat_cb_net(self.cb)) }
    }

    /// The dump's extack (reported with the first round's error).
    pub(crate) fn extack(&self) -> ExtAck<'a> {
        // SAFETY: `cb` is valid; its extack is null or the dump request's.
        unsafe { ExtAck::from_raw((*self.cb).extack) }
    }

    /// The request attribute `id` parsed by the dump op's policy.
    pub(crate) fn attr(&self, id: u16) -> Option<Attr<'a>> {
        // SAFETY: `cb->data` is the dump's `genl_dumpit_info` (type
        // invariant), alive for the whole dump.
        let info = unsafe { &*bindings::genl_dumpit_info(self.cb) };
        if id == 0 || u32::from(id) > info.op.maxattr || info.info.attrs.is_null() {
            return None;
        }
        // SAFETY: `attrs` has `maxattr + 1` entries; each is null or points
        // into the request message, kept for the whole dump.
        unsafe { Attr::from_ptr(*info.info.attrs.add(usize::from(id))) }
    }

    /// The request attribute `id`, or a missing-attribute report and
    /// `EINVAL`.
    pub(crate) fn require(&self, id: u16) -> Result<Attr<'a>> {
        self.attr(id).ok_or_else(|| {
            self.extack().missing(None, id);
            EINVAL
        })
    }

    /// The saved state; all zero in the first round.
    pub(crate) fn state(&self) -> [u64; STATE_WORDS] {
        // SAFETY: `cb` is valid; `ctx` is 48 plain bytes, zeroed by netlink
        // when the dump starts.
        unsafe {
            core::ptr::read_unaligned((&raw const (*self.cb).__bindgen_anon_1.ctx).cast::<[u64; STATE_WORDS]>())
        }
    }

    /// Saves the state for the next round.
    pub(crate) fn set_state(&mut self, state: [u64; STATE_WORDS]) {
        // SAFETY: as in `state`; the callback is ours during the round.
        unsafe {
            core::ptr::write_unaligned((&raw mut (*self.cb).__bindgen_anon_1.ctx).cast::<[u64; STATE_WORDS]>(), state)
        }
    }

    /// Appends one message with command `cmd` filled by `fill`. A message
    /// that does not fit is removed and `Ok(false)` returned; other errors
    /// remove it and are returned.
    pub(crate) fn message(&mut self, cmd: u8, fill: impl FnOnce(&mut Writer<'_>) -> Result) -> Result<bool> {
        // SAFETY: `cb` and `skb` are valid (type invariant).
        let hdr = unsafe {
            bindings::genlmsg_put(
                self.skb,
                bindings::ipxlat_cb_portid(self.cb),
                (*(*self.cb).nlh).nlmsg_seq,
                family(),
                bindings::NLM_F_MULTI as i32,
                cmd,
            )
        };
        if hdr.is_null() {
            return Ok(false);
        }
        // SAFETY: the skb holds the message just opened; ours for the round.
        let mut w = unsafe { Writer::from_raw(self.skb) };
        let res = fill(&mut w);
        match res {
            Ok(()) => {
                // SAFETY: `hdr` is the open message of `skb`.
                unsafe { bindings::genlmsg_end(self.skb, hdr) };
                Ok(true)
            }
            Err(e) => {
                // SAFETY: as above; trims the message.
                unsafe { bindings::genlmsg_cancel(self.skb, hdr) };
                if e == EMSGSIZE {
                    Ok(false)
                } else {
                    Err(e)
                }
            }
        }
    }
}
