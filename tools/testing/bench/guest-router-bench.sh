#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Router-cost benchmark, guest side (run by tools/testing/bench/run.sh through
# tools/testing/vm/run-in-guest.sh; not a test: it never fails on numbers).
#
# usage: guest-router-bench.sh XDP_OBJ [ROUNDS [WINDOW_S [EAM_N [TCP_ROUNDS]]]]
#
# Topology (all veth; c = client, r = router, r2 = second router, s = server):
#
#   c:vc ---- in0:r:out0 ---- so0:s
#                r:rr2 ---- r2a:r2:r2b ---- s2b:s
#
# pktgen (xmit_mode netif_receive) injects 96-byte UDP frames into the
# router's ingress veth (in0 for IPv4->* and plain forwarding, out0 for
# IPv6->IPv4); the far veth (so0, vc or s2b) drops everything with XDP and its
# rx_queue_*_xdp_drops counter gives the delivered packets/s. The router
# veths have tx checksumming off while pktgen runs, so pktgen writes complete
# UDP checksums (CHECKSUM_NONE skbs, as from a NIC without rx offload).
#
# Cases (interleaved round-robin, ROUNDS times each):
#   a     IPv4 forwarding, one hop         198.51.100.2 -> 10.2.0.2
#   b     IPv6 forwarding, one hop         2001:db8:a::2 -> 2001:db8:2::2
#   c     IPv6 forwarding, two hops (r, r2) 2001:db8:a::2 -> 2001:db8:30::2
#   d46   ipxlat ipxl0, RFC 6052 prefix 2001:db8:100::/40, 198.51.100.2 -> 192.0.2.33
#   d64   ipxlat ipxl0, 2001:db8:1c0:2:21:: -> 2001:db8:1c6:3364:2::
#   e1    ipxlat ipxl1, EAM 203.0.113.0/24 <-> 2001:db8:eeef::/120 (1 entry), -> 203.0.113.1
#   e100k ipxlat ipxl2, the same entry + EAM_N entries 10.x.y.z/32 <-> 2001:db8:eeee::x:y:z/128, -> 203.0.113.2
#   (6th argument "eam-only": only phase 2 below, no phase 1, no TCP)
#   f46   TAYGA (TUN nat64, prefix 2001:db8:200::/40), 198.51.100.2 -> 198.18.0.33
#   f64   TAYGA, 2001:db8:2c6:1200:21:: -> 2001:db8:2c6:3364:2::
# Then TCP bulk (iperf3 -t 5, GSO/TSO on, XDP removed) c <-> s, both ways,
# through ipxl0 (c -> 192.0.2.33), through plain IPv6 forwarding (c ->
# 2001:db8:2::2) and through (c)'s two IPv6 hops r and r2 (c ->
# 2001:db8:30::2, both directions of the connection: as many passes
# through the stack per packet as through ipxl0) and through plain IPv4
# forwarding (c -> 10.2.0.2: TCP over IPv4 at the client, as through
# ipxl0); the c-side link has MTU 1480 so all use the same MSS.
#
# Output in $IPXLAT_OUT: samples.txt (case round pps), tcp.txt, bench.txt
# (the table, made by table.py), tayga.log, and per TCP case and round
# nstat-CASE-ROUND.txt (the endpoints' SNMP counters that moved).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
source "$ROOT/tools/testing/selftests/lib.sh"

XDP=${1:?usage: guest-router-bench.sh XDP_OBJ [ROUNDS [WINDOW [EAM_N [TCP_ROUNDS]]]]}
ROUNDS=${2:-3}
WIN=${3:-3}
EAMN=${4:-100000}
TCP_ROUNDS=${5:-5}
OUT=${IPXLAT_OUT:-/tmp}
SAMPLES=$OUT/samples.txt
TCPS=$OUT/tcp.txt
: >"$SAMPLES"
: >"$TCPS"
trap cleanup EXIT

log() { echo "[$(date +%T)] $*"; }
die() { echo "FATAL: $*"; exit 1; }

insmod "$ROOT/ipxlat/ipxlat.ko" || module_loaded || die "insmod ipxlat.ko"
modprobe pktgen || die "modprobe pktgen"

mac_of() { ip -n "$1" -br link show dev "$2" | awk '{print $3}'; }

# ---------------------------------------------------------------- topology
for ns in c r r2 s; do
	netns_add $ns
	ip netns exec $ns sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
	ip netns exec $ns sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
done
for ns in r r2; do
	ip netns exec $ns sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
done
ip link add vc netns c type veth peer name in0 netns r
ip link add out0 netns r type veth peer name so0 netns s
ip link add rr2 netns r type veth peer name r2a netns r2
ip link add r2b netns r2 type veth peer name s2b netns s
ip -n c link set vc mtu 1480
ip -n r link set in0 mtu 1480

ip -n c addr add 198.51.100.2/24 dev vc
ip -n c addr add 2001:db8:a::2/64 dev vc nodad
ip -n r addr add 198.51.100.1/24 dev in0
ip -n r addr add 2001:db8:a::1/64 dev in0 nodad
ip -n r addr add 10.2.0.1/24 dev out0
ip -n r addr add 2001:db8:2::1/64 dev out0 nodad
ip -n r addr add 2001:db8:3::1/64 dev rr2 nodad
ip -n r2 addr add 2001:db8:3::2/64 dev r2a nodad
ip -n r2 addr add 2001:db8:4::1/64 dev r2b nodad
ip -n s addr add 10.2.0.2/24 dev so0
ip -n s addr add 2001:db8:2::2/64 dev so0 nodad
ip -n s addr add 2001:db8:1c0:2:21::/128 dev so0 nodad
ip -n s addr add 2001:db8:4::2/64 dev s2b nodad
for l in c:vc r:in0 r:out0 r:rr2 r2:r2a r2:r2b s:so0 s:s2b; do
	ip -n ${l%%:*} link set ${l#*:} up
done
ip -n c route add default via 198.51.100.1
ip -n c route add default via 2001:db8:a::1
ip -n s route add default via 10.2.0.1
ip -n s route add default via 2001:db8:2::1
ip -n r route add 2001:db8:30::/64 via 2001:db8:3::2 dev rr2
ip -n r2 route add 2001:db8:30::/64 via 2001:db8:4::2 dev r2b
# TCP over (c)'s two hops both ways: s answers from 2001:db8:30::2 back
# through r2 (pktgen's packets to it never reach s's stack: XDP on s2b).
ip -n s addr add 2001:db8:30::2/128 dev s2b nodad
ip -n s route add 2001:db8:a::/64 via 2001:db8:4::1 dev s2b
ip -n r2 route add 2001:db8:a::/64 via 2001:db8:3::1 dev r2a

# XDP drops ARP/ND too: permanent neighbours for every next hop.
VC=$(mac_of c vc); IN0=$(mac_of r in0); OUT0=$(mac_of r out0); SO0=$(mac_of s so0)
R2A=$(mac_of r2 r2a); S2B=$(mac_of s s2b)
neigh() { ip -n "$1" neigh replace "$2" lladdr "$3" dev "$4" nud permanent; }
neigh r 198.51.100.2 "$VC" in0
neigh r 2001:db8:a::2 "$VC" in0
neigh r 10.2.0.2 "$SO0" out0
neigh r 2001:db8:2::2 "$SO0" out0
neigh r 2001:db8:3::2 "$R2A" rr2
neigh r2 2001:db8:4::2 "$S2B" r2b
neigh c 198.51.100.1 "$IN0" vc
neigh c 2001:db8:a::1 "$IN0" vc
neigh s 10.2.0.1 "$OUT0" so0
neigh s 2001:db8:2::1 "$OUT0" so0

# ipxlat: ipxl0 prefix only; ipxl1 one EAM entry; ipxl2 the same + EAM_N.
P=2001:db8:100::/40
for d in ipxl0 ipxl1 ipxl2; do
	ip -n r link add $d type ipxlat || die "ip link add $d type ipxlat"
	ip -n r link set $d up
	ctl_in r dev set $d prefix $P || die "dev set $d"
done
ip -n r route add 192.0.2.0/24 dev ipxl0
ip -n r route add 2001:db8:1c6:3364:2::/128 dev ipxl0
ip -n r route add $P via 2001:db8:2::2 dev out0
ip -n r route add 198.51.100.0/24 dev in0 2>/dev/null || true
for d in ipxl1 ipxl2; do
	ctl_in r eam add 203.0.113.0/24 2001:db8:eeef::/120 dev $d || die "eam add $d"
done
ip -n r route add 203.0.113.1/32 dev ipxl1
ip -n r route add 203.0.113.2/32 dev ipxl2
ip -n r route add 2001:db8:eeef::/120 via 2001:db8:2::2 dev out0

# TAYGA on a TUN device in r.
TP=2001:db8:200::/40
cat >/tmp/tayga.conf <<EOF
tun-device nat64
ipv4-addr 198.18.255.1
prefix $TP
EOF
ip netns exec r tayga -c /tmp/tayga.conf --mktun >"$OUT/tayga.log" 2>&1 || die "tayga --mktun"
ip -n r link set nat64 up
ip -n r route add 198.18.0.0/24 dev nat64
ip -n r route add 2001:db8:2c6:3364:2::/128 dev nat64
ip -n r route add $TP via 2001:db8:2::2 dev out0
ip netns exec r tayga -c /tmp/tayga.conf -n >>"$OUT/tayga.log" 2>&1 &
TAYGA_PID=$!
sleep 1
kill -0 $TAYGA_PID 2>/dev/null || { cat "$OUT/tayga.log"; die "tayga did not start"; }

# XDP drop on the far veths.
for l in c:vc s:so0 s:s2b; do
	ip -n ${l%%:*} link set dev ${l#*:} xdp obj "$XDP" sec xdp || die "xdp on $l"
done
ip netns exec r ethtool -K in0 tx off >/dev/null
ip netns exec r ethtool -K out0 tx off >/dev/null
log "drop counters on so0: $(ip netns exec s ethtool -S so0 | grep -i xdp | tr -s ' ' | tr '\n' ' ')"

# load_eam: EAM_N entries into ipxl2 in 10,000-line ipxlat-ctl -b chunks,
# logging progress (a kernel crash then shows how far it got), at most
# EAM_LOAD_MAX_S seconds; NEAM is what ipxl2 holds afterwards.
load_eam() {
	/usr/bin/python3 - "$EAMN" /tmp/eam-chunk. <<'PY'
import sys
n, pfx = int(sys.argv[1]), sys.argv[2]
for c in range(0, n, 10000):
    with open("%s%06d" % (pfx, c // 10000), "w") as f:
        for i in range(c, min(n, c + 10000)):
            x, y, z = i >> 16, (i >> 8) & 255, i & 255
            f.write(f"eam add 10.{x}.{y}.{z}/32 2001:db8:eeee::{x:x}:{y:x}:{z:x}/128 dev ipxl2\n")
PY
	local t0 f
	t0=$(date +%s)
	for f in /tmp/eam-chunk.*; do
		ctl_in r -b "$f" >/dev/null || { log "EAM: ipxlat-ctl -b $f failed"; break; }
		log "EAM: $(( $(ctl_in r eam show dev ipxl2 | grep -c :) - 1 )) extra entries after $(( $(date +%s) - t0 )) s"
		(( $(date +%s) - t0 < ${EAM_LOAD_MAX_S:-180} )) || { log "EAM: load time cap reached"; break; }
	done
	NEAM=$(( $(ctl_in r eam show dev ipxl2 | grep -c :) - 1 ))
	log "EAM: ipxl2 holds 1 + $NEAM entries, ipxl1 $(ctl_in r eam show dev ipxl1 | grep -c :)"
}

# ---------------------------------------------------------------- pktgen
pg() { # pg FILE CMD: one pktgen command in the router netns
	ip netns exec r bash -c "echo '$2' > /proc/net/pktgen/$1" ||
		{ echo "pktgen: '$2' > $1 failed"; grep Result "/proc/net/pktgen/$1" 2>/dev/null; }
}
drops() { # drops NS DEV
	ip netns exec "$1" ethtool -S "$2" | awk '/xdp_drops/ {s += $2} END {print s + 0}'
}

# run_case NAME DEV FAMILY SRC DST COUNTER_NS COUNTER_DEV ROUND
run_case() {
	local name=$1 dev=$2 fam=$3 src=$4 dst=$5 cns=$6 cdev=$7 round=$8 mac
	mac=$(mac_of r "$dev")
	local cmds=("pgctrl reset" "kpktgend_0 rem_device_all" "kpktgend_0 add_device $dev")
	local c
	for c in "count 0" "pkt_size 96" "burst 1" "delay 0" "flag UDPCSUM" \
		"flag NO_TIMESTAMP" "xmit_mode netif_receive" "dst_mac $mac" \
		"udp_src_min 4000" "udp_src_max 4000" "udp_dst_min 5001" "udp_dst_max 5001"; do
		cmds+=("$dev $c")
	done
	if [[ $fam == 4 ]]; then
		cmds+=("$dev src_min $src" "$dev src_max $src" "$dev dst $dst")
	else
		cmds+=("$dev src6 $src" "$dev dst6 $dst")
	fi
	# One process for the whole configuration (forks are slow under TCG).
	printf '%s\n' "${cmds[@]}" | ip netns exec r bash -c '
		while read -r f cmd; do
			echo "$cmd" >"/proc/net/pktgen/$f" || echo "pktgen: \"$cmd\" > $f failed"
		done'
	ip netns exec r bash -c 'echo start > /proc/net/pktgen/pgctrl' &
	local gen=$!
	sleep 1
	local c0 c1 t0 t1 perf=
	# Profile mode: a system-wide perf profile during the window (the
	# packet rate it reports is then lower and not comparable). perf cannot
	# write its data file to the shared directory ("Bad address"): /tmp.
	if [[ " $PROFILE " == *" $name "* ]]; then
		perf record -a -g -e cpu-clock -o "/tmp/perf-$name.data" -- sleep "$WIN" >"$OUT/perf-$name.log" 2>&1 &
		perf=$!
	fi
	# Timestamps right after each counter read: the read latency cancels.
	c0=$(drops "$cns" "$cdev"); t0=$(date +%s.%N)
	sleep "$WIN"
	c1=$(drops "$cns" "$cdev"); t1=$(date +%s.%N)
	if [[ -n $PROFILE ]]; then
		{
			echo "== $name: softnet_stat (processed dropped squeezed ... per CPU, hex)"
			cat /proc/net/softnet_stat
			for ns in r r2 s c; do
				echo "== $name: links in $ns"
				ip -n $ns -s link show | grep -A5 -E '^[0-9]+: (in0|out0|rr2|r2a|r2b|so0|s2b|vc|ipxl0)'
			done
			ip netns exec r nstat -a 2>/dev/null | grep -iE 'drop|discard|err|Forw|InReceives|OutRequests' || true
			ctl_in r stats dev ipxl0 | grep -v ' 0$'
		} >>"$OUT/diag.txt" 2>&1
	fi
	if [[ -n $perf ]]; then
		wait $perf
		perf report -i "/tmp/perf-$name.data" --stdio --no-children --sort sym \
			--percent-limit 0.2 -g none --kallsyms=/proc/kallsyms >"$OUT/perf-$name.txt" 2>&1
		perf report -i "/tmp/perf-$name.data" --stdio --no-children --sort dso \
			-g none >>"$OUT/perf-$name.txt" 2>&1
		perf report -i "/tmp/perf-$name.data" --stdio --no-children --sort cpu,comm \
			-g none >>"$OUT/perf-$name.txt" 2>&1
		# Per process: the sender's and the receiver's iperf3 apart
		# (each one's user copies, and the softirq work it carried).
		perf report -i "/tmp/perf-$name.data" --stdio --no-children --sort pid,sym \
			--percent-limit 0.3 -g none --kallsyms=/proc/kallsyms >>"$OUT/perf-$name.txt" 2>&1
		# The generator thread alone, with sample counts: per-packet costs
		# of the cases can be compared symbol by symbol.
		perf report -i "/tmp/perf-$name.data" --stdio --no-children --comm kpktgend_0 \
			-n --sort sym -g none --kallsyms=/proc/kallsyms >"$OUT/perf-$name-pktgen.txt" 2>&1
	fi
	pg pgctrl stop
	wait $gen 2>/dev/null
	local sent
	sent=$(ip netns exec r awk '/pkts-sofar/ {print $2}' "/proc/net/pktgen/$dev" 2>/dev/null)
	local pps
	pps=$(echo "($c1 - $c0) / ($t1 - $t0)" | bc -l)
	printf '%s %s %.0f\n' "$name" "$round" "$pps" >>"$SAMPLES"
	log "$(printf '%-6s round %s: %8.0f pps delivered (pktgen sent %s in all)' "$name" "$round" "$pps" "${sent:-?}")"
}

C_CASE="c     in0  6 2001:db8:a::2         2001:db8:30::2          s s2b"
D46_CASE="d46   in0  4 198.51.100.2          192.0.2.33              s so0"
E1_CASE="e1    in0  4 198.51.100.2          203.0.113.1             s so0"
E100K_CASE="e100k in0  4 198.51.100.2          203.0.113.2             s so0"
CASES=(
	"a     in0  4 198.51.100.2          10.2.0.2                s so0"
	"b     in0  6 2001:db8:a::2         2001:db8:2::2           s so0"
	"c     in0  6 2001:db8:a::2         2001:db8:30::2          s s2b"
	"d46   in0  4 198.51.100.2          192.0.2.33              s so0"
	"d64   out0 6 2001:db8:1c0:2:21::   2001:db8:1c6:3364:2::   c vc"
	"e1    in0  4 198.51.100.2          203.0.113.1             s so0"
	"f46   in0  4 198.51.100.2          198.18.0.33             s so0"
	"f64   out0 6 2001:db8:2c6:1200:21:: 2001:db8:2c6:3364:2::  c vc"
)
PHASE1_ROUNDS=$ROUNDS
[[ ${6:-} == eam-only ]] && { PHASE1_ROUNDS=0; TCP_ROUNDS=0; }
# Profile mode (run.sh with IPXLAT_BENCH_PROFILE="case ..."): one round of
# those cases under perf, reports in $OUT/perf-CASE.txt, nothing else.
PROFILE=$(cat "$OUT/profile-cases" 2>/dev/null)
if [[ -n $PROFILE ]]; then
	sysctl -qw kernel.kptr_restrict=0 kernel.perf_event_paranoid=-1
	for c in "${CASES[@]}"; do
		# shellcheck disable=SC2086
		set -- $c
		[[ " $PROFILE " == *" $1 "* ]] && run_case $c 1
	done
	pg pgctrl reset
	# TCP cases named in the list (b-c2s, ipxlat-4to6, c-c2s, a-c2s,
	# b-s2c, ipxlat-6to4, c-s2c, a-s2c) are profiled once each below;
	# then the script ends.
	PHASE1_ROUNDS=0
	TCP_ROUNDS=0
	[[ " $PROFILE " =~ \ (b-c2s|b-s2c|ipxlat-4to6|ipxlat-6to4)\  ]] && TCP_ROUNDS=1
fi
# Each round starts one case later than the previous one: no case always
# follows the same other case (TAYGA's userspace, say) or always opens a
# round.
for ((round = 1; round <= PHASE1_ROUNDS; round++)); do
	for ((i = 0; i < ${#CASES[@]}; i++)); do
		# shellcheck disable=SC2086
		run_case ${CASES[(i + round - 1) % ${#CASES[@]}]} $round
	done
done
pg pgctrl reset

for d in ipxl0 ipxl1 ipxl2; do
	echo "--- ipxlat-ctl stats dev $d"
	ctl_in r stats dev $d | grep -v ' 0$' | head -30
done

# ---------------------------------------------------------------- TCP
for l in c:vc s:so0 s:s2b; do ip -n ${l%%:*} link set dev ${l#*:} xdp off; done
ip netns exec r ethtool -K in0 tx on tso on gso on >/dev/null 2>&1
ip netns exec r ethtool -K out0 tx on tso on gso on >/dev/null 2>&1
# run.sh IPXLAT_BENCH_TCP_CPU=N (file tcp-cpu): both iperf3 ends on CPU N
# (default: where the scheduler puts them).
PIN=()
TCP_CPU=$(cat "$OUT/tcp-cpu" 2>/dev/null)
[[ -n $TCP_CPU ]] && PIN=(taskset -c "$TCP_CPU")
ip netns exec s "${PIN[@]}" iperf3 -s -D -I /tmp/iperf3.pid >/dev/null 2>&1
sleep 1
# link_counters NS DEV: "rx_packets rx_bytes tx_packets tx_bytes".
link_counters() {
	ip -n "$1" -s -j link show dev "$2" | /usr/bin/python3 -c '
import json, sys
s = json.load(sys.stdin)[0]["stats64"]
print(s["rx"]["packets"], s["rx"]["bytes"], s["tx"]["packets"], s["tx"]["bytes"])'
}
# link_delta NS DEV BEFORE: packets and mean size each way since BEFORE.
link_delta() {
	local now
	now=$(link_counters "$1" "$2")
	/usr/bin/python3 -c '
import sys
b = [int(x) for x in sys.argv[1].split()]
a = [int(x) for x in sys.argv[2].split()]
d = [x - y for x, y in zip(a, b)]
mean = lambda p, n: n // p if p else 0
print("rx %d pkts (mean %d B), tx %d pkts (mean %d B)" % (d[0], mean(d[0], d[1]), d[2], mean(d[2], d[3])))' "$3" "$now"
}
# run.sh IPXLAT_BENCH_TCP_PROBES="fn ..." (file tcp-probes): how often each
# kernel function ran during each TCP case (kprobes counted by perf stat,
# in $OUT/probes-CASE-ROUND.txt).
TCP_PROBES=
for fn in $(cat "$OUT/tcp-probes" 2>/dev/null); do
	perf probe -q -a "$fn" >/dev/null 2>&1 || { log "perf probe $fn failed"; continue; }
	TCP_PROBES+="${TCP_PROBES:+,}probe:$fn"
done
# nstat_snap NS: the namespace's absolute SNMP counters (nstat's JSON).
nstat_snap() { ip netns exec "$1" nstat -az --json 2>/dev/null; }
# nstat_delta C0 C1 S0 S1: counters that changed, client and server side.
nstat_delta() {
	/usr/bin/python3 - "$@" <<'PY'
import json, sys
def load(f):
    try:
        d = json.load(open(f))
    except Exception:
        return {}
    return {k: v for t in d.values() for k, v in t.items()}
c0, c1, s0, s1 = (load(f) for f in sys.argv[1:5])
for k in sorted(set(c1) | set(s1)):
    dc, ds = c1.get(k, 0) - c0.get(k, 0), s1.get(k, 0) - s0.get(k, 0)
    if dc or ds:
        print("%-34s client %10d server %10d" % (k, dc, ds))
PY
}
tcp_case() { # tcp_case NAME DST ROUND [-R]
	local name=$1 dst=$2 round=$3; shift 3
	local res gbps retr perf=
	if [[ -n $PROFILE ]]; then
		[[ " $PROFILE " == *" $name "* ]] || return 0
		# perf takes a while to start under emulation: give it 2 s, so
		# that the profile covers the whole transfer.
		perf record -a -g -e cpu-clock -o "/tmp/perf-$name.data" -- sleep 8 >"$OUT/perf-$name.log" 2>&1 &
		perf=$!
		sleep 2
	fi
	local before
	before=$(link_counters r in0)
	nstat_snap c >/tmp/nstat-c.0; nstat_snap s >/tmp/nstat-s.0
	# Throughput at the receiver and the sender's retransmissions.
	local stat=()
	[[ -n $TCP_PROBES ]] &&
		stat=(perf stat -a -x, -o "$OUT/probes-$name-$round.txt" -e "$TCP_PROBES" --)
	# The report goes to a file and is parsed once iperf3 has ended:
	# Python's start-up (slow under emulation) must not compete for the
	# CPUs with the transfer it measures. A failed run parses as 0.
	"${stat[@]}" ip netns exec c timeout 30 "${PIN[@]}" iperf3 -c "$dst" -t 5 -J "$@" \
		>/tmp/iperf3.json 2>/dev/null || true
	res=$(/usr/bin/python3 -c '
import json, sys
try:
    e = json.load(open("/tmp/iperf3.json"))["end"]
    print("%.3f %d" % (e["sum_received"]["bits_per_second"] / 1e9, e["sum_sent"].get("retransmits", -1)))
except Exception:
    print("0 -1")')
	read -r gbps retr <<<"$res"
	echo "$name $round $gbps" >>"$TCPS"
	log "$(printf 'TCP %-12s round %s: %s Gbit/s, %s retransmissions' "$name" "$round" "$gbps" "$retr")"
	# Packets the router's client-side veth carried each way: the size of
	# the data super-packets and how many ACKs each needed.
	log "$(printf 'TCP %-12s round %s: in0 %s' "$name" "$round" "$(link_delta r in0 "$before")")"
	# The endpoints' TCP/IP counters that moved (the client's and the
	# server's: ACK and receive-path behaviour per case).
	nstat_snap c >/tmp/nstat-c.1; nstat_snap s >/tmp/nstat-s.1
	nstat_delta /tmp/nstat-c.0 /tmp/nstat-c.1 /tmp/nstat-s.0 /tmp/nstat-s.1 >"$OUT/nstat-$name-$round.txt"
	if [[ -n $perf ]]; then
		wait $perf
		perf report -i "/tmp/perf-$name.data" --stdio --no-children --sort sym \
			--percent-limit 0.05 -g none --kallsyms=/proc/kallsyms >"$OUT/perf-$name.txt" 2>&1
		perf report -i "/tmp/perf-$name.data" --stdio --no-children --sort cpu,comm \
			-g none >>"$OUT/perf-$name.txt" 2>&1
		# Per process: the sender's and the receiver's iperf3 apart
		# (each one's user copies, and the softirq work it carried).
		perf report -i "/tmp/perf-$name.data" --stdio --no-children --sort pid,sym \
			--percent-limit 0.3 -g none --kallsyms=/proc/kallsyms >>"$OUT/perf-$name.txt" 2>&1
	fi
}
for ((round = 1; round <= TCP_ROUNDS; round++)); do
	tcp_case b-c2s 2001:db8:2::2 $round
	tcp_case ipxlat-4to6 192.0.2.33 $round
	tcp_case c-c2s 2001:db8:30::2 $round
	tcp_case a-c2s 10.2.0.2 $round
	tcp_case b-s2c 2001:db8:2::2 $round -R
	tcp_case ipxlat-6to4 192.0.2.33 $round -R
	tcp_case c-s2c 2001:db8:30::2 $round -R
	tcp_case a-s2c 10.2.0.2 $round -R
done
[[ -f /tmp/iperf3.pid ]] && kill "$(cat /tmp/iperf3.pid)" 2>/dev/null
# Drops during TCP would cost retransmissions: show them.
if ((TCP_ROUNDS > 0)); then
	echo "--- ipxlat-ctl stats dev ipxl0 (cumulative, after TCP)"
	ctl_in r stats dev ipxl0 | grep -v ' 0$' | head -30
fi
kill $TAYGA_PID 2>/dev/null
wait $TAYGA_PID 2>/dev/null
[[ -n $PROFILE ]] && exit 0

# ---------------------------------------------------------------- EAM_N
# Phase 2, last because loading a big EAM table has crashed the kernel
# (samples so far are already in $OUT; run.sh then makes the table on the
# host): load EAM_N entries into ipxl2, then (c), d46, e1 and e100k
# interleaved, recorded as c@2, d46@2, e1@2, e100k (d46@2 tells whether
# the phase itself moves ipxlat against (c)).
/usr/bin/python3 "$HERE/table.py" "$SAMPLES" "$TCPS" "$ROUNDS" "$EAMN" >"$OUT/bench.txt"
load_eam
echo "$NEAM" >"$OUT/eam-count"
for l in c:vc s:so0 s:s2b; do
	ip -n ${l%%:*} link set dev ${l#*:} xdp obj "$XDP" sec xdp || die "xdp on $l"
done
ip netns exec r ethtool -K in0 tx off >/dev/null
ip netns exec r ethtool -K out0 tx off >/dev/null
PHASE2=("c@2 ${C_CASE#* }" "d46@2 ${D46_CASE#* }" "e1@2 ${E1_CASE#* }" "$E100K_CASE")
for ((round = 1; round <= ROUNDS; round++)); do
	for ((i = 0; i < ${#PHASE2[@]}; i++)); do
		# shellcheck disable=SC2086
		run_case ${PHASE2[(i + round - 1) % ${#PHASE2[@]}]} $round
	done
done
pg pgctrl reset
ctl_in r stats dev ipxl2 | grep -v ' 0$' | head -10
/usr/bin/python3 "$HERE/table.py" "$SAMPLES" "$TCPS" "$ROUNDS" "$NEAM" >"$OUT/bench.txt"
log "table written to $OUT/bench.txt"
exit 0
