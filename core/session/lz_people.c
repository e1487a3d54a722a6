/* Who else has a name, and which records name a person (lz_people.h). */
#include "lz_people.h"

#include <string.h>

#include "lz_fields.h"

typedef struct same_name {
	const char *name;
	lz_id except, found;
	lz_arena *arena;
} same_name;

static bool has_name(const lz_record *r, const char *name)
{
	return r->u.person.name && strcmp(r->u.person.name, name) == 0;
}

static bool keep_other(const lz_record *r, void *ctx)
{
	same_name *x = ctx;
	if (r->u.meta.id != x->except) {
		x->found = r->u.meta.id;
		return false;
	}
	lz_arena_free(x->arena);
	return true;
}

lz_rc lz_people_same_name(lz_store *s, const char *name, lz_id except, lz_id *other,
			  lz_err *err)
{
	lz_arena a = {0};
	same_name x = {name, except, 0, &a};
	*other = 0;
	lz_rc rc = name && *name ? lz_store_search(s, LZ_KIND_PERSON, name, has_name, &a, keep_other,
						  &x, err)
				 : LZ_OK;
	lz_arena_free(&a);
	if (rc == LZ_OK)
		*other = x.found;
	return rc;
}

typedef struct count_ctx {
	size_t *n;
	lz_arena *arena;
} count_ctx;

static bool count_one(const lz_record *r, void *ctx)
{
	(void)r;
	count_ctx *c = ctx;
	(*c->n)++;
	lz_arena_free(c->arena);
	return true;
}

lz_rc lz_people_named_in(lz_store *s, const char *name, size_t counts[LZ_KIND_COUNT],
			 lz_err *err)
{
	memset(counts, 0, LZ_KIND_COUNT * sizeof *counts);
	lz_arena a = {0};
	lz_rc rc = LZ_OK;
	for (int k = 0; k < LZ_KIND_COUNT && rc == LZ_OK && name && *name; k++) {
		if (k == LZ_KIND_PERSON)
			continue;
		count_ctx c = {&counts[k], &a};
		rc = lz_store_search(s, (lz_kind)k, name, lz_record_names_person, &a, count_one, &c,
				     err);
	}
	lz_arena_free(&a);
	return rc;
}
