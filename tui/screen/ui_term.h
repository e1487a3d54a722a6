/* The terminal's fitness for the full-screen program. */
#ifndef LZ_UI_TERM_H
#define LZ_UI_TERM_H

#include "lz_err.h"

/* Refuses, saying why in err, a terminal that cannot show the full-screen
 * program: TERM unset or unknown, or one without cursor addressing (dumb,
 * a generic or a printing terminal). */
lz_rc ui_check_terminal(lz_err *err);

#endif
