/* Translation hooks.  The library names its text domain explicitly so its
 * messages are translated whatever domain the calling program chose. */
#ifndef LZ_I18N_H
#define LZ_I18N_H

#include <libintl.h>
#include <string.h>
#include "lz_config.h"

#define _(s) dgettext(LZ_GETTEXT_PACKAGE, s)
#define N_(s) (s)
/* A message with a context, for words whose translation depends on what
 * they label (a person's name, a meeting type's name). */
#define C_(ctx, s) lz_pgettext(ctx "\004" s, s)
/* The same, marked for translation but translated later (lz_pgettext_key). */
#define NC_(ctx, s) ctx "\004" s

/* key: "context\004message", or a plain message. */
static inline const char *lz_pgettext_key(const char *key)
{
	const char *eot = strchr(key, '\004');
	if (!eot)
		return dgettext(LZ_GETTEXT_PACKAGE, key);
	const char *t = dgettext(LZ_GETTEXT_PACKAGE, key);
	return t == key ? eot + 1 : t;
}

static inline const char *lz_pgettext(const char *key, const char *msgid)
{
	const char *t = dgettext(LZ_GETTEXT_PACKAGE, key);
	return t == key ? msgid : t;
}

#endif
