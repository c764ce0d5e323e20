// SPDX-License-Identifier: GPL-2.0

//! An in-place heapsort with constant stack use.
//!
//! `core`'s `sort_unstable` keeps scratch arrays on the stack at every level
//! of its recursion; with the kernel's 16 KiB stacks that overflows while
//! sorting a large EAM table (seen with 10,000 entries). Heapsort needs
//! neither recursion nor scratch space and is O(n log n) in the worst case.

/// Sorts `v` by `key`, ascending (not stable).
pub fn heapsort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    let len = v.len();
    // Build a max-heap, then move the maximum to the end, repeatedly.
    for start in (0..len / 2).rev() {
        sift_down(v, start, len, &key);
    }
    for end in (1..len).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, &key);
    }
}

/// Restores the heap property below `root` within `v[..end]`.
fn sift_down<T, K: Ord>(v: &mut [T], mut root: usize, end: usize, key: &impl Fn(&T) -> K) {
    loop {
        let left = match root.checked_mul(2).and_then(|x| x.checked_add(1)) {
            Some(l) if l < end => l,
            _ => return,
        };
        let right = left + 1;
        let (Some(l), Some(r)) = (v.get(left), v.get(right)) else {
            // Only a left child (or none in range): compare with it alone.
            if let (Some(p), Some(l)) = (v.get(root), v.get(left)) {
                if key(l) > key(p) {
                    v.swap(root, left);
                }
            }
            return;
        };
        let child = if right < end && key(r) > key(l) { right } else { left };
        match (v.get(root), v.get(child)) {
            (Some(p), Some(c)) if key(c) > key(p) => {
                v.swap(root, child);
                root = child;
            }
            _ => return,
        }
    }
}
