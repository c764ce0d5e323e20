// SPDX-License-Identifier: GPL-2.0

//! query: translate one address through the device's rules, as the
//! destination of a packet would be.

use super::device;
use crate::engine::addr::map::{query_v4, query_v6, Rule};
use crate::glue::genl::{
    uapi::{attr, cmd, rule},
    Message, Policy, Request,
};
use kernel::{prelude::*, sync::rcu};

/// Enum `query-rule` value of a mapping rule (`None` for no result).
fn rule_id(r: Rule) -> Option<u32> {
    match r {
        Rule::Eam => Some(rule::EAM),
        Rule::Prefix6 => Some(rule::PREFIX6),
        Rule::LocalPrefix6 => Some(rule::LOCAL_PREFIX6),
        // Fallbacks only apply to ICMP error sources, never to a query.
        Rule::Fallback => None,
    }
}

/// query do: `address` of exactly 4 or 16 bytes; the reply repeats it and
/// adds `result` and `rule` (`rule` none, no result, when unmapped).
pub(crate) fn doit(req: &Request<'_>) -> Result {
    let ext = req.extack();
    let dev = device::of_request(req)?;
    let q = req.require(attr::DEV_QUERY)?.parse(Policy::addr_query(), &ext)?;
    let a = q.require(attr::QUERY_ADDRESS, &ext)?;
    let addr = a.payload();
    if addr.len() != 4 && addr.len() != 16 {
        ext.bad(&a, "query address must be 4 (IPv4) or 16 (IPv6) bytes");
        return Err(EINVAL);
    }
    let mut msg = Message::reply_to(req, cmd::QUERY)?;
    {
        let guard = rcu::read_lock();
        let snap = dev.private().snapshot(&guard).ok_or(ENOMEM)?;
        let cfg = snap.config();
        let mut out = [0u8; 16];
        let answer = if let Ok(v4) = <[u8; 4]>::try_from(addr) {
            query_v4(&cfg, v4).map(|(r, rl)| {
                out = r;
                (16, rl)
            })
        } else {
            let v6 = <[u8; 16]>::try_from(addr).map_err(|_| EINVAL)?;
            query_v6(&cfg, &v6).map(|(r, rl)| {
                out[..4].copy_from_slice(&r);
                (4, rl)
            })
        };
        let answer = answer.and_then(|(n, rl)| Some((out.get(..n)?, rule_id(rl)?)));
        let mut w = msg.writer();
        w.put_u32(attr::DEV_IFINDEX, dev.ifindex())?;
        w.nest(attr::DEV_QUERY, |w| {
            w.put_bytes(attr::QUERY_ADDRESS, addr)?;
            match answer {
                Some((result, r)) => {
                    w.put_bytes(attr::QUERY_RESULT, result)?;
                    w.put_u32(attr::QUERY_RULE, r)
                }
                None => w.put_u32(attr::QUERY_RULE, rule::NONE),
            }
        })?;
    }
    msg.send_reply(req)
}
