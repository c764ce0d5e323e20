// SPDX-License-Identifier: GPL-2.0

//! The transmit path: every packet routed into the device is translated by
//! the engine and re-injected as received on the same device, or answered
//! with an ICMP error, or dropped and counted.

use crate::device::Ipxlat;
use crate::engine::{
    checksum,
    config::HairpinMode,
    packet::{ChecksumState, Family, FragmentPlan, Gso, GsoKind, Host, Meta, PacketBuf, Translated, Verdict},
    translate::translate,
    verdict::{DropReason, IcmpError},
    wire::l4,
};
use crate::glue::{
    consts::{
        ETH_P_IP, ETH_P_IPV6, NETIF_F_GSO_MASK, SKB_GSO_DODGY, SKB_GSO_TCPV4, SKB_GSO_TCPV6, SKB_GSO_TCP_FIXEDID, SKB_GSO_TCP_FLAGS,
        SKB_GSO_UDP_L4,
    },
    netdev::NetDevice,
    route,
    skb::{GsoState, IpSummed, PayloadReader, SkBuff, SkbInfo},
};
use kernel::sync::rcu;

/// Headroom the engine may need: an outer and an inner header that both
/// grow by 28 bytes (IPv4 to IPv6 plus a Fragment header).
const HEADROOM: usize = 64;

/// Linear bytes asked for up front: enough for the IP headers and a TCP
/// header in the common case; the engine asks for more when it needs it.
const FIRST_PULL: usize = 128;

/// A packet whose linear part already holds this many bytes (an IPv6
/// header, or IPv4 and TCP headers) is translated from that part alone at
/// first, without pulling payload into it: the engine asks for more when
/// the headers go further.
const HEADERS_LINEAR: usize = 40;

/// Engine services backed by the kernel. The namespace and the device MTU
/// are only read when the engine asks for a route MTU (packets above 1280
/// bytes), not for every packet.
struct KernelHost<'a> {
    reader: PayloadReader<'a>,
    dev: &'a NetDevice<Ipxlat>,
}

impl Host for KernelHost<'_> {
    fn payload_sum(&mut self, offset: usize, len: usize) -> u32 {
        self.reader.checksum(offset, len)
    }

    fn mtu6_toward(&mut self, dst: &[u8; 16]) -> u32 {
        let dev_mtu = self.dev.mtu();
        self.dev.net().mtu6_toward(dst).unwrap_or(dev_mtu).min(dev_mtu)
    }

    fn mtu4_toward(&mut self, dst: [u8; 4]) -> u32 {
        let dev_mtu = self.dev.mtu();
        self.dev.net().mtu4_toward(dst).unwrap_or(dev_mtu).min(dev_mtu)
    }

    fn ipv4_id(&mut self, src: [u8; 4], dst: [u8; 4], protocol: u8, segments: u16) -> u16 {
        self.dev.net().ipv4_id(src, dst, protocol, segments)
    }

    fn random_u32(&mut self) -> u32 {
        route::random_u32()
    }
}

/// Translates one packet handed to the device.
pub(crate) fn xmit(dev: &NetDevice<Ipxlat>, mut skb: SkBuff) {
    // Counting, reading the buffer's state and the first make_writable in
    // one call: most packets need nothing more from the kernel until they
    // are handed back.
    let mut headroom = HEADROOM;
    let (info, mut want) = match skb.begin_xmit(dev, headroom, FIRST_PULL, HEADERS_LINEAR) {
        Ok(r) => r,
        Err(_) => return discard(dev, skb, DropReason::NoMemory),
    };
    let guard = rcu::read_lock();
    let Some(snapshot) = dev.private().snapshot(&guard) else {
        return discard(dev, skb, DropReason::NoConfig);
    };
    let cfg = snapshot.config();

    let proto = info.protocol;
    if proto != ETH_P_IP && proto != ETH_P_IPV6 {
        let reason = if proto == ETH_P_IPV6 {
            DropReason::MalformedIpv6
        } else {
            DropReason::MalformedIpv4
        };
        return discard(dev, skb, reason);
    }
    let gso = match info.gso {
        None => None,
        Some(g) => match gso_kind(g.kind) {
            Some(kind) => Some(Gso { size: g.size, kind }),
            None => return discard(dev, skb, DropReason::UnsupportedOffload),
        },
    };
    let mut partial = info.ip_summed == IpSummed::Partial;
    if partial && !partial_checksum_kept(&mut skb, &info) {
        // The sum would be left pointing at the wrong bytes once the
        // headers in front of it change size: complete it now (SPEC 4). A
        // GSO packet cannot be (the stack's never looks like this).
        if gso.is_some() || skb.resolve_partial_checksum().is_err() {
            return discard(dev, skb, DropReason::UnsupportedOffload);
        }
        partial = false;
    }
    let meta = Meta {
        csum: if partial { ChecksumState::Partial } else { ChecksumState::Complete },
        gso,
        // A packet that came in on some device was forwarded by the host,
        // which already decremented and checked its TTL / hop limit (SPEC
        // 2.6).
        hop_already_decremented: info.forwarded(),
    };

    // A packet that comes back into the device after being translated by
    // it (routed back in) pays for this pass: giving the host's decrement
    // back once more would let a routing loop through both families
    // circulate forever (SPEC 2.6). The one re-entry that keeps it is the
    // IPv4 second leg of a routed hairpin (simple mode): a whole hairpin
    // costs one hop (SPEC 1.4).
    let give_hop_back =
        u32::try_from(info.iif) != Ok(dev.ifindex()) || (cfg.config().hairpin == HairpinMode::Simple && proto == ETH_P_IP);

    let mut detail = Verdict::Drop(DropReason::NoConfig);
    // The engine asks for more linear bytes at most once per level (outer
    // headers, then a whole ICMP error); three rounds cover every case.
    for round in 0..3 {
        if round > 0 && skb.make_writable(want, headroom).is_err() {
            return discard(dev, skb, DropReason::NoMemory);
        }
        let len = skb.len();
        let writable = want.min(skb.linear_len());
        let (buf, start, reader) = skb.engine_view(writable);
        let mut host = KernelHost { reader, dev };
        let mut pkt = PacketBuf { buf, start, len };
        // The fast path's result comes back in registers; the full path's
        // verdict in `detail`.
        let Some(whole) = translate(&cfg, &mut pkt, &meta, &mut host, &mut detail).whole() else {
            match detail {
                Verdict::Translated(t) => return emit(dev, skb, &t, &meta, &info, give_hop_back),
                Verdict::Reject(err, reason) => return reject(dev, skb, err, reason),
                Verdict::Drop(reason) => return discard(dev, skb, reason),
                Verdict::NeedLinear { len, headroom: h } => {
                    if len <= want && h <= headroom {
                        // No progress possible: the engine's request is already met.
                        return discard(dev, skb, DropReason::NoMemory);
                    }
                    want = want.max(len);
                    headroom = headroom.max(h);
                }
            }
            continue;
        };
        return emit(dev, skb, &whole.translated(&meta), &meta, &info, give_hop_back);
    }
    discard(dev, skb, DropReason::NoMemory)
}

/// Whether the `CHECKSUM_PARTIAL` request of `skb` is one the translation
/// keeps right (see [`l4::partial_checksum_at_l4`]).
fn partial_checksum_kept(skb: &mut SkBuff, info: &SkbInfo) -> bool {
    let (Ok(start), offset) = (usize::try_from(info.csum_start), usize::from(info.csum_offset)) else {
        return false;
    };
    l4::partial_checksum_at_l4(skb.data_mut(), start, offset)
}

/// Offloads the device accepts for `skb` (`ndo_features_check`).
///
/// A DF=0 IPv4 GSO packet whose segments could exceed 1280 bytes once
/// translated (IPv4 network length above 1260: the IPv6 header is at most 20
/// bytes longer) might need its segments fragmented (SPEC 3.2, T =
/// min(lowest-ipv6-mtu, MTU6_nh) ≥ 1280), which a GSO packet cannot get:
/// the stack segments it in software first, and each DF=0 segment is then
/// translated and, if needed, fragmented. DF=1 and smaller segments stay
/// whole (SPEC 3.6).
pub(crate) fn features_check(skb: &SkBuff, features: u64) -> u64 {
    const SEGMENT_V4_MAX: u32 = 1280 - 20;
    let info = skb.info();
    if info.protocol == ETH_P_IP
        && info.gso.is_some()
        && !skb.ipv4_dont_fragment()
        && !skb.gso_segments_fit(SEGMENT_V4_MAX)
    {
        features & !NETIF_F_GSO_MASK
    } else {
        features
    }
}

/// Maps the kernel's GSO type to the engine's, `None` if unsupported (list
/// GRO chains, tunnels, ...).
fn gso_kind(kind: u32) -> Option<GsoKind> {
    let tcp = kind & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6);
    if tcp != 0 && kind & !(SKB_GSO_TCPV4 | SKB_GSO_TCPV6 | SKB_GSO_TCP_FLAGS) == 0 {
        Some(GsoKind::Tcp)
    } else if kind & SKB_GSO_UDP_L4 != 0 && kind & !(SKB_GSO_UDP_L4 | SKB_GSO_DODGY) == 0 {
        Some(GsoKind::Udp)
    } else {
        None
    }
}

/// Counts and frees a packet that will not be translated.
fn discard(dev: &NetDevice<Ipxlat>, skb: SkBuff, reason: DropReason) {
    dev.private().counters.drop(reason);
    dev.count_tx_dropped();
    drop(skb);
}

/// Sends the engine's ICMP error about the packet as received, then counts
/// and frees it.
fn reject(dev: &NetDevice<Ipxlat>, skb: SkBuff, err: IcmpError, reason: DropReason) {
    // Counted only if the host's rate limiters let it out.
    let sent = match err {
        IcmpError::V4 { icmp_type, code, info } => {
            // Parameter Problem carries its pointer in the top byte.
            let info = if icmp_type == 12 { info << 24 } else { info };
            dev.sends_icmp(Family::V4, || skb.send_icmp4(icmp_type, code, info))
        }
        IcmpError::V6 { icmp_type, code, info } => dev.sends_icmp(Family::V6, || skb.send_icmp6(icmp_type, code, info)),
    };
    if sent {
        dev.private().counters.icmp_error_sent();
    }
    discard(dev, skb, reason);
}

/// Finishes a translated packet and hands it to the stack; `meta` and
/// `info` describe it as handed to the device.
fn emit(dev: &NetDevice<Ipxlat>, mut skb: SkBuff, t: &Translated, meta: &Meta, info: &SkbInfo, give_hop_back: bool) {
    if skb.reposition(t.start, t.len).is_err() {
        return discard(dev, skb, DropReason::NoMemory);
    }
    let ethertype = match t.family {
        Family::V4 => ETH_P_IP,
        Family::V6 => ETH_P_IPV6,
    };
    if meta.csum == ChecksumState::Partial && !t.csum_partial_valid {
        // The engine wrote a complete transport checksum (a rebuilt ICMP
        // error): it is no longer a seed for the device to finish.
        skb.checksum_written_in_full();
    }
    if let Some(g) = info.gso {
        let kind = match t.family {
            // FIXEDID speaks of IPv4 IDs: meaningless for IPv6, and it
            // would ask the egress device for TSO_MANGLEID.
            Family::V6 => {
                (g.kind & !(SKB_GSO_TCPV4 | SKB_GSO_TCP_FIXEDID)) | if g.kind & SKB_GSO_TCPV4 != 0 { SKB_GSO_TCPV6 } else { 0 }
            }
            Family::V4 => (g.kind & !SKB_GSO_TCPV6) | if g.kind & SKB_GSO_TCPV6 != 0 { SKB_GSO_TCPV4 } else { 0 },
        };
        // A lowered segment size (46 TCP, SPEC 3.6) comes with its new
        // segment count.
        skb.set_gso(GsoState { size: t.gso_size.unwrap_or(g.size), kind }, t.gso_segments);
    }
    // The re-injected packet is forwarded once more by the host, which
    // decrements it again: give that hop back so that crossing the
    // translator costs exactly one (SPEC 2.6). A packet the host takes for
    // itself is not decremented again: it keeps the translator's one.
    if give_hop_back && !addressed_to_host(dev, skb.data_mut(), t.family) {
        restore_hop(skb.data_mut(), t.family);
    }

    let counters = &dev.private().counters;
    match t.fragment {
        None => skb.receive_translated(dev, ethertype, t.l4_offset, counters.translated_cells(t.family), info.len),
        Some(plan) => {
            skb.set_headers(ethertype, t.l4_offset);
            if skb.resolve_partial_checksum().is_err() {
                return discard(dev, skb, DropReason::NoMemory);
            }
            match emit_fragments(dev, &skb, &plan) {
                Ok(total) => {
                    dev.count_tx(info.len);
                    counters.translated(t.family, total);
                    skb.consume();
                }
                Err(()) => discard(dev, skb, DropReason::NoMemory),
            }
        }
    }
}

/// Whether the translated packet at the start of `hdr` is addressed to the
/// host itself (delivered, not forwarded, once re-injected).
fn addressed_to_host(dev: &NetDevice<Ipxlat>, hdr: &[u8], family: Family) -> bool {
    let dst = match family {
        Family::V4 => hdr.get(16..20),
        Family::V6 => hdr.get(24..40),
    };
    dst.is_some_and(|dst| match &dev.private().local_dst {
        Some(cache) => cache.addressed_to_host(dev, dst),
        None => dev.takes_for_itself(dst),
    })
}

/// Adds one to the TTL or hop limit of the packet at the start of `hdr`
/// (saturating at 255), keeping the IPv4 header checksum right.
fn restore_hop(hdr: &mut [u8], family: Family) {
    match family {
        Family::V6 => {
            if let Some(hop) = hdr.get_mut(7) {
                *hop = hop.saturating_add(1);
            }
        }
        Family::V4 => {
            let (Some(&ttl), Some(&proto)) = (hdr.get(8), hdr.get(9)) else {
                return;
            };
            if ttl == u8::MAX || hdr.len() < 20 {
                return;
            }
            let old = u32::from(u16::from_be_bytes([ttl, proto]));
            let new = u32::from(u16::from_be_bytes([ttl + 1, proto]));
            let field = u16::from_be_bytes([hdr[10], hdr[11]]);
            hdr[8] = ttl + 1;
            hdr[10..12].copy_from_slice(&checksum::update(field, old, new).to_be_bytes());
        }
    }
}

/// Splits a translated IPv6 packet per `plan` (SPEC 3.2) into new buffers
/// and hands each to the stack. Returns the bytes emitted.
fn emit_fragments(dev: &NetDevice<Ipxlat>, skb: &SkBuff, plan: &FragmentPlan) -> Result<usize, ()> {
    let mut header = [0u8; 48];
    let hlen = plan.header_len.min(header.len());
    skb.copy_bits(0, &mut header[..hlen]).map_err(|_| ())?;
    if plan.piece_payload == 0 {
        return Err(());
    }
    let mut offset = 0;
    let mut total = 0;
    while offset < plan.total_payload {
        let piece = plan.piece_payload.min(plan.total_payload - offset);
        let last = offset + piece >= plan.total_payload;
        let mut frag = SkBuff::alloc(dev.as_ptr(), HEADROOM, hlen + piece).ok_or(())?;
        // Routed like the packet would have been whole (fwmark rules).
        frag.copy_meta_from(skb);
        let data = frag.data_mut();
        let (h, payload) = data.split_at_mut(hlen);
        h.copy_from_slice(&header[..hlen]);
        crate::engine::packet::write_piece_header(h, plan, offset, piece, last);
        skb.copy_bits(hlen + offset, payload).map_err(|_| ())?;
        frag.set_headers(ETH_P_IPV6, hlen);
        total += hlen + piece;
        frag.receive(dev);
        offset += piece;
    }
    Ok(total)
}
