/* Test helper for tests/fault: commits numbered meetings through
 * lz_store_apply and prints each id only once its commit has returned, so
 * an id on stdout is an acknowledged write that must survive any crash.
 *
 *   lz-fault-writer DIR [--count N] [--batch B] [--ready FD] [--tag S]
 *
 * --count N  stop after N meetings (default: go on until killed)
 * --batch B  B meetings per transaction (default 1)
 * --ready FD write a line to file descriptor FD and close it once the
 *            program runs, before the store is opened: the harness times
 *            its kill from there, not from the process start (which a
 *            sanitizer makes slow)
 * --tag S    put S in the titles, to tell runs apart
 *
 * DIR must already hold a database with a plan.  Exit 0 after N meetings,
 * 1 on a store error (the message on stderr), 2 on bad arguments. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lz_store.h"

static long number_arg(const char *prog, const char *opt, const char *s, long min)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < min) {
		fprintf(stderr, "%s: %s wants a number >= %ld, not '%s'\n", prog, opt, min, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *prog = argv[0], *dir = NULL, *tag = "";
	long count = 0, batch = 1;
	int ready = -1;
	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "--count") == 0)
			count = number_arg(prog, argv[i], argv[i + 1], 1), i++;
		else if (i + 1 < argc && strcmp(argv[i], "--batch") == 0)
			batch = number_arg(prog, argv[i], argv[i + 1], 1), i++;
		else if (i + 1 < argc && strcmp(argv[i], "--ready") == 0)
			ready = (int)number_arg(prog, argv[i], argv[i + 1], 0), i++;
		else if (i + 1 < argc && strcmp(argv[i], "--tag") == 0)
			tag = argv[++i];
		else if (!dir && argv[i][0] != '-')
			dir = argv[i];
		else {
			fprintf(stderr, "usage: %s DIR [--count N] [--batch B] [--ready FD] [--tag S]\n",
				prog);
			return 2;
		}
	}
	if (!dir) {
		fprintf(stderr, "usage: %s DIR [--count N] [--batch B] [--ready FD] [--tag S]\n", prog);
		return 2;
	}
	if (ready >= 0) {
		if (write(ready, "ready\n", 6) != 6)
			perror("ready");
		close(ready);
	}

	lz_err err;
	lz_err_clear(&err);
	lz_store *s;
	if (lz_store_open(dir, NULL, &s, &err) != LZ_OK) {
		fprintf(stderr, "%s: %s\n", prog, err.msg);
		return 1;
	}
	lz_record *recs = calloc((size_t)batch, sizeof *recs);
	lz_op *ops = calloc((size_t)batch, sizeof *ops);
	char (*titles)[96] = calloc((size_t)batch, sizeof *titles);
	if (!recs || !ops || !titles)
		abort();
	lz_day jan1 = lz_day_from_ymd(2022, 1, 1);
	lz_rc rc = LZ_OK;
	for (long done = 0; count == 0 || done < count;) {
		long n = count && count - done < batch ? count - done : batch;
		for (long i = 0; i < n; i++) {
			lz_record *r = &recs[i];
			memset(r, 0, sizeof *r);
			r->kind = LZ_KIND_MEETING;
			lz_meeting *m = &r->u.meeting;
			lz_meeting_init(m);
			m->meta.year = 2022;
			m->date = jan1 + (lz_day)((done + i) % 365);
			m->type = "special-meeting";
			m->status = LZ_MEETING_PLANNED;
			snprintf(titles[i], sizeof titles[i], "fault writer %s%ld", tag, done + i + 1);
			m->title = titles[i];
			ops[i] = (lz_op){.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = r};
		}
		rc = lz_store_apply(s, ops, (size_t)n, &err);
		if (rc != LZ_OK) {
			fprintf(stderr, "%s: %s\n", prog, err.msg);
			break;
		}
		/* Only now is the write acknowledged: one write(2) per commit. */
		for (long i = 0; i < n; i++)
			printf("%" PRIu64 "\n", (uint64_t)recs[i].u.meta.id);
		fflush(stdout);
		done += n;
	}
	free(titles);
	free(ops);
	free(recs);
	lz_store_close(s);
	return rc == LZ_OK ? 0 : 1;
}
