// SPDX-License-Identifier: GPL-2.0

//! Namespace services the datapath needs: the path MTU toward a
//! destination and the host's IPv4 Identification generator.

use super::bindings;

/// A network namespace, borrowed from a device for the duration of a
/// callback.
#[derive(Clone, Copy)]
pub(crate) struct Net {
    ptr: *mut bindings::net,
}

impl Net {
    /// # Safety
    ///
    /// `ptr` must be a valid namespace for as long as the value is used.
    pub(crate) unsafe fn from_raw(ptr: *mut bindings::net) -> Self {
        Self { ptr }
    }

    /// The initial namespace, which lives as long as the kernel.
    #[cfg(CONFIG_KUNIT = "y")]
    pub(crate) fn initial() -> Self {
        // `init_net` is a static that is never freed: the type invariant
        // holds for as long as the value is used.
        Self { ptr: &raw mut bindings::init_net }
    }

    /// The raw namespace pointer.
    pub(crate) fn as_ptr(&self) -> *mut bindings::net {
        self.ptr
    }

    /// Path MTU of the IPv6 route toward `dst` (cached PMTU included), or
    /// `None` without a route.
    pub(crate) fn mtu6_toward(&self, dst: &[u8; 16]) -> Option<u32> {
        // SAFETY: a zeroed flowi6 is a valid "any" flow key.
        let mut fl6: bindings::flowi6 = unsafe { core::mem::zeroed() };
        fl6.daddr.in6_u.u6_addr8 = *dst;
        // SAFETY: `self.ptr` is valid (type invariant); `fl6` lives across
        // the call. A NULL socket is allowed.
        let dst_entry = unsafe { bindings::ip6_route_output(self.ptr, core::ptr::null(), &mut fl6) };
        if dst_entry.is_null() {
            return None;
        }
        // SAFETY: ip6_route_output always returns a referenced entry (the
        // null entry on failure, with `error` set).
        let mtu = unsafe {
            let mtu = if (*dst_entry).error == 0 {
                Some(bindings::dst_mtu(dst_entry))
            } else {
                None
            };
            bindings::dst_release(dst_entry);
            mtu
        };
        mtu
    }

    /// Path MTU of the IPv4 route toward `dst`, or `None` without a route.
    pub(crate) fn mtu4_toward(&self, dst: [u8; 4]) -> Option<u32> {
        // SAFETY: a zeroed flowi4 is a valid "any" flow key.
        let mut fl4: bindings::flowi4 = unsafe { core::mem::zeroed() };
        fl4.daddr = u32::from_ne_bytes(dst);
        // SAFETY: `self.ptr` is valid; `fl4` lives across the call.
        let rt = unsafe { bindings::ip_route_output_key(self.ptr, &mut fl4) };
        // SAFETY: checks an ERR_PTR-encoded pointer without dereferencing.
        if rt.is_null() || unsafe { bindings::ipxlat_is_err(rt.cast()) } {
            return None;
        }
        // SAFETY: `rt` is a referenced route; its dst is the first member.
        unsafe {
            let mtu = bindings::dst_mtu(&raw mut (*rt).dst);
            bindings::ip_rt_put(rt);
            Some(mtu)
        }
    }

    /// The namespace's IPv4 Identification generator (`__ip_select_ident`,
    /// the one the host uses for its own packets): per (destination,
    /// source, protocol) bucket, counting up from a random start and
    /// jumping by a random amount when the bucket was idle. Reserves
    /// `segments` consecutive IDs and returns the first.
    pub(crate) fn ipv4_id(&self, src: [u8; 4], dst: [u8; 4], protocol: u8, segments: u16) -> u16 {
        // SAFETY: a zeroed iphdr is plain data; only the fields the
        // generator hashes are set.
        let mut iph: bindings::iphdr = unsafe { core::mem::zeroed() };
        iph.__bindgen_anon_1.addrs.saddr = u32::from_ne_bytes(src);
        iph.__bindgen_anon_1.addrs.daddr = u32::from_ne_bytes(dst);
        iph.protocol = protocol;
        // SAFETY: `self.ptr` is a valid namespace (type invariant); `iph`
        // lives across the call, which only writes its `id`.
        unsafe { bindings::__ip_select_ident(self.ptr, &mut iph, i32::from(segments)) };
        u16::from_be(iph.id)
    }
}

/// A random number from the kernel's generator.
pub(crate) fn random_u32() -> u32 {
    // SAFETY: no preconditions.
    unsafe { bindings::get_random_u32() }
}
