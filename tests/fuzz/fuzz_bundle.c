/* libFuzzer target for the reader of backup bundles (store_bundle.c): a
 * tar archive of data.mdb and evidence/HASH, read by restore in the
 * program's own process before anything else checks it.  Any bytes must be
 * refused with a message or read within themselves, never a crash, and
 * what the reader keeps must be what it promises: every evidence file it
 * unpacked hashes to its name. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lz_evidence.h"
#include "store_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		__builtin_trap();
}

static char stage[] = "/tmp/lz-fuzz-bundle-XXXXXX";

/* Every file unpacked hashes to its name; all are removed for the next run. */
static size_t check_stage(void)
{
	DIR *d = opendir(stage);
	check(d != NULL);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		int fd = openat(dirfd(d), e->d_name, O_RDONLY);
		check(fd >= 0);
		char hex[65];
		int64_t len;
		check(lz_evidence_hash_fd(fd, -1, hex, &len, 0, NULL, 0, NULL));
		close(fd);
		check(strcmp(hex, e->d_name) == 0);
		unlinkat(dirfd(d), e->d_name, 0);
		n++;
	}
	closedir(d);
	return n;
}

/* Each run empties the folder; it goes when the process does. */
static void remove_stage(void)
{
	rmdir(stage);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (stage[sizeof stage - 2] == 'X') {
		check(mkdtemp(stage) != NULL);
		atexit(remove_stage);
	}
	int in = memfd_create("bundle", 0), out = memfd_create("data", 0);
	check(in >= 0 && out >= 0);
	check(write(in, data, size) == (ssize_t)size);
	check(lseek(in, 0, SEEK_SET) == 0);
	size_t files = 0;
	lz_err err;
	lz_err_clear(&err);
	lz_rc rc = store_bundle_read(in, out, stage, "fuzz.bak", &files, &err);
	/* A refusal says why; a reading keeps what it counted. */
	check(rc == LZ_OK || err.msg[0]);
	size_t kept = check_stage();
	if (rc == LZ_OK)
		check(kept == files);
	close(in);
	close(out);
	return 0;
}
