/*
 * The run directory contract: everything one router keeps at run time lives
 * under one directory, so several routers run side by side (one per network
 * namespace).  Names below are relative to it.
 */
#ifndef PLATFORM_RUNDIR_H
#define PLATFORM_RUNDIR_H

#include <stddef.h>

/* config.h (configure --with-rundir) normally defines it. */
#ifndef RUNDIR_DEFAULT
#define RUNDIR_DEFAULT		"/run/lisprouter"
#endif
#define RUNDIR_ENV		"LISPROUTER_RUNDIR"

#define RUNDIR_CFGD_SOCK	"cfgd.sock"
#define RUNDIR_LISPD_SOCK	"lispd.sock"
#define RUNDIR_VTYD_SOCK	"vtyd.sock"
#define RUNDIR_STARTUP		"startup-config"
#define RUNDIR_SUPERVISOR_PID	"routerctl.pid"
#define RUNDIR_LOGDIR		"log"

/* The run directory to use: dir if not NULL, else $LISPROUTER_RUNDIR, else
 * RUNDIR_DEFAULT.  Borrowed. */
const char	*rundir_resolve(const char *dir);
/* Writes rundir/name into buf.  Returns 0 or -ENAMETOOLONG. */
int		 rundir_path(char *buf, size_t len, const char *rundir,
		    const char *name);
/* Creates the directory (and log/) if missing, mode 0755.  Returns 0 or
 * -errno. */
int		 rundir_make(const char *rundir);

#endif
