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
mod glue;
mod kunit;
mod netlink;
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
    /// Declared first so it is dropped first: the family goes away before
    /// the link type (and with it every device). Initialised after `link`.
    _genl: glue::genl::Registration,
    #[pin]
    link: glue::netdev::Registration<device::Ipxlat>,
    /// Dropped after `link` (fields drop in order): waits for the RCU
    /// callbacks that free replaced configuration snapshots.
    _rcu: glue::rcu::BarrierOnDrop,
}

impl kernel::InPlaceModule for IpxlatModule {
    fn init(module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            link <- glue::netdev::Registration::new(module),
            _genl: glue::genl::Registration::new()?,
            _rcu: glue::rcu::BarrierOnDrop,
        })
    }
}
