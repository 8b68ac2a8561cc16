/* The terminal under the pager: start, stop, signals. */
#ifndef LEDE_TERM_H
#define LEDE_TERM_H

#include "lede/err.h"

/* How often a blocked key read wakes up to look for a signal. */
#define LEDE_KEY_POLL_MS 200

/* Starts ncurses on the terminal (keys from /dev/tty when standard input is
 * not one), in cbreak mode with the keypad, mouse wheel and a key timeout,
 * and installs the handlers that give the terminal back. */
int lede_term_start(struct lede_err *err);
/* Gives the terminal back and resets the handlers; safe to call twice. */
void lede_term_stop(void);
/* The SIGINT, SIGTERM or SIGHUP that asked the pager to stop, or 0. */
int lede_term_signal(void);
void lede_term_clear_signal(void);

/* Seconds since the process started: the kernel's start time (field 22 of
 * /proc/self/stat, clock ticks since boot, so 10 ms granularity) against
 * CLOCK_BOOTTIME; -1 without /proc. */
double lede_process_age(void);

#endif
