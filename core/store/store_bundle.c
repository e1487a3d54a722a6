/* A backup of a database with evidence is a bundle: a tar archive (POSIX
 * ustar, so `tar tf` lists it) of data.mdb, the compacted copy, followed
 * by evidence/HASH for each file of the evidence store.  A database
 * without evidence is backed up as the plain copy, as it always was, and
 * restore takes either.  The reader trusts nothing: every header's
 * checksum, name, type and size is checked, each evidence file must hash
 * to its name, and the archive must end where it says it does; data.mdb
 * itself is then checked in a child process like any backup. */
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lz_evidence.h"
#include "lz_i18n.h"
#include "lz_validate.h"

enum { BLOCK = 512 };

/* The header's fields (ustar). */
enum {
	H_NAME = 0, H_MODE = 100, H_UID = 108, H_GID = 116, H_SIZE = 124, H_MTIME = 136,
	H_CHKSUM = 148, H_TYPE = 156, H_MAGIC = 257, H_VERSION = 263,
};

#define DATA_MEMBER "data.mdb"
#define EVIDENCE_PREFIX LZ_EVIDENCE_DIR "/"

static void octal(unsigned char *field, size_t width, uint64_t v)
{
	/* width - 1 digits and a NUL; bigger values in base 256, as GNU tar. */
	if (width - 1 < 22 && v >> (3 * (width - 1))) {
		memset(field, 0, width);
		field[0] = 0x80;
		for (size_t i = width - 1; i > 0 && v; i--, v >>= 8)
			field[i] = (unsigned char)v;
		return;
	}
	field[width - 1] = '\0';
	for (size_t i = width - 1; i-- > 0; v >>= 3)
		field[i] = (unsigned char)('0' + (v & 7));
}

static bool read_number(const unsigned char *field, size_t width, uint64_t *out)
{
	uint64_t v = 0;
	if (field[0] & 0x80) {
		for (size_t i = 1; i < width; i++) {
			if (v >> 56)
				return false;
			v = v << 8 | field[i];
		}
		*out = v;
		return !(field[0] & 0x7f);
	}
	size_t i = 0;
	while (i < width && field[i] == ' ')
		i++;
	bool any = false;
	for (; i < width && field[i] >= '0' && field[i] <= '7'; i++, any = true) {
		if (v >> 60)
			return false;
		v = v << 3 | (uint64_t)(field[i] - '0');
	}
	for (; i < width; i++)
		if (field[i] != ' ' && field[i] != '\0')
			return false;
	*out = v;
	return any;
}

static unsigned checksum(const unsigned char *h)
{
	unsigned sum = 0;
	for (size_t i = 0; i < BLOCK; i++)
		sum += i >= H_CHKSUM && i < H_CHKSUM + 8 ? ' ' : h[i];
	return sum;
}

static void make_header(unsigned char h[BLOCK], const char *name, uint64_t size, int64_t mtime)
{
	memset(h, 0, BLOCK);
	memcpy(h + H_NAME, name, strlen(name));
	octal(h + H_MODE, 8, 0600);
	octal(h + H_UID, 8, 0);
	octal(h + H_GID, 8, 0);
	octal(h + H_SIZE, 12, size);
	octal(h + H_MTIME, 12, (uint64_t)(mtime > 0 ? mtime : 0));
	h[H_TYPE] = '0';
	memcpy(h + H_MAGIC, "ustar", 6);
	memcpy(h + H_VERSION, "00", 2);
	octal(h + H_CHKSUM, 7, checksum(h));
	h[H_CHKSUM + 7] = ' ';
}

bool store_bundle_is(const unsigned char *first, size_t n)
{
	return n >= BLOCK && memcmp(first + H_MAGIC, "ustar", 5) == 0 &&
	       strncmp((const char *)first + H_NAME, DATA_MEMBER, 100) == 0;
}

/* ---- writing ---- */

static bool pad(int fd, uint64_t size)
{
	static const unsigned char zero[BLOCK];
	size_t n = (size_t)((BLOCK - size % BLOCK) % BLOCK);
	return store_write_all(fd, zero, n);
}

size_t store_evidence_files(const lz_store *s, char (**names)[65])
{
	char dir[PATH_MAX + 16];
	snprintf(dir, sizeof dir, "%s/" LZ_EVIDENCE_DIR, s->dir);
	*names = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!lz_sha256_hex_ok(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			*names = realloc(*names, cap * sizeof **names);
			if (!*names)
				abort();
		}
		memcpy((*names)[n++], e->d_name, 65);
	}
	closedir(d);
	/* In order of their names: the same store gives the same bundle. */
	if (n)
		qsort(*names, n, sizeof **names, (int (*)(const void *, const void *))strcmp);
	return n;
}

/* One evidence file as a member, when it is still what its name says;
 * one that is not (altered, unreadable) is left out, the archive cut
 * back to where its header began (`evidence verify` names it; the backup
 * command warns).  Returns an errno of the output. */
static int write_evidence(int out, const char *dir, const char *name, int64_t now, bool *kept)
{
	*kept = false;
	char path[PATH_MAX + 100];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int in = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	if (in < 0)
		return 0;
	if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size >= LZ_EVIDENCE_MAX_BYTES) {
		close(in);
		return 0;
	}
	off_t start = lseek(out, 0, SEEK_CUR);
	char member[100];
	snprintf(member, sizeof member, EVIDENCE_PREFIX "%s", name);
	unsigned char h[BLOCK];
	make_header(h, member, (uint64_t)st.st_size, now);
	if (!store_write_all(out, h, BLOCK)) {
		close(in);
		return errno ? errno : EIO;
	}
	char hex[65];
	int64_t size;
	errno = 0;
	bool copied = lz_evidence_hash_fd(in, out, hex, &size, LZ_EVIDENCE_MAX_BYTES, NULL, 0, NULL);
	int e = errno;
	close(in);
	if (copied && size == st.st_size && strcmp(hex, name) == 0) {
		*kept = true;
		return pad(out, (uint64_t)size) ? 0 : (errno ? errno : EIO);
	}
	if (!copied && (e == ENOSPC || e == EDQUOT || e == EFBIG || e == EIO))
		return e;
	/* Not the file its name promises: the backup goes on without it. */
	if (ftruncate(out, start) != 0 || lseek(out, start, SEEK_SET) != start)
		return errno;
	return 0;
}

lz_rc store_bundle_write(lz_store *s, int fd, const char *file, lz_err *err)
{
	char (*names)[65];
	size_t n = store_evidence_files(s, &names);
	int64_t now = lz_now();
	unsigned char h[BLOCK];
	/* data.mdb's size is known once LMDB has written it, which it does
	 * with write(2) from the descriptor's offset. */
	make_header(h, DATA_MEMBER, 0, now);
	int rc = store_write_all(fd, h, BLOCK) ? 0 : errno;
	if (!rc)
		rc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	off_t end = rc ? 0 : lseek(fd, 0, SEEK_CUR);
	if (!rc && end < BLOCK)
		rc = EIO;
	if (!rc) {
		make_header(h, DATA_MEMBER, (uint64_t)(end - BLOCK), now);
		if (pwrite(fd, h, BLOCK, 0) != BLOCK || !pad(fd, (uint64_t)(end - BLOCK)))
			rc = errno ? errno : EIO;
	}
	char dir[PATH_MAX + 16];
	snprintf(dir, sizeof dir, "%s/" LZ_EVIDENCE_DIR, s->dir);
	for (size_t i = 0; i < n && !rc; i++) {
		bool kept;
		rc = write_evidence(fd, dir, names[i], now, &kept);
	}
	free(names);
	static const unsigned char end_blocks[2 * BLOCK];
	if (!rc && !store_write_all(fd, end_blocks, sizeof end_blocks))
		rc = errno ? errno : EIO;
	if (!rc)
		return LZ_OK;
	if (rc == ENOSPC || rc == EDQUOT)
		return lz_err_set(err, LZ_EIO, _("cannot write %s: the disk is full; no backup was made"), file);
	return lz_err_set(err, LZ_EIO, _("cannot write %s: %s"), file,
			  rc > 0 ? strerror(rc) : mdb_strerror(rc));
}

/* ---- reading ---- */

static bool read_full(int fd, void *buf, size_t n, bool *eof)
{
	*eof = false;
	for (char *p = buf; n > 0;) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			*eof = r == 0;
			return false;
		}
		p += r;
		n -= (size_t)r;
	}
	return true;
}

/* Copies size bytes of in to out (and into the hash when h), then the
 * padding after them is read and dropped.  An errno, or -1 at a short
 * file. */
static int copy_member(int in, int out, uint64_t size, struct sha256_ctx *h)
{
	unsigned char buf[1 << 16];
	bool eof;
	for (uint64_t left = size; left;) {
		size_t n = left < sizeof buf ? (size_t)left : sizeof buf;
		if (!read_full(in, buf, n, &eof))
			return eof ? -1 : errno;
		if (h)
			sha256_update(h, n, buf);
		if (!store_write_all(out, buf, n))
			return errno ? errno : EIO;
		left -= n;
	}
	size_t rest = (size_t)((BLOCK - size % BLOCK) % BLOCK);
	if (rest && !read_full(in, buf, rest, &eof))
		return eof ? -1 : errno;
	return 0;
}

static lz_rc damaged(lz_err *err, const char *file, const char *why)
{
	return lz_err_set(err, LZ_EDATA, _("damaged backup: %s: %s"), file, why);
}

lz_rc store_bundle_read(int in, int data_out, const char *stage, const char *file,
			size_t *files, lz_err *err)
{
	*files = 0;
	bool have_data = false;
	for (;;) {
		unsigned char h[BLOCK];
		bool eof;
		if (!read_full(in, h, BLOCK, &eof))
			return eof ? damaged(err, file, _("the archive ends before its end marker"))
				   : lz_err_set(err, LZ_EIO, _("cannot read %s: %s"), file, strerror(errno));
		bool zero = true;
		for (size_t i = 0; i < BLOCK && zero; i++)
			zero = h[i] == 0;
		if (zero)
			break;
		uint64_t size, sum;
		if (!read_number(h + H_CHKSUM, 8, &sum) || sum != checksum(h))
			return damaged(err, file, _("an archive header's checksum does not match"));
		if (!read_number(h + H_SIZE, 12, &size))
			return damaged(err, file, _("an archive header's size cannot be read"));
		char name[101];
		memcpy(name, h + H_NAME, 100);
		name[100] = '\0';
		bool regular = h[H_TYPE] == '0' || h[H_TYPE] == '\0';
		bool is_data = strcmp(name, DATA_MEMBER) == 0;
		bool is_evidence = strncmp(name, EVIDENCE_PREFIX, strlen(EVIDENCE_PREFIX)) == 0 &&
				   lz_sha256_hex_ok(name + strlen(EVIDENCE_PREFIX));
		if (!regular || h[H_NAME + 99] || (!is_data && !is_evidence) || (is_data && have_data) ||
		    (is_evidence && !have_data))
			return damaged(err, file, _("the archive holds a member a backup does not"));
		if (is_data) {
			int e = copy_member(in, data_out, size, NULL);
			if (e == -1)
				return damaged(err, file, _("the archive ends inside data.mdb"));
			if (e)
				return lz_err_set(err, LZ_EIO, _("cannot restore from %s: %s; the database was not changed"),
						  file, strerror(e));
			if (fsync(data_out) != 0)
				return lz_err_set(err, LZ_EIO, _("cannot restore from %s: %s; the database was not changed"),
						  file, strerror(errno));
			have_data = true;
			continue;
		}
		const char *hash = name + strlen(EVIDENCE_PREFIX);
		if (size >= (uint64_t)LZ_EVIDENCE_MAX_BYTES)
			return damaged(err, file, _("an evidence file in it is too big"));
		char path[PATH_MAX + 100];
		snprintf(path, sizeof path, "%s/%s", stage, hash);
		int out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (out < 0)
			return errno == EEXIST ? damaged(err, file, _("the archive holds an evidence file twice"))
					       : lz_err_set(err, LZ_EIO, _("cannot restore from %s: %s; the database was not changed"),
							    file, strerror(errno));
		struct sha256_ctx ctx;
		sha256_init(&ctx);
		int e = copy_member(in, out, size, &ctx);
		if (!e && fsync(out) != 0)
			e = errno;
		if (close(out) != 0 && !e)
			e = errno;
		/* What is left in the folder is only ever a whole, true file. */
		if (e)
			unlink(path);
		if (e == -1)
			return damaged(err, file, _("the archive ends inside an evidence file"));
		if (e)
			return lz_err_set(err, LZ_EIO, _("cannot restore from %s: %s; the database was not changed"),
					  file, strerror(e));
		uint8_t digest[SHA256_DIGEST_SIZE];
		char hex[65];
		sha256_digest(&ctx, sizeof digest, digest);
		for (size_t i = 0; i < sizeof digest; i++)
			snprintf(hex + 2 * i, 3, "%02x", digest[i]);
		if (strcmp(hex, hash) != 0) {
			unlink(path);
			char why[200];
			snprintf(why, sizeof why, _("evidence file %.12s… does not match its hash"), hash);
			return damaged(err, file, why);
		}
		++*files;
	}
	if (!have_data)
		return damaged(err, file, _("the archive holds no database"));
	return LZ_OK;
}
