// SPDX-License-Identifier: GPL-2.0

//! Address mapping (SPEC 1): RFC 6052 prefixes, IPv4 prefixes, address
//! classes, the RFC 7757 EAM table, and the decision procedure of SPEC 1.6
//! that combines them ([`map`]).

pub mod classes;
pub mod eam;
pub mod ipv4_prefix;
pub mod map;
pub mod prefix6;
