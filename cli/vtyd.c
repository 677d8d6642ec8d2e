/*
 * vtyd: SSH and telnet access to the router.  This first version is
 * the daemon's frame: it serves its socket, follows cfgd (pulling the
 * configuration at start and on every change event) and logs; the LISP
 * listeners arrive with the secure-management issue.
 */
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>

#include "platform/daemon.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/rundir.h"

struct vtyd {
	struct event_base	*base;
	struct daemon_signals	*signals;
	struct ipc_server	*server;
	struct ipc_peer		*cfgd;
	unsigned long		 config_events;
};

static void
on_cfgd_msg(struct ipc_peer *p, const struct ipc_msg *m, void *arg)
{
	struct vtyd	*l = arg;

	(void)p;
	if (ipc_msg_type(m) == IPC_EV_CONFIG_CHANGED) {
		l->config_events++;
		log_debug("configuration changed (%lu)", l->config_events);
	}
}

static void
on_cfgd_state(struct ipc_peer *p, int up, void *arg)
{
	struct ipc_msg	*m;

	(void)arg;
	if (!up) {
		log_warnx("lost cfgd; reconnecting");
		return;
	}
	log_info("connected to cfgd");
	if ((m = ipc_msg_new(IPC_SUBSCRIBE, ipc_peer_next_reqid(p))) == NULL)
		fatalx("%s: out of memory", __func__);
	if (ipc_peer_send(p, m) != 0)
		log_warnx("subscribe to cfgd failed");
	ipc_msg_free(m);
}

static void
on_msg(struct ipc_peer *p, const struct ipc_msg *req, void *arg)
{
	struct ipc_msg	*m;

	(void)arg;
	m = ipc_msg_result(ipc_msg_reqid(req), IPC_S_UNSUPPORTED,
	    "% Not supported by this vtyd\n");
	if (m == NULL || ipc_peer_send(p, m) != 0)
		log_warnx("reply to %s failed", ipc_peer_name(p));
	ipc_msg_free(m);
}

static void
on_stop(void *arg)
{
	struct vtyd	*l = arg;

	event_base_loopbreak(l->base);
}

int
main(int argc, char *argv[])
{
	struct vtyd		 l;
	struct daemon_opts	 o;
	char			 sock[4096], cfgd[4096];

	daemon_init(argc, argv, "vtyd", "The router's SSH and telnet daemon: serves "
	    "DIR/vtyd.sock and follows cfgd at DIR/cfgd.sock.", &o);
	memset(&l, 0, sizeof(l));
	if (rundir_path(sock, sizeof(sock), o.rundir, RUNDIR_VTYD_SOCK) ||
	    rundir_path(cfgd, sizeof(cfgd), o.rundir, RUNDIR_CFGD_SOCK))
		fatalx("%s: run directory path too long: %s", __func__,
		    o.rundir);
	if ((l.base = event_base_new()) == NULL)
		fatalx("%s: event_base_new failed", __func__);
	if ((l.server = ipc_server_new(l.base, sock, 0666, "vtyd", on_msg,
	    NULL, &l)) == NULL)
		fatal("%s: listen on %s", __func__, sock);
	l.cfgd = ipc_client_new(l.base, cfgd, "vtyd", on_cfgd_msg,
	    on_cfgd_state, &l);
	if (l.cfgd == NULL)
		fatalx("%s: cannot create the cfgd client", __func__);
	l.signals = daemon_signals_new(l.base, on_stop, NULL, &l);
	log_info("ready on %s", sock);
	event_base_dispatch(l.base);
	ipc_client_free(l.cfgd);
	ipc_server_free(l.server);
	daemon_signals_free(l.signals);
	event_base_free(l.base);
	return 0;
}
