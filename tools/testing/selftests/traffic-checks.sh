# SPDX-License-Identifier: GPL-2.0
# The datapath check list shared by the SIIT topologies (sourced after
# lib.sh): 30 (/40 prefix), 31 (/96 prefix) and 32 (EAM) run the same checks
# through siit_traffic_checks; 40 (464XLAT) uses the building blocks.

PY=${PYTHON:-python3}
SELF=$IPXLAT_SELFTESTS

# --- building blocks ----------------------------------------------------

# iperf3 TCP for one second (or -n BYTES given as extra args) from
# FROM_NS to ADDR, with the server in TO_NS bound to LISTEN.
tcp_iperf() { # FROM_NS TO_NS LISTEN ADDR [iperf3 client args...]
	local from=$1 to=$2 listen=$3 addr=$4; shift 4
	ip netns exec "$to" iperf3 -s -D -1 -B "$listen" >/dev/null 2>&1
	sleep 0.5
	ip netns exec "$from" timeout 30 iperf3 -c "$addr" -f m "${@:--t1}"
}

# ping_to FILE NS ARGS...: 3 pings, all answered; the output kept in FILE.
ping_to() {
	local file=$1 ns=$2; shift 2
	ip netns exec "$ns" ping -c 3 -i 0.2 -W 2 "$@" >"$file" 2>&1
	local rc=$?
	cat "$file"
	return $rc
}

# ping_exact NS COUNT ARGS...: every one of COUNT echo requests answered.
ping_exact() {
	local ns=$1 count=$2; shift 2
	ip netns exec "$ns" ping -c "$count" -i 0.05 -W 3 "$@" | tee -a /dev/stderr |
		grep -q " $count received"
}

# Packet captures, inbound only (the packets that crossed), with tcpdump in
# the receiving namespace. Taps see received packets after GRO, which leaves
# the pseudo-header seed in the checksum of merged TCP packets: GRO goes off
# on the capturing device. Kept in $IPXLAT_OUT (the guest runner's directory).
CAPTURES=()
CAPDIR=${IPXLAT_OUT:-/tmp}
capture_start() { # NS DEV FILE
	local i
	rm -f "$3" "$3.log"
	ip netns exec "$1" ethtool -K "$2" gro off >/dev/null
	# Immediate mode: without it libpcap hands packets over once a second,
	# and the last ones are lost when tcpdump is stopped.
	ip netns exec "$1" tcpdump -Z root -U --immediate-mode -n -i "$2" -Q in -w "$3" 2>"$3.log" &
	CAPTURES+=($!)
	for i in $(seq 50); do grep -q "listening on" "$3.log" && return 0; sleep 0.1; done
	echo "# tcpdump on $1:$2 did not start" && cat "$3.log"
	return 1
}
capture_stop() {
	sleep 1
	kill -INT "${CAPTURES[@]}" 2>/dev/null
	wait "${CAPTURES[@]}" 2>/dev/null
	CAPTURES=()
}

# Device counters and `ip -s link` totals as one line of numbers:
# tx46 tx46-bytes tx64 tx64-bytes drops icmp-errors link-tx link-tx-bytes
# link-tx-dropped link-rx link-rx-bytes
counters_of() { # NS DEV
	{ ctl_in "$1" -j stats dev "$2"; ip -n "$1" -s -j link show "$2"; } | $PY -c '
import json, sys
s, l = [json.loads(x) for x in sys.stdin.read().split("\n") if x.strip()]
s, l = s[0], l[0]["stats64"]
print(s["tx-46-packets"], s["tx-46-bytes"], s["tx-64-packets"], s["tx-64-bytes"], s["drops"],
      s["icmp-errors-sent"], l["tx"]["packets"], l["tx"]["bytes"], l["tx"]["dropped"],
      l["rx"]["packets"], l["rx"]["bytes"])'
}

# counters_match "BEFORE" "AFTER" N46 BYTES46 N64 BYTES64 IN_BYTES: the
# translation counters grew by exactly what crossed (packets and translated
# bytes each way), nothing was dropped, and the link statistics agree: every
# packet routed in (IN_BYTES as received) came out translated.
counters_match() {
	$PY - "$@" <<'PYEOF'
import sys
b, a = ([int(x) for x in s.split()] for s in sys.argv[1:3])
n46, b46, n64, b64, inb = (int(x) for x in sys.argv[3:8])
d = [y - x for x, y in zip(b, a)]
names = ["tx-46-packets", "tx-46-bytes", "tx-64-packets", "tx-64-bytes", "drops", "icmp-errors-sent",
         "link tx packets", "link tx bytes", "link tx dropped", "link rx packets", "link rx bytes"]
want = [n46, b46, n64, b64, 0, 0, n46 + n64, inb, 0, n46 + n64, b46 + b64]
ok = True
for name, got, exp in zip(names, d, want):
    print(f"{name}: +{got} (expected +{exp})")
    ok &= got == exp
sys.exit(0 if ok else 1)
PYEOF
}

# trace_hops NS "EXPECTED HOPS" traceroute-args...: the hop addresses of a
# traceroute (one probe per hop) are exactly the expected list.
trace_hops() {
	local ns=$1 want=$2 out hops; shift 2
	out=$(ip netns exec "$ns" traceroute -n -w 2 -q 1 -m 5 "$@" 2>&1)
	echo "$out"
	hops=$(echo "$out" | awk 'NR > 1 { printf "%s%s", sep, $2; sep = " " }')
	echo "hops: '$hops', expected '$want'"
	[[ $hops == "$want" ]]
}

# --- the SIIT check list --------------------------------------------------

# siit_traffic_checks: ns4 (A4, seen as A4_AS_6 from IPv6) and ns6 (target
# T6, seen as T4 from IPv4; source S6 for connections it opens) across the
# translator XDEV in namespace XR (topo-siit.sh names: veth4n/veth4r,
# veth6r/veth6n; IPv6 link MTU 1280).
siit_traffic_checks() {
	local devs="ns4:veth4n r:veth4r r:veth6r ns6:veth6n $XR:$XDEV" mode cap before after n
	check "ping 4->6 (ns4 -> $T4)" ping_to /tmp/ping46 ns4 $T4
	check "ping 6->4 (ns6 $S6 -> $A4_AS_6)" ping_to /tmp/ping64 ns6 -6 -I $S6 $A4_AS_6
	check "hop count 6->4->6: ns4 sees TTL 63 (one translator hop)" grep -q 'ttl=63' /tmp/ping46
	check "hop count 4->6->4: ns6 sees hop limit 63" grep -q 'ttl=63' /tmp/ping64

	# TCP both ways, with GSO/TSO/GRO on every device on the path, then off.
	for mode in on off; do
		check "offloads $mode: gso/tso/gro $mode on the veths and $XDEV" set_offloads $mode $devs
		check "TCP 4->6 (iperf3, 1 s), offloads $mode" tcp_iperf ns4 ns6 $T6 $T4
		check "TCP 6->4 (iperf3, 1 s), offloads $mode" tcp_iperf ns6 ns4 $A4 $A4_AS_6 -t 1 -B $S6
	done
	set_offloads on $devs

	# UDP both ways, and larger than the IPv6 MTU (fragmented, reassembled).
	check "UDP 4->6 (echoed back)" $PY "$SELF/udp_check.py" ns4 ns6 $T6 $T4 100
	check "UDP 6->4 (echoed back)" $PY "$SELF/udp_check.py" ns6 ns4 $A4 $A4_AS_6 100 $S6
	check "UDP 4->6 of 3000 bytes (IPv6 fragments, intact both ways)" \
		$PY "$SELF/udp_check.py" ns4 ns6 $T6 $T4 3000
	check "UDP 6->4 of 3000 bytes (IPv6 fragments, intact both ways)" \
		$PY "$SELF/udp_check.py" ns6 ns4 $A4 $A4_AS_6 3000 $S6
	check "zero-checksum UDP 4->6 arrives (checksum computed)" \
		$PY "$SELF/zero_csum.py" ns4 ns6 $A4 $T4 $T6

	# Port unreachable 1/4 comes back as 3/3 (and 3/3 as 1/4), quoting the
	# datagram well enough for the sender's socket to get it.
	check "UDP to a closed port 4->6: ICMP port unreachable back" \
		$PY "$SELF/port_unreach.py" ns4 $T4 4
	check "UDP to a closed port 6->4: ICMPv6 port unreachable back" \
		$PY "$SELF/port_unreach.py" ns6 $A4_AS_6 6 $S6

	check "traceroute 4->6: hop 1 is r, then the target" trace_hops ns4 "198.51.100.1 $T4" $T4
	check "traceroute 6->4: hop 1 is r, then the target" \
		trace_hops ns6 "2001:db8:1::1 $A4_AS_6" -6 -s $S6 $A4_AS_6

	# Fragmented ICMP never crosses, either way.
	n=$(stat_of $XR $XDEV fragmented-icmp)
	check_fails "fragmented ping 4->6 does not cross" ip netns exec ns4 ping -c 1 -W 1 -s 2000 $T4
	check "and its 2 fragments are counted as fragmented-icmp" \
		test "$(stat_of $XR $XDEV fragmented-icmp)" -eq $((n + 2))
	check_fails "fragmented ping 6->4 does not cross" \
		ip netns exec ns6 ping -6 -c 1 -W 1 -s 2000 -I $S6 $A4_AS_6
	check "and its 2 fragments are counted as fragmented-icmp" \
		test "$(stat_of $XR $XDEV fragmented-icmp)" -eq $((n + 4))

	# Checksums of what arrives, verified by an independent parser. r's
	# egress veths compute checksums in software (tx off), so the capture
	# holds complete ones even when a packet leaves the translator with
	# CHECKSUM_PARTIAL; the senders keep their checksum offload.
	ip netns exec r ethtool -K veth4r tx off >/dev/null
	ip netns exec r ethtool -K veth6r tx off >/dev/null
	cap=$CAPDIR/$(basename "$0" .sh)
	capture_start ns6 veth6n $cap-ns6.pcap && capture_start ns4 veth4n $cap-ns4.pcap
	ip netns exec ns4 ping -c 2 -i 0.2 -W 2 $T4 >/dev/null
	ip netns exec ns6 ping -6 -c 2 -i 0.2 -W 2 -I $S6 $A4_AS_6 >/dev/null
	$PY "$SELF/udp_check.py" ns4 ns6 $T6 $T4 100 >/dev/null
	$PY "$SELF/udp_check.py" ns6 ns4 $A4 $A4_AS_6 100 $S6 >/dev/null
	tcp_iperf ns4 ns6 $T6 $T4 -n 100K >/dev/null
	tcp_iperf ns6 ns4 $A4 $A4_AS_6 -n 100K -B $S6 >/dev/null
	$PY "$SELF/port_unreach.py" ns4 $T4 4 >/dev/null
	$PY "$SELF/port_unreach.py" ns6 $A4_AS_6 6 $S6 >/dev/null
	capture_stop
	check "checksums of every packet arriving in ns6 and ns4 (echo, UDP, TCP, ICMP errors) verified by scapy" \
		$PY "$SELF/csum_verify.py" "$cap-ns6.pcap:echo,udp,tcp,error,@$A4_AS_6" \
		"$cap-ns4.pcap:echo,udp,tcp,error,@${T4%.*}."
	ip netns exec r ethtool -K veth4r tx on >/dev/null
	ip netns exec r ethtool -K veth6r tx on >/dev/null

	# Counters: exactly 10 pings 4->6 (10 requests 46, 10 replies 64) and
	# 10 UDP datagrams of 100 bytes each way; nothing else crosses.
	before=$(counters_of $XR $XDEV)
	check "10 pings 4->6, all answered" ping_exact ns4 10 $T4
	check "10 UDP datagrams 4->6, all received" $PY "$SELF/udp_burst.py" ns4 ns6 $T6 $T4 10 100
	check "10 UDP datagrams 6->4, all received" $PY "$SELF/udp_burst.py" ns6 ns4 $A4 $A4_AS_6 10 100 $S6
	after=$(counters_of $XR $XDEV)
	# Sizes: echo 84 B IPv4 / 104 B IPv6; UDP 128 B IPv4 / 148 B IPv6.
	check "counters: exactly 20 packets each way, bytes, no drops; ip -s link agrees" \
		counters_match "$before" "$after" 20 $((10 * 104 + 10 * 148)) 20 $((10 * 84 + 10 * 128)) \
		$((10 * 84 + 10 * 128 + 10 * 104 + 10 * 148))

	# DF=1 too big for the IPv6 side: Fragmentation Needed with MTU 1260
	# (last: it leaves ns4 with a cached path MTU).
	n=$(stat_of $XR $XDEV icmp-errors-sent)
	check "DF ping of 1300 bytes 4->6 gets Frag-Needed mtu 1260" \
		bash -c "ip netns exec ns4 ping -c 1 -W 2 -M do -s 1272 $T4 2>&1 | tee -a /dev/stderr | grep -q 'mtu = 1260'"
	check "  and icmp-errors-sent counts it (+1)" test "$(stat_of $XR $XDEV icmp-errors-sent)" -eq $((n + 1))
	check "PMTUD then succeeds (1260-byte DF ping)" ip netns exec ns4 ping -c 2 -W 2 -M do -s 1232 $T4
	check "PMTUD: TCP 4->6 after it" tcp_iperf ns4 ns6 $T6 $T4
	check "kernel log clean (no WARN/BUG/Oops)" dmesg_clean
}
