/* Whether the terminal can show the full-screen program at all.  Apart
 * from ui_main.c because <term.h> defines names like `lines` and `tab`
 * as macros. */
#include <curses.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>

#include "lz_i18n.h"
#include "ui_term.h"

lz_rc ui_check_terminal(lz_err *err)
{
	const char *name = getenv("TERM");
	int found = 0;
	/* A terminal type not in the terminfo database, or none set, would
	 * make initscr end the program with ncurses' own message. */
	if (!name || !*name || setupterm(NULL, STDOUT_FILENO, &found) != OK || found != 1) {
		return lz_err_set(err, LZ_EUSAGE,
				  _("the terminal type '%s' is not known here; set TERM to the terminal's "
				    "type (e.g. xterm-256color), or use the commands (see 'lianzheng --help')"),
				  name ? name : "");
	}
	/* A "dumb" or generic terminal, or a printing one, cannot move the
	 * cursor: the screen would stay blank. */
	const char *cup = tigetstr("cup");
	bool usable = cup && cup != (char *)-1 && tigetflag("gn") <= 0 && tigetflag("hc") <= 0;
	del_curterm(cur_term);
	if (!usable) {
		return lz_err_set(err, LZ_EUSAGE,
				  _("the terminal type '%s' cannot move the cursor, which the full-screen "
				    "program needs; set TERM to the terminal's type (e.g. xterm-256color), or "
				    "use the commands (see 'lianzheng --help')"),
				  name);
	}
	return LZ_OK;
}
