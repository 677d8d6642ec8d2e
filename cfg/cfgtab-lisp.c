/*
 * router lisp and its submodes (IOS XE 3.x): locator sets, EID tables,
 * database mappings, static map-cache entries, map-server sites and the
 * xTR / MS / MR roles.  The model only stores these lines; lispd pulls the
 * `router lisp` block from cfgd and runs it through this same table on a
 * private model to build its state.
 *
 * Display order inside the block is this table's order (the order IOS XE
 * prints them: locator-set, eid-table, database-mapping, dynamic-eid,
 * site, then the ipv4 role lines).  database-mapping and map-cache have an
 * identity that depends on their form (the EID prefix plus the RLOC or
 * interface), so a hook replaces the setting with the same identity and
 * handles `no` with any number of trailing words.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/apply.h"
#include "cfg/cfgcmd.h"
#include "cfg/cfgtab.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/session.h"
#include "cfg/tables.h"

#define NONE	CMD_MODE_NONE
#define HIDDEN	CMD_F_HIDDEN
#define NO	CMD_F_NO
#define BLOCK	(CFG_F_EXITLINE | CFG_F_SEPAFTER)

/* The number of words after an optional leading "no ". */
static size_t
words_after_no(const char *line)
{
	size_t	 n = cfg_words(line);

	return strncmp(line, "no ", 3) == 0 ? n - 1 : n;
}

/* The word at index i (0-based) of line, copied into buf. */
static const char *
word_at(const char *line, size_t i, char *buf, size_t len)
{
	const char	*p = line, *e;

	while (*p == ' ')
		p++;
	while (i-- > 0) {
		p += strcspn(p, " ");
		p += strspn(p, " ");
	}
	e = p + strcspn(p, " ");
	if ((size_t)(e - p) >= len)
		return "";
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
	return buf;
}

/*
 * Stores a line whose identity is its first `ident` words: an identical
 * line stays where it is, otherwise the settings with the same identity
 * go and the line is added.  `no` removes what its words name.
 */
static enum cfg_hook_rc
store_ident(struct cfg_apply *a, size_t ident)
{
	if (a->negated) {
		cfg_node_remove_words(a->model, a->ctx, a->line,
		    words_after_no(a->line), 0);
		return CFG_HOOK_DONE;
	}
	if (cfg_node_find(a->ctx, a->cmd, a->line) != NULL)
		return CFG_HOOK_STORE;
	cfg_node_remove_words(a->model, a->ctx, a->line, ident, 0);
	return CFG_HOOK_STORE;
}

/* database-mapping P { RLOC ... | ipv4-interface IF ... | locator-set N } */
static enum cfg_hook_rc
hook_dbmap(struct cfg_apply *a)
{
	char	 w[64];

	if (a->negated)
		return store_ident(a, 0);
	if (strcmp(word_at(a->line, 2, w, sizeof(w)), "ipv4-interface") == 0)
		return store_ident(a, 4);
	return store_ident(a, 3);
}

/* map-cache P { map-request | native-forward | drop | RLOC ... }: an
 * action replaces everything for the prefix; an RLOC replaces the same
 * RLOC and any action. */
static enum cfg_hook_rc
hook_mapcache(struct cfg_apply *a)
{
	static const char *const acts[] = { "map-request",
	    "native-forward", "drop" };
	char		 w[64], buf[160];
	size_t		 i;

	if (a->negated)
		return store_ident(a, 0);
	if (cmd_arg(a->res->args, "rloc") == NULL)
		return store_ident(a, 2);
	if (cfg_node_find(a->ctx, a->cmd, a->line) != NULL)
		return CFG_HOOK_STORE;
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
		snprintf(buf, sizeof(buf), "map-cache %s %s",
		    word_at(a->line, 1, w, sizeof(w)), acts[i]);
		cfg_node_remove_words(a->model, a->ctx, buf, 3, 1);
	}
	return store_ident(a, 3);
}

/* Locator-set interface entries print as CSR prints them:
 * "IPv4-interface Loopback0 priority 10 weight 10". */
static enum cfg_hook_rc
hook_locset_if(struct cfg_apply *a)
{
	char	*p = strstr(a->line, "ipv4-interface");

	if (p != NULL)
		memcpy(p, "IPv4", 4);
	return CFG_HOOK_STORE;
}

/* ipv4 proxy-itr RLOC: refused while the ITR role is on (IOS's text);
 * one proxy-itr line, the last one typed. */
static enum cfg_hook_rc
hook_proxyitr(struct cfg_apply *a)
{
	const struct cfg_node	*k;

	if (a->negated)
		return store_ident(a, 0);
	for (k = cfg_node_first(a->ctx); k != NULL; k = cfg_node_next(k))
		if (strcmp(cfg_node_line(k), "ipv4 itr") == 0)
			return cfg_apply_error(a,
			    "%% Disable ITR functionality first.\n");
	return store_ident(a, 2);
}

/* ipv4 use-petr RLOC [priority P weight W]: one line per PETR address;
 * `no ipv4 use-petr RLOC` with or without the rest removes it. */
static enum cfg_hook_rc
hook_usepetr(struct cfg_apply *a)
{
	return store_ident(a, 3);
}

#define DBMAP_SYNTAX "database-mapping A.B.C.D/M$eid { A.B.C.D$rloc " \
	"priority <0-255>$pri weight <0-100>$wgt | ipv4-interface " \
	"IFNAME$ifname priority <0-255>$pri weight <0-100>$wgt | " \
	"locator-set WORD$locset }"
#define DBMAP_HELP "Configures the ETR's EID-prefix to RLOC mappings\n" \
	"IPv4 EID prefix and mask\nIPv4 RLOC address\n" \
	"Configure locator priority\nPriority, lower is preferred\n" \
	"Configure locator weight\nWeight, higher is more traffic\n" \
	"Use the address of an interface as RLOC\nInterface name\n" \
	"Configure locator priority\nPriority, lower is preferred\n" \
	"Configure locator weight\nWeight, higher is more traffic\n" \
	"Use the locators of a locator-set\nLocator-set name"
#define MAPCACHE_SYNTAX "map-cache A.B.C.D/M$eid { map-request | " \
	"native-forward | drop | A.B.C.D$rloc priority <0-255>$pri " \
	"weight <0-100>$wgt }"
#define MAPCACHE_HELP "Configures static EID-prefix to RLOC mappings\n" \
	"IPv4 EID prefix and mask\nSend a map-request for the prefix\n" \
	"Natively forward packets to the prefix\n" \
	"Drop packets to the prefix\nIPv4 RLOC address\n" \
	"Configure locator priority\nPriority, lower is preferred\n" \
	"Configure locator weight\nWeight, higher is more traffic"

#define DYNEID_CMDS(m) \
	{ .def = { m, "exit", "Exit from dynamic-EID configuration mode", \
	    NONE, 0, 15, CFG_ACT_EXIT, NULL } }, \
	{ .def = { m, "end", "Exit from configure mode", NONE, HIDDEN, 15, \
	    CFG_ACT_END, NULL } }, \
	{ .def = { m, "do LINE$line", \
	    "To run exec commands in config mode\nExec Command", NONE, 0, \
	    15, CFG_ACT_DO, NULL } }, \
	{ .def = { m, "database-mapping A.B.C.D/M$eid locator-set " \
	    "WORD$locset", "Configures the dynamic-EID prefix and locators\n" \
	    "IPv4 dynamic-EID prefix and mask\n" \
	    "Use the locators of a locator-set\nLocator-set name", NONE, NO, \
	    15, 0, NULL }, .key = 2, .group = G_SUB }, \
	{ .def = { m, "map-notify-group A.B.C.D$group", \
	    "Site-based multicast Map-Notify group\n" \
	    "IPv4 multicast group address", NONE, NO, 15, 0, NULL }, \
	    .key = 1, .group = G_SUB }

struct cfg_cmd cfg_lisp_cmds[] = {
	{ .def = { MODE_CONFIG, "router lisp",
	    "Enable a routing process\nLocator/ID Separation Protocol",
	    MODE_LISP, NO, 15, 0, NULL }, .cflags = CFG_F_EXITLINE,
	    .key = 0, .group = G_LISP },

	/* (config-router-lisp), in display order. */
	{ .def = { MODE_LISP, "exit", "Exit from LISP configuration mode",
	    NONE, 0, 15, CFG_ACT_EXIT, NULL } },
	{ .def = { MODE_LISP, "end", "Exit from configure mode", NONE,
	    HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_LISP, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_LISP, "locator-set WORD$name",
	    "Configure a named locator set\nLocator-set name",
	    MODE_LISP_LOCSET, NO, 15, 0, NULL }, .cflags = BLOCK, .key = 2,
	    .group = G_SUB },
	{ .def = { MODE_LISP, "eid-table { default | vrf WORD$vrf } "
	    "instance-id <0-16777215>$iid",
	    "Configure an EID instance\nDefault routing table\n"
	    "VRF routing table\nVRF name\nConfigure the instance-id\n"
	    "Instance-id", MODE_LISP_EIDTABLE, NO, 15, 0, NULL },
	    .cflags = BLOCK, .key = 0, .group = G_SUB },
	{ .def = { MODE_LISP, DBMAP_SYNTAX, DBMAP_HELP, NONE, NO, 15, 0,
	    NULL }, .key = 0, .group = G_SUB, .hook = hook_dbmap },
	{ .def = { MODE_LISP, MAPCACHE_SYNTAX, MAPCACHE_HELP, NONE, NO, 15,
	    0, NULL }, .key = 0, .group = G_SUB, .hook = hook_mapcache },
	{ .def = { MODE_LISP, "dynamic-eid WORD$dyn",
	    "Configure a dynamic-EID policy\nDynamic-EID name",
	    MODE_LISP_DYNEID, NO, 15, 0, NULL }, .cflags = BLOCK, .key = 2,
	    .group = G_SUB },
	{ .def = { MODE_LISP, "site WORD$name",
	    "Configure a LISP site\nSite name", MODE_LISP_SITE, NO, 15, 0,
	    NULL }, .cflags = BLOCK, .key = 2, .group = G_SUB },
	{ .def = { MODE_LISP, "ipv4 map-server",
	    "Configure IPv4 LISP features\nConfigure as Map Server", NONE, NO,
	    15, 0, NULL }, .key = 0, .group = G_SUB },
	{ .def = { MODE_LISP, "ipv4 map-resolver",
	    "Configure IPv4 LISP features\nConfigure as Map Resolver", NONE,
	    NO, 15, 0, NULL }, .key = 0, .group = G_SUB },
	{ .def = { MODE_LISP, "ipv4 itr map-resolver A.B.C.D$mr",
	    "Configure IPv4 LISP features\n"
	    "Configure as ITR (Ingress Tunnel Router)\n"
	    "Configures the Map-Resolver to send Map-Requests to\n"
	    "IPv4 address of the Map-Resolver", NONE, NO, 15, 0, NULL },
	    .key = 4, .group = G_SUB },
	/* Both forms stored: a PxTR shows " no ipv4 itr" as IOS does. */
	{ .def = { MODE_LISP, "ipv4 itr",
	    "Configure IPv4 LISP features\n"
	    "Configure as ITR (Ingress Tunnel Router)", NONE, NO, 15, 0,
	    NULL }, .cflags = CFG_F_BOTH, .key = 0, .group = G_SUB },
	{ .def = { MODE_LISP, "ipv4 etr map-server A.B.C.D$ms key WORD$key "
	    "[ hash-function { sha1 | sha2 } ]",
	    "Configure IPv4 LISP features\n"
	    "Configure as ETR (Egress Tunnel Router)\n"
	    "Configures a Map-Server to register with\n"
	    "IPv4 address of the Map-Server\n"
	    "Authentication key used with the Map-Server\n"
	    "The authentication key\n"
	    "Authentication hash function (default sha1)\n"
	    "HMAC-SHA-1-96\nHMAC-SHA-256-128", NONE, NO, 15, 0, NULL },
	    .key = 4, .group = G_SUB },
	{ .def = { MODE_LISP, "ipv4 etr",
	    "Configure IPv4 LISP features\n"
	    "Configure as ETR (Egress Tunnel Router)", NONE, NO, 15, 0,
	    NULL }, .key = 0, .group = G_SUB },
	{ .def = { MODE_LISP, "ipv4 use-petr A.B.C.D$petr "
	    "[ priority <0-255>$pri weight <0-100>$wgt ]",
	    "Configure IPv4 LISP features\n"
	    "Encapsulate to Proxy ETR when destination is not a LISP site\n"
	    "IPv4 address of the Proxy ETR\n"
	    "Configure locator priority\nPriority, lower is preferred\n"
	    "Configure locator weight\nWeight, higher is more traffic",
	    NONE, NO, 15, 0, NULL }, .key = 3, .group = G_SUB,
	    .hook = hook_usepetr },
	{ .def = { MODE_LISP, "loc-reach-algorithm rloc-probing",
	    "Configure locator reachability algorithm\n"
	    "Use RLOC probing to track locator reachability", NONE, NO, 15,
	    0, NULL }, .key = 0, .group = G_SUB },
	{ .def = { MODE_LISP, "ipv4 proxy-etr",
	    "Configure IPv4 LISP features\n"
	    "Configure as PETR (Proxy Egress Tunnel Router)", NONE, NO, 15,
	    0, NULL }, .key = 0, .group = G_SUB },
	{ .def = { MODE_LISP, "ipv4 proxy-itr A.B.C.D$pitr",
	    "Configure IPv4 LISP features\n"
	    "Configure as PITR (Proxy Ingress Tunnel Router)\n"
	    "IPv4 locator address used as source when encapsulating",
	    NONE, NO, 15, 0, NULL }, .key = 2, .group = G_SUB,
	    .hook = hook_proxyitr },

	/* (config-router-lisp-locator-set) */
	{ .def = { MODE_LISP_LOCSET, "exit",
	    "Exit from locator-set configuration mode", NONE, 0, 15,
	    CFG_ACT_EXIT, NULL } },
	{ .def = { MODE_LISP_LOCSET, "end", "Exit from configure mode", NONE,
	    HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_LISP_LOCSET, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_LISP_LOCSET, "A.B.C.D$rloc priority <0-255>$pri "
	    "weight <0-100>$wgt",
	    "IPv4 address of the locator\nConfigure locator priority\n"
	    "Priority, lower is preferred\nConfigure locator weight\n"
	    "Weight, higher is more traffic", NONE, NO, 15, 0, NULL },
	    .key = 1, .group = G_SUB },
	{ .def = { MODE_LISP_LOCSET, "ipv4-interface IFNAME$ifname "
	    "priority <0-255>$pri weight <0-100>$wgt",
	    "Use the IPv4 address of an interface as locator\n"
	    "Interface name\nConfigure locator priority\n"
	    "Priority, lower is preferred\nConfigure locator weight\n"
	    "Weight, higher is more traffic", NONE, NO, 15, 0, NULL },
	    .key = 2, .group = G_SUB, .hook = hook_locset_if },

	/* (config-router-lisp-eid-table) */
	{ .def = { MODE_LISP_EIDTABLE, "exit",
	    "Exit from EID-table configuration mode", NONE, 0, 15,
	    CFG_ACT_EXIT, NULL } },
	{ .def = { MODE_LISP_EIDTABLE, "end", "Exit from configure mode",
	    NONE, HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_LISP_EIDTABLE, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_LISP_EIDTABLE, DBMAP_SYNTAX, DBMAP_HELP, NONE, NO, 15,
	    0, NULL }, .key = 0, .group = G_SUB, .hook = hook_dbmap },
	{ .def = { MODE_LISP_EIDTABLE, MAPCACHE_SYNTAX, MAPCACHE_HELP, NONE,
	    NO, 15, 0, NULL }, .key = 0, .group = G_SUB,
	    .hook = hook_mapcache },

	{ .def = { MODE_LISP_EIDTABLE, "dynamic-eid WORD$dyn",
	    "Configure a dynamic-EID policy\nDynamic-EID name",
	    MODE_LISP_EIDTABLE_DYNEID, NO, 15, 0, NULL }, .cflags = BLOCK,
	    .key = 2, .group = G_SUB },

	/* (config-router-lisp-site) */
	{ .def = { MODE_LISP_SITE, "exit",
	    "Exit from site configuration mode", NONE, 0, 15, CFG_ACT_EXIT,
	    NULL } },
	{ .def = { MODE_LISP_SITE, "end", "Exit from configure mode", NONE,
	    HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_LISP_SITE, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_LISP_SITE, "description LINE$text",
	    "Site description\nUp to 240 characters describing this site",
	    NONE, NO, 15, 0, NULL }, .key = 1, .group = G_SUB },
	{ .def = { MODE_LISP_SITE, "authentication-key WORD$key",
	    "Configure the authentication key for the site's Map-Registers\n"
	    "The authentication key", NONE, NO, 15, 0, NULL }, .key = 1,
	    .group = G_SUB },
	{ .def = { MODE_LISP_SITE, "eid-prefix A.B.C.D/M$eid "
	    "[ accept-more-specifics ]",
	    "Configure an EID-prefix the site may register\n"
	    "IPv4 EID prefix and mask\n"
	    "Accept registrations of more specific prefixes", NONE, NO, 15, 0,
	    NULL }, .key = 2, .group = G_SUB },

	/* (config-router-lisp-dynamic-eid) and its eid-table twin: the
	 * prefix hosts may roam in (a locator-set only, as IOS), then the
	 * site-based Map-Notify group. */
	DYNEID_CMDS(MODE_LISP_DYNEID),
	DYNEID_CMDS(MODE_LISP_EIDTABLE_DYNEID),

	/* Interface mode: lisp mobility NAME (after the interface's own
	 * lines, as CSR prints it). */
	{ .def = { MODE_CONFIG_IF, "lisp mobility WORD$dyn",
	    "Locator/ID Separation Protocol interface commands\n"
	    "Configure LISP dynamic-EID mobility on the interface\n"
	    "Dynamic-EID name", NONE, NO, 15, 0, NULL }, .key = 2,
	    .group = G_SUB },
};
const size_t cfg_lisp_ncmds = sizeof(cfg_lisp_cmds) / sizeof(cfg_lisp_cmds[0]);
