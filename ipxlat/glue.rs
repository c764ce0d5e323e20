// SPDX-License-Identifier: GPL-2.0

//! The thin layer over the kernel's C API.
//!
//! Every `unsafe` block of the module lives under this module, each with a
//! `// SAFETY:` comment. The rest of the module (device logic, netlink
//! handlers, the engine) is safe Rust over the types defined here.

mod bindings;
pub(crate) mod consts;
pub(crate) mod eam_store;
pub(crate) mod genl;
pub(crate) mod local_dst;
pub(crate) mod netdev;
pub(crate) mod percpu;
pub(crate) mod rcu;
pub(crate) mod route;
pub(crate) mod skb;
