/* Reading a plan from its document (lz_plan_text.h).  The text is decoded
 * and cut into trimmed lines; each line is a section heading, a task
 * heading or a paragraph; a walk over them builds the sections and tasks;
 * then the tasks' words are searched for roles and obligations.  Every
 * decision that is not a plain reading of the text goes into the list of
 * findings and into a comment of the plan. */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_plan_text.h"
#include "lz_text.h"
#include "lz_vec.h"

/* ---- characters ---- */

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A decimal digit, ASCII or full width (as Word's numbering often is):
 * its value, and its length in *n; -1 when s does not start with one. */
static int digit_at(const char *s, size_t *n)
{
	if (*s >= '0' && *s <= '9') {
		*n = 1;
		return *s - '0';
	}
	if ((unsigned char)s[0] == 0xef && (unsigned char)s[1] == 0xbc &&
	    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
		*n = 3;
		return (unsigned char)s[2] - 0x90;
	}
	return -1;
}

/* 1 to 999 written in digits: the value and where it ends, or 0. */
static int arabic(const char *s, const char **end)
{
	int v = 0, digits = 0;
	size_t n;
	int d;
	while (digits < 3 && (d = digit_at(s, &n)) >= 0) {
		v = v * 10 + d;
		s += n;
		digits++;
	}
	if (!digits || digit_at(s, &n) >= 0 || v == 0)
		return 0;
	*end = s;
	return v;
}

static const char *const cn_digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

static int cn_digit(const char *s, size_t *n)
{
	*n = strlen("一");
	for (int i = 1; i < 10; i++)
		if (starts(s, cn_digits[i]))
			return i;
	if (starts(s, "两"))
		return 2;
	return -1;
}

/* 1 to 99 in Chinese numerals (一, 十二, 二十, 九十九): the value and where
 * it ends, or 0. */
static int chinese(const char *s, const char **end)
{
	size_t n;
	int tens = 0, units;
	int d = cn_digit(s, &n);
	if (d >= 0) {
		s += n;
		if (!starts(s, "十")) {
			*end = s;
			return d;
		}
		tens = d;
	} else if (!starts(s, "十")) {
		return 0;
	} else {
		tens = 1;
	}
	s += strlen("十");
	units = cn_digit(s, &n);
	if (units >= 0)
		s += n;
	*end = s;
	return tens * 10 + (units > 0 ? units : 0);
}

/* The length of the character at s when it ends a phrase: punctuation
 * that closes a clause, or 0. */
static size_t clause_end(const char *s)
{
	static const char *const marks[] = {"，", "。", "；", "：", "、", "！", "？", "（", "“",
					    ",", ";", ":", "!", "?", "(", NULL};
	for (size_t i = 0; marks[i]; i++)
		if (starts(s, marks[i]))
			return strlen(marks[i]);
	return *s == '\0' || *s == '\n';
}

static size_t char_len(const char *s)
{
	uint32_t cp;
	size_t n = lz_utf8_decode(s, strlen(s), &cp);
	return n ? n : 1;
}

/* ---- the text as lines ---- */

typedef enum line_kind {
	L_BLANK,
	L_PARAGRAPH,
	L_SECTION,       /* 一、 */
	L_TASK_ARABIC,   /* 1. 1． 1、 */
	L_TASK_PAREN,    /* (1) （1） */
	L_TASK_CHINESE,  /* (一) （一） */
} line_kind;

typedef struct line {
	int no;            /* 1-based, in the document */
	const char *text;  /* trimmed */
	line_kind kind;
	int number;        /* as written, for headings */
	const char *rest;  /* after the number, for headings */
} line;

static bool is_open_paren(const char *s, size_t *n)
{
	*n = starts(s, "（") ? strlen("（") : *s == '(';
	return *n != 0;
}

static bool is_close_paren(const char *s, size_t *n)
{
	*n = starts(s, "）") ? strlen("）") : *s == ')';
	return *n != 0;
}

static const char *skip_spaces(const char *s)
{
	for (;;) {
		uint32_t cp;
		size_t n = lz_utf8_decode(s, strlen(s), &cp);
		if (!n || !lz_cp_is_space(cp))
			return s;
		s += n;
	}
}

static void classify(line *l)
{
	const char *s = l->text, *end;
	size_t n;
	l->kind = *s ? L_PARAGRAPH : L_BLANK;
	int v;
	if ((v = chinese(s, &end)) && starts(end, "、")) {
		l->kind = L_SECTION;
		end += strlen("、");
	} else if ((v = arabic(s, &end)) &&
		   (*end == '.' || starts(end, "．") || starts(end, "、"))) {
		l->kind = L_TASK_ARABIC;
		end += char_len(end);
	} else if (is_open_paren(s, &n) && (v = arabic(s + n, &end)) && is_close_paren(end, &n)) {
		l->kind = L_TASK_PAREN;
		end += n;
	} else if (is_open_paren(s, &n) && (v = chinese(s + n, &end)) && is_close_paren(end, &n)) {
		l->kind = L_TASK_CHINESE;
		end += n;
	} else {
		return;
	}
	end = skip_spaces(end);
	if (!*end) {  /* a number alone is not a heading */
		l->kind = L_PARAGRAPH;
		return;
	}
	l->number = v;
	l->rest = end;
}

/* Cuts text into trimmed lines, in the arena. */
static line *split_lines(lz_arena *a, const char *text, size_t *count)
{
	size_t n = 1;
	for (const char *p = text; *p; p++)
		n += *p == '\n';
	line *lines = lz_arena_alloc(a, n * sizeof *lines);
	size_t i = 0;
	const char *p = text;
	for (int no = 1; i < n; no++, i++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *start = skip_spaces(p);
		size_t keep = len - (size_t)(start - p);
		/* Trailing spaces: ASCII, no-break and ideographic alike. */
		while (keep) {
			size_t k = keep - 1;
			while (k && ((unsigned char)start[k] & 0xc0) == 0x80)
				k--;
			uint32_t cp;
			if (!lz_utf8_decode(start + k, keep - k, &cp) || !lz_cp_is_space(cp))
				break;
			keep = k;
		}
		lines[i] = (line){.no = no, .text = lz_arena_strndup(a, start, keep)};
		classify(&lines[i]);
		p = nl ? nl + 1 : p + len;
	}
	*count = n;
	return lines;
}

/* ---- decoding ---- */

static char *gb18030_to_utf8(const char *buf, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = 4 * len + 4;
	char *out = malloc(cap);
	if (!out)
		abort();
	char *in = (char *)buf, *o = out;
	size_t inleft = len, outleft = cap - 1;
	size_t r = iconv(cd, &in, &inleft, &o, &outleft);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &o, &outleft);
	iconv_close(cd);
	if (r == (size_t)-1) {
		free(out);
		return NULL;
	}
	*o = '\0';
	return out;
}

/* The text as UTF-8 with "\n" line ends and no byte order mark, in the
 * arena; NULL with a message when it is not a text. */
static char *decode(lz_plan_text *t, const char *name, const char *buf, size_t len,
		    lz_diags *diags)
{
	if ((len >= 2 && ((unsigned char)buf[0] == 0xff && (unsigned char)buf[1] == 0xfe)) ||
	    (len >= 2 && ((unsigned char)buf[0] == 0xfe && (unsigned char)buf[1] == 0xff))) {
		lz_diags_add(diags, name, 0, 0,
			     _("the text is in UTF-16; save it as UTF-8 (or GB18030) text"));
		return NULL;
	}
	char *converted = NULL;
	const char *text = buf;
	t->encoding = "UTF-8";
	if (memchr(buf, '\0', len) == NULL && !lz_utf8_valid(buf, len, &(size_t){0})) {
		converted = gb18030_to_utf8(buf, len);
		if (!converted) {
			lz_diags_add(diags, name, 0, 0,
				     _("the file is neither UTF-8 nor GB18030 text"));
			return NULL;
		}
		text = converted;
		len = strlen(converted);
		t->encoding = "GB18030";
	}
	char *out = lz_arena_alloc(&t->arena, len + 1);
	size_t o = 0, i = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	int line = 1;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\r') {
			out[o++] = '\n';
			line++;
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
			continue;
		}
		if ((c < 0x20 && c != '\n' && c != '\t' && c != '\f') || c == 0x7f) {
			lz_diags_add(diags, name, line, 0,
				     _("the file holds binary data (byte 0x%02X), not a text"), c);
			free(converted);
			return NULL;
		}
		line += c == '\n';
		out[o++] = c == '\t' || c == '\f' ? ' ' : (char)c;
	}
	out[o] = '\0';
	free(converted);
	return out;
}

/* ---- findings ---- */

typedef struct reader {
	lz_plan_text *t;
	const char *name;
	const lz_plan *base;
	lz_diags *diags;
	lz_vec found;  /* lz_plan_found */
	line *lines;
	size_t n_lines;
} reader;

static void found(reader *r, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void found(reader *r, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = lz_vformat(fmt, ap);
	va_end(ap);
	lz_plan_found *f = lz_vec_push(&r->found);
	f->line = line;
	f->message = lz_arena_strdup(&r->t->arena, msg);
	free(msg);
}

/* ---- sections and tasks ---- */

typedef struct tsection {
	int number;
	const line *heading;
	size_t first, n;  /* into the tasks */
} tsection;

typedef struct ttask {
	int number;
	size_t section;
	const line *heading;
	size_t n_more;  /* paragraphs after the heading line, up to the next heading */
	const line *more[64];
} ttask;

static bool is_task(line_kind k)
{
	return k == L_TASK_ARABIC || k == L_TASK_PAREN || k == L_TASK_CHINESE;
}

static bool names_general(const char *title)
{
	return strstr(title, "总体要求") != NULL;
}

/* Joins paragraphs with newlines, in the arena. */
static char *join(lz_arena *a, const char *first, const line *const *more, size_t n)
{
	size_t len = first ? strlen(first) : 0;
	for (size_t i = 0; i < n; i++)
		len += strlen(more[i]->text) + 1;
	char *s = lz_arena_alloc(a, len + 1);
	if (first)
		strcpy(s, first);
	for (size_t i = 0; i < n; i++) {
		if (*s)
			strcat(s, "\n");
		strcat(s, more[i]->text);
	}
	return s;
}

typedef struct layout {
	const line *title;
	lz_vec general;  /* const line *: the general requirement's paragraphs */
	lz_vec sections;  /* tsection */
	lz_vec tasks;     /* ttask */
	line_kind task_kind;
	int general_number;  /* of a section 总体要求, not a section of the plan */
} layout;

static void add_more(reader *r, ttask *task, const line *l)
{
	if (task->n_more == sizeof task->more / sizeof *task->more) {
		found(r, l->no, _("left out: task %d has too many paragraphs"), task->number);
		return;
	}
	task->more[task->n_more++] = l;
}

/* The first pass: what each line is part of. */
static bool walk(reader *r, layout *lay)
{
	tsection *sec = NULL;
	ttask *task = NULL;
	bool in_general = false;
	for (size_t i = 0; i < r->n_lines; i++) {
		const line *l = &r->lines[i];
		if (l->kind == L_BLANK)
			continue;
		if (l->kind == L_SECTION) {
			if (names_general(l->rest) && !sec) {
				in_general = true;
				lay->general_number = l->number;
				found(r, l->no, _("section \"%s\": its paragraphs are the general requirement"),
				      l->rest);
				continue;
			}
			in_general = false;
			sec = lz_vec_push(&lay->sections);
			sec->heading = l;
			sec->first = lay->tasks.n;
			task = NULL;
			continue;
		}
		if (sec && is_task(l->kind) && (!lay->task_kind || l->kind == lay->task_kind)) {
			lay->task_kind = l->kind;
			task = lz_vec_push(&lay->tasks);
			task->heading = l;
			task->section = lay->sections.n - 1;
			sec->n++;
			continue;
		}
		if (task) {
			found(r, l->no, _("task %zu: this paragraph is part of its text"), lay->tasks.n);
			add_more(r, task, l);
		} else if (sec && !in_general) {
			found(r, l->no, _("left out: a paragraph between a section heading and its first task"));
		} else if (!sec && !in_general && !lay->title && lay->general.n == 0 &&
			   !strstr(l->text, "。")) {
			lay->title = l;
		} else {
			*(const line **)lz_vec_push(&lay->general) = l;
		}
	}
	if (lay->sections.n == 0) {
		lz_diags_add(r->diags, r->name, 0, 0,
			     _("no sections found: a plan's sections start with 一、 二、 … at the beginning of a line"));
		return false;
	}
	bool ok = true;
	const tsection *secs = lay->sections.v;
	for (size_t s = 0; s < lay->sections.n; s++)
		if (secs[s].n == 0) {
			lz_diags_add(r->diags, r->name, secs[s].heading->no, 0,
				     _("section \"%s\" has no numbered tasks (1. or （一） at the beginning of a line)"),
				     secs[s].heading->rest);
			ok = false;
		}
	return ok;
}

/* Numbers as written when they run on; else in order, and said so. */
static void number(reader *r, layout *lay)
{
	tsection *secs = lay->sections.v;
	ttask *tasks = lay->tasks.v;
	int prev = lay->general_number;
	for (size_t s = 0; s < lay->sections.n; s++) {
		int written = secs[s].heading->number;
		secs[s].number = written > prev ? written : prev + 1;
		if (written != prev + 1)
			found(r, secs[s].heading->no, _("section %d follows section %d; numbered %d"),
			      written, prev, secs[s].number);
		prev = secs[s].number;
	}
	/* Numbered through, unless a section starts again at 1 or the
	 * numbers are (一)（二）, which are always per section. */
	bool per_section = lay->task_kind == L_TASK_CHINESE;
	for (size_t s = 1; s < lay->sections.n && !per_section; s++)
		per_section = tasks[secs[s].first].heading->number == 1;
	if (per_section)
		found(r, 0, _("tasks are numbered per section; here they are numbered 1 to %zu through the plan"),
		      lay->tasks.n);
	prev = 0;
	for (size_t i = 0; i < lay->tasks.n; i++) {
		ttask *t = &tasks[i];
		int written = t->heading->number;
		if (per_section) {
			int expected = (int)(i - secs[t->section].first) + 1;
			if (written != expected)
				found(r, t->heading->no, _("task numbered %d where %d was expected"),
				      written, expected);
			t->number = (int)i + 1;
			if (written != t->number)
				lz_plan_notes_add(&r->t->notes, LZ_PART_TASK, i,
						  _("Numbered %d within its section in the text (line %d)."),
						  written, t->heading->no);
		} else {
			t->number = written > prev ? written : prev + 1;
			if (written != prev + 1)
				found(r, t->heading->no, _("task %d follows task %d; numbered %d"),
				      written, prev, t->number);
		}
		prev = t->number;
	}
}

/* ---- the plan's own words: year, organization, title ---- */

static int year_in(const char *s)
{
	for (; *s; s++) {
		if (*s >= '1' && *s <= '2' && (s[1] >= '0' && s[1] <= '9') &&
		    (s[2] >= '0' && s[2] <= '9') && (s[3] >= '0' && s[3] <= '9') &&
		    starts(s + 4, "年")) {
			int y = atoi(s);
			if (y >= LZ_YEAR_FIRST && y <= LZ_YEAR_LAST)
				return y;
		}
	}
	return 0;
}

/* The unit a title names: before its year ("县机关工会2024年党风廉政建设
 * 工作要点"), or between the year and the subject of the plan ("2022年县总
 * 工会党风廉政建设和反腐败工作要点" gives 县总工会). */
static const char *organization_in(lz_arena *a, const char *title, int year)
{
	static const char *const subjects[] = {"党风廉政", "全面从严治党", "廉政建设", "党建", NULL};
	char y[16];
	snprintf(y, sizeof y, "%d年", year);
	const char *at_year = strstr(title, y);
	if (at_year && at_year > title)
		return lz_arena_strndup(a, title, (size_t)(at_year - title));
	const char *from = at_year ? at_year + strlen(y) : title;
	for (size_t i = 0; subjects[i]; i++) {
		const char *at = strstr(from, subjects[i]);
		if (at && at > from)
			return lz_arena_strndup(a, from, (size_t)(at - from));
	}
	return NULL;
}

static bool heading(reader *r, const layout *lay, const lz_plan_text_opts *opts, lz_plan *p)
{
	const line *const *general = lay->general.v;
	if (lay->general.n) {
		p->general_requirement = join(&r->t->arena, NULL, general, lay->general.n);
		if (lay->general.n > 1)
			found(r, general[0]->no, _("general requirement: %zu paragraphs, to line %d"),
			      lay->general.n, general[lay->general.n - 1]->no);
		else
			found(r, general[0]->no, _("general requirement: this paragraph"));
	}
	const char *title = lay->title ? lay->title->text : NULL;
	if (title)
		found(r, lay->title->no, _("title: %s"), title);

	p->year = opts->year;
	int said = title ? year_in(title) : 0;
	int said_line = said ? lay->title->no : 0;
	if (!said && p->general_requirement) {
		said = year_in(p->general_requirement);
		said_line = said ? general[0]->no : 0;
	}
	if (!p->year && said) {
		p->year = said;
		found(r, said_line, _("year: %d"), said);
	} else if (p->year && said && said != p->year) {
		found(r, said_line, _("the text names the year %d; the plan is for %d as --year says"),
		      said, p->year);
	}
	if (!p->year) {
		lz_diags_add(r->diags, r->name, 0, 0,
			     _("the year is not named as YYYY年 in a title line or the general requirement; give it with --year"));
		return false;
	}

	p->organization = opts->organization;
	if (!p->organization && title) {
		p->organization = organization_in(&r->t->arena, title, p->year);
		if (p->organization)
			found(r, lay->title->no, _("organization: %s"), p->organization);
	}
	if (!p->organization) {
		lz_diags_add(r->diags, r->name, 0, 0,
			     _("the organization is not named in a title line; give it with --org"));
		return false;
	}
	if (title) {
		p->title = title;
	} else {
		p->title = lz_arena_printf(&r->t->arena, "%d年%s党风廉政建设和反腐败工作要点", p->year,
					   p->organization);
		found(r, 0, _("no title line; the title is made from the year and the organization: %s"),
		      p->title);
		lz_plan_notes_add(&r->t->notes, LZ_PART_TITLE, 0,
				  _("Made from the year and the organization: the text has no title line."));
	}
	return true;
}

/* ---- roles ---- */

/* The responsibilities a task can name, as plans name them. */
static const char *const role_words[] = {"主体责任", "监督责任", "第一责任", "一岗双责", "落实责任"};

static void roles(reader *r, const ttask *t, size_t ti, lz_task *task, const char *words)
{
	const lz_plan *base = r->base;
	size_t *idx = lz_arena_alloc(&r->t->arena, (base->n_roles + 1) * sizeof *idx);
	bool named[64] = {0};
	char listed[512] = "";
	for (size_t w = 0; w < sizeof role_words / sizeof *role_words; w++) {
		if (!strstr(words, role_words[w]))
			continue;
		size_t k = 0;
		while (k < base->n_roles && !strstr(base->roles[k].name, role_words[w]))
			k++;
		if (k == base->n_roles || k >= 64) {
			found(r, t->heading->no, _("task %d names %s, which no role of the base plan is"),
			      task->number, role_words[w]);
			continue;
		}
		if (named[k])
			continue;
		named[k] = true;
		size_t len = strlen(listed);
		snprintf(listed + len, sizeof listed - len, "%s%s → %s", len ? ", " : "", role_words[w],
			 base->roles[k].id);
	}
	for (size_t k = 0; k < base->n_roles && k < 64; k++)
		if (named[k])
			idx[task->n_roles++] = k;
	task->roles = idx;
	if (task->n_roles) {
		found(r, t->heading->no, _("task %d: roles %s"), task->number, listed);
		lz_plan_notes_add(&r->t->notes, LZ_PART_TASK, ti, _("Roles found in the text: %s"),
				  listed);
	}
}

/* ---- obligations ---- */

static const struct {
	const char *word;
	lz_period_kind per;
} period_words[] = {
	{"全年", LZ_PER_YEAR},     {"每年", LZ_PER_YEAR},      {"每半年", LZ_PER_HALF},
	{"每个季度", LZ_PER_QUARTER}, {"每季度", LZ_PER_QUARTER}, {"每季", LZ_PER_QUARTER},
	{"每个月", LZ_PER_MONTH},   {"每月", LZ_PER_MONTH},
};

/* The warnings config/README.md suggests for each period. */
static const int warn_year[] = {60, 30, 7}, warn_half[] = {30, 7}, warn_quarter[] = {21, 7},
		 warn_month[] = {7, 3};

typedef struct phrase {
	lz_period_kind per;
	int count;
	const char *start, *end;  /* the whole phrase */
	const char *name, *name_end;
} phrase;

/* A count of meetings: "4次", "两次"; where it ends (after 次), or NULL. */
static const char *count_at(const char *p, int *count)
{
	const char *end;
	int n = arabic(p, &end);
	if (!n)
		n = chinese(p, &end);
	if (!n || !starts(end, "次"))
		return NULL;
	*count = n;
	return end + strlen("次");
}

/* A connector and a further count, as in 1次民主生活会和1次组织生活会: the
 * length of the connector, or 0. */
static size_t and_count(const char *s)
{
	static const char *const joins[] = {"和", "及", "与", "、", NULL};
	int count;
	for (size_t i = 0; joins[i]; i++)
		if (starts(s, joins[i]) && count_at(s + strlen(joins[i]), &count))
			return strlen(joins[i]);
	return 0;
}

/* The meeting a count names, after 次: up to the end of the clause or a
 * further count. */
static void name_after(const char *name, phrase *ph)
{
	const char *q = name;
	for (int k = 0; k < 24 && !clause_end(q) && !and_count(q); k++)
		q += char_len(q);
	ph->name = name;
	ph->name_end = ph->end = q;
}

/* A phrase "<period> … N次 <meeting>" starting at s, within one clause. */
static bool phrase_at(const char *s, phrase *ph)
{
	size_t w = 0;
	while (w < sizeof period_words / sizeof *period_words && !starts(s, period_words[w].word))
		w++;
	if (w == sizeof period_words / sizeof *period_words)
		return false;
	ph->per = period_words[w].per;
	ph->start = s;
	const char *p = s + strlen(period_words[w].word);
	for (int chars = 0; chars < 12 && !clause_end(p); chars++) {
		const char *name = count_at(p, &ph->count);
		if (name) {
			name_after(name, ph);
			return ph->name_end > ph->name;
		}
		p += char_len(p);
	}
	return false;
}

typedef struct found_ob {
	lz_obligation ob;
	int line;
	size_t task;  /* index */
} found_ob;

typedef struct obligations_state {
	lz_vec types;  /* lz_meeting_type: the base plan's and proposed ones */
	lz_vec obs;    /* found_ob */
	int proposed;
} obligations_state;

/* The meeting type a phrase names: the one of that name, else the only
 * one whose name holds it or is held in it; -1 when none or several. */
static long match_type(const obligations_state *st, const char *name, size_t *candidates)
{
	const lz_meeting_type *types = st->types.v;
	*candidates = 0;
	long only = -1;
	for (size_t i = 0; i < st->types.n; i++)
		if (strcmp(types[i].name, name) == 0) {
			*candidates = 1;
			return (long)i;
		}
	for (size_t i = 0; i < st->types.n; i++)
		if (strstr(types[i].name, name) || strstr(name, types[i].name)) {
			only = (long)i;
			++*candidates;
		}
	return *candidates == 1 ? only : -1;
}

static const char *unique_ob_id(reader *r, const obligations_state *st, const char *want)
{
	const found_ob *obs = st->obs.v;
	const char *id = want;
	for (int k = 2;; k++) {
		bool taken = false;
		for (size_t i = 0; i < st->obs.n && !taken; i++)
			taken = strcmp(obs[i].ob.id, id) == 0;
		if (!taken)
			return id;
		id = lz_arena_printf(&r->t->arena, "%.28s-%d", want, k);
	}
}

static void obligation(reader *r, obligations_state *st, const phrase *ph, int line,
		       const lz_task *task, size_t ti)
{
	lz_arena *a = &r->t->arena;
	const char *name = lz_arena_strndup(a, ph->name, (size_t)(ph->name_end - ph->name));
	const char *words = lz_arena_strndup(a, ph->start, (size_t)(ph->end - ph->start));
	size_t candidates;
	long type = match_type(st, name, &candidates);
	const lz_meeting_type *types = st->types.v;
	if (type < 0) {
		lz_meeting_type *t = lz_vec_push(&st->types);
		types = st->types.v;
		t->id = lz_arena_printf(a, "meeting-%d", ++st->proposed);
		t->name = name;
		type = (long)(st->types.n - 1);
		if (candidates)
			found(r, line, _("task %d: \"%s\" fits %zu meeting types of the base plan; a new type '%s' is proposed"),
			      task->number, words, candidates, t->id);
		else
			found(r, line, _("task %d: \"%s\" names no meeting type of the base plan; a new type '%s' is proposed"),
			      task->number, words, t->id);
		lz_plan_notes_add(&r->t->notes, LZ_PART_MEETING_TYPE, (size_t)type,
				  _("Proposed from task %d (\"%s\"): check its name, and give it an id and a symbol."),
				  task->number, words);
	}
	const char *id = unique_ob_id(r, st, types[type].id);
	found_ob *f = lz_vec_push(&st->obs);
	f->line = line;
	f->task = ti;
	lz_obligation *ob = &f->ob;
	ob->meeting_type = (size_t)type;
	ob->id = id;
	ob->min = ph->count;
	ob->per = ph->per;
	ob->task = task->number;
	ob->basis = LZ_BASIS_PLAN;
	switch (ph->per) {
	case LZ_PER_YEAR:
		ob->warn_days = warn_year, ob->n_warn_days = 3;
		break;
	case LZ_PER_HALF:
		ob->warn_days = warn_half, ob->n_warn_days = 2;
		break;
	case LZ_PER_QUARTER:
		ob->warn_days = warn_quarter, ob->n_warn_days = 2;
		break;
	case LZ_PER_MONTH:
		ob->warn_days = warn_month, ob->n_warn_days = 2;
		break;
	}
	/* The note is plan data, in the plan's language, as in the bundled
	 * plan: the phrase and the task that states it. */
	ob->note = lz_arena_printf(a, "%s（任务%d）", words, task->number);
	found(r, line, _("task %d: obligation \"%s\": at least %d per %s of %s (%s)"), task->number,
	      words, ob->min, lz_period_kind_id(ob->per), types[type].name, types[type].id);
}

static void find_obligations(reader *r, obligations_state *st, const char *words, int line,
			     const lz_task *task, size_t ti)
{
	for (const char *s = words; *s;) {
		phrase ph;
		if (!phrase_at(s, &ph)) {
			s += char_len(s);
			continue;
		}
		obligation(r, st, &ph, line, task, ti);
		/* 每年召开1次民主生活会和1次组织生活会: the same period again. */
		size_t join;
		while ((join = and_count(ph.end))) {
			const char *name = count_at(ph.end + join, &ph.count);
			name_after(name, &ph);
			if (ph.name_end == ph.name)
				break;
			obligation(r, st, &ph, line, task, ti);
		}
		s = ph.end;
	}
}

/* The base plan's obligations that party rules, local rules or practice
 * set hold whatever this year's text says; those its own text stated are
 * this text's to state. */
static void keep_base_obligations(reader *r, obligations_state *st, const lz_plan *p)
{
	const lz_plan *base = r->base;
	for (size_t i = 0; i < base->n_obligations; i++) {
		const lz_obligation *bo = &base->obligations[i];
		const lz_meeting_type *bt = &base->meeting_types[bo->meeting_type];
		const found_ob *obs = st->obs.v;
		bool stated = false;
		for (size_t k = 0; k < st->obs.n && !stated; k++)
			stated = obs[k].ob.meeting_type == bo->meeting_type && obs[k].ob.per == bo->per;
		if (bo->basis == LZ_BASIS_PLAN) {
			if (!stated)
				found(r, 0, _("the base plan's obligation '%s' (%s), stated by its text, is not in this text: left out"),
				      bo->id, bt->name);
			continue;
		}
		if (stated) {
			found(r, 0, _("the base plan's obligation '%s' (%s, basis: %s) is stated by this text: the text's is kept"),
			      bo->id, bt->name, lz_basis_id(bo->basis));
			continue;
		}
		const char *id = unique_ob_id(r, st, bo->id);
		found_ob *f = lz_vec_push(&st->obs);
		f->ob = *bo;
		f->ob.id = id;
		f->task = SIZE_MAX;
		if (!lz_plan_task(p, bo->task)) {
			f->ob.task = p->tasks[0].number;
			found(r, 0, _("the base plan's obligation '%s' served task %d, which this plan does not have; it serves task %d here"),
			      bo->id, bo->task, f->ob.task);
		}
		lz_plan_notes_add(&r->t->notes, LZ_PART_OBLIGATION, st->obs.n - 1,
				  _("Kept from the base plan (basis: %s): check the task it serves."),
				  lz_basis_id(bo->basis));
	}
	size_t kept = 0;
	const found_ob *obs = st->obs.v;
	for (size_t k = 0; k < st->obs.n; k++)
		kept += obs[k].task == SIZE_MAX;
	if (kept)
		found(r, 0, _("%zu obligations set by party rules, local rules or practice are kept from the base plan; check the tasks they serve"),
		      kept);
}

/* ---- the plan ---- */

static void build(reader *r, layout *lay, lz_plan *p)
{
	lz_arena *a = &r->t->arena;
	const tsection *secs = lay->sections.v;
	const ttask *tasks = lay->tasks.v;
	lz_section *sections = lz_arena_alloc(a, lay->sections.n * sizeof *sections);
	for (size_t s = 0; s < lay->sections.n; s++)
		sections[s] = (lz_section){.number = secs[s].number, .title = secs[s].heading->rest,
					   .first_task = secs[s].first, .n_tasks = secs[s].n};
	lz_task *out = lz_arena_alloc(a, lay->tasks.n * sizeof *out);
	for (size_t i = 0; i < lay->tasks.n; i++) {
		const ttask *t = &tasks[i];
		const char *rest = t->heading->rest;
		const char *stop = strstr(rest, "。");
		lz_task *task = &out[i];
		task->number = t->number;
		task->section = t->section;
		if (stop) {
			task->title = lz_arena_strndup(a, rest, (size_t)(stop - rest));
			task->text = join(a, stop + strlen("。"), t->more, t->n_more);
		} else {
			task->title = rest;
			task->text = join(a, NULL, t->more, t->n_more);
			found(r, t->heading->no, _("task %d: no 。 in its first line; the line is its title and the paragraphs after it its text"),
			      t->number);
		}
		if (!*task->text)
			found(r, t->heading->no, _("task %d has no text after its title"), t->number);
	}
	p->sections = sections;
	p->n_sections = lay->sections.n;
	p->tasks = out;
	p->n_tasks = lay->tasks.n;

	obligations_state st = {.types = LZ_VEC(lz_meeting_type), .obs = LZ_VEC(found_ob)};
	for (size_t i = 0; i < r->base->n_meeting_types; i++)
		*(lz_meeting_type *)lz_vec_push(&st.types) = r->base->meeting_types[i];
	for (size_t i = 0; i < lay->tasks.n; i++) {
		const ttask *t = &tasks[i];
		char *words = lz_arena_printf(a, "%s。%s", out[i].title, out[i].text);
		roles(r, t, i, &out[i], words);
		find_obligations(r, &st, t->heading->rest, t->heading->no, &out[i], i);
		for (size_t m = 0; m < t->n_more; m++)
			find_obligations(r, &st, t->more[m]->text, t->more[m]->no, &out[i], i);
	}
	keep_base_obligations(r, &st, p);
	p->n_meeting_types = st.types.n;
	p->meeting_types = lz_vec_keep(&st.types, a);
	lz_obligation *obs = lz_arena_alloc(a, (st.obs.n + 1) * sizeof *obs);
	const found_ob *fo = st.obs.v;
	for (size_t i = 0; i < st.obs.n; i++) {
		obs[i] = fo[i].ob;
		if (fo[i].task != SIZE_MAX)
			lz_plan_notes_add(&r->t->notes, LZ_PART_OBLIGATION, i,
					  _("Found in task %d (line %d): %s"), obs[i].task, fo[i].line,
					  obs[i].note);
	}
	p->obligations = obs;
	p->n_obligations = st.obs.n;
	lz_vec_free(&st.obs);
}

lz_rc lz_plan_text_read(lz_plan_text *t, const char *name, const char *buf, size_t len,
			const lz_plan *base, const lz_plan_text_opts *opts, lz_diags *diags)
{
	*t = (lz_plan_text){0};
	lz_plan_notes_init(&t->notes, &t->arena);
	if (len > LZ_PLAN_TEXT_MAX_BYTES) {
		lz_diags_add(diags, name, 0, 0, _("file is larger than %zu bytes; refusing to read it"),
			     (size_t)LZ_PLAN_TEXT_MAX_BYTES);
		return LZ_EDATA;
	}
	if (lz_text_blank(buf, len)) {
		lz_diags_add(diags, name, 0, 0, _("the file is empty"));
		return LZ_EDATA;
	}
	char *text = decode(t, name, buf, len, diags);
	if (!text)
		return LZ_EDATA;
	reader r = {.t = t, .name = name, .base = base, .diags = diags,
		    .found = LZ_VEC(lz_plan_found)};
	r.lines = split_lines(&t->arena, text, &r.n_lines);
	layout lay = {.general = LZ_VEC(const line *), .sections = LZ_VEC(tsection),
		      .tasks = LZ_VEC(ttask)};
	lz_plan *p = &t->plan;
	*p = *base;
	p->general_requirement = NULL;
	bool ok = walk(&r, &lay) && heading(&r, &lay, opts, p);
	if (ok) {
		if (strcmp(t->encoding, "UTF-8") != 0)
			found(&r, 0, _("the text is %s; converted to UTF-8"), t->encoding);
		number(&r, &lay);
		build(&r, &lay, p);
		t->calendar_warning = lz_holidays_apply(opts->holidays, p->year, p, &t->notes);
		lz_plan_notes_add(&t->notes, LZ_PART_FILE, 0,
				  _("Read from %s by lianzheng plan import-text. The comments mark what was found in the text and what was taken from the base plan: check each, then run: lianzheng plan check FILE"),
				  name);
	}
	lz_vec_free(&lay.general);
	lz_vec_free(&lay.sections);
	lz_vec_free(&lay.tasks);
	/* In the order of the document, those about all of it first. */
	lz_plan_found *f = r.found.v;
	for (size_t i = 1; i < r.found.n; i++)
		for (size_t j = i; j > 0 && f[j - 1].line > f[j].line; j--) {
			lz_plan_found x = f[j];
			f[j] = f[j - 1];
			f[j - 1] = x;
		}
	t->n_found = r.found.n;
	t->found = lz_vec_keep(&r.found, &t->arena);
	if (!ok) {
		lz_plan_text_free(t);
		return LZ_EDATA;
	}
	return LZ_OK;
}

void lz_plan_text_free(lz_plan_text *t)
{
	lz_plan_notes_free(&t->notes);
	lz_arena_free(&t->arena);
	*t = (lz_plan_text){0};
}
