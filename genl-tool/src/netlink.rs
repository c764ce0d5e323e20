// SPDX-License-Identifier: GPL-2.0
//! Generic netlink transport for the `ipxlat` family, on `neli`.
//!
//! Requests are built as [`Request`] values (command, flags, attribute list)
//! so encoding can be tested without a kernel; [`Conn`] sends them with
//! `NLM_F_ACK` and extended ACK enabled and collects replies until the ACK
//! or `NLMSG_DONE`.

use std::fmt;

use neli::{
    consts::{
        genl::{CtrlAttr, CtrlAttrMcastGrp, CtrlCmd, Index},
        nl::{GenlId, NlmF},
        socket::NlFamily,
    },
    err::{Nlmsgerr, SocketError},
    genl::{AttrTypeBuilder, Genlmsghdr, GenlmsghdrBuilder, Nlattr, NlattrBuilder},
    nl::{NlPayload, Nlmsghdr, NlmsghdrBuilder},
    socket::synchronous::NlSocketHandle,
    types::{Buffer, GenlBuffer},
    utils::Groups,
    Size, ToBytes,
};

use crate::uapi;

/// One attribute with a raw payload (`u16` type, nested flag kept).
pub type Attr = Nlattr<u16, Buffer>;
/// A generic netlink message of this family.
pub type Genl = Genlmsghdr<u8, u16>;

/// Size of neli's receive buffers, fixed when neli is compiled (the
/// `NELI_AUTO_BUFFER_LEN` setting in `.cargo/config.toml`). An error ACK
/// echoes the refused request, so every request must stay below this.
pub const RECV_BUFFER_LEN: usize = 262144;

/// Netlink `NLMSGERR_ATTR_MSG` / `NLMSGERR_ATTR_OFFS`.
const NLMSGERR_ATTR_MSG: u16 = 1;
const NLMSGERR_ATTR_OFFS: u16 = 2;

fn build(ty: u16, payload: impl Size + ToBytes) -> Attr {
    NlattrBuilder::default()
        .nla_type(AttrTypeBuilder::default().nla_type(ty).build().expect("type"))
        .nla_payload(payload)
        .build()
        .expect("attribute")
}

pub fn attr_u8(ty: u16, v: u8) -> Attr {
    build(ty, v)
}
pub fn attr_u32(ty: u16, v: u32) -> Attr {
    build(ty, v)
}
pub fn attr_bytes(ty: u16, v: &[u8]) -> Attr {
    build(ty, Buffer::from(v))
}
pub fn attr_flag(ty: u16) -> Attr {
    build(ty, Buffer::new())
}
/// A nest holding `children`, in order.
pub fn attr_nest(ty: u16, children: &[Attr]) -> Attr {
    let mut a = build(ty, Buffer::new());
    for c in children {
        a = a.nest(c).expect("nest");
    }
    a
}

/// A request to the family, independent of any socket.
#[derive(Debug, Clone)]
pub struct Request {
    pub cmd: u8,
    pub dump: bool,
    pub attrs: Vec<Attr>,
}

impl Request {
    pub fn new(cmd: u8, attrs: Vec<Attr>) -> Self {
        Request { cmd, dump: false, attrs }
    }
    pub fn dump(cmd: u8, attrs: Vec<Attr>) -> Self {
        Request { cmd, dump: true, attrs }
    }

    fn genl(&self) -> Genl {
        GenlmsghdrBuilder::default()
            .cmd(self.cmd)
            .version(uapi::FAMILY_VERSION)
            .attrs(self.attrs.iter().cloned().collect::<GenlBuffer<u16, Buffer>>())
            .build()
            .expect("genl header")
    }

    /// The full netlink message as sent (family id, sequence number given).
    #[cfg(test)]
    pub fn to_bytes(&self, family: u16, seq: u32) -> Vec<u8> {
        let msg = self.nlmsg(family, seq);
        let mut buf = std::io::Cursor::new(vec![0; msg.padded_size()]);
        msg.to_bytes(&mut buf).expect("serialize");
        buf.into_inner()
    }

    fn nlmsg(&self, family: u16, seq: u32) -> Nlmsghdr<u16, Genl> {
        let mut flags = NlmF::REQUEST | NlmF::ACK;
        if self.dump {
            flags |= NlmF::DUMP;
        }
        NlmsghdrBuilder::default()
            .nl_type(family)
            .nl_flags(flags)
            .nl_seq(seq)
            .nl_payload(NlPayload::Payload(self.genl()))
            .build()
            .expect("netlink header")
    }
}

/// Parse the generic netlink payload of one message (for tests and
/// diagnostics): returns command and top-level attributes.
#[cfg(test)]
pub fn parse_message(bytes: &[u8]) -> Result<(u8, Vec<Attr>), String> {
    use neli::FromBytes;
    let msg = Nlmsghdr::<u16, Genl>::from_bytes(&mut std::io::Cursor::new(bytes))
        .map_err(|e| e.to_string())?;
    match msg.nl_payload() {
        NlPayload::Payload(p) => Ok((*p.cmd(), p.attrs().iter().cloned().collect())),
        _ => Err("not a payload message".into()),
    }
}

/// The kernel error carried by one raw NLMSG_ERROR message, if any.
#[cfg(test)]
pub fn error_from_bytes(bytes: &[u8]) -> Option<NlError> {
    use neli::FromBytes;
    let msg = Nlmsghdr::<u16, Genl>::from_bytes(&mut std::io::Cursor::new(bytes)).ok()?;
    match msg.nl_payload() {
        NlPayload::Err(e) => Some(kernel_error(e)),
        _ => None,
    }
}

/// Attributes nested in `a`.
pub fn nested(a: &Attr) -> Vec<Attr> {
    a.get_attr_handle::<u16>()
        .map(|h| h.iter().cloned().collect())
        .unwrap_or_default()
}

/// Type of an attribute without the nested/byte-order flags.
pub fn kind(a: &Attr) -> u16 {
    *a.nla_type().nla_type()
}

pub fn payload(a: &Attr) -> &[u8] {
    a.nla_payload().as_ref()
}

pub fn get_u8(a: &Attr) -> Option<u8> {
    payload(a).first().copied()
}
pub fn get_u32(a: &Attr) -> Option<u32> {
    payload(a).get(..4).map(|b| u32::from_ne_bytes(b.try_into().unwrap()))
}
pub fn get_s32(a: &Attr) -> Option<i32> {
    get_u32(a).map(|v| v as i32)
}
pub fn get_u64(a: &Attr) -> Option<u64> {
    let p = payload(a);
    match p.len() {
        8 => Some(u64::from_ne_bytes(p.try_into().unwrap())),
        4 => get_u32(a).map(u64::from),
        _ => None,
    }
}

/// First attribute of type `ty` in `attrs`.
pub fn find(attrs: &[Attr], ty: u16) -> Option<&Attr> {
    attrs.iter().find(|a| kind(a) == ty)
}

/// An error from the kernel or the transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NlError {
    /// The kernel answered with a negative errno (positive here) and
    /// possibly an extended ACK message and bad-attribute offset.
    Kernel { errno: i32, msg: Option<String>, offset: Option<u32> },
    /// Socket, family resolution or parsing problem.
    Transport(String),
}

impl fmt::Display for NlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NlError::Kernel { errno, msg, .. } => {
                let text = std::io::Error::from_raw_os_error(*errno);
                let text = text.to_string();
                let text = text.split(" (os error").next().unwrap_or("");
                match msg {
                    Some(m) => write!(f, "{m} ({text}, errno {errno})"),
                    None => write!(f, "{text} (errno {errno})"),
                }
            }
            NlError::Transport(s) => write!(f, "{s}"),
        }
    }
}

fn transport(e: impl fmt::Display) -> NlError {
    NlError::Transport(e.to_string())
}

fn kernel_error<T>(e: &Nlmsgerr<T>) -> NlError {
    let mut msg = None;
    let mut offset = None;
    for a in e.ext_ack().iter() {
        let ty: u16 = (*a.nla_type().nla_type()).into();
        let p: &[u8] = a.nla_payload().as_ref();
        match ty {
            NLMSGERR_ATTR_MSG => {
                let s = p.split(|b| *b == 0).next().unwrap_or(&[]);
                msg = Some(String::from_utf8_lossy(s).into_owned());
            }
            NLMSGERR_ATTR_OFFS if p.len() >= 4 => {
                offset = Some(u32::from_ne_bytes(p[..4].try_into().unwrap()));
            }
            _ => {}
        }
    }
    NlError::Kernel { errno: -*e.error(), msg, offset }
}

/// A connected generic netlink socket with the family resolved.
pub struct Conn {
    sock: NlSocketHandle,
    family: u16,
    seq: u32,
}

impl Conn {
    /// Connect and resolve the `ipxlat` family id.
    pub fn open() -> Result<Self, NlError> {
        let sock = NlSocketHandle::connect(NlFamily::Generic, None, Groups::empty())
            .map_err(transport)?;
        sock.enable_ext_ack(true).map_err(transport)?;
        let mut c = Conn { sock, family: 0, seq: 0 };
        let (family, _) = c.resolve()?;
        c.family = family;
        Ok(c)
    }

    /// A connection to another family (host tests talk to nlctrl).
    #[cfg(test)]
    pub fn open_family_id(family: u16) -> Result<Self, NlError> {
        let sock = NlSocketHandle::connect(NlFamily::Generic, None, Groups::empty())
            .map_err(transport)?;
        sock.enable_ext_ack(true).map_err(transport)?;
        Ok(Conn { sock, family, seq: 0 })
    }

    /// Query the controller: family id and multicast groups (name, id).
    fn resolve(&mut self) -> Result<(u16, Vec<(String, u32)>), NlError> {
        self.seq += 1;
        let attrs = std::iter::once(
            NlattrBuilder::default()
                .nla_type(AttrTypeBuilder::default().nla_type(CtrlAttr::FamilyName).build().expect("type"))
                .nla_payload(uapi::FAMILY_NAME)
                .build()
                .expect("attr"),
        )
        .collect::<GenlBuffer<CtrlAttr, Buffer>>();
        let msg = NlmsghdrBuilder::default()
            .nl_type(GenlId::Ctrl)
            .nl_flags(NlmF::REQUEST | NlmF::ACK)
            .nl_seq(self.seq)
            .nl_payload(NlPayload::Payload(
                GenlmsghdrBuilder::<CtrlCmd, CtrlAttr>::default()
                    .cmd(CtrlCmd::Getfamily)
                    .version(2)
                    .attrs(attrs)
                    .build()
                    .expect("genl"),
            ))
            .build()
            .expect("nlmsg");
        self.sock.send(&msg).map_err(transport)?;
        let mut family = None;
        let mut groups = Vec::new();
        loop {
            let (iter, _) = self
                .sock
                .recv::<GenlId, Genlmsghdr<CtrlCmd, CtrlAttr>>()
                .map_err(transport)?;
            for m in iter {
                let m = m.map_err(transport)?;
                match m.nl_payload() {
                    NlPayload::Payload(p) => {
                        let h = p.attrs().get_attr_handle();
                        family = h.get_attr_payload_as::<u16>(CtrlAttr::FamilyId).ok();
                        if let Ok(gs) = h.get_nested_attributes::<Index>(CtrlAttr::McastGroups) {
                            for g in gs.iter() {
                                let Ok(g) = g.get_attr_handle::<CtrlAttrMcastGrp>() else {
                                    continue;
                                };
                                if let (Ok(n), Ok(id)) = (
                                    g.get_attr_payload_as_with_len::<String>(CtrlAttrMcastGrp::Name),
                                    g.get_attr_payload_as::<u32>(CtrlAttrMcastGrp::Id),
                                ) {
                                    groups.push((n, id));
                                }
                            }
                        }
                    }
                    NlPayload::Err(e) => {
                        let err = kernel_error(e);
                        if let NlError::Kernel { errno, .. } = err {
                            if errno == libc::ENOENT {
                                return Err(NlError::Transport(format!(
                                    "generic netlink family \"{}\" not found (is the ipxlat module loaded?)",
                                    uapi::FAMILY_NAME
                                )));
                            }
                        }
                        return Err(err);
                    }
                    NlPayload::Ack(_) | NlPayload::DumpExtAck(_) | NlPayload::Empty => {
                        return family
                            .map(|f| (f, groups.clone()))
                            .ok_or_else(|| NlError::Transport("family id missing".into()));
                    }
                }
            }
        }
    }

    /// Send `req` and collect every reply until the ACK (or `NLMSG_DONE`
    /// for a dump). Returns the top-level attributes of each reply.
    pub fn request(&mut self, req: &Request) -> Result<Vec<Vec<Attr>>, NlError> {
        self.seq += 1;
        let seq = self.seq;
        let msg = req.nlmsg(self.family, seq);
        // Room for the error header and extack when the reply echoes it.
        if msg.padded_size() + 1024 > RECV_BUFFER_LEN {
            return Err(NlError::Transport(format!("request of {} bytes is too large", msg.padded_size())));
        }
        self.sock.send(&msg).map_err(transport)?;
        let mut out = Vec::new();
        loop {
            let (iter, _) = self.sock.recv::<u16, Genl>().map_err(|e| match e {
                SocketError::Io(io) => NlError::Transport(io.to_string()),
                e => transport(e),
            })?;
            for m in iter {
                let m = m.map_err(transport)?;
                if *m.nl_seq() != seq {
                    continue;
                }
                match m.nl_payload() {
                    NlPayload::Payload(p) => out.push(p.attrs().iter().cloned().collect()),
                    NlPayload::Err(e) => return Err(kernel_error(e)),
                    NlPayload::DumpExtAck(e) => {
                        if *e.error() != 0 {
                            return Err(kernel_error(e));
                        }
                        if !req.dump {
                            continue;
                        }
                        return Ok(out);
                    }
                    NlPayload::Ack(_) => {
                        // A dump with NLM_F_ACK ends with DONE then ACK.
                        return Ok(out);
                    }
                    NlPayload::Empty => {
                        // A bare NLMSG_DONE ends a dump.
                        if req.dump {
                            return Ok(out);
                        }
                    }
                }
            }
        }
    }

    /// Join the `config` multicast group.
    pub fn subscribe_config(&mut self) -> Result<(), NlError> {
        let (_, groups) = self.resolve()?;
        let id = groups
            .iter()
            .find(|(n, _)| n == uapi::MCGRP_CONFIG)
            .map(|(_, id)| *id)
            .ok_or_else(|| {
                NlError::Transport(format!(
                    "multicast group \"{}\" not offered by the kernel",
                    uapi::MCGRP_CONFIG
                ))
            })?;
        self.sock
            .add_mcast_membership(Groups::new_groups(&[id]))
            .map_err(transport)
    }

    /// Block for the next batch of notifications: (command, attributes).
    pub fn recv_notifications(&mut self) -> Result<Vec<(u8, Vec<Attr>)>, NlError> {
        let (iter, _) = self.sock.recv::<u16, Genl>().map_err(transport)?;
        let mut out = Vec::new();
        for m in iter {
            let m = m.map_err(transport)?;
            if let NlPayload::Payload(p) = m.nl_payload() {
                out.push((*p.cmd(), p.attrs().iter().cloned().collect()));
            }
        }
        Ok(out)
    }
}
