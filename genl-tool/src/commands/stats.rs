// SPDX-License-Identifier: GPL-2.0
//! `stats [show] [dev NAME]`: stats-get.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cli::{self, Args, Usage};
use crate::netlink::{self as nl, Attr, Request};
use crate::uapi::{self, dev, drop_stat, stats};

/// `[dev NAME]` (also accepts a bare NAME).
pub fn parse(words: &[String]) -> Result<Option<String>, Usage> {
    let mut a = Args::new(words);
    let d = match a.next() {
        None => None,
        Some("dev") => Some(cli::check_ifname(a.value("dev")?)?),
        Some(n) if a.peek().is_none() && n != "show" => Some(cli::check_ifname(n)?),
        Some(w) => return cli::usage(format!("unexpected argument \"{w}\"")),
    };
    if let Some(w) = a.next() {
        return cli::usage(format!("unexpected argument \"{w}\""));
    }
    Ok(d)
}

pub fn request(ifindex: Option<u32>) -> Request {
    match ifindex {
        Some(i) => Request::new(uapi::cmd::STATS_GET, vec![nl::attr_u32(dev::IFINDEX, i)]),
        None => Request::dump(uapi::cmd::STATS_GET, vec![]),
    }
}

/// Counters of one device.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct StatsOut {
    pub ifindex: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ifname: Option<String>,
    pub tx_46_packets: u64,
    pub tx_46_bytes: u64,
    pub tx_64_packets: u64,
    pub tx_64_bytes: u64,
    pub icmp_errors_sent: u64,
    pub drops: u64,
    /// Per-reason drop counts, every reason listed (zero if unreported).
    pub drop: BTreeMap<String, u64>,
    #[serde(skip)]
    order: Vec<String>,
}

impl StatsOut {
    pub fn from_attrs(attrs: &[Attr]) -> Self {
        let mut s = StatsOut {
            ifindex: nl::find(attrs, dev::IFINDEX).and_then(nl::get_u32).unwrap_or(0),
            ..Default::default()
        };
        for r in uapi::DROP_REASON {
            s.drop.insert(r.to_string(), 0);
            s.order.push(r.to_string());
        }
        let Some(st) = nl::find(attrs, dev::STATS) else {
            return s;
        };
        for a in nl::nested(st) {
            let v = nl::get_u64(&a).unwrap_or(0);
            match nl::kind(&a) {
                stats::TX_46_PACKETS => s.tx_46_packets = v,
                stats::TX_46_BYTES => s.tx_46_bytes = v,
                stats::TX_64_PACKETS => s.tx_64_packets = v,
                stats::TX_64_BYTES => s.tx_64_bytes = v,
                stats::ICMP_ERRORS_SENT => s.icmp_errors_sent = v,
                stats::DROPS => s.drops = v,
                stats::DROP => {
                    let inner = nl::nested(&a);
                    let reason = nl::find(&inner, drop_stat::REASON).and_then(nl::get_u32);
                    let packets = nl::find(&inner, drop_stat::PACKETS).and_then(nl::get_u64);
                    if let (Some(r), Some(p)) = (reason, packets) {
                        let name = uapi::enum_name(uapi::DROP_REASON, r);
                        if !s.order.contains(&name) {
                            s.order.push(name.clone());
                        }
                        s.drop.insert(name, p);
                    }
                }
                _ => {}
            }
        }
        s
    }

    pub fn to_text(&self) -> String {
        let mut s = format!("{}: {}\n", self.ifindex, self.ifname.as_deref().unwrap_or("?"));
        s += &format!(
            "    4->6: {} packets {} bytes\n    6->4: {} packets {} bytes\n",
            self.tx_46_packets, self.tx_46_bytes, self.tx_64_packets, self.tx_64_bytes
        );
        s += &format!(
            "    icmp-errors-sent {}\n    drops {}\n",
            self.icmp_errors_sent, self.drops
        );
        for name in &self.order {
            s += &format!("        {:<24}{}\n", name, self.drop[name]);
        }
        s
    }
}
