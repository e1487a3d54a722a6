/* The YAML reader: the only code that calls libyaml.  It pulls events and
 * builds a small tree with positions, refusing what a plan never needs and
 * a hostile file could abuse (anchors and aliases, tags, deep nesting). */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "lz_i18n.h"
#include "lz_plan_load.h"
#include "lz_text.h"
#include "plan_tree.h"

typedef struct frame {
	ynode *node;
	ynode **kids;
	size_t n, cap;
} frame;

typedef struct reader {
	lz_arena *arena;
	const char *name;
	const char *buf;
	size_t len;
	lz_diags *diags;
	frame stack[LZ_PLAN_MAX_DEPTH + 1];
	int depth;
	ynode *root;
} reader;

/* Line and character column of a byte offset, both 1-based. */
static void position_of(const char *buf, size_t len, size_t offset, int *line,
			int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < offset && i < len;) {
		if (buf[i] == '\n') {
			l++;
			c = 1;
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = lz_utf8_decode(buf + i, len - i, &cp);
		i += n ? n : 1;
		c++;
	}
	*line = l;
	*col = c;
}

/* YAML counts U+0085, U+2028 and U+2029 as line breaks and we count only
 * "\n": refusing them keeps every reported line number right. */
static bool find_line_separator(const char *buf, size_t len, size_t *at)
{
	for (size_t i = 0; i + 1 < len; i++) {
		const unsigned char *b = (const unsigned char *)buf + i;
		if ((b[0] == 0xc2 && b[1] == 0x85) ||
		    (i + 2 < len && b[0] == 0xe2 && b[1] == 0x80 && (b[2] == 0xa8 || b[2] == 0xa9))) {
			*at = i;
			return true;
		}
	}
	return false;
}

/* Byte at a 1-based line and character column, or -1. */
static int byte_at(const char *buf, size_t len, int line, int col)
{
	size_t i = 0;
	for (int l = 1; l < line && i < len; i++)
		if (buf[i] == '\n')
			l++;
	for (int c = 1; c < col && i < len; c++) {
		uint32_t cp;
		size_t n = lz_utf8_decode(buf + i, len - i, &cp);
		i += n ? n : 1;
	}
	return i < len ? (unsigned char)buf[i] : -1;
}

static void push_kid(frame *f, ynode *kid)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		ynode **kids = realloc(f->kids, cap * sizeof *kids);
		if (!kids)
			abort();
		f->kids = kids;
		f->cap = cap;
	}
	f->kids[f->n++] = kid;
}

static ynode *new_node(reader *r, ynode_kind kind, yaml_mark_t mark)
{
	ynode *n = lz_arena_alloc(r->arena, sizeof *n);
	n->kind = kind;
	n->line = (int)mark.line + 1;
	n->col = (int)mark.column + 1;
	return n;
}

static bool attach(reader *r, ynode *node)
{
	if (r->depth == 0) {
		r->root = node;
		return true;
	}
	push_kid(&r->stack[r->depth - 1], node);
	return true;
}

static bool refuse_decorations(reader *r, const yaml_event_t *ev,
			       const yaml_char_t *anchor, const yaml_char_t *tag,
			       bool tag_implicit)
{
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
	if (anchor) {
		lz_diags_add(r->diags, r->name, line, col,
			     _("YAML anchors (&%s) are not allowed in a plan"),
			     (const char *)anchor);
		return false;
	}
	if (tag && !tag_implicit) {
		lz_diags_add(r->diags, r->name, line, col,
			     _("YAML tags (%s) are not allowed in a plan"),
			     (const char *)tag);
		return false;
	}
	return true;
}

static bool open_container(reader *r, const yaml_event_t *ev, ynode_kind kind)
{
	if (r->depth >= LZ_PLAN_MAX_DEPTH) {
		lz_diags_add(r->diags, r->name, (int)ev->start_mark.line + 1,
			     (int)ev->start_mark.column + 1,
			     _("nesting deeper than %d levels"), LZ_PLAN_MAX_DEPTH);
		return false;
	}
	ynode *node = new_node(r, kind, ev->start_mark);
	frame *f = &r->stack[r->depth++];
	memset(f, 0, sizeof *f);
	f->node = node;
	return true;
}

static void close_container(reader *r)
{
	frame *f = &r->stack[--r->depth];
	ynode *node = f->node;
	node->n = f->n;
	if (f->n) {
		node->kids = lz_arena_alloc(r->arena, f->n * sizeof *node->kids);
		memcpy(node->kids, f->kids, f->n * sizeof *node->kids);
	}
	free(f->kids);
	f->kids = NULL;
	attach(r, node);
}

static void report_parser_error(reader *r, const yaml_parser_t *p)
{
	int line, col;
	const char *problem = p->problem ? p->problem : "syntax error";
	if (p->error == YAML_READER_ERROR) {
		position_of(r->buf, r->len, p->problem_offset, &line, &col);
		if (p->problem_value >= 0)
			lz_diags_add(r->diags, r->name, line, col,
				     _("%s (character #%X)"), problem,
				     (unsigned)p->problem_value);
		else
			lz_diags_add(r->diags, r->name, line, col, "%s", problem);
		return;
	}
	line = (int)p->problem_mark.line + 1;
	col = (int)p->problem_mark.column + 1;
	/* A quote or bracket never closed is only noticed at the end of the
	 * file; the place it was opened is the useful one. */
	if (p->context && p->problem && strstr(p->problem, "end of stream")) {
		int cl = (int)p->context_mark.line + 1, cc = (int)p->context_mark.column + 1;
		if (strstr(p->context, "quoted scalar"))
			lz_diags_add(r->diags, r->name, cl, cc,
				     _("this quoted text is never closed"));
		else
			lz_diags_add(r->diags, r->name, cl, cc,
				     _("%s %s: it is never closed"), problem, p->context);
		return;
	}
	if (byte_at(r->buf, r->len, line, col) == '\t') {
		lz_diags_add(r->diags, r->name, line, col,
			     _("tab character: indent YAML with spaces"));
		return;
	}
	if (p->context)
		lz_diags_add(r->diags, r->name, line, col, "%s %s", problem,
			     p->context);
	else
		lz_diags_add(r->diags, r->name, line, col, "%s", problem);
}

/* Handles one event; false stops the parse. */
static bool handle_event(reader *r, const yaml_event_t *ev, int *documents)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*documents > 1) {
			lz_diags_add(r->diags, r->name,
				     (int)ev->start_mark.line + 1,
				     (int)ev->start_mark.column + 1,
				     _("a plan file holds one YAML document; found a second"));
			return false;
		}
		return true;
	case YAML_ALIAS_EVENT:
		lz_diags_add(r->diags, r->name, (int)ev->start_mark.line + 1,
			     (int)ev->start_mark.column + 1,
			     _("YAML aliases (*%s) are not allowed in a plan"),
			     (const char *)ev->data.alias.anchor);
		return false;
	case YAML_SCALAR_EVENT: {
		if (!refuse_decorations(r, ev, ev->data.scalar.anchor,
					ev->data.scalar.tag,
					ev->data.scalar.plain_implicit ||
						ev->data.scalar.quoted_implicit))
			return false;
		ynode *node = new_node(r, Y_SCALAR, ev->start_mark);
		node->len = ev->data.scalar.length;
		/* A "\0" escape would let a value compare equal to a shorter
		 * one; no plan value needs it. */
		if (memchr(ev->data.scalar.value, '\0', node->len)) {
			lz_diags_add(r->diags, r->name, node->line, node->col,
				     _("a NUL character (\\0) is not allowed in a plan"));
			return false;
		}
		node->str = lz_arena_strndup(r->arena,
					     (const char *)ev->data.scalar.value,
					     node->len);
		node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return attach(r, node);
	}
	case YAML_SEQUENCE_START_EVENT:
		if (!refuse_decorations(r, ev, ev->data.sequence_start.anchor,
					ev->data.sequence_start.tag,
					ev->data.sequence_start.implicit))
			return false;
		return open_container(r, ev, Y_SEQ);
	case YAML_MAPPING_START_EVENT:
		if (!refuse_decorations(r, ev, ev->data.mapping_start.anchor,
					ev->data.mapping_start.tag,
					ev->data.mapping_start.implicit))
			return false;
		return open_container(r, ev, Y_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_container(r);
		return true;
	default:
		return true;
	}
}

ynode *plan_yaml_parse(lz_arena *arena, const char *name, const char *buf,
		       size_t len, const char *empty, lz_diags *diags)
{
	reader r = {.arena = arena, .name = name, .buf = buf, .len = len,
		    .diags = diags};

	size_t bad;
	if (!lz_utf8_valid(buf, len, &bad)) {
		int line, col;
		position_of(buf, len, bad, &line, &col);
		lz_diags_add(diags, name, line, col,
			     _("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"),
			     (unsigned char)buf[bad]);
		return NULL;
	}
	if (find_line_separator(buf, len, &bad)) {
		int line, col;
		position_of(buf, len, bad, &line, &col);
		lz_diags_add(diags, name, line, col,
			     _("a Unicode line or paragraph separator is not allowed; use an ordinary line break"));
		return NULL;
	}

	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		abort();
	/* The encoding is left to libyaml's detection so a byte order mark
	 * (Windows editors write one) is skipped; the check above already
	 * refused anything that is not UTF-8. */
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	bool ok = true, done = false;
	int documents = 0;
	while (ok && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&r, &parser);
			ok = false;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		ok = handle_event(&r, &ev, &documents);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);

	while (r.depth > 0)
		free(r.stack[--r.depth].kids);
	if (!ok)
		return NULL;
	if (!r.root) {
		lz_diags_add(diags, name, 1, 1, "%s", empty);
		return NULL;
	}
	return r.root;
}
