// SPDX-License-Identifier: GPL-2.0

//! Generic netlink: the `ipxlat` family generated from the YNL spec, with
//! safe views for the handlers in `crate::netlink`.
//!
//! The spec (`Documentation/netlink/specs/ipxlat.yaml`) is the single source
//! of truth: `tools/net/ynl-gen.sh` turns it into `generated/netlink-gen.c`
//! (policies, split ops with their flags, the family with its multicast
//! group), which declares the `ipxlat_nl_*` handlers that [`entry`] defines
//! in Rust. Everything the handlers touch is a safe type of this module:
//!
//! * [`Request`]: one `doit` request (attributes bounded by the op's
//!   maxattr, requester netns, extack);
//! * [`Dump`]: one round of a dump, with resumable state in `cb->ctx`;
//! * [`Attr`], [`Nested`], [`Policy`]: attributes and nested parsing with the
//!   generated policies;
//! * [`Message`], [`Writer`]: replies and notifications;
//! * [`ExtAck`]: error messages and bad/missing attribute reports;
//! * [`DeviceRef`] and [`for_each_device`]: devices of the module's link
//!   type in a namespace.

mod attr;
mod dev;
mod dump;
mod entry;
mod extack;
mod msg;
mod request;
pub(crate) mod uapi;

pub(crate) use attr::{Attr, Nested, Policy};
pub(crate) use dev::{for_each_device, DeviceRef, LookupError};
pub(crate) use dump::{Dump, DumpStatus};
pub(crate) use extack::ExtAck;
pub(crate) use msg::{Message, Writer};
pub(crate) use request::Request;

use super::bindings;
use kernel::{error::to_result, prelude::*};

/// The registered `ipxlat` generic netlink family; unregistered on drop.
///
/// Register it after the link type and drop it before (the module struct
/// declares it first and initialises it last), so that no request finds
/// the family while devices cannot exist.
pub(crate) struct Registration {
    _private: (),
}

impl Registration {
    /// Registers the generated family (`ipxlat_nl_family`).
    pub(crate) fn new() -> Result<Self> {
        // SAFETY: the family is a static C object built by the generator;
        // it is registered once here and unregistered once in `drop`.
        to_result(unsafe { bindings::genl_register_family(&raw mut bindings::ipxlat_nl_family) })?;
        Ok(Self { _private: () })
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        // SAFETY: registered in `new`; genl waits for running handlers and
        // dumps of the family before this returns.
        unsafe { bindings::genl_unregister_family(&raw const bindings::ipxlat_nl_family) };
    }
}

/// The family, for message headers and multicasts.
fn family() -> *const bindings::genl_family {
    &raw const bindings::ipxlat_nl_family
}
