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
/// GSO flag: the IPv4 IDs of the segments must not change (IPv4 only).
pub(crate) const SKB_GSO_TCP_FIXEDID: u32 = bindings::SKB_GSO_TCP_FIXEDID as u32;
/// GSO flags that may accompany a TCP GSO type and survive translation
/// (they describe TCP, not the IP header).
pub(crate) const SKB_GSO_TCP_FLAGS: u32 =
    SKB_GSO_DODGY | bindings::SKB_GSO_TCP_ECN as u32 | bindings::SKB_GSO_TCP_FIXEDID as u32 | bindings::SKB_GSO_TCP_ACCECN as u32;

/// Device feature: scatter-gather: paged data.
pub(crate) const NETIF_F_SG: u64 = 1 << bindings::NETIF_F_SG_BIT;
/// Device feature: frag_list chains.
pub(crate) const NETIF_F_FRAGLIST: u64 = 1 << bindings::NETIF_F_FRAGLIST_BIT;
/// Device feature: pages in high memory.
pub(crate) const NETIF_F_HIGHDMA: u64 = 1 << bindings::NETIF_F_HIGHDMA_BIT;
/// Device feature: checksums of any protocol left to the device.
pub(crate) const NETIF_F_HW_CSUM: u64 = 1 << bindings::NETIF_F_HW_CSUM_BIT;
/// Device feature: TCP over IPv4 GSO.
pub(crate) const NETIF_F_TSO: u64 = 1 << bindings::NETIF_F_TSO_BIT;
/// Device feature: TCP GSO with ECN (CWR).
pub(crate) const NETIF_F_TSO_ECN: u64 = 1 << bindings::NETIF_F_TSO_ECN_BIT;
/// Device feature: TCP over IPv4 GSO whose IDs may be changed.
pub(crate) const NETIF_F_TSO_MANGLEID: u64 = 1 << bindings::NETIF_F_TSO_MANGLEID_BIT;
/// Device feature: TCP over IPv6 GSO.
pub(crate) const NETIF_F_TSO6: u64 = 1 << bindings::NETIF_F_TSO6_BIT;
/// Every GSO feature bit (`NETIF_F_GSO_MASK`): clearing them makes the
/// stack segment a GSO packet in software before handing it over.
pub(crate) const NETIF_F_GSO_MASK: u64 =
    (u64::MAX >> (63 - bindings::NETIF_F_GSO_LAST as u32)) & !((1u64 << bindings::NETIF_F_GSO_SHIFT as u32) - 1);
/// Device feature: UDP GSO.
pub(crate) const NETIF_F_GSO_UDP_L4: u64 = 1 << bindings::NETIF_F_GSO_UDP_L4_BIT;
