#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs the host tools the project needs to build its test kernel, the
# module and the guest tests. Idempotent: checks first, installs only what is
# missing. Never changes the system's apt sources (see fetch-kernel-source.sh
# for how the sid-only kernel source is downloaded).
set -euo pipefail

APT_PACKAGES=(
	# kernel build
	flex bison bc libelf-dev libssl-dev cpio dwarves kmod make
	# LLVM toolchain for kernel + module + bindgen (TOOLCHAIN.md: clang-19 path)
	clang-19 lld-19 llvm-19 libclang-19-dev
	# rustc with matching library sources for the kernel (bookworm-security)
	rustc-web rust-web-src
	# guest runner and tests
	qemu-system-x86 busybox-static iproute2 iperf3 tcpdump python3-scapy
	python3-yaml python3-jsonschema ethtool nftables tayga xz-utils
	iputils-ping traceroute netcat-openbsd socat util-linux
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	echo "install-deps: apt installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Kernel 7.2 needs bindgen >= 0.71.1; Debian's is too old.
BINDGEN="$HOME/.cargo/bin/bindgen"
if ! "$BINDGEN" --version 2>/dev/null | grep -q "0.72.1"; then
	echo "install-deps: cargo installing bindgen-cli 0.72.1"
	LIBCLANG_PATH=/usr/lib/llvm-19/lib cargo install -q bindgen-cli --version 0.72.1 --locked
fi

# virtme-ng boots the test kernel with the host's root filesystem.
if ! command -v vng >/dev/null 2>&1; then
	echo "install-deps: pip installing virtme-ng"
	python3 -m pip install -q virtme-ng==1.42
fi
