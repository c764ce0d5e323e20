// SPDX-License-Identifier: GPL-2.0

//! Shared helpers of the translation tests: packet builders, a test
//! [`Host`], a runner that enforces the caller contract, and the
//! independent etherparse oracle ([`oracle`]).

#![allow(dead_code)]

pub mod icmp_errors;
pub mod oracle;

use ipxlat_engine::engine::addr::prefix6::Prefix6;
use ipxlat_engine::engine::config::Config;
use ipxlat_engine::engine::packet::{
    write_piece_header, ChecksumState, Family, Host, Meta, PacketBuf, Translated, Verdict,
};
use ipxlat_engine::engine::translate::translate_verdict;

/// Test host: fixed MTUs, counting ID generator.
#[derive(Clone, Debug)]
pub struct TestHost {
    /// The original packet (for `payload_sum`).
    pub orig: Vec<u8>,
    /// `MTU6_nh`.
    pub mtu6: u32,
    /// `MTU4_nh`.
    pub mtu4: u32,
    /// Next IPv4 ID.
    pub next_id: u16,
    /// Random value returned.
    pub rnd: u32,
    /// `(protocol, segments)` of every IPv4 ID asked for.
    pub id_requests: Vec<(u8, u16)>,
}

impl TestHost {
    pub fn new() -> Self {
        TestHost { orig: Vec::new(), mtu6: 1500, mtu4: 1500, next_id: 0x1234, rnd: 7, id_requests: Vec::new() }
    }
    pub fn mtus(mtu6: u32, mtu4: u32) -> Self {
        TestHost { mtu6, mtu4, ..Self::new() }
    }
}

/// Independent one's-complement sum (RFC 1071) over several slices.
pub fn ones_sum(parts: &[&[u8]]) -> u32 {
    let mut all = Vec::new();
    for p in parts {
        all.extend_from_slice(p);
    }
    let mut s: u64 = 0;
    for c in all.chunks(2) {
        let w = if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { u16::from(c[0]) << 8 };
        s += u64::from(w);
    }
    while s >> 16 != 0 {
        s = (s & 0xffff) + (s >> 16);
    }
    s as u32
}

/// Finished checksum of the concatenation of `parts`.
pub fn csum(parts: &[&[u8]]) -> u16 {
    !(ones_sum(parts) as u16)
}

impl Host for TestHost {
    fn payload_sum(&mut self, offset: usize, len: usize) -> u32 {
        let end = (offset + len).min(self.orig.len());
        let start = offset.min(end);
        ones_sum(&[&self.orig[start..end]])
    }
    fn mtu6_toward(&mut self, _dst: &[u8; 16]) -> u32 {
        self.mtu6
    }
    fn mtu4_toward(&mut self, _dst: [u8; 4]) -> u32 {
        self.mtu4
    }
    fn ipv4_id(&mut self, _src: [u8; 4], _dst: [u8; 4], protocol: u8, segments: u16) -> u16 {
        self.id_requests.push((protocol, segments));
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(segments.max(1));
        id
    }
    fn random_u32(&mut self) -> u32 {
        self.rnd
    }
}

pub const HEADROOM: usize = 128;

/// What a run produced.
#[derive(Clone, Debug)]
pub struct Out {
    pub verdict: Verdict,
    /// The translated packet (whole, before any split).
    pub bytes: Vec<u8>,
    /// The pieces the caller would send (one if no split).
    pub pieces: Vec<Vec<u8>>,
}

impl Out {
    pub fn translated(&self) -> Translated {
        match self.verdict {
            Verdict::Translated(t) => t,
            v => panic!("expected Translated, got {v:?}"),
        }
    }
}

pub fn meta() -> Meta {
    Meta { csum: ChecksumState::Complete, gso: None, hop_already_decremented: false }
}

/// Runs the engine like a caller: headroom, linear data, NeedLinear retry,
/// the "untouched unless Translated" contract, splitting, and the oracle
/// on every emitted packet.
pub fn run_with(cfg: &Config<'_>, pkt: &[u8], meta: &Meta, host: &mut TestHost) -> Out {
    host.orig = pkt.to_vec();
    let mut buf = vec![0u8; HEADROOM + pkt.len()];
    buf[HEADROOM..].copy_from_slice(pkt);
    let before = buf.clone();
    let mut p = PacketBuf { buf: &mut buf, start: HEADROOM, len: pkt.len() };
    let v = translate_verdict(&(*cfg).into(), &mut p, meta, host);
    let t = match v {
        Verdict::Translated(t) => t,
        Verdict::NeedLinear { len, headroom } => {
            panic!("NeedLinear {len} {headroom} with a fully linear packet and {HEADROOM} headroom")
        }
        other => {
            assert_eq!(buf, before, "buffer modified on {other:?}");
            return Out { verdict: other, bytes: Vec::new(), pieces: Vec::new() };
        }
    };
    assert!(t.start + t.len <= buf.len());
    let bytes = buf[t.start..t.start + t.len].to_vec();
    let pieces = match t.fragment {
        None => vec![bytes.clone()],
        Some(plan) => {
            let hl = plan.header_len;
            let mut pieces = Vec::new();
            let mut off = 0;
            while off < plan.total_payload {
                let n = plan.piece_payload.min(plan.total_payload - off);
                let last = off + n == plan.total_payload;
                let mut piece = bytes[..hl].to_vec();
                piece.extend_from_slice(&bytes[hl + off..hl + off + n]);
                write_piece_header(&mut piece, &plan, off, n, last);
                pieces.push(piece);
                off += n;
            }
            pieces
        }
    };
    if meta.csum == ChecksumState::Complete {
        // IPv4 protocol 58 and IPv6 Next Header 1 are unknown transports
        // in their family: carried untouched, no checksum to verify.
        let check_l4 = !matches!((pkt[0] >> 4, input_transport(pkt)), (4, Some(58)) | (6, Some(1)));
        match t.family {
            Family::V4 => oracle::check_v4(&bytes, check_l4),
            Family::V6 => {
                if t.fragment.is_some() {
                    for p in &pieces {
                        oracle::check_v6_structure(p);
                    }
                    oracle::check_v6(&oracle::reassemble_v6(&pieces), check_l4);
                } else {
                    oracle::check_v6(&bytes, check_l4);
                }
            }
        }
    }
    Out { verdict: v, bytes, pieces }
}

/// The transport protocol of a test input: IPv4's Protocol, or the
/// header after IPv6's HBH / Routing / DestOpts / Fragment headers; `None`
/// when the packet is too short to tell.
fn input_transport(pkt: &[u8]) -> Option<u8> {
    match pkt.first()? >> 4 {
        4 => pkt.get(9).copied(),
        6 => {
            let (mut nh, mut off) = (*pkt.get(6)?, 40usize);
            while matches!(nh, 0 | 43 | 60 | 44) {
                let len = if nh == 44 { 8 } else { (usize::from(*pkt.get(off + 1)?) + 1) * 8 };
                nh = *pkt.get(off)?;
                off += len;
            }
            Some(nh)
        }
        _ => None,
    }
}

pub fn run(cfg: &Config<'_>, pkt: &[u8]) -> Out {
    run_with(cfg, pkt, &meta(), &mut TestHost::new())
}

/// Config with `prefix6` `p/len`, everything else default.
pub fn cfg_prefix(p: [u8; 16], len: u8) -> Config<'static> {
    let mut c = Config::DEFAULT;
    c.prefix6 = Some(Prefix6::new(p, len).expect("valid prefix"));
    c
}

/// The reference topology prefix 2001:db8:100::/40 (SPEC 7.2).
pub fn cfg_ref() -> Config<'static> {
    cfg_prefix(v6("2001:db8:100::"), 40)
}

pub fn v6(s: &str) -> [u8; 16] {
    s.parse::<std::net::Ipv6Addr>().unwrap().octets()
}
pub fn v4(s: &str) -> [u8; 4] {
    s.parse::<std::net::Ipv4Addr>().unwrap().octets()
}

/// IPv4 header builder.
#[derive(Clone, Debug)]
pub struct V4 {
    pub src: [u8; 4],
    pub dst: [u8; 4],
    pub proto: u8,
    pub ttl: u8,
    pub id: u16,
    pub df: bool,
    pub mf: bool,
    pub offset: u16,
    pub tos: u8,
    pub options: Vec<u8>,
    /// Override of Total Length (None = computed).
    pub total_len: Option<u16>,
}

impl V4 {
    pub fn new(src: &str, dst: &str, proto: u8) -> Self {
        V4 { src: v4(src), dst: v4(dst), proto, ttl: 64, id: 0x1234, df: false, mf: false, offset: 0, tos: 0, options: Vec::new(), total_len: None }
    }
    pub fn header(&self, payload_len: usize) -> Vec<u8> {
        let ihl = 20 + self.options.len();
        assert!(ihl % 4 == 0);
        let total = self.total_len.unwrap_or((ihl + payload_len) as u16);
        let mut h = vec![0u8; 20];
        h[0] = 0x40 | (ihl / 4) as u8;
        h[1] = self.tos;
        h[2..4].copy_from_slice(&total.to_be_bytes());
        h[4..6].copy_from_slice(&self.id.to_be_bytes());
        let ff = (u16::from(self.df) << 14) | (u16::from(self.mf) << 13) | self.offset;
        h[6..8].copy_from_slice(&ff.to_be_bytes());
        h[8] = self.ttl;
        h[9] = self.proto;
        h[12..16].copy_from_slice(&self.src);
        h[16..20].copy_from_slice(&self.dst);
        h.extend_from_slice(&self.options);
        let c = csum(&[&h]);
        h[10..12].copy_from_slice(&c.to_be_bytes());
        h
    }
    /// Whole packet with `l4` (already checksummed) as payload.
    pub fn packet(&self, l4: &[u8]) -> Vec<u8> {
        let mut p = self.header(l4.len());
        p.extend_from_slice(l4);
        p
    }
    /// Packet with a UDP datagram with a correct checksum.
    pub fn udp(&self, sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
        self.packet(&udp_v4(self.src, self.dst, sport, dport, payload))
    }
    pub fn tcp(&self, payload: &[u8]) -> Vec<u8> {
        self.packet(&tcp_v4(self.src, self.dst, payload))
    }
    pub fn echo(&self, icmp_type: u8, payload: &[u8]) -> Vec<u8> {
        self.packet(&icmp4(icmp_type, 0, [0x12, 0x34, 0, 1], payload))
    }
}

fn pseudo4(src: [u8; 4], dst: [u8; 4], proto: u8, len: usize) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    p.extend_from_slice(&[0, proto]);
    p.extend_from_slice(&(len as u16).to_be_bytes());
    p
}

pub fn pseudo6(src: [u8; 16], dst: [u8; 16], proto: u8, len: usize) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&src);
    p.extend_from_slice(&dst);
    p.extend_from_slice(&(len as u32).to_be_bytes());
    p.extend_from_slice(&[0, 0, 0, proto]);
    p
}

fn udp_raw(sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
    let mut u = Vec::new();
    u.extend_from_slice(&sport.to_be_bytes());
    u.extend_from_slice(&dport.to_be_bytes());
    u.extend_from_slice(&((8 + payload.len()) as u16).to_be_bytes());
    u.extend_from_slice(&[0, 0]);
    u.extend_from_slice(payload);
    u
}

pub fn udp_v4(src: [u8; 4], dst: [u8; 4], sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
    let mut u = udp_raw(sport, dport, payload);
    let mut c = csum(&[&pseudo4(src, dst, 17, u.len()), &u]);
    if c == 0 {
        c = 0xffff;
    }
    u[6..8].copy_from_slice(&c.to_be_bytes());
    u
}

pub fn udp_v6(src: [u8; 16], dst: [u8; 16], sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
    let mut u = udp_raw(sport, dport, payload);
    let mut c = csum(&[&pseudo6(src, dst, 17, u.len()), &u]);
    if c == 0 {
        c = 0xffff;
    }
    u[6..8].copy_from_slice(&c.to_be_bytes());
    u
}

/// UDP with checksum 0.
pub fn udp_zero(sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
    udp_raw(sport, dport, payload)
}

fn tcp_raw(payload: &[u8]) -> Vec<u8> {
    let mut t = vec![0u8; 20];
    t[0..2].copy_from_slice(&1234u16.to_be_bytes());
    t[2..4].copy_from_slice(&80u16.to_be_bytes());
    t[4..8].copy_from_slice(&0x01020304u32.to_be_bytes());
    t[12] = 5 << 4;
    t[13] = 0x18;
    t[14..16].copy_from_slice(&8192u16.to_be_bytes());
    t.extend_from_slice(payload);
    t
}

pub fn tcp_v4(src: [u8; 4], dst: [u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut t = tcp_raw(payload);
    let c = csum(&[&pseudo4(src, dst, 6, t.len()), &t]);
    t[16..18].copy_from_slice(&c.to_be_bytes());
    t
}

pub fn tcp_v6(src: [u8; 16], dst: [u8; 16], payload: &[u8]) -> Vec<u8> {
    let mut t = tcp_raw(payload);
    let c = csum(&[&pseudo6(src, dst, 6, t.len()), &t]);
    t[16..18].copy_from_slice(&c.to_be_bytes());
    t
}

/// ICMPv4 message with a correct checksum.
pub fn icmp4(t: u8, code: u8, rest: [u8; 4], body: &[u8]) -> Vec<u8> {
    let mut m = vec![t, code, 0, 0];
    m.extend_from_slice(&rest);
    m.extend_from_slice(body);
    let c = csum(&[&m]);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    m
}

/// ICMPv6 message with a correct checksum.
pub fn icmp6(src: [u8; 16], dst: [u8; 16], t: u8, code: u8, rest: [u8; 4], body: &[u8]) -> Vec<u8> {
    let mut m = vec![t, code, 0, 0];
    m.extend_from_slice(&rest);
    m.extend_from_slice(body);
    let c = csum(&[&pseudo6(src, dst, 58, m.len()), &m]);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    m
}

/// IPv6 packet builder.
#[derive(Clone, Debug)]
pub struct V6 {
    pub src: [u8; 16],
    pub dst: [u8; 16],
    pub hop: u8,
    pub tc: u8,
    pub flow: u32,
    /// Extension headers as (type, bytes) — bytes include the next-header
    /// byte, which is patched.
    pub ext: Vec<(u8, Vec<u8>)>,
    /// Override of Payload Length.
    pub payload_len: Option<u16>,
}

impl V6 {
    pub fn new(src: &str, dst: &str) -> Self {
        V6 { src: v6(src), dst: v6(dst), hop: 64, tc: 0, flow: 0, ext: Vec::new(), payload_len: None }
    }
    pub fn packet(&self, proto: u8, l4: &[u8]) -> Vec<u8> {
        let mut exts = Vec::new();
        let mut first_nh = proto;
        for (i, (t, bytes)) in self.ext.iter().enumerate().rev() {
            let mut b = bytes.clone();
            b[0] = first_nh;
            first_nh = *t;
            exts.insert(0, b);
            let _ = i;
        }
        let ext_len: usize = exts.iter().map(|e| e.len()).sum();
        let plen = self.payload_len.unwrap_or((ext_len + l4.len()) as u16);
        let mut p = vec![0u8; 40];
        let w0 = (6u32 << 28) | (u32::from(self.tc) << 20) | self.flow;
        p[0..4].copy_from_slice(&w0.to_be_bytes());
        p[4..6].copy_from_slice(&plen.to_be_bytes());
        p[6] = first_nh;
        p[7] = self.hop;
        p[8..24].copy_from_slice(&self.src);
        p[24..40].copy_from_slice(&self.dst);
        for e in exts {
            p.extend_from_slice(&e);
        }
        p.extend_from_slice(l4);
        p
    }
    pub fn udp(&self, sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
        self.packet(17, &udp_v6(self.src, self.dst, sport, dport, payload))
    }
    pub fn tcp(&self, payload: &[u8]) -> Vec<u8> {
        self.packet(6, &tcp_v6(self.src, self.dst, payload))
    }
    pub fn echo(&self, t: u8, payload: &[u8]) -> Vec<u8> {
        self.packet(58, &icmp6(self.src, self.dst, t, 0, [0x12, 0x34, 0, 1], payload))
    }
    pub fn with_ext(mut self, t: u8, bytes: Vec<u8>) -> Self {
        self.ext.push((t, bytes));
        self
    }
}

/// Fragment header bytes (next header patched by the builder).
pub fn fh(offset: u16, more: bool, id: u32) -> Vec<u8> {
    let mut b = vec![0u8; 8];
    b[2..4].copy_from_slice(&((offset << 3) | u16::from(more)).to_be_bytes());
    b[4..8].copy_from_slice(&id.to_be_bytes());
    b
}

/// An 8-byte options header (HBH / DestOpts) with PadN.
pub fn opts_hdr() -> Vec<u8> {
    vec![0, 0, 1, 4, 0, 0, 0, 0]
}

/// A Routing header type 0 with `segments_left`.
pub fn rh(segments_left: u8) -> Vec<u8> {
    let mut b = vec![0, 2, 0, segments_left, 0, 0, 0, 0];
    b.extend_from_slice(&[0u8; 16]);
    b
}

/// A leaked EAM table of (v4, len4, v6, len6) entries.
pub fn eamt(entries: &[(&str, u8, &str, u8)]) -> ipxlat_engine::engine::addr::eam::EamTable<'static> {
    use ipxlat_engine::engine::addr::eam::{EamEntry, EamTable};
    let e: Vec<EamEntry> = entries.iter().map(|&(a, l4, b, l6)| EamEntry::new(v4(a), l4, v6(b), l6).expect("entry")).collect();
    let e: &'static mut [EamEntry] = Box::leak(e.into_boxed_slice());
    let n = EamTable::slots_needed(e).expect("slots");
    let s: &'static mut [u32] = Box::leak(vec![0u32; n].into_boxed_slice());
    EamTable::build(e, s).expect("table")
}
