#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs in the test guest: loads the module (its KUnit suites run at load
# time), then runs every selftest in this directory (NN-name.sh, in order),
# printing one TAP line per test. Exits non-zero if any test failed.
#
# usage: guest-main.sh MODULE.ko [TEST-NAME-FILTER]
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

tests=()
for t in "$HERE"/[0-9][0-9]-*.sh; do
	name=$(basename "$t" .sh)
	[[ -z $FILTER || $name == *$FILTER* ]] && tests+=("$t")
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
