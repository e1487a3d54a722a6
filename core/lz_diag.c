#include "lz_diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lz_i18n.h"

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
	char *message = NULL;
	if (vasprintf(&message, fmt, ap) < 0)
		abort();
	va_end(ap);
	lz_diag *item = &d->items[d->count++];
	item->file = strdup(file ? file : "");
	if (!item->file)
		abort();
	item->line = line;
	item->col = col;
	item->message = message;
}

void lz_diags_print(const lz_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const lz_diag *g = &d->items[i];
		if (g->line > 0)
			fprintf(out, "%s:%d:%d: %s\n", g->file, g->line, g->col,
				g->message);
		else
			fprintf(out, "%s: %s\n", g->file, g->message);
	}
	if (d->dropped)
		fprintf(out, _("%zu more errors not shown\n"), d->dropped);
}
