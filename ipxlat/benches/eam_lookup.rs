// SPDX-License-Identifier: GPL-2.0
//! EAM lookup cost with 1 entry vs 1,000,000 entries, both directions.
//!
//! The 1M table holds /32 <-> /128 pairs spread over the IPv4 space; the
//! 1-entry table one 10.0.0.0/22 <-> 2001:db8:1::/118 entry. Both have a
//! single prefix length per family, so every lookup is one hash probe.
//!
//! * "same": one address again and again (pure algorithmic cost).
//! * "hot": a fixed working set of 1,024 distinct active addresses in
//!   both tables (1,024 addresses inside the /22, or 1,024 distinct /32
//!   entries of the 1M table): the same number of distinct keys, all in
//!   cache after the first pass. This is the target: the 1M/1
//!   ratio must stay below 2.
//! * "cold": 65,536 random entries of the 1M table (memory-bound: the
//!   table is ~30 MB, so most lookups miss every cache level); reported
//!   as measured, with its ratio to the 1-entry hot case.

use criterion::Criterion;
use ipxlat_engine::engine::addr::eam::{EamEntry, EamTable};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Entry `i` of `n`: IPv4 spread evenly, IPv6 2001:db8::/32 + mixed bits.
fn entry(i: u32, n: u32) -> EamEntry {
    let a = i.wrapping_mul(u32::MAX / n.max(1));
    let mut b = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    b[8..12].copy_from_slice(&a.rotate_left(13).to_be_bytes());
    b[12..].copy_from_slice(&a.to_be_bytes());
    EamEntry::new(a.to_be_bytes(), 32, b, 128).unwrap()
}

struct Owned {
    entries: Vec<EamEntry>,
    slots: Vec<u32>,
}

fn owned(n: u32) -> Owned {
    let entries: Vec<EamEntry> = (0..n).map(|i| entry(i, n)).collect();
    let slots = vec![0u32; EamTable::slots_needed(&entries).unwrap()];
    Owned { entries, slots }
}

/// The 1-entry table: 10.0.0.0/22 <-> 2001:db8:1::/118.
fn owned_prefix() -> Owned {
    let mut v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    v6[15] = 0;
    let entries = vec![EamEntry::new([10, 0, 0, 0], 22, v6, 118).unwrap()];
    let slots = vec![0u32; EamTable::slots_needed(&entries).unwrap()];
    Owned { entries, slots }
}

/// The 1,024 addresses of the /22 of [`owned_prefix`], shuffled.
fn prefix_addrs() -> (Vec<[u8; 4]>, Vec<[u8; 16]>) {
    let mut x = 0x9e37_79b9u32;
    let mut idx: Vec<u32> = (0..1024).collect();
    for i in (1..idx.len()).rev() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        idx.swap(i, x as usize % (i + 1));
    }
    idx.iter()
        .map(|&i| {
            let v4 = (u32::from_be_bytes([10, 0, 0, 0]) | i).to_be_bytes();
            let mut v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
            v6[14..].copy_from_slice(&(i as u16).to_be_bytes());
            (v4, v6)
        })
        .unzip()
}

/// `k` distinct entries of a large table, spread over it (stride).
fn distinct(t: &EamTable<'_>, k: usize) -> (Vec<[u8; 4]>, Vec<[u8; 16]>) {
    let e = t.entries();
    let stride = (e.len() / k).max(1);
    (0..k).map(|i| &e[(i * stride + i * 7) % e.len()]).map(|en| (en.v4.addr, en.v6)).unzip()
}

/// Pseudo-random sample of `k` entries (xorshift).
fn sample(t: &EamTable<'_>, k: usize) -> (Vec<[u8; 4]>, Vec<[u8; 16]>) {
    let mut x = 0x9e37_79b9u32;
    let e = t.entries();
    (0..k)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let en = &e[x as usize % e.len()];
            (en.v4.addr, en.v6)
        })
        .unzip()
}

/// Nanoseconds per lookup over `rounds` passes of `addrs`.
fn time<A>(addrs: &[A], f: impl Fn(&A) -> bool) -> f64 {
    let rounds = (4_000_000 / addrs.len()).max(1);
    let start = Instant::now();
    let mut hits = 0usize;
    for _ in 0..rounds {
        for a in addrs {
            hits += f(black_box(a)) as usize;
        }
    }
    black_box(hits);
    start.elapsed().as_nanos() as f64 / (rounds * addrs.len()) as f64
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();

    let mut small = owned_prefix();
    let mut big = owned(1_000_000);
    let t1 = EamTable::build(&mut small.entries, &mut small.slots).unwrap();
    let t_build = Instant::now();
    let tm = EamTable::build(&mut big.entries, &mut big.slots).unwrap();
    println!("build 1,000,000 entries: {:?}", t_build.elapsed());

    let (hot4_1, hot6_1) = prefix_addrs();
    let (hot4_m, hot6_m) = distinct(&tm, 1024);
    let (cold4_m, cold6_m) = sample(&tm, 65_536);
    // Every address of every set maps.
    assert!(hot4_1.iter().all(|a| t1.v4_to_v6(*a).is_some()) && hot6_1.iter().all(|a| t1.v6_to_v4(a).is_some()));
    assert!(hot4_m.iter().all(|a| tm.v4_to_v6(*a).is_some()) && hot6_m.iter().all(|a| tm.v6_to_v4(a).is_some()));

    let mut g = c.benchmark_group("eam_lookup");
    for (name, t, a4, a6) in [
        ("1/hot", &t1, &hot4_1, &hot6_1),
        ("1M/hot", &tm, &hot4_m, &hot6_m),
        ("1M/cold", &tm, &cold4_m, &cold6_m),
    ] {
        g.bench_function(format!("v4_to_v6/{name}"), |b| {
            let mut i = 0usize;
            b.iter(|| {
                i = (i + 1) % a4.len();
                black_box(t.v4_to_v6(black_box(a4[i])))
            })
        });
        g.bench_function(format!("v6_to_v4/{name}"), |b| {
            let mut i = 0usize;
            b.iter(|| {
                i = (i + 1) % a6.len();
                black_box(t.v6_to_v4(black_box(&a6[i])))
            })
        });
    }
    g.finish();

    // Plain-loop timings for the ratios (criterion keeps its estimates to
    // itself). Best of 5 runs each, to keep other load on the machine out.
    let best = |f: &dyn Fn() -> f64| (0..5).map(|_| f()).fold(f64::INFINITY, f64::min);
    let s46_1 = best(&|| time(&hot4_1[..1], |a| t1.v4_to_v6(*a).is_some()));
    let s46_m = best(&|| time(&hot4_m[..1], |a| tm.v4_to_v6(*a).is_some()));
    let s64_1 = best(&|| time(&hot6_1[..1], |a| t1.v6_to_v4(a).is_some()));
    let s64_m = best(&|| time(&hot6_m[..1], |a| tm.v6_to_v4(a).is_some()));
    let n46_1 = best(&|| time(&hot4_1, |a| t1.v4_to_v6(*a).is_some()));
    let n46_m = best(&|| time(&hot4_m, |a| tm.v4_to_v6(*a).is_some()));
    let n46_c = best(&|| time(&cold4_m, |a| tm.v4_to_v6(*a).is_some()));
    let n64_1 = best(&|| time(&hot6_1, |a| t1.v6_to_v4(a).is_some()));
    let n64_m = best(&|| time(&hot6_m, |a| tm.v6_to_v4(a).is_some()));
    let n64_c = best(&|| time(&cold6_m, |a| tm.v6_to_v4(a).is_some()));
    println!();
    println!("EAM lookup, ns per lookup (1 entry vs 1,000,000 entries):");
    println!("  same address      v4_to_v6: 1 {s46_1:6.1}  1M {s46_m:6.1}  ratio {:.2}", s46_m / s46_1);
    println!("                    v6_to_v4: 1 {s64_1:6.1}  1M {s64_m:6.1}  ratio {:.2}", s64_m / s64_1);
    println!("  hot 1,024 addrs   v4_to_v6: 1 {n46_1:6.1}  1M {n46_m:6.1}  ratio {:.2}  (target < 2)", n46_m / n46_1);
    println!("                    v6_to_v4: 1 {n64_1:6.1}  1M {n64_m:6.1}  ratio {:.2}  (target < 2)", n64_m / n64_1);
    println!("  cold 65,536 random (1M only, memory-bound):");
    println!("                    v4_to_v6: 1M {n46_c:6.1}  ratio to 1-entry hot {:.2}", n46_c / n46_1);
    println!("                    v6_to_v4: 1M {n64_c:6.1}  ratio to 1-entry hot {:.2}", n64_c / n64_1);
    c.final_summary();
}
