/*
 * What configuration hooks may reach of the daemon that runs them
 * (struct cfg_apply.env).  cfgd fills one in; pure tests and other
 * daemons that parse configuration pass NULL, and hooks must then skip
 * every side effect and only validate and store.
 */
#ifndef CFG_ENV_H
#define CFG_ENV_H

struct cfg_env {
	const char	*rundir;	/* the router's run directory */
	void		*platform;	/* cfgd's platform state (netlink ...) */
};

#endif
