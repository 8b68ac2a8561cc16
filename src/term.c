/* The terminal's life cycle under the pager: ncurses on the real terminal
 * (even when the article came through a pipe), and the terminal given back
 * on every way out: a normal return, SIGINT/SIGTERM/SIGHUP (a flag the key
 * loop sees within LEDE_KEY_POLL_MS), a crash (a handler that writes a prebuilt
 * restore string and resets the tty with async-signal-safe calls, then
 * re-raises) and exit() (an atexit hook). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "lede/term.h"

/* State the signal handlers may touch: flags and a prebuilt byte string. */
static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t curses_on;
static char restore_seq[256];
static size_t restore_len;
static struct termios saved_tio;
static int have_tio, tio_fd = -1;
static int atexit_done;
static FILE *tty_in;

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* A crash inside the pager: put the terminal back with async-signal-safe
 * calls only, then let the signal do what it would have done. */
static void
on_crash(int sig)
{
	if (curses_on) {
		ssize_t w = write(STDOUT_FILENO, restore_seq, restore_len);

		(void)w;
		if (have_tio)
			tcsetattr(tio_fd, TCSANOW, &saved_tio);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
term_restore(void)
{
	if (curses_on) {
		curses_on = 0;
		endwin();
	}
}

static void
add_cap(const char *cap)
{
	char *s = tigetstr(cap);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

int
lede_term_start(struct lede_err *err)
{
	static const int crash[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };
	struct sigaction sa;
	SCREEN *scr;

	/* Keys come from the terminal even when the article came through a pipe. */
	tio_fd = STDIN_FILENO;
	if (!isatty(STDIN_FILENO)) {
		if ((tty_in = fopen("/dev/tty", "r")) == NULL)
			return lede_errf(err, "cannot open the terminal for keys: %s", strerror(errno));
		tio_fd = fileno(tty_in);
	}
	have_tio = tcgetattr(tio_fd, &saved_tio) == 0;
	if ((scr = newterm(NULL, stdout, tty_in ? tty_in : stdin)) == NULL)
		return lede_errf(err, "cannot start the terminal (is TERM set?)");
	set_term(scr);
	curses_on = 1;
	if (!atexit_done) {
		atexit(term_restore);
		atexit_done = 1;
	}
	restore_len = 0;
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmkx");
	add_cap("rmcup");
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++)
		sigaction(crash[i], &sa, NULL);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(LEDE_KEY_POLL_MS);
	curs_set(0);
	mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	return 0;
}

void
lede_term_stop(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };

	term_restore();
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	if (tty_in != NULL) {
		fclose(tty_in);
		tty_in = NULL;
	}
}

/* Seconds since the process started: the kernel's start time (field 22 of
 * /proc/self/stat, in clock ticks since boot, so 10 ms granularity) against
 * CLOCK_BOOTTIME. -1 when /proc is not there. */
double
lede_process_age(void)
{
	char buf[1024], *p;
	unsigned long long start;
	struct timespec now;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f;
	size_t n;
	int field;

	if (hz <= 0 || (f = fopen("/proc/self/stat", "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The command name may hold spaces; fields restart after its ')'. */
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	for (field = 2; field < 22 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p + 1, "%llu", &start) != 1)
		return -1;
	if (clock_gettime(CLOCK_BOOTTIME, &now) != 0)
		return -1;
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9 - (double)start / (double)hz;
}

int
lede_term_signal(void)
{
	return got_signal;
}

void
lede_term_clear_signal(void)
{
	got_signal = 0;
}
