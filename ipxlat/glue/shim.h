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

static inline u8 ipxlat_skb_ip_summed(const struct sk_buff *skb)
{
	return skb->ip_summed;
}

static inline void ipxlat_skb_set_ip_summed(struct sk_buff *skb, u8 ip_summed)
{
	skb->ip_summed = ip_summed;
}

static inline __be16 ipxlat_skb_protocol(const struct sk_buff *skb)
{
	return skb->protocol;
}

static inline void ipxlat_skb_set_protocol(struct sk_buff *skb, __be16 protocol)
{
	skb->protocol = protocol;
}

static inline int ipxlat_skb_iif(const struct sk_buff *skb)
{
	return skb->skb_iif;
}

static inline void ipxlat_skb_set_mac_len(struct sk_buff *skb, u16 mac_len)
{
	skb->mac_len = mac_len;
}

/* A CHECKSUM_PARTIAL packet's checksum starts at its transport header. */
static inline void ipxlat_skb_partial_csum_at_transport(struct sk_buff *skb)
{
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		skb->csum_start = skb_transport_header(skb) - skb->head;
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

static inline void ipxlat_skb_set_pkt_type(struct sk_buff *skb, u8 pkt_type)
{
	skb->pkt_type = pkt_type;
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

#endif
