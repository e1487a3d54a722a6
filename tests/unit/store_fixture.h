/* What the store's tests share: a fresh directory for a database, its
 * removal, and opening a store there. */
#ifndef LZ_STORE_FIXTURE_H
#define LZ_STORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lmdb.h>

#include "lz_store.h"

static inline char *make_tmpdir(void)
{
	char *dir = strdup("/tmp/lz-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static inline void remove_tree(const char *dir)
{
	char *cmd;
	assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* map 0: the store's default initial map. */
static inline lz_store *open_store(const char *dir, size_t map)
{
	lz_store_options opt = {.initial_map_bytes = map};
	lz_store *s = NULL;
	lz_err err;
	if (lz_store_open(dir, &opt, &s, &err) != LZ_OK)
		fail_msg("open %s: %s", dir, err.msg);
	return s;
}

/* The bundled plan's text stored, as init stores it: a database written
 * by an older version is checked against its plan before it is upgraded,
 * and a backup before it is restored. */
static inline void store_bundled_plan(lz_store *s)
{
	const char *root = getenv("LIANZHENG_SOURCE_ROOT");
	char *path;
	assert_true(asprintf(&path, "%s/config/plan-2022.yaml", root ? root : ".") > 0);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read %s", path);
	static char yaml[1 << 20];
	size_t len = fread(yaml, 1, sizeof yaml, f);
	fclose(f);
	free(path);
	lz_err err;
	if (lz_store_set_plan(s, 2022, yaml, len, NULL, 0, &err) != LZ_OK)
		fail_msg("set plan: %s", err.msg);
}

/* A write transaction on the database opened with LMDB directly, as
 * someone editing the file behind the program's back would. */
static inline MDB_txn *raw_begin(const char *dir, MDB_env **env)
{
	MDB_txn *txn;
	assert_int_equal(mdb_env_create(env), 0);
	mdb_env_set_maxdbs(*env, 64);
	assert_int_equal(mdb_env_open(*env, dir, 0, 0600), 0);
	assert_int_equal(mdb_txn_begin(*env, NULL, 0, &txn), 0);
	return txn;
}

static inline void raw_commit(MDB_env *env, MDB_txn *txn)
{
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

#endif
