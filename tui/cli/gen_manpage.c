/* Builds the manual page from lianzheng.1.in: a line
 *     .\" @add-usage KIND
 * becomes the synopsis of "KIND add", written from the kind's field table
 * as --help writes it, so the page cannot drift from the options.  Every
 * other line is copied.  Run at build time: gen_manpage IN OUT. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_fields.h"

static const char marker[] = ".\\\" @add-usage ";

static int fail(const char *what, const char *path)
{
	fprintf(stderr, "gen_manpage: %s %s: %s\n", what, path, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gen_manpage IN OUT\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "r");
	if (!in)
		return fail("cannot read", argv[1]);
	FILE *out = fopen(argv[2], "w");
	if (!out)
		return fail("cannot write", argv[2]);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int no = 0, status = 0;
	while ((len = getline(&line, &cap, in)) > 0) {
		no++;
		if (strncmp(line, marker, sizeof marker - 1) != 0) {
			fwrite(line, 1, (size_t)len, out);
			continue;
		}
		char *name = line + sizeof marker - 1;
		name[strcspn(name, "\n")] = '\0';
		int kind = -1;
		for (int k = 0; k < LZ_KIND_COUNT; k++)
			if (strcmp(name, lz_kind_name((lz_kind)k)) == 0)
				kind = k;
		if (kind < 0) {
			fprintf(stderr, "%s:%d: no kind of record is called '%s'\n", argv[1], no, name);
			status = 1;
			continue;
		}
		cli_print_add_usage_roff(out, (lz_kind)kind);
	}
	free(line);
	if (ferror(in))
		status = fail("cannot read", argv[1]);
	fclose(in);
	if (fclose(out) != 0)
		status = fail("cannot write", argv[2]);
	if (status)
		remove(argv[2]);
	return status;
}
