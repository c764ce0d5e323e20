// SPDX-License-Identifier: GPL-2.0

//! Raw bindings generated at build time by bindgen from
//! `glue/bindings_helper.h` (items listed in `glue/bindgen.args`).
//!
//! The `kernel` crate has no networking abstractions and its own bindings
//! leave `net_device` opaque, so the module generates what it needs. Static
//! inline functions are reached through C wrappers (`<name>__extern`) that
//! bindgen writes next to the Rust output.

#![allow(
    dead_code,
    missing_docs,
    non_camel_case_types,
    non_upper_case_globals,
    non_snake_case,
    improper_ctypes,
    unreachable_pub,
    unsafe_op_in_unsafe_fn,
    unnecessary_transmutes,
    clippy::all,
    clippy::undocumented_unsafe_blocks
)]

include!("../generated/bindings.rs");
