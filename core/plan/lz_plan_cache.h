/* A compiled plan: the loaded plan in a compact binary form, stored beside
 * the plan's YAML so a command starts without parsing and validating YAML
 * again (most of a short command's work otherwise).  It is only a cache:
 * anything wrong with it (damage, another program version) makes the
 * caller load the YAML instead. */
#ifndef LZ_PLAN_CACHE_H
#define LZ_PLAN_CACHE_H

#include <stddef.h>

#include "lz_plan.h"

void lz_plan_encode(const lz_plan *p, unsigned char **buf, size_t *len);
/* NULL when the bytes are not a compiled plan of this version. */
lz_plan *lz_plan_decode(const void *buf, size_t len);

#endif
