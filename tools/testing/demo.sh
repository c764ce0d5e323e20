#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: builds what is needed (test kernel on first use, module, CLI)
# and shows, in a QEMU guest, an IPv4-only client reaching an IPv4 server
# across an IPv6-only network through a CLAT and a PLAT.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
tools/testing/kernel/install-deps.sh
KDIR=$(tools/testing/kernel/build-kernel.sh)
make --no-print-directory module cli >/tmp/ipxlat-build.log 2>&1 || { tail -n 60 /tmp/ipxlat-build.log; exit 1; }
echo "Booting the test kernel (software emulation, about a minute)..."
exec tools/testing/vm/run-in-guest.sh --kdir "$KDIR" tools/testing/demo/guest-demo.sh "$ROOT/ipxlat/ipxlat.ko"
