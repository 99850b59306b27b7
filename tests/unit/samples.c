// SPDX-License-Identifier: GPL-2.0
#include "samples.h"

void sample_violation(struct lkrg_event_record *r)
{
	int i;

	lkrg_ev_init(r, LKRG_EV_VIOLATION);
	r->hdr.seq = 12;
	r->hdr.mono_ns = 5000000000ULL;
	r->hdr.real_ns = SAMPLE_REAL_NS;
	r->hdr.cpu = 1;
	r->d.severity = LKRG_SEV_ALERT;
	r->d.category = LKRG_CAT_KERNEL;
	r->d.object = LKRG_OBJ_KTEXT;
	r->d.action = LKRG_ACT_LOGGED;
	r->d.trigger = LKRG_TRIGGER_MANUAL;
	r->d.check_id = 3;
	r->d.generation = 1;
	for (i = 0; i < 16; i++) {
		r->d.instance_uuid[i] = (__u8)i;
		r->d.event_uuid[i] = (__u8)(0x10 + i);
	}
	lkrg_ev_set_str(r->d.name, sizeof(r->d.name), ".text");
	lkrg_ev_set_str(r->d.location, sizeof(r->d.location),
			"foo+0x40/0x100");
	r->d.address = 0xffffffff81000040ULL;
	r->d.length = 64;
	r->d.count = 1;
	lkrg_ev_add_value(&r->d, "hash", 0x1111, 0x2222);
}

void sample_enforce_knob(struct lkrg_knob *k)
{
	memset(k, 0, sizeof(*k));
	lkrg_ev_set_str(k->name, sizeof(k->name), "kint_enforce");
	k->value = LKRG_ENFORCE_LOG_ONLY;
	k->min = 0;
	k->max = 4;
	k->allowed = 1u << LKRG_ENFORCE_LOG_ACCEPT |
		     1u << LKRG_ENFORCE_LOG_ONLY | 1u << LKRG_ENFORCE_PANIC;
	k->flags = LKRG_KNOB_F_ENUM;
	k->names = LKRG_KNOB_NAMES_ENFORCE;
	lkrg_ev_set_str(k->desc, sizeof(k->desc), "what a violation does");
}

void sample_block_knob(struct lkrg_knob *k)
{
	memset(k, 0, sizeof(*k));
	lkrg_ev_set_str(k->name, sizeof(k->name), "block_modules");
	k->value = LKRG_BLOCK_OFF;
	k->min = LKRG_BLOCK_OFF;
	k->max = LKRG_BLOCK_LOCK;
	k->allowed = 1u << LKRG_BLOCK_OFF | 1u << LKRG_BLOCK_ON |
		     1u << LKRG_BLOCK_LOCK;
	k->flags = LKRG_KNOB_F_ENUM;
	k->names = LKRG_KNOB_NAMES_BLOCK;
	lkrg_ev_set_str(k->desc, sizeof(k->desc), "module loading");
}

void sample_validate_knob(struct lkrg_knob *k)
{
	memset(k, 0, sizeof(*k));
	lkrg_ev_set_str(k->name, sizeof(k->name), "kint_validate");
	k->value = LKRG_VALIDATE_PERIODIC;
	k->min = LKRG_VALIDATE_OFF;
	k->max = LKRG_VALIDATE_PERIODIC;
	k->names = LKRG_KNOB_NAMES_VALIDATE;
	lkrg_ev_set_str(k->desc, sizeof(k->desc), "when checks run");
}

void sample_interval_knob(struct lkrg_knob *k)
{
	memset(k, 0, sizeof(*k));
	lkrg_ev_set_str(k->name, sizeof(k->name), "interval");
	k->value = 15;
	k->min = 5;
	k->max = 1800;
	lkrg_ev_set_str(k->desc, sizeof(k->desc), "seconds between checks");
}
