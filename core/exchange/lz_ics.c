#include "lz_ics.h"

#include <stdlib.h>
#include <string.h>

#include "lz_text.h"

void lz_ics_init(lz_ics_writer *w, FILE *out)
{
	*w = (lz_ics_writer){.out = out};
}

void lz_ics_free(lz_ics_writer *w)
{
	free(w->line);
	*w = (lz_ics_writer){0};
}

static void put(lz_ics_writer *w, const char *s, size_t n)
{
	if (w->n + n + 1 > w->cap) {
		while (w->n + n + 1 > w->cap)
			w->cap = w->cap ? w->cap * 2 : 256;
		w->line = realloc(w->line, w->cap);
		if (!w->line)
			abort();
	}
	memcpy(w->line + w->n, s, n);
	w->n += n;
}

void lz_ics_fold(FILE *out, const char *line, size_t len)
{
	/* The first line holds 75 octets; a continuation line's leading
	 * space is one of its 75. */
	size_t room = LZ_ICS_LINE_OCTETS;
	while (len > room) {
		size_t cut = room;
		while (cut > 0 && ((unsigned char)line[cut] & 0xc0) == 0x80)
			cut--;
		if (cut == 0)
			cut = room;  /* not UTF-8 at all: any cut will do */
		fwrite(line, 1, cut, out);
		fputs("\r\n ", out);
		line += cut;
		len -= cut;
		room = LZ_ICS_LINE_OCTETS - 1;
	}
	fwrite(line, 1, len, out);
	fputs("\r\n", out);
}

static void start(lz_ics_writer *w, const char *name)
{
	w->n = 0;
	put(w, name, strlen(name));
	put(w, ":", 1);
}

static void finish(lz_ics_writer *w)
{
	lz_ics_fold(w->out, w->line, w->n);
}

void lz_ics_prop(lz_ics_writer *w, const char *name, const char *value)
{
	start(w, name);
	put(w, value, strlen(value));
	finish(w);
}

void lz_ics_text(lz_ics_writer *w, const char *name, const char *text)
{
	if (!text || !*text)
		return;
	start(w, name);
	size_t len = strlen(text);
	lz_glyph g;
	for (size_t i = 0; i < len; i += g.srclen) {
		char c = text[i];
		g.srclen = 1;
		if (c == '\\' || c == ';' || c == ',') {
			put(w, "\\", 1);
			put(w, &c, 1);
		} else if (c == '\n') {
			put(w, "\\n", 2);
		} else if (c == '\r' && i + 1 < len && text[i + 1] == '\n') {
			continue;  /* CRLF is one line break */
		} else {
			/* Controls become visible, bad bytes U+FFFD: the RFC
			 * allows neither in TEXT. */
			lz_glyph_next(text + i, len - i, &g);
			put(w, g.bytes, g.nbytes);
		}
	}
	finish(w);
}
