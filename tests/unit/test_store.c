/* The record store: encoding, CRUD, versions, indexes against a model,
 * map growth, concurrent writers, and refusal of databases it must not
 * read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lz_cbor.h"
#include "lz_store.h"
#include "record_codec.h"

static char *make_tmpdir(void)
{
	char *dir = strdup("/tmp/lz-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void remove_tree(const char *dir)
{
	char *cmd;
	assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static lz_store *open_store(const char *dir, size_t map)
{
	lz_store_options opt = {.initial_map_bytes = map};
	lz_store *s = NULL;
	lz_err err;
	lz_rc rc = lz_store_open(dir, &opt, &s, &err);
	if (rc != LZ_OK)
		fail_msg("open %s: %s", dir, err.msg);
	return s;
}

static lz_meeting sample_meeting(lz_day date, const char *title)
{
	lz_meeting m;
	lz_meeting_init(&m);
	m.date = date;
	m.type = "special-meeting";
	m.title = title;
	m.status = LZ_MEETING_PLANNED;
	m.meta.year = 2022;
	return m;
}

static lz_id add_meeting(lz_store *s, lz_day date, const char *title)
{
	lz_record r = {.kind = LZ_KIND_MEETING, .u.meeting = sample_meeting(date, title)};
	lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &r};
	lz_err err;
	if (lz_store_apply(s, &op, 1, &err) != LZ_OK)
		fail_msg("add: %s", err.msg);
	return r.u.meta.id;
}

static size_t check_problems(lz_store *s)
{
	size_t problems = 99;
	lz_err err;
	FILE *devnull = fopen("/dev/null", "w");
	assert_int_equal(lz_store_check(s, devnull, &problems, &err), LZ_OK);
	fclose(devnull);
	return problems;
}

/* ---- encoding ---- */

static void test_round_trip_meeting(void **state)
{
	(void)state;
	lz_record r = {.kind = LZ_KIND_MEETING};
	lz_meeting *m = &r.u.meeting;
	lz_meeting_init(m);
	m->meta = (lz_meta){.id = 42, .year = 2022, .created = 1650000000, .updated = 1650000100,
			    .version = 3};
	m->date = lz_day_from_ymd(2022, 6, 15);
	m->start = 9 * 60;
	m->end = 11 * 60 + 30;
	m->type = "leading-group";
	m->title = "研究部署第二季度党风廉政建设工作";
	m->location = "三楼会议室";
	m->host = "王五";
	m->recorder = "李四";
	m->expected = 9;
	m->present = 8;
	m->attendees = "王五、李四、张三";
	lz_absence absent[] = {{"赵六", "出差"}};
	m->absent = absent;
	m->n_absent = 1;
	const char *topics[] = {"议题一", "议题二\n第二行"};
	m->topics = (lz_strv){topics, 2};
	m->first_topic = "学习习近平总书记重要讲话";
	int tasks[] = {1, 5};
	m->tasks = tasks;
	m->n_tasks = 2;
	m->status = LZ_MEETING_HELD;
	m->held_entered = 1655300000;
	m->imported = true;

	unsigned char *buf;
	size_t len;
	lz_record_encode(&r, &buf, &len);
	lz_arena a = {0};
	lz_record back;
	lz_err err;
	assert_int_equal(lz_record_decode(LZ_KIND_MEETING, buf, len, &a, &back, &err), LZ_OK);
	const lz_meeting *b = &back.u.meeting;
	assert_int_equal(b->meta.id, 42);
	assert_int_equal(b->meta.version, 3);
	assert_int_equal(b->meta.created, 1650000000);
	assert_int_equal(b->date, m->date);
	assert_int_equal(b->start, 540);
	assert_int_equal(b->end, 690);
	assert_string_equal(b->type, "leading-group");
	assert_string_equal(b->title, m->title);
	assert_string_equal(b->location, "三楼会议室");
	assert_int_equal(b->expected, 9);
	assert_int_equal(b->present, 8);
	assert_int_equal(b->n_absent, 1);
	assert_string_equal(b->absent[0].reason, "出差");
	assert_int_equal(b->topics.n, 2);
	assert_string_equal(b->topics.v[1], "议题二\n第二行");
	assert_string_equal(b->first_topic, m->first_topic);
	assert_int_equal(b->n_tasks, 2);
	assert_int_equal(b->tasks[1], 5);
	assert_int_equal(b->status, LZ_MEETING_HELD);
	assert_int_equal(b->held_entered, 1655300000);
	assert_true(b->imported);
	assert_null(b->summary);
	assert_int_equal(b->decisions.n, 0);
	free(buf);
	lz_arena_free(&a);
}

static void test_round_trip_item_risk_person(void **state)
{
	(void)state;
	lz_record r = {.kind = LZ_KIND_ITEM};
	lz_item_init(&r.u.item);
	r.u.item.task = 2;
	r.u.item.title = "整改经费报销手续不全问题";
	r.u.item.status = "in-progress";
	r.u.item.due = lz_day_from_ymd(2022, 5, 31);
	lz_note notes[] = {{lz_day_from_ymd(2022, 9, 12), "已补齐凭证 23 份"}};
	r.u.item.log = notes;
	r.u.item.n_log = 1;
	unsigned char *buf;
	size_t len;
	lz_record_encode(&r, &buf, &len);
	lz_arena a = {0};
	lz_record back;
	assert_int_equal(lz_record_decode(LZ_KIND_ITEM, buf, len, &a, &back, NULL), LZ_OK);
	assert_int_equal(back.u.item.task, 2);
	assert_int_equal(back.u.item.due, r.u.item.due);
	assert_int_equal(back.u.item.n_log, 1);
	assert_string_equal(back.u.item.log[0].text, "已补齐凭证 23 份");
	free(buf);

	r = (lz_record){.kind = LZ_KIND_RISK};
	lz_risk_init(&r.u.risk);
	r.u.risk.post = "财务岗";
	r.u.risk.link = "工会经费报销";
	r.u.risk.desc = "报销凭证审核不严";
	r.u.risk.level = "high";
	r.u.risk.likelihood = 4;
	r.u.risk.impact = 5;
	lz_review rev[] = {{lz_day_from_ymd(2022, 3, 1), "抽查 12 笔", lz_day_from_ymd(2022, 5, 30)}};
	r.u.risk.log = rev;
	r.u.risk.n_log = 1;
	lz_record_encode(&r, &buf, &len);
	assert_int_equal(lz_record_decode(LZ_KIND_RISK, buf, len, &a, &back, NULL), LZ_OK);
	assert_int_equal(back.u.risk.impact, 5);
	assert_int_equal(back.u.risk.log[0].next, rev[0].next);
	assert_int_equal(back.u.risk.review, LZ_NO_DAY);
	free(buf);

	r = (lz_record){.kind = LZ_KIND_PERSON};
	lz_person_init(&r.u.person);
	r.u.person.name = "王五";
	const char *roles[] = {"first", "dual:办公室"};
	r.u.person.roles = (lz_strv){roles, 2};
	lz_record_encode(&r, &buf, &len);
	assert_int_equal(lz_record_decode(LZ_KIND_PERSON, buf, len, &a, &back, NULL), LZ_OK);
	assert_string_equal(back.u.person.roles.v[1], "dual:办公室");
	free(buf);
	lz_arena_free(&a);
}

/* A record written before fields were added, and one written by a newer
 * program with a field this one does not know. */
static void test_schema_evolution(void **state)
{
	(void)state;
	lz_cbor_writer w = {0};
	lz_cbw_map(&w, 5);
	lz_cbw_uint(&w, 0), lz_cbw_uint(&w, 1);          /* schema 1 */
	lz_cbw_uint(&w, 1), lz_cbw_uint(&w, 7);          /* id */
	lz_cbw_uint(&w, 10), lz_cbw_int(&w, 19158);      /* date */
	lz_cbw_uint(&w, 14), lz_cbw_text(&w, "旧记录");  /* title */
	/* tag 99: unknown here, a nested structure that must be skipped */
	lz_cbw_uint(&w, 99), lz_cbw_array(&w, 2), lz_cbw_text(&w, "x"), lz_cbw_map(&w, 0);
	lz_arena a = {0};
	lz_record r;
	lz_err err;
	assert_int_equal(lz_record_decode(LZ_KIND_MEETING, w.buf, w.len, &a, &r, &err), LZ_OK);
	assert_int_equal(r.u.meeting.meta.id, 7);
	assert_string_equal(r.u.meeting.title, "旧记录");
	/* Fields it lacks take their defaults. */
	assert_int_equal(r.u.meeting.start, LZ_NO_TIME);
	assert_int_equal(r.u.meeting.expected, LZ_NO_COUNT);
	free(w.buf);

	w = (lz_cbor_writer){0};
	lz_cbw_map(&w, 2);
	lz_cbw_uint(&w, 0), lz_cbw_uint(&w, 2);  /* a schema from the future */
	lz_cbw_uint(&w, 1), lz_cbw_uint(&w, 8);
	assert_int_equal(lz_record_decode(LZ_KIND_MEETING, w.buf, w.len, &a, &r, &err), LZ_EIO);
	assert_non_null(strstr(err.msg, "newer version"));
	free(w.buf);

	/* Damage: truncated and garbage bytes are refused, not misread. */
	unsigned char junk[] = {0xa3, 0x01, 0x02, 0x0e, 0x65, 'a'};
	assert_int_equal(lz_record_decode(LZ_KIND_MEETING, junk, sizeof junk, &a, &r, &err), LZ_EIO);
	unsigned char indef[] = {0xbf, 0xff};
	assert_int_equal(lz_record_decode(LZ_KIND_MEETING, indef, sizeof indef, &a, &r, &err), LZ_EIO);
	lz_arena_free(&a);
}

/* ---- CRUD and versions ---- */

static void test_crud_and_stale_edit(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	lz_id id = add_meeting(s, lz_day_from_ymd(2022, 6, 15), "专题会议");
	assert_true(id > 0);

	lz_arena a = {0};
	lz_record r;
	lz_err err;
	assert_int_equal(lz_store_get(s, LZ_KIND_MEETING, id, &a, &r, &err), LZ_OK);
	assert_int_equal(r.u.meta.version, 1);
	int64_t created = r.u.meta.created;

	/* An edit based on version 1 succeeds and makes version 2. */
	r.u.meeting.title = "专题会议（改）";
	r.u.meeting.date = lz_day_from_ymd(2022, 6, 16);
	lz_op op = {.op = LZ_OP_UPDATE, .kind = LZ_KIND_MEETING, .rec = &r, .expect_version = 1};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
	assert_int_equal(r.u.meta.version, 2);
	assert_int_equal(r.u.meta.created, created);

	/* A second edit still based on version 1 is refused and changes nothing. */
	lz_record stale;
	assert_int_equal(lz_store_get(s, LZ_KIND_MEETING, id, &a, &stale, &err), LZ_OK);
	stale.u.meeting.title = "覆盖";
	op = (lz_op){.op = LZ_OP_UPDATE, .kind = LZ_KIND_MEETING, .rec = &stale, .expect_version = 1};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_ESTALE);
	lz_record now;
	assert_int_equal(lz_store_get(s, LZ_KIND_MEETING, id, &a, &now, &err), LZ_OK);
	assert_string_equal(now.u.meeting.title, "专题会议（改）");
	assert_int_equal(now.u.meta.version, 2);

	/* A stale remove is refused too; a current one succeeds. */
	op = (lz_op){.op = LZ_OP_REMOVE, .kind = LZ_KIND_MEETING, .id = id, .expect_version = 1};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_ESTALE);
	op.expect_version = 2;
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
	assert_int_equal(lz_store_get(s, LZ_KIND_MEETING, id, &a, &now, &err), LZ_EDATA);
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_EDATA);
	assert_int_equal(check_problems(s), 0);

	/* All or nothing: a batch whose last op fails leaves no trace. */
	lz_record fresh = {.kind = LZ_KIND_MEETING,
			   .u.meeting = sample_meeting(lz_day_from_ymd(2022, 7, 1), "批量")};
	lz_op batch[2] = {{.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &fresh},
			  {.op = LZ_OP_REMOVE, .kind = LZ_KIND_MEETING, .id = 999999}};
	assert_int_equal(lz_store_apply(s, batch, 2, &err), LZ_EDATA);
	size_t count = 9;
	assert_int_equal(lz_store_count(s, LZ_KIND_MEETING, &count, &err), LZ_OK);
	assert_int_equal(count, 0);

	/* Files are private to the user. */
	struct stat st;
	char *path;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_true(asprintf(&path, "%s/data.mdb", dir) > 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(path);

	lz_arena_free(&a);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* A meeting's entry time as held is kept by edits and cannot be set. */
static void test_held_entry_time_is_kept(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	setenv("LIANZHENG_NOW", "1700000000", 1);
	lz_record r = {.kind = LZ_KIND_MEETING,
		       .u.meeting = sample_meeting(lz_day_from_ymd(2022, 6, 15), "会")};
	r.u.meeting.held_entered = 5;  /* ignored: the store sets it */
	lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &r};
	lz_err err;
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
	assert_int_equal(r.u.meeting.held_entered, 0);  /* planned */

	setenv("LIANZHENG_NOW", "1700100000", 1);
	r.u.meeting.status = LZ_MEETING_HELD;
	op = (lz_op){.op = LZ_OP_UPDATE, .kind = LZ_KIND_MEETING, .rec = &r};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
	assert_int_equal(r.u.meeting.held_entered, 1700100000);

	setenv("LIANZHENG_NOW", "1700200000", 1);
	r.u.meeting.held_entered = 1;  /* an edit cannot rewrite it */
	r.u.meeting.title = "会（改）";
	op = (lz_op){.op = LZ_OP_UPDATE, .kind = LZ_KIND_MEETING, .rec = &r};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
	lz_arena a = {0};
	lz_record back;
	assert_int_equal(lz_store_get(s, LZ_KIND_MEETING, r.u.meta.id, &a, &back, &err), LZ_OK);
	assert_int_equal(back.u.meeting.held_entered, 1700100000);
	assert_int_equal(back.u.meta.created, 1700000000);
	unsetenv("LIANZHENG_NOW");
	lz_arena_free(&a);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* ---- random operations against a model ---- */

typedef struct model_rec {
	lz_id id;
	lz_kind kind;
	int32_t key;   /* date / task / review */
	int32_t due;   /* items: deadline or LZ_NO_DAY */
	uint32_t version;
	bool live;
} model_rec;

typedef struct collected {
	lz_id ids[20000];
	int32_t keys[20000];
	size_t n;
	lz_arena *arena;
	int which;  /* 0 meetings by date, 1 items by task, 2 items by due, 3 risks */
} collected;

static bool collect(const lz_record *r, void *ctx)
{
	collected *c = ctx;
	c->ids[c->n] = r->u.meta.id;
	c->keys[c->n] = c->which == 0 ? r->u.meeting.date
		      : c->which == 1 ? r->u.item.task
		      : c->which == 2 ? r->u.item.due : r->u.risk.review;
	c->n++;
	lz_arena_free(c->arena);
	return true;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static void fill_record(lz_record *r, lz_kind kind, model_rec *m)
{
	lz_day base = lz_day_from_ymd(2022, 1, 1);
	r->kind = kind;
	switch (kind) {
	case LZ_KIND_MEETING:
		r->u.meeting = sample_meeting(base + (lz_day)rnd(400) - 20, "随机会议");
		m->key = r->u.meeting.date;
		break;
	case LZ_KIND_ITEM:
		lz_item_init(&r->u.item);
		r->u.item.task = 1 + (int)rnd(13);
		r->u.item.title = "随机事项";
		r->u.item.status = "open";
		r->u.item.due = rnd(3) ? base + (lz_day)rnd(365) : LZ_NO_DAY;
		m->key = r->u.item.task;
		m->due = r->u.item.due;
		break;
	default:
		lz_risk_init(&r->u.risk);
		r->u.risk.post = "岗位";
		r->u.risk.link = "环节";
		r->u.risk.desc = "风险";
		r->u.risk.level = "high";
		r->u.risk.likelihood = r->u.risk.impact = 3;
		r->u.risk.review = rnd(4) ? base + (lz_day)rnd(365) : LZ_NO_DAY;
		m->key = r->u.risk.review;
		break;
	}
}

static int cmp_pair(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	for (int i = 0; i < 2; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

/* Expected (key, id) pairs in index order, for records of a kind. */
static size_t expected(const model_rec *model, size_t n, lz_kind kind, int which, int64_t *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!model[i].live || model[i].kind != kind)
			continue;
		int32_t key = which == 2 ? model[i].due : model[i].key;
		if ((which == 2 || which == 3) && key == LZ_NO_DAY)
			continue;
		out[2 * k] = key;
		out[2 * k + 1] = (int64_t)model[i].id;
		k++;
	}
	qsort(out, k, 2 * sizeof *out, cmp_pair);
	return k;
}

static void compare(lz_store *s, const model_rec *model, size_t n, int which)
{
	static int64_t want[2 * 20000];
	static collected got;
	lz_arena a = {0};
	got.n = 0;
	got.arena = &a;
	got.which = which;
	lz_err err;
	lz_kind kind = which == 0 ? LZ_KIND_MEETING : which == 3 ? LZ_KIND_RISK : LZ_KIND_ITEM;
	lz_rc rc = which == 0 ? lz_store_meetings_between(s, INT32_MIN + 1, INT32_MAX, &a, collect, &got, &err)
		 : which == 1 ? lz_store_items_by_task(s, 0, &a, collect, &got, &err)
		 : which == 2 ? lz_store_items_due_between(s, INT32_MIN + 1, INT32_MAX, &a, collect, &got, &err)
		 : lz_store_risks_review_between(s, INT32_MIN + 1, INT32_MAX, &a, collect, &got, &err);
	assert_int_equal(rc, LZ_OK);
	size_t k = expected(model, n, kind, which, want);
	assert_int_equal(got.n, k);
	for (size_t i = 0; i < k; i++) {
		assert_int_equal(got.keys[i], want[2 * i]);
		assert_int_equal(got.ids[i], (lz_id)want[2 * i + 1]);
	}
	lz_arena_free(&a);
}

static void test_random_operations_match_model(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	enum { OPS = 10000 };
	static model_rec model[OPS];
	size_t nmodel = 0;
	lz_err err;
	lz_arena a = {0};
	/* Operations go in small batches, each one transaction, so a batch
	 * boundary falls between every kind of operation. */
	for (int done = 0; done < OPS;) {
		int batch = 1 + (int)rnd(12);
		lz_op ops[12];
		lz_record recs[12];
		model_rec *touched[12];
		model_rec pending[12];
		int nops = 0;
		for (int b = 0; b < batch && done < OPS; b++, done++) {
			uint32_t choice = rnd(10);
			lz_kind kind = (lz_kind)(1 + rnd(3)); /* item, meeting, risk */
			/* The same record may not appear twice in a batch. */
			model_rec *victim = NULL;
			if (nmodel && choice >= 5) {
				model_rec *cand = &model[rnd((uint32_t)nmodel)];
				bool again = false;
				for (int j = 0; j < nops; j++)
					again |= touched[j] == cand;
				if (cand->live && !again)
					victim = cand;
			}
			if (!victim) {
				pending[nops] = (model_rec){.kind = kind, .live = true, .version = 1,
							   .due = LZ_NO_DAY};
				fill_record(&recs[nops], kind, &pending[nops]);
				ops[nops] = (lz_op){.op = LZ_OP_ADD, .kind = kind, .rec = &recs[nops]};
				touched[nops] = NULL;
			} else if (choice >= 8) {
				ops[nops] = (lz_op){.op = LZ_OP_REMOVE, .kind = victim->kind,
						    .id = victim->id, .expect_version = victim->version};
				touched[nops] = victim;
			} else {
				pending[nops] = *victim;
				fill_record(&recs[nops], victim->kind, &pending[nops]);
				recs[nops].u.meta.id = victim->id;
				ops[nops] = (lz_op){.op = LZ_OP_UPDATE, .kind = victim->kind,
						    .rec = &recs[nops], .expect_version = victim->version};
				touched[nops] = victim;
			}
			nops++;
		}
		if (lz_store_apply(s, ops, (size_t)nops, &err) != LZ_OK)
			fail_msg("apply: %s", err.msg);
		for (int j = 0; j < nops; j++) {
			if (ops[j].op == LZ_OP_ADD) {
				pending[j].id = recs[j].u.meta.id;
				model[nmodel++] = pending[j];
			} else if (ops[j].op == LZ_OP_REMOVE) {
				touched[j]->live = false;
			} else {
				pending[j].version = touched[j]->version + 1;
				assert_int_equal(recs[j].u.meta.version, pending[j].version);
				*touched[j] = pending[j];
			}
		}
	}
	assert_int_equal(check_problems(s), 0);
	for (int which = 0; which < 4; which++)
		compare(s, model, nmodel, which);
	/* A one-day range returns exactly that day's meetings. */
	lz_day day = lz_day_from_ymd(2022, 3, 1);
	collected *c = calloc(1, sizeof *c);
	c->arena = &a;
	assert_int_equal(lz_store_meetings_between(s, day, day, &a, collect, c, &err), LZ_OK);
	size_t want = 0;
	for (size_t i = 0; i < nmodel; i++)
		want += model[i].live && model[i].kind == LZ_KIND_MEETING && model[i].key == day;
	assert_int_equal(c->n, want);
	free(c);
	lz_arena_free(&a);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* ---- map growth ---- */

static void test_map_grows_by_itself(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	/* A 64 KiB map holds a few dozen meetings; 20,000 must still go in,
	 * in one transaction and in many. */
	lz_store *s = open_store(dir, 64 * 1024);
	size_t before = lz_store_map_size(s);
	enum { BATCH = 10000 };
	static lz_record recs[BATCH];
	static lz_op ops[BATCH];
	lz_err err;
	for (int i = 0; i < BATCH; i++) {
		recs[i] = (lz_record){.kind = LZ_KIND_MEETING,
				      .u.meeting = sample_meeting(lz_day_from_ymd(2022, 1, 1) + i % 365,
								  "党风廉政建设专题会议（批量）")};
		ops[i] = (lz_op){.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &recs[i]};
	}
	assert_int_equal(lz_store_apply(s, ops, BATCH, &err), LZ_OK);
	/* Ids were assigned once, not once per replay. */
	assert_int_equal(recs[BATCH - 1].u.meta.id - recs[0].u.meta.id, BATCH - 1);
	for (int i = 0; i < 100; i++)
		add_meeting(s, lz_day_from_ymd(2022, 2, 1), "单条");
	assert_true(lz_store_map_size(s) > before);
	size_t count;
	assert_int_equal(lz_store_count(s, LZ_KIND_MEETING, &count, &err), LZ_OK);
	assert_int_equal(count, BATCH + 100);
	assert_int_equal(check_problems(s), 0);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* ---- two writers ---- */

static void test_two_processes_write(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store_close(open_store(dir, 64 * 1024));
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		assert_true(kids[k] >= 0);
		if (kids[k] == 0) {
			lz_store *s = open_store(dir, 64 * 1024);
			lz_err err;
			/* 5,000 meetings in batches of 50: 100 commits each,
			 * interleaved with the other process's. */
			for (int b = 0; b < 100; b++) {
				lz_record recs[50];
				lz_op ops[50];
				for (int i = 0; i < 50; i++) {
					recs[i] = (lz_record){.kind = LZ_KIND_MEETING,
							      .u.meeting = sample_meeting(19000 + b, k ? "乙" : "甲")};
					ops[i] = (lz_op){.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &recs[i]};
				}
				if (lz_store_apply(s, ops, 50, &err) != LZ_OK) {
					fprintf(stderr, "child %d: %s\n", k, err.msg);
					_exit(1);
				}
			}
			lz_store_close(s);
			_exit(0);
		}
	}
	for (int k = 0; k < 2; k++) {
		int status;
		assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	lz_store *s = open_store(dir, 0);
	size_t count;
	lz_err err;
	assert_int_equal(lz_store_count(s, LZ_KIND_MEETING, &count, &err), LZ_OK);
	assert_int_equal(count, 10000);
	assert_int_equal(check_problems(s), 0);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* ---- databases it must refuse ---- */

static void test_newer_format_refused(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store_close(open_store(dir, 0));
	/* Stamp the database as written by a future format, as a newer
	 * program would. */
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 16);
	assert_int_equal(mdb_env_open(env, dir, 0, 0600), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
	unsigned char next[4] = {0, 0, 0, LZ_DB_FORMAT + 1};
	MDB_val k = {6, "format"}, v = {4, next};
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);

	lz_store *s = NULL;
	lz_err err;
	assert_int_equal(lz_store_open(dir, NULL, &s, &err), LZ_EIO);
	assert_null(s);
	assert_non_null(strstr(err.msg, "newer version"));
	remove_tree(dir);
	free(dir);
}

static void test_foreign_file_refused(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path;
	assert_true(asprintf(&path, "%s/data.mdb", dir) > 0);
	int fd = open(path, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	char junk[8192];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 7 + 3);
	assert_int_equal(write(fd, junk, sizeof junk), (ssize_t)sizeof junk);
	close(fd);
	lz_store *s = NULL;
	lz_err err;
	assert_int_equal(lz_store_open(dir, NULL, &s, &err), LZ_EIO);
	assert_null(s);
	assert_non_null(strstr(err.msg, dir));
	free(path);

	/* A regular file where the directory should be. */
	assert_true(asprintf(&path, "%s/file", dir) > 0);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	close(fd);
	assert_int_equal(lz_store_open(path, NULL, &s, &err), LZ_EIO);
	free(path);
	remove_tree(dir);
	free(dir);
}

/* db check notices an index that disagrees with the records, both ways. */
static void test_check_finds_index_damage(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	lz_id a = add_meeting(s, lz_day_from_ymd(2022, 6, 15), "甲");
	add_meeting(s, lz_day_from_ymd(2022, 6, 16), "乙");
	assert_int_equal(check_problems(s), 0);
	lz_store_close(s);

	/* Remove meeting a's date entry and add one for a record that does
	 * not exist, behind the store's back. */
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi ix;
	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 16);
	assert_int_equal(mdb_env_open(env, dir, 0, 0600), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, "meetings_by_date", 0, &ix), 0);
	/* Its key: date, start time (none), id; big-endian, signs flipped. */
	unsigned char key[16] = {0};
	uint32_t day = (uint32_t)lz_day_from_ymd(2022, 6, 15) ^ 0x80000000u;
	uint32_t start = (uint32_t)LZ_NO_TIME ^ 0x80000000u;
	for (int i = 0; i < 4; i++) {
		key[i] = (unsigned char)(day >> (24 - 8 * i));
		key[4 + i] = (unsigned char)(start >> (24 - 8 * i));
	}
	key[15] = (unsigned char)a;
	MDB_val k = {16, key}, empty = {0, NULL};
	assert_int_equal(mdb_del(txn, ix, &k, NULL), 0);
	key[15] = 77;
	assert_int_equal(mdb_put(txn, ix, &k, &empty, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);

	s = open_store(dir, 0);
	assert_int_equal(check_problems(s), 2);
	lz_store_close(s);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_meeting),
		cmocka_unit_test(test_round_trip_item_risk_person),
		cmocka_unit_test(test_schema_evolution),
		cmocka_unit_test(test_crud_and_stale_edit),
		cmocka_unit_test(test_held_entry_time_is_kept),
		cmocka_unit_test(test_random_operations_match_model),
		cmocka_unit_test(test_map_grows_by_itself),
		cmocka_unit_test(test_two_processes_write),
		cmocka_unit_test(test_newer_format_refused),
		cmocka_unit_test(test_foreign_file_refused),
		cmocka_unit_test(test_check_finds_index_damage),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
