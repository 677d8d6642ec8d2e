/*
 * Exec commands of interfaces and routing: show ip interface [brief],
 * show interfaces, show ip route, show platform interfaces, ping and
 * traceroute.  cfgd reads the kernel and sends records; the layouts here
 * are IOS's.  ping and traceroute run in cfgd (it has the raw socket) and
 * stream one record per probe, printed as it arrives.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/modes.h"
#include "cli/cli.h"
#include "platform/ipc.h"
#include "platform/xmalloc.h"

#define NONE	CMD_MODE_NONE
#define PIPE	CMD_F_PIPE

static struct ipc_msg *
new_req(uint16_t type)
{
	struct ipc_msg	*m = ipc_msg_new(type, 0);

	if (m == NULL) {
		fprintf(stderr, "cli: out of memory\n");
		exit(1);
	}
	return m;
}

/*
 * Runs a request whose DATA records go to cb.  Returns 0, or -1 after
 * printing the daemon's error.
 */
static int
records(struct cli *cli, struct ipc_msg *req,
    void (*cb)(const struct ipc_msg *, void *), void *arg)
{
	struct ipc_msg	*last = NULL;
	const char	*text;
	int		 rc = 0;

	if (cli_request(cli, req, cb, arg, &last) != 0) {
		ipc_msg_free(req);
		cli->errors++;
		return -1;
	}
	ipc_msg_free(req);
	if (ipc_msg_type(last) != IPC_END) {
		if (ipc_msg_get_str(last, IPC_T_TEXT, &text) == 0)
			cli_print(cli, "%s", text);
		cli->errors++;
		rc = -1;
	}
	ipc_msg_free(last);
	return rc;
}

static char *
str_or(const struct ipc_msg *m, uint16_t tag, const char *dflt)
{
	const char	*s;

	if (ipc_msg_get_str(m, tag, &s) != 0)
		s = dflt;
	return s != NULL ? xstrdup(s) : NULL;
}

/* Interface records. */

struct ifrec {
	char		*name;
	char		*dev;
	char		*method;
	char		*descr;
	char		*mac;
	char		**addrs;
	size_t		 naddrs;
	uint32_t	 state;
	uint32_t	 mtu;
	uint64_t	 ctr[IPC_IFC_COUNT];
};

struct iflist {
	struct ifrec	*v;
	size_t		 n;
};

static void
collect_if(const struct ipc_msg *m, void *arg)
{
	struct iflist	*l = arg;
	struct ifrec	*r;
	const uint8_t	*b;
	const void	*data;
	const char	*s;
	size_t		 it = 0, len, i, k;

	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	r = &l->v[l->n++];
	memset(r, 0, sizeof(*r));
	r->name = str_or(m, IPC_T_IFNAME, "?");
	r->dev = str_or(m, IPC_T_IFDEV, "");
	r->method = str_or(m, IPC_T_METHOD, "unset");
	r->descr = str_or(m, IPC_T_DESCR, NULL);
	r->mac = str_or(m, IPC_T_MAC, NULL);
	(void)ipc_msg_get_u32(m, IPC_T_IFSTATE, &r->state);
	(void)ipc_msg_get_u32(m, IPC_T_MTU, &r->mtu);
	while (ipc_msg_next_str(m, IPC_T_IPADDR, &it, &s) == 1) {
		r->addrs = xreallocarray(r->addrs, r->naddrs + 1,
		    sizeof(*r->addrs));
		r->addrs[r->naddrs++] = xstrdup(s);
	}
	if (ipc_msg_get_bytes(m, IPC_T_COUNTERS, &data, &len) == 0 &&
	    len >= IPC_IFC_COUNT * 8) {
		b = data;
		for (i = 0; i < IPC_IFC_COUNT; i++)
			for (k = 0; k < 8; k++)
				r->ctr[i] = r->ctr[i] << 8 | b[8 * i + k];
	}
}

static void
iflist_free(struct iflist *l)
{
	size_t	 i, k;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].dev);
		free(l->v[i].method);
		free(l->v[i].descr);
		free(l->v[i].mac);
		for (k = 0; k < l->v[i].naddrs; k++)
			free(l->v[i].addrs[k]);
		free(l->v[i].addrs);
	}
	free(l->v);
}

static int
fetch_ifs(struct cli *cli, const char *ifname, struct iflist *l)
{
	struct ipc_msg	*req = new_req(IPC_IF_SHOW);

	memset(l, 0, sizeof(*l));
	if (ifname != NULL)
		ipc_msg_add_str(req, IPC_T_IFNAME, ifname);
	if (records(cli, req, collect_if, l) != 0) {
		iflist_free(l);
		return -1;
	}
	return 0;
}

static const char *
if_status(const struct ifrec *r)
{
	if (!(r->state & IPC_IFS_ADMIN_UP))
		return "administratively down";
	return (r->state & IPC_IFS_LINK_UP) ? "up" : "down";
}

static const char *
if_protocol(const struct ifrec *r)
{
	return (r->state & IPC_IFS_LINK_UP) ? "up" : "down";
}

/* "10.0.0.1/24" -> "10.0.0.1" in buf. */
static const char *
addr_only(const char *cidr, char *buf, size_t len)
{
	size_t	 n = strcspn(cidr, "/");

	snprintf(buf, len, "%.*s", (int)n, cidr);
	return buf;
}

static void
x_show_ip_int_brief(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct iflist	 l;
	char		 a[32];
	size_t		 i;

	(void)res;
	if (fetch_ifs(cli, NULL, &l) != 0)
		return;
	out_printf(o, "Interface              IP-Address      OK? Method "
	    "Status                Protocol\n");
	for (i = 0; i < l.n && !out_quit(o); i++)
		out_printf(o, "%-22s %-15s YES %-6s %-21s %s\n", l.v[i].name,
		    l.v[i].naddrs > 0 ? addr_only(l.v[i].addrs[0], a,
		    sizeof(a)) : "unassigned", l.v[i].method,
		    if_status(&l.v[i]), if_protocol(&l.v[i]));
	iflist_free(&l);
}

static const char *
method_phrase(const char *method)
{
	if (strcmp(method, "manual") == 0)
		return "setup command";
	if (strcmp(method, "DHCP") == 0)
		return "DHCP";
	return "non-volatile memory";
}

static void
show_ip_if_one(struct out *o, const struct ifrec *r)
{
	size_t	 k;

	out_printf(o, "%s is %s, line protocol is %s\n", r->name,
	    if_status(r), if_protocol(r));
	if (r->naddrs == 0) {
		out_printf(o, "  Internet protocol processing disabled\n");
		return;
	}
	out_printf(o, "  Internet address is %s\n"
	    "  Broadcast address is 255.255.255.255\n"
	    "  Address determined by %s\n"
	    "  MTU is %u bytes\n"
	    "  Helper address is not set\n"
	    "  Directed broadcast forwarding is disabled\n", r->addrs[0],
	    method_phrase(r->method), r->mtu);
	for (k = 1; k < r->naddrs; k++)
		out_printf(o, "  Secondary address %s\n", r->addrs[k]);
	out_printf(o, "  Outgoing Common access list is not set \n"
	    "  Outgoing access list is not set\n"
	    "  Inbound Common access list is not set \n"
	    "  Inbound  access list is not set\n"
	    "  Proxy ARP is enabled\n"
	    "  Local Proxy ARP is disabled\n"
	    "  Security level is default\n"
	    "  Split horizon is enabled\n"
	    "  ICMP redirects are always sent\n"
	    "  ICMP unreachables are always sent\n"
	    "  ICMP mask replies are never sent\n"
	    "  IP fast switching is enabled\n"
	    "  IP Flow switching is disabled\n"
	    "  IP CEF switching is enabled\n"
	    "  IP CEF switching turbo vector\n"
	    "  IP Null turbo vector\n"
	    "  Associated unicast routing topologies:\n"
	    "        Topology \"base\", operation state is %s\n"
	    "  IP multicast fast switching is enabled\n"
	    "  IP multicast distributed fast switching is disabled\n"
	    "  IP route-cache flags are Fast, CEF\n"
	    "  Router Discovery is disabled\n"
	    "  IP output packet accounting is disabled\n"
	    "  IP access violation accounting is disabled\n"
	    "  TCP/IP header compression is disabled\n"
	    "  RTP/IP header compression is disabled\n"
	    "  Probe proxy name replies are disabled\n"
	    "  Policy routing is disabled\n"
	    "  Network address translation is disabled\n"
	    "  BGP Policy Mapping is disabled\n"
	    "  Input features: MCI Check\n"
	    "  IPv4 WCCP Redirect outbound is disabled\n"
	    "  IPv4 WCCP Redirect inbound is disabled\n"
	    "  IPv4 WCCP Redirect exclude is disabled\n",
	    (r->state & IPC_IFS_LINK_UP) ? "UP" : "DOWN");
}

static void
x_show_ip_int(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct iflist	 l;
	size_t		 i;

	if (fetch_ifs(cli, cmd_arg(res->args, "ifname"), &l) != 0)
		return;
	for (i = 0; i < l.n && !out_quit(o); i++)
		show_ip_if_one(o, &l.v[i]);
	iflist_free(&l);
}

static void
show_if_one(struct out *o, const struct ifrec *r)
{
	const uint64_t	*c = r->ctr;
	int		 loop = strncmp(r->name, "Loopback", 8) == 0;
	int		 lisp = strncmp(r->name, "LISP", 4) == 0;

	out_printf(o, "%s is %s, line protocol is %s \n", r->name,
	    if_status(r), if_protocol(r));
	if (loop)
		out_printf(o, "  Hardware is Loopback\n");
	else if (lisp)
		out_printf(o, "  Hardware is LISP\n");
	else
		out_printf(o, "  Hardware is CSR vNIC, address is %s (bia %s)\n",
		    r->mac != NULL ? r->mac : "0000.0000.0000",
		    r->mac != NULL ? r->mac : "0000.0000.0000");
	if (r->descr != NULL)
		out_printf(o, "  Description: %s\n", r->descr);
	if (r->naddrs > 0)
		out_printf(o, "  Internet address is %s\n", r->addrs[0]);
	out_printf(o, "  MTU %u bytes, BW %s Kbit/sec, DLY %s usec, \n"
	    "     reliability 255/255, txload 1/255, rxload 1/255\n"
	    "  Encapsulation %s, loopback not set\n"
	    "  Keepalive set (10 sec)\n", r->mtu,
	    loop ? "8000000" : "1000000", loop ? "5000" : "10",
	    loop ? "LOOPBACK" : lisp ? "LISP" : "ARPA");
	if (!loop && !lisp)
		out_printf(o, "  Full Duplex, 1000Mbps, link type is auto, "
		    "media type is Virtual\n"
		    "  output flow-control is unsupported, input flow-control "
		    "is unsupported\n"
		    "  ARP type: ARPA, ARP Timeout 04:00:00\n");
	out_printf(o, "  Last input never, output never, output hang never\n"
	    "  Last clearing of \"show interface\" counters never\n"
	    "  Input queue: 0/375/%llu/0 (size/max/drops/flushes); Total "
	    "output drops: %llu\n"
	    "  Queueing strategy: fifo\n"
	    "  Output queue: 0/40 (size/max)\n"
	    "  5 minute input rate 0 bits/sec, 0 packets/sec\n"
	    "  5 minute output rate 0 bits/sec, 0 packets/sec\n"
	    "     %llu packets input, %llu bytes, 0 no buffer\n"
	    "     Received 0 broadcasts (%llu IP multicasts)\n"
	    "     0 runts, 0 giants, 0 throttles \n"
	    "     %llu input errors, %llu CRC, %llu frame, %llu overrun, "
	    "0 ignored\n"
	    "     0 watchdog, %llu multicast, 0 pause input\n"
	    "     %llu packets output, %llu bytes, 0 underruns\n"
	    "     %llu output errors, %llu collisions, 0 interface resets\n"
	    "     0 unknown protocol drops\n"
	    "     0 babbles, 0 late collision, 0 deferred\n"
	    "     %llu lost carrier, 0 no carrier, 0 pause output\n"
	    "     0 output buffer failures, 0 output buffers swapped out\n",
	    (unsigned long long)c[IPC_IFC_RX_DROPPED],
	    (unsigned long long)c[IPC_IFC_TX_DROPPED],
	    (unsigned long long)c[IPC_IFC_RX_PACKETS],
	    (unsigned long long)c[IPC_IFC_RX_BYTES],
	    (unsigned long long)c[IPC_IFC_MULTICAST],
	    (unsigned long long)c[IPC_IFC_RX_ERRORS],
	    (unsigned long long)c[IPC_IFC_RX_CRC],
	    (unsigned long long)c[IPC_IFC_RX_FRAME],
	    (unsigned long long)c[IPC_IFC_RX_OVER],
	    (unsigned long long)c[IPC_IFC_MULTICAST],
	    (unsigned long long)c[IPC_IFC_TX_PACKETS],
	    (unsigned long long)c[IPC_IFC_TX_BYTES],
	    (unsigned long long)c[IPC_IFC_TX_ERRORS],
	    (unsigned long long)c[IPC_IFC_COLLISIONS],
	    (unsigned long long)c[IPC_IFC_TX_CARRIER]);
}

static void
x_show_interfaces(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct iflist	 l;
	size_t		 i;

	if (fetch_ifs(cli, cmd_arg(res->args, "ifname"), &l) != 0)
		return;
	for (i = 0; i < l.n && !out_quit(o); i++)
		show_if_one(o, &l.v[i]);
	iflist_free(&l);
}

/* show platform interfaces: the IOS name <-> Linux device map. */

struct maprow_ctx {
	struct out	*o;
};

static void
print_maprow(const struct ipc_msg *m, void *arg)
{
	struct maprow_ctx	*c = arg;
	const char		*ios = "?", *dev = "", *rule = "";
	uint32_t		 ifindex = 0;
	char			 idx[16];

	(void)ipc_msg_get_str(m, IPC_T_IFNAME, &ios);
	(void)ipc_msg_get_str(m, IPC_T_IFDEV, &dev);
	(void)ipc_msg_get_str(m, IPC_T_VALUE, &rule);
	(void)ipc_msg_get_u32(m, IPC_T_IFINDEX, &ifindex);
	if (ifindex != 0)
		snprintf(idx, sizeof(idx), "%u", ifindex);
	else
		snprintf(idx, sizeof(idx), "absent");
	out_printf(c->o, "%-22s %-16s %-8s %s\n", ios, dev, idx, rule);
}

static void
x_show_platform_if(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct maprow_ctx	 c = { o };

	(void)res;
	out_printf(o, "Interface              Device           Ifindex  "
	    "Rule\n");
	(void)records(cli, new_req(IPC_IF_MAP_SHOW), print_maprow, &c);
}

/* show ip route */

struct rt {
	uint32_t	 addr;		/* host order */
	unsigned	 plen;
	uint32_t	 dist;
	char		 code[4];
	char		*gw;
	char		*ifname;
};

struct rtlist {
	struct rt	*v;
	size_t		 n, cap;
};

static void
collect_rt(const struct ipc_msg *m, void *arg)
{
	struct rtlist	*l = arg;
	struct rt	*r;
	struct in_addr	 in;
	const char	*pfx, *code, *gw, *ifn;
	size_t		 i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0;
	uint32_t	 dist;
	char		 a[32];

	while (ipc_msg_next_str(m, IPC_T_RT_PREFIX, &i1, &pfx) == 1 &&
	    ipc_msg_next_str(m, IPC_T_RT_CODE, &i2, &code) == 1 &&
	    ipc_msg_next_str(m, IPC_T_RT_GW, &i3, &gw) == 1 &&
	    ipc_msg_next_str(m, IPC_T_IFNAME, &i4, &ifn) == 1 &&
	    ipc_msg_next_u32(m, IPC_T_RT_DIST, &i5, &dist) == 1) {
		if (l->n == l->cap) {
			l->cap = l->cap == 0 ? 1024 : l->cap * 2;
			l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
		}
		r = &l->v[l->n];
		snprintf(a, sizeof(a), "%.*s", (int)strcspn(pfx, "/"), pfx);
		if (inet_pton(AF_INET, a, &in) != 1 || strchr(pfx, '/') == NULL)
			continue;
		r->addr = ntohl(in.s_addr);
		r->plen = (unsigned)strtoul(strchr(pfx, '/') + 1, NULL, 10);
		r->dist = dist;
		snprintf(r->code, sizeof(r->code), "%s", code);
		r->gw = *gw != '\0' ? xstrdup(gw) : NULL;
		r->ifname = *ifn != '\0' ? xstrdup(ifn) : NULL;
		l->n++;
	}
}

static int
cmp_rt(const void *a, const void *b)
{
	const struct rt	*x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->plen != y->plen)
		return x->plen < y->plen ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* The classful length of an address (0 for class D and E: no group). */
static unsigned
classful(uint32_t a)
{
	if ((a >> 31) == 0)
		return 8;
	if ((a >> 30) == 2)
		return 16;
	if ((a >> 29) == 6)
		return 24;
	return 0;
}

static uint32_t
mask_of(unsigned plen)
{
	return plen == 0 ? 0 : 0xffffffffu << (32 - plen);
}

static const char *
ntoa(uint32_t host, char *buf, size_t len)
{
	struct in_addr	 in;

	in.s_addr = htonl(host);
	return inet_ntop(AF_INET, &in, buf, (socklen_t)len);
}

/* One route line (or its continuation for another path). */
static void
print_rt(struct out *o, const struct rt *r, int codew, int with_len,
    int cont)
{
	char	 a[INET_ADDRSTRLEN], pfx[40];
	int	 plen;

	ntoa(r->addr, a, sizeof(a));
	if (with_len)
		snprintf(pfx, sizeof(pfx), "%s/%u", a, r->plen);
	else
		snprintf(pfx, sizeof(pfx), "%s", a);
	plen = (int)strlen(pfx);
	if (cont)
		out_printf(o, "%*s", codew + plen + 1, "");
	else
		out_printf(o, "%-*s%s ", codew, r->code, pfx);
	if (r->gw != NULL)
		out_printf(o, "[%u/%u] via %s\n", r->dist >> 16,
		    r->dist & 0xffff, r->gw);
	else
		out_printf(o, "is directly connected, %s\n",
		    r->ifname != NULL ? r->ifname : "Null0");
}

/* Paths to one prefix are consecutive after sorting. */
static int
same_prefix(const struct rt *a, const struct rt *b)
{
	return a->addr == b->addr && a->plen == b->plen &&
	    strcmp(a->code, b->code) == 0;
}

/*
 * IOS groups the routes inside one classful network under a header line
 * ("is subnetted" when they share one mask, else "is variably
 * subnetted"); a route as long as the classful network or shorter, alone,
 * stands on its own line.
 */
static void
print_routes(struct out *o, const struct rtlist *l)
{
	char		 a[INET_ADDRSTRLEN];
	size_t		 i, j, k, nsub, nmask;
	unsigned	 cl, masks[33];
	uint32_t	 net;
	int		 single, sub;

	for (i = 0; i < l->n && !out_quit(o); i = j) {
		cl = classful(l->v[i].addr);
		net = l->v[i].addr & mask_of(cl);
		nsub = nmask = 0;
		sub = 0;
		for (j = i; j < l->n && cl != 0 && l->v[j].plen >= cl &&
		    (l->v[j].addr & mask_of(cl)) == net; j++) {
			if (j == i || !same_prefix(&l->v[j], &l->v[j - 1]))
				nsub++;
			if (l->v[j].plen > cl)
				sub = 1;
			for (k = 0; k < nmask && masks[k] != l->v[j].plen; k++)
				;
			if (k == nmask)
				masks[nmask++] = l->v[j].plen;
		}
		if (!sub) {
			/* No subnets: the route (and its other paths) alone. */
			print_rt(o, &l->v[i], 6, 1, 0);
			for (j = i + 1; j < l->n && same_prefix(&l->v[j],
			    &l->v[i]); j++)
				print_rt(o, &l->v[j], 6, 1, 1);
			continue;
		}
		single = nmask == 1;
		ntoa(net, a, sizeof(a));
		if (single)
			out_printf(o, "      %s/%u is subnetted, %zu subnets\n",
			    a, masks[0], nsub);
		else
			out_printf(o, "      %s/%u is variably subnetted, %zu "
			    "subnets, %zu masks\n", a, cl, nsub, nmask);
		for (k = i; k < j && !out_quit(o); k++)
			print_rt(o, &l->v[k], 9, !single, k > i &&
			    same_prefix(&l->v[k], &l->v[k - 1]));
	}
}

static void
x_show_ip_route(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct rtlist	 l;
	const char	*gw = NULL;
	size_t		 i;

	(void)res;
	memset(&l, 0, sizeof(l));
	if (records(cli, new_req(IPC_IP_ROUTE_SHOW), collect_rt, &l) != 0)
		goto done;
	qsort(l.v, l.n, sizeof(*l.v), cmp_rt);
	for (i = 0; i < l.n && gw == NULL; i++)
		if (l.v[i].plen == 0 && l.v[i].gw != NULL)
			gw = l.v[i].gw;
	out_printf(o, "Codes: L - local, C - connected, S - static, R - RIP, "
	    "M - mobile, B - BGP\n"
	    "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF "
	    "inter area \n"
	    "       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external "
	    "type 2\n"
	    "       E1 - OSPF external type 1, E2 - OSPF external type 2\n"
	    "       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, "
	    "L2 - IS-IS level-2\n"
	    "       ia - IS-IS inter area, * - candidate default, U - "
	    "per-user static route\n"
	    "       o - ODR, P - periodic downloaded static route, H - NHRP, "
	    "l - LISP\n"
	    "       a - application route\n"
	    "       + - replicated route, %% - next hop override, p - "
	    "overrides from PfR\n\n");
	if (gw != NULL)
		out_printf(o, "Gateway of last resort is %s to network "
		    "0.0.0.0\n\n", gw);
	else
		out_printf(o, "Gateway of last resort is not set\n\n");
	print_routes(o, &l);
done:
	for (i = 0; i < l.n; i++) {
		free(l.v[i].gw);
		free(l.v[i].ifname);
	}
	free(l.v);
}

/* ping and traceroute */

struct probe_ctx {
	struct cli	*cli;
	int		 trace;
	int		 header;	/* the header record came */
	const char	*target;
	uint32_t	 count, size, timeout;
	int		 df;
	uint32_t	 sent, ok, col;
	uint32_t	 min, max;
	uint64_t	 sum;
	uint32_t	 hop;		/* traceroute: current hop */
	char		 from[INET_ADDRSTRLEN];
};

static void
ping_header(struct probe_ctx *c, const struct ipc_msg *m)
{
	const char	*src;

	c->header = 1;
	cli_print(c->cli, "Type escape sequence to abort.\n");
	if (c->trace) {
		cli_print(c->cli, "Tracing the route to %s\n"
		    "VRF info: (vrf in name/id, vrf out name/id)\n", c->target);
		return;
	}
	cli_print(c->cli, "Sending %u, %u-byte ICMP Echos to %s, timeout is "
	    "%u seconds:\n", c->count, c->size, c->target, c->timeout);
	if (ipc_msg_get_str(m, IPC_T_SOURCE, &src) == 0)
		cli_print(c->cli, "Packet sent with a source address of %s \n",
		    src);
	if (c->df)
		cli_print(c->cli, "Packet sent with the DF bit set\n");
}

static void
trace_probe(struct probe_ctx *c, uint32_t result, uint32_t rtt,
    uint32_t hop, const char *from)
{
	if (hop != c->hop) {
		cli_print(c->cli, "%s%3u", c->hop != 0 ? "\n" : "", hop);
		c->hop = hop;
		c->from[0] = '\0';
	}
	if (*from != '\0' && strcmp(from, c->from) != 0) {
		cli_print(c->cli, " %s", from);
		snprintf(c->from, sizeof(c->from), "%s", from);
	}
	if (result == '*')
		cli_print(c->cli, " * ");
	else if (result == '!')
		cli_print(c->cli, " %u msec", rtt / 1000);
	else
		cli_print(c->cli, " !%c", (int)result);
}

static void
on_probe(const struct ipc_msg *m, void *arg)
{
	struct probe_ctx	*c = arg;
	const char		*from = "";
	uint32_t		 result, rtt = 0, hop = 0, ms;

	if (ipc_msg_get_u32(m, IPC_T_RESULT, &result) != 0) {
		ping_header(c, m);
		return;
	}
	(void)ipc_msg_get_u32(m, IPC_T_RTT, &rtt);
	if (c->trace) {
		(void)ipc_msg_get_u32(m, IPC_T_COUNT, &hop);
		(void)ipc_msg_get_str(m, IPC_T_SOURCE, &from);
		trace_probe(c, result, rtt, hop, from);
		return;
	}
	c->sent++;
	if (result == '!') {
		ms = rtt / 1000;
		if (c->ok == 0 || ms < c->min)
			c->min = ms;
		if (ms > c->max)
			c->max = ms;
		c->sum += ms;
		c->ok++;
	}
	/* IOS wraps the probe characters at 70 columns. */
	if (c->col == 70) {
		cli_print(c->cli, "\n");
		c->col = 0;
	}
	cli_print(c->cli, "%c", (int)result);
	c->col++;
}

static void
probe_summary(struct probe_ctx *c)
{
	if (c->trace) {
		if (c->hop != 0)
			cli_print(c->cli, "\n");
		return;
	}
	cli_print(c->cli, "\nSuccess rate is %u percent (%u/%u)",
	    c->sent == 0 ? 0 : c->ok * 100 / c->sent, c->ok, c->sent);
	if (c->ok > 0)
		cli_print(c->cli, ", round-trip min/avg/max = %u/%u/%u ms",
		    c->min, (uint32_t)(c->sum / c->ok), c->max);
	cli_print(c->cli, "\n");
}

static void
run_probes(struct cli *cli, const struct cmd_result *res, int trace)
{
	struct probe_ctx	 c;
	struct ipc_msg		*req = new_req(trace ? IPC_TRACEROUTE :
				    IPC_PING);
	struct in_addr		 in;
	const char		*v;

	memset(&c, 0, sizeof(c));
	c.cli = cli;
	c.trace = trace;
	c.target = cmd_arg(res->args, "target");
	c.count = 5;
	c.size = 100;
	c.timeout = trace ? 3 : 2;
	if (inet_pton(AF_INET, c.target, &in) != 1) {
		ipc_msg_free(req);
		cli_print(cli, "%% Unrecognized host or address, or protocol "
		    "not running.\n\n");
		cli->errors++;
		return;
	}
	if ((v = cmd_arg(res->args, "repeat")) != NULL)
		c.count = (uint32_t)strtoul(v, NULL, 10);
	if ((v = cmd_arg(res->args, "size")) != NULL)
		c.size = (uint32_t)strtoul(v, NULL, 10);
	if ((v = cmd_arg(res->args, "timeout")) != NULL)
		c.timeout = (uint32_t)strtoul(v, NULL, 10);
	c.df = cmd_arg_has(res->args, "df-bit");
	ipc_msg_add_str(req, IPC_T_TARGET, c.target);
	if ((v = cmd_arg(res->args, "srcif")) != NULL ||
	    (v = cmd_arg(res->args, "srcaddr")) != NULL)
		ipc_msg_add_str(req, IPC_T_SOURCE, v);
	ipc_msg_add_u32(req, IPC_T_COUNT, c.count);
	ipc_msg_add_u32(req, IPC_T_SIZE, c.size);
	ipc_msg_add_u32(req, IPC_T_TIMEOUT, c.timeout);
	if (c.df)
		ipc_msg_add_u32(req, IPC_T_FLAG, 1);
	if (records(cli, req, on_probe, &c) != 0 && !c.header)
		return;
	probe_summary(&c);
}

static void
x_ping(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	(void)o;
	run_probes(cli, res, 0);
}

static void
x_traceroute(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	(void)o;
	run_probes(cli, res, 1);
}

#define SHOW_IP	"Show running system information\nIP information\n"

struct exec_cmd exec_if_cmds[] = {
	{ { MODE_EXEC, "show ip interface brief",
	    SHOW_IP "IP interface status and configuration\n"
	    "Brief summary of IP status and configuration", NONE, PIPE, 1, 0,
	    NULL }, x_show_ip_int_brief },
	{ { MODE_EXEC, "show ip interface [ IFNAME$ifname ]",
	    SHOW_IP "IP interface status and configuration\nInterface name",
	    NONE, PIPE, 1, 0, NULL }, x_show_ip_int },
	{ { MODE_EXEC, "show interfaces [ IFNAME$ifname ]",
	    "Show running system information\n"
	    "Interface status and configuration\nInterface name", NONE, PIPE,
	    1, 0, NULL }, x_show_interfaces },
	{ { MODE_EXEC, "show ip route",
	    SHOW_IP "IP routing table", NONE, PIPE, 1, 0, NULL },
	    x_show_ip_route },
	{ { MODE_EXEC, "show platform interfaces",
	    "Show running system information\n"
	    "Show platform information\n"
	    "IOS interface names and the Linux devices behind them", NONE,
	    PIPE, 1, 0, NULL }, x_show_platform_if },
	{ { MODE_EXEC, "ping WORD$target [ source { IFNAME$srcif | "
	    "A.B.C.D$srcaddr } ] [ repeat <1-2147483647>$repeat ] "
	    "[ size <36-18024>$size ] [ timeout <0-3600>$timeout ] "
	    "[ df-bit ]",
	    "Send echo messages\nPing destination address or hostname\n"
	    "specify source address or name\nInterface name\n"
	    "Source address\nspecify repeat count\nRepeat count\n"
	    "specify datagram size\nDatagram size\nspecify timeout interval\n"
	    "Timeout in seconds\nenable do not fragment bit in IP header",
	    NONE, 0, 1, 0, NULL }, x_ping },
	{ { MODE_EXEC, "traceroute WORD$target [ source { IFNAME$srcif | "
	    "A.B.C.D$srcaddr } ] [ timeout <0-3600>$timeout ]",
	    "Trace route to destination\n"
	    "Trace route to destination address or hostname\n"
	    "specify source address or name\nInterface name\n"
	    "Source address\nspecify time out\nTimeout in seconds", NONE, 0,
	    1, 0, NULL }, x_traceroute },
};
const size_t exec_if_ncmds = sizeof(exec_if_cmds) / sizeof(exec_if_cmds[0]);
