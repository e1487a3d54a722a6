/* A full-screen, scrollable page of text lines for reading what does not
 * fit a pane: a record's history.  Lines are wrapped by display width at
 * draw time, so a resize re-flows them. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "lz_attach.h"
#include "lz_fields.h"
#include "lz_i18n.h"
#include "lz_paths.h"
#include "lz_record_text.h"
#include "lz_text.h"
#include "ui.h"

/* One screen row: a piece of a source line. */
typedef struct row {
	const char *text;
	size_t len;
	int indent;
	ui_style style;
} row;

static size_t layout(const ui_line *lines, size_t n, int width, row **out)
{
	size_t cap = n + 16, count = 0;
	row *rows = malloc(cap * sizeof *rows);
	if (!rows)
		abort();
	for (size_t i = 0; i < n; i++) {
		const char *s = lines[i].text ? lines[i].text : "";
		int w = width - lines[i].indent;
		if (w < 4)
			w = 4;
		do {
			const char *nl = strchr(s, '\n');
			size_t len = nl ? (size_t)(nl - s) : strlen(s), off = 0;
			do {
				size_t fit = len ? lz_text_line_break(s + off, len - off, w) : 0;
				if (count == cap) {
					cap *= 2;
					rows = realloc(rows, cap * sizeof *rows);
					if (!rows)
						abort();
				}
				rows[count++] = (row){s + off, fit, lines[i].indent, lines[i].style};
				off += fit;
			} while (off < len);
			s += len + (nl ? 1 : 0);
		} while (*s);
	}
	*out = rows;
	return count;
}

void ui_view_lines(ui_app *app, const char *title, const ui_line *lines, size_t n)
{
	ui_view_lines_with(app, title, lines, n, NULL, NULL);
}

ui_action ui_view_lines_with(ui_app *app, const char *title, const ui_line *lines, size_t n,
			     const char *note, const char *add)
{
	(void)app;
	size_t top = 0;
	for (;;) {
		int rows_on_screen, cols;
		getmaxyx(stdscr, rows_on_screen, cols);
		row *rows;
		size_t count = layout(lines, n, cols - 2, &rows);
		size_t visible = rows_on_screen > 4 ? (size_t)rows_on_screen - 3 - (note != NULL) : 1;
		if (top + visible > count)
			top = count > visible ? count - visible : 0;
		erase();
		ui_fill(stdscr, 0, 0, cols, S_TITLE);
		ui_put(stdscr, 0, 1, title, cols - 2, S_TITLE);
		for (size_t i = top; i < count && i - top < visible; i++)
			ui_putn(stdscr, (int)(i - top) + 2, 1 + rows[i].indent, rows[i].text, rows[i].len,
				cols - 2 - rows[i].indent, rows[i].style);
		if (note)
			ui_put(stdscr, rows_on_screen - 2, 1, note, cols - 2, S_WARN);
		ui_fill(stdscr, rows_on_screen - 1, 0, cols, S_KEYBAR);
		const char *bar = _("Esc close   ↑ ↓ PgUp PgDn scroll");
		char with_add[256];
		if (add) {
			snprintf(with_add, sizeof with_add, "%s   a %s", bar, add);
			bar = with_add;
		}
		ui_put(stdscr, rows_on_screen - 1, 1, bar, cols - 2, S_KEYBAR);
		free(rows);
		refresh();
		wint_t key;
		int rc;
		if (!ui_wait_key(&rc, &key))
			return ACT_QUIT;
		ui_action act = ui_key_action(rc, key);
		switch (act) {
		case ACT_DOWN: if (top + visible < count) top++; break;
		case ACT_UP: if (top > 0) top--; break;
		case ACT_PAGE_DOWN: top += visible; break;
		case ACT_PAGE_UP: top = top > visible ? top - visible : 0; break;
		case ACT_HOME: top = 0; break;
		case ACT_END: top = count; break;
		case ACT_ESCAPE:
		case ACT_QUIT:
		case ACT_ENTER:
			return act;
		case ACT_ADD:
			if (add)
				return act;
			break;
		default: break;
		}
	}
}

/* A path as people type or drop it into a terminal: spaces around it,
 * quotes around it (a file manager's drag and drop), ~/ for the home
 * folder; in arena. */
static const char *typed_path(const char *s, lz_arena *a)
{
	size_t n = strlen(s);
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0])
		s++, n -= 2;
	const char *home = getenv("HOME");
	if (n >= 2 && s[0] == '~' && s[1] == '/' && home && *home)
		return lz_arena_printf(a, "%s%.*s", home, (int)(n - 1), s + 1);
	return lz_arena_strndup(a, s, n);
}

/* The files a scan or a photo is likely to be among, newest first: the
 * documents folder, the downloads and the desktop (their Chinese names
 * on a Chinese desktop); F5 lists them in the prompt.  In arena. */
typedef struct recent_file {
	const char *path;
	time_t mtime;
} recent_file;

static int newest_first(const void *a, const void *b)
{
	const recent_file *x = a, *y = b;
	return x->mtime != y->mtime ? (x->mtime < y->mtime ? 1 : -1) : strcmp(x->path, y->path);
}

static size_t recent_files(lz_arena *a, const char ***out)
{
	enum { MOST = 200 };
	const char *home = getenv("HOME");
	char docs[4096];
	lz_documents_dir(docs, sizeof docs);
	const char *dirs[6] = {docs};
	size_t n_dirs = 1;
	static const char *const under_home[] = {"下载", "Downloads", "桌面", "Desktop", "文档"};
	for (size_t i = 0; home && *home && i < sizeof under_home / sizeof *under_home && n_dirs < 6; i++)
		dirs[n_dirs++] = lz_arena_printf(a, "%s/%s", home, under_home[i]);
	recent_file *files = lz_arena_alloc(a, MOST * sizeof *files);
	size_t n = 0;
	for (size_t d = 0; d < n_dirs; d++) {
		bool seen = false;
		for (size_t e = 0; e < d; e++)
			seen |= strcmp(dirs[e], dirs[d]) == 0;
		DIR *dir = seen ? NULL : opendir(dirs[d]);
		for (struct dirent *de; dir && (de = readdir(dir));) {
			struct stat st;
			if (de->d_name[0] == '.')
				continue;
			const char *path = lz_arena_printf(a, "%s/%s", dirs[d], de->d_name);
			if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
				continue;
			recent_file f = {path, st.st_mtime};
			if (n < MOST) {
				files[n++] = f;
			} else {
				/* Full: the new one replaces the oldest kept. */
				qsort(files, n, sizeof *files, newest_first);
				if (newest_first(&f, &files[n - 1]) < 0)
					files[n - 1] = f;
			}
		}
		if (dir)
			closedir(dir);
	}
	qsort(files, n, sizeof *files, newest_first);
	const char **paths = lz_arena_alloc(a, (n + 1) * sizeof *paths);
	size_t home_len = home ? strlen(home) : 0;
	for (size_t i = 0; i < n; i++)
		paths[i] = home_len && strncmp(files[i].path, home, home_len) == 0 && files[i].path[home_len] == '/'
				   ? lz_arena_printf(a, "~%s", files[i].path + home_len)
				   : files[i].path;
	*out = paths;
	return n;
}

/* a in a record's view: a file's path, typed, added to its evidence
 * (lz_attach.h); asked again with the reason when it is refused, so
 * nothing typed is lost.  The note to show, in arena; NULL when she gave
 * up. */
static const char *add_evidence(ui_app *app, lz_id id, lz_arena *a)
{
	char *path = NULL;
	const char *error = NULL;
	const char **recent;
	size_t n_recent = recent_files(a, &recent);
	for (;;) {
		char *typed = ui_prompt_picks(app, _("Add evidence: the path of a file (a scan, a photo, a signed pledge)"),
					      path, error, recent, n_recent);
		free(path);
		path = typed;
		if (!path || !*path)
			break;
		lz_record rec;
		lz_attached res;
		lz_err err;
		lz_err_clear(&err);
		const char *one[] = {typed_path(path, a)};
		if (lz_session_add_evidence(&app->db, id, one, 1, a, &rec, &res, &err) == LZ_OK) {
			const lz_evidence *e = &rec.u.meta.evidence[res.index];
			const char *note = res.how == LZ_ATTACH_LISTED
						   ? lz_arena_printf(a, _("%s is evidence %zu already; not added again"),
								     e->name, res.index + 1)
						   : lz_arena_printf(a, _("Evidence %zu added: %s (%s, %s)"),
								     res.index + 1, e->name, e->type,
								     lz_size_text(e->size, a));
			free(path);
			return note;
		}
		error = lz_arena_strdup(a, err.msg);
	}
	free(path);
	return NULL;
}

void ui_view_record(ui_app *app, lz_kind kind, lz_id id)
{
	lz_arena keep = {0};
	const char *note = NULL;
	for (;;) {
		lz_arena a = {0};
		lz_record rec;
		if (!ui_read_record(app, kind, id, &a, &rec)) {
			lz_arena_free(&a);
			break;
		}
		lz_fields f;
		/* Names (statuses, types) in the plan the record is held to. */
		const lz_plan *plan = lz_session_plan_for(&app->db, lz_record_year(&rec), NULL);
		lz_record_fields(&rec, plan ? plan : app->db.plan, &a, &f);
		ui_line *lines = lz_arena_alloc(&a, (2 * f.n + 1) * sizeof *lines);
		size_t n = 0;
		for (size_t i = 0; i < f.n; i++) {
			if (!*f.v[i].value)
				continue;
			lines[n++] = (ui_line){f.v[i].label, 0, S_DIM};
			lines[n++] = (ui_line){f.v[i].value, 2, S_NORMAL};
		}
		ui_action act = ui_view_lines_with(app, lz_record_title(&rec, &a), lines, n, note,
						   _("Add evidence"));
		lz_arena_free(&a);
		if (act != ACT_ADD)
			break;
		note = add_evidence(app, id, &keep);
	}
	lz_arena_free(&keep);
}
