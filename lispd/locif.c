/*
 * ipv4-interface locators: an IOS interface named in a locator-set or a
 * database-mapping stands for that interface's primary IPv4 address.  The
 * address comes from the kernel (rtnetlink), the IOS name from the same
 * mapping cfgd uses (platform/ifmap.h with <rundir>/interfaces), and
 * netlink link and address events re-resolve it: a locator whose address
 * changed makes the ETR register again at once; an interface without an
 * address leaves its locator unresolved (afi NONE), which Map-Registers
 * and Map-Replies leave out and `show ip lisp database` shows unreachable.
 */
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/lispd.h"
#include "platform/atomicfile.h"
#include "platform/ifmap.h"
#include "platform/log.h"
#include "platform/netlink.h"

struct locif {
	struct nl	*nl;		/* requests */
	struct nl	*ev;		/* link and address events */
	struct event	*ev_read;
	char		 mapfile[4096];
};

struct devs {
	struct ifmap_dev	*v;
	size_t			 n, cap;
};

struct primaries {
	struct nl_addr		*v;
	size_t			 n, cap;
};

static void
on_link(const struct nl_link *k, void *arg)
{
	struct devs	*d = arg;
	struct ifmap_dev *p;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;

		if ((p = reallocarray(d->v, cap, sizeof(*p))) == NULL)
			return;
		d->v = p;
		d->cap = cap;
	}
	p = &d->v[d->n++];
	memset(p, 0, sizeof(*p));
	p->ifindex = k->ifindex;
	snprintf(p->name, sizeof(p->name), "%s", k->name);
	snprintf(p->kind, sizeof(p->kind), "%s", k->kind);
	p->type = k->type;
}

static void
on_addr(const struct nl_addr *a, void *arg)
{
	struct primaries	*ps = arg;
	struct nl_addr		*p;

	if (a->secondary)
		return;
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 32;

		if ((p = reallocarray(ps->v, cap, sizeof(*p))) == NULL)
			return;
		ps->v = p;
		ps->cap = cap;
	}
	ps->v[ps->n++] = *a;
}

/* The interface's primary address into rloc (afi NONE when it has none,
 * or does not exist). */
static void
resolve_one(const struct ifmap_tab *map, const struct primaries *ps,
    struct lc_loc *lo)
{
	int	 ifindex;
	size_t	 i;

	memset(&lo->rloc, 0, sizeof(lo->rloc));
	if (map == NULL || (ifindex = ifmap_ifindex(map, lo->ifname)) == 0)
		return;
	/* The kernel lists an interface's primary address first. */
	for (i = 0; i < ps->n; i++)
		if (ps->v[i].ifindex == ifindex) {
			lisp_addr_set(&lo->rloc, LISP_AFI_IPV4, &ps->v[i].addr,
			    32);
			return;
		}
}

static int
resolve_locs(const struct ifmap_tab *map, const struct primaries *ps,
    struct lc_loc *loc, size_t n)
{
	struct lisp_addr	 before;
	size_t			 i;
	int			 changed = 0;

	for (i = 0; i < n; i++) {
		if (loc[i].ifname[0] == '\0')
			continue;
		before = loc[i].rloc;
		resolve_one(map, ps, &loc[i]);
		if (lisp_addr_cmp(&before, &loc[i].rloc) != 0)
			changed = 1;
	}
	return changed;
}

static int
uses_interfaces(const struct lispd_config *c)
{
	size_t	 i, j;

	for (i = 0; i < c->ndb; i++)
		for (j = 0; j < c->db[i].nloc; j++)
			if (c->db[i].loc[j].ifname[0] != '\0')
				return 1;
	for (i = 0; i < c->nset; i++)
		for (j = 0; j < c->set[i].nloc; j++)
			if (c->set[i].loc[j].ifname[0] != '\0')
				return 1;
	for (i = 0; i < c->ndyn; i++)
		for (j = 0; j < c->dyn[i].nloc; j++)
			if (c->dyn[i].loc[j].ifname[0] != '\0')
				return 1;
	return 0;
}

int
locif_resolve(struct lispd *l)
{
	struct locif		*li = l->locif;
	struct lispd_config	*c = l->conf;
	struct devs		 d = { NULL, 0, 0 };
	struct primaries	 ps = { NULL, 0, 0 };
	struct ifmap_tab	*map = NULL;
	char			*text = NULL;
	size_t			 i, len;
	int			 changed = 0;

	if (c == NULL || !uses_interfaces(c))
		return 0;
	if (li != NULL && li->nl != NULL &&
	    nl_links(li->nl, on_link, &d) == 0 &&
	    nl_addrs(li->nl, on_addr, &ps) == 0) {
		if (atomicfile_read(li->mapfile, &text, &len, 1024 * 1024) !=
		    0)
			text = NULL;
		if (ifmap_new(d.v, d.n, text, &map, NULL) != 0 &&
		    ifmap_new(d.v, d.n, NULL, &map, NULL) != 0)
			map = NULL;
	}
	for (i = 0; i < c->ndb; i++)
		changed |= resolve_locs(map, &ps, c->db[i].loc, c->db[i].nloc);
	for (i = 0; i < c->nset; i++)
		resolve_locs(map, &ps, c->set[i].loc, c->set[i].nloc);
	/* Dynamic-EIDs' locators (a locator-set's, copied at parse time):
	 * hosts detected from now on take these. */
	for (i = 0; i < c->ndyn; i++)
		changed |= resolve_locs(map, &ps, c->dyn[i].loc,
		    c->dyn[i].nloc);
	ifmap_free(map);
	free(text);
	free(d.v);
	free(ps.v);
	return changed;
}

static void
on_nl_event(enum nl_event what, void *arg)
{
	int	*any = arg;

	if (what == NL_EV_LINK || what == NL_EV_ADDR)
		*any = 1;
}

static void
on_events(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd	*l = arg;
	int		 any = 0;

	(void)fd;
	(void)ev;
	if (nl_events_read(l->locif->ev, on_nl_event, &any) != 0)
		any = 1;
	if (any && locif_resolve(l)) {
		log_info("an interface locator's address changed; "
		    "registering again");
		ctl_reconfigure(l);
	}
}

int
locif_start(struct lispd *l)
{
	struct locif	*li;
	int		 rc;

	if ((li = calloc(1, sizeof(*li))) == NULL)
		return -1;
	l->locif = li;
	snprintf(li->mapfile, sizeof(li->mapfile), "%s/interfaces",
	    l->rundir);
	if ((rc = nl_open(&li->nl)) != 0 || (rc = nl_events_open(&li->ev)) !=
	    0) {
		log_warnx("interface locators: netlink: %s", nl_strerror(rc));
		return -1;
	}
	li->ev_read = event_new(l->base, nl_events_fd(li->ev),
	    EV_READ | EV_PERSIST, on_events, l);
	if (li->ev_read == NULL || event_add(li->ev_read, NULL) != 0)
		return -1;
	return 0;
}

void
locif_stop(struct lispd *l)
{
	struct locif	*li = l->locif;

	if (li == NULL)
		return;
	if (li->ev_read != NULL)
		event_free(li->ev_read);
	if (li->ev != NULL)
		nl_close(li->ev);
	if (li->nl != NULL)
		nl_close(li->nl);
	free(li);
	l->locif = NULL;
}
