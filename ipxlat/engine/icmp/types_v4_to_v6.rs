// SPDX-License-Identifier: GPL-2.0

//! ICMPv4 → ICMPv6 type/code translation (SPEC 5.1, 5.2; RFC 7915 4.2).

use super::action::{Mapping, Rest};

/// ICMPv4 Echo Reply.
const ECHO_REPLY: u8 = 0;
/// ICMPv4 Destination Unreachable.
const DEST_UNREACH: u8 = 3;
/// ICMPv4 Echo Request.
const ECHO_REQUEST: u8 = 8;
/// ICMPv4 Time Exceeded.
const TIME_EXCEEDED: u8 = 11;
/// ICMPv4 Parameter Problem.
const PARAM_PROBLEM: u8 = 12;

/// ICMPv6 Destination Unreachable, carrying an RFC 4884 length (SPEC 5.6).
const fn unreach(code6: u8) -> Option<Mapping> {
    Some(Mapping::error(1, code6, Rest::Zero, true, true))
}

/// SPEC 5.2, ICMPv4 type 3 by code (codes ≥ 16 ⇒ drop).
const DEST_UNREACH_BY_CODE: [Option<Mapping>; 16] = [
    /* 0 net unreachable */ unreach(0),
    /* 1 host unreachable */ unreach(0),
    /* 2 protocol unreachable ⇒ Parameter Problem, pointer to Next Header */
    Some(Mapping::error(4, 1, Rest::FixedPointer(6), true, false)),
    /* 3 port unreachable */ unreach(4),
    /* 4 fragmentation needed ⇒ Packet Too Big (SPEC 3.5) */
    Some(Mapping::error(2, 0, Rest::Mtu, true, false)),
    /* 5 source route failed */ unreach(0),
    /* 6 destination network unknown */ unreach(0),
    /* 7 destination host unknown */ unreach(0),
    /* 8 source host isolated */ unreach(0),
    /* 9 network administratively prohibited */ unreach(1),
    /* 10 host administratively prohibited */ unreach(1),
    /* 11 network unreachable for TOS */ unreach(0),
    /* 12 host unreachable for TOS */ unreach(0),
    /* 13 communication administratively prohibited */ unreach(1),
    /* 14 host precedence violation */ None,
    /* 15 precedence cutoff in effect */ unreach(1),
];

/// Translate an ICMPv4 type/code to ICMPv6 (SPEC 5.1, 5.2).
///
/// `None` ⇒ drop ([`super::super::verdict::DropReason::IcmpUntranslatable`]).
/// Echo (types 8 and 0, SPEC 5.1) keeps its code: RFC 7915 section 4.2
/// changes only the type (and the checksum).
pub fn map(icmp_type: u8, code: u8) -> Option<Mapping> {
    match (icmp_type, code) {
        (ECHO_REQUEST, _) => Some(Mapping::informational(128, code)),
        (ECHO_REPLY, _) => Some(Mapping::informational(129, code)),
        (DEST_UNREACH, _) => DEST_UNREACH_BY_CODE
            .get(usize::from(code))
            .copied()
            .flatten(),
        // Code copied (0 hop limit exceeded, 1 reassembly time exceeded).
        (TIME_EXCEEDED, _) => Some(Mapping::error(3, code, Rest::Zero, true, true)),
        // 0 pointer indicates the error, 2 bad length; 1 (missing option) ⇒ drop.
        (PARAM_PROBLEM, 0 | 2) => Some(Mapping::error(4, 0, Rest::Pointer, true, false)),
        _ => None,
    }
}
