/* The full-screen program in a pseudo-terminal, as the benchmarks drive
 * it: started on a database at a fixed "now", timed to its first screen,
 * fed keys, and quit.  Shared by bench_tui (the calendar's keys) and
 * bench_years (the first screen over ten years). */
#ifndef BENCH_PTY_H
#define BENCH_PTY_H

#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>

typedef struct bench_pty {
	pid_t pid;
	int master;
	double t0;            /* just before the fork */
	double first_screen;  /* seconds from t0 to the bottom line */
	/* The tail of what was read, where the markers are looked for:
	 * per session, so one session's key bar is never taken for the
	 * next one's. */
	char window[8192];
	size_t wlen;
} bench_pty;

/* Runs lianzheng --db db in a 100×30 pty (TERM=xterm-256color, TZ=UTC,
 * LIANZHENG_NOW=now_epoch) and waits up to 10 s for its bottom line: the
 * key bar, or the reminder that no backup has been made, which takes its
 * place on a new database's first start.  False when it cannot start. */
bool bench_pty_start(bench_pty *p, const char *lianzheng, const char *db, const char *now_epoch);
/* Reads what the program writes within timeout_ms (then only its tail);
 * with markers (NULL-terminated), stops once one has appeared and sets
 * *seen.  Returns the bytes read. */
ssize_t bench_pty_drain(bench_pty *p, int timeout_ms, const char *const *markers, bool *seen);
/* Sends s and waits until the screen has answered it. */
bool bench_pty_key(bench_pty *p, const char *s);
/* Sends q and reaps the program (killed after 600 s): true when it exited
 * with status 0; *ru gets its resource usage. */
bool bench_pty_quit(bench_pty *p, struct rusage *ru);

#endif
