/* Test helper for tests/tui: writes a meeting straight into a database
 * through lz_store_apply, bypassing validation, so the full-screen program
 * can be shown data the command line would refuse (control characters in
 * a title, as an old or damaged database might hold).
 *
 *   lz-tui-inject DIR DATE TYPE STATUS TITLE
 *   lz-tui-inject DIR risk LEVEL LIKELIHOOD DESC
 *       a risk point (post 办公室, link 采购) with a likelihood as given,
 *       even outside 1..5, as a database of an older version might hold.
 *
 * DIR must already hold a database (run any lianzheng command on it
 * first).  Prints the new record's id. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz_store.h"

static int add(const char *prog, const char *dir, lz_record *rec)
{
	lz_err err;
	lz_err_clear(&err);
	lz_store *s;
	if (lz_store_open(dir, NULL, &s, &err) != LZ_OK) {
		fprintf(stderr, "%s: %s\n", prog, err.msg);
		return 1;
	}
	lz_op op = {.op = LZ_OP_ADD, .kind = rec->kind, .rec = rec};
	lz_rc rc = lz_store_apply(s, &op, 1, &err);
	if (rc == LZ_OK)
		printf("%" PRIu64 "\n", (uint64_t)rec->u.meta.id);
	else
		fprintf(stderr, "%s: %s\n", prog, err.msg);
	lz_store_close(s);
	return rc == LZ_OK ? 0 : 1;
}

static int add_risk(char **argv)
{
	lz_record rec;
	memset(&rec, 0, sizeof rec);
	rec.kind = LZ_KIND_RISK;
	lz_risk *r = &rec.u.risk;
	lz_risk_init(r);
	r->post = "办公室";
	r->link = "采购";
	r->level = argv[3];
	r->likelihood = atoi(argv[4]);
	r->impact = 3;
	r->desc = argv[5];
	return add(argv[0], argv[1], &rec);
}

int main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[2], "risk") == 0)
		return add_risk(argv);
	if (argc != 6) {
		fprintf(stderr, "usage: %s DIR YYYY-MM-DD TYPE planned|held|cancelled TITLE\n",
			argv[0]);
		return 2;
	}
	lz_record rec;
	memset(&rec, 0, sizeof rec);
	rec.kind = LZ_KIND_MEETING;
	lz_meeting *m = &rec.u.meeting;
	lz_meeting_init(m);
	if (!lz_day_parse(argv[2], &m->date)) {
		fprintf(stderr, "%s: not a date: %s\n", argv[0], argv[2]);
		return 2;
	}
	if (!lz_meeting_status_parse(argv[4], &m->status)) {
		fprintf(stderr, "%s: not a status: %s\n", argv[0], argv[4]);
		return 2;
	}
	int y, mo, d;
	lz_day_to_ymd(m->date, &y, &mo, &d);
	m->meta.year = y;
	m->type = argv[3];
	m->title = argv[5];

	return add(argv[0], argv[1], &rec);
}
