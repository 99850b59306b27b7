// SPDX-License-Identifier: GPL-2.0 OR LGPL-2.1-or-later
#include "lkrg_names.h"

#define NAME_AT(tbl, i) \
	((i) < ARRAY_SIZE(tbl) && (tbl)[i] ? (tbl)[i] : "unknown")

static const char * const type_names[] = {
	[LKRG_EV_LOST] = "lost",
	[LKRG_EV_VIOLATION] = "violation",
	[LKRG_EV_ADMIN] = "admin",
	[LKRG_EV_BLOCK] = "block",
	[LKRG_EV_INFO] = "info",
};

static const char * const sev_names[] = {
	[LKRG_SEV_ALERT] = "alert",
	[LKRG_SEV_WARN] = "warn",
	[LKRG_SEV_NOTICE] = "notice",
	[LKRG_SEV_INFO] = "info",
};

static const char * const sev_log[] = {
	[LKRG_SEV_ALERT] = "ALERT",
	[LKRG_SEV_WARN] = "WARN",
	[LKRG_SEV_NOTICE] = "NOTICE",
	[LKRG_SEV_INFO] = "INFO",
};

static const char * const cat_names[] = {
	[LKRG_CAT_KERNEL] = "kernel",
	[LKRG_CAT_MODULE] = "module",
	[LKRG_CAT_CPU] = "cpu",
	[LKRG_CAT_TASK] = "task",
	[LKRG_CAT_GUARD] = "guard",
};

static const char * const obj_names[] = {
	[LKRG_OBJ_NONE] = "none",
	[LKRG_OBJ_KTEXT] = "ktext",
	[LKRG_OBJ_RODATA] = "rodata",
	[LKRG_OBJ_EXTABLE] = "extable",
	[LKRG_OBJ_IDT] = "idt",
	[LKRG_OBJ_MSR] = "msr",
	[LKRG_OBJ_CR] = "cr",
	[LKRG_OBJ_MODULE] = "module",
	[LKRG_OBJ_MODULE_LIST] = "module_list",
	[LKRG_OBJ_TASK_CRED] = "task_cred",
	[LKRG_OBJ_POLICY] = "policy",
	[LKRG_OBJ_BASELINE] = "baseline",
	[LKRG_OBJ_GUARD] = "guard",
	[LKRG_OBJ_CPUS] = "cpus",
	[LKRG_OBJ_TASK_NS] = "task_ns",
	[LKRG_OBJ_TASK_SECCOMP] = "task_seccomp",
	[LKRG_OBJ_TASK_STACK] = "task_stack",
	[LKRG_OBJ_UMH] = "umh",
	[LKRG_OBJ_SELINUX] = "selinux",
	[LKRG_OBJ_TASK_SHADOW] = "task_shadow",
	[LKRG_OBJ_HOOK] = "hook",
	[LKRG_OBJ_PATCH_SITE] = "patch_site",
	[LKRG_OBJ_SELF] = "self",
	[LKRG_OBJ_REDIRECT] = "redirect",
	[LKRG_OBJ_CALLBACK] = "callback",
};

static const char * const act_names[] = {
	[LKRG_ACT_NONE] = "none",
	[LKRG_ACT_LOGGED] = "logged",
	[LKRG_ACT_ACCEPTED] = "accepted",
	[LKRG_ACT_RESTORED] = "restored",
	[LKRG_ACT_BLOCKED] = "blocked",
	[LKRG_ACT_KILLED] = "killed",
	[LKRG_ACT_PANIC] = "panic",
	[LKRG_ACT_CHANGED] = "changed",
	[LKRG_ACT_DENIED] = "denied",
};

static const char * const act_log[] = {
	[LKRG_ACT_NONE] = "INFO",
	[LKRG_ACT_LOGGED] = "DETECT",
	[LKRG_ACT_ACCEPTED] = "ALLOW",
	[LKRG_ACT_RESTORED] = "RESTORE",
	[LKRG_ACT_BLOCKED] = "BLOCK",
	[LKRG_ACT_KILLED] = "KILL",
	[LKRG_ACT_PANIC] = "PANIC",
	[LKRG_ACT_CHANGED] = "CHANGE",
	[LKRG_ACT_DENIED] = "DENY",
};

static const char * const trig_names[] = {
	[LKRG_TRIGGER_NONE] = "none",
	[LKRG_TRIGGER_MANUAL] = "manual",
	[LKRG_TRIGGER_TIMER] = "timer",
	[LKRG_TRIGGER_MODULE] = "module",
	[LKRG_TRIGGER_LOAD] = "load",
	[LKRG_TRIGGER_CPU] = "cpu",
	[LKRG_TRIGGER_NETDEV] = "netdev",
	[LKRG_TRIGGER_NETEVENT] = "netevent",
	[LKRG_TRIGGER_INETADDR] = "inetaddr",
	[LKRG_TRIGGER_INET6ADDR] = "inet6addr",
	[LKRG_TRIGGER_CPUFREQ] = "cpufreq",
	[LKRG_TRIGGER_USB] = "usb",
	[LKRG_TRIGGER_ACPI] = "acpi",
};

static const char * const block_names[] = {
	[LKRG_BLOCK_OFF] = "off",
	[LKRG_BLOCK_ON] = "on",
	[LKRG_BLOCK_LOCK] = "lock",
};

static const char * const enforce_names[] = {
	[LKRG_ENFORCE_LOG_ACCEPT] = "log_accept",
	[LKRG_ENFORCE_LOG_ONLY] = "log_only",
	[LKRG_ENFORCE_RESTORE] = "restore",
	[LKRG_ENFORCE_KILL] = "kill",
	[LKRG_ENFORCE_PANIC] = "panic",
	[LKRG_ENFORCE_DENY] = "deny",
};

static const char * const validate_names[] = {
	[LKRG_VALIDATE_OFF] = "off",
	[LKRG_VALIDATE_MANUAL] = "manual",
	[LKRG_VALIDATE_PERIODIC] = "periodic",
	[LKRG_VALIDATE_RANDOM] = "random",
};

static const char * const pint_names[] = {
	[LKRG_PINT_OFF] = "off",
	[LKRG_PINT_CURRENT] = "current",
	[LKRG_PINT_PARANOID] = "paranoid",
};

static const char * const pcfi_names[] = {
	[LKRG_PCFI_OFF] = "off",
	[LKRG_PCFI_SP] = "sp",
	[LKRG_PCFI_FULL] = "full",
};

static const char * const umh_names[] = {
	[LKRG_UMH_OFF] = "off",
	[LKRG_UMH_ALLOWLIST] = "allowlist",
	[LKRG_UMH_BLOCK_ALL] = "block_all",
};

const char *lkrg_name_validate(unsigned int v)
{
	return NAME_AT(validate_names, v);
}

const char *lkrg_name_pint(unsigned int v)
{
	return NAME_AT(pint_names, v);
}

const char *lkrg_name_pcfi(unsigned int v)
{
	return NAME_AT(pcfi_names, v);
}

const char *lkrg_name_umh(unsigned int v)
{
	return NAME_AT(umh_names, v);
}

const char *lkrg_name_type(unsigned int v)
{
	return NAME_AT(type_names, v);
}

const char *lkrg_name_severity(unsigned int v)
{
	return NAME_AT(sev_names, v);
}

const char *lkrg_name_category(unsigned int v)
{
	return NAME_AT(cat_names, v);
}

const char *lkrg_name_object(unsigned int v)
{
	return NAME_AT(obj_names, v);
}

const char *lkrg_name_action(unsigned int v)
{
	return NAME_AT(act_names, v);
}

const char *lkrg_name_trigger(unsigned int v)
{
	return NAME_AT(trig_names, v);
}

const char *lkrg_name_block_mode(unsigned int v)
{
	return NAME_AT(block_names, v);
}

const char *lkrg_name_enforce(unsigned int v)
{
	return NAME_AT(enforce_names, v);
}

const char *lkrg_log_severity(unsigned int v)
{
	return NAME_AT(sev_log, v);
}

const char *lkrg_log_action(unsigned int v)
{
	return NAME_AT(act_log, v);
}

int lkrg_parse_block_mode(const char *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(block_names); i++)
		if (!strcmp(s, block_names[i]))
			return (int)i;
	return -EINVAL;
}
