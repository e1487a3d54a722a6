/* iCalendar (RFC 5545) content lines: TEXT values escaped (backslash,
 * semicolon, comma, newline), control characters and bytes that are not
 * UTF-8 replaced by visible forms, and every line folded at 75 octets
 * without splitting a UTF-8 character, ended by CRLF. */
#ifndef LZ_ICS_H
#define LZ_ICS_H

#include <stddef.h>
#include <stdio.h>

#define LZ_ICS_LINE_OCTETS 75

typedef struct lz_ics_writer {
	FILE *out;
	char *line;  /* the content line being built */
	size_t n, cap;
} lz_ics_writer;

void lz_ics_init(lz_ics_writer *w, FILE *out);
void lz_ics_free(lz_ics_writer *w);
/* NAME:VALUE with value written as it is (dates, ids, enumerations);
 * name may carry parameters ("DTSTART;TZID=Asia/Shanghai"). */
void lz_ics_prop(lz_ics_writer *w, const char *name, const char *value);
/* NAME:TEXT with text escaped as a TEXT value; nothing for NULL or "". */
void lz_ics_text(lz_ics_writer *w, const char *name, const char *text);

/* Writes one unfolded content line of len octets, folded, with CRLF. */
void lz_ics_fold(FILE *out, const char *line, size_t len);

#endif
