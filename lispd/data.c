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
#include <netinet/udp.h>
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
#include "lispd/wire-gso.h"
#include "platform/log.h"
#include "platform/netlink.h"

#define TUN_NAME	"lisp0"
#define TUN_MTU		(1500 - LISP_ENCAP4_LEN)
#define BATCH		64
#define SEG_MAX		64	/* UDP_MAX_SEGMENTS of older kernels */
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
	uint16_t	 gso_of[OUT_MSGS];	/* UDP_SEGMENT, or 0 */
	uint8_t		 ttl_of[OUT_MSGS], tos_of[OUT_MSGS];
	struct iovec	 iov[OUT_IOV];
	uint8_t		 seg[OUT_SEGS][SEGHDR];
	unsigned	 nmsg, niov, nseg;
};

static struct batch	*rx, *tx;
static struct out	*out;
static struct lisp_coal	*coal;

/* The offloads this kernel took: TUN virtio-net headers (and with them
 * TSO/USO super-packets and writes of merged TCP), UDP GSO on send, UDP
 * GRO on receive.  Each falls back to the packet-at-a-time path. */
static int		 tun_vnet, udp_gso, udp_gro, tun_merge;

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

#ifndef TUN_F_USO4
#define TUN_F_USO4	0x20
#define TUN_F_USO6	0x40
#endif

/*
 * lisp0 with virtio-net headers and the offloads the kernel takes, best
 * first: TCP and UDP super-packets with partial checksums, then TCP
 * only, then none (the header stays, all zero).
 */
static int
tun_open(struct lispd *l)
{
	static const unsigned	 offl[] = {
		TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_USO4 | TUN_F_USO6,
		TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6,
		0,
	};
	struct ifreq	 ifr;
	struct nl_link	 link;
	size_t		 i;
	int		 fd;

	if ((fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI | IFF_VNET_HDR;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", TUN_NAME);
	tun_vnet = 1;
	if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
		ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
		tun_vnet = 0;
		if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
			close(fd);
			return -1;
		}
		log_info("%s: no virtio-net header, no offloads", TUN_NAME);
	}
	for (i = 0; tun_vnet && i < sizeof(offl) / sizeof(offl[0]); i++)
		if (ioctl(fd, TUNSETOFFLOAD, offl[i]) == 0)
			break;
	if (tun_vnet)
		log_info("%s: offloads %s", TUN_NAME, i == 0 ? "TSO, USO" :
		    i == 1 ? "TSO" : "none");
	tun_merge = tun_vnet;
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
	size_t				 nwant = 0, over = 0, i, j, k;

	for (i = 0; c->present && c->pitr && i < c->nsite; i++)
		for (j = 0; j < c->site[i].npfx; j++)
			if (c->site[i].pfx[j].eid.afi == LISP_AFI_IPV4 &&
			    !local_eid(c, &c->site[i].pfx[j].eid)) {
				if (nwant < MAX_PITR_RT)
					want[nwant++] = c->site[i].pfx[j].eid;
				else
					over++;
			}
	for (i = 0; c->present && c->pitr && i < c->nmc; i++)
		if (c->mc[i].nloc == 0 && c->mc[i].action ==
		    LISP_ACT_SEND_MR && c->mc[i].eid.afi == LISP_AFI_IPV4) {
			if (nwant < MAX_PITR_RT)
				want[nwant++] = c->mc[i].eid;
			else
				over++;
		}
	/* The static map-cache has no cap any more: say what is left out
	 * rather than leave it unrouted in silence. */
	if (over > 0)
		log_warnx("proxy ITR: %zu EID prefixes past the first %d are "
		    "not routed into %s", over, MAX_PITR_RT, TUN_NAME);
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

/* Starts a message to rloc dst carrying inner packets with TTL and TOS
 * ttl, tos; NULL when the message or segment pools are full. */
static struct mmsghdr *
out_msg(const struct lisp_addr *dst, uint8_t ttl, uint8_t tos,
    unsigned nseg)
{
	struct mmsghdr	*m;
	unsigned	 i = out->nmsg;

	if (i == OUT_MSGS || out->nseg + nseg > OUT_SEGS ||
	    out->niov + 2 * nseg > OUT_IOV)
		return NULL;
	m = &out->msg[i];
	memset(m, 0, sizeof(*m));
	memset(&out->sin[i], 0, sizeof(out->sin[i]));
	out->sin[i].sin_family = AF_INET;
	out->sin[i].sin_port = htons(LISP_DATA_PORT);
	memcpy(&out->sin[i].sin_addr, dst->a, 4);
	m->msg_hdr.msg_name = &out->sin[i];
	m->msg_hdr.msg_namelen = sizeof(out->sin[i]);
	m->msg_hdr.msg_iov = &out->iov[out->niov];
	out->nseg_of[i] = 0;
	out->gso_of[i] = 0;
	out->ttl_of[i] = ttl;
	out->tos_of[i] = tos;
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
out_close(struct mmsghdr *m)
{
	unsigned	 i = out->nmsg;

	if (out->nseg_of[i] < 2)
		out->gso_of[i] = 0;
	m->msg_hdr.msg_control = out->cm[i].b;
	m->msg_hdr.msg_controllen = out_cmsg(out->cm[i].b, sizeof(out->cm[i].b),
	    out->ttl_of[i], out->tos_of[i], out->gso_of[i]);
	out->niov += m->msg_hdr.msg_iovlen;
	out->nmsg++;
}

/* A GSO message the kernel refused: its segments one sendmsg each. */
static void
out_split(struct lispd *l, unsigned i)
{
	struct msghdr	 h = out->msg[i].msg_hdr;
	uint8_t		 cm[CMSG_OUT];
	size_t		 k;

	h.msg_control = cm;
	h.msg_controllen = out_cmsg(cm, sizeof(cm), out->ttl_of[i],
	    out->tos_of[i], 0);
	for (k = 0; k < out->msg[i].msg_hdr.msg_iovlen; k += 2) {
		h.msg_iov = out->msg[i].msg_hdr.msg_iov + k;
		h.msg_iovlen = 2;
		if (sendmsg(l->data_fd, &h, 0) < 0)
			l->st.encap_drop++;
		else
			l->st.encap++;
	}
}

static void
out_flush(struct lispd *l)
{
	unsigned	 i = 0, k;
	int		 r;

	while (i < out->nmsg) {
		r = sendmmsg(l->data_fd, out->msg + i, out->nmsg - i, 0);
		if (r > 0) {
			for (k = i; k < i + (unsigned)r; k++)
				l->st.encap += out->nseg_of[k];
			i += (unsigned)r;
			continue;
		}
		if (r < 0 && out->gso_of[i] != 0 && (errno == EIO ||
		    errno == EINVAL || errno == EOPNOTSUPP ||
		    errno == ENOPROTOOPT)) {
			/* No checksum offload on the way out (EIO) or no
			 * UDP GSO at all: never again.  EINVAL (a segment
			 * over the route's MTU, too many): this one only. */
			if (errno != EINVAL) {
				log_info("UDP GSO refused (%s): sending "
				    "segments one by one", strerror(errno));
				udp_gso = 0;
			}
			out_split(l, i);
			i++;
			continue;
		}
		log_debug("sendmmsg: %s", strerror(errno));
		for (; i < out->nmsg; i++)
			l->st.encap_drop += out->nseg_of[i];
	}
	out->nmsg = out->niov = out->nseg = 0;
}

/*
 * A TSO/USO super-packet: cut into inner packets that fit lisp0's MTU
 * (so the outer ones fit the WAN's), each behind its own LISP header,
 * sent as one UDP GSO message per up to SEG_MAX segments (the kernel
 * cuts the UDP payload at each segment boundary).  Without UDP GSO, one
 * message per segment.
 */
static void
encap_gso(struct lispd *l, const uint8_t *pkt, size_t len,
    const struct lisp_vnet *v, const struct lisp_addr *dst,
    const uint8_t lh[LISP_DATA_HDR_LEN])
{
	struct lisp_gso	 g;
	struct mmsghdr	*m = NULL;
	const uint8_t	*pay;
	size_t		 plen, seg, per;
	uint8_t		*h;

	if (lisp_gso_start(&g, pkt, len, v, TUN_MTU) != 0) {
		l->st.encap_drop++;
		return;
	}
	seg = LISP_DATA_HDR_LEN + g.hlen + g.mss;
	per = udp_gso ? (0xffff - 20 - 8) / seg : 1;
	if (per > SEG_MAX)
		per = SEG_MAX;
	if (per == 0)
		per = 1;
	for (;;) {
		if (m != NULL && out->nseg_of[out->nmsg] == per) {
			out_close(m);
			m = NULL;
		}
		if (m == NULL && (m = out_msg(dst, pkt[8], pkt[1],
		    (unsigned)per)) == NULL) {
			out_flush(l);
			continue;
		}
		h = out->seg[out->nseg];
		if (!lisp_gso_next(&g, h + LISP_DATA_HDR_LEN, &pay, &plen))
			break;
		memcpy(h, lh, LISP_DATA_HDR_LEN);
		out->nseg++;
		out->iov[out->niov + m->msg_hdr.msg_iovlen].iov_base = h;
		out->iov[out->niov + m->msg_hdr.msg_iovlen].iov_len =
		    LISP_DATA_HDR_LEN + g.hlen;
		m->msg_hdr.msg_iovlen++;
		out->iov[out->niov + m->msg_hdr.msg_iovlen].iov_base =
		    (void *)(uintptr_t)pay;
		out->iov[out->niov + m->msg_hdr.msg_iovlen].iov_len = plen;
		m->msg_hdr.msg_iovlen++;
		out->nseg_of[out->nmsg]++;
		out->gso_of[out->nmsg] = (uint16_t)seg;
	}
	if (out->nseg_of[out->nmsg] > 0)
		out_close(m);
}

/* TUN -> map-cache -> UDP 4341. */
static void
on_tun(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd		*l = arg;
	uint32_t		 dst[BATCH];
	const struct mc_entry	*ent[BATCH];
	size_t			 len[BATCH];
	struct lisp_vnet	 vn[BATCH];
	struct lisp_addr	 me;
	size_t			 vhl = tun_vnet ? LISP_VNET_HDR_LEN : 0;
	unsigned		 n, i;
	ssize_t			 r;
	int			 rounds;

	(void)ev;
	lispd_local_rloc(l, &me);
	for (rounds = 0; rounds < 16; rounds++) {
		for (n = 0; n < BATCH; n++) {
			uint8_t	*pkt = tx->buf[n] + HEADROOM;

			r = read(fd, pkt - vhl, PKTBUF - HEADROOM + vhl);
			if (r < (ssize_t)vhl + 20)
				break;
			len[n] = (size_t)r - vhl;
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
				l->st.encap_drop++;
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
			inner = tx->buf[i] + HEADROOM;
			hash = lisp_flow_hash(inner, len[i]);
			petr = NULL;
			if (ent[i] != NULL && mc_entry_action(ent[i]) ==
			    LISP_ACT_NATIVE)
				petr = lispd_petr(l, hash);
			if (petr == NULL && (ent[i] == NULL ||
			    (loc = mc_entry_select(ent[i], hash)) == NULL)) {
				if (ent[i] == NULL || mc_entry_action(ent[i]) ==
				    LISP_ACT_SEND_MR) {
					struct lisp_addr d, s;

					lisp_addr_v4(&d, dst[i], 32);
					memcpy(&s.a, inner + 12, 4);
					s.afi = LISP_AFI_IPV4;
					s.plen = 32;
					l->st.miss++;
					ctl_request(l, 0, &d, &s, NULL, 0, 0);
				}
				l->st.encap_drop++;
				continue;
			}
			rloc = petr != NULL ? &petr->rloc : &loc->rloc;
			memset(&e, 0, sizeof(e));
			e.hash = hash;
			e.src = me;
			e.dst = *rloc;
			e.ip_id = (uint16_t)l->st.encap;
			e.hdr.flags = LISP_DH_N;
			e.hdr.nonce = e.hash & 0xffffff;
			if (vn[i].gso_type != LISP_VNET_GSO_NONE) {
				if (lisp_data_hdr_encode(lh, &e.hdr) != 0 ||
				    e.dst.afi != LISP_AFI_IPV4) {
					l->st.encap_drop++;
					continue;
				}
				encap_gso(l, inner, len[i], &vn[i], rloc, lh);
				continue;
			}
			if (lisp_encap4(inner, len[i], HEADROOM, &e, &pkt,
			    &plen) != 0) {
				l->st.encap_drop++;
				continue;
			}
			if ((m = out_msg(rloc, inner[8], inner[1], 1)) ==
			    NULL) {
				out_flush(l);
				m = out_msg(rloc, inner[8], inner[1], 1);
			}
			/* A UDP socket writes its own IP header: send the
			 * UDP payload (the LISP header and the inner). */
			out->iov[out->niov].iov_base = pkt + 28;
			out->iov[out->niov].iov_len = plen - 28;
			m->msg_hdr.msg_iovlen = 1;
			out->nseg_of[out->nmsg] = 1;
			out_close(m);
		}
		out_flush(l);
		if (n < BATCH)
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
tun_write1(struct lispd *l, uint8_t *p, size_t len)
{
	static uint8_t	 zero[LISP_VNET_HDR_LEN];
	struct iovec	 iov[2];
	ssize_t		 r;

	iov[0].iov_base = zero;
	iov[0].iov_len = LISP_VNET_HDR_LEN;
	iov[1].iov_base = p;
	iov[1].iov_len = len;
	if (tun_vnet)
		r = writev(l->tun_fd, iov, 2);
	else
		r = write(l->tun_fd, p, len);
	if (r < 0)
		l->st.decap_drop++;
	else
		l->st.decap++;
}

/* The merged TCP segments held, as one write. */
static void
coal_flush(struct lispd *l)
{
	struct iovec	 iov[1 + LISP_COAL_MAX];
	size_t		 hl;
	unsigned	 k;

	if ((hl = lisp_coal_finish(coal)) == 0)
		return;
	iov[0].iov_base = coal->hdr;
	iov[0].iov_len = hl;
	for (k = 0; k < coal->n; k++) {
		iov[1 + k].iov_base = (void *)(uintptr_t)coal->pay[k];
		iov[1 + k].iov_len = coal->plen[k];
	}
	if (writev(l->tun_fd, iov, (int)(1 + coal->n)) >= 0)
		l->st.decap += coal->n;
	else {
		l->st.decap_drop += coal->n;
		if (coal->n > 1 && errno == EINVAL) {
			log_info("%s refused a merged TCP packet: writing "
			    "segments one by one", TUN_NAME);
			tun_merge = 0;
		}
	}
	lisp_coal_reset(coal);
}

/* A decapsulated inner packet: merged with the TCP segments before it
 * when it continues them, else written (after them). */
static void
tun_out(struct lispd *l, uint8_t *p, size_t len)
{
	int	 rc;

	if (!tun_merge) {
		tun_write1(l, p, len);
		return;
	}
	if ((rc = lisp_coal_add(coal, p, len)) == 0) {
		coal_flush(l);
		rc = lisp_coal_add(coal, p, len);
	}
	if (rc < 0) {
		coal_flush(l);
		tun_write1(l, p, len);
	}
}

/* UDP 4341 -> decapsulate -> TUN.  A datagram the kernel merged (GRO)
 * is cut at its segment size; each piece is one LISP packet. */
static void
on_data(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd		*l = arg;
	struct lisp_decap	 d;
	const uint8_t		*sp;
	size_t			 gro, off, dlen, seg;
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
			struct lisp_decap	 o;

			dlen = rx->msg[i].msg_len;
			memset(&o, 0, sizeof(o));
			gro = outer_ip(&rx->msg[i].msg_hdr, &o);
			off = 0;
			while (lisp_gro_next(rx->buf[i], dlen, gro, &off, &sp,
			    &seg)) {
				rc = lisp_decap_udp((uint8_t *)(uintptr_t)sp,
				    seg, &d);
				if (rc == 0) {
					d.ttl = o.ttl;
					d.tos = o.tos;
					rc = lisp_decap_fixup(&d);
				}
				if (rc != 0) {
					l->st.decap_drop++;
					if (-rc < LISP_E_NCODES)
						l->st.drop[-rc]++;
					continue;
				}
				tun_out(l, d.inner, d.inner_len);
				if (l->mob != NULL)
					mob_decap(l, d.inner, d.inner_len,
					    &rx->sin[i]);
			}
		}
		/* The payloads held point into this batch's buffers. */
		coal_flush(l);
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
	    (tx = malloc(sizeof(*tx))) == NULL ||
	    (out = calloc(1, sizeof(*out))) == NULL ||
	    (coal = calloc(1, sizeof(*coal))) == NULL))
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
	/* GSO needs no option (a cmsg per message); GRO does. */
	udp_gso = 1;
	udp_gro = setsockopt(l->data_fd, SOL_UDP, UDP_GRO, &on,
	    sizeof(on)) == 0;
	if (!udp_gro)
		log_info("UDP GRO refused: %s", strerror(errno));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(LISP_DATA_PORT);
	if (bind(l->data_fd, (struct sockaddr *)&sin, sizeof(sin)) != 0)
		return -1;
	sync_ev = evtimer_new(l->base, on_sync, l);
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
	if (sync_ev != NULL)
		event_free(sync_ev);
	sync_ev = NULL;
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
	free(out);
	free(coal);
	rx = tx = NULL;
	out = NULL;
	coal = NULL;
}
