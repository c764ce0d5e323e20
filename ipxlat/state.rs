// SPDX-License-Identifier: GPL-2.0

//! Per-device state: the published configuration snapshot and counters.
//!
//! The datapath reads one [`Snapshot`] per packet under RCU. Netlink writers
//! take the device's writer lock, copy the current snapshot's settings and
//! table into a [`Draft`], change and validate the whole draft, then compile
//! it once and publish it in one pointer store, so a request applies
//! entirely or not at all (SPEC 8.2 #1).

use crate::engine::{
    config::{Compiled, Config},
    packet::Family,
    verdict::DropReason,
};
pub(crate) use crate::glue::eam_store::EamStore;
use crate::glue::{eam_store::BoundConfig, local_dst::LocalDstCache, percpu::PerCpuCounters, rcu::RcuBox};
use kernel::{
    new_mutex,
    prelude::*,
    sync::{rcu, Arc, Mutex},
};

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
    /// `compiled` with the table of `eam`, derived at the same time.
    with_eam: Option<BoundConfig>,
}

impl Snapshot {
    /// A snapshot of `settings` and `eam`, compiled for the datapath with
    /// and without the table (once, here: never per packet).
    fn new(settings: Config<'static>, eam: Option<Arc<EamStore>>) -> Self {
        let compiled = Compiled::new(settings);
        let with_eam = eam.as_ref().map(|store| BoundConfig::new(&compiled, store.clone()));
        Self {
            settings,
            eam,
            compiled,
            with_eam,
        }
    }

    /// The engine's view of this snapshot: a borrow, with or without EAM
    /// entries (nothing is assembled per packet).
    pub(crate) fn config(&self) -> &Compiled<'_> {
        match &self.with_eam {
            Some(bound) => bound.config(),
            None => &self.compiled,
        }
    }

    /// The plain settings and table of this snapshot, to edit into the
    /// next one (the EAM storage is shared, not copied).
    fn draft(&self) -> Draft {
        Draft {
            settings: self.settings,
            eam: self.eam.clone(),
        }
    }
}

/// What a configuration change edits: the next snapshot's settings and
/// table, before they are compiled for the datapath.
pub(crate) struct Draft {
    /// Every setting except the EAM table.
    pub(crate) settings: Config<'static>,
    /// The EAM table, if it has entries.
    pub(crate) eam: Option<Arc<EamStore>>,
}

/// Where each counter sits in [`Counters`]' per-CPU cells.
mod cell {
    /// Packets translated IPv4 to IPv6 (bytes in the next cell).
    pub(super) const TX46: usize = 0;
    /// Packets translated IPv6 to IPv4 (bytes in the next cell).
    pub(super) const TX64: usize = 2;
    /// ICMP errors the translator itself sent.
    pub(super) const ICMP_ERRORS_SENT: usize = 4;
    /// The first drop reason's cell (one per reason, in enum order).
    pub(super) const DROPS: usize = 5;

    /// The packets cell of the traffic translated to `family`.
    pub(super) const fn traffic(family: super::Family) -> usize {
        match family {
            super::Family::V6 => TX46,
            super::Family::V4 => TX64,
        }
    }
}

/// Number of per-CPU cells of [`Counters`].
const CELLS: usize = cell::DROPS + DropReason::COUNT;

/// Counters of one device (SPEC 8.2 #20: one counter per drop reason),
/// per CPU so that CPUs translating at once share no cache line.
pub(crate) struct Counters {
    /// Allocated when the device registers ([`IpxlatPrivate::init`]).
    cells: Option<PerCpuCounters<CELLS>>,
}

/// The translated packets and bytes of one direction.
pub(crate) struct Traffic {
    /// Packets.
    pub(crate) packets: u64,
    /// Bytes, as emitted.
    pub(crate) bytes: u64,
}

impl Counters {
    /// Counts one translated packet of `bytes` bytes (as emitted) whose
    /// translation is of `family`.
    #[inline]
    pub(crate) fn translated(&self, family: Family, bytes: usize) {
        if let Some(c) = &self.cells {
            c.add_packet(cell::traffic(family), bytes as u64);
        }
    }

    /// Where [`Counters::translated`] counts traffic translated to
    /// `family`, for a glue call that counts the packet itself.
    #[inline]
    pub(crate) fn translated_cells(&self, family: Family) -> Option<(&PerCpuCounters<CELLS>, usize)> {
        self.cells.as_ref().map(|c| (c, cell::traffic(family)))
    }

    /// Counts one ICMP error sent by the translator.
    pub(crate) fn icmp_error_sent(&self) {
        if let Some(c) = &self.cells {
            c.add(cell::ICMP_ERRORS_SENT, 1);
        }
    }

    /// Counts one drop.
    pub(crate) fn drop(&self, reason: DropReason) {
        if let Some(c) = &self.cells {
            c.add(cell::DROPS + reason.index(), 1);
        }
    }

    fn sum(&self, index: usize) -> u64 {
        self.cells.as_ref().map_or(0, |c| c.sum(index))
    }

    /// Translated traffic of one direction, named by the family it was
    /// translated to.
    pub(crate) fn traffic(&self, family: Family) -> Traffic {
        let first = cell::traffic(family);
        Traffic {
            packets: self.sum(first),
            bytes: self.sum(first + 1),
        }
    }

    /// ICMP errors sent by the translator.
    pub(crate) fn icmp_errors_sent(&self) -> u64 {
        self.sum(cell::ICMP_ERRORS_SENT)
    }

    /// The drop count of one reason.
    pub(crate) fn drops_of(&self, reason: DropReason) -> u64 {
        self.sum(cell::DROPS + reason.index())
    }
}

/// Private state of an ipxlat device.
#[pin_data]
pub(crate) struct IpxlatPrivate {
    /// The published configuration (from [`Self::init`] on).
    config: Option<RcuBox<Snapshot>>,
    /// Serialises configuration writers.
    #[pin]
    writer: Mutex<()>,
    /// Counters.
    pub(crate) counters: Counters,
    /// Whether recent destinations are the host's own (from [`Self::init`]
    /// on).
    pub(crate) local_dst: Option<LocalDstCache>,
}

impl IpxlatPrivate {
    /// The state of a device being set up: nothing allocated yet, because
    /// the core frees a device whose registration fails before
    /// `ndo_init` without running its destructor.
    pub(crate) fn new() -> impl PinInit<Self> {
        pin_init!(Self {
            config: None,
            writer <- new_mutex!(()),
            counters: Counters { cells: None },
            local_dst: None,
        })
    }

    /// Allocates what a registered device needs: the snapshot with the
    /// creation defaults (SPEC 7.1), the counters and the per-CPU
    /// local-destination cache. On failure nothing stays allocated and the
    /// device is not created (`ip link add` gets the error).
    pub(crate) fn init(self: Pin<&mut Self>) -> Result {
        let config = RcuBox::new(Snapshot::new(Config::DEFAULT, None), GFP_KERNEL)?;
        let cells = PerCpuCounters::new()?;
        let local_dst = LocalDstCache::new()?;
        let this = self.project();
        *this.config = Some(config);
        this.counters.cells = Some(cells);
        *this.local_dst = Some(local_dst);
        Ok(())
    }

    /// The current snapshot, for as long as the RCU read lock is held.
    pub(crate) fn snapshot<'g>(&self, guard: &'g rcu::Guard) -> Option<&'g Snapshot> {
        self.config.as_ref().map(|c| c.read(guard))
    }

    /// Read-copy-update: `change` edits a draft of the current snapshot
    /// (and validates it); if it succeeds, the draft is compiled once and
    /// published in one pointer store.
    pub(crate) fn update(&self, change: impl FnOnce(&mut Draft) -> Result) -> Result {
        let config = self.config.as_ref().ok_or(ENOMEM)?;
        let _writer = self.writer.lock();
        let mut next = {
            let guard = rcu::read_lock();
            config.read(&guard).draft()
        };
        change(&mut next)?;
        config.replace(Snapshot::new(next.settings, next.eam), GFP_KERNEL)
    }
}
