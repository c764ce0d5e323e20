# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest selftests (sourced). Each check prints one line,
# "ok - what" or "not ok - what", and a failed check fails the test at exit.

IPXLAT_FAILED=0
IPXLAT_NETNS=()

# Each check also logs when it ended, in seconds since the test started (a
# line the TAP summary leaves out).
check() { # check "description" command...
	local what=$1; shift
	if "$@" >/tmp/check.out 2>&1; then
		echo "ok - $what"
	else
		echo "not ok - $what"
		sed 's/^/#     /' /tmp/check.out
		IPXLAT_FAILED=1
	fi
	echo "  (at ${SECONDS} s)"
}

check_fails() { # check_fails "description" command... (must exit non-zero)
	local what=$1; shift
	if "$@" >/tmp/check.out 2>&1; then
		echo "not ok - $what (unexpectedly succeeded)"
		IPXLAT_FAILED=1
	else
		echo "ok - $what"
	fi
	echo "  (at ${SECONDS} s)"
}

netns_add() {
	ip netns add "$1"
	ip -n "$1" link set lo up
	IPXLAT_NETNS+=("$1")
}

cleanup() {
	for ns in "${IPXLAT_NETNS[@]}"; do ip netns del "$ns" 2>/dev/null; done
}

finish() {
	cleanup
	exit $IPXLAT_FAILED
}

module_loaded() { [[ -d /sys/module/ipxlat ]]; }

IPXLAT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
IPXLAT_CTL=${IPXLAT_CTL:-$IPXLAT_ROOT/target/release/ipxlat-ctl}
ctl() { "$IPXLAT_CTL" "$@"; }
# ctl_in NETNS ARGS...: ipxlat-ctl inside a namespace.
ctl_in() { local ns=$1; shift; ip netns exec "$ns" "$IPXLAT_CTL" "$@"; }

# stat_of NETNS DEV KEY: one counter from `ipxlat-ctl -j stats`.
stat_of() {
	ctl_in "$1" -j stats dev "$2" | python3 -c "
import json, sys
s = json.load(sys.stdin)
s = s[0] if isinstance(s, list) else s
key = sys.argv[1]
if key in s:
    print(s[key])
else:
    print(s.get('drop', {}).get(key, 0))
" "$3"
}

# set_offloads on|off NS:DEV...: GSO, TSO and GRO of each device. Features a
# device cannot change (ethtool shows "[fixed]", or "[requested on]" when a
# dependency is missing) keep their state; every other one must end up as
# asked.
set_offloads() {
	local mode=$1 nd bad=0; shift
	for nd in "$@"; do
		ip netns exec "${nd%%:*}" ethtool -K "${nd#*:}" gso "$mode" tso "$mode" gro "$mode" >/dev/null 2>&1
		ip netns exec "${nd%%:*}" ethtool -k "${nd#*:}" |
			grep -E '^(generic-segmentation-offload|	tx-tcp-segmentation|generic-receive-offload): ' >/tmp/offl
		sed "s|^|$nd: |" /tmp/offl
		grep -v -e "fixed" -e "requested" /tmp/offl | grep -q -v ": $mode" && bad=1
	done
	return $bad
}

# Kernel log since the test started must show no WARN/BUG/Oops (the guest
# runner checks the whole boot again at the end).
IPXLAT_DMESG_START=$(dmesg | wc -l)
dmesg_clean() {
	! dmesg | tail -n +"$((IPXLAT_DMESG_START + 1))" |
		grep -E "Oops|BUG:|WARNING:|KASAN|kmemleak|general protection|Call Trace|RCU stall"
}
