/*
 * The data plane: the TUN device lisp0 (IOS's LISP0) carries packets for
 * remote EIDs; each batch read from it is looked up in the map-cache
 * (mc_lookup4_batch), encapsulated in place (outer IPv4 + UDP 4341 + LISP
 * header, source port from the inner flow) and sent with one sendmmsg.
 * UDP 4341 is read with recvmmsg, decapsulated (TTL and ECN applied) and
 * written to the TUN.  No allocation per packet: each worker's batch
 * buffers are allocated at start.
 *
 * Offloads (lispd/wire-gso.c): lisp0 has virtio-net headers and TSO/USO,
 * so a read can be a 64 KB TCP/UDP super-packet; it is cut into inner
 * packets that fit lisp0's MTU (own headers and checksums, payload left
 * in place) and each group of up to SEG_MAX goes out in one UDP GSO
 * message.  The 4341 sockets have UDP GRO; merged datagrams are cut,
 * decapsulated, and consecutive TCP segments of a flow go into lisp0 as
 * one GSO write.  Each offload falls back when the kernel refuses it.
 *
 * Workers: one per CPU (at most 4), each a lisp0 queue (IFF_MULTI_QUEUE)
 * and a SO_REUSEPORT 4341 socket; worker 0 runs in the main event loop,
 * the others in threads of their own (see struct worker).
 *
 * MTU: lisp0's MTU is 1500 - 36, so the kernel answers DF packets that
 * would not fit after encapsulation with ICMP "fragmentation needed".
 * Routes: lisp0 carries the prefixes of positive map-cache entries and,
 * on an ITR, a last-resort default (the highest metric) so that misses
 * reach lispd and trigger a Map-Request.  A proxy ITR has no default: it
 * routes the EID prefixes it knows (its map-server sites' prefixes that
 * are not its own, and static send-map-request entries) into lisp0 with
 * a metric of their own, so that traffic from non-LISP sites reaches it
 * and a map-cache entry's expiry never withdraws them.
 *
 * Proxy ETR: what comes in on UDP 4341 is decapsulated and forwarded by
 * the kernel like any packet.  An ITR with `ipv4 use-petr` sends what a
 * negative map-cache entry says to forward natively to the proxy ETR.
 */
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_tun.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <event2/event.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lispd/lispd.h"
#include "lispd/wire-gso.h"
#include "platform/log.h"
#include "platform/netlink.h"
#include "platform/tunsteer.h"

#define TUN_NAME	"lisp0"
#define TUN_MTU		(1500 - LISP_ENCAP4_LEN)
#define BATCH		64
#define SEG_MAX		64	/* UDP_MAX_SEGMENTS of older kernels */
#define UDP_PAYLOAD_MAX	(0xffff - 20 - 8)	/* one IPv4 datagram's */
#define NSPORT		16	/* source ports a worker sends from */
#define HEADROOM	64
#define PKTBUF		(HEADROOM + 65536)
#define RT_PROTO_LISP	200	/* our routes; cfgd only touches STATIC */
#define RT_METRIC_LAST	0xfffffff0u
#define RT_METRIC_MC	10
#define RT_METRIC_PITR	20
#define MOB_TOLD	64	/* pairs a worker remembers */
/* Bytes read into a batch before it is processed: with 64 KB
 * super-packets a full batch (4 MB) would leave the caches before its
 * checksum and send passes; this much stays in a core's L2. */
#define BATCH_BYTES	(256 * 1024)
#define MOB_QUIET_US	100000

struct batch {
	uint8_t		 buf[BATCH][PKTBUF];
	uint8_t		 cmsg[BATCH][64];
	struct mmsghdr	 msg[BATCH];
	struct iovec	 iov[BATCH];
	struct sockaddr_in sin[BATCH];
};

/*
 * What goes out on UDP 4341 from one batch of TUN reads: messages for one
 * sendmmsg, each one inner packet or, with UDP GSO, up to SEG_MAX
 * segments of one super-packet (each segment its LISP header and inner
 * headers in seg[], then its payload where the TUN read put it).
 */
#define OUT_MSGS	128
#define OUT_SEGS	1024
#define OUT_IOV		(2 * OUT_SEGS + OUT_MSGS)
#define SEGHDR		(LISP_DATA_HDR_LEN + LISP_GSO_HDR_MAX)
#define CMSG_OUT	(CMSG_SPACE(sizeof(uint16_t)) + \
			 2 * CMSG_SPACE(sizeof(int)))

struct out {
	struct mmsghdr	 msg[OUT_MSGS];
	struct sockaddr_in sin[OUT_MSGS];
	union {
		uint8_t		 b[CMSG_OUT];
		struct cmsghdr	 align;
	}		 cm[OUT_MSGS];
	unsigned	 nseg_of[OUT_MSGS];	/* inner packets */
	uint16_t	 join_of[OUT_MSGS];	/* out_join: its packets' size */
	uint16_t	 gso_of[OUT_MSGS];	/* UDP_SEGMENT, or 0 */
	uint8_t		 ttl_of[OUT_MSGS], tos_of[OUT_MSGS];
	uint8_t		 sock_of[OUT_MSGS];	/* source port socket */
	struct mmsghdr	 run[OUT_MSGS];		/* one socket's, in order */
	unsigned	 runidx[OUT_MSGS];
	struct iovec	 iov[OUT_IOV];
	uint8_t		 seg[OUT_SEGS][SEGHDR];
	unsigned	 nmsg, niov, nseg;
};

/* Counters a worker alone writes and the main thread sums. */
struct dp_stats {
	_Atomic uint64_t	 encap, decap, encap_drop, decap_drop, miss;
	_Atomic uint64_t	 evq_drop;	/* to_main's queue was full */
	_Atomic uint64_t	 drop[LISP_E_NCODES];
};

/*
 * What the workers need of the configuration, copied by the main thread
 * (at each change and every second: an interface's address may move).
 * A worker copies it again only when the generation moved.
 */
struct dp_conf {
	struct lisp_addr	 me;
	struct lc_loc		 petr[LC_MAX_PETR];
	size_t			 npetr;
	struct lisp_addr	 mob[LC_MAX_MOBIF];	/* dynamic-EID prefixes */
	size_t			 nmob;
};
/* What a worker thread hands the main thread (the control plane). */
enum { EV_MISS, EV_MOB };
struct dp_ev {
	int			 type;
	uint32_t		 dst;		/* EV_MISS: host order */
	uint8_t			 addr[4];	/* MISS: source; MOB: inner dst */
	struct sockaddr_in	 outer;		/* EV_MOB */
};
#define EVQ	256

/*
 * One data-plane worker: a queue of lisp0 (IFF_MULTI_QUEUE) and a UDP
 * 4341 socket (SO_REUSEPORT), with their buffers.  Worker 0 is the main
 * thread, in its event loop, beside the control plane; the others are
 * threads of their own, map-cache readers (mc_reader), which hand misses
 * and mobility's decapsulation notices to the main thread.
 */
struct worker {
	unsigned		 id;
	struct lispd		*l;
	int			 tun_fd, udp_fd;
	int			 sfd[NSPORT];	/* sending, by flow */
	struct batch		*rx, *tx;
	struct out		*out;
	struct lisp_coal	*coal;
	struct dp_stats		 st;
	struct mc_reader	*rd;
	pthread_t		 th;
	int			 started;
	pthread_mutex_t		 qlock;
	struct dp_ev		 q[EVQ];
	size_t			 nq;
	unsigned		 rx_vlen;	/* next recvmmsg's */
	struct dp_conf		 conf;		/* dp_conf_get's copy */
	unsigned		 conf_gen;
	/* Decapsulated packets for a dynamic-EID prefix told to the main
	 * thread lately (by inner destination and outer source): one
	 * notice per pair and MOB_QUIET_US is enough for mob_decap. */
	struct {
		uint32_t	 dst, src;
		uint64_t	 us;
	}			 told[MOB_TOLD];
};

#define MAX_WORKERS	8

static struct worker	*wk[MAX_WORKERS];
static unsigned		 nwk;
static int		 evfd = -1, stopfd = -1;	/* eventfds */
static struct event	*ev_ev, *fold_ev;

static pthread_mutex_t	 conf_lock = PTHREAD_MUTEX_INITIALIZER;
static struct dp_conf	 conf_snap;
static atomic_uint	 conf_gen;

/* The offloads this kernel took: TUN virtio-net headers (and with them
 * TSO/USO super-packets and writes of merged TCP), UDP GSO on send, UDP
 * GRO on receive.  Each falls back to the packet-at-a-time path (a
 * worker that meets a refusal notes it for the main thread to log). */
static int		 tun_vnet, udp_gro;
static atomic_int	 udp_gso, tun_merge, note_gso_off, note_merge_off;

/* A counter only its worker writes: no atomic read-modify-write. */
static inline void
cnt(_Atomic uint64_t *c, uint64_t n)
{
	atomic_store_explicit(c, atomic_load_explicit(c,
	    memory_order_relaxed) + n, memory_order_relaxed);
}

static void
dp_conf_make(struct lispd *l, struct dp_conf *dc)
{
	memset(dc, 0, sizeof(*dc));
	lispd_local_rloc(l, &dc->me);
	if (l->conf != NULL) {
		dc->npetr = l->conf->npetr;
		memcpy(dc->petr, l->conf->use_petr, sizeof(dc->petr));
		dc->nmob = mob_prefixes(l, dc->mob, LC_MAX_MOBIF);
	}
}

/* The worker's copy of the configuration, fresh. */
static const struct dp_conf *
dp_conf_get(struct worker *w)
{
	unsigned	 gen;

	if (w->id == 0) {
		dp_conf_make(w->l, &w->conf);
		return &w->conf;
	}
	gen = atomic_load_explicit(&conf_gen, memory_order_acquire);
	if (gen != w->conf_gen) {
		pthread_mutex_lock(&conf_lock);
		w->conf = conf_snap;
		w->conf_gen = atomic_load(&conf_gen);
		pthread_mutex_unlock(&conf_lock);
	}
	return &w->conf;
}

static void
dp_conf_publish(struct lispd *l)
{
	struct dp_conf	 dc;

	if (nwk < 2)
		return;
	dp_conf_make(l, &dc);
	pthread_mutex_lock(&conf_lock);
	if (memcmp(&dc, &conf_snap, sizeof(dc)) != 0) {
		conf_snap = dc;
		atomic_fetch_add_explicit(&conf_gen, 1, memory_order_release);
	}
	pthread_mutex_unlock(&conf_lock);
}

void
data_publish(struct lispd *l)
{
	dp_conf_publish(l);
}

/* The use-petr locator for a flow among n: lowest priority, then by
 * weight on the hash. */
static const struct lc_loc *
petr_pick(const struct lc_loc *p, size_t n, uint32_t hash)
{
	const struct lc_loc	*best = NULL;
	uint32_t		 total = 0, pick;
	size_t			 i;

	for (i = 0; i < n; i++)
		if (best == NULL || p[i].pri < best->pri)
			best = &p[i];
	if (best == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (p[i].pri == best->pri)
			total += p[i].wgt;
	if (total == 0)
		return best;
	pick = hash % total;
	for (i = 0; i < n; i++) {
		if (p[i].pri != best->pri)
			continue;
		if (pick < p[i].wgt)
			return &p[i];
		pick -= p[i].wgt;
	}
	return best;
}

/* A worker's notice for the main thread; dropped when the queue is full
 * (a miss is asked again by the next packet, an SMR is rate-limited). */
static void
to_main(struct worker *w, int type, uint32_t dst, const uint8_t *addr,
    const struct sockaddr_in *outer)
{
	uint64_t	 one = 1;
	int		 wake;

	pthread_mutex_lock(&w->qlock);
	wake = w->nq == 0;
	/* The packets of one flow come together: say it once. */
	if (w->nq > 0 && w->q[w->nq - 1].type == type &&
	    w->q[w->nq - 1].dst == dst &&
	    memcmp(w->q[w->nq - 1].addr, addr, 4) == 0 && (outer == NULL ||
	    w->q[w->nq - 1].outer.sin_addr.s_addr == outer->sin_addr.s_addr)) {
		pthread_mutex_unlock(&w->qlock);
		return;
	}
	if (w->nq == EVQ)
		cnt(&w->st.evq_drop, 1);	/* under qlock: one writer */
	else {
		w->q[w->nq].type = type;
		w->q[w->nq].dst = dst;
		memcpy(w->q[w->nq].addr, addr, 4);
		if (outer != NULL)
			w->q[w->nq].outer = *outer;
		w->nq++;
	}
	pthread_mutex_unlock(&w->qlock);
	if (wake && write(evfd, &one, sizeof(one)) < 0)
		return;		/* already signalled (the counter is full) */
}

/* The proxy ITR's routes into lisp0, as installed. */
static struct lisp_addr	*pitr_rt;	/* sorted */
static size_t		 npitr_rt;

/* Whether an IPv4 packet read from the TUN is LISP itself (UDP to 4341
 * or 4342): never an EID's traffic to encapsulate. */
static int
own_lisp(const uint8_t *p, size_t len)
{
	size_t		 ihl = (size_t)(p[0] & 0x0f) * 4;
	uint16_t	 dport;

	if (p[9] != IPPROTO_UDP || ihl < 20 || len < ihl + 4)
		return 0;
	dport = (uint16_t)(p[ihl + 2] << 8 | p[ihl + 3]);
	return dport == LISP_DATA_PORT || dport == LISP_CONTROL_PORT;
}

#ifndef TUN_F_USO4
#define TUN_F_USO4	0x20
#define TUN_F_USO6	0x40
#endif

/* One queue of lisp0 with these flags, or -1. */
static int
tun_queue(int flags)
{
	struct ifreq	 ifr;
	int		 fd;

	if ((fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = (short)flags;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", TUN_NAME);
	if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * lisp0 with want queues (IFF_MULTI_QUEUE; our steering program keeps
 * each flow on one queue), virtio-net headers and the offloads the
 * kernel takes, best first: TCP and UDP super-packets with partial
 * checksums, then TCP only, then none (the header stays, all zero).
 * Each step falls back: one queue, then no virtio-net header.  fds gets
 * *nq queues.
 */
static int
tun_open(struct lispd *l, unsigned want, int *fds, unsigned *nq)
{
	static const int	 tries[] = {
		IFF_TUN | IFF_NO_PI | IFF_VNET_HDR | IFF_MULTI_QUEUE,
		IFF_TUN | IFF_NO_PI | IFF_VNET_HDR,
		IFF_TUN | IFF_NO_PI,
	};
	static const unsigned	 offl[] = {
		TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_USO4 | TUN_F_USO6,
		TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6,
		0,
	};
	struct nl_link	 link;
	size_t		 i, t;
	unsigned	 n = 1;
	int		 fd = -1;

	for (t = want > 1 ? 0 : 1; t < sizeof(tries) / sizeof(tries[0]); t++)
		if ((fd = tun_queue(tries[t])) >= 0)
			break;
	if (fd < 0)
		return -1;
	fds[0] = fd;
	tun_vnet = (tries[t] & IFF_VNET_HDR) != 0;
	if (tries[t] & IFF_MULTI_QUEUE)
		for (; n < want; n++)
			if ((fds[n] = tun_queue(tries[t])) < 0)
				break;
	/* Each flow on one queue, whatever the other direction does
	 * (tunsteer.h); without that one queue, so one worker reads. */
	if (n > 1 && tun_steer_by_flow(fds[0]) != 0) {
		log_warn("%s: no flow steering program, one queue", TUN_NAME);
		while (n > 1)
			close(fds[--n]);
	}
	*nq = n;
	for (i = 0; tun_vnet && i < sizeof(offl) / sizeof(offl[0]); i++)
		if (ioctl(fd, TUNSETOFFLOAD, offl[i]) == 0)
			break;
	log_info("%s: %u queue(s), %s", TUN_NAME, n, !tun_vnet ?
	    "no virtio-net header, no offloads" : i == 0 ?
	    "offloads TSO, USO" : i == 1 ? "offloads TSO" : "no offloads");
	atomic_store(&tun_merge, tun_vnet);
	if (l->nl != NULL && nl_link_get(l->nl, TUN_NAME, &link) == 0) {
		l->tun_ifindex = link.ifindex;
		nl_link_set_mtu(l->nl, link.ifindex, TUN_MTU);
		nl_link_set_up(l->nl, link.ifindex, 1);
	}
	return 0;
}

/* A UDP 4341 socket; reuse: one of several (SO_REUSEPORT). */
static int
udp_open(int reuse)
{
	struct sockaddr_in	 sin;
	int			 fd, on = 1, sz = 4 << 20;

	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (reuse)
		setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof(on));
	setsockopt(fd, IPPROTO_IP, IP_RECVTOS, &on, sizeof(on));
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	/* GSO needs no option (a cmsg per message); GRO does. */
	udp_gro = setsockopt(fd, SOL_UDP, UDP_GRO, &on, sizeof(on)) == 0;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(LISP_DATA_PORT);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
route_metric(struct lispd *l, const struct lisp_addr *eid, int add,
    uint32_t metric)
{
	struct nl_route	 r;
	int		 rc;

	if (l->nl == NULL || l->tun_ifindex == 0 ||
	    eid->afi != LISP_AFI_IPV4)
		return;
	memset(&r, 0, sizeof(r));
	memcpy(&r.dst, eid->a, 4);
	r.plen = eid->plen;
	r.oif = l->tun_ifindex;
	r.protocol = RT_PROTO_LISP;
	r.table = 254;
	r.scope = 253;		/* RT_SCOPE_LINK */
	r.type = 1;		/* RTN_UNICAST */
	r.metric = metric;
	rc = add ? nl_route_add(l->nl, &r) : nl_route_del(l->nl, &r);
	if (rc != 0 && rc != -17 && rc != -3)	/* EEXIST, ESRCH */
		log_debug("route %s: %s", add ? "add" : "del",
		    nl_strerror(rc));
}

/* The map-cache batches changes in /16s full of host EIDs (mc_sync):
 * their range arrays are rebuilt 10 ms after a burst of changes. */
static struct event	*sync_ev;

static void
on_sync(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd	*l = arg;

	(void)fd;
	(void)ev;
	mc_sync(l->mc);
}

static void
sync_soon(struct lispd *l, int removing)
{
	struct timeval	 tv = { 0, 10000 };

	/* A removal comes just before its mc_delete: arm for it anyway. */
	if (sync_ev != NULL && (removing || mc_pending(l->mc) > 0) &&
	    !evtimer_pending(sync_ev, NULL))
		evtimer_add(sync_ev, &tv);
}

void
data_route(struct lispd *l, const struct lisp_addr *eid, int add)
{
	sync_soon(l, !add);
	route_metric(l, eid, add, eid->plen == 0 ? RT_METRIC_LAST :
	    RT_METRIC_MC);
}

const struct lc_loc *
lispd_petr(const struct lispd *l, uint32_t hash)
{
	if (l->conf == NULL)
		return NULL;
	return petr_pick(l->conf->use_petr, l->conf->npetr, hash);
}

/* Whether eid is (inside) one of our database prefixes. */
static int
local_eid(const struct lispd_config *c, const struct lisp_addr *eid)
{
	size_t	 i;

	for (i = 0; i < c->ndb; i++)
		if (lisp_addr_contains(&c->db[i].eid, eid))
			return 1;
	return 0;
}

static int
addr_order(const void *a, const void *b)
{
	return lisp_addr_cmp(a, b);
}

static uint32_t
pitr_metric(const struct lisp_addr *a)
{
	return a->plen == 0 ? RT_METRIC_LAST : RT_METRIC_PITR;
}

/* The proxy ITR's routes: install what the configuration wants (again,
 * should one have gone from the kernel), withdraw what it no longer
 * does.  Both lists sorted, so that thousands of static send-map-request
 * entries cost a merge, not a product. */
static void
pitr_routes(struct lispd *l)
{
	const struct lispd_config	*c = l->conf;
	struct lisp_addr		*want = NULL;
	size_t				 nwant = 0, max = 0, i, j, k;

	for (i = 0; c->present && c->pitr && i < c->nsite; i++)
		max += c->site[i].npfx;
	if (c->present && c->pitr)
		max += c->nmc;
	if (max > 0 && (want = calloc(max, sizeof(*want))) == NULL) {
		log_warnx("proxy ITR: out of memory for %zu routes; the "
		    "routes into %s are left as they were", max, TUN_NAME);
		return;
	}
	for (i = 0; c->present && c->pitr && i < c->nsite; i++)
		for (j = 0; j < c->site[i].npfx; j++)
			if (c->site[i].pfx[j].eid.afi == LISP_AFI_IPV4 &&
			    !local_eid(c, &c->site[i].pfx[j].eid))
				want[nwant++] = c->site[i].pfx[j].eid;
	for (i = 0; c->present && c->pitr && i < c->nmc; i++)
		if (c->mc[i].nloc == 0 && c->mc[i].action ==
		    LISP_ACT_SEND_MR && c->mc[i].eid.afi == LISP_AFI_IPV4)
			want[nwant++] = c->mc[i].eid;
	if (nwant > 1)
		qsort(want, nwant, sizeof(*want), addr_order);
	for (i = k = 0; i < nwant; i++)		/* one route per prefix */
		if (k == 0 || lisp_addr_cmp(&want[k - 1], &want[i]) != 0)
			want[k++] = want[i];
	nwant = k;
	for (i = k = 0; i < npitr_rt; i++) {
		while (k < nwant && lisp_addr_cmp(&want[k], &pitr_rt[i]) < 0)
			k++;
		if (k == nwant || lisp_addr_cmp(&want[k], &pitr_rt[i]) != 0)
			route_metric(l, &pitr_rt[i], 0,
			    pitr_metric(&pitr_rt[i]));
	}
	for (k = 0; k < nwant; k++)
		route_metric(l, &want[k], 1, pitr_metric(&want[k]));
	free(pitr_rt);
	pitr_rt = want;
	npitr_rt = nwant;
}

/* Starts a message to rloc dst carrying inner packets of the flow hash
 * with TTL and TOS ttl, tos; NULL when the message or segment pools are
 * full.  The flow picks the socket, so the outer source port (RFC 9300
 * 5.3: from the inner flow, for the underlay's ECMP and the remote ETR's
 * SO_REUSEPORT workers). */
static struct mmsghdr *
out_msg(struct worker *w, const struct lisp_addr *dst, uint32_t hash,
    uint8_t ttl, uint8_t tos, unsigned nseg)
{
	struct mmsghdr	*m;
	unsigned	 i = w->out->nmsg;

	if (i == OUT_MSGS || w->out->nseg + nseg > OUT_SEGS ||
	    w->out->niov + 2 * nseg > OUT_IOV)
		return NULL;
	m = &w->out->msg[i];
	memset(m, 0, sizeof(*m));
	memset(&w->out->sin[i], 0, sizeof(w->out->sin[i]));
	w->out->sin[i].sin_family = AF_INET;
	w->out->sin[i].sin_port = htons(LISP_DATA_PORT);
	memcpy(&w->out->sin[i].sin_addr, dst->a, 4);
	m->msg_hdr.msg_name = &w->out->sin[i];
	m->msg_hdr.msg_namelen = sizeof(w->out->sin[i]);
	m->msg_hdr.msg_iov = &w->out->iov[w->out->niov];
	w->out->nseg_of[i] = 0;
	w->out->gso_of[i] = 0;
	w->out->join_of[i] = 0;
	w->out->ttl_of[i] = ttl;
	w->out->tos_of[i] = tos;
	w->out->sock_of[i] = (uint8_t)((hash >> 18) % NSPORT);
	return m;
}

/* The control messages: the outer TTL and TOS from the inner packet's
 * (RFC 9300 5.3), and the segment size of a GSO message. */
static size_t
out_cmsg(uint8_t *buf, size_t cap, uint8_t ttl, uint8_t tos, uint16_t gso)
{
	struct msghdr	 h;
	struct cmsghdr	*c;
	int		 v;

	memset(buf, 0, cap);
	memset(&h, 0, sizeof(h));
	h.msg_control = buf;
	h.msg_controllen = cap;
	c = CMSG_FIRSTHDR(&h);
	c->cmsg_level = IPPROTO_IP;
	c->cmsg_type = IP_TTL;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	v = ttl != 0 ? ttl : 1;
	memcpy(CMSG_DATA(c), &v, sizeof(v));
	c = CMSG_NXTHDR(&h, c);
	c->cmsg_level = IPPROTO_IP;
	c->cmsg_type = IP_TOS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	v = tos;
	memcpy(CMSG_DATA(c), &v, sizeof(v));
	if (gso == 0)
		return 2 * CMSG_SPACE(sizeof(int));
	c = CMSG_NXTHDR(&h, c);
	c->cmsg_level = SOL_UDP;
	c->cmsg_type = UDP_SEGMENT;
	c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
	memcpy(CMSG_DATA(c), &gso, sizeof(gso));
	return CMSG_OUT;
}

static void
out_close(struct worker *w, struct mmsghdr *m)
{
	unsigned	 i = w->out->nmsg;

	if (w->out->nseg_of[i] < 2)
		w->out->gso_of[i] = 0;
	m->msg_hdr.msg_control = w->out->cm[i].b;
	m->msg_hdr.msg_controllen = out_cmsg(w->out->cm[i].b, sizeof(w->out->cm[i].b),
	    w->out->ttl_of[i], w->out->tos_of[i], w->out->gso_of[i]);
	w->out->niov += m->msg_hdr.msg_iovlen;
	w->out->nmsg++;
}

/*
 * Packets that were not super-packets (small TCP, UDP, ICMP) one message
 * each would take the stack once each on both routers.  A packet that
 * goes the way of the last message (same RLOC, source port socket,
 * outer TTL and TOS) and has the size of that message's packets joins
 * it: one UDP GSO message carries them all, and the ETR reads them as
 * one merged datagram.  udp is the LISP header and inner packet, ulen
 * bytes.  Returns 1 when it joined.
 */
static int
out_join(struct worker *w, const struct lisp_addr *dst, uint32_t hash,
    uint8_t ttl, uint8_t tos, uint8_t *udp, size_t ulen)
{
	struct out	*o = w->out;
	struct mmsghdr	*m;
	unsigned	 i;

	if (o->nmsg == 0 || !atomic_load_explicit(&udp_gso,
	    memory_order_relaxed))
		return 0;
	i = o->nmsg - 1;
	m = &o->msg[i];
	if (o->join_of[i] != ulen || o->nseg_of[i] >= SEG_MAX ||
	    (o->nseg_of[i] + 1) * ulen > UDP_PAYLOAD_MAX ||
	    o->niov + 2 > OUT_IOV ||
	    o->sock_of[i] != (uint8_t)((hash >> 18) % NSPORT) ||
	    o->ttl_of[i] != ttl || o->tos_of[i] != tos ||
	    memcmp(&o->sin[i].sin_addr, dst->a, 4) != 0)
		return 0;
	/* The last message's iovecs end where the next would start. */
	o->iov[o->niov].iov_base = udp;
	o->iov[o->niov].iov_len = LISP_DATA_HDR_LEN;
	o->iov[o->niov + 1].iov_base = udp + LISP_DATA_HDR_LEN;
	o->iov[o->niov + 1].iov_len = ulen - LISP_DATA_HDR_LEN;
	m->msg_hdr.msg_iovlen += 2;
	o->niov += 2;
	o->nseg_of[i]++;
	o->gso_of[i] = (uint16_t)ulen;
	m->msg_hdr.msg_controllen = out_cmsg(o->cm[i].b, sizeof(o->cm[i].b),
	    ttl, tos, o->gso_of[i]);
	return 1;
}

/* A GSO message the kernel refused: its segments one sendmsg each. */
static void
out_split(struct worker *w, unsigned i, int fd)
{
	struct msghdr	 h = w->out->msg[i].msg_hdr;
	uint8_t		 cm[CMSG_OUT];
	size_t		 k;

	h.msg_control = cm;
	h.msg_controllen = out_cmsg(cm, sizeof(cm), w->out->ttl_of[i],
	    w->out->tos_of[i], 0);
	for (k = 0; k < w->out->msg[i].msg_hdr.msg_iovlen; k += 2) {
		h.msg_iov = w->out->msg[i].msg_hdr.msg_iov + k;
		h.msg_iovlen = 2;
		if (sendmsg(fd, &h, 0) < 0)
			cnt(&w->st.encap_drop, 1);
		else
			cnt(&w->st.encap, 1);
	}
}

/* One socket's messages (run[0 .. n), indices idx into out). */
static void
out_send(struct worker *w, int fd, unsigned n)
{
	struct out	*o = w->out;
	unsigned	 i = 0, k;
	int		 r;

	while (i < n) {
		r = sendmmsg(fd, o->run + i, n - i, 0);
		if (r > 0) {
			for (k = i; k < i + (unsigned)r; k++)
				cnt(&w->st.encap, o->nseg_of[o->runidx[k]]);
			i += (unsigned)r;
			continue;
		}
		k = o->runidx[i];
		if (r < 0 && o->gso_of[k] != 0 && (errno == EIO ||
		    errno == EINVAL || errno == EOPNOTSUPP ||
		    errno == ENOPROTOOPT)) {
			/* No checksum offload on the way out (EIO) or no
			 * UDP GSO at all: never again.  EINVAL (a segment
			 * over the route's MTU, too many): this one only. */
			if (errno != EINVAL && atomic_exchange(&udp_gso,
			    0) != 0)
				atomic_store(&note_gso_off, errno);
			out_split(w, k, fd);
			i++;
			continue;
		}
		for (; i < n; i++)
			cnt(&w->st.encap_drop, o->nseg_of[o->runidx[i]]);
	}
}

/* Everything queued, a sendmmsg per source-port socket (each flow's
 * messages stay in their order). */
static void
out_flush(struct worker *w)
{
	struct out	*o = w->out;
	unsigned	 b, i, n;
	uint32_t	 used = 0;

	for (i = 0; i < o->nmsg; i++)
		used |= 1u << o->sock_of[i];
	for (b = 0; b < NSPORT; b++) {
		if (!(used >> b & 1))
			continue;
		for (i = n = 0; i < o->nmsg; i++)
			if (o->sock_of[i] == b) {
				o->run[n] = o->msg[i];
				o->runidx[n++] = i;
			}
		out_send(w, w->sfd[b], n);
	}
	o->nmsg = o->niov = o->nseg = 0;
}

/*
 * A TSO/USO super-packet: cut into inner packets that fit lisp0's MTU
 * (so the outer ones fit the WAN's), each behind its own LISP header,
 * sent as one UDP GSO message per up to SEG_MAX segments (the kernel
 * cuts the UDP payload at each segment boundary).  Without UDP GSO, one
 * message per segment.
 */
static unsigned
encap_gso(struct worker *w, const uint8_t *pkt, size_t len,
    const struct lisp_vnet *v, const struct lisp_addr *dst, uint32_t hash,
    const uint8_t lh[LISP_DATA_HDR_LEN], size_t *inner)
{
	struct lisp_gso	 g;
	struct mmsghdr	*m = NULL;
	const uint8_t	*pay;
	size_t		 plen, seg, per;
	uint8_t		*h;

	*inner = 0;
	if (lisp_gso_start(&g, pkt, len, v, TUN_MTU) != 0) {
		cnt(&w->st.encap_drop, 1);
		return 0;
	}
	seg = LISP_DATA_HDR_LEN + g.hlen + g.mss;
	per = udp_gso ? UDP_PAYLOAD_MAX / seg : 1;
	if (per > SEG_MAX)
		per = SEG_MAX;
	if (per == 0)
		per = 1;
	for (;;) {
		if (m != NULL && w->out->nseg_of[w->out->nmsg] == per) {
			out_close(w, m);
			m = NULL;
		}
		if (m == NULL && (m = out_msg(w, dst, hash, pkt[8], pkt[1],
		    (unsigned)per)) == NULL) {
			out_flush(w);
			continue;
		}
		h = w->out->seg[w->out->nseg];
		if (!lisp_gso_next(&g, h + LISP_DATA_HDR_LEN, &pay, &plen))
			break;
		memcpy(h, lh, LISP_DATA_HDR_LEN);
		w->out->nseg++;
		w->out->iov[w->out->niov + m->msg_hdr.msg_iovlen].iov_base = h;
		w->out->iov[w->out->niov + m->msg_hdr.msg_iovlen].iov_len =
		    LISP_DATA_HDR_LEN + g.hlen;
		m->msg_hdr.msg_iovlen++;
		w->out->iov[w->out->niov + m->msg_hdr.msg_iovlen].iov_base =
		    (void *)(uintptr_t)pay;
		w->out->iov[w->out->niov + m->msg_hdr.msg_iovlen].iov_len = plen;
		m->msg_hdr.msg_iovlen++;
		w->out->nseg_of[w->out->nmsg]++;
		w->out->gso_of[w->out->nmsg] = (uint16_t)seg;
	}
	if (w->out->nseg_of[w->out->nmsg] > 0)
		out_close(w, m);
	/* The inner packets and their bytes (each has the headers). */
	*inner = len + (g.nseg - 1) * g.hlen;
	return g.nseg;
}

/* TUN -> map-cache -> UDP 4341. */
static void
tun_rx(struct worker *w)
{
	struct lispd		*l = w->l;
	const struct dp_conf	*dc;
	uint32_t		 dst[BATCH];
	const struct mc_entry	*ent[BATCH];
	struct mc_tally		 tally = { .now = lispd_now() };
	size_t			 len[BATCH], inb;
	struct lisp_vnet	 vn[BATCH];
	struct lisp_addr	 me;
	size_t			 vhl = tun_vnet ? LISP_VNET_HDR_LEN : 0;
	unsigned		 n, i, n_in;
	ssize_t			 r;
	size_t			 bytes;
	int			 rounds;

	dc = dp_conf_get(w);
	me = dc->me;
	for (rounds = 0; rounds < 16; rounds++) {
		bytes = 0;
		for (n = 0; n < BATCH && bytes < BATCH_BYTES; n++) {
			uint8_t	*pkt = w->tx->buf[n] + HEADROOM;

			r = read(w->tun_fd, pkt - vhl, PKTBUF - HEADROOM + vhl);
			if (r < (ssize_t)vhl + 20)
				break;
			len[n] = (size_t)r - vhl;
			bytes += len[n];
			memset(&vn[n], 0, sizeof(vn[n]));
			if (vhl != 0)
				(void)lisp_vnet_decode(pkt - vhl, vhl, &vn[n]);
			if ((pkt[0] >> 4) != 4) {
				len[n] = 0;
				dst[n] = 0;
				continue;
			}
			memcpy(&dst[n], pkt + 16, 4);
			dst[n] = ntohl(dst[n]);
			/*
			 * Our own LISP packets come back here when an RLOC is
			 * routed only through lisp0: encapsulating them again
			 * would loop for ever.  Drop them (counted).
			 */
			if (own_lisp(pkt, len[n]) ||
			    (vn[n].gso_type == LISP_VNET_GSO_NONE &&
			    (vn[n].flags & LISP_VNET_F_NEEDS_CSUM) &&
			    lisp_csum_complete(pkt, len[n], &vn[n]) != 0)) {
				cnt(&w->st.encap_drop, 1);
				len[n] = 0;
				dst[n] = 0;
			}
		}
		if (n == 0)
			return;
		mc_lookup4_batch(l->mc, 0, dst, n, ent);
		for (i = 0; i < n; i++) {
			const struct mc_locator	*loc = NULL;
			const struct lc_loc	*petr;
			const struct lisp_addr	*rloc;
			struct lisp_encap	 e;
			struct mmsghdr		*m;
			uint8_t			*inner, *pkt, lh[LISP_DATA_HDR_LEN];
			size_t			 plen;
			uint32_t		 hash;

			if (len[i] == 0)
				continue;
			inner = w->tx->buf[i] + HEADROOM;
			hash = lisp_flow_hash(inner, len[i]);
			petr = NULL;
			if (ent[i] != NULL && mc_entry_action(ent[i]) ==
			    LISP_ACT_NATIVE)
				petr = petr_pick(dc->petr, dc->npetr, hash);
			if (petr == NULL && (ent[i] == NULL ||
			    (loc = mc_entry_select(ent[i], hash)) == NULL)) {
				if (ent[i] == NULL || mc_entry_action(ent[i]) ==
				    LISP_ACT_SEND_MR) {
					struct lisp_addr d, s;

					lisp_addr_v4(&d, dst[i], 32);
					memcpy(&s.a, inner + 12, 4);
					s.afi = LISP_AFI_IPV4;
					s.plen = 32;
					cnt(&w->st.miss, 1);
					if (w->id == 0)
						ctl_request(l, 0, &d, &s, NULL,
						    0, 0);
					else
						to_main(w, EV_MISS, dst[i],
						    inner + 12, NULL);
				}
				cnt(&w->st.encap_drop, 1);
				continue;
			}
			rloc = petr != NULL ? &petr->rloc : &loc->rloc;
			memset(&e, 0, sizeof(e));
			e.hash = hash;
			e.src = me;
			e.dst = *rloc;
			e.ip_id = (uint16_t)(atomic_load_explicit(&w->st.encap,
			    memory_order_relaxed) + i);
			e.hdr.flags = LISP_DH_N;
			e.hdr.nonce = e.hash & 0xffffff;
			if (vn[i].gso_type != LISP_VNET_GSO_NONE) {
				if (lisp_data_hdr_encode(lh, &e.hdr) != 0 ||
				    e.dst.afi != LISP_AFI_IPV4) {
					cnt(&w->st.encap_drop, 1);
					continue;
				}
				n_in = encap_gso(w, inner, len[i], &vn[i], rloc,
				    hash, lh, &inb);
				mc_tally_add(&tally, ent[i], n_in, inb);
				continue;
			}
			if (lisp_encap4(inner, len[i], HEADROOM, &e, &pkt,
			    &plen) != 0) {
				cnt(&w->st.encap_drop, 1);
				continue;
			}
			mc_tally_add(&tally, ent[i], 1, len[i]);
			/* A UDP socket writes its own IP header: send the
			 * UDP payload (the LISP header and the inner). */
			if (out_join(w, rloc, hash, inner[8], inner[1],
			    pkt + 28, plen - 28))
				continue;
			if ((m = out_msg(w, rloc, hash, inner[8], inner[1],
			    1)) == NULL) {
				out_flush(w);
				m = out_msg(w, rloc, hash, inner[8], inner[1],
				    1);
			}
			/* Two pieces, as a GSO message's segments are (see
			 * out_split), should others join it. */
			w->out->iov[w->out->niov].iov_base = pkt + 28;
			w->out->iov[w->out->niov].iov_len = LISP_DATA_HDR_LEN;
			w->out->iov[w->out->niov + 1].iov_base = pkt + 28 +
			    LISP_DATA_HDR_LEN;
			w->out->iov[w->out->niov + 1].iov_len = plen - 28 -
			    LISP_DATA_HDR_LEN;
			m->msg_hdr.msg_iovlen = 2;
			w->out->nseg_of[w->out->nmsg] = 1;
			w->out->join_of[w->out->nmsg] = (uint16_t)(plen - 28);
			out_close(w, m);
		}
		mc_tally_flush(&tally);
		out_flush(w);
		if (n < BATCH && bytes < BATCH_BYTES)
			return;
	}
}

/* The outer TTL and TOS from the socket (IP_RECVTTL, IP_RECVTOS): the
 * decapsulated packet's TTL is the smaller of the two.  Returns the
 * segment size of a datagram the kernel merged (UDP_GRO), else 0. */
static size_t
outer_ip(struct msghdr *h, struct lisp_decap *d)
{
	struct cmsghdr	*c;
	size_t		 gro = 0;
	int		 v;

	d->ttl = 255;
	d->tos = 0;
	for (c = CMSG_FIRSTHDR(h); c != NULL; c = CMSG_NXTHDR(h, c)) {
		if (c->cmsg_level == SOL_UDP && c->cmsg_type == UDP_GRO) {
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			gro = v > 0 ? (size_t)v : 0;
		}
		if (c->cmsg_level != IPPROTO_IP)
			continue;
		if (c->cmsg_type == IP_TTL) {
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			d->ttl = (uint8_t)v;
		} else if (c->cmsg_type == IP_TOS)
			d->tos = *(uint8_t *)CMSG_DATA(c);
	}
	return gro;
}

/* One inner packet into lisp0, behind a zero virtio-net header when the
 * TUN has them. */
static void
tun_write1(struct worker *w, uint8_t *p, size_t len)
{
	static uint8_t	 zero[LISP_VNET_HDR_LEN];
	struct iovec	 iov[2];
	ssize_t		 r;

	iov[0].iov_base = zero;
	iov[0].iov_len = LISP_VNET_HDR_LEN;
	iov[1].iov_base = p;
	iov[1].iov_len = len;
	if (tun_vnet)
		r = writev(w->tun_fd, iov, 2);
	else
		r = write(w->tun_fd, p, len);
	if (r < 0)
		cnt(&w->st.decap_drop, 1);
	else
		cnt(&w->st.decap, 1);
}

/* The merged TCP segments held, as one write. */
static void
coal_flush(struct worker *w)
{
	struct iovec	 iov[1 + LISP_COAL_MAX];
	size_t		 hl;
	unsigned	 k;

	if ((hl = lisp_coal_finish(w->coal)) == 0)
		return;
	iov[0].iov_base = w->coal->hdr;
	iov[0].iov_len = hl;
	for (k = 0; k < w->coal->n; k++) {
		iov[1 + k].iov_base = (void *)(uintptr_t)w->coal->pay[k];
		iov[1 + k].iov_len = w->coal->plen[k];
	}
	if (writev(w->tun_fd, iov, (int)(1 + w->coal->n)) >= 0)
		cnt(&w->st.decap, w->coal->n);
	else {
		cnt(&w->st.decap_drop, w->coal->n);
		if (w->coal->n > 1 && errno == EINVAL &&
		    atomic_exchange(&tun_merge, 0) != 0)
			atomic_store(&note_merge_off, 1);
	}
	lisp_coal_reset(w->coal);
}

/* A decapsulated inner packet: merged with the TCP segments before it
 * when it continues them, else written (after them). */
static void
tun_out(struct worker *w, uint8_t *p, size_t len)
{
	int	 rc;

	if (!tun_merge) {
		tun_write1(w, p, len);
		return;
	}
	if ((rc = lisp_coal_add(w->coal, p, len)) == 0) {
		coal_flush(w);
		rc = lisp_coal_add(w->coal, p, len);
	}
	if (rc < 0) {
		coal_flush(w);
		tun_write1(w, p, len);
	}
}

/*
 * A worker's side of mob_decap: only packets for one of the dynamic-EID
 * prefixes here concern mobility, and the main thread needs to hear of
 * an (inner destination, ITR) pair once in MOB_QUIET_US, not per packet
 * (each notice costs a lock and, on an empty queue, a wake-up).
 */
static void
mob_tell(struct worker *w, const struct dp_conf *dc, const uint8_t *inner,
    size_t len, const struct sockaddr_in *outer, uint64_t us)
{
	struct lisp_addr	 a;
	uint32_t		 dst, src;
	size_t			 i, k;

	if (dc->nmob == 0 || len < 20 || (inner[0] >> 4) != 4)
		return;
	memcpy(&dst, inner + 16, 4);
	lisp_addr_set(&a, LISP_AFI_IPV4, &dst, 32);
	for (i = 0; i < dc->nmob; i++)
		if (lisp_addr_contains(&dc->mob[i], &a))
			break;
	if (i == dc->nmob)
		return;
	src = outer->sin_addr.s_addr;
	k = ((dst * 2654435761u) ^ src) % MOB_TOLD;
	if (w->told[k].dst == dst && w->told[k].src == src &&
	    us - w->told[k].us < MOB_QUIET_US)
		return;
	w->told[k].dst = dst;
	w->told[k].src = src;
	w->told[k].us = us;
	to_main(w, EV_MOB, 0, inner + 16, outer);
}

/* UDP 4341 -> decapsulate -> TUN.  A datagram the kernel merged (GRO)
 * is cut at its segment size; each piece is one LISP packet. */
static void
udp_rx(struct worker *w)
{
	struct lispd		*l = w->l;
	const struct dp_conf	*dc = NULL;
	struct lisp_decap	 d;
	const uint8_t		*sp;
	size_t			 gro, off, dlen, seg, total;
	uint64_t		 us = 0;
	unsigned		 vlen;
	int			 n, i, rc, rounds;

	if (w->id != 0) {
		dc = dp_conf_get(w);
		us = lispd_now_us();
	}
	for (rounds = 0; rounds < 16; rounds++) {
		vlen = w->rx_vlen;
		for (i = 0; i < (int)vlen; i++) {
			w->rx->iov[i].iov_base = w->rx->buf[i];
			w->rx->iov[i].iov_len = PKTBUF;
			memset(&w->rx->msg[i], 0, sizeof(w->rx->msg[i]));
			w->rx->msg[i].msg_hdr.msg_iov = &w->rx->iov[i];
			w->rx->msg[i].msg_hdr.msg_iovlen = 1;
			w->rx->msg[i].msg_hdr.msg_name = &w->rx->sin[i];
			w->rx->msg[i].msg_hdr.msg_namelen =
			    sizeof(w->rx->sin[i]);
			w->rx->msg[i].msg_hdr.msg_control = w->rx->cmsg[i];
			w->rx->msg[i].msg_hdr.msg_controllen =
			    sizeof(w->rx->cmsg[i]);
		}
		n = recvmmsg(w->udp_fd, w->rx->msg, vlen, MSG_DONTWAIT, NULL);
		if (n <= 0)
			return;
		/* As many datagrams of the size just read as fit in
		 * BATCH_BYTES next time (GRO makes them 64 KB). */
		for (i = 0, total = 0; i < n; i++)
			total += w->rx->msg[i].msg_len;
		total = total / (size_t)n + 1;
		w->rx_vlen = total >= BATCH_BYTES / 2 ? 2 :
		    BATCH_BYTES / total > BATCH ? BATCH :
		    (unsigned)(BATCH_BYTES / total);
		for (i = 0; i < n; i++) {
			struct lisp_decap	 o;

			dlen = w->rx->msg[i].msg_len;
			memset(&o, 0, sizeof(o));
			gro = outer_ip(&w->rx->msg[i].msg_hdr, &o);
			off = 0;
			while (lisp_gro_next(w->rx->buf[i], dlen, gro, &off,
			    &sp, &seg)) {
				rc = lisp_decap_udp((uint8_t *)(uintptr_t)sp,
				    seg, &d);
				if (rc == 0) {
					d.ttl = o.ttl;
					d.tos = o.tos;
					rc = lisp_decap_fixup(&d);
				}
				if (rc != 0) {
					cnt(&w->st.decap_drop, 1);
					if (-rc < LISP_E_NCODES)
						cnt(&w->st.drop[-rc], 1);
					continue;
				}
				/* Mobility looks at the inner destination
				 * before the payload goes (SMR). */
				if (dc == NULL)
					mob_decap(l, d.inner, d.inner_len,
					    &w->rx->sin[i]);
				else
					mob_tell(w, dc, d.inner, d.inner_len,
					    &w->rx->sin[i], us);
				tun_out(w, d.inner, d.inner_len);
			}
		}
		/* The payloads held point into this batch's buffers. */
		coal_flush(w);
		if ((unsigned)n < vlen)
			return;
	}
}

static int
install_static(const struct mc_entry *e, void *arg)
{
	(void)e;
	(void)arg;
	return 0;
}

void
data_reconfigure(struct lispd *l)
{
	const struct lispd_config	*c = l->conf;
	struct mc_locator		 loc[LC_MAX_LOC];
	struct mc_mapping		 m;
	struct lisp_addr		 def;
	size_t				 i, k;

	mc_clear(l->mc, 1u << MC_SRC_STATIC);
	for (i = 0; i < c->nmc; i++) {
		memset(&m, 0, sizeof(m));
		m.iid = c->mc[i].iid;
		m.eid = c->mc[i].eid;
		m.action = c->mc[i].action;
		m.source = MC_SRC_STATIC;
		for (k = 0; k < c->mc[i].nloc; k++) {
			memset(&loc[k], 0, sizeof(loc[k]));
			loc[k].rloc = c->mc[i].loc[k].rloc;
			loc[k].priority = c->mc[i].loc[k].pri;
			loc[k].weight = c->mc[i].loc[k].wgt;
			loc[k].flags = MC_LOC_UP;
		}
		m.nloc = c->mc[i].nloc;
		m.loc = loc;
		if (mc_insert(l->mc, &m, lispd_now()) == 0 && m.nloc > 0)
			data_route(l, &m.eid, 1);
	}
	mc_walk(l->mc, install_static, l);
	lisp_addr_v4(&def, 0, 0);
	/* An ITR's map-cache holds IOS's default entry, 0.0.0.0/0 static
	 * send-map-request (the lookup treats it as a miss). */
	if (c->present && c->itr && mc_find(l->mc, 0, &def) == NULL) {
		memset(&m, 0, sizeof(m));
		m.eid = def;
		m.action = LISP_ACT_SEND_MR;
		m.source = MC_SRC_STATIC;
		mc_insert(l->mc, &m, lispd_now());
	}
	data_route(l, &def, c->present && c->itr);
	pitr_routes(l);
	/* The workers' copy of the configuration: data_publish(), once
	 * mobility has its prefixes too (lispd.c apply_config). */
}

/* Worker 0's sockets, in the main thread's event loop. */
static void
on_tun(evutil_socket_t fd, short ev, void *arg)
{
	(void)fd;
	(void)ev;
	tun_rx(arg);
}

static void
on_data(evutil_socket_t fd, short ev, void *arg)
{
	(void)fd;
	(void)ev;
	udp_rx(arg);
}

/* A worker thread: its lisp0 queue and its socket until stopfd. */
static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	struct pollfd	 pf[3];
	sigset_t	 all;

	/* Signals are the main thread's (its event loop). */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pf[0].fd = w->tun_fd;
	pf[1].fd = w->udp_fd;
	pf[2].fd = stopfd;
	pf[0].events = pf[1].events = pf[2].events = POLLIN;
	for (;;) {
		/* Blocked, it holds no map-cache entry: reclamation goes on
		 * without it. */
		mc_reader_offline(w->rd);
		if (poll(pf, 3, -1) < 0 && errno != EINTR)
			break;
		if (pf[2].revents != 0)
			break;
		mc_reader_online(w->rd);
		if (pf[0].revents != 0)
			tun_rx(w);
		if (pf[1].revents != 0)
			udp_rx(w);
		mc_reader_quiescent(w->rd);
	}
	return NULL;
}

/* The workers' counters into l->st (the data-plane fields are theirs). */
static void
dp_fold(struct lispd *l)
{
	struct lispd_stats	*st = &l->st;
	unsigned		 i, k;

	st->encap = st->decap = st->encap_drop = st->decap_drop = 0;
	st->miss = st->evq_drop = 0;
	for (i = 0; i < nwk; i++) {
		st->encap += atomic_load(&wk[i]->st.encap);
		st->decap += atomic_load(&wk[i]->st.decap);
		st->encap_drop += atomic_load(&wk[i]->st.encap_drop);
		st->decap_drop += atomic_load(&wk[i]->st.decap_drop);
		st->miss += atomic_load(&wk[i]->st.miss);
		st->evq_drop += atomic_load(&wk[i]->st.evq_drop);
		for (k = 0; k < LISP_E_NCODES; k++)
			st->drop[k] = (i == 0 ? 0 : st->drop[k]) +
			    atomic_load(&wk[i]->st.drop[k]);
	}
}

/* Every second: counters, the workers' copy of the configuration,
 * retired map-cache memory, what the workers noted. */
static void
on_fold(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd	*l = arg;
	int		 e;

	(void)fd;
	(void)ev;
	dp_fold(l);
	dp_conf_publish(l);
	if (nwk > 1)
		mc_reclaim(l->mc);
	if ((e = atomic_exchange(&note_gso_off, 0)) != 0)
		log_info("UDP GSO refused (%s): sending segments one by one",
		    strerror(e));
	if (atomic_exchange(&note_merge_off, 0) != 0)
		log_info("%s refused a merged TCP packet: writing segments "
		    "one by one", TUN_NAME);
}

/* What the workers handed over: Map-Requests for misses, mobility's
 * look at decapsulated traffic (SMR). */
static void
on_ev(evutil_socket_t fd, short ev, void *arg)
{
	static struct dp_ev	 q[EVQ];
	struct lispd		*l = arg;
	struct lisp_addr	 d, src;
	uint8_t			 ip[20];
	uint64_t		 v;
	size_t			 n, k;
	unsigned		 i;

	(void)ev;
	if (read(fd, &v, sizeof(v)) < 0 && errno != EAGAIN)
		log_debug("eventfd: %s", strerror(errno));
	for (i = 1; i < nwk; i++) {
		pthread_mutex_lock(&wk[i]->qlock);
		n = wk[i]->nq;
		memcpy(q, wk[i]->q, n * sizeof(q[0]));
		wk[i]->nq = 0;
		pthread_mutex_unlock(&wk[i]->qlock);
		for (k = 0; k < n; k++) {
			if (q[k].type == EV_MISS) {
				lisp_addr_v4(&d, q[k].dst, 32);
				(void)lisp_addr_set(&src, LISP_AFI_IPV4,
				    q[k].addr, 32);
				ctl_request(l, 0, &d, &src, NULL, 0, 0);
			} else if (l->mob != NULL) {
				memset(ip, 0, sizeof(ip));
				ip[0] = 0x45;
				memcpy(ip + 16, q[k].addr, 4);
				mob_decap(l, ip, sizeof(ip), &q[k].outer);
			}
		}
	}
}

/* LISPD_DATA_WORKERS, else one per CPU (at most 4). */
static unsigned
workers_wanted(void)
{
	const char	*e = getenv("LISPD_DATA_WORKERS");
	long		 n;

	if (e != NULL && (n = strtol(e, NULL, 10)) >= 1)
		return n > MAX_WORKERS ? MAX_WORKERS : (unsigned)n;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 4 ? 4 : (unsigned)n;
}

static struct worker *
worker_new(struct lispd *l, unsigned id, int tun_fd)
{
	struct worker	*w;
	unsigned	 k;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->id = id;
	w->rx_vlen = BATCH;
	w->l = l;
	w->tun_fd = tun_fd;
	w->udp_fd = -1;
	for (k = 0; k < NSPORT; k++)
		w->sfd[k] = -1;
	pthread_mutex_init(&w->qlock, NULL);
	if ((w->rx = malloc(sizeof(*w->rx))) == NULL ||
	    (w->tx = malloc(sizeof(*w->tx))) == NULL ||
	    (w->out = calloc(1, sizeof(*w->out))) == NULL ||
	    (w->coal = calloc(1, sizeof(*w->coal))) == NULL) {
		free(w->rx);
		free(w->tx);
		free(w->out);
		free(w);
		return NULL;
	}
	return w;
}

static void
worker_free(struct worker *w)
{
	unsigned	 k;

	for (k = 0; k < NSPORT; k++)
		if (w->sfd[k] >= 0 && w->sfd[k] != w->udp_fd)
			close(w->sfd[k]);
	if (w->tun_fd >= 0)
		close(w->tun_fd);
	if (w->udp_fd >= 0)
		close(w->udp_fd);
	pthread_mutex_destroy(&w->qlock);
	free(w->rx);
	free(w->tx);
	free(w->out);
	free(w->coal);
	free(w);
}

/* The sockets a worker sends from: ports the kernel picks, one per
 * flow group.  Without them, the receiving socket (source port 4341). */
static int
send_sockets(struct worker *w)
{
	struct sockaddr_in	 sin;
	unsigned		 k;
	int			 fd, sz = 4 << 20;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	for (k = 0; k < NSPORT; k++) {
		fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
		if (fd >= 0 && (setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz,
		    sizeof(sz)) != 0 || bind(fd, (struct sockaddr *)&sin,
		    sizeof(sin)) != 0)) {
			close(fd);
			fd = -1;
		}
		w->sfd[k] = fd >= 0 ? fd : w->udp_fd;
	}
	return 0;
}

int
data_start(struct lispd *l)
{
	struct timeval	 sec = { 1, 0 };
	int		 fds[MAX_WORKERS];
	unsigned	 i, nq;

	if (nl_open(&l->nl) != 0)
		l->nl = NULL;
	if (tun_open(l, workers_wanted(), fds, &nq) != 0) {
		log_warn("cannot create %s", TUN_NAME);
		return -1;
	}
	atomic_store(&udp_gso, 1);
	for (i = 0; i < nq; i++) {
		if ((wk[i] = worker_new(l, i, fds[i])) == NULL ||
		    (wk[i]->udp_fd = udp_open(nq > 1)) < 0 ||
		    send_sockets(wk[i]) != 0) {
			if (wk[i] == NULL)
				close(fds[i]);
			for (; i + 1 < nq; i++)
				close(fds[i + 1]);
			return -1;
		}
		nwk = i + 1;
	}
	if (!udp_gro)
		log_info("UDP GRO refused: %s", strerror(errno));
	l->tun_fd = wk[0]->tun_fd;
	l->data_fd = wk[0]->udp_fd;
	sync_ev = evtimer_new(l->base, on_sync, l);
	fold_ev = event_new(l->base, -1, EV_PERSIST, on_fold, l);
	l->tun_ev = event_new(l->base, l->tun_fd, EV_READ | EV_PERSIST,
	    on_tun, wk[0]);
	l->data_ev = event_new(l->base, l->data_fd, EV_READ | EV_PERSIST,
	    on_data, wk[0]);
	if (l->tun_ev == NULL || l->data_ev == NULL || fold_ev == NULL ||
	    sync_ev == NULL)
		return -1;
	event_add(l->tun_ev, NULL);
	event_add(l->data_ev, NULL);
	event_add(fold_ev, &sec);
	if (nwk > 1 && ((evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0 ||
	    (stopfd = eventfd(0, EFD_CLOEXEC)) < 0 ||
	    (ev_ev = event_new(l->base, evfd, EV_READ | EV_PERSIST, on_ev,
	    l)) == NULL))
		return -1;
	if (ev_ev != NULL)
		event_add(ev_ev, NULL);
	dp_conf_publish(l);
	/* A queue without its thread would hold its flows: close it (the
	 * kernel spreads over the queues left). */
	for (i = 1; i < nwk; i++)
		if ((wk[i]->rd = mc_reader_new(l->mc)) == NULL ||
		    pthread_create(&wk[i]->th, NULL, worker_main, wk[i]) != 0)
			break;
		else
			wk[i]->started = 1;
	if (i < nwk) {
		log_warn("data plane: %u of %u workers", i, nwk);
		for (nq = i; i < nwk; i++) {
			if (wk[i]->rd != NULL)
				mc_reader_free(l->mc, wk[i]->rd);
			worker_free(wk[i]);
			wk[i] = NULL;
		}
		nwk = nq;
	}
	log_info("data plane: %u worker(s)", nwk);
	return 0;
}

void
data_stop(struct lispd *l)
{
	uint64_t	 one = 1;
	unsigned	 i;

	if (stopfd >= 0 && write(stopfd, &one, sizeof(one)) < 0)
		log_warn("stopping the data-plane workers");
	for (i = 1; i < nwk; i++)
		if (wk[i]->started) {
			pthread_join(wk[i]->th, NULL);
			mc_reader_free(l->mc, wk[i]->rd);
		}
	if (nwk > 0)
		dp_fold(l);
	if (sync_ev != NULL)
		event_free(sync_ev);
	if (fold_ev != NULL)
		event_free(fold_ev);
	if (ev_ev != NULL)
		event_free(ev_ev);
	sync_ev = fold_ev = ev_ev = NULL;
	if (l->tun_ev != NULL)
		event_free(l->tun_ev);
	if (l->data_ev != NULL)
		event_free(l->data_ev);
	l->tun_ev = l->data_ev = NULL;
	for (i = 0; i < nwk; i++) {
		worker_free(wk[i]);
		wk[i] = NULL;
	}
	l->tun_fd = l->data_fd = -1;
	nwk = 0;
	if (evfd >= 0)
		close(evfd);
	if (stopfd >= 0)
		close(stopfd);
	evfd = stopfd = -1;
	/* The routes go with lisp0. */
	free(pitr_rt);
	pitr_rt = NULL;
	npitr_rt = 0;
	nl_close(l->nl);
	l->nl = NULL;
}
