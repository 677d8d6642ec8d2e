/*
 * cfgd: the router's IOS system messages.  Every message (cfgd's own
 * through the ios_log sink, the other daemons' over IPC_LOG_MSG) is
 * stamped per `service timestamps log` and goes where the configuration
 * says, each with its level:
 *
 *	logging buffered [SIZE] [LEVEL]	the buffer `show logging` prints
 *	logging console [LEVEL]		the console session
 *	logging monitor [LEVEL]		vty sessions with `terminal monitor`
 *	logging trap LEVEL + logging host A.B.C.D	syslog over UDP
 *
 * Sessions that show messages hold an IPC_LOG_MONITOR connection and get
 * IPC_EV_LOG on it.  Link state changes the platform sees are turned into
 * %LINK and %LINEPROTO messages here too.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg/cfgd.h"
#include "cfg/logset.h"
#include "cfg/model.h"
#include "platform/ioslog.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/logbuf.h"
#include "platform/xmalloc.h"

#define LINE_MAX_LEN	1200

struct log_monitor {
	struct ipc_peer		*peer;
	uint32_t		 kind;		/* IPC_LOGMON_* */
};

struct link_state {
	char			*ifname;
	int			 admin, line;
	int			 seen;		/* in the current sweep */
};

struct cfgd_logging {
	struct cfgd		*d;
	struct log_settings	 set;
	struct logbuf		*buf;
	struct timespec		 boot;		/* monotonic, for uptime */
	int			 udp;		/* -1 until a host needs it */
	uint32_t		 seq;		/* messages so far */
	unsigned long		 buf_logged, console_logged, monitor_logged;
	unsigned long		 trap_logged, dropped;
	char			 last_line[LINE_MAX_LEN];
	int			 last_console;	/* last_line went to console */
	struct log_monitor	*mon;
	size_t			 nmon;
	struct link_state	*links;
	size_t			 nlinks;
	int			 capturing;	/* console lines into cap */
	char			*cap;
	size_t			 caplen;
};

/*
 * The settings, from the top-level lines of the model, each parsed with
 * cfgd's grammar (cfg/logset.c).  A block's own line (interface, router
 * lisp) sets nothing here and neither do the lines inside it.
 */
static void
settings_read(const struct cfgd *d, struct log_settings *s)
{
	const struct cfg_node	*k;

	log_settings_default(s);
	for (k = cfg_node_first(cfg_model_root(d->model)); k != NULL;
	    k = cfg_node_next(k))
		if (log_settings_line(s, d->grammar, cfg_node_line(k)) != 0)
			fatalx("%s: out of memory", __func__);
}

void
cfgd_logging_changed(struct cfgd_logging *lg)
{
	struct log_settings	 old;
	size_t			 i, j;

	/* The startup-config loads before this module exists. */
	if (lg == NULL)
		return;
	old = lg->set;
	settings_read(lg->d, &lg->set);
	/* A host that stays keeps its count. */
	for (i = 0; i < lg->set.nhost; i++)
		for (j = 0; j < old.nhost; j++)
			if (memcmp(&lg->set.host[i].sin, &old.host[j].sin,
			    sizeof(old.host[j].sin)) == 0)
				lg->set.host[i].lines = old.host[j].lines;
	if (logbuf_cap(lg->buf) != lg->set.bufsize)
		logbuf_resize(lg->buf, lg->set.bufsize);
}

static uint64_t
uptime_us(const struct cfgd_logging *lg)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)(now.tv_sec - lg->boot.tv_sec) * 1000000 +
	    (uint64_t)((now.tv_nsec - lg->boot.tv_nsec) / 1000);
}

static void
to_monitors(struct cfgd_logging *lg, uint32_t kind, int sev,
    const char *line)
{
	struct ipc_msg	*m;
	size_t		 i;

	for (i = 0; i < lg->nmon; i++) {
		if (lg->mon[i].kind != kind)
			continue;
		if ((m = ipc_msg_new(IPC_EV_LOG, 0)) == NULL ||
		    ipc_msg_add_u32(m, IPC_T_LOG_SEV, (uint32_t)sev) != 0 ||
		    ipc_msg_add_str(m, IPC_T_TEXT, line) != 0 ||
		    ipc_msg_add_u32(m, IPC_T_LOG_SEQ, lg->seq) != 0)
			fatalx("%s: out of memory", __func__);
		if (ipc_peer_send(lg->mon[i].peer, m) != 0)
			lg->dropped++;
		ipc_msg_free(m);
	}
}

static void
to_hosts(struct cfgd_logging *lg, int sev, const char *line)
{
	char	 dgram[LINE_MAX_LEN + 32];
	int	 n;
	size_t	 i;

	if (lg->udp == -1 && (lg->udp = socket(AF_INET, SOCK_DGRAM |
	    SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("syslog socket");
		return;
	}
	n = ios_syslog_datagram(dgram, sizeof(dgram), IOS_FACILITY_LOCAL7, sev,
	    lg->trap_logged, line);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(dgram))
		n = sizeof(dgram) - 1;
	for (i = 0; i < lg->set.nhost; i++) {
		if (sendto(lg->udp, dgram, (size_t)n, 0,
		    (struct sockaddr *)&lg->set.host[i].sin,
		    sizeof(lg->set.host[i].sin)) == -1) {
			log_debug("syslog to %s: %s", lg->set.host[i].addr,
			    strerror(errno));
			lg->dropped++;
			continue;
		}
		lg->set.host[i].lines++;
	}
}

static void
capture(struct cfgd_logging *lg, const char *line)
{
	size_t	 n = strlen(line);

	lg->cap = xreallocarray(lg->cap, lg->caplen + n + 2, 1);
	memcpy(lg->cap + lg->caplen, line, n);
	lg->caplen += n;
	lg->cap[lg->caplen++] = '\n';
	lg->cap[lg->caplen] = '\0';
}

void
cfgd_logging_capture(struct cfgd_logging *lg)
{
	free(lg->cap);
	lg->cap = NULL;
	lg->caplen = 0;
	lg->capturing = 1;
}

char *
cfgd_logging_captured(struct cfgd_logging *lg)
{
	char	*s = lg->cap;

	lg->cap = NULL;
	lg->caplen = 0;
	lg->capturing = 0;
	return s;
}

/* One message, from any daemon: stamped, then to every sink it passes. */
static void
deliver(struct cfgd_logging *lg, int sev, const char *msg, uint64_t when_us)
{
	char	 stamp[64];

	lg->seq++;
	if (ios_stamp_format(stamp, sizeof(stamp), &lg->set.stamp, when_us,
	    uptime_us(lg)) < 0)
		stamp[0] = '\0';
	snprintf(lg->last_line, sizeof(lg->last_line), "%s%s", stamp, msg);
	/* Other daemons' messages too are printable. */
	ios_log_clean(lg->last_line, 1);
	lg->last_console = 0;
	if (ios_sev_passes(lg->set.buffered, sev)) {
		if (logbuf_add(lg->buf, lg->last_line) != 0)
			fatalx("%s: out of memory", __func__);
		lg->buf_logged++;
	}
	if (ios_sev_passes(lg->set.console, sev)) {
		lg->console_logged++;
		lg->last_console = 1;
		if (lg->capturing)
			capture(lg, lg->last_line);
		to_monitors(lg, IPC_LOGMON_CONSOLE, sev, lg->last_line);
	}
	if (ios_sev_passes(lg->set.monitor, sev)) {
		lg->monitor_logged++;
		to_monitors(lg, IPC_LOGMON_MONITOR, sev, lg->last_line);
	}
	if (ios_sev_passes(lg->set.trap, sev)) {
		lg->trap_logged++;
		if (lg->set.nhost > 0)
			to_hosts(lg, sev, lg->last_line);
	}
}

static void
sink(int sev, const char *msg, uint64_t when_us, void *arg)
{
	deliver(arg, sev, msg, when_us);
}

const char *
cfgd_logging_console_line(const struct cfgd_logging *lg)
{
	return lg->last_console ? lg->last_line : NULL;
}

/*
 * A link's state as the kernel has it now.  IOS reports the change of
 * the link (%LINK) and of its line protocol (%LINEPROTO); an interface
 * seen for the first time reports where it stands, as at boot.
 */
void
cfgd_logging_link(struct cfgd_logging *lg, const char *ifname, int admin,
    int line)
{
	struct link_state	*ls = NULL;
	size_t			 i;
	int			 was_admin = 0, was_line = 0, first = 0;

	for (i = 0; i < lg->nlinks; i++)
		if (strcmp(lg->links[i].ifname, ifname) == 0)
			ls = &lg->links[i];
	if (ls == NULL) {
		lg->links = xreallocarray(lg->links, lg->nlinks + 1,
		    sizeof(*lg->links));
		ls = &lg->links[lg->nlinks++];
		ls->ifname = xstrdup(ifname);
		first = 1;
		/* Unknown: as if up, so that a shut interface says so. */
		was_admin = 1;
	} else {
		was_admin = ls->admin;
		was_line = ls->line;
	}
	ls->seen = 1;
	ls->admin = admin;
	ls->line = line = admin && line;
	if (was_admin && !admin) {
		ios_log(IOS_NOTICE, "LINK", "CHANGED", "Interface %s, changed "
		    "state to administratively down", ifname);
		if (was_line)
			ios_log(IOS_NOTICE, "LINEPROTO", "UPDOWN", "Line "
			    "protocol on Interface %s, changed state to down",
			    ifname);
		return;
	}
	if (!admin || (first && !line) || (was_admin && was_line == line))
		return;
	ios_log(IOS_ERR, "LINK", "UPDOWN", "Interface %s, changed state to %s",
	    ifname, line ? "up" : "down");
	if (line || was_line)
		ios_log(IOS_NOTICE, "LINEPROTO", "UPDOWN", "Line protocol on "
		    "Interface %s, changed state to %s", ifname, line ? "up" :
		    "down");
}

/* A sweep over every link: _links_begin, _link for each, _links_end. */
void
cfgd_logging_links_begin(struct cfgd_logging *lg)
{
	size_t	 i;

	for (i = 0; i < lg->nlinks; i++)
		lg->links[i].seen = 0;
}

/* An interface whose device went (no interface Loopback7) is down, as IOS
 * says of a deleted interface. */
void
cfgd_logging_links_end(struct cfgd_logging *lg)
{
	struct link_state	*ls;
	size_t			 i = 0;

	while (i < lg->nlinks) {
		ls = &lg->links[i];
		if (ls->seen) {
			i++;
			continue;
		}
		if (ls->admin)
			ios_log(IOS_NOTICE, "LINK", "CHANGED", "Interface %s, "
			    "changed state to administratively down",
			    ls->ifname);
		if (ls->line)
			ios_log(IOS_NOTICE, "LINEPROTO", "UPDOWN", "Line "
			    "protocol on Interface %s, changed state to down",
			    ls->ifname);
		free(ls->ifname);
		lg->links[i] = lg->links[--lg->nlinks];
	}
}

struct cfgd_logging *
cfgd_logging_new(struct cfgd *d)
{
	struct cfgd_logging	*lg = xcalloc(1, sizeof(*lg));

	lg->d = d;
	lg->udp = -1;
	clock_gettime(CLOCK_MONOTONIC, &lg->boot);
	if ((lg->buf = logbuf_new(LOG_BUF_DEFAULT)) == NULL)
		fatalx("%s: out of memory", __func__);
	cfgd_logging_changed(lg);
	ios_log_set_sink(sink, lg);
	return lg;
}

void
cfgd_logging_free(struct cfgd_logging *lg)
{
	size_t	 i;

	if (lg == NULL)
		return;
	ios_log_set_sink(NULL, NULL);
	if (lg->udp != -1)
		close(lg->udp);
	logbuf_free(lg->buf);
	for (i = 0; i < lg->nlinks; i++)
		free(lg->links[i].ifname);
	free(lg->links);
	free(lg->mon);
	free(lg->cap);
	free(lg);
}

void
cfgd_logging_peer_gone(struct cfgd_logging *lg, struct ipc_peer *p)
{
	size_t	 i;

	for (i = 0; i < lg->nmon; i++)
		if (lg->mon[i].peer == p) {
			lg->mon[i] = lg->mon[--lg->nmon];
			return;
		}
}

/* Requests. */

static void
handle_msg(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	const char	*text = NULL;
	uint32_t	 sev = IOS_INFO;
	uint64_t	 when = 0;

	if (ipc_msg_get_str(req, IPC_T_TEXT, &text) != 0 ||
	    ipc_msg_get_u32(req, IPC_T_LOG_SEV, &sev) != 0 || sev > IOS_DEBUG) {
		cfgd_reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	if (ipc_msg_get_u64(req, IPC_T_LOG_WHEN, &when) != 0)
		when = ios_log_now_us();
	deliver(d->logging, (int)sev, text, when);
	cfgd_reply_result(p, req, IPC_S_OK, NULL);
}

static void
add_kv(struct ipc_msg *m, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add_kv(struct ipc_msg *m, const char *key, const char *fmt, ...)
{
	va_list	 ap;
	char	*v, *kv;

	va_start(ap, fmt);
	if (vasprintf(&v, fmt, ap) == -1)
		fatalx("%s: out of memory", __func__);
	va_end(ap);
	xasprintf(&kv, "%s=%s", key, v);
	if (ipc_msg_add_str(m, IPC_T_VALUE, kv) != 0)
		fatalx("%s: out of memory", __func__);
	free(kv);
	free(v);
}

static const char *
level_name(int sev)
{
	return sev < 0 ? "off" : ios_sev_name(sev);
}

static void
handle_show(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct cfgd_logging	*lg = d->logging;
	struct ipc_msg		*m;
	size_t			 i, n;

	if ((m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req))) == NULL)
		fatalx("%s: out of memory", __func__);
	add_kv(m, "dropped", "%lu", lg->dropped);
	add_kv(m, "console", "%s", level_name(lg->set.console));
	add_kv(m, "console-logged", "%lu", lg->console_logged);
	add_kv(m, "monitor", "%s", level_name(lg->set.monitor));
	add_kv(m, "monitor-logged", "%lu", lg->monitor_logged);
	add_kv(m, "buffered", "%s", level_name(lg->set.buffered));
	add_kv(m, "buffer-logged", "%lu", lg->buf_logged);
	add_kv(m, "buffer-size", "%zu", logbuf_cap(lg->buf));
	add_kv(m, "trap", "%s", level_name(lg->set.trap));
	add_kv(m, "trap-logged", "%lu", lg->trap_logged);
	for (i = 0; i < lg->set.nhost; i++)
		add_kv(m, "host", "%s,%u,%lu", lg->set.host[i].addr,
		    ntohs(lg->set.host[i].sin.sin_port),
		    lg->set.host[i].lines);
	cfgd_reply(p, m);
	/* The lines, a batch per message. */
	n = lg->set.buffered >= 0 ? logbuf_count(lg->buf) : 0;
	for (i = 0; i < n; i += 256) {
		size_t j;

		if ((m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req))) == NULL)
			fatalx("%s: out of memory", __func__);
		for (j = i; j < n && j < i + 256; j++)
			if (ipc_msg_add_str(m, IPC_T_TEXT,
			    logbuf_line(lg->buf, j)) != 0)
				fatalx("%s: out of memory", __func__);
		cfgd_reply(p, m);
	}
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

static void
handle_clear(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	logbuf_clear(d->logging->buf);
	cfgd_reply_result(p, req, IPC_S_OK, NULL);
}

static void
handle_monitor(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct cfgd_logging	*lg = d->logging;
	uint32_t		 kind = 0;

	if (ipc_msg_get_u32(req, IPC_T_FLAG, &kind) != 0 ||
	    (kind != IPC_LOGMON_CONSOLE && kind != IPC_LOGMON_MONITOR)) {
		cfgd_reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	cfgd_logging_peer_gone(lg, p);
	lg->mon = xreallocarray(lg->mon, lg->nmon + 1, sizeof(*lg->mon));
	lg->mon[lg->nmon].peer = p;
	lg->mon[lg->nmon++].kind = kind;
	cfgd_reply_result(p, req, IPC_S_OK, NULL);
}

const struct cfgd_handler cfgd_logging_handlers[] = {
	{ IPC_LOG_MSG, handle_msg },
	{ IPC_LOG_SHOW, handle_show },
	{ IPC_LOG_CLEAR, handle_clear },
	{ IPC_LOG_MONITOR, handle_monitor },
	{ 0, NULL },
};
