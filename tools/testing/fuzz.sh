#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Long fuzzing runs of the translation engine (`make fuzz`; not part of
# `make test`): both cargo-fuzz targets (ipxlat/fuzz/fuzz_targets:
# v4_to_v6, v6_to_v4) at once, SECONDS each (default 600), then one line
# per target with its executions and crashes. Crash inputs are kept under
# ipxlat/fuzz/artifacts/TARGET/.
#
# usage: tools/testing/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../../ipxlat"
SECS=${1:-600}
command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz
# cargo-fuzz needs nightly flags (-Z sanitizer); the stable toolchain
# accepts them with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
LOGS=$(mktemp -d /tmp/ipxlat-fuzz.XXXXXX)
pids=()
for t in v4_to_v6 v6_to_v4; do
	cargo fuzz run -O "$t" -- -max_total_time="$SECS" -print_final_stats=1 >"$LOGS/$t.log" 2>&1 &
	pids+=($!)
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
for t in v4_to_v6 v6_to_v4; do
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOGS/$t.log" | tail -1)
	crashes=$(find "fuzz/artifacts/$t" -newer "$LOGS" -type f 2>/dev/null | wc -l)
	echo "fuzz $t: ${runs:-?} executions in ${SECS} s, $crashes crashes (log $LOGS/$t.log)"
	((crashes == 0)) || rc=1
done
exit $rc
