/*
 * What every daemon of the router shares: its command line (--rundir,
 * --debug), logging set-up, and SIGTERM/SIGINT/SIGHUP on its event loop.
 */
#ifndef PLATFORM_DAEMON_H
#define PLATFORM_DAEMON_H

struct event_base;
struct daemon_signals;

struct daemon_opts {
	const char	*rundir;	/* resolved (never NULL) */
	int		 debug;
};

/* Parses argv (exits with the usage text on a bad option), starts logging
 * as name, resolves and creates the run directory, ignores SIGPIPE. */
void	daemon_init(int argc, char *argv[], const char *name,
	    const char *what, struct daemon_opts *);

/* Calls on_stop for SIGTERM/SIGINT and on_hup (if not NULL) for SIGHUP. */
struct daemon_signals *daemon_signals_new(struct event_base *,
	    void (*on_stop)(void *), void (*on_hup)(void *), void *arg);
void	daemon_signals_free(struct daemon_signals *);

#endif
