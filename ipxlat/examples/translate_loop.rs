// SPDX-License-Identifier: GPL-2.0

//! Translates one UDP packet N times, for instruction counting with
//! `valgrind --tool=callgrind` (tools/testing/bench/callgrind-engine.sh).
//!
//! Usage: `translate_loop 46|64 N`. Each iteration restores the original
//! IP + UDP header bytes (a 48-byte copy) and translates again;
//! instructions per translation = (Ir(N) − Ir(0)) / N.

use ipxlat_engine::engine::addr::prefix6::Prefix6;
use ipxlat_engine::engine::config::Config;
use ipxlat_engine::engine::packet::{ChecksumState, Host, Meta, PacketBuf, Verdict};
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
    fn ipv4_id(&mut self, _src: [u8; 4], _dst: [u8; 4]) -> u16 {
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

/// A 100-byte-payload UDP packet (checksum valid) in the given family.
fn packet(v4: bool) -> Vec<u8> {
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
        let src = [0x20, 1, 0xd, 0xb8, 1, 0xc0, 0, 2, 0, 0x21, 0, 0, 0, 0, 0, 0];
        let dst = [0x20, 1, 0xd, 0xb8, 1, 0xc6, 0x33, 0x64, 0, 2, 0, 0, 0, 0, 0, 0];
        let mut h = vec![0x60, 0, 0, 0, 0, 108, 17, 64];
        h.extend_from_slice(&src);
        h.extend_from_slice(&dst);
        let c = csum_fold(sum(&src) + sum(&dst) + 17 + 108 + sum(&udp));
        udp[6..8].copy_from_slice(&c.to_be_bytes());
        h.extend_from_slice(&udp);
        h
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let v4 = args.next().as_deref() != Some("64");
    let n: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let mut cfg = Config::DEFAULT;
    let mut p6 = [0u8; 16];
    p6[..5].copy_from_slice(&[0x20, 1, 0xd, 0xb8, 1]);
    cfg.prefix6 = Prefix6::new(p6, 40).ok();
    let pkt = packet(v4);
    let headroom = 64;
    let mut buf = vec![0u8; headroom + pkt.len()];
    buf[headroom..].copy_from_slice(&pkt);
    let meta = Meta { csum: ChecksumState::Complete, gso: None, hop_already_decremented: false };
    let hdr = if v4 { 28 } else { 48 };
    let mut ok = 0u64;
    let mut host = LoopHost;
    for _ in 0..n {
        buf[headroom..headroom + hdr].copy_from_slice(&pkt[..hdr]);
        let mut p = PacketBuf { buf: black_box(&mut buf[..]), start: headroom, len: pkt.len() };
        if let Verdict::Translated(_) = translate(black_box(&cfg), &mut p, &meta, &mut host) {
            ok += 1;
        }
    }
    assert_eq!(ok, n, "every iteration translates");
    println!("translated {ok}");
}
