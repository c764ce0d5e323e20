// SPDX-License-Identifier: GPL-2.0

//! Network devices of a link type registered with rtnetlink.
//!
//! [`LinkType`] is what a device kind implements (safe Rust);
//! [`Registration`] registers its `rtnl_link_ops` for the module's lifetime;
//! [`NetDevice`] is the safe view of one device the callbacks receive.

use super::bindings;
use super::skb::SkBuff;
use crate::engine::packet::Family;
use core::marker::PhantomData;
use core::sync::atomic::{AtomicPtr, Ordering};
use kernel::{error::to_result, prelude::*, types::Opaque};

/// Link-layer and MTU properties applied to every new device of a kind.
pub(crate) struct DeviceShape {
    /// Default MTU.
    pub(crate) mtu: u32,
    /// Smallest MTU user space may set.
    pub(crate) min_mtu: u32,
    /// Largest MTU user space may set.
    pub(crate) max_mtu: u32,
    /// Offload features (`NETIF_F_*`), on by default and switchable with
    /// ethtool: what the transmit path accepts without the stack first
    /// segmenting, linearising or checksumming the packet in software.
    pub(crate) features: u64,
}

/// A kind of virtual network device (`ip link add NAME type KIND`).
pub(crate) trait LinkType: Sized + 'static {
    /// Per-device private state, stored in the device's private area.
    type Private: Send + Sync;
    /// The rtnetlink kind string.
    const KIND: &'static CStr;
    /// Link-layer properties of new devices.
    const SHAPE: DeviceShape;

    /// Initialises the private state of a new device in place. Cannot
    /// fail and must not allocate: runs from the device's setup callback,
    /// which has no error path, and a device whose registration fails
    /// before `ndo_init` is freed without its destructor.
    fn init_private() -> impl PinInit<Self::Private>;

    /// Allocates what the device needs while it registers (`ndo_init`).
    /// An error fails the registration (and `ip link add`); it must leave
    /// nothing allocated, because the destructor does not run then.
    fn init(private: Pin<&mut Self::Private>) -> Result;

    /// Transmits (here: handles) one packet routed into the device.
    fn start_xmit(dev: &NetDevice<Self>, skb: SkBuff);

    /// The offload `features` the device accepts for `skb`, asked before
    /// each transmission (`ndo_features_check`); features it clears are
    /// done by the stack in software first.
    fn features_check(skb: &SkBuff, features: u64) -> u64;
}

/// A network device of link type `T`, borrowed for the duration of a
/// callback.
///
/// # Invariants
///
/// Wraps a registered (or being set up) `net_device` whose private area holds
/// an initialised `T::Private`.
#[repr(transparent)]
pub(crate) struct NetDevice<T: LinkType> {
    dev: Opaque<bindings::net_device>,
    _type: PhantomData<T>,
}

impl<T: LinkType> NetDevice<T> {
    /// # Safety
    ///
    /// `ptr` must be a valid device of link type `T` with initialised private
    /// state, valid for `'a`.
    pub(super) unsafe fn from_raw<'a>(ptr: *mut bindings::net_device) -> &'a Self {
        // SAFETY: `NetDevice` is a transparent wrapper of the C struct, and
        // the caller guarantees validity for 'a.
        unsafe { &*ptr.cast::<Self>() }
    }

    fn as_raw(&self) -> *mut bindings::net_device {
        self.dev.get()
    }

    /// The device's private state.
    pub(crate) fn private(&self) -> &T::Private {
        // SAFETY: the private area of a device of this type holds an
        // initialised `T::Private` (type invariant) and lives as long as the
        // device.
        unsafe { &*priv_area::<T::Private>(self.as_raw()) }
    }

    /// The raw device, for buffer allocation.
    pub(crate) fn as_ptr(&self) -> *mut bindings::net_device {
        self.as_raw()
    }

    /// The device's network namespace.
    pub(crate) fn net(&self) -> super::route::Net {
        // SAFETY: a registered device always has a namespace, which outlives
        // the callbacks we hand this value to.
        unsafe { super::route::Net::from_raw(bindings::dev_net(self.as_raw())) }
    }

    /// Whether the host keeps a packet addressed to `dst` (an IPv4 or IPv6
    /// address by its length) for itself rather than forwarding it: an
    /// address of the host in the device's L3 domain, or an IPv4 broadcast.
    pub(crate) fn takes_for_itself(&self, dst: &[u8]) -> bool {
        if let Ok(v4) = <[u8; 4]>::try_from(dst) {
            // SAFETY: the device is valid (type invariant); the lookup
            // takes the RCU read lock itself; the address is passed by value.
            unsafe { bindings::ipxlat_local_dst4(self.as_raw(), u32::from_ne_bytes(v4)) }
        } else if let Ok(v6) = <[u8; 16]>::try_from(dst) {
            // SAFETY: a zeroed in6_addr is plain data.
            let mut addr: bindings::in6_addr = unsafe { core::mem::zeroed() };
            addr.in6_u.u6_addr8 = v6;
            // SAFETY: the device is valid; `addr` lives across the call,
            // which only reads it.
            unsafe { bindings::ipxlat_local_dst6(self.as_raw(), &addr) }
        } else {
            false
        }
    }

    /// Runs `send`, a call of the host's ICMP error sender of `family`
    /// (ICMP or ICMPv6), and tells whether it sent a message: its rate
    /// limiters may suppress it, and the sender does not say. Must run on
    /// the transmit path (bottom halves off, as `send` is then counted on
    /// this CPU).
    pub(crate) fn sends_icmp(&self, family: Family, send: impl FnOnce()) -> bool {
        let count = || {
            // SAFETY: the device is valid (type invariant); the calls read
            // one per-CPU counter of its namespace, which lives as long as
            // the device.
            unsafe {
                match family {
                    Family::V4 => bindings::ipxlat_icmp4_out_msgs(self.as_raw()),
                    Family::V6 => bindings::ipxlat_icmp6_out_msgs(self.as_raw()),
                }
            }
        };
        let before = count();
        send();
        count() != before
    }

    /// The device MTU.
    pub(crate) fn mtu(&self) -> u32 {
        // SAFETY: the device is valid (type invariant); a racy read of the
        // MTU is what every driver does (READ_ONCE semantics suffice).
        unsafe { core::ptr::read_volatile(&raw const (*self.as_raw()).mtu) }
    }

    /// Counts one packet of `len` bytes the device transmitted (took and
    /// passed on translated).
    pub(crate) fn count_tx(&self, len: u32) {
        // SAFETY: the device is valid and was set up with per-CPU dstats.
        unsafe { bindings::dev_dstats_tx_add(self.as_raw(), len) };
    }

    /// Counts one transmitted packet that was dropped.
    pub(crate) fn count_tx_dropped(&self) {
        // SAFETY: the device is valid and was set up with per-CPU dstats.
        unsafe { bindings::dev_dstats_tx_dropped(self.as_raw()) };
    }
}

/// The private area of `dev`, as `netdev_priv()` computes it: the address
/// of the device's trailing `priv` member. Computed here because the
/// transmit path needs it per packet and `netdev_priv()` is a static inline
/// function, which Rust can only reach through an out-of-line wrapper.
///
/// # Safety
///
/// `dev` must point to a live `net_device`.
unsafe fn priv_area<P>(dev: *mut bindings::net_device) -> *mut P {
    // SAFETY: `dev` is live (caller); taking a member's address creates no
    // reference.
    unsafe { (&raw mut (*dev).priv_).cast::<P>() }
}

/// `ndo_start_xmit` for link type `T`.
///
/// # Safety
///
/// Called by the networking core with a valid buffer it hands over and a
/// valid device of link type `T`.
unsafe extern "C" fn start_xmit_callback<T: LinkType>(
    skb: *mut bindings::sk_buff,
    dev: *mut bindings::net_device,
) -> bindings::netdev_tx_t {
    // SAFETY: the core passes a device of this link type, alive for the call.
    let dev = unsafe { NetDevice::<T>::from_raw(dev) };
    // SAFETY: the core hands the buffer's reference over to the driver.
    if let Some(skb) = unsafe { SkBuff::from_raw(skb) } {
        T::start_xmit(dev, skb);
    }
    bindings::netdev_tx_NETDEV_TX_OK
}

/// `ndo_init` for link type `T`.
///
/// # Safety
///
/// Called once by the core with a valid device of link type `T` that is
/// being registered: nothing else uses it yet.
unsafe extern "C" fn init_callback<T: LinkType>(dev: *mut bindings::net_device) -> kernel::ffi::c_int {
    // SAFETY: the private area holds the `T::Private` written by `setup`,
    // which never moves (part of the device allocation); the device is not
    // yet visible to the datapath or netlink, so this is the only reference.
    let private = unsafe { Pin::new_unchecked(&mut *priv_area::<T::Private>(dev)) };
    match T::init(private) {
        Ok(()) => 0,
        Err(e) => e.to_errno(),
    }
}

/// `ndo_features_check` for link type `T`.
///
/// # Safety
///
/// Called by the networking core with a valid buffer (still the caller's)
/// about to be transmitted on a device of link type `T`.
unsafe extern "C" fn features_check_callback<T: LinkType>(
    skb: *mut bindings::sk_buff,
    _dev: *mut bindings::net_device,
    features: bindings::netdev_features_t,
) -> bindings::netdev_features_t {
    // SAFETY: the core lends a valid buffer for the duration of the call.
    unsafe { SkBuff::with_borrowed(skb, |skb| T::features_check(skb, features)) }.unwrap_or(features)
}

/// `priv_destructor`: drops the private state before the core frees the
/// device.
///
/// # Safety
///
/// Called once by the core while unregistering a device of link type `T`.
unsafe extern "C" fn priv_destructor_callback<T: LinkType>(dev: *mut bindings::net_device) {
    // SAFETY: the private area holds a `T::Private` written by `setup` and
    // nothing uses it after the destructor.
    unsafe { core::ptr::drop_in_place(priv_area::<T::Private>(dev)) };
}

/// `setup` for link type `T`: shapes a freshly allocated device.
///
/// # Safety
///
/// Called by the core on a newly allocated, not yet registered device whose
/// private area is `size_of::<T::Private>()` zeroed bytes.
unsafe extern "C" fn setup_callback<T: LinkType>(dev: *mut bindings::net_device) {
    // SAFETY: the device is allocated and exclusively ours during setup.
    let d = unsafe { &mut *dev };
    d.netdev_ops = &Ops::<T>::NETDEV_OPS;
    d.type_ = bindings::ARPHRD_NONE as u16;
    d.hard_header_len = 0;
    d.addr_len = 0;
    d.mtu = T::SHAPE.mtu;
    d.min_mtu = T::SHAPE.min_mtu;
    d.max_mtu = T::SHAPE.max_mtu;
    d.flags = bindings::net_device_flags_IFF_NOARP | bindings::net_device_flags_IFF_POINTOPOINT;
    d.tx_queue_len = 0;
    d.features = T::SHAPE.features;
    d.hw_features = T::SHAPE.features;
    d.needs_free_netdev = true;
    d.priv_destructor = Some(priv_destructor_callback::<T>);
    d.set_pcpu_stat_type(bindings::netdev_stat_type_NETDEV_PCPU_STAT_DSTATS);
    // SAFETY: `priv_flags_fast` is a plain struct group of bitfields.
    unsafe {
        let fast = &mut d.__bindgen_anon_1.__bindgen_anon_1;
        fast.set_priv_flags(fast.priv_flags() | bindings::netdev_priv_flags_IFF_NO_QUEUE as kernel::ffi::c_ulong);
        fast.set_lltx(1);
    }
    // Keep the route on transmitted packets: ICMP errors about them
    // (icmp_ndo_send / icmpv6_ndo_send) need it to find their way back.
    // SAFETY: the device is allocated and exclusively ours during setup.
    unsafe { bindings::netif_keep_dst(dev) };
    let init = T::init_private();
    // SAFETY: the private area is reserved for `T::Private` (priv_size),
    // uninitialised, and never moves (it is part of the device allocation):
    // initialise it once, in place. `priv_destructor` drops it.
    let Ok(()) = unsafe { init.__pinned_init(priv_area::<T::Private>(dev)) };
}

/// The C operation tables of link type `T`, as constants so that references
/// to them are `'static`.
struct Ops<T: LinkType>(PhantomData<T>);

impl<T: LinkType> Ops<T> {
    const NETDEV_OPS: bindings::net_device_ops = bindings::net_device_ops {
        ndo_init: Some(init_callback::<T>),
        ndo_start_xmit: Some(start_xmit_callback::<T>),
        ndo_features_check: Some(features_check_callback::<T>),
        // SAFETY: all-zero is a valid `net_device_ops` (every op absent).
        ..unsafe { core::mem::zeroed() }
    };
}

/// The `rtnl_link_ops` registered by this module (one link type per
/// module), to recognise its devices; only ever compared, never followed.
static REGISTERED_OPS: AtomicPtr<bindings::rtnl_link_ops> = AtomicPtr::new(core::ptr::null_mut());

/// Whether `dev` (a valid device) is of the module's link type: its
/// `rtnl_link_ops` are the ones this module registered.
pub(super) fn is_own_link_type(dev: *const bindings::net_device) -> bool {
    let ours = REGISTERED_OPS.load(Ordering::Acquire);
    // SAFETY: the caller passes a valid device; `rtnl_link_ops` is set
    // before registration and stable afterwards.
    !ours.is_null() && core::ptr::eq(unsafe { (*dev).rtnl_link_ops }, ours)
}

/// The rtnetlink registration of link type `T`, for as long as it lives.
///
/// Unregistering deletes every device of the kind in every namespace, which
/// is what makes `rmmod` with live devices clean.
#[pin_data(PinnedDrop)]
pub(crate) struct Registration<T: LinkType> {
    #[pin]
    ops: Opaque<bindings::rtnl_link_ops>,
    _type: PhantomData<T>,
}

// SAFETY: the registration is only touched at register and unregister time;
// the kernel serialises those under RTNL.
unsafe impl<T: LinkType> Sync for Registration<T> {}
// SAFETY: see `Sync`; nothing in it is tied to a thread.
unsafe impl<T: LinkType> Send for Registration<T> {}

impl<T: LinkType> Registration<T> {
    /// Registers the link type with rtnetlink.
    pub(crate) fn new(module: &'static ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            ops <- Opaque::try_ffi_init(move |ops: *mut bindings::rtnl_link_ops| {
                // SAFETY: `ops` points to pinned, uninitialised storage that
                // we fully initialise before handing it to the kernel.
                unsafe {
                    ops.write(core::mem::zeroed());
                    (*ops).kind = T::KIND.as_char_ptr().cast();
                    (*ops).priv_size = core::mem::size_of::<T::Private>();
                    (*ops).setup = Some(setup_callback::<T>);
                    (*ops).netns_refund = false;
                    // 7.2's rtnl_link_ops has no owner: the module
                    // cannot unload while registered (rmmod unregisters).
                    let _ = module;
                    REGISTERED_OPS.store(ops, Ordering::Release);
                    to_result(bindings::rtnl_link_register(ops))
                }
            }),
            _type: PhantomData,
        })
    }
}

#[pinned_drop]
impl<T: LinkType> PinnedDrop for Registration<T> {
    fn drop(self: Pin<&mut Self>) {
        // SAFETY: the ops were registered in `new` (construction failed
        // otherwise) and are still pinned in place.
        unsafe { bindings::rtnl_link_unregister(self.ops.get()) };
        REGISTERED_OPS.store(core::ptr::null_mut(), Ordering::Release);
    }
}
