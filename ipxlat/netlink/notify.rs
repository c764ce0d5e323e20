// SPDX-License-Identifier: GPL-2.0

//! change-ntf: one notification per successful change, multicast to the
//! `config` group in the device's namespace.

use crate::device::Ipxlat;
use crate::glue::genl::{uapi, Message};
use crate::glue::netdev::NetDevice;

/// Announces a change of kind `change` (enum `change`) on `dev`. Best
/// effort: the change is applied already, so failures are not reported.
pub(super) fn change(dev: &NetDevice<Ipxlat>, change: u32) {
    let Ok(mut msg) = Message::event(uapi::cmd::CHANGE_NTF) else {
        return;
    };
    let mut w = msg.writer();
    let filled = w
        .put_u32(uapi::attr::DEV_IFINDEX, dev.ifindex())
        .and_then(|()| w.put_u32(uapi::attr::DEV_CHANGE, change));
    if filled.is_ok() {
        msg.multicast(dev.net(), uapi::GROUP_CONFIG);
    }
}
