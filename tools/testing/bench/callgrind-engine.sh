#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Instructions per translation of one UDP packet (no from-scratch
# checksum), measured with callgrind over N iterations of
# ipxlat/examples/translate_loop.rs. Each iteration also restores the
# 28/48-byte header it translated; that harness cost is measured in the
# same run by the example's `harness` mode (same loop, no `translate`):
#   total   = (Ir(N) − Ir(0)) / N            with translate
#   harness = (Ir(N) − Ir(0)) / N            harness mode
#   engine  = total − harness
# The harness loop is the restore plus the opaque buffer/configuration
# only (the minimum the translating loop also does), so `engine` is an
# upper bound of the engine's own cost. `total` is the figure printed
# by earlier versions of this script.
#
# Usage: tools/testing/bench/callgrind-engine.sh [N [EAM...]]
#   N: iterations (default 20000); EAM: EAM table sizes to measure
#   (default 0; e.g. "0 1 100000").
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:-20000}
shift || true
EAMS=${*:-0}
command -v valgrind >/dev/null || { echo "valgrind missing (apt-get install valgrind)" >&2; exit 2; }
cargo build --release -q -p ipxlat-engine --example translate_loop
BIN=target/release/examples/translate_loop
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# ir DIR N EAM MODE: instructions of one run.
ir() {
    valgrind --tool=callgrind --callgrind-out-file="$TMP/out" "$BIN" "$1" "$2" "$3" "$4" >/dev/null 2>"$TMP/log"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$TMP/log"
}
# per DIR EAM MODE: instructions per iteration, times 10 (one decimal).
per() {
    local base full
    base=$(ir "$1" 0 "$2" "$3")
    full=$(ir "$1" "$N" "$2" "$3")
    echo $(( (full - base) * 10 / N ))
}
dec() { echo "$(( $1 / 10 )).$(( $1 % 10 ))"; }
printf '%-5s %8s %8s %8s %8s  (N=%s)\n' dir EAM total harness engine "$N"
for eam in $EAMS; do
    for dir in 46 64; do
        total=$(per "$dir" "$eam" translate)
        harness=$(per "$dir" "$eam" harness)
        printf 'UDP %-2s %7s %8s %8s %8s\n' "$dir" "$eam" "$(dec "$total")" "$(dec "$harness")" "$(dec $(( total - harness )))"
    done
done
