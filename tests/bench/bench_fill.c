/* bench_fill: a fresh database of N meetings for the benchmarks.
 *
 *   bench_fill DB_DIR N [--years Y] [--calcurse DIR] [--plan PLAN.yaml]
 *              [--batch B] [--count FROM:TO]... [--items K]
 *
 * The meetings are spread evenly over the plan year (or Y years from its
 * 1 January), generated from a fixed seed so every run builds the same
 * data: Chinese titles, a mix of the plan's meeting types and of statuses
 * (a meeting drawn held but dated after today is planned instead), start
 * times 09:00–16:00.  They are stored through lz_store_apply in
 * batches of B (default 10 000) operations, one transaction each, after
 * the plan and its compiled form, as 'lianzheng init' would store them.
 * Each later year the meetings reach gets its own plan, drafted from the
 * given one as the new-year step drafts it (lz_plan_draft_make, with the
 * holiday data of holidays.yaml beside the plan file when there is one),
 * so a ten-year database is what ten years of use leave behind.
 * Every generated meeting is first checked with lz_validate_meeting
 * against its year's plan.
 *
 * Exactly five meetings (at N ≥ 5) have the location BENCH_NEEDLE_PLACE,
 * so a search for "廉政教育基地" finds a few records at any N.
 *
 * With --calcurse DIR the same meetings are written as calcurse
 * appointments to DIR/apts (calcurse's own on-disk format, sorted by start
 * as calcurse saves it), with an empty DIR/todo.
 *
 * --items K adds K responsibility items after the meetings (so the
 * meetings stay the same): spread over the plan's tasks and statuses,
 * a third from an inspection, with deadlines in the plan year and up to
 * three progress notes each.
 *
 * --count FROM:TO (YYYY-MM-DD:YYYY-MM-DD) prints how many generated
 * meetings fall in that range, inclusive, so a harness can check what the
 * program lists.
 *
 * Output (stdout), one fact a line:
 *   insert_seconds S      wall time spent in lz_store_apply (all batches)
 *   fill_seconds S        the whole fill: open, plan, generate, insert
 *   transactions T
 *   count FROM TO K       one per --count
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "lz_arena.h"
#include "lz_date.h"
#include "lz_diag.h"
#include "lz_err.h"
#include "lz_plan.h"
#include "lz_holidays.h"
#include "lz_plan_cache.h"
#include "lz_plan_draft.h"
#include "lz_plan_load.h"
#include "lz_record.h"
#include "lz_store.h"
#include "lz_validate.h"

#ifndef BENCH_DEFAULT_PLAN
#define BENCH_DEFAULT_PLAN "config/plan-2022.yaml"
#endif

#define BENCH_SEED UINT64_C(0x6c69616e7a68656e) /* "lianzhen" */
#define BENCH_NEEDLE_PLACE "县工人文化宫廉政教育基地"
#define MAX_COUNTS 16

static const char *const title_fmt[] = {
	"研究部署第%zu次党风廉政建设工作",
	"传达学习上级纪委全会精神（第%zu次）",
	"第%zu次廉政风险点排查分析",
	"落实全面从严治党主体责任第%zu次专题研究",
	"第%zu次“以案促改”警示教育",
	"巡察反馈问题整改推进会（第%zu次）",
};

static const char *const places[] = {
	"县总工会三楼会议室",
	"县总工会五楼党员活动室",
	"县职工服务中心二楼会议室",
	"县总工会一楼小会议室",
};

static const char *const people[] = {
	"张建国", "李秀英", "王志强", "赵丽华", "刘德明", "陈晓燕", "杨国庆", "周玉梅",
};

static const char *const first_topics[] = {
	"学习习近平总书记关于全面从严治党的重要论述",
	"学习《中国共产党纪律处分条例》有关条款",
	"学习党的十九届六中全会精神",
};

static const char *const topics[] = {
	"通报上季度党风廉政建设责任制落实情况",
	"研究年度廉政风险点防控措施",
	"部署节日期间作风建设有关工作",
	"听取巡察反馈问题整改进展汇报",
	"研究“三重一大”事项集体决策",
};

static const char *const decisions[] = {
	"由办公室牵头，十日内形成整改方案",
	"各部门对照职责开展自查，月底前报送",
	"同意按程序报县纪委监委驻点纪检组备案",
};

static const char *const summaries[] = {
	"会议认为，要坚持严的主基调不动摇，压实各级责任。",
	"会议强调，要把纪律和规矩挺在前面，抓早抓小、防微杜渐。",
	"会议要求，各部门要结合工作实际，抓好各项任务的落实。",
};

/* splitmix64: small, fast, and the same sequence everywhere. */
static uint64_t rng_state = BENCH_SEED;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static size_t rng_below(size_t n)
{
	return (size_t)(rng_next() % n);
}

#define PICK(arr) ((arr)[rng_below(sizeof(arr) / sizeof *(arr))])

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;
	fputs("bench_fill: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void usage(void)
{
	fputs("usage: bench_fill DB_DIR N [--years Y] [--calcurse DIR] [--plan PLAN.yaml]\n"
	      "                  [--batch B] [--count FROM:TO]... [--items K]\n",
	      stderr);
	exit(64);
}

static long parse_long(const char *s, long min, long max, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max)
		die("%s: '%s' is not a valid number", what, s);
	return v;
}

/* The day of meeting i of n, over span days from first. */
static lz_day meeting_day(lz_day first, long span, size_t i, size_t n)
{
	return first + (lz_day)((unsigned long long)i * (unsigned long long)span / n);
}

/* What a meeting needs beyond the lz_meeting itself, for calcurse. */
typedef struct brief {
	lz_day date;
	int start, end;
	char title[160];
} brief;

static bool is_needle_index(size_t i, size_t n)
{
	if (n < 5)
		return false;
	/* Five records, one in the middle of each fifth of the data. */
	for (size_t k = 0; k < 5; k++)
		if (i == k * n / 5 + n / 10)
			return true;
	return false;
}

static void make_meeting(const lz_plan *plan, lz_arena *arena, size_t i, size_t n,
			 lz_day day, lz_meeting *m, brief *b)
{
	lz_meeting_init(m);
	m->date = day;
	int y, mo, d;
	lz_day_to_ymd(day, &y, &mo, &d);
	m->meta.year = y;
	const lz_meeting_type *type = &plan->meeting_types[rng_below(plan->n_meeting_types)];
	m->type = type->id;

	char title[160];
	snprintf(title, sizeof title, PICK(title_fmt), i + 1);
	m->title = lz_arena_strdup(arena, title);
	m->start = 9 * 60 + 30 * (int)rng_below(15);  /* 09:00 … 16:00 */
	m->end = m->start + (rng_below(2) ? 90 : 60);
	m->location = is_needle_index(i, n) ? BENCH_NEEDLE_PLACE : PICK(places);

	unsigned roll = (unsigned)rng_below(100);
	m->status = roll < 80 ? LZ_MEETING_HELD : roll < 90 ? LZ_MEETING_PLANNED
							 : LZ_MEETING_CANCELLED;
	if (m->status == LZ_MEETING_HELD) {
		m->host = PICK(people);
		m->recorder = PICK(people);
		m->expected = 7 + (int)rng_below(9);
		/* One in fifty held below half, so some list rows carry a
		 * quorum note. */
		m->present = rng_below(50) == 0 ? m->expected / 2
						  : m->expected - (int)rng_below(3);
		m->attendees = "张建国、李秀英、王志强、赵丽华、刘德明、陈晓燕、杨国庆";
		m->first_topic = PICK(first_topics);
		size_t nt = 1 + rng_below(2);
		const char **tv = lz_arena_alloc(arena, nt * sizeof *tv);
		for (size_t t = 0; t < nt; t++)
			tv[t] = PICK(topics);
		m->topics = (lz_strv){.v = tv, .n = nt};
		const char **dv = lz_arena_alloc(arena, sizeof *dv);
		dv[0] = PICK(decisions);
		m->decisions = (lz_strv){.v = dv, .n = 1};
		m->summary = PICK(summaries);
		if (plan->n_tasks) {
			int *tasks = lz_arena_alloc(arena, sizeof *tasks);
			tasks[0] = plan->tasks[rng_below(plan->n_tasks)].number;
			m->tasks = tasks;
			m->n_tasks = 1;
		}
	}
	/* A meeting cannot be recorded as held before its day: those after
	 * today stay planned (after the draws above, so every other field,
	 * and every later meeting, is the same whatever the date). */
	if (m->status == LZ_MEETING_HELD && day > lz_day_today())
		m->status = LZ_MEETING_PLANNED;
	if (b) {
		b->date = day;
		b->start = m->start;
		b->end = m->end;
		snprintf(b->title, sizeof b->title, "%s", title);
	}
}

static const char *const item_titles[] = {
	"整改经费报销手续不全问题（第%zu项）",
	"规范公务接待审批程序（第%zu项）",
	"完善“三重一大”集体决策台账（第%zu项）",
	"落实困难职工帮扶资金公示（第%zu项）",
};

static const char *const notes[] = {
	"已制定整改方案，明确责任人和时限",
	"已补齐凭证，待财务科复核",
	"已召开专题会议研究推进",
};

static void make_item(const lz_plan *plan, lz_arena *arena, size_t i, lz_item *it)
{
	lz_item_init(it);
	it->meta.year = plan->year;
	it->task = plan->tasks[rng_below(plan->n_tasks)].number;
	char title[160];
	snprintf(title, sizeof title, PICK(item_titles), i + 1);
	it->title = lz_arena_strdup(arena, title);
	it->owner = PICK(people);
	if (rng_below(3) == 0)
		it->source = "县委第二轮巡察反馈";
	lz_day first = lz_day_from_ymd(plan->year, 1, 1);
	it->due = first + (lz_day)rng_below(365);
	it->status = plan->item_statuses[rng_below(plan->n_item_statuses)].id;
	it->n_log = rng_below(4);
	lz_note *log = lz_arena_alloc(arena, (it->n_log + 1) * sizeof *log);
	for (size_t k = 0; k < it->n_log; k++)
		log[k] = (lz_note){first + (lz_day)(k * 90 + rng_below(60)), PICK(notes)};
	it->log = log;
}

static void store_plan(lz_store *store, const lz_plan *plan, const char *yaml, size_t len)
{
	lz_err err;
	lz_err_clear(&err);
	unsigned char *compiled;
	size_t clen;
	lz_plan_encode(plan, &compiled, &clen);
	if (lz_store_set_plan(store, plan->year, yaml, len, compiled, clen, &err) != LZ_OK)
		die("%s", err.msg);
	free(compiled);
}

/* holidays.yaml in the plan file's directory (config/ holds both), or
 * NULL: the drafts then have weekends only. */
static lz_holidays *load_holidays(const char *plan_path)
{
	char path[4096];
	const char *slash = strrchr(plan_path, '/');
	snprintf(path, sizeof path, "%.*sholidays.yaml", slash ? (int)(slash - plan_path + 1) : 0,
		 plan_path);
	lz_diags diags;
	lz_diags_init(&diags);
	lz_holidays *h = NULL;
	if (lz_holidays_load_file(path, &h, &diags) != LZ_OK)
		h = NULL;
	lz_diags_free(&diags);
	return h;
}

/* Year's plan drafted from base, written and read back as the program
 * stores a new year's plan (the YAML is what the compiled form is tied
 * to), and stored. */
static lz_plan *store_draft(lz_store *store, const lz_plan *base, int year,
			    const lz_holidays *holidays)
{
	lz_plan_draft draft;
	lz_plan_draft_make(&draft, base, year, holidays);
	char *yaml = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&yaml, &len);
	if (!mem || !lz_plan_emit(mem, &draft.plan, &draft.notes) || fclose(mem) != 0)
		die("cannot write the draft plan for %d", year);
	lz_plan_draft_free(&draft);
	lz_diags diags;
	lz_diags_init(&diags);
	lz_plan *plan = NULL;
	if (lz_plan_load_buffer("draft", yaml, len, &plan, &diags) != LZ_OK) {
		lz_diags_print(&diags, stderr);
		die("the draft plan for %d does not load", year);
	}
	lz_diags_free(&diags);
	store_plan(store, plan, yaml, len);
	free(yaml);
	return plan;
}

static int brief_cmp(const void *pa, const void *pb)
{
	const brief *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	/* Then by text, as calcurse orders appointments with the same start
	 * (apoint_cmp): a file in any other order makes its sorted-list
	 * loading quadratic, which would measure the generator, not calcurse. */
	int c = strcmp(a->title, b->title);
	if (c)
		return c;
	return a->end < b->end ? -1 : a->end > b->end;
}

static void write_calcurse(const char *dir, brief *briefs, size_t n)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		die("cannot create %s: %s", dir, strerror(errno));
	/* calcurse keeps its appointments sorted (by start, then text) and
	 * saves them in that order. */
	qsort(briefs, n, sizeof *briefs, brief_cmp);
	char path[4096];
	snprintf(path, sizeof path, "%s/apts", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		die("cannot write %s: %s", path, strerror(errno));
	for (size_t i = 0; i < n; i++) {
		int y, mo, d;
		lz_day_to_ymd(briefs[i].date, &y, &mo, &d);
		fprintf(f, "%02d/%02d/%04d @ %02d:%02d -> %02d/%02d/%04d @ %02d:%02d |%s\n",
			mo, d, y, briefs[i].start / 60, briefs[i].start % 60,
			mo, d, y, briefs[i].end / 60, briefs[i].end % 60, briefs[i].title);
	}
	if (fclose(f) != 0)
		die("cannot write %s: %s", path, strerror(errno));
	snprintf(path, sizeof path, "%s/todo", dir);
	f = fopen(path, "w");
	if (!f || fclose(f) != 0)
		die("cannot write %s: %s", path, strerror(errno));
}

int main(int argc, char **argv)
{
	if (argc < 3)
		usage();
	const char *db_dir = argv[1];
	long n_long = parse_long(argv[2], 1, 100000000, "N");
	size_t n = (size_t)n_long;
	long years = 1, batch = 10000;
	const char *calcurse_dir = NULL, *plan_path = BENCH_DEFAULT_PLAN;
	lz_day count_from[MAX_COUNTS], count_to[MAX_COUNTS];
	const char *count_arg[MAX_COUNTS];
	size_t n_counts = 0, n_items = 0;
	for (int i = 3; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--years") == 0) {
			years = parse_long(argv[++i], 1, 100, "--years");
		} else if (strcmp(argv[i], "--calcurse") == 0) {
			calcurse_dir = argv[++i];
		} else if (strcmp(argv[i], "--plan") == 0) {
			plan_path = argv[++i];
		} else if (strcmp(argv[i], "--items") == 0) {
			n_items = (size_t)parse_long(argv[++i], 0, 10000000, "--items");
		} else if (strcmp(argv[i], "--batch") == 0) {
			batch = parse_long(argv[++i], 1, 1000000, "--batch");
		} else if (strcmp(argv[i], "--count") == 0) {
			const char *v = argv[++i];
			char a[16], b[16];
			const char *colon = strchr(v, ':');
			if (n_counts == MAX_COUNTS || !colon || colon - v != 10 ||
			    strlen(colon + 1) != 10)
				die("--count: '%s' is not FROM:TO (YYYY-MM-DD:YYYY-MM-DD)", v);
			memcpy(a, v, 10);
			a[10] = '\0';
			memcpy(b, colon + 1, 11);
			if (!lz_day_parse(a, &count_from[n_counts]) ||
			    !lz_day_parse(b, &count_to[n_counts]))
				die("--count: '%s' is not FROM:TO (YYYY-MM-DD:YYYY-MM-DD)", v);
			count_arg[n_counts++] = v;
		} else {
			usage();
		}
	}

	double t_fill = now_seconds();
	char probe[4096];
	snprintf(probe, sizeof probe, "%s/data.mdb", db_dir);
	struct stat st;
	if (stat(probe, &st) == 0)
		die("%s already holds a database; give a new directory", db_dir);

	lz_diags diags;
	lz_diags_init(&diags);
	lz_plan *plan = NULL;
	char *yaml = NULL;
	size_t yaml_len = 0;
	if (lz_read_file(plan_path, LZ_PLAN_MAX_BYTES, &yaml, &yaml_len, &diags) != LZ_OK ||
	    lz_plan_load_buffer(plan_path, yaml, yaml_len, &plan, &diags) != LZ_OK) {
		lz_diags_print(&diags, stderr);
		die("cannot load the plan %s", plan_path);
	}
	lz_diags_free(&diags);
	if (!plan->n_meeting_types)
		die("the plan %s has no meeting types", plan_path);

	lz_err err;
	lz_err_clear(&err);
	lz_store *store = NULL;
	if (lz_store_open(db_dir, NULL, &store, &err) != LZ_OK)
		die("%s", err.msg);
	store_plan(store, plan, yaml, yaml_len);

	if (plan->year + years - 1 > LZ_YEAR_LAST)
		die("--years %ld from %d goes past %d, the last year a date may have", years,
		    plan->year, LZ_YEAR_LAST);
	/* plans[k]: the plan of plan->year + k; the first is the file's. */
	lz_plan **plans = calloc((size_t)years, sizeof *plans);
	if (!plans)
		die("out of memory");
	plans[0] = plan;
	lz_holidays *holidays = years > 1 ? load_holidays(plan_path) : NULL;
	for (long k = 1; k < years; k++)
		plans[k] = store_draft(store, plan, plan->year + (int)k, holidays);
	lz_day first = lz_day_from_ymd(plan->year, 1, 1);
	long span = (long)(lz_day_from_ymd(plan->year + (int)years, 1, 1) - first);

	brief *briefs = NULL;
	if (calcurse_dir) {
		briefs = calloc(n, sizeof *briefs);
		if (!briefs)
			die("out of memory");
	}
	size_t per = (size_t)batch < n ? (size_t)batch : n;
	lz_op *ops = calloc(per, sizeof *ops);
	lz_record *recs = calloc(per, sizeof *recs);
	if (!ops || !recs)
		die("out of memory");

	double in_apply = 0;
	size_t transactions = 0;
	for (size_t done = 0; done < n;) {
		size_t k = n - done < per ? n - done : per;
		lz_arena arena = {0};
		for (size_t j = 0; j < k; j++) {
			size_t i = done + j;
			recs[j] = (lz_record){.kind = LZ_KIND_MEETING};
			lz_day day = meeting_day(first, span, i, n);
			int y, mo, d;
			lz_day_to_ymd(day, &y, &mo, &d);
			const lz_plan *in_force = plans[y - plan->year];
			make_meeting(in_force, &arena, i, n, day, &recs[j].u.meeting,
				     briefs ? &briefs[i] : NULL);
			if (lz_validate_meeting(in_force, &recs[j].u.meeting, &err) != LZ_OK)
				die("generated meeting is invalid: %s", err.msg);
			ops[j] = (lz_op){.op = LZ_OP_ADD, .kind = LZ_KIND_MEETING, .rec = &recs[j]};
		}
		double t0 = now_seconds();
		lz_rc rc = lz_store_apply(store, ops, k, &err);
		in_apply += now_seconds() - t0;
		lz_arena_free(&arena);
		if (rc != LZ_OK)
			die("insert failed: %s", err.msg);
		transactions++;
		done += k;
	}
	for (size_t done = 0; done < n_items && plan->n_tasks;) {
		size_t k = n_items - done < per ? n_items - done : per;
		lz_arena arena = {0};
		for (size_t j = 0; j < k; j++) {
			recs[j] = (lz_record){.kind = LZ_KIND_ITEM};
			make_item(plan, &arena, done + j, &recs[j].u.item);
			if (lz_validate_item(plan, &recs[j].u.item, &err) != LZ_OK)
				die("generated item is invalid: %s", err.msg);
			ops[j] = (lz_op){.op = LZ_OP_ADD, .kind = LZ_KIND_ITEM, .rec = &recs[j]};
		}
		lz_rc rc = lz_store_apply(store, ops, k, &err);
		lz_arena_free(&arena);
		if (rc != LZ_OK)
			die("insert failed: %s", err.msg);
		done += k;
	}
	size_t stored = 0;
	if (lz_store_count(store, LZ_KIND_MEETING, &stored, &err) != LZ_OK)
		die("%s", err.msg);
	lz_store_close(store);
	t_fill = now_seconds() - t_fill;
	if (stored != n) {
		fprintf(stderr, "bench_fill: stored %zu meetings, expected %zu\n", stored, n);
		return 1;
	}

	if (calcurse_dir)
		write_calcurse(calcurse_dir, briefs, n);

	printf("bench_fill: %zu meetings over %ld year(s) from %d-01-01 (a plan for each) in %zu "
	       "transactions: insert %.3f s (%.0f meetings/s), whole fill %.3f s\n",
	       n, years, plan->year, transactions, in_apply,
	       in_apply > 0 ? (double)n / in_apply : 0.0, t_fill);
	printf("insert_seconds %.6f\n", in_apply);
	printf("fill_seconds %.6f\n", t_fill);
	printf("transactions %zu\n", transactions);
	for (size_t c = 0; c < n_counts; c++) {
		size_t hits = 0;
		for (size_t i = 0; i < n; i++) {
			lz_day d = meeting_day(first, span, i, n);
			hits += d >= count_from[c] && d <= count_to[c];
		}
		char a[11], b[11];
		memcpy(a, count_arg[c], 10);
		a[10] = '\0';
		memcpy(b, count_arg[c] + 11, 11);
		printf("count %s %s %zu\n", a, b, hits);
	}
	free(briefs);
	free(ops);
	free(recs);
	free(yaml);
	for (long k = 0; k < years; k++)
		lz_plan_free(plans[k]);
	free(plans);
	lz_holidays_free(holidays);
	return 0;
}
