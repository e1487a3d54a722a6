/* The meeting calendar as iCalendar (RFC 5545) for phones and desktop
 * calendars.  A meeting's UID is made of its id and the time it was first
 * entered, so exporting again updates the same events (SEQUENCE follows
 * the record's version) and never collides with another database's.
 * Times are Beijing time, named Asia/Shanghai with its definition
 * included; a meeting without a time is an all-day event. */
#include "lz_export.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_ics.h"

typedef struct ics_ctx {
	const lz_plan *plan;
	lz_ics_writer w;
	lz_arena *arena;
	lz_progress *progress;
	size_t events;
} ics_ctx;

static void utc(int64_t t, char buf[17])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static void date_value(lz_day d, char buf[16])
{
	int y, m, day;
	lz_day_to_ymd(d, &y, &m, &day);
	snprintf(buf, 16, "%04d%02d%02d", y, m, day);
}

static void when(lz_ics_writer *w, const char *name, lz_day d, int minutes)
{
	char date[16], prop[64], value[32];
	date_value(d, date);
	if (minutes == LZ_NO_TIME) {
		snprintf(prop, sizeof prop, "%s;VALUE=DATE", name);
		lz_ics_prop(w, prop, date);
		return;
	}
	snprintf(prop, sizeof prop, "%s;TZID=Asia/Shanghai", name);
	snprintf(value, sizeof value, "%sT%02d%02d00", date, minutes / 60, minutes % 60);
	lz_ics_prop(w, prop, value);
}

static void describe_line(FILE *f, const char *label, const char *value)
{
	if (!*value)
		return;
	if (ftell(f) > 0)
		fputc('\n', f);
	char *line;
	if (asprintf(&line, _("%s: "), label) < 0)
		abort();
	fputs(line, f);
	fputs(value, f);
	free(line);
}

/* The event's description: a "label: value" line for each field the
 * meeting table marks for it, one for each entry of a list. */
static void describe(FILE *f, const lz_record *rec, const lz_plan *plan, lz_arena *arena)
{
	const lz_fieldtab *t = lz_fields_of(rec->kind);
	for (size_t i = 0; i < t->n; i++) {
		const lz_fielddef *fd = &t->v[i];
		if (!(fd->flags & LZ_FF_ICS))
			continue;
		const char *label = lz_field_label(fd);
		if (fd->type == LZ_FT_LINES) {
			const lz_strv *v = (const lz_strv *)((const char *)&rec->u + fd->offset);
			for (size_t k = 0; k < v->n; k++)
				describe_line(f, label, v->v[k]);
		} else {
			describe_line(f, label,
				      lz_field_format(fd, rec, plan, LZ_FSTYLE_SHOW, arena));
		}
	}
}

static bool write_event(const lz_record *rec, void *ctx)
{
	ics_ctx *x = ctx;
	const lz_meeting *m = &rec->u.meeting;
	if (m->status == LZ_MEETING_CANCELLED) {
		lz_arena_free(x->arena);
		return true;
	}
	lz_ics_writer *w = &x->w;
	char buf[96];
	lz_ics_prop(w, "BEGIN", "VEVENT");
	snprintf(buf, sizeof buf, "meeting-%llu-%lld@lianzheng", (unsigned long long)m->meta.id,
		 (long long)m->meta.created);
	lz_ics_prop(w, "UID", buf);
	utc(m->meta.updated, buf);
	lz_ics_prop(w, "DTSTAMP", buf);
	utc(m->meta.created, buf);
	lz_ics_prop(w, "CREATED", buf);
	utc(m->meta.updated, buf);
	lz_ics_prop(w, "LAST-MODIFIED", buf);
	snprintf(buf, sizeof buf, "%u", m->meta.version ? m->meta.version - 1 : 0);
	lz_ics_prop(w, "SEQUENCE", buf);
	when(w, "DTSTART", m->date, m->start);
	if (m->start == LZ_NO_TIME)
		when(w, "DTEND", m->date + 1, LZ_NO_TIME);
	else if (m->end != LZ_NO_TIME && m->end > m->start)
		when(w, "DTEND", m->date, m->end);
	lz_ics_text(w, "SUMMARY", m->title);
	lz_ics_text(w, "LOCATION", m->location);
	const lz_meeting_type *t = lz_plan_meeting_type(x->plan, m->type);
	lz_ics_text(w, "CATEGORIES", t ? t->name : m->type);
	lz_ics_prop(w, "STATUS", m->status == LZ_MEETING_HELD ? "CONFIRMED" : "TENTATIVE");
	char *desc = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&desc, &len);
	if (!f)
		abort();
	describe(f, rec, x->plan, x->arena);
	fclose(f);
	lz_ics_text(w, "DESCRIPTION", desc);
	free(desc);
	lz_ics_prop(w, "END", "VEVENT");
	x->events++;
	lz_progress_step(x->progress, 1);
	lz_arena_free(x->arena);
	return true;
}

lz_rc lz_export_ics(const lz_plan *plan, lz_store *store, lz_day from, lz_day to, FILE *out,
		    lz_progress *progress, size_t *events, lz_err *err)
{
	lz_arena arena = {0};
	ics_ctx x = {.plan = plan, .arena = &arena, .progress = progress};
	size_t total = 0;
	lz_rc rc = lz_store_count(store, LZ_KIND_MEETING, &total, err);
	if (rc != LZ_OK)
		return rc;
	lz_progress_start(progress, total);
	lz_ics_init(&x.w, out);
	lz_ics_prop(&x.w, "BEGIN", "VCALENDAR");
	lz_ics_prop(&x.w, "VERSION", "2.0");
	lz_ics_prop(&x.w, "PRODID", "-//lianzheng//lianzheng//ZH");
	lz_ics_prop(&x.w, "CALSCALE", "GREGORIAN");
	char *name;
	if (asprintf(&name, _("%s meetings"), plan->organization) < 0)
		abort();
	lz_ics_text(&x.w, "X-WR-CALNAME", name);
	free(name);
	lz_ics_prop(&x.w, "X-WR-TIMEZONE", "Asia/Shanghai");
	/* China keeps one offset all year (no summer time since 1991). */
	lz_ics_prop(&x.w, "BEGIN", "VTIMEZONE");
	lz_ics_prop(&x.w, "TZID", "Asia/Shanghai");
	lz_ics_prop(&x.w, "BEGIN", "STANDARD");
	lz_ics_prop(&x.w, "DTSTART", "19700101T000000");
	lz_ics_prop(&x.w, "TZOFFSETFROM", "+0800");
	lz_ics_prop(&x.w, "TZOFFSETTO", "+0800");
	lz_ics_prop(&x.w, "TZNAME", "CST");
	lz_ics_prop(&x.w, "END", "STANDARD");
	lz_ics_prop(&x.w, "END", "VTIMEZONE");
	rc = lz_store_meetings_between(store, from, to, &arena, write_event, &x, err);
	lz_ics_prop(&x.w, "END", "VCALENDAR");
	lz_ics_free(&x.w);
	lz_arena_free(&arena);
	*events = x.events;
	if (rc == LZ_OK && (fflush(out) != 0 || ferror(out)))
		rc = lz_err_set(err, LZ_EIO, _("cannot write the output"));
	return rc;
}
