/* LMDB trusts its file: a damaged page can send it reading outside the
 * map or into one of its assertions, which would end the program in the
 * middle of a command.  A file not yet verified (a backup to restore), or
 * one being verified because it may be damaged (db check, audit verify),
 * is therefore read in a child process, which opens it afresh (an LMDB
 * handle must not be used across a fork) and sends back what it found;
 * its death is reported as damage, and the caller goes on. */
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lz_evidence.h"
#include "lz_i18n.h"

bool store_write_all(int fd, const void *buf, size_t n)
{
	for (const char *p = buf; n > 0;) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static bool read_all(int fd, void *buf, size_t n)
{
	for (char *p = buf; n > 0;) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}

/* LMDB names a failed assertion on stderr before it aborts: worth
 * passing on.  The child's stderr went to errs. */
static void assertion_of(FILE *errs, char *out, size_t n)
{
	char line[512];
	out[0] = '\0';
	if (!errs || fseek(errs, 0, SEEK_SET) != 0)
		return;
	while (fgets(line, sizeof line, errs))
		if (strstr(line, "Assertion")) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(out, n, ": %.300s", line);
			return;
		}
}

/* Runs fn in a child process.  EXAMINED: *v and *report (malloc'd, NUL
 * terminated) hold what it found.  DIED: why says how it ended. */
enum examined store_examine_apart(examine_fn fn, const void *ctx, unsigned limit, verdict *v,
				  char **report, char *why, size_t why_size)
{
	*report = NULL;
	int p[2];
	if (pipe2(p, O_CLOEXEC) != 0) {
		snprintf(why, why_size, "%s", strerror(errno));
		return NO_CHILD;
	}
	FILE *errs = tmpfile();
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(why, why_size, "%s", strerror(errno));
		close(p[0]);
		close(p[1]);
		if (errs)
			fclose(errs);
		return NO_CHILD;
	}
	if (pid == 0) {
		close(p[0]);
		/* A sanitizer's or LMDB's report of the crash is the parent's
		 * to summarise, not to show raw. */
		if (errs)
			dup2(fileno(errs), STDERR_FILENO);
		char *rep = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&rep, &len);
		if (!f)
			_exit(70);
		verdict mine;
		memset(&mine, 0, sizeof mine);
		/* A damaged file can also send LMDB round a cycle of pages
		 * for ever: the check gets a generous time, then ends. */
		signal(SIGALRM, SIG_DFL);
		alarm(limit);
		fn(ctx, f, &mine);
		fclose(f);
		mine.report_len = len;
		bool sent = store_write_all(p[1], &mine, sizeof mine) &&
			    store_write_all(p[1], rep, len);
		/* _exit: the parent's buffers and exit handlers are not ours. */
		_exit(sent ? 0 : 70);
	}
	close(p[1]);
	bool whole = read_all(p[0], v, sizeof *v) && v->report_len < ((size_t)1 << 30);
	if (whole) {
		*report = malloc(v->report_len + 1);
		if (!*report)
			abort();
		whole = read_all(p[0], *report, v->report_len);
		(*report)[whole ? v->report_len : 0] = '\0';
	}
	close(p[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (whole && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		if (errs)
			fclose(errs);
		return EXAMINED;
	}
	free(*report);
	*report = NULL;
	char assertion[400];
	assertion_of(errs, assertion, sizeof assertion);
	if (errs)
		fclose(errs);
	const char *sig = WIFSIGNALED(status) ? sigabbrev_np(WTERMSIG(status)) : NULL;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		snprintf(why, why_size, _("reading it did not end within %u seconds"), limit);
	else if (WIFSIGNALED(status))
		snprintf(why, why_size, _("reading it crashed the check (signal %d, SIG%s%s)"),
			 WTERMSIG(status), sig ? sig : "?", assertion);
	else
		snprintf(why, why_size, _("reading it stopped the check (exit status %d%s)"),
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1, assertion);
	return DIED;
}

/* Seconds a check of the file at path may take: a minute, and more for a
 * big file (a few seconds per MiB covers a slow disk and a sanitizer);
 * audit verify hashes the evidence store as well, a second per 20 MiB. */
unsigned store_check_limit(const char *path, bool single_file)
{
	char data[PATH_MAX + 64];
	snprintf(data, sizeof data, single_file ? "%.4100s" : "%.4100s/data.mdb", path);
	struct stat st;
	off_t size = stat(data, &st) == 0 ? st.st_size : 0;
	off_t evidence = 0;
	snprintf(data, sizeof data, "%.4100s/" LZ_EVIDENCE_DIR, path);
	DIR *d = single_file ? NULL : opendir(data);
	for (struct dirent *e; d && (e = readdir(d));)
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
			evidence += st.st_size;
	if (d)
		closedir(d);
	return 60 + (unsigned)(size >> 20) * 4 + (unsigned)(evidence >> 20) / 20;
}

static lz_rc damaged(const char *dir, enum examined how, const char *why, lz_err *err)
{
	if (how == NO_CHILD)
		return lz_err_set(err, LZ_EIO, _("cannot check %s: %s"), dir, why);
	return lz_err_set(err, LZ_EIO, _("database %s is damaged: %s; restore it from a backup"),
			  dir, why);
}

/* Examines the database t names with fn in a child process: LZ_OK with
 * *v and *report when the child told what it found, else its death (or
 * the failure to start it) as the error. */
lz_rc store_examine_target(const target *t, examine_fn fn, verdict *v, char **report,
			   lz_err *err)
{
	char why[600];
	enum examined how = store_examine_apart(fn, t, store_check_limit(t->path, t->opt.single_file),
						v, report, why, sizeof why);
	if (how != EXAMINED)
		return damaged(t->path, how, why, err);
	return LZ_OK;
}
