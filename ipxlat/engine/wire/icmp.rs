// SPDX-License-Identifier: GPL-2.0

//! ICMPv4 / ICMPv6 header fields (RFC 792, RFC 4443).

/// Length of the fixed ICMP header (type, code, checksum, 4 bytes rest).
pub const HEADER_LEN: usize = 8;
/// Offset of the type byte.
pub const TYPE: usize = 0;
/// Offset of the code byte.
pub const CODE: usize = 1;
/// Offset of the checksum.
pub const CHECKSUM: usize = 2;

/// ICMPv4 Echo Reply.
pub const V4_ECHO_REPLY: u8 = 0;
/// ICMPv4 Destination Unreachable.
pub const V4_DEST_UNREACH: u8 = 3;
/// ICMPv4 Echo Request.
pub const V4_ECHO_REQUEST: u8 = 8;
/// ICMPv4 Time Exceeded.
pub const V4_TIME_EXCEEDED: u8 = 11;
/// ICMPv4 Parameter Problem.
pub const V4_PARAM_PROBLEM: u8 = 12;
/// ICMPv6 Destination Unreachable.
pub const V6_DEST_UNREACH: u8 = 1;
/// ICMPv6 Packet Too Big.
pub const V6_PACKET_TOO_BIG: u8 = 2;
/// ICMPv6 Time Exceeded.
pub const V6_TIME_EXCEEDED: u8 = 3;
/// ICMPv6 Parameter Problem.
pub const V6_PARAM_PROBLEM: u8 = 4;
/// ICMPv6 Echo Request.
pub const V6_ECHO_REQUEST: u8 = 128;
/// ICMPv6 Echo Reply.
pub const V6_ECHO_REPLY: u8 = 129;

/// ICMPv4 error types (RFC 792/1812): 3, 4, 5, 11, 12.
pub fn is_error_v4(icmp_type: u8) -> bool {
    matches!(icmp_type, 3 | 4 | 5 | 11 | 12)
}

/// ICMPv6 error types (RFC 4443: types below 128).
pub fn is_error_v6(icmp_type: u8) -> bool {
    icmp_type < 128
}
