/*
 * cfgd: ping and traceroute.  cfgd has the privilege the unprivileged
 * shell lacks (a raw socket); each run is a job on the event loop that
 * streams one DATA record per probe to the shell as its answer arrives,
 * so other sessions are never held up.  A job ends with END, or silently
 * when its shell goes away.
 */
#include <sys/types.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfg/cfgd-platform.h"
#include "cfg/cfgd.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/netlink.h"
#include "platform/ping.h"
#include "platform/xmalloc.h"

#define TRACE_PROBES	3
#define TRACE_MAXTTL	30

struct job {
	struct job		*next;
	struct cfgd_platform	*pl;
	struct ipc_peer		*peer;
	uint32_t		 reqid;
	int			 trace;
	struct ping		*ping;
	struct event		*ev_sock;
	struct event		*ev_timer;
	uint32_t		 count;		/* ping: probes to send */
	uint32_t		 done;		/* probes answered or timed out */
	uint16_t		 seq;		/* the probe in flight */
	int			 waiting;
	int			 timeout_ms;
	struct timespec		 sent_at;
	int			 ttl;		/* traceroute */
	int			 reached;
};

static void	job_next(struct job *);

static void
job_free(struct job *j)
{
	struct job	**pp;

	for (pp = &j->pl->jobs; *pp != NULL; pp = &(*pp)->next)
		if (*pp == j) {
			*pp = j->next;
			break;
		}
	if (j->ev_sock != NULL)
		event_free(j->ev_sock);
	if (j->ev_timer != NULL)
		event_free(j->ev_timer);
	ping_close(j->ping);
	free(j);
}

void
cfgd_pl_jobs_free(struct cfgd_platform *pl)
{
	while (pl->jobs != NULL)
		job_free(pl->jobs);
}

void
cfgd_platform_peer_gone(struct cfgd_platform *pl, struct ipc_peer *p)
{
	struct job	*j, *next;

	if (pl == NULL)
		return;
	for (j = pl->jobs; j != NULL; j = next) {
		next = j->next;
		if (j->peer == p)
			job_free(j);
	}
}

static uint32_t
elapsed_us(const struct timespec *t0)
{
	struct timespec	 now;
	int64_t		 us;

	clock_gettime(CLOCK_MONOTONIC, &now);
	us = (int64_t)(now.tv_sec - t0->tv_sec) * 1000000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000;
	return us < 0 ? 0 : (uint32_t)us;
}

/* One probe's outcome to the shell. */
static void
job_report(struct job *j, unsigned result, uint32_t rtt, uint32_t from)
{
	struct ipc_msg	*m;
	char		 a[INET_ADDRSTRLEN] = "";

	if ((m = ipc_msg_new(IPC_DATA, j->reqid)) == NULL)
		fatalx("%s: out of memory", __func__);
	ipc_msg_add_u32(m, IPC_T_RESULT, result);
	ipc_msg_add_u32(m, IPC_T_RTT, rtt);
	if (j->trace) {
		ipc_msg_add_u32(m, IPC_T_COUNT, (uint32_t)j->ttl);
		if (from != 0)
			inet_ntop(AF_INET, &from, a, sizeof(a));
		ipc_msg_add_str(m, IPC_T_SOURCE, a);
	}
	cfgd_reply(j->peer, m);
}

static void
job_end(struct job *j)
{
	cfgd_reply(j->peer, ipc_msg_new(IPC_END, j->reqid));
	job_free(j);
}

/* IOS's letters for ICMP unreachable codes. */
static unsigned
unreach_char(unsigned code, int trace)
{
	switch (code) {
	case 0:
		return 'N';
	case 2:
		return 'P';
	case 4:
		return 'M';
	case 9:
	case 10:
	case 13:
		return 'A';
	default:
		return trace ? 'H' : 'U';
	}
}

static void
job_answer(struct job *j, const struct ping_reply *r)
{
	uint32_t	 rtt = elapsed_us(&j->sent_at);
	unsigned	 c;

	j->waiting = 0;
	evtimer_del(j->ev_timer);
	switch (r->kind) {
	case PING_REPLY:
		c = '!';
		j->reached = 1;
		break;
	case PING_TTL:
		c = j->trace ? '!' : '&';
		break;
	default:
		c = unreach_char(r->code, j->trace);
		if (j->trace)
			j->reached = 1;
		break;
	}
	job_report(j, c, rtt, r->from);
	job_next(j);
}

static void
on_sock(evutil_socket_t fd, short what, void *arg)
{
	struct job		*j = arg;
	struct ping_reply	 r;
	int			 rc;

	(void)fd;
	(void)what;
	while ((rc = ping_recv(j->ping, &r)) != 0) {
		if (rc < 0) {
			log_warn("ping: receive");
			return;
		}
		if (j->waiting && r.seq == j->seq) {
			job_answer(j, &r);
			return;		/* j may be gone */
		}
	}
}

static void
on_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct job	*j = arg;

	(void)fd;
	(void)what;
	j->waiting = 0;
	job_report(j, j->trace ? '*' : '.', 0, 0);
	job_next(j);
}

/* Sends the next probe; a failed send is reported at once. */
static void
job_send(struct job *j)
{
	struct timeval	 tv;
	int		 rc;

	j->seq++;
	clock_gettime(CLOCK_MONOTONIC, &j->sent_at);
	rc = ping_send(j->ping, j->seq, j->trace ? j->ttl : 0);
	if (rc != 0) {
		job_report(j, rc == -EMSGSIZE ? 'M' : j->trace ? '*' : '.', 0,
		    0);
		job_next(j);
		return;
	}
	j->waiting = 1;
	tv.tv_sec = j->timeout_ms / 1000;
	tv.tv_usec = (j->timeout_ms % 1000) * 1000;
	evtimer_add(j->ev_timer, &tv);
}

static void
job_next(struct job *j)
{
	j->done++;
	if (!j->trace) {
		if (j->done >= j->count)
			job_end(j);
		else
			job_send(j);
		return;
	}
	if (j->done % TRACE_PROBES == 0) {
		if (j->reached || j->ttl >= TRACE_MAXTTL) {
			job_end(j);
			return;
		}
		j->ttl++;
	}
	job_send(j);
}

/* Our address on an up interface equal to addr? */
static int
local_up_addr(struct cfgd_platform *pl, uint32_t addr)
{
	struct addr_collect	 ac;
	struct nl_link		 l;
	char			 dev[IF_NAMESIZE];
	size_t			 i;
	int			 ok = 0;

	memset(&ac, 0, sizeof(ac));
	if (nl_addrs(pl->nl, cfgd_pl_collect_addr, &ac) != 0)
		return 0;
	for (i = 0; i < ac.n && !ok; i++)
		if (ac.v[i].addr == addr &&
		    if_indextoname((unsigned)ac.v[i].ifindex, dev) != NULL &&
		    nl_link_get(pl->nl, dev, &l) == 0 && (l.flags & IFF_UP))
			ok = 1;
	free(ac.v);
	return ok;
}

/* The primary address of an up interface, or 0. */
static uint32_t
if_source(struct cfgd_platform *pl, const char *ifname)
{
	struct addr_collect	 ac;
	struct nl_link		 l;
	char			 dev[IF_NAMESIZE];
	uint32_t		 a = 0;
	size_t			 i;

	memset(&ac, 0, sizeof(ac));
	if ((ac.ifindex = cfgd_pl_ifindex(pl, ifname)) == 0 ||
	    if_indextoname((unsigned)ac.ifindex, dev) == NULL ||
	    nl_link_get(pl->nl, dev, &l) != 0 || !(l.flags & IFF_UP) ||
	    nl_addrs(pl->nl, cfgd_pl_collect_addr, &ac) != 0)
		return 0;
	for (i = 0; i < ac.n && a == 0; i++)
		if (!ac.v[i].secondary)
			a = ac.v[i].addr;
	free(ac.v);
	return a;
}

/* Starts a job from a request, or answers it with an error. */
static void
job_start(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req,
    int trace)
{
	struct cfgd_platform	*pl = d->platform;
	struct ping_opts	 o;
	struct job		*j;
	struct ipc_msg		*m;
	const char		*target = NULL, *source = NULL;
	char			 a[INET_ADDRSTRLEN];
	uint32_t		 v;
	int			 rc;

	memset(&o, 0, sizeof(o));
	o.size = 100;
	if (ipc_msg_get_str(req, IPC_T_TARGET, &target) != 0 ||
	    inet_pton(AF_INET, target, &o.dst) != 1) {
		cfgd_reply_result(p, req, IPC_S_ERROR, "% Unrecognized host or "
		    "address, or protocol not running.\n\n");
		return;
	}
	if (ipc_msg_get_str(req, IPC_T_SOURCE, &source) == 0) {
		if (inet_pton(AF_INET, source, &o.src) == 1) {
			if (!local_up_addr(pl, o.src)) {
				cfgd_reply_result(p, req, IPC_S_ERROR,
				    "% Invalid source address- IP address not "
				    "on any of our up interfaces\n");
				return;
			}
		} else if ((o.src = if_source(pl, source)) == 0) {
			cfgd_reply_result(p, req, IPC_S_ERROR, "% Invalid "
			    "source interface - IP not enabled or interface "
			    "is down\n");
			return;
		}
	}
	if (ipc_msg_get_u32(req, IPC_T_SIZE, &v) == 0)
		o.size = v;
	o.df = ipc_msg_get_u32(req, IPC_T_FLAG, &v) == 0 && v != 0;
	j = xcalloc(1, sizeof(*j));
	j->pl = pl;
	j->peer = p;
	j->reqid = ipc_msg_reqid(req);
	j->trace = trace;
	j->count = 5;
	j->timeout_ms = trace ? 3000 : 2000;
	j->ttl = 1;
	if (ipc_msg_get_u32(req, IPC_T_COUNT, &v) == 0)
		j->count = v;
	if (ipc_msg_get_u32(req, IPC_T_TIMEOUT, &v) == 0)
		j->timeout_ms = v > 3600 ? 3600000 : (int)v * 1000;
	if ((rc = ping_open(&o, &j->ping)) != 0) {
		free(j);
		log_warn("ping: socket");
		cfgd_reply_result(p, req, IPC_S_ERROR, rc == PING_E_SIZE ?
		    "% Invalid size\n" : "% Unable to open an ICMP socket\n");
		return;
	}
	j->ev_sock = event_new(d->base, ping_fd(j->ping), EV_READ | EV_PERSIST,
	    on_sock, j);
	j->ev_timer = evtimer_new(d->base, on_timeout, j);
	if (j->ev_sock == NULL || j->ev_timer == NULL ||
	    event_add(j->ev_sock, NULL) != 0)
		fatalx("%s: out of memory", __func__);
	j->next = pl->jobs;
	pl->jobs = j;
	/* The header: what the shell prints before the first probe. */
	if ((m = ipc_msg_new(IPC_DATA, j->reqid)) == NULL)
		fatalx("%s: out of memory", __func__);
	if (o.src != 0) {
		inet_ntop(AF_INET, &o.src, a, sizeof(a));
		ipc_msg_add_str(m, IPC_T_SOURCE, a);
	}
	cfgd_reply(p, m);
	if (!trace && j->count == 0) {
		job_end(j);
		return;
	}
	job_send(j);
}

void
cfgd_pl_handle_ping(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	job_start(d, p, req, 0);
}

void
cfgd_pl_handle_traceroute(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	job_start(d, p, req, 1);
}
