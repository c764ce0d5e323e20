// SPDX-License-Identifier: GPL-2.0
//! Commands: from parsed arguments to an [`Action`], and running it.

pub mod dev;
pub mod eam;
pub mod monitor;
pub mod query;
pub mod stats;

use std::ffi::{CStr, CString};
use std::fmt;
use std::net::IpAddr;

use crate::cli::{DevCmd, EamCmd, Object, StatsCmd, Usage};
use crate::netlink::{Conn, NlError, Request};
use crate::output::{self, Output};

/// One fully parsed command.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    DevShow { dev: Option<String> },
    DevSet { dev: String, cfg: dev::DevConfig },
    EamAdd { dev: String, entries: Vec<eam::Entry> },
    EamDel { dev: String, keys: Vec<eam::Key> },
    EamShow { dev: String },
    EamFlush { dev: String },
    StatsShow { dev: Option<String> },
    Query { dev: String, addr: IpAddr },
    Monitor,
    Completions(clap_complete::Shell),
}

impl Action {
    pub fn from_object(obj: Object) -> Result<Action, Usage> {
        Ok(match obj {
            Object::Dev { cmd: None } => Action::DevShow { dev: None },
            Object::Dev { cmd: Some(DevCmd::Show { args }) } => {
                Action::DevShow { dev: dev::parse_show(&args.words)? }
            }
            Object::Dev { cmd: Some(DevCmd::Set { args }) } => {
                let (dev, cfg) = dev::parse_set(&args.words)?;
                Action::DevSet { dev, cfg }
            }
            Object::Eam { cmd, args } => match cmd {
                None => Action::EamShow { dev: eam::parse_dev_only(&args.words)? },
                Some(EamCmd::Add { args }) => {
                    let (dev, e) = eam::parse_add(&args.words)?;
                    Action::EamAdd { dev, entries: vec![e] }
                }
                Some(EamCmd::Del { args }) => {
                    let (dev, k) = eam::parse_del(&args.words)?;
                    Action::EamDel { dev, keys: vec![k] }
                }
                Some(EamCmd::Show { args }) => Action::EamShow { dev: eam::parse_dev_only(&args.words)? },
                Some(EamCmd::Flush { args }) => {
                    Action::EamFlush { dev: eam::parse_dev_only(&args.words)? }
                }
            },
            Object::Stats { cmd, args } => {
                let words = match cmd {
                    Some(StatsCmd::Show { args }) => args.words,
                    None => args.words,
                };
                Action::StatsShow { dev: stats::parse(&words)? }
            }
            Object::Query { args } => {
                let (dev, addr) = query::parse(&args.words)?;
                Action::Query { dev, addr }
            }
            Object::Monitor => Action::Monitor,
            Object::Completions { shell } => Action::Completions(shell),
        })
    }
}

/// Why a command failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Usage(Usage),
    NoDevice(String),
    Nl(NlError),
}

impl Error {
    /// Process exit status: 2 usage, 1 everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(u) => write!(f, "{u}"),
            Error::NoDevice(d) => write!(f, "Cannot find device \"{d}\""),
            Error::Nl(e) => write!(f, "{e}"),
        }
    }
}

impl From<Usage> for Error {
    fn from(u: Usage) -> Self {
        Error::Usage(u)
    }
}
impl From<NlError> for Error {
    fn from(e: NlError) -> Self {
        Error::Nl(e)
    }
}

pub fn ifindex(name: &str) -> Result<u32, Error> {
    let c = CString::new(name).map_err(|_| Error::NoDevice(name.into()))?;
    // SAFETY: `c` is a valid NUL-terminated string for the whole call.
    let i = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if i == 0 {
        Err(Error::NoDevice(name.into()))
    } else {
        Ok(i)
    }
}

pub fn ifname(index: u32) -> Option<String> {
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: `buf` holds IF_NAMESIZE bytes as if_indextoname requires.
    let p = unsafe { libc::if_indextoname(index, buf.as_mut_ptr()) };
    if p.is_null() {
        return None;
    }
    // SAFETY: on success `buf` holds a NUL-terminated name.
    Some(unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned())
}

/// Execution context: the socket (opened on first use) and output mode.
pub struct Ctx {
    conn: Option<Conn>,
    pub out: Output,
}

impl Ctx {
    pub fn new(out: Output) -> Self {
        Ctx { conn: None, out }
    }

    pub fn conn(&mut self) -> Result<&mut Conn, Error> {
        if self.conn.is_none() {
            self.conn = Some(Conn::open()?);
        }
        Ok(self.conn.as_mut().unwrap())
    }

    fn request(&mut self, req: &Request) -> Result<Vec<Vec<crate::netlink::Attr>>, Error> {
        Ok(self.conn()?.request(req)?)
    }
}

/// Run one action, printing its output.
pub fn run(action: &Action, ctx: &mut Ctx) -> Result<(), Error> {
    match action {
        Action::DevShow { dev: d } => {
            let idx = d.as_deref().map(ifindex).transpose()?;
            let replies = ctx.request(&dev::get_request(idx))?;
            let mut devs: Vec<_> = replies.iter().map(|r| dev::DevInfo::from_attrs(r)).collect();
            for d in &mut devs {
                if d.netnsid.is_none() {
                    d.ifname = ifname(d.ifindex);
                }
            }
            output::print(&ctx.out.list(&devs, |d| d.to_text()));
        }
        Action::DevSet { dev: d, cfg } => {
            let idx = ifindex(d)?;
            ctx.request(&dev::set_request(idx, cfg))?;
        }
        Action::EamAdd { dev: d, entries } => {
            let idx = ifindex(d)?;
            for chunk in entries.chunks(eam::ENTRIES_PER_MSG) {
                ctx.request(&eam::add_request(idx, chunk))?;
            }
        }
        Action::EamDel { dev: d, keys } => {
            let idx = ifindex(d)?;
            for chunk in keys.chunks(eam::ENTRIES_PER_MSG) {
                ctx.request(&eam::del_request(idx, chunk))?;
            }
        }
        Action::EamShow { dev: d } => {
            let idx = ifindex(d)?;
            let replies = ctx.request(&eam::get_request(idx))?;
            let entries: Vec<_> = replies.iter().flat_map(|r| eam::entries_from_attrs(r)).collect();
            output::print(&ctx.out.list(&entries, |e| format!("{} {}\n", e.ipv4, e.ipv6)));
        }
        Action::EamFlush { dev: d } => {
            let idx = ifindex(d)?;
            ctx.request(&eam::flush_request(idx))?;
        }
        Action::StatsShow { dev: d } => {
            let idx = d.as_deref().map(ifindex).transpose()?;
            let replies = ctx.request(&stats::request(idx))?;
            let mut all: Vec<_> = replies.iter().map(|r| stats::StatsOut::from_attrs(r)).collect();
            for s in &mut all {
                s.ifname = ifname(s.ifindex);
            }
            output::print(&ctx.out.list(&all, |s| s.to_text()));
        }
        Action::Query { dev: d, addr } => {
            let idx = ifindex(d)?;
            let replies = ctx.request(&query::request(idx, addr))?;
            let q = query::QueryOut::from_attrs(replies.first().map(|v| &v[..]).unwrap_or(&[]), addr);
            output::print(&ctx.out.one(&q, |q| q.to_text()));
        }
        Action::Monitor => {
            let out = ctx.out;
            let conn = ctx.conn()?;
            conn.subscribe_config()?;
            loop {
                for (cmd, attrs) in conn.recv_notifications()? {
                    if let Some(mut c) = monitor::ChangeOut::from_msg(cmd, &attrs) {
                        c.ifname = ifname(c.ifindex);
                        // One JSON object per line so the stream stays parseable.
                        let o = Output { json: out.json, pretty: false };
                        output::print(&o.one(&c, |c| c.to_text()));
                    }
                }
            }
        }
        Action::Completions(shell) => {
            let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "ipxlat-ctl", &mut buf);
            let mut script = String::from_utf8_lossy(&buf).into_owned();
            if *shell == clap_complete::Shell::Bash {
                // clap_complete's bash generator mangles the '-' of the binary
                // name differently in its case labels ("ipxlat__subcmd__ctl")
                // than in the state it computes ("ipxlat__ctl"): align them.
                script = script.replace("ipxlat__subcmd__ctl", "ipxlat__ctl");
            }
            output::print(&script);
        }
    }
    Ok(())
}
