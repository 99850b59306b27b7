/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Random extra checks, as LKRG does: ordinary system events (network
 * devices, neighbours, addresses, CPU frequency, USB, ACPI) start a check
 * with a per-source probability when kint_validate is 3, so an attacker
 * cannot time a change between periodic checks.
 */
#ifndef CLKRG_RANDOM_EVENTS_H
#define CLKRG_RANDOM_EVENTS_H

int clkrg_random_init(void);
void clkrg_random_exit(void);

#endif
