// SPDX-License-Identifier: GPL-2.0

//! An RCU-published pointer to an immutable value, replaced whole.
//!
//! Readers (the datapath, under `rcu_read_lock`) see one complete value,
//! never a torn one (SPEC 8.2 #1). Writers build a new value off the packet
//! path, publish it with release ordering, and the old one is freed by an
//! RCU callback once every reader that could see it has finished.

use super::bindings;
use core::sync::atomic::{AtomicPtr, Ordering};
use kernel::{alloc::KBox, prelude::*, sync::rcu};

/// A heap node: the RCU callback head, then the value.
#[repr(C)]
struct Node<T> {
    head: bindings::callback_head,
    value: T,
}

impl<T> Node<T> {
    /// A heap node holding `value`, as a raw pointer for publication.
    fn alloc(value: T, flags: kernel::alloc::Flags) -> Result<*mut Self> {
        let node = KBox::new(
            Node {
                // SAFETY: an all-zero callback head is its initial state.
                head: unsafe { core::mem::zeroed() },
                value,
            },
            flags,
        )?;
        Ok(KBox::into_raw(node))
    }
}

/// An RCU-protected owner of one `T`.
///
/// # Invariants
///
/// `ptr` always points to a live `Node<T>` allocated by `KBox` and owned by
/// this `RcuBox`; replaced nodes are freed only after an RCU grace period.
pub(crate) struct RcuBox<T: Send + Sync + 'static> {
    ptr: AtomicPtr<Node<T>>,
}

impl<T: Send + Sync + 'static> RcuBox<T> {
    /// Allocates the first value.
    pub(crate) fn new(value: T, flags: kernel::alloc::Flags) -> Result<Self> {
        Ok(Self {
            ptr: AtomicPtr::new(Node::alloc(value, flags)?),
        })
    }

    /// The current value, valid while the RCU read lock is held.
    pub(crate) fn read<'g>(&self, _guard: &'g rcu::Guard) -> &'g T {
        let node = self.ptr.load(Ordering::Acquire);
        // SAFETY: `node` is live (type invariant) and cannot be freed before
        // the grace period that follows the end of `_guard`'s read section.
        unsafe { &(*node).value }
    }

    /// Publishes `value`; the previous value is freed after a grace period.
    ///
    /// Writers must be serialised by the caller (a read-copy-update needs
    /// the value it copied to still be the current one).
    pub(crate) fn replace(&self, value: T, flags: kernel::alloc::Flags) -> Result {
        let old = self.ptr.swap(Node::alloc(value, flags)?, Ordering::AcqRel);
        // SAFETY: `old` was owned by us and is no longer reachable for new
        // readers; `free_node` runs after all current readers are done.
        unsafe { bindings::call_rcu(&raw mut (*old).head, Some(free_node::<T>)) };
        Ok(())
    }
}

/// RCU callback that frees a replaced node.
///
/// # Safety
///
/// `head` is the head of a `Node<T>` allocated by `KBox` that no reader can
/// reach any more.
unsafe extern "C" fn free_node<T: Send + Sync + 'static>(head: *mut bindings::callback_head) {
    // SAFETY: `head` is the first field of a `#[repr(C)]` `Node<T>` that we
    // own again now that the grace period has elapsed.
    drop(unsafe { KBox::from_raw(head.cast::<Node<T>>()) });
}

impl<T: Send + Sync + 'static> Drop for RcuBox<T> {
    fn drop(&mut self) {
        let node = *self.ptr.get_mut();
        // SAFETY: whoever drops the box guarantees no reader remains (a
        // device's private state is dropped after unregistration, which waits
        // for in-flight packets); the node is ours.
        drop(unsafe { KBox::from_raw(node) });
    }
}

/// On drop, waits until every pending RCU callback has run, so that none of
/// this module's can fire after its code is gone. Owned by the module.
pub(crate) struct BarrierOnDrop;

impl Drop for BarrierOnDrop {
    fn drop(&mut self) {
        // SAFETY: no preconditions; may sleep (runs at module exit).
        unsafe { bindings::rcu_barrier() };
    }
}
