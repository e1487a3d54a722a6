/* evidence add ID FILE... | list ID [--tsv] | open ID N | verify: the
 * files behind a record (佐证材料), kept in the evidence store. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_record.h"
#include "lz_attach.h"
#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_record_text.h"
#include "lz_text.h"

static void print_ref(const lz_record *r)
{
	printf("%s %llu", lz_kind_label(r->kind), (unsigned long long)r->u.meta.id);
}

/* ---- add ---- */

static lz_rc evidence_add(cli *c, int argc, char **argv)
{
	int first = 3;
	if (argc > 3 && strcmp(argv[3], "--") == 0)
		first = 4;
	lz_id id = 0;
	if (argc <= first)
		return cli_usage_error(_("usage: lianzheng %s"), "evidence add ID FILE...");
	for (int i = first; i < argc && first == 3; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage_error(_("unknown option '%s' (a file whose name starts with '-' goes after --)"),
					       argv[i]);
	if (!cli_id(argv[2], &id))
		return LZ_EDATA;
	lz_session db;
	lz_rc rc = cli_db_open(c, &db);
	if (rc != LZ_OK)
		return rc;
	size_t n = (size_t)(argc - first);
	lz_attached *res = calloc(n, sizeof *res);
	if (!res)
		abort();
	lz_arena arena = {0};
	lz_record rec;
	lz_err err;
	lz_err_clear(&err);
	uint32_t was = 0;
	rc = lz_session_find(&db, id, &arena, &rec, &err);
	if (rc == LZ_OK) {
		was = rec.u.meta.version;
		rc = lz_session_add_evidence(&db, id, (const char *const *)argv + first, n, &arena, &rec,
					     res, &err);
	}
	if (rc != LZ_OK)
		rc = cli_fail(&err);
	if (rc == LZ_OK && rec.u.meta.version != was)
		cli_changed(_("%s %llu was changed"), lz_kind_label(rec.kind), (unsigned long long)id);
	for (size_t i = 0; rc == LZ_OK && i < n; i++) {
		const lz_evidence *e = &rec.u.meta.evidence[res[i].index];
		if (res[i].how == LZ_ATTACH_LISTED) {
			lz_text_print(stdout, argv[first + (int)i]);
			printf(_(": already evidence %zu of "), res[i].index + 1);
			print_ref(&rec);
			printf(_("; not added again\n"));
			continue;
		}
		printf(_("added evidence %zu to "), res[i].index + 1);
		print_ref(&rec);
		printf(": ");
		lz_text_print(stdout, e->name);
		printf(" (%s, %s, sha256 %s)", e->type, lz_size_text(e->size, &arena), e->sha256);
		if (res[i].how == LZ_ATTACH_STORED)
			printf(_(" — the file was in the store already"));
		putchar('\n');
	}
	int year = rc == LZ_OK ? lz_record_year(&rec) : 0, ty, tm, td;
	lz_day_to_ymd(lz_day_today(), &ty, &tm, &td);
	/* A closed year's record may still gain its evidence: the change is
	 * logged like any other, and she is told where to see it. */
	if (rc == LZ_OK && rec.u.meta.version != was && year && year < ty)
		printf(_("note: %s %llu belongs to %d, a closed year; the addition is logged in its history (lianzheng history %llu)\n"),
		       lz_kind_label(rec.kind), (unsigned long long)id, year, (unsigned long long)id);
	free(res);
	lz_arena_free(&arena);
	lz_session_close(&db);
	return rc;
}

/* ---- list ---- */

static lz_rc load_any(lz_session *db, const char *arg, lz_arena *arena, lz_record *rec)
{
	lz_id id;
	if (!cli_id(arg, &id))
		return LZ_EDATA;
	lz_err err;
	lz_err_clear(&err);
	return lz_session_find(db, id, arena, rec, &err) == LZ_OK ? LZ_OK : cli_fail(&err);
}

static lz_rc evidence_list(lz_session *db, const cli_args *a)
{
	lz_arena arena = {0};
	lz_record rec;
	lz_rc rc = load_any(db, a->operands[0], &arena, &rec);
	if (rc != LZ_OK)
		return rc;
	cli_list l = {.db = db, .tsv = cli_args_has(a, 0)};
	const char *head[] = {"#", _("Name"), _("Type"), _("Size"), "SHA-256"};
	cli_list_begin(&l, head, 5);
	const lz_meta *m = &rec.u.meta;
	for (size_t i = 0; i < m->n_evidence; i++) {
		const lz_evidence *e = &m->evidence[i];
		char n[24], bytes[24];
		snprintf(n, sizeof n, "%zu", i + 1);
		snprintf(bytes, sizeof bytes, "%lld", (long long)e->size);
		const char *row[] = {n, e->name, e->type, l.tsv ? bytes : lz_size_text(e->size, &l.arena),
				     e->sha256};
		if (l.tsv)
			cli_tsv_row(stdout, row, 5);
		else
			table_add(&l.t, row);
		cli_list_next(&l);
	}
	if (!m->n_evidence && !l.tsv) {
		print_ref(&rec);
		printf(_(" has no evidence (lianzheng evidence add %llu FILE...)\n"),
		       (unsigned long long)m->id);
	}
	rc = cli_list_end(&l, LZ_OK, NULL);
	lz_arena_free(&arena);
	return rc;
}

/* ---- open ---- */

/* Runs argv (argv[0] looked up in PATH), or sh -c script with one
 * argument; its exit status, or -1 when it could not be run. */
static int run_wait(const char *const *argv)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A private copy under the file's own name, for the viewer: the stored
 * file is never handed to a program that could change it, and a viewer
 * knows the file by its extension. */
static bool private_copy(const char *from, const lz_evidence *e, char *dir, size_t dsize,
			 char *path, size_t psize)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, dsize, "%s/lianzheng-evidence-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return false;
	/* A name that could be a path (from a damaged record) is not used. */
	const char *name = e->name;
	if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		name = e->sha256;
	snprintf(path, psize, "%s/%s", dir, name);
	int in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	int out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0400);
	char hex[65];
	int64_t size;
	bool ok = in >= 0 && out >= 0 && lz_evidence_hash_fd(in, out, hex, &size, 0, NULL, 0, NULL);
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		ok = false;
	if (!ok) {
		unlink(path);
		rmdir(dir);
	}
	return ok;
}

static lz_rc evidence_open(lz_session *db, const cli_args *a)
{
	lz_arena arena = {0};
	lz_record rec;
	lz_rc rc = load_any(db, a->operands[0], &arena, &rec);
	int n = 0;
	if (rc == LZ_OK && !cli_int("N", a->operands[1], 1, INT32_MAX, &n))
		rc = LZ_EDATA;
	const lz_meta *m = &rec.u.meta;
	if (rc == LZ_OK && (size_t)n > m->n_evidence) {
		cli_error(dngettext(LZ_GETTEXT_PACKAGE, "%s %llu has %zu evidence file, not %d",
				    "%s %llu has %zu evidence files, not %d", m->n_evidence),
			  lz_kind_label(rec.kind), (unsigned long long)m->id, m->n_evidence, n);
		rc = LZ_EDATA;
	}
	if (rc != LZ_OK) {
		lz_arena_free(&arena);
		return rc;
	}
	const lz_evidence *e = &m->evidence[n - 1];
	lz_evidence_state st = lz_evidence_check(db->dir, e);
	char stored[PATH_MAX + 80], dir[PATH_MAX], path[PATH_MAX + 1100];
	lz_evidence_path(db->dir, e->sha256, stored, sizeof stored);
	if (st != LZ_EVIDENCE_INTACT) {
		cli_error(_("%s %llu, evidence %d (%s, sha256 %s): %s"), lz_kind_label(rec.kind),
			  (unsigned long long)m->id, n, e->name, e->sha256, lz_evidence_state_text(st));
		rc = LZ_EDATA;
	} else if (!private_copy(stored, e, dir, sizeof dir, path, sizeof path)) {
		cli_error(_("cannot copy %s for viewing: %s"), e->name, strerror(errno));
		rc = LZ_EIO;
	}
	if (rc != LZ_OK) {
		lz_arena_free(&arena);
		return rc;
	}
	const char *display = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
	bool desktop = (display && *display) || (wayland && *wayland);
	bool text = strncmp(e->type, "text/", 5) == 0;
	if (desktop) {
		/* The viewer may read the copy after xdg-open returns: it stays. */
		const char *argv[] = {"xdg-open", path, NULL};
		int status = run_wait(argv);
		if (status != 0) {
			cli_error(_("xdg-open could not open %s (exit status %d); a copy is at %s"), e->name,
				  status, path);
			rc = LZ_EIO;
		}
	} else if (text) {
		const char *pager = getenv("PAGER");
		const char *argv[] = {"/bin/sh", "-c", "exec $0 \"$1\"",
				      pager && *pager ? pager : "less", path, NULL};
		int status = run_wait(argv);
		unlink(path);
		rmdir(dir);
		if (status != 0) {
			cli_error(_("the pager could not show %s (exit status %d)"), e->name, status);
			rc = LZ_EIO;
		}
	} else {
		cli_error(_("there is no display to show %s (%s) on; a copy is at %s"), e->name, e->type,
			  path);
		rc = LZ_EIO;
	}
	lz_arena_free(&arena);
	return rc;
}

/* ---- verify ---- */

static void print_problem(const lz_record *r, size_t i, lz_evidence_state st, void *ctx)
{
	(void)ctx;
	const lz_evidence *e = &r->u.meta.evidence[i];
	print_ref(r);
	printf(_(", evidence %zu: "), i + 1);
	lz_text_print(stdout, e->name);
	printf(" (sha256 %s): %s\n", e->sha256, lz_evidence_state_text(st));
}

static lz_rc evidence_verify(lz_session *db, const cli_args *a)
{
	(void)a;
	lz_evidence_tally t;
	lz_err err;
	lz_err_clear(&err);
	if (lz_session_verify_evidence(db, print_problem, NULL, &t, &err) != LZ_OK)
		return cli_fail(&err);
	char files[96], records[96];
	snprintf(files, sizeof files,
		 dngettext(LZ_GETTEXT_PACKAGE, "%zu evidence file", "%zu evidence files", t.files),
		 t.files);
	snprintf(records, sizeof records,
		 dngettext(LZ_GETTEXT_PACKAGE, "%zu record", "%zu records", t.records), t.records);
	if (t.problems) {
		printf(dngettext(LZ_GETTEXT_PACKAGE, "evidence verify FAILED: %zu problem in %s of %s\n",
				 "evidence verify FAILED: %zu problems in %s of %s\n", t.problems),
		       t.problems, files, records);
		return LZ_EDATA;
	}
	printf(_("evidence verify passed: %s of %s, each as it was added\n"), files, records);
	return LZ_OK;
}

lz_rc cmd_evidence(cli *c, int argc, char **argv)
{
	static const cli_optdef list_opts[] = {{"tsv", false}};
	static const cli_sub subs[] = {
		{"list", evidence_list, list_opts, 1, 1, NULL, "evidence list ID [--tsv]", NULL, NULL},
		{"open", evidence_open, NULL, 0, 2, NULL, "evidence open ID N", NULL, NULL},
		{"verify", evidence_verify, NULL, 0, 0, NULL, "evidence verify", NULL, NULL},
	};
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return evidence_add(c, argc, argv);
	return cli_dispatch(c, "evidence", subs, sizeof subs / sizeof *subs, argc, argv);
}
