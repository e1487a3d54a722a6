#include "bench_pty.h"

#include <pty.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

ssize_t bench_pty_drain(bench_pty *p, int timeout_ms, const char *const *markers, bool *seen)
{
	ssize_t total = 0;
	struct pollfd pfd = {.fd = p->master, .events = POLLIN};
	while (poll(&pfd, 1, timeout_ms) > 0) {
		char buf[65536];
		ssize_t n = read(p->master, buf, sizeof buf);
		if (n <= 0)
			break;
		total += n;
		if (markers && seen) {
			size_t keep = p->wlen > 256 ? 256 : p->wlen;
			memmove(p->window, p->window + p->wlen - keep, keep);
			p->wlen = keep;
			size_t room = sizeof p->window - p->wlen - 1;
			size_t add = (size_t)n > room ? room : (size_t)n;
			memcpy(p->window + p->wlen, buf + n - (ssize_t)add, add);
			p->wlen += add;
			for (size_t i = 0; markers[i] && !*seen; i++)
				*seen = memmem(p->window, p->wlen, markers[i], strlen(markers[i])) != NULL;
			if (*seen)
				break;
		}
		/* After the first burst, only wait briefly for its tail. */
		timeout_ms = 5;
	}
	return total;
}

bool bench_pty_start(bench_pty *p, const char *lianzheng, const char *db, const char *now_epoch)
{
	struct winsize ws = {.ws_row = 30, .ws_col = 100};
	p->wlen = 0;
	p->t0 = now();
	p->pid = forkpty(&p->master, NULL, NULL, &ws);
	if (p->pid < 0)
		return false;
	if (p->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LIANZHENG_NOW", now_epoch, 1);
		setenv("TZ", "UTC", 1);
		execl(lianzheng, lianzheng, "--db", db, (char *)NULL);
		_exit(127);
	}
	/* The bottom line is drawn last. */
	static const char *const bottom[] = {"F10", "press B", NULL};
	bool seen = false;
	while (!seen && now() - p->t0 < 10)
		bench_pty_drain(p, 50, bottom, &seen);
	p->first_screen = now() - p->t0;
	return true;
}

bool bench_pty_key(bench_pty *p, const char *s)
{
	if (write(p->master, s, strlen(s)) < 0)
		return false;
	bench_pty_drain(p, 1000, NULL, NULL);
	return true;
}

bool bench_pty_quit(bench_pty *p, struct rusage *ru)
{
	if (write(p->master, "q", 1) < 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, NULL, 0);
		close(p->master);
		return false;
	}
	double t0 = now();
	int status;
	for (;;) {
		bench_pty_drain(p, 20, NULL, NULL);
		pid_t w = wait4(p->pid, &status, WNOHANG, ru);
		if (w == p->pid)
			break;
		if (now() - t0 > 600) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, NULL, 0);
			close(p->master);
			return false;
		}
	}
	close(p->master);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
