// SPDX-License-Identifier: GPL-2.0

//! ICMP translation decisions as pure functions (SPEC 5, 3.5).
//!
//! Nothing here touches packet bytes: these are the RFC 7915 tables and
//! the size/MTU arithmetic that the packet-level ICMP translation consults.
//!
//! * [`types_v4_to_v6`] / [`types_v6_to_v4`]: type/code tables (SPEC 5.1-5.3),
//!   returning an [`action::Mapping`] or `None` (drop).
//! * [`pointer`](mod@pointer): Parameter Problem pointer tables (SPEC 5.4).
//! * [`mtu`]: PTB ⇄ Fragmentation Needed MTU arithmetic and the MTUs of the
//!   translator's own too-big errors (SPEC 3.2, 3.3, 3.5, 5.10).
//! * [`ext4884`]: RFC 4884 length attribute, extension and size cap layout
//!   (SPEC 5.6, 5.7).

pub mod action;
pub mod ext4884;
pub mod mtu;
pub mod pointer;
pub mod types_v4_to_v6;
pub mod types_v6_to_v4;
