// SPDX-License-Identifier: GPL-2.0
//! `dev show` / `dev set`: dev-get and dev-set.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use crate::cli::{self, Args, Usage};
use crate::netlink::{self as nl, Attr, Request};
use crate::uapi::{self, cfg, dev, pool, pool4, pool6};

/// Prefix-setting for `prefix ADDR/LEN | prefix none`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prefix6 {
    Set(Ipv6Addr, u8),
    Unset,
}

/// `tos N | tos inherit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tos {
    Override(u8),
    Inherit,
}

/// A partial configuration update; `None` fields are left unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DevConfig {
    pub prefix6: Option<Prefix6>,
    pub lowest_ipv6_mtu: Option<u32>,
    pub profile: Option<u32>,
    pub local_prefix6: Option<(Ipv6Addr, u8)>,
    pub local_ipv4: Option<(Ipv4Addr, u8)>,
    pub local_unset: bool,
    pub hairpin: Option<u32>,
    pub wkp_strict: Option<bool>,
    pub udp_zero_csum: Option<u32>,
    pub icmp_src4_fallback: Option<(Ipv4Addr, u8)>,
    pub icmp_src4_pool_mode: Option<u32>,
    pub icmp_src6_fallback: Option<Option<Ipv6Addr>>,
    pub icmp_errors: Option<bool>,
    pub zero_traffic_class: Option<bool>,
    pub tos: Option<Tos>,
}

/// `dev show [[dev] NAME]`
pub fn parse_show(words: &[String]) -> Result<Option<String>, Usage> {
    let mut a = Args::new(words);
    let dev = match a.next() {
        None => None,
        Some("dev") => Some(cli::check_ifname(a.value("dev")?)?),
        Some(name) => Some(cli::check_ifname(name)?),
    };
    if let Some(w) = a.next() {
        return cli::usage(format!("unexpected argument \"{w}\""));
    }
    Ok(dev)
}

/// `dev set [dev] NAME KEY VALUE...`
pub fn parse_set(words: &[String]) -> Result<(String, DevConfig), Usage> {
    let mut a = Args::new(words);
    let name = match a.next() {
        Some("dev") => a.value("dev")?,
        Some(n) => n,
        None => return cli::usage("missing device name"),
    };
    let name = cli::check_ifname(name)?;
    let mut c = DevConfig::default();
    let mut seen = Vec::new();
    while let Some(key) = a.next() {
        let canonical = match key {
            "xlat-prefix6" => "prefix",
            "eam-hairpin-mode" => "hairpin",
            k => k,
        };
        Args::once(&mut seen, canonical)?;
        match key {
            "prefix" | "xlat-prefix6" => {
                let v = a.value(key)?;
                c.prefix6 = Some(if v == "none" {
                    Prefix6::Unset
                } else {
                    let (p, l) = cli::parse_v6_prefix(v, None)?;
                    Prefix6::Set(p, l)
                });
            }
            "lowest-ipv6-mtu" => c.lowest_ipv6_mtu = Some(cli::parse_num(key, a.value(key)?)?),
            "profile" => c.profile = Some(cli::parse_enum(key, uapi::PROFILE, a.value(key)?)?),
            "local-prefix6" => c.local_prefix6 = Some(cli::parse_v6_prefix(a.value(key)?, None)?),
            "local-ipv4" => c.local_ipv4 = Some(cli::parse_v4_prefix(a.value(key)?, None)?),
            "local" => match a.value(key)? {
                "none" => c.local_unset = true,
                v => return cli::usage(format!("\"local\" takes only none, not \"{v}\"")),
            },
            "hairpin" | "eam-hairpin-mode" => {
                c.hairpin = Some(cli::parse_enum(key, uapi::HAIRPIN_MODE, a.value(key)?)?)
            }
            "wkp-strict" => c.wkp_strict = Some(cli::parse_on_off(key, a.value(key)?)?),
            "udp-zero-csum" => {
                c.udp_zero_csum = Some(cli::parse_enum(key, uapi::UDP_ZERO_CSUM, a.value(key)?)?)
            }
            "icmp-src4-fallback" => {
                c.icmp_src4_fallback = Some(cli::parse_v4_prefix(a.value(key)?, Some(32))?)
            }
            "icmp-src4-pool-mode" => {
                c.icmp_src4_pool_mode =
                    Some(cli::parse_enum(key, uapi::POOL_MODE, a.value(key)?)?)
            }
            "icmp-src6-fallback" => {
                let v = a.value(key)?;
                c.icmp_src6_fallback = Some(if v == "none" {
                    None
                } else {
                    Some(v.parse().map_err(|_| Usage(format!("invalid IPv6 address \"{v}\"")))?)
                });
            }
            "icmp-errors" => c.icmp_errors = Some(cli::parse_on_off(key, a.value(key)?)?),
            "zero-traffic-class" => {
                c.zero_traffic_class = Some(cli::parse_on_off(key, a.value(key)?)?)
            }
            "tos" => {
                let v = a.value(key)?;
                c.tos = Some(if v == "inherit" {
                    Tos::Inherit
                } else {
                    Tos::Override(parse_tos(v)?)
                });
            }
            _ => return cli::usage(format!("unknown dev set keyword \"{key}\"")),
        }
    }
    if c == DevConfig::default() {
        return cli::usage("dev set: nothing to change");
    }
    if c.local_unset && (c.local_prefix6.is_some() || c.local_ipv4.is_some()) {
        return cli::usage("\"local none\" conflicts with local-prefix6/local-ipv4");
    }
    Ok((name, c))
}

fn parse_tos(v: &str) -> Result<u8, Usage> {
    let n = if let Some(h) = v.strip_prefix("0x") {
        u8::from_str_radix(h, 16).ok()
    } else {
        v.parse().ok()
    };
    n.ok_or_else(|| Usage(format!("invalid tos \"{v}\" (0-255 or inherit)")))
}

/// A `pool` nest (RFC 6052 prefix: xlat-prefix6, local-prefix6).
pub fn pool_nest(ty: u16, p: &Ipv6Addr, len: u8) -> Attr {
    nl::attr_nest(
        ty,
        &[nl::attr_bytes(pool::PREFIX, &p.octets()), nl::attr_u8(pool::PREFIX_LEN, len)],
    )
}

/// A `pool6` nest (any-length IPv6 prefix: EAM entries).
pub fn pool6_nest(ty: u16, p: &Ipv6Addr, len: u8) -> Attr {
    nl::attr_nest(
        ty,
        &[nl::attr_bytes(pool6::PREFIX, &p.octets()), nl::attr_u8(pool6::PREFIX_LEN, len)],
    )
}

pub fn pool4_nest(ty: u16, p: &Ipv4Addr, len: u8) -> Attr {
    nl::attr_nest(
        ty,
        &[nl::attr_bytes(pool4::PREFIX, &p.octets()), nl::attr_u8(pool4::PREFIX_LEN, len)],
    )
}

/// The `config` nest of a dev-set request, attributes in id order.
pub fn config_attrs(c: &DevConfig) -> Vec<Attr> {
    let mut v = Vec::new();
    if let Some(Prefix6::Set(p, l)) = &c.prefix6 {
        v.push(pool_nest(cfg::XLAT_PREFIX6, p, *l));
    }
    if let Some(m) = c.lowest_ipv6_mtu {
        v.push(nl::attr_u32(cfg::LOWEST_IPV6_MTU, m));
    }
    if let Some(p) = c.profile {
        v.push(nl::attr_u32(cfg::PROFILE, p));
    }
    if let Some((p, l)) = &c.local_prefix6 {
        v.push(pool_nest(cfg::LOCAL_PREFIX6, p, *l));
    }
    if let Some((p, l)) = &c.local_ipv4 {
        v.push(pool4_nest(cfg::LOCAL_IPV4, p, *l));
    }
    if let Some(h) = c.hairpin {
        v.push(nl::attr_u32(cfg::EAM_HAIRPIN_MODE, h));
    }
    if let Some(b) = c.wkp_strict {
        v.push(nl::attr_u8(cfg::WKP_STRICT, b as u8));
    }
    if let Some(m) = c.udp_zero_csum {
        v.push(nl::attr_u32(cfg::UDP_ZERO_CSUM, m));
    }
    if let Some((p, l)) = &c.icmp_src4_fallback {
        v.push(pool4_nest(cfg::ICMP_SRC4_FALLBACK, p, *l));
    }
    if let Some(m) = c.icmp_src4_pool_mode {
        v.push(nl::attr_u32(cfg::ICMP_SRC4_POOL_MODE, m));
    }
    if let Some(a) = &c.icmp_src6_fallback {
        let bytes = a.map(|a| a.octets()).unwrap_or([0; 16]);
        v.push(nl::attr_bytes(cfg::ICMP_SRC6_FALLBACK, &bytes));
    }
    if let Some(b) = c.icmp_errors {
        v.push(nl::attr_u8(cfg::ICMP_ERRORS, b as u8));
    }
    if let Some(b) = c.zero_traffic_class {
        v.push(nl::attr_u8(cfg::ZERO_TRAFFIC_CLASS, b as u8));
    }
    match c.tos {
        Some(Tos::Override(t)) => {
            v.push(nl::attr_u8(cfg::OVERRIDE_TOS, 1));
            v.push(nl::attr_u8(cfg::TOS, t));
        }
        Some(Tos::Inherit) => v.push(nl::attr_u8(cfg::OVERRIDE_TOS, 0)),
        None => {}
    }
    if c.prefix6 == Some(Prefix6::Unset) {
        v.push(nl::attr_flag(cfg::XLAT_PREFIX6_UNSET));
    }
    if c.local_unset {
        v.push(nl::attr_flag(cfg::LOCAL_UNSET));
    }
    v
}

/// dev-get for one device or a dump of all; always with the `extensions`
/// flag, so that the replies carry every setting, not only the RFC v1 ones.
pub fn get_request(ifindex: Option<u32>) -> Request {
    let extensions = nl::attr_flag(dev::EXTENSIONS);
    match ifindex {
        Some(i) => Request::new(uapi::cmd::DEV_GET, vec![nl::attr_u32(dev::IFINDEX, i), extensions]),
        None => Request::dump(uapi::cmd::DEV_GET, vec![extensions]),
    }
}

pub fn set_request(ifindex: u32, c: &DevConfig) -> Request {
    Request::new(
        uapi::cmd::DEV_SET,
        vec![nl::attr_u32(dev::IFINDEX, ifindex), nl::attr_nest(dev::CONFIG, &config_attrs(c))],
    )
}

/// An IPv4 or IPv6 prefix as shown (`"prefix"`, `"prefix-len"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PrefixOut {
    pub prefix: String,
    pub prefix_len: u8,
}

impl PrefixOut {
    /// Decode a pool/pool4/pool6 nest (all use ids 1 and 2).
    pub fn from_nest(a: &Attr) -> Option<Self> {
        let inner = nl::nested(a);
        let p = nl::payload(nl::find(&inner, pool::PREFIX)?);
        let prefix = match p.len() {
            4 => Ipv4Addr::from(<[u8; 4]>::try_from(p).ok()?).to_string(),
            16 => Ipv6Addr::from(<[u8; 16]>::try_from(p).ok()?).to_string(),
            _ => return None,
        };
        let prefix_len = nl::find(&inner, pool::PREFIX_LEN).and_then(nl::get_u8)?;
        Some(PrefixOut { prefix, prefix_len })
    }
}

impl std::fmt::Display for PrefixOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.prefix, self.prefix_len)
    }
}

/// One dev-get reply (JSON keys as `ip xlat show`, extensions after).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct DevInfo {
    pub ifindex: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ifname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub netnsid: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xlat_prefix6: Option<PrefixOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lowest_ipv6_mtu: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_prefix6: Option<PrefixOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_ipv4: Option<PrefixOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eam_hairpin_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wkp_strict: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub udp_zero_csum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icmp_src4_fallback: Option<PrefixOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icmp_src4_pool_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icmp_src6_fallback: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icmp_errors: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zero_traffic_class: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_tos: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tos: Option<u8>,
}

impl DevInfo {
    pub fn from_attrs(attrs: &[Attr]) -> Self {
        let mut d = DevInfo {
            ifindex: nl::find(attrs, dev::IFINDEX).and_then(nl::get_u32).unwrap_or(0),
            netnsid: nl::find(attrs, dev::NETNSID).and_then(nl::get_s32),
            ..Default::default()
        };
        let Some(c) = nl::find(attrs, dev::CONFIG) else {
            return d;
        };
        let name = |names: &[&str], a: &Attr| nl::get_u32(a).map(|v| uapi::enum_name(names, v));
        for a in nl::nested(c) {
            match nl::kind(&a) {
                cfg::XLAT_PREFIX6 => d.xlat_prefix6 = PrefixOut::from_nest(&a),
                cfg::LOWEST_IPV6_MTU => d.lowest_ipv6_mtu = nl::get_u32(&a),
                cfg::PROFILE => d.profile = name(uapi::PROFILE, &a),
                cfg::LOCAL_PREFIX6 => d.local_prefix6 = PrefixOut::from_nest(&a),
                cfg::LOCAL_IPV4 => d.local_ipv4 = PrefixOut::from_nest(&a),
                cfg::EAM_HAIRPIN_MODE => d.eam_hairpin_mode = name(uapi::HAIRPIN_MODE, &a),
                cfg::WKP_STRICT => d.wkp_strict = nl::get_u8(&a).map(|v| v != 0),
                cfg::UDP_ZERO_CSUM => d.udp_zero_csum = name(uapi::UDP_ZERO_CSUM, &a),
                cfg::ICMP_SRC4_FALLBACK => d.icmp_src4_fallback = PrefixOut::from_nest(&a),
                cfg::ICMP_SRC4_POOL_MODE => d.icmp_src4_pool_mode = name(uapi::POOL_MODE, &a),
                cfg::ICMP_SRC6_FALLBACK => {
                    d.icmp_src6_fallback = <[u8; 16]>::try_from(nl::payload(&a))
                        .ok()
                        .filter(|b| b.iter().any(|x| *x != 0))
                        .map(|b| Ipv6Addr::from(b).to_string())
                }
                cfg::ICMP_ERRORS => d.icmp_errors = nl::get_u8(&a).map(|v| v != 0),
                cfg::ZERO_TRAFFIC_CLASS => d.zero_traffic_class = nl::get_u8(&a).map(|v| v != 0),
                cfg::OVERRIDE_TOS => d.override_tos = nl::get_u8(&a).map(|v| v != 0),
                cfg::TOS => d.tos = nl::get_u8(&a),
                _ => {}
            }
        }
        d
    }

    /// iproute2-like text: `IFINDEX: NAME` then indented key/value lines.
    pub fn to_text(&self) -> String {
        let onoff = |b: bool| if b { "on" } else { "off" };
        let mut s = format!(
            "{}: {}",
            self.ifindex,
            self.ifname.as_deref().unwrap_or("?")
        );
        if let Some(n) = self.netnsid {
            s += &format!(" link-netnsid {n}");
        }
        s.push('\n');
        let mut line = Vec::new();
        match &self.xlat_prefix6 {
            Some(p) => line.push(format!("prefix {p}")),
            None => line.push("prefix none".to_string()),
        }
        if let Some(m) = self.lowest_ipv6_mtu {
            line.push(format!("lowest-ipv6-mtu {m}"));
        }
        if let Some(p) = &self.profile {
            line.push(format!("profile {p}"));
        }
        s += &format!("    {}\n", line.join(" "));
        let mut line = Vec::new();
        if let Some(p) = &self.local_prefix6 {
            line.push(format!("local-prefix6 {p}"));
        }
        if let Some(p) = &self.local_ipv4 {
            line.push(format!("local-ipv4 {p}"));
        }
        if let Some(h) = &self.eam_hairpin_mode {
            line.push(format!("hairpin {h}"));
        }
        if let Some(b) = self.wkp_strict {
            line.push(format!("wkp-strict {}", onoff(b)));
        }
        if let Some(u) = &self.udp_zero_csum {
            line.push(format!("udp-zero-csum {u}"));
        }
        if !line.is_empty() {
            s += &format!("    {}\n", line.join(" "));
        }
        let mut line = Vec::new();
        if let Some(p) = &self.icmp_src4_fallback {
            line.push(format!("icmp-src4-fallback {p}"));
        }
        if let Some(m) = &self.icmp_src4_pool_mode {
            line.push(format!("icmp-src4-pool-mode {m}"));
        }
        if self.icmp_errors.is_some() || self.icmp_src4_fallback.is_some() {
            line.push(format!(
                "icmp-src6-fallback {}",
                self.icmp_src6_fallback.as_deref().unwrap_or("none")
            ));
        }
        if let Some(b) = self.icmp_errors {
            line.push(format!("icmp-errors {}", onoff(b)));
        }
        if let Some(b) = self.zero_traffic_class {
            line.push(format!("zero-traffic-class {}", onoff(b)));
        }
        match (self.override_tos, self.tos) {
            (Some(true), Some(t)) => line.push(format!("tos {t}")),
            (Some(false), _) => line.push("tos inherit".to_string()),
            _ => {}
        }
        if !line.is_empty() {
            s += &format!("    {}\n", line.join(" "));
        }
        s
    }
}
