# Included by tests/unit/Makefile: the builds compat.sh runs against each
# other (see compat.sh) and the fake module as an LD_PRELOAD library (also
# for the Python tests). Nothing here is sanitized: these are real
# separately linked programs and libraries.

C         := obj/compat
UAPI      := $(TOP)/include/uapi/linux/lkrg.h
GROWN     := $(C)/grown/lkrg.h
PIC_FLAGS := -std=c11 -Wall -Wextra -Werror -fPIC -fvisibility=hidden -O1 -g \
	     $(shell $(PKG_CONFIG) --cflags json-c uuid)
LIB_LIBS  := $(shell $(PKG_CONFIG) --libs json-c uuid)
LIB_CORE  := abi_check event_codec lkrg_names knob_defs hook_owner
LIB_SRCS  := $(wildcard $(TOP)/libclkrg/*.c)
FAKE_SRCS := fake_mod.c fake_preload.c samples.c
FAKE_CORE := abi_check event_codec hook_owner

# The grown ABI: the "later" header (grow-abi.sh).
$(GROWN): compat/grow-abi.sh $(UAPI)
	compat/grow-abi.sh $(UAPI) $@

# libclkrg as a later 1.x: the same sources with every structure grown.
GLIB_OBJS := $(LIB_SRCS:$(TOP)/libclkrg/%.c=$(C)/lib/%.o) \
	     $(LIB_CORE:%=$(C)/lib/core_%.o) $(C)/lib/abi_table.o
GROWN_CPP := -D_GNU_SOURCE -include $(GROWN) -I$(TOP)/libclkrg \
	     -I$(TOP)/include/uapi -I$(TOP)/driver/core
$(C)/lib/%.o: $(TOP)/libclkrg/%.c $(GROWN)
	@mkdir -p $(@D)
	$(CC) $(GROWN_CPP) $(PIC_FLAGS) -c -o $@ $<
$(C)/lib/core_%.o: $(TOP)/driver/core/%.c $(GROWN)
	@mkdir -p $(@D)
	$(CC) $(GROWN_CPP) $(PIC_FLAGS) -c -o $@ $<
$(C)/lib/abi_table.c: $(TOP)/libclkrg/gen-abi.sh $(GROWN) $(TOP)/libclkrg/clkrg.h
	@mkdir -p $(@D)
	$< $(GROWN) $(TOP)/libclkrg/clkrg.h >$@
$(C)/lib/abi_table.o: $(C)/lib/abi_table.c
	$(CC) $(GROWN_CPP) $(PIC_FLAGS) -c -o $@ $<
$(C)/lib/libclkrg.so.1: $(GLIB_OBJS) $(TOP)/libclkrg/libclkrg.sym
	$(CC) -shared -Wl,-soname,libclkrg.so.1 \
		-Wl,--version-script=$(TOP)/libclkrg/libclkrg.sym -Wl,-z,defs \
		-o $@ $(GLIB_OBJS) $(LIB_LIBS)

# The fake module for LD_PRELOAD: built with the grown header it plays the
# later module, or (CLKRG_FAKE_OLDER) one of the first version; built with
# the real header it is the module the shipped library was made for.
FAKE_DEPS := $(FAKE_SRCS) $(FAKE_CORE:%=$(TOP)/driver/core/%.c) fake_mod.h \
	     samples.h
FAKE_CPP  := -D_GNU_SOURCE -I$(TOP)/include/uapi -I$(TOP)/driver/core
$(C)/fake-grown.so: $(FAKE_DEPS) $(GROWN)
	@mkdir -p $(@D)
	$(CC) $(FAKE_CPP) -DCLKRG_TEST_GROWN -include $(GROWN) $(PIC_FLAGS) \
		-shared -o $@ $(FAKE_SRCS) \
		$(FAKE_CORE:%=$(TOP)/driver/core/%.c) -ldl
obj/preload/libfakelkrg.so: $(FAKE_DEPS)
	@mkdir -p $(@D)
	$(CC) $(FAKE_CPP) $(PIC_FLAGS) -shared -o $@ $(FAKE_SRCS) \
		$(FAKE_CORE:%=$(TOP)/driver/core/%.c) -ldl

# The program, as built against CLKRG_1.2 (linked with the tree's library,
# which still has every name it had) and as built today against the grown
# ABI (linked with the grown library).
$(C)/prog-old: compat/prog.c compat/v1.2/clkrg.h $(TOP)/libclkrg/libclkrg.so
	@mkdir -p $(@D)
	$(CC) -D_GNU_SOURCE -DCOMPAT_OLD -Icompat/v1.2 -I$(TOP)/include/uapi \
		$(PIC_FLAGS) -o $@ $< -L$(TOP)/libclkrg -lclkrg -ldl
$(C)/prog-new: compat/prog.c $(TOP)/libclkrg/clkrg.h $(C)/lib/libclkrg.so.1
	$(CC) -D_GNU_SOURCE -include $(GROWN) -I$(TOP)/libclkrg \
		$(PIC_FLAGS) -o $@ $< $(C)/lib/libclkrg.so.1 -ldl

compat-builds: $(C)/prog-old $(C)/prog-new $(C)/fake-grown.so \
	obj/preload/libfakelkrg.so

.PHONY: compat-builds
