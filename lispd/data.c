/*
 * The data plane: the TUN device lisp0 (IOS's LISP0) carries packets for
 * remote EIDs; each batch read from it is looked up in the map-cache
 * (mc_lookup4_batch), encapsulated in place (outer IPv4 + UDP 4341 + LISP
 * header, source port from the inner flow) and sent with one sendmmsg.
 * UDP 4341 is read with recvmmsg, decapsulated (TTL and ECN applied) and
 * written to the TUN.  No allocation per packet: the batch buffers live
 * in a static ring sized at start.
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
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_tun.h>

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lispd/lispd.h"
#include "platform/log.h"
#include "platform/netlink.h"

#define TUN_NAME	"lisp0"
#define TUN_MTU		(1500 - LISP_ENCAP4_LEN)
#define BATCH		64
#define HEADROOM	64
#define PKTBUF		(HEADROOM + 65536)
#define RT_PROTO_LISP	200	/* our routes; cfgd only touches STATIC */
#define RT_METRIC_LAST	0xfffffff0u
#define RT_METRIC_MC	10
#define RT_METRIC_PITR	20
#define MAX_PITR_RT	256

struct batch {
	uint8_t		 buf[BATCH][PKTBUF];
	uint8_t		 cmsg[BATCH][64];
	struct mmsghdr	 msg[BATCH];
	struct iovec	 iov[BATCH];
	struct sockaddr_in sin[BATCH];
};

static struct batch	*rx, *tx;

/* The proxy ITR's routes into lisp0, as installed. */
static struct lisp_addr	 pitr_rt[MAX_PITR_RT];
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

static int
tun_open(struct lispd *l)
{
	struct ifreq	 ifr;
	struct nl_link	 link;
	int		 fd;

	if ((fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", TUN_NAME);
	if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
		close(fd);
		return -1;
	}
	l->tun_fd = fd;
	if (l->nl != NULL && nl_link_get(l->nl, TUN_NAME, &link) == 0) {
		l->tun_ifindex = link.ifindex;
		nl_link_set_mtu(l->nl, link.ifindex, TUN_MTU);
		nl_link_set_up(l->nl, link.ifindex, 1);
	}
	return 0;
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

void
data_route(struct lispd *l, const struct lisp_addr *eid, int add)
{
	route_metric(l, eid, add, eid->plen == 0 ? RT_METRIC_LAST :
	    RT_METRIC_MC);
}

const struct lc_loc *
lispd_petr(const struct lispd *l, uint32_t hash)
{
	const struct lispd_config	*c = l->conf;
	const struct lc_loc		*best = NULL;
	uint32_t			 total = 0, pick;
	size_t				 i;

	if (c == NULL || c->npetr == 0)
		return NULL;
	for (i = 0; i < c->npetr; i++)
		if (best == NULL || c->use_petr[i].pri < best->pri)
			best = &c->use_petr[i];
	for (i = 0; i < c->npetr; i++)
		if (c->use_petr[i].pri == best->pri)
			total += c->use_petr[i].wgt;
	if (total == 0)
		return best;
	pick = hash % total;
	for (i = 0; i < c->npetr; i++) {
		if (c->use_petr[i].pri != best->pri)
			continue;
		if (pick < c->use_petr[i].wgt)
			return &c->use_petr[i];
		pick -= c->use_petr[i].wgt;
	}
	return best;
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

/* The proxy ITR's routes: install what the configuration wants, withdraw
 * what it no longer does. */
static void
pitr_routes(struct lispd *l)
{
	const struct lispd_config	*c = l->conf;
	struct lisp_addr		 want[MAX_PITR_RT];
	size_t				 nwant = 0, i, j, k;

	for (i = 0; c->present && c->pitr && i < c->nsite; i++)
		for (j = 0; j < c->site[i].npfx && nwant < MAX_PITR_RT; j++)
			if (c->site[i].pfx[j].eid.afi == LISP_AFI_IPV4 &&
			    !local_eid(c, &c->site[i].pfx[j].eid))
				want[nwant++] = c->site[i].pfx[j].eid;
	for (i = 0; c->present && c->pitr && i < c->nmc &&
	    nwant < MAX_PITR_RT; i++)
		if (c->mc[i].nloc == 0 && c->mc[i].action ==
		    LISP_ACT_SEND_MR && c->mc[i].eid.afi == LISP_AFI_IPV4)
			want[nwant++] = c->mc[i].eid;
	for (i = 0; i < npitr_rt; i++) {
		for (k = 0; k < nwant; k++)
			if (lisp_addr_cmp(&pitr_rt[i], &want[k]) == 0)
				break;
		if (k == nwant)
			route_metric(l, &pitr_rt[i], 0, pitr_rt[i].plen == 0 ?
			    RT_METRIC_LAST : RT_METRIC_PITR);
	}
	for (k = 0; k < nwant; k++)
		route_metric(l, &want[k], 1, want[k].plen == 0 ?
		    RT_METRIC_LAST : RT_METRIC_PITR);
	memcpy(pitr_rt, want, nwant * sizeof(want[0]));
	npitr_rt = nwant;
}

/* TUN -> map-cache -> UDP 4341. */
static void
on_tun(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd		*l = arg;
	uint32_t		 dst[BATCH];
	const struct mc_entry	*ent[BATCH];
	size_t			 len[BATCH];
	struct lisp_addr	 me;
	unsigned		 n, i, out;
	ssize_t			 r;
	int			 rounds;

	(void)ev;
	lispd_local_rloc(l, &me);
	for (rounds = 0; rounds < 16; rounds++) {
		for (n = 0; n < BATCH; n++) {
			r = read(fd, tx->buf[n] + HEADROOM, PKTBUF - HEADROOM);
			if (r < 20)
				break;
			len[n] = (size_t)r;
			if ((tx->buf[n][HEADROOM] >> 4) != 4) {
				len[n] = 0;
				dst[n] = 0;
				continue;
			}
			memcpy(&dst[n], tx->buf[n] + HEADROOM + 16, 4);
			dst[n] = ntohl(dst[n]);
			/*
			 * Our own LISP packets come back here when an RLOC is
			 * routed only through lisp0: encapsulating them again
			 * would loop for ever.  Drop them (counted).
			 */
			if (own_lisp(tx->buf[n] + HEADROOM, len[n])) {
				l->st.encap_drop++;
				len[n] = 0;
				dst[n] = 0;
			}
		}
		if (n == 0)
			return;
		mc_lookup4_batch(l->mc, 0, dst, n, ent);
		for (i = 0, out = 0; i < n; i++) {
			const struct mc_locator	*loc = NULL;
			const struct lc_loc	*petr;
			struct lisp_encap	 e;
			uint8_t			*pkt;
			size_t			 plen;
			uint32_t		 hash;

			if (len[i] == 0)
				continue;
			e.hash = lisp_flow_hash(tx->buf[i] + HEADROOM, len[i]);
			petr = NULL;
			if (ent[i] != NULL && mc_entry_action(ent[i]) ==
			    LISP_ACT_NATIVE)
				petr = lispd_petr(l, e.hash);
			if (petr == NULL && (ent[i] == NULL ||
			    (loc = mc_entry_select(ent[i], e.hash)) == NULL)) {
				if (ent[i] == NULL || mc_entry_action(ent[i]) ==
				    LISP_ACT_SEND_MR) {
					struct lisp_addr d, s;

					lisp_addr_v4(&d, dst[i], 32);
					memcpy(&s.a, tx->buf[i] + HEADROOM + 12,
					    4);
					s.afi = LISP_AFI_IPV4;
					s.plen = 32;
					l->st.miss++;
					ctl_request(l, 0, &d, &s, NULL, 0, 0);
				}
				l->st.encap_drop++;
				continue;
			}
			hash = e.hash;
			memset(&e, 0, sizeof(e));
			e.hash = hash;
			e.src = me;
			e.dst = petr != NULL ? petr->rloc : loc->rloc;
			e.ip_id = (uint16_t)l->st.encap;
			e.hdr.flags = LISP_DH_N;
			e.hdr.nonce = e.hash & 0xffffff;
			if (lisp_encap4(tx->buf[i] + HEADROOM, len[i],
			    HEADROOM, &e, &pkt, &plen) != 0) {
				l->st.encap_drop++;
				continue;
			}
			/* A UDP socket writes its own IP header: send the
			 * UDP payload (the LISP header and the inner). */
			tx->iov[out].iov_base = pkt + 28;
			tx->iov[out].iov_len = plen - 28;
			memset(&tx->sin[out], 0, sizeof(tx->sin[out]));
			tx->sin[out].sin_family = AF_INET;
			tx->sin[out].sin_port = htons(LISP_DATA_PORT);
			memcpy(&tx->sin[out].sin_addr, e.dst.a, 4);
			memset(&tx->msg[out], 0, sizeof(tx->msg[out]));
			tx->msg[out].msg_hdr.msg_iov = &tx->iov[out];
			tx->msg[out].msg_hdr.msg_iovlen = 1;
			tx->msg[out].msg_hdr.msg_name = &tx->sin[out];
			tx->msg[out].msg_hdr.msg_namelen = sizeof(tx->sin[out]);
			out++;
			l->st.encap++;
		}
		if (out > 0 && sendmmsg(l->data_fd, tx->msg, out, 0) < 0)
			log_debug("sendmmsg: %s", strerror(errno));
		if (n < BATCH)
			return;
	}
}

/* The outer TTL and TOS from the socket (IP_RECVTTL, IP_RECVTOS): the
 * decapsulated packet's TTL is the smaller of the two. */
static void
outer_ip(struct msghdr *h, struct lisp_decap *d)
{
	struct cmsghdr	*c;
	int		 v;

	d->ttl = 255;
	d->tos = 0;
	for (c = CMSG_FIRSTHDR(h); c != NULL; c = CMSG_NXTHDR(h, c)) {
		if (c->cmsg_level != IPPROTO_IP)
			continue;
		if (c->cmsg_type == IP_TTL) {
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			d->ttl = (uint8_t)v;
		} else if (c->cmsg_type == IP_TOS)
			d->tos = *(uint8_t *)CMSG_DATA(c);
	}
}

/* UDP 4341 -> decapsulate -> TUN. */
static void
on_data(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd		*l = arg;
	struct lisp_decap	 d;
	int			 n, i, rc, rounds;

	(void)ev;
	for (rounds = 0; rounds < 16; rounds++) {
		for (i = 0; i < BATCH; i++) {
			rx->iov[i].iov_base = rx->buf[i];
			rx->iov[i].iov_len = PKTBUF;
			memset(&rx->msg[i], 0, sizeof(rx->msg[i]));
			rx->msg[i].msg_hdr.msg_iov = &rx->iov[i];
			rx->msg[i].msg_hdr.msg_iovlen = 1;
			rx->msg[i].msg_hdr.msg_name = &rx->sin[i];
			rx->msg[i].msg_hdr.msg_namelen = sizeof(rx->sin[i]);
			rx->msg[i].msg_hdr.msg_control = rx->cmsg[i];
			rx->msg[i].msg_hdr.msg_controllen = sizeof(rx->cmsg[i]);
		}
		n = recvmmsg(fd, rx->msg, BATCH, MSG_DONTWAIT, NULL);
		if (n <= 0)
			return;
		for (i = 0; i < n; i++) {
			rc = lisp_decap_udp(rx->buf[i], rx->msg[i].msg_len, &d);
			if (rc == 0)
				outer_ip(&rx->msg[i].msg_hdr, &d);
			if (rc == 0)
				rc = lisp_decap_fixup(&d);
			if (rc != 0) {
				l->st.decap_drop++;
				if (-rc < LISP_E_NCODES)
					l->st.drop[-rc]++;
				continue;
			}
			if (write(l->tun_fd, d.inner, d.inner_len) < 0)
				l->st.decap_drop++;
			else
				l->st.decap++;
			if (l->mob != NULL)
				mob_decap(l, d.inner, d.inner_len, &rx->sin[i]);
		}
		if (n < BATCH)
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
	data_route(l, &def, c->present && c->itr);
	pitr_routes(l);
}

int
data_start(struct lispd *l)
{
	struct sockaddr_in	 sin;
	int			 on = 1, sz = 4 << 20;

	if (rx == NULL && ((rx = malloc(sizeof(*rx))) == NULL ||
	    (tx = malloc(sizeof(*tx))) == NULL))
		return -1;
	if (nl_open(&l->nl) != 0)
		l->nl = NULL;
	if (tun_open(l) != 0) {
		log_warn("cannot create %s", TUN_NAME);
		return -1;
	}
	l->data_fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (l->data_fd < 0)
		return -1;
	setsockopt(l->data_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	setsockopt(l->data_fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	setsockopt(l->data_fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof(on));
	setsockopt(l->data_fd, IPPROTO_IP, IP_RECVTOS, &on, sizeof(on));
	setsockopt(l->data_fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(LISP_DATA_PORT);
	if (bind(l->data_fd, (struct sockaddr *)&sin, sizeof(sin)) != 0)
		return -1;
	l->tun_ev = event_new(l->base, l->tun_fd, EV_READ | EV_PERSIST,
	    on_tun, l);
	l->data_ev = event_new(l->base, l->data_fd, EV_READ | EV_PERSIST,
	    on_data, l);
	if (l->tun_ev == NULL || l->data_ev == NULL)
		return -1;
	event_add(l->tun_ev, NULL);
	event_add(l->data_ev, NULL);
	return 0;
}

void
data_stop(struct lispd *l)
{
	if (l->tun_ev != NULL)
		event_free(l->tun_ev);
	if (l->data_ev != NULL)
		event_free(l->data_ev);
	if (l->tun_fd >= 0)
		close(l->tun_fd);
	if (l->data_fd >= 0)
		close(l->data_fd);
	nl_close(l->nl);
	free(rx);
	free(tx);
	rx = tx = NULL;
}
