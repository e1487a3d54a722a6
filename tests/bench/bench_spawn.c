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

bool time_command(char *const argv[], int runs, timing *t)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	double *walls = calloc((size_t)runs + 1, sizeof *walls);
	if (!walls)
		abort();
	double sum = 0, cpu = 0;
	bool ok = true;
	t->min = 1e9;
	t->max_rss_kb = 0;
	for (int i = -3; ok && i < runs; i++) {
		pid_t pid;
		double t0 = now();
		if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
			ok = false;
			break;
		}
		int status;
		struct rusage ru;
		wait4(pid, &status, 0, &ru);
		double dt = now() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			ok = false;
		if (i < 0)
			continue;  /* warm-up */
		walls[i] = dt;
		sum += dt;
		cpu += ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
		       ru.ru_stime.tv_usec / 1e6;
		if (dt < t->min)
			t->min = dt;
		if (ru.ru_maxrss > t->max_rss_kb)
			t->max_rss_kb = ru.ru_maxrss;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (ok) {
		qsort(walls, (size_t)runs, sizeof *walls, by_value);
		t->median = runs % 2 ? walls[runs / 2] : (walls[runs / 2 - 1] + walls[runs / 2]) / 2;
		t->mean = sum / runs;
		t->cpu = cpu / runs;
	}
	free(walls);
	return ok;
}
