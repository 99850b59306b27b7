// SPDX-License-Identifier: GPL-2.0
/* libclkrg JSON: exact strings, because scripts and the VM tests grep them. */
#include "tests.h"

#define SAMPLE_JSON							\
	"{\"seq\":12,\"type\":\"violation\",\"schema\":1,"		\
	"\"mono_ns\":5000000000,\"real_ns\":1795687200123000000,"	\
	"\"cpu\":1,\"flags\":0,\"redacted\":false,"			\
	"\"severity\":\"alert\",\"category\":\"kernel\","		\
	"\"object\":\"ktext\",\"action\":\"logged\","			\
	"\"trigger\":\"manual\",\"check_id\":3,\"generation\":1,"	\
	"\"instance\":\"00010203-0405-0607-0809-0a0b0c0d0e0f\","	\
	"\"event_uuid\":\"10111213-1415-1617-1819-1a1b1c1d1e1f\","	\
	"\"pid\":-1,\"tgid\":-1,\"uid\":0,\"euid\":0,"			\
	"\"ns\":{\"mnt\":0,\"pid\":0,\"net\":0,\"user\":0},"		\
	"\"comm\":\"\",\"name\":\".text\","				\
	"\"location\":\"foo+0x40/0x100\","				\
	"\"address\":\"0xffffffff81000040\",\"length\":64,\"count\":1,"	\
	"\"suppressed\":0,"						\
	"\"values\":[{\"field\":\"hash\",\"expected\":\"0x1111\","	\
	"\"actual\":\"0x2222\"}]}"

START_TEST(event)
{
	struct lkrg_event_record r;
	char buf[CLKRG_JSON_MAX];
	int n;

	sample_violation(&r);
	n = clkrg_event_to_json(&r.hdr, buf, sizeof(buf));
	ck_assert_str_eq(buf, SAMPLE_JSON);
	ck_assert_int_eq(n, (int)strlen(SAMPLE_JSON));
}
END_TEST

START_TEST(event_task_redacted)
{
	struct lkrg_event_record r;
	char buf[CLKRG_JSON_MAX];

	sample_violation(&r);
	r.d.pid = 42;
	r.d.tgid = 40;
	r.d.uid = 1000;
	r.d.euid = 0;
	r.d.ns_mnt = 4026531840u;
	r.d.ns_user = 4026531837u;
	lkrg_ev_set_str(r.d.comm, sizeof(r.d.comm), "insmod");
	r.d.nvalues = 0;
	lkrg_ev_redact(&r);
	ck_assert_int_gt(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"flags\":2,\"redacted\":true,"));
	ck_assert_ptr_nonnull(strstr(buf, "\"pid\":42,\"tgid\":40,\"uid\":1000,"
				     "\"euid\":0,\"ns\":{\"mnt\":4026531840,"
				     "\"pid\":0,\"net\":0,\"user\":4026531837},"
				     "\"comm\":\"insmod\","));
	/* Address omitted when zero; values always an array. */
	ck_assert_ptr_null(strstr(buf, "\"address\""));
	ck_assert_ptr_nonnull(strstr(buf, "\"values\":[]}"));
}
END_TEST

START_TEST(event_hostile_strings)
{
	struct lkrg_event_record r;
	char buf[CLKRG_JSON_MAX];

	sample_violation(&r);
	lkrg_ev_set_str(r.d.comm, sizeof(r.d.comm), "\x1b[31m\"q\\\xff");
	memset(r.d.location, 'L', sizeof(r.d.location));
	ck_assert_int_gt(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"comm\":\"?[31m\\\"q\\\\?\""));
	ck_assert_ptr_nonnull(strstr(buf, "LLL\",\"address\""));
}
END_TEST

START_TEST(lost)
{
	__u64 w[LKRG_EV_LOST_RECORD_SIZE / 8];
	char buf[CLKRG_JSON_MAX];

	lkrg_ev_make_lost(w, 10, 5, 7, 8, 2);
	ck_assert_int_gt(clkrg_event_to_json((void *)w, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"seq\":0,\"type\":\"lost\",\"schema\":1,"
			 "\"mono_ns\":7,\"real_ns\":8,\"cpu\":2,\"flags\":1,"
			 "\"redacted\":false,\"first_seq\":10,\"count\":5}");
}
END_TEST

START_TEST(unknown_type_and_errors)
{
	struct lkrg_event_record r;
	char buf[CLKRG_JSON_MAX];

	sample_violation(&r);
	r.hdr.type = 9;
	ck_assert_int_gt(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"seq\":12,\"type\":\"unknown\",\"schema\":1,"
			 "\"mono_ns\":5000000000,\"real_ns\":1795687200123000000,"
			 "\"cpu\":1,\"flags\":0,\"redacted\":false}");
	r.hdr.type = LKRG_EV_VIOLATION;
	ck_assert_int_eq(clkrg_event_to_json(&r.hdr, buf, 10), -ENOSPC);
	ck_assert_int_eq(clkrg_event_to_json(&r.hdr, NULL, 0), -ENOSPC);
	ck_assert_int_eq(clkrg_event_to_json(NULL, buf, sizeof(buf)), -EINVAL);
	r.d.size = 8;	/* below what a detail payload must carry */
	ck_assert_int_eq(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)),
			 -EBADMSG);
	r.hdr.type = LKRG_EV_LOST;
	ck_assert_int_eq(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)),
			 -EBADMSG);
}
END_TEST

/* The exact boundary: the JSON and its NUL must fit. */
START_TEST(exact_fit)
{
	struct lkrg_event_record r;
	char buf[CLKRG_JSON_MAX];
	size_t n = strlen(SAMPLE_JSON);

	sample_violation(&r);
	ck_assert_int_eq(clkrg_event_to_json(&r.hdr, buf, n), -ENOSPC);
	ck_assert_int_eq(clkrg_event_to_json(&r.hdr, buf, n + 1), (int)n);
}
END_TEST

static void sample_status(struct lkrg_status *st)
{
	int i;

	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	lkrg_ev_set_str(st->module_version, sizeof(st->module_version),
			"0.1.0");
	st->api_version = 1;
	st->schema_version = 1;
	for (i = 0; i < 16; i++)
		st->instance_uuid[i] = (__u8)(0xf0 + i);
	st->generation = 2;
	st->loaded_real_ns = SAMPLE_REAL_NS;
	st->checks = 7;
	st->last_check_id = 7;
	st->last_check_real_ns = SAMPLE_REAL_NS + 1;
	st->last_check_duration_ns = 4200000;
	st->last_check_violations = 1;
	st->block_modules = LKRG_BLOCK_LOCK;
	st->events_produced = 42;
	st->events_oldest = 3;
	st->violations_total = 9;
	st->shutting_down = 1;
	st->interval_s = 15;
	st->events_suppressed = 5;
	st->objects = 11;
}

START_TEST(status)
{
	struct lkrg_status st;
	char buf[CLKRG_JSON_MAX];

	sample_status(&st);
	ck_assert_int_gt(clkrg_status_to_json(&st, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf,
		"{\"module_version\":\"0.1.0\",\"api_version\":1,"
		"\"schema_version\":1,"
		"\"instance\":\"f0f1f2f3-f4f5-f6f7-f8f9-fafbfcfdfeff\","
		"\"generation\":2,\"loaded_real_ns\":1795687200123000000,"
		"\"checks\":7,\"last_check_id\":7,"
		"\"last_check_real_ns\":1795687200123000001,"
		"\"last_check_duration_ns\":4200000,"
		"\"last_check_violations\":1,\"block_modules\":\"lock\","
		"\"events_produced\":42,\"events_oldest\":3,"
		"\"violations_total\":9,\"shutting_down\":true,"
		"\"interval_s\":15,\"events_suppressed\":5,\"objects\":11,"
		"\"tasks\":0,\"locked\":false}");
	st.tasks = 123;
	st.locked = 1;
	ck_assert_int_gt(clkrg_status_to_json(&st, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"objects\":11,\"tasks\":123,"
				     "\"locked\":true}"));
	st.shutting_down = 0;
	st.block_modules = 7;
	ck_assert_int_gt(clkrg_status_to_json(&st, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"block_modules\":\"unknown\""));
	ck_assert_ptr_nonnull(strstr(buf, "\"shutting_down\":false"));
	ck_assert_int_eq(clkrg_status_to_json(NULL, buf, sizeof(buf)), -EINVAL);
}
END_TEST

START_TEST(check)
{
	struct lkrg_check ck = {
		.size = sizeof(ck), .check_id = 4, .start_ns = 100,
		.duration_ns = 2000, .regions = 3, .bytes = 1 << 20,
		.violations = 0, .trigger = LKRG_TRIGGER_MANUAL,
		.generation = 1, .start_real_ns = SAMPLE_REAL_NS,
	};
	char buf[CLKRG_JSON_MAX];

	ck_assert_int_gt(clkrg_check_to_json(&ck, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"check_id\":4,\"start_ns\":100,"
			 "\"start_real_ns\":1795687200123000000,"
			 "\"duration_ns\":2000,\"regions\":3,\"bytes\":1048576,"
			 "\"violations\":0,\"trigger\":\"manual\","
			 "\"generation\":1,\"tasks\":0,\"tasks_ns\":0}");
	ck.tasks = 1000;
	ck.tasks_ns = 250000;
	ck_assert_int_gt(clkrg_check_to_json(&ck, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"generation\":1,\"tasks\":1000,"
				     "\"tasks_ns\":250000}"));
	/* A module that does not fill it: 0, still present. */
	ck.start_real_ns = 0;
	ck.trigger = LKRG_TRIGGER_TIMER;
	ck_assert_int_gt(clkrg_check_to_json(&ck, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"start_real_ns\":0,"));
	ck_assert_ptr_nonnull(strstr(buf, "\"trigger\":\"timer\""));
	ck_assert_int_eq(clkrg_check_to_json(&ck, buf, 20), -ENOSPC);
	ck_assert_int_eq(clkrg_check_to_json(NULL, buf, sizeof(buf)), -EINVAL);
}
END_TEST

START_TEST(knobs)
{
	struct lkrg_knob k;
	char buf[CLKRG_JSON_MAX];

	sample_enforce_knob(&k);
	ck_assert_int_gt(clkrg_knob_to_json(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"name\":\"kint_enforce\",\"value\":1,"
			 "\"value_name\":\"log_only\",\"min\":0,\"max\":4,"
			 "\"enum\":true,\"load_only\":false,"
			 "\"allowed\":[0,1,4],\"allowed_names\":[\"log_accept\","
			 "\"log_only\",\"panic\"],"
			 "\"description\":\"what a violation does\"}");
	sample_interval_knob(&k);
	k.flags = LKRG_KNOB_F_LOAD_ONLY;
	ck_assert_int_gt(clkrg_knob_to_json(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"name\":\"interval\",\"value\":15,\"min\":5,"
			 "\"max\":1800,\"enum\":false,\"load_only\":true,"
			 "\"description\":\"seconds between checks\"}");
	/* Names come from knob.names, also for a range that is not enum. */
	sample_validate_knob(&k);
	ck_assert_int_gt(clkrg_knob_to_json(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"name\":\"kint_validate\",\"value\":2,"
			 "\"value_name\":\"periodic\",\"min\":0,\"max\":2,"
			 "\"enum\":false,\"load_only\":false,"
			 "\"allowed_names\":[\"off\",\"manual\",\"periodic\"],"
			 "\"description\":\"when checks run\"}");
	sample_block_knob(&k);
	k.value = LKRG_BLOCK_LOCK;
	ck_assert_int_gt(clkrg_knob_to_json(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"name\":\"block_modules\",\"value\":2,"
			 "\"value_name\":\"lock\",\"min\":0,\"max\":2,"
			 "\"enum\":true,\"load_only\":false,"
			 "\"allowed\":[0,1,2],"
			 "\"allowed_names\":[\"off\",\"on\",\"lock\"],"
			 "\"description\":\"module loading\"}");
	/* Values past the last name are allowed but have no name. */
	sample_validate_knob(&k);
	k.value = 5;
	k.max = 5;
	ck_assert_int_gt(clkrg_knob_to_json(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"name\":\"kint_validate\",\"value\":5,"
			 "\"min\":0,\"max\":5,"
			 "\"enum\":false,\"load_only\":false,"
			 "\"allowed_names\":[\"off\",\"manual\",\"periodic\","
			 "\"random\"],"
			 "\"description\":\"when checks run\"}");
	ck_assert_int_eq(clkrg_knob_to_json(NULL, buf, sizeof(buf)), -EINVAL);
	sample_block_knob(&k);
	k.value = LKRG_BLOCK_LOCK;
	/* Without knob.names: numbers only, whatever the knob is called. */
	k.names = LKRG_KNOB_NAMES_NONE;
	ck_assert_int_gt(clkrg_knob_to_json(&k, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"name\":\"block_modules\",\"value\":2,"
			 "\"min\":0,\"max\":2,"
			 "\"enum\":true,\"load_only\":false,"
			 "\"allowed\":[0,1,2],"
			 "\"description\":\"module loading\"}");
}
END_TEST

START_TEST(stats_row)
{
	struct lkrg_stats_row r = {
		.id = LKRG_TRIGGER_TIMER, .fired = 9, .started = 7,
		.coalesced = 2, .violations = 1, .last_fired_ns = 123,
		.total_ns = 7000, .max_ns = 1500,
	};
	char buf[CLKRG_JSON_MAX];

	lkrg_ev_set_str(r.name, sizeof(r.name), "timer");
	ck_assert_int_gt(clkrg_stats_row_to_json(&r, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"name\":\"timer\",\"id\":2,\"fired\":9,"
			 "\"started\":7,\"coalesced\":2,\"violations\":1,"
			 "\"last_fired_ns\":123,\"total_ns\":7000,"
			 "\"max_ns\":1500}");
	ck_assert_int_eq(clkrg_stats_row_to_json(NULL, buf, sizeof(buf)),
			 -EINVAL);
}
END_TEST

/* Objects and actions of exploit detection come out by name. */
START_TEST(event_exploit_detection)
{
	struct lkrg_event_record r;
	char buf[CLKRG_JSON_MAX];

	sample_violation(&r);
	r.d.category = LKRG_CAT_TASK;
	r.d.object = LKRG_OBJ_TASK_SHADOW;
	r.d.action = LKRG_ACT_DENIED;
	ck_assert_int_gt(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"category\":\"task\","
				     "\"object\":\"task_shadow\","
				     "\"action\":\"denied\","));
	r.d.object = LKRG_OBJ_UMH;
	ck_assert_int_gt(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"object\":\"umh\","));
	r.d.object = LKRG_OBJ_REDIRECT;
	ck_assert_int_gt(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"object\":\"redirect\","));
	r.d.object = LKRG_OBJ_CALLBACK;
	ck_assert_int_gt(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"object\":\"callback\","));
	r.d.object = LKRG_OBJ_CALLBACK + 1;
	ck_assert_int_gt(clkrg_event_to_json(&r.hdr, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"object\":\"unknown\","));
}
END_TEST

START_TEST(hook_row)
{
	struct lkrg_hook_row r = {
		.hits = 10, .violations = 1, .denied = 2, .active = 1,
	};
	char buf[CLKRG_JSON_MAX];

	lkrg_ev_set_str(r.symbol, sizeof(r.symbol), "commit_creds");
	lkrg_ev_set_str(r.role, sizeof(r.role), "creds");
	ck_assert_int_gt(clkrg_hook_row_to_json(&r, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "{\"symbol\":\"commit_creds\",\"role\":\"creds\","
			 "\"active\":true,\"hits\":10,\"violations\":1,"
			 "\"denied\":2}");
	/* Any nonzero active is true; unterminated strings stop at the end;
	 * control bytes are not passed on. */
	r.active = 7;
	memset(r.symbol, 'x', sizeof(r.symbol));
	r.role[0] = 0x1b;
	ck_assert_int_gt(clkrg_hook_row_to_json(&r, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"role\":\"?reds\",\"active\":true"));
	ck_assert_ptr_nonnull(strstr(buf, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
				     "xxxxxxxxx\","));
	r.active = 0;
	ck_assert_int_gt(clkrg_hook_row_to_json(&r, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\"active\":false"));
	ck_assert_int_eq(clkrg_hook_row_to_json(&r, buf, 16), -ENOSPC);
	ck_assert_int_eq(clkrg_hook_row_to_json(NULL, buf, sizeof(buf)),
			 -EINVAL);
}
END_TEST

START_TEST(umh_entry)
{
	struct lkrg_umh_entry e = { .allowed = 3 };
	char buf[CLKRG_JSON_MAX];

	lkrg_ev_set_str(e.path, sizeof(e.path), "/sbin/modprobe");
	ck_assert_int_gt(clkrg_umh_entry_to_json(&e, buf, sizeof(buf)), 0);
	/* No escaped slashes: paths read as typed. */
	ck_assert_str_eq(buf, "{\"path\":\"/sbin/modprobe\",\"allowed\":3}");
	memset(e.path, '/', sizeof(e.path));
	ck_assert_int_eq(clkrg_umh_entry_to_json(&e, buf, sizeof(buf)),
			 (int)strlen("{\"path\":\"\",\"allowed\":3}") +
			 LKRG_UMH_PATH_LEN);
	ck_assert_int_eq(clkrg_umh_entry_to_json(&e, buf, 100), -ENOSPC);
	ck_assert_int_eq(clkrg_umh_entry_to_json(NULL, buf, sizeof(buf)),
			 -EINVAL);
}
END_TEST

Suite *json_suite(void)
{
	Suite *s = suite_create("libclkrg/json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, event);
	tcase_add_test(tc, event_task_redacted);
	tcase_add_test(tc, event_hostile_strings);
	tcase_add_test(tc, lost);
	tcase_add_test(tc, unknown_type_and_errors);
	tcase_add_test(tc, exact_fit);
	tcase_add_test(tc, status);
	tcase_add_test(tc, check);
	tcase_add_test(tc, knobs);
	tcase_add_test(tc, stats_row);
	tcase_add_test(tc, event_exploit_detection);
	tcase_add_test(tc, hook_row);
	tcase_add_test(tc, umh_entry);
	suite_add_tcase(s, tc);
	return s;
}
