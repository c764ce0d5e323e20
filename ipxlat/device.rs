// SPDX-License-Identifier: GPL-2.0

//! The `ipxlat` link type: a layer-3 virtual device without link layer.

use crate::glue::{
    consts::{
        NETIF_F_FRAGLIST, NETIF_F_GSO_UDP_L4, NETIF_F_HIGHDMA, NETIF_F_HW_CSUM, NETIF_F_SG, NETIF_F_TSO, NETIF_F_TSO6,
        NETIF_F_TSO_ECN, NETIF_F_TSO_MANGLEID,
    },
    netdev::{DeviceShape, LinkType, NetDevice},
    skb::SkBuff,
};
use crate::state::IpxlatPrivate;
use kernel::prelude::*;

/// Smallest device MTU: the IPv6 minimum link MTU (RFC 8200 section 5).
pub(crate) const MIN_MTU: u32 = 1280;
/// Largest device MTU: an IPv4 packet of 65535 bytes that still fits once
/// its 20-byte header becomes a 40-byte IPv6 header (SPEC 7.1).
pub(crate) const MAX_MTU: u32 = 65535 - 40 - 20;
/// Default device MTU.
pub(crate) const DEFAULT_MTU: u32 = 1500;

/// Offloads of the device (issue: GSO and checksum offload kept intact).
/// Scatter-gather and frag lists: the transmit path only makes the headers
/// linear. Any checksum (`HW_CSUM`): `CHECKSUM_PARTIAL` packets stay partial
/// across translation, their pseudo-header sum patched. TCP and UDP GSO:
/// super-packets are translated whole, their GSO type swapped (the types
/// `datapath::gso_kind` accepts; other GSO types are segmented by the stack
/// before they reach the device).
const OFFLOADS: u64 = NETIF_F_SG
    | NETIF_F_FRAGLIST
    | NETIF_F_HIGHDMA
    | NETIF_F_HW_CSUM
    | NETIF_F_TSO
    | NETIF_F_TSO_ECN
    | NETIF_F_TSO_MANGLEID
    | NETIF_F_TSO6
    | NETIF_F_GSO_UDP_L4;

/// The `ipxlat` link kind.
pub(crate) struct Ipxlat;

impl LinkType for Ipxlat {
    type Private = IpxlatPrivate;
    const KIND: &'static CStr = c"ipxlat";
    const SHAPE: DeviceShape = DeviceShape {
        mtu: DEFAULT_MTU,
        min_mtu: MIN_MTU,
        max_mtu: MAX_MTU,
        features: OFFLOADS,
    };

    fn init_private() -> impl PinInit<IpxlatPrivate> {
        IpxlatPrivate::new()
    }

    fn init(private: Pin<&mut IpxlatPrivate>) -> Result {
        private.init()
    }

    fn start_xmit(dev: &NetDevice<Self>, skb: SkBuff) {
        crate::datapath::xmit(dev, skb);
    }

    fn features_check(skb: &SkBuff, features: u64) -> u64 {
        crate::datapath::features_check(skb, features)
    }
}
