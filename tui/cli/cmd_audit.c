/* Commands over the change log: history, log, audit verify, undo, backup
 * and restore. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_opts.h"
#include "cli_record.h"
#include "lz_attach.h"

#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_status.h"
#include "lz_record_text.h"
#include "lz_stored.h"
#include "lz_text.h"

static void time_str(int64_t t, char buf[20])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm)) {
		snprintf(buf, 20, "?");
		return;
	}
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* The change log's entries about record id (0: all), in order; what
 * stops the walk is printed. */
static lz_rc walk_log(lz_session *db, lz_id id, lz_log_fn fn, void *ctx)
{
	lz_arena arena = {0};
	lz_err err;
	lz_err_clear(&err);
	lz_rc rc = lz_store_log(db->store, id, 1, &arena, fn, ctx, &err);
	lz_arena_free(&arena);
	return rc == LZ_OK ? LZ_OK : cli_fail(&err);
}

static const char *entry_kind_name(lz_kind k)
{
	return k == LZ_LOG_KIND_PLAN ? "plan" : lz_kind_name(k);
}

static const char *entry_kind_label(lz_kind k)
{
	return k == LZ_LOG_KIND_PLAN ? _("plan") : lz_kind_label(k);
}

static const char *entry_title(const lz_log_entry *e, lz_arena *arena)
{
	/* A plan entry's id is its year (0: a plan of the older format). */
	if (e->kind == LZ_LOG_KIND_PLAN) {
		if (!e->id)
			return "";
		char *year = lz_arena_alloc(arena, 24);
		snprintf(year, 24, "%llu", (unsigned long long)e->id);
		return year;
	}
	lz_record *before, *after;
	lz_log_entry_records(e, arena, &before, &after);
	if (after)
		return lz_record_title(after, arena);
	if (before)
		return lz_record_title(before, arena);
	return "";
}

static void tsv_entry(const lz_log_entry *e, const char *title)
{
	char seq[24], id[24], undo[24], when[20], hash[LZ_LOG_HASH_HEX];
	snprintf(seq, sizeof seq, "%llu", (unsigned long long)e->seq);
	/* The id column stays 0 for a plan, as scripts know it; its year is
	 * the title. */
	snprintf(id, sizeof id, "%llu",
		 (unsigned long long)(e->kind == LZ_LOG_KIND_PLAN ? 0 : e->id));
	snprintf(undo, sizeof undo, "%llu", (unsigned long long)e->undo_of);
	time_str(e->time, when);
	lz_hash_hex(e->hash, hash);
	const char *row[] = {seq, when, e->user, lz_log_op_name(e->op), entry_kind_name(e->kind),
			     id, undo, hash, title};
	cli_tsv_row(stdout, row, 9);
}

/* "#12  2026-11-25 09:30:01  zhang  changed meeting 42" */
static void print_heading(const lz_log_entry *e, const char *title)
{
	char when[20];
	time_str(e->time, when);
	printf("#%llu  %s  ", (unsigned long long)e->seq, when);
	lz_text_print(stdout, e->user);
	if (e->kind == LZ_LOG_KIND_PLAN && e->id)
		printf("  %s %llu", lz_log_op_label(e->op), (unsigned long long)e->id);
	else if (e->kind == LZ_LOG_KIND_PLAN)
		printf("  %s", lz_log_op_label(e->op));
	else
		printf("  %s %s %llu", lz_log_op_label(e->op), entry_kind_label(e->kind),
		       (unsigned long long)e->id);
	if (e->undo_of)
		printf(_(" (undoing #%llu)"), (unsigned long long)e->undo_of);
	if (title && *title) {
		fputs("  ", stdout);
		lz_text_print(stdout, title);
	}
	putchar('\n');
}

static void print_value(const char *label, const char *value)
{
	printf("    ");
	lz_text_print_cell(stdout, label, 12, true);
	if (!strchr(value, '\n')) {
		lz_text_print(stdout, value);
		putchar('\n');
		return;
	}
	/* A multi-line value starts on its own line, indented. */
	putchar('\n');
	for (const char *p = value; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, n);
		if (!line)
			abort();
		printf("      ");
		lz_text_print(stdout, line);
		putchar('\n');
		free(line);
		p += n + (nl ? 1 : 0);
	}
}

/* ---- history ID ---- */

enum { H_TSV, H_SENSITIVE, H_COUNT };
static const cli_optdef history_opts[H_COUNT] = {[H_TSV] = {"tsv", false},
						 [H_SENSITIVE] = {"include-sensitive", false}};

typedef struct history_ctx {
	lz_session *db;
	bool tsv;
	bool sensitive;  /* --include-sensitive: sensitive values unmasked */
	size_t count;
} history_ctx;

/* A sensitive field's value (the discipline register's) as the change
 * log shows it unasked: masked, each line (lz_field_mask). */
static const char *shown(const history_ctx *h, const lz_change *c, const char *v,
			 lz_arena *arena)
{
	if (h->sensitive || !c->sensitive || !*v)
		return v;
	const char *out = "";
	for (const char *p = v; *p;) {
		size_t n = strcspn(p, "\n");
		const char *line = lz_field_mask(lz_arena_strndup(arena, p, n), arena);
		out = *out ? lz_arena_printf(arena, "%s\n%s", out, line) : line;
		p += n + (p[n] == '\n');
	}
	return out;
}

static bool show_history_entry(const lz_log_entry *e, void *ctx)
{
	history_ctx *h = ctx;
	lz_arena arena = {0};
	h->count++;
	if (h->tsv) {
		tsv_entry(e, entry_title(e, &arena));
		lz_arena_free(&arena);
		return true;
	}
	print_heading(e, NULL);
	lz_record *before, *after;
	lz_log_entry_records(e, &arena, &before, &after);
	lz_change *changes;
	size_t n = lz_record_changes(before, after, h->db->plan, &arena, &changes);
	for (size_t i = 0; i < n; i++) {
		const char *b = shown(h, &changes[i], changes[i].before, &arena);
		const char *a = shown(h, &changes[i], changes[i].after, &arena);
		if (before && after) {
			print_value(changes[i].label, *b ? b : "—");
			print_value("  →", *a ? a : "—");
		} else {
			print_value(changes[i].label, after ? a : b);
		}
	}
	lz_arena_free(&arena);
	return true;
}

static lz_rc history(lz_session *db, const cli_args *a)
{
	lz_rc rc = LZ_OK;
	history_ctx h = {.db = db, .tsv = cli_args_has(a, H_TSV),
			 .sensitive = cli_args_has(a, H_SENSITIVE)};
	lz_id id = 0;
	if (!cli_id(a->operands[0], &id))
		rc = LZ_EDATA;
	if (rc != LZ_OK)
		return rc;
	if ((rc = walk_log(db, id, show_history_entry, &h)) != LZ_OK)
		return rc;
	if (!h.count) {
		cli_error(_("there is no record with id %llu in the change log"), (unsigned long long)id);
		return LZ_EDATA;
	}
	return LZ_OK;
}

lz_rc cmd_history(cli *c, int argc, char **argv)
{
	static const cli_sub sub = {"history", history, history_opts, H_COUNT, 1, NULL,
				    "history ID [--tsv] [--include-sensitive]", NULL, NULL};
	return cli_run(c, &sub, argc, argv);
}

/* ---- log ---- */

enum { G_FROM, G_TO, G_TSV, G_COUNT };
static const cli_optdef log_opts[G_COUNT] = {
	[G_FROM] = {"from", true}, [G_TO] = {"to", true}, [G_TSV] = {"tsv", false}};

typedef struct log_ctx {
	lz_day from, to;
	bool tsv;
} log_ctx;

static bool set_log_opt(void *ctx, int index, const char *v)
{
	log_ctx *l = ctx;
	switch (index) {
	case G_FROM: return cli_day("--from", v, &l->from);
	case G_TO: return cli_day("--to", v, &l->to);
	case G_TSV: l->tsv = true; return true;
	}
	return false;
}

static bool show_log_entry(const lz_log_entry *e, void *ctx)
{
	log_ctx *l = ctx;
	lz_day day = lz_day_of_time(e->time);
	if (day < l->from || day > l->to)
		return true;
	lz_arena arena = {0};
	const char *title = entry_title(e, &arena);
	if (l->tsv)
		tsv_entry(e, title);
	else
		print_heading(e, title);
	lz_arena_free(&arena);
	return true;
}

static lz_rc log_list(lz_session *db, const cli_args *a)
{
	lz_rc rc = LZ_OK;
	log_ctx l = {.from = INT32_MIN + 1, .to = INT32_MAX};
	rc = cli_apply_opts(a, set_log_opt, &l);
	if (rc != LZ_OK)
		return rc;
	return walk_log(db, 0, show_log_entry, &l);
}

lz_rc cmd_log(cli *c, int argc, char **argv)
{
	static const cli_sub sub = {"log", log_list, log_opts, G_COUNT, 0, NULL,
				    "log [--from D] [--to D] [--tsv]", NULL, NULL};
	return cli_run(c, &sub, argc, argv);
}

/* ---- audit verify ---- */

/* The database is opened and read in a child process only: a damaged
 * file is reported, whatever LMDB runs into. */
static lz_rc audit_verify(cli *c)
{
	char dir[PATH_MAX];
	lz_audit a;
	lz_err err;
	lz_err_clear(&err);
	lz_rc rc = lz_store_resolve_dir(c->db_dir, dir, sizeof dir, &err);
	if (rc == LZ_OK)
		rc = lz_store_audit_dir(dir, &a, &err);
	if (rc != LZ_OK)
		return cli_fail(&err);
	if (!a.intact) {
		printf(_("audit FAILED: %s\n"), a.problem);
		/* Two counts, each in its own number. */
		char entries[96], records[96];
		snprintf(entries, sizeof entries,
			 dngettext(LZ_GETTEXT_PACKAGE, "%llu log entry", "%llu log entries", a.entries),
			 (unsigned long long)a.entries);
		snprintf(records, sizeof records,
			 dngettext(LZ_GETTEXT_PACKAGE, "%zu record", "%zu records", a.records), a.records);
		printf(_("(checked %s and %s before it)\n"), entries, records);
		return LZ_EDATA;
	}
	char hex[LZ_LOG_HASH_HEX];
	lz_hash_hex(a.head, hex);
	char entries[96], records[96];
	snprintf(entries, sizeof entries,
		 dngettext(LZ_GETTEXT_PACKAGE, "%llu log entry", "%llu log entries", a.entries),
		 (unsigned long long)a.entries);
	snprintf(records, sizeof records,
		 dngettext(LZ_GETTEXT_PACKAGE, "%zu record matches its history",
			   "%zu records match their history", a.records), a.records);
	printf(_("audit passed: %s, %s\n"), entries, records);
	printf(_("chain head: #%llu %s\n"), (unsigned long long)a.head_seq, hex);
	return LZ_OK;
}

lz_rc cmd_audit(cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error(_("%s needs a subcommand"), "audit");
	if (strcmp(argv[1], "verify") != 0)
		return cli_usage_error(_("unknown %s subcommand '%s'"), "audit", argv[1]);
	if (argc != 2)
		return cli_usage_error(_("usage: lianzheng %s"), "audit verify");
	lz_rc rc = audit_verify(c);
	return rc;
}

/* ---- undo ---- */

static lz_rc undo(lz_session *db, const cli_args *a)
{
	(void)a;
	lz_arena arena = {0};
	lz_log_entry e;
	lz_err err;
	lz_err_clear(&err);
	size_t changes;
	lz_rc rc = lz_store_undo(db->store, &arena, &e, &changes, &err);
	/* An undone plan change leaves the compiled plan behind; undo is a
	 * writer, so it stores the compiled form again and read commands
	 * after it never need to.  Only speed depends on it. */
	if (rc == LZ_OK) {
		lz_err cache_err;
		lz_err_clear(&cache_err);
		lz_session_reload_plan(db, NULL, &cache_err);
	}
	if (rc == LZ_OK && changes > 1)
		cli_changed(_("changes #%llu-#%llu were undone"), (unsigned long long)e.txn,
			    (unsigned long long)e.seq);
	else if (rc == LZ_OK)
		cli_changed(_("change #%llu was undone"), (unsigned long long)e.seq);
	if (rc == LZ_OK && changes > 1)
		printf(dngettext(LZ_GETTEXT_PACKAGE, "undid #%llu-#%llu: %zu change made together\n",
				 "undid #%llu-#%llu: %zu changes made together\n", changes),
		       (unsigned long long)e.txn, (unsigned long long)e.seq, changes);
	else if (rc == LZ_OK)
		printf(_("undid #%llu: %s %s %llu\n"), (unsigned long long)e.seq,
		       lz_log_op_label(e.op), entry_kind_label(e.kind), (unsigned long long)e.id);
	lz_arena_free(&arena);
	return rc == LZ_OK ? LZ_OK : cli_fail(&err);
}

lz_rc cmd_undo(cli *c, int argc, char **argv)
{
	static const cli_sub sub = {"undo", undo, NULL, 0, 0, NULL, "undo", NULL, NULL};
	return cli_run(c, &sub, argc, argv);
}

/* ---- backup FILE, restore FILE ---- */

/* A file the records name that the store has lost or that was altered
 * cannot be in a backup, nor come back with a restore: said, with where
 * to see which. */
static void evidence_warning(lz_session *db, const char *what)
{
	lz_evidence_tally t;
	lz_err err;
	lz_err_clear(&err);
	if (lz_session_verify_evidence(db, NULL, NULL, &t, &err) == LZ_OK && t.problems)
		cli_error(dngettext(LZ_GETTEXT_PACKAGE,
				    "warning: %s %zu evidence file the records name: it is missing or altered in the store (see lianzheng evidence verify)",
				    "warning: %s %zu evidence files the records name: they are missing or altered in the store (see lianzheng evidence verify)",
				    t.problems),
			  what, t.problems);
}

static lz_rc backup(lz_session *db, const cli_args *a)
{
	lz_err err;
	lz_err_clear(&err);
	uint64_t seq = 0;
	unsigned char head[LZ_LOG_HASH];
	lz_rc rc = lz_store_backup(db->store, a->operands[0], &err);
	if (rc == LZ_OK)
		cli_changed(_("the backup was written to %s"), a->operands[0]);
	if (rc == LZ_OK)
		rc = lz_store_log_head(db->store, &seq, head, &err);
	if (rc != LZ_OK)
		return cli_fail(&err);
	char hex[LZ_LOG_HASH_HEX];
	lz_hash_hex(head, hex);
	printf(_("backup written to %s (chain head at the time: #%llu %s)\n"), a->operands[0],
	       (unsigned long long)seq, hex);
	evidence_warning(db, _("the backup lacks"));
	return LZ_OK;
}

lz_rc cmd_backup(cli *c, int argc, char **argv)
{
	static const cli_sub sub = {"backup", backup, NULL, 0, 1, NULL, "backup FILE", NULL, NULL};
	return cli_run(c, &sub, argc, argv);
}

lz_rc cmd_restore(cli *c, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(_("usage: lianzheng restore FILE"));
	char dir[PATH_MAX], kept[PATH_MAX + 64];
	lz_err err;
	lz_err_clear(&err);
	/* The database is not opened: restore must find it unused. */
	lz_rc rc = lz_store_resolve_dir(c->db_dir, dir, sizeof dir, &err);
	if (rc == LZ_OK)
		rc = lz_store_restore(dir, argv[1], kept, sizeof kept, &err);
	if (rc != LZ_OK)
		return cli_fail(&err);
	if (*kept)
		cli_changed(_("%s was restored from %s (the database it replaced is kept as %s)"), dir,
			    argv[1], kept);
	else
		cli_changed(_("%s was restored from %s"), dir, argv[1]);
	printf(_("restored %s from %s\n"), dir, argv[1]);
	if (*kept)
		printf(_("the database it replaced is kept as %s\n"), kept);
	/* Only a database with an evidence store can name files it lacks. */
	char ev[PATH_MAX + 16];
	snprintf(ev, sizeof ev, "%s/%s", dir, LZ_EVIDENCE_DIR);
	lz_session db;
	c->db_dir = dir;
	if (access(ev, F_OK) == 0 && cli_db_open(c, &db) == LZ_OK) {
		evidence_warning(&db, _("the restored database lacks"));
		lz_session_close(&db);
	}
	return LZ_OK;
}
