// SPDX-License-Identifier: GPL-2.0

//! The IPv4 packet quoted in an ICMPv4 error, translated to IPv6 (SPEC 5.5).
