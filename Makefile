# SPDX-License-Identifier: GPL-2.0
#
# ipxlat: build the kernel module and the ipxlat-ctl CLI, run the tests.
#
#   make                 module + CLI against KDIR (default: the project's
#                        cached test kernel, built on first use)
#   make KDIR=/path      against your own Rust-enabled kernel tree
#   make test            every test: host cargo tests, then one guest boot
#                        with the KUnit suites and the selftests
#   make demo            the translator at work (CLAT over IPv6-only)
#   make bench           benchmarks (not part of `make test`)
#   make fuzz            both engine fuzz targets, 10 minutes each

ifeq ($(KERNELRELEASE),)

TOOLS := $(CURDIR)/tools/testing
# Without KDIR, build against the project's test kernel with its toolchain
# (tools/testing/kernel/toolchain.env). With KDIR, toolchain variables such as
# LLVM= or RUSTC= come from the command line like for any kernel build.
ifeq ($(KDIR),)
KDIR_CMD := $(TOOLS)/kernel/build-kernel.sh
KMAKE_ARGS := LLVM=-19 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc BINDGEN=$(HOME)/.cargo/bin/bindgen
else
KDIR_CMD := echo $(KDIR)
KMAKE_ARGS :=
endif

.PHONY: all module cli test demo bench fuzz clean host-test

all: module cli

# The netlink code (policies, ops, family) is generated from the YNL spec
# with the kernel tree's own generator before kbuild runs.
module:
	@kdir=$$($(KDIR_CMD)) && \
	$(CURDIR)/tools/net/ynl-gen.sh -k "$$kdir" kernel && \
	$(MAKE) -C "$$kdir" M=$(CURDIR) $(KMAKE_ARGS) modules

cli:
	cargo build --release -p ipxlat-ctl

host-test:
	cargo test --workspace

test:
	$(TOOLS)/run-tests.sh

demo:
	$(TOOLS)/demo.sh

bench:
	$(TOOLS)/bench/run.sh 5

fuzz:
	$(TOOLS)/fuzz.sh 600

clean:
	@kdir=$$($(KDIR_CMD)) && $(MAKE) -C "$$kdir" M=$(CURDIR) $(KMAKE_ARGS) clean
	cargo clean

endif
