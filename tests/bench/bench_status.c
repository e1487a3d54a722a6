/* bench_status: the dashboard's cost against the plan year's meetings.
 *
 *   bench_status --lianzheng PATH --fill PATH [--runs N]
 *
 * Times `lianzheng status --date 2022-06-15` (the text dashboard and the
 * --tsv form) on 100k meetings spread over ten years, and on the same
 * plan year alone (10k meetings, all in 2022), against spawning /bin/true.
 * Goals: within 2.5× of /bin/true, peak RSS ≤ 8 MB, and the ten-year
 * database no more than 1.5× the one-year one (the cost must follow the
 * plan year's meetings, not the whole database).  The commands run
 * round-robin, so a busy machine slows them alike.  Exits 1 if a goal
 * fails, after printing every figure. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_spawn.h"

int main(int argc, char **argv)
{
	const char *lz, *fill;
	int runs = 50;
	if (!bench_args(argc, argv, "bench_status", &lz, &fill, &runs))
		return 2;
	char tmp[] = "/tmp/lz-bench-status-XXXXXX";
	if (!mkdtemp(tmp))
		return 2;
	char one[300], ten[300], cmd[1024];
	snprintf(one, sizeof one, "%s/year", tmp);
	snprintf(ten, sizeof ten, "%s/decade", tmp);
	snprintf(cmd, sizeof cmd, "'%s' '%s' 10000 --years 1 >/dev/null && '%s' '%s' 100000 --years 10 >/dev/null",
		 fill, one, fill, ten);
	if (system(cmd) != 0) {
		fprintf(stderr, "fill failed\n");
		return 1;
	}
	setenv("TZ", "UTC", 1);
	char *truev[] = {"/bin/true", NULL};
	char *a1[] = {(char *)lz, "--db", one, "status", "--date", "2022-06-15", NULL};
	char *a2[] = {(char *)lz, "--db", ten, "status", "--date", "2022-06-15", NULL};
	char *a3[] = {(char *)lz, "--db", one, "status", "--date", "2022-06-15", "--tsv", NULL};
	char *a4[] = {(char *)lz, "--db", ten, "status", "--date", "2022-06-15", "--tsv", NULL};
	char *const *const cmds[] = {truev, a1, a2, a3, a4};
	timing t[5];
	if (!time_commands(cmds, 5, runs, t)) {
		fprintf(stderr, "a command failed\n");
		return 1;
	}
	timing floor = t[0], y_text = t[1], d_text = t[2], y_tsv = t[3], d_tsv = t[4];
	printf("%-44s %9s %9s %9s %9s %10s\n", "command", "mean ms", "min ms", "× true",
	       "[by min]", "peak RSS");
	struct { const char *name; timing *t; } rows[] = {
		{"/bin/true", &floor},
		{"status, 10k meetings in 2022 alone", &y_text},
		{"status, 100k over 2022-2031", &d_text},
		{"status --tsv, 10k in 2022 alone", &y_tsv},
		{"status --tsv, 100k over 2022-2031", &d_tsv},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		printf("%-44s %9.2f %9.2f %9.2f %9.2f %7.2f MB\n", rows[i].name,
		       rows[i].t->mean * 1e3, rows[i].t->min * 1e3, rows[i].t->mean / floor.mean,
		       rows[i].t->min / floor.min, rows[i].t->max_rss_kb / 1024.0);
	double spread = d_text.mean / y_text.mean;
	struct { const char *goal; bool pass; } goals[] = {
		{"status within 2.5x /bin/true (100k over 10 years)", d_text.mean <= 2.5 * floor.mean},
		{"peak RSS <= 8 MB", d_text.max_rss_kb <= 8 * 1024 && d_tsv.max_rss_kb <= 8 * 1024},
		{"other years' 90k meetings slow it by <= 1.5x", spread <= 1.5},
	};
	printf("10-year / 1-year: %.2f\n", spread);
	bool all = true;
	for (size_t i = 0; i < sizeof goals / sizeof *goals; i++) {
		printf("%s  %s\n", goals[i].pass ? "PASS" : "FAIL", goals[i].goal);
		all &= goals[i].pass;
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp);
	return all ? 0 : 1;
}
