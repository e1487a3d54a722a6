/* The evidence store's files (lz_evidence.h). */
#include "lz_evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lz_i18n.h"
#include "lz_outfile.h"
#include "lz_text.h"
#include "lz_validate.h"

void lz_evidence_path(const char *dbdir, const char *sha256, char *buf, size_t size)
{
	snprintf(buf, size, "%s/" LZ_EVIDENCE_DIR "/%s", dbdir, sha256);
}

static bool write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			return false;
		}
		p += w;
		n -= (size_t)w;
	}
	return true;
}

bool lz_evidence_hash_fd(int fd, int out_fd, char hex[65], int64_t *size, int64_t max,
			 unsigned char *head, size_t head_size, size_t *head_n)
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	unsigned char buf[1 << 16];
	int64_t total = 0;
	if (head_n)
		*head_n = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			break;
		if (head && *head_n < head_size) {
			size_t take = head_size - *head_n < (size_t)n ? head_size - *head_n : (size_t)n;
			memcpy(head + *head_n, buf, take);
			*head_n += take;
		}
		total += n;
		if (max && total >= max) {
			errno = E2BIG;  /* ours: EFBIG would be the disk's file size limit */
			return false;
		}
		sha256_update(&ctx, (size_t)n, buf);
		if (out_fd >= 0 && !write_all(out_fd, buf, (size_t)n))
			return false;
	}
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(&ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	*size = total;
	return true;
}

/* ---- types ---- */

static bool starts(const unsigned char *h, size_t n, const char *magic, size_t m)
{
	return n >= m && memcmp(h, magic, m) == 0;
}

static const char *ext_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && dot != name ? dot + 1 : "";
}

static const char *by_ext(const char *ext, const char *const (*map)[2], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(ext, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

const char *lz_evidence_type(const unsigned char *h, size_t n, const char *name)
{
	static const char *const zip[][2] = {
		{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
		{"odt", "application/vnd.oasis.opendocument.text"},
		{"ods", "application/vnd.oasis.opendocument.spreadsheet"},
		{"ofd", "application/ofd"},
	};
	static const char *const ole[][2] = {
		{"doc", "application/msword"}, {"xls", "application/vnd.ms-excel"},
		{"ppt", "application/vnd.ms-powerpoint"}, {"wps", "application/vnd.ms-works"},
		{"et", "application/vnd.ms-excel"},
	};
	static const char *const text[][2] = {
		{"txt", "text/plain"}, {"md", "text/markdown"}, {"csv", "text/csv"},
		{"html", "text/html"}, {"htm", "text/html"}, {"xml", "text/xml"},
	};
	const char *ext = ext_of(name), *t;
	if (starts(h, n, "%PDF-", 5))
		return "application/pdf";
	if (starts(h, n, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (starts(h, n, "\xff\xd8\xff", 3))
		return "image/jpeg";
	if (starts(h, n, "GIF87a", 6) || starts(h, n, "GIF89a", 6))
		return "image/gif";
	if (starts(h, n, "II*\0", 4) || starts(h, n, "MM\0*", 4))
		return "image/tiff";
	if (n >= 12 && starts(h, n, "RIFF", 4) && memcmp(h + 8, "WEBP", 4) == 0)
		return "image/webp";
	if (starts(h, n, "PK\x03\x04", 4))
		return (t = by_ext(ext, zip, sizeof zip / sizeof *zip)) ? t : "application/zip";
	if (starts(h, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		return (t = by_ext(ext, ole, sizeof ole / sizeof *ole)) ? t : "application/x-ole-storage";
	/* Text: by its name, or by looking like it (UTF-8, no NUL); a cut
	 * character at the end of the first bytes read is no sign of binary. */
	bool texty = memchr(h, 0, n) == NULL;
	size_t bad;
	if (texty && !lz_utf8_valid((const char *)h, n, &bad))
		texty = n - bad < 4;
	if (texty && (t = by_ext(ext, text, sizeof text / sizeof *text)))
		return t;
	return texty && n ? "text/plain" : "application/octet-stream";
}

/* ---- put ---- */

static const char *base_name(const char *path)
{
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	const char *p = path + len;
	while (p > path && p[-1] != '/')
		p--;
	return p;
}

static lz_rc store_failed(lz_err *err, const char *path, int e)
{
	if (e == ENOSPC || e == EDQUOT)
		return lz_err_set(err, LZ_EIO,
				  _("cannot store %s in the evidence store: the disk is full; nothing was added"),
				  path);
	return lz_err_set(err, LZ_EIO, _("cannot store %s in the evidence store: %s; nothing was added"),
			  path, strerror(e));
}

lz_rc lz_evidence_put(const char *dbdir, const char *path, lz_arena *arena, lz_evidence *out,
		      bool *had, lz_err *err)
{
	*had = false;
	/* The name people will read: its last part, checked as any text. */
	const char *base = base_name(path);
	size_t blen = strcspn(base, "/");
	char *name = lz_arena_strndup(arena, base, blen);
	lz_rc r = lz_validate_text(_("evidence file name"), name, LZ_MAX_SHORT_BYTES, false, true, err);
	if (r != LZ_OK)
		return r;
	/* O_NONBLOCK: a FIFO must not hang the command; only a regular file
	 * is taken. */
	int in = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (in < 0)
		return lz_err_set(err, LZ_ENOINPUT, _("cannot read %s: %s"), path, strerror(errno));
	struct stat st;
	if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(in);
		return lz_err_set(err, LZ_EDATA, _("%s is not a regular file; nothing was added"), path);
	}
	if (st.st_size >= LZ_EVIDENCE_MAX_BYTES) {
		close(in);
		return lz_err_set(err, LZ_EDATA,
				  _("%s is %lld MiB: evidence files must be smaller than %lld MiB; nothing was added"),
				  path, (long long)(st.st_size >> 20), (long long)(LZ_EVIDENCE_MAX_BYTES >> 20));
	}
	fcntl(in, F_SETFL, fcntl(in, F_GETFL) & ~O_NONBLOCK);
	char dir[PATH_MAX], tmp[PATH_MAX + 32], final[PATH_MAX + 80];
	snprintf(dir, sizeof dir, "%s/" LZ_EVIDENCE_DIR, dbdir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		int e = errno;
		close(in);
		return store_failed(err, path, e);
	}
	snprintf(tmp, sizeof tmp, "%s/.incoming.XXXXXX", dir);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		close(in);
		return store_failed(err, path, e);
	}
	char hex[65];
	int64_t size;
	unsigned char head[4096];
	size_t head_n;
	bool read_ok = lz_evidence_hash_fd(in, fd, hex, &size, LZ_EVIDENCE_MAX_BYTES, head,
					   sizeof head, &head_n);
	int e = read_ok ? 0 : errno;
	close(in);
	/* Which side failed: a read error is the input's, a write error
	 * (ENOSPC, EIO on the store's disk) the store's. */
	if (!read_ok && e == E2BIG)
		r = lz_err_set(err, LZ_EDATA,
			       _("%s grew past %lld MiB while it was read: evidence files must be smaller; nothing was added"),
			       path, (long long)(LZ_EVIDENCE_MAX_BYTES >> 20));
	else if (!read_ok && (e == ENOSPC || e == EDQUOT || e == EFBIG))
		r = store_failed(err, path, e);
	else if (!read_ok)
		r = lz_err_set(err, LZ_EIO, _("cannot copy %s into the evidence store: %s; nothing was added"),
			       path, strerror(e));
	else if (fsync(fd) != 0)
		r = store_failed(err, path, errno);
	if (close(fd) != 0 && r == LZ_OK)
		r = store_failed(err, path, errno);
	if (r != LZ_OK) {
		unlink(tmp);
		return r;
	}
	out->sha256 = lz_arena_strdup(arena, hex);
	out->name = name;
	out->size = size;
	out->type = lz_evidence_type(head, head_n, name);
	snprintf(final, sizeof final, "%s/%s", dir, hex);
	/* Stored before and still whole: kept, and the copy dropped.  One
	 * that was altered or lost its content is put right by the copy. */
	if (lz_evidence_check(dbdir, out) == LZ_EVIDENCE_INTACT) {
		unlink(tmp);
		*had = true;
		return LZ_OK;
	}
	if (rename(tmp, final) != 0) {
		e = errno;
		unlink(tmp);
		return store_failed(err, path, e);
	}
	if ((e = lz_fsync_dir(dir)) != 0)
		return store_failed(err, path, e);
	return LZ_OK;
}

/* ---- check ---- */

lz_evidence_state lz_evidence_check(const char *dbdir, const lz_evidence *e)
{
	/* A record altered outside the program must not name another path. */
	if (!lz_sha256_hex_ok(e->sha256))
		return LZ_EVIDENCE_UNREADABLE;
	char path[PATH_MAX + 80];
	lz_evidence_path(dbdir, e->sha256, path, sizeof path);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? LZ_EVIDENCE_MISSING : LZ_EVIDENCE_UNREADABLE;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return LZ_EVIDENCE_UNREADABLE;
	}
	if (st.st_size != e->size) {
		close(fd);
		return LZ_EVIDENCE_ALTERED;
	}
	char hex[65];
	int64_t size;
	bool read_ok = lz_evidence_hash_fd(fd, -1, hex, &size, 0, NULL, 0, NULL);
	close(fd);
	if (!read_ok)
		return LZ_EVIDENCE_UNREADABLE;
	return size == e->size && strcmp(hex, e->sha256) == 0 ? LZ_EVIDENCE_INTACT
							       : LZ_EVIDENCE_ALTERED;
}

const char *lz_evidence_state_text(lz_evidence_state st)
{
	switch (st) {
	case LZ_EVIDENCE_INTACT: return _("intact");
	case LZ_EVIDENCE_MISSING: return _("missing from the evidence store");
	case LZ_EVIDENCE_ALTERED: return _("altered: its content no longer matches its hash");
	case LZ_EVIDENCE_UNREADABLE: return _("cannot be read");
	}
	return "";
}
