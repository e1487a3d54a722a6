/* The full-screen program's entry, for main: nothing of curses. */
#ifndef LZ_UI_MAIN_H
#define LZ_UI_MAIN_H

#include "lz_diag.h"
#include "lz_err.h"

/* Runs the full-screen program on the database in db_dir (NULL: the
 * default place), created from the bundled plan on a first start.  What
 * keeps it from starting — no terminal, a database that cannot be opened
 * — is left in diags and err for the caller to print.  Returns the exit
 * status. */
int ui_main(const char *db_dir, lz_diags *diags, lz_err *err);

#endif
