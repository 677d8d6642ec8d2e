/*
 * cfgd: the one owner of the router's configuration.  It holds the model,
 * runs every configuration line through the grammar (sessions from the
 * shells, startup-config at start, configure replace), renders
 * running-config, saves startup-config atomically and tells the other
 * daemons when the configuration changes.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <event2/event.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg/cfgd.h"
#include "cfg/cfgtab.h"
#include "cfg/cmd.h"
#include "cfg/env.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/render.h"
#include "cfg/secret.h"
#include "cfg/session.h"
#include "platform/atomicfile.h"
#include "platform/daemon.h"
#include "platform/ipc-event.h"
#include "platform/ioslog.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/rundir.h"
#include "platform/xmalloc.h"

static void
on_msg(struct ipc_peer *p, const struct ipc_msg *req, void *arg)
{
	struct cfgd				*d = arg;
	const struct cfgd_handler *const	 tables[] = {
		cfgd_config_handlers,
		cfgd_sys_handlers,
		cfgd_auth_handlers,
		cfgd_platform_handlers,
		cfgd_switch_handlers,
		cfgd_logging_handlers,
	};
	const struct cfgd_handler		*h;
	size_t					 t;

	if (ipc_msg_type(req) == IPC_SUBSCRIBE) {
		d->subs = xreallocarray(d->subs, d->nsubs + 1,
		    sizeof(*d->subs));
		d->subs[d->nsubs++] = p;
		cfgd_reply_result(p, req, IPC_S_OK, NULL);
		return;
	}
	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (h = tables[t]; h->fn != NULL; h++)
			if (h->type == ipc_msg_type(req)) {
				h->fn(d, p, req);
				return;
			}
	log_debug("%s: unsupported request %u", ipc_peer_name(p),
	    ipc_msg_type(req));
	cfgd_reply_result(p, req, IPC_S_UNSUPPORTED, "% Unsupported request\n");
}

static void
on_peer(struct ipc_peer *p, int up, void *arg)
{
	struct cfgd	*d = arg;
	size_t		 i;

	if (!up) {
		cfgd_platform_peer_gone(d->platform, p);
		cfgd_logging_peer_gone(d->logging, p);
	}
	for (i = 0; !up && i < d->nsubs; i++)
		if (d->subs[i] == p) {
			d->subs[i] = d->subs[--d->nsubs];
			break;
		}
	log_debug("peer %s %s", ipc_peer_name(p), up ? "up" : "gone");
}

static void
on_hup(void *arg)
{
	struct cfgd	*d = arg;

	log_info("SIGHUP: reloading startup-config");
	cfg_model_free(d->model);
	d->model = cfgd_load_startup(d);
	cfgd_changed(d, NULL);
	d->dirty = 0;
}

static void
on_stop(void *arg)
{
	struct cfgd	*d = arg;

	event_base_loopbreak(d->base);
}

int
main(int argc, char *argv[])
{
	struct cfgd		 d;
	struct daemon_opts	 o;
	const char		*bad = NULL;

	daemon_init(argc, argv, "cfgd", "Owns the router's configuration: "
	    "serves the shells and daemons on DIR/cfgd.sock,\nloads "
	    "DIR/startup-config at start (the factory configuration when "
	    "there is none).", &o);
	memset(&d, 0, sizeof(d));
	d.rundir = o.rundir;
	d.env.rundir = o.rundir;
	if (rundir_path(d.startup_path, sizeof(d.startup_path), d.rundir,
	    RUNDIR_STARTUP) != 0 || rundir_path(d.sock_path,
	    sizeof(d.sock_path), d.rundir, RUNDIR_CFGD_SOCK) != 0)
		fatalx("%s: run directory path too long: %s", __func__,
		    d.rundir);
	if ((d.grammar = cfg_grammar_build(&bad)) == NULL)
		fatalx("%s: bad configuration definition \"%s\"", __func__,
		    bad != NULL ? bad : "?");
	d.started = time(NULL);
	d.platform = cfgd_platform_new(&d);
	d.sw = cfgd_switch_new(&d);
	ios_log_init("cfgd");
	d.model = cfgd_load_startup(&d);
	d.logging = cfgd_logging_new(&d);
	ios_log(IOS_NOTICE, "SYS", "RESTART", "System restarted --\n%s",
	    "Cisco IOS Software, CSR1000V Software "
	    "(X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 15.5(2)S, RELEASE "
	    "SOFTWARE (fc3)");
	if ((d.base = event_base_new()) == NULL)
		fatalx("%s: event_base_new failed", __func__);
	cfgd_platform_start(d.platform);
	cfgd_switch_start(d.sw);
	d.server = ipc_server_new(d.base, d.sock_path, 0666, "cfgd", on_msg,
	    on_peer, &d);
	if (d.server == NULL)
		fatal("%s: listen on %s", __func__, d.sock_path);
	d.signals = daemon_signals_new(d.base, on_stop, on_hup, &d);
	log_info("ready on %s", d.sock_path);
	event_base_dispatch(d.base);
	ipc_server_free(d.server);
	cfgd_switch_free(d.sw);
	cfgd_platform_free(d.platform);
	cfgd_logging_free(d.logging);
	daemon_signals_free(d.signals);
	ipc_base_free(d.base);
	cfg_model_free(d.model);
	cmd_grammar_free(d.grammar);
	free(d.subs);
	free(d.changed_by);
	free(d.saved_by);
	free(d.boot_license);
	return 0;
}
