# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest selftests (sourced). Each check prints one line,
# "ok - what" or "not ok - what", and a failed check fails the test at exit.

IPXLAT_FAILED=0
IPXLAT_NETNS=()

check() { # check "description" command...
	local what=$1; shift
	if "$@" >/tmp/check.out 2>&1; then
		echo "ok - $what"
	else
		echo "not ok - $what"
		sed 's/^/#     /' /tmp/check.out
		IPXLAT_FAILED=1
	fi
}

check_fails() { # check_fails "description" command... (must exit non-zero)
	local what=$1; shift
	if "$@" >/tmp/check.out 2>&1; then
		echo "not ok - $what (unexpectedly succeeded)"
		IPXLAT_FAILED=1
	else
		echo "ok - $what"
	fi
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
