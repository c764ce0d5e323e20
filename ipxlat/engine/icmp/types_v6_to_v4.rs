// SPDX-License-Identifier: GPL-2.0

//! ICMPv6 → ICMPv4 type/code translation (SPEC 5.1, 5.3; RFC 7915 5.2).

use super::action::{Mapping, Rest};

/// ICMPv6 Destination Unreachable.
const DEST_UNREACH: u8 = 1;
/// ICMPv6 Packet Too Big.
const PACKET_TOO_BIG: u8 = 2;
/// ICMPv6 Time Exceeded.
const TIME_EXCEEDED: u8 = 3;
/// ICMPv6 Parameter Problem.
const PARAM_PROBLEM: u8 = 4;
/// ICMPv6 Echo Request.
const ECHO_REQUEST: u8 = 128;
/// ICMPv6 Echo Reply.
const ECHO_REPLY: u8 = 129;

/// ICMPv4 Destination Unreachable, carrying an RFC 4884 length (SPEC 5.6).
const fn unreach(code4: u8) -> Option<Mapping> {
    Some(Mapping::error(3, code4, Rest::Zero, true, true))
}

/// SPEC 5.3, ICMPv6 type 1 by code (codes ≥ 5 ⇒ drop).
const DEST_UNREACH_BY_CODE: [Option<Mapping>; 5] = [
    /* 0 no route ⇒ host unreachable */ unreach(1),
    /* 1 administratively prohibited ⇒ host administratively prohibited */
    unreach(10),
    /* 2 beyond scope of source address ⇒ host unreachable */ unreach(1),
    /* 3 address unreachable ⇒ host unreachable */ unreach(1),
    /* 4 port unreachable */ unreach(3),
];

/// Translate an ICMPv6 type/code to ICMPv4 (SPEC 5.1, 5.3).
///
/// `None` ⇒ drop ([`super::super::verdict::DropReason::IcmpUntranslatable`]);
/// this includes MLD and Neighbor Discovery (SPEC 5.1). Echo keeps its
/// code: RFC 7915 section 5.2 changes only the type (and the checksum).
pub fn map(icmp_type: u8, code: u8) -> Option<Mapping> {
    match (icmp_type, code) {
        (ECHO_REQUEST, _) => Some(Mapping::informational(8, code)),
        (ECHO_REPLY, _) => Some(Mapping::informational(0, code)),
        (DEST_UNREACH, _) => DEST_UNREACH_BY_CODE
            .get(usize::from(code))
            .copied()
            .flatten(),
        // Code ignored (SPEC 5.3); MTU per SPEC 3.5.
        (PACKET_TOO_BIG, _) => Some(Mapping::error(3, 4, Rest::Mtu, false, true)),
        // Code copied (0 hop limit exceeded, 1 reassembly time exceeded).
        (TIME_EXCEEDED, _) => Some(Mapping::error(11, code, Rest::Zero, true, true)),
        // Erroneous header field ⇒ Parameter Problem, pointer per SPEC 5.4.
        (PARAM_PROBLEM, 0) => Some(Mapping::error(12, 0, Rest::Pointer, false, true)),
        // Unrecognized Next Header ⇒ protocol unreachable.
        (PARAM_PROBLEM, 1) => Some(Mapping::error(3, 2, Rest::Zero, false, true)),
        _ => None,
    }
}
