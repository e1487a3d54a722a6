/* libFuzzer target over backup files: each input is a mutation of a real
 * backup (the seeds in corpus/backup are small backups the program wrote),
 * put through the check restore makes before it installs a backup.
 *
 * Why in two steps.  LMDB does not validate its pages: a mutated page
 * header, node offset or child page number sends its page walking outside
 * the map or into an assertion.  That walking is LMDB's, not ours, and the
 * program never does it in the process that matters: restore, db check
 * and audit verify read an unverified file in a child process and report
 * its death as damage (tests/fault/restore.sh shows it).  Run in process
 * here, it would stop libFuzzer at the first such crash and teach it
 * nothing about our code.  So each input is first read in a forked child
 * with LMDB's cursors, and every table, key and value it yields is written
 * by LMDB into a fresh file, whose pages LMDB itself laid out and cannot
 * crash on; when the child dies, the input is LMDB's finding and is
 * skipped.  The fresh file holds exactly the mutated keys and values, and
 * is verified in this process, with coverage feedback and the sanitizers:
 * our decoders (records, log entries, month summaries, the compiled plan),
 * the index, chain and plan checks, and the validation of every record
 * against the plan compiled from the stored text.  Mutations that survive
 * LMDB's reading (most that touch values rather than page structure) are
 * the ones that reach this code, as they would in the real program. */
#include <fcntl.h>
#include <lmdb.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lz_store.h"

/* Set by libFuzzer; absent from a build without sanitizers. */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static bool write_file(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return false;
	bool ok = true;
	for (size_t done = 0; ok && done < size;) {
		ssize_t w = write(fd, data + done, size - done);
		ok = w > 0;
		done += ok ? (size_t)w : 0;
	}
	return close(fd) == 0 && ok;
}

/* Copies one table of src into dst (a name, or NULL for the main table's
 * plain entries). */
static int copy_table(MDB_txn *st, MDB_dbi from, MDB_txn *dt, MDB_dbi to)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(st, from, &cur);
	if (rc)
		return rc;
	MDB_val k, v;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		int prc = mdb_put(dt, to, &k, &v, MDB_NOOVERWRITE);
		if (prc && prc != MDB_KEYEXIST && prc != MDB_BAD_VALSIZE)
			rc = prc;
		if (rc)
			break;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* In the child: every table of in, entry by entry, into a new file out.
 * 0 when out was written. */
static int rebuild(const char *in, const char *out)
{
	MDB_env *src, *dst;
	MDB_txn *st, *dt;
	MDB_dbi smain, dmain;
	int rc = mdb_env_create(&src);
	if (!rc)
		rc = mdb_env_set_maxdbs(src, 64);
	if (!rc)
		rc = mdb_env_open(src, in, MDB_NOSUBDIR | MDB_RDONLY | MDB_NOLOCK, 0600);
	if (!rc)
		rc = mdb_env_create(&dst);
	if (!rc)
		rc = mdb_env_set_maxdbs(dst, 64);
	if (!rc)
		rc = mdb_env_set_mapsize(dst, 64u << 20);
	if (!rc)
		rc = mdb_env_open(dst, out, MDB_NOSUBDIR | MDB_NOLOCK | MDB_NOSYNC, 0600);
	if (!rc)
		rc = mdb_txn_begin(src, NULL, MDB_RDONLY, &st);
	if (!rc)
		rc = mdb_txn_begin(dst, NULL, 0, &dt);
	if (!rc)
		rc = mdb_dbi_open(st, NULL, 0, &smain);
	if (!rc)
		rc = mdb_dbi_open(dt, NULL, 0, &dmain);
	MDB_cursor *cur;
	if (!rc)
		rc = mdb_cursor_open(st, smain, &cur);
	if (rc)
		return 1;
	MDB_val k, v;
	for (int crc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); crc == 0 && !rc;
	     crc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		char name[256];
		MDB_dbi from, to;
		bool named = k.mv_size > 0 && k.mv_size < sizeof name &&
			     !memchr(k.mv_data, '\0', k.mv_size);
		if (named) {
			memcpy(name, k.mv_data, k.mv_size);
			name[k.mv_size] = '\0';
			named = mdb_dbi_open(st, name, 0, &from) == 0;
		}
		if (named && mdb_dbi_open(dt, name, MDB_CREATE, &to) == 0)
			rc = copy_table(st, from, dt, to);
		else if (!named)
			mdb_put(dt, dmain, &k, &v, MDB_NOOVERWRITE);
	}
	mdb_cursor_close(cur);
	if (!rc)
		rc = mdb_txn_commit(dt);
	return rc ? 1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[] = "/tmp/lz-fuzz-backup-XXXXXX";
	static bool made;
	if (!made) {
		if (!mkdtemp(dir))
			abort();
		made = true;
	}
	char in[64], out[64];
	snprintf(in, sizeof in, "%s/in.mdb", dir);
	snprintf(out, sizeof out, "%s/clean.mdb", dir);
	unlink(out);
	if (!write_file(in, data, size))
		abort();
	pid_t pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		/* LMDB's crash on a mutated page is expected here: quietly,
		 * and without the handlers the child inherits from libFuzzer
		 * and the sanitizers, which would save the input as a crash of
		 * the target. */
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDERR_FILENO);
		if (__sanitizer_set_death_callback)
			__sanitizer_set_death_callback(NULL);
		static const int deadly[] = {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE};
		for (size_t i = 0; i < sizeof deadly / sizeof *deadly; i++)
			signal(deadly[i], SIG_DFL);
		/* Or a cycle of pages that LMDB walks for ever (the program's
		 * child has a time limit too). */
		signal(SIGALRM, SIG_DFL);  /* not libFuzzer's own timer's */
		alarm(5);
		_exit(rebuild(in, out));
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		lz_err err;
		lz_err_clear(&err);
		lz_rc rc = lz_store_verify_backup_here(out, &err);
		/* A refusal must say why, in one line. */
		if (rc != LZ_OK && (!err.msg[0] || strchr(err.msg, '\n')))
			abort();
	}
	unlink(in);
	unlink(out);
	return 0;
}
