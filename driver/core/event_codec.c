// SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later
#include "event_codec.h"

/* The payload must at least name what happened. */
#define DETAIL_MIN_SIZE	16

void lkrg_ev_init(struct lkrg_event_record *r, __u16 type)
{
	memset(r, 0, sizeof(*r));
	r->hdr.len = sizeof(*r);
	r->hdr.type = type;
	r->hdr.schema = LKRG_SCHEMA_VERSION;
	r->d.size = sizeof(r->d);
	r->d.pid = -1;
	r->d.tgid = -1;
}

void lkrg_ev_set_str(__u8 *dst, size_t cap, const char *src)
{
	size_t n = 0;

	if (!cap)
		return;
	if (src)
		while (n < cap - 1 && src[n])
			n++;
	memcpy(dst, src ? src : "", n);
	memset(dst + n, 0, cap - n);
}

int lkrg_ev_add_value(struct lkrg_event_detail *d, const char *field,
		      __u64 expected, __u64 actual)
{
	struct lkrg_event_value *v;

	if (d->nvalues >= LKRG_EV_VALUES)
		return -ENOSPC;
	v = &d->values[d->nvalues++];
	lkrg_ev_set_str(v->field, sizeof(v->field), field);
	v->expected = expected;
	v->actual = actual;
	return 0;
}

size_t lkrg_ev_make_lost(void *buf, __u64 first_seq, __u64 count,
			 __u64 mono_ns, __u64 real_ns, __u32 cpu)
{
	struct lkrg_event_hdr *h = buf;
	struct lkrg_event_lost *l = (struct lkrg_event_lost *)(h + 1);

	memset(buf, 0, LKRG_EV_LOST_RECORD_SIZE);
	h->len = LKRG_EV_LOST_RECORD_SIZE;
	h->type = LKRG_EV_LOST;
	h->schema = LKRG_SCHEMA_VERSION;
	h->seq = 0;
	h->mono_ns = mono_ns;
	h->real_ns = real_ns;
	h->cpu = cpu;
	h->flags = LKRG_EVF_SYNTHETIC;
	l->size = sizeof(*l);
	l->first_seq = first_seq;
	l->count = count;
	return LKRG_EV_LOST_RECORD_SIZE;
}

void lkrg_ev_redact(struct lkrg_event_record *r)
{
	/* The flag says an address was hidden, so only where there was one. */
	if (!r->d.address)
		return;
	r->d.address = 0;
	r->hdr.flags |= LKRG_EVF_REDACTED;
}

bool lkrg_ev_has_detail(unsigned int type)
{
	return type == LKRG_EV_VIOLATION || type == LKRG_EV_ADMIN ||
	       type == LKRG_EV_BLOCK || type == LKRG_EV_INFO;
}

long lkrg_ev_check(const void *buf, size_t avail)
{
	const struct lkrg_event_hdr *h = buf;
	__u32 psize;

	if (avail < sizeof(*h))
		return -EMSGSIZE;
	if (h->len < sizeof(*h) || h->len % 8)
		return -EINVAL;
	if (h->len > avail)
		return -EMSGSIZE;
	if (h->len == sizeof(*h))
		return h->len;
	/* Every payload starts with its own size. */
	if (h->len < sizeof(*h) + sizeof(__u32))
		return -EINVAL;
	memcpy(&psize, h + 1, sizeof(psize));
	if (psize < sizeof(__u32) || psize > h->len - sizeof(*h))
		return -EINVAL;
	return h->len;
}

/* Payload of a checked record, copied with zero-fill into @out. */
static int get_payload(const struct lkrg_event_hdr *h, void *out,
		       size_t out_size, size_t min_size)
{
	__u32 psize;

	if (h->len < sizeof(*h) + sizeof(psize))
		return -EINVAL;
	memcpy(&psize, h + 1, sizeof(psize));
	if (psize < min_size || psize > h->len - sizeof(*h))
		return -EINVAL;
	memset(out, 0, out_size);
	memcpy(out, h + 1, psize < out_size ? psize : out_size);
	return 0;
}

int lkrg_ev_get_detail(const struct lkrg_event_hdr *h,
		       struct lkrg_event_detail *out)
{
	int ret;

	if (!lkrg_ev_has_detail(h->type))
		return -EINVAL;
	ret = get_payload(h, out, sizeof(*out), DETAIL_MIN_SIZE);
	if (ret)
		return ret;
	/* Strings from a peer are not trusted to be terminated. */
	out->comm[sizeof(out->comm) - 1] = 0;
	out->name[sizeof(out->name) - 1] = 0;
	out->location[sizeof(out->location) - 1] = 0;
	if (out->nvalues > LKRG_EV_VALUES)
		out->nvalues = LKRG_EV_VALUES;
	for (ret = 0; ret < LKRG_EV_VALUES; ret++)
		out->values[ret].field[LKRG_EV_FIELD_LEN - 1] = 0;
	return 0;
}

int lkrg_ev_get_lost(const struct lkrg_event_hdr *h,
		     struct lkrg_event_lost *out)
{
	if (h->type != LKRG_EV_LOST)
		return -EINVAL;
	return get_payload(h, out, sizeof(*out), sizeof(*out));
}
