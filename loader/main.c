// SPDX-License-Identifier: GPL-2.0
/*
 * clkrg-load: loads clkrg with the policy of /etc/clkrg.conf as its
 * module parameters, so that it is in force from the first instruction
 * of the module, before any process can open /dev/lkrg. The whole file
 * is checked first; a file with an error is not applied at all: clkrg is
 * loaded with its own defaults and clkrg-load exits 1.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conf.h"

#ifndef CONF_PATH
#define CONF_PATH	"/etc/clkrg.conf"
#endif
#define MODPROBE	"/sbin/modprobe"
#define SYS_MODULE	"/sys/module/clkrg"

enum {
	EXIT_LOADED = 0,	/* with the file's policy (or no file) */
	EXIT_REFUSED = 1,	/* file refused; loaded with the defaults */
	EXIT_USAGE = 2,
	EXIT_NOT_LOADED = 3,	/* modprobe failed */
	EXIT_ALREADY = 4,	/* was loaded before: nothing applied */
};

struct opts {
	const char *config;
	const char *modprobe;
	bool check, dry_run, list;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: clkrg-load [--config FILE] [--check | --dry-run] "
		"[--modprobe PATH]\n"
		"       clkrg-load --list\n"
		"Loads clkrg with the policy of FILE (default " CONF_PATH ") "
		"as module\nparameters. A file with any error is not applied: "
		"clkrg then loads with\nits defaults and clkrg-load exits 1.\n"
		"  -c, --config FILE   the configuration file\n"
		"  -n, --check         check the file only, load nothing\n"
		"  -d, --dry-run       print the modprobe command, run nothing\n"
		"  -m, --modprobe PATH modprobe to run (default " MODPROBE ")\n"
		"  -l, --list          the knobs and the values they take\n"
		"Exit: 0 loaded, 1 file refused (defaults loaded), 2 usage, "
		"3 not loaded,\n4 already loaded (nothing applied). See "
		"clkrg-load(8), clkrg.conf(5).\n");
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check", no_argument, NULL, 'n' },
		{ "dry-run", no_argument, NULL, 'd' },
		{ "modprobe", required_argument, NULL, 'm' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	o->config = CONF_PATH;
	o->modprobe = MODPROBE;
	while ((ch = getopt_long(argc, argv, "c:ndm:lh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->config = optarg;
			break;
		case 'n':
			o->check = true;
			break;
		case 'd':
			o->dry_run = true;
			break;
		case 'm':
			o->modprobe = optarg;
			break;
		case 'l':
			o->list = true;
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_LOADED);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc || (o->check && o->dry_run)) {
		usage(stderr);
		return -1;
	}
	return 0;
}

static int list(const struct conf *c)
{
	char allowed[512];
	size_t i;

	for (i = 0; i < c->nknobs; i++) {
		conf_allowed_text(&c->knobs[i], allowed, sizeof(allowed));
		printf("%-18s %-34s %s\n", c->knobs[i].name, allowed,
		       c->knobs[i].desc);
	}
	printf("%-18s %-34s %s\n", "umh_allow", "/absolute/path",
	       "a usermode helper allowed (repeat; replaces the defaults)");
	printf("%-18s %-34s %s\n", "read_group", "name|gid",
	       "group that may open /dev/lkrg read-only");
	return EXIT_LOADED;
}

/* Reads the file: 0 (also when there is none: *present false) or -errno. */
static int read_file(struct conf *c, bool *present)
{
	FILE *f = fopen(c->path, "re");
	int ret;

	*present = f != NULL;
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	ret = conf_parse_file(c, f);
	fclose(f);
	return ret;
}

static void print_errors(const struct conf *c)
{
	char buf[CONF_MSG_LEN + 4200];
	unsigned int i;

	for (i = 0; i < c->nerr && i < CONF_ERRORS_KEPT; i++) {
		conf_error_text(c, &c->err[i], buf, sizeof(buf));
		fprintf(stderr, "clkrg-load: %s\n", buf);
	}
	if (c->nerr > CONF_ERRORS_KEPT)
		fprintf(stderr, "clkrg-load: %s: %u more errors\n", c->path,
			c->nerr - CONF_ERRORS_KEPT);
}

static bool cmdline_disables(void)
{
	char buf[4096] = "";
	FILE *f = fopen("/proc/cmdline", "re");
	char *tok, *save;
	size_t n;

	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	for (tok = strtok_r(buf, " \n", &save); tok;
	     tok = strtok_r(NULL, " \n", &save))
		if (!strcmp(tok, "clkrg.disable=1"))
			return true;
	return false;
}

/* modprobe clkrg PARAMS...: its exit status, or -1 when it did not run. */
static int modprobe(const char *path, char **params, int n)
{
	char **argv = calloc((size_t)n + 3, sizeof(*argv));
	int status, i;
	pid_t pid;

	if (!argv)
		return -1;
	argv[0] = "modprobe";
	argv[1] = "clkrg";
	for (i = 0; i < n; i++)
		argv[i + 2] = params[i];
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		execv(path, argv);
		fprintf(stderr, "clkrg-load: cannot run %s: %s\n", path,
			strerror(errno));
		_exit(127);
	}
	free(argv);
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void print_command(const char *path, char **params, int n)
{
	int i;

	printf("%s clkrg", path);
	for (i = 0; i < n; i++)
		printf(" %s", params[i]);
	printf("\n");
}

static int load(const struct opts *o, const struct conf *c, bool present)
{
	bool refused = c->nerr != 0;
	char **params = NULL;
	int n = 0, st;

	if (refused) {
		print_errors(c);
		fprintf(stderr, "clkrg-load: %s not applied (%u error%s): "
			"clkrg loads with its safe defaults\n", c->path,
			c->nerr, c->nerr == 1 ? "" : "s");
	} else {
		n = conf_params(c, &params);
		if (n < 0) {
			fprintf(stderr, "clkrg-load: out of memory\n");
			return EXIT_NOT_LOADED;
		}
	}
	if (o->dry_run) {
		print_command(o->modprobe, params, n);
		conf_params_free(params, n);
		return refused ? EXIT_REFUSED : EXIT_LOADED;
	}
	if (!access(SYS_MODULE, F_OK)) {
		fprintf(stderr, "clkrg-load: clkrg is already loaded: nothing "
			"applied (%s takes effect as clkrg loads; 'lkrg-cli "
			"policy set' changes a knob now)\n", c->path);
		conf_params_free(params, n);
		return EXIT_ALREADY;
	}
	st = modprobe(o->modprobe, params, n);
	conf_params_free(params, n);
	if (st) {
		fprintf(stderr, "clkrg-load: '%s clkrg' failed%s\n",
			o->modprobe, cmdline_disables() ?
			": clkrg.disable=1 is on the kernel command line" :
			" (see 'dmesg | grep clkrg')");
		return EXIT_NOT_LOADED;
	}
	if (refused)
		return EXIT_REFUSED;
	if (present)
		printf("clkrg-load: clkrg loaded with %s (%u setting%s)\n",
		       c->path, c->settings, c->settings == 1 ? "" : "s");
	else
		printf("clkrg-load: no %s: clkrg loaded with its defaults\n",
		       c->path);
	return EXIT_LOADED;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	bool present = false;
	struct conf c;
	int ret;

	if (parse_args(argc, argv, &o))
		return EXIT_USAGE;
	ret = conf_init(&c, o.config);
	if (ret) {
		fprintf(stderr, "clkrg-load: %s\n", strerror(-ret));
		return EXIT_NOT_LOADED;
	}
	if (o.list) {
		ret = list(&c);
		conf_free(&c);
		return ret;
	}
	ret = read_file(&c, &present);
	/* Unreadable is refused like a bad line: the defaults apply. */
	if (ret)
		conf_error(&c, 0, "cannot read: %s", strerror(-ret));
	if (o.check) {
		if (c.nerr)
			print_errors(&c);
		else
			printf("%s: %s (%u setting%s)\n", c.path, present ?
			       "valid" : "absent, the defaults apply",
			       c.settings, c.settings == 1 ? "" : "s");
		ret = c.nerr ? EXIT_REFUSED : EXIT_LOADED;
	} else {
		ret = load(&o, &c, present);
	}
	conf_free(&c);
	return ret;
}
