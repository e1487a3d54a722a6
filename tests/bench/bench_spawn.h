/* Timing a command as a user runs it: spawned, stdout and stderr to
 * /dev/null, wall time from just before posix_spawn to just after wait4,
 * three warm-up runs first.  Shared by the benchmarks that time whole
 * commands against /bin/true. */
#ifndef BENCH_SPAWN_H
#define BENCH_SPAWN_H

#include <stdbool.h>

typedef struct timing {
	double mean, min, median;  /* seconds of wall time */
	double cpu;                /* mean user + system seconds */
	long max_rss_kb;
	/* bench_run_once: the peak of RssAnon (/proc/PID/status, sampled every
	 * 2 ms), the memory the program allocated itself, without the pages
	 * of mapped files that ru_maxrss counts too. */
	long max_anon_kb;
} timing;

/* --lianzheng PATH --fill PATH [--runs N]: false (after a usage line
 * naming program) when a path is missing; *runs keeps its default when
 * not given. */
bool bench_args(int argc, char **argv, const char *program, const char **lz,
		const char **fill, int *runs);

#include <stddef.h>

/* Runs argv (argv[0] a path) runs times; false when a run fails. */
bool time_command(char *const argv[], int runs, timing *t);
/* Runs n commands runs times each, round-robin with each round starting
 * one command later, so that load from other work on the machine falls
 * on all of them alike and cancels out of their ratios; t[i] for argv[i]. */
bool time_commands(char *const *const argv[], size_t n, int runs, timing t[]);
/* time_commands, also giving every run's wall time: walls[c * runs + r]
 * is command c's in round r, so commands can be compared round by round,
 * each against the others under the same load. */
bool time_rounds(char *const *const argv[], size_t n, int runs, timing t[], double *walls);
/* Runs argv once, its output to /dev/null: false when it cannot be
 * spawned; *status is its exit status (-1 if killed), t its wall time,
 * CPU time, peak RSS (wait4's ru_maxrss) and peak anonymous RSS. */
bool bench_run_once(char *const argv[], int *status, timing *t);
/* The median of v[0..n-1], n > 0; sorts v. */
double bench_median(double *v, size_t n);

#endif
