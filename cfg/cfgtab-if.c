/*
 * Interfaces and static routes: the configuration side.  The hooks check
 * what the model can tell (masks, overlapping subnets, addresses on the
 * wrong kind of interface) and, in cfgd, what the router has (does this
 * GigabitEthernet exist) through cfg_env.platform (cfg/ifplat.h); cfgd's
 * platform code then makes the kernel follow the stored lines.
 */
#include <arpa/inet.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/apply.h"
#include "cfg/cfgcmd.h"
#include "cfg/cfgtab.h"
#include "cfg/env.h"
#include "cfg/ifplat.h"
#include "cfg/modes.h"
#include "cfg/session.h"
#include "cfg/switchcfg.h"
#include "cfg/tables.h"

#define NONE	CMD_MODE_NONE
#define HIDDEN	CMD_F_HIDDEN
#define NO	CMD_F_NO

#define IF_PREFIX	"interface "

static struct cfg_ifplat *
platform(const struct cfg_apply *a)
{
	const struct cfg_env	*env = a->env;

	return env != NULL ? env->platform : NULL;
}

/* The interface whose block the line is in ("GigabitEthernet1"). */
static const char *
ctx_ifname(const struct cfg_apply *a)
{
	const char	*line = a->ctx != NULL ? cfg_node_line(a->ctx) : NULL;

	if (line == NULL || strncmp(line, IF_PREFIX, strlen(IF_PREFIX)) != 0)
		return NULL;
	return line + strlen(IF_PREFIX);
}

static void
touch(struct cfg_apply *a, const char *ifname, int addr)
{
	struct cfg_ifplat	*p = platform(a);

	if (p != NULL)
		p->touch(p, a->model, ifname, addr);
}

int
cfg_if_parse_addr(const char *s, uint32_t *out)
{
	struct in_addr	 in;

	if (inet_pton(AF_INET, s, &in) != 1)
		return -1;
	*out = ntohl(in.s_addr);
	return 0;
}

int
cfg_if_mask_len(const char *mask, unsigned *plen)
{
	uint32_t	 m;
	unsigned	 n = 0;

	if (cfg_if_parse_addr(mask, &m) != 0)
		return -1;
	while (n < 32 && (m & (0x80000000u >> n)) != 0)
		n++;
	if (n < 32 && (m << n) != 0)
		return -1;		/* not contiguous */
	*plen = n;
	return 0;
}

static uint32_t
len_mask(unsigned plen)
{
	return plen == 0 ? 0 : 0xffffffffu << (32 - plen);
}

/* "ip address A M [secondary]": the address and prefix length. */
static int
line_addr(const char *line, uint32_t *addr, unsigned *plen)
{
	char	 a[32], m[32];

	if (strncmp(line, "ip address ", 11) != 0 ||
	    sscanf(line + 11, "%31s %31s", a, m) != 2)
		return -1;
	return cfg_if_parse_addr(a, addr) == 0 && cfg_if_mask_len(m, plen) ==
	    0 ? 0 : -1;
}

static struct cfg_node *
find_if(struct cfg_model *m, const char *ifname)
{
	char	 line[96];

	snprintf(line, sizeof(line), IF_PREFIX "%s", ifname);
	return cfg_node_find(cfg_model_root(m), &cfg_if_cmds[0], line);
}

int
cfg_if_has_addr(struct cfg_model *m, const char *ifname, uint32_t addr,
    unsigned plen)
{
	const struct cfg_node	*n = find_if(m, ifname), *k;
	uint32_t		 a;
	unsigned		 p;

	if (n == NULL)
		return 0;
	for (k = cfg_node_first(n); k != NULL; k = cfg_node_next(k))
		if (line_addr(cfg_node_line(k), &a, &p) == 0 && a == addr &&
		    p == plen)
			return 1;
	return 0;
}

/*
 * The addresses stored in a model, for the overlap check: kept beside the
 * model (cfg_model_aux), built from it once, added to by the hook.  It is
 * a superset (removed addresses linger), so a hit is checked against the
 * model and a stale entry dropped there.
 */
struct addrent {
	uint32_t	 net;
	unsigned	 plen;
	char		 ifname[48];
};

struct addridx {
	int		 built;
	struct addrent	*v;
	size_t		 n, cap;
};

static const char	 addridx_key[] = "interface addresses";

static void
addridx_fini(void *data)
{
	struct addridx	*x = data;

	free(x->v);
}

static int
addridx_add(struct addridx *x, const char *ifname, uint32_t net,
    unsigned plen)
{
	struct addrent	*v;

	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		if ((v = reallocarray(x->v, x->cap, sizeof(*v))) == NULL)
			return -1;
		x->v = v;
	}
	x->v[x->n].net = net;
	x->v[x->n].plen = plen;
	snprintf(x->v[x->n].ifname, sizeof(x->v[x->n].ifname), "%s", ifname);
	x->n++;
	return 0;
}

static struct addridx *
addridx_get(struct cfg_model *m)
{
	struct addridx		*x;
	const struct cfg_node	*n, *k;
	const char		*line;
	uint32_t		 a;
	unsigned		 p;

	if ((x = cfg_model_aux(m, addridx_key, sizeof(*x), addridx_fini)) ==
	    NULL || x->built)
		return x;
	for (n = cfg_node_first(cfg_model_root(m)); n != NULL;
	    n = cfg_node_next(n)) {
		line = cfg_node_line(n);
		if (strncmp(line, IF_PREFIX, strlen(IF_PREFIX)) != 0)
			continue;
		for (k = cfg_node_first(n); k != NULL; k = cfg_node_next(k))
			if (line_addr(cfg_node_line(k), &a, &p) == 0 &&
			    addridx_add(x, line + strlen(IF_PREFIX), a, p) != 0)
				return NULL;
	}
	x->built = 1;
	return x;
}

/* Whether net/plen overlaps an address of an interface other than ifname:
 * 1 with its name in other, 0, or -1 on out of memory. */
static int
overlap(struct cfg_model *m, const char *ifname, uint32_t net,
    unsigned plen, char *other, size_t olen)
{
	struct addridx	*x = addridx_get(m);
	struct addrent	*e;
	uint32_t	 mask;
	size_t		 i;

	if (x == NULL)
		return -1;
	for (i = 0; i < x->n; i++) {
		e = &x->v[i];
		mask = len_mask(e->plen < plen ? e->plen : plen);
		if ((e->net & mask) != (net & mask) ||
		    strcmp(e->ifname, ifname) == 0)
			continue;
		if (!cfg_if_has_addr(m, e->ifname, e->net, e->plen)) {
			x->v[i--] = x->v[--x->n];
			continue;
		}
		snprintf(other, olen, "%s", e->ifname);
		return 1;
	}
	return 0;
}

/* Interface types that cannot be created on this router. */
static int
if_unsupported(const char *ifname)
{
	return strncmp(ifname, "Port-channel", 12) == 0 ||
	    strncmp(ifname, "Tunnel", 6) == 0;
}

/* The stored "no ip address" of an interface without an address. */
static int
set_no_address(struct cfg_model *m, struct cfg_node *ifnode)
{
	size_t	 i;

	for (i = 0; i < cfg_if_ncmds; i++)
		if (strcmp(cfg_if_cmds[i].def.syntax, "no ip address") == 0)
			return cfg_node_set(m, ifnode, &cfg_if_cmds[i],
			    "no ip address") != NULL ? 0 : -1;
	return -1;
}

/* Whether an interface block still has a primary address. */
static int
has_primary(const struct cfg_node *ifnode)
{
	const struct cfg_node	*k;
	const char		*line;

	for (k = cfg_node_first(ifnode); k != NULL; k = cfg_node_next(k)) {
		line = cfg_node_line(k);
		if (strncmp(line, "ip address ", 11) == 0 &&
		    strstr(line, " secondary") == NULL)
			return 1;
	}
	return 0;
}

static enum cfg_hook_rc
hook_interface(struct cfg_apply *a)
{
	const char		*ifname = cmd_arg(a->res->args, "ifname");
	struct cfg_ifplat	*p = platform(a);
	struct cfg_node		*n;

	if (ifname == NULL)
		return CFG_HOOK_STORE;
	/* A NIC of the router stays; only its configuration can go. */
	if (a->negated && p != NULL && strncmp(ifname, "GigabitEthernet",
	    15) == 0)
		return cfg_apply_error(a, "%% Physical interfaces cannot be "
		    "deleted\n");
	if (!a->negated && p != NULL && (if_unsupported(ifname) ||
	    !p->exists(p, ifname)))
		return cfg_apply_error(a, "%%Invalid interface type and "
		    "number\n");
	touch(a, ifname, 0);
	if (a->negated || cfg_node_find(a->ctx, a->cmd, a->line) != NULL)
		return CFG_HOOK_STORE;
	/* A new interface has no address, and IOS says so. */
	if ((n = cfg_node_set(a->model, a->ctx, a->cmd, a->line)) == NULL ||
	    set_no_address(a->model, n) != 0)
		return CFG_HOOK_ERROR;
	a->entered = n;
	return CFG_HOOK_DONE;
}

/* Checks an address for its interface; CFG_HOOK_STORE when it may go. */
static enum cfg_hook_rc
check_address(struct cfg_apply *a, const char *ifname, uint32_t *addrp,
    unsigned *plenp)
{
	const char		*as = cmd_arg(a->res->args, "addr");
	const char		*ms = cmd_arg(a->res->args, "mask");
	uint32_t		 addr, mask;
	unsigned		 plen;
	char			 other[64], net[INET_ADDRSTRLEN];
	struct in_addr		 in;
	int			 hit;

	if (strncmp(ifname, "LISP", 4) == 0)
		return cfg_apply_error(a, "%% IP addresses may not be "
		    "configured on %s\n", ifname);
	if (as == NULL || ms == NULL || cfg_if_parse_addr(as, &addr) != 0 ||
	    cfg_if_parse_addr(ms, &mask) != 0)
		return cfg_apply_error(a, "%% Incomplete command.\n");
	if (cfg_if_mask_len(ms, &plen) != 0)
		return cfg_apply_error(a, "Bad mask 0x%X for address %s\n",
		    mask, as);
	if (plen == 0 || (plen < 31 && ((addr & ~mask) == 0 ||
	    (addr & ~mask) == ~mask)))
		return cfg_apply_error(a, "Bad mask /%u for address %s\n",
		    plen, as);
	in.s_addr = htonl(addr & mask);
	inet_ntop(AF_INET, &in, net, sizeof(net));
	hit = overlap(a->model, ifname, addr & mask, plen, other,
	    sizeof(other));
	if (hit < 0)
		return cfg_apply_error(a, "%% Out of memory\n");
	if (hit)
		return cfg_apply_error(a, "%% %s overlaps with %s\n", net,
		    other);
	*addrp = addr;
	*plenp = plen;
	return CFG_HOOK_STORE;
}

/* A primary address replaces `no ip address`, and the other way round. */
static enum cfg_hook_rc
hook_ip_address(struct cfg_apply *a)
{
	const char		*ifname = ctx_ifname(a);
	uint32_t		 addr = 0;
	unsigned		 plen = 0;

	if (ifname == NULL)
		return CFG_HOOK_STORE;
	if (!a->negated && cfg_switch_is_port(a->ctx))
		return cfg_apply_error(a, "%% IP addresses may not be configured "
		    "on L2 links.\n");
	if (!a->negated) {
		if (check_address(a, ifname, &addr, &plen) != CFG_HOOK_STORE)
			return CFG_HOOK_ERROR;
		if (cmd_arg_has(a->res->args, "secondary") == 0) {
			cfg_node_remove_words(a->model, a->ctx,
			    "no ip address", 2, 1);
			/* A static primary replaces DHCP. */
			cfg_node_remove_words(a->model, a->ctx,
			    "ip address dhcp", 3, 1);
		}
		if (addridx_add(addridx_get(a->model), ifname, addr, plen) != 0)
			return cfg_apply_error(a, "%% Out of memory\n");
		touch(a, ifname, 1);
		return CFG_HOOK_STORE;
	}
	touch(a, ifname, 1);
	/* Removing the primary leaves "no ip address", as IOS shows it. */
	cfg_node_remove_matching(a->model, a->ctx, a->cmd, a->line);
	if (!has_primary(a->ctx) && set_no_address(a->model, a->ctx) != 0)
		return CFG_HOOK_ERROR;
	return CFG_HOOK_DONE;
}

/*
 * ip address dhcp: the primary address comes from a DHCP client that cfgd
 * runs (cfgd-dhcp.c); it replaces a static primary and `no ip address`,
 * and `no ip address dhcp` leaves `no ip address`.
 */
static enum cfg_hook_rc
hook_ip_address_dhcp(struct cfg_apply *a)
{
	const char	*ifname = ctx_ifname(a);
	struct cfg_node	*k, *next;
	const char	*line;

	if (ifname == NULL)
		return CFG_HOOK_STORE;
	if (a->negated) {
		touch(a, ifname, 1);
		cfg_node_remove_matching(a->model, a->ctx, a->cmd, a->line);
		if (!has_primary(a->ctx) && set_no_address(a->model, a->ctx) !=
		    0)
			return CFG_HOOK_ERROR;
		return CFG_HOOK_DONE;
	}
	if (strncmp(ifname, "LISP", 4) == 0)
		return cfg_apply_error(a, "%% IP addresses may not be "
		    "configured on %s\n", ifname);
	if (cfg_switch_is_port(a->ctx))
		return cfg_apply_error(a, "%% IP addresses may not be configured "
		    "on L2 links.\n");
	for (k = cfg_node_first(a->ctx); k != NULL; k = next) {
		next = cfg_node_next(k);
		line = cfg_node_line(k);
		if (strcmp(line, "no ip address") == 0 ||
		    (strncmp(line, "ip address ", 11) == 0 &&
		    strcmp(line, "ip address dhcp") != 0 &&
		    strstr(line, " secondary") == NULL))
			cfg_node_remove(a->model, k);
	}
	touch(a, ifname, 1);
	return CFG_HOOK_STORE;
}

static enum cfg_hook_rc
hook_no_ip_address(struct cfg_apply *a)
{
	const char	*ifname = ctx_ifname(a);

	if (ifname != NULL && strncmp(ifname, "LISP", 4) == 0)
		return CFG_HOOK_STORE;
	cfg_node_remove_words(a->model, a->ctx, "ip address", 2, 0);
	if (ifname != NULL)
		touch(a, ifname, 1);
	return CFG_HOOK_STORE;
}

/* shutdown, mtu, mac-address: the kernel follows. */
static enum cfg_hook_rc
hook_link(struct cfg_apply *a)
{
	const char	*ifname = ctx_ifname(a);

	if (ifname != NULL)
		touch(a, ifname, 0);
	return CFG_HOOK_STORE;
}

static enum cfg_hook_rc
hook_mac(struct cfg_apply *a)
{
	const char	*mac = cmd_arg(a->res->args, "mac");
	unsigned	 b0;

	/* The first octet must be unicast (I/G bit clear). */
	if (!a->negated && mac != NULL && sscanf(mac, "%2x", &b0) == 1 &&
	    (b0 & 1) != 0)
		return cfg_apply_error(a, "%% Invalid MAC address: multicast "
		    "bit set\n");
	return hook_link(a);
}

static enum cfg_hook_rc
hook_route(struct cfg_apply *a)
{
	const char		*ps = cmd_arg(a->res->args, "prefix");
	const char		*ms = cmd_arg(a->res->args, "mask");
	const char		*ifname = cmd_arg(a->res->args, "ifname");
	struct cfg_ifplat	*p = platform(a);
	uint32_t		 prefix, mask;
	unsigned		 plen;

	if (!a->negated && ps != NULL && ms != NULL) {
		if (cfg_if_parse_addr(ps, &prefix) != 0 ||
		    cfg_if_parse_addr(ms, &mask) != 0 ||
		    cfg_if_mask_len(ms, &plen) != 0 || (prefix & ~mask) != 0)
			return cfg_apply_error(a, "%%Inconsistent address and "
			    "mask\n");
		if (ifname != NULL && p != NULL && (if_unsupported(ifname) ||
		    !p->exists(p, ifname)))
			return cfg_apply_error(a, "%%Invalid interface type "
			    "and number\n");
	}
	touch(a, NULL, 0);
	return CFG_HOOK_STORE;
}

/* Display order of interfaces: by type as IOS lists them, then number. */
static int
ifname_rank(const char *name)
{
	static const char *const types[] = { "Loopback", "Port-channel",
	    "Tunnel", "GigabitEthernet", "LISP", "Vlan" };
	size_t	 i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strncmp(name, types[i], strlen(types[i])) == 0)
			return (int)i;
	return 99;
}

static int
cmp_interface(const char *a, const char *b)
{
	const char	*na = a + strlen(IF_PREFIX), *nb = b + strlen(IF_PREFIX);
	int		 ra = ifname_rank(na), rb = ifname_rank(nb);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return cfg_natural_cmp(na, nb);
}

/* Static routes in address order, as IOS shows them. */
static int
cmp_route(const char *a, const char *b)
{
	return cfg_natural_cmp(a, b);
}

struct cfg_cmd cfg_if_cmds[] = {
	/* Must stay first: find_if() looks interfaces up by it. */
	{ .def = { MODE_CONFIG, "interface IFNAME$ifname",
	    "Select an interface to configure\nInterface name", MODE_CONFIG_IF,
	    NO, 15, 0, NULL }, .cflags = CFG_F_SEPAFTER, .key = 2,
	    .group = G_INTERFACE, .hook = hook_interface,
	    .cmp = cmp_interface },

	{ .def = { MODE_CONFIG, "ip route A.B.C.D$prefix A.B.C.D$mask "
	    "{ A.B.C.D$nexthop | IFNAME$ifname [ A.B.C.D$nexthop ] } "
	    "[ <1-255>$distance ]",
	    "Global IP configuration subcommands\n"
	    "Establish static routes\nDestination prefix\n"
	    "Destination prefix mask\nForwarding router's address\n"
	    "Interface name\nForwarding router's address\n"
	    "Distance metric for this route", NONE, NO, 15, 0, NULL },
	    .key = 5, .group = G_ROUTE, .hook = hook_route, .cmp = cmp_route },
	/* Interface configuration. */
	{ .def = { MODE_CONFIG_IF, "exit",
	    "Exit from interface configuration mode", NONE, 0, 15,
	    CFG_ACT_EXIT, NULL } },
	{ .def = { MODE_CONFIG_IF, "end", "Exit from configure mode", NONE,
	    HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_CONFIG_IF, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_CONFIG_IF, "description LINE$text",
	    "Interface specific description\n"
	    "Up to 240 characters describing this interface", NONE, NO, 15, 0,
	    NULL }, .key = 1, .group = G_SUB },
	{ .def = { MODE_CONFIG_IF, "mac-address H.H.H$mac",
	    "Manually set interface MAC address\nMAC address", NONE, NO, 15,
	    0, NULL }, .key = 1, .group = G_SUB, .hook = hook_mac },
	{ .def = { MODE_CONFIG_IF, "mtu <64-9216>$mtu",
	    "Set the interface Maximum Transmission Unit (MTU)\nMTU size in "
	    "bytes", NONE, NO, 15, 0, NULL }, .key = 1, .group = G_SUB,
	    .hook = hook_link, .defval = "mtu 1500" },
	/* IOS lists secondary addresses before the primary. */
	{ .def = { MODE_CONFIG_IF, "ip address A.B.C.D$addr A.B.C.D$mask "
	    "secondary",
	    "Interface Internet Protocol config commands\n"
	    "Set the IP address of an interface\nIP address\nIP subnet mask\n"
	    "Make this IP address a secondary address", NONE, NO, 15, 0, NULL },
	    .key = 3, .group = G_SUB, .hook = hook_ip_address },
	{ .def = { MODE_CONFIG_IF, "ip address A.B.C.D$addr A.B.C.D$mask",
	    "Interface Internet Protocol config commands\n"
	    "Set the IP address of an interface\nIP address\nIP subnet mask",
	    NONE, NO, 15, 0, NULL }, .key = 2, .group = G_SUB,
	    .hook = hook_ip_address },
	{ .def = { MODE_CONFIG_IF, "ip address dhcp",
	    "Interface Internet Protocol config commands\n"
	    "Set the IP address of an interface\n"
	    "IP Address negotiated via DHCP", NONE, NO, 15, 0, NULL },
	    .key = 3, .group = G_SUB, .hook = hook_ip_address_dhcp },
	{ .def = { MODE_CONFIG_IF, "no ip address",
	    "Negate a command or set its defaults\n"
	    "Interface Internet Protocol config commands\n"
	    "Set the IP address of an interface", NONE, HIDDEN, 15, 0, NULL },
	    .key = 3, .group = G_SUB, .hook = hook_no_ip_address },
	{ .def = { MODE_CONFIG_IF, "shutdown",
	    "Shutdown the selected interface", NONE, NO, 15, 0, NULL },
	    .key = 1, .group = G_SUB, .hook = hook_link },
	{ .def = { MODE_CONFIG_IF, "negotiation auto",
	    "Select Autonegotiation mode\nEnable link autonegotiation", NONE,
	    NO, 15, 0, NULL }, .key = 1, .group = G_SUB },

};
const size_t cfg_if_ncmds = sizeof(cfg_if_cmds) / sizeof(cfg_if_cmds[0]);
