// SPDX-License-Identifier: GPL-2.0

//! Fuzz target: IPv4 packets (version nibble forced) through the engine.

#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::run(data, 4));
