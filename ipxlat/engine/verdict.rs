// SPDX-License-Identifier: GPL-2.0

//! What the engine decided about a packet.
//!
//! Every input gets exactly one of: translated, an ICMP error to emit in the
//! original family, or a drop with a [`DropReason`]. The reasons become the
//! per-reason counters exported over netlink, so their numeric values are
//! part of the uapi (append only, never renumber).

/// Why a packet was dropped (or rejected with an ICMP error).
///
/// Values are stable: they are the `reason` ids of the netlink stats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u16)]
pub enum DropReason {
    /// Structurally invalid IPv4 header (version, IHL, lengths).
    MalformedIpv4 = 0,
    /// Structurally invalid IPv6 header or extension header chain.
    MalformedIpv6 = 1,
    /// Malformed IPv4 options.
    MalformedOptions = 2,
    /// Truncated or invalid TCP/UDP/ICMP header.
    MalformedL4 = 3,
    /// Source address class never translated (SPEC section 6).
    SrcAddressClass = 4,
    /// Destination address class never translated (SPEC section 6).
    DstAddressClass = 5,
    /// Well-known prefix combined with a non-global IPv4 address.
    WkpNonGlobal = 6,
    /// RFC 6052 address with a non-zero u-octet.
    UOctetNonZero = 7,
    /// CLAT profile local/remote checks (anti-spoofing, RFC 6877 6.3).
    ClatPolicy = 8,
    /// TTL or hop limit expired (an ICMP error was sent).
    HopLimitExceeded = 9,
    /// Unexpired IPv4 source route (3/5 sent).
    SourceRoute = 10,
    /// IPv6 Routing header with Segments Left != 0 (4/0 sent).
    SegmentsLeft = 11,
    /// Extension header after a Fragment header (1/1 sent).
    ExtAfterFragment = 12,
    /// Fragmented ICMP or ICMPv6.
    FragmentedIcmp = 13,
    /// ICMP type/code with no translation.
    IcmpUntranslatable = 14,
    /// ICMP error quoting an ICMP error.
    IcmpErrorAboutError = 15,
    /// ICMP error whose checksum does not verify (anti-laundering).
    IcmpBadChecksum = 16,
    /// Parameter Problem pointer with no counterpart.
    IcmpPointerUnmapped = 17,
    /// ICMP error whose quoted packet is too short or untranslatable.
    IcmpInnerInvalid = 18,
    /// Destination address has no mapping (error sent where SPEC says so).
    DstUnmapped = 19,
    /// Source address has no mapping (error sent where SPEC says so).
    SrcUnmapped = 20,
    /// Zero UDP checksum that cannot or may not be computed (3/13 sent).
    UdpZeroChecksum = 21,
    /// Packet too big with DF set (3/4 or 2/0 sent).
    PacketTooBig = 22,
    /// IGMP, MLD or Neighbor Discovery: single-hop protocols.
    SingleHopProtocol = 23,
    /// Jumbogram or an IPv4 super-packet longer than 65535 bytes.
    Oversize = 24,
    /// Offload state the translator cannot handle (unknown GSO type, LRO).
    UnsupportedOffload = 25,
    /// The kernel could not make the buffer writable or allocate memory.
    NoMemory = 26,
    /// No configuration is usable (device not configured).
    NoConfig = 27,
}

impl DropReason {
    /// Number of reasons; counters are arrays of this length.
    pub const COUNT: usize = 28;

    /// Every reason, in numeric order.
    pub const ALL: [DropReason; Self::COUNT] = [
        Self::MalformedIpv4,
        Self::MalformedIpv6,
        Self::MalformedOptions,
        Self::MalformedL4,
        Self::SrcAddressClass,
        Self::DstAddressClass,
        Self::WkpNonGlobal,
        Self::UOctetNonZero,
        Self::ClatPolicy,
        Self::HopLimitExceeded,
        Self::SourceRoute,
        Self::SegmentsLeft,
        Self::ExtAfterFragment,
        Self::FragmentedIcmp,
        Self::IcmpUntranslatable,
        Self::IcmpErrorAboutError,
        Self::IcmpBadChecksum,
        Self::IcmpPointerUnmapped,
        Self::IcmpInnerInvalid,
        Self::DstUnmapped,
        Self::SrcUnmapped,
        Self::UdpZeroChecksum,
        Self::PacketTooBig,
        Self::SingleHopProtocol,
        Self::Oversize,
        Self::UnsupportedOffload,
        Self::NoMemory,
        Self::NoConfig,
    ];

    /// Index into a counter array.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Stable kebab-case name, as used in the YNL spec's enum and the CLI.
    pub const fn name(self) -> &'static str {
        match self {
            Self::MalformedIpv4 => "malformed-ipv4",
            Self::MalformedIpv6 => "malformed-ipv6",
            Self::MalformedOptions => "malformed-options",
            Self::MalformedL4 => "malformed-l4",
            Self::SrcAddressClass => "src-address-class",
            Self::DstAddressClass => "dst-address-class",
            Self::WkpNonGlobal => "wkp-non-global",
            Self::UOctetNonZero => "u-octet-non-zero",
            Self::ClatPolicy => "clat-policy",
            Self::HopLimitExceeded => "hop-limit-exceeded",
            Self::SourceRoute => "source-route",
            Self::SegmentsLeft => "segments-left",
            Self::ExtAfterFragment => "ext-after-fragment",
            Self::FragmentedIcmp => "fragmented-icmp",
            Self::IcmpUntranslatable => "icmp-untranslatable",
            Self::IcmpErrorAboutError => "icmp-error-about-error",
            Self::IcmpBadChecksum => "icmp-bad-checksum",
            Self::IcmpPointerUnmapped => "icmp-pointer-unmapped",
            Self::IcmpInnerInvalid => "icmp-inner-invalid",
            Self::DstUnmapped => "dst-unmapped",
            Self::SrcUnmapped => "src-unmapped",
            Self::UdpZeroChecksum => "udp-zero-checksum",
            Self::PacketTooBig => "packet-too-big",
            Self::SingleHopProtocol => "single-hop-protocol",
            Self::Oversize => "oversize",
            Self::UnsupportedOffload => "unsupported-offload",
            Self::NoMemory => "no-memory",
            Self::NoConfig => "no-config",
        }
    }
}

/// An ICMP error the translator itself must send, in the family of the
/// packet as received, to its source, quoting it unmodified (SPEC 5.10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IcmpError {
    /// ICMPv4 error: type, code, and for 3/4 the next-hop MTU (else 0).
    V4 {
        /// ICMPv4 type.
        icmp_type: u8,
        /// ICMPv4 code.
        code: u8,
        /// Next-hop MTU for 3/4, pointer for 12/0, else 0.
        info: u32,
    },
    /// ICMPv6 error: type, code, and MTU (2/0) or pointer (4/x), else 0.
    V6 {
        /// ICMPv6 type.
        icmp_type: u8,
        /// ICMPv6 code.
        code: u8,
        /// MTU for 2/0, pointer for 4/x, else 0.
        info: u32,
    },
}
