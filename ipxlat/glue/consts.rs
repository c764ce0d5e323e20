// SPDX-License-Identifier: GPL-2.0

//! Kernel constants the datapath uses, with the types it wants.

use super::bindings;

/// Ethertype of IPv4.
pub(crate) const ETH_P_IP: u16 = bindings::ETH_P_IP as u16;
/// Ethertype of IPv6.
pub(crate) const ETH_P_IPV6: u16 = bindings::ETH_P_IPV6 as u16;

/// GSO type: TCP over IPv4.
pub(crate) const SKB_GSO_TCPV4: u32 = bindings::SKB_GSO_TCPV4 as u32;
/// GSO type: TCP over IPv6.
pub(crate) const SKB_GSO_TCPV6: u32 = bindings::SKB_GSO_TCPV6 as u32;
/// GSO type: UDP segmentation offload.
pub(crate) const SKB_GSO_UDP_L4: u32 = bindings::SKB_GSO_UDP_L4 as u32;
/// GSO flag: header from an untrusted source (the stack re-checks it).
pub(crate) const SKB_GSO_DODGY: u32 = bindings::SKB_GSO_DODGY as u32;
/// GSO flags that may accompany a TCP GSO type and survive translation
/// (they describe TCP, not the IP header).
pub(crate) const SKB_GSO_TCP_FLAGS: u32 =
    SKB_GSO_DODGY | bindings::SKB_GSO_TCP_ECN as u32 | bindings::SKB_GSO_TCP_FIXEDID as u32 | bindings::SKB_GSO_TCP_ACCECN as u32;
