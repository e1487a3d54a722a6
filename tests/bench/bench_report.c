/* bench_report: the year's ledger on a full year.
 *
 *   bench_report --lianzheng PATH --fill PATH [--runs N]
 *
 * Builds a database of 10k meetings in the plan year (2022) and 1k
 * responsibility items (bench_fill), then times
 * `lianzheng report --date 2022-06-30 --format html -o FILE` as a user
 * runs it, against spawning /bin/true; Markdown, text and HTML to
 * standard output for comparison.  Goal: the HTML ledger in at most
 * 200 ms of wall time, decided on the median run (a machine busy with
 * other work moves the mean, not the typical run).  Before timing, the
 * HTML is checked: every item and a row for every counted meeting are in
 * it, and libxml2 (xmllint, when installed) reads it without a message.
 * Exits 1 if the goal or a check fails, after printing every figure. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_spawn.h"

#define GOAL_MS 200.0

/* Table rows in the HTML ledger: "<tr" opens each, the headers included. */
static long count_rows(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	long rows = 0;
	int c, state = 0;
	static const char pat[] = "<tr";
	while ((c = fgetc(f)) != EOF) {
		state = c == pat[state] ? state + 1 : c == pat[0];
		if (state == 3) {
			rows++;
			state = 0;
		}
	}
	fclose(f);
	return rows;
}

int main(int argc, char **argv)
{
	const char *lz, *fill;
	int runs = 30;
	if (!bench_args(argc, argv, "bench_report", &lz, &fill, &runs))
		return 2;
	char tmp[] = "/tmp/lz-bench-report-XXXXXX";
	if (!mkdtemp(tmp))
		return 2;
	char db[300], html[300], cmd[1024];
	snprintf(db, sizeof db, "%s/db", tmp);
	snprintf(html, sizeof html, "%s/ledger.html", tmp);
	snprintf(cmd, sizeof cmd, "'%s' '%s' 10000 --years 1 --items 1000 >/dev/null", fill, db);
	if (system(cmd) != 0) {
		fprintf(stderr, "fill failed\n");
		return 1;
	}
	setenv("TZ", "UTC", 1);
	char *truev[] = {"/bin/true", NULL};
	char *a_html[] = {(char *)lz, "--db", db, "report", "--date", "2022-06-30", "--format", "html",
			  "-o", html, NULL};
	char *a_stdout[] = {(char *)lz, "--db", db, "report", "--date", "2022-06-30", "--format",
			    "html", NULL};
	char *a_md[] = {(char *)lz, "--db", db, "report", "--date", "2022-06-30", "--format", "md", NULL};
	char *a_txt[] = {(char *)lz, "--db", db, "report", "--date", "2022-06-30", "--format", "txt",
			 NULL};

	/* What is timed must be right: one run, checked. */
	bool checks = true;
	timing once;
	if (!time_command(a_html, 1, &once)) {
		fprintf(stderr, "report failed\n");
		return 1;
	}
	long rows = count_rows(html);
	printf("HTML ledger: %ld table rows\n", rows);
	if (rows < 1000 + 5000) {
		printf("FAIL  check: fewer rows than 1000 items and the counted meetings\n");
		checks = false;
	}
	if (system("command -v xmllint >/dev/null 2>&1") == 0) {
		snprintf(cmd, sizeof cmd, "test -z \"$(xmllint --html --noout '%s' 2>&1)\"", html);
		bool parsed = system(cmd) == 0;
		printf("%s  check: xmllint --html reads it without a message\n", parsed ? "PASS" : "FAIL");
		checks &= parsed;
	} else {
		printf("SKIP  check: xmllint not installed\n");
	}

	timing floor, t_html, t_stdout, t_md, t_txt;
	bool ok = time_command(truev, runs, &floor) && time_command(a_html, runs, &t_html) &&
		  time_command(a_stdout, runs, &t_stdout) && time_command(a_md, runs, &t_md) &&
		  time_command(a_txt, runs, &t_txt);
	if (!ok) {
		fprintf(stderr, "a command failed\n");
		return 1;
	}
	printf("%-40s %9s %9s %9s %9s %10s\n", "command (10k meetings, 1k items)", "median ms",
	       "mean ms", "min ms", "cpu ms", "peak RSS");
	struct { const char *name; timing *t; } table[] = {
		{"/bin/true", &floor},
		{"report --format html -o FILE", &t_html},
		{"report --format html > /dev/null", &t_stdout},
		{"report --format md > /dev/null", &t_md},
		{"report --format txt > /dev/null", &t_txt},
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		printf("%-40s %9.1f %9.1f %9.1f %9.1f %7.2f MB\n", table[i].name,
		       table[i].t->median * 1e3, table[i].t->mean * 1e3, table[i].t->min * 1e3,
		       table[i].t->cpu * 1e3, table[i].t->max_rss_kb / 1024.0);
	bool goal = t_html.median * 1e3 <= GOAL_MS;
	printf("%s  report --format html -o FILE: median %.1f ms <= %.0f ms\n", goal ? "PASS" : "FAIL",
	       t_html.median * 1e3, GOAL_MS);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp);
	return goal && checks ? 0 : 1;
}
