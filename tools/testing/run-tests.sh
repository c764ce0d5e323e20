#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Every test of the project, from a fresh machine: installs what is missing,
# runs the host tests (cargo), builds the test kernel (cached), the module
# and the CLI, then boots the guest once for the KUnit suites and the
# selftests. Exits non-zero if anything failed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
T0=$(date +%s)
stamp() { echo "=== [$(($(date +%s) - T0))s] $*"; }

stamp "host dependencies"
tools/testing/kernel/install-deps.sh

stamp "host tests (cargo test --workspace)"
set +e
cargo test --workspace >/tmp/ipxlat-host-tests.log 2>&1
host_rc=$?
set -e
grep -E "^(test result|     Running)|FAILED|panicked|^error" /tmp/ipxlat-host-tests.log || true
host_ok=1
((host_rc == 0)) || { host_ok=0; tail -n 40 /tmp/ipxlat-host-tests.log; }
host_passed=$(grep -oE "test result: [a-zA-Z]+\. [0-9]+ passed" /tmp/ipxlat-host-tests.log | awk '{s+=$4} END {print s+0}')
host_failed=$(grep "test result" /tmp/ipxlat-host-tests.log | grep -oE "[0-9]+ failed" | awk '{s+=$1} END {print s+0}')

stamp "test kernel"
KDIR=$(tools/testing/kernel/build-kernel.sh)
stamp "module and CLI"
make --no-print-directory module cli >/tmp/ipxlat-build.log 2>&1 || { tail -n 60 /tmp/ipxlat-build.log; exit 1; }
KO=$ROOT/ipxlat/ipxlat.ko
modinfo "$KO" | grep -E "^(name|alias|license|vermagic):"

stamp "guest: KUnit suites and selftests"
OUT=$(mktemp -d /tmp/ipxlat-test.XXXXXX)
guest_ok=1
tools/testing/vm/run-in-guest.sh --kdir "$KDIR" --keep "$OUT" \
	tools/testing/selftests/guest-main.sh "$KO" ${IPXLAT_SELFTEST_FILTER:-} || guest_ok=0

stamp "KUnit results"
kunit_ok=1
if [[ -f $OUT/ktap-dmesg ]]; then
	tools/testing/kunit-check.py "$OUT/ktap-dmesg" ipxlat || kunit_ok=0
else
	echo "no kernel log from the guest"; kunit_ok=0
fi

sel_line=$(grep -E "^# selftests:" "$OUT/output" 2>/dev/null || echo "# selftests: 0 passed, 1 failed")
kunit_line=$(tools/testing/kunit-check.py "$OUT/ktap-dmesg" ipxlat 2>/dev/null | tail -n1 || true)
sp=$(echo "$sel_line" | grep -oE "[0-9]+ passed" | cut -d' ' -f1)
sf=$(echo "$sel_line" | grep -oE "[0-9]+ failed" | cut -d' ' -f1)
kp=$(echo "$kunit_line" | grep -oE "[0-9]+ passed" | cut -d' ' -f1)
kf=$(echo "$kunit_line" | grep -oE "[0-9]+ failed" | cut -d' ' -f1)
((guest_ok)) || { [[ ${sf:-0} -gt 0 ]] || sf=$((${sf:-0} + 1)); }
((host_ok)) || { [[ $host_failed -gt 0 ]] || host_failed=1; }

stamp "summary"
echo "host:      ${host_passed} passed, ${host_failed} failed"
echo "kunit:     ${kp:-0} passed, ${kf:-1} failed"
echo "selftests: ${sp:-0} passed, ${sf:-0} failed"
total_p=$((host_passed + ${kp:-0} + ${sp:-0}))
total_f=$((host_failed + ${kf:-1} + ${sf:-0}))
echo "total: $total_p passed, $total_f failed"
((host_ok && guest_ok && kunit_ok && total_f == 0))
