// SPDX-License-Identifier: GPL-2.0

//! The EAM table in kernel memory, and the datapath configuration that
//! borrows it.
//!
//! The engine's [`EamTable`] borrows its entries and slots. Here they live
//! in two `kvmalloc`ed buffers behind an [`Arc`], shared by every snapshot
//! with the same table (settings-only updates do not copy them). A packet
//! needs the configuration *with* the table as one [`Compiled`] value:
//! [`BoundConfig`] builds it once per published snapshot, so that a packet
//! borrows it instead of assembling a copy of the whole configuration (a
//! few hundred bytes) every time.

use crate::engine::{
    addr::eam::{EamEntry, EamError, EamIndex, EamTable},
    config::Compiled,
};
use kernel::{alloc::KVVec, prelude::*, sync::Arc};

/// The EAM table's storage. Immutable once built: nothing changes or
/// reallocates `entries` or `slots` after [`EamStore::build`].
pub(crate) struct EamStore {
    entries: KVVec<EamEntry>,
    slots: KVVec<u32>,
    index: EamIndex,
}

impl EamStore {
    /// Builds the table from `entries` (validated, sorted, indexed).
    pub(crate) fn build(mut entries: KVVec<EamEntry>) -> Result<Self, EamError> {
        let n = EamTable::slots_needed(&entries)?;
        let mut slots = KVVec::with_capacity(n, GFP_KERNEL).map_err(|_| EamError::StorageTooSmall)?;
        slots
            .extend_with(n, 0, GFP_KERNEL)
            .map_err(|_| EamError::StorageTooSmall)?;
        let index = EamTable::build(&mut entries, &mut slots)?.index();
        Ok(Self {
            entries,
            slots,
            index,
        })
    }

    /// The lookup view of the table.
    pub(crate) fn table(&self) -> EamTable<'_> {
        EamTable::from_built(&self.entries, &self.slots, self.index)
    }
}

/// A compiled configuration together with the EAM storage its table
/// borrows.
pub(crate) struct BoundConfig {
    /// `settings` with `store`'s table. Its `'static` is a stand-in for
    /// "as long as `_store` is held": it never leaves this type unshortened
    /// ([`BoundConfig::config`]).
    compiled: Compiled<'static>,
    /// Held, never read: keeps the buffers `compiled` points into alive.
    _store: Arc<EamStore>,
}

impl BoundConfig {
    /// `settings` (compiled without a table) completed with `store`'s table.
    pub(crate) fn new(settings: &Compiled<'static>, store: Arc<EamStore>) -> Self {
        let compiled = settings.with_eamt(store.table());
        // SAFETY: the only borrows in `compiled` are of `store.entries` and
        // `store.slots`: heap buffers that do not move when the `Arc` (or
        // `self`) does, and that stay allocated and unchanged (EamStore has
        // no method that mutates them) for as long as a reference to the
        // store exists. `self._store` is such a reference and lives exactly
        // as long as `self.compiled`, which is only ever handed out
        // borrowed from `self`, with the borrow's lifetime.
        let compiled = unsafe { core::mem::transmute::<Compiled<'_>, Compiled<'static>>(compiled) };
        Self { compiled, _store: store }
    }

    /// The configuration with the table, for as long as `self` is borrowed.
    pub(crate) fn config(&self) -> &Compiled<'_> {
        &self.compiled
    }
}
