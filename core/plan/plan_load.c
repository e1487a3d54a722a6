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

const char *lz_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return _("a directory");
	if (S_ISFIFO(mode))
		return _("a FIFO (named pipe)");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return _("a device");
	if (S_ISSOCK(mode))
		return _("a socket");
	return _("a special file");
}

int lz_open_regular(const char *path, const char **not_regular)
{
	*not_regular = NULL;
	/* Without O_NONBLOCK, opening a FIFO waits for a writer, forever if
	 * none comes. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*not_regular = lz_file_kind(st.st_mode);
		close(fd);
		errno = 0;
		return -1;
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

lz_rc lz_read_file(const char *path, size_t max, char **buf, size_t *len,
		   lz_diags *diags)
{
	const char *kind;
	int fd = lz_open_regular(path, &kind);
	if (fd < 0) {
		if (kind)
			lz_diags_add(diags, path, 0, 0, _("cannot read: it is %s, not a regular file"),
				     kind);
		else
			lz_diags_add(diags, path, 0, 0, _("cannot open: %s"), strerror(errno));
		return LZ_ENOINPUT;
	}
	/* Read at most max + 1 bytes: enough to tell that a file is too
	 * large, never more, even if it grows meanwhile. */
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
	ynode *root = plan_yaml_parse(&arena, name, buf, len,
				      _("no plan in the file (it is empty or only comments); a plan starts with 'format: 1'"),
				      diags);
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
