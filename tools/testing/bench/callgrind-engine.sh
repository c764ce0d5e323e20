#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Instructions per translation of one UDP packet (no from-scratch
# checksum), measured with callgrind: Ir(N) − Ir(0) over N iterations of
# ipxlat/examples/translate_loop.rs (each iteration also restores the
# 28/48-byte header it translated, counted in the result).
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
ir() {
    valgrind --tool=callgrind --callgrind-out-file="$TMP/out" "$BIN" "$1" "$2" "$3" >/dev/null 2>"$TMP/log"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$TMP/log"
}
for eam in $EAMS; do
    for dir in 46 64; do
        base=$(ir "$dir" 0 "$eam")
        full=$(ir "$dir" "$N" "$eam")
        echo "UDP $dir, $eam EAM entries: $(( (full - base) / N )) instructions per translation (N=$N)"
    done
done
