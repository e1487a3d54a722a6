/* The plan writer.  It prints YAML itself rather than through libyaml's
 * emitter: libyaml cannot place comments, and the layout (one flow mapping
 * per vocabulary entry, long texts quoted on one line) is the one people
 * read in the bundled plan.  What it must get right is quoting, so a text
 * is written plain only when it is certain to read back unchanged. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lz_plan_emit.h"
#include "lz_text.h"

void lz_plan_notes_init(lz_plan_notes *n, lz_arena *arena)
{
	*n = (lz_plan_notes){.arena = arena};
}

void lz_plan_notes_add(lz_plan_notes *n, lz_plan_part part, size_t index, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = lz_vformat(fmt, ap);
	va_end(ap);
	if (n->n == n->cap) {
		n->cap = n->cap ? 2 * n->cap : 16;
		n->v = realloc(n->v, n->cap * sizeof *n->v);
		if (!n->v)
			abort();
	}
	n->v[n->n++] = (lz_plan_note){part, index, lz_arena_strdup(n->arena, text)};
	free(text);
}

void lz_plan_notes_free(lz_plan_notes *n)
{
	free(n->v);
	n->v = NULL;
	n->n = n->cap = 0;
}

/* Characters a comment or a plain scalar must not hold: YAML takes the
 * first three for line breaks, and the reader refuses them in a file. */
static bool is_break_like(uint32_t cp)
{
	return cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static void comment(FILE *o, int indent, const char *text)
{
	size_t len = strlen(text);
	fprintf(o, "%*s# ", indent, "");
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = lz_utf8_decode(text + i, len - i, &cp);
		if (!n) {
			fputc('?', o);
			i++;
			continue;
		}
		if (cp == '\n')
			fprintf(o, "\n%*s# ", indent, "");
		else if (lz_cp_is_control(cp) || is_break_like(cp) || cp == 0xfeff)
			fputc(' ', o);
		else
			fwrite(text + i, 1, n, o);
		i += n;
	}
	fputc('\n', o);
}

static void notes_for(FILE *o, const lz_plan_notes *notes, lz_plan_part part, size_t index,
		      int indent)
{
	for (size_t i = 0; notes && i < notes->n; i++)
		if (notes->v[i].part == part && notes->v[i].index == index)
			comment(o, indent, notes->v[i].text);
}

/* Plain only when no reader could take it for anything but this text:
 * it starts with a character that is not ASCII (every YAML indicator,
 * number, date, bool and null is), and holds no ASCII other than letters,
 * digits and a few marks that mean nothing to YAML even in a flow
 * collection, no space at its end and no character YAML treats specially. */
static bool plain_safe(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || (unsigned char)s[0] < 0x80 || s[len - 1] == ' ')
		return false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = lz_utf8_decode(s + i, len - i, &cp);
		if (!n)
			return false;
		if (cp < 0x80) {
			bool ok = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
				  (cp >= '0' && cp <= '9') || strchr("-_./()", (int)cp) != NULL;
			if (!ok)
				return false;
		} else if (lz_cp_is_control(cp) || is_break_like(cp) || lz_cp_is_space(cp) ||
			   lz_char_trap_of(cp) != LZ_CHAR_PLAIN) {
			return false;
		}
		i += n;
	}
	return true;
}

static void quoted(FILE *o, const char *s)
{
	size_t len = strlen(s);
	fputc('"', o);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = lz_utf8_decode(s + i, len - i, &cp);
		if (!n) {
			/* Not UTF-8: the loader would refuse it anyway; keep the
			 * file readable and the byte visible. */
			fprintf(o, "\\x%02X", (unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			fprintf(o, "\\%c", (int)cp);
		else if (cp == '\n')
			fputs("\\n", o);
		else if (cp == '\t')
			fputs("\\t", o);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			fprintf(o, "\\x%02X", (unsigned)cp);
		else if (is_break_like(cp) || cp == 0xfeff)
			fprintf(o, "\\u%04X", (unsigned)cp);
		else
			fwrite(s + i, 1, n, o);
		i += n;
	}
	fputc('"', o);
}

static void text_value(FILE *o, const char *s)
{
	if (plain_safe(s))
		fputs(s, o);
	else
		quoted(o, s);
}

static void key_text(FILE *o, int indent, const char *key, const char *s)
{
	fprintf(o, "%*s%s: ", indent, "", key);
	text_value(o, s);
	fputc('\n', o);
}

/* Long texts are always quoted, as in the bundled plan, so a text that
 * starts a sentence with a digit or an indicator needs no second look. */
static void key_long_text(FILE *o, int indent, const char *key, const char *s)
{
	fprintf(o, "%*s%s: ", indent, "", key);
	quoted(o, s);
	fputc('\n', o);
}

static void day(FILE *o, lz_day d)
{
	char buf[LZ_DATE_STRLEN];
	lz_day_format(d, buf);
	fputs(buf, o);
}

static void calendar(FILE *o, const lz_plan *p, const lz_plan_notes *notes)
{
	notes_for(o, notes, LZ_PART_CALENDAR, 0, 0);
	if (!p->n_holidays && !p->n_workdays)
		return;
	fputs("calendar:\n", o);
	if (p->n_holidays) {
		fputs("  holidays:\n", o);
		for (size_t i = 0; i < p->n_holidays; i++) {
			fputs("    - {from: ", o);
			day(o, p->holidays[i].from);
			fputs(", to: ", o);
			day(o, p->holidays[i].to);
			fputs(", name: ", o);
			text_value(o, p->holidays[i].name);
			fputs("}\n", o);
		}
	}
	if (p->n_workdays) {
		fputs("  workdays:\n", o);
		for (size_t i = 0; i < p->n_workdays; i++) {
			fputs("    - ", o);
			day(o, p->workdays[i]);
			fputc('\n', o);
		}
	}
	fputc('\n', o);
}

static void named_entry(FILE *o, const char *id, const char *name)
{
	fprintf(o, "  - {id: %s, name: ", id);
	text_value(o, name);
}

static void vocabularies(FILE *o, const lz_plan *p, const lz_plan_notes *notes)
{
	notes_for(o, notes, LZ_PART_ROLES, 0, 0);
	fputs("roles:\n", o);
	for (size_t i = 0; i < p->n_roles; i++) {
		named_entry(o, p->roles[i].id, p->roles[i].name);
		fputs("}\n", o);
	}
	fputs("\nitem_statuses:\n", o);
	for (size_t i = 0; i < p->n_item_statuses; i++) {
		named_entry(o, p->item_statuses[i].id, p->item_statuses[i].name);
		fputs(p->item_statuses[i].closes ? ", closes: true}\n" : "}\n", o);
	}
	fputs("\nrisk_levels:\n", o);
	for (size_t i = 0; i < p->n_risk_levels; i++) {
		named_entry(o, p->risk_levels[i].id, p->risk_levels[i].name);
		fprintf(o, ", review_days: %d}\n", p->risk_levels[i].review_days);
	}
	fputc('\n', o);
}

/* The names the schema knows the fields by, bit by bit. */
static const char *const field_names[] = {
	"first_topic", "location", "host", "recorder", "end_time",
	"attendance", "topics", "decisions", "summary",
};

static void meeting_types(FILE *o, const lz_plan *p, const lz_plan_notes *notes)
{
	fputs("meeting_types:\n", o);
	for (size_t i = 0; i < p->n_meeting_types; i++) {
		const lz_meeting_type *t = &p->meeting_types[i];
		notes_for(o, notes, LZ_PART_MEETING_TYPE, i, 2);
		fprintf(o, "  - id: %s\n", t->id);
		key_text(o, 4, "name", t->name);
		if (t->symbol) {
			/* Quoted always: the usual symbols are plain-safe, but a
			 * symbol is one character and may be any. */
			fputs("    symbol: ", o);
			quoted(o, t->symbol);
			fputc('\n', o);
		}
		if (t->short_name)
			key_text(o, 4, "short", t->short_name);
		if (t->required_fields) {
			fputs("    required_fields: [", o);
			const char *sep = "";
			for (size_t f = 0; f < sizeof field_names / sizeof *field_names; f++)
				if (t->required_fields & (1u << f)) {
					fprintf(o, "%s%s", sep, field_names[f]);
					sep = ", ";
				}
			fputs("]\n", o);
		}
		if (t->has_quorum)
			fprintf(o, "    quorum: \"%s %d/%d\"\n", t->quorum.strict ? ">" : ">=",
				t->quorum.num, t->quorum.den);
	}
	fputc('\n', o);
}

static void sections(FILE *o, const lz_plan *p, const lz_plan_notes *notes)
{
	fputs("sections:\n", o);
	for (size_t s = 0; s < p->n_sections; s++) {
		const lz_section *sec = &p->sections[s];
		notes_for(o, notes, LZ_PART_SECTION, s, 2);
		fprintf(o, "  - number: %d\n", sec->number);
		key_text(o, 4, "title", sec->title);
		fputs("    tasks:\n", o);
		for (size_t i = sec->first_task; i < sec->first_task + sec->n_tasks; i++) {
			const lz_task *t = &p->tasks[i];
			notes_for(o, notes, LZ_PART_TASK, i, 6);
			fprintf(o, "      - number: %d\n", t->number);
			key_text(o, 8, "title", t->title);
			fputs("        roles: [", o);
			for (size_t r = 0; r < t->n_roles; r++)
				fprintf(o, "%s%s", r ? ", " : "", p->roles[t->roles[r]].id);
			fputs("]\n", o);
			key_long_text(o, 8, "text", t->text);
		}
	}
}

static void obligations(FILE *o, const lz_plan *p, const lz_plan_notes *notes)
{
	if (!p->n_obligations)
		return;
	fputs("\nobligations:\n", o);
	for (size_t i = 0; i < p->n_obligations; i++) {
		const lz_obligation *ob = &p->obligations[i];
		notes_for(o, notes, LZ_PART_OBLIGATION, i, 2);
		fprintf(o, "  - id: %s\n", ob->id);
		fprintf(o, "    meeting_type: %s\n", p->meeting_types[ob->meeting_type].id);
		fprintf(o, "    min: %d\n", ob->min);
		fprintf(o, "    per: %s\n", lz_period_kind_id(ob->per));
		fprintf(o, "    task: %d\n", ob->task);
		if (ob->n_warn_days) {
			fputs("    warn_days: [", o);
			for (size_t w = 0; w < ob->n_warn_days; w++)
				fprintf(o, "%s%d", w ? ", " : "", ob->warn_days[w]);
			fputs("]\n", o);
		}
		fprintf(o, "    basis: %s\n", lz_basis_id(ob->basis));
		if (ob->note)
			key_text(o, 4, "note", ob->note);
		if (ob->window_from)
			fprintf(o, "    window: %02d-%02d..%02d-%02d\n", ob->window_from / 100,
				ob->window_from % 100, ob->window_to / 100, ob->window_to % 100);
	}
}

bool lz_plan_emit(FILE *o, const lz_plan *p, const lz_plan_notes *notes)
{
	notes_for(o, notes, LZ_PART_FILE, 0, 0);
	fprintf(o, "format: %d\n", LZ_PLAN_FORMAT);
	notes_for(o, notes, LZ_PART_YEAR, 0, 0);
	fprintf(o, "year: %d\n", p->year);
	notes_for(o, notes, LZ_PART_ORGANIZATION, 0, 0);
	key_text(o, 0, "organization", p->organization);
	notes_for(o, notes, LZ_PART_TITLE, 0, 0);
	key_text(o, 0, "title", p->title);
	notes_for(o, notes, LZ_PART_GENERAL, 0, 0);
	if (p->general_requirement)
		key_long_text(o, 0, "general_requirement", p->general_requirement);
	fprintf(o, "late_entry_days: %d\n", p->late_entry_days);
	fprintf(o, "relay_days: %d\n\n", p->relay_days);
	calendar(o, p, notes);
	vocabularies(o, p, notes);
	meeting_types(o, p, notes);
	sections(o, p, notes);
	obligations(o, p, notes);
	return !ferror(o);
}
