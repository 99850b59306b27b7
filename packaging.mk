# Included by the top Makefile: installing on a real host.
#
#   make install            the module for KVER in /lib/modules/KVER/updates/
#                           (depmod), and everything else under PREFIX
#   make install-dkms       everything else, and the module's source in
#                           /usr/src/clkrg-VERSION/ for DKMS, which builds
#                           it now for KVER and for every kernel installed
#                           later
#   make uninstall          removes what either installed
#   make mok-key            a Machine Owner Key for Secure Boot, where
#                           Debian's DKMS keeps its own (one key for both)
#   make sign               signs driver/clkrg.ko with it (sign-file)
#
# PREFIX (/usr/local; /usr for a package) holds the library, headers,
# pkg-config file, tools (bin), clkrg-load and clkrg-journald (sbin), man
# pages, bash completion, the Python package, the systemd units
# (PREFIX/lib/systemd/system) and the sysusers.d group; /etc/clkrg.conf is
# installed only when absent. With DESTDIR (packaging, tests) nothing is
# run on the host: no depmod, ldconfig, sysusers, daemon-reload or dkms.

VERSION  := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' dkms.conf)
MODDIR   ?= /lib/modules/$(KVER)/updates
DKMS_SRC ?= /usr/src/clkrg-$(VERSION)
USER_DIRS := libclkrg cli tui python loader journald dist

# What DKMS builds from: the module's sources and the ABI header.
DKMS_FILES = dkms.conf include/uapi/linux/lkrg.h \
	$(shell find driver -name '*.[chS]' ! -name '*.mod.c' -o \
		-name Kbuild -o -name Makefile | LC_ALL=C sort)

SIGN_KEY    ?= /var/lib/dkms/mok.key
SIGN_CERT   ?= /var/lib/dkms/mok.pub
SIGN_MODULE ?= driver/clkrg.ko
SIGN_FILE   ?= /lib/modules/$(KVER)/build/scripts/sign-file
KCONFIG     := /lib/modules/$(KVER)/build/.config
SIGN_HASH   ?= $(or $(shell sed -n 's/^CONFIG_MODULE_SIG_HASH="\(.*\)"$$/\1/p' \
			$(KCONFIG) 2>/dev/null),sha256)

# A step that changes the running system: only without DESTDIR, and only
# where the tool is.
define host_step
	@if [ -z "$(DESTDIR)" ] && command -v $(firstword $(1)) >/dev/null; then \
		echo "$(1)"; $(1); \
	fi
endef

install: install-module install-user

install-module: driver
	install -D -m 0644 driver/clkrg.ko $(DESTDIR)$(MODDIR)/clkrg.ko
	$(call host_step,depmod -a $(KVER))

install-user: libclkrg cli tui loader journald units
	for d in $(USER_DIRS); do $(MAKE) -C $$d install || exit 1; done
	$(call host_step,ldconfig)
	$(call host_step,systemd-sysusers $(PREFIX)/lib/sysusers.d/clkrg.conf)
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		echo "systemctl daemon-reload"; systemctl daemon-reload; \
	fi

install-dkms: install-user
	rm -rf $(DESTDIR)$(DKMS_SRC)
	for f in $(DKMS_FILES); do \
		install -D -m 0644 $$f $(DESTDIR)$(DKMS_SRC)/$$f || exit 1; \
	done
	@if [ -z "$(DESTDIR)" ]; then \
		dkms status -m clkrg -v $(VERSION) | grep -q . || \
			dkms add -m clkrg -v $(VERSION) || exit 1; \
		echo "dkms install -m clkrg -v $(VERSION) -k $(KVER)"; \
		dkms install -m clkrg -v $(VERSION) -k $(KVER); \
	fi

uninstall:
	for d in $(USER_DIRS); do $(MAKE) -C $$d uninstall || exit 1; done
	rm -f $(DESTDIR)$(MODDIR)/clkrg.ko
	@if [ -z "$(DESTDIR)" ] && command -v dkms >/dev/null && \
	    dkms status -m clkrg -v $(VERSION) | grep -q .; then \
		echo "dkms remove -m clkrg -v $(VERSION) --all"; \
		dkms remove -m clkrg -v $(VERSION) --all; \
	fi
	rm -rf $(DESTDIR)$(DKMS_SRC)
	$(call host_step,depmod -a $(KVER))
	$(call host_step,ldconfig)
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		echo "systemctl daemon-reload"; systemctl daemon-reload; \
	fi

# The key pair Debian's DKMS also signs with; made only when absent.
mok-key:
	@if [ -e $(SIGN_KEY) ] || [ -e $(SIGN_CERT) ]; then \
		echo "mok-key: $(SIGN_KEY) or $(SIGN_CERT) exists: kept"; \
	else \
		install -d -m 0700 $(dir $(SIGN_KEY)) && \
		openssl req -new -x509 -nodes -days 36500 -newkey rsa:2048 \
			-subj "/CN=clkrg module signing key/" \
			-keyout $(SIGN_KEY) -outform DER -out $(SIGN_CERT) && \
		chmod 0600 $(SIGN_KEY) && \
		echo "mok-key: $(SIGN_KEY), $(SIGN_CERT) (import: mokutil --import $(SIGN_CERT))"; \
	fi

sign: $(if $(filter driver/clkrg.ko,$(SIGN_MODULE)),driver)
	@[ -r "$(SIGN_KEY)" ] && [ -r "$(SIGN_CERT)" ] || { \
		echo "make sign: no $(SIGN_KEY) and $(SIGN_CERT): 'make mok-key'" \
			"makes them, or set SIGN_KEY= and SIGN_CERT=" >&2; exit 1; }
	@[ -x "$(SIGN_FILE)" ] || { echo "make sign: no $(SIGN_FILE)" \
		"(apt-get install linux-headers-$(KVER))" >&2; exit 1; }
	@[ -z "$$(modinfo -F sig_id $(SIGN_MODULE))" ] || { \
		echo "make sign: $(SIGN_MODULE) is signed already: rebuild it" \
			"(make -C driver clean; make) to sign it again" >&2; exit 1; }
	$(SIGN_FILE) $(SIGN_HASH) $(SIGN_KEY) $(SIGN_CERT) $(SIGN_MODULE)
	@echo "signed $(SIGN_MODULE): $$(modinfo -F signer $(SIGN_MODULE))," \
		"$$(modinfo -F sig_hashalgo $(SIGN_MODULE))"

.PHONY: install install-module install-user install-dkms uninstall mok-key sign
