/*
 * cfgd's modules share this (internal to the cfgd program): the daemon's
 * context, the request handler tables each module exports, and the helpers
 * they use.  cfgd.c dispatches every request through the tables.
 */
#ifndef CFG_CFGD_H
#define CFG_CFGD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cfg/env.h"

struct cfgd_logging;
struct cfgd_platform;
struct cfgd_switch;
struct cfg_model;
struct cmd_grammar;
struct daemon_signals;
struct event_base;
struct ipc_msg;
struct ipc_peer;
struct ipc_server;

#define STARTUP_MAX	(256u * 1024 * 1024)
#define DATA_CHUNK	(256u * 1024)

struct cfgd {
	struct event_base	*base;
	struct daemon_signals	*signals;
	struct ipc_server	*server;
	const char		*rundir;
	char			 startup_path[4096];
	char			 sock_path[4096];
	struct cmd_grammar	*grammar;
	struct cfg_model	*model;
	time_t			 started;
	time_t			 changed;
	char			*changed_by;
	time_t			 saved;
	char			*saved_by;
	int			 dirty;		/* running differs from startup */
	char			*boot_license;	/* level loaded at start, or NULL */
	struct cfg_env		 env;		/* what hooks may reach */
	struct ipc_peer		**subs;		/* peers that want events */
	size_t			 nsubs;
	struct cfgd_platform	*platform;	/* cfgd-platform.c */
	struct cfgd_switch	*sw;		/* cfgd-switch.c */
	struct cfgd_logging	*logging;	/* cfgd-logging.c */
};

/* A request type and its handler; tables end with a NULL fn. */
struct cfgd_handler {
	uint16_t	 type;
	void		(*fn)(struct cfgd *, struct ipc_peer *,
			    const struct ipc_msg *);
};

extern const struct cfgd_handler cfgd_config_handlers[];	/* cfgd-config.c */
extern const struct cfgd_handler cfgd_sys_handlers[];		/* cfgd-sys.c */
extern const struct cfgd_handler cfgd_auth_handlers[];		/* cfgd-auth.c */
extern const struct cfgd_handler cfgd_platform_handlers[];	/* cfgd-ifshow.c */
extern const struct cfgd_handler cfgd_switch_handlers[];	/* cfgd-switch.c */
extern const struct cfgd_handler cfgd_logging_handlers[];	/* cfgd-logging.c */

/* cfgd-config.c */
struct cfg_model *cfgd_load_startup(struct cfgd *);
/* The model changed (by user, or NULL): timestamps, events to subscribers. */
void	 cfgd_changed(struct cfgd *, const char *user);
void	 cfgd_set_str(char **dst, const char *src);

/* cfgd-platform.c: interfaces and routes in the kernel.  _new before the
 * startup-config is loaded (hooks validate against the devices), _start
 * once the event loop exists; _peer_gone when a peer goes (its pings). */
struct cfgd_platform *cfgd_platform_new(struct cfgd *);
void	 cfgd_platform_start(struct cfgd_platform *);
void	 cfgd_platform_free(struct cfgd_platform *);
void	 cfgd_platform_peer_gone(struct cfgd_platform *, struct ipc_peer *);

/* cfgd-switch.c: VLANs, switchports and the MAC address table in the
 * kernel's bridges.  _new after cfgd_platform_new, _start after
 * cfgd_platform_start; _changed when the model changed. */
struct cfgd_switch *cfgd_switch_new(struct cfgd *);
void	 cfgd_switch_start(struct cfgd_switch *);
void	 cfgd_switch_changed(struct cfgd_switch *);
void	 cfgd_switch_free(struct cfgd_switch *);

/* cfgd-logging.c: IOS system messages (the ios_log sink of cfgd, the
 * buffer, console/monitor sessions, syslog hosts).  _new once the model is
 * loaded; _changed when the model changed; _peer_gone when a peer goes.
 * _console_line: the stamped line of the last message when the console
 * took it (logging console), else NULL.  _link: a link's state now, in
 * a sweep over all links between _links_begin and _links_end (a link not
 * seen in the sweep is gone). */
struct cfgd_logging *cfgd_logging_new(struct cfgd *);
void	 cfgd_logging_changed(struct cfgd_logging *);
void	 cfgd_logging_free(struct cfgd_logging *);
void	 cfgd_logging_peer_gone(struct cfgd_logging *, struct ipc_peer *);
const char *cfgd_logging_console_line(const struct cfgd_logging *);
/* From _capture on, the console's lines are kept; _captured returns them
 * ("line\n" each; NULL for none; caller frees) and stops. */
void	 cfgd_logging_capture(struct cfgd_logging *);
char	*cfgd_logging_captured(struct cfgd_logging *);
void	 cfgd_logging_links_begin(struct cfgd_logging *);
void	 cfgd_logging_link(struct cfgd_logging *, const char *ifname,
	    int admin, int line);
void	 cfgd_logging_links_end(struct cfgd_logging *);

/* cfgd-sys.c: replies (msg is freed), settings. */
void	 cfgd_reply(struct ipc_peer *, struct ipc_msg *msg);
void	 cfgd_reply_result(struct ipc_peer *, const struct ipc_msg *req,
	    uint32_t status, const char *text);
void	 cfgd_reply_text(struct ipc_peer *, const struct ipc_msg *req,
	    const char *text, size_t len);
const char *cfgd_hostname(const struct cfgd *);

#endif
