// SPDX-License-Identifier: GPL-2.0
//! `query dev NAME ADDRESS`: translate one address.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use crate::cli::{self, Args, Usage};
use crate::netlink::{self as nl, Attr, Request};
use crate::uapi::{self, addr_query, dev};

/// `dev NAME ADDRESS` (either order).
pub fn parse(words: &[String]) -> Result<(String, IpAddr), Usage> {
    let mut a = Args::new(words);
    let mut d = None;
    let mut addr = None;
    while let Some(w) = a.next() {
        match w {
            "dev" => d = Some(cli::check_ifname(a.value("dev")?)?),
            _ if addr.is_none() => {
                addr = Some(
                    w.parse::<IpAddr>()
                        .map_err(|_| Usage(format!("invalid address \"{w}\"")))?,
                )
            }
            _ => return cli::usage(format!("unexpected argument \"{w}\"")),
        }
    }
    let d = d.ok_or_else(|| Usage("missing \"dev NAME\"".into()))?;
    let addr = addr.ok_or_else(|| Usage("missing ADDRESS".into()))?;
    Ok((d, addr))
}

fn ip_bytes(a: &IpAddr) -> Vec<u8> {
    match a {
        IpAddr::V4(a) => a.octets().to_vec(),
        IpAddr::V6(a) => a.octets().to_vec(),
    }
}

fn bytes_ip(b: &[u8]) -> Option<IpAddr> {
    match b.len() {
        4 => Some(IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::try_from(b).ok()?))),
        16 => Some(IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(b).ok()?))),
        _ => None,
    }
}

pub fn request(ifindex: u32, addr: &IpAddr) -> Request {
    Request::new(
        uapi::cmd::QUERY,
        vec![
            nl::attr_u32(dev::IFINDEX, ifindex),
            nl::attr_nest(dev::QUERY, &[nl::attr_bytes(addr_query::ADDRESS, &ip_bytes(addr))]),
        ],
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryOut {
    pub address: String,
    pub result: Option<String>,
    pub rule: String,
}

impl QueryOut {
    pub fn from_attrs(attrs: &[Attr], asked: &IpAddr) -> Self {
        let inner = nl::find(attrs, dev::QUERY).map(nl::nested).unwrap_or_default();
        let address = nl::find(&inner, addr_query::ADDRESS)
            .and_then(|a| bytes_ip(nl::payload(a)))
            .unwrap_or(*asked)
            .to_string();
        let result = nl::find(&inner, addr_query::RESULT)
            .and_then(|a| bytes_ip(nl::payload(a)))
            .map(|a| a.to_string());
        let rule = nl::find(&inner, addr_query::RULE)
            .and_then(nl::get_u32)
            .map(|r| uapi::enum_name(uapi::QUERY_RULE, r))
            .unwrap_or_else(|| "none".into());
        QueryOut { address, result, rule }
    }

    pub fn to_text(&self) -> String {
        match &self.result {
            Some(r) => format!("{} -> {} ({})\n", self.address, r, self.rule),
            None => format!("{} -> none (no mapping)\n", self.address),
        }
    }
}
