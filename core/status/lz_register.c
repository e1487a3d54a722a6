/* The registers' answers (lz_register.h). */
#include "lz_register.h"

#include "lz_i18n.h"
#include "lz_status.h"

lz_day lz_notice_deadline(const lz_plan *plan, lz_day received)
{
	lz_day d = received;
	for (int i = 0; i < plan->relay_days; i++)
		d = lz_next_workday(plan, d);
	return d;
}

lz_notice_state lz_notice_state_of(const lz_plan *plan, const lz_notice *n, lz_day date)
{
	lz_day limit = lz_notice_deadline(plan, n->received);
	if (n->relayed != LZ_NO_DAY && n->relayed <= date)
		return n->relayed > limit ? LZ_NOTICE_LATE : LZ_NOTICE_RELAYED;
	return date > limit ? LZ_NOTICE_OVERDUE : LZ_NOTICE_PENDING;
}

const char *lz_notice_state_id(lz_notice_state s)
{
	static const char *const ids[] = {"relayed", "late", "pending", "overdue"};
	return ids[s];
}

const char *lz_notice_state_word(lz_notice_state s)
{
	switch (s) {
	case LZ_NOTICE_RELAYED: return _("relayed");
	case LZ_NOTICE_LATE: return _("relayed late");
	case LZ_NOTICE_PENDING: return _("to be relayed");
	case LZ_NOTICE_OVERDUE: return _("not relayed, overdue");
	}
	return "?";
}

typedef struct count_ctx {
	lz_day first, last;
	size_t *counts;
	lz_arena *arena;
} count_ctx;

static bool count_one(const lz_record *r, void *ctx)
{
	count_ctx *c = ctx;
	const lz_discipline *d = &r->u.discipline;
	if (d->date >= c->first && d->date <= c->last && d->form >= 1 && d->form <= 4)
		c->counts[d->form - 1]++;
	lz_arena_free(c->arena);
	return true;
}

lz_rc lz_discipline_counts(lz_store *store, int year, size_t counts[4], lz_err *err)
{
	for (int i = 0; i < 4; i++)
		counts[i] = 0;
	lz_arena arena = {0};
	count_ctx c = {lz_day_from_ymd(year, 1, 1), lz_day_from_ymd(year, 12, 31), counts, &arena};
	lz_rc rc = lz_store_scan(store, LZ_KIND_DISCIPLINE, &arena, count_one, &c, err);
	lz_arena_free(&arena);
	return rc;
}

const char *lz_discipline_form_name(int form)
{
	switch (form) {
	case 1: return _("first form");
	case 2: return _("second form");
	case 3: return _("third form");
	case 4: return _("fourth form");
	default: return "?";
	}
}

const char *const lz_discipline_measures[] = {
	"谈话提醒", "批评教育", "责令检查", "诫勉", "组织调整", "警告", "严重警告",
	"撤销党内职务", "留党察看", "开除党籍", NULL,
};

const char *const lz_notice_issuers[] = {"中央纪委", "省纪委", "市纪委", "县纪委", NULL};

const char *const lz_disclosure_places[] = {"公开栏", "网站", "会议", NULL};
