/*
 * The configuration commands of the base system: global settings, the
 * boilerplate a CSR 1000v running-config carries, and the builtins of
 * global configuration.  Feature tables (interfaces, lines and SSH, LISP)
 * sit in their own files (tables.h) and are listed in `tables` below.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/apply.h"
#include "cfg/cfgcmd.h"
#include "cfg/cfgtab.h"
#include "cfg/modes.h"
#include "cfg/secret.h"
#include "cfg/session.h"
#include "cfg/tables.h"

#define NONE	CMD_MODE_NONE

/* Hooks. */

static enum cfg_hook_rc
hook_hostname(struct cfg_apply *a)
{
	const char	*name = cmd_arg(a->res->args, "name");
	size_t		 i, len;

	if (a->negated) {
		/* No hostname means the factory name. */
		return cfg_apply_set_line(a, "hostname Router") == 0 ?
		    (a->negated = 0, CFG_HOOK_STORE) : CFG_HOOK_ERROR;
	}
	len = strlen(name);
	if (len > 63)
		return cfg_apply_error(a, "%% Hostname too long\n");
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)name[i]) && name[i] != '-' &&
		    name[i] != '_')
			return cfg_apply_error(a, "%% Hostname contains one or "
			    "more illegal characters.\n");
	}
	if (!isalpha((unsigned char)name[0]))
		return cfg_apply_error(a, "%% Hostname contains one or more "
		    "illegal characters.\n");
	return CFG_HOOK_STORE;
}

/* Both spellings are stored as `ip domain name X` (one setting). */
static enum cfg_hook_rc
hook_domain_name(struct cfg_apply *a)
{
	const char	*name = cmd_arg(a->res->args, "name");

	if (a->negated)
		return cfg_apply_set_line(a, "no ip domain") == 0 ?
		    CFG_HOOK_STORE : CFG_HOOK_ERROR;
	return cfg_apply_set_line(a, "ip domain name %s", name) == 0 ?
	    CFG_HOOK_STORE : CFG_HOOK_ERROR;
}

static enum cfg_hook_rc
hook_enable_secret(struct cfg_apply *a)
{
	const char	*pw = cmd_arg(a->res->args, "pw");
	const char	*hash = cmd_arg(a->res->args, "hash");
	char		 buf[128];
	int		 rc;

	if (a->negated)
		return CFG_HOOK_STORE;
	if (hash != NULL) {
		if (!cfg_secret_valid(hash))
			return cfg_apply_error(a, "ERROR: The secret you "
			    "entered is not a valid encrypted secret.\n"
			    "To enter an UNENCRYPTED secret, do not specify "
			    "type 5 encryption.\n"
			    "When you properly enter an UNENCRYPTED secret, "
			    "it will be encrypted.\n");
		return cfg_apply_set_line(a, "enable secret 5 %s", hash) == 0 ?
		    CFG_HOOK_STORE : CFG_HOOK_ERROR;
	}
	if (pw == NULL || cfg_secret_hash(pw, buf, sizeof(buf)) != 0)
		return cfg_apply_error(a, "%% Could not hash the secret\n");
	rc = cfg_apply_set_line(a, "enable secret 5 %s", buf);
	explicit_bzero(buf, sizeof(buf));
	return rc == 0 ? CFG_HOOK_STORE : CFG_HOOK_ERROR;
}

static enum cfg_hook_rc
hook_enable_password(struct cfg_apply *a)
{
	const char	*pw = cmd_arg(a->res->args, "pw");

	if (a->negated)
		return CFG_HOOK_STORE;
	/* A password whose first word is 0 would read back as the type
	 * keyword, and lose that word: such a one keeps its type. */
	return cfg_apply_set_line(a, strcmp(pw, "0") == 0 ||
	    strncmp(pw, "0 ", 2) == 0 ? "enable password 0 %s" :
	    "enable password %s", pw) == 0 ? CFG_HOOK_STORE : CFG_HOOK_ERROR;
}

static enum cfg_hook_rc
hook_license_level(struct cfg_apply *a)
{
	if (!a->negated)
		cfg_apply_say(a, "%% use 'write' command to make license boot "
		    "config take effect on next boot\n");
	return CFG_HOOK_STORE;
}

/* Natural order: digit runs compare as numbers. */
int
cfg_natural_cmp(const char *a, const char *b)
{
	unsigned long	 na, nb;
	char		*ea, *eb;

	while (*a != '\0' && *b != '\0') {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			na = strtoul(a, &ea, 10);
			nb = strtoul(b, &eb, 10);
			if (na != nb)
				return na < nb ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (*a != '\0') - (*b != '\0');
}

#define HIDDEN	CMD_F_HIDDEN
#define NO	CMD_F_NO

struct cfg_cmd cfg_base_cmds[] = {
	/* Builtins of global configuration. */
	{ .def = { MODE_CONFIG, "exit", "Exit from configure mode", NONE, 0,
	    15, CFG_ACT_EXIT, NULL } },
	{ .def = { MODE_CONFIG, "end", "Exit from configure mode", NONE, 0,
	    15, CFG_ACT_END, NULL } },
	{ .def = { MODE_CONFIG, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },

	/* The CSR's header block. */
	{ .def = { MODE_CONFIG, "version WORD$v", "Version\nVersion number",
	    NONE, HIDDEN, 15, 0, NULL }, .key = 1, .group = G_VERSION },
	{ .def = { MODE_CONFIG, "service timestamps { debug | log } "
	    "[ datetime [ msec ] [ localtime ] [ show-timezone ] [ year ] | "
	    "uptime ]",
	    "Modify use of network based services\n"
	    "Timestamp debug/log messages\n"
	    "Timestamp debug messages\nTimestamp log messages\n"
	    "Timestamp with date and time\n"
	    "Include milliseconds in timestamp\n"
	    "Use local time zone for timestamps\n"
	    "Add time zone information to timestamp\n"
	    "Include year in timestamp\n"
	    "Timestamp with system uptime", NONE, NO, 15, 0, NULL },
	    .key = 3, .group = G_VERSION },
	{ .def = { MODE_CONFIG, "service password-encryption",
	    "Modify use of network based services\nEncrypt system passwords",
	    NONE, NO, 15, 0, NULL }, .key = 2, .group = G_VERSION },
	{ .def = { MODE_CONFIG, "platform punt-keepalive disable-kernel-core",
	    "Platform commands\nPunt keepalive\nDisable kernel core",
	    NONE, NO | HIDDEN, 15, 0, NULL }, .cflags = CFG_F_BOTH,
	    .key = 3, .group = G_VERSION },
	{ .def = { MODE_CONFIG, "platform console { serial | virtual }",
	    "Platform commands\nConsole\nSerial console\nVirtual console",
	    NONE, NO | HIDDEN, 15, 0, NULL }, .key = 2, .group = G_VERSION },

	{ .def = { MODE_CONFIG, "hostname WORD$name",
	    "Set system's network name\nThis system's network name", NONE, NO,
	    15, 0, NULL }, .key = 1, .group = G_HOSTNAME,
	    .hook = hook_hostname },

	{ .def = { MODE_CONFIG, "boot-start-marker", "Boot start marker",
	    NONE, NO | HIDDEN, 15, 0, NULL }, .key = 1, .group = G_BOOT },
	{ .def = { MODE_CONFIG, "boot-end-marker", "Boot end marker",
	    NONE, NO | HIDDEN, 15, 0, NULL }, .key = 1, .group = G_BOOT },

	{ .def = { MODE_CONFIG, "enable secret { 0 LINE$pw | 5 WORD$hash | "
	    "LINE$pw }",
	    "Modify enable password parameters\n"
	    "Assign the privileged level secret (MAX of 25 characters)\n"
	    "Specifies an UNENCRYPTED password will follow\n"
	    "The UNENCRYPTED (cleartext) 'enable' secret\n"
	    "Specifies a MD5 HASHED secret will follow\n"
	    "The HASHED 'enable' secret string\n"
	    "The UNENCRYPTED (cleartext) 'enable' secret",
	    NONE, NO, 15, 0, NULL }, .key = 2, .group = G_ENABLE,
	    .hook = hook_enable_secret },
	{ .def = { MODE_CONFIG, "enable password [ 0 ] LINE$pw",
	    "Modify enable password parameters\n"
	    "Assign the privileged level password (MAX of 25 characters)\n"
	    "Specifies an UNENCRYPTED password will follow\n"
	    "The UNENCRYPTED (cleartext) 'enable' password",
	    NONE, NO, 15, 0, NULL }, .key = 2, .group = G_ENABLE,
	    .hook = hook_enable_password },

	{ .def = { MODE_CONFIG, "aaa new-model",
	    "Authentication, Authorization and Accounting.\n"
	    "Enable NEW access control commands and functions.(Disables OLD "
	    "commands.)", NONE, NO, 15, 0, NULL }, .cflags = CFG_F_BOTH,
	    .key = 2, .group = G_AAA },

	{ .def = { MODE_CONFIG, "ip domain lookup",
	    "Global IP configuration subcommands\nIP DNS Resolver\n"
	    "Enable IP Domain Name System hostname translation", NONE, NO, 15,
	    0, NULL }, .cflags = CFG_F_NEGSTORE, .key = 3,
	    .group = G_DOMAIN },
	/* `ip domain-name X`, the older spelling, is the same setting. */
	{ .def = { MODE_CONFIG, "ip { domain name | domain-name } WORD$name",
	    "Global IP configuration subcommands\nIP DNS Resolver\n"
	    "Define the default domain name\nDefine the default domain name\n"
	    "Default domain name", NONE, NO, 15, 0, NULL }, .key = 2,
	    .group = G_DOMAIN, .hook = hook_domain_name },
	{ .def = { MODE_CONFIG, "subscriber templating",
	    "Subscriber configuration\nTemplate configuration", NONE,
	    NO | HIDDEN, 15, 0, NULL }, .key = 2, .group = G_SUBSCRIBER },
	{ .def = { MODE_CONFIG, "multilink bundle-name authenticated",
	    "PPP multilink global configuration\n"
	    "Select method for naming multilink bundles\n"
	    "Use peer's authenticated name", NONE, NO | HIDDEN, 15, 0, NULL },
	    .key = 2, .group = G_MULTILINK },
	{ .def = { MODE_CONFIG, "license udi pid WORD$pid sn WORD$sn",
	    "Configure license features\nUnique Device Identifier\n"
	    "Product Identifier\nProduct Identifier\nSerial Number\n"
	    "Serial Number", NONE, NO | HIDDEN, 15, 0, NULL }, .key = 2,
	    .group = G_LICENSE },
	{ .def = { MODE_CONFIG, "license boot level { ax | appx | "
	    "advipservices | ipbase | premium | standard | advanced | lite }",
	    "Configure license features\nlicense boot configuration\n"
	    "License Level\nAx level\nAPPX level\nAdvipservices level\n"
	    "IPBase level\nPremium level\nStandard level\nAdvanced level\n"
	    "Lite level", NONE, NO, 15, 0, NULL }, .key = 3,
	    .group = G_LICENSE, .hook = hook_license_level },
	{ .def = { MODE_CONFIG, "spanning-tree extend system-id",
	    "Spanning Tree Subsystem\nSpanning Tree 802.1t extensions\n"
	    "Extend system-id into priority portion of the bridge id (PVST & "
	    "Rapid PVST)", NONE, NO, 15, 0, NULL }, .key = 3,
	    .group = G_SPANNING },
	{ .def = { MODE_CONFIG, "redundancy",
	    "Enter redundancy configuration mode", NONE, NO | HIDDEN, 15, 0,
	    NULL }, .key = 1, .group = G_REDUNDANCY },

	{ .def = { MODE_CONFIG, "virtual-service WORD$name",
	    "Virtual-service configuration\nVirtual service name", NONE,
	    NO | HIDDEN, 15, 0, NULL }, .key = 2, .group = G_VIRTSERVICE },
	{ .def = { MODE_CONFIG, "ip forward-protocol nd",
	    "Global IP configuration subcommands\n"
	    "Controls forwarding of physical and directed IP broadcasts\n"
	    "Sun's Network Disk protocol", NONE, NO | HIDDEN, 15, 0, NULL },
	    .key = 3, .group = G_FORWARD },
	{ .def = { MODE_CONFIG, "ip http server",
	    "Global IP configuration subcommands\n"
	    "HTTP server configuration\nEnable HTTP server", NONE, NO, 15, 0,
	    NULL }, .cflags = CFG_F_BOTH, .key = 3, .group = G_HTTP },
	{ .def = { MODE_CONFIG, "ip http secure-server",
	    "Global IP configuration subcommands\n"
	    "HTTP server configuration\nEnable HTTP secure server", NONE, NO,
	    15, 0, NULL }, .cflags = CFG_F_BOTH, .key = 3, .group = G_HTTP },
	{ .def = { MODE_CONFIG, "control-plane",
	    "Configure control plane services", NONE, NO | HIDDEN, 15, 0,
	    NULL }, .key = 1, .group = G_CONTROL },

	{ .def = { MODE_CONFIG, "banner motd LINE$text",
	    "Define a login banner\nSet Message of the Day banner\n"
	    "c banner-text c, where 'c' is a delimiting character", NONE, NO,
	    15, 0, NULL }, .cflags = CFG_F_DELIM, .key = 2,
	    .group = G_BANNER },

};
const size_t cfg_base_ncmds = sizeof(cfg_base_cmds) / sizeof(cfg_base_cmds[0]);

struct table {
	struct cfg_cmd	*cmds;
	size_t		 n;
};

int
cfg_tables_add(struct cmd_grammar *g, const char **bad)
{
	const struct table	 tables[] = {
		{ cfg_base_cmds, cfg_base_ncmds },
		{ cfg_if_cmds, cfg_if_ncmds },
		{ cfg_switch_cmds, cfg_switch_ncmds },
		{ cfg_vty_cmds, cfg_vty_ncmds },
		{ cfg_lisp_cmds, cfg_lisp_ncmds },
		{ cfg_logging_cmds, cfg_logging_ncmds },
	};
	size_t			 t, i;
	int			 order = 0, rc;

	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		for (i = 0; i < tables[t].n; i++) {
			tables[t].cmds[i].order = order++;
			if ((rc = cmd_grammar_add(g, &tables[t].cmds[i].def))
			    != 0) {
				if (bad != NULL)
					*bad = tables[t].cmds[i].def.syntax;
				return rc;
			}
		}
	}
	return 0;
}

struct cmd_grammar *
cfg_grammar_build(const char **bad)
{
	struct cmd_grammar	*g;

	if ((g = cmd_grammar_new(cfg_modes, MODE_COUNT)) == NULL)
		return NULL;
	if (cfg_tables_add(g, bad) != 0) {
		cmd_grammar_free(g);
		return NULL;
	}
	return g;
}

static const char factory[] =
    "version 15.5\n"
    "service timestamps debug datetime msec\n"
    "service timestamps log datetime msec\n"
    "no platform punt-keepalive disable-kernel-core\n"
    "platform console serial\n"
    "hostname Router\n"
    "boot-start-marker\n"
    "boot-end-marker\n"
    "no aaa new-model\n"
    "subscriber templating\n"
    "multilink bundle-name authenticated\n"
    "license udi pid CSR1000V sn 9LRT0000001\n"
    "spanning-tree extend system-id\n"
    "redundancy\n"
    "interface GigabitEthernet1\n"
    " no ip address\n"
    " shutdown\n"
    " negotiation auto\n"
    "interface GigabitEthernet2\n"
    " no ip address\n"
    " shutdown\n"
    " negotiation auto\n"
    "interface GigabitEthernet3\n"
    " no ip address\n"
    " shutdown\n"
    " negotiation auto\n"
    "virtual-service csr_mgmt\n"
    "ip forward-protocol nd\n"
    "no ip http server\n"
    "no ip http secure-server\n"
    "control-plane\n"
    "line con 0\n"
    " stopbits 1\n"
    "line vty 0 4\n"
    " login\n"
    "end\n";

const char *
cfg_factory_config(void)
{
	return factory;
}
