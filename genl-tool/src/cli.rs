// SPDX-License-Identifier: GPL-2.0
//! Command line grammar: `ipxlat-ctl [-j] [-p] [-b FILE] OBJECT COMMAND ARGS`.
//!
//! clap parses the global options, objects and commands; the iproute2-style
//! keyword arguments after a command (`dev NAME`, `prefix ADDR/LEN`, ...)
//! are parsed by the object's module under `commands/`.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "ipxlat-ctl",
    version,
    about = "Configure ipxlat SIIT translator devices over generic netlink",
    long_about = "Configure ipxlat stateless IPv4/IPv6 translator (SIIT, RFC 7915) devices \
                  over the \"ipxlat\" generic netlink family.\n\n\
                  Exit status: 0 ok, 1 kernel or transport error, 2 usage error.",
    disable_help_subcommand = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// Print JSON
    #[arg(short = 'j', long = "json", global = true)]
    pub json: bool,
    /// Pretty-print JSON (with -j)
    #[arg(short = 'p', long = "pretty", global = true)]
    pub pretty: bool,
    /// Read commands from FILE, one per line ("-" for stdin, "#" comments)
    #[arg(short = 'b', long = "batch", value_name = "FILE")]
    pub batch: Option<String>,
    #[command(subcommand)]
    pub object: Option<Object>,
}

/// Trailing iproute2-style words of a command.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Words {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    pub words: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum Object {
    /// Show or change device configuration (default command: show)
    Dev {
        #[command(subcommand)]
        cmd: Option<DevCmd>,
    },
    /// Explicit Address Mapping table (RFC 7757) (default command: show)
    #[command(
        override_usage = "ipxlat-ctl eam [add|del|show|flush] ... dev NAME",
        args_conflicts_with_subcommands = true
    )]
    Eam {
        #[command(subcommand)]
        cmd: Option<EamCmd>,
        #[command(flatten)]
        args: Words,
    },
    /// Translation and drop counters
    #[command(
        override_usage = "ipxlat-ctl stats [show] [dev NAME]",
        args_conflicts_with_subcommands = true
    )]
    Stats {
        #[command(subcommand)]
        cmd: Option<StatsCmd>,
        #[command(flatten)]
        args: Words,
    },
    /// Translate an address through a device's rules
    #[command(override_usage = "ipxlat-ctl query dev NAME ADDRESS")]
    Query {
        #[command(flatten)]
        args: Words,
    },
    /// Print configuration change notifications
    Monitor,
    /// Print a shell completion script
    #[command(hide = true)]
    Completions { shell: clap_complete::Shell },
}

#[derive(Subcommand, Debug)]
pub enum DevCmd {
    /// Show one device or all ipxlat devices
    #[command(override_usage = "ipxlat-ctl dev show [[dev] NAME]")]
    Show {
        #[command(flatten)]
        args: Words,
    },
    /// Change a device's configuration
    #[command(override_usage = "ipxlat-ctl dev set [dev] NAME [prefix ADDR/LEN | prefix none] \
        [lowest-ipv6-mtu N] [profile generic|clat] [local-prefix6 ADDR/LEN] \
        [local-ipv4 ADDR/LEN] [local none] [hairpin off|simple|intrinsic] \
        [wkp-strict on|off] [udp-zero-csum compute|drop] [icmp-src4-fallback ADDR[/LEN]] \
        [icmp-src4-pool-mode random|hop-keyed] [icmp-src6-fallback ADDR|none] \
        [icmp-errors on|off] [zero-traffic-class on|off] [tos N|inherit]")]
    Set {
        #[command(flatten)]
        args: Words,
    },
}

#[derive(Subcommand, Debug)]
pub enum EamCmd {
    /// Add a mapping IPV4[/LEN] <-> IPV6[/LEN]
    #[command(override_usage = "ipxlat-ctl eam add IPV4[/LEN] IPV6[/LEN] dev NAME [allow-overlap]")]
    Add {
        #[command(flatten)]
        args: Words,
    },
    /// Delete the mapping with this IPv4 or IPv6 prefix
    #[command(override_usage = "ipxlat-ctl eam del IPV4[/LEN]|IPV6[/LEN] dev NAME")]
    Del {
        #[command(flatten)]
        args: Words,
    },
    /// List the mappings of a device
    #[command(override_usage = "ipxlat-ctl eam show dev NAME")]
    Show {
        #[command(flatten)]
        args: Words,
    },
    /// Delete every mapping of a device
    #[command(override_usage = "ipxlat-ctl eam flush dev NAME")]
    Flush {
        #[command(flatten)]
        args: Words,
    },
}

#[derive(Subcommand, Debug)]
pub enum StatsCmd {
    /// Show counters, per-reason drops included
    #[command(override_usage = "ipxlat-ctl stats show [dev NAME]")]
    Show {
        #[command(flatten)]
        args: Words,
    },
}

/// A usage error (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage(pub String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn usage<T>(msg: impl Into<String>) -> Result<T, Usage> {
    Err(Usage(msg.into()))
}

/// Cursor over keyword arguments.
pub struct Args<'a> {
    words: &'a [String],
    pos: usize,
}

impl<'a> Args<'a> {
    pub fn new(words: &'a [String]) -> Self {
        Args { words, pos: 0 }
    }
    pub fn next(&mut self) -> Option<&'a str> {
        let w = self.words.get(self.pos)?;
        self.pos += 1;
        Some(w.as_str())
    }
    pub fn peek(&self) -> Option<&'a str> {
        self.words.get(self.pos).map(|s| s.as_str())
    }
    /// Refuses a keyword seen before in `seen` (iproute2's "duplicate
    /// argument"), else records it; `key` is its canonical spelling.
    pub fn once(seen: &mut Vec<&'a str>, key: &'a str) -> Result<(), Usage> {
        if seen.contains(&key) {
            return usage(format!("duplicate argument \"{key}\""));
        }
        seen.push(key);
        Ok(())
    }
    /// The value after keyword `key`.
    pub fn value(&mut self, key: &str) -> Result<&'a str, Usage> {
        self.next()
            .ok_or_else(|| Usage(format!("\"{key}\" needs an argument")))
    }
}

/// Device name validity as the kernel sees it (IFNAMSIZ 16).
pub fn check_ifname(name: &str) -> Result<String, Usage> {
    if name.is_empty() || name.len() > 15 || name.contains('/') || name.contains(char::is_whitespace)
    {
        return usage(format!("\"{name}\" is not a valid device name"));
    }
    Ok(name.to_string())
}

/// `dev NAME` at the current position.
pub fn parse_dev(a: &mut Args) -> Result<String, Usage> {
    match a.next() {
        Some("dev") => check_ifname(a.value("dev")?),
        Some(w) => usage(format!("expected \"dev NAME\", got \"{w}\"")),
        None => usage("missing \"dev NAME\""),
    }
}

fn parse_len(s: &str, max: u8, what: &str) -> Result<u8, Usage> {
    match s.parse::<u8>() {
        Ok(l) if l <= max => Ok(l),
        _ => usage(format!("invalid {what} prefix length \"{s}\" (0-{max})")),
    }
}

/// `ADDR[/LEN]` IPv6, `LEN` defaulting to `default`.
pub fn parse_v6_prefix(s: &str, default: Option<u8>) -> Result<(Ipv6Addr, u8), Usage> {
    let (a, l) = match s.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (s, None),
    };
    let addr: Ipv6Addr = a
        .parse()
        .map_err(|_| Usage(format!("invalid IPv6 address \"{a}\"")))?;
    let len = match (l, default) {
        (Some(l), _) => parse_len(l, 128, "IPv6")?,
        (None, Some(d)) => d,
        (None, None) => return usage(format!("\"{s}\" needs a prefix length (ADDR/LEN)")),
    };
    Ok((addr, len))
}

/// `ADDR[/LEN]` IPv4, `LEN` defaulting to `default`.
pub fn parse_v4_prefix(s: &str, default: Option<u8>) -> Result<(Ipv4Addr, u8), Usage> {
    let (a, l) = match s.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (s, None),
    };
    let addr: Ipv4Addr = a
        .parse()
        .map_err(|_| Usage(format!("invalid IPv4 address \"{a}\"")))?;
    let len = match (l, default) {
        (Some(l), _) => parse_len(l, 32, "IPv4")?,
        (None, Some(d)) => d,
        (None, None) => return usage(format!("\"{s}\" needs a prefix length (ADDR/LEN)")),
    };
    Ok((addr, len))
}

/// Either family, `ADDR[/LEN]` with full-length default.
pub fn parse_any_prefix(s: &str) -> Result<(IpAddr, u8), Usage> {
    let a = s.split('/').next().unwrap_or("");
    if a.contains(':') {
        parse_v6_prefix(s, Some(128)).map(|(a, l)| (IpAddr::V6(a), l))
    } else {
        parse_v4_prefix(s, Some(32)).map(|(a, l)| (IpAddr::V4(a), l))
    }
}

pub fn parse_on_off(key: &str, v: &str) -> Result<bool, Usage> {
    match v {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => usage(format!("\"{key}\" takes on or off, not \"{v}\"")),
    }
}

/// Value of `v` in enum table `names`, as a usage error otherwise.
pub fn parse_enum(key: &str, names: &[&str], v: &str) -> Result<u32, Usage> {
    crate::uapi::enum_value(names, v)
        .ok_or_else(|| Usage(format!("\"{key}\" takes {}, not \"{v}\"", names.join("|"))))
}

pub fn parse_num<T: std::str::FromStr>(key: &str, v: &str) -> Result<T, Usage> {
    v.parse()
        .map_err(|_| Usage(format!("invalid number \"{v}\" for \"{key}\"")))
}
