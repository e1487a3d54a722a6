/* Evidence (issue 17): the types read from a file's first bytes, the
 * record codec and validation of the evidence field, and the store's
 * files — stored once under their hash, put right when altered, checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lz_evidence.h"
#include "lz_fields.h"
#include "lz_validate.h"
#include "record_codec.h"

#define HASH_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static void test_types(void **state)
{
	(void)state;
	const unsigned char pdf[] = "%PDF-1.7\n", png[] = "\x89PNG\r\n\x1a\n\0\0",
			    jpg[] = "\xff\xd8\xff\xe0", zip[] = "PK\x03\x04\x14\0",
			    ole[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bin[] = "\x01\x00\x02";
	assert_string_equal(lz_evidence_type(pdf, 9, "x.bin"), "application/pdf");
	assert_string_equal(lz_evidence_type(png, 10, "a"), "image/png");
	assert_string_equal(lz_evidence_type(jpg, 4, "照片.JPG"), "image/jpeg");
	assert_string_equal(lz_evidence_type(zip, 6, "承诺书.DOCX"),
			    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	assert_string_equal(lz_evidence_type(zip, 6, "a.zip"), "application/zip");
	assert_string_equal(lz_evidence_type(ole, 8, "签到表.xls"), "application/vnd.ms-excel");
	assert_string_equal(lz_evidence_type((const unsigned char *)"a,b\n", 4, "t.csv"), "text/csv");
	assert_string_equal(lz_evidence_type((const unsigned char *)"会议纪要", 12, "纪要"), "text/plain");
	/* A character cut at the end of the bytes read is still text. */
	assert_string_equal(lz_evidence_type((const unsigned char *)"会议纪要", 11, "纪要"), "text/plain");
	assert_string_equal(lz_evidence_type(bin, 3, "x.txt"), "application/octet-stream");
	assert_string_equal(lz_evidence_type(bin, 0, "empty"), "application/octet-stream");
}

static void test_codec_and_check(void **state)
{
	(void)state;
	lz_record r;
	lz_record_init(LZ_KIND_RISK, &r);
	r.u.risk.post = "财务岗";
	lz_evidence ev[] = {{HASH_ABC, "签到表.pdf", 3, "application/pdf"},
			    {HASH_ABC, "second name", 3, "text/plain"}};
	r.u.meta.evidence = ev;
	r.u.meta.n_evidence = 2;
	unsigned char *buf;
	size_t len;
	lz_record_encode(&r, &buf, &len);
	lz_arena a = {0};
	lz_record back;
	assert_int_equal(lz_record_decode(LZ_KIND_RISK, buf, len, &a, &back, NULL), LZ_OK);
	free(buf);
	assert_int_equal(back.u.meta.n_evidence, 2);
	assert_string_equal(back.u.meta.evidence[0].sha256, HASH_ABC);
	assert_string_equal(back.u.meta.evidence[0].name, "签到表.pdf");
	assert_int_equal(back.u.meta.evidence[1].size, 3);
	assert_string_equal(back.u.meta.evidence[1].type, "text/plain");
	assert_string_equal(back.u.risk.post, "财务岗");

	const lz_fielddef *f = lz_field_find(lz_fields_of(LZ_KIND_MEETING), "evidence");
	assert_non_null(f);
	assert_true(f->flags & LZ_FF_NO_OPTION);
	for (int k = 0; k < LZ_KIND_COUNT; k++)
		assert_non_null(lz_field_find(lz_fields_of((lz_kind)k), "evidence"));
	lz_err err;
	const lz_fielddef *rf = lz_field_find(lz_fields_of(LZ_KIND_RISK), "evidence");
	assert_int_equal(lz_field_check(rf, &back, NULL, &err), LZ_OK);
	lz_evidence bad = ev[0];
	bad.sha256 = "../../etc/passwd";
	assert_int_equal(lz_validate_evidence(&bad, &err), LZ_EDATA);
	assert_non_null(strstr(err.msg, "is not a SHA-256"));
	bad = ev[0];
	bad.name = "two\nlines";
	assert_int_equal(lz_validate_evidence(&bad, &err), LZ_EDATA);
	bad = ev[0];
	bad.size = LZ_EVIDENCE_MAX_BYTES;
	assert_int_equal(lz_validate_evidence(&bad, &err), LZ_EDATA);
	bad = ev[0];
	bad.type = "text plain";
	assert_int_equal(lz_validate_evidence(&bad, &err), LZ_EDATA);
	/* Not set from text: only evidence add sets it. */
	assert_int_equal(lz_field_parse(rf, &back, NULL, "x", &a, &err), LZ_EDATA);
	lz_arena_free(&a);
}

static void test_store_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/lz-evidence-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char src[300], stored[400];
	snprintf(src, sizeof src, "%s/abc.txt", dir);
	FILE *f = fopen(src, "w");
	fputs("abc", f);
	fclose(f);
	lz_arena a = {0};
	lz_evidence e;
	bool had;
	lz_err err;
	assert_int_equal(lz_evidence_put(dir, src, &a, &e, &had, &err), LZ_OK);
	assert_false(had);
	assert_string_equal(e.sha256, HASH_ABC);
	assert_string_equal(e.name, "abc.txt");
	assert_int_equal(e.size, 3);
	assert_string_equal(e.type, "text/plain");
	assert_int_equal(lz_evidence_check(dir, &e), LZ_EVIDENCE_INTACT);
	assert_int_equal(lz_evidence_put(dir, src, &a, &e, &had, &err), LZ_OK);
	assert_true(had);
	/* Altered in the store: found, and put right by adding it again. */
	lz_evidence_path(dir, HASH_ABC, stored, sizeof stored);
	f = fopen(stored, "w");
	fputs("abd", f);
	fclose(f);
	assert_int_equal(lz_evidence_check(dir, &e), LZ_EVIDENCE_ALTERED);
	assert_int_equal(lz_evidence_put(dir, src, &a, &e, &had, &err), LZ_OK);
	assert_false(had);
	assert_int_equal(lz_evidence_check(dir, &e), LZ_EVIDENCE_INTACT);
	unlink(stored);
	assert_int_equal(lz_evidence_check(dir, &e), LZ_EVIDENCE_MISSING);
	/* A directory is no evidence; nothing is left behind. */
	assert_int_equal(lz_evidence_put(dir, dir, &a, &e, &had, &err), LZ_EDATA);
	char ev[300];
	snprintf(ev, sizeof ev, "%s/evidence", dir);
	assert_int_equal(rmdir(ev), 0);
	unlink(src);
	rmdir(dir);
	lz_arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_codec_and_check),
		cmocka_unit_test(test_store_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
