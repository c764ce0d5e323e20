// SPDX-License-Identifier: GPL-2.0

//! eam-add, eam-del, eam-get (dump) and eam-flush: the Explicit Address
//! Mapping table (RFC 7757, SPEC 1.3).
//!
//! A request changes the table atomically: the new table is built aside
//! from the old one plus (or minus) the request's entries and published
//! with the rest of the snapshot, or not at all. On failure the extack
//! marks the offending `eam` nest.

use super::{config::put_pool, device, notify};
use crate::engine::addr::{
    eam::{check_v4_prefix, check_v6_prefix, EamEntry, EamError, EamTable},
    ipv4_prefix::Ipv4Prefix,
};
use crate::glue::genl::{
    uapi::{attr, change, cmd},
    Attr, Dump, DumpStatus, ExtAck, Policy, Request, Writer,
};
use crate::engine::sort::heapsort_by_key;
use crate::state::EamStore;
use kernel::{
    alloc::KVVec,
    prelude::*,
    sync::{rcu, Arc},
};

/// The errno of an EAM refusal.
fn errno(e: EamError) -> Error {
    match e {
        EamError::Exists | EamError::Overlap => EEXIST,
        EamError::TooLarge => ENOSPC,
        EamError::StorageTooSmall => ENOMEM,
        EamError::V4Len | EamError::V6Len | EamError::V4HostBits | EamError::V6HostBits | EamError::SuffixTooShort => {
            EINVAL
        }
    }
}

/// Reports `e` on the entry nest `a`.
fn refuse(ext: &ExtAck<'_>, a: &Attr<'_>, e: EamError) -> Error {
    ext.bad(a, e.message());
    errno(e)
}

/// Reads an IPv4 prefix nest (`pool4`, both fields required).
fn prefix4(a: Attr<'_>, ext: &ExtAck<'_>) -> Result<Ipv4Prefix> {
    let n = a.parse(Policy::pool4(), ext)?;
    Ok(Ipv4Prefix {
        addr: n.require(attr::POOL_PREFIX, ext)?.get_array()?,
        len: n.require(attr::POOL_PREFIX_LEN, ext)?.get_u8()?,
    })
}

/// Reads an IPv6 prefix nest (`pool6`, both fields required).
fn prefix6(a: Attr<'_>, ext: &ExtAck<'_>) -> Result<([u8; 16], u8)> {
    let n = a.parse(Policy::pool6(), ext)?;
    Ok((
        n.require(attr::POOL_PREFIX, ext)?.get_array()?,
        n.require(attr::POOL_PREFIX_LEN, ext)?.get_u8()?,
    ))
}

/// One entry to add: the entry, its allow-overlap flag and its nest.
struct NewEntry<'a> {
    entry: EamEntry,
    allow_overlap: bool,
    nest: Attr<'a>,
}

/// Parses and validates one `eam` nest of eam-add.
fn parse_new<'a>(a: Attr<'a>, ext: &ExtAck<'_>) -> Result<NewEntry<'a>> {
    let n = a.parse(Policy::eam(), ext)?;
    let v4 = prefix4(n.require(attr::EAM_IPV4, ext)?, ext)?;
    let (v6, v6_len) = prefix6(n.require(attr::EAM_IPV6, ext)?, ext)?;
    let entry = EamEntry { v4, v6, v6_len };
    entry.validate().map_err(|e| refuse(ext, &a, e))?;
    Ok(NewEntry {
        entry,
        allow_overlap: n.get(attr::EAM_ALLOW_OVERLAP).is_some(),
        nest: a,
    })
}

/// Index of the first entry of `new` whose IPv4 or IPv6 prefix repeats an
/// earlier one of `new` (O(n log n)).
fn first_duplicate(new: &[NewEntry<'_>]) -> Result<Option<usize>> {
    let mut order = KVVec::with_capacity(new.len(), GFP_KERNEL)?;
    for i in 0..new.len() {
        order.push(i, GFP_KERNEL)?;
    }
    let key4 = |i: &usize| new.get(*i).map(|n| (n.entry.v4.bits(), n.entry.v4.len));
    let key6 = |i: &usize| new.get(*i).map(|n| (n.entry.v6_bits(), n.entry.v6_len));
    let mut first: Option<usize> = None;
    heapsort_by_key(&mut order, |i| (key4(i), *i));
    for w in order.windows(2) {
        if let [a, b] = w {
            if key4(a) == key4(b) {
                first = Some(first.map_or(*b, |f| f.min(*b)));
            }
        }
    }
    heapsort_by_key(&mut order, |i| (key6(i), *i));
    for w in order.windows(2) {
        if let [a, b] = w {
            if key6(a) == key6(b) {
                first = Some(first.map_or(*b, |f| f.min(*b)));
            }
        }
    }
    Ok(first)
}

/// The IPv4 sort key of the table (the order of [`EamTable::entries`]).
fn key4(e: &EamEntry) -> (u32, u8) {
    (e.v4.bits(), e.v4.len)
}

/// `old` (sorted by IPv4 prefix, as a built table keeps it) and `new`
/// merged in IPv4 prefix order, so the table build finds its input sorted
/// and a bulk load costs O(n) per request instead of O(n log n).
fn merged(old: &[EamEntry], new: &[NewEntry<'_>]) -> Result<KVVec<EamEntry>> {
    let mut order = KVVec::with_capacity(new.len(), GFP_KERNEL)?;
    for n in new.iter() {
        order.push(n.entry, GFP_KERNEL)?;
    }
    heapsort_by_key(&mut order, key4);
    let mut all = KVVec::with_capacity(old.len() + order.len(), GFP_KERNEL)?;
    let (mut a, mut b) = (old.iter().peekable(), order.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if key4(y) < key4(x) => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(e) => all.push(*e, GFP_KERNEL)?,
            None => return Ok(all),
        }
    }
}

/// Builds the published storage of `entries` (`None` when empty).
fn store(entries: KVVec<EamEntry>, ext: &ExtAck<'_>) -> Result<Option<Arc<EamStore>>> {
    if entries.is_empty() {
        return Ok(None);
    }
    let s = EamStore::build(entries).map_err(|e| {
        ext.message(e.message());
        errno(e)
    })?;
    Ok(Some(Arc::new(s, GFP_KERNEL)?))
}

/// eam-add: one or more entries, atomically.
pub(crate) fn add_doit(req: &Request<'_>) -> Result {
    let ext = req.extack();
    let dev = device::of_request(req)?;
    let mut new = KVVec::new();
    for a in req.all(attr::DEV_EAM) {
        new.push(parse_new(a, &ext)?, GFP_KERNEL)?;
    }
    if new.is_empty() {
        req.require(attr::DEV_EAM)?;
    }
    if let Some(i) = first_duplicate(&new)? {
        let n = new.get(i).ok_or(EINVAL)?;
        return Err(refuse(&ext, &n.nest, EamError::Exists));
    }
    dev.private().update(|next| {
        let old = next.eam.as_ref().map_or(EamTable::EMPTY, |s| s.table());
        for n in new.iter() {
            old.check_add(&n.entry, n.allow_overlap)
                .map_err(|e| refuse(&ext, &n.nest, e))?;
        }
        let built = store(merged(old.entries(), &new)?, &ext)?;
        if let Some(s) = &built {
            let t = s.table();
            if let Some(n) = new.iter().find(|n| !n.allow_overlap && t.overlaps(&n.entry)) {
                return Err(refuse(&ext, &n.nest, EamError::Overlap));
            }
        }
        next.eam = built;
        Ok(())
    })?;
    notify::change(&dev, change::EAM_ADD);
    Ok(())
}

/// Which entry an eam-del nest names.
enum Key {
    /// By its IPv4 prefix.
    V4(Ipv4Prefix),
    /// By its IPv6 prefix and length.
    V6([u8; 16], u8),
}

/// Parses one `eam` nest of eam-del: exactly one of ipv4 and ipv6.
fn parse_key(a: Attr<'_>, ext: &ExtAck<'_>) -> Result<Key> {
    let n = a.parse(Policy::eam(), ext)?;
    // A key is checked like the side of an entry it names: one with bits
    // after its length names no entry eam-add would have taken.
    match (n.get(attr::EAM_IPV4), n.get(attr::EAM_IPV6)) {
        (Some(v4), None) => {
            let p = prefix4(v4, ext)?;
            check_v4_prefix(&p).map_err(|e| refuse(ext, &a, e))?;
            Ok(Key::V4(p))
        }
        (None, Some(v6)) => {
            let (p, l) = prefix6(v6, ext)?;
            check_v6_prefix(&p, l).map_err(|e| refuse(ext, &a, e))?;
            Ok(Key::V6(p, l))
        }
        _ => {
            ext.bad(&a, "EAM entry to delete needs exactly one of ipv4 and ipv6");
            Err(EINVAL)
        }
    }
}

/// eam-del: one or more entries, atomically.
pub(crate) fn del_doit(req: &Request<'_>) -> Result {
    let ext = req.extack();
    let dev = device::of_request(req)?;
    let mut keys = KVVec::new();
    for a in req.all(attr::DEV_EAM) {
        keys.push((parse_key(a, &ext)?, a), GFP_KERNEL)?;
    }
    if keys.is_empty() {
        req.require(attr::DEV_EAM)?;
    }
    dev.private().update(|next| {
        let old = next.eam.as_ref().map_or(EamTable::EMPTY, |s| s.table());
        let mut gone = KVVec::with_capacity(old.len(), GFP_KERNEL)?;
        gone.extend_with(old.len(), false, GFP_KERNEL)?;
        for (k, a) in keys.iter() {
            let i = match k {
                Key::V4(p) => old.find_v4(p),
                Key::V6(p, l) => old.find_v6(p, *l),
            };
            // An entry named twice is not there any more the second time,
            // as with two requests.
            let slot = i.and_then(|i| gone.get_mut(i)).filter(|g| !**g).ok_or_else(|| {
                ext.bad(a, "EAM entry not found");
                ENOENT
            })?;
            *slot = true;
        }
        let mut rest = KVVec::with_capacity(old.len(), GFP_KERNEL)?;
        for (e, g) in old.entries().iter().zip(gone.iter()) {
            if !g {
                rest.push(*e, GFP_KERNEL)?;
            }
        }
        next.eam = store(rest, &ext)?;
        Ok(())
    })?;
    notify::change(&dev, change::EAM_DEL);
    Ok(())
}

/// eam-flush: empties the table.
pub(crate) fn flush_doit(req: &Request<'_>) -> Result {
    let dev = device::of_request(req)?;
    dev.private().update(|next| {
        next.eam = None;
        Ok(())
    })?;
    notify::change(&dev, change::EAM_FLUSH);
    Ok(())
}

/// Writes one entry nest.
fn put_entry(w: &mut Writer<'_>, e: &EamEntry) -> Result {
    put_pool(w, attr::EAM_IPV4, &e.v4.addr, e.v4.len)?;
    put_pool(w, attr::EAM_IPV6, &e.v6, e.v6_len)
}

/// Dump state word 0: the dump has emitted entries up to the key in words
/// 1 (IPv4 prefix bits) and 2 (length).
const RESUMED: u64 = 1;

/// eam-get dump: the table in IPv4 prefix order, as many entries per
/// message as fit. Resumes after the last IPv4 prefix sent, so entries
/// added or removed between rounds neither repeat nor shift the rest.
pub(crate) fn get_dumpit(dump: &mut Dump<'_>) -> Result<DumpStatus> {
    let ext = dump.extack();
    let dev = device::lookup(dump.net(), dump.require(attr::DEV_IFINDEX)?, &ext)?;
    let mut state = dump.state();
    let guard = rcu::read_lock();
    let snap = dev.private().snapshot(&guard).ok_or(ENOMEM)?;
    let entries = snap.eam.as_ref().map_or(&[][..], |s| s.table().entries());
    let start = if state[0] == RESUMED {
        entries.partition_point(|e| (u64::from(e.v4.bits()), u64::from(e.v4.len)) <= (state[1], state[2]))
    } else {
        0
    };
    let todo = entries.get(start..).unwrap_or(&[]);
    if todo.is_empty() {
        return Ok(DumpStatus::Done);
    }
    let mut sent = 0usize;
    dump.message(cmd::EAM_GET, |w| {
        w.put_u32(attr::DEV_IFINDEX, dev.ifindex())?;
        for e in todo {
            if !w.try_nest(attr::DEV_EAM, |w| put_entry(w, e))? {
                break;
            }
            sent += 1;
        }
        if sent == 0 {
            return Err(EMSGSIZE);
        }
        Ok(())
    })?;
    if let Some(last) = sent.checked_sub(1).and_then(|i| todo.get(i)) {
        state = [RESUMED, u64::from(last.v4.bits()), u64::from(last.v4.len), 0, 0, 0];
        dump.set_state(state);
    }
    Ok(if sent < todo.len() { DumpStatus::More } else { DumpStatus::Done })
}
