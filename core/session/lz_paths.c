/* Where the program's own files are: next to the executable when it runs
 * from the build tree, in the installed data directories otherwise. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lz_paths.h"
#include "lz_config.h"

#define BUNDLED_PLAN "plan-2022.yaml"
#define HOLIDAYS "holidays.yaml"

/* Directory of the running executable, or "" when unknown. */
static const char *exe_dir(void)
{
	static char dir[PATH_MAX];
	static int done;
	if (!done) {
		done = 1;
		ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
		if (n <= 0) {
			dir[0] = '\0';
			return dir;
		}
		dir[n] = '\0';
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
	}
	return dir;
}

static const char *first_existing(char *buf, size_t size, const char *build_rel,
				  const char *installed)
{
	if (exe_dir()[0]) {
		int n = snprintf(buf, size, "%s/%s", exe_dir(), build_rel);
		if (n > 0 && (size_t)n < size && access(buf, R_OK) == 0)
			return buf;
	}
	snprintf(buf, size, "%s", installed);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

const char *lz_bundled_plan_path(void)
{
	static char path[PATH_MAX];
	return first_existing(path, sizeof path, "../config/" BUNDLED_PLAN,
			      LZ_PKGDATADIR "/" BUNDLED_PLAN);
}

const char *lz_holidays_path(void)
{
	static char path[PATH_MAX];
	return first_existing(path, sizeof path, "../config/" HOLIDAYS,
			      LZ_PKGDATADIR "/" HOLIDAYS);
}

const char *lz_locale_dir(void)
{
	static char path[PATH_MAX];
	const char *dir = first_existing(path, sizeof path, "../po",
					 LZ_LOCALEDIR);
	return dir ? dir : LZ_LOCALEDIR;
}
