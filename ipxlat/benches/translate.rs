// SPDX-License-Identifier: GPL-2.0

//! Criterion benchmarks of whole-packet translation (filled in below).

use criterion::{criterion_group, criterion_main, Criterion};

fn benches(_c: &mut Criterion) {}

criterion_group!(translate_benches, benches);
criterion_main!(translate_benches);
