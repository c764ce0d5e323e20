// SPDX-License-Identifier: GPL-2.0

//! Extended acknowledgement reports: the error message, the bad attribute
//! and the missing attribute of a failed request.

use super::{bindings, Attr};
use core::{fmt, marker::PhantomData};

/// Size of `_msg_buf` (`NETLINK_MAX_FMTMSG_LEN`).
const MSG_BUF: usize = bindings::NETLINK_MAX_FMTMSG_LEN as usize;

/// The extack of one request or dump, valid for `'a`.
///
/// # Invariants
///
/// `ptr` is null (nothing is reported) or the request's `netlink_ext_ack`,
/// exclusively the handler's for `'a`.
pub(crate) struct ExtAck<'a> {
    ptr: *mut bindings::netlink_ext_ack,
    _life: PhantomData<&'a mut bindings::netlink_ext_ack>,
}

impl<'a> ExtAck<'a> {
    /// # Safety
    ///
    /// `ptr` is null or the extack of a request being handled for `'a`.
    pub(super) unsafe fn from_raw(ptr: *mut bindings::netlink_ext_ack) -> Self {
        Self {
            ptr,
            _life: PhantomData,
        }
    }

    /// The raw pointer, for the kernel's parsers.
    pub(super) fn as_ptr(&self) -> *mut bindings::netlink_ext_ack {
        self.ptr
    }

    /// Sets the error message (`NL_SET_ERR_MSG`); longer texts are cut at
    /// `NETLINK_MAX_FMTMSG_LEN - 1` bytes.
    pub(crate) fn message(&self, msg: &str) {
        self.message_fmt(format_args!("{msg}"));
    }

    /// Sets a formatted error message (`NL_SET_ERR_MSG_FMT`).
    pub(crate) fn message_fmt(&self, args: fmt::Arguments<'_>) {
        if self.ptr.is_null() {
            return;
        }
        let mut buf = MsgBuf {
            buf: [0; MSG_BUF],
            len: 0,
        };
        // `MsgBuf` never fails; it truncates.
        let _ = fmt::write(&mut buf, args);
        // SAFETY: non-null, so the request's extack, ours for 'a (type
        // invariant); `_msg` then points to its own NUL-terminated buffer,
        // which lives as long as the extack.
        unsafe {
            let ext = &mut *self.ptr;
            for (d, s) in ext._msg_buf.iter_mut().zip(buf.buf.iter()) {
                *d = *s as _;
            }
            ext._msg = ext._msg_buf.as_ptr();
        }
    }

    /// Marks `attr` as the offending attribute (`NL_SET_BAD_ATTR`).
    pub(crate) fn bad_attr(&self, attr: &Attr<'_>) {
        if self.ptr.is_null() {
            return;
        }
        // SAFETY: see `message_fmt`; the attribute lies in the request
        // message, which outlives the report.
        unsafe { (*self.ptr).bad_attr = attr.as_ptr() };
    }

    /// Sets a message and marks the offending attribute.
    pub(crate) fn bad(&self, attr: &Attr<'_>, msg: &str) {
        self.message(msg);
        self.bad_attr(attr);
    }

    /// Reports attribute `id` missing, inside `nest` or at the top level
    /// (`NL_SET_ERR_ATTR_MISS`, as `GENL_REQ_ATTR_CHECK` does).
    pub(crate) fn missing(&self, nest: Option<&Attr<'_>>, id: u16) {
        if self.ptr.is_null() {
            return;
        }
        // SAFETY: see `message_fmt`; a nest lies in the request message.
        unsafe {
            (*self.ptr).miss_nest = nest.map_or(core::ptr::null(), |n| n.as_ptr());
            (*self.ptr).miss_type = id;
        }
    }
}

/// A NUL-terminated, truncating message buffer.
struct MsgBuf {
    buf: [u8; MSG_BUF],
    len: usize,
}

impl fmt::Write for MsgBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for &b in s.as_bytes() {
            // Keep the last byte for the NUL.
            if self.len + 1 >= MSG_BUF {
                break;
            }
            if let Some(d) = self.buf.get_mut(self.len) {
                *d = b;
                self.len += 1;
            }
        }
        Ok(())
    }
}
