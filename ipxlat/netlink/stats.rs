// SPDX-License-Identifier: GPL-2.0

//! stats-get (do and dump): the device counters with one `drop` nest per
//! drop reason.

use super::device;
use crate::device::Ipxlat;
use crate::engine::{packet::Family, verdict::DropReason};
use crate::glue::genl::{
    uapi::{self, attr, cmd},
    Dump, DumpStatus, Message, Request, Writer,
};
use crate::glue::netdev::NetDevice;
use kernel::prelude::*;

// The engine's reasons are the spec's `drop-reason` enum, value for value.
const _: () = assert!(DropReason::COUNT == uapi::DROP_REASONS);

/// Writes ifindex and the `stats` nest of `dev`.
fn put_stats(w: &mut Writer<'_>, dev: &NetDevice<Ipxlat>) -> Result {
    let c = &dev.private().counters;
    w.put_u32(attr::DEV_IFINDEX, dev.ifindex())?;
    w.nest(attr::DEV_STATS, |w| {
        let pad = attr::STATS_PAD;
        let (tx46, tx64) = (c.traffic(Family::V6), c.traffic(Family::V4));
        w.put_u64(attr::STATS_TX_46_PACKETS, tx46.packets, pad)?;
        w.put_u64(attr::STATS_TX_46_BYTES, tx46.bytes, pad)?;
        w.put_u64(attr::STATS_TX_64_PACKETS, tx64.packets, pad)?;
        w.put_u64(attr::STATS_TX_64_BYTES, tx64.bytes, pad)?;
        w.put_u64(attr::STATS_ICMP_ERRORS_SENT, c.icmp_errors_sent(), pad)?;
        // Each per-CPU sum read once: the total is then the sum of the
        // per-reason values sent with it.
        let drops = DropReason::ALL.map(|r| c.drops_of(r));
        let total = drops.iter().fold(0u64, |s, n| s.wrapping_add(*n));
        w.put_u64(attr::STATS_DROPS, total, pad)?;
        for (r, n) in DropReason::ALL.into_iter().zip(drops) {
            w.nest(attr::STATS_DROP, |w| {
                w.put_u32(attr::DROP_STAT_REASON, r as u32)?;
                w.put_u64(attr::DROP_STAT_PACKETS, n, attr::DROP_STAT_PAD)
            })?;
        }
        Ok(())
    })
}

/// stats-get do.
pub(crate) fn get_doit(req: &Request<'_>) -> Result {
    let dev = device::of_request(req)?;
    let mut msg = Message::reply_to(req, cmd::STATS_GET)?;
    put_stats(&mut msg.writer(), &dev)?;
    msg.send_reply(req)
}

/// stats-get dump: every ipxlat device of the requester's namespace, in
/// ifindex order, resumable (state: next ifindex).
pub(crate) fn get_dumpit(dump: &mut Dump<'_>) -> Result<DumpStatus> {
    device::dump_each(dump, |dump, dev, _| dump.message(cmd::STATS_GET, |w| put_stats(w, dev)))
}
