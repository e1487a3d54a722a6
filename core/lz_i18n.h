/* Translation hooks.  The library names its text domain explicitly so its
 * messages are translated whatever domain the calling program chose. */
#ifndef LZ_I18N_H
#define LZ_I18N_H

#include <libintl.h>
#include "lz_config.h"

#define _(s) dgettext(LZ_GETTEXT_PACKAGE, s)
#define N_(s) (s)

#endif
