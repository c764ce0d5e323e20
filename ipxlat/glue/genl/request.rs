// SPDX-License-Identifier: GPL-2.0

//! One `doit` request: its attributes, sender, namespace and extack.

use super::{attr::AttrIter, bindings, Attr, ExtAck};
use crate::glue::route::Net;
use core::marker::PhantomData;

/// Bytes before the attributes: `nlmsghdr` and `genlmsghdr` (the family
/// has no user header).
const PAYLOAD_OFFSET: usize =
    core::mem::size_of::<bindings::nlmsghdr>() + core::mem::size_of::<bindings::genlmsghdr>();

/// A generic netlink request being handled by a `doit` handler.
///
/// # Invariants
///
/// `info` is the valid `genl_info` of the request for `'a`, whose `attrs`
/// array has `maxattr + 1` entries (or is null when `maxattr` is 0).
pub(crate) struct Request<'a> {
    info: *mut bindings::genl_info,
    maxattr: u16,
    _life: PhantomData<&'a bindings::genl_info>,
}

impl<'a> Request<'a> {
    /// # Safety
    ///
    /// `info` is the request of a `doit` call of the family, valid for `'a`.
    pub(super) unsafe fn from_raw(info: *mut bindings::genl_info) -> Self {
        // SAFETY: `info` is valid (caller); the header is the request's.
        let cmd = unsafe { (*(*info).genlhdr).cmd };
        Self {
            info,
            maxattr: doit_maxattr(cmd),
            _life: PhantomData,
        }
    }

    /// The raw info, for replies.
    pub(super) fn as_raw(&self) -> *mut bindings::genl_info {
        self.info
    }

    /// Sender port id.
    pub(super) fn portid(&self) -> u32 {
        // SAFETY: `info` is valid (type invariant).
        unsafe { (*self.info).snd_portid }
    }

    /// Request sequence number.
    pub(super) fn seq(&self) -> u32 {
        // SAFETY: `info` is valid (type invariant).
        unsafe { (*self.info).snd_seq }
    }

    /// The requester's network namespace.
    pub(crate) fn net(&self) -> Net {
        // SAFETY: `info` is valid; the socket's namespace outlives the
        // request.
        unsafe { Net::from_raw(bindings::genl_info_net(self.info)) }
    }

    /// The request's extack.
    pub(crate) fn extack(&self) -> ExtAck<'a> {
        // SAFETY: `info` is valid; its extack is the request's.
        unsafe { ExtAck::from_raw((*self.info).extack) }
    }

    /// The top-level attribute `id` as parsed by the op's policy (the last
    /// one for multi-attrs); `None` beyond the op's maxattr.
    pub(crate) fn attr(&self, id: u16) -> Option<Attr<'a>> {
        if id == 0 || id > self.maxattr {
            return None;
        }
        // SAFETY: `info` is valid; `attrs` has `maxattr + 1` entries (type
        // invariant) when non-null.
        let attrs = unsafe { (*self.info).attrs };
        if attrs.is_null() {
            return None;
        }
        // SAFETY: `id <= maxattr` is in bounds; entries are null or point
        // into the request message, which outlives 'a.
        unsafe { Attr::from_ptr(*attrs.add(usize::from(id))) }
    }

    /// The attribute `id`, or a missing-attribute report and `EINVAL`
    /// (`GENL_REQ_ATTR_CHECK`).
    pub(crate) fn require(&self, id: u16) -> kernel::error::Result<Attr<'a>> {
        self.attr(id).ok_or_else(|| {
            self.extack().missing(None, id);
            kernel::error::code::EINVAL
        })
    }

    /// Every top-level attribute with id `id`, in order (multi-attrs).
    pub(crate) fn all(&self, id: u16) -> impl Iterator<Item = Attr<'a>> {
        self.attrs().filter(move |a| a.id() == id)
    }

    /// Every top-level attribute of the request.
    fn attrs(&self) -> AttrIter<'a> {
        // SAFETY: `info` is valid; `nlhdr` is the request's header and its
        // `nlmsg_len` bytes were checked against the skb by netlink.
        let bytes = unsafe {
            let nlh = (*self.info).nlhdr;
            core::slice::from_raw_parts(nlh.cast::<u8>(), (*nlh).nlmsg_len as usize)
        };
        AttrIter::new(bytes.get(PAYLOAD_OFFSET..).unwrap_or(&[]))
    }
}

/// The maxattr of the family's `doit` op for `cmd`, from the generated ops
/// table (0 when the op has no policy).
fn doit_maxattr(cmd: u8) -> u16 {
    // SAFETY: the family is a registered static; its split ops table has
    // `n_split_ops` entries and is never modified.
    let ops = unsafe {
        let f = &*super::family();
        if f.split_ops.is_null() {
            return 0;
        }
        core::slice::from_raw_parts(f.split_ops, usize::from(f.n_split_ops))
    };
    ops.iter()
        .find(|op| op.cmd == cmd && u32::from(op.flags) & bindings::GENL_CMD_CAP_DO != 0)
        .map_or(0, |op| u16::try_from(op.maxattr).unwrap_or(0))
}
