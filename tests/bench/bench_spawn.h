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
} timing;

/* Runs argv (argv[0] a path) runs times; false when a run fails. */
bool time_command(char *const argv[], int runs, timing *t);

#endif
