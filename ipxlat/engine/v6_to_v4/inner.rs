// SPDX-License-Identifier: GPL-2.0

//! The IPv6 packet quoted in an ICMPv6 error, translated to IPv4 (SPEC 5.5).
