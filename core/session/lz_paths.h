/* The program's own files, wherever it runs from (lz_paths.c). */
#ifndef LZ_PATHS_H
#define LZ_PATHS_H

/* The plan shipped with the program, or NULL when none is found. */
const char *lz_bundled_plan_path(void);
/* The holiday data shipped with it (lz_holidays.h), found the same way,
 * or NULL. */
const char *lz_holidays_path(void);
/* The directory holding the translations, for bindtextdomain. */
const char *lz_locale_dir(void);

#endif
