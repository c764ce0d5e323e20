// SPDX-License-Identifier: GPL-2.0
//! `eam add|del|show|flush`: the Explicit Address Mapping table.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use super::dev::{pool4_nest, pool6_nest, PrefixOut};
use crate::cli::{self, Args, Usage};
use crate::netlink::{self as nl, Attr, Request};
use crate::uapi::{self, dev, eam};

/// Entries per eam-add/eam-del message when batching. An entry is at most
/// 64 bytes, so a request stays under 130 KiB (below the socket send
/// buffer): a 100,000-entry load takes 49 table rebuilds, and an
/// error reply, which echoes the whole request, fits the receive buffer
/// (`crate::netlink::RECV_BUFFER_LEN`).
pub const ENTRIES_PER_MSG: usize = 2048;

/// One mapping to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub v4: (Ipv4Addr, u8),
    pub v6: (Ipv6Addr, u8),
    pub allow_overlap: bool,
}

/// The key of a mapping to delete: its IPv4 or its IPv6 prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    V4(Ipv4Addr, u8),
    V6(Ipv6Addr, u8),
}

/// `IPV4[/LEN] IPV6[/LEN] dev NAME [allow-overlap]`, the two prefixes in
/// either order.
pub fn parse_add(words: &[String]) -> Result<(String, Entry), Usage> {
    let mut a = Args::new(words);
    let mut v4 = None;
    let mut v6 = None;
    let mut dev = None;
    let mut allow_overlap = false;
    let mut seen = Vec::new();
    while let Some(w) = a.next() {
        match w {
            "dev" => {
                Args::once(&mut seen, w)?;
                dev = Some(cli::check_ifname(a.value("dev")?)?)
            }
            "allow-overlap" => {
                Args::once(&mut seen, w)?;
                allow_overlap = true
            }
            _ => match cli::parse_any_prefix(w)? {
                (IpAddr::V4(p), l) if v4.is_none() => v4 = Some((p, l)),
                (IpAddr::V6(p), l) if v6.is_none() => v6 = Some((p, l)),
                _ => return cli::usage(format!("unexpected argument \"{w}\"")),
            },
        }
    }
    let (Some(v4), Some(v6)) = (v4, v6) else {
        return cli::usage("eam add needs an IPv4 and an IPv6 prefix");
    };
    let dev = dev.ok_or_else(|| Usage("missing \"dev NAME\"".into()))?;
    Ok((dev, Entry { v4, v6, allow_overlap }))
}

/// `IPV4[/LEN]|IPV6[/LEN] dev NAME`
pub fn parse_del(words: &[String]) -> Result<(String, Key), Usage> {
    let mut a = Args::new(words);
    let mut key = None;
    let mut dev = None;
    let mut seen = Vec::new();
    while let Some(w) = a.next() {
        match w {
            "dev" => {
                Args::once(&mut seen, w)?;
                dev = Some(cli::check_ifname(a.value("dev")?)?)
            }
            _ if key.is_none() => {
                key = Some(match cli::parse_any_prefix(w)? {
                    (IpAddr::V4(p), l) => Key::V4(p, l),
                    (IpAddr::V6(p), l) => Key::V6(p, l),
                })
            }
            _ => return cli::usage(format!("unexpected argument \"{w}\"")),
        }
    }
    let key = key.ok_or_else(|| Usage("eam del needs an IPv4 or IPv6 prefix".into()))?;
    let dev = dev.ok_or_else(|| Usage("missing \"dev NAME\"".into()))?;
    Ok((dev, key))
}

/// `dev NAME` alone (show, flush).
pub fn parse_dev_only(words: &[String]) -> Result<String, Usage> {
    let mut a = Args::new(words);
    let dev = cli::parse_dev(&mut a)?;
    if let Some(w) = a.next() {
        return cli::usage(format!("unexpected argument \"{w}\""));
    }
    Ok(dev)
}

pub fn entry_attr(e: &Entry) -> Attr {
    let mut v = vec![
        pool4_nest(eam::IPV4, &e.v4.0, e.v4.1),
        pool6_nest(eam::IPV6, &e.v6.0, e.v6.1),
    ];
    if e.allow_overlap {
        v.push(nl::attr_flag(eam::ALLOW_OVERLAP));
    }
    nl::attr_nest(dev::EAM, &v)
}

pub fn key_attr(k: &Key) -> Attr {
    let inner = match k {
        Key::V4(p, l) => pool4_nest(eam::IPV4, p, *l),
        Key::V6(p, l) => pool6_nest(eam::IPV6, p, *l),
    };
    nl::attr_nest(dev::EAM, &[inner])
}

pub fn add_request(ifindex: u32, entries: &[Entry]) -> Request {
    let mut attrs = vec![nl::attr_u32(dev::IFINDEX, ifindex)];
    attrs.extend(entries.iter().map(entry_attr));
    Request::new(uapi::cmd::EAM_ADD, attrs)
}

pub fn del_request(ifindex: u32, keys: &[Key]) -> Request {
    let mut attrs = vec![nl::attr_u32(dev::IFINDEX, ifindex)];
    attrs.extend(keys.iter().map(key_attr));
    Request::new(uapi::cmd::EAM_DEL, attrs)
}

pub fn get_request(ifindex: u32) -> Request {
    Request::dump(uapi::cmd::EAM_GET, vec![nl::attr_u32(dev::IFINDEX, ifindex)])
}

pub fn flush_request(ifindex: u32) -> Request {
    Request::new(uapi::cmd::EAM_FLUSH, vec![nl::attr_u32(dev::IFINDEX, ifindex)])
}

/// Byte offset (from the start of the netlink message) at which each eam
/// nest of an eam-add/eam-del request starts, to map an extack
/// bad-attribute offset back to an entry.
pub fn entry_offsets(req: &Request) -> Vec<(usize, usize)> {
    use neli::Size;
    let mut off = 16 + 4; // nlmsghdr + genlmsghdr
    let mut out = Vec::new();
    for a in &req.attrs {
        let len = a.padded_size();
        if nl::kind(a) == dev::EAM {
            out.push((off, off + len));
        }
        off += len;
    }
    out
}

/// One mapping as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryOut {
    pub ipv4: PrefixOut,
    pub ipv6: PrefixOut,
}

/// EAM entries of one eam-get reply.
pub fn entries_from_attrs(attrs: &[Attr]) -> Vec<EntryOut> {
    attrs
        .iter()
        .filter(|a| nl::kind(a) == dev::EAM)
        .filter_map(|a| {
            let inner = nl::nested(a);
            Some(EntryOut {
                ipv4: PrefixOut::from_nest(nl::find(&inner, eam::IPV4)?)?,
                ipv6: PrefixOut::from_nest(nl::find(&inner, eam::IPV6)?)?,
            })
        })
        .collect()
}
