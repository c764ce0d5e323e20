// SPDX-License-Identifier: GPL-2.0

//! The device a request names with its ifindex (SPEC 7.1 error texts).

use crate::device::Ipxlat;
use crate::glue::genl::{uapi::attr, Attr, DeviceRef, ExtAck, LookupError, Request};
use crate::glue::route::Net;
use kernel::prelude::*;

/// A held ipxlat device.
pub(super) type Dev = DeviceRef<Ipxlat>;

/// The device of the request's `ifindex` attribute (required).
pub(super) fn of_request(req: &Request<'_>) -> Result<Dev> {
    let a = req.require(attr::DEV_IFINDEX)?;
    lookup(req.net(), a, &req.extack())
}

/// The ipxlat device with the ifindex in `a`, in `net`.
pub(super) fn lookup(net: Net, a: Attr<'_>, extack: &ExtAck<'_>) -> Result<Dev> {
    match DeviceRef::get(net, a.get_u32()?) {
        Ok(dev) => Ok(dev),
        Err(LookupError::NoDevice) => {
            extack.message("ifindex does not match any interface");
            Err(ENODEV)
        }
        Err(LookupError::OtherType) => {
            extack.bad(&a, "specified interface is not ipxlat");
            Err(EINVAL)
        }
    }
}
