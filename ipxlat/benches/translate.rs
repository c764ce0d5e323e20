// SPDX-License-Identifier: GPL-2.0

//! Criterion benchmarks of whole-packet translation: UDP, TCP, ICMP echo
//! and ICMP error, both directions (reference topology, prefix
//! 2001:db8:100::/40). Each iteration translates a fresh copy of the
//! packet (the copy is part of the measurement).

#[path = "../tests/common/mod.rs"]
#[allow(dead_code, unused_imports)]
mod common;

use common::{cfg_ref, icmp4, icmp6, meta, TestHost, V4, V6};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ipxlat_engine::engine::packet::{PacketBuf, Verdict};
use ipxlat_engine::engine::translate::translate;
use ipxlat_engine::engine::verdict::DropReason;
use std::hint::black_box;

const HEADROOM: usize = 64;

fn cases() -> Vec<(&'static str, Vec<u8>)> {
    let (ns4, target) = ("198.51.100.2", "192.0.2.33");
    let (ns4_6, target_6) = ("2001:db8:1c6:3364:2::", "2001:db8:1c0:2:21::");
    let payload = [0x5au8; 100];
    let inner4 = V4::new(target, ns4, 17).udp(5555, 4242, &payload);
    let inner6 = V6::new(target_6, ns4_6).udp(5555, 4242, &payload);
    let e6 = V6::new(target_6, ns4_6);
    vec![
        ("46/udp", V4::new(ns4, target, 17).udp(4242, 5555, &payload)),
        ("46/tcp", V4::new(ns4, target, 6).tcp(&payload)),
        ("46/echo", V4::new(ns4, target, 1).echo(8, &payload)),
        ("46/icmp-error", V4::new(ns4, target, 1).packet(&icmp4(3, 3, [0; 4], &inner4))),
        ("64/udp", V6::new(target_6, ns4_6).udp(5555, 4242, &payload)),
        ("64/tcp", V6::new(target_6, ns4_6).tcp(&payload)),
        ("64/echo", V6::new(target_6, ns4_6).echo(128, &payload)),
        ("64/icmp-error", e6.packet(58, &icmp6(e6.src, e6.dst, 1, 4, [0; 4], &inner6))),
    ]
}

fn benches(c: &mut Criterion) {
    let cfg = ipxlat_engine::engine::config::Compiled::new(cfg_ref());
    let m = meta();
    for (name, pkt) in cases() {
        let mut buf = vec![0u8; HEADROOM + pkt.len()];
        buf[HEADROOM..].copy_from_slice(&pkt);
        let mut host = TestHost::new();
        host.orig = pkt.clone();
        c.bench_function(name, |b| {
            b.iter_batched_ref(
                || buf.clone(),
                |bytes| {
                    let mut p = PacketBuf { buf: bytes, start: HEADROOM, len: pkt.len() };
                    // The caller contract of the kernel's xmit: the fast
                    // path's outcome in registers, the rest in `detail`.
                    let mut detail = Verdict::Drop(DropReason::NoConfig);
                    let o = translate(black_box(&cfg), &mut p, &m, &mut host, &mut detail);
                    assert!(o.whole().is_some() || matches!(detail, Verdict::Translated(_)));
                    (o, detail)
                },
                BatchSize::SmallInput,
            )
        });
    }
}

criterion_group!(translate_benches, benches);
criterion_main!(translate_benches);
