#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Changing the configuration under full traffic is safe: TCP 4->6 (iperf3,
# back to back) and a flood ping 6->4 cross the /40 reference topology while
# a loop keeps changing the device: EAM entries added, deleted, batch-loaded
# and flushed (including an entry covering the flow's own address with the
# mapping the prefix gives it), and dev set of options that do not change the
# flow's translation. Every packet must see one consistent snapshot: no
# translator drop, every transfer completes, traffic flows afterwards, the
# kernel log is clean.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topo-siit.sh"
source "$(dirname "$0")/traffic-checks.sh"

siit_reference_topology
ROUNDS=3
X() { ip netns exec r "$IPXLAT_CTL" "$@" >/dev/null; }

# One round of changes, applied by ipxlat-ctl -b (one process, one netlink
# request per line or per run of EAM lines): 40 iterations of EAM add/del
# (one entry covers the flow's destination with the mapping the prefix
# gives it) and dev set, then a flush. Another file loads 500 entries.
CHURN=/tmp/churn.batch LOAD=/tmp/eam-churn.batch
$PY - $T4 $T6 >$CHURN <<'PYEOF'
import sys
t4, t6 = sys.argv[1:3]
for i in range(1, 41):
    print(f"eam add {t4} {t6} dev ipxl0")
    print(f"eam add 10.0.{i}.0/24 2001:db8:ef:{i:x}::/120 dev ipxl0")
    print(f"dev set ipxl0 lowest-ipv6-mtu {1280 + (i % 2) * 220} zero-traffic-class {'on' if i % 2 else 'off'}")
    print(f"dev set ipxl0 icmp-errors {'on' if i % 3 else 'off'} wkp-strict on")
    print(f"eam del {t4} dev ipxl0")
    print("dev set ipxl0 prefix 2001:db8:100::/40")  # republished, same value
print("eam flush dev ipxl0")
PYEOF
$PY -c "
for i in range(500):
    print('eam add 10.1.%d.%d 2001:db8:ee::%x dev ipxl0' % (i >> 8, i & 255, i))" >$LOAD

churn() { # prints the number of failed batch runs
	local i fail=0
	for i in $(seq $ROUNDS); do
		X -b $CHURN || fail=$((fail + 1))
		X -b $LOAD || fail=$((fail + 1))
		X eam add $T4 $T6 dev ipxl0 || fail=$((fail + 1))
		X eam flush dev ipxl0 || fail=$((fail + 1))
	done
	echo $fail
}

# Traffic in loops of short runs until the churn is over.
FLAG=/tmp/churn-running
touch $FLAG
ip netns exec ns6 iperf3 -s -D -B $T6 -I /tmp/churn-iperf3.pid >/dev/null 2>&1
sleep 0.5
(
	runs=0 failed=0
	while [[ -e $FLAG ]]; do
		runs=$((runs + 1))
		ip netns exec ns4 timeout 30 iperf3 -c $T4 -t 2 -f m >/tmp/churn-iperf.log 2>&1 || failed=$((failed + 1))
	done
	echo "$runs $failed" >/tmp/churn-iperf.result
) &
tcp_loop=$!
# One flood ping for the whole churn (stopped with SIGINT, it prints its
# statistics). With short ping runs back to back, each start and exit
# toggles the packet-timestamp static key; one run oopsed on an int3 at that
# key's patch site in __netif_receive_skb_core (no ipxlat frame on the
# stack), suspected to be jump-label patching under QEMU's software
# emulation. A single ping keeps the key steady.
ip netns exec ns6 ping -6 -f -w 600 -I $S6 $A4_AS_6 >/tmp/churn-ping.log 2>&1 &
ping_loop=$!
sleep 1
before=$(ctl_in r -j stats dev ipxl0)
t0=$(date +%s)
failures=$(churn)
after=$(ctl_in r -j stats dev ipxl0)
rm -f $FLAG
wait $tcp_loop
kill -INT $ping_loop
wait $ping_loop
ping_tx=$(grep -oE '[0-9]+ packets transmitted' /tmp/churn-ping.log | cut -d' ' -f1)
ping_rx=$(grep -oE '[0-9]+ received' /tmp/churn-ping.log | cut -d' ' -f1)
kill "$(cat /tmp/churn-iperf3.pid)" 2>/dev/null
read -r runs tcp_failed </tmp/churn-iperf.result
echo "# $ROUNDS rounds of $(($(wc -l <$CHURN) + 502)) config changes in $(($(date +%s) - t0)) s, $failures failed commands;" \
	"$runs iperf3 runs ($tcp_failed failed); flood ping $ping_rx of $ping_tx answered"

check "config loop: $ROUNDS rounds, every command accepted" test "$failures" -eq 0
check "TCP 4->6 (iperf3, 2 s runs back to back) under the changes: every run completed" \
	test "$runs" -ge 2 -a "$tcp_failed" -eq 0
check "flood ping 6->4 under the changes: at least 90% answered" \
	test "$ping_rx" -ge 100 -a $((ping_rx * 10)) -ge $((ping_tx * 9))
check "no packet dropped by the translator during the changes" $PY -c "
import json, sys
b, a = (json.loads(s)[0] for s in sys.argv[1:3])
print('translated 4->6:', a['tx-46-packets'] - b['tx-46-packets'], '6->4:', a['tx-64-packets'] - b['tx-64-packets'])
d = {k: a['drop'][k] - b['drop'][k] for k in a['drop'] if a['drop'][k] != b['drop'][k]}
print('drops:', a['drops'] - b['drops'], d)
sys.exit(1 if a['drops'] != b['drops'] or a['tx-46-packets'] == b['tx-46-packets'] else 0)" "$before" "$after"

# Afterwards: a known configuration, traffic both ways.
ctl_in r eam flush dev ipxl0
ctl_in r dev set ipxl0 lowest-ipv6-mtu 1280 zero-traffic-class off icmp-errors on
check "configuration readable and as last set, EAM table empty" bash -c "
	ip netns exec r $IPXLAT_CTL dev show dev ipxl0 | tee -a /dev/stderr | grep -q '2001:db8:100::/40' &&
	test \"\$(ip netns exec r $IPXLAT_CTL -j eam show dev ipxl0)\" = '[]'"
check "ping 4->6 after the changes" ip netns exec ns4 ping -c 3 -i 0.2 -W 2 $T4
check "ping 6->4 after the changes" ip netns exec ns6 ping -6 -c 3 -i 0.2 -W 2 -I $S6 $A4_AS_6
check "TCP 6->4 after the changes" tcp_iperf ns6 ns4 $A4 $A4_AS_6 -t 1 -B $S6
check "kernel log clean (no WARN/BUG/Oops)" dmesg_clean
finish
