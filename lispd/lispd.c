/*
 * lispd: the LISP control plane and TUN data plane.  It follows cfgd: at
 * start and on every change event it pulls the `router lisp` block
 * (IPC_CFG_GET_SECTION), parses it with the configuration grammar
 * (config.c) and converges: Map-Registers on change, static map-cache
 * entries, routes into lisp0.  Either daemon may restart; lispd
 * reconnects and pulls again.
 */
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lispd/lispd.h"
#include "platform/daemon.h"
#include "platform/ioslog.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/rundir.h"

uint64_t
lispd_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec;
}

uint64_t
lispd_now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void
apply_config(struct lispd *l, const char *text)
{
	struct lispd_config	*c;

	if ((c = malloc(sizeof(*c))) == NULL)
		fatalx("%s: out of memory", __func__);
	if (lispd_config_parse(text, c) != 0)
		fatalx("%s: cannot parse the configuration", __func__);
	lispd_config_free(l->conf);
	l->conf = c;
	locif_resolve(l);
	log_info("configuration: router lisp %s, %zu database-mappings, "
	    "%zu sites", c->present ? "on" : "off", c->ndb, c->nsite);
	ctl_reconfigure(l);
	data_reconfigure(l);
	mob_reconfigure(l);
	data_publish(l);
	probe_reconfigure(l);
}

static void
pull_config(struct lispd *l, struct ipc_peer *p)
{
	struct ipc_msg	*m;

	/* The interfaces first (their `lisp mobility` lines): cfgd answers
	 * in this order, and the router lisp block applies both. */
	m = ipc_msg_new(IPC_CFG_GET_SECTION, ipc_peer_next_reqid(p));
	if (m == NULL || ipc_msg_add_str(m, IPC_T_SECTION, "interface ") ||
	    ipc_msg_add_str(m, IPC_T_SECTION, "router lisp"))
		fatalx("%s: out of memory", __func__);
	if (ipc_peer_send(p, m) != 0)
		log_warnx("configuration request to cfgd failed");
	ipc_msg_free(m);
	(void)l;
}

static void
on_cfgd_msg(struct ipc_peer *p, const struct ipc_msg *m, void *arg)
{
	struct lispd	*l = arg;
	const char	*text = NULL, *sec = NULL;
	char		*all;

	switch (ipc_msg_type(m)) {
	case IPC_EV_CONFIG_CHANGED:
		pull_config(l, p);
		break;
	case IPC_DATA:
		if (ipc_msg_get_str(m, IPC_T_TEXT, &text) != 0)
			break;
		if (ipc_msg_get_str(m, IPC_T_SECTION, &sec) == 0 &&
		    strcmp(sec, "interface ") == 0) {
			free(l->if_text);
			if ((l->if_text = strdup(text)) == NULL)
				fatalx("%s: out of memory", __func__);
			break;
		}
		if (asprintf(&all, "%s\n%s", l->if_text != NULL ? l->if_text :
		    "", text) < 0)
			fatalx("%s: out of memory", __func__);
		apply_config(l, all);
		free(all);
		break;
	default:
		break;
	}
}

static void
on_cfgd_state(struct ipc_peer *p, int up, void *arg)
{
	struct lispd	*l = arg;
	struct ipc_msg	*m;

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
	pull_config(l, p);
}

/* The ios_log sink: to cfgd, which buffers and sends on; lost while
 * cfgd is away (the journal and lispd's log still have it). */
static void
log_forward(int sev, const char *msg, uint64_t when_us, void *arg)
{
	struct lispd	*l = arg;
	struct ipc_msg	*m;

	if (l->cfgd == NULL || (m = ios_log_ipc(sev, msg, when_us,
	    ipc_peer_next_reqid(l->cfgd))) == NULL)
		return;
	(void)ipc_peer_send(l->cfgd, m);
	ipc_msg_free(m);
}

static void
on_msg(struct ipc_peer *p, const struct ipc_msg *req, void *arg)
{
	show_handle(arg, p, req);
}

static void
on_peer_state(struct ipc_peer *p, int up, void *arg)
{
	if (!up)
		ctl_forget_peer(arg, p);
}

static void
on_stop(void *arg)
{
	struct lispd	*l = arg;

	event_base_loopbreak(l->base);
}

int
main(int argc, char *argv[])
{
	static struct lispd	 l;
	struct daemon_opts	 o;
	struct daemon_signals	*sig;
	char			 sock[4096], cfgd[4096];

	daemon_init(argc, argv, "lispd", "The router's LISP daemon: serves "
	    "DIR/lispd.sock and follows cfgd at DIR/cfgd.sock.", &o);
	l.rundir = o.rundir;
	l.ctl_fd = l.data_fd = l.tun_fd = -1;
	if (rundir_path(sock, sizeof(sock), o.rundir, RUNDIR_LISPD_SOCK) ||
	    rundir_path(cfgd, sizeof(cfgd), o.rundir, RUNDIR_CFGD_SOCK))
		fatalx("%s: run directory path too long: %s", __func__,
		    o.rundir);
	if ((l.base = event_base_new()) == NULL)
		fatalx("%s: event_base_new failed", __func__);
	if ((l.conf = calloc(1, sizeof(*l.conf))) == NULL ||
	    (l.mc = mc_new()) == NULL)
		fatalx("%s: out of memory", __func__);
	l.started = lispd_now();
	if (ctl_start(&l) != 0)
		fatal("%s: control plane on UDP %d", __func__,
		    LISP_CONTROL_PORT);
	if (data_start(&l) != 0)
		log_warn("data plane not available");
	if (mob_start(&l) != 0)
		fatalx("%s: mobility: out of memory", __func__);
	if (probe_start(&l) != 0)
		fatalx("%s: RLOC probing: out of memory", __func__);
	if (locif_start(&l) != 0)
		log_warnx("ipv4-interface locators will not follow their "
		    "interfaces");
	if ((l.server = ipc_server_new(l.base, sock, 0666, "lispd", on_msg,
	    on_peer_state, &l)) == NULL)
		fatal("%s: listen on %s", __func__, sock);
	l.cfgd = ipc_client_new(l.base, cfgd, "lispd", on_cfgd_msg,
	    on_cfgd_state, &l);
	if (l.cfgd == NULL)
		fatalx("%s: cannot create the cfgd client", __func__);
	ios_log_init("lispd");
	ios_log_set_sink(log_forward, &l);
	sig = daemon_signals_new(l.base, on_stop, NULL, &l);
	log_info("ready on %s", sock);
	event_base_dispatch(l.base);
	ios_log_set_sink(NULL, NULL);
	ipc_client_free(l.cfgd);
	ipc_server_free(l.server);
	daemon_signals_free(sig);
	mob_stop(&l);
	ctl_stop(&l);
	data_stop(&l);
	free(l.if_text);
	locif_stop(&l);
	probe_stop(&l);
	mc_free(l.mc);
	lispd_config_free(l.conf);
	ipc_base_free(l.base);
	return 0;
}
