// SPDX-License-Identifier: GPL-2.0

//! ipxlat: a stateless IPv4/IPv6 translator (SIIT, RFC 7915) as a virtual
//! network device.
//!
//! `ip link add clat0 type ipxlat` creates a device; packets routed into it
//! are translated to the other address family and re-injected as received on
//! the same device. The translation rules live in [`engine`], plain `core`
//! Rust shared with the host test suite; all `unsafe` code is in `glue`.

use kernel::prelude::*;

pub mod engine;
mod datapath;
mod device;
// The configuration writers arrive with the netlink family.
#[allow(dead_code)]
mod glue;
mod kunit;
// The configuration writers arrive with the netlink family.
#[allow(dead_code)]
mod state;

module! {
    type: IpxlatModule,
    name: "ipxlat",
    authors: ["The ipxlat developers"],
    description: "Stateless IPv4/IPv6 translator (SIIT, RFC 7915) network device",
    license: "GPL",
    alias: ["rtnl-link-ipxlat", "net-pf-16-proto-16-family-ipxlat"],
}

#[pin_data]
struct IpxlatModule {
    #[pin]
    link: glue::netdev::Registration<device::Ipxlat>,
    /// Dropped after `link` (fields drop in order): waits for the RCU
    /// callbacks that free replaced configuration snapshots.
    _rcu: glue::rcu::BarrierOnDrop,
}

impl kernel::InPlaceModule for IpxlatModule {
    fn init(_module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            link <- glue::netdev::Registration::new(),
            _rcu: glue::rcu::BarrierOnDrop,
        })
    }
}
