// SPDX-License-Identifier: GPL-2.0

//! The `ipxlat_nl_*` handlers declared by the generated
//! `netlink-gen.h`: C entry points that forward to the safe handlers of
//! `crate::netlink`.

use super::{bindings, Dump, DumpStatus, Request};
use crate::netlink;
use kernel::{error::from_result, prelude::*};

/// Runs a `doit` handler.
///
/// # Safety
///
/// `info` is the request of a `doit` call of the family.
unsafe fn doit(info: *mut bindings::genl_info, handler: fn(&Request<'_>) -> Result) -> i32 {
    // SAFETY: forwarded from the caller.
    let req = unsafe { Request::from_raw(info) };
    from_result(|| handler(&req).map(|()| 0))
}

/// Runs a `dumpit` handler: 0 when done, the skb length when more is to
/// come (netlink calls again), or an error.
///
/// # Safety
///
/// `skb` and `cb` are the arguments of a `dumpit` call of the family.
unsafe fn dumpit(
    skb: *mut bindings::sk_buff,
    cb: *mut bindings::netlink_callback,
    handler: fn(&mut Dump<'_>) -> Result<DumpStatus>,
) -> i32 {
    // SAFETY: forwarded from the caller.
    let mut dump = unsafe { Dump::from_raw(skb, cb) };
    from_result(|| match handler(&mut dump)? {
        DumpStatus::Done => Ok(0),
        DumpStatus::More => match i32::try_from(dump.len()) {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(EMSGSIZE),
        },
    })
}

macro_rules! doit_entry {
    ($name:ident => $handler:path) => {
        /// Generated-op entry point (see the module docs).
        ///
        /// # Safety
        ///
        /// Called by generic netlink with a request of the family.
        #[no_mangle]
        unsafe extern "C" fn $name(_skb: *mut bindings::sk_buff, info: *mut bindings::genl_info) -> i32 {
            // SAFETY: generic netlink passes a valid request of our family.
            unsafe { doit(info, $handler) }
        }
    };
}

macro_rules! dumpit_entry {
    ($name:ident => $handler:path) => {
        /// Generated-op entry point (see the module docs).
        ///
        /// # Safety
        ///
        /// Called by generic netlink for a dump of the family.
        #[no_mangle]
        unsafe extern "C" fn $name(skb: *mut bindings::sk_buff, cb: *mut bindings::netlink_callback) -> i32 {
            // SAFETY: generic netlink passes a valid dump of our family.
            unsafe { dumpit(skb, cb, $handler) }
        }
    };
}

doit_entry!(ipxlat_nl_dev_get_doit => netlink::dev::get_doit);
dumpit_entry!(ipxlat_nl_dev_get_dumpit => netlink::dev::get_dumpit);
doit_entry!(ipxlat_nl_dev_set_doit => netlink::dev::set_doit);
doit_entry!(ipxlat_nl_eam_add_doit => netlink::eam::add_doit);
doit_entry!(ipxlat_nl_eam_del_doit => netlink::eam::del_doit);
dumpit_entry!(ipxlat_nl_eam_get_dumpit => netlink::eam::get_dumpit);
doit_entry!(ipxlat_nl_eam_flush_doit => netlink::eam::flush_doit);
doit_entry!(ipxlat_nl_stats_get_doit => netlink::stats::get_doit);
dumpit_entry!(ipxlat_nl_stats_get_dumpit => netlink::stats::get_dumpit);
doit_entry!(ipxlat_nl_query_doit => netlink::query::doit);
