/* An open database and the plan stored in it, as both front ends use
 * them: opening (a first start seeds a new database from the bundled
 * plan), the compiled-plan cache, reading the plan again after an undo,
 * and every record change validated against the plan before the store
 * applies it.  Nothing here prints: what went wrong comes back as an
 * lz_err, and what a plan's text gets wrong as lz_diags, for the front end
 * to show. */
#ifndef LZ_SESSION_H
#define LZ_SESSION_H

#include <limits.h>
#include <stdbool.h>

#include "lz_diag.h"
#include "lz_err.h"
#include "lz_outfile.h"
#include "lz_plan.h"
#include "lz_store.h"

typedef struct lz_session {
	lz_store *store;
	/* The plan of the year in view: the year's own, or the one in force
	 * for it (lz_plan_year_in_force) when it has none. */
	lz_plan *plan;
	int year;  /* the year in view */
	int years[LZ_PLAN_YEARS_MAX];  /* the planned years, ascending */
	size_t n_years;
	lz_plan *loaded[LZ_PLAN_YEARS_MAX];  /* by index into years, once read */
	/* The plans replaced by the last reload: the full-screen program's
	 * panes may point into them until they have reloaded. */
	lz_plan *retired[LZ_PLAN_YEARS_MAX];
	size_t n_retired;
	bool refresh;  /* a writer: a stale compiled plan is stored again */
	char dir[PATH_MAX];
} lz_session;

enum {
	/* A database that is not there yet is created from the bundled
	 * plan: the full-screen program's first start.  Without it, a
	 * missing database is an error (LZ_ENOINPUT naming the place). */
	LZ_SESSION_CREATE = 1 << 0,
	/* The session will write: a compiled plan found stale is stored
	 * again for the next start.  A read command leaves the database as
	 * it found it. */
	LZ_SESSION_WRITER = 1 << 1,
};

/* Opens dir (NULL: $LIANZHENG_DB, else the XDG data directory) with
 * LZ_SESSION_* flags.  diags (may be NULL) receives what is wrong with a
 * plan's text — the bundled one or the stored one — before err says that
 * it failed.  On failure nothing is left open. */
lz_rc lz_session_open(lz_session *s, const char *dir, unsigned flags, lz_diags *diags,
		      lz_err *err);
void lz_session_close(lz_session *s);
/* Reads the stored plans again (after an undo put an earlier one back, or
 * a plan was imported); the ones replaced are kept in s->retired until
 * the next reload.  The year in view stays.  On failure the plans stay. */
lz_rc lz_session_reload_plan(lz_session *s, lz_diags *diags, lz_err *err);

/* The year in view becomes year, s->plan its plan.  A year without a
 * plan of its own is refused unless borrow (then the plan in force for
 * it is used, lz_plan_year_in_force): LZ_EDATA naming the planned years. */
lz_rc lz_session_use_year(lz_session *s, int year, bool borrow, lz_err *err);
/* The year a command looks at when given none: today's when it has a
 * plan, else the latest planned year before today, else the first one. */
int lz_session_default_year(const lz_session *s);
/* The plan a record of year is held to (lz_record_year; 0: the plan in
 * view); NULL (err set) when it cannot be read. */
const lz_plan *lz_session_plan_for(lz_session *s, int year, lz_err *err);
/* Whether year has a plan of its own. */
bool lz_session_planned(const lz_session *s, int year);
/* The planned year a new plan for year starts from: the latest one before
 * it, else the latest one. */
int lz_session_base_year(const lz_session *s, int year);
/* The new-year step, stored: year's plan drafted from the plan of from
 * (lz_plan_draft.h) with the shipped holiday data, checked and stored as
 * year's plan (logged; undo takes it back).  Refused (LZ_EDATA) when year
 * has a plan or from has none.  *warning (may be NULL) gets, in arena,
 * what the user should know (no holiday data for the year), else NULL. */
lz_rc lz_session_new_year(lz_session *s, int year, int from, lz_arena *arena,
			  const char **warning, lz_err *err);

/* Validates every record the operations carry against its plan, then
 * applies them in one transaction: all or none. */
lz_rc lz_session_apply(lz_session *s, lz_op *ops, size_t n, lz_err *err);
/* One record added (expect 0) or updated from the version expect; for an
 * add, rec's id is the new one afterwards. */
lz_rc lz_session_save(lz_session *s, lz_op_kind op, lz_record *rec, uint32_t expect,
		      lz_err *err);
/* Removes a record; expect 0 removes whatever version is stored. */
lz_rc lz_session_remove(lz_session *s, lz_kind kind, lz_id id, uint32_t expect, lz_err *err);

/* Writes an output file (a report, an export) through write, whole or
 * not at all (lz_outfile.h), and never over the database's own files. */
lz_rc lz_session_write_file(lz_session *s, const char *path, lz_outfile_fn write, void *ctx,
			    lz_err *err);

#endif
