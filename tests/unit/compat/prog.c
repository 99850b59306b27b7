// SPDX-License-Identifier: GPL-2.0
/*
 * One libclkrg user, built twice (compat.sh runs both against one library):
 *  - COMPAT_OLD: against clkrg.h of CLKRG_1.2 (compat/v1.2) and the real
 *    ABI header, the shape of the first ABI version: a program built
 *    before the sized calls;
 *  - otherwise: against today's clkrg.h and the grown header
 *    (grow-abi.sh), a newer program whose structures have "grown".
 * Every structure it hands over is followed by canary bytes, and every
 * row is read at its own stride, so a library that writes or indexes with
 * its own sizes fails here. Prints TAP.
 *
 * The fake module (fake_preload.c, LD_PRELOAD) is driven through dlsym();
 * CLKRG_FAKE_OLDER says it plays a module older than the newer program.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <clkrg.h>

#define PAD	64
#define CANARY	0x5a
#define JUNK	0xa5
#define GROWN	0x67726f776eULL	/* what the fake puts in "grown" fields */

static int n, failed;

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failed += !cond;
}

/* @size bytes of junk followed by PAD canary bytes. */
static void *guarded(size_t size)
{
	unsigned char *p = malloc(size + PAD);

	if (!p)
		abort();
	memset(p, JUNK, size);
	memset(p + size, CANARY, PAD);
	return p;
}

static int intact(const void *p, size_t size)
{
	const unsigned char *c = (const unsigned char *)p + size;
	int i;

	for (i = 0; i < PAD; i++)
		if (c[i] != CANARY)
			return 0;
	return 1;
}

static void *ctl(const char *name)
{
	void *f = dlsym(RTLD_DEFAULT, name);

	if (!f) {
		printf("Bail out! %s: no fake module (LD_PRELOAD)\n", name);
		exit(2);
	}
	return f;
}

#ifndef COMPAT_OLD
/* A grown field: present with the fake's value from a module that has
 * it, absent and zero (whatever was there) from one that does not. */
static void check_grown(const char *what, int has, uint64_t value, int older)
{
	if (older)
		ok(!has && value == 0, "%s: an older module's missing field is absent and zero", what);
	else
		ok(has && value == GROWN, "%s: the newer module's field is there", what);
}

/* Rows carry no size: an older module's missing field reads zero. */
static void check_grown_row(const char *what, uint64_t value, int older)
{
	if (older)
		ok(value == 0, "%s: an older module's missing field reads zero", what);
	else
		ok(value == GROWN, "%s: the newer module's field is there", what);
}
#endif

int main(void)
{
	const char *(*path)(void) = (const char *(*)(void))ctl("fake_ctl_path");
	unsigned long long (*emit)(unsigned int, unsigned int, unsigned int,
				   const char *) =
		(unsigned long long (*)(unsigned int, unsigned int, unsigned int,
					const char *))ctl("fake_ctl_emit");
	int older = getenv("CLKRG_FAKE_OLDER") != NULL;
	const struct lkrg_event_hdr *ev;
	struct lkrg_status *st = guarded(sizeof(*st));
	struct lkrg_check *ck = guarded(sizeof(*ck));
	struct lkrg_event_detail *d = guarded(sizeof(*d));
	struct lkrg_event_lost *l = guarded(sizeof(*l));
	struct lkrg_stats_row *rows;
	struct lkrg_hook_row *hooks;
	struct lkrg_umh_entry *umh;
	struct lkrg_knob *k;
	char buf[CLKRG_JSON_MAX];
	struct clkrg *c = NULL;
	size_t count, i;
	int ret;

	printf("# %s program, %s module\n",
#ifdef COMPAT_OLD
	       "1.0-shaped",
#else
	       "newer",
#endif
	       older ? "older" : "newer");
	ret = clkrg_open(path(), &c);
	ok(ret == 0, "clkrg_open: %d", ret);
	if (ret) {
		printf("Bail out! no handle\n");
		return 1;
	}
	ok(clkrg_hello_info(c)->api_version == LKRG_API_VERSION, "hello");

	ret = clkrg_status(c, st);
	ok(ret == 0 && intact(st, sizeof(*st)), "status: %d, nothing written past the program's struct", ret);
	ok(st->generation == 4 && strlen((char *)st->module_version) ==
	   sizeof(st->module_version) - 1, "status: generation and version");
	ret = clkrg_status_to_json(st, buf, sizeof(buf));
	ok(ret > 0 && strstr(buf, "\"generation\":4,"), "status as JSON");
	ret = clkrg_force_run(c, ck);
	ok(ret == 0 && intact(ck, sizeof(*ck)), "force-run: %d, nothing written past the program's struct", ret);
	ok(ck->check_id == 5 && ck->violations == 2 &&
	   ck->trigger == LKRG_TRIGGER_MANUAL, "force-run: check 5, 2 violations");
	ret = clkrg_check_to_text(ck, buf, sizeof(buf));
	ok(ret > 0 && !strncmp(buf, "check #5: 2 violations", 22), "check as text: %s", buf);
#ifndef COMPAT_OLD
	check_grown("status", CLKRG_HAS(st, grown), st->grown, older);
	check_grown("force-run", CLKRG_HAS(ck, grown), ck->grown, older);
	ok(CLKRG_HAS(st, locked) && CLKRG_HAS(ck, tasks_ns),
	   "fields of the first version are there");
#endif

	ret = clkrg_policy_list(c, &k, &count);
	ok(ret == 0 && count == 2, "policy list: %d, %zu knobs", ret, count);
	ok(!strcmp((char *)k[0].name, "kint_enforce") &&
	   !strcmp((char *)k[1].name, "interval") && k[1].max == 1800 &&
	   !strcmp((char *)k[1].desc, "seconds between checks"),
	   "each knob at the program's stride");
	ok(clkrg_knob_name_set(&k[0]) == CLKRG_NAMES_ENFORCE &&
	   clkrg_knob_value_name(&k[0], 4) &&
	   !strcmp(clkrg_knob_value_name(&k[0], 4), "panic") &&
	   clkrg_knob_allows(&k[1], 30) && !clkrg_knob_allows(&k[1], 1),
	   "knob names and ranges");
	ret = clkrg_knob_to_json(&k[1], buf, sizeof(buf));
	ok(ret > 0 && strstr(buf, "\"name\":\"interval\",\"value\":15,\"min\":5,\"max\":1800,"),
	   "knob as JSON: %s", buf);
	ret = clkrg_knob_value_text(&k[0], 1, buf, sizeof(buf));
	ok(ret > 0 && !strcmp(buf, "1 (log_only)"), "knob value as text");
	ret = clkrg_knob_to_text(&k[0], buf, sizeof(buf));
	ok(ret > 0 && strstr(buf, "log_accept|log_only|panic"), "knob as text");
#ifndef COMPAT_OLD
	check_grown_row("knob rows", k[1].grown, older);
#endif
	clkrg_knobs_free(k);

	ret = clkrg_stats(c, &rows, &count);
	ok(ret == 0 && count == 3 && rows[2].id == 2 && rows[2].fired == 12 &&
	   rows[1].fired == 11, "stats rows at the program's stride");
	ret = clkrg_stats_row_to_json(&rows[2], buf, sizeof(buf));
	ok(ret > 0 && strstr(buf, "\"id\":2,\"fired\":12,"), "stats row as JSON");
#ifndef COMPAT_OLD
	check_grown_row("stats rows", rows[2].grown, older);
#endif
	clkrg_stats_free(rows);
	ret = clkrg_hooks(c, &hooks, &count);
	ok(ret == 0 && count == 2 && hooks[1].hits == 101 &&
	   hooks[1].denied == 2 && hooks[1].active == 1,
	   "hook rows at the program's stride");
	ret = clkrg_hook_row_to_json(&hooks[1], buf, sizeof(buf));
	ok(ret > 0 && strstr(buf, "\"active\":true,\"hits\":101,"), "hook row as JSON");
#ifndef COMPAT_OLD
	check_grown_row("hook rows", hooks[1].grown, older);
#endif
	clkrg_hooks_free(hooks);
	ok(!clkrg_umh_add(c, "/sbin/a", NULL, NULL) &&
	   !clkrg_umh_add(c, "/sbin/b", NULL, NULL), "umh add");
	ret = clkrg_umh_list(c, &umh, &count, NULL, NULL);
	ok(ret == 0 && count == 2 && !strcmp((char *)umh[1].path, "/sbin/b") &&
	   umh[1].allowed == 8, "umh entries at the program's stride");
	ret = clkrg_umh_entry_to_json(&umh[1], buf, sizeof(buf));
	ok(ret > 0 && !strcmp(buf, "{\"path\":\"/sbin/b\",\"allowed\":8}"),
	   "umh entry as JSON: %s", buf);
#ifndef COMPAT_OLD
	check_grown_row("umh entries", umh[1].grown, older);
#endif
	clkrg_umh_free(umh);

	emit(LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_OBJ_KTEXT, ".text");
	ret = clkrg_event_next(c, 0, &ev);
	ok(ret == 1 && ev->seq == 1 && ev->type == LKRG_EV_VIOLATION, "event 1");
	ret = clkrg_event_detail(ev, d);
	ok(ret == 0 && intact(d, sizeof(*d)), "event detail: %d, nothing written past the program's struct", ret);
	ok(!strcmp((char *)d->name, ".text") && d->severity == LKRG_SEV_ALERT &&
	   d->nvalues == 1 && d->values[0].actual == 0x2223,
	   "event detail fields");
	ret = clkrg_event_to_json(ev, buf, sizeof(buf));
	ok(ret > 0 && strstr(buf, "\"name\":\".text\""), "event as JSON");
#ifndef COMPAT_OLD
	check_grown("event detail", CLKRG_HAS(d, grown), d->grown, older);
#endif
	for (i = 0; i < 20; i++)
		emit(LKRG_EV_INFO, LKRG_SEV_INFO, LKRG_OBJ_BASELINE, "x");
	ok(clkrg_event_seek(c, 2) == 0 && clkrg_event_next(c, 0, &ev) == 1 &&
	   ev->type == LKRG_EV_LOST, "a reader behind the ring gets LOST");
	ret = clkrg_event_lost(ev, l);
	ok(ret == 0 && intact(l, sizeof(*l)) && l->first_seq == 2 &&
	   l->count == 4, "lost payload: %d, seq 2, 4 records", ret);
#ifndef COMPAT_OLD
	{
		struct clkrg_cursor cur = { .size = sizeof(cur) };
		struct clkrg_filter f = {
			.size = sizeof(f), .types = 1ULL << LKRG_EV_VIOLATION
		};

		ok(!clkrg_event_tell(c, &cur) && cur.seq == 6, "tell: seq %llu",
		   (unsigned long long)cur.seq);
		ok(!clkrg_event_filter(c, &f) && clkrg_event_next(c, 0, &ev) == 0,
		   "the filter passes none of 6..21");
		emit(LKRG_EV_VIOLATION, LKRG_SEV_ALERT, LKRG_OBJ_MODULE, "m");
		ok(clkrg_event_next(c, 0, &ev) == 1 && ev->seq == 22,
		   "then the new violation");
		/* Record 6 went with the ring meanwhile: the loss is said. */
		ok(clkrg_event_resume(c, &cur) == 0 &&
		   !clkrg_event_filter(c, NULL) && clkrg_event_next(c, 0, &ev) == 1 &&
		   ev->type == LKRG_EV_LOST && !clkrg_event_lost(ev, l) &&
		   l->first_seq == 6 && l->count == 1, "resume at the cursor");
	}
#endif
	clkrg_close(c);
	printf("1..%d\n", n);
	free(st);
	free(ck);
	free(d);
	free(l);
	return failed ? 1 : 0;
}
