/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fake module (fake_mod.h) in the unit binary: it is linked with
 * -Wl,--wrap=ioctl,--wrap=read,--wrap=lseek, so libclkrg's calls on the
 * fake device land in fake_mod.c (and on any other fd go to the real
 * functions).
 */
#ifndef CLKRG_FAKE_DEV_H
#define CLKRG_FAKE_DEV_H

#include "tests.h"
#include "fake_mod.h"

/* fake_create() or fail the test. */
void fake_setup(void);
void fake_teardown(void);

#endif
