// SPDX-License-Identifier: GPL-2.0

//! Whether a translated packet is addressed to the host itself, remembered
//! per CPU.
//!
//! The transmit path gives a translated packet back the hop the host takes
//! when it forwards it, except when the host keeps the packet for itself
//! (SPEC 2.6). Telling the two apart is an address lookup (a FIB lookup for
//! IPv4) that costs about as much as a routing decision, and the packets of
//! a flow ask it again and again. Each CPU remembers its last answer with
//! the generation number of the tables it came from, and looks up again
//! when the destination or a table changed.

use super::{
    bindings,
    netdev::{LinkType, NetDevice},
    percpu::PerCpuCounters,
};
use kernel::prelude::*;

/// Stamp bits beside the generation number (upper 32 bits).
const VALID: u64 = 1;
const IPV6: u64 = 1 << 1;
const LOCAL: u64 = 1 << 2;

/// A one-entry cache per CPU: `[stamp, address as two 64-bit halves]`
/// (an IPv4 address zero-extended to 16 bytes), the stamp holding the
/// generation number, the family, the answer and a valid bit (zeroed
/// memory is no entry).
pub(crate) struct LocalDstCache {
    cells: PerCpuCounters<3>,
}

impl LocalDstCache {
    /// An empty cache on every CPU.
    pub(crate) fn new() -> Result<Self> {
        Ok(Self { cells: PerCpuCounters::new()? })
    }

    /// Whether the host keeps a packet addressed to `dst` (4 or 16 bytes)
    /// for itself ([`NetDevice::takes_for_itself`]), answered from this
    /// CPU's entry when the destination and the tables are the same.
    ///
    /// Called on the transmit path only, which runs with bottom halves
    /// disabled: nothing else uses this CPU's entry meanwhile.
    pub(crate) fn addressed_to_host<T: LinkType>(&self, dev: &NetDevice<T>, dst: &[u8]) -> bool {
        let mut key = [0u8; 16];
        let (family, genid) = match dst.len() {
            // SAFETY: the device is valid; the call only reads generation
            // counters of its namespace.
            4 => (0, unsafe { bindings::ipxlat_local_genid4(dev.as_ptr()) }),
            // SAFETY: as above.
            16 => (IPV6, unsafe { bindings::ipxlat_local_genid6(dev.as_ptr()) }),
            _ => return false,
        };
        key[..dst.len()].copy_from_slice(dst);
        let key = u128::from_ne_bytes(key);
        let (hi, lo) = ((key >> 64) as u64, key as u64);
        let stamp = (u64::from(genid) << 32) | family | VALID;
        // SAFETY: this CPU's entry, live as long as `self`; bottom halves
        // are disabled on the transmit path, so no other user of this
        // CPU's entry runs until we are done, and other CPUs have their
        // own. The generation number was read before the lookup below: a
        // table that changes during it leaves an entry that the next
        // packet sees as stale.
        let entry = unsafe { &mut *self.cells.this_cpu_cells() };
        if entry[0] & !LOCAL == stamp && entry[1] == hi && entry[2] == lo {
            return entry[0] & LOCAL != 0;
        }
        let local = dev.takes_for_itself(dst);
        *entry = [stamp | if local { LOCAL } else { 0 }, hi, lo];
        local
    }
}
