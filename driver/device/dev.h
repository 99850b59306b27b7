/* SPDX-License-Identifier: GPL-2.0 */
/* /dev/lkrg: the character device, its ioctls and the event stream fops. */
#ifndef CLKRG_DEV_H
#define CLKRG_DEV_H

/* @read_gid >= 0: members of that group may open the node read-only. */
int clkrg_dev_init(int read_gid);
void clkrg_dev_exit(void);

#endif
