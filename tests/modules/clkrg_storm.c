// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg_storm: TEST-ONLY module that produces clkrg events as fast as it
 * can, through clkrg_test_emit() (clkrg loaded with test_hooks=1), from a
 * kthread pinned to every online CPU and from a pinned hrtimer per CPU
 * whose callback runs in hard interrupt context. It counts every emit that
 * succeeded, so a reader can check delivered + lost == produced exactly.
 *
 *   echo 1 > /sys/module/clkrg_storm/parameters/run     start
 *   echo 0 > /sys/module/clkrg_storm/parameters/run     stop, wait for all
 *   cat /sys/module/clkrg_storm/parameters/produced     emits of the last run
 *   echo 100 > /sys/module/clkrg_storm/parameters/burst 100 emits, now
 *
 * Knobs read at start: thread_delay_us (0 = full speed), timer_period_us
 * (0 = no timers) and timer_burst (emits per timer callback). Every record
 * carries a distinct tag (values[0].actual), counting up from 1 per load;
 * next_tag tells the next one. clkrg is only referenced (symbol_get) while
 * a run or a burst uses it, so clkrg can be reloaded under this module.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>

/* Exported by clkrg.ko; resolved at run time with symbol_get(). */
int clkrg_test_emit(u64 tag);

struct storm_cpu {
	struct task_struct *thread;
	struct hrtimer timer;
	bool timer_on;
};

static DEFINE_MUTEX(storm_lock);	/* run, burst and their state */
static bool running;
static int (*emit)(u64 tag);		/* held while running */
static struct storm_cpu *cpus;
static bool stopping;
static u64 period_ns;
static unsigned int irq_burst;

static atomic64_t tag_counter = ATOMIC64_INIT(0);
static atomic64_t produced_thread = ATOMIC64_INIT(0);
static atomic64_t produced_irq = ATOMIC64_INIT(0);
static atomic64_t produced_burst = ATOMIC64_INIT(0);
static atomic64_t failed = ATOMIC64_INIT(0);
static atomic64_t irq_not_hard = ATOMIC64_INIT(0);

static uint thread_delay_us;
module_param(thread_delay_us, uint, 0644);
MODULE_PARM_DESC(thread_delay_us, "pause between thread emits, 0 = full speed");
static uint timer_period_us = 200;
module_param(timer_period_us, uint, 0644);
MODULE_PARM_DESC(timer_period_us, "hrtimer period per CPU, 0 = no timers");
static uint timer_burst = 2;
module_param(timer_burst, uint, 0644);
MODULE_PARM_DESC(timer_burst, "emits per timer callback");

static void count_emit(int (*fn)(u64 tag), atomic64_t *ok)
{
	if (fn(atomic64_inc_return(&tag_counter)))
		atomic64_inc(&failed);
	else
		atomic64_inc(ok);
}

static enum hrtimer_restart storm_timer(struct hrtimer *t)
{
	unsigned int i;

	if (!in_hardirq())
		atomic64_inc(&irq_not_hard);
	for (i = 0; i < READ_ONCE(irq_burst); i++)
		count_emit(emit, &produced_irq);
	if (READ_ONCE(stopping))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(period_ns));
	return HRTIMER_RESTART;
}

static int storm_thread(void *data)
{
	struct storm_cpu *sc = data;
	unsigned int delay = READ_ONCE(thread_delay_us);
	unsigned long n = 0;

	if (period_ns) {
		hrtimer_start(&sc->timer, ns_to_ktime(period_ns),
			      HRTIMER_MODE_REL_PINNED_HARD);
		sc->timer_on = true;
	}
	while (!kthread_should_stop()) {
		if (!READ_ONCE(stopping))
			count_emit(emit, &produced_thread);
		if (delay || READ_ONCE(stopping))
			usleep_range(delay + 1, delay + delay / 4 + 2);
		else if (!(++n % 32))
			cond_resched();
	}
	return 0;
}

static void storm_stop_locked(void)
{
	unsigned int cpu;

	if (!running)
		return;
	WRITE_ONCE(stopping, true);
	for_each_possible_cpu(cpu) {
		struct storm_cpu *sc = &cpus[cpu];

		if (sc->thread)
			kthread_stop(sc->thread);
		sc->thread = NULL;
		if (sc->timer_on)
			hrtimer_cancel(&sc->timer);
		sc->timer_on = false;
	}
	kfree(cpus);
	cpus = NULL;
	symbol_put(clkrg_test_emit);
	emit = NULL;
	running = false;
}

static int storm_start_locked(void)
{
	unsigned int cpu;

	if (running)
		return -EBUSY;
	emit = symbol_get(clkrg_test_emit);
	if (!emit)
		return -ENOENT;
	cpus = kcalloc(nr_cpu_ids, sizeof(*cpus), GFP_KERNEL);
	if (!cpus) {
		symbol_put(clkrg_test_emit);
		emit = NULL;
		return -ENOMEM;
	}
	period_ns = (u64)READ_ONCE(timer_period_us) * NSEC_PER_USEC;
	irq_burst = READ_ONCE(timer_burst);
	WRITE_ONCE(stopping, false);
	atomic64_set(&produced_thread, 0);
	atomic64_set(&produced_irq, 0);
	atomic64_set(&produced_burst, 0);
	atomic64_set(&failed, 0);
	atomic64_set(&irq_not_hard, 0);
	running = true;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		struct storm_cpu *sc = &cpus[cpu];
		struct task_struct *t;

		hrtimer_init(&sc->timer, CLOCK_MONOTONIC,
			     HRTIMER_MODE_REL_PINNED_HARD);
		sc->timer.function = storm_timer;
		t = kthread_create_on_cpu(storm_thread, sc, cpu, "clkrg_storm/%u");
		if (IS_ERR(t))
			continue;
		sc->thread = t;
		wake_up_process(t);
	}
	cpus_read_unlock();
	return 0;
}

static int run_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret = kstrtobool(val, &on);

	if (ret)
		return ret;
	mutex_lock(&storm_lock);
	if (on)
		ret = storm_start_locked();
	else
		storm_stop_locked();
	mutex_unlock(&storm_lock);
	return ret;
}

static int run_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(running));
}

/* Emits N records now, from the writer's context. */
static int burst_set(const char *val, const struct kernel_param *kp)
{
	int (*fn)(u64 tag);
	unsigned int n, i;
	int ret = kstrtouint(val, 0, &n);

	if (ret)
		return ret;
	fn = symbol_get(clkrg_test_emit);
	if (!fn)
		return -ENOENT;
	for (i = 0; i < n; i++) {
		ret = fn(atomic64_inc_return(&tag_counter));
		if (ret)
			break;
		atomic64_inc(&produced_burst);
		if (!(i % 256))
			cond_resched();
	}
	symbol_put(clkrg_test_emit);
	return ret;
}

static int counter_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%lld\n", (long long)atomic64_read(kp->arg));
}

static int produced_get(char *buf, const struct kernel_param *kp)
{
	s64 n = atomic64_read(&produced_thread) + atomic64_read(&produced_irq) +
		atomic64_read(&produced_burst);

	return sysfs_emit(buf, "%lld\n", (long long)n);
}

static int next_tag_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%lld\n",
			  (long long)atomic64_read(&tag_counter) + 1);
}

static const struct kernel_param_ops run_ops = {
	.set = run_set,
	.get = run_get,
};

static const struct kernel_param_ops burst_ops = { .set = burst_set };
static const struct kernel_param_ops counter_ops = { .get = counter_get };
static const struct kernel_param_ops produced_ops = { .get = produced_get };
static const struct kernel_param_ops next_tag_ops = { .get = next_tag_get };

module_param_cb(run, &run_ops, NULL, 0644);
MODULE_PARM_DESC(run, "1 starts the storm, 0 stops it and waits");
module_param_cb(burst, &burst_ops, NULL, 0200);
MODULE_PARM_DESC(burst, "write N: emit N records from the writer");
module_param_cb(produced, &produced_ops, NULL, 0444);
MODULE_PARM_DESC(produced, "successful emits since the last start");
module_param_cb(produced_thread, &counter_ops, &produced_thread, 0444);
MODULE_PARM_DESC(produced_thread, "of which from the kthreads");
module_param_cb(produced_irq, &counter_ops, &produced_irq, 0444);
MODULE_PARM_DESC(produced_irq, "of which from hard-irq timer callbacks");
module_param_cb(produced_burst, &counter_ops, &produced_burst, 0444);
MODULE_PARM_DESC(produced_burst, "of which from burst writes");
module_param_cb(failed, &counter_ops, &failed, 0444);
MODULE_PARM_DESC(failed, "emits that returned an error");
module_param_cb(irq_not_hard, &counter_ops, &irq_not_hard, 0444);
MODULE_PARM_DESC(irq_not_hard, "timer callbacks not in hard irq (must be 0)");
module_param_cb(next_tag, &next_tag_ops, NULL, 0444);
MODULE_PARM_DESC(next_tag, "tag of the next record");

static int __init storm_init(void)
{
	return 0;
}

static void __exit storm_exit(void)
{
	mutex_lock(&storm_lock);
	storm_stop_locked();
	mutex_unlock(&storm_lock);
}

module_init(storm_init);
module_exit(storm_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("clkrg test-only: event storm from threads and hard irqs");
