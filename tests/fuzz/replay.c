/* Runs fuzz inputs through the fuzz target without libFuzzer, so the seed
 * corpus and saved crashers are regression tests in every build. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lz_plan_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	size_t cap = 4 * 1024 * 1024;
	uint8_t *buf = malloc(cap);
	if (!buf)
		abort();
	size_t n = fread(buf, 1, cap, f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

static int run_path(const char *path, int *count)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		++*count;
		return run_file(path);
	}
	DIR *dir = opendir(path);
	if (!dir) {
		perror(path);
		return 1;
	}
	int failures = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		char *sub;
		if (asprintf(&sub, "%s/%s", path, e->d_name) < 0)
			abort();
		failures += run_path(sub, count);
		free(sub);
	}
	closedir(dir);
	return failures;
}

int main(int argc, char **argv)
{
	int failures = 0, count = 0;
	for (int i = 1; i < argc; i++)
		failures += run_path(argv[i], &count);
	printf("%d inputs replayed\n", count);
	return failures ? 1 : 0;
}
