// SPDX-License-Identifier: GPL-2.0

//! Devices of the module's link type, found by ifindex in a namespace.

use super::bindings;
use crate::glue::{
    netdev::{is_own_link_type, LinkType, NetDevice},
    route::Net,
};
use core::{marker::PhantomData, ops::Deref, ptr::NonNull};
use kernel::sync::rcu;

/// Why [`DeviceRef::get`] found no device of the link type.
pub(crate) enum LookupError {
    /// No device with that ifindex in the namespace.
    NoDevice,
    /// The device is of another link type.
    OtherType,
}

/// A held reference to a device of link type `T`.
///
/// # Invariants
///
/// `dev` is a device of link type `T` on which we hold a reference
/// (`dev_hold`), released on drop.
pub(crate) struct DeviceRef<T: LinkType> {
    dev: NonNull<bindings::net_device>,
    _type: PhantomData<T>,
}

// SAFETY: a held device reference may be used and released from any
// thread; `T::Private` is `Send + Sync`.
unsafe impl<T: LinkType> Send for DeviceRef<T> {}
// SAFETY: shared access only reaches `&NetDevice<T>`, which is `Sync`-safe
// as the datapath uses it from every CPU.
unsafe impl<T: LinkType> Sync for DeviceRef<T> {}

impl<T: LinkType> DeviceRef<T> {
    /// The device with `ifindex` in `net`, if it is of link type `T`.
    pub(crate) fn get(net: Net, ifindex: u32) -> Result<Self, LookupError> {
        let idx = i32::try_from(ifindex).map_err(|_| LookupError::NoDevice)?;
        // SAFETY: `net` is a valid namespace; returns a held device or null.
        let dev = unsafe { bindings::dev_get_by_index(net.as_ptr(), idx) };
        let dev = NonNull::new(dev).ok_or(LookupError::NoDevice)?;
        let this = Self {
            dev,
            _type: PhantomData,
        };
        if is_own_link_type(dev.as_ptr()) {
            Ok(this)
        } else {
            // Dropping `this` releases the reference.
            Err(LookupError::OtherType)
        }
    }
}

impl<T: LinkType> Deref for DeviceRef<T> {
    type Target = NetDevice<T>;

    fn deref(&self) -> &NetDevice<T> {
        // SAFETY: a held device of link type `T` (type invariant) stays
        // valid, with its private state, while the reference is held.
        unsafe { NetDevice::from_raw(self.dev.as_ptr()) }
    }
}

impl<T: LinkType> Drop for DeviceRef<T> {
    fn drop(&mut self) {
        // SAFETY: we hold a reference (type invariant).
        unsafe { bindings::dev_put(self.dev.as_ptr()) };
    }
}

impl<T: LinkType> NetDevice<T> {
    /// The interface index.
    pub(crate) fn ifindex(&self) -> u32 {
        // SAFETY: the device is valid; `ifindex` is fixed once registered.
        let idx = unsafe { (*self.as_ptr()).ifindex };
        u32::try_from(idx).unwrap_or(0)
    }
}

/// Calls `f` for each device of link type `T` in `net` with an ifindex of
/// at least `*from`, in ifindex order, until `f` returns `Ok(false)` or an
/// error. `*from` is left at the ifindex `f` stopped at (to resume a dump
/// there) or past the last device.
pub(crate) fn for_each_device<T: LinkType, E>(
    net: Net,
    from: &mut u64,
    _guard: &rcu::Guard,
    mut f: impl FnMut(&NetDevice<T>) -> Result<bool, E>,
) -> Result<(), E> {
    loop {
        let Ok(mut idx) = kernel::ffi::c_ulong::try_from(*from) else {
            return Ok(());
        };
        // SAFETY: `net` is valid; the RCU read lock (`_guard`) protects the
        // xarray walk and keeps the device found alive.
        let dev = unsafe { bindings::ipxlat_netdev_find(net.as_ptr(), &mut idx) }.cast::<bindings::net_device>();
        if dev.is_null() {
            *from = u64::MAX;
            return Ok(());
        }
        *from = u64::try_from(idx).unwrap_or(u64::MAX);
        if is_own_link_type(dev) {
            // SAFETY: a listed device of link type `T`, alive during the
            // RCU read section.
            let d = unsafe { NetDevice::<T>::from_raw(dev) };
            if !f(d)? {
                return Ok(());
            }
        }
        *from = from.saturating_add(1);
    }
}
