/*
 * The configuration command tables and the grammar built from them.  Every
 * configuration command of the router is declared once, in a table under
 * cfg/; cfgd applies lines with it and the cli uses the same grammar for
 * `?` and TAB.
 */
#ifndef CFG_CFGTAB_H
#define CFG_CFGTAB_H

#include "cfg/cmd.h"

/* Display groups: the order of top-level settings in running-config, with a
 * '!' line wherever the group changes. */
enum cfg_group {
	G_VERSION = 10,
	G_HOSTNAME = 20,
	G_BOOT = 30,
	G_LOGGING = 35,		/* logging buffered, console, monitor */
	G_ENABLE = 40,
	G_AAA = 50,
	G_DOMAIN = 60,
	G_SUBSCRIBER = 70,
	G_MULTILINK = 72,
	G_LICENSE = 74,
	G_SPANNING = 76,
	G_USERNAME = 80,
	G_REDUNDANCY = 90,
	G_VLAN = 95,
	G_SSH = 100,
	G_INTERFACE = 110,
	G_LISP = 120,
	G_VIRTSERVICE = 130,
	G_FORWARD = 140,
	G_HTTP = 150,
	G_ROUTE = G_HTTP,	/* static routes follow the ip http lines */
	G_LOGHOST = 160,	/* logging trap, logging host */
	G_CONTROL = 170,
	G_BANNER = 180,
	G_LINE = 190,
	G_SUB = 1000,		/* inside a block: table order only */
};

/*
 * Adds every configuration mode's commands (and the exit/end/do builtins)
 * to g, whose mode table must be cfg_modes.  Returns 0 or CMD_E_*; *bad
 * names the failing syntax.
 */
int		 cfg_tables_add(struct cmd_grammar *g, const char **bad);
/* A grammar with cfg_modes and the configuration commands; NULL on error
 * (*bad as above). */
struct cmd_grammar *cfg_grammar_build(const char **bad);
/* The configuration of a router fresh from the factory (IOS text). */
const char	*cfg_factory_config(void);

#endif
