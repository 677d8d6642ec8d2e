/*
 * The per-router supervisor: runs one router's daemons from its run
 * directory, restarts a daemon that exits (with back-off), restarts them all
 * on SIGHUP and stops them on SIGTERM or SIGINT.  routerctl.c is the
 * command-line front end that starts, stops and queries it.
 */
#ifndef PLATFORM_SUPERVISE_H
#define PLATFORM_SUPERVISE_H

#include <stddef.h>

/* Files in the run directory besides RUNDIR_SUPERVISOR_PID. */
#define SUPERVISE_STATUS	"routerctl.status"
#define SUPERVISE_LOCK		"routerctl.lock"
#define SUPERVISE_LOG		"log/routerctl.log"

#define SUPERVISE_MAX_DAEMONS	16
#define SUPERVISE_NAME_MAX	32	/* including the NUL */

/* The daemon whose socket says the router is ready. */
#define SUPERVISE_GATE		"cfgd"

/* What the supervisor sends its starter through readyfd once ready. */
#define SUPERVISE_READY		"ready\n"

struct supervise_daemon {
	const char	*name;		/* borrowed */
	const char	*path;		/* the program */
};

/*
 * All borrowed except readyfd: -1, or the write end of a pipe whose
 * ownership passes to supervise_run.  Paths are absolute.
 */
struct supervise_config {
	const char			*rundir;
	const struct supervise_daemon	*daemons;	/* in start order */
	size_t				 ndaemons;
	int				 readyfd;
	int				 limit_caps;	/* caps.h per daemon */
};

/*
 * Runs the supervisor in the calling process until SIGTERM or SIGINT, then
 * returns the exit status.  Logging must be set up (log_init) by the caller.
 * Exits through fatal() only when it cannot start (run directory lock, pid
 * file); once running, no daemon's behaviour makes it exit.
 */
int	supervise_run(const struct supervise_config *);

#endif
