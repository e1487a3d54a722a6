#include "lz_suggest.h"

#include <string.h>

enum { MAXLEN = 64 };

size_t lz_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > MAXLEN || m > MAXLEN)
		return (size_t)-1;
	size_t d[MAXLEN + 1][MAXLEN + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[n][m];
}

void lz_suggest_init(lz_suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->best_distance = (size_t)-1;
}

void lz_suggest_offer(lz_suggest *s, const char *candidate)
{
	size_t dist = lz_edit_distance(s->word, candidate);
	if (dist < s->best_distance) {
		s->best = candidate;
		s->best_distance = dist;
	}
}

const char *lz_suggest_result(const lz_suggest *s)
{
	size_t len = strlen(s->word);
	size_t allowed = len / 3 > 1 ? len / 3 : 1;
	if (allowed > 3)
		allowed = 3;
	return s->best && s->best_distance <= allowed ? s->best : NULL;
}
