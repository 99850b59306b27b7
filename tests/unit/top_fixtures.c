// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <time.h>

#include "top_fixtures.h"

static unsigned int category_of(unsigned int obj)
{
	switch (obj) {
	case LKRG_OBJ_KTEXT:
	case LKRG_OBJ_RODATA:
		return LKRG_CAT_KERNEL;
	case LKRG_OBJ_MODULE:
	case LKRG_OBJ_MODULE_LIST:
		return LKRG_CAT_MODULE;
	case LKRG_OBJ_TASK_CRED:
		return LKRG_CAT_TASK;
	case LKRG_OBJ_IDT:
	case LKRG_OBJ_MSR:
		return LKRG_CAT_CPU;
	default:
		return LKRG_CAT_GUARD;
	}
}

void top_rec(struct lkrg_event_record *r, uint64_t seq, unsigned int sev,
	     unsigned int obj, unsigned int act, int pid, const char *comm,
	     const char *name, const char *loc)
{
	lkrg_ev_init(r, LKRG_EV_VIOLATION);
	r->hdr.seq = seq;
	r->hdr.real_ns = SAMPLE_REAL_NS + seq * S_NS;
	r->hdr.mono_ns = seq * S_NS;
	r->d.severity = (__u16)sev;
	r->d.category = (__u16)category_of(obj);
	r->d.object = (__u16)obj;
	r->d.action = (__u16)act;
	r->d.trigger = LKRG_TRIGGER_MANUAL;
	r->d.check_id = seq;
	r->d.pid = pid;
	r->d.tgid = pid;
	lkrg_ev_set_str(r->d.comm, sizeof(r->d.comm), comm);
	lkrg_ev_set_str(r->d.name, sizeof(r->d.name), name);
	lkrg_ev_set_str(r->d.location, sizeof(r->d.location), loc);
}

void top_add(struct top_model *m, uint64_t seq, unsigned int sev,
	     unsigned int obj, unsigned int act, int pid, const char *comm,
	     const char *name, const char *loc)
{
	struct lkrg_event_record r;

	top_rec(&r, seq, sev, obj, act, pid, comm, name, loc);
	ck_assert_int_eq(top_model_add_event(m, &r.hdr), 0);
}

void top_triggers(struct top_model *m, uint64_t manual, uint64_t timer,
		  uint64_t module, uint64_t now_ns)
{
	struct lkrg_stats_row rows[3];
	static const char *const names[] = { "manual", "timer", "module" };
	const uint64_t fired[] = { manual, timer, module };
	int i;

	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 3; i++) {
		lkrg_ev_set_str(rows[i].name, sizeof(rows[i].name), names[i]);
		rows[i].id = (__u32)i + 1;
		rows[i].fired = fired[i];
		rows[i].started = fired[i];
		rows[i].violations = (__u64)i;
		rows[i].last_fired_ns = fired[i] ? now_ns - S_NS : 0;
	}
	top_model_set_triggers(m, rows, 3, now_ns);
}

void top_status(struct top_model *m, uint64_t real_ns)
{
	struct lkrg_status st;
	int i;

	memset(&st, 0, sizeof(st));
	st.size = sizeof(st);
	lkrg_ev_set_str(st.module_version, sizeof(st.module_version), "0.1.0");
	st.api_version = 1;
	st.schema_version = 1;
	for (i = 0; i < 16; i++)
		st.instance_uuid[i] = (__u8)(0xa0 + i);
	st.generation = 2;
	st.loaded_real_ns = real_ns - (3 * 3600 + 4 * 60 + 5) * S_NS;
	st.checks = 3;
	st.last_check_id = 3;
	st.last_check_real_ns = real_ns - 5 * S_NS;
	st.last_check_duration_ns = 14200000;
	st.last_check_violations = 1;
	st.block_modules = LKRG_BLOCK_ON;
	st.events_produced = 24;
	st.events_oldest = 1;
	st.violations_total = 3;
	st.interval_s = 15;
	st.events_suppressed = 2;
	st.tasks = 59;
	top_model_set_status(m, &st, real_ns, 100 * S_NS);
}

void top_knobs(struct top_model *m, bool with_lock)
{
	struct lkrg_knob k[4];

	sample_validate_knob(&k[0]);
	sample_enforce_knob(&k[1]);
	sample_block_knob(&k[2]);
	k[2].value = LKRG_BLOCK_ON;
	/* a "lock" knob some module may have: plain numbers here */
	sample_interval_knob(&k[3]);
	lkrg_ev_set_str(k[3].name, sizeof(k[3].name), "lock");
	k[3].value = 1;
	top_model_set_knobs(m, k, with_lock ? 4 : 3);
}

void top_utc(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}
