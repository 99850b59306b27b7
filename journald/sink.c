// SPDX-License-Identifier: GPL-2.0
/* The journal, or a file in its export format: see sink.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <systemd/sd-journal.h>

#include "sink.h"

struct sink {
	int fd;		/* -1: the journal */
};

int sink_open(const char *path, struct sink **out)
{
	struct sink *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->fd = -1;
	if (path) {
		s->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
			     0640);
		if (s->fd < 0) {
			int ret = -errno;

			free(s);
			return ret;
		}
	}
	*out = s;
	return 0;
}

/* All of @iov, however the kernel splits it. */
static int write_all(int fd, struct iovec *iov, int n)
{
	ssize_t w;

	while (n > 0) {
		w = writev(fd, iov, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

static int write_export(int fd, const struct jfields *f)
{
	struct iovec iov[2 * JF_MAX + 1];
	static char nl[] = "\n";
	unsigned int i;
	int n = 0;

	for (i = 0; i < f->n; i++) {
		iov[n++] = f->iov[i];
		iov[n].iov_base = nl;
		iov[n++].iov_len = 1;
	}
	iov[n].iov_base = nl;
	iov[n++].iov_len = 1;
	return write_all(fd, iov, n);
}

int sink_write(struct sink *s, const struct jfields *f)
{
	if (s->fd >= 0)
		return write_export(s->fd, f);
	return sd_journal_sendv(f->iov, (int)f->n);
}

int sink_sync(struct sink *s)
{
	if (s->fd >= 0 && fsync(s->fd))
		return -errno;
	return 0;
}

void sink_close(struct sink *s)
{
	if (s && s->fd >= 0)
		close(s->fd);
	free(s);
}
