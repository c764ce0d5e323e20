// SPDX-License-Identifier: GPL-2.0

//! Typed views over packet bytes (smoltcp `wire` style).
//!
//! Each view checks its length once in `new_checked`; accessors then read
//! network-order fields at named offsets within the proven bounds. Setters
//! exist only for mutable buffers. Views never allocate and never panic on
//! packet bytes.

pub mod ext6;
pub mod icmp;
pub mod ipv4;
pub mod ipv6;
pub mod l4;

/// Reads a big-endian `u16` at `off`; 0 if out of bounds (callers only use
/// proven offsets, the fallback just keeps the code panic-free).
#[inline]
pub fn be16(b: &[u8], off: usize) -> u16 {
    match b.get(off..).and_then(|s| s.get(..2)) {
        Some(s) => u16::from_be_bytes([s[0], s[1]]),
        None => 0,
    }
}

/// Reads a big-endian `u32` at `off`; 0 if out of bounds.
#[inline]
pub fn be32(b: &[u8], off: usize) -> u32 {
    match b.get(off..).and_then(|s| s.get(..4)) {
        Some(s) => u32::from_be_bytes([s[0], s[1], s[2], s[3]]),
        None => 0,
    }
}

/// Writes a big-endian `u16` at `off`; no-op if out of bounds.
#[inline]
pub fn put16(b: &mut [u8], off: usize, v: u16) {
    if let Some(s) = b.get_mut(off..).and_then(|s| s.get_mut(..2)) {
        s.copy_from_slice(&v.to_be_bytes());
    }
}

/// Writes a big-endian `u32` at `off`; no-op if out of bounds.
#[inline]
pub fn put32(b: &mut [u8], off: usize, v: u32) {
    if let Some(s) = b.get_mut(off..).and_then(|s| s.get_mut(..4)) {
        s.copy_from_slice(&v.to_be_bytes());
    }
}

/// Copies `N` bytes at `off` into an array; zeros if out of bounds.
#[inline]
pub fn array<const N: usize>(b: &[u8], off: usize) -> [u8; N] {
    let mut out = [0u8; N];
    if let Some(s) = b.get(off..).and_then(|s| s.get(..N)) {
        out.copy_from_slice(s);
    }
    out
}

/// Reads the byte at `off`; 0 if out of bounds.
#[inline]
pub fn byte(b: &[u8], off: usize) -> u8 {
    b.get(off).copied().unwrap_or(0)
}
