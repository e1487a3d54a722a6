/* Small helpers shared by the unit tests. */
#ifndef LZ_TEST_HELPERS_H
#define LZ_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>

/* Path under the source tree, from the environment meson sets. */
static inline char *source_path(const char *rel)
{
	const char *root = getenv("LIANZHENG_SOURCE_ROOT");
	char *path = NULL;
	if (asprintf(&path, "%s/%s", root ? root : ".", rel) < 0)
		abort();
	return path;
}

#endif
