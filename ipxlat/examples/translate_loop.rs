// SPDX-License-Identifier: GPL-2.0

//! Translates one UDP packet N times, for instruction counting with
//! `valgrind --tool=callgrind` (tools/testing/bench/callgrind-engine.sh).
//!
//! Usage: `translate_loop 46|64 N [EAM [harness]]`. Each iteration restores
//! the original IP + UDP header bytes (a 28- or 48-byte fixed-size copy) and
//! translates again; instructions per iteration = (Ir(N) − Ir(0)) / N.
//!
//! With `harness`, the same loop runs without calling `translate`: the
//! header restore and the packet descriptor are kept alive with
//! `black_box`, so the difference of the two per-iteration counts is the
//! engine's own cost (the script prints total, harness and engine-only).
//!
//! The configuration is the reference one (prefix6 2001:db8:100::/40) with
//! an EAM table of `EAM` entries (default 0). With `EAM` = 1 the table maps
//! the IPv4-side host 198.51.100.2 ↔ 2001:db8:eeee::c633:6402 (one address
//! of the flow by EAM, the other by prefix6); with more entries, /32 ↔
//! /128 entries for 198.50.0.0 onwards plus 192.0.2.33, so both addresses
//! of the flow are mapped by EAM.

use ipxlat_engine::engine::addr::eam::{EamEntry, EamTable};
use ipxlat_engine::engine::addr::prefix6::Prefix6;
use ipxlat_engine::engine::config::{Compiled, Config};
use ipxlat_engine::engine::packet::{ChecksumState, Host, Meta, PacketBuf, Verdict};
use ipxlat_engine::engine::verdict::DropReason;
use ipxlat_engine::engine::translate::translate;
use std::hint::black_box;

struct LoopHost;

impl Host for LoopHost {
    fn payload_sum(&mut self, _offset: usize, _len: usize) -> u32 {
        0
    }
    fn mtu6_toward(&mut self, _dst: &[u8; 16]) -> u32 {
        1500
    }
    fn mtu4_toward(&mut self, _dst: [u8; 4]) -> u32 {
        1500
    }
    fn ipv4_id(&mut self, _src: [u8; 4], _dst: [u8; 4], _protocol: u8, _segments: u16) -> u16 {
        1
    }
    fn random_u32(&mut self) -> u32 {
        4
    }
}

fn csum_fold(mut s: u32) -> u16 {
    while s >> 16 != 0 {
        s = (s & 0xffff) + (s >> 16);
    }
    !(s as u16)
}

fn sum(b: &[u8]) -> u32 {
    b.chunks(2).map(|c| u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0))).sum()
}

/// EAM image (2001:db8:eeee::/96 + address) of an IPv4 address.
fn eam6(a: [u8; 4]) -> [u8; 16] {
    let mut v6 = [0x20, 1, 0xd, 0xb8, 0xee, 0xee, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    v6[12..].copy_from_slice(&a);
    v6
}

/// The EAM entries of the table (see the module docs).
fn eam_entries(n: usize) -> Vec<EamEntry> {
    let entry = |a: [u8; 4]| EamEntry::new(a, 32, eam6(a), 128).expect("valid entry");
    match n {
        0 => Vec::new(),
        1 => vec![entry([198, 51, 100, 2])],
        _ => {
            let mut v = vec![entry([192, 0, 2, 33])];
            let base = u32::from_be_bytes([198, 50, 0, 0]);
            v.extend((0..n as u32 - 1).map(|i| entry((base + i).to_be_bytes())));
            v
        }
    }
}

/// A 100-byte-payload UDP packet (checksum valid) in the given family;
/// `eam` = number of EAM entries (addresses of the 64 packet follow them).
fn packet(v4: bool, eam: usize) -> Vec<u8> {
    let payload = [0x5au8; 100];
    let mut udp = vec![0x10, 0x92, 0x15, 0xb3, 0, 108, 0, 0];
    udp.extend_from_slice(&payload);
    if v4 {
        let (src, dst) = ([198, 51, 100, 2], [192, 0, 2, 33]);
        let mut h = vec![0x45, 0, 0, 128, 0, 1, 0, 0, 64, 17, 0, 0];
        h.extend_from_slice(&src);
        h.extend_from_slice(&dst);
        let c = csum_fold(sum(&h));
        h[10..12].copy_from_slice(&c.to_be_bytes());
        let c = csum_fold(sum(&src) + sum(&dst) + 17 + 108 + sum(&udp));
        udp[6..8].copy_from_slice(&c.to_be_bytes());
        h.extend_from_slice(&udp);
        h
    } else {
        let mut src = [0x20, 1, 0xd, 0xb8, 1, 0xc0, 0, 2, 0, 0x21, 0, 0, 0, 0, 0, 0];
        let mut dst = [0x20, 1, 0xd, 0xb8, 1, 0xc6, 0x33, 0x64, 0, 2, 0, 0, 0, 0, 0, 0];
        if eam >= 1 {
            dst = eam6([198, 51, 100, 2]);
        }
        if eam >= 2 {
            src = eam6([192, 0, 2, 33]);
        }
        let mut h = vec![0x60, 0, 0, 0, 0, 108, 17, 64];
        h.extend_from_slice(&src);
        h.extend_from_slice(&dst);
        let c = csum_fold(sum(&src) + sum(&dst) + 17 + 108 + sum(&udp));
        udp[6..8].copy_from_slice(&c.to_be_bytes());
        h.extend_from_slice(&udp);
        h
    }
}

/// Restores the first `H` bytes and translates, `n` times.
fn run<const H: usize>(cfg: &Compiled<'_>, pkt: &[u8], buf: &mut [u8], headroom: usize, n: u64) -> u64 {
    let meta = Meta { csum: ChecksumState::Complete, gso: None, hop_already_decremented: false };
    let orig: [u8; H] = pkt[..H].try_into().expect("header bytes");
    let mut ok = 0u64;
    let mut host = LoopHost;
    // The caller-owned verdict of the full path (as in the kernel's xmit).
    let mut detail = Verdict::Drop(DropReason::NoConfig);
    for _ in 0..n {
        let hdr: &mut [u8; H] = (&mut buf[headroom..headroom + H]).try_into().expect("header bytes");
        *hdr = orig;
        let mut p = PacketBuf { buf: black_box(&mut buf[..]), start: headroom, len: pkt.len() };
        if translate(black_box(cfg), &mut p, &meta, &mut host, &mut detail).whole().is_some() {
            ok += 1;
        }
    }
    ok
}

/// [`run`] without the translation (the harness cost alone): the same
/// header restore and the same opaque buffer and configuration, nothing
/// else (anything more made opaque here would cost stores that the
/// translating loop does not make, and inflate the harness). Out of line,
/// so that it does not change the code of [`run`] in `main`.
#[inline(never)]
fn harness<const H: usize>(cfg: &Compiled<'_>, pkt: &[u8], buf: &mut [u8], headroom: usize, n: u64) -> u64 {
    let orig: [u8; H] = pkt[..H].try_into().expect("header bytes");
    let mut ok = 0u64;
    for _ in 0..n {
        let hdr: &mut [u8; H] = (&mut buf[headroom..headroom + H]).try_into().expect("header bytes");
        *hdr = orig;
        black_box(&mut buf[..]);
        black_box(cfg);
        ok += 1;
    }
    ok
}

fn main() {
    let mut args = std::env::args().skip(1);
    let v4 = args.next().as_deref() != Some("64");
    let n: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let eam: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let harness_only = args.next().as_deref() == Some("harness");
    let mut entries = eam_entries(eam);
    let mut slots = vec![0u32; EamTable::slots_needed(&entries).expect("valid table")];
    let table = EamTable::build(&mut entries, &mut slots).expect("table builds");
    let mut p6 = [0u8; 16];
    p6[..5].copy_from_slice(&[0x20, 1, 0xd, 0xb8, 1]);
    let mut cfg = Config::DEFAULT.with_eamt(table);
    cfg.prefix6 = Prefix6::new(p6, 40).ok();
    // Compiled once, as the kernel does when it publishes a snapshot.
    let cfg = Compiled::new(cfg);
    let pkt = packet(v4, eam);
    let headroom = 64;
    let mut buf = vec![0u8; headroom + pkt.len()];
    buf[headroom..].copy_from_slice(&pkt);
    let ok = if harness_only {
        if v4 {
            harness::<28>(&cfg, &pkt, &mut buf, headroom, n)
        } else {
            harness::<48>(&cfg, &pkt, &mut buf, headroom, n)
        }
    } else if v4 {
        run::<28>(&cfg, &pkt, &mut buf, headroom, n)
    } else {
        run::<48>(&cfg, &pkt, &mut buf, headroom, n)
    };
    assert_eq!(ok, n, "every iteration translates");
    println!("translated {ok}");
}
