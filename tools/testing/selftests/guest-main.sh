#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs in the test guest: loads the module (its KUnit suites run at load
# time), then runs every selftest in this directory (NN-name.sh, in order),
# printing one TAP line per test. Exits non-zero if any test failed.
#
# usage: guest-main.sh MODULE.ko [TEST-NAME-REGEX]  (extended regex, e.g. "10-|22-")
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
export IPXLAT_KO=$1
FILTER=${2:-}
export IPXLAT_SELFTESTS=$HERE

# Quieter console: the kernel log is collected separately.
dmesg -n 1 2>/dev/null || true
mount -t debugfs none /sys/kernel/debug 2>/dev/null || true

if ! insmod "$IPXLAT_KO"; then
	echo "not ok 0 insmod $IPXLAT_KO"
	exit 1
fi
dmesg >"${IPXLAT_OUT:-/tmp}/ktap-dmesg"

# Keep the kernel's packet-timestamp static key on for the whole run: every
# ping (SO_TIMESTAMP) otherwise switches it on and off, each time patching
# the code of __netif_receive_skb_core, and under QEMU's software emulation
# such a patch once raced with a CPU running that code (Oops: int3). A
# socket with SO_TIMESTAMP held open keeps the key enabled, so the code is
# patched once here and never again.
/usr/bin/python3 -c '
import signal, socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, 29, 1)  # SO_TIMESTAMP (not in Python 3.11)
signal.pause()' &
TIMESTAMP_HOLDER=$!
trap 'kill $TIMESTAMP_HOLDER 2>/dev/null' EXIT

tests=()
for t in "$HERE"/[0-9][0-9]-*.sh; do
	name=$(basename "$t" .sh)
	if [[ -z $FILTER ]] || grep -qE -- "$FILTER" <<<"$name"; then tests+=("$t"); fi
done

echo "TAP version 13"
echo "1..${#tests[@]}"
n=0 failed=0
for t in "${tests[@]}"; do
	n=$((n + 1))
	name=$(basename "$t" .sh)
	log=${IPXLAT_OUT:-/tmp}/selftest-$name.log
	start=$(date +%s)
	if timeout 900 bash "$t" >"$log" 2>&1; then
		echo "ok $n $name # $(($(date +%s) - start))s"
	else
		echo "not ok $n $name # $(($(date +%s) - start))s"
		failed=$((failed + 1))
	fi
	# Each check of a test prints "ok - ..." or "not ok - ..." (plus
	# "#"-prefixed details on failure).
	grep -E '^(ok|not ok|#)' "$log" | sed 's/^/    /'
done
echo "# selftests: $((n - failed)) passed, $failed failed"
((failed == 0))
