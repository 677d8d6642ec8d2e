/*
 * Dynamic-EID mobility (IOS's `dynamic-eid` with `lisp mobility` on a LAN
 * interface).  A host inside a dynamic-EID prefix that shows itself on a
 * mobility interface becomes a /32 database entry of this xTR, registered
 * with the map-server at once and again every second until a Map-Notify
 * confirms it.  Detection rides on the kernel's neighbour table
 * (platform/neigh.h events, never a poll): a host's ARP for its gateway
 * (a cold move) creates an entry, and so does its gratuitous ARP (a warm
 * move) because the interface gets arp_accept.  A host whose entry fails
 * (the kernel probed it and nobody answered) or goes is withdrawn with a
 * Map-Register of TTL 0.
 *
 * When another xTR registers the same /32, the map-server tells us with a
 * Map-Notify (mob_notify): the host is away.  Its /32 leaves our database
 * and enters the map-cache with the new site's locators, routed into
 * lisp0, so what still reaches us for it (the proxy ITR's traffic, an ITR
 * with an old mapping) is encapsulated to where it lives now; an ITR that
 * sends us such traffic is told with a Solicit-Map-Request (mob_decap).
 *
 * Routing.  The dynamic-EID prefix is also the connected subnet of the
 * mobility interface at every site (the same gateway everywhere), so the
 * connected route alone would send every host of the prefix onto our LAN,
 * including those that live at the other site.  Instead:
 *   - the prefix's two halves (one bit longer than the connected route)
 *     go into lisp0: a host of the prefix that is not known here is looked
 *     up in the map-cache like any remote EID;
 *   - each host detected here gets a /32 onto the LAN interface, more
 *     specific than the halves;
 *   - an away host gets its map-cache /32 into lisp0 (data_route).
 * The connected /24 stays (the kernel's, for ARP and the gateway address)
 * but never wins a lookup for a host address.
 *
 * After a restart the neighbour table may still list a host that left
 * while we were down: entries found by the dump are probed first
 * (neigh_probe) and only a host that answers becomes local.  So does an
 * away host found by a dump (after a netlink overrun, or at a
 * reconfiguration): it stays away unless it answers.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/lispd.h"
#include "lispd/smrlimit.h"
#include "platform/atomicfile.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/ifmap.h"
#include "platform/ioslog.h"
#include "platform/log.h"
#include "platform/neigh.h"
#include "platform/netlink.h"
#include "platform/rundir.h"

#define MOB_MAX		256
#define RT_PROTO_LISP	200	/* as data.c */
#define RT_METRIC_HOST	5	/* a local host: before any lisp0 /32 */
#define RT_METRIC_HALF	10
#define REG_RETRIES	30	/* unconfirmed registrations, once a second */
#define VERIFY_SECS	5	/* a probed entry that neither answers nor
				   fails is dropped after */
#define SMR_GAP_US	1000000	/* one SMR per host and ITR per second */
#define SMR_PER_SEC	200	/* and so many a second in all */

enum host_state { H_FREE = 0, H_VERIFY, H_LOCAL, H_AWAY };

struct mob_host {
	enum host_state		 state;
	char			 dyn[LC_NAMELEN];
	uint32_t		 addr;		/* network byte order */
	int			 ifindex;
	char			 ios[64];	/* interface, IOS name */
	uint64_t		 first, seen, since;	/* seconds */
	int			 acked;
	int			 probe;		/* to probe after the dump */
	unsigned		 tries;
	struct lc_db		 db;		/* the /32 with its locators */
};

struct mob_if {
	int			 ifindex;
	char			 dev[NL_IFNAMSIZ];
	char			 ios[64];
	size_t			 dyn;		/* index in conf->dyn */
};

struct mob {
	struct neigh		*nh;
	struct event		*ev, *timer;
	struct mob_if		 ifs[LC_MAX_MOBIF];
	size_t			 nifs;
	struct lisp_addr	 half[2 * LC_MAX_DYN];	/* installed */
	size_t			 nhalf;
	/* The dynamic-EID prefixes' map-cache entries, as installed. */
	struct lc_db		 pfx[LC_MAX_DYN];	/* iid and eid used */
	size_t			 npfx;
	struct mob_host		 h[MOB_MAX];
	struct smr_limit	 smr;		/* the SMRs sent lately */
	size_t			 hit;		/* mob_decap's last local host */
	/* Per dynamic-EID name: the last host discovered and when. */
	struct {
		char		 name[LC_NAMELEN];
		uint32_t	 addr;
		uint64_t	 when;
	}			 last[LC_MAX_DYN];
};

static const struct lc_dyn *
dyn_by_name(const struct lispd *l, const char *name)
{
	size_t	 i;

	for (i = 0; i < l->conf->ndyn; i++)
		if (strcmp(l->conf->dyn[i].name, name) == 0 &&
		    l->conf->dyn[i].pfx.afi == LISP_AFI_IPV4)
			return &l->conf->dyn[i];
	return NULL;
}

static const struct mob_if *
if_by_index(const struct mob *m, int ifindex)
{
	size_t	 i;

	for (i = 0; i < m->nifs; i++)
		if (m->ifs[i].ifindex == ifindex)
			return &m->ifs[i];
	return NULL;
}

static struct mob_host *
host_find(struct mob *m, uint32_t addr)
{
	size_t	 i;

	for (i = 0; i < MOB_MAX; i++)
		if (m->h[i].state != H_FREE && m->h[i].addr == addr)
			return &m->h[i];
	return NULL;
}

static struct mob_host *
host_new(struct mob *m, uint32_t addr)
{
	struct mob_host	*h, *old = NULL;
	size_t		 i;

	if ((h = host_find(m, addr)) != NULL)
		return h;
	for (i = 0; i < MOB_MAX; i++) {
		if (m->h[i].state == H_FREE) {
			h = &m->h[i];
			break;
		}
		/* Full: reuse the oldest away host. */
		if (m->h[i].state == H_AWAY && (old == NULL ||
		    m->h[i].since < old->since))
			old = &m->h[i];
	}
	if (h == NULL)
		h = old;
	if (h != NULL) {
		memset(h, 0, sizeof(*h));
		h->addr = addr;
	}
	return h;
}

static const char *
ip(uint32_t a, char *buf)
{
	struct in_addr	 in = { a };

	return inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

static void
host_eid(const struct mob_host *h, struct lisp_addr *a)
{
	lisp_addr_set(a, LISP_AFI_IPV4, &h->addr, 32);
}

/* The /32 onto the LAN (add) or off it. */
static void
lan_route(struct lispd *l, const struct mob_host *h, int add)
{
	struct nl_route	 r;
	int		 rc;

	if (l->nl == NULL || h->ifindex == 0)
		return;
	memset(&r, 0, sizeof(r));
	r.dst = h->addr;
	r.plen = 32;
	r.oif = h->ifindex;
	r.protocol = RT_PROTO_LISP;
	r.table = 254;
	r.scope = 253;		/* RT_SCOPE_LINK */
	r.type = 1;		/* RTN_UNICAST */
	r.metric = RT_METRIC_HOST;
	rc = add ? nl_route_add(l->nl, &r) : nl_route_del(l->nl, &r);
	if (rc != 0 && rc != -17 && rc != -3)
		log_warnx("dynamic-EID route %s: %s", add ? "add" : "del",
		    nl_strerror(rc));
}

static void
half_route(struct lispd *l, const struct lisp_addr *p, int add)
{
	struct nl_route	 r;

	if (l->nl == NULL || l->tun_ifindex == 0)
		return;
	memset(&r, 0, sizeof(r));
	memcpy(&r.dst, p->a, 4);
	r.plen = p->plen;
	r.oif = l->tun_ifindex;
	r.protocol = RT_PROTO_LISP;
	r.table = 254;
	r.scope = 253;
	r.type = 1;
	r.metric = RT_METRIC_HALF;
	if (add)
		nl_route_add(l->nl, &r);
	else
		nl_route_del(l->nl, &r);
}

/* The host's database entry from its dynamic-EID's locators. */
static int
host_db(struct lispd *l, struct mob_host *h)
{
	const struct lc_dyn	*d = dyn_by_name(l, h->dyn);

	if (d == NULL)
		return -1;
	memset(&h->db, 0, sizeof(h->db));
	h->db.iid = d->iid;
	host_eid(h, &h->db.eid);
	snprintf(h->db.locset, sizeof(h->db.locset), "%s", d->locset);
	memcpy(h->db.loc, d->loc, sizeof(h->db.loc));
	h->db.nloc = d->nloc;
	return 0;
}

static void
set_local(struct lispd *l, struct mob_host *h, const struct mob_if *mi)
{
	struct mob		*m = l->mob;
	struct lisp_addr	 eid;
	char			 a[INET_ADDRSTRLEN];
	size_t			 i;

	if (h->state == H_LOCAL && h->ifindex == mi->ifindex)
		return;
	snprintf(h->dyn, sizeof(h->dyn), "%s", l->conf->dyn[mi->dyn].name);
	if (h->state == H_LOCAL && h->ifindex != mi->ifindex)
		lan_route(l, h, 0);
	h->ifindex = mi->ifindex;
	snprintf(h->ios, sizeof(h->ios), "%s", mi->ios);
	if (host_db(l, h) != 0)
		return;
	h->state = H_LOCAL;
	h->first = h->seen = h->since = lispd_now();
	h->acked = 0;
	h->tries = 0;
	host_eid(h, &eid);
	/* What the map-cache said about it (it lived elsewhere) goes. */
	if (mc_find(l->mc, h->db.iid, &eid) != NULL) {
		data_route(l, &eid, 0);
		mc_delete(l->mc, h->db.iid, &eid);
	}
	lan_route(l, h, 1);
	for (i = 0; i < LC_MAX_DYN; i++)
		if (m->last[i].name[0] == '\0' || strcmp(m->last[i].name,
		    h->dyn) == 0) {
			snprintf(m->last[i].name, sizeof(m->last[i].name), "%s",
			    h->dyn);
			m->last[i].addr = h->addr;
			m->last[i].when = h->first;
			break;
		}
	ios_log(IOS_NOTICE, "LISP", "DYNEID_DETECTED", "dynamic-EID %s %s on "
	    "%s, registering", h->dyn, ip(h->addr, a), h->ios);
	ctl_register_now(l);
}

/* The host left this LAN (its neighbour entry failed or went). */
static void
withdraw(struct lispd *l, struct mob_host *h, const char *why)
{
	char	 a[INET_ADDRSTRLEN];

	if (h->state == H_VERIFY)
		lan_route(l, h, 0);
	if (h->state == H_LOCAL) {
		lan_route(l, h, 0);
		ctl_deregister(l, &h->db);
		ios_log(IOS_NOTICE, "LISP", "DYNEID_GONE", "dynamic-EID %s %s "
		    "on %s: %s",
		    h->dyn, ip(h->addr, a), h->ios, why);
	}
	h->state = H_FREE;
}

static void
on_neigh_ev(const struct neigh_ev *e, void *arg)
{
	struct lispd		*l = arg;
	struct mob		*m = l->mob;
	const struct mob_if	*mi;
	const struct lc_dyn	*d;
	struct mob_host		*h;
	struct lisp_addr	 a;

	if ((mi = if_by_index(m, e->ifindex)) == NULL)
		return;
	d = &l->conf->dyn[mi->dyn];
	lisp_addr_set(&a, LISP_AFI_IPV4, &e->addr, 32);
	if (!lisp_addr_contains(&d->pfx, &a))
		return;
	h = host_find(m, e->addr);
	if (e->deleted || (e->state & NEIGH_FAILED)) {
		if (h != NULL && h->ifindex == e->ifindex &&
		    (h->state == H_LOCAL || h->state == H_VERIFY))
			withdraw(l, h, e->deleted ? "neighbour entry deleted" :
			    "no answer to ARP");
		return;
	}
	if (!(e->state & NEIGH_PRESENT))
		return;
	if (h != NULL && h->state == H_LOCAL && h->ifindex == e->ifindex) {
		h->seen = lispd_now();
		return;
	}
	if (h != NULL && (h->state == H_VERIFY || h->state == H_AWAY)) {
		/*
		 * A host we probe (after a restart, or because the map-server
		 * says it lives elsewhere now) is here only if it answers the
		 * probe (REACHABLE) or sends an ARP (STALE, which no probe
		 * state turns into); PROBE and DELAY are our own doing.
		 */
		if (e->state & (NEIGH_REACHABLE | NEIGH_STALE |
		    NEIGH_PERMANENT))
			set_local(l, h, mi);
		return;
	}
	if ((h = host_new(m, e->addr)) != NULL)
		set_local(l, h, mi);
}

static void
on_dump_ev(const struct neigh_ev *e, void *arg)
{
	struct lispd		*l = arg;
	struct mob		*m = l->mob;
	const struct mob_if	*mi;
	struct mob_host		*h;
	struct lisp_addr	 a;

	if ((mi = if_by_index(m, e->ifindex)) == NULL ||
	    !(e->state & NEIGH_PRESENT))
		return;
	lisp_addr_set(&a, LISP_AFI_IPV4, &e->addr, 32);
	if (!lisp_addr_contains(&l->conf->dyn[mi->dyn].pfx, &a))
		return;
	if ((h = host_find(m, e->addr)) != NULL && h->state == H_LOCAL)
		return;
	if (h != NULL && h->state == H_AWAY) {
		/*
		 * The map-server said it lives elsewhere; an entry here (old,
		 * or made by our own resolution) proves nothing.  It stays
		 * away and is probed: only an answer takes it back (on_neigh_ev
		 * as for any away host), no answer changes nothing.
		 */
		h->ifindex = e->ifindex;
		h->probe = 1;
		return;
	}
	if ((h = host_new(m, e->addr)) == NULL)
		return;
	h->state = H_VERIFY;
	h->ifindex = e->ifindex;
	h->since = lispd_now();
	snprintf(h->dyn, sizeof(h->dyn), "%s", l->conf->dyn[mi->dyn].name);
	h->probe = 1;
}

/* The dump's entries become hosts to verify (an away host stays away):
 * each is probed once the dump is over (the request socket is busy until
 * then). */
static void
dump_and_probe(struct lispd *l)
{
	struct mob	*m = l->mob;
	size_t		 i;

	/* Without neighbour sockets (mob_start could not open them) there
	 * is nothing to dump: no host is ever detected. */
	if (m->nh == NULL)
		return;
	if (neigh_dump(m->nh, on_dump_ev, l) != 0)
		log_warnx("neighbour dump failed");
	for (i = 0; i < MOB_MAX; i++) {
		struct mob_host *h = &m->h[i];

		if (!h->probe)
			continue;
		h->probe = 0;
		if ((h->state == H_VERIFY || h->state == H_AWAY) &&
		    neigh_probe(m->nh, h->ifindex, h->addr) != 0 &&
		    h->state == H_VERIFY)
			h->state = H_FREE;
	}
}

static void
on_neigh(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd	*l = arg;
	int		 lost = 0;

	(void)fd;
	(void)ev;
	if (neigh_read(l->mob->nh, on_neigh_ev, l, &lost) != 0)
		log_warnx("neighbour events: read failed");
	if (lost)
		dump_and_probe(l);
}

static void
on_timer(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd	*l = arg;
	struct mob	*m = l->mob;
	struct timeval	 tv = { 1, 0 };
	uint64_t	 now = lispd_now();
	size_t		 i;
	int		 again = 0;

	(void)fd;
	(void)ev;
	for (i = 0; i < MOB_MAX; i++) {
		struct mob_host *h = &m->h[i];

		if (h->state == H_VERIFY && h->since + VERIFY_SECS <= now)
			h->state = H_FREE;
		if (h->state == H_LOCAL && !h->acked &&
		    h->tries++ < REG_RETRIES)
			again = 1;
	}
	if (again)
		ctl_register_now(l);
	evtimer_add(m->timer, &tv);
}

/* The IOS name -> Linux device map, as cfgd builds it. */
struct links {
	struct ifmap_dev	 d[256];
	size_t			 n;
};

static void
collect(const struct nl_link *k, void *arg)
{
	struct links	*ls = arg;

	if (ls->n == 256)
		return;
	ls->d[ls->n].ifindex = k->ifindex;
	snprintf(ls->d[ls->n].name, sizeof(ls->d[0].name), "%s", k->name);
	snprintf(ls->d[ls->n].kind, sizeof(ls->d[0].kind), "%s", k->kind);
	ls->d[ls->n++].type = k->type;
}

static struct ifmap_tab *
load_map(struct lispd *l)
{
	struct links		*ls;
	struct ifmap_tab	*t = NULL;
	char			 path[4096], *text = NULL;
	size_t			 len;

	if (l->nl == NULL || (ls = calloc(1, sizeof(*ls))) == NULL)
		return NULL;
	nl_links(l->nl, collect, ls);
	if (rundir_path(path, sizeof(path), l->rundir, "interfaces") != 0 ||
	    atomicfile_read(path, &text, &len, 1024 * 1024) != 0)
		text = NULL;
	if (ifmap_new(ls->d, ls->n, text, &t, NULL) != 0 &&
	    ifmap_new(ls->d, ls->n, NULL, &t, NULL) != 0)
		t = NULL;
	free(text);
	free(ls);
	return t;
}

/*
 * Our /32s onto a LAN that no local host justifies: left by a lispd that
 * was killed (kernel routes outlive it), or by a host that left while the
 * configuration changed.  Collected from a dump, deleted after it.
 */
struct stale {
	struct mob		*m;
	struct nl_route		 r[64];
	size_t			 n;
};

static void
collect_stale(const struct nl_route *rt, void *arg)
{
	struct stale		*st = arg;
	const struct mob_host	*h;

	if (rt->protocol != RT_PROTO_LISP || rt->plen != 32 ||
	    rt->metric != RT_METRIC_HOST || st->n == 64)
		return;
	h = host_find(st->m, rt->dst);
	if (h != NULL && h->state == H_LOCAL && h->ifindex == rt->oif)
		return;
	st->r[st->n++] = *rt;
}

static void
flush_stale(struct lispd *l)
{
	struct stale	*st;
	size_t		 i;

	if (l->nl == NULL || (st = calloc(1, sizeof(*st))) == NULL)
		return;
	st->m = l->mob;
	nl_routes(l->nl, 254, collect_stale, st);
	for (i = 0; i < st->n; i++)
		nl_route_del(l->nl, &st->r[i]);
	free(st);
}

void
mob_reconfigure(struct lispd *l)
{
	struct mob		*m = l->mob;
	struct ifmap_tab	*map;
	struct lisp_addr	 want[2 * LC_MAX_DYN];
	struct lc_db		 pwant[LC_MAX_DYN];
	size_t			 nwant = 0, npwant = 0, i, j, k;

	if (m == NULL)
		return;
	m->nifs = 0;
	map = l->conf->present ? load_map(l) : NULL;
	for (i = 0; map != NULL && i < l->conf->nmobif; i++) {
		const struct lc_mobif	*c = &l->conf->mobif[i];
		struct mob_if		*mi = &m->ifs[m->nifs];

		for (j = 0; j < l->conf->ndyn; j++)
			if (strcmp(l->conf->dyn[j].name, c->dyn) == 0 &&
			    l->conf->dyn[j].pfx.afi == LISP_AFI_IPV4)
				break;
		if (j == l->conf->ndyn || ifmap_dev(map, c->ifname, mi->dev,
		    sizeof(mi->dev)) != 0)
			continue;
		if ((mi->ifindex = ifmap_ifindex(map, c->ifname)) <= 0)
			continue;
		snprintf(mi->ios, sizeof(mi->ios), "%s", c->ifname);
		mi->dyn = j;
		if (neigh_if_roaming(mi->dev) != 0)
			log_warnx("%s: cannot set arp_accept", mi->dev);
		m->nifs++;
		/* The prefix's halves into lisp0 (see the top comment). */
		if (l->conf->dyn[j].pfx.plen < 32 && nwant + 2 <=
		    2 * LC_MAX_DYN) {
			struct lisp_addr p = l->conf->dyn[j].pfx;
			uint32_t a;

			memcpy(&a, p.a, 4);
			a = ntohl(a);
			for (k = 0; k < npwant; k++)
				if (pwant[k].iid == l->conf->dyn[j].iid &&
				    lisp_addr_cmp(&pwant[k].eid, &p) == 0)
					break;
			if (k == npwant) {	/* (two interfaces, one prefix) */
				lisp_addr_v4(&want[nwant++], a,
				    (uint8_t)(p.plen + 1));
				lisp_addr_v4(&want[nwant++], a | (1u <<
				    (31 - p.plen)), (uint8_t)(p.plen + 1));
				pwant[npwant].iid = l->conf->dyn[j].iid;
				pwant[npwant++].eid = p;
			}
		}
	}
	ifmap_free(map);
	for (i = 0; i < m->nhalf; i++) {
		for (k = 0; k < nwant; k++)
			if (lisp_addr_cmp(&m->half[i], &want[k]) == 0)
				break;
		if (k == nwant)
			half_route(l, &m->half[i], 0);
	}
	for (k = 0; k < nwant; k++)
		half_route(l, &want[k], 1);
	memcpy(m->half, want, nwant * sizeof(want[0]));
	m->nhalf = nwant;
	/*
	 * Each prefix also has a negative map-cache entry, IOS's "via
	 * dynamic-EID, send-map-request": what the halves bring into lisp0
	 * for a host that does not live here is looked up with the
	 * map-resolver.  clear ip lisp map-cache leaves it.
	 */
	for (i = 0; i < m->npfx; i++) {
		for (k = 0; k < npwant; k++)
			if (pwant[k].iid == m->pfx[i].iid &&
			    lisp_addr_cmp(&pwant[k].eid, &m->pfx[i].eid) == 0)
				break;
		if (k == npwant)
			mc_delete(l->mc, m->pfx[i].iid, &m->pfx[i].eid);
	}
	for (k = 0; k < npwant; k++) {
		struct mc_mapping mm;

		memset(&mm, 0, sizeof(mm));
		mm.iid = pwant[k].iid;
		mm.eid = pwant[k].eid;
		mm.action = LISP_ACT_SEND_MR;
		mm.source = MC_SRC_OTHER;
		if (mc_insert(l->mc, &mm, lispd_now()) != 0)
			log_warnx("dynamic-EID map-cache entry not installed");
	}
	memcpy(m->pfx, pwant, npwant * sizeof(pwant[0]));
	m->npfx = npwant;
	/* Hosts whose dynamic-EID or interface went are withdrawn. */
	for (i = 0; i < MOB_MAX; i++) {
		struct mob_host *h = &m->h[i];

		if (h->state == H_FREE)
			continue;
		if (h->state != H_AWAY && (if_by_index(m, h->ifindex) ==
		    NULL || host_db(l, h) != 0))
			withdraw(l, h, "no longer configured");
		else if (h->state == H_AWAY && dyn_by_name(l, h->dyn) == NULL)
			h->state = H_FREE;
	}
	flush_stale(l);
	if (m->nifs > 0)
		dump_and_probe(l);
}

int
mob_start(struct lispd *l)
{
	struct mob	*m;
	struct timeval	 tv = { 1, 0 };

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return -1;
	l->mob = m;
	smrl_init(&m->smr, SMR_GAP_US, SMR_PER_SEC);
	if (neigh_open(&m->nh) != 0) {
		log_warnx("neighbour events not available: no dynamic-EID "
		    "detection");
		return 0;
	}
	m->ev = event_new(l->base, neigh_fd(m->nh), EV_READ | EV_PERSIST,
	    on_neigh, l);
	m->timer = evtimer_new(l->base, on_timer, l);
	if (m->ev == NULL || m->timer == NULL)
		return -1;
	event_add(m->ev, NULL);
	evtimer_add(m->timer, &tv);
	return 0;
}

void
mob_stop(struct lispd *l)
{
	struct mob	*m = l->mob;

	if (m == NULL)
		return;
	if (m->ev != NULL)
		event_free(m->ev);
	if (m->timer != NULL)
		event_free(m->timer);
	neigh_close(m->nh);
	free(m);
	l->mob = NULL;
}

/* The local dynamic EIDs, as database entries. */
size_t
mob_ndb(const struct lispd *l)
{
	size_t	 i, n = 0;

	for (i = 0; l->mob != NULL && i < MOB_MAX; i++)
		n += l->mob->h[i].state == H_LOCAL;
	return n;
}

const struct lc_db *
mob_db(const struct lispd *l, size_t idx, const char **dyn)
{
	size_t	 i;

	for (i = 0; l->mob != NULL && i < MOB_MAX; i++)
		if (l->mob->h[i].state == H_LOCAL && idx-- == 0) {
			if (dyn != NULL)
				*dyn = l->mob->h[i].dyn;
			return &l->mob->h[i].db;
		}
	return NULL;
}

const struct lc_db *
mob_db_find(const struct lispd *l, uint32_t iid, const struct lisp_addr *eid)
{
	size_t	 i;

	for (i = 0; l->mob != NULL && i < MOB_MAX; i++) {
		const struct mob_host *h = &l->mob->h[i];

		if (h->state == H_LOCAL && h->db.iid == iid &&
		    lisp_addr_contains(&h->db.eid, eid))
			return &h->db;
	}
	return NULL;
}

int
mob_is_dynpfx(const struct lispd *l, uint32_t iid, const struct lisp_addr *eid)
{
	size_t	 i;

	for (i = 0; l->mob != NULL && i < l->mob->npfx; i++)
		if (l->mob->pfx[i].iid == iid &&
		    lisp_addr_cmp(&l->mob->pfx[i].eid, eid) == 0)
			return 1;
	return 0;
}

size_t
mob_naway(const struct lispd *l)
{
	size_t	 i, n = 0;

	for (i = 0; l->mob != NULL && i < MOB_MAX; i++)
		n += l->mob->h[i].state == H_AWAY;
	return n;
}

size_t
mob_prefixes(const struct lispd *l, struct lisp_addr *out, size_t max)
{
	const struct lisp_addr	*p;
	size_t			 i, n = 0;

	for (i = 0; l->mob != NULL && i < l->mob->nifs && n < max; i++) {
		p = &l->conf->dyn[l->mob->ifs[i].dyn].pfx;
		if (p->afi == LISP_AFI_IPV4)
			out[n++] = *p;
	}
	return n;
}

/* Whether one of the record's locators is one of ours. */
static int
ours(const struct lispd *l, const struct lisp_record *r)
{
	struct lisp_addr	 me;
	size_t			 i, j, k;

	for (k = 0; k < r->nloc; k++) {
		for (i = 0; i < l->conf->ndyn; i++)
			for (j = 0; j < l->conf->dyn[i].nloc; j++)
				if (lisp_addr_cmp(&l->conf->dyn[i].loc[j].rloc,
				    &r->loc[k].addr) == 0)
					return 1;
		lispd_local_rloc(l, &me);
		if (lisp_addr_cmp(&me, &r->loc[k].addr) == 0)
			return 1;
	}
	return 0;
}

static void
cache_away(struct lispd *l, const struct lisp_record *r)
{
	struct mc_locator	 loc[LISP_MAX_LOCATORS];
	struct mc_mapping	 mm;
	size_t			 k;

	memset(&mm, 0, sizeof(mm));
	mm.iid = r->iid;
	mm.eid = r->eid;
	mm.source = MC_SRC_MAP_REPLY;
	mm.ttl = lisp_ttl_seconds(r->ttl);
	for (k = 0; k < r->nloc; k++) {
		memset(&loc[k], 0, sizeof(loc[k]));
		loc[k].rloc = r->loc[k].addr;
		loc[k].priority = r->loc[k].priority;
		loc[k].weight = r->loc[k].weight;
		loc[k].flags = MC_LOC_UP;
	}
	mm.nloc = r->nloc;
	mm.loc = loc;
	if (r->nloc > 0 && mc_insert(l->mc, &mm, lispd_now()) == 0)
		data_route(l, &r->eid, 1);
}

int
mob_notify(struct lispd *l, const struct lisp_map *mn)
{
	struct mob	*m = l->mob;
	char		 a[INET_ADDRSTRLEN], s[LISP_ADDR_STRLEN];
	size_t		 i, k;
	int		 away = 0;

	if (m == NULL)
		return 0;
	for (i = 0; i < mn->nrec; i++) {
		const struct lisp_record *r = &mn->rec[i];
		struct mob_host *h;
		uint32_t addr;
		const char *in_dyn = NULL;

		if (r->eid.afi != LISP_AFI_IPV4 || r->eid.plen != 32)
			continue;
		memcpy(&addr, r->eid.a, 4);
		h = host_find(m, addr);
		if (ours(l, r)) {
			if (h != NULL && h->state == H_LOCAL)
				h->acked = 1;
			continue;
		}
		for (k = 0; k < l->conf->ndyn; k++)
			if (l->conf->dyn[k].pfx.afi == LISP_AFI_IPV4 &&
			    lisp_addr_contains(&l->conf->dyn[k].pfx, &r->eid))
				in_dyn = l->conf->dyn[k].name;
		if (in_dyn == NULL)
			continue;
		away = 1;
		if (h != NULL && (h->state == H_LOCAL || h->state ==
		    H_VERIFY)) {
			lan_route(l, h, 0);
			/*
			 * Forget its entry and ask for it afresh rather than
			 * trust the map-server blindly: a host that moved does
			 * not answer (FAILED, ignored); one that is still here
			 * (a registration from a site it had already left that
			 * arrived late) answers and is registered again, which
			 * takes it back.  A fresh entry also reports the
			 * host's own ARP when it comes back (an old one in
			 * PROBE would swallow a gratuitous ARP silently).
			 */
			neigh_del(m->nh, h->ifindex, h->addr);
			neigh_resolve(m->nh, h->ifindex, h->addr);
			ios_log(IOS_NOTICE, "LISP", "DYNEID_AWAY", "dynamic-EID "
			    "%s %s is away, now at %s", h->dyn, ip(h->addr, a),
			    r->nloc > 0 ? lisp_addr_fmt(&r->loc[0].addr, 0, s,
			    sizeof(s)) : "?");
		}
		if (h == NULL)
			h = host_new(m, addr);
		if (h != NULL) {
			h->state = H_AWAY;
			h->since = lispd_now();
			/* Named, or the next reconfiguration would take it for
			 * a host of a dynamic-EID that went and forget it. */
			if (h->dyn[0] == '\0')
				snprintf(h->dyn, sizeof(h->dyn), "%s", in_dyn);
		}
		cache_away(l, r);
	}
	return away;
}

void
mob_decap(struct lispd *l, const uint8_t *inner, size_t len,
    const struct sockaddr_in *outer)
{
	struct mob		*m = l->mob;
	const struct mob_host	*h;
	struct lisp_addr	 itr, eid;
	uint32_t		 dst, src = outer->sin_addr.s_addr, iid;
	uint64_t		 now;
	size_t			 i;

	if (m == NULL || m->nifs == 0 || len < 20 || (inner[0] >> 4) != 4)
		return;
	memcpy(&dst, inner + 16, 4);
	/*
	 * Traffic for a host of one of our dynamic-EID prefixes that does
	 * not live here (it moved away, or it was never here): the ITR's
	 * mapping is stale.  Tell it to ask again (RFC 9301 Solicit-Map-
	 * Request); the packet itself goes on, through lisp0, to wherever
	 * the map-cache says the host is.  This runs per decapsulated
	 * packet: the prefix test first (one or two interfaces), then the
	 * host last found (one flow at a time, mostly), then the table.
	 */
	lisp_addr_set(&eid, LISP_AFI_IPV4, &dst, 32);
	for (i = 0; i < m->nifs; i++)
		if (lisp_addr_contains(&l->conf->dyn[m->ifs[i].dyn].pfx, &eid))
			break;
	if (i == m->nifs)
		return;
	iid = l->conf->dyn[m->ifs[i].dyn].iid;
	if (m->hit < MOB_MAX && m->h[m->hit].addr == dst &&
	    m->h[m->hit].state == H_LOCAL)
		return;
	if ((h = host_find(m, dst)) != NULL && h->state == H_LOCAL) {
		m->hit = (size_t)(h - m->h);
		return;
	}
	now = lispd_now_us();
	if (!smrl_allow(&m->smr, src, dst, now))
		return;
	lisp_addr_set(&itr, LISP_AFI_IPV4, &src, 32);
	ctl_smr(l, iid, &eid, &itr);
}

static void
kv(struct ipc_msg *msg, const char *k, const char *v)
{
	char	 s[256];

	snprintf(s, sizeof(s), "%s=%s", k, v);
	ipc_msg_add_str(msg, IPC_T_LISP_KV, s);
}

static void
send_data(struct ipc_peer *p, struct ipc_msg *msg)
{
	if (msg == NULL)
		fatalx("%s: out of memory", __func__);
	if (ipc_peer_send(p, msg) != 0)
		log_warnx("reply to %s failed", ipc_peer_name(p));
	ipc_msg_free(msg);
}

/*
 * IPC_LISP_DYNEID: one DATA per dynamic-EID (T_LISP_SITE its name,
 * T_LISP_EID its prefix, T_LISP_KV locset, group, count, last, last-ago),
 * then one per host detected here (T_LISP_FLAGS IPC_LISPF_REG, T_LISP_EID
 * the /32, T_LISP_UPTIME since discovered, T_LISP_LAST since last heard,
 * T_LISP_KV if), then END.
 */
void
mob_show(struct lispd *l, struct ipc_peer *p, uint32_t reqid)
{
	struct mob	*m = l->mob;
	uint64_t	 now = lispd_now();
	char		 s[LISP_ADDR_STRLEN], v[64];
	size_t		 i, j, n;

	for (i = 0; i < l->conf->ndyn; i++) {
		const struct lc_dyn *d = &l->conf->dyn[i];
		struct ipc_msg *msg = ipc_msg_new(IPC_DATA, reqid);

		if (msg == NULL)
			fatalx("%s: out of memory", __func__);
		ipc_msg_add_str(msg, IPC_T_LISP_SITE, d->name);
		ipc_msg_add_str(msg, IPC_T_LISP_EID, d->pfx.afi ==
		    LISP_AFI_IPV4 ? lisp_addr_fmt(&d->pfx, 1, s, sizeof(s)) :
		    "");
		ipc_msg_add_u32(msg, IPC_T_LISP_FLAGS, 0);
		kv(msg, "locset", d->locset);
		kv(msg, "group", d->group.afi == LISP_AFI_IPV4 ?
		    lisp_addr_fmt(&d->group, 0, s, sizeof(s)) : "");
		for (j = 0, n = 0; m != NULL && j < MOB_MAX; j++)
			n += m->h[j].state == H_LOCAL &&
			    strcmp(m->h[j].dyn, d->name) == 0;
		snprintf(v, sizeof(v), "%zu", n);
		kv(msg, "count", v);
		for (j = 0; m != NULL && j < LC_MAX_DYN; j++)
			if (m->last[j].name[0] != '\0' &&
			    strcmp(m->last[j].name, d->name) == 0) {
				kv(msg, "last", ip(m->last[j].addr, s));
				snprintf(v, sizeof(v), "%llu", (unsigned long
				    long)(now - m->last[j].when));
				kv(msg, "last-ago", v);
			}
		send_data(p, msg);
		for (j = 0; m != NULL && j < MOB_MAX; j++) {
			const struct mob_host *h = &m->h[j];

			if (h->state != H_LOCAL || strcmp(h->dyn, d->name) != 0)
				continue;
			if ((msg = ipc_msg_new(IPC_DATA, reqid)) == NULL)
				fatalx("%s: out of memory", __func__);
			ipc_msg_add_str(msg, IPC_T_LISP_SITE, d->name);
			ipc_msg_add_str(msg, IPC_T_LISP_EID, lisp_addr_fmt(
			    &h->db.eid, 1, s, sizeof(s)));
			ipc_msg_add_u32(msg, IPC_T_LISP_FLAGS, IPC_LISPF_REG);
			ipc_msg_add_u64(msg, IPC_T_LISP_UPTIME, now - h->first);
			ipc_msg_add_u64(msg, IPC_T_LISP_LAST, now - h->seen);
			kv(msg, "if", h->ios);
			send_data(p, msg);
		}
	}
	send_data(p, ipc_msg_new(IPC_END, reqid));
}
