// SPDX-License-Identifier: GPL-2.0

//! KUnit suites, run in the kernel when the module loads on a
//! CONFIG_KUNIT=y kernel: the engine's core vectors compiled by the kernel's
//! toolchain, the device's constants, and the host services the glue
//! binds.

mod device_mtu;
mod eam;
mod icmp;
mod ipv4_id;
mod rfc6052;
mod translate;
