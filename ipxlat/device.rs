// SPDX-License-Identifier: GPL-2.0

//! The `ipxlat` link type: a layer-3 virtual device without link layer.

use crate::glue::{
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

/// The `ipxlat` link kind.
pub(crate) struct Ipxlat;

impl LinkType for Ipxlat {
    type Private = IpxlatPrivate;
    const KIND: &'static CStr = c"ipxlat";
    const SHAPE: DeviceShape = DeviceShape {
        mtu: DEFAULT_MTU,
        min_mtu: MIN_MTU,
        max_mtu: MAX_MTU,
    };

    fn init_private() -> impl PinInit<IpxlatPrivate> {
        IpxlatPrivate::new()
    }

    fn start_xmit(dev: &NetDevice<Self>, skb: SkBuff) {
        crate::datapath::xmit(dev, skb);
    }
}
