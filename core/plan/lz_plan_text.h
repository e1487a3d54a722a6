/* A plan read from its document: the yearly 工作要点 as plain text (copied
 * out of WPS or Word, UTF-8 or GB18030), turned into a plan for review.
 *
 * The text gives the title, the general requirement (总体要求), the
 * sections (一、二、…) and their tasks, numbered through the plan (1. 2. …)
 * or per section ((一)（二）…, or 1. restarting); each task is split into its
 * title (up to the first 。) and its text, word for word.  Obligations are
 * found in phrases such as 全年召开不少于4次专题会议 or 每季度至少进行1次
 * 集中警示教育, and the responsibilities a task names (主体责任, 监督责任,
 * 第一责任, 一岗双责, 落实责任) become its roles.  Everything else — roles,
 * statuses, risk levels, meeting types, the obligations party rules set —
 * comes from a base plan (the bundled one).  Every detection is listed
 * (found) and marked in the plan's notes: nothing is guessed silently. */
#ifndef LZ_PLAN_TEXT_H
#define LZ_PLAN_TEXT_H

#include <stddef.h>

#include "lz_arena.h"
#include "lz_diag.h"
#include "lz_holidays.h"
#include "lz_plan.h"
#include "lz_plan_emit.h"
#include "lz_rc.h"

/* The largest document read: a plan text is a few pages. */
#define LZ_PLAN_TEXT_MAX_BYTES (1024 * 1024)

typedef struct lz_plan_text_opts {
	int year;                  /* 0: from the text */
	const char *organization;  /* NULL: from the title line */
	const lz_holidays *holidays;  /* for the calendar; NULL: none */
} lz_plan_text_opts;

/* One thing the reader found or decided, at a line of the document. */
typedef struct lz_plan_found {
	int line;  /* 0: about the whole document */
	const char *message;
} lz_plan_found;

typedef struct lz_plan_text {
	lz_arena arena;
	/* Shares the base plan's vocabularies and the holiday data: keep
	 * both until this is freed. */
	lz_plan plan;
	lz_plan_notes notes;
	const char *encoding;  /* "UTF-8" or "GB18030" */
	lz_plan_found *found;
	size_t n_found;
	/* NULL, or why the calendar has no holidays (lz_holidays_apply). */
	const char *calendar_warning;
} lz_plan_text;

/* Reads the document buf (name is what messages call it).  LZ_OK with t
 * filled, or LZ_EDATA with the reasons in diags (an empty or binary file,
 * no sections, a section without tasks, no year or organization to be
 * found) and t empty.  Free t either way. */
lz_rc lz_plan_text_read(lz_plan_text *t, const char *name, const char *buf, size_t len,
			const lz_plan *base, const lz_plan_text_opts *opts, lz_diags *diags);
void lz_plan_text_free(lz_plan_text *t);

#endif
