/* Test helper for tests/fault: changes a database behind the program's
 * back, as someone with the file and the LMDB tools could, so the tests can
 * show that `lianzheng audit verify` notices.
 *
 *   lz-fault-tamper DIR len  TABLE KEY         print the value's length
 *   lz-fault-tamper DIR flip TABLE KEY OFFSET  invert one byte of the value
 *                                              (OFFSET < 0 counts from the end)
 *   lz-fault-tamper DIR del  TABLE KEY         delete the entry
 *   lz-fault-tamper FILE flipfile OFFSET       invert one byte of a file
 *   lz-fault-tamper DIR planmin OBLIGATION MIN change an obligation's minimum
 *                                              in the first year's compiled
 *                                              plan (plan_bin:YYYY)
 *
 * TABLE is a named database ("meetings", "log", …); KEY is the number
 * the store keys it by (a record id or a log sequence number, 8 bytes
 * big-endian).  Exit 0 done, 1 failure, 2 bad arguments. */
#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lz_plan_cache.h"

static const char *prog;

static int usage(void)
{
	fprintf(stderr,
		"usage: %s DIR len|del TABLE KEY\n"
		"       %s DIR flip TABLE KEY OFFSET\n"
		"       %s FILE flipfile OFFSET\n"
		"       %s DIR planmin OBLIGATION MIN\n",
		prog, prog, prog, prog);
	return 2;
}

static int fail(const char *what, int rc)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, mdb_strerror(rc));
	return 1;
}

static int flip_file(const char *file, long long off)
{
	int fd = open(file, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, file, strerror(errno));
		return 1;
	}
	unsigned char b;
	if (pread(fd, &b, 1, (off_t)off) != 1) {
		fprintf(stderr, "%s: %s: no byte at %lld\n", prog, file, off);
		close(fd);
		return 1;
	}
	b ^= 0xff;
	int rc = pwrite(fd, &b, 1, (off_t)off) == 1 ? 0 : 1;
	if (rc)
		fprintf(stderr, "%s: %s: %s\n", prog, file, strerror(errno));
	close(fd);
	return rc;
}

/* The compiled plan decoded, one obligation's minimum changed, encoded
 * again: what an editor of the file could do to lower a quota while the
 * plan's text (which the chain covers) stays as it was. */
static int plan_min(const char *dir, const char *obligation, int min)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	int rc = mdb_env_create(&env);
	if (!rc)
		rc = mdb_env_set_maxdbs(env, 64);
	if (!rc)
		rc = mdb_env_open(env, dir, 0, 0600);
	if (!rc)
		rc = mdb_txn_begin(env, NULL, 0, &txn);
	if (!rc)
		rc = mdb_dbi_open(txn, "meta", 0, &dbi);
	/* The first year's compiled plan ("plan_bin:YYYY"). */
	MDB_val k = {.mv_size = 9, .mv_data = "plan_bin:"}, v;
	MDB_cursor *cur = NULL;
	if (!rc)
		rc = mdb_cursor_open(txn, dbi, &cur);
	if (!rc)
		rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	if (!rc && (k.mv_size != 13 || memcmp(k.mv_data, "plan_bin:", 9) != 0))
		rc = MDB_NOTFOUND;
	char key_text[16];
	if (!rc) {
		memcpy(key_text, k.mv_data, 13);
		k.mv_data = key_text;
	}
	if (cur)
		mdb_cursor_close(cur);
	if (rc)
		return fail(dir, rc);
	lz_plan *plan = lz_plan_decode(v.mv_data, v.mv_size);
	if (!plan) {
		fprintf(stderr, "%s: plan_bin is not a compiled plan of this version\n", prog);
		return 1;
	}
	bool found = false;
	for (size_t i = 0; i < plan->n_obligations; i++)
		if (strcmp(plan->obligations[i].id, obligation) == 0) {
			((lz_obligation *)&plan->obligations[i])->min = min;
			found = true;
		}
	if (!found) {
		fprintf(stderr, "%s: no obligation %s\n", prog, obligation);
		return 1;
	}
	unsigned char *buf;
	size_t len;
	lz_plan_encode(plan, &buf, &len);
	lz_plan_free(plan);
	MDB_val nv = {.mv_size = len, .mv_data = buf};
	rc = mdb_put(txn, dbi, &k, &nv, 0);
	free(buf);
	if (!rc)
		rc = mdb_txn_commit(txn);
	if (rc)
		return fail("planmin", rc);
	mdb_env_close(env);
	return 0;
}

int main(int argc, char **argv)
{
	prog = argv[0];
	if (argc == 4 && strcmp(argv[2], "flipfile") == 0)
		return flip_file(argv[1], strtoll(argv[3], NULL, 10));
	if (argc == 5 && strcmp(argv[2], "planmin") == 0)
		return plan_min(argv[1], argv[3], atoi(argv[4]));
	if (argc < 5)
		return usage();
	const char *dir = argv[1], *cmd = argv[2], *table = argv[3];
	bool flip = strcmp(cmd, "flip") == 0;
	if ((flip && argc != 6) || (!flip && (argc != 5 || (strcmp(cmd, "len") != 0 &&
							    strcmp(cmd, "del") != 0))))
		return usage();
	char *end;
	unsigned long long id = strtoull(argv[4], &end, 10);
	if (*end)
		return usage();
	unsigned char kb[8];
	for (int i = 0; i < 8; i++)
		kb[i] = (unsigned char)(id >> (56 - 8 * i));
	MDB_val k = {.mv_size = 8, .mv_data = kb}, v;

	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	int rc = mdb_env_create(&env);
	if (!rc)
		rc = mdb_env_set_maxdbs(env, 64);
	if (!rc)
		rc = mdb_env_open(env, dir, 0, 0600);
	if (rc)
		return fail(dir, rc);
	if ((rc = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
		return fail("begin", rc);
	if ((rc = mdb_dbi_open(txn, table, 0, &dbi)) != 0)
		return fail(table, rc);
	if ((rc = mdb_get(txn, dbi, &k, &v)) != 0)
		return fail(argv[4], rc);
	if (strcmp(cmd, "len") == 0) {
		printf("%zu\n", v.mv_size);
		mdb_txn_abort(txn);
		mdb_env_close(env);
		return 0;
	}
	if (strcmp(cmd, "del") == 0) {
		rc = mdb_del(txn, dbi, &k, NULL);
	} else {
		long long off = strtoll(argv[5], NULL, 10);
		if (off < 0)
			off += (long long)v.mv_size;
		if (off < 0 || (size_t)off >= v.mv_size) {
			fprintf(stderr, "%s: offset %s is outside the %zu-byte value\n", prog, argv[5],
				v.mv_size);
			return 1;
		}
		/* The value lives in the map, which is read-only: change a copy. */
		unsigned char *copy = malloc(v.mv_size);
		if (!copy)
			abort();
		memcpy(copy, v.mv_data, v.mv_size);
		copy[off] ^= 0xff;
		MDB_val nv = {.mv_size = v.mv_size, .mv_data = copy};
		rc = mdb_put(txn, dbi, &k, &nv, 0);
		free(copy);
	}
	if (rc)
		return fail(cmd, rc);
	if ((rc = mdb_txn_commit(txn)) != 0)
		return fail("commit", rc);
	mdb_env_close(env);
	return 0;
}
