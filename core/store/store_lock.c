/* Who else has the database open: the use lock that keeps a restore from
 * replacing a file in use, and the claims that keep two lock files from
 * serving one data file. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lz_i18n.h"

/* The lock's descriptor; -1 when another program holds it the other way
 * (a restore), -2 when the directory is read-only (nobody can replace the
 * database then), -3 with *open_errno when the lock file cannot be opened
 * at all. */
int store_take_use_lock(const char *dir, int how, int *open_errno)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/" USE_LOCK, dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
	if (fd < 0 && (errno == EACCES || errno == EROFS)) {
		/* Opened for reading, a shared lock still keeps a restore
		 * out while we read. */
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
		if (fd < 0)
			return errno == ENOENT || errno == EACCES || errno == EROFS ? -2 : -3;
	}
	if (fd < 0) {
		*open_errno = errno;
		return -3;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		*open_errno = EINVAL;
		return -3;
	}
	if (flock(fd, how | LOCK_NB) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* ---- claims: one data file, one lock file ----
 *
 * LMDB keeps its readers and its writer lock in lock.mdb beside data.mdb,
 * found by path.  The same data.mdb reached through another directory (a
 * hard or symbolic link to the file), or a lock.mdb deleted while programs
 * run and made anew by the next, leaves two groups of programs writing one
 * file, each unaware of the other: acknowledged writes are lost.  So each
 * program marks data.mdb itself — whatever the path, it is the same inode
 * — with a read lock on one byte far past any data, at an offset given by
 * the identity of the lock.mdb it uses.  A lock held at any other offset
 * is another program using another lock file: refused.  Open file
 * description locks are used because LMDB closing its own descriptor of
 * data.mdb would drop a process's classic POSIX locks. */
#define CLAIM_BASE ((off_t)1 << 41)
#define CLAIM_SPAN ((off_t)1 << 40)

static off_t claim_offset(dev_t dev, ino_t ino)
{
	uint64_t h = 1469598103934665603ull;
	uint64_t parts[2] = {(uint64_t)dev, (uint64_t)ino};
	const unsigned char *p = (const unsigned char *)parts;
	for (size_t i = 0; i < sizeof parts; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return CLAIM_BASE + (off_t)(h % (uint64_t)CLAIM_SPAN);
}

/* Whether a program holds a claim in [from, to) of the data file. */
static bool claimed_between(int fd, off_t from, off_t to)
{
	if (to <= from)
		return false;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = from,
			   .l_len = to - from};
	if (fcntl(fd, F_OFD_GETLK, &fl) != 0)
		return false;
	return fl.l_type != F_UNLCK;
}

/* Another program uses this data file through another lock file. */
static bool claimed_elsewhere(int fd, off_t mine)
{
	return claimed_between(fd, CLAIM_BASE, mine) ||
	       claimed_between(fd, mine + 1, CLAIM_BASE + CLAIM_SPAN);
}

static lz_rc two_lock_files(const lz_store *s, lz_err *err)
{
	return lz_err_set(err, LZ_EIO,
			  _("database %s is in use by another lianzheng through another path or a lock file that was deleted or replaced; close every lianzheng using it, then try again; nothing was written"),
			  s->dir);
}

lz_rc store_take_claim(lz_store *s, const char *data_path, lz_err *err)
{
	char lock_path[PATH_MAX + 16];
	snprintf(lock_path, sizeof lock_path, "%s/lock.mdb", s->dir);
	struct stat st;
	/* Without LMDB's lock file (a read-only directory) nobody writes. */
	if (stat(lock_path, &st) != 0)
		return LZ_OK;
	s->lock_dev = st.st_dev;
	s->lock_ino = st.st_ino;
	s->claim_fd = open(data_path, O_RDONLY | O_CLOEXEC);
	if (s->claim_fd < 0)
		return lz_err_set(err, LZ_EIO, _("cannot open %s: %s"), data_path, strerror(errno));
	s->claim_at = claim_offset(st.st_dev, st.st_ino);
	struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = s->claim_at,
			   .l_len = 1};
	/* Claim first, then look: of two programs starting together with
	 * different lock files, at least one sees the other. */
	if (fcntl(s->claim_fd, F_OFD_SETLK, &fl) != 0) {
		close(s->claim_fd);
		s->claim_fd = -1;
		return LZ_OK;  /* a file system without such locks: as before */
	}
	if (claimed_elsewhere(s->claim_fd, s->claim_at))
		return two_lock_files(s, err);
	return LZ_OK;
}

static bool same_file(const char *path, dev_t dev, ino_t ino)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_dev == dev && st.st_ino == ino;
}

/* Before a write is acknowledged: the files this program opened are still
 * the ones in the directory, and nobody shares the data file through
 * another lock file.  Otherwise the write is abandoned, not lost later. */
lz_rc store_check_claim(lz_store *s, lz_err *err)
{
	if (s->claim_fd < 0)
		return LZ_OK;
	char path[PATH_MAX + 32];
	struct stat st;
	snprintf(path, sizeof path, "%s/lock.mdb", s->dir);
	bool intact = same_file(path, s->lock_dev, s->lock_ino);
	snprintf(path, sizeof path, "%s/data.mdb", s->dir);
	if (intact && fstat(s->claim_fd, &st) == 0)
		intact = same_file(path, st.st_dev, st.st_ino);
	snprintf(path, sizeof path, "%s/" USE_LOCK, s->dir);
	if (intact && s->use_lock >= 0 && fstat(s->use_lock, &st) == 0)
		intact = same_file(path, st.st_dev, st.st_ino);
	if (!intact)
		return lz_err_set(err, LZ_EIO,
				  _("database %s: its files were deleted or replaced while lianzheng had it open; nothing was written; close every lianzheng using it and start again"),
				  s->dir);
	if (claimed_elsewhere(s->claim_fd, s->claim_at))
		return two_lock_files(s, err);
	return LZ_OK;
}

/* Any program has the database in dir open, whatever lock file it uses
 * (for restore, which must not replace a file someone writes to). */
bool store_data_file_in_use(const char *dir)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool used = claimed_between(fd, CLAIM_BASE, CLAIM_BASE + CLAIM_SPAN);
	close(fd);
	return used;
}
