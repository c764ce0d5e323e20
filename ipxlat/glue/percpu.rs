// SPDX-License-Identifier: GPL-2.0

//! Per-CPU `u64` counters.
//!
//! A translator on a multi-queue NIC runs its transmit path on every CPU at
//! once: one shared atomic per counter would bounce its cache line between
//! them on every packet. Each CPU adds to its own copy instead
//! (`this_cpu_add`, no atomic read-modify-write); a reader sums the copies.
//! On 64-bit architectures each copy is read whole.

use super::bindings;
use core::{ffi::c_void, ptr::NonNull};
use kernel::prelude::*;

/// `N` per-CPU counters, zero when allocated.
///
/// # Invariants
///
/// `cells` is a live per-CPU allocation of `N` `u64`s, owned by this value.
pub(crate) struct PerCpuCounters<const N: usize> {
    cells: NonNull<c_void>,
}

// SAFETY: the allocation is not tied to a thread; every CPU only writes its
// own copy (`this_cpu_*`, safe in any context) and readers only load.
unsafe impl<const N: usize> Send for PerCpuCounters<N> {}
// SAFETY: see `Send`: shared use is concurrent per-CPU adds and loads.
unsafe impl<const N: usize> Sync for PerCpuCounters<N> {}

impl<const N: usize> PerCpuCounters<N> {
    /// Allocates `N` zeroed counters per possible CPU.
    pub(crate) fn new() -> Result<Self> {
        let n = u32::try_from(N).map_err(|_| EINVAL)?;
        // SAFETY: plain allocation; the result is null or a per-CPU area of
        // `n` u64s, which we own from here on.
        let cells = unsafe { bindings::ipxlat_counters_alloc(n) };
        NonNull::new(cells).map(|cells| Self { cells }).ok_or(ENOMEM)
    }

    /// Counts one packet of `bytes` bytes: counter `index` counts packets,
    /// counter `index + 1` their bytes. Out-of-range indices are ignored.
    #[inline]
    pub(crate) fn add_packet(&self, index: usize, bytes: u64) {
        if index + 1 < N {
            // SAFETY: `cells` is live (type invariant) and holds `N`
            // counters, of which `index` and `index + 1` exist.
            unsafe { bindings::ipxlat_counters_add_packet(self.cells.as_ptr(), index as u32, bytes) };
        }
    }

    /// The raw per-CPU area, if counters `index` and `index + 1` exist,
    /// for a shim call that counts a packet itself.
    #[inline]
    pub(super) fn packet_cells(&self, index: usize) -> Option<*mut c_void> {
        (index + 1 < N).then_some(self.cells.as_ptr())
    }

    /// This CPU's `N` cells, for a user that keeps per-CPU state in them
    /// rather than counts. Only meaningful while the caller cannot migrate
    /// (preemption or bottom halves disabled).
    #[inline]
    pub(super) fn this_cpu_cells(&self) -> *mut [u64; N] {
        // SAFETY: `cells` is live (type invariant); this_cpu_ptr only
        // computes an address.
        unsafe { bindings::ipxlat_this_cpu(self.cells.as_ptr()).cast() }
    }

    /// Adds `value` to counter `index` (ignored if out of range).
    #[inline]
    pub(crate) fn add(&self, index: usize, value: u64) {
        if index < N {
            // SAFETY: `cells` is live (type invariant) and `index < N`.
            unsafe { bindings::ipxlat_counters_add(self.cells.as_ptr(), index as u32, value) };
        }
    }

    /// Counter `index` summed over every CPU (0 if out of range).
    pub(crate) fn sum(&self, index: usize) -> u64 {
        if index >= N {
            return 0;
        }
        // SAFETY: `cells` is live (type invariant) and `index < N`.
        unsafe { bindings::ipxlat_counters_sum(self.cells.as_ptr(), index as u32) }
    }
}

impl<const N: usize> Drop for PerCpuCounters<N> {
    fn drop(&mut self) {
        // SAFETY: `cells` is the live allocation this value owns; nothing
        // uses it afterwards.
        unsafe { bindings::ipxlat_counters_free(self.cells.as_ptr()) };
    }
}
