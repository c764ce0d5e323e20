/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Static inline accessors for sk_buff/net_device bitfields and macros that
 * bindgen cannot expose directly. Only trivial field access lives here; the
 * generated wrappers (--wrap-static-fns) make them callable from Rust.
 */
#ifndef IPXLAT_SHIM_H
#define IPXLAT_SHIM_H

#include <linux/skbuff.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <net/sock.h>
#include <net/net_namespace.h>
#include <linux/percpu.h>
#include <net/route.h>
#include <net/addrconf.h>

/*
 * The transmit path's per-packet accesses, grouped so that a packet costs a
 * few calls rather than one per field.
 */

/* What the transmit path reads from a buffer handed to the device. */
struct ipxlat_skb_info {
	__be16 protocol;
	u8 ip_summed;
	int iif;
	unsigned short gso_size; /* 0: not a GSO packet */
	unsigned int gso_type;
	int csum_start;		/* CHECKSUM_PARTIAL: from data; else 0 */
	unsigned short csum_offset;
	unsigned int len;	/* as handed to the device */
};

static inline void ipxlat_skb_info(const struct sk_buff *skb,
				   struct ipxlat_skb_info *info)
{
	const struct skb_shared_info *shinfo = skb_shinfo(skb);

	info->protocol = skb->protocol;
	info->ip_summed = skb->ip_summed;
	info->iif = skb->skb_iif;
	info->gso_size = shinfo->gso_size;
	info->gso_type = shinfo->gso_type;
	info->len = skb->len;
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		info->csum_start = skb_checksum_start_offset(skb);
		info->csum_offset = skb->csum_offset;
	} else {
		info->csum_start = 0;
		info->csum_offset = 0;
	}
}

/*
 * Headers of a rewritten packet whose data now starts at its network
 * header: protocol, header offsets, no link-layer header. A
 * CHECKSUM_PARTIAL checksum starts at the transport header (its field keeps
 * its offset in the L4 header); a CHECKSUM_COMPLETE sum no longer holds.
 */
static inline void ipxlat_skb_set_l3(struct sk_buff *skb, __be16 protocol,
				     int l4_offset)
{
	skb->protocol = protocol;
	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	skb_set_transport_header(skb, l4_offset);
	skb->mac_len = 0;
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		skb->csum_start = skb_transport_header(skb) - skb->head;
	else if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
}

/*
 * Ready to be received on its device: the state of its previous life
 * (route, conntrack entry) cleared, addressed to this host.
 */
static inline void ipxlat_skb_to_rx(struct sk_buff *skb)
{
	skb_scrub_packet(skb, false);
	skb->pkt_type = PACKET_HOST;
}

/*
 * The start of the transmit path in one call: reads what the path needs
 * into `info` (the device counts the packet once it knows its fate), and
 * makes `headroom`
 * bytes of headroom and the first `pull` bytes (at most the packet's
 * length) linear and private to this buffer; or only the linear part if
 * it already holds at least `min_linear` bytes: the stack's own packets
 * (TCP super-packets above all) carry their headers and nothing else
 * there, and pulling payload in would cost a reallocation of the head.
 * The caller learns how many bytes were made writable in `*writable`.
 * 0, or -ENOMEM.
 */
static inline int ipxlat_xmit_begin(struct sk_buff *skb, struct net_device *dev,
				    struct ipxlat_skb_info *info,
				    unsigned int headroom, unsigned int pull,
				    unsigned int min_linear,
				    unsigned int *writable)
{
	unsigned int want = min(pull, skb->len);

	ipxlat_skb_info(skb, info);
	if (skb_headlen(skb) >= min_linear && skb_headlen(skb) < want)
		want = skb_headlen(skb);
	*writable = want;
	if (skb_cow_head(skb, headroom))
		return -ENOMEM;
	return skb_ensure_writable(skb, want);
}

/*
 * Received on its device (ipxlat_skb_to_rx, netif_rx) and counted there:
 * in the receive totals, or as a receive drop if the backlog refused it.
 */
static inline void ipxlat_rx(struct sk_buff *skb, struct net_device *dev)
{
	unsigned int len = skb->len;

	ipxlat_skb_to_rx(skb);
	if (netif_rx(skb) == NET_RX_SUCCESS)
		dev_dstats_rx_add(dev, len);
	else
		dev_dstats_rx_dropped(dev);
}

/*
 * The end of the transmit path for a translated packet whose data starts
 * at its new network header, in one call: headers set (ipxlat_skb_set_l3),
 * the packet as handed to the device (`tx_len` bytes) counted as
 * transmitted, the translated one counted, if `cells` is set, in the
 * translator's per-CPU cells (`cell` packets, `cell + 1` bytes), then
 * received on its device (ipxlat_rx).
 */
static inline void ipxlat_xmit_receive(struct sk_buff *skb, struct net_device *dev,
				       __be16 protocol, int l4_offset,
				       void *cells, unsigned int cell,
				       unsigned int tx_len)
{
	u64 __percpu *c = (u64 __percpu *)(unsigned long)cells;

	ipxlat_skb_set_l3(skb, protocol, l4_offset);
	dev_dstats_tx_add(dev, tx_len);
	if (c) {
		this_cpu_inc(c[cell]);
		this_cpu_add(c[cell + 1], skb->len);
	}
	ipxlat_rx(skb, dev);
}

/*
 * Whether the host takes a packet to `daddr` for itself instead of
 * forwarding it, as seen from `dev`'s L3 domain: one of its addresses, or
 * (IPv4) a broadcast address. Such a packet is not decremented again after
 * re-injection, so the transmit path gives it no hop back (SPEC 2.6).
 */
static inline bool ipxlat_local_dst4(struct net_device *dev, __be32 daddr)
{
	unsigned int type = inet_addr_type_dev_table(dev_net(dev), dev, daddr);

	return type == RTN_LOCAL || type == RTN_BROADCAST;
}

static inline bool ipxlat_local_dst6(struct net_device *dev,
				     const struct in6_addr *daddr)
{
	return ipv6_chk_addr(dev_net(dev), daddr, dev, 0);
}

/*
 * Generation numbers that change whenever the answer of ipxlat_local_dst4
 * (ipxlat_local_dst6) may change: every IPv4 FIB change, address changes
 * included (rt_cache_flush); every IPv6 address event or FIB change. Both
 * parts of the IPv6 number only grow, so their sum changes with either.
 */
static inline u32 ipxlat_local_genid4(struct net_device *dev)
{
	return (u32)rt_genid_ipv4(dev_net(dev));
}

static inline u32 ipxlat_local_genid6(struct net_device *dev)
{
	struct net *net = dev_net(dev);

	return (u32)atomic_read(&net->ipv6.dev_addr_genid) +
	       (u32)rt_genid_ipv6(net);
}

/* ICMP messages this CPU has counted as sent in the device's namespace
 * (Icmp OutMsgs, Icmp6 OutMsgs). The host's ICMP senders count a message
 * when they build it, after their rate limiters, on the calling CPU and with
 * bottom halves off (as the transmit path runs), so the difference across
 * one icmp_ndo_send / icmpv6_ndo_send call says whether it sent its error.
 * A nested send from inside that call cannot add to it: the senders'
 * per-CPU socket lock is taken with a trylock. */
static inline unsigned long ipxlat_icmp4_out_msgs(struct net_device *dev)
{
	return this_cpu_read(dev_net(dev)->mib.icmp_statistics->mibs[ICMP_MIB_OUTMSGS]);
}

static inline unsigned long ipxlat_icmp6_out_msgs(struct net_device *dev)
{
	return this_cpu_read(dev_net(dev)->mib.icmpv6_statistics->mibs[ICMP6_MIB_OUTMSGS]);
}

/* This CPU's copy of a per-CPU area from ipxlat_counters_alloc. */
static inline void *ipxlat_this_cpu(void *cells)
{
	return this_cpu_ptr((u64 __percpu *)(unsigned long)cells);
}

/* What a fragment cut from `from` keeps of it: the fields that steer it
 * (mark, priority) and its flow hash. */
static inline void ipxlat_skb_copy_meta(struct sk_buff *to,
					const struct sk_buff *from)
{
	to->mark = from->mark;
	to->priority = from->priority;
	skb_copy_hash(to, from);
}

/* Whether the IPv4 packet at the network header has DF set (false if the
 * header cannot be read). */
static inline bool ipxlat_skb_ipv4_df(const struct sk_buff *skb)
{
	struct iphdr _iph;
	const struct iphdr *iph;

	iph = skb_header_pointer(skb, skb_network_offset(skb), sizeof(_iph), &_iph);
	return iph && (iph->frag_off & htons(IP_DF));
}

static inline u8 ipxlat_skb_ip_summed(const struct sk_buff *skb)
{
	return skb->ip_summed;
}

/* The checksum fields now hold a complete checksum, not a seed. */
static inline void ipxlat_skb_csum_none(struct sk_buff *skb)
{
	skb->ip_summed = CHECKSUM_NONE;
}

static inline struct skb_shared_info *ipxlat_skb_shinfo(struct sk_buff *skb)
{
	return skb_shinfo(skb);
}

static inline bool ipxlat_is_err(const void *ptr)
{
	return IS_ERR(ptr);
}

/* Generic netlink: fields behind macros (sock_net, NETLINK_CB, xa marks). */

static inline struct net *ipxlat_cb_net(const struct netlink_callback *cb)
{
	return sock_net(cb->skb->sk);
}

static inline u32 ipxlat_cb_portid(const struct netlink_callback *cb)
{
	return NETLINK_CB(cb->skb).portid;
}

static inline size_t ipxlat_nlmsg_goodsize(void)
{
	return NLMSG_GOODSIZE;
}

/* for_each_netdev_dump(): the device with the lowest ifindex >= *ifindex. */
static inline struct net_device *ipxlat_netdev_find(struct net *net,
						    unsigned long *ifindex)
{
	return xa_find(&net->dev_by_index, ifindex, ULONG_MAX, XA_PRESENT);
}

/*
 * Per-CPU u64 counters, handled as an opaque pointer on the Rust side (the
 * __percpu address space has no Rust spelling). Each CPU adds to its own
 * copy with this_cpu_add (no atomic read-modify-write, no shared cache
 * line); readers sum every possible CPU's copy.
 */
static inline void *ipxlat_counters_alloc(unsigned int n)
{
	return (void *)(unsigned long)__alloc_percpu(n * sizeof(u64), sizeof(u64));
}

static inline void ipxlat_counters_free(void *cells)
{
	free_percpu((u64 __percpu *)(unsigned long)cells);
}

/* One packet of `bytes` bytes: cell i counts packets, cell i + 1 bytes. */
static inline void ipxlat_counters_add_packet(void *cells, unsigned int i,
					      u64 bytes)
{
	u64 __percpu *c = (u64 __percpu *)(unsigned long)cells;

	this_cpu_inc(c[i]);
	this_cpu_add(c[i + 1], bytes);
}

static inline void ipxlat_counters_add(void *cells, unsigned int i, u64 v)
{
	u64 __percpu *c = (u64 __percpu *)(unsigned long)cells;

	this_cpu_add(c[i], v);
}

static inline u64 ipxlat_counters_sum(void *cells, unsigned int i)
{
	u64 __percpu *c = (u64 __percpu *)(unsigned long)cells;
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(c, cpu)[i]);
	return sum;
}

#endif
