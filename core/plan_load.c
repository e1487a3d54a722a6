/* Plan loading: file reading with a size cap, then the YAML reader and the
 * schema. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lz_i18n.h"
#include "lz_plan_load.h"
#include "plan_internal.h"
#include "plan_schema.h"
#include "plan_tree.h"

lz_rc lz_read_file(const char *path, size_t max, char **buf, size_t *len,
		   lz_diags *diags)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		lz_diags_add(diags, path, 0, 0, _("cannot open: %s"), strerror(errno));
		return LZ_ENOINPUT;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		lz_diags_add(diags, path, 0, 0, _("cannot read: %s"),
			     S_ISDIR(st.st_mode) ? strerror(EISDIR) : strerror(errno));
		close(fd);
		return LZ_ENOINPUT;
	}
	/* Read at most max + 1 bytes: enough to tell that a file (or a pipe,
	 * whose size stat cannot give) is too large, never more. */
	char *data = malloc(max + 2);
	if (!data)
		abort();
	size_t total = 0;
	while (total <= max) {
		ssize_t n = read(fd, data + total, max + 1 - total);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			lz_diags_add(diags, path, 0, 0, _("cannot read: %s"), strerror(errno));
			free(data);
			close(fd);
			return LZ_ENOINPUT;
		}
		if (n == 0)
			break;
		total += (size_t)n;
	}
	close(fd);
	if (total > max) {
		lz_diags_add(diags, path, 0, 0,
			     _("file is larger than %zu bytes; refusing to read it"), max);
		free(data);
		return LZ_EDATA;
	}
	data[total] = '\0';
	*buf = data;
	*len = total;
	return LZ_OK;
}

lz_rc lz_plan_load_buffer(const char *name, const char *buf, size_t len,
			  lz_plan **out, lz_diags *diags)
{
	*out = NULL;
	if (len > LZ_PLAN_MAX_BYTES) {
		lz_diags_add(diags, name, 0, 0,
			     _("file is larger than %zu bytes; refusing to read it"),
			     (size_t)LZ_PLAN_MAX_BYTES);
		return LZ_EDATA;
	}
	/* The tree shares the plan's arena: the plan keeps pointers to its
	 * strings, and the rest is small next to the file size cap. */
	lz_arena arena = {0};
	plan_owner *owner = lz_arena_alloc(&arena, sizeof *owner);
	ynode *root = plan_yaml_parse(&arena, name, buf, len, diags);
	lz_plan *plan = root ? plan_build(&arena, name, root, &owner->plan, diags) : NULL;
	if (!plan) {
		lz_arena_free(&arena);
		return LZ_EDATA;
	}
	owner->arena = arena;
	*out = plan;
	return LZ_OK;
}

lz_rc lz_plan_load_file(const char *path, lz_plan **out, lz_diags *diags)
{
	char *buf;
	size_t len;
	*out = NULL;
	lz_rc rc = lz_read_file(path, LZ_PLAN_MAX_BYTES, &buf, &len, diags);
	if (rc != LZ_OK)
		return rc;
	rc = lz_plan_load_buffer(path, buf, len, out, diags);
	free(buf);
	return rc;
}
