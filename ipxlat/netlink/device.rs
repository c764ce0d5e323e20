// SPDX-License-Identifier: GPL-2.0

//! The device a request names with its ifindex (SPEC 7.1 error texts), and
//! dumps that visit every device.

use crate::device::Ipxlat;
use crate::glue::genl::{for_each_device, uapi::attr, Attr, DeviceRef, Dump, DumpStatus, ExtAck, LookupError, Request};
use crate::glue::netdev::NetDevice;
use crate::glue::route::Net;
use kernel::{prelude::*, sync::rcu};

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

/// A dump of one message per ipxlat device of the requester's namespace, in
/// ifindex order, resumable (state word 0: the next ifindex). `each` writes
/// a device's message and returns whether it fitted.
pub(super) fn dump_each<'d>(
    dump: &mut Dump<'d>,
    mut each: impl FnMut(&mut Dump<'d>, &NetDevice<Ipxlat>, &rcu::Guard) -> Result<bool>,
) -> Result<DumpStatus> {
    let mut state = dump.state();
    let net = dump.net();
    let mut full = false;
    {
        let guard = rcu::read_lock();
        for_each_device::<Ipxlat, Error>(net, &mut state[0], &guard, |dev| {
            full = !each(dump, dev, &guard)?;
            Ok(!full)
        })?;
    }
    dump.set_state(state);
    Ok(if full { DumpStatus::More } else { DumpStatus::Done })
}
