// SPDX-License-Identifier: LGPL-2.1-or-later
/* Error text: what the codes mean for /dev/lkrg, else the libc text. */
#include <errno.h>
#include <string.h>

#include "clkrg_internal.h"

static const struct {
	int err;
	const char *msg;
} texts[] = {
	{ EPROTO, "ABI mismatch between libclkrg and the clkrg module" },
	{ ENODEV, "clkrg is shutting down (end of event stream)" },
	{ ENOTTY, "command not supported by the loaded clkrg module" },
	{ EBADMSG, "malformed event record" },
	{ ENOSPC, "output buffer too small" },
	{ ERANGE, "value outside the knob's allowed range" },
	{ E2BIG, "argument struct larger than the module understands" },
};

CLKRG_API const char *clkrg_strerror(int err)
{
	const char *s;
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].err == err)
			return texts[i].msg;
	/* Unlike strerror(), never a shared buffer: thread-safe. */
	s = strerrordesc_np(err);
	return s ? s : "unknown error";
}
