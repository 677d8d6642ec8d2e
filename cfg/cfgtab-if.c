/*
 * Interfaces and static routes: the configuration side.  (The kernel side,
 * through netlink, is applied by cfgd's platform code.)
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/apply.h"
#include "cfg/cfgcmd.h"
#include "cfg/cfgtab.h"
#include "cfg/modes.h"
#include "cfg/session.h"
#include "cfg/tables.h"

#define NONE	CMD_MODE_NONE
#define HIDDEN	CMD_F_HIDDEN
#define NO	CMD_F_NO

/* A primary address replaces `no ip address`, and the other way round. */
static enum cfg_hook_rc
hook_ip_address(struct cfg_apply *a)
{
	if (!a->negated)
		cfg_node_remove_words(a->model, a->ctx, "no ip address", 2, 1);
	return CFG_HOOK_STORE;
}

static enum cfg_hook_rc
hook_no_ip_address(struct cfg_apply *a)
{
	cfg_node_remove_words(a->model, a->ctx, "ip address", 2, 0);
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
	const char	*na = a + strlen("interface "), *nb = b +
			    strlen("interface ");
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
	{ .def = { MODE_CONFIG, "interface IFNAME$ifname",
	    "Select an interface to configure\nInterface name", MODE_CONFIG_IF,
	    NO, 15, 0, NULL }, .cflags = CFG_F_SEPAFTER, .key = 2,
	    .group = G_INTERFACE, .cmp = cmp_interface },

	{ .def = { MODE_CONFIG, "ip route A.B.C.D$prefix A.B.C.D$mask "
	    "{ A.B.C.D$nexthop | IFNAME$ifname [ A.B.C.D$nexthop ] } "
	    "[ <1-255>$distance ]",
	    "Global IP configuration subcommands\n"
	    "Establish static routes\nDestination prefix\n"
	    "Destination prefix mask\nForwarding router's address\n"
	    "Interface name\nForwarding router's address\n"
	    "Distance metric for this route", NONE, NO, 15, 0, NULL },
	    .key = 5, .group = G_ROUTE, .cmp = cmp_route },
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
	{ .def = { MODE_CONFIG_IF, "ip address A.B.C.D$addr A.B.C.D$mask",
	    "Interface Internet Protocol config commands\n"
	    "Set the IP address of an interface\nIP address\nIP subnet mask",
	    NONE, NO, 15, 0, NULL }, .key = 2, .group = G_SUB,
	    .hook = hook_ip_address },
	{ .def = { MODE_CONFIG_IF, "ip address A.B.C.D$addr A.B.C.D$mask "
	    "secondary",
	    "Interface Internet Protocol config commands\n"
	    "Set the IP address of an interface\nIP address\nIP subnet mask\n"
	    "Make this IP address a secondary address", NONE, NO, 15, 0, NULL },
	    .key = 3, .group = G_SUB },
	{ .def = { MODE_CONFIG_IF, "no ip address",
	    "Negate a command or set its defaults\n"
	    "Interface Internet Protocol config commands\n"
	    "Set the IP address of an interface", NONE, HIDDEN, 15, 0, NULL },
	    .key = 3, .group = G_SUB, .hook = hook_no_ip_address },
	{ .def = { MODE_CONFIG_IF, "shutdown",
	    "Shutdown the selected interface", NONE, NO, 15, 0, NULL },
	    .key = 1, .group = G_SUB },
	{ .def = { MODE_CONFIG_IF, "negotiation auto",
	    "Select Autonegotiation mode\nEnable link autonegotiation", NONE,
	    NO, 15, 0, NULL }, .key = 1, .group = G_SUB },

};
const size_t cfg_if_ncmds = sizeof(cfg_if_cmds) / sizeof(cfg_if_cmds[0]);
