/*
 * cfgd's switch side: the kernel's bridges follow the switching
 * configuration (VLANs, switchports, the MAC address table settings), and
 * the shells see the kernel's FDB.
 *
 * How a Catalyst maps to Linux here (README, "Switching"):
 * - One Linux bridge per VLAN in use, "vlbr<N>", without STP, its ageing
 *   time from `mac address-table aging-time` (per VLAN when set).  The
 *   bridge's FDB is the VLAN's MAC address table, so a MAC learned in two
 *   VLANs is two entries, as on a Catalyst.
 * - An access port (mode access, or no mode: dynamic auto without a DTP
 *   peer acts as access) is enslaved to its VLAN's bridge.  A port whose
 *   VLAN does not exist is in no bridge (inactive).
 * - A trunk is in no bridge.  For each VLAN it carries (allowed and
 *   existing) an ifb device "gi<N>v<V>" is a port of that VLAN's bridge;
 *   a tc BPF classifier (platform/vtag.h) moves frames between the trunk
 *   and those helpers, popping and pushing the 802.1Q tag (none for the
 *   native VLAN).  This needs neither the kernel's VLAN filtering nor
 *   8021q devices, which some kernels lack.
 * - Frames with a tag that a port does not carry are dropped (an access
 *   port drops every tagged frame), as a Catalyst does.
 * - `mac address-table static` entries are NUD_NOARP entries of the
 *   VLAN's bridge, on the port (or the trunk's helper) that carries it.
 *
 * The kernel is changed only where cfgd manages it (cfgd-platform.c: an
 * `ip netns` namespace or LISPROUTER_KERNEL=1).  Every reconcile compares
 * the whole wanted state with what the kernel has and fixes the
 * difference, so it also runs when links change (a port appears) and at
 * start after an earlier run.
 */
#include <sys/types.h>

#include <net/if.h>

#include <linux/if.h>

#include <ctype.h>
#include <errno.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgd.h"
#include "cfg/model.h"
#include "cfg/switchcfg.h"
#include "cfg/tables.h"
#include "cfg/vlanlist.h"
#include "platform/atomicfile.h"
#include "platform/bridge.h"
#include "platform/ifmap.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/netlink.h"
#include "platform/vtag.h"
#include "platform/xmalloc.h"

#define BR_PREFIX	"vlbr"
#define IF_PREFIX	"interface "
#define GIG		"GigabitEthernet"
#define REFRESH_MS	200	/* debounce of link events */
#define MAC_BATCH	1024	/* MAC entries per DATA record */

/* A classifier rule as applied (platform/vtag.h). */
struct rule {
	int			 ifindex;
	int			 dir;
	unsigned		 vid;
	struct vtag_rule	 r;
};

/* Where the classifier is on, and which way. */
struct attached {
	int		 ifindex;
	unsigned	 dirs;
};

struct cfgd_switch {
	struct cfgd		*d;
	int			 managed;
	int			 started;
	struct br		*br;
	struct nl		*nl;
	struct nl		*ev;
	struct vtag		*vtag;		/* NULL: no tagging (trunks) */
	struct event		*ev_apply;
	struct event		*ev_read;
	struct event		*ev_refresh;
	struct rule		*rules;		/* sorted, as in the map */
	size_t			 nrules;
	struct attached		*att;
	size_t			 natt;
	int			 statics;	/* static entries we added */
	int			 fresh;		/* no reconcile since start */
	char			 mapfile[4096];
};

/* A snapshot of the kernel's links and the names we give them. */
struct snap {
	struct nl_link	*links;
	size_t		 nlinks, cap;
	struct ifmap_tab	*map;
	int		 bridge[VLAN_MAX + 1];	/* vlbrV's ifindex */
};

/* A switchport the model has. */
struct port {
	char		 ifname[48];
	unsigned	 num;		/* GigabitEthernet number */
	int		 ifindex;	/* 0: no device now */
	struct sw_port	 p;
	struct vlan_set	 carried;	/* trunk: allowed and existing */
};

/* What the model wants. */
struct want {
	struct vlan_set	 vlans;		/* existing Ethernet VLANs */
	struct vlan_set	 bridges;	/* VLANs with a bridge */
	struct port	*ports;
	size_t		 nports;
};

/* Snapshots. */

static void
collect_link(const struct nl_link *l, void *arg)
{
	struct snap	*s = arg;

	if (s->nlinks == s->cap) {
		s->cap = s->cap == 0 ? 64 : s->cap * 2;
		s->links = xreallocarray(s->links, s->cap, sizeof(*s->links));
	}
	s->links[s->nlinks++] = *l;
}

static unsigned
bridge_vid(const struct nl_link *l)
{
	unsigned long	 v;
	char		*end;

	if (strcmp(l->kind, "bridge") != 0 || strncmp(l->name, BR_PREFIX,
	    strlen(BR_PREFIX)) != 0 || !isdigit((unsigned char)
	    l->name[strlen(BR_PREFIX)]))
		return 0;
	v = strtoul(l->name + strlen(BR_PREFIX), &end, 10);
	return *end == '\0' && v >= VLAN_MIN && v <= VLAN_MAX ? (unsigned)v :
	    0;
}

/* A trunk's helper device "gi<N>v<V>": its GigabitEthernet and VLAN. */
static int
helper_of(const struct nl_link *l, unsigned *num, unsigned *vid)
{
	char	 back[NL_IFNAMSIZ];

	if (strcmp(l->kind, "ifb") != 0 ||
	    sscanf(l->name, "gi%uv%u", num, vid) != 2)
		return 0;
	snprintf(back, sizeof(back), "gi%uv%u", *num, *vid);
	return strcmp(back, l->name) == 0 && *vid >= VLAN_MIN &&
	    *vid <= VLAN_MAX;
}

static void
helper_name(char *buf, size_t len, unsigned num, unsigned vid)
{
	snprintf(buf, len, "gi%uv%u", num, vid);
}

static int
snap_take(struct cfgd_switch *sw, struct snap *s)
{
	struct ifmap_dev	*devs;
	char			*text = NULL;
	size_t			 i, len;
	unsigned		 v;
	int			 rc;

	memset(s, 0, sizeof(*s));
	if (nl_links(sw->nl, collect_link, s) != 0) {
		log_warnx("switching: reading links failed");
		return -1;
	}
	devs = xcalloc(s->nlinks + 1, sizeof(*devs));
	for (i = 0; i < s->nlinks; i++) {
		devs[i].ifindex = s->links[i].ifindex;
		snprintf(devs[i].name, sizeof(devs[i].name), "%s",
		    s->links[i].name);
		snprintf(devs[i].kind, sizeof(devs[i].kind), "%s",
		    s->links[i].kind);
		devs[i].type = s->links[i].type;
		if ((v = bridge_vid(&s->links[i])) != 0)
			s->bridge[v] = s->links[i].ifindex;
	}
	/* The same map as cfgd-platform.c's, override file included. */
	if (atomicfile_read(sw->mapfile, &text, &len, 1024 * 1024) != 0)
		text = NULL;
	rc = ifmap_new(devs, s->nlinks, text, &s->map, NULL);
	if (rc != 0 && text != NULL)
		rc = ifmap_new(devs, s->nlinks, NULL, &s->map, NULL);
	free(text);
	free(devs);
	return rc == 0 ? 0 : -1;
}

static void
snap_free(struct snap *s)
{
	free(s->links);
	ifmap_free(s->map);
	memset(s, 0, sizeof(*s));
}

static const struct nl_link *
snap_link(const struct snap *s, int ifindex)
{
	size_t	 i;

	for (i = 0; ifindex != 0 && i < s->nlinks; i++)
		if (s->links[i].ifindex == ifindex)
			return &s->links[i];
	return NULL;
}

static const struct nl_link *
snap_link_named(const struct snap *s, const char *name)
{
	size_t	 i;

	for (i = 0; i < s->nlinks; i++)
		if (strcmp(s->links[i].name, name) == 0)
			return &s->links[i];
	return NULL;
}

/* The helper of trunk num for vid, if the kernel has it. */
static const struct nl_link *
snap_helper(const struct snap *s, unsigned num, unsigned vid)
{
	char	 name[NL_IFNAMSIZ];

	helper_name(name, sizeof(name), num, vid);
	return snap_link_named(s, name);
}

/*
 * The IOS name of a port device: a GigabitEthernet, or the trunk a helper
 * stands for ("GigabitEthernet3"); *vid gets a helper's VLAN (else 0).
 * Returns -1 for devices that are neither.
 */
static int
snap_port_name(const struct snap *s, int ifindex, char *buf, size_t len,
    unsigned *vid)
{
	const struct nl_link	*l = snap_link(s, ifindex);
	unsigned		 num, v;

	*vid = 0;
	if (l == NULL)
		return -1;
	if (helper_of(l, &num, &v)) {
		snprintf(buf, len, GIG "%u", num);
		*vid = v;
		return 0;
	}
	return ifmap_ios_index(s->map, ifindex, buf, len) == 0 ? 0 : -1;
}

/* The model's wishes. */

static void
want_free(struct want *w)
{
	free(w->ports);
	memset(w, 0, sizeof(*w));
}

static void
want_build(struct cfgd_switch *sw, const struct snap *s, struct want *w)
{
	struct cfg_model	*m = sw->d->model;
	const struct cfg_node	*n;
	const char		*line;
	struct port		*pt;
	unsigned long		 num;
	const char		*type;
	size_t			 i;
	unsigned		 v;

	memset(w, 0, sizeof(*w));
	cfg_switch_vlans(m, &w->vlans);
	/* 1002-1005 exist but are not Ethernet VLANs (act/unsup). */
	for (v = 1002; v <= 1005; v++)
		vlan_set_del(&w->vlans, v);
	for (n = cfg_node_first(cfg_model_root(m)); n != NULL;
	    n = cfg_node_next(n)) {
		line = cfg_node_line(n);
		if (strncmp(line, IF_PREFIX, strlen(IF_PREFIX)) != 0 ||
		    !cfg_switch_is_port(n) ||
		    ifmap_split(line + strlen(IF_PREFIX), &type, &num) != 0 ||
		    strcmp(type, GIG) != 0)
			continue;
		w->ports = xreallocarray(w->ports, w->nports + 1,
		    sizeof(*w->ports));
		pt = &w->ports[w->nports++];
		memset(pt, 0, sizeof(*pt));
		snprintf(pt->ifname, sizeof(pt->ifname), "%s",
		    line + strlen(IF_PREFIX));
		pt->num = (unsigned)num;
		cfg_switch_port(n, &pt->p);
		pt->ifindex = s != NULL ? ifmap_ifindex(s->map, pt->ifname) :
		    0;
		if (cfg_switch_trunks(&pt->p)) {
			pt->carried = pt->p.allowed;
			vlan_set_inter(&pt->carried, &w->vlans);
		} else {
			vlan_set_clear(&pt->carried);
			if (vlan_set_has(&w->vlans, pt->p.access_vlan))
				vlan_set_add(&pt->carried, pt->p.access_vlan);
		}
	}
	for (i = 0; i < w->nports; i++)
		if (w->ports[i].ifindex != 0)
			vlan_set_union(&w->bridges, &w->ports[i].carried);
}

static const struct port *
want_port(const struct want *w, int ifindex)
{
	size_t	 i;

	for (i = 0; ifindex != 0 && i < w->nports; i++)
		if (w->ports[i].ifindex == ifindex)
			return &w->ports[i];
	return NULL;
}

static const struct port *
want_port_num(const struct want *w, unsigned num)
{
	size_t	 i;

	for (i = 0; i < w->nports; i++)
		if (w->ports[i].num == num)
			return &w->ports[i];
	return NULL;
}

/* Reconciling: devices. */

static void
warn_br(const char *what, const char *name, int rc)
{
	log_warnx("switching: %s %s: %s", what, name, br_strerror(rc));
}

/* Brings a device of ours up, without IPv6 addresses of its own. */
static void
dev_up(struct cfgd_switch *sw, int ifindex, const char *name)
{
	int	 rc;

	(void)br_link_no_ipv6(sw->br, ifindex);
	if ((rc = nl_link_set_up(sw->nl, ifindex, 1)) != 0)
		log_warnx("switching: set %s up: %s", name, nl_strerror(rc));
}

static int
dev_ifindex(struct cfgd_switch *sw, const char *name)
{
	struct nl_link	 l;

	return nl_link_get(sw->nl, name, &l) == 0 ? l.ifindex : 0;
}

static void
apply_bridges(struct cfgd_switch *sw, struct snap *s, const struct want *w)
{
	char		 name[NL_IFNAMSIZ];
	unsigned long	 want, have;
	unsigned	 v;
	int		 rc;

	for (v = vlan_set_next(&w->bridges, VLAN_MIN); v != 0;
	    v = v < VLAN_MAX ? vlan_set_next(&w->bridges, v + 1) : 0) {
		snprintf(name, sizeof(name), BR_PREFIX "%u", v);
		want = cfg_switch_aging(sw->d->model, v, NULL);
		if (s->bridge[v] == 0) {
			if ((rc = br_bridge_add(sw->br, name, want)) != 0 &&
			    rc != -EEXIST) {
				warn_br("create bridge", name, rc);
				continue;
			}
			if ((s->bridge[v] = dev_ifindex(sw, name)) == 0)
				continue;
			log_info("switching: VLAN %u is bridge %s", v, name);
			dev_up(sw, s->bridge[v], name);
			continue;
		}
		if (br_bridge_get_ageing(sw->br, s->bridge[v], &have) == 0 &&
		    have != want &&
		    (rc = br_bridge_set_ageing(sw->br, s->bridge[v], want)) !=
		    0)
			warn_br("set ageing time of", name, rc);
		if (!(snap_link(s, s->bridge[v])->flags & IFF_UP))
			dev_up(sw, s->bridge[v], name);
	}
}

/* A trunk's helper for one VLAN: created, in the bridge, up. */
static int
helper_ensure(struct cfgd_switch *sw, const struct snap *s, unsigned num,
    unsigned vid)
{
	const struct nl_link	*l = snap_helper(s, num, vid);
	char			 name[NL_IFNAMSIZ];
	int			 ifindex, rc;

	helper_name(name, sizeof(name), num, vid);
	if (l == NULL) {
		if ((rc = nl_virt_add(sw->nl, name, "ifb")) != 0 &&
		    rc != -EEXIST) {
			log_warnx("switching: create %s: %s", name,
			    nl_strerror(rc));
			return 0;
		}
		if ((ifindex = dev_ifindex(sw, name)) == 0)
			return 0;
	} else
		ifindex = l->ifindex;
	if ((l == NULL || l->master != s->bridge[vid]) &&
	    (rc = br_port_set_master(sw->br, ifindex, s->bridge[vid])) != 0)
		warn_br("add to its bridge", name, rc);
	if (l == NULL || !(l->flags & IFF_UP))
		dev_up(sw, ifindex, name);
	return ifindex;
}

static void
apply_helpers(struct cfgd_switch *sw, const struct snap *s,
    const struct want *w)
{
	const struct port	*pt;
	size_t			 i;
	unsigned		 vid;

	for (i = 0; i < w->nports; i++) {
		pt = &w->ports[i];
		if (pt->ifindex == 0 || !cfg_switch_trunks(&pt->p))
			continue;
		for (vid = vlan_set_next(&pt->carried, VLAN_MIN); vid != 0;
		    vid = vid < VLAN_MAX ? vlan_set_next(&pt->carried,
		    vid + 1) : 0)
			if (s->bridge[vid] != 0)
				(void)helper_ensure(sw, s, pt->num, vid);
	}
}

/* Whether ifindex is a bridge of ours. */
static int
our_bridge(const struct snap *s, int ifindex)
{
	const struct nl_link	*l = snap_link(s, ifindex);

	return l != NULL && bridge_vid(l) != 0;
}

static void
apply_ports(struct cfgd_switch *sw, const struct snap *s,
    const struct want *w)
{
	const struct port	*pt;
	const struct nl_link	*l;
	char			 ios[64];
	int			 master, rc;
	size_t			 i;

	for (i = 0; i < s->nlinks; i++) {
		l = &s->links[i];
		if (ifmap_ios_index(s->map, l->ifindex, ios, sizeof(ios)) != 0)
			continue;	/* not an interface of IOS's */
		pt = want_port(w, l->ifindex);
		master = 0;
		if (pt != NULL && !cfg_switch_trunks(&pt->p) &&
		    vlan_set_has(&pt->carried, pt->p.access_vlan))
			master = s->bridge[pt->p.access_vlan];
		if (l->master == master || (master == 0 && l->master != 0 &&
		    !our_bridge(s, l->master)))
			continue;
		if ((rc = br_port_set_master(sw->br, l->ifindex, master)) != 0)
			warn_br(master != 0 ? "add to its VLAN's bridge" :
			    "take out of the bridge", l->name, rc);
	}
}

/* Helpers and bridges that are no longer wanted. */
static void
remove_stale(struct cfgd_switch *sw, const struct snap *s,
    const struct want *w)
{
	const struct port	*pt;
	const struct nl_link	*l;
	unsigned		 num, vid;
	size_t			 i;
	int			 rc;

	for (i = 0; i < s->nlinks; i++) {
		l = &s->links[i];
		if (helper_of(l, &num, &vid)) {
			pt = want_port_num(w, num);
			if (pt != NULL && pt->ifindex != 0 &&
			    cfg_switch_trunks(&pt->p) &&
			    vlan_set_has(&pt->carried, vid))
				continue;
		} else if ((vid = bridge_vid(l)) != 0) {
			if (vlan_set_has(&w->bridges, vid))
				continue;
		} else
			continue;
		if ((rc = nl_link_del(sw->nl, l->ifindex)) != 0 &&
		    rc != -ENODEV)
			log_warnx("switching: delete %s: %s", l->name,
			    nl_strerror(rc));
		else if (vid != 0 && bridge_vid(l) != 0)
			log_info("switching: VLAN %u has no ports: bridge %s "
			    "deleted", vid, l->name);
	}
}

/* Reconciling: the classifier. */

static int
cmp_rule(const void *a, const void *b)
{
	const struct rule	*x = a, *y = b;

	if (x->ifindex != y->ifindex)
		return x->ifindex < y->ifindex ? -1 : 1;
	if (x->dir != y->dir)
		return x->dir < y->dir ? -1 : 1;
	return (x->vid > y->vid) - (x->vid < y->vid);
}

static void
rule_add(struct rule **v, size_t *n, int ifindex, int dir, unsigned vid,
    int target, unsigned push, int to_ingress)
{
	struct rule	*r;

	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	r = &(*v)[(*n)++];
	memset(r, 0, sizeof(*r));
	r->ifindex = ifindex;
	r->dir = dir;
	r->vid = vid;
	r->r.target = target;
	r->r.push = push;
	r->r.to_ingress = to_ingress;
}

/* The rules of one trunk and its helpers. */
static void
trunk_rules(struct cfgd_switch *sw, const struct snap *s,
    const struct port *pt, struct rule **v, size_t *n)
{
	const struct nl_link	*h;
	unsigned		 vid;
	int			 native = 0;

	for (vid = vlan_set_next(&pt->carried, VLAN_MIN); vid != 0;
	    vid = vid < VLAN_MAX ? vlan_set_next(&pt->carried, vid + 1) : 0) {
		if ((h = snap_helper(s, pt->num, vid)) == NULL)
			continue;
		rule_add(v, n, pt->ifindex, VTAG_IN, vid, h->ifindex, 0, 1);
		rule_add(v, n, h->ifindex, VTAG_OUT, VTAG_UNTAGGED,
		    pt->ifindex, vid == pt->p.native_vlan ? 0 : vid, 0);
		if (vid == pt->p.native_vlan) {
			rule_add(v, n, pt->ifindex, VTAG_IN, VTAG_UNTAGGED,
			    h->ifindex, 0, 1);
			native = 1;
		}
	}
	/* Untagged frames of a native VLAN the trunk does not carry. */
	if (!native)
		rule_add(v, n, pt->ifindex, VTAG_IN, VTAG_UNTAGGED, 0, 0, 0);
	(void)sw;
}

static int
same_rule(const struct rule *a, const struct rule *b)
{
	return cmp_rule(a, b) == 0 && a->r.target == b->r.target &&
	    a->r.push == b->r.push && a->r.to_ingress == b->r.to_ingress;
}

/* Makes the map hold exactly rules v (sorted), changing only the
 * difference so that traffic on other ports never stops. */
static void
rules_sync(struct cfgd_switch *sw, struct rule *v, size_t n)
{
	size_t	 i = 0, j = 0;
	int	 c, rc;

	while (i < sw->nrules || j < n) {
		c = i == sw->nrules ? 1 : j == n ? -1 :
		    cmp_rule(&sw->rules[i], &v[j]);
		if (c < 0) {
			(void)vtag_rule_del(sw->vtag, sw->rules[i].ifindex,
			    sw->rules[i].dir, sw->rules[i].vid);
			i++;
			continue;
		}
		if (c > 0 || !same_rule(&sw->rules[i], &v[j])) {
			rc = vtag_rule_set(sw->vtag, v[j].ifindex, v[j].dir,
			    v[j].vid, &v[j].r);
			if (rc != 0)
				log_warnx("switching: tag rule: %s",
				    vtag_strerror(rc));
		}
		if (c == 0)
			i++;
		j++;
	}
	free(sw->rules);
	sw->rules = v;
	sw->nrules = n;
}

static unsigned
att_dirs(const struct cfgd_switch *sw, int ifindex)
{
	size_t	 i;

	for (i = 0; i < sw->natt; i++)
		if (sw->att[i].ifindex == ifindex)
			return sw->att[i].dirs;
	return 0;
}

static void
attach_sync(struct cfgd_switch *sw, const struct snap *s,
    struct attached *v, size_t n)
{
	char	 ios[64];
	size_t	 i, j;
	int	 rc;

	for (j = 0; j < n; j++) {
		if (att_dirs(sw, v[j].ifindex) == v[j].dirs)
			continue;
		if ((rc = vtag_attach(sw->vtag, v[j].ifindex, v[j].dirs)) != 0)
			log_warnx("switching: tag classifier on ifindex %d: %s",
			    v[j].ifindex, vtag_strerror(rc));
	}
	for (i = 0; i < sw->natt; i++) {
		for (j = 0; j < n; j++)
			if (v[j].ifindex == sw->att[i].ifindex)
				break;
		if (j == n && snap_link(s, sw->att[i].ifindex) != NULL)
			(void)vtag_detach(sw->vtag, sw->att[i].ifindex);
	}
	/*
	 * After a restart, ports that an earlier run switched may still have
	 * its classifier (and its rules, in a map that lives as long as the
	 * classifier): a port that is routed now has none.
	 */
	for (i = 0; sw->fresh && i < s->nlinks; i++) {
		for (j = 0; j < n; j++)
			if (v[j].ifindex == s->links[i].ifindex)
				break;
		if (j == n && ifmap_ios_index(s->map, s->links[i].ifindex,
		    ios, sizeof(ios)) == 0 && strncmp(ios, GIG,
		    strlen(GIG)) == 0)
			(void)vtag_detach(sw->vtag, s->links[i].ifindex);
	}
	sw->fresh = 0;
	free(sw->att);
	sw->att = v;
	sw->natt = n;
}

static void
apply_tags(struct cfgd_switch *sw, const struct snap *s, const struct want *w)
{
	const struct port	*pt;
	const struct nl_link	*h;
	struct rule		*rules = NULL;
	struct attached		*att = NULL;
	size_t			 nrules = 0, natt = 0, i;
	unsigned		 vid;

	if (sw->vtag == NULL)
		return;
	for (i = 0; i < w->nports; i++) {
		pt = &w->ports[i];
		if (pt->ifindex == 0)
			continue;
		att = xreallocarray(att, natt + 1, sizeof(*att));
		att[natt].ifindex = pt->ifindex;
		if (!cfg_switch_trunks(&pt->p)) {
			att[natt++].dirs = VTAG_BIT(VTAG_IN) | VTAG_BIT(VTAG_OUT);
			continue;
		}
		att[natt++].dirs = VTAG_BIT(VTAG_IN);
		for (vid = vlan_set_next(&pt->carried, VLAN_MIN); vid != 0;
		    vid = vid < VLAN_MAX ? vlan_set_next(&pt->carried, vid + 1) :
		    0) {
			if ((h = snap_helper(s, pt->num, vid)) == NULL)
				continue;
			att = xreallocarray(att, natt + 1, sizeof(*att));
			att[natt].ifindex = h->ifindex;
			att[natt++].dirs = VTAG_BIT(VTAG_OUT);
		}
		trunk_rules(sw, s, pt, &rules, &nrules);
	}
	if (nrules > 0)
		qsort(rules, nrules, sizeof(*rules), cmp_rule);
	/* Rules first: a classifier put on meets its rules in place. */
	rules_sync(sw, rules, nrules);
	attach_sync(sw, s, att, natt);
}

/* Reconciling: static MAC entries. */

struct fdb_list {
	struct br_fdb	*v;
	size_t		 n, cap;
	const struct snap *s;	/* keep entries of our bridges only */
	int		 kind;	/* -1: any but local */
};

static void
collect_fdb(const struct br_fdb *f, void *arg)
{
	struct fdb_list	*l = arg;
	int		 kind = br_fdb_kind(f);

	if (f->master == 0 || kind == BR_FDB_LOCAL ||
	    (l->kind >= 0 && kind != l->kind))
		return;
	if (l->s != NULL && !our_bridge(l->s, f->master))
		return;
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 1024 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = *f;
}

/* A static entry the model has, where it goes. */
struct mstatic {
	int		 port;
	uint8_t		 mac[6];
	int		 done;
};

static int
parse_mac(const char *s, uint8_t mac[6])
{
	unsigned	 g[3];
	int		 i;

	if (sscanf(s, "%4x.%4x.%4x", &g[0], &g[1], &g[2]) != 3)
		return -1;
	for (i = 0; i < 3; i++) {
		mac[2 * i] = (uint8_t)(g[i] >> 8);
		mac[2 * i + 1] = (uint8_t)g[i];
	}
	return 0;
}

static void
want_statics(struct cfgd_switch *sw, const struct snap *s,
    const struct want *w, struct mstatic **out, size_t *nout)
{
	const struct cfg_node	*n;
	const struct port	*pt;
	const struct nl_link	*h;
	char			 mac[32], ifname[64];
	unsigned		 vid;
	uint8_t			 b[6];
	size_t			 i;
	int			 port;

	*out = NULL;
	*nout = 0;
	for (n = cfg_node_first(cfg_model_root(sw->d->model)); n != NULL;
	    n = cfg_node_next(n)) {
		if (sscanf(cfg_node_line(n), "mac address-table static %31s "
		    "vlan %u interface %63s", mac, &vid, ifname) != 3 ||
		    parse_mac(mac, b) != 0)
			continue;
		pt = NULL;
		for (i = 0; i < w->nports && pt == NULL; i++)
			if (strcmp(w->ports[i].ifname, ifname) == 0)
				pt = &w->ports[i];
		if (pt == NULL || pt->ifindex == 0 ||
		    !vlan_set_has(&pt->carried, vid) || s->bridge[vid] == 0)
			continue;	/* not switched there now */
		port = pt->ifindex;
		if (cfg_switch_trunks(&pt->p)) {
			if ((h = snap_helper(s, pt->num, vid)) == NULL)
				continue;
			port = h->ifindex;
		}
		*out = xreallocarray(*out, *nout + 1, sizeof(**out));
		(*out)[*nout].port = port;
		memcpy((*out)[*nout].mac, b, 6);
		(*out)[(*nout)++].done = 0;
	}
}

static void
apply_statics(struct cfgd_switch *sw, const struct snap *s,
    const struct want *w)
{
	struct fdb_list		 have;
	struct mstatic		*want;
	size_t			 nwant, i, j;
	int			 rc;

	want_statics(sw, s, w, &want, &nwant);
	if (nwant == 0 && sw->statics == 0)
		return;
	memset(&have, 0, sizeof(have));
	have.s = s;
	have.kind = BR_FDB_STATIC;
	if (br_fdb_dump(sw->br, 0, collect_fdb, &have) != 0)
		log_warnx("switching: reading the MAC address table failed");
	for (i = 0; i < have.n; i++) {
		for (j = 0; j < nwant; j++)
			if (want[j].port == have.v[i].port &&
			    memcmp(want[j].mac, have.v[i].mac, 6) == 0)
				break;
		if (j < nwant) {
			want[j].done = 1;
			continue;
		}
		(void)br_fdb_del(sw->br, have.v[i].port, have.v[i].mac);
	}
	for (j = 0; j < nwant; j++)
		if (!want[j].done && (rc = br_fdb_add(sw->br, want[j].port,
		    want[j].mac, 1)) != 0)
			log_warnx("switching: static MAC entry: %s",
			    br_strerror(rc));
	sw->statics = nwant > 0;
	free(have.v);
	free(want);
}

static void
reconcile(struct cfgd_switch *sw)
{
	struct snap	 s;
	struct want	 w;

	if (!sw->managed || !sw->started)
		return;
	if (snap_take(sw, &s) != 0)
		return;
	want_build(sw, &s, &w);
	/* Bridges first: helpers and ports go in them. */
	apply_bridges(sw, &s, &w);
	apply_helpers(sw, &s, &w);
	apply_ports(sw, &s, &w);
	remove_stale(sw, &s, &w);
	/* Read again: the devices just made. */
	snap_free(&s);
	if (snap_take(sw, &s) == 0) {
		apply_tags(sw, &s, &w);
		apply_statics(sw, &s, &w);
		snap_free(&s);
	}
	want_free(&w);
}

static void
on_apply(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	reconcile(arg);
}

static void
schedule(struct cfgd_switch *sw)
{
	if (sw != NULL && sw->managed && sw->started && sw->ev_apply != NULL)
		event_active(sw->ev_apply, 0, 0);
}

static void
on_refresh(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	reconcile(arg);
}

static void
on_event(enum nl_event ev, void *arg)
{
	struct cfgd_switch	*sw = arg;
	struct timeval		 tv = { 0, REFRESH_MS * 1000 };

	if (ev != NL_EV_LINK)
		return;
	if (!evtimer_pending(sw->ev_refresh, NULL))
		evtimer_add(sw->ev_refresh, &tv);
}

static void
on_read(evutil_socket_t fd, short what, void *arg)
{
	struct cfgd_switch	*sw = arg;

	(void)fd;
	(void)what;
	if (nl_events_read(sw->ev, on_event, sw) != 0)
		log_warn("switching: netlink events");
}

/* Life cycle. */

struct cfgd_switch *
cfgd_switch_new(struct cfgd *d)
{
	struct cfgd_switch	*sw = xcalloc(1, sizeof(*sw));

	sw->d = d;
	/* cfgd-platform.c decides: hooks see a platform where it manages. */
	sw->managed = d->env.platform != NULL;
	snprintf(sw->mapfile, sizeof(sw->mapfile), "%s/interfaces", d->rundir);
	return sw;
}

void
cfgd_switch_start(struct cfgd_switch *sw)
{
	char	 vlog[4096];
	int	 rc;

	if (sw == NULL)
		return;
	if ((rc = nl_open(&sw->nl)) != 0)
		fatalx("%s: netlink: %s", __func__, nl_strerror(rc));
	if ((rc = br_open(&sw->br)) != 0)
		fatalx("%s: netlink: %s", __func__, br_strerror(rc));
	if (!sw->managed)
		return;
	if ((rc = vtag_new(&sw->vtag, vlog, sizeof(vlog))) != 0)
		log_warnx("switching: no 802.1Q tagging, trunks will not "
		    "forward: %s%s%s", vtag_strerror(rc), *vlog != '\0' ?
		    "\n" : "", vlog);
	sw->ev_apply = event_new(sw->d->base, -1, 0, on_apply, sw);
	sw->ev_refresh = evtimer_new(sw->d->base, on_refresh, sw);
	if (sw->ev_apply == NULL || sw->ev_refresh == NULL)
		fatalx("%s: out of memory", __func__);
	if ((rc = nl_events_open(&sw->ev)) != 0)
		fatalx("%s: netlink events: %s", __func__, nl_strerror(rc));
	sw->ev_read = event_new(sw->d->base, nl_events_fd(sw->ev),
	    EV_READ | EV_PERSIST, on_read, sw);
	if (sw->ev_read == NULL || event_add(sw->ev_read, NULL) != 0)
		fatalx("%s: event_add failed", __func__);
	sw->started = 1;
	/* Whatever an earlier run left is taken back or undone. */
	sw->fresh = 1;
	reconcile(sw);
}

void
cfgd_switch_changed(struct cfgd_switch *sw)
{
	schedule(sw);
}

void
cfgd_switch_free(struct cfgd_switch *sw)
{
	if (sw == NULL)
		return;
	if (sw->ev_read != NULL)
		event_free(sw->ev_read);
	if (sw->ev_apply != NULL)
		event_free(sw->ev_apply);
	if (sw->ev_refresh != NULL)
		event_free(sw->ev_refresh);
	nl_close(sw->ev);
	nl_close(sw->nl);
	br_close(sw->br);
	/* The kernel keeps the classifiers and their rules: forwarding goes
	 * on while cfgd restarts. */
	vtag_free(sw->vtag);
	free(sw->rules);
	free(sw->att);
	free(sw);
}

/* Show requests. */

static void
mac_str(const uint8_t m[6], char *buf, size_t len)
{
	snprintf(buf, len, "%02x%02x.%02x%02x.%02x%02x", m[0], m[1], m[2],
	    m[3], m[4], m[5]);
}

/* One entry as the shell gets it. */
struct macrec {
	unsigned	 vid;
	uint8_t		 mac[6];
	int		 type;		/* IPC_SW_DYNAMIC, IPC_SW_STATIC */
	char		 ifname[48];
};

static int
cmp_macrec(const void *a, const void *b)
{
	const struct macrec	*x = a, *y = b;

	if (x->vid != y->vid)
		return x->vid < y->vid ? -1 : 1;
	return memcmp(x->mac, y->mac, 6);
}

/* The request's filters. */
struct macfilter {
	uint32_t	 type;		/* IPC_SW_* */
	int		 has_mac;
	uint8_t		 mac[6];
	uint32_t	 vid;		/* 0: any */
	const char	*ifname;	/* NULL: any */
};

static int
mac_filter(const struct ipc_msg *req, struct macfilter *f)
{
	const char	*mac;

	memset(f, 0, sizeof(*f));
	(void)ipc_msg_get_u32(req, IPC_T_SW_TYPE, &f->type);
	(void)ipc_msg_get_u32(req, IPC_T_SW_VLAN, &f->vid);
	if (ipc_msg_get_str(req, IPC_T_IFNAME, &f->ifname) != 0)
		f->ifname = NULL;
	if (ipc_msg_get_str(req, IPC_T_MAC, &mac) == 0) {
		if (parse_mac(mac, f->mac) != 0)
			return -1;
		f->has_mac = 1;
	}
	return 0;
}

/*
 * The MAC address table as IOS shows it: every learned and static entry
 * of our bridges, matching the filters, sorted by VLAN then address.
 */
static size_t
mac_table(struct cfgd_switch *sw, const struct macfilter *f,
    struct macrec **out)
{
	struct snap		 s;
	struct fdb_list		 l;
	struct macrec		*v = NULL;
	const struct nl_link	*m;
	size_t			 i, n = 0;
	unsigned		 vid, hvid;

	*out = NULL;
	if (snap_take(sw, &s) != 0)
		return 0;
	memset(&l, 0, sizeof(l));
	l.s = &s;
	l.kind = f->type == IPC_SW_STATIC ? BR_FDB_STATIC :
	    f->type == IPC_SW_DYNAMIC ? BR_FDB_DYNAMIC : -1;
	if (br_fdb_dump(sw->br, f->vid != 0 ? s.bridge[f->vid] : 0,
	    collect_fdb, &l) != 0)
		log_warnx("switching: reading the MAC address table failed");
	if (f->vid != 0 && s.bridge[f->vid] == 0)
		l.n = 0;
	v = xcalloc(l.n + 1, sizeof(*v));
	for (i = 0; i < l.n; i++) {
		if (f->has_mac && memcmp(l.v[i].mac, f->mac, 6) != 0)
			continue;
		if ((m = snap_link(&s, l.v[i].master)) == NULL ||
		    (vid = bridge_vid(m)) == 0 || (f->vid != 0 && vid !=
		    f->vid))
			continue;
		if (snap_port_name(&s, l.v[i].port, v[n].ifname,
		    sizeof(v[n].ifname), &hvid) != 0) {
			m = snap_link(&s, l.v[i].port);
			snprintf(v[n].ifname, sizeof(v[n].ifname), "%s",
			    m != NULL ? m->name : "?");
		}
		if (f->ifname != NULL && strcmp(f->ifname, v[n].ifname) != 0)
			continue;
		v[n].vid = vid;
		memcpy(v[n].mac, l.v[i].mac, 6);
		v[n].type = br_fdb_kind(&l.v[i]) == BR_FDB_STATIC ?
		    IPC_SW_STATIC : IPC_SW_DYNAMIC;
		n++;
	}
	free(l.v);
	snap_free(&s);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_macrec);
	*out = v;
	return n;
}

static void
handle_mac_show(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct macfilter	 f;
	struct macrec		*v;
	struct ipc_msg		*m = NULL;
	char			 mac[16];
	size_t			 n, i;

	if (mac_filter(req, &f) != 0) {
		cfgd_reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	n = mac_table(d->sw, &f, &v);
	for (i = 0; i < n; i++) {
		if (m == NULL && (m = ipc_msg_new(IPC_DATA,
		    ipc_msg_reqid(req))) == NULL)
			fatalx("%s: out of memory", __func__);
		mac_str(v[i].mac, mac, sizeof(mac));
		if (ipc_msg_add_u32(m, IPC_T_SW_VLAN, v[i].vid) != 0 ||
		    ipc_msg_add_str(m, IPC_T_MAC, mac) != 0 ||
		    ipc_msg_add_u32(m, IPC_T_SW_TYPE, (uint32_t)v[i].type) !=
		    0 || ipc_msg_add_str(m, IPC_T_IFNAME, v[i].ifname) != 0)
			fatalx("%s: out of memory", __func__);
		if ((i + 1) % MAC_BATCH == 0) {
			cfgd_reply(p, m);
			m = NULL;
		}
	}
	if (m != NULL)
		cfgd_reply(p, m);
	free(v);
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

static void
handle_aging_show(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	struct ipc_msg		*m = ipc_msg_result(ipc_msg_reqid(req),
				    IPC_S_OK, NULL);
	const struct cfg_node	*n;
	unsigned long		 t;
	unsigned		 v;

	if (m == NULL ||
	    ipc_msg_add_u32(m, IPC_T_SW_AGING, (uint32_t)cfg_switch_aging(
	    d->model, 0, NULL)) != 0)
		fatalx("%s: out of memory", __func__);
	/* Per-VLAN times: IOS lists the VLANs that have one, in order. */
	for (n = cfg_node_first(cfg_model_root(d->model)); n != NULL;
	    n = cfg_node_next(n))
		if (sscanf(cfg_node_line(n), "mac address-table aging-time %lu "
		    "vlan %u", &t, &v) == 2 &&
		    (ipc_msg_add_u32(m, IPC_T_SW_VLAN, v) != 0 ||
		    ipc_msg_add_u32(m, IPC_T_SW_AGING, (uint32_t)t) != 0))
			fatalx("%s: out of memory", __func__);
	cfgd_reply(p, m);
}

static int
cmp_port_names(const void *a, const void *b)
{
	return cfg_natural_cmp(*(const char *const *)a,
	    *(const char *const *)b);
}

static void
handle_vlan_show(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct snap	 s;
	struct vlan_set	 vlans;
	struct ipc_msg	*m;
	char		 name[64], ios[64];
	char		**ports;
	size_t		 i, np, k;
	unsigned	 v;
	int		 have = snap_take(d->sw, &s) == 0;

	cfg_switch_vlans(d->model, &vlans);
	ports = xcalloc(have ? s.nlinks + 1 : 1, sizeof(*ports));
	for (v = vlan_set_next(&vlans, VLAN_MIN); v != 0;
	    v = v < VLAN_MAX ? vlan_set_next(&vlans, v + 1) : 0) {
		if ((m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req))) == NULL ||
		    ipc_msg_add_u32(m, IPC_T_SW_VLAN, v) != 0 ||
		    ipc_msg_add_str(m, IPC_T_SW_NAME, cfg_switch_vlan_name(
		    d->model, v, name, sizeof(name))) != 0 ||
		    ipc_msg_add_str(m, IPC_T_SW_STATUS, v >= 1002 && v <= 1005 ?
		    "act/unsup" : "active") != 0)
			fatalx("%s: out of memory", __func__);
		/* The access ports the kernel has in the VLAN's bridge. */
		np = 0;
		for (i = 0; have && s.bridge[v] != 0 && i < s.nlinks; i++)
			if (s.links[i].master == s.bridge[v] &&
			    ifmap_ios_index(s.map, s.links[i].ifindex, ios,
			    sizeof(ios)) == 0)
				ports[np++] = xstrdup(ios);
		if (np > 1)
			qsort(ports, np, sizeof(*ports), cmp_port_names);
		for (k = 0; k < np; k++) {
			if (ipc_msg_add_str(m, IPC_T_IFNAME, ports[k]) != 0)
				fatalx("%s: out of memory", __func__);
			free(ports[k]);
		}
		cfgd_reply(p, m);
	}
	free(ports);
	if (have)
		snap_free(&s);
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

/* Whether a device is up and has carrier. */
static int
link_running(const struct nl_link *l)
{
	return l != NULL && (l->flags & IFF_UP) && (l->flags & IFF_RUNNING);
}

static void
handle_trunk_show(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	struct snap		 s;
	struct want		 w;
	const struct port	*pt;
	const struct nl_link	*h;
	struct vlan_set		 fwd;
	struct ipc_msg		*m;
	char			 list[VLAN_LIST_MAX + 1];
	size_t			 i;
	unsigned		 vid;

	if (snap_take(d->sw, &s) != 0) {
		cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
		return;
	}
	want_build(d->sw, &s, &w);
	for (i = 0; i < w.nports; i++) {
		pt = &w.ports[i];
		/* IOS lists the ports that trunk now. */
		if (!cfg_switch_trunks(&pt->p) ||
		    !link_running(snap_link(&s, pt->ifindex)))
			continue;
		vlan_set_clear(&fwd);
		for (vid = vlan_set_next(&pt->carried, VLAN_MIN); vid != 0;
		    vid = vid < VLAN_MAX ? vlan_set_next(&pt->carried,
		    vid + 1) : 0)
			if ((h = snap_helper(&s, pt->num, vid)) != NULL &&
			    h->master != 0 && h->master == s.bridge[vid] &&
			    (h->flags & IFF_UP))
				vlan_set_add(&fwd, vid);
		if ((m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req))) == NULL ||
		    ipc_msg_add_str(m, IPC_T_IFNAME, pt->ifname) != 0 ||
		    ipc_msg_add_u32(m, IPC_T_SW_NATIVE, pt->p.native_vlan) !=
		    0 || ipc_msg_add_str(m, IPC_T_SW_ALLOWED,
		    vlan_set_render(&pt->p.allowed, list, sizeof(list))) != 0 ||
		    ipc_msg_add_str(m, IPC_T_SW_ACTIVE,
		    vlan_set_render(&pt->carried, list, sizeof(list))) != 0 ||
		    ipc_msg_add_str(m, IPC_T_SW_FORWARDING,
		    vlan_set_render(&fwd, list, sizeof(list))) != 0)
			fatalx("%s: out of memory", __func__);
		cfgd_reply(p, m);
	}
	want_free(&w);
	snap_free(&s);
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

/* clear mac address-table dynamic [address M | interface IF | vlan N] */
static void
clear_address(struct cfgd_switch *sw, const uint8_t mac[6])
{
	struct snap	 s;
	struct fdb_list	 l;
	size_t		 i;

	if (snap_take(sw, &s) != 0)
		return;
	memset(&l, 0, sizeof(l));
	l.s = &s;
	l.kind = BR_FDB_DYNAMIC;
	(void)br_fdb_dump(sw->br, 0, collect_fdb, &l);
	for (i = 0; i < l.n; i++)
		if (memcmp(l.v[i].mac, mac, 6) == 0)
			(void)br_fdb_del(sw->br, l.v[i].port, l.v[i].mac);
	free(l.v);
	snap_free(&s);
}

static void
clear_interface(struct cfgd_switch *sw, const char *ifname)
{
	struct snap	 s;
	char		 ios[64];
	size_t		 i;
	unsigned	 vid;

	if (snap_take(sw, &s) != 0)
		return;
	for (i = 0; i < s.nlinks; i++)
		if (s.links[i].master != 0 &&
		    our_bridge(&s, s.links[i].master) &&
		    snap_port_name(&s, s.links[i].ifindex, ios, sizeof(ios),
		    &vid) == 0 && strcmp(ios, ifname) == 0)
			(void)br_fdb_flush_port(sw->br, s.links[i].ifindex);
	snap_free(&s);
}

static void
clear_vlans(struct cfgd_switch *sw, unsigned only)
{
	struct snap	 s;
	unsigned	 v;

	if (snap_take(sw, &s) != 0)
		return;
	for (v = VLAN_MIN; v <= VLAN_MAX; v++)
		if (s.bridge[v] != 0 && (only == 0 || only == v))
			(void)br_fdb_flush_bridge(sw->br, s.bridge[v]);
	snap_free(&s);
}

static void
handle_mac_clear(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	struct macfilter	 f;

	if (mac_filter(req, &f) != 0) {
		cfgd_reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	if (f.has_mac)
		clear_address(d->sw, f.mac);
	else if (f.ifname != NULL)
		clear_interface(d->sw, f.ifname);
	else
		clear_vlans(d->sw, f.vid);
	cfgd_reply_result(p, req, IPC_S_OK, NULL);
}

const struct cfgd_handler cfgd_switch_handlers[] = {
	{ IPC_SW_MAC_SHOW, handle_mac_show },
	{ IPC_SW_AGING_SHOW, handle_aging_show },
	{ IPC_SW_VLAN_SHOW, handle_vlan_show },
	{ IPC_SW_TRUNK_SHOW, handle_trunk_show },
	{ IPC_SW_MAC_CLEAR, handle_mac_clear },
	{ 0, NULL },
};
