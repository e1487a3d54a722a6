/* Test helper for tests/fault/restore.sh: writes what an attacker with
 * the library (or another program) could write, so the tests can show
 * that restore, the format upgrade and every output path cope.
 *
 *   lz-fault-craft DIR KIND [FIELD=VALUE]...
 *       adds one record through lz_store_apply, which validates nothing:
 *       the change is logged and chained like any other, so `db check`
 *       and `audit verify` pass.  KIND is meeting, item, risk or person;
 *       FIELD is one of the record's text fields (title, summary,
 *       location, host, owner, source, post, link, desc, level, type,
 *       status, name) or a number (task, likelihood, impact, start).
 *       Prints the new id.
 *   lz-fault-craft DIR foreign
 *       makes DIR another program's LMDB environment: a table of its own
 *       and an entry in the main table, no lianzheng marker.
 *
 * Exit 0 done, 1 failure, 2 bad arguments. */
#include <inttypes.h>
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lz_store.h"

static const char *prog;

static int usage(void)
{
	fprintf(stderr, "usage: %s DIR meeting|item|risk|person [FIELD=VALUE]...\n"
			"       %s DIR foreign\n", prog, prog);
	return 2;
}

static int foreign(const char *dir)
{
	mkdir(dir, 0700);
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi, main_db;
	int rc = mdb_env_create(&env);
	if (!rc)
		rc = mdb_env_set_maxdbs(env, 4);
	if (!rc)
		rc = mdb_env_open(env, dir, 0, 0600);
	if (!rc)
		rc = mdb_txn_begin(env, NULL, 0, &txn);
	if (!rc)
		rc = mdb_dbi_open(txn, "sessions", MDB_CREATE, &dbi);
	if (!rc)
		rc = mdb_dbi_open(txn, NULL, 0, &main_db);
	MDB_val k = {.mv_size = 5, .mv_data = "alice"}, v = {.mv_size = 6, .mv_data = "token1"};
	MDB_val mk = {.mv_size = 7, .mv_data = "version"}, mv = {.mv_size = 1, .mv_data = "7"};
	if (!rc)
		rc = mdb_put(txn, dbi, &k, &v, 0);
	if (!rc)
		rc = mdb_put(txn, main_db, &mk, &mv, 0);
	if (!rc)
		rc = mdb_txn_commit(txn);
	if (rc) {
		fprintf(stderr, "%s: %s: %s\n", prog, dir, mdb_strerror(rc));
		return 1;
	}
	mdb_env_close(env);
	return 0;
}

static int number(const char *field, const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (!*v || *end) {
		fprintf(stderr, "%s: %s: not a number: %s\n", prog, field, v);
		exit(2);
	}
	return (int)n;
}

/* Sets one field; false when the kind has no such field. */
static bool set_field(lz_record *r, const char *field, const char *v)
{
	switch (r->kind) {
	case LZ_KIND_MEETING: {
		lz_meeting *m = &r->u.meeting;
		if (strcmp(field, "title") == 0) m->title = v;
		else if (strcmp(field, "summary") == 0) m->summary = v;
		else if (strcmp(field, "location") == 0) m->location = v;
		else if (strcmp(field, "host") == 0) m->host = v;
		else if (strcmp(field, "type") == 0) m->type = v;
		else if (strcmp(field, "start") == 0) m->start = number(field, v);
		else if (strcmp(field, "task") == 0) {
			static int task;
			task = number(field, v);
			m->tasks = &task;
			m->n_tasks = 1;
		} else return false;
		return true;
	}
	case LZ_KIND_ITEM: {
		lz_item *it = &r->u.item;
		if (strcmp(field, "title") == 0) it->title = v;
		else if (strcmp(field, "owner") == 0) it->owner = v;
		else if (strcmp(field, "source") == 0) it->source = v;
		else if (strcmp(field, "status") == 0) it->status = v;
		else if (strcmp(field, "task") == 0) it->task = number(field, v);
		else return false;
		return true;
	}
	case LZ_KIND_RISK: {
		lz_risk *x = &r->u.risk;
		if (strcmp(field, "post") == 0) x->post = v;
		else if (strcmp(field, "link") == 0) x->link = v;
		else if (strcmp(field, "desc") == 0) x->desc = v;
		else if (strcmp(field, "level") == 0) x->level = v;
		else if (strcmp(field, "owner") == 0) x->owner = v;
		else if (strcmp(field, "likelihood") == 0) x->likelihood = number(field, v);
		else if (strcmp(field, "impact") == 0) x->impact = number(field, v);
		else return false;
		return true;
	}
	case LZ_KIND_PERSON: {
		lz_person *p = &r->u.person;
		if (strcmp(field, "name") == 0) p->name = v;
		else if (strcmp(field, "post") == 0) p->post = v;
		else return false;
		return true;
	}
	default:
		return false;
	}
}

int main(int argc, char **argv)
{
	prog = argv[0];
	if (argc < 3)
		return usage();
	if (strcmp(argv[2], "foreign") == 0)
		return argc == 3 ? foreign(argv[1]) : usage();
	lz_record rec;
	memset(&rec, 0, sizeof rec);
	/* Defaults that add would accept: each test spoils one field. */
	if (strcmp(argv[2], "meeting") == 0) {
		rec.kind = LZ_KIND_MEETING;
		lz_meeting_init(&rec.u.meeting);
		rec.u.meeting.date = lz_day_from_ymd(2022, 3, 1);
		rec.u.meeting.type = "special-meeting";
		rec.u.meeting.title = "专题会议";
	} else if (strcmp(argv[2], "item") == 0) {
		rec.kind = LZ_KIND_ITEM;
		lz_item_init(&rec.u.item);
		rec.u.item.task = 1;
		rec.u.item.title = "整改事项";
		rec.u.item.status = "open";
	} else if (strcmp(argv[2], "risk") == 0) {
		rec.kind = LZ_KIND_RISK;
		lz_risk_init(&rec.u.risk);
		rec.u.risk.post = "财务岗";
		rec.u.risk.link = "报销";
		rec.u.risk.desc = "审核不严";
		rec.u.risk.level = "high";
		rec.u.risk.likelihood = 3;
		rec.u.risk.impact = 3;
	} else if (strcmp(argv[2], "person") == 0) {
		rec.kind = LZ_KIND_PERSON;
		lz_person_init(&rec.u.person);
		rec.u.person.name = "张三";
	} else {
		return usage();
	}
	rec.u.meta.year = 2022;
	for (int i = 3; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq)
			return usage();
		*eq = '\0';
		if (!set_field(&rec, argv[i], eq + 1)) {
			fprintf(stderr, "%s: a %s has no field %s here\n", prog, argv[2], argv[i]);
			return 2;
		}
	}
	lz_err err;
	lz_err_clear(&err);
	lz_store *s;
	if (lz_store_open(argv[1], NULL, &s, &err) != LZ_OK) {
		fprintf(stderr, "%s: %s\n", prog, err.msg);
		return 1;
	}
	lz_op op = {.op = LZ_OP_ADD, .kind = rec.kind, .rec = &rec};
	lz_rc rc = lz_store_apply(s, &op, 1, &err);
	if (rc == LZ_OK)
		printf("%" PRIu64 "\n", (uint64_t)rec.u.meta.id);
	else
		fprintf(stderr, "%s: %s\n", prog, err.msg);
	lz_store_close(s);
	return rc == LZ_OK ? 0 : 1;
}
