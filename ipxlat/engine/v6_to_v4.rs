// SPDX-License-Identifier: GPL-2.0

//! IPv6 → IPv4 translation (SPEC 2.3, 2.4, 3.3, 4, 5, 6).

use crate::engine::config::Config;
use crate::engine::packet::{Host, Meta, PacketBuf, Verdict};
use crate::engine::verdict::DropReason;

/// Translates an IPv6 packet (see [`crate::engine::translate::translate`]).
pub fn translate(_cfg: &Config<'_>, _pkt: &mut PacketBuf<'_>, _meta: &Meta, _host: &mut impl Host) -> Verdict {
    Verdict::Drop(DropReason::MalformedIpv6)
}
