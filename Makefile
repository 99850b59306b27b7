# clkrg top-level build. `make` builds everything in the tree; `make check`
# runs every test and ends with "N passed, N failed".
#
# KVER: the kernel the module is built for; by default the running kernel
# when its headers are installed, else `make` stops and names the installed
# ones (scripts/pick-kver.sh). KVERS: the kernels `make check` tests, the
# newest installed 6.1 and 6.12 (scripts/test-kvers.sh), each with its own
# module in build/kmod/KVER/.
KVER ?= $(shell scripts/pick-kver.sh)
KVERS ?= $(shell scripts/test-kvers.sh)
# The kernel a single VM target (demo, soak, bench) boots: KVER when given,
# else the first of KVERS; its module is built in build/kmod/ first.
VM_KVER = $(if $(filter command line environment,$(origin KVER)),$(KVER),$(firstword $(KVERS)))
VM_KO = ko=$$(scripts/build-module.sh $(VM_KVER)) && CLKRG_KO=$$ko
PREFIX ?= /usr/local
DESTDIR ?=
SBINDIR ?= $(PREFIX)/sbin
SYSCONFDIR ?= /etc
LOCALSTATEDIR ?= /var
export PREFIX DESTDIR SBINDIR SYSCONFDIR LOCALSTATEDIR

# Everything but the module; the guest's initramfs takes all of it.
USERSPACE := libclkrg cli tui loader journald units

all: driver $(USERSPACE)

driver:
	@[ -n "$(KVER)" ] || { echo "make: no kernel to build clkrg.ko for (see above)" >&2; exit 1; }
	$(MAKE) -C driver KVER=$(KVER)

# The module for each kernel of KVERS, side by side in build/kmod/.
modules:
	@[ -n "$(KVERS)" ] || { echo "make: no kernels to test on (see above)" >&2; exit 1; }
	for k in $(KVERS); do scripts/build-module.sh "$$k" >/dev/null || exit 1; done

libclkrg:
	$(MAKE) -C libclkrg

cli tui loader journald: libclkrg
	$(MAKE) -C $@

# The systemd units, with the paths of this PREFIX.
units:
	$(MAKE) -C dist

# Host unit tests (Check, ASan/UBSan).
unit:
	$(MAKE) -C tests/unit run

# The kernel suite: QEMU boots Debian's kernel with the module.
kernel-suite: all
	tests/kernel-suite.sh --kver $(KVER)

# Kernel coding style, then sparse and W=1 over the module for each kernel.
lint:
	scripts/lint-driver.sh $(KVERS)

# Installs the Debian packages the build and tests need (root).
deps:
	scripts/install-deps.sh

# No "Entering/Leaving directory" lines: the last line of check is its sum.
MAKEFLAGS += --no-print-directory

# Sub-makes: the kernels can only be picked once the headers are installed.
# Lint, unit tests, packaging and the kernel suite on every kernel of
# KVERS, each with its own module (make modules). The checks run in this
# make's own recipe, so "N passed, N failed" is the last line it prints
# (on failure GNU make adds its "*** [check] Error 1" to stderr).
check: deps
	$(MAKE) $(USERSPACE)
	$(MAKE) modules
	@scripts/run-checks.sh $(KVERS)

check-run:
	@scripts/run-checks.sh $(KVERS)

# The whole kernel suite on a debug kernel built from Debian's
# linux-source-6.1 (tests/debug/: KASAN, lockdep, PROVE_RCU,
# DEBUG_ATOMIC_SLEEP, kmemleak, DEBUG_OBJECTS, KFENCE, UBSAN): any report
# of those fails the scenario. The kernel is built once and cached under
# build/debug-kernel/ (see README, "Tests" for the times); not part of
# check. The last line is "N passed, N failed".
check-debug: deps
	$(MAKE) $(USERSPACE)
	@scripts/run-checks.sh --debug

# Boots a VM, loads the module, tampers with the kernel, shows the event.
demo: deps
	$(MAKE) $(USERSPACE)
	$(MAKE) demo-run

demo-run:
	$(VM_KO) tests/kernel-suite.sh --kver $(VM_KVER) --demo

# Performance figures from QEMU (TCG) guest boots; not part of check: the
# integrity check and event stream (run-bench.sh), then exploit detection's
# syscall overhead and all-task verification (run-bench-pint.sh).
bench: $(USERSPACE)
	$(VM_KO) tests/bench/run-bench.sh --kver $(VM_KVER)
	$(VM_KO) tests/bench/run-bench-pint.sh --kver $(VM_KVER)

# Exploit-detection soak: the negative twins (60-65) in parallel loops for
# 600 s in one QEMU (TCG) guest (scenario 70-soak, about 11 minutes); any
# violation fails it. Not part of check; rewrites tests/kernel-result.txt.
soak: $(USERSPACE)
	$(VM_KO) SOAK_SECONDS=600 tests/kernel-suite.sh --kver $(VM_KVER) \
		--only 70-soak

# Installing on a real host (see the README): the module for KVER under
# /lib/modules/KVER/updates, or the source for DKMS, and the rest in
# Debian's places under PREFIX; depmod, ldconfig, systemd-sysusers and
# systemctl daemon-reload only without DESTDIR. packaging.mk lists what
# goes where.
include packaging.mk

# No kernel tree needed: the products of an in-tree module build by name.
clean:
	find driver \( -name '*.o' -o -name '*.ko' -o -name '*.mod' -o -name '*.mod.c' \
		-o -name '.*.cmd' -o -name '*.dwo' -o -name modules.order \
		-o -name Module.symvers \) -delete
	$(MAKE) -C libclkrg clean
	$(MAKE) -C cli clean
	$(MAKE) -C tui clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C python clean
	$(MAKE) -C loader clean
	$(MAKE) -C journald clean
	$(MAKE) -C dist clean
	rm -rf build

.PHONY: all deps driver modules libclkrg cli tui loader journald units unit \
	kernel-suite lint check check-run check-debug demo soak demo-run bench clean
