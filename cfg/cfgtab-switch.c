/*
 * Switching: the configuration side.  VLANs (`vlan N`, `name`), the
 * switchport commands of GigabitEthernet interfaces, and the MAC address
 * table settings.  The hooks keep the model as a Catalyst keeps its
 * configuration (IOS's texts for what it refuses); cfgd's switch side
 * (cfgd-switch.c) then builds the kernel's bridges from the model.
 *
 * - The router's interfaces are routed until they get a switchport
 *   command: `switchport`, or any `switchport ...` line (as pasted from a
 *   Catalyst, where ports are switchports by default), adds the
 *   ` switchport` line and drops the interface's IP configuration, as an
 *   L3 switch does; `no switchport` drops the switchport lines and gives
 *   ` no ip address` back.
 * - VLANs live in running-config, as on a switch in VTP transparent
 *   mode.  VLAN 1 and 1002-1005 always exist and are never shown.
 *   `vlan 10-12` creates each; `name` under it names all of them.
 */
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
#include "cfg/vlanlist.h"

#define NONE	CMD_MODE_NONE
#define HIDDEN	CMD_F_HIDDEN
#define NO	CMD_F_NO

#define IF_PREFIX	"interface "
#define VLAN_PREFIX	"vlan "
#define NAME_MAX_LEN	32
#define AGING_DEFAULT	300ul
#define AGING_PREFIX	"mac address-table aging-time "
/* Static MAC entries depend on the interfaces, so they follow them in
 * running-config (after the static routes). */
#define G_MACSTATIC	(G_ROUTE + 5)

/* Indexes in cfg_switch_cmds[] of the definitions hooks store by hand. */
enum {
	C_VLAN = 0,
	C_SWITCHPORT = 1,
};

static const char *
ctx_ifname(const struct cfg_apply *a)
{
	const char	*line = a->ctx != NULL ? cfg_node_line(a->ctx) : NULL;

	if (line == NULL || strncmp(line, IF_PREFIX, strlen(IF_PREFIX)) != 0)
		return NULL;
	return line + strlen(IF_PREFIX);
}

static struct cfg_ifplat *
platform(const struct cfg_apply *a)
{
	const struct cfg_env	*env = a->env;

	return env != NULL ? env->platform : NULL;
}

/* Model queries (switchcfg.h). */

int
cfg_switch_default_vlan(unsigned vid)
{
	return vid == 1 || (vid >= 1002 && vid <= 1005);
}

struct cfg_node *
cfg_switch_vlan_node(struct cfg_model *m, unsigned vid)
{
	char	 line[32];

	snprintf(line, sizeof(line), VLAN_PREFIX "%u", vid);
	return cfg_node_find(cfg_model_root(m), &cfg_switch_cmds[C_VLAN],
	    line);
}

void
cfg_switch_vlans(struct cfg_model *m, struct vlan_set *out)
{
	const struct cfg_node	*n;
	unsigned		 v;

	vlan_set_clear(out);
	vlan_set_add(out, 1);
	for (v = 1002; v <= 1005; v++)
		vlan_set_add(out, v);
	for (n = cfg_node_first(cfg_model_root(m)); n != NULL;
	    n = cfg_node_next(n))
		if (cfg_node_cmd(n) == &cfg_switch_cmds[C_VLAN])
			vlan_set_add(out, (unsigned)strtoul(cfg_node_line(n) +
			    strlen(VLAN_PREFIX), NULL, 10));
}

const char *
cfg_switch_vlan_name(struct cfg_model *m, unsigned vid, char *buf,
    size_t len)
{
	static const char *const defaults[] = { "fddi-default",
	    "token-ring-default", "fddinet-default", "trnet-default" };
	const struct cfg_node	*n = cfg_switch_vlan_node(m, vid), *k;

	for (k = n != NULL ? cfg_node_first(n) : NULL; k != NULL;
	    k = cfg_node_next(k))
		if (strncmp(cfg_node_line(k), "name ", 5) == 0) {
			snprintf(buf, len, "%s", cfg_node_line(k) + 5);
			return buf;
		}
	if (vid == 1)
		snprintf(buf, len, "default");
	else if (vid >= 1002 && vid <= 1005)
		snprintf(buf, len, "%s", defaults[vid - 1002]);
	else
		snprintf(buf, len, "VLAN%04u", vid);
	return buf;
}

unsigned long
cfg_switch_aging(struct cfg_model *m, unsigned vid, int *is_set)
{
	const struct cfg_node	*n;
	const char		*line, *v;
	unsigned long		 global = AGING_DEFAULT, t;

	if (is_set != NULL)
		*is_set = 0;
	for (n = cfg_node_first(cfg_model_root(m)); n != NULL;
	    n = cfg_node_next(n)) {
		line = cfg_node_line(n);
		if (strncmp(line, AGING_PREFIX, strlen(AGING_PREFIX)) != 0)
			continue;
		t = strtoul(line + strlen(AGING_PREFIX), NULL, 10);
		if ((v = strstr(line, " vlan ")) == NULL) {
			global = t;
			continue;
		}
		if (vid != 0 && strtoul(v + 6, NULL, 10) == vid) {
			if (is_set != NULL)
				*is_set = 1;
			return t;
		}
	}
	return global;
}

int
cfg_switch_is_port(const struct cfg_node *ifnode)
{
	return cfg_node_find(ifnode, &cfg_switch_cmds[C_SWITCHPORT],
	    "switchport") != NULL;
}

int
cfg_switch_trunks(const struct sw_port *p)
{
	return p->mode == SW_MODE_TRUNK;
}

int
cfg_switch_port(const struct cfg_node *ifnode, struct sw_port *p)
{
	const struct cfg_node	*k;
	const char		*line;
	char			 err[256];

	memset(p, 0, sizeof(*p));
	p->access_vlan = p->native_vlan = 1;
	vlan_set_fill(&p->allowed);
	if (!cfg_switch_is_port(ifnode))
		return -1;
	for (k = cfg_node_first(ifnode); k != NULL; k = cfg_node_next(k)) {
		line = cfg_node_line(k);
		if (strcmp(line, "switchport mode access") == 0)
			p->mode = SW_MODE_ACCESS;
		else if (strcmp(line, "switchport mode trunk") == 0)
			p->mode = SW_MODE_TRUNK;
		else if (strncmp(line, "switchport access vlan ", 23) == 0)
			p->access_vlan = (unsigned)strtoul(line + 23, NULL, 10);
		else if (strncmp(line, "switchport trunk native vlan ", 29) ==
		    0)
			p->native_vlan = (unsigned)strtoul(line + 29, NULL, 10);
		else if (strncmp(line, "switchport trunk allowed vlan ", 30) ==
		    0) {
			if (strcmp(line + 30, "none") == 0)
				vlan_set_clear(&p->allowed);
			else if (vlan_set_parse(line + 30, &p->allowed, err,
			    sizeof(err)) != 0)
				vlan_set_fill(&p->allowed);
		}
	}
	return 0;
}

/* VLANs. */

/* Parses a VLAN list argument; CFG_HOOK_STORE, or the IOS error. */
static enum cfg_hook_rc
parse_list(struct cfg_apply *a, const char *text, struct vlan_set *s)
{
	char	 err[512];

	if (text == NULL || vlan_set_parse(text, s, err, sizeof(err)) != 0)
		return cfg_apply_error(a, "%s", text != NULL ? err :
		    "% Incomplete command.\n");
	return CFG_HOOK_STORE;
}

static enum cfg_hook_rc
no_vlan(struct cfg_apply *a, const struct vlan_set *s)
{
	struct cfg_node	*n;
	unsigned	 v;

	for (v = vlan_set_next(s, VLAN_MIN); v != 0;
	    v = v < VLAN_MAX ? vlan_set_next(s, v + 1) : 0)
		if (cfg_switch_default_vlan(v))
			return cfg_apply_error(a, "%%Default VLAN %u may not "
			    "be deleted.\n", v);
	for (v = vlan_set_next(s, VLAN_MIN); v != 0;
	    v = v < VLAN_MAX ? vlan_set_next(s, v + 1) : 0)
		if ((n = cfg_switch_vlan_node(a->model, v)) != NULL)
			cfg_node_remove(a->model, n);
	return CFG_HOOK_DONE;
}

/*
 * `vlan LIST` creates the VLANs and enters (config-vlan)#.  One new VLAN
 * is an ordinary block; VLAN 1 or a list enters a mode whose `name`
 * applies to the VLANs its path line names (vlan_each below), so the
 * mode's node is the global one and nothing is stored for VLAN 1.
 */
static enum cfg_hook_rc
hook_vlan(struct cfg_apply *a)
{
	struct vlan_set	 s;
	char		 list[VLAN_LIST_MAX + 1];
	unsigned	 v, first;

	if (parse_list(a, cmd_arg(a->res->args, "vlans"), &s) !=
	    CFG_HOOK_STORE)
		return CFG_HOOK_ERROR;
	if (a->negated)
		return no_vlan(a, &s);
	for (v = 1002; v <= 1005; v++)
		if (vlan_set_has(&s, v))
			return cfg_apply_error(a, "%%Default VLAN %u may not "
			    "have its name changed.\n", v);
	first = vlan_set_next(&s, VLAN_MIN);
	if (vlan_set_count(&s) == 1 && first != 1)
		return cfg_apply_set_line(a, VLAN_PREFIX "%u", first) == 0 ?
		    CFG_HOOK_STORE : CFG_HOOK_ERROR;
	for (v = first; v != 0; v = v < VLAN_MAX ? vlan_set_next(&s, v + 1) :
	    0)
		if (v != 1 && cfg_switch_vlan_node(a->model, v) == NULL) {
			snprintf(list, sizeof(list), VLAN_PREFIX "%u", v);
			if (cfg_node_set(a->model, cfg_model_root(a->model),
			    a->cmd, list) == NULL)
				return CFG_HOOK_ERROR;
		}
	if (vlan_set_render(&s, list, sizeof(list)) == NULL ||
	    cfg_apply_set_line(a, VLAN_PREFIX "%s", list) != 0)
		return CFG_HOOK_ERROR;
	a->entered = a->ctx;
	return CFG_HOOK_DONE;
}

/* The VLANs of the (config-vlan)# mode, from the line that entered it. */
static int
mode_vlans(const struct cfg_apply *a, struct vlan_set *s)
{
	char	 err[512];

	if (a->ctxline == NULL || strncmp(a->ctxline, VLAN_PREFIX,
	    strlen(VLAN_PREFIX)) != 0)
		return -1;
	return vlan_set_parse(a->ctxline + strlen(VLAN_PREFIX), s, err,
	    sizeof(err));
}

static enum cfg_hook_rc
hook_name(struct cfg_apply *a)
{
	const char	*name = cmd_arg(a->res->args, "name");
	struct cfg_node	*n;
	struct vlan_set	 s;
	char		 line[64] = "";
	unsigned	 v;

	if (mode_vlans(a, &s) != 0)
		return CFG_HOOK_STORE;
	if (vlan_set_has(&s, 1))
		return cfg_apply_error(a, "%%Default VLAN 1 may not have its "
		    "name changed.\n");
	/* IOS keeps the first 32 characters. */
	if (!a->negated && name != NULL)
		snprintf(line, sizeof(line), "name %.*s", NAME_MAX_LEN, name);
	if (vlan_set_count(&s) == 1) {
		if (a->negated)
			return CFG_HOOK_STORE;
		return cfg_apply_set_line(a, "%s", line) == 0 ?
		    CFG_HOOK_STORE : CFG_HOOK_ERROR;
	}
	if (!a->negated)
		cfg_apply_say(a, "%% Applying VLAN changes may take few "
		    "minutes.  Please wait...\n");
	for (v = vlan_set_next(&s, VLAN_MIN); v != 0;
	    v = v < VLAN_MAX ? vlan_set_next(&s, v + 1) : 0) {
		if ((n = cfg_switch_vlan_node(a->model, v)) == NULL)
			continue;
		if (a->negated)
			cfg_node_remove_words(a->model, n, "name", 1, 0);
		else if (cfg_node_set(a->model, n, a->cmd, line) == NULL)
			return CFG_HOOK_ERROR;
	}
	return CFG_HOOK_DONE;
}

/* Switchports. */

static void
touch(struct cfg_apply *a, const char *ifname)
{
	struct cfg_ifplat	*p = platform(a);

	/* The interface's addresses change: the kernel follows. */
	if (p != NULL && ifname != NULL)
		p->touch(p, a->model, ifname, 1);
}

/* The stored "no ip address" of an interface back from switching. */
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

/*
 * Makes the interface of the current block a switchport if it is not one
 * yet: only Ethernet ports switch; the IP configuration goes.
 */
static enum cfg_hook_rc
make_switchport(struct cfg_apply *a)
{
	const char	*ifname = ctx_ifname(a);

	if (ifname == NULL)
		return CFG_HOOK_STORE;
	if (strncmp(ifname, "GigabitEthernet", 15) != 0)
		return cfg_apply_error(a, "Command rejected: %s is not a "
		    "switchable interface.\n", ifname);
	if (cfg_switch_is_port(a->ctx))
		return CFG_HOOK_STORE;
	/* "ip address ..." and "no ip address" alike. */
	cfg_node_remove_words(a->model, a->ctx, "ip address", 2, 0);
	if (cfg_node_set(a->model, a->ctx, &cfg_switch_cmds[C_SWITCHPORT],
	    "switchport") == NULL)
		return CFG_HOOK_ERROR;
	touch(a, ifname);
	return CFG_HOOK_STORE;
}

static enum cfg_hook_rc
hook_switchport(struct cfg_apply *a)
{
	const char	*ifname = ctx_ifname(a);

	if (!a->negated)
		return make_switchport(a) == CFG_HOOK_STORE ? CFG_HOOK_DONE :
		    CFG_HOOK_ERROR;
	if (ifname == NULL || !cfg_switch_is_port(a->ctx))
		return CFG_HOOK_DONE;
	cfg_node_remove_words(a->model, a->ctx, "switchport", 1, 0);
	if (set_no_address(a->model, a->ctx) != 0)
		return CFG_HOOK_ERROR;
	touch(a, ifname);
	return CFG_HOOK_DONE;
}

/* A switchport sub-command: `no` forms change only their own line. */
static enum cfg_hook_rc
hook_port_line(struct cfg_apply *a)
{
	if (a->negated)
		return CFG_HOOK_STORE;
	return make_switchport(a);
}

/* An access VLAN that does not exist is created, with IOS's notice. */
static enum cfg_hook_rc
hook_access_vlan(struct cfg_apply *a)
{
	const char	*vs = cmd_arg(a->res->args, "vlan");
	unsigned	 v = vs != NULL ? (unsigned)strtoul(vs, NULL, 10) : 0;
	char		 line[32];

	if (a->negated)
		return CFG_HOOK_STORE;
	if (make_switchport(a) != CFG_HOOK_STORE)
		return CFG_HOOK_ERROR;
	if (v != 0 && !cfg_switch_default_vlan(v) &&
	    cfg_switch_vlan_node(a->model, v) == NULL) {
		cfg_apply_say(a, "%% Access VLAN does not exist. Creating vlan "
		    "%u\n", v);
		snprintf(line, sizeof(line), VLAN_PREFIX "%u", v);
		if (cfg_node_set(a->model, cfg_model_root(a->model),
		    &cfg_switch_cmds[C_VLAN], line) == NULL)
			return CFG_HOOK_ERROR;
	}
	return CFG_HOOK_STORE;
}

/* The allowed list now stored in the block (all when there is none). */
static void
current_allowed(const struct cfg_apply *a, struct vlan_set *s)
{
	struct sw_port	 p;

	if (cfg_switch_port(a->ctx, &p) == 0)
		*s = p.allowed;
	else
		vlan_set_fill(s);
}

/*
 * switchport trunk allowed vlan {LIST | add | remove | except | all |
 * none}: the stored line is the resulting list; all is the default.
 */
static enum cfg_hook_rc
hook_allowed(struct cfg_apply *a)
{
	const struct cmd_args	*args = a->res->args;
	struct vlan_set		 cur, s;
	char			 list[VLAN_LIST_MAX + 1];
	const char		*arg;

	if (a->negated)
		return CFG_HOOK_STORE;
	vlan_set_clear(&s);
	if ((arg = cmd_arg(args, "list")) != NULL ||
	    (arg = cmd_arg(args, "add")) != NULL ||
	    (arg = cmd_arg(args, "remove")) != NULL ||
	    (arg = cmd_arg(args, "except")) != NULL)
		if (parse_list(a, arg, &s) != CFG_HOOK_STORE)
			return CFG_HOOK_ERROR;
	current_allowed(a, &cur);
	if (cmd_arg(args, "add") != NULL) {
		vlan_set_union(&cur, &s);
		s = cur;
	} else if (cmd_arg(args, "remove") != NULL) {
		vlan_set_minus(&cur, &s);
		s = cur;
	} else if (cmd_arg(args, "except") != NULL) {
		vlan_set_fill(&cur);
		vlan_set_minus(&cur, &s);
		s = cur;
	} else if (cmd_arg_has(args, "all"))
		vlan_set_fill(&s);
	else if (cmd_arg_has(args, "none"))
		vlan_set_clear(&s);
	if (make_switchport(a) != CFG_HOOK_STORE)
		return CFG_HOOK_ERROR;
	if (vlan_set_full(&s)) {
		cfg_node_remove_words(a->model, a->ctx,
		    "switchport trunk allowed vlan", 4, 0);
		return CFG_HOOK_DONE;
	}
	if (vlan_set_render(&s, list, sizeof(list)) == NULL)
		return CFG_HOOK_ERROR;
	return cfg_apply_set_line(a, "switchport trunk allowed vlan %s",
	    list) == 0 ? CFG_HOOK_STORE : CFG_HOOK_ERROR;
}

/* The MAC address table. */

/*
 * mac address-table aging-time T [vlan V]: one global setting and one per
 * VLAN; 300 is the global default and is not stored.
 */
static enum cfg_hook_rc
hook_aging(struct cfg_apply *a)
{
	const char	*vlan = cmd_arg(a->res->args, "vlan");
	const char	*secs = cmd_arg(a->res->args, "secs");
	struct cfg_node	*root = cfg_model_root(a->model), *n, *next;
	const char	*line, *v;

	for (n = cfg_node_first(root); n != NULL; n = next) {
		next = cfg_node_next(n);
		if (cfg_node_cmd(n) != a->cmd)
			continue;
		line = cfg_node_line(n);
		v = strstr(line, " vlan ");
		if ((vlan == NULL && v == NULL) || (vlan != NULL && v != NULL &&
		    strcmp(v + 6, vlan) == 0))
			cfg_node_remove(a->model, n);
	}
	if (a->negated || (vlan == NULL && secs != NULL &&
	    strtoul(secs, NULL, 10) == AGING_DEFAULT))
		return CFG_HOOK_DONE;
	return CFG_HOOK_STORE;
}

static enum cfg_hook_rc
hook_static(struct cfg_apply *a)
{
	const char	*mac = cmd_arg(a->res->args, "addr");
	const char	*ifname = cmd_arg(a->res->args, "ifname");
	unsigned	 b0;

	if (a->negated)
		return CFG_HOOK_STORE;
	/* Multicast groups are the bridge's MDB, not its MAC table. */
	if (mac != NULL && sscanf(mac, "%2x", &b0) == 1 && (b0 & 1) != 0)
		return cfg_apply_error(a, "%% Only unicast addresses can be "
		    "configured with interface\n");
	if (ifname != NULL && strncmp(ifname, "GigabitEthernet", 15) != 0)
		return cfg_apply_error(a, "Command rejected: %s is not a "
		    "switchable interface.\n", ifname);
	return CFG_HOOK_STORE;
}

/* Display order: VLANs and static entries by number. */
static int
cmp_natural(const char *a, const char *b)
{
	return cfg_natural_cmp(a, b);
}

#define VLAN_HELP	"ISL VLAN IDs 1-4094"
#define SWP		"Set switching mode characteristics\n"
#define ALLOWED_HELP	SWP "Set trunking characteristics of the interface\n" \
			"Set allowed VLAN characteristics when interface is " \
			"in trunking mode\nSet allowed VLANs when interface " \
			"is in trunking mode\n"
#define MAT		"MAC configuration\nConfigure the MAC address table\n"

struct cfg_cmd cfg_switch_cmds[] = {
	/* C_VLAN: must stay first. */
	{ .def = { MODE_CONFIG, "vlan WORD$vlans",
	    "Vlan commands\n" VLAN_HELP, MODE_CONFIG_VLAN, NO, 15, 0, NULL },
	    .cflags = CFG_F_SEPAFTER, .key = 2, .group = G_VLAN,
	    .hook = hook_vlan, .cmp = cmp_natural },
	/* C_SWITCHPORT: must stay second. */
	{ .def = { MODE_CONFIG_IF, "switchport",
	    "Set switching mode characteristics", NONE, NO, 15, 0, NULL },
	    .key = 1, .group = G_SUB, .hook = hook_switchport },
	{ .def = { MODE_CONFIG_IF, "switchport access vlan <1-4094>$vlan",
	    SWP "Set access mode characteristics of the interface\n"
	    "Set VLAN when interface is in access mode\n"
	    "VLAN ID of the VLAN when this port is in access mode", NONE, NO,
	    15, 0, NULL }, .key = 3, .group = G_SUB,
	    .hook = hook_access_vlan, .defval = "switchport access vlan 1" },
	{ .def = { MODE_CONFIG_IF, "switchport trunk native vlan "
	    "<1-4094>$vlan",
	    SWP "Set trunking characteristics of the interface\n"
	    "Set trunking native characteristics when interface is in "
	    "trunking mode\nSet native VLAN when interface is in trunking "
	    "mode\nVLAN ID of the native VLAN when this port is in trunking "
	    "mode", NONE, NO, 15, 0, NULL }, .key = 4, .group = G_SUB,
	    .hook = hook_port_line, .defval = "switchport trunk native vlan 1" },
	{ .def = { MODE_CONFIG_IF, "switchport trunk allowed vlan "
	    "{ WORD$list | add WORD$add | all | except WORD$except | "
	    "none | remove WORD$remove }",
	    ALLOWED_HELP
	    "VLAN IDs of the allowed VLANs when this port is in trunking mode\n"
	    "add VLANs to the current list\n"
	    "VLAN IDs of the allowed VLANs when this port is in trunking mode\n"
	    "all VLANs\n"
	    "all VLANs except the following\n"
	    "VLAN IDs of the allowed VLANs when this port is in trunking mode\n"
	    "no VLANs\n"
	    "remove VLANs from the current list\n"
	    "VLAN IDs of the allowed VLANs when this port is in trunking mode",
	    NONE, NO, 15, 0, NULL }, .key = 4, .group = G_SUB,
	    .hook = hook_allowed },
	{ .def = { MODE_CONFIG_IF, "switchport mode { access | trunk }",
	    SWP "Set trunking mode of the interface\n"
	    "Set trunking mode to ACCESS unconditionally\n"
	    "Set trunking mode to TRUNK unconditionally", NONE, NO, 15, 0,
	    NULL }, .key = 2, .group = G_SUB, .hook = hook_port_line },

	/* VLAN configuration. */
	{ .def = { MODE_CONFIG_VLAN, "exit", "Apply changes, bump revision "
	    "number, and exit mode", NONE, 0, 15, CFG_ACT_EXIT, NULL } },
	{ .def = { MODE_CONFIG_VLAN, "end", "Exit from configure mode", NONE,
	    HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_CONFIG_VLAN, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_CONFIG_VLAN, "name WORD$name",
	    "Ascii name of the VLAN\nThe ascii name for the VLAN", NONE, NO,
	    15, 0, NULL }, .key = 1, .group = G_SUB, .hook = hook_name },

	/* The MAC address table. */
	{ .def = { MODE_CONFIG, "mac address-table aging-time "
	    "{ <0-0>$secs | <10-1000000>$secs } [ vlan <1-4094>$vlan ]",
	    MAT "Set MAC address table entry maximum age\n"
	    "Enter 0 to disable aging\nAging time in seconds\n"
	    "VLAN keyword\nVLAN id", NONE, NO, 15, 0, NULL },
	    .key = 0, .group = G_SPANNING, .hook = hook_aging,
	    .cmp = cmp_natural },
	{ .def = { MODE_CONFIG, "mac address-table static H.H.H$addr "
	    "vlan <1-4094>$vlan interface IFNAME$ifname",
	    MAT "static keyword\n48 bit mac address\nVLAN keyword\nVLAN id\n"
	    "interface\nInterface name", NONE, NO, 15, 0, NULL },
	    .key = 6, .group = G_MACSTATIC, .hook = hook_static,
	    .cmp = cmp_natural },
};
const size_t cfg_switch_ncmds = sizeof(cfg_switch_cmds) /
    sizeof(cfg_switch_cmds[0]);
