/* People as the other records name them: by name, as text (an item's
 * owner, a meeting's host), so nothing breaks when a person is renamed or
 * deleted, and two people of one name are told apart by nothing else.
 * Both front ends ask the same two questions before such a change: does
 * another person have this name, and which records name this one. */
#ifndef LZ_PEOPLE_H
#define LZ_PEOPLE_H

#include <stddef.h>

#include "lz_err.h"
#include "lz_record.h"
#include "lz_store.h"

/* A person named name other than except (0: any): its id in *other, 0
 * when there is none. */
lz_rc lz_people_same_name(lz_store *s, const char *name, lz_id except, lz_id *other,
			  lz_err *err);

/* How many records of each kind name name in a field that names a person
 * (lz_record_names_person); counts[LZ_KIND_PERSON] stays 0. */
lz_rc lz_people_named_in(lz_store *s, const char *name, size_t counts[LZ_KIND_COUNT],
			 lz_err *err);

#endif
