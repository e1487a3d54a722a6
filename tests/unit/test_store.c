/* The record store: encoding (records, the month roll, titled briefs), CRUD,
 * versions, indexes against a model, map growth, concurrent writers, the
 * upgrade of an older format, and refusal of databases it must not read. */
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
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "brief_codec.h"
#include "lz_cbor.h"
#include "lz_store.h"
#include "record_codec.h"
#include "store_fixture.h"

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

/* ---- the month roll and the titled brief (brief_codec.h) ---- */

static void assert_same_brief(const lz_meeting_brief *a, const lz_meeting_brief *b)
{
	assert_int_equal(a->id, b->id);
	assert_int_equal(a->date, b->date);
	assert_int_equal(a->start, b->start);
	assert_int_equal(a->status, b->status);
	assert_string_equal(a->type, b->type);
	assert_int_equal(a->expected, b->expected);
	assert_int_equal(a->present, b->present);
	assert_int_equal(a->held_entered, b->held_entered);
	assert_int_equal(a->has_first_topic, b->has_first_topic);
	assert_int_equal(a->imported, b->imported);
}

/* Reads a whole month back; -1 when the reader finds damage. */
static int read_month(int32_t month, const void *buf, size_t len, lz_meeting_brief *out,
		      size_t max)
{
	brief_month_reader r;
	if (!brief_month_open(&r, month, buf, len))
		return -1;
	size_t n = 0;
	int got;
	while (n < max && (got = brief_month_next(&r, &out[n])) == 1)
		n++;
	return n < max && got < 0 ? -1 : (int)n;
}

static char long_type[101];

/* Briefs of February 2024 with every field at its edges, in order. */
static size_t edge_briefs(lz_meeting_brief *b)
{
	memset(long_type, 'x', 100);
	lz_day feb1 = lz_day_from_ymd(2024, 2, 1), feb29 = lz_day_from_ymd(2024, 2, 29);
	size_t n = 0;
	b[n++] = (lz_meeting_brief){.id = 1, .date = feb1, .start = LZ_NO_TIME,
				    .status = LZ_MEETING_PLANNED, .type = "special-meeting",
				    .expected = LZ_NO_COUNT, .present = LZ_NO_COUNT};
	b[n++] = (lz_meeting_brief){.id = 7, .date = feb1, .start = 0, .status = LZ_MEETING_HELD,
				    .type = long_type, .expected = 9, .present = 4,
				    .held_entered = (int64_t)feb1 * 86400 + 3600, .has_first_topic = true};
	b[n++] = (lz_meeting_brief){.id = UINT64_MAX, .date = feb1, .start = 0,
				    .status = LZ_MEETING_CANCELLED, .type = "", .expected = INT32_MAX,
				    .present = INT32_MIN, .held_entered = INT64_MIN, .imported = true};
	b[n++] = (lz_meeting_brief){.id = 3, .date = feb29, .start = 23 * 60 + 59,
				    .status = LZ_MEETING_HELD, .type = "special-meeting", .expected = 0,
				    .present = 0, .held_entered = 1, .has_first_topic = true,
				    .imported = true};
	b[n++] = (lz_meeting_brief){.id = 4, .date = feb29, .start = 23 * 60 + 59,
				    .status = LZ_MEETING_HELD, .type = long_type, .expected = 300,
				    .present = 299, .held_entered = INT64_MAX};
	return n;
}

static void test_month_roll_round_trip(void **state)
{
	(void)state;
	lz_meeting_brief b[8], back[8];
	size_t n = edge_briefs(b);
	int32_t feb = brief_month_of(lz_day_from_ymd(2024, 2, 10));
	assert_int_equal(feb, 2024 * 12 + 1);
	unsigned char *buf;
	size_t len;
	brief_month_encode(feb, b, n, &buf, &len);
	assert_int_equal(read_month(feb, buf, len, back, 8), (int)n);
	for (size_t i = 0; i < n; i++)
		assert_same_brief(&back[i], &b[i]);
	/* The two uses of the long type share one copy in the table. */
	assert_ptr_equal(back[1].type, back[4].type);

	/* Damage is found, never read past: any shorter value, a byte more,
	 * another version, and every single changed byte (which may still
	 * read as something, but within the value). */
	for (size_t cut = 0; cut < len; cut++)
		assert_int_equal(read_month(feb, buf, cut, back, 8), -1);
	unsigned char *more = malloc(len + 1);
	memcpy(more, buf, len);
	more[len] = 0;
	assert_int_equal(read_month(feb, more, len + 1, back, 8), -1);
	more[0]++;
	assert_int_equal(read_month(feb, more, len, back, 8), -1);
	for (size_t i = 0; i < len; i++)
		for (int bit = 0; bit < 8; bit++) {
			memcpy(more, buf, len);
			more[i] ^= (unsigned char)(1 << bit);
			int got = read_month(feb, more, len, back, 8);
			for (int k = 0; k < got; k++)
				assert_true(back[k].type >= (const char *)more &&
					    back[k].type < (const char *)more + len);
		}
	free(more);
	free(buf);

	/* Out of order, or a day outside the month: damage too. */
	lz_meeting_brief swapped[2] = {b[3], b[0]};
	brief_month_encode(feb, swapped, 2, &buf, &len);
	assert_int_equal(read_month(feb, buf, len, back, 8), -1);
	free(buf);
	lz_meeting_brief twice[2] = {b[0], b[0]};
	brief_month_encode(feb, twice, 2, &buf, &len);
	assert_int_equal(read_month(feb, buf, len, back, 8), -1);
	free(buf);
	brief_month_encode(feb, b, 1, &buf, &len);
	assert_int_equal(read_month(feb + 1, buf, len, back, 8), 1);
	assert_int_equal(back[0].date, lz_day_from_ymd(2024, 3, 1));
	free(buf);
	lz_meeting_brief late = b[3];
	late.date = lz_day_from_ymd(2024, 3, 31);  /* day 31: not in February */
	brief_month_encode(feb + 1, &late, 1, &buf, &len);
	assert_int_equal(read_month(feb, buf, len, back, 8), -1);
	free(buf);

	/* A month no meeting can have (its key damaged). */
	brief_month_encode(feb, b, 1, &buf, &len);
	assert_int_equal(read_month(-1, buf, len, back, 8), -1);
	assert_int_equal(read_month(10000 * 12, buf, len, back, 8), -1);
	free(buf);

	/* The ends of the dates a meeting may have. */
	lz_day first = lz_day_from_ymd(0, 1, 1), last = lz_day_from_ymd(9999, 12, 31);
	lz_meeting_brief ends[2] = {b[0], b[0]};
	ends[0].date = first;
	ends[1].date = last;
	for (int i = 0; i < 2; i++) {
		int32_t m = brief_month_of(ends[i].date);
		brief_month_encode(m, &ends[i], 1, &buf, &len);
		assert_int_equal(read_month(m, buf, len, back, 8), 1);
		assert_int_equal(back[0].date, ends[i].date);
		free(buf);
	}
}

static void test_month_roll_update(void **state)
{
	(void)state;
	lz_meeting_brief b[8], back[8];
	size_t n = edge_briefs(b);
	int32_t feb = brief_month_of(b[0].date);
	unsigned char *old;
	const unsigned char *buf;
	size_t old_len, len, count;
	brief_work w = {0};
	brief_month_encode(feb, b, n, &old, &old_len);

	/* Changes apply in order, the last one per meeting counting: 7 is
	 * removed, 3 moves to another day and time, 99 is added then removed,
	 * 50 is added, a meeting never there is removed. */
	lz_meeting_brief moved = b[3], added = b[0], gone = b[0], absent = b[0];
	moved.date = lz_day_from_ymd(2024, 2, 2);
	moved.start = 600;
	added.id = 50;
	added.start = 480;
	gone.id = 99;
	absent.id = 12345;
	brief_change ch[] = {
		{b[1], false}, {b[3], false}, {gone, true}, {moved, true},
		{added, true}, {gone, false}, {absent, false},
	};
	assert_true(brief_month_update(feb, old, old_len, ch, sizeof ch / sizeof *ch, &w, &buf,
				       &len, &count));
	/* In order: Feb 1 without a time (1), at 00:00 (UINT64_MAX) and at
	 * 08:00 (50), Feb 2 10:00 (3), Feb 29 (4). */
	lz_meeting_brief want[] = {b[0], b[2], added, moved, b[4]};
	assert_int_equal(count, 5);
	assert_int_equal(read_month(feb, buf, len, back, 8), 5);
	for (int i = 0; i < 5; i++)
		assert_same_brief(&back[i], &want[i]);

	/* A meeting removed and added back in one transaction keeps the last
	 * form; everything removed leaves no value. */
	lz_meeting_brief edited = b[4];
	edited.present = 1;
	brief_change again[] = {{b[4], false}, {edited, true}};
	assert_true(brief_month_update(feb, old, old_len, again, 2, &w, &buf, &len, &count));
	assert_int_equal(read_month(feb, buf, len, back, 8), (int)n);
	assert_same_brief(&back[n - 1], &edited);
	brief_change all[8];
	for (size_t i = 0; i < n; i++)
		all[i] = (brief_change){b[i], false};
	assert_true(brief_month_update(feb, old, old_len, all, n, &w, &buf, &len, &count));
	assert_int_equal(count, 0);
	assert_null(buf);
	/* The first meetings of a month, and a damaged stored value. */
	assert_true(brief_month_update(feb, NULL, 0, again + 1, 1, &w, &buf, &len, &count));
	assert_int_equal(count, 1);
	old[old_len - 1] ^= 0x40;
	old[1] = 0x7f;
	assert_false(brief_month_update(feb, old, old_len, again, 2, &w, &buf, &len, &count));
	free(old);
	brief_work_free(&w);
}

static void test_titled_brief_round_trip(void **state)
{
	(void)state;
	lz_meeting m;
	lz_meeting_init(&m);
	m.meta.id = 77;
	m.date = lz_day_from_ymd(2022, 6, 15);
	m.start = 570;
	m.type = "party-group";
	/* 60 characters of 3 bytes: cut at 40 whole ones. */
	char title[181] = "";
	for (int i = 0; i < 60; i++)
		strcat(title, "廉");
	m.title = title;
	m.status = LZ_MEETING_HELD;
	m.expected = 11;
	m.present = 5;
	m.held_entered = 1655300000;
	m.first_topic = "学习";
	unsigned char *buf;
	size_t len;
	brief_titled_encode(&m, LZ_BRIEF_TITLE, &buf, &len);
	lz_meeting_brief b = {.id = 77, .date = m.date, .start = 570}, want;
	assert_true(brief_titled_decode(buf, len, &b));
	lz_meeting_brief_of(&m, &want);
	assert_same_brief(&b, &want);
	assert_true(b.title_cut);
	assert_int_equal(strlen(b.title), 120);
	assert_memory_equal(b.title, title, 120);
	for (size_t k = 0; k < len; k++)
		assert_false(brief_titled_decode(buf, k, &b));
	unsigned char *more = malloc(len + 1);
	memcpy(more, buf, len);
	more[len] = 'x';
	assert_false(brief_titled_decode(more, len + 1, &b));
	free(more);
	free(buf);

	m.title = "短标题";
	m.type = NULL;
	brief_titled_encode(&m, LZ_BRIEF_TITLE, &buf, &len);
	assert_true(brief_titled_decode(buf, len, &b));
	assert_false(b.title_cut);
	assert_string_equal(b.title, "短标题");
	assert_string_equal(b.type, "");
	free(buf);
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

	/* A meeting needs a date the indexes can place. */
	fresh.u.meeting.date = LZ_NO_DAY;
	lz_op undated = {.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &fresh};
	assert_int_equal(lz_store_apply(s, &undated, 1, &err), LZ_EDATA);
	fresh.u.meeting.date = lz_day_from_ymd(10000, 1, 1);
	assert_int_equal(lz_store_apply(s, &undated, 1, &err), LZ_EDATA);
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

/* A record as it stood at the end of a day, from the change log: before
 * it was entered there is none, then each day's last content, and none
 * once removed (a past year's ledger tells its items so). */
static void test_record_on_a_day(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	lz_err err;
	setenv("LIANZHENG_NOW", "1669896000", 1);  /* 2022-12-01 12:00 */
	lz_record r = {.kind = LZ_KIND_ITEM};
	lz_item_init(&r.u.item);
	r.u.item.task = 2;
	r.u.item.title = "年末逾期的整改";
	r.u.item.status = "open";
	lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_ITEM, .rec = &r};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
	lz_id id = r.u.meta.id;
	setenv("LIANZHENG_NOW", "1672920000", 1);  /* 2023-01-05 12:00 */
	r.u.item.status = "closed";
	op = (lz_op){.op = LZ_OP_UPDATE, .kind = LZ_KIND_ITEM, .rec = &r};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);

	lz_arena a = {0};
	lz_record then;
	bool found = true;
	assert_int_equal(lz_store_get_on(s, LZ_KIND_ITEM, id, lz_day_from_ymd(2022, 11, 30), &a, &then,
					 &found, &err), LZ_OK);
	assert_false(found);
	assert_int_equal(lz_store_get_on(s, LZ_KIND_ITEM, id, lz_day_from_ymd(2022, 12, 31), &a, &then,
					 &found, &err), LZ_OK);
	assert_true(found);
	assert_string_equal(then.u.item.status, "open");
	assert_string_equal(then.u.item.title, "年末逾期的整改");
	assert_int_equal(lz_store_get_on(s, LZ_KIND_ITEM, id, lz_day_from_ymd(2023, 1, 5), &a, &then,
					 &found, &err), LZ_OK);
	assert_true(found);
	assert_string_equal(then.u.item.status, "closed");

	setenv("LIANZHENG_NOW", "1675252800", 1);  /* 2023-02-01 12:00 */
	op = (lz_op){.op = LZ_OP_REMOVE, .kind = LZ_KIND_ITEM, .id = id, .expect_version = 2};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_OK);
	assert_int_equal(lz_store_get_on(s, LZ_KIND_ITEM, id, lz_day_from_ymd(2023, 1, 31), &a, &then,
					 &found, &err), LZ_OK);
	assert_true(found);
	assert_int_equal(lz_store_get_on(s, LZ_KIND_ITEM, id, lz_day_from_ymd(2023, 2, 1), &a, &then,
					 &found, &err), LZ_OK);
	assert_false(found);
	unsetenv("LIANZHENG_NOW");
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

/* Meetings are ordered by date, then start time (none first), then id. */
static int64_t meeting_order(const lz_meeting *m)
{
	return (int64_t)m->date * 2000 + m->start + 1;
}

typedef struct model_rec {
	lz_id id;
	lz_kind kind;
	int64_t key;   /* date and start time / task / review */
	int32_t due;   /* items: deadline or LZ_NO_DAY */
	uint32_t version;
	bool live;
	uint64_t sig;  /* every value fill_record chose: equal when the content is */
} model_rec;

typedef struct collected {
	lz_id ids[20000];
	int64_t keys[20000];
	size_t n;
	lz_arena *arena;
	int which;  /* 0 meetings by date, 1 items by task, 2 items by due, 3 risks */
} collected;

static bool collect(const lz_record *r, void *ctx)
{
	collected *c = ctx;
	c->ids[c->n] = r->u.meta.id;
	c->keys[c->n] = c->which == 0 ? meeting_order(&r->u.meeting)
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

static uint64_t sig_add(uint64_t h, int64_t v)
{
	return (h ^ (uint64_t)v) * 0x100000001b3u;
}

static void fill_record(lz_record *r, lz_kind kind, model_rec *m)
{
	lz_day base = lz_day_from_ymd(2022, 1, 1);
	r->kind = kind;
	switch (kind) {
	case LZ_KIND_MEETING:
		r->u.meeting = sample_meeting(base + (lz_day)rnd(400) - 20, "随机会议");
		r->u.meeting.start = rnd(4) ? 8 * 60 + 30 * (int)rnd(18) : LZ_NO_TIME;
		r->u.meeting.type = (const char *[]){"special-meeting", "party-group", "warning-edu"}[rnd(3)];
		r->u.meeting.status = (lz_meeting_status)rnd(3);
		r->u.meeting.expected = rnd(2) ? 5 + (int)rnd(10) : LZ_NO_COUNT;
		r->u.meeting.present = r->u.meeting.expected == LZ_NO_COUNT ? LZ_NO_COUNT : 4;
		r->u.meeting.first_topic = rnd(2) ? "第一议题" : NULL;
		m->key = meeting_order(&r->u.meeting);
		m->sig = sig_add(sig_add(sig_add(sig_add(sig_add(m->key, r->u.meeting.date),
					     (int64_t)(uintptr_t)r->u.meeting.type), r->u.meeting.status),
				     r->u.meeting.expected), r->u.meeting.first_topic != NULL);
		break;
	case LZ_KIND_ITEM:
		lz_item_init(&r->u.item);
		r->u.item.task = 1 + (int)rnd(13);
		r->u.item.title = "随机事项";
		r->u.item.status = "open";
		r->u.item.due = rnd(3) ? base + (lz_day)rnd(365) : LZ_NO_DAY;
		m->key = r->u.item.task;
		m->due = r->u.item.due;
		m->sig = sig_add(sig_add(1, m->key), m->due);
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
		m->sig = sig_add(2, m->key);
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
		int64_t key = which == 2 ? model[i].due : model[i].key;
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

/* Meetings of a range three ways: records, bare briefs, titled briefs. */
typedef struct views {
	lz_meeting_brief v[20000];
	const char *titles[20000];
	size_t n;
	lz_arena keep;
} views;

static bool view_record(const lz_record *r, void *ctx)
{
	views *w = ctx;
	lz_meeting_brief_of(&r->u.meeting, &w->v[w->n]);
	w->v[w->n].type = lz_arena_strdup(&w->keep, w->v[w->n].type);
	w->titles[w->n++] = lz_arena_strdup(&w->keep, r->u.meeting.title);
	return true;
}

static bool view_brief(const lz_meeting_brief *b, void *ctx)
{
	views *w = ctx;
	w->v[w->n] = *b;
	w->v[w->n++].type = lz_arena_strdup(&w->keep, b->type);
	return true;
}

static bool view_titled(const lz_meeting_brief *b, void *ctx)
{
	views *w = ctx;
	assert_false(b->title_cut);
	w->titles[w->n] = lz_arena_strdup(&w->keep, b->title);
	return view_brief(b, ctx);
}

static void compare_views(lz_store *s, lz_day from, lz_day to)
{
	static views rec, brief, titled;
	rec.n = brief.n = titled.n = 0;
	lz_arena a = {0};
	lz_err err;
	assert_int_equal(lz_store_meetings_between(s, from, to, &a, view_record, &rec, &err), LZ_OK);
	assert_int_equal(lz_store_meeting_briefs(s, from, to, view_brief, &brief, &err), LZ_OK);
	assert_int_equal(lz_store_meeting_briefs_titled(s, from, to, view_titled, &titled, &err), LZ_OK);
	assert_int_equal(brief.n, rec.n);
	assert_int_equal(titled.n, rec.n);
	for (size_t i = 0; i < rec.n; i++) {
		assert_true(i == 0 || brief_cmp(&rec.v[i - 1], &rec.v[i]) < 0);
		assert_same_brief(&brief.v[i], &rec.v[i]);
		assert_same_brief(&titled.v[i], &rec.v[i]);
		assert_string_equal(titled.titles[i], rec.titles[i]);
	}
	lz_arena_free(&a);
	lz_arena_free(&rec.keep);
	lz_arena_free(&brief.keep);
	lz_arena_free(&titled.keep);
}

static void test_random_operations_match_model(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	enum { OPS = 10000 };
	static model_rec model[OPS];
	size_t nmodel = 0, unchanged = 0;
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
				/* An update to the content stored writes nothing and
				 * keeps the version. */
				bool same = pending[j].sig == touched[j]->sig;
				unchanged += same;
				pending[j].version = touched[j]->version + (same ? 0 : 1);
				assert_int_equal(recs[j].u.meta.version, pending[j].version);
				*touched[j] = pending[j];
			}
		}
	}
	assert_int_equal(check_problems(s), 0);
	/* Items have few values to draw from: some updates repeat them. */
	assert_true(unchanged > 0);
	for (int which = 0; which < 4; which++)
		compare(s, model, nmodel, which);
	/* A one-day range returns exactly that day's meetings. */
	lz_day day = lz_day_from_ymd(2022, 3, 1);
	collected *c = calloc(1, sizeof *c);
	c->arena = &a;
	assert_int_equal(lz_store_meetings_between(s, day, day, &a, collect, c, &err), LZ_OK);
	size_t want = 0;
	for (size_t i = 0; i < nmodel; i++)
		want += model[i].live && model[i].kind == LZ_KIND_MEETING && model[i].key / 2000 == day;
	assert_int_equal(c->n, want);
	free(c);
	/* The briefs of the month roll and the titled briefs of the date
	 * index say what the records say, in the same order, over any range. */
	compare_views(s, INT32_MIN + 1, INT32_MAX);
	compare_views(s, day, day);
	compare_views(s, lz_day_from_ymd(2022, 2, 27), lz_day_from_ymd(2022, 4, 2));
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

/* A batch takes its ops one at a time, each record free to be reused
 * as soon as it is applied; a full map ends it with "again", and the
 * caller's second run goes in whole.  An aborted batch leaves nothing. */
static void test_batch(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 64 * 1024);
	enum { N = 10000 };
	lz_err err;
	int runs = 0;
	bool again = true;
	lz_id first = 0, last = 0;
	while (again) {
		runs++;
		lz_store_batch *b;
		assert_int_equal(lz_store_batch_begin(s, 0, &b, &err), LZ_OK);
		lz_rc rc = LZ_OK;
		for (int i = 0; i < N && rc == LZ_OK; i++) {
			/* One buffer for every record: the month roll must not
			 * keep pointers into it. */
			char type[32], title[64];
			strcpy(type, "special-meeting");
			snprintf(title, sizeof title, "批量会议 %d", i);
			lz_record r = {.kind = LZ_KIND_MEETING,
				       .u.meeting = sample_meeting(lz_day_from_ymd(2022, 1, 1) + i % 365, title)};
			r.u.meeting.type = type;
			lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &r};
			rc = lz_store_batch_apply(b, &op, &err);
			if (i == 0)
				first = r.u.meta.id;
			last = r.u.meta.id;
			memset(type, 'x', sizeof type - 1);
			type[sizeof type - 1] = '\0';
		}
		if (rc == LZ_OK)
			rc = lz_store_batch_commit(b, &again, &err);
		else
			lz_store_batch_abort(b, &again);
		assert_true(rc == LZ_OK || again);
	}
	assert_true(runs > 1);
	assert_int_equal(last - first, N - 1);
	size_t count;
	assert_int_equal(lz_store_count(s, LZ_KIND_MEETING, &count, &err), LZ_OK);
	assert_int_equal(count, N);
	assert_int_equal(check_problems(s), 0);
	lz_audit audit;
	assert_int_equal(lz_store_audit(s, &audit, &err), LZ_OK);
	assert_true(audit.intact);
	assert_int_equal(audit.records, N);

	/* Aborted: nothing of it stays, and the next write goes on. */
	lz_store_batch *b;
	assert_int_equal(lz_store_batch_begin(s, 0, &b, &err), LZ_OK);
	for (int i = 0; i < 5; i++) {
		lz_record r = {.kind = LZ_KIND_MEETING,
			       .u.meeting = sample_meeting(lz_day_from_ymd(2022, 3, 1), "放弃的")};
		lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &r};
		assert_int_equal(lz_store_batch_apply(b, &op, &err), LZ_OK);
	}
	again = true;
	lz_store_batch_abort(b, &again);
	assert_false(again);
	assert_int_equal(lz_store_count(s, LZ_KIND_MEETING, &count, &err), LZ_OK);
	assert_int_equal(count, N);
	add_meeting(s, lz_day_from_ymd(2022, 3, 2), "之后的");
	assert_int_equal(check_problems(s), 0);
	lz_store_close(s);

	/* Told what to expect, the batch grows the map first: no rerun. */
	remove_tree(dir);
	free(dir);
	dir = make_tmpdir();
	s = open_store(dir, 64 * 1024);
	assert_int_equal(lz_store_batch_begin(s, 16u << 20, &b, &err), LZ_OK);
	for (int i = 0; i < 2000; i++) {
		lz_record r = {.kind = LZ_KIND_MEETING,
			       .u.meeting = sample_meeting(lz_day_from_ymd(2022, 4, 1) + i % 30, "预留")};
		lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &r};
		assert_int_equal(lz_store_batch_apply(b, &op, &err), LZ_OK);
	}
	again = true;
	assert_int_equal(lz_store_batch_commit(b, &again, &err), LZ_OK);
	assert_false(again);
	assert_int_equal(lz_store_count(s, LZ_KIND_MEETING, &count, &err), LZ_OK);
	assert_int_equal(count, 2000);
	lz_store_close(s);

	/* A read-only store takes no batch. */
	lz_store_options ro = {.read_only = true};
	assert_int_equal(lz_store_open(dir, &ro, &s, &err), LZ_OK);
	assert_int_equal(lz_store_batch_begin(s, 0, &b, &err), LZ_EIO);
	assert_null(b);
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
	txn = raw_begin(dir, &env);
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
	unsigned char next[4] = {0, 0, 0, LZ_DB_FORMAT + 1};
	MDB_val k = {6, "format"}, v = {4, next};
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
	raw_commit(env, txn);

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

/* LMDB underneath the store, to make what an older version or damage
 * leaves behind. */
static void put_be32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (24 - 8 * i));
}

/* What db check prints, and how many problems it counts. */
static size_t check_output(lz_store *s, char **text)
{
	size_t len, problems = 99;
	FILE *out = open_memstream(text, &len);
	lz_err err;
	assert_int_equal(lz_store_check(s, out, &problems, &err), LZ_OK);
	fclose(out);
	return problems;
}

/* A database of format 2 (a change log, but no month roll, and meetings
 * by date keyed by date and id) is read-only readable, its indexes
 * refused until a writer opens it and rebuilds them, growing the map as
 * it goes and keeping its log as it was. */
static void test_older_format_upgraded(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 64 * 1024);
	store_bundled_plan(s);
	enum { N = 3000 };
	static lz_record recs[N];
	static lz_op ops[N];
	lz_err err;
	for (int i = 0; i < N; i++) {
		recs[i] = (lz_record){.kind = LZ_KIND_MEETING,
				      .u.meeting = sample_meeting(lz_day_from_ymd(2022, 1, 1) + i % 365,
								  "升级前的会议")};
		recs[i].u.meeting.start = 8 * 60 + i % 600;
		ops[i] = (lz_op){.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &recs[i]};
	}
	assert_int_equal(lz_store_apply(s, ops, N, &err), LZ_OK);
	uint64_t seq_before;
	unsigned char head_before[LZ_LOG_HASH];
	assert_int_equal(lz_store_log_head(s, &seq_before, head_before, &err), LZ_OK);
	lz_store_close(s);

	/* Format 2: the change log was there, the month roll not, and the date
	 * index was keyed by (date, id). */
	MDB_txn *txn;
	MDB_env *env;
	txn = raw_begin(dir, &env);
	MDB_dbi meta, months, dates;
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &meta), 0);
	assert_int_equal(mdb_dbi_open(txn, "meetings_by_month", 0, &months), 0);
	assert_int_equal(mdb_dbi_open(txn, "meetings_by_date", 0, &dates), 0);
	unsigned char two[4] = {0, 0, 0, 2}, key[12] = {0};
	MDB_val k = {6, "format"}, v = {4, two};
	assert_int_equal(mdb_put(txn, meta, &k, &v, 0), 0);
	assert_int_equal(mdb_drop(txn, months, 1), 0);
	assert_int_equal(mdb_drop(txn, dates, 0), 0);
	put_be32(key, (uint32_t)lz_day_from_ymd(2022, 6, 15) ^ 0x80000000u);
	key[11] = 1;
	k = (MDB_val){12, key};
	v = (MDB_val){3, "old"};
	assert_int_equal(mdb_put(txn, dates, &k, &v, 0), 0);
	raw_commit(env, txn);

	lz_store_options ro = {.read_only = true};
	assert_int_equal(lz_store_open(dir, &ro, &s, &err), LZ_OK);
	size_t count = 0;
	assert_int_equal(lz_store_count(s, LZ_KIND_MEETING, &count, &err), LZ_OK);
	assert_int_equal(count, N);
	assert_int_equal(lz_store_meeting_briefs(s, 0, INT32_MAX, view_brief, NULL, &err), LZ_EIO);
	assert_non_null(strstr(err.msg, "older version"));
	lz_arena a = {0};
	assert_int_equal(lz_store_meetings_between(s, 0, INT32_MAX, &a, collect, NULL, &err),
			 LZ_EIO);
	char *text;
	assert_int_equal(check_output(s, &text), 0);
	assert_non_null(strstr(text, "older version"));
	free(text);
	lz_store_close(s);

	/* The rebuild cannot reuse the pages it frees: with a map no larger
	 * than the file it must grow. */
	char *path;
	struct stat st;
	assert_true(asprintf(&path, "%s/data.mdb", dir) > 0);
	assert_int_equal(stat(path, &st), 0);
	free(path);
	s = open_store(dir, 64 * 1024);
	assert_true(lz_store_map_size(s) > (size_t)st.st_size);
	assert_int_equal(check_output(s, &text), 0);
	assert_string_equal(text, "");
	free(text);
	compare_views(s, INT32_MIN + 1, INT32_MAX);
	/* The log is kept as it was: the upgrade adds no entry, and the chain
	 * still matches every record. */
	uint64_t seq_after;
	unsigned char head_after[LZ_LOG_HASH];
	assert_int_equal(lz_store_log_head(s, &seq_after, head_after, &err), LZ_OK);
	assert_int_equal(seq_after, seq_before);
	assert_memory_equal(head_after, head_before, LZ_LOG_HASH);
	lz_audit au;
	assert_int_equal(lz_store_audit(s, &au, &err), LZ_OK);
	assert_true(au.intact);
	assert_int_equal(au.records, N);
	lz_store_close(s);
	txn = raw_begin(dir, &env);
	assert_int_equal(mdb_dbi_open(txn, "meta", 0, &meta), 0);
	k = (MDB_val){6, "format"};
	assert_int_equal(mdb_get(txn, meta, &k, &v), 0);
	assert_int_equal(((unsigned char *)v.mv_data)[3], LZ_DB_FORMAT);
	mdb_txn_abort(txn);
	mdb_env_close(env);
	lz_arena_free(&a);
	remove_tree(dir);
	free(dir);
}

/* db check reads the month roll against the records: a meeting missing
 * from it, a brief out of date, one for a meeting that does not exist,
 * a month that cannot be read.  Reads and writes of a damaged month are
 * refused, and nothing is written. */
static void test_check_finds_month_roll_damage(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	lz_store *s = open_store(dir, 0);
	lz_id a = add_meeting(s, lz_day_from_ymd(2022, 6, 15), "甲");
	lz_id b = add_meeting(s, lz_day_from_ymd(2022, 6, 16), "乙");
	add_meeting(s, lz_day_from_ymd(2022, 7, 1), "丙");
	assert_int_equal(check_problems(s), 0);
	lz_arena ar = {0};
	lz_record rb;
	lz_err err;
	assert_int_equal(lz_store_get(s, LZ_KIND_MEETING, b, &ar, &rb, &err), LZ_OK);
	lz_store_close(s);

	lz_meeting_brief june[2];
	lz_meeting_brief_of(&rb.u.meeting, &june[0]);
	june[0].present = 3;
	june[1] = june[0];
	june[1].id = 999;
	unsigned char *buf;
	size_t len;
	int32_t m6 = brief_month_of(june[0].date);
	brief_month_encode(m6, june, 2, &buf, &len);
	MDB_txn *txn;
	MDB_env *env;
	txn = raw_begin(dir, &env);
	MDB_dbi months;
	assert_int_equal(mdb_dbi_open(txn, "meetings_by_month", 0, &months), 0);
	unsigned char key[4];
	put_be32(key, (uint32_t)m6 ^ 0x80000000u);
	MDB_val k = {4, key}, v = {len, buf};
	assert_int_equal(mdb_put(txn, months, &k, &v, 0), 0);
	put_be32(key, (uint32_t)(m6 + 1) ^ 0x80000000u);
	v = (MDB_val){2, "\x01\xff"};
	assert_int_equal(mdb_put(txn, months, &k, &v, 0), 0);
	raw_commit(env, txn);
	free(buf);

	s = open_store(dir, 0);
	char *text;
	/* a and the July meeting missing, b out of date, 999 unknown, July
	 * unreadable. */
	assert_int_equal(check_output(s, &text), 5);
	char want[64];
	snprintf(want, sizeof want, " %llu: missing from index meetings_by_month",
		 (unsigned long long)a);
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, "2022-07 is damaged"));
	free(text);
	assert_int_equal(lz_store_meeting_briefs(s, lz_day_from_ymd(2022, 7, 1),
						 lz_day_from_ymd(2022, 7, 31), view_brief, NULL, &err),
			 LZ_EIO);
	assert_non_null(strstr(err.msg, "2022-07"));
	lz_record r = {.kind = LZ_KIND_MEETING,
		       .u.meeting = sample_meeting(lz_day_from_ymd(2022, 7, 2), "丁")};
	lz_op op = {.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &r};
	assert_int_equal(lz_store_apply(s, &op, 1, &err), LZ_EIO);
	size_t count;
	assert_int_equal(lz_store_count(s, LZ_KIND_MEETING, &count, &err), LZ_OK);
	assert_int_equal(count, 3);
	lz_store_close(s);
	lz_arena_free(&ar);
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
	txn = raw_begin(dir, &env);
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
	raw_commit(env, txn);

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
		cmocka_unit_test(test_month_roll_round_trip),
		cmocka_unit_test(test_month_roll_update),
		cmocka_unit_test(test_titled_brief_round_trip),
		cmocka_unit_test(test_crud_and_stale_edit),
		cmocka_unit_test(test_held_entry_time_is_kept),
		cmocka_unit_test(test_record_on_a_day),
		cmocka_unit_test(test_random_operations_match_model),
		cmocka_unit_test(test_map_grows_by_itself),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_two_processes_write),
		cmocka_unit_test(test_newer_format_refused),
		cmocka_unit_test(test_foreign_file_refused),
		cmocka_unit_test(test_check_finds_index_damage),
		cmocka_unit_test(test_older_format_upgraded),
		cmocka_unit_test(test_check_finds_month_roll_damage),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
