/*
 * cfgd: the show requests of interfaces and routes.  Everything is read
 * from the kernel at request time (links, addresses, routes) and named
 * with the interface map; the model adds what only it knows (shutdown,
 * description, how an address was set).  The cli formats the records.
 */
#include <sys/types.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgd-platform.h"
#include "cfg/cfgd.h"
#include "cfg/model.h"
#include "platform/ifmap.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/netlink.h"
#include "platform/xmalloc.h"

/* A snapshot of the kernel for one request. */
struct snap {
	struct link_collect	 links;
	struct addr_collect	 addrs;
	struct ifmap_tab		*map;
};

static int
snap_take(struct cfgd_platform *pl, struct snap *s)
{
	struct ifmap_dev	*devs;
	size_t			 i;
	int			 rc;

	memset(s, 0, sizeof(*s));
	if (nl_links(pl->nl, cfgd_pl_collect_link, &s->links) != 0 ||
	    nl_addrs(pl->nl, cfgd_pl_collect_addr, &s->addrs) != 0)
		return -1;
	/* The same map rules as the daemon's, on the links just read. */
	devs = xcalloc(s->links.n + 1, sizeof(*devs));
	for (i = 0; i < s->links.n; i++) {
		devs[i].ifindex = s->links.v[i].ifindex;
		snprintf(devs[i].name, sizeof(devs[i].name), "%s",
		    s->links.v[i].name);
		snprintf(devs[i].kind, sizeof(devs[i].kind), "%s",
		    s->links.v[i].kind);
		devs[i].type = s->links.v[i].type;
	}
	rc = ifmap_new(devs, s->links.n, NULL, &s->map, NULL);
	free(devs);
	if (rc != 0)
		return -1;
	return 0;
}

static void
snap_free(struct snap *s)
{
	free(s->links.v);
	free(s->addrs.v);
	ifmap_free(s->map);
}

static const struct nl_link *
snap_link(const struct snap *s, int ifindex)
{
	size_t	 i;

	for (i = 0; ifindex != 0 && i < s->links.n; i++)
		if (s->links.v[i].ifindex == ifindex)
			return &s->links.v[i];
	return NULL;
}

/* The device of an IOS name: the daemon's map for GigabitEthernet (it
 * honours the override file), the naming rule for the others. */
static const struct nl_link *
snap_find(struct cfgd_platform *pl, const struct snap *s, const char *ifname)
{
	char	 dev[32];
	size_t	 i;

	if (cfgd_pl_is_type(ifname, "GigabitEthernet"))
		return snap_link(s, ifmap_ifindex(pl->map, ifname));
	if (ifmap_dev(s->map, ifname, dev, sizeof(dev)) != 0)
		return NULL;
	for (i = 0; i < s->links.n; i++)
		if (strcmp(s->links.v[i].name, dev) == 0)
			return &s->links.v[i];
	return NULL;
}

static void
put_be64(uint8_t *p, uint64_t v)
{
	int	 i;

	for (i = 7; i >= 0; i--) {
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}

static void
add_counters(struct ipc_msg *m, const struct nl_link *l)
{
	uint8_t		 b[IPC_IFC_COUNT * 8];
	const uint64_t	 v[IPC_IFC_COUNT] = {
		[IPC_IFC_RX_PACKETS] = l->rx_packets,
		[IPC_IFC_RX_BYTES] = l->rx_bytes,
		[IPC_IFC_TX_PACKETS] = l->tx_packets,
		[IPC_IFC_TX_BYTES] = l->tx_bytes,
		[IPC_IFC_RX_ERRORS] = l->rx_errors,
		[IPC_IFC_TX_ERRORS] = l->tx_errors,
		[IPC_IFC_RX_DROPPED] = l->rx_dropped,
		[IPC_IFC_TX_DROPPED] = l->tx_dropped,
		[IPC_IFC_MULTICAST] = l->multicast,
		[IPC_IFC_COLLISIONS] = l->collisions,
		[IPC_IFC_RX_CRC] = l->rx_crc,
		[IPC_IFC_RX_FRAME] = l->rx_frame,
		[IPC_IFC_RX_FIFO] = l->rx_fifo,
		[IPC_IFC_TX_FIFO] = l->tx_fifo,
		[IPC_IFC_RX_OVER] = l->rx_over,
		[IPC_IFC_TX_CARRIER] = l->tx_carrier,
	};
	size_t		 i;

	for (i = 0; i < IPC_IFC_COUNT; i++)
		put_be64(b + 8 * i, v[i]);
	ipc_msg_add_bytes(m, IPC_T_COUNTERS, b, sizeof(b));
}

static void
add_addrs(struct ipc_msg *m, const struct snap *s, int ifindex)
{
	char	 a[INET_ADDRSTRLEN], buf[40];
	size_t	 i, pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < s->addrs.n; i++) {
			if (s->addrs.v[i].ifindex != ifindex ||
			    s->addrs.v[i].secondary != (int)pass)
				continue;
			inet_ntop(AF_INET, &s->addrs.v[i].addr, a, sizeof(a));
			snprintf(buf, sizeof(buf), "%s/%u", a,
			    s->addrs.v[i].plen);
			ipc_msg_add_str(m, IPC_T_IPADDR, buf);
		}
}

/* One interface record; n is its configuration (or NULL). */
static void
send_if(struct cfgd_platform *pl, struct ipc_peer *p, uint32_t reqid,
    const struct snap *s, const char *ifname, const struct cfg_node *n)
{
	const struct nl_link	*l = snap_find(pl, s, ifname);
	const struct ifst	*st = cfgd_pl_st_find(pl, ifname);
	struct ipc_msg		*m;
	struct want		 w;
	uint32_t		 state = 0;
	char			 mac[16];

	if ((m = ipc_msg_new(IPC_DATA, reqid)) == NULL)
		fatalx("%s: out of memory", __func__);
	if (n != NULL)
		cfgd_pl_want(n, &w);
	else {
		memset(&w, 0, sizeof(w));
		w.up = 1;
	}
	ipc_msg_add_str(m, IPC_T_IFNAME, ifname);
	ipc_msg_add_str(m, IPC_T_IFDEV, l != NULL ? l->name : "");
	ipc_msg_add_u32(m, IPC_T_IFINDEX, l != NULL ? (uint32_t)l->ifindex : 0);
	if (l != NULL) {
		state |= IPC_IFS_PRESENT;
		if (l->flags & IFF_UP)
			state |= IPC_IFS_ADMIN_UP;
		if ((l->flags & IFF_UP) && (l->flags & IFF_RUNNING))
			state |= IPC_IFS_LINK_UP;
		ipc_msg_add_u32(m, IPC_T_MTU, l->mtu);
		if (l->has_mac) {
			snprintf(mac, sizeof(mac), "%02x%02x.%02x%02x.%02x%02x",
			    l->mac[0], l->mac[1], l->mac[2], l->mac[3],
			    l->mac[4], l->mac[5]);
			ipc_msg_add_str(m, IPC_T_MAC, mac);
		}
		add_addrs(m, s, l->ifindex);
		add_counters(m, l);
	} else if (w.up)
		state |= IPC_IFS_ADMIN_UP;
	ipc_msg_add_u32(m, IPC_T_IFSTATE, state);
	ipc_msg_add_str(m, IPC_T_METHOD, st != NULL ? st->method :
	    n != NULL ? "NVRAM" : "unset");
	if (w.descr != NULL)
		ipc_msg_add_str(m, IPC_T_DESCR, w.descr);
	cfgd_reply(p, m);
}

/*
 * IPC_IF_SHOW: the configured interfaces in running-config order, then
 * devices of ours that have no configuration (lispd's LISP0).
 */
static void
handle_if_show(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct cfgd_platform	*pl = d->platform;
	struct cfg_node		**v;
	const char		*want = NULL, *name;
	char			 ios[64];
	struct snap		 s;
	size_t			 i, n = 0, sent = 0;

	(void)ipc_msg_get_str(req, IPC_T_IFNAME, &want);
	if (snap_take(pl, &s) != 0) {
		snap_free(&s);
		cfgd_reply_result(p, req, IPC_S_ERROR, "% Cannot read the "
		    "interfaces\n");
		return;
	}
	v = cfg_node_sorted(cfg_model_root(d->model), &n);
	for (i = 0; i < n; i++) {
		if ((name = cfgd_pl_node_ifname(v[i])) == NULL ||
		    (want != NULL && strcmp(want, name) != 0))
			continue;
		send_if(pl, p, ipc_msg_reqid(req), &s, name, v[i]);
		sent++;
	}
	free(v);
	for (i = 0; i < s.links.n; i++) {
		if (ifmap_ios(s.map, s.links.v[i].name, ios, sizeof(ios)) != 0 ||
		    !cfgd_pl_is_type(ios, "LISP") ||
		    cfgd_pl_model_if(d->model, ios) != NULL ||
		    (want != NULL && strcmp(want, ios) != 0))
			continue;
		send_if(pl, p, ipc_msg_reqid(req), &s, ios, NULL);
		sent++;
	}
	snap_free(&s);
	if (want != NULL && sent == 0) {
		cfgd_reply_result(p, req, IPC_S_ERROR, "%Invalid interface type "
		    "and number\n");
		return;
	}
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

/* IPC_IP_ROUTE_SHOW: the main and local tables, in batches. */
#define NAMECACHE	64

struct route_out {
	struct cfgd_platform	*pl;
	struct ipc_peer		*peer;
	uint32_t		 reqid;
	struct ipc_msg		*m;
	size_t			 n;
	struct addr_collect	 host;		/* /32 addresses */
	struct {
		int		 oif;
		char		 name[64];
	}			 cache[NAMECACHE];
};

static void
route_flush(struct route_out *o)
{
	if (o->m == NULL)
		return;
	cfgd_reply(o->peer, o->m);
	o->m = NULL;
	o->n = 0;
}

/* The IOS name of a route's interface (the Linux name if not ours). */
static const char *
route_ifname(struct route_out *o, int oif)
{
	char	 dev[IF_NAMESIZE];
	size_t	 slot = (size_t)oif % NAMECACHE;

	if (oif == 0)
		return "";
	if (o->cache[slot].oif == oif)
		return o->cache[slot].name;
	o->cache[slot].oif = oif;
	o->cache[slot].name[0] = '\0';
	if (if_indextoname((unsigned)oif, dev) != NULL &&
	    ifmap_ios(o->pl->map, dev, o->cache[slot].name,
	    sizeof(o->cache[slot].name)) != 0)
		snprintf(o->cache[slot].name, sizeof(o->cache[slot].name),
		    "%s", dev);
	return o->cache[slot].name;
}

/* A /32 interface address: IOS shows it as connected, not local. */
static int
host_address(const struct route_out *o, uint32_t dst)
{
	size_t	 i;

	for (i = 0; i < o->host.n; i++)
		if (o->host.v[i].addr == dst && o->host.v[i].plen == 32)
			return 1;
	return 0;
}

static void
route_one(const struct nl_route *r, void *arg)
{
	struct route_out	*o = arg;
	const char		*code;
	char			 a[INET_ADDRSTRLEN], gw[INET_ADDRSTRLEN];
	char			 pfx[40];
	uint32_t		 dist = 0;

	if (r->table == RT_TABLE_LOCAL) {
		if (r->type != RTN_LOCAL || (ntohl(r->dst) >> 24) == 127)
			return;
		code = host_address(o, r->dst) ? "C" : "L";
	} else if (r->table != RT_TABLE_MAIN || r->type != RTN_UNICAST)
		return;
	else if (r->protocol == RTPROT_KERNEL && r->gw == 0)
		code = "C";
	else {
		code = r->plen == 0 ? "S*" : "S";
		dist = r->metric > 255 ? 255 : r->metric;
		dist <<= 16;
	}
	inet_ntop(AF_INET, &r->dst, a, sizeof(a));
	snprintf(pfx, sizeof(pfx), "%s/%u", a, r->plen);
	gw[0] = '\0';
	if (r->gw != 0)
		inet_ntop(AF_INET, &r->gw, gw, sizeof(gw));
	if (o->m == NULL && (o->m = ipc_msg_new(IPC_DATA, o->reqid)) == NULL)
		fatalx("%s: out of memory", __func__);
	ipc_msg_add_str(o->m, IPC_T_RT_PREFIX, pfx);
	ipc_msg_add_str(o->m, IPC_T_RT_CODE, code);
	ipc_msg_add_str(o->m, IPC_T_RT_GW, gw);
	ipc_msg_add_str(o->m, IPC_T_IFNAME, route_ifname(o, r->oif));
	ipc_msg_add_u32(o->m, IPC_T_RT_DIST, dist);
	if (++o->n == ROUTE_BATCH)
		route_flush(o);
}

static void
handle_route_show(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	struct route_out	 o;

	memset(&o, 0, sizeof(o));
	o.pl = d->platform;
	o.peer = p;
	o.reqid = ipc_msg_reqid(req);
	if (nl_addrs(d->platform->nl, cfgd_pl_collect_addr, &o.host) != 0 ||
	    nl_routes(d->platform->nl, 0, route_one, &o) != 0) {
		free(o.host.v);
		ipc_msg_free(o.m);
		cfgd_reply_result(p, req, IPC_S_ERROR, "% Cannot read the "
		    "routing table\n");
		return;
	}
	free(o.host.v);
	route_flush(&o);
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

static void
send_map_row(struct ipc_peer *p, uint32_t reqid, const char *ios,
    const char *dev, int ifindex, const char *rule)
{
	struct ipc_msg	*m;

	if ((m = ipc_msg_new(IPC_DATA, reqid)) == NULL)
		fatalx("%s: out of memory", __func__);
	ipc_msg_add_str(m, IPC_T_IFNAME, ios);
	ipc_msg_add_str(m, IPC_T_IFDEV, dev);
	ipc_msg_add_u32(m, IPC_T_IFINDEX, (uint32_t)ifindex);
	ipc_msg_add_str(m, IPC_T_VALUE, rule);
	cfgd_reply(p, m);
}

/* IPC_IF_MAP_SHOW: IOS name, device, ifindex and the rule behind it. */
static void
handle_map_show(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct cfgd_platform	*pl = d->platform;
	const char		*dev;
	char			 ios[64];
	struct snap		 s;
	unsigned		 num;
	size_t			 i;
	int			 ifindex;

	if (snap_take(pl, &s) != 0) {
		snap_free(&s);
		cfgd_reply_result(p, req, IPC_S_ERROR, "% Cannot read the "
		    "interfaces\n");
		return;
	}
	for (i = 0; i < ifmap_ngig(pl->map); i++) {
		ifmap_gig(pl->map, i, &num, &dev, &ifindex);
		snprintf(ios, sizeof(ios), "GigabitEthernet%u", num);
		send_map_row(p, ipc_msg_reqid(req), ios, dev,
		    snap_link(&s, ifindex) != NULL ? ifindex : 0,
		    ifmap_overridden(pl->map) ? "override" : "ethernet");
	}
	for (i = 0; i < s.links.n; i++) {
		if (ifmap_ios(s.map, s.links.v[i].name, ios, sizeof(ios)) != 0 ||
		    cfgd_pl_is_type(ios, "GigabitEthernet"))
			continue;
		send_map_row(p, ipc_msg_reqid(req), ios, s.links.v[i].name,
		    s.links.v[i].ifindex, s.links.v[i].kind);
	}
	snap_free(&s);
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

const struct cfgd_handler cfgd_platform_handlers[] = {
	{ IPC_IF_SHOW, handle_if_show },
	{ IPC_IP_ROUTE_SHOW, handle_route_show },
	{ IPC_IF_MAP_SHOW, handle_map_show },
	{ IPC_PING, cfgd_pl_handle_ping },
	{ IPC_TRACEROUTE, cfgd_pl_handle_traceroute },
	{ 0, NULL },
};
