// SPDX-License-Identifier: GPL-2.0

//! Internet checksum arithmetic (RFC 1071, incremental update RFC 1624).
//!
//! Pure functions over one's-complement partial sums, shared by every
//! translation path (SPEC 4). A *partial sum* is an unfolded `u32`
//! accumulation of big-endian 16-bit words; it is only meaningful modulo
//! 0xffff, so any two partial sums may be combined with [`add`] and
//! [`fold`]ed at the end. Because 2^16 ≡ 1 (mod 0xffff), folding the carry
//! out of bit 32 back into bit 0 keeps the value exact, which is how
//! [`sum`] and [`add`] avoid overflow.

/// Folds a `u64` accumulator into a `u32` partial sum (end-around carry).
const fn fold64(mut s: u64) -> u32 {
    // Two rounds suffice: after the first, s <= 0xffff_ffff + 0xffff_ffff.
    s = (s & 0xffff_ffff) + (s >> 32);
    s = (s & 0xffff_ffff) + (s >> 32);
    s as u32
}

/// Adds `bytes` as big-endian 16-bit words to the partial sum `initial`.
///
/// An odd trailing byte is padded with a zero byte (RFC 1071). The result is
/// an unfolded partial sum; it never overflows, whatever the input length.
pub fn sum(bytes: &[u8], initial: u32) -> u32 {
    let mut acc: u64 = initial as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        // Two 32-bit big-endian halves are each the sum of two 16-bit words
        // scaled by 2^16 ≡ 1, so adding them whole is exact modulo 0xffff.
        let hi = u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as u64;
        let lo = u32::from_be_bytes([c[4], c[5], c[6], c[7]]) as u64;
        acc += hi + lo;
        // acc grows by < 2^33 per round: fold well before 2^64.
        if acc >> 62 != 0 {
            acc = fold64(acc) as u64;
        }
    }
    let mut words = chunks.remainder().chunks_exact(2);
    for w in &mut words {
        acc += u16::from_be_bytes([w[0], w[1]]) as u64;
    }
    if let [last] = words.remainder() {
        acc += (*last as u64) << 8;
    }
    fold64(acc)
}

/// Folds a partial sum to 16 bits (not inverted).
pub const fn fold(sum: u32) -> u16 {
    let s = (sum & 0xffff) + (sum >> 16);
    let s = (s & 0xffff) + (s >> 16);
    s as u16
}

/// The value to write into a checksum field: `!fold(sum)`.
pub const fn finish(sum: u32) -> u16 {
    !fold(sum)
}

/// One's-complement addition of two partial sums.
pub const fn add(a: u32, b: u32) -> u32 {
    let (s, carry) = a.overflowing_add(b);
    // With a carry, s <= 0xffff_fffe, so adding 1 cannot overflow.
    s + carry as u32
}

/// One's-complement negation of a partial sum, as a 16-bit partial sum.
///
/// Subtracting `x` in one's complement is adding `negate(x)`.
pub const fn negate(x: u32) -> u32 {
    (!fold(x)) as u32
}

/// Partial sum of the IPv4 pseudo-header (RFC 793/768): addresses, zero +
/// protocol, and the 16-bit upper-layer length (`len` is added as two words,
/// which is the same for any `len` below 65536).
pub const fn pseudo_v4(src: [u8; 4], dst: [u8; 4], proto: u8, len: u32) -> u32 {
    let mut s: u64 = 0;
    s += ((src[0] as u64) << 8) | src[1] as u64;
    s += ((src[2] as u64) << 8) | src[3] as u64;
    s += ((dst[0] as u64) << 8) | dst[1] as u64;
    s += ((dst[2] as u64) << 8) | dst[3] as u64;
    s += proto as u64;
    s += (len >> 16) as u64 + (len & 0xffff) as u64;
    fold64(s)
}

/// Partial sum of the IPv6 pseudo-header (RFC 8200 8.1): addresses, 32-bit
/// upper-layer length, three zero bytes and the next header value.
pub fn pseudo_v6(src: &[u8; 16], dst: &[u8; 16], proto: u8, len: u32) -> u32 {
    let s = sum(src, 0);
    let s = sum(dst, s);
    add(add(s, (len >> 16) + (len & 0xffff)), proto as u32)
}

/// RFC 1624 eqn 3 on a finished checksum field: `~(~field + ~removed + added)`.
///
/// `removed` and `added` are partial sums of the data that changed (for a
/// translator, the pseudo-header address words).
pub const fn update(field: u16, removed: u32, added: u32) -> u16 {
    let s = add(add((!field) as u32, negate(removed)), added);
    finish(s)
}

/// Incremental update of a `CHECKSUM_PARTIAL` seed, which holds the folded,
/// non-inverted pseudo-header sum: `fold(field + ~removed + added)`.
pub const fn update_partial(field: u16, removed: u32, added: u32) -> u16 {
    fold(add(add(field as u32, negate(removed)), added))
}

/// Partial sum of an IPv4 address (its two 16-bit words).
#[inline]
pub const fn sum_addr_v4(a: [u8; 4]) -> u32 {
    let w = u32::from_be_bytes(a);
    (w >> 16) + (w & 0xffff)
}

/// Partial sum of an IPv6 address (congruent to [`sum`] over its bytes).
#[inline]
pub fn sum_addr_v6(a: &[u8; 16]) -> u32 {
    let w = |i: usize| u32::from_be_bytes([a[i], a[i + 1], a[i + 2], a[i + 3]]) as u64;
    fold64(w(0) + w(4) + w(8) + w(12))
}

/// Partial sum of a 20-byte IPv4 header (congruent to [`sum`] over it).
#[inline]
pub fn sum_ipv4_header(h: &[u8; 20]) -> u32 {
    let w = |i: usize| u32::from_be_bytes([h[i], h[i + 1], h[i + 2], h[i + 3]]) as u64;
    fold64(w(0) + w(4) + w(8) + w(12) + w(16))
}

/// The two 32-bit halves of `x` added (≡ `x` modulo 0xffff).
#[inline]
pub const fn halves(x: u64) -> u64 {
    (x >> 32) + (x & 0xffff_ffff)
}

/// Folds an unfolded `u64` one's-complement accumulator to 16 bits (not
/// inverted). Any accumulator congruent to a non-zero partial sum gives
/// the same result as [`fold`] of that sum.
#[inline]
pub const fn fold_u64(s: u64) -> u16 {
    fold(fold64(s))
}

/// One's-complement addition of two 64-bit partial sums (end-around
/// carry: `add` + `adc`).
///
/// 2^64 − 1 is a multiple of 0xffff, so a sum of 64-bit words kept modulo
/// 2^64 − 1 this way is congruent modulo 0xffff to the sum of their 16-bit
/// words: four address words per add instead of one. The result is 0 only
/// if both inputs are.
#[inline(always)]
pub const fn add64(a: u64, b: u64) -> u64 {
    let (s, carry) = a.overflowing_add(b);
    // With a carry, s <= 2^64 − 2, so adding 1 cannot overflow.
    s + carry as u64
}

/// Folds a one's-complement 64-bit sum (see [`add64`]) to 16 bits, not
/// inverted: the same value as [`fold`] of any congruent partial sum
/// (0 only for 0).
#[inline(always)]
pub const fn fold64_to16(s: u64) -> u16 {
    let (x, c) = (s as u32).overflowing_add((s >> 32) as u32);
    let x = x + c as u32;
    let (y, c) = (x as u16).overflowing_add((x >> 16) as u16);
    y + c as u16
}

/// The value of a checksum field (inverted fold) of a non-zero 64-bit
/// one's-complement sum `t` of the data (see [`add64`]), given
/// `s` = `t + zero_fix` (`zero_fix` 0 or 1, added by the caller into a
/// term of `t` that cannot carry): with 0, `!fold(t)`; with 1, the same
/// except that 0 becomes 0xffff, as UDP requires (RFC 768: a computed
/// zero is sent as all ones).
///
/// Why it holds: let `v` (0..=0xfffe) be the class of `t` modulo 0xffff.
/// [`fold64_to16`] of a non-zero sum is its class with 0 written 0xffff,
/// so `fold(t + 1)` is `v + 1` for every `v`, and `!(v + 1) + 1` is
/// `0xffff − v`: `!fold(t)` = `!v` for `v` ≠ 0, and 0xffff for `v` = 0.
/// The 1 rides on an addition the caller makes anyway, and the test for a
/// zero result (compare, select) goes.
#[inline(always)]
pub const fn finish64(s: u64, zero_fix: u16) -> u16 {
    (!fold64_to16(s)).wrapping_add(zero_fix)
}
