#include "bench_spawn.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

bool bench_args(int argc, char **argv, const char *program, const char **lz,
		const char **fill, int *runs)
{
	*lz = *fill = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--lianzheng") == 0)
			*lz = argv[i + 1];
		else if (strcmp(argv[i], "--fill") == 0)
			*fill = argv[i + 1];
		else if (strcmp(argv[i], "--runs") == 0)
			*runs = atoi(argv[i + 1]);
	}
	if (*lz && *fill && *runs >= 1)
		return true;
	fprintf(stderr, "usage: %s --lianzheng PATH --fill PATH [--runs N]\n", program);
	return false;
}

typedef struct samples {
	double *walls, sum, cpu;
} samples;

double bench_median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void settle(samples *sm, int runs, timing *t)
{
	t->median = bench_median(sm->walls, (size_t)runs);
	t->mean = sm->sum / runs;
	t->cpu = sm->cpu / runs;
}

bool time_commands(char *const *const argv[], size_t n, int runs, timing t[])
{
	return time_rounds(argv, n, runs, t, NULL);
}

bool time_rounds(char *const *const argv[], size_t n, int runs, timing t[], double *walls)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	samples *sm = calloc(n, sizeof *sm);
	if (!sm)
		abort();
	for (size_t c = 0; c < n; c++) {
		sm[c].walls = calloc((size_t)runs, sizeof *sm[c].walls);
		if (!sm[c].walls)
			abort();
		t[c] = (timing){.min = 1e9};
	}
	bool ok = true;
	for (int round = -3; ok && round < runs; round++) {
		for (size_t k = 0; ok && k < n; k++) {
			size_t c = ((size_t)(round + 3) + k) % n;
			pid_t pid;
			double t0 = now();
			if (posix_spawn(&pid, argv[c][0], &fa, NULL, argv[c], environ) != 0) {
				ok = false;
				break;
			}
			int status;
			struct rusage ru;
			wait4(pid, &status, 0, &ru);
			double dt = now() - t0;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				ok = false;
			if (round < 0)
				continue;  /* warm-up */
			sm[c].walls[round] = dt;
			sm[c].sum += dt;
			sm[c].cpu += ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
				     ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
			if (dt < t[c].min)
				t[c].min = dt;
			if (ru.ru_maxrss > t[c].max_rss_kb)
				t[c].max_rss_kb = ru.ru_maxrss;
		}
	}
	posix_spawn_file_actions_destroy(&fa);
	for (size_t c = 0; c < n; c++) {
		if (ok && walls)
			memcpy(walls + c * (size_t)runs, sm[c].walls, (size_t)runs * sizeof *walls);
		if (ok)
			settle(&sm[c], runs, &t[c]);
		free(sm[c].walls);
	}
	free(sm);
	return ok;
}

bool time_command(char *const argv[], int runs, timing *t)
{
	char *const *const one[] = {argv};
	return time_commands(one, 1, runs, t);
}

bool bench_run_once(char *const argv[], int *status, timing *t)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	double t0 = now();
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return false;
	int st;
	struct rusage ru;
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	long anon = 0;
	pid_t got;
	while ((got = wait4(pid, &st, WNOHANG, &ru)) == 0) {
		FILE *f = fopen(path, "r");
		char line[128];
		long kb;
		while (f && fgets(line, sizeof line, f))
			if (sscanf(line, "RssAnon: %ld", &kb) == 1 && kb > anon)
				anon = kb;
		if (f)
			fclose(f);
		nanosleep(&(struct timespec){0, 2000000}, NULL);
	}
	if (got != pid)
		return false;
	double dt = now() - t0;
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	*t = (timing){.mean = dt, .min = dt, .median = dt, .max_rss_kb = ru.ru_maxrss,
		      .max_anon_kb = anon,
		      .cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
			     ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6};
	return true;
}
