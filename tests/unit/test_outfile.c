/* Output files: the guarded database's files refused under any name, a
 * failed write leaving the old file and no temporary one, the reason of a
 * failed write named with the path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lz_outfile.h"

static const char *const names[] = {"data.mdb", "absent.lock", NULL};

typedef struct fixture {
	char dir[64];     /* the test's directory */
	char db[96];      /* a database directory inside it */
	lz_outfile_opts opts;
} fixture;

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *get(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/lz-outfile-XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->db, sizeof fx->db, "%s/db", fx->dir);
	assert_int_equal(mkdir(fx->db, 0700), 0);
	char data[160];
	snprintf(data, sizeof data, "%s/data.mdb", fx->db);
	put(data, "ledger");
	fx->opts = (lz_outfile_opts){.guard_dir = fx->db, .guard_names = names};
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
	assert_int_equal(system(cmd), 0);
	free(fx);
	return 0;
}

static lz_rc write_hello(FILE *out, void *ctx, lz_err *err)
{
	(void)ctx;
	(void)err;
	fputs("hello", out);
	return LZ_OK;
}

static lz_rc write_then_fail(FILE *out, void *ctx, lz_err *err)
{
	(void)ctx;
	fputs("half", out);
	return lz_err_set(err, LZ_EDATA, "gave up");
}

static lz_rc write_much(FILE *out, void *ctx, lz_err *err)
{
	(void)ctx;
	for (int i = 0; i < 100000; i++)
		fputs("0123456789", out);
	/* As the report writers do: stdio says only that it failed. */
	if (ferror(out))
		return lz_err_set(err, LZ_EIO, "cannot write the output");
	return LZ_OK;
}

/* A guarded name that is not there yet is refused as well, by its
 * directory and name, and nothing is created. */
static void test_guarded_name_not_there(void **state)
{
	fixture *fx = *state;
	char path[160];
	snprintf(path, sizeof path, "%s/absent.lock", fx->db);
	lz_err err;
	lz_err_clear(&err);
	assert_int_equal(lz_outfile_write(path, &fx->opts, write_hello, NULL, &err), LZ_EUSAGE);
	assert_non_null(strstr(err.msg, "is a file of the database"));
	assert_int_equal(entries(fx->db), 1);
	/* The same name elsewhere is an ordinary file. */
	snprintf(path, sizeof path, "%s/absent.lock", fx->dir);
	assert_int_equal(lz_outfile_write(path, &fx->opts, write_hello, NULL, &err), LZ_OK);
	assert_string_equal(get(path), "hello");
}

/* data.mdb under another name: a hard link, a link to it, the directory
 * through a link. */
static void test_guarded_file_other_names(void **state)
{
	fixture *fx = *state;
	char data[160], hard[160], sym[160], dirlink[160], via[200];
	snprintf(data, sizeof data, "%s/data.mdb", fx->db);
	snprintf(hard, sizeof hard, "%s/hard", fx->dir);
	snprintf(sym, sizeof sym, "%s/sym", fx->dir);
	snprintf(dirlink, sizeof dirlink, "%s/dblink", fx->dir);
	snprintf(via, sizeof via, "%s/data.mdb", dirlink);
	assert_int_equal(link(data, hard), 0);
	assert_int_equal(symlink(data, sym), 0);
	assert_int_equal(symlink(fx->db, dirlink), 0);
	const char *paths[] = {data, hard, sym, via, fx->db};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		lz_err err;
		lz_err_clear(&err);
		assert_int_equal(lz_outfile_write(paths[i], &fx->opts, write_hello, NULL, &err),
				 LZ_EUSAGE);
	}
	assert_string_equal(get(data), "ledger");
	assert_int_equal(entries(fx->db), 1);
}

/* A writer that fails leaves the old file as it was and no temporary
 * file beside it; a file replaced keeps its mode. */
static void test_failure_keeps_old_file(void **state)
{
	fixture *fx = *state;
	char path[160];
	snprintf(path, sizeof path, "%s/report.txt", fx->dir);
	put(path, "old");
	assert_int_equal(chmod(path, 0640), 0);
	lz_err err;
	lz_err_clear(&err);
	assert_int_equal(lz_outfile_write(path, &fx->opts, write_then_fail, NULL, &err), LZ_EDATA);
	assert_string_equal(err.msg, "gave up");
	assert_string_equal(get(path), "old");
	assert_int_equal(entries(fx->dir), 2);
	assert_int_equal(lz_outfile_write(path, &fx->opts, write_hello, NULL, &err), LZ_OK);
	assert_string_equal(get(path), "hello");
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(entries(fx->dir), 2);
}

/* A device that refuses the bytes: the message has the path and the
 * reason, whatever the writer said. */
static void test_failed_write_named(void **state)
{
	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	lz_err err;
	lz_err_clear(&err);
	assert_int_equal(lz_outfile_write("/dev/full", NULL, write_much, NULL, &err), LZ_EIO);
	assert_string_equal(err.msg, "cannot write /dev/full: No space left on device");
	struct stat st;
	assert_int_equal(stat("/dev/full", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_guarded_name_not_there, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guarded_file_other_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_keeps_old_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_named, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
