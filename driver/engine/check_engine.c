// SPDX-License-Identifier: GPL-2.0
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/panic.h>
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include "core/lkrg_names.h"
#include "services/events.h"
#include "services/policy.h"
#include "integrity/kint.h"
#include "integrity/cpu_state.h"
#include "integrity/modules.h"
#include "integrity/inventory.h"
#include "exploit/pint.h"
#include "integrity/selinux_guard.h"
#include "hooks/hooks.h"
#include "services/vault.h"
#include "engine/check_engine.h"

/* Scheduling state, under eng_lock (taken from timer context too). */
struct engine {
	bool running;		/* the worker owns the next check */
	bool pending;		/* a check is asked for and not started */
	bool stopping;
	u16 pending_trigger;
	u64 started_id;
	u64 done_id;
	struct lkrg_check last;
	struct clkrg_engine_status st;
	struct lkrg_stats_row stats[LKRG_TRIGGER_COUNT];
};

static DEFINE_SPINLOCK(eng_lock);
static struct engine eng;
static DECLARE_WAIT_QUEUE_HEAD(eng_wq);
/* Guards never run concurrently: a check and a rebaseline exclude. */
static DEFINE_MUTEX(guard_lock);
static struct timer_list eng_timer;
static void engine_work(struct work_struct *w);
static DECLARE_WORK(eng_work, engine_work);

/* Returns the id the asked-for check will have. */
static u64 request(u16 trigger)
{
	unsigned long flags;
	u64 target;

	spin_lock_irqsave(&eng_lock, flags);
	target = eng.started_id + 1;
	eng.stats[trigger].fired++;
	eng.stats[trigger].last_fired_ns = ktime_get_ns();
	if (!eng.pending) {
		eng.pending = true;
		eng.pending_trigger = trigger;
	} else {
		eng.stats[trigger].coalesced++;
	}
	if (!eng.running && !eng.stopping) {
		eng.running = true;
		queue_work(system_unbound_wq, &eng_work);
	}
	spin_unlock_irqrestore(&eng_lock, flags);
	return target;
}

void clkrg_engine_request(u16 trigger)
{
	if (clkrg_policy(KNOB_KINT_VALIDATE) != LKRG_VALIDATE_OFF)
		request(trigger);
}

static void heartbeat(const struct lkrg_check *res)
{
	struct lkrg_event_record r;

	clkrg_ev_prepare(&r, LKRG_EV_INFO, LKRG_SEV_INFO, LKRG_CAT_KERNEL,
			 LKRG_OBJ_NONE, LKRG_ACT_NONE, false);
	r.d.trigger = res->trigger;
	r.d.check_id = res->check_id;
	r.d.generation = res->generation;
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "system clean");
	clkrg_ev_emit(&r);
}

static void cpu_policy(struct clkrg_cpu_policy *pol)
{
	pol->msr_validate = clkrg_policy(KNOB_MSR_VALIDATE);
	pol->smep_validate = clkrg_policy(KNOB_SMEP_VALIDATE);
	pol->smap_validate = clkrg_policy(KNOB_SMAP_VALIDATE);
	pol->smep_enforce = clkrg_policy(KNOB_SMEP_ENFORCE);
	pol->smap_enforce = clkrg_policy(KNOB_SMAP_ENFORCE);
	pol->enforce = clkrg_policy(KNOB_KINT_ENFORCE);
}

static void run_check(u64 id, u16 trigger, struct lkrg_check *res)
{
	struct clkrg_check_ctx ctx = {
		.check_id = id,
		.trigger = trigger,
		.enforce = clkrg_policy(KNOB_KINT_ENFORCE),
	};
	struct clkrg_cpu_policy pol;
	u64 start, start_real;

	mutex_lock(&guard_lock);
	ctx.generation = READ_ONCE(eng.st.generation);
	start = ktime_get_ns();
	start_real = ktime_get_real_ns();
	clkrg_kint_check(&ctx);
	cpu_policy(&pol);
	clkrg_cpu_check(&ctx, &pol);
	clkrg_modules_check(&ctx);
	clkrg_inventory_check(&ctx);
	clkrg_selinux_check(&ctx);
	clkrg_hooks_verify(&ctx);
	clkrg_vault_verify(&ctx);
	clkrg_pint_check_all(&ctx);
	memset(res, 0, sizeof(*res));
	res->size = sizeof(*res);
	res->check_id = id;
	res->start_ns = start;
	res->start_real_ns = start_real;
	res->duration_ns = ktime_get_ns() - start;
	res->regions = ctx.regions;
	res->bytes = ctx.bytes;
	res->tasks = ctx.tasks;
	res->tasks_ns = ctx.tasks_ns;
	res->violations = ctx.violations;
	res->trigger = trigger;
	res->generation = ctx.generation;
	mutex_unlock(&guard_lock);

	if (ctx.panic)
		panic("clkrg: integrity violation found by check %llu",
		      id);
	if (!ctx.violations && clkrg_policy(KNOB_HEARTBEAT))
		heartbeat(res);
}

static void engine_work(struct work_struct *w)
{
	struct lkrg_check res;
	u16 trigger;
	u64 id;

	for (;;) {
		spin_lock_irq(&eng_lock);
		if (!eng.pending || eng.stopping) {
			eng.running = false;
			spin_unlock_irq(&eng_lock);
			return;
		}
		eng.pending = false;
		trigger = eng.pending_trigger;
		id = ++eng.started_id;
		eng.stats[trigger].started++;
		spin_unlock_irq(&eng_lock);

		run_check(id, trigger, &res);

		spin_lock_irq(&eng_lock);
		eng.last = res;
		eng.done_id = id;
		eng.st.checks++;
		eng.st.last_check_id = id;
		eng.st.last_check_real_ns = ktime_get_real_ns();
		eng.st.last_check_duration_ns = res.duration_ns;
		eng.st.last_check_violations = res.violations;
		eng.st.violations_total += res.violations;
		eng.stats[trigger].violations += res.violations;
		eng.stats[trigger].total_ns += res.duration_ns;
		eng.stats[trigger].max_ns = max(eng.stats[trigger].max_ns,
						res.duration_ns);
		spin_unlock_irq(&eng_lock);
		wake_up_all(&eng_wq);
	}
}

static bool check_done(u64 target)
{
	unsigned long flags;
	bool done;

	spin_lock_irqsave(&eng_lock, flags);
	done = eng.done_id >= target;
	spin_unlock_irqrestore(&eng_lock, flags);
	return done;
}

int clkrg_engine_force_run(struct lkrg_check *out)
{
	u64 target;

	if (clkrg_policy(KNOB_KINT_VALIDATE) == LKRG_VALIDATE_OFF)
		return -EOPNOTSUPP;
	target = request(LKRG_TRIGGER_MANUAL);
	if (wait_event_interruptible(eng_wq, check_done(target)))
		return -EINTR;
	spin_lock_irq(&eng_lock);
	/* The newest result; its check started after this call. */
	*out = eng.last;
	spin_unlock_irq(&eng_lock);
	return 0;
}

u64 clkrg_engine_rebaseline(u64 scope)
{
	struct lkrg_event_record r;
	u64 old, gen;

	mutex_lock(&guard_lock);
	clkrg_kint_rebaseline(scope);
	if (!scope || (scope & LKRG_SCOPE_CPU))
		clkrg_cpu_rebaseline();
	if (!scope || (scope & LKRG_SCOPE_MODULES)) {
		clkrg_modules_rebaseline();
		clkrg_inventory_rebaseline();
	}
	old = eng.st.generation;
	gen = old + 1;
	WRITE_ONCE(eng.st.generation, gen);
	mutex_unlock(&guard_lock);

	clkrg_ev_prepare(&r, LKRG_EV_ADMIN, LKRG_SEV_NOTICE, LKRG_CAT_GUARD,
			 LKRG_OBJ_BASELINE, LKRG_ACT_CHANGED, true);
	r.d.generation = gen;
	lkrg_ev_set_str(r.d.name, sizeof(r.d.name), "baseline");
	lkrg_ev_add_value(&r.d, "generation", old, gen);
	lkrg_ev_add_value(&r.d, "scope", 0, scope);
	clkrg_ev_emit(&r);
	return gen;
}

void clkrg_engine_rearm(void)
{
	unsigned long flags;
	bool stopping;

	spin_lock_irqsave(&eng_lock, flags);
	stopping = eng.stopping;
	spin_unlock_irqrestore(&eng_lock, flags);
	/* del_timer_sync() needs the timer to stop re-arming itself. */
	if (!stopping)
		mod_timer(&eng_timer,
			  jiffies + clkrg_policy(KNOB_INTERVAL) * HZ);
}

static void engine_timer(struct timer_list *t)
{
	if (clkrg_policy(KNOB_KINT_VALIDATE) >= LKRG_VALIDATE_PERIODIC)
		request(LKRG_TRIGGER_TIMER);
	clkrg_engine_rearm();
}

int clkrg_engine_init(void)
{
	memset(&eng, 0, sizeof(eng));
	eng.st.generation = 1;
	timer_setup(&eng_timer, engine_timer, 0);
	clkrg_engine_rearm();
	return 0;
}

void clkrg_engine_exit(void)
{
	spin_lock_irq(&eng_lock);
	eng.stopping = true;
	spin_unlock_irq(&eng_lock);
	del_timer_sync(&eng_timer);
	cancel_work_sync(&eng_work);
}

void clkrg_engine_stats(unsigned int id, struct lkrg_stats_row *out)
{
	spin_lock_irq(&eng_lock);
	*out = eng.stats[id];
	spin_unlock_irq(&eng_lock);
	lkrg_ev_set_str(out->name, sizeof(out->name), lkrg_name_trigger(id));
	out->id = id;
}

void clkrg_engine_status(struct clkrg_engine_status *out)
{
	spin_lock_irq(&eng_lock);
	*out = eng.st;
	out->generation = READ_ONCE(eng.st.generation);
	spin_unlock_irq(&eng_lock);
}
