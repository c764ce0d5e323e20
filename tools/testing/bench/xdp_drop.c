// SPDX-License-Identifier: GPL-2.0
/* Drops every frame at the receiving veth; the veth's rx_queue_N_xdp_drops
 * counter then counts delivered packets. No headers needed: XDP_DROP == 1. */
struct xdp_md;
__attribute__((section("xdp"), used)) int xdp_drop(struct xdp_md *ctx) { return 1; }
char _license[] __attribute__((section("license"), used)) = "GPL";
