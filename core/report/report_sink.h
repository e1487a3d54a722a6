/* What a report format implements: the ledger is told as a document of
 * headings, paragraphs, "label: value" lines and tables, and each format
 * renders these, escaping every text for itself.  Only report*.c use it. */
#ifndef LZ_REPORT_SINK_H
#define LZ_REPORT_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
	RCOL_LONG = 1 << 0,  /* free text, wrapped where a format has to */
	RCOL_NUM = 1 << 1,   /* a number, right-aligned */
};

typedef struct report_col {
	const char *label;
	unsigned flags;
} report_col;

typedef struct report_sink report_sink;

typedef struct report_sink_ops {
	/* title, then the lines under it (the plan, the date). */
	void (*begin)(report_sink *s, const char *title, const char *const *lines, size_t n);
	/* level 1: the ledger's parts; 2: a plan section; 3: a task or an
	 * obligation. */
	void (*heading)(report_sink *s, int level, const char *text);
	/* Body text; newlines end paragraphs. */
	void (*paragraph)(report_sink *s, const char *text);
	void (*field)(report_sink *s, const char *label, const char *value);
	/* A remark in smaller print (a legend, "none recorded"). */
	void (*note)(report_sink *s, const char *text);
	void (*table)(report_sink *s, const report_col *cols, size_t n);
	/* One row of the current table's n cells; a NULL cell continues the
	 * cell above it (a period's later meetings).  alert: the row is late. */
	void (*row)(report_sink *s, const char *const *cells, bool alert);
	void (*table_end)(report_sink *s);
	void (*end)(report_sink *s);
} report_sink_ops;

struct report_sink {
	const report_sink_ops *ops;
	FILE *out;
	const report_col *cols;  /* the current table's, set before ops->table */
	size_t ncols;
	void *priv;  /* the format's own state, from begin to end */
};

extern const report_sink_ops report_html_ops;
extern const report_sink_ops report_md_ops;
extern const report_sink_ops report_txt_ops;

#endif
