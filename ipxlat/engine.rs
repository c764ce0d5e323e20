// SPDX-License-Identifier: GPL-2.0

//! The translation engine: RFC 7915 / 6052 / 7757 as plain `core` Rust.
//!
//! Knows nothing of sk_buffs. The kernel module compiles these files as a
//! module of its crate; cargo compiles the same files as the host library
//! `ipxlat_engine` (see `engine_lib.rs`) for tests, fuzzing and benchmarks.

pub mod icmp;
pub mod verdict;
pub mod addr;
pub mod checksum;
pub mod config;
pub mod packet;
pub mod translate;
pub mod v4_to_v6;
pub mod v6_to_v4;
pub mod wire;
pub mod sort;
