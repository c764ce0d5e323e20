// SPDX-License-Identifier: GPL-2.0

//! dev-get (do and dump) and dev-set: the RFC v1 commands, with the
//! extension settings in the same `config` nest. dev-get replies carry
//! them only when asked (the `extensions` flag): a v1 client that rejects
//! unknown attributes (the kernel's YNL library does by default) can then
//! read every reply (SPEC 7.1).

use super::{config, device, notify};
use crate::device::Ipxlat;
use crate::glue::genl::{
    uapi::{attr, change, cmd},
    Dump, DumpStatus, Message, Policy, Request, Writer,
};
use crate::glue::netdev::NetDevice;
use crate::state::Snapshot;
use kernel::{prelude::*, sync::rcu};

/// Writes one dev-get reply: ifindex and config, the RFC v1 settings only
/// unless `extensions`. The device is always in the requester's
/// namespace, so netnsid is never needed.
fn put_dev(w: &mut Writer<'_>, dev: &NetDevice<Ipxlat>, snap: &Snapshot, extensions: bool) -> Result {
    w.put_u32(attr::DEV_IFINDEX, dev.ifindex())?;
    w.nest(attr::DEV_CONFIG, |w| {
        config::put_v1(w, &snap.settings)?;
        if extensions {
            config::put_extensions(w, &snap.settings)?;
        }
        Ok(())
    })
}

/// dev-get do: the configuration of one device (one consistent snapshot).
pub(crate) fn get_doit(req: &Request<'_>) -> Result {
    let dev = device::of_request(req)?;
    let extensions = req.attr(attr::DEV_EXTENSIONS).is_some();
    let mut msg = Message::reply_to(req, cmd::DEV_GET)?;
    {
        let guard = rcu::read_lock();
        let snap = dev.private().snapshot(&guard).ok_or(ENOMEM)?;
        put_dev(&mut msg.writer(), &dev, snap, extensions)?;
    }
    msg.send_reply(req)
}

/// dev-get dump: one message per ipxlat device of the requester's
/// namespace, in ifindex order, resumable (state: next ifindex).
pub(crate) fn get_dumpit(dump: &mut Dump<'_>) -> Result<DumpStatus> {
    let extensions = dump.attr(attr::DEV_EXTENSIONS).is_some();
    device::dump_each(dump, |dump, dev, guard| match dev.private().snapshot(guard) {
        Some(snap) => dump.message(cmd::DEV_GET, |w| put_dev(w, dev, snap, extensions)),
        // No configuration (allocation failed at creation): nothing to show.
        None => Ok(true),
    })
}

/// dev-set: merges the request's config into a copy of the device's and
/// publishes it only if the whole result is valid (SPEC 7.1).
pub(crate) fn set_doit(req: &Request<'_>) -> Result {
    let ext = req.extack();
    let dev = device::of_request(req)?;
    let cfg = req.require(attr::DEV_CONFIG)?.parse(Policy::cfg(), &ext)?;
    dev.private().update(|next| config::apply(&cfg, &mut next.settings, &ext))?;
    notify::change(&dev, change::DEV_SET);
    Ok(())
}
