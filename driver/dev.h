/* SPDX-License-Identifier: GPL-2.0 */
/* /dev/lkrg: the misc device, its ioctls and the event stream fops. */
#ifndef CLKRG_DEV_H
#define CLKRG_DEV_H

int clkrg_dev_init(void);
void clkrg_dev_exit(void);

#endif
