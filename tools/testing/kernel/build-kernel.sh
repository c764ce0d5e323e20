#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds (or reuses) the Rust-enabled test kernel and prints its tree path.
#
# The tree lives outside the clone, under $IPXLAT_CACHE (default
# ~/.cache/ipxlat), keyed by kernel version and the hash of ipxlat.config, so
# a second run, or CI on the same machine, finds it in seconds.
# Progress goes to stderr; stdout is only the KDIR path.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
KVER_PKG=linux-source-7.2
KVER=7.2
CACHE=${IPXLAT_CACHE:-$HOME/.cache/ipxlat}
FRAGMENT=$HERE/ipxlat.config
HASH=$(cat "$FRAGMENT" "$HERE/build-kernel.sh" | sha256sum | cut -c1-12)
KDIR=$CACHE/linux-$KVER-$HASH
STAMP=$KDIR/.ipxlat-built

log() { echo "build-kernel: $*" >&2; }

if [[ -f $STAMP && -f $KDIR/arch/x86/boot/bzImage ]]; then
	log "cached kernel at $KDIR"
	echo "$KDIR"
	exit 0
fi

"$HERE/install-deps.sh" >&2
source "$HERE/toolchain.env"

mkdir -p "$CACHE"
SRC_TARBALL=$CACHE/$KVER_PKG.tar.xz
if [[ ! -f $SRC_TARBALL ]]; then
	# linux-source-7.2 exists only in sid: download that one .deb through a
	# private apt configuration, leaving the system's sources untouched.
	D=$CACHE/apt
	rm -rf "$D"
	mkdir -p "$D/etc/sources.list.d" "$D/lists/partial" "$D/archives/partial"
	cat >"$D/etc/sources.list.d/sid.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
	APT_OPTS=(-o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts="$D/etc/sources.list.d"
		-o Dir::State::lists="$D/lists" -o Dir::Cache::archives="$D/archives"
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o Debug::NoLocking=1)
	log "downloading $KVER_PKG from sid"
	apt-get "${APT_OPTS[@]}" update -qq >&2
	(cd "$D/archives" && apt-get "${APT_OPTS[@]}" download "$KVER_PKG" >&2)
	deb=$(ls "$D"/archives/${KVER_PKG}_*.deb | head -n1)
	rm -rf "$D/x" && mkdir -p "$D/x"
	dpkg-deb -x "$deb" "$D/x"
	mv "$D/x/usr/src/$KVER_PKG.tar.xz" "$SRC_TARBALL.tmp"
	mv "$SRC_TARBALL.tmp" "$SRC_TARBALL"
	rm -rf "$D"
fi

rm -rf "$KDIR" "$KDIR.tmp"
mkdir -p "$KDIR.tmp"
log "unpacking source"
tar -xJf "$SRC_TARBALL" -C "$KDIR.tmp" --strip-components=1
cd "$KDIR.tmp"

log "configuring"
# vng writes a config suited to booting with the host's root filesystem.
vng --kconfig >&2
# vng's olddefconfig ran with rustup's rustc (no rust-src), which silently
# drops CONFIG_RUST: re-apply the fragment with the right toolchain.
scripts/kconfig/merge_config.sh -m .config "$FRAGMENT" >&2
make "${KMAKE_ARGS[@]}" olddefconfig >&2
missing=0
while IFS= read -r line; do
	[[ $line =~ ^CONFIG_ || $line =~ ^#\ CONFIG_[A-Z0-9_]+\ is\ not\ set$ ]] || continue
	if ! grep -qx "$line" .config; then
		log "config item not applied: $line"
		missing=1
	fi
done <"$FRAGMENT"
((missing == 0)) || { log "config fragment not fully applied"; exit 1; }

log "building (make -j$(nproc)); this takes 15-25 minutes on 2 cores"
make "${KMAKE_ARGS[@]}" -j"$(nproc)" >"$KDIR.tmp/build.log" 2>&1 || {
	tail -n 50 "$KDIR.tmp/build.log" >&2
	exit 1
}
make "${KMAKE_ARGS[@]}" -j"$(nproc)" modules >>"$KDIR.tmp/build.log" 2>&1
cd /
mv "$KDIR.tmp" "$KDIR"
touch "$STAMP"
log "kernel ready at $KDIR"
echo "$KDIR"
