/*
 * Logging: where the router's IOS system messages go (cfgd-logging.c
 * follows these lines).  The buffer, the console and vty monitors are on
 * at `debugging` and syslog (trap) at `informational` by default, so what
 * running-config shows is a change from that: `no logging console`,
 * `logging buffered 16384 warnings`, `logging trap debugging`.  IOS puts
 * buffer/console/monitor after the boot markers and the syslog lines
 * (`logging trap`, `logging host`) near the end, before control-plane.
 */
#include <stdlib.h>
#include <string.h>

#include "cfg/apply.h"
#include "cfg/cfgcmd.h"
#include "cfg/cfgtab.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/tables.h"

#define NONE	CMD_MODE_NONE
#define NO	CMD_F_NO

#define BUF_DEFAULT	"4096"

/* The level choice every sink takes, and its help lines. */
#define LEVEL_SYNTAX \
	"{ <0-7>$lvl | alerts | critical | debugging | emergencies | errors | " \
	"informational | notifications | warnings }"
#define LEVEL_HELP \
	"Logging severity level\n" \
	"Immediate action needed           (severity=1)\n" \
	"Critical conditions               (severity=2)\n" \
	"Debugging messages                (severity=7)\n" \
	"System is unusable                (severity=0)\n" \
	"Error conditions                  (severity=3)\n" \
	"Informational messages            (severity=6)\n" \
	"Normal but significant conditions (severity=5)\n" \
	"Warning conditions                (severity=4)"

static const char *const level_names[] = {
	"emergencies", "alerts", "critical", "errors", "warnings",
	"notifications", "informational", "debugging",
};

/* The level the line names, or dflt. */
static int
level_arg(const struct cmd_args *args, int dflt)
{
	const char	*v = cmd_arg(args, "lvl");
	int		 i;

	if (v != NULL)
		return atoi(v);
	for (i = 0; i < 8; i++)
		if (cmd_arg_has(args, level_names[i]))
			return i;
	return dflt;
}

/*
 * Stores `[no] logging SINK [SIZE] [LEVEL]` in IOS's form: the level by
 * name, defaults left out; a line that says only the default removes the
 * setting (the sink is back on at its default level).
 */
static enum cfg_hook_rc
sink_line(struct cfg_apply *a, const char *sink, int dflt)
{
	const char	*size = cmd_arg(a->res->args, "size");
	int		 lvl = level_arg(a->res->args, dflt), rc;

	if (a->negated)
		return cfg_apply_set_line(a, "no logging %s", sink) == 0 ?
		    CFG_HOOK_STORE : CFG_HOOK_ERROR;
	if (size != NULL && strcmp(size, BUF_DEFAULT) == 0)
		size = NULL;
	if (size == NULL && lvl == dflt) {
		if (cfg_apply_set_line(a, "logging %s", sink) != 0)
			return CFG_HOOK_ERROR;
		cfg_node_remove_matching(a->model, a->ctx, a->cmd, a->line);
		return CFG_HOOK_DONE;
	}
	rc = cfg_apply_set_line(a, "logging %s%s%s%s%s", sink,
	    size != NULL ? " " : "", size != NULL ? size : "",
	    lvl != dflt ? " " : "", lvl != dflt ? level_names[lvl] : "");
	return rc == 0 ? CFG_HOOK_STORE : CFG_HOOK_ERROR;
}

static enum cfg_hook_rc
hook_buffered(struct cfg_apply *a)
{
	return sink_line(a, "buffered", 7);
}

static enum cfg_hook_rc
hook_console(struct cfg_apply *a)
{
	return sink_line(a, "console", 7);
}

static enum cfg_hook_rc
hook_monitor(struct cfg_apply *a)
{
	return sink_line(a, "monitor", 7);
}

static enum cfg_hook_rc
hook_trap(struct cfg_apply *a)
{
	return sink_line(a, "trap", 6);
}

/* The default port is not shown. */
static enum cfg_hook_rc
hook_host(struct cfg_apply *a)
{
	const char	*port = cmd_arg(a->res->args, "port");

	if (a->negated || (port != NULL && strcmp(port, "514") != 0))
		return CFG_HOOK_STORE;
	return cfg_apply_set_line(a, "logging host %s",
	    cmd_arg(a->res->args, "addr")) == 0 ? CFG_HOOK_STORE :
	    CFG_HOOK_ERROR;
}

#define HOST_CMD	(&cfg_logging_cmds[4])

/*
 * `logging A.B.C.D`, the older spelling, is `logging host A.B.C.D`: stored
 * (or removed) under that command, so that both name one setting.
 */
static enum cfg_hook_rc
hook_host_short(struct cfg_apply *a)
{
	if (cfg_apply_set_line(a, "logging host %s",
	    cmd_arg(a->res->args, "addr")) != 0)
		return CFG_HOOK_ERROR;
	if (a->negated)
		cfg_node_remove_matching(a->model, a->ctx, HOST_CMD, a->line);
	else if (cfg_node_set(a->model, a->ctx, HOST_CMD, a->line) == NULL)
		return CFG_HOOK_ERROR;
	return CFG_HOOK_DONE;
}

struct cfg_cmd cfg_logging_cmds[] = {
	{ .def = { MODE_CONFIG, "logging buffered [ <4096-2147483647>$size ] "
	    "[ " LEVEL_SYNTAX " ]",
	    "Modify message logging facilities\n"
	    "Set buffered logging parameters\n"
	    "Logging buffer size\n" LEVEL_HELP, NONE, NO, 15, 0, NULL },
	    .cflags = CFG_F_BOTH, .key = 2, .group = G_LOGGING,
	    .hook = hook_buffered },
	{ .def = { MODE_CONFIG, "logging console [ " LEVEL_SYNTAX " ]",
	    "Modify message logging facilities\n"
	    "Set console logging parameters\n" LEVEL_HELP, NONE, NO, 15, 0,
	    NULL }, .cflags = CFG_F_BOTH, .key = 2, .group = G_LOGGING,
	    .hook = hook_console },
	{ .def = { MODE_CONFIG, "logging monitor [ " LEVEL_SYNTAX " ]",
	    "Modify message logging facilities\n"
	    "Set terminal line (monitor) logging parameters\n" LEVEL_HELP,
	    NONE, NO, 15, 0, NULL }, .cflags = CFG_F_BOTH, .key = 2,
	    .group = G_LOGGING, .hook = hook_monitor },
	{ .def = { MODE_CONFIG, "logging trap [ " LEVEL_SYNTAX " ]",
	    "Modify message logging facilities\n"
	    "Set syslog server logging level\n" LEVEL_HELP, NONE, NO, 15, 0,
	    NULL }, .cflags = CFG_F_BOTH, .key = 2, .group = G_LOGHOST,
	    .hook = hook_trap },
	{ .def = { MODE_CONFIG, "logging host A.B.C.D$addr "
	    "[ transport udp port <1-65535>$port ]",
	    "Modify message logging facilities\n"
	    "Set syslog server IP address and parameters\n"
	    "IP address of the syslog server\n"
	    "Specify the transport protocol (default=UDP)\n"
	    "Enable UDP as transport protocol\n"
	    "Specify the UDP port number (default=514)\n"
	    "The UDP port number", NONE, NO, 15, 0, NULL }, .key = 3,
	    .group = G_LOGHOST, .hook = hook_host },
	{ .def = { MODE_CONFIG, "logging A.B.C.D$addr",
	    "Modify message logging facilities\n"
	    "IP address of the logging host", NONE, NO, 15, 0, NULL },
	    .key = 2, .group = G_LOGHOST, .hook = hook_host_short },
};
const size_t cfg_logging_ncmds = sizeof(cfg_logging_cmds) /
    sizeof(cfg_logging_cmds[0]);
