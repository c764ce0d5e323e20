// SPDX-License-Identifier: GPL-2.0

//! KUnit suites, run in the kernel when the module loads on a
//! CONFIG_KUNIT=y kernel: the engine's core vectors compiled by the kernel's
//! toolchain, and the device's constants.

mod device_mtu;
mod eam;
mod icmp;
mod rfc6052;
mod translate;
