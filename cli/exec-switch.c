/*
 * Exec commands of switching: show mac address-table [...], show mac
 * address-table aging-time, clear mac address-table dynamic [...], show
 * vlan brief, show interfaces trunk.  cfgd reads the kernel's bridges
 * (cfg/cfgd-switch.c) and sends records; the layouts here are a
 * Catalyst's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/modes.h"
#include "cli/cli.h"
#include "platform/ifmap.h"
#include "platform/ipc.h"
#include "platform/xmalloc.h"

#define NONE	CMD_MODE_NONE
#define PIPE	CMD_F_PIPE

/* show vlan brief: ports start at column 48 and wrap before column 80. */
#define VLAN_PORT_COL	48
#define VLAN_WIDTH	79

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

static const char *
short_name(const char *ios, char *buf, size_t len)
{
	(void)ifmap_short(ios, buf, len);
	return buf;
}

/* show mac address-table */

struct macrow {
	uint32_t	 vid;
	uint32_t	 type;
	char		 mac[16];
	char		 port[24];
};

struct maclist {
	struct macrow	*v;
	size_t		 n, cap;
};

static void
collect_mac(const struct ipc_msg *m, void *arg)
{
	struct maclist	*l = arg;
	struct macrow	*r;
	const char	*mac, *ifname;
	size_t		 iv = 0, im = 0, it = 0, ii = 0;
	uint32_t	 vid, type;

	while (ipc_msg_next_u32(m, IPC_T_SW_VLAN, &iv, &vid) == 1 &&
	    ipc_msg_next_str(m, IPC_T_MAC, &im, &mac) == 1 &&
	    ipc_msg_next_u32(m, IPC_T_SW_TYPE, &it, &type) == 1 &&
	    ipc_msg_next_str(m, IPC_T_IFNAME, &ii, &ifname) == 1) {
		if (l->n == l->cap) {
			l->cap = l->cap == 0 ? 1024 : l->cap * 2;
			l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
		}
		r = &l->v[l->n++];
		r->vid = vid;
		r->type = type;
		snprintf(r->mac, sizeof(r->mac), "%s", mac);
		short_name(ifname, r->port, sizeof(r->port));
	}
}

static void
x_show_mac(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct ipc_msg	*req = exec_new_req(IPC_SW_MAC_SHOW);
	struct maclist	 l;
	const char	*v;
	size_t		 i;

	memset(&l, 0, sizeof(l));
	if (cmd_arg_has(res->args, "dynamic"))
		ipc_msg_add_u32(req, IPC_T_SW_TYPE, IPC_SW_DYNAMIC);
	else if (cmd_arg_has(res->args, "static"))
		ipc_msg_add_u32(req, IPC_T_SW_TYPE, IPC_SW_STATIC);
	if ((v = cmd_arg(res->args, "addr")) != NULL)
		ipc_msg_add_str(req, IPC_T_MAC, v);
	if ((v = cmd_arg(res->args, "vlan")) != NULL)
		ipc_msg_add_u32(req, IPC_T_SW_VLAN,
		    (uint32_t)strtoul(v, NULL, 10));
	if ((v = cmd_arg(res->args, "ifname")) != NULL)
		ipc_msg_add_str(req, IPC_T_IFNAME, v);
	if (records(cli, req, collect_mac, &l) != 0)
		goto done;
	out_printf(o, "          Mac Address Table\n"
	    "-------------------------------------------\n\n"
	    "Vlan    Mac Address       Type        Ports\n"
	    "----    -----------       --------    -----\n");
	for (i = 0; i < l.n && !out_quit(o); i++)
		out_printf(o, "%4u    %-14s    %-8s    %s\n", l.v[i].vid,
		    l.v[i].mac, l.v[i].type == IPC_SW_STATIC ? "STATIC" :
		    "DYNAMIC", l.v[i].port);
	/* An empty table has no Total line (IOU/vIOS). */
	if (l.n > 0 && !out_quit(o))
		out_printf(o, "Total Mac Addresses for this criterion: %zu\n",
		    l.n);
done:
	free(l.v);
}

static void
x_show_mac_aging(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct ipc_msg	*rep = NULL;
	size_t		 iv = 0, ia = 0;
	uint32_t	 global = 300, vid, t;

	(void)res;
	if (exec_request(cli, exec_new_req(IPC_SW_AGING_SHOW), &rep) !=
	    IPC_S_OK) {
		ipc_msg_free(rep);
		cli->errors++;
		return;
	}
	(void)ipc_msg_next_u32(rep, IPC_T_SW_AGING, &ia, &global);
	out_printf(o, "Global Aging Time: %4u\n"
	    "Vlan    Aging Time\n"
	    "----    ----------\n", global);
	while (ipc_msg_next_u32(rep, IPC_T_SW_VLAN, &iv, &vid) == 1 &&
	    ipc_msg_next_u32(rep, IPC_T_SW_AGING, &ia, &t) == 1)
		out_printf(o, "%4u%8u\n", vid, t);
	ipc_msg_free(rep);
}

static void
x_clear_mac(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct ipc_msg	*req = exec_new_req(IPC_SW_MAC_CLEAR);
	const char	*v;

	(void)o;
	if ((v = cmd_arg(res->args, "addr")) != NULL)
		ipc_msg_add_str(req, IPC_T_MAC, v);
	else if ((v = cmd_arg(res->args, "ifname")) != NULL)
		ipc_msg_add_str(req, IPC_T_IFNAME, v);
	else if ((v = cmd_arg(res->args, "vlan")) != NULL)
		ipc_msg_add_u32(req, IPC_T_SW_VLAN,
		    (uint32_t)strtoul(v, NULL, 10));
	if (exec_request(cli, req, NULL) != IPC_S_OK)
		cli->errors++;
}

/* show vlan brief */

struct vlan_ctx {
	struct out	*o;
};

static void
print_vlan(const struct ipc_msg *m, void *arg)
{
	struct vlan_ctx	*c = arg;
	const char	*name = "", *status = "", *ifname;
	char		 port[24];
	size_t		 it = 0, col = VLAN_PORT_COL, len;
	uint32_t	 vid = 0;
	int		 first = 1;

	if (out_quit(c->o))
		return;
	(void)ipc_msg_get_u32(m, IPC_T_SW_VLAN, &vid);
	(void)ipc_msg_get_str(m, IPC_T_SW_NAME, &name);
	(void)ipc_msg_get_str(m, IPC_T_SW_STATUS, &status);
	out_printf(c->o, "%-4u %-32s %-9s ", vid, name, status);
	while (ipc_msg_next_str(m, IPC_T_IFNAME, &it, &ifname) == 1) {
		short_name(ifname, port, sizeof(port));
		len = strlen(port);
		if (first) {
			out_printf(c->o, "%s", port);
			col += len;
			first = 0;
		} else if (col + 2 + len > VLAN_WIDTH) {
			out_printf(c->o, "\n%*s%s", VLAN_PORT_COL, "", port);
			col = VLAN_PORT_COL + len;
		} else {
			out_printf(c->o, ", %s", port);
			col += 2 + len;
		}
	}
	out_printf(c->o, "\n");
}

static void
x_show_vlan_brief(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct vlan_ctx	 c = { o };

	(void)res;
	out_printf(o, "\n"
	    "VLAN Name                             Status    Ports\n"
	    "---- -------------------------------- --------- "
	    "-------------------------------\n");
	(void)records(cli, exec_new_req(IPC_SW_VLAN_SHOW), print_vlan, &c);
}

/* show interfaces trunk */

struct trunk {
	char		 port[24];
	uint32_t	 native;
	char		*allowed, *active, *forwarding;
};

struct trunklist {
	struct trunk	*v;
	size_t		 n;
};

static char *
dup_str(const struct ipc_msg *m, uint16_t tag)
{
	const char	*s;

	return xstrdup(ipc_msg_get_str(m, tag, &s) == 0 ? s : "none");
}

static void
collect_trunk(const struct ipc_msg *m, void *arg)
{
	struct trunklist	*l = arg;
	struct trunk		*t;
	const char		*ifname = "?";

	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	t = &l->v[l->n++];
	memset(t, 0, sizeof(*t));
	(void)ipc_msg_get_str(m, IPC_T_IFNAME, &ifname);
	short_name(ifname, t->port, sizeof(t->port));
	t->native = 1;
	(void)ipc_msg_get_u32(m, IPC_T_SW_NATIVE, &t->native);
	t->allowed = dup_str(m, IPC_T_SW_ALLOWED);
	t->active = dup_str(m, IPC_T_SW_ACTIVE);
	t->forwarding = dup_str(m, IPC_T_SW_FORWARDING);
}

static void
x_show_int_trunk(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct trunklist	 l;
	size_t			 i;

	(void)res;
	memset(&l, 0, sizeof(l));
	if (records(cli, exec_new_req(IPC_SW_TRUNK_SHOW), collect_trunk, &l) !=
	    0 || l.n == 0)
		goto done;
	/* Only ports that trunk now are listed; none: nothing at all. */
	out_printf(o, "\nPort        Mode             Encapsulation  Status"
	    "        Native vlan\n");
	for (i = 0; i < l.n; i++)
		out_printf(o, "%-12s%-17s%-15s%-14s%u\n", l.v[i].port, "on",
		    "802.1q", "trunking", l.v[i].native);
	out_printf(o, "\nPort        Vlans allowed on trunk\n");
	for (i = 0; i < l.n; i++)
		out_printf(o, "%-12s%s\n", l.v[i].port, l.v[i].allowed);
	out_printf(o, "\nPort        Vlans allowed and active in management "
	    "domain\n");
	for (i = 0; i < l.n; i++)
		out_printf(o, "%-12s%s\n", l.v[i].port, l.v[i].active);
	out_printf(o, "\nPort        Vlans in spanning tree forwarding state "
	    "and not pruned\n");
	for (i = 0; i < l.n; i++)
		out_printf(o, "%-12s%s\n", l.v[i].port, l.v[i].forwarding);
done:
	for (i = 0; i < l.n; i++) {
		free(l.v[i].allowed);
		free(l.v[i].active);
		free(l.v[i].forwarding);
	}
	free(l.v);
}

#define MAT	"Show running system information\nMAC configuration\n" \
		"MAC forwarding table\n"

struct exec_cmd exec_switch_cmds[] = {
	{ { MODE_EXEC, "show mac address-table [ dynamic | static ] "
	    "[ address H.H.H$addr ] [ vlan <1-4094>$vlan ] "
	    "[ interface IFNAME$ifname ]",
	    MAT "dynamic entry type\nstatic entry type\naddress keyword\n"
	    "48 bit mac address\nVLAN keyword\nVLAN number\n"
	    "interface keyword\nInterface name", NONE, PIPE, 1, 0, NULL },
	    x_show_mac },
	{ { MODE_EXEC, "show mac address-table aging-time",
	    MAT "aging-time keyword", NONE, PIPE, 1, 0, NULL },
	    x_show_mac_aging },
	{ { MODE_EXEC, "clear mac address-table dynamic "
	    "[ address H.H.H$addr | interface IFNAME$ifname | "
	    "vlan <1-4094>$vlan ]",
	    "Reset functions\nMAC configuration\nMAC forwarding table\n"
	    "dynamic entry type\naddress keyword\n48 bit mac address\n"
	    "interface keyword\nInterface name\nvlan keyword\nVLAN number",
	    NONE, 0, 15, 0, NULL }, x_clear_mac },
	{ { MODE_EXEC, "show vlan brief",
	    "Show running system information\nVTP VLAN status\n"
	    "VTP all VLAN status in brief", NONE, PIPE, 1, 0, NULL },
	    x_show_vlan_brief },
	{ { MODE_EXEC, "show interfaces trunk",
	    "Show running system information\n"
	    "Interface status and configuration\n"
	    "Show interface trunk information", NONE, PIPE, 1, 0, NULL },
	    x_show_int_trunk },
};
const size_t exec_switch_ncmds = sizeof(exec_switch_cmds) /
    sizeof(exec_switch_cmds[0]);
