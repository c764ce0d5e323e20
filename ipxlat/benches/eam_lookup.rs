// SPDX-License-Identifier: GPL-2.0
//! EAM lookup cost with 1 entry vs 1,000,000 entries, both directions.
//!
//! Entries are /32 <-> /128 pairs spread over the IPv4 space. "same" looks
//! up one table address again and again (pure algorithmic cost: the ratio
//! 1M/1 must stay below 2); "hot" looks up 1,024 table addresses in turn
//! (adds L2/TLB misses); "cold" cycles through 65,536 random table
//! addresses (memory-bound: a 1M table is ~30 MB).

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

    let mut small = owned(1);
    let mut big = owned(1_000_000);
    let t1 = EamTable::build(&mut small.entries, &mut small.slots).unwrap();
    let t_build = Instant::now();
    let tm = EamTable::build(&mut big.entries, &mut big.slots).unwrap();
    println!("build 1,000,000 entries: {:?}", t_build.elapsed());

    let (hot4_1, hot6_1) = sample(&t1, 1024);
    let (hot4_m, hot6_m) = sample(&tm, 1024);
    let (cold4_m, cold6_m) = sample(&tm, 65_536);

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

    // Plain-loop timings for the ratio (criterion keeps its estimates to
    // itself).
    let s46_1 = time(&hot4_1[..1], |a| t1.v4_to_v6(*a).is_some());
    let s46_m = time(&hot4_m[..1], |a| tm.v4_to_v6(*a).is_some());
    let s64_1 = time(&hot6_1[..1], |a| t1.v6_to_v4(a).is_some());
    let s64_m = time(&hot6_m[..1], |a| tm.v6_to_v4(a).is_some());
    println!("same address: v4_to_v6 1 entry {s46_1:.1} ns, 1M {s46_m:.1} ns (ratio {:.2}); v6_to_v4 1 entry {s64_1:.1} ns, 1M {s64_m:.1} ns (ratio {:.2})", s46_m / s46_1, s64_m / s64_1);
    let n46_1 = time(&hot4_1, |a| t1.v4_to_v6(*a).is_some());
    let n46_m = time(&hot4_m, |a| tm.v4_to_v6(*a).is_some());
    let n46_c = time(&cold4_m, |a| tm.v4_to_v6(*a).is_some());
    let n64_1 = time(&hot6_1, |a| t1.v6_to_v4(a).is_some());
    let n64_m = time(&hot6_m, |a| tm.v6_to_v4(a).is_some());
    let n64_c = time(&cold6_m, |a| tm.v6_to_v4(a).is_some());
    println!("v4_to_v6: 1 entry {n46_1:.1} ns, 1M hot {n46_m:.1} ns (ratio {:.2}), 1M cold {n46_c:.1} ns (ratio {:.2})", n46_m / n46_1, n46_c / n46_1);
    println!("v6_to_v4: 1 entry {n64_1:.1} ns, 1M hot {n64_m:.1} ns (ratio {:.2}), 1M cold {n64_c:.1} ns (ratio {:.2})", n64_m / n64_1, n64_c / n64_1);
    c.final_summary();
}
