/* The change log: an entry per change in the same transaction, the
 * SHA-256 chain, tampering found and named, undo, the baseline given to a
 * database from before the log, backup and restore. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lz_store.h"
#include "store_fixture.h"

static lz_id add_meeting(lz_store *s, const char *title)
{
	lz_record r = {.kind = LZ_KIND_MEETING};
	lz_meeting_init(&r.u.meeting);
	r.u.meeting.date = lz_day_from_ymd(2022, 3, 1);
	r.u.meeting.type = "special-meeting";
	r.u.meeting.title = title;
	r.u.meeting.meta.year = 2022;
	lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &r};
	lz_err err;
	if (lz_store_apply(s, &op, 1, &err) != LZ_OK)
		fail_msg("add: %s", err.msg);
	return r.u.meta.id;
}

static void retitle(lz_store *s, lz_id id, const char *title)
{
	lz_arena a = {0};
	lz_record r;
	lz_err err;
	assert_int_equal(lz_store_get(s, LZ_KIND_MEETING, id, &a, &r, &err), LZ_OK);
	r.u.meeting.title = title;
	lz_op op = {.op = LZ_OP_UPDATE, .kind = LZ_KIND_MEETING, .rec = &r,
		    .expect_version = r.u.meta.version};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
	lz_arena_free(&a);
}

static void remove_meeting(lz_store *s, lz_id id)
{
	lz_op op = {.op = LZ_OP_REMOVE, .kind = LZ_KIND_MEETING, .id = id};
	lz_err err;
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
}

static const char *title_of(lz_store *s, lz_id id, lz_arena *a)
{
	lz_record r;
	lz_err err;
	if (lz_store_get(s, LZ_KIND_MEETING, id, a, &r, &err) != LZ_OK)
		return NULL;
	return r.u.meeting.title;
}

static lz_audit audit(lz_store *s)
{
	lz_audit a;
	lz_err err;
	assert_int_equal(lz_store_audit(s, &a, &err), LZ_OK);
	return a;
}

typedef struct collected {
	lz_log_op ops[64];
	lz_id ids[64];
	uint64_t undo_of[64];
	size_t n;
} collected;

static bool collect(const lz_log_entry *e, void *ctx)
{
	collected *c = ctx;
	if (c->n < 64) {
		c->ops[c->n] = e->op;
		c->ids[c->n] = e->id;
		c->undo_of[c->n] = e->undo_of;
		c->n++;
	}
	return true;
}

static collected history(lz_store *s, lz_id id)
{
	collected c = {0};
	lz_arena a = {0};
	lz_err err;
	assert_int_equal(lz_store_log(s, id, 1, &a, collect, &c, &err), LZ_OK);
	lz_arena_free(&a);
	return c;
}

/* Writes through LMDB directly, as someone editing the file would. */
static void raw_edit(const char *dir, const char *table, const void *keyb, size_t keylen,
		     bool remove, size_t flip_at)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	txn = raw_begin(dir, &env);
	assert_int_equal(mdb_dbi_open(txn, table, 0, &dbi), 0);
	MDB_val k = {keylen, (void *)keyb}, v;
	if (remove) {
		assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
	} else {
		assert_int_equal(mdb_get(txn, dbi, &k, &v), 0);
		unsigned char *copy = malloc(v.mv_size);
		memcpy(copy, v.mv_data, v.mv_size);
		copy[flip_at % v.mv_size] ^= 0x01;
		MDB_val nv = {v.mv_size, copy};
		assert_int_equal(mdb_put(txn, dbi, &k, &nv, 0), 0);
		free(copy);
	}
	raw_commit(env, txn);
}

static void be64(unsigned char b[8], uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (56 - 8 * i));
}

static void test_every_change_is_logged_and_chained(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	lz_id a = add_meeting(s, "第一次专题会议");
	lz_id b = add_meeting(s, "第二次专题会议");
	retitle(s, a, "第一次专题会议（修改）");
	remove_meeting(s, b);
	collected all = history(s, 0);
	assert_int_equal(all.n, 4);
	assert_int_equal(all.ops[0], LZ_LOG_ADD);
	assert_int_equal(all.ops[2], LZ_LOG_UPDATE);
	assert_int_equal(all.ops[3], LZ_LOG_REMOVE);
	collected ha = history(s, a);
	assert_int_equal(ha.n, 2);
	lz_audit au = audit(s);
	assert_true(au.intact);
	assert_int_equal(au.entries, 4);
	assert_int_equal(au.records, 1);
	uint64_t seq;
	unsigned char head[LZ_LOG_HASH];
	lz_err err;
	assert_int_equal(lz_store_log_head(s, &seq, head, &err), LZ_OK);
	assert_int_equal(seq, 4);
	assert_memory_equal(head, au.head, LZ_LOG_HASH);
	/* A refused change leaves no entry. */
	lz_op stale = {.op = LZ_OP_REMOVE, .kind = LZ_KIND_MEETING, .id = a, .expect_version = 1};
	assert_int_equal(lz_store_apply(s, &stale, 1, &err), LZ_ESTALE);
	assert_int_equal(history(s, 0).n, 4);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

static void test_tampering_is_found_and_named(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	lz_id a = add_meeting(s, "警示教育大会");
	lz_id b = add_meeting(s, "谈心谈话");
	add_meeting(s, "民主生活会");
	lz_store_close(s);
	unsigned char k[8];

	/* A record changed behind the program's back. */
	be64(k, a);
	raw_edit(dir, "meetings", k, 8, false, 20);
	s = open_store(dir, 0);
	lz_audit au = audit(s);
	assert_false(au.intact);
	char want[64];
	snprintf(want, sizeof want, "%llu", (unsigned long long)a);
	assert_non_null(strstr(au.problem, want));
	assert_non_null(strstr(au.problem, "altered"));
	lz_store_close(s);

	/* A log entry changed: named by its number. */
	be64(k, 2);
	raw_edit(dir, "log", k, 8, false, 30);
	s = open_store(dir, 0);
	au = audit(s);
	assert_false(au.intact);
	assert_non_null(strstr(au.problem, "log entry 2"));
	lz_store_close(s);
	remove_tree(dir);

	/* A record deleted behind the program's back. */
	s = open_store(dir, 0);
	a = add_meeting(s, "专题会议");
	b = add_meeting(s, "主题党日");
	lz_store_close(s);
	be64(k, b);
	raw_edit(dir, "meetings", k, 8, true, 0);
	s = open_store(dir, 0);
	au = audit(s);
	assert_false(au.intact);
	snprintf(want, sizeof want, "%llu was deleted", (unsigned long long)b);
	assert_non_null(strstr(au.problem, want));
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

static void test_undo_takes_back_changes_in_turn(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	lz_arena a = {0};
	lz_id id = add_meeting(s, "原标题");
	retitle(s, id, "新标题");
	remove_meeting(s, id);
	lz_log_entry e;
	lz_err err;

	assert_int_equal(lz_store_undo(s, &a, &e, NULL, &err), LZ_OK);
	assert_int_equal(e.op, LZ_LOG_REMOVE);
	assert_string_equal(title_of(s, id, &a), "新标题");
	assert_int_equal(lz_store_undo(s, &a, &e, NULL, &err), LZ_OK);
	assert_int_equal(e.op, LZ_LOG_UPDATE);
	assert_string_equal(title_of(s, id, &a), "原标题");
	assert_int_equal(lz_store_undo(s, &a, &e, NULL, &err), LZ_OK);
	assert_int_equal(e.op, LZ_LOG_ADD);
	assert_null(title_of(s, id, &a));
	assert_int_equal(lz_store_undo(s, &a, &e, NULL, &err), LZ_EDATA);

	/* Undos are changes too, logged and chained. */
	collected h = history(s, id);
	assert_int_equal(h.n, 6);
	assert_int_equal(h.undo_of[3], 3);
	assert_int_equal(h.undo_of[5], 1);
	assert_true(audit(s).intact);

	/* A change by someone else after the one to undo is undone first. */
	lz_id other = add_meeting(s, "甲");
	retitle(s, other, "乙");
	assert_int_equal(lz_store_undo(s, &a, &e, NULL, &err), LZ_OK);
	assert_string_equal(title_of(s, other, &a), "甲");
	lz_arena_free(&a);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* What one transaction wrote (an import, a schedule) is undone whole, in
 * one transaction of its own; what came before it stays. */
static void test_undo_takes_back_a_transaction_whole(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	lz_arena a = {0};
	lz_id before = add_meeting(s, "之前");
	lz_record r[3];
	lz_op ops[4];
	const char *titles[] = {"一", "二", "三"};
	for (int i = 0; i < 3; i++) {
		r[i] = (lz_record){.kind = LZ_KIND_MEETING};
		lz_meeting_init(&r[i].u.meeting);
		r[i].u.meeting.date = lz_day_from_ymd(2022, 4, 1 + i);
		r[i].u.meeting.type = "special-meeting";
		r[i].u.meeting.title = titles[i];
		r[i].u.meeting.meta.year = 2022;
		ops[i] = (lz_op){.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &r[i]};
	}
	/* The same transaction also removes the earlier meeting. */
	ops[3] = (lz_op){.op = LZ_OP_REMOVE, .kind = LZ_KIND_MEETING, .id = before};
	lz_err err;
	assert_int_equal(lz_store_apply(s, ops, 4, &err), LZ_OK);
	lz_log_entry e;
	size_t changes = 0;
	assert_int_equal(lz_store_undo(s, &a, &e, &changes, &err), LZ_OK);
	assert_int_equal(changes, 4);
	assert_int_equal(e.seq - e.txn, 3);
	for (int i = 0; i < 3; i++)
		assert_null(title_of(s, r[i].u.meta.id, &a));
	assert_string_equal(title_of(s, before, &a), "之前");
	assert_true(audit(s).intact);
	size_t problems = 0;
	FILE *devnull = fopen("/dev/null", "w");
	assert_int_equal(lz_store_check(s, devnull, &problems, &err), LZ_OK);
	fclose(devnull);
	assert_int_equal(problems, 0);
	/* The next undo reaches the add before the transaction. */
	assert_int_equal(lz_store_undo(s, &a, &e, &changes, &err), LZ_OK);
	assert_int_equal(changes, 1);
	assert_null(title_of(s, before, &a));
	lz_arena_free(&a);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* A database as the first version wrote it: no log tables, format 1. */
static void make_old_database(const char *dir)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	txn = raw_begin(dir, &env);
	assert_int_equal(mdb_dbi_open(txn, "log", 0, &dbi), 0);
	assert_int_equal(mdb_drop(txn, dbi, 1), 0);
	assert_int_equal(mdb_dbi_open(txn, "log_by_record", 0, &dbi), 0);
	assert_int_equal(mdb_drop(txn, dbi, 1), 0);
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
	unsigned char one[4] = {0, 0, 0, 1};
	MDB_val k = {6, "format"}, v = {4, one};
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	raw_commit(env, txn);
}

static void test_old_database_gets_a_baseline(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	store_bundled_plan(s);
	lz_id a = add_meeting(s, "旧库的会议");
	add_meeting(s, "旧库的另一次会议");
	lz_store_close(s);
	make_old_database(dir);

	/* Read-only, it is read without history. */
	lz_store_options ro = {.read_only = true};
	lz_err err;
	assert_int_equal(lz_store_open(dir, &ro, &s, &err), LZ_OK);
	lz_arena ar = {0};
	assert_string_equal(title_of(s, a, &ar), "旧库的会议");
	lz_audit au;
	assert_int_equal(lz_store_audit(s, &au, &err), LZ_EIO);
	lz_store_close(s);

	/* Opened for writing, every record gets a baseline entry. */
	s = open_store(dir, 0);
	collected all = history(s, 0);
	assert_int_equal(all.n, 3);
	assert_int_equal(all.ops[0], LZ_LOG_PLAN);
	assert_int_equal(all.ops[1], LZ_LOG_BASELINE);
	assert_true(audit(s).intact);
	retitle(s, a, "升级后修改");
	assert_int_equal(history(s, a).n, 2);
	assert_true(audit(s).intact);
	lz_arena_free(&ar);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* Records an older version let in that add refuses now (here a title
 * with an escape sequence, written with the library) keep the database
 * from being upgraded or read, named with the record and the field. */
static void test_old_database_with_a_refused_record(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	store_bundled_plan(s);
	add_meeting(s, "正常的会议");
	lz_id bad = add_meeting(s, "\x1b[2J清屏");
	lz_store_close(s);
	make_old_database(dir);
	char want[64];
	snprintf(want, sizeof want, "meeting %llu: title", (unsigned long long)bad);
	lz_err err;
	lz_store_options ro = {.read_only = true};
	for (int i = 0; i < 2; i++) {
		lz_store_options *opt = i ? &ro : NULL;
		assert_int_equal(lz_store_open(dir, opt, &s, &err), LZ_EDATA);
		assert_null(s);
		if (!strstr(err.msg, want) || !strstr(err.msg, "U+001B"))
			fail_msg("%s", err.msg);
	}
	remove_tree(dir);
	free(dir);
}

/* A database of format 5 has no tables for the registers (issue 17).
 * Read-only, they read as empty and the rest as before; opened for
 * writing it comes to this format, and a notice is logged and kept under
 * its own kind code, the plan's entries keeping theirs. */
static void test_database_from_before_the_registers(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	store_bundled_plan(s);
	lz_id m = add_meeting(s, "登记簿以前的会议");
	lz_store_close(s);
	MDB_env *env;
	MDB_txn *txn = raw_begin(dir, &env);
	MDB_dbi dbi;
	static const char *const tables[] = {"notices", "disclosures", "discipline"};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(mdb_dbi_open(txn, tables[i], 0, &dbi), 0);
		assert_int_equal(mdb_drop(txn, dbi, 1), 0);
	}
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
	unsigned char five[4] = {0, 0, 0, 5};
	MDB_val k = {6, "format"}, v = {4, five};
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	raw_commit(env, txn);

	lz_store_options ro = {.read_only = true};
	lz_err err;
	assert_int_equal(lz_store_open(dir, &ro, &s, &err), LZ_OK);
	lz_arena ar = {0};
	assert_string_equal(title_of(s, m, &ar), "登记簿以前的会议");
	size_t n = 1;
	assert_int_equal(lz_store_count(s, LZ_KIND_NOTICE, &n, &err), LZ_OK);
	assert_int_equal(n, 0);
	lz_record r;
	assert_int_equal(lz_store_get(s, LZ_KIND_DISCIPLINE, m, &ar, &r, &err), LZ_EDATA);
	size_t problems = 1;
	FILE *out = tmpfile();
	assert_int_equal(lz_store_check(s, out, &problems, &err), LZ_OK);
	fclose(out);
	assert_int_equal(problems, 0);
	lz_store_close(s);

	s = open_store(dir, 0);
	lz_record nr;
	lz_record_init(LZ_KIND_NOTICE, &nr);
	nr.u.notice.received = lz_day_from_ymd(2022, 3, 1);
	nr.u.notice.issuer = "县纪委";
	nr.u.notice.title = "通报";
	nr.u.meta.year = 2022;
	lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_NOTICE, .rec = &nr};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
	collected all = history(s, 0);
	assert_int_equal(all.ops[0], LZ_LOG_PLAN);
	collected one = history(s, nr.u.meta.id);
	assert_int_equal(one.n, 1);
	assert_true(audit(s).intact);
	assert_int_equal(lz_store_get(s, LZ_KIND_NOTICE, nr.u.meta.id, &ar, &r, &err), LZ_OK);
	assert_string_equal(r.u.notice.title, "通报");
	lz_store_close(s);
	lz_arena_free(&ar);
	remove_tree(dir);
	free(dir);
}

/* Each kind keeps its code in the log's bytes: the plan 4 as it always
 * was, the registers from 10; a code no kind has is unreadable. */
static void test_log_kind_codes(void **state)
{
	(void)state;
	static const struct {
		lz_kind kind;
		unsigned code;
	} want[] = {{LZ_KIND_PERSON, 0}, {LZ_KIND_RISK, 3}, {(lz_kind)LZ_LOG_KIND_PLAN, 4},
		    {LZ_KIND_NOTICE, 10}, {LZ_KIND_DISCLOSURE, 11}, {LZ_KIND_DISCIPLINE, 12}};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		lz_log_entry e = {.seq = 1, .time = 1, .user = "u", .op = LZ_LOG_ADD,
				  .kind = want[i].kind, .id = 7};
		unsigned char *buf;
		size_t len;
		lz_log_encode(&e, &buf, &len);
		/* The kind follows [version, seq, time, "u", uid, op], each a
		 * byte but the text's two: the array's head, 2, 1, 1, 0x61 'u',
		 * 0, 0, then it. */
		assert_true(len > 9);
		assert_int_equal(buf[8], want[i].code);
		lz_arena a = {0};
		lz_log_entry d;
		assert_int_equal(lz_log_decode(buf, len, &a, &d), LZ_LOG_INTACT);
		assert_int_equal(d.kind, want[i].kind);
		buf[8] = 9;  /* no kind has it: the hash no longer matters */
		assert_int_equal(lz_log_decode(buf, len, &a, &d), LZ_LOG_UNREADABLE);
		lz_arena_free(&a);
		free(buf);
	}
}

static void test_backup_and_restore(void **state)
{
	(void)state;
	char *dir = make_tmpdir(), *dir2 = make_tmpdir();
	char file[256], kept[512];
	snprintf(file, sizeof file, "%s/copy.mdb", dir2);
	lz_store *s = open_store(dir, 0);
	store_bundled_plan(s);
	lz_id a = add_meeting(s, "备份前的会议");
	lz_err err;
	assert_int_equal(lz_store_last_backup(s), 0);
	assert_int_equal(lz_store_backup(s, file, &err), LZ_OK);
	assert_true(lz_store_last_backup(s) > 0);
	retitle(s, a, "备份后的修改");

	/* Refused while the database is open here. */
	assert_int_equal(lz_store_restore(dir, file, kept, sizeof kept, &err), LZ_EIO);
	assert_non_null(strstr(err.msg, "close it first"));
	lz_store_close(s);

	assert_int_equal(lz_store_restore(dir, file, kept, sizeof kept, &err), LZ_OK);
	assert_int_equal(access(kept, R_OK), 0);
	s = open_store(dir, 0);
	lz_arena ar = {0};
	assert_string_equal(title_of(s, a, &ar), "备份前的会议");
	assert_true(audit(s).intact);
	lz_store_close(s);

	/* A damaged copy is refused and nothing is replaced. */
	FILE *f = fopen(file, "w");
	fputs("not a database", f);
	fclose(f);
	assert_int_not_equal(lz_store_restore(dir, file, kept, sizeof kept, &err), LZ_OK);
	s = open_store(dir, 0);
	assert_string_equal(title_of(s, a, &ar), "备份前的会议");
	lz_store_close(s);
	lz_arena_free(&ar);
	remove_tree(dir);
	remove_tree(dir2);
	free(dir);
	free(dir2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_change_is_logged_and_chained),
		cmocka_unit_test(test_tampering_is_found_and_named),
		cmocka_unit_test(test_undo_takes_back_changes_in_turn),
		cmocka_unit_test(test_undo_takes_back_a_transaction_whole),
		cmocka_unit_test(test_old_database_gets_a_baseline),
		cmocka_unit_test(test_old_database_with_a_refused_record),
		cmocka_unit_test(test_backup_and_restore),
		cmocka_unit_test(test_database_from_before_the_registers),
		cmocka_unit_test(test_log_kind_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
