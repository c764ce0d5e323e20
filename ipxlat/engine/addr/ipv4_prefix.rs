// SPDX-License-Identifier: GPL-2.0

//! IPv4 prefixes (EAM entries, CLAT local-ipv4, ICMP source pools).

use crate::engine::config::ConfigError;

/// Network mask of a prefix length, host order; `len` above 32 saturates.
pub const fn mask_v4(len: u8) -> u32 {
    if len == 0 {
        0
    } else if len >= 32 {
        u32::MAX
    } else {
        u32::MAX << (32 - len as u32)
    }
}

/// An IPv4 prefix `addr/len` whose bits after `len` are zero.
///
/// # Invariants
///
/// `len <= 32` and `addr` has no bit set after `len` when built with
/// [`Ipv4Prefix::new`]; the fields are public so that constants can be
/// written, and [`Ipv4Prefix::validate`] re-checks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ipv4Prefix {
    /// Network address, network byte order.
    pub addr: [u8; 4],
    /// Prefix length, 0..=32.
    pub len: u8,
}

impl Ipv4Prefix {
    /// Builds a prefix, rejecting a length above 32 or non-zero host bits.
    pub const fn new(addr: [u8; 4], len: u8) -> Result<Self, ConfigError> {
        let p = Ipv4Prefix { addr, len };
        match p.validate() {
            Ok(()) => Ok(p),
            Err(e) => Err(e),
        }
    }

    /// Checks the invariants (length, host bits zero).
    pub const fn validate(&self) -> Result<(), ConfigError> {
        if self.len > 32 {
            return Err(ConfigError::Ipv4PrefixLen);
        }
        if u32::from_be_bytes(self.addr) & !mask_v4(self.len) != 0 {
            return Err(ConfigError::Ipv4HostBits);
        }
        Ok(())
    }

    /// The network address as a host-order integer.
    pub const fn bits(&self) -> u32 {
        u32::from_be_bytes(self.addr)
    }

    /// The network mask as a host-order integer.
    pub const fn mask(&self) -> u32 {
        mask_v4(self.len)
    }

    /// Whether `a` lies inside the prefix (host bits of `self` ignored).
    pub const fn contains(&self, a: [u8; 4]) -> bool {
        (u32::from_be_bytes(a) ^ self.bits()) & self.mask() == 0
    }

    /// Whether the two prefixes share at least one address.
    pub const fn overlaps(&self, other: &Ipv4Prefix) -> bool {
        let m = if self.len < other.len { self.mask() } else { other.mask() };
        (self.bits() ^ other.bits()) & m == 0
    }
}
