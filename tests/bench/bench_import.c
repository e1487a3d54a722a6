/* bench_import: what `import csv` costs as the file grows (issue 13,
 * item 19: memory had grown to ~19× the file for a dry run and ~38× for
 * a real import).
 *
 *   bench_import --lianzheng PATH --fill PATH [--rows [lean:]N[,...]]
 *
 * For each N (default 200000, or $LZ_BENCH_IMPORT_ROWS, e.g.
 * "200000,lean:1000000"): bench_fill builds N generated meetings, which
 * the program itself exports as a meetings CSV (so every row is what a
 * real export looks like: held meetings with their attendance, topics,
 * decisions and minutes; about 420 bytes a row).  "lean:N" writes N rows
 * of only date, time, type, status and title instead (about 60 bytes),
 * the shape of the million-row measurement: a million exported
 * rows would pass the import's 256 MiB limit on a file.  Then, each once,
 * on a fresh database:
 *   1. import csv meetings FILE --dry-run   (checks every row)
 *   2. import csv meetings FILE             (checks, then stores, one transaction)
 *   3. import csv meetings FILE --dry-run   again, on the filled database:
 *      every row is refused as already recorded (exit 65), which reads
 *      every stored meeting for the duplicate check.
 * Peak RSS comes from wait4's ru_maxrss for each child; it counts the
 * database pages LMDB reads through its map as well (clean page cache,
 * shared).  Peak anon is RssAnon sampled from /proc: what the program
 * allocates, LMDB's dirty pages of the open transaction included.  Goal,
 * for every step: peak RSS ≤ 4 × the file + 32 MiB.  Exits 1 if a goal or
 * a check fails, after printing every figure. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_spawn.h"

static bool sh(const char *cmd)
{
	if (system(cmd) == 0)
		return true;
	fprintf(stderr, "failed: %s\n", cmd);
	return false;
}

typedef struct step {
	const char *name;
	int want;  /* exit status */
	timing t;
	int status;
} step;

/* Lean rows, the least a meeting needs (date, time, type, status,
 * title), as in the measurement of a million rows. */
static bool write_lean(const char *csv, long rows)
{
	static const char *const types[] = {"党组会议", "支部委员会", "党小组会", "主题党日"};
	FILE *f = fopen(csv, "w");
	if (!f)
		return false;
	fputs("\xef\xbb\xbf" "Date,Start,Type,Status,Title\r\n", f);
	/* In date order, as an export or a ledger kept by hand has them. */
	for (long i = 0; i < rows; i++) {
		long day = i * 365 / rows, slot = i - (day * rows + 364) / 365;
		int m = 1, d = (int)day + 1;
		static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		while (d > len[m - 1])
			d -= len[m++ - 1];
		fprintf(f, "2022-%02d-%02d,%02ld:%02ld,%s,planned,第%ld次会议\r\n", m, d,
			8 + slot / 60 % 12, slot % 60, types[i % 4], i + 1);
	}
	return fclose(f) == 0;
}

/* One size; false when a goal or a check fails. */
static bool bench(const char *lz, const char *fill, const char *tmp, long rows, bool lean)
{
	char src[300], db[300], csv[300], cmd[2048];
	snprintf(src, sizeof src, "%s/src-%ld", tmp, rows);
	snprintf(db, sizeof db, "%s/db-%ld", tmp, rows);
	snprintf(csv, sizeof csv, "%s/meetings-%ld.csv", tmp, rows);
	if (lean)
		snprintf(cmd, sizeof cmd, "'%s' --db '%s' init >/dev/null", lz, db);
	else
		snprintf(cmd, sizeof cmd,
			 "'%s' '%s' %ld >/dev/null && '%s' --db '%s' export csv meetings -o '%s' && "
			 "'%s' --db '%s' init >/dev/null && rm -rf '%s'",
			 fill, src, rows, lz, src, csv, lz, db, src);
	if ((lean && !write_lean(csv, rows)) || !sh(cmd))
		return false;
	struct stat st;
	if (stat(csv, &st) != 0)
		return false;
	double file_mb = st.st_size / 1048576.0;
	double goal_mb = 4 * file_mb + 32;
	step steps[] = {
		{.name = "import --dry-run", .want = 0},
		{.name = "import (one transaction)", .want = 0},
		{.name = "import --dry-run, all rows stored", .want = 65},
	};
	char *dry[] = {(char *)lz, "--db", db, "import", "csv", "meetings", csv, "--dry-run", NULL};
	char *real[] = {(char *)lz, "--db", db, "import", "csv", "meetings", csv, NULL};
	char *const *argv[] = {dry, real, dry};
	bool ok = true;
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		if (!bench_run_once(argv[i], &steps[i].status, &steps[i].t)) {
			fprintf(stderr, "cannot run %s\n", lz);
			return false;
		}
	}
	snprintf(cmd, sizeof cmd, "du -k '%s/data.mdb' | cut -f1", db);
	FILE *du = popen(cmd, "r");
	long db_kb = 0;
	if (!du || fscanf(du, "%ld", &db_kb) != 1)
		db_kb = 0;
	if (du)
		pclose(du);
	printf("\n%ld %s meetings: CSV %.1f MB (%.0f bytes a row), database after import %.1f MB\n",
	       rows, lean ? "lean" : "exported", file_mb, (double)st.st_size / rows, db_kb / 1024.0);
	printf("%-34s %4s %7s %7s %11s %6s %11s %6s  %s\n", "step", "exit", "wall s", "cpu s",
	       "peak RSS", "×file", "peak anon", "×file", "goal ≤ 4×file+32 MiB");
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		const step *s = &steps[i];
		double rss_mb = s->t.max_rss_kb / 1024.0, anon_mb = s->t.max_anon_kb / 1024.0;
		bool pass = s->status == s->want && rss_mb <= goal_mb;
		printf("%-34s %4d %7.2f %7.2f %8.1f MB %6.2f %8.1f MB %6.2f  %s (%.0f MB)%s\n", s->name,
		       s->status, s->t.mean, s->t.cpu, rss_mb, rss_mb / file_mb, anon_mb,
		       anon_mb / file_mb, pass ? "PASS" : "FAIL", goal_mb,
		       s->status == s->want ? "" : "  wrong exit status");
		ok &= pass;
	}
	printf("rows a second, real import: %.0f\n", rows / steps[1].t.mean);
	snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", db, csv);
	sh(cmd);
	return ok;
}

int main(int argc, char **argv)
{
	const char *lz = NULL, *fill = NULL;
	const char *sizes = getenv("LZ_BENCH_IMPORT_ROWS");
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--lianzheng") == 0)
			lz = argv[i + 1];
		else if (strcmp(argv[i], "--fill") == 0)
			fill = argv[i + 1];
		else if (strcmp(argv[i], "--rows") == 0)
			sizes = argv[i + 1];
	}
	if (!lz || !fill) {
		fprintf(stderr, "usage: bench_import --lianzheng PATH --fill PATH [--rows [lean:]N[,...]]\n");
		return 2;
	}
	if (!sizes || !*sizes)
		sizes = "200000";
	char tmp[] = "/tmp/lz-bench-import-XXXXXX";
	if (!mkdtemp(tmp))
		return 2;
	setenv("TZ", "UTC", 1);
	bool all = true;
	for (const char *p = sizes; *p;) {
		char *end;
		bool lean = strncmp(p, "lean:", 5) == 0;
		if (lean)
			p += 5;
		long rows = strtol(p, &end, 10);
		if (end == p || rows < 1) {
			fprintf(stderr, "bad --rows: %s\n", sizes);
			all = false;
			break;
		}
		all &= bench(lz, fill, tmp, rows, lean);
		p = *end == ',' ? end + 1 : end;
	}
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	sh(cmd);
	printf("%s  peak RSS <= 4x the file + 32 MiB at every size and step\n", all ? "PASS" : "FAIL");
	return all ? 0 : 1;
}
