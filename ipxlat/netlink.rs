// SPDX-License-Identifier: GPL-2.0

//! The generic netlink control plane (SPEC 7.1 and the extensions of
//! `Documentation/netlink/specs/ipxlat.yaml`), in safe Rust over
//! [`crate::glue::genl`].
//!
//! Every command works on one device found by ifindex in the requester's
//! namespace ([`device`]); changes go through the device's read-copy-update
//! ([`crate::state::IpxlatPrivate::update`]) so a request applies entirely
//! or not at all, and each successful change is announced with a
//! change-ntf in the `config` group of the device's namespace
//! ([`notify`]).

mod config;
mod device;
pub(crate) mod dev;
pub(crate) mod eam;
mod notify;
pub(crate) mod query;
pub(crate) mod stats;
