/* bench_years: the daily commands over ten years of data (issue 15).
 *
 *   bench_years --lianzheng PATH --fill PATH [--runs N] [--starts S]
 *
 * Two databases from bench_fill: the store benchmark's load, 100k
 * meetings in 2022, and ten times that, 1M meetings over 2022–2031 with a
 * plan for each year (the same density: ~274 meetings a day).  Checked
 * first: the ten-year database lists its ten plans, and each timed day
 * list gives the rows bench_fill made for that day.  Then, against
 * /bin/true:
 *   - `status --date D` (one year's dashboard) and `meeting list` of one
 *     day, on 2022-06-15 in both databases and on 2025-06-15, a year in
 *     the middle, in the ten-year one: round-robin with /bin/true, N
 *     rounds (default 50) after 3 warm-up rounds;
 *   - the full-screen program's first screen (spawn to its bottom line,
 *     as bench_tui times it), "now" 2022-06-15 in both databases and
 *     2025-06-15 in the ten-year one: S starts each (default 21), taking
 *     turns; /bin/true timed 200 times before and 200 after.
 * The figures are medians: the machine is shared, and a few runs slowed
 * by other work move a mean but not a median.  Goals: flat in the number
 * of years, each command on the ten-year database (for 2022 and for 2025)
 * at most 1.3× the same on the one-year database for 2022, as the median
 * of the ratios of runs in the same round (start), so each keeps the
 * ratio to /bin/true it has at this load.  Not 1.0:
 * ten times the records make each B-tree one level deeper, about ten more
 * page faults of the ~120 a day list costs, which a busy machine
 * magnifies.  The ratios
 * are printed; their own goals belong to the status, store and tui
 * benchmarks.  Exits 1 if a check or a goal fails, after printing every
 * figure. */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_pty.h"
#include "bench_spawn.h"

#define DAY_A "2022-06-15"
#define DAY_B "2025-06-15"
#define NOW_A "1655280000" /* 2022-06-15 08:00 UTC */
#define NOW_B "1749974400" /* 2025-06-15 08:00 UTC */
#define FLAT 1.3

/* Runs cmd (a shell line) and returns its stdout's number of lines that
 * start with prefix (all lines when prefix is ""), or -1 when it fails. */
static long count_lines(const char *cmd, const char *prefix)
{
	FILE *f = popen(cmd, "r");
	if (!f)
		return -1;
	long n = 0;
	char line[4096];
	while (fgets(line, sizeof line, f))
		n += strncmp(line, prefix, strlen(prefix)) == 0;
	return pclose(f) == 0 ? n : -1;
}

/* bench_fill's "count FROM TO K" line for day, from a fill run with
 * --count day:day. */
static long filled(const char *out, const char *day)
{
	char key[64];
	snprintf(key, sizeof key, "count %s %s ", day, day);
	const char *p = strstr(out, key);
	return p ? atol(p + strlen(key)) : -1;
}

static bool fill(const char *tool, const char *db, const char *n, const char *years,
		 char *out, size_t size)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "'%s' '%s' %s --years %s --count %s:%s --count %s:%s", tool, db,
		 n, years, DAY_A, DAY_A, DAY_B, DAY_B);
	FILE *f = popen(cmd, "r");
	if (!f)
		return false;
	size_t len = fread(out, 1, size - 1, f);
	out[len] = '\0';
	return pclose(f) == 0;
}

static bool check_day(const char *lz, const char *db, const char *day, long expected)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "'%s' --db '%s' meeting list --from %s --to %s --tsv", lz, db, day,
		 day);
	long got = count_lines(cmd, "");
	printf("check: %s lists %ld meetings on %s (filled %ld)\n", strrchr(db, '/') + 1, got, day,
	       expected);
	return got >= 0 && got == expected;
}

/* The median over rounds of a[r] / b[r]: two commands compared under the
 * load of the same round, which a shared machine changes between rounds
 * (its medians apart can fall in different modes of a busy spell). */
static double paired(const double *a, const double *b, size_t n)
{
	double *q = malloc(n * sizeof *q);
	if (!q)
		abort();
	for (size_t r = 0; r < n; r++)
		q[r] = a[r] / b[r];
	double m = bench_median(q, n);
	free(q);
	return m;
}

/* The data (1.4 GB) goes whatever ends the run. */
static char tmp[] = "/tmp/lz-bench-years-XXXXXX";

static void remove_data(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/rm", "rm", "-rf", tmp, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static void on_signal(int sig)
{
	remove_data();
	_exit(128 + sig);
}

int main(int argc, char **argv)
{
	const char *lz = NULL, *fill_tool = NULL;
	int runs = 50, starts = 21;
	for (int i = 1; i + 1 < argc; i += 2)
		if (strcmp(argv[i], "--starts") == 0)
			starts = atoi(argv[i + 1]);
	if (!bench_args(argc, argv, "bench_years", &lz, &fill_tool, &runs) || starts < 1) {
		fprintf(stderr, "       [--starts S]\n");
		return 2;
	}
	if (!mkdtemp(tmp))
		return 2;
	atexit(remove_data);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	char one[300], ten[300];
	snprintf(one, sizeof one, "%s/year", tmp);
	snprintf(ten, sizeof ten, "%s/decade", tmp);
	setenv("TZ", "UTC", 1);
	char out_one[4096], out_ten[4096];
	bool ok = fill(fill_tool, one, "100000", "1", out_one, sizeof out_one) &&
		  fill(fill_tool, ten, "1000000", "10", out_ten, sizeof out_ten);
	if (!ok) {
		fprintf(stderr, "fill failed\n");
		return 1;
	}
	fputs(out_one, stdout);
	fputs(out_ten, stdout);

	char cmd[2048];
	snprintf(cmd, sizeof cmd, "'%s' --db '%s' plan list --tsv", lz, ten);
	long plans = count_lines(cmd, "20");
	printf("check: the ten-year database has %ld plans (2022-2031)\n", plans);
	ok = plans == 10;
	ok &= check_day(lz, one, DAY_A, filled(out_one, DAY_A));
	ok &= check_day(lz, ten, DAY_A, filled(out_ten, DAY_A));
	ok &= check_day(lz, ten, DAY_B, filled(out_ten, DAY_B));
	if (!ok) {
		printf("RESULT: FAIL — a check failed\n");
		return 1;
	}

	char *truev[] = {"/bin/true", NULL};
	char *s1[] = {(char *)lz, "--db", one, "status", "--date", DAY_A, NULL};
	char *s2[] = {(char *)lz, "--db", ten, "status", "--date", DAY_A, NULL};
	char *s3[] = {(char *)lz, "--db", ten, "status", "--date", DAY_B, NULL};
	char *l1[] = {(char *)lz, "--db", one, "meeting", "list", "--from", DAY_A, "--to", DAY_A, NULL};
	char *l2[] = {(char *)lz, "--db", ten, "meeting", "list", "--from", DAY_A, "--to", DAY_A, NULL};
	char *l3[] = {(char *)lz, "--db", ten, "meeting", "list", "--from", DAY_B, "--to", DAY_B, NULL};
	char *const *const cmds[] = {truev, s1, s2, s3, l1, l2, l3};
	enum { N_CMDS = sizeof cmds / sizeof *cmds };
	timing t[N_CMDS];
	double *walls = malloc(N_CMDS * (size_t)runs * sizeof *walls);
	if (!walls)
		return 2;
	if (!time_rounds(cmds, N_CMDS, runs, t, walls)) {
		printf("RESULT: FAIL — a command failed\n");
		return 1;
	}

	/* First screens: the databases take turns, so other work on the
	 * machine falls on all of them alike. */
	struct { const char *db, *now; double *v; } screens[] = {
		{one, NOW_A, NULL}, {ten, NOW_A, NULL}, {ten, NOW_B, NULL},
	};
	enum { N_SCREENS = sizeof screens / sizeof *screens };
	timing true_before, true_after;
	if (!time_command(truev, 200, &true_before))
		return 2;
	for (size_t i = 0; i < N_SCREENS; i++)
		if (!(screens[i].v = calloc((size_t)starts, sizeof *screens[i].v)))
			return 2;
	for (int k = 0; k < starts; k++)
		for (size_t i = 0; i < N_SCREENS; i++) {
			bench_pty p;
			struct rusage ru;
			if (!bench_pty_start(&p, lz, screens[i].db, screens[i].now) ||
			    !bench_pty_quit(&p, &ru)) {
				printf("RESULT: FAIL — the full-screen program failed\n");
				return 1;
			}
			screens[i].v[k] = p.first_screen;
		}
	if (!time_command(truev, 200, &true_after))
		return 2;
	double screen_floor = (true_before.median + true_after.median) / 2;
	/* Each figure of the ten-year database against the one-year one's
	 * for 2022, round by round. */
	size_t nr = (size_t)runs, ns = (size_t)starts;
	double flat[][2] = {
		{paired(walls + 2 * nr, walls + 1 * nr, nr), paired(walls + 3 * nr, walls + 1 * nr, nr)},
		{paired(walls + 5 * nr, walls + 4 * nr, nr), paired(walls + 6 * nr, walls + 4 * nr, nr)},
		{paired(screens[1].v, screens[0].v, ns), paired(screens[2].v, screens[0].v, ns)},
	};
	free(walls);
	double first[N_SCREENS], best[N_SCREENS];
	for (size_t i = 0; i < N_SCREENS; i++) {
		first[i] = bench_median(screens[i].v, (size_t)starts);
		best[i] = screens[i].v[0];  /* sorted by the median */
		free(screens[i].v);
	}

	double floor = t[0].median;
	printf("\n%-46s %9s %9s %9s %9s %9s %9s\n", "command", "median ms", "mean ms", "min ms",
	       "× true", "[by min]", "peak RSS");
	static const char *const names[N_CMDS] = {
		"/bin/true",
		"status " DAY_A ", 100k in 2022",
		"status " DAY_A ", 1M over 2022-2031",
		"status " DAY_B ", 1M over 2022-2031",
		"one-day list " DAY_A ", 100k in 2022",
		"one-day list " DAY_A ", 1M over 2022-2031",
		"one-day list " DAY_B ", 1M over 2022-2031",
	};
	for (size_t i = 0; i < N_CMDS; i++)
		printf("%-46s %9.2f %9.2f %9.2f %9.2f %9.2f %6.2f MB\n", names[i], t[i].median * 1e3,
		       t[i].mean * 1e3, t[i].min * 1e3, t[i].median / floor, t[i].min / t[0].min,
		       t[i].max_rss_kb / 1024.0);
	static const char *const screen_names[N_SCREENS] = {
		"first screen " DAY_A ", 100k in 2022",
		"first screen " DAY_A ", 1M over 2022-2031",
		"first screen " DAY_B ", 1M over 2022-2031",
	};
	printf("\n/bin/true for the first screens: median %.2f ms (200 runs before, %.2f ms after)\n",
	       true_before.median * 1e3, true_after.median * 1e3);
	printf("%-46s %9s %9s %9s\n", "first screen", "median ms", "best ms", "× true");
	for (size_t i = 0; i < N_SCREENS; i++)
		printf("%-46s %9.2f %9.2f %9.2f\n", screen_names[i], first[i] * 1e3, best[i] * 1e3,
		       first[i] / screen_floor);

	printf("\n10 years / 1 year, the median of the rounds' ratios (%s; %s against %s):\n",
	       DAY_A, DAY_B, DAY_A);
	printf("  status %.2f, %.2f; one-day list %.2f, %.2f; first screen %.2f, %.2f\n",
	       flat[0][0], flat[0][1], flat[1][0], flat[1][1], flat[2][0], flat[2][1]);
	printf("The ratios to /bin/true for reference (their goals are the status, store and tui\n"
	       "benchmarks'): status %.2f, one-day list %.2f, first screen %.2f (10 years, %s)\n",
	       t[2].median / floor, t[5].median / floor, first[1] / screen_floor, DAY_A);
	struct { const char *goal; bool pass; } goals[] = {
		{"status flat: 10 years <= 1.3x 1 year (2022 and 2025)",
		 flat[0][0] <= FLAT && flat[0][1] <= FLAT},
		{"one-day list flat: 10 years <= 1.3x 1 year (2022 and 2025)",
		 flat[1][0] <= FLAT && flat[1][1] <= FLAT},
		{"first screen flat: 10 years <= 1.3x 1 year (2022 and 2025)",
		 flat[2][0] <= FLAT && flat[2][1] <= FLAT},
	};
	bool all = true;
	for (size_t i = 0; i < sizeof goals / sizeof *goals; i++) {
		printf("%s  %s\n", goals[i].pass ? "PASS" : "FAIL", goals[i].goal);
		all &= goals[i].pass;
	}
	printf("RESULT: %s\n", all ? "PASS" : "FAIL");
	return all ? 0 : 1;
}
