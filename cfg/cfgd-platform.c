/*
 * cfgd's platform side: the kernel follows the interface and route
 * configuration, and the shells see the kernel.
 *
 * - Hooks (cfgtab-if.c) validate through struct cfg_ifplat and mark what a
 *   line touches; once the request is done the marked interfaces (and the
 *   static routes) are reconciled: what the model says is compared with
 *   what we last applied, and only the difference goes to the kernel.  A
 *   full reconcile (at start, or after the whole model was swapped by
 *   configure replace or reload) reads the kernel first.
 * - Changes made behind our back (ip link set down, ip addr del) are not
 *   fought: they show in `show` output, which always reads the kernel.
 *   Netlink events rebuild the interface map (debounced) and retry static
 *   routes whose next hop or interface was missing.
 * - The kernel is managed only where it is ours: in a network namespace
 *   made by `ip netns add`, or with LISPROUTER_KERNEL=1 (the VM image).
 *   Elsewhere (a developer's host, the tests that start cfgd without a
 *   namespace) the configuration is stored but never applied, and show
 *   commands read the kernel only.
 * - At start cfgd adds an `interface GigabitEthernetN` block (no ip
 *   address, shutdown, negotiation auto, as a CSR from the factory) for
 *   each Ethernet device it finds without one; a GigabitEthernetN without
 *   a device is refused (startup-config lines for it are logged and
 *   dropped, as IOS does with hardware that is gone).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <linux/rtnetlink.h>

#include <dirent.h>
#include <errno.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg/cfgd-platform.h"
#include "cfg/cfgd.h"
#include "cfg/ifplat.h"
#include "cfg/model.h"
#include "cfg/session.h"
#include "cfg/tables.h"
#include "platform/atomicfile.h"
#include "platform/ifmap.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/netlink.h"
#include "platform/ping.h"
#include "platform/xmalloc.h"

static void	schedule_apply(struct cfgd_platform *);

/* Interface state table. */

static uint64_t
hash_str(const char *s)
{
	uint64_t	 h = 1469598103934665603ull;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

struct ifst *
cfgd_pl_st_find(struct cfgd_platform *pl, const char *name)
{
	struct ifst	*s;

	if (pl->tabcap == 0)
		return NULL;
	for (s = pl->tab[hash_str(name) & (pl->tabcap - 1)]; s != NULL;
	    s = s->hnext)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

static void
st_grow(struct cfgd_platform *pl)
{
	struct ifst	**old = pl->tab, *s, *next;
	size_t		  oldcap = pl->tabcap, i, h;

	pl->tabcap = oldcap == 0 ? 64 : oldcap * 2;
	pl->tab = xcalloc(pl->tabcap, sizeof(*pl->tab));
	for (i = 0; i < oldcap; i++)
		for (s = old[i]; s != NULL; s = next) {
			next = s->hnext;
			h = hash_str(s->name) & (pl->tabcap - 1);
			s->hnext = pl->tab[h];
			pl->tab[h] = s;
		}
	free(old);
}

static struct ifst *
st_get(struct cfgd_platform *pl, const char *name)
{
	struct ifst	*s;
	size_t		 h;

	if ((s = cfgd_pl_st_find(pl, name)) != NULL)
		return s;
	if (pl->tabn + 1 > pl->tabcap)
		st_grow(pl);
	s = xcalloc(1, sizeof(*s));
	s->name = xstrdup(name);
	s->method = "unset";
	s->admin = -1;
	h = hash_str(name) & (pl->tabcap - 1);
	s->hnext = pl->tab[h];
	pl->tab[h] = s;
	pl->tabn++;
	return s;
}

static void
st_remove(struct cfgd_platform *pl, struct ifst *s)
{
	struct ifst	**pp;

	for (pp = &pl->tab[hash_str(s->name) & (pl->tabcap - 1)]; *pp != NULL;
	    pp = &(*pp)->hnext)
		if (*pp == s) {
			*pp = s->hnext;
			break;
		}
	pl->tabn--;
	free(s->name);
	free(s);
}

static void
st_mark(struct cfgd_platform *pl, struct ifst *s)
{
	if (s->dirty)
		return;
	s->dirty = 1;
	s->dnext = pl->dirty;
	pl->dirty = s;
}

/* The model's interface nodes. */

struct cfg_node *
cfgd_pl_model_if(struct cfg_model *m, const char *ifname)
{
	char	 line[96];

	snprintf(line, sizeof(line), IF_PREFIX "%s", ifname);
	return cfg_node_find(cfg_model_root(m), &cfg_if_cmds[0], line);
}

const char *
cfgd_pl_node_ifname(const struct cfg_node *n)
{
	const char	*line = cfg_node_line(n);

	if (strncmp(line, IF_PREFIX, strlen(IF_PREFIX)) != 0)
		return NULL;
	return line + strlen(IF_PREFIX);
}


void
cfgd_pl_want(const struct cfg_node *n, struct want *w)
{
	const struct cfg_node	*k;
	const char		*line;
	char			 a[32], m[32];
	uint32_t		 addr;
	unsigned		 plen, g[3];
	size_t			 i;

	memset(w, 0, sizeof(*w));
	w->up = 1;
	w->mtu = 1500;
	/* The primary first, then the secondaries in order. */
	for (k = cfg_node_first(n); k != NULL; k = cfg_node_next(k)) {
		line = cfg_node_line(k);
		if (strcmp(line, "shutdown") == 0)
			w->up = 0;
		else if (strncmp(line, "mtu ", 4) == 0)
			w->mtu = (unsigned)strtoul(line + 4, NULL, 10);
		else if (strncmp(line, "description ", 12) == 0)
			w->descr = line + 12;
		else if (sscanf(line, "mac-address %x.%x.%x", &g[0], &g[1],
		    &g[2]) == 3) {
			for (i = 0; i < 3; i++) {
				w->mac[2 * i] = (uint8_t)(g[i] >> 8);
				w->mac[2 * i + 1] = (uint8_t)g[i];
			}
			w->has_mac = 1;
		} else if (sscanf(line, "ip address %31s %31s", a, m) == 2 &&
		    cfg_if_parse_addr(a, &addr) == 0 &&
		    cfg_if_mask_len(m, &plen) == 0 && w->naddr < MAXADDR) {
			if (strstr(line, " secondary") == NULL &&
			    w->naddr > 0) {
				memmove(&w->addr[1], &w->addr[0], w->naddr *
				    sizeof(w->addr[0]));
				memmove(&w->plen[1], &w->plen[0], w->naddr *
				    sizeof(w->plen[0]));
				w->addr[0] = addr;
				w->plen[0] = plen;
			} else {
				w->addr[w->naddr] = addr;
				w->plen[w->naddr] = plen;
			}
			w->naddr++;
		}
	}
}

/* The kernel side of one interface. */

const char *
cfgd_pl_addr_str(uint32_t host, char *buf, size_t len)
{
	struct in_addr	 in;

	in.s_addr = htonl(host);
	return inet_ntop(AF_INET, &in, buf, (socklen_t)len);
}

int
cfgd_pl_is_type(const char *ifname, const char *type)
{
	return strncmp(ifname, type, strlen(type)) == 0;
}


void
cfgd_pl_collect_addr(const struct nl_addr *a, void *arg)
{
	struct addr_collect	*c = arg;

	if (c->ifindex != 0 && a->ifindex != c->ifindex)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 64 : c->cap * 2;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n++] = *a;
}

/* Reads what the kernel has on ifindex into s (primary first). */
static void
st_load(struct cfgd_platform *pl, struct ifst *s, const struct nl_link *l,
    const struct addr_collect *all)
{
	size_t	 i, pass;

	s->ifindex = l->ifindex;
	s->admin = (l->flags & IFF_UP) != 0;
	s->mtu = l->mtu;
	s->naddr = 0;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < all->n && s->naddr < MAXADDR; i++) {
			if (all->v[i].ifindex != l->ifindex ||
			    all->v[i].secondary != (int)pass)
				continue;
			s->addr[s->naddr] = ntohl(all->v[i].addr);
			s->plen[s->naddr++] = all->v[i].plen;
		}
	(void)pl;
}

static void
st_load_one(struct cfgd_platform *pl, struct ifst *s, const char *dev)
{
	struct nl_link		 l;
	struct addr_collect	 c;

	if (nl_link_get(pl->nl, dev, &l) != 0)
		return;
	memset(&c, 0, sizeof(c));
	c.ifindex = l.ifindex;
	(void)nl_addrs(pl->nl, cfgd_pl_collect_addr, &c);
	st_load(pl, s, &l, &c);
	free(c.v);
}

static void
warn_nl(const char *what, const char *ifname, int rc)
{
	log_warnx("%s %s: %s", what, ifname, nl_strerror(rc));
}

static int
has_addr(const uint32_t *a, const unsigned *p, size_t n, uint32_t addr,
    unsigned plen)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (a[i] == addr && p[i] == plen)
			return 1;
	return 0;
}

static void
apply_addrs(struct cfgd_platform *pl, struct ifst *s, const struct want *w)
{
	size_t	 i;
	int	 rc, all;

	/* A new primary: the kernel would promote or drop secondaries, so
	 * the whole set goes again. */
	all = s->naddr > 0 && (w->naddr == 0 || s->addr[0] != w->addr[0] ||
	    s->plen[0] != w->plen[0]);
	for (i = s->naddr; i-- > 0;) {
		if (!all && has_addr(w->addr, w->plen, w->naddr, s->addr[i],
		    s->plen[i]))
			continue;
		rc = nl_addr_del(pl->nl, s->ifindex, htonl(s->addr[i]),
		    s->plen[i]);
		if (rc != 0 && rc != -EADDRNOTAVAIL && rc != -ENODEV)
			warn_nl("delete address on", s->name, rc);
		s->addr[i] = s->addr[--s->naddr];
		s->plen[i] = s->plen[s->naddr];
	}
	for (i = 0; i < w->naddr; i++) {
		if (has_addr(s->addr, s->plen, s->naddr, w->addr[i],
		    w->plen[i]))
			continue;
		rc = nl_addr_add(pl->nl, s->ifindex, htonl(w->addr[i]),
		    w->plen[i]);
		if (rc != 0 && rc != -EEXIST) {
			warn_nl("add address on", s->name, rc);
			continue;
		}
		s->addr[s->naddr] = w->addr[i];
		s->plen[s->naddr++] = w->plen[i];
	}
	/* Keep the primary first, as the model has it. */
	if (w->naddr > 0 && s->naddr > 0) {
		memcpy(s->addr, w->addr, w->naddr * sizeof(s->addr[0]));
		memcpy(s->plen, w->plen, w->naddr * sizeof(s->plen[0]));
		s->naddr = w->naddr;
	}
}

static void
apply_link(struct cfgd_platform *pl, struct ifst *s, const struct want *w,
    const char *dev)
{
	struct nl_link	 l;
	const uint8_t	*mac;
	int		 rc, have;

	if (w->has_mac || s->mac_set) {
		have = nl_link_get(pl->nl, dev, &l) == 0 && l.has_mac;
		if (!s->mac_set && have)
			memcpy(s->orig_mac, l.mac, 6);
		mac = w->has_mac ? w->mac : s->orig_mac;
		/*
		 * Only a different address: setting one, even the one the
		 * device has, makes the kernel flush the device's neighbour
		 * table, so any change to the interface's configuration
		 * would forget every host of its LAN (and withdraw its
		 * dynamic EIDs) until each ARPs again.
		 */
		if (!have || memcmp(l.mac, mac, 6) != 0) {
			rc = nl_link_set_mac(pl->nl, s->ifindex, mac);
			if (rc != 0)
				warn_nl("set MAC address of", s->name, rc);
		}
		s->mac_set = w->has_mac;
	}
	if (s->mtu != w->mtu) {
		if ((rc = nl_link_set_mtu(pl->nl, s->ifindex, w->mtu)) != 0)
			warn_nl("set MTU of", s->name, rc);
		s->mtu = w->mtu;
	}
	if (s->admin != w->up) {
		if ((rc = nl_link_set_up(pl->nl, s->ifindex, w->up)) != 0)
			warn_nl("set state of", s->name, rc);
		s->admin = w->up;
	}
}

/*
 * The device of a Loopback, created when missing: a dummy, or an ifb on
 * kernels built without the dummy driver.  Its ifindex, or 0.
 */
static int
loopback_device(struct cfgd_platform *pl, struct ifst *s, const char *dev)
{
	struct nl_link	 l;
	int		 rc;

	if (nl_link_get(pl->nl, dev, &l) == 0) {
		if (strcmp(l.kind, "dummy") != 0 && strcmp(l.kind, "ifb") != 0) {
			log_warnx("%s: device %s exists and is not a dummy",
			    s->name, dev);
			return 0;
		}
		if (s->ifindex != l.ifindex)
			st_load_one(pl, s, dev);
		return l.ifindex;
	}
	rc = nl_virt_add(pl->nl, dev, pl->loop_kind);
	if (rc == -EOPNOTSUPP && strcmp(pl->loop_kind, "dummy") == 0) {
		log_info("no dummy devices in this kernel: Loopbacks are ifb "
		    "devices");
		pl->loop_kind = "ifb";
		rc = nl_virt_add(pl->nl, dev, pl->loop_kind);
	}
	if (rc != 0 && rc != -EEXIST) {
		warn_nl("create device for", s->name, rc);
		return 0;
	}
	if (nl_link_get(pl->nl, dev, &l) != 0)
		return 0;
	/* A new device: down, no addresses. */
	s->ifindex = l.ifindex;
	s->admin = 0;
	s->mtu = l.mtu;
	s->naddr = 0;
	s->mac_set = 0;
	return l.ifindex;
}

/* An interface left the model: undo what we did. */
static void
unapply(struct cfgd_platform *pl, struct ifst *s)
{
	struct want	 none;
	int		 rc;

	cfgd_dhcp_if(pl->dhcp, s, NULL, 0, NULL);
	if (s->ifindex != 0 && cfgd_pl_is_type(s->name, "Loopback")) {
		if ((rc = nl_link_del(pl->nl, s->ifindex)) != 0 &&
		    rc != -ENODEV)
			warn_nl("delete device of", s->name, rc);
	} else if (s->ifindex != 0) {
		memset(&none, 0, sizeof(none));
		apply_addrs(pl, s, &none);
	}
	st_remove(pl, s);
}

static void
reconcile_if(struct cfgd_platform *pl, struct ifst *s)
{
	struct cfg_node	*n = cfgd_pl_model_if(pl->d->model, s->name);
	struct want	 w;
	char		 dev[32];
	int		 ifindex;

	if (n == NULL) {
		unapply(pl, s);
		return;
	}
	if (ifmap_dev(pl->map, s->name, dev, sizeof(dev)) != 0)
		return;		/* a type with no device (Vlan ...) */
	if (cfgd_pl_is_type(s->name, "LISP"))
		return;		/* lispd's */
	if (cfgd_pl_is_type(s->name, "Loopback"))
		ifindex = loopback_device(pl, s, dev);
	else
		ifindex = ifmap_ifindex(pl->map, s->name);
	if (ifindex == 0)
		return;		/* retried when the device appears */
	if (ifindex != s->ifindex)
		st_load_one(pl, s, dev);
	if (s->ifindex == 0)
		return;
	cfgd_pl_want(n, &w);
	cfgd_dhcp_if(pl->dhcp, s, dev, cfgd_pl_node_dhcp(n), &w);
	apply_link(pl, s, &w, dev);
	apply_addrs(pl, s, &w);
	cfgd_dhcp_route(pl->dhcp, s);
}

/* Static routes. */

static int
route_of(struct cfgd_platform *pl, const char *line, struct nl_route *r)
{
	char		 w[6][64];
	uint32_t	 a, gw = 0;
	unsigned	 plen, dist = 1;
	int		 n, i = 4;

	memset(r, 0, sizeof(*r));
	n = sscanf(line, "ip route %63s %63s %63s %63s %63s", w[0], w[1], w[2],
	    w[3], w[4]);
	if (n < 3 || cfg_if_parse_addr(w[0], &a) != 0 ||
	    cfg_if_mask_len(w[1], &plen) != 0)
		return -1;
	r->dst = htonl(a);
	r->plen = plen;
	if (cfg_if_parse_addr(w[2], &gw) == 0)
		i = 3;
	else {
		if ((r->oif = cfgd_pl_ifindex(pl, w[2])) == 0)
			return -1;
		if (n > 3 && cfg_if_parse_addr(w[3], &gw) == 0)
			i = 4;
		else
			i = 3;
	}
	if (n > i)
		dist = (unsigned)strtoul(w[i], NULL, 10);
	r->gw = gw != 0 ? htonl(gw) : 0;
	r->metric = dist;
	r->protocol = NL_PROTO_STATIC;
	r->table = RT_TABLE_MAIN;
	return 0;
}

static void
routes_remove(struct cfgd_platform *pl, size_t i)
{
	int	 rc;

	if (pl->routes[i].installed &&
	    (rc = nl_route_del(pl->nl, &pl->routes[i].r)) != 0 &&
	    rc != -ESRCH)
		warn_nl("delete route", pl->routes[i].line, rc);
	free(pl->routes[i].line);
	pl->routes[i] = pl->routes[--pl->nroutes];
}

static void
routes_install(struct cfgd_platform *pl, struct sroute *s)
{
	int	 rc;

	if (s->installed)
		return;
	if (route_of(pl, s->line, &s->r) != 0)
		return;		/* its interface is not there yet */
	rc = nl_route_add(pl->nl, &s->r);
	if (rc == 0 || rc == -EEXIST)
		s->installed = 1;
	else
		log_debug("route %s pending: %s", s->line, nl_strerror(rc));
}

static void
reconcile_routes(struct cfgd_platform *pl)
{
	const struct cfg_node	*n;
	const char		*line;
	size_t			 i;
	int			 found;

	for (i = 0; i < pl->nroutes; i++)
		pl->routes[i].seen = 0;
	for (n = cfg_node_first(cfg_model_root(pl->d->model)); n != NULL;
	    n = cfg_node_next(n)) {
		line = cfg_node_line(n);
		if (strncmp(line, "ip route ", 9) != 0)
			continue;
		found = 0;
		for (i = 0; i < pl->nroutes && !found; i++)
			if (strcmp(pl->routes[i].line, line) == 0) {
				pl->routes[i].seen = found = 1;
			}
		if (found)
			continue;
		pl->routes = xreallocarray(pl->routes, pl->nroutes + 1,
		    sizeof(*pl->routes));
		memset(&pl->routes[pl->nroutes], 0, sizeof(*pl->routes));
		pl->routes[pl->nroutes].line = xstrdup(line);
		pl->routes[pl->nroutes++].seen = 1;
	}
	for (i = pl->nroutes; i-- > 0;)
		if (!pl->routes[i].seen)
			routes_remove(pl, i);
	for (i = 0; i < pl->nroutes; i++)
		routes_install(pl, &pl->routes[i]);
}

/* Routes the kernel dropped (an interface went down): install again. */
struct route_check {
	struct cfgd_platform	*pl;
	uint8_t			*present;
};

static void
check_route(const struct nl_route *r, void *arg)
{
	struct route_check	*c = arg;
	size_t			 i;

	if (r->protocol != NL_PROTO_STATIC)
		return;
	for (i = 0; i < c->pl->nroutes; i++)
		if (c->pl->routes[i].r.dst == r->dst &&
		    c->pl->routes[i].r.plen == r->plen &&
		    c->pl->routes[i].r.gw == r->gw &&
		    c->pl->routes[i].r.metric == r->metric)
			c->present[i] = 1;
}

static void
verify_routes(struct cfgd_platform *pl)
{
	struct route_check	 c;
	size_t			 i;

	if (pl->nroutes == 0)
		return;
	c.pl = pl;
	c.present = xcalloc(pl->nroutes, 1);
	if (nl_routes(pl->nl, RT_TABLE_MAIN, check_route, &c) == 0)
		for (i = 0; i < pl->nroutes; i++)
			if (!c.present[i])
				pl->routes[i].installed = 0;
	free(c.present);
	for (i = 0; i < pl->nroutes; i++)
		routes_install(pl, &pl->routes[i]);
}

/* Static routes of an earlier run that the model no longer has. */
static void
stale_route(const struct nl_route *r, void *arg)
{
	struct cfgd_platform	*pl = arg;
	size_t			 i;
	int			 rc;

	if (r->protocol != NL_PROTO_STATIC)
		return;
	for (i = 0; i < pl->nroutes; i++)
		if (pl->routes[i].r.dst == r->dst &&
		    pl->routes[i].r.plen == r->plen &&
		    pl->routes[i].r.gw == r->gw)
			return;
	if ((rc = nl_route_del(pl->nl, r)) != 0)
		log_debug("stale route: %s", nl_strerror(rc));
}

/* Devices and the map. */


void
cfgd_pl_collect_link(const struct nl_link *l, void *arg)
{
	struct link_collect	*c = arg;

	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 64 : c->cap * 2;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n++] = *l;
}

static struct ifmap_tab *
build_map(struct cfgd_platform *pl, const struct link_collect *lc)
{
	struct ifmap_dev	*devs;
	struct ifmap_tab		*m = NULL;
	char			*text = NULL;
	size_t			 i, len, errline = 0;
	int			 rc;

	devs = xcalloc(lc->n + 1, sizeof(*devs));
	for (i = 0; i < lc->n; i++) {
		devs[i].ifindex = lc->v[i].ifindex;
		snprintf(devs[i].name, sizeof(devs[i].name), "%s",
		    lc->v[i].name);
		snprintf(devs[i].kind, sizeof(devs[i].kind), "%s",
		    lc->v[i].kind);
		devs[i].type = lc->v[i].type;
	}
	if (atomicfile_read(pl->mapfile, &text, &len, 1024 * 1024) != 0)
		text = NULL;
	rc = ifmap_new(devs, lc->n, text, &m, &errline);
	if (rc != 0 && text != NULL) {
		log_warnx("%s line %zu: %s; using the default mapping",
		    pl->mapfile, errline, ifmap_strerror(rc));
		rc = ifmap_new(devs, lc->n, NULL, &m, NULL);
	}
	if (rc != 0)
		fatalx("%s: ifmap_new: %s", __func__, ifmap_strerror(rc));
	free(text);
	free(devs);
	return m;
}

static void
refresh_map(struct cfgd_platform *pl, struct link_collect *lc)
{
	struct link_collect	 own;

	if (lc == NULL) {
		memset(&own, 0, sizeof(own));
		if (nl_links(pl->nl, cfgd_pl_collect_link, &own) != 0)
			log_warnx("reading links failed");
		lc = &own;
	}
	ifmap_free(pl->map);
	pl->map = build_map(pl, lc);
	if (lc == &own)
		free(own.v);
}

/* The ifindex of a configured interface's device now, or 0. */
int
cfgd_pl_ifindex(struct cfgd_platform *pl, const char *ifname)
{
	struct nl_link	 l;
	char		 dev[32];

	if (cfgd_pl_is_type(ifname, "GigabitEthernet"))
		return ifmap_ifindex(pl->map, ifname);
	if (ifmap_dev(pl->map, ifname, dev, sizeof(dev)) != 0 ||
	    nl_link_get(pl->nl, dev, &l) != 0)
		return 0;
	return l.ifindex;
}

/*
 * A GigabitEthernet block for every device without one, as a CSR shows
 * the interfaces it has.  Run through the grammar like any other line.
 */
static void
add_found_interfaces(struct cfgd_platform *pl)
{
	struct cfgd		*d = pl->d;
	struct cfg_session	*s;
	struct cfg_line_result	 r;
	const char		*dev;
	char			 line[64], name[48];
	const char		*body[] = { " no ip address", " shutdown",
				    " negotiation auto", "exit" };
	size_t			 i, k;
	unsigned		 num;
	int			 ifindex;

	for (i = 0; i < ifmap_ngig(pl->map); i++) {
		ifmap_gig(pl->map, i, &num, &dev, &ifindex);
		snprintf(name, sizeof(name), "GigabitEthernet%u", num);
		if (ifindex == 0 || cfgd_pl_model_if(d->model, name) != NULL)
			continue;
		log_info("found %s (%s)", name, dev);
		if ((s = cfg_session_new(d->grammar, d->model, &d->env)) ==
		    NULL)
			fatalx("%s: out of memory", __func__);
		snprintf(line, sizeof(line), IF_PREFIX "%s", name);
		cfg_session_run(s, line, &r);
		cfg_line_result_clear(&r);
		for (k = 0; k < sizeof(body) / sizeof(body[0]); k++) {
			cfg_session_run(s, body[k], &r);
			cfg_line_result_clear(&r);
		}
		cfg_session_free(s);
		st_get(pl, name)->method = "NVRAM";
	}
}

/* Reconciling. */

/* Reads the kernel, then makes it match the whole model. */
static void
reconcile_full(struct cfgd_platform *pl)
{
	struct link_collect	 lc;
	struct addr_collect	 ac;
	struct cfg_node		*n;
	struct ifst		*s;
	const char		*name;
	char			 ios[64];
	size_t			 i;

	memset(&lc, 0, sizeof(lc));
	memset(&ac, 0, sizeof(ac));
	if (nl_links(pl->nl, cfgd_pl_collect_link, &lc) != 0 ||
	    nl_addrs(pl->nl, cfgd_pl_collect_addr, &ac) != 0)
		log_warnx("reading the kernel's interfaces failed");
	refresh_map(pl, &lc);
	add_found_interfaces(pl);
	/* What we applied before the model was swapped is reread too. */
	for (i = 0; i < pl->tabcap; i++)
		for (s = pl->tab[i]; s != NULL; s = s->hnext) {
			s->ifindex = 0;
			st_mark(pl, s);
		}
	for (n = cfg_node_first(cfg_model_root(pl->d->model)); n != NULL;
	    n = cfg_node_next(n)) {
		if ((name = cfgd_pl_node_ifname(n)) == NULL)
			continue;
		s = st_get(pl, name);
		s->ifindex = 0;
		st_mark(pl, s);
	}
	for (i = 0; i < lc.n; i++) {
		if (ifmap_ios(pl->map, lc.v[i].name, ios, sizeof(ios)) != 0)
			continue;
		if ((s = cfgd_pl_st_find(pl, ios)) != NULL) {
			st_load(pl, s, &lc.v[i], &ac);
			continue;
		}
		/* A Loopback of ours that the model no longer has. */
		if (cfgd_pl_is_type(ios, "Loopback")) {
			s = st_get(pl, ios);
			s->ifindex = lc.v[i].ifindex;
			st_mark(pl, s);
		}
	}
	free(lc.v);
	free(ac.v);
	while ((s = pl->dirty) != NULL) {
		pl->dirty = s->dnext;
		s->dirty = 0;
		reconcile_if(pl, s);
	}
	reconcile_routes(pl);
	(void)nl_routes(pl->nl, RT_TABLE_MAIN, stale_route, pl);
}

static void
reconcile(struct cfgd_platform *pl)
{
	struct ifst	*s;

	if (!pl->managed)
		return;
	if (pl->full) {
		pl->full = 0;
		pl->routes_dirty = 0;
		reconcile_full(pl);
		return;
	}
	while ((s = pl->dirty) != NULL) {
		pl->dirty = s->dnext;
		s->dirty = 0;
		reconcile_if(pl, s);
	}
	if (pl->routes_dirty) {
		pl->routes_dirty = 0;
		reconcile_routes(pl);
	}
}

static void
on_apply(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	reconcile(arg);
}

static void
schedule_apply(struct cfgd_platform *pl)
{
	if (pl->started && pl->ev_apply != NULL)
		event_active(pl->ev_apply, 0, 0);
}

/* Netlink events: debounced. */

static int
cmp_addr_ifindex(const void *a, const void *b)
{
	const struct nl_addr	*x = a, *y = b;

	return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

/*
 * What we applied follows the kernel, so that a change made behind our
 * back (an address removed, a link set down) is put right the next time
 * that interface is configured.  One dump of links and addresses.
 */
static void
sync_applied(struct cfgd_platform *pl, const struct link_collect *lc)
{
	struct addr_collect	 ac, one;
	struct ifst		*s;
	char			 ios[64];
	size_t			 i, lo, hi;

	memset(&ac, 0, sizeof(ac));
	if (nl_addrs(pl->nl, cfgd_pl_collect_addr, &ac) != 0) {
		free(ac.v);
		return;
	}
	qsort(ac.v, ac.n, sizeof(*ac.v), cmp_addr_ifindex);
	for (i = 0; i < lc->n; i++) {
		if (ifmap_ios(pl->map, lc->v[i].name, ios, sizeof(ios)) != 0 ||
		    (s = cfgd_pl_st_find(pl, ios)) == NULL ||
		    s->ifindex != lc->v[i].ifindex || s->dirty)
			continue;
		/* The addresses of this ifindex: a run of the sorted list. */
		lo = 0;
		hi = ac.n;
		while (lo < hi) {
			if (ac.v[(lo + hi) / 2].ifindex < lc->v[i].ifindex)
				lo = (lo + hi) / 2 + 1;
			else
				hi = (lo + hi) / 2;
		}
		for (hi = lo; hi < ac.n && ac.v[hi].ifindex ==
		    lc->v[i].ifindex; hi++)
			;
		one.ifindex = lc->v[i].ifindex;
		one.v = ac.v + lo;
		one.n = one.cap = hi - lo;
		st_load(pl, s, &lc->v[i], &one);
	}
	free(ac.v);
}

/* Link state changes, as IOS logs them (cfgd-logging.c). */
static void
log_links(struct cfgd_platform *pl, const struct link_collect *lc)
{
	char	 ios[64];
	size_t	 i;

	cfgd_logging_links_begin(pl->d->logging);
	for (i = 0; i < lc->n; i++)
		if (ifmap_ios(pl->map, lc->v[i].name, ios, sizeof(ios)) == 0)
			cfgd_logging_link(pl->d->logging, ios,
			    (lc->v[i].flags & IFF_UP) != 0,
			    (lc->v[i].flags & IFF_RUNNING) != 0);
	cfgd_logging_links_end(pl->d->logging);
}

static void
on_refresh(evutil_socket_t fd, short what, void *arg)
{
	struct cfgd_platform	*pl = arg;
	struct link_collect	 lc;
	struct cfg_node		*n;
	struct ifst		*s;
	const char		*name;

	(void)fd;
	(void)what;
	memset(&lc, 0, sizeof(lc));
	if (nl_links(pl->nl, cfgd_pl_collect_link, &lc) != 0)
		log_warnx("reading links failed");
	refresh_map(pl, &lc);
	if (pl->managed) {
		sync_applied(pl, &lc);
		log_links(pl, &lc);
	}
	free(lc.v);
	if (!pl->managed)
		return;
	add_found_interfaces(pl);
	/* Interfaces waiting for their device. */
	for (n = cfg_node_first(cfg_model_root(pl->d->model)); n != NULL;
	    n = cfg_node_next(n)) {
		if ((name = cfgd_pl_node_ifname(n)) == NULL ||
		    !cfgd_pl_is_type(name, "GigabitEthernet"))
			continue;
		s = st_get(pl, name);
		if (s->ifindex != ifmap_ifindex(pl->map, name))
			st_mark(pl, s);
	}
	reconcile(pl);
	verify_routes(pl);
	cfgd_dhcp_refresh(pl->dhcp);
}

static void
on_event(enum nl_event ev, void *arg)
{
	struct cfgd_platform	*pl = arg;
	struct timeval		 tv = { 0, REFRESH_MS * 1000 };

	(void)ev;
	if (!evtimer_pending(pl->ev_refresh, NULL))
		evtimer_add(pl->ev_refresh, &tv);
}

static void
on_read(evutil_socket_t fd, short what, void *arg)
{
	struct cfgd_platform	*pl = arg;

	(void)fd;
	(void)what;
	if (nl_events_read(pl->ev, on_event, pl) != 0)
		log_warn("netlink events");
}

/* cfg_ifplat: what hooks ask. */

static struct cfgd_platform *
plat(struct cfg_ifplat *p)
{
	return (struct cfgd_platform *)p;
}

static int
op_exists(struct cfg_ifplat *p, const char *ifname)
{
	struct cfgd_platform	*pl = plat(p);
	unsigned long		 num;
	const char		*type;

	if (ifmap_split(ifname, &type, &num) != 0)
		return 0;
	if (strcmp(type, "GigabitEthernet") == 0)
		return ifmap_ifindex(pl->map, ifname) != 0;
	if (strcmp(type, "LISP") == 0)
		return num == 0;
	return 1;
}

static void
op_touch(struct cfg_ifplat *p, struct cfg_model *m, const char *ifname,
    int addr)
{
	struct cfgd_platform	*pl = plat(p);
	struct ifst		*s;

	if (m != pl->d->model)
		pl->full = 1;	/* a model being loaded to replace ours */
	if (ifname == NULL)
		pl->routes_dirty = 1;
	else {
		s = st_get(pl, ifname);
		if (!pl->started)
			s->method = "NVRAM";
		else if (addr)
			s->method = "manual";
		st_mark(pl, s);
	}
	schedule_apply(pl);
}

/* Life cycle. */

/*
 * Whether cfgd runs in a network namespace made for it by `ip netns add`
 * (listed in /run/netns).  Anything else, even a namespace other than
 * PID 1's, may be a developer's or CI's own network: hands off unless
 * LISPROUTER_KERNEL=1 says otherwise.
 */
static int
own_netns(void)
{
	struct stat	 self, st;
	struct dirent	*e;
	DIR		*dir;
	char		 path[512];
	int		 own = 0;

	if (stat("/proc/self/ns/net", &self) == -1)
		return 0;
	if ((dir = opendir("/run/netns")) != NULL) {
		while (!own && (e = readdir(dir)) != NULL) {
			snprintf(path, sizeof(path), "/run/netns/%s", e->d_name);
			if (e->d_name[0] != '.' && stat(path, &st) == 0 &&
			    st.st_ino == self.st_ino && st.st_dev == self.st_dev)
				own = 1;
		}
		closedir(dir);
	}
	return own;
}

struct cfgd_platform *
cfgd_platform_new(struct cfgd *d)
{
	struct cfgd_platform	*pl = xcalloc(1, sizeof(*pl));
	const char		*env = getenv("LISPROUTER_KERNEL");
	int			 rc;

	pl->d = d;
	pl->ops.exists = op_exists;
	pl->ops.touch = op_touch;
	pl->full = 1;
	pl->loop_kind = "dummy";
	snprintf(pl->mapfile, sizeof(pl->mapfile), "%s/interfaces", d->rundir);
	if ((rc = nl_open(&pl->nl)) != 0)
		fatalx("%s: netlink: %s", __func__, nl_strerror(rc));
	refresh_map(pl, NULL);
	if (env != NULL)
		pl->managed = strcmp(env, "1") == 0;
	else
		pl->managed = own_netns();
	log_info("interfaces: %s (%zu GigabitEthernet)", pl->managed ?
	    "managed" : "not managed (host namespace; set LISPROUTER_KERNEL=1 "
	    "to manage)", ifmap_ngig(pl->map));
	d->env.platform = pl->managed ? &pl->ops : NULL;
	pl->dhcp = cfgd_dhcp_new(pl);
	return pl;
}

/* A router forwards: IOS's `ip routing` is on by default. */
static void
enable_forwarding(void)
{
	FILE	*fp;

	if ((fp = fopen("/proc/sys/net/ipv4/ip_forward", "w")) == NULL ||
	    fputs("1\n", fp) == EOF || fclose(fp) == EOF)
		log_warn("enabling IPv4 forwarding");
}

void
cfgd_platform_start(struct cfgd_platform *pl)
{
	struct event_base	*base = pl->d->base;
	int			 rc;

	pl->ev_apply = event_new(base, -1, 0, on_apply, pl);
	pl->ev_refresh = evtimer_new(base, on_refresh, pl);
	if (pl->ev_apply == NULL || pl->ev_refresh == NULL)
		fatalx("%s: out of memory", __func__);
	if ((rc = nl_events_open(&pl->ev)) != 0)
		fatalx("%s: netlink events: %s", __func__, nl_strerror(rc));
	pl->ev_read = event_new(base, nl_events_fd(pl->ev),
	    EV_READ | EV_PERSIST, on_read, pl);
	if (pl->ev_read == NULL || event_add(pl->ev_read, NULL) != 0)
		fatalx("%s: event_add failed", __func__);
	pl->started = 1;
	pl->full = 1;
	cfgd_dhcp_start(pl->dhcp);
	if (pl->managed)
		enable_forwarding();
	reconcile(pl);
}

void
cfgd_platform_free(struct cfgd_platform *pl)
{
	struct ifst	*s, *next;
	size_t		 i;

	if (pl == NULL)
		return;
	cfgd_pl_jobs_free(pl);
	cfgd_dhcp_free(pl->dhcp);
	if (pl->ev_read != NULL)
		event_free(pl->ev_read);
	if (pl->ev_apply != NULL)
		event_free(pl->ev_apply);
	if (pl->ev_refresh != NULL)
		event_free(pl->ev_refresh);
	nl_close(pl->ev);
	nl_close(pl->nl);
	ifmap_free(pl->map);
	for (i = 0; i < pl->tabcap; i++)
		for (s = pl->tab[i]; s != NULL; s = next) {
			next = s->hnext;
			free(s->name);
			free(s);
		}
	free(pl->tab);
	for (i = 0; i < pl->nroutes; i++)
		free(pl->routes[i].line);
	free(pl->routes);
	free(pl);
}
