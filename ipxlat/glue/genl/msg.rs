// SPDX-License-Identifier: GPL-2.0

//! Building generic netlink messages: replies, notifications and dump
//! entries.

use super::{bindings, family, Request};
use crate::glue::route::Net;
use core::{marker::PhantomData, ptr::NonNull};
use kernel::{error::to_result, prelude::*};

/// Attribute writer over a message being built in an skb.
///
/// # Invariants
///
/// `skb` is a valid buffer holding an open generic netlink message, and the
/// writer has exclusive use of it for `'a`.
pub(crate) struct Writer<'a> {
    skb: *mut bindings::sk_buff,
    _life: PhantomData<&'a mut bindings::sk_buff>,
}

impl<'a> Writer<'a> {
    /// # Safety
    ///
    /// `skb` is valid, holds an open message and is ours for `'a`.
    pub(super) unsafe fn from_raw(skb: *mut bindings::sk_buff) -> Self {
        Self {
            skb,
            _life: PhantomData,
        }
    }

    /// Appends an attribute with payload `data` (`EMSGSIZE` when full).
    pub(crate) fn put_bytes(&mut self, id: u16, data: &[u8]) -> Result {
        let len = i32::try_from(data.len()).map_err(|_| EMSGSIZE)?;
        // SAFETY: `skb` is ours (type invariant); `data` is readable for
        // `len` bytes and copied.
        to_result(unsafe { bindings::nla_put(self.skb, i32::from(id), len, data.as_ptr().cast()) })
    }

    /// Appends a `u8` attribute.
    pub(crate) fn put_u8(&mut self, id: u16, v: u8) -> Result {
        self.put_bytes(id, &[v])
    }

    /// Appends a `u32` attribute (host order).
    pub(crate) fn put_u32(&mut self, id: u16, v: u32) -> Result {
        self.put_bytes(id, &v.to_ne_bytes())
    }

    /// Appends a `u64` attribute, aligned with a `pad` attribute if needed.
    pub(crate) fn put_u64(&mut self, id: u16, v: u64, pad: u16) -> Result {
        // SAFETY: `skb` is ours (type invariant).
        to_result(unsafe { bindings::nla_put_u64_64bit(self.skb, i32::from(id), v, i32::from(pad)) })
    }

    /// Appends a nest filled by `fill`; on error the nest is removed again
    /// and the error returned.
    pub(crate) fn nest(&mut self, id: u16, fill: impl FnOnce(&mut Self) -> Result) -> Result {
        // SAFETY: `skb` is ours (type invariant).
        let start = unsafe { bindings::nla_nest_start(self.skb, i32::from(id)) };
        if start.is_null() {
            return Err(EMSGSIZE);
        }
        match fill(self) {
            Ok(()) => {
                // SAFETY: `start` was opened on this skb just above.
                unsafe { bindings::nla_nest_end(self.skb, start) };
                Ok(())
            }
            Err(e) => {
                // SAFETY: as above; trims everything after `start`.
                unsafe { bindings::nla_nest_cancel(self.skb, start) };
                Err(e)
            }
        }
    }

    /// Like [`Writer::nest`], but a full buffer is `Ok(false)` (nothing
    /// written) rather than an error, for filling a message to capacity.
    pub(crate) fn try_nest(&mut self, id: u16, fill: impl FnOnce(&mut Self) -> Result) -> Result<bool> {
        match self.nest(id, fill) {
            Ok(()) => Ok(true),
            Err(e) if e == EMSGSIZE => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// An owned message: a reply or a notification, freed unless sent.
///
/// # Invariants
///
/// `skb` is an skb we own holding one open message whose header is `hdr`.
pub(crate) struct Message {
    skb: NonNull<bindings::sk_buff>,
    hdr: *mut core::ffi::c_void,
}

impl Message {
    /// Allocates a message of the family with command `cmd`.
    fn new(portid: u32, seq: u32, cmd: u8) -> Result<Self> {
        // SAFETY: no preconditions; returns null on failure.
        let skb = unsafe { bindings::genlmsg_new(bindings::ipxlat_nlmsg_goodsize(), kernel::bindings::GFP_KERNEL) };
        let skb = NonNull::new(skb).ok_or(ENOMEM)?;
        // SAFETY: `skb` is new and empty; the family is registered.
        let hdr = unsafe { bindings::genlmsg_put(skb.as_ptr(), portid, seq, family(), 0, cmd) };
        if hdr.is_null() {
            // SAFETY: we own `skb`.
            unsafe { bindings::nlmsg_free(skb.as_ptr()) };
            return Err(EMSGSIZE);
        }
        Ok(Self { skb, hdr })
    }

    /// A reply to `req` with command `cmd`.
    pub(crate) fn reply_to(req: &Request<'_>, cmd: u8) -> Result<Self> {
        Self::new(req.portid(), req.seq(), cmd)
    }

    /// A notification with command `cmd`.
    pub(crate) fn event(cmd: u8) -> Result<Self> {
        Self::new(0, 0, cmd)
    }

    /// The attribute writer.
    pub(crate) fn writer(&mut self) -> Writer<'_> {
        // SAFETY: we own the skb and its open message (type invariant).
        unsafe { Writer::from_raw(self.skb.as_ptr()) }
    }

    /// Closes the message and hands the skb over, for sending.
    fn finish(self) -> *mut bindings::sk_buff {
        let this = core::mem::ManuallyDrop::new(self);
        // SAFETY: `hdr` is the open message of our skb.
        unsafe { bindings::genlmsg_end(this.skb.as_ptr(), this.hdr) };
        this.skb.as_ptr()
    }

    /// Sends the message as the reply to `req`.
    pub(crate) fn send_reply(self, req: &Request<'_>) -> Result {
        let skb = self.finish();
        // SAFETY: `skb` is ours to hand over (consumed even on error); the
        // request's info is valid during the handler.
        to_result(unsafe { bindings::genlmsg_reply(skb, req.as_raw()) })
    }

    /// Multicasts the message in `net` to multicast group `group` of the
    /// family. Having no listener is not an error.
    pub(crate) fn multicast(self, net: Net, group: u32) {
        let skb = self.finish();
        // SAFETY: `skb` is handed over (consumed in every case); `net` is
        // the valid namespace of a device we hold.
        let _ = unsafe {
            bindings::genlmsg_multicast_netns(family(), net.as_ptr(), skb, 0, group, kernel::bindings::GFP_KERNEL)
        };
    }
}

impl Drop for Message {
    fn drop(&mut self) {
        // SAFETY: we own the skb and it was not sent (sending forgets self).
        unsafe { bindings::nlmsg_free(self.skb.as_ptr()) };
    }
}
