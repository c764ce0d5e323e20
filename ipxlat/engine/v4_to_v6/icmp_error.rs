// SPDX-License-Identifier: GPL-2.0

//! ICMPv4 error → ICMPv6 error (SPEC 5.2-5.8): rebuilt message.

use super::Outer4;
use crate::engine::config::Config;
use crate::engine::icmp::action::Mapping;
use crate::engine::packet::{Host, Meta, PacketBuf, Verdict};
use crate::engine::verdict::DropReason;

/// Translates an ICMPv4 error whose outer header passed SPEC 6 steps 1-5.
pub fn translate(
    _cfg: &Config<'_>,
    _pkt: &mut PacketBuf<'_>,
    _meta: &Meta,
    _host: &mut impl Host,
    _outer: &Outer4,
    _m: &Mapping,
) -> Verdict {
    Verdict::Drop(DropReason::IcmpUntranslatable)
}
