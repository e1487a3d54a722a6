#include "lz_diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"
#include "lz_text.h"

void lz_diags_init(lz_diags *d)
{
	memset(d, 0, sizeof *d);
}

void lz_diags_free(lz_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	lz_diags_init(d);
}

int lz_diags_full(const lz_diags *d)
{
	return d->count >= LZ_DIAG_LIMIT;
}

void lz_diags_add(lz_diags *d, const char *file, int line, int col,
		  const char *fmt, ...)
{
	if (lz_diags_full(d)) {
		d->dropped++;
		return;
	}
	if (d->count == d->capacity) {
		size_t cap = d->capacity ? d->capacity * 2 : 8;
		lz_diag *items = realloc(d->items, cap * sizeof *items);
		if (!items)
			abort();
		d->items = items;
		d->capacity = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	char *message = lz_vformat(fmt, ap);
	va_end(ap);
	lz_diag *item = &d->items[d->count++];
	item->file = strdup(file ? file : "");
	if (!item->file)
		abort();
	item->line = line;
	item->col = col;
	item->message = message;
}

/* Messages quote values from the file: they are printed sanitised, so a
 * value cannot forge a second message line or reach the terminal as an
 * escape sequence. */
void lz_diags_print(const lz_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const lz_diag *g = &d->items[i];
		lz_text_print(out, g->file);
		if (g->line > 0)
			fprintf(out, ":%d", g->line);
		if (g->line > 0 && g->col > 0)
			fprintf(out, ":%d", g->col);
		fputs(": ", out);
		lz_text_print(out, g->message);
		fputc('\n', out);
	}
	if (d->dropped) {
		if (d->count) {
			lz_text_print(out, d->items[0].file);
			fputs(": ", out);
		}
		fprintf(out, dngettext(LZ_GETTEXT_PACKAGE, "%zu more error not shown\n", "%zu more errors not shown\n", d->dropped), d->dropped);
	}
}

typedef struct tagged_diag {
	lz_diag g;
	size_t seq;  /* order found, to keep the sort stable */
} tagged_diag;

static int by_position(const void *a, const void *b)
{
	const tagged_diag *x = a, *y = b;
	if (x->g.line != y->g.line)
		return x->g.line < y->g.line ? -1 : 1;
	if (x->g.col != y->g.col)
		return x->g.col < y->g.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void lz_diags_sort(lz_diags *d, size_t from)
{
	if (from >= d->count)
		return;
	size_t n = d->count - from;
	tagged_diag *t = malloc(n * sizeof *t);
	if (!t)
		abort();
	for (size_t i = 0; i < n; i++)
		t[i] = (tagged_diag){d->items[from + i], i};
	qsort(t, n, sizeof *t, by_position);
	for (size_t i = 0; i < n; i++)
		d->items[from + i] = t[i].g;
	free(t);
}
