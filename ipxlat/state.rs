// SPDX-License-Identifier: GPL-2.0

//! Per-device state: the published configuration snapshot and counters.
//!
//! The datapath reads one [`Snapshot`] per packet under RCU. Netlink writers
//! take the device's writer lock, copy the current snapshot, change the
//! copy, validate the whole of it and publish it in one pointer store, so a
//! request applies entirely or not at all (SPEC 8.2 #1).

use crate::engine::{
    addr::eam::{EamEntry, EamIndex, EamTable},
    config::{Compiled, Config},
    verdict::DropReason,
};
use crate::glue::rcu::RcuBox;
use core::ops::Deref;
use core::sync::atomic::{AtomicU64, Ordering::Relaxed};
use kernel::{
    alloc::KVVec,
    new_mutex,
    prelude::*,
    sync::{rcu, Arc, Mutex},
};

/// The EAM table's storage, shared by every snapshot that has the same
/// table (settings-only updates do not copy it).
pub(crate) struct EamStore {
    entries: KVVec<EamEntry>,
    slots: KVVec<u32>,
    index: EamIndex,
}

impl EamStore {
    /// Builds the table from `entries` (validated, sorted, indexed).
    pub(crate) fn build(mut entries: KVVec<EamEntry>) -> Result<Self, crate::engine::addr::eam::EamError> {
        let n = EamTable::slots_needed(&entries)?;
        let mut slots = KVVec::with_capacity(n, GFP_KERNEL)
            .map_err(|_| crate::engine::addr::eam::EamError::StorageTooSmall)?;
        slots
            .extend_with(n, 0, GFP_KERNEL)
            .map_err(|_| crate::engine::addr::eam::EamError::StorageTooSmall)?;
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

/// One immutable configuration of a device.
pub(crate) struct Snapshot {
    /// Every setting except the EAM table (its `eamt` is empty).
    pub(crate) settings: Config<'static>,
    /// The EAM table, if it has entries.
    pub(crate) eam: Option<Arc<EamStore>>,
    /// `settings` compiled for the datapath (with an empty table), derived
    /// once when the snapshot is published ([`IpxlatPrivate::update`]),
    /// never per packet.
    compiled: Compiled<'static>,
}

/// The engine's view of a [`Snapshot`]: borrowed as published without EAM
/// entries, else completed with the table (which lives in the shared
/// [`EamStore`], so it cannot be stored compiled in the snapshot itself).
pub(crate) enum ConfigRef<'a> {
    /// No EAM entries: the published compiled configuration.
    Shared(&'a Compiled<'static>),
    /// The compiled configuration with the snapshot's EAM table.
    WithEam(Compiled<'a>),
}

impl<'a> Deref for ConfigRef<'a> {
    type Target = Compiled<'a>;

    fn deref(&self) -> &Compiled<'a> {
        match self {
            Self::Shared(c) => c,
            Self::WithEam(c) => c,
        }
    }
}

impl Snapshot {
    /// A snapshot of `settings` and `eam`.
    fn new(settings: Config<'static>, eam: Option<Arc<EamStore>>) -> Self {
        Self {
            settings,
            eam,
            compiled: Compiled::new(settings),
        }
    }

    /// The engine's view of this snapshot (a borrow without EAM entries).
    pub(crate) fn config(&self) -> ConfigRef<'_> {
        match &self.eam {
            Some(store) => ConfigRef::WithEam(self.compiled.with_eamt(store.table())),
            None => ConfigRef::Shared(&self.compiled),
        }
    }

    /// A copy sharing the EAM storage.
    pub(crate) fn duplicate(&self) -> Self {
        Self::new(self.settings, self.eam.clone())
    }
}

/// Counters of one device (SPEC 8.2 #20: one counter per drop reason).
pub(crate) struct Counters {
    /// Packets translated IPv4 to IPv6.
    pub(crate) tx46_packets: AtomicU64,
    /// Bytes of translated IPv4 to IPv6 packets (as emitted).
    pub(crate) tx46_bytes: AtomicU64,
    /// Packets translated IPv6 to IPv4.
    pub(crate) tx64_packets: AtomicU64,
    /// Bytes of translated IPv6 to IPv4 packets (as emitted).
    pub(crate) tx64_bytes: AtomicU64,
    /// ICMP errors the translator itself sent.
    pub(crate) icmp_errors_sent: AtomicU64,
    /// Drops per reason.
    pub(crate) drops: [AtomicU64; DropReason::COUNT],
}

impl Counters {
    const fn new() -> Self {
        Self {
            tx46_packets: AtomicU64::new(0),
            tx46_bytes: AtomicU64::new(0),
            tx64_packets: AtomicU64::new(0),
            tx64_bytes: AtomicU64::new(0),
            icmp_errors_sent: AtomicU64::new(0),
            drops: [const { AtomicU64::new(0) }; DropReason::COUNT],
        }
    }

    /// Counts one drop.
    pub(crate) fn drop(&self, reason: DropReason) {
        if let Some(c) = self.drops.get(reason.index()) {
            c.fetch_add(1, Relaxed);
        }
    }

    /// The drop count of one reason.
    pub(crate) fn drops_of(&self, reason: DropReason) -> u64 {
        self.drops.get(reason.index()).map_or(0, |c| c.load(Relaxed))
    }
}

/// Private state of an ipxlat device.
#[pin_data]
pub(crate) struct IpxlatPrivate {
    /// The published configuration.
    config: Option<RcuBox<Snapshot>>,
    /// Serialises configuration writers.
    #[pin]
    writer: Mutex<()>,
    /// Counters.
    pub(crate) counters: Counters,
}

impl IpxlatPrivate {
    /// Fresh state with the creation defaults (SPEC 7.1).
    pub(crate) fn new() -> impl PinInit<Self> {
        pin_init!(Self {
            // Allocation can fail in the setup callback, which cannot fail;
            // a device without configuration drops every packet (NoConfig)
            // and refuses netlink changes with -ENOMEM.
            config: RcuBox::new(Snapshot::new(Config::DEFAULT, None), GFP_KERNEL)
            .ok(),
            writer <- new_mutex!(()),
            counters: Counters::new(),
        })
    }

    /// The current snapshot, for as long as the RCU read lock is held.
    pub(crate) fn snapshot<'g>(&self, guard: &'g rcu::Guard) -> Option<&'g Snapshot> {
        self.config.as_ref().map(|c| c.read(guard))
    }

    /// Read-copy-update: `change` edits a copy of the current snapshot; if
    /// it succeeds and the result validates, the copy is published.
    pub(crate) fn update<E>(
        &self,
        change: impl FnOnce(&mut Snapshot) -> Result<(), E>,
        on_error: impl Fn(Error) -> E,
        validate: impl FnOnce(&Snapshot) -> Result<(), E>,
    ) -> Result<(), E> {
        let config = self.config.as_ref().ok_or_else(|| on_error(ENOMEM))?;
        let _writer = self.writer.lock();
        let mut next = {
            let guard = rcu::read_lock();
            config.read(&guard).duplicate()
        };
        change(&mut next)?;
        // `change` edits the plain settings: compile them for the datapath
        // before anything can see the snapshot.
        next.compiled = Compiled::new(next.settings);
        validate(&next)?;
        config.replace(next, GFP_KERNEL).map_err(on_error)
    }
}
