/* Where the program's own files are: next to the executable when it runs
 * from the build tree, in the installed data directories otherwise; and
 * the folder it offers for the secretary's own. */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* XDG_DOCUMENTS_DIR of user-dirs.dirs, which xdg-user-dirs writes in
 * the desktop's language (~/文档 on a Chinese desktop): "$HOME/…" or an
 * absolute path in double quotes.  False when the file names none. */
static bool xdg_documents(const char *home, char *buf, size_t size)
{
	char file[PATH_MAX];
	const char *config = getenv("XDG_CONFIG_HOME");
	int n = config && *config == '/' ? snprintf(file, sizeof file, "%s/user-dirs.dirs", config)
					 : snprintf(file, sizeof file, "%s/.config/user-dirs.dirs", home);
	if (n < 0 || (size_t)n >= sizeof file)
		return false;
	FILE *f = fopen(file, "r");
	if (!f)
		return false;
	char line[PATH_MAX + 64];
	bool found = false;
	static const char key[] = "XDG_DOCUMENTS_DIR=\"";
	while (!found && fgets(line, sizeof line, f)) {
		const char *v = line + strspn(line, " \t");
		if (strncmp(v, key, sizeof key - 1) != 0)
			continue;
		v += sizeof key - 1;
		const char *end = strchr(v, '"');
		if (!end || memchr(v, '\\', (size_t)(end - v)))
			break;
		int len = (int)(end - v);
		if (strncmp(v, "$HOME", 5) == 0 && (v[5] == '/' || v + 5 == end))
			n = snprintf(buf, size, "%s%.*s", home, len - 5, v + 5);
		else if (*v == '/')
			n = snprintf(buf, size, "%.*s", len, v);
		else
			break;
		found = n > 0 && (size_t)n < size;
	}
	fclose(f);
	return found;
}

void lz_documents_dir(char *buf, size_t size)
{
	const char *home = getenv("HOME");
	if (!home || *home != '/') {
		snprintf(buf, size, ".");
		return;
	}
	if (xdg_documents(home, buf, size) && is_dir(buf))
		return;
	int n = snprintf(buf, size, "%s/Documents", home);
	if (n > 0 && (size_t)n < size && is_dir(buf))
		return;
	snprintf(buf, size, "%s", home);
}
