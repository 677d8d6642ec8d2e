/*
 * Terminal lines (console and vty) and, with the secure-management issue,
 * users, SSH and keys.
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

static int
cmp_line(const char *a, const char *b)
{
	/* con before aux before vty, then by number. */
	int	 ra = strncmp(a, "line con", 8) == 0 ? 0 :
		    strncmp(a, "line aux", 8) == 0 ? 1 : 2;
	int	 rb = strncmp(b, "line con", 8) == 0 ? 0 :
		    strncmp(b, "line aux", 8) == 0 ? 1 : 2;

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return cfg_natural_cmp(a, b);
}

struct cfg_cmd cfg_vty_cmds[] = {
	{ .def = { MODE_CONFIG, "line { con 0 | vty <0-98>$first "
	    "[ <0-98>$last ] }",
	    "Configure a terminal line\nPrimary terminal line\n"
	    "First Line number\nVirtual terminal\nFirst Line number\n"
	    "Last Line number", MODE_CONFIG_LINE, NO, 15, 0, NULL }, .key = 0,
	    .group = G_LINE, .cmp = cmp_line },

	/* Line configuration. */
	{ .def = { MODE_CONFIG_LINE, "exit",
	    "Exit from line configuration mode", NONE, 0, 15, CFG_ACT_EXIT,
	    NULL } },
	{ .def = { MODE_CONFIG_LINE, "end", "Exit from configure mode", NONE,
	    HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_CONFIG_LINE, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_CONFIG_LINE, "exec-timeout <0-35791>$min "
	    "[ <0-2147483>$sec ]",
	    "Set the EXEC timeout\n<0-35791>  Timeout in minutes\n"
	    "Timeout in seconds", NONE, NO, 15, 0, NULL }, .key = 1,
	    .group = G_SUB },
	{ .def = { MODE_CONFIG_LINE, "password LINE$pw",
	    "Set a password\nThe UNENCRYPTED (cleartext) line password", NONE,
	    NO, 15, 0, NULL }, .key = 1, .group = G_SUB },
	{ .def = { MODE_CONFIG_LINE, "login [ local ]",
	    "Enable password checking\nLocal password checking", NONE, NO, 15,
	    0, NULL }, .key = 1, .group = G_SUB },
	{ .def = { MODE_CONFIG_LINE, "stopbits { 1 | 1.5 | 2 }",
	    "Set async line stop bits\nOne stop bit\nOne and one-half stop "
	    "bits\nTwo stop bits", NONE, NO, 15, 0, NULL }, .key = 1,
	    .group = G_SUB },
	{ .def = { MODE_CONFIG_LINE, "length <0-512>$len",
	    "Set number of lines on a screen\n"
	    "Number of lines on screen (0 for no pausing)", NONE, NO, 15, 0,
	    NULL }, .key = 1, .group = G_SUB },
	{ .def = { MODE_CONFIG_LINE, "privilege level <0-15>$level",
	    "Change privilege level for line\nAssign default privilege level "
	    "for line\nDefault privilege level for line", NONE, NO, 15, 0,
	    NULL }, .key = 2, .group = G_SUB },
	{ .def = { MODE_CONFIG_LINE, "transport input { all | none | ssh | "
	    "telnet }",
	    "Define transport protocols for line\n"
	    "Define which protocols to use when connecting to the terminal "
	    "server\nAll protocols\nNo protocols\nTCP/IP SSH protocol\n"
	    "TCP/IP Telnet protocol", NONE, NO, 15, 0, NULL }, .key = 2,
	    .group = G_SUB },
};
const size_t cfg_vty_ncmds = sizeof(cfg_vty_cmds) / sizeof(cfg_vty_cmds[0]);
