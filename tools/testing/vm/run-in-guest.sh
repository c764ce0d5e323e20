#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boots the test kernel under QEMU (virtme-ng, host root filesystem read-only)
# and runs one script in the guest. The script's output is printed and its
# exit status becomes this command's exit status. The run also fails when the
# status never arrives (guest crashed or hung) or when the kernel log shows an
# Oops, BUG, WARNING, KASAN or memory-leak report.
#
# usage: run-in-guest.sh [--kdir DIR] [--timeout SEC] [--keep DIR] SCRIPT [ARGS...]
#   The script runs as root with $IPXLAT_OUT set to a host-writable directory
#   (files written there are kept in --keep DIR, or a temp dir).
#   IPXLAT_GUEST_QEMU_OPTS="..." adds QEMU options (e.g. the benchmark's
#   instruction-counted clock, bench/run.sh).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
KDIR=${KDIR:-}
TIMEOUT=${IPXLAT_GUEST_TIMEOUT:-2700}
QEMU_OPTS=()
[[ -n ${IPXLAT_GUEST_QEMU_OPTS:-} ]] && QEMU_OPTS=(--qemu-opts "$IPXLAT_GUEST_QEMU_OPTS")
KEEP=
while (($#)); do
	case $1 in
	--kdir) KDIR=$2; shift 2 ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--keep) KEEP=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "run-in-guest: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
(($#)) || { echo "usage: run-in-guest.sh [--kdir DIR] SCRIPT [ARGS...]" >&2; exit 2; }
[[ -n $KDIR ]] || KDIR=$("$HERE/../kernel/build-kernel.sh")
SCRIPT=$(realpath "$1"); shift

OUT=${KEEP:-$(mktemp -d /tmp/ipxlat-guest.XXXXXX)}
mkdir -p "$OUT"
rm -f "$OUT/status" "$OUT/output" "$OUT/dmesg" "$OUT/console"
chmod 0777 "$OUT"

# The wrapper runs in the guest: it records the script's status in the
# shared directory, so the host does not depend on vng's own exit code
# (always 255 under software emulation, see TOOLCHAIN.md).
WRAPPER=$OUT/guest-wrapper.sh
{
	echo '#!/bin/bash'
	echo "export IPXLAT_OUT=$(printf %q "$OUT")"
	echo "export KDIR=$(printf %q "$KDIR")"
	# System tools first: pyenv's shims hang in the read-only guest, and
	# Debian's python3 is the one with scapy and yaml.
	echo "export PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin:$(printf %q "$PATH")"
	echo "cd $(printf %q "$PWD")"
	printf 'bash %q' "$SCRIPT"
	for a in "$@"; do printf ' %q' "$a"; done
	echo " >\"\$IPXLAT_OUT/output\" 2>&1"
	echo 'rc=$?'
	echo 'dmesg >"$IPXLAT_OUT/dmesg" 2>&1'
	echo 'echo $rc >"$IPXLAT_OUT/status"'
	echo 'sync'
} >"$WRAPPER"
chmod +x "$WRAPPER"

# A guest that dies before the script starts (the script's output file
# never appeared) ran none of the script: that boot is retried, up to
# BOOT_TRIES times in all. Under software emulation an early-boot Oops
# ("int3" at a static-key site while the kernel patches its own text) has
# been seen once in many boots, before any module was loaded. A crash once
# the script runs is never retried.
BOOT_TRIES=3
for ((try = 1; ; try++)); do
	set +e
	timeout --foreground "$TIMEOUT" vng --disable-kvm --cpus 2 --memory 2G --verbose "${QEMU_OPTS[@]}" \
		--rwdir="$OUT" --run "$KDIR/arch/x86/boot/bzImage" -- "$WRAPPER" \
		</dev/null >"$OUT/console" 2>&1
	vng_rc=$?
	set -e
	[[ -f $OUT/output || -f $OUT/status ]] && break
	((try < BOOT_TRIES)) || break
	mv "$OUT/console" "$OUT/console.boot$try"
	echo "run-in-guest: the guest died before the script started (boot $try of $BOOT_TRIES," \
		"vng exit $vng_rc), booting again; console tail:" >&2
	grep -E "Oops|BUG:|panic|RIP:" "$OUT/console.boot$try" | head -n 8 >&2
done

[[ -f $OUT/output ]] && cat "$OUT/output"

fail=0
if [[ ! -f $OUT/status ]]; then
	echo "run-in-guest: no exit status from the guest (vng exit $vng_rc); console tail:" >&2
	tail -n 40 "$OUT/console" >&2
	exit 1
fi
status=$(cat "$OUT/status")
log=$OUT/dmesg
[[ -f $log ]] || log=$OUT/console
if grep -E "Oops|BUG:|WARNING:|KASAN|kmemleak|general protection|Call Trace" "$log" >"$OUT/kernel-problems"; then
	echo "run-in-guest: the kernel reported problems:" >&2
	cat "$OUT/kernel-problems" >&2
	fail=1
fi
if [[ $status != 0 ]]; then
	echo "run-in-guest: guest script exited with status $status" >&2
	fail=1
fi
echo "run-in-guest: results in $OUT" >&2
exit $fail
