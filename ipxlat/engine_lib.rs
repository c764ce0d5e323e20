// SPDX-License-Identifier: GPL-2.0

//! Host build of the ipxlat translation engine.
//!
//! The same files the kernel module compiles (`engine.rs` and `engine/`),
//! built as an ordinary `no_std` library for host tests, property tests,
//! fuzzing and benchmarks.

#![no_std]
#![forbid(unsafe_code)]

pub mod engine;
