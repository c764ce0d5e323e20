#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Router-cost benchmark (`make bench`; not part of `make test`).
#
# Measures the router's own cost per packet in ONE boot of the test kernel:
# pktgen (xmit_mode netif_receive) injects 96-byte UDP frames into a router
# netns's ingress veth, the far veth drops them with XDP and its xdp_drops
# counter gives delivered packets/s. Cases, interleaved round-robin: IPv4
# and IPv6 forwarding (one hop), IPv6 forwarding over two hops, ipxlat with
# an RFC 6052 prefix (4->6 and 6->4), ipxlat 4->6 through the EAM table with
# 1 and with EAM_N entries, and TAYGA (userspace, TUN) on the same hop; then
# TCP bulk (iperf3) both ways through ipxlat and through IPv6 forwarding.
# Details and addresses: guest-router-bench.sh.
#
# usage: tools/testing/bench/run.sh [ROUNDS [WINDOW_S [EAM_N [TCP_ROUNDS [eam-only]]]]]
#   defaults: 3 rounds, 3 s windows, 100000 EAM entries, 5 TCP rounds.
#   The big EAM table is loaded last (phase 2: (c), prefix 4->6, 1-entry
#   EAM and EAM_N-entry EAM interleaved again, so that the big-table case is
#   compared with a (c) of the same phase); "eam-only" runs only that
#   phase, e.g. `run.sh 3 3 100000 0 eam-only`. After a guest crash the
#   table is still made on the host from the samples gathered so far.
#   IPXLAT_BENCH_OUT=DIR keeps results there (default: a new /tmp dir);
#   IPXLAT_BENCH_TCP_CPU=N runs both iperf3 ends on guest CPU N;
#   IPXLAT_BENCH_TCP_PROBES="fn ..." counts calls of those kernel functions
#   during each TCP case (kprobes, DIR/probes-CASE-ROUND.txt).
#   IPXLAT_BENCH_PROFILE="d46 c ..." instead profiles those cases once each
#   with perf in the guest (reports in DIR/perf-CASE.txt, no table);
#   KDIR=... uses that kernel tree instead of build-kernel.sh's cached one.
#   IPXLAT_BENCH_CLOCK=icount (default) or wall: see below.
#
# The guest's clock. Under software emulation (no KVM on these machines) a
# guest second of wall time holds however much the host's other work and
# the emulator's own translation left over: rounds of one case spread up to
# 2.4x, and the same device measured 0.73 and 0.97 of (c) in one run. With
# `icount` (default) QEMU runs the guest on an instruction-counted clock
# (-icount shift=0: each guest instruction takes 1 ns of guest time, the
# vCPUs take turns on one host thread), so packets/s is 1e9 over the
# instructions the guest spent per packet: repeatable to about 1%, blind to
# cache effects, and work on the second vCPU (TAYGA's daemon, the other
# iperf3 end) is charged to the same clock instead of running alongside.
# `wall` measures guest wall time with both vCPUs in parallel.
# Prints the table (also in $IPXLAT_BENCH_OUT/bench.txt). Uses the module
# (ipxlat/ipxlat.ko) and CLI (target/release/ipxlat-ctl) as built; builds
# them only when missing. Needs clang-19, tayga, iperf3, ethtool on the host
# (the guest runs on the host's root filesystem).
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
BENCH=$ROOT/tools/testing/bench

KDIR=${KDIR:-$(tools/testing/kernel/build-kernel.sh)}
[[ -f ipxlat/ipxlat.ko ]] || make module
[[ -x target/release/ipxlat-ctl ]] || make cli
for t in clang-19 tayga iperf3 ethtool; do
	command -v $t >/dev/null || { echo "bench: $t missing" >&2; exit 2; }
done

OUT=${IPXLAT_BENCH_OUT:-$(mktemp -d /tmp/ipxlat-bench.XXXXXX)}
mkdir -p "$OUT"
rm -f "$OUT/bench.txt" "$OUT/samples.txt" "$OUT/tcp.txt" "$OUT/eam-count" "$OUT/profile-cases" "$OUT/tcp-cpu" "$OUT/tcp-probes"
[[ -n ${IPXLAT_BENCH_PROFILE:-} ]] && echo "$IPXLAT_BENCH_PROFILE" >"$OUT/profile-cases"
[[ -n ${IPXLAT_BENCH_TCP_CPU:-} ]] && echo "$IPXLAT_BENCH_TCP_CPU" >"$OUT/tcp-cpu"
[[ -n ${IPXLAT_BENCH_TCP_PROBES:-} ]] && echo "$IPXLAT_BENCH_TCP_PROBES" >"$OUT/tcp-probes"
clang-19 -O2 -target bpf -c "$BENCH/xdp_drop.c" -o "$OUT/xdp_drop.o"

case ${IPXLAT_BENCH_CLOCK:=icount} in
icount) export IPXLAT_GUEST_QEMU_OPTS="${IPXLAT_GUEST_QEMU_OPTS:-} -icount shift=0,sleep=off" ;;
wall) ;;
*) echo "bench: IPXLAT_BENCH_CLOCK must be icount or wall" >&2; exit 2 ;;
esac

rc=0
# The guest's own clock is no guide to wall time (on icount it runs at
# whatever pace the emulator manages): a whole run took 35 to 60 minutes
# here, and a busy host stretches it further. Three hours before giving up.
IPXLAT_GUEST_TIMEOUT=${IPXLAT_GUEST_TIMEOUT:-10800} \
	tools/testing/vm/run-in-guest.sh --kdir "$KDIR" --keep "$OUT" \
	"$BENCH/guest-router-bench.sh" "$OUT/xdp_drop.o" "$@" || rc=$?
# The table again on the host from the raw samples (complete even when the
# guest died in the EAM phase).
if [[ -s $OUT/samples.txt ]]; then
	/usr/bin/python3 "$BENCH/table.py" "$OUT/samples.txt" "$OUT/tcp.txt" "${1:-3}" \
		"$(cat "$OUT/eam-count" 2>/dev/null || echo "${3:-100000}?")" >"$OUT/bench.txt"
fi
if [[ -f $OUT/bench.txt ]]; then
	echo
	echo "guest clock: $IPXLAT_BENCH_CLOCK"
	cat "$OUT/bench.txt"
else
	echo "bench: no table produced (see $OUT)" >&2
	rc=${rc/#0/1}
fi
exit $rc
