/* The YAML document as a plain tree with source positions: the boundary
 * between the YAML reader (the only code that knows libyaml) and the plan
 * schema, which validates the tree and builds the plan. */
#ifndef LZ_PLAN_TREE_H
#define LZ_PLAN_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "lz_arena.h"
#include "lz_diag.h"

typedef enum ynode_kind { Y_SCALAR, Y_SEQ, Y_MAP } ynode_kind;

typedef struct ynode ynode;
struct ynode {
	ynode_kind kind;
	int line, col;  /* 1-based, columns in characters */
	/* Y_SCALAR */
	const char *str;
	size_t len;
	bool plain;  /* unquoted, so it may be a number, bool or null */
	/* Y_SEQ: items; Y_MAP: keys and values alternate */
	ynode **kids;
	size_t n;
};

/* Parses one YAML document.  Returns NULL (and adds to diags) when the text
 * is not a usable YAML document; anchors, aliases, tags and nesting beyond
 * LZ_PLAN_MAX_DEPTH are refused.  empty is the message for a text with no
 * document at all (empty, or only comments), which names what was expected. */
ynode *plan_yaml_parse(lz_arena *arena, const char *name, const char *buf,
		       size_t len, const char *empty, lz_diags *diags);

#endif
