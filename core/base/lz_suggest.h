/* "Did you mean …?" for mistyped keys and ids. */
#ifndef LZ_SUGGEST_H
#define LZ_SUGGEST_H

#include <stddef.h>

/* Edit distance with transpositions (optimal string alignment), over
 * bytes; strings longer than 64 bytes compare as far apart. */
size_t lz_edit_distance(const char *a, const char *b);

/* Collects candidates and keeps the closest one near enough to word. */
typedef struct lz_suggest {
	const char *word;
	const char *best;
	size_t best_distance;
} lz_suggest;

void lz_suggest_init(lz_suggest *s, const char *word);
void lz_suggest_offer(lz_suggest *s, const char *candidate);
/* The suggestion, or NULL when nothing is close. */
const char *lz_suggest_result(const lz_suggest *s);

#endif
