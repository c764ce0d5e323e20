// SPDX-License-Identifier: GPL-2.0

//! ICMPv6 error → ICMPv4 error (SPEC 5.3-5.8): rebuilt message.

use super::Outer6;
use crate::engine::config::Config;
use crate::engine::icmp::action::Mapping;
use crate::engine::packet::{Host, Meta, PacketBuf, Verdict};
use crate::engine::verdict::DropReason;

/// Translates an ICMPv6 error whose outer header passed SPEC 6 steps 1-5.
pub fn translate(
    _cfg: &Config<'_>,
    _pkt: &mut PacketBuf<'_>,
    _meta: &Meta,
    _host: &mut impl Host,
    _outer: &Outer6,
    _m: &Mapping,
) -> Verdict {
    Verdict::Drop(DropReason::IcmpUntranslatable)
}
