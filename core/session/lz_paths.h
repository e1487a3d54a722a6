/* The program's own files, wherever it runs from, and the folder offered
 * for the secretary's (lz_paths.c). */
#ifndef LZ_PATHS_H
#define LZ_PATHS_H

#include <stddef.h>

/* The plan shipped with the program, or NULL when none is found. */
const char *lz_bundled_plan_path(void);
/* The holiday data shipped with it (lz_holidays.h), found the same way,
 * or NULL. */
const char *lz_holidays_path(void);
/* The directory holding the translations, for bindtextdomain. */
const char *lz_locale_dir(void);
/* The folder a backup, a ledger or an export is offered in: the
 * desktop's documents folder (XDG_DOCUMENTS_DIR of user-dirs.dirs) when
 * it exists, else ~/Documents when it exists, else the home directory
 * (else "."). */
void lz_documents_dir(char *buf, size_t size);

#endif
