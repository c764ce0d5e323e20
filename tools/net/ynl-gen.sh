#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Generate the ipxlat netlink code from Documentation/netlink/specs/ipxlat.yaml
# with the kernel's YNL generator.
#
# usage: tools/net/ynl-gen.sh [-k KDIR] [uapi|kernel|all|check]
#   uapi    include/uapi/linux/ipxlat.h (committed)
#   kernel  ipxlat/generated/netlink-gen.{c,h} (build artifacts)
#   all     both (default)
#   check   regenerate the uapi header in a temp file and fail if the
#           committed one differs
# KDIR defaults to $KDIR, then the newest ~/.cache/ipxlat/linux-7.2-*.
#
# The generator needs: a MAINTAINERS file in the project root (it climbs
# parents looking for it), the schema at <spec dir>/../genetlink.yaml (copied
# from KDIR here, gitignored), and the exact dual license in the spec.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODE=all
while [ $# -gt 0 ]; do
	case "$1" in
	-k) KDIR=$2; shift 2 ;;
	-h|--help) sed -n '4,16p' "$0"; exit 0 ;;
	uapi|kernel|all|check) MODE=$1; shift ;;
	*) echo "ynl-gen.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
done

if [ -z "${KDIR:-}" ]; then
	KDIR=$(ls -d "$HOME"/.cache/ipxlat/linux-7.2-* 2>/dev/null | sort | tail -n1 || true)
fi
GEN="${KDIR:-}/tools/net/ynl/pyynl/ynl_gen_c.py"
SCHEMA="${KDIR:-}/Documentation/netlink/genetlink.yaml"
if [ -z "${KDIR:-}" ] || [ ! -f "$GEN" ] || [ ! -f "$SCHEMA" ]; then
	echo "ynl-gen.sh: no kernel tree with YNL (set KDIR or -k)" >&2
	exit 1
fi
[ -f "$ROOT/MAINTAINERS" ] || { echo "ynl-gen.sh: $ROOT/MAINTAINERS missing" >&2; exit 1; }

SPEC="$ROOT/Documentation/netlink/specs/ipxlat.yaml"
# The generator reads the schema from <spec dir>/../genetlink.yaml.
cp "$SCHEMA" "$ROOT/Documentation/netlink/genetlink.yaml"

PY=${PYTHON:-python3}
gen() { # mode kind output
	"$PY" "$GEN" --spec "$SPEC" --mode "$1" "--$2" -o "$3"
}

case "$MODE" in
uapi|all)
	mkdir -p "$ROOT/include/uapi/linux"
	gen uapi header "$ROOT/include/uapi/linux/ipxlat.h"
	;;
esac
case "$MODE" in
kernel|all)
	mkdir -p "$ROOT/ipxlat/generated"
	gen kernel header "$ROOT/ipxlat/generated/netlink-gen.h"
	gen kernel source "$ROOT/ipxlat/generated/netlink-gen.c"
	;;
esac
if [ "$MODE" = check ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	gen uapi header "$tmp/ipxlat.h"
	if ! diff -u "$ROOT/include/uapi/linux/ipxlat.h" "$tmp/ipxlat.h"; then
		echo "ynl-gen.sh: include/uapi/linux/ipxlat.h is stale; run tools/net/ynl-gen.sh uapi" >&2
		exit 1
	fi
fi
