/*
 * The logging settings from the configuration's lines, through the
 * grammar: a line is parsed as global configuration would parse it, the
 * logging table's definition that matched says which sink it is about,
 * and the values come from the typed arguments (a level by name or
 * number, the buffer size, the host's address and port, the time stamp
 * options).  Nothing here reads the text of a line itself.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgcmd.h"
#include "cfg/cmd.h"
#include "cfg/logset.h"
#include "cfg/modes.h"
#include "cfg/tables.h"
#include "platform/ioslog.h"

void
log_settings_default(struct log_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->buffered = s->console = s->monitor = IOS_DEBUG;
	s->trap = IOS_INFO;
	s->bufsize = LOG_BUF_DEFAULT;
	s->stamp.kind = IOS_STAMP_NONE;
}

/* Whether def is one of the logging table's commands. */
static int
is_logging_cmd(const struct cmd_def *def)
{
	size_t	 i;

	for (i = 0; i < cfg_logging_ncmds; i++)
		if (def == &cfg_logging_cmds[i].def)
			return 1;
	return 0;
}

/* The level the line gives (`<0-7>$lvl` or a level keyword), or dflt. */
static int
level_of(const struct cmd_args *args, int dflt)
{
	const char	*v = cmd_arg(args, "lvl");
	int		 i;

	if (v != NULL)
		return ios_sev_parse(v) >= 0 ? ios_sev_parse(v) : dflt;
	for (i = 0; i <= IOS_DEBUG; i++)
		if (cmd_arg_has(args, ios_sev_name(i)))
			return i;
	return dflt;
}

static void
host_add(struct log_settings *s, const struct cmd_args *args)
{
	const char	*addr = cmd_arg(args, "addr");
	const char	*port = cmd_arg(args, "port");
	struct log_host	*h;
	uint16_t	 n = LOG_PORT_DEFAULT;

	if (s->nhost == LOG_MAX_HOSTS || addr == NULL)
		return;
	/* The grammar held the port to 1-65535. */
	if (port != NULL)
		n = (uint16_t)strtoul(port, NULL, 10);
	h = &s->host[s->nhost];
	memset(h, 0, sizeof(*h));
	h->sin.sin_family = AF_INET;
	h->sin.sin_port = htons(n);
	if (inet_pton(AF_INET, addr, &h->sin.sin_addr) != 1)
		return;
	snprintf(h->addr, sizeof(h->addr), "%s", addr);
	s->nhost++;
}

/* `logging SINK ...` and `no logging SINK`. */
static void
logging_line(struct log_settings *s, const struct cmd_result *res)
{
	const struct cmd_args	*args = res->args;
	const char		*size;

	if (cmd_arg_has(args, "buffered")) {
		if (res->negated) {
			s->buffered = -1;
			return;
		}
		/* The grammar held the size to 4096-2147483647. */
		if ((size = cmd_arg(args, "size")) != NULL)
			s->bufsize = strtoul(size, NULL, 10);
		s->buffered = level_of(args, IOS_DEBUG);
	} else if (cmd_arg_has(args, "console"))
		s->console = res->negated ? -1 : level_of(args, IOS_DEBUG);
	else if (cmd_arg_has(args, "monitor"))
		s->monitor = res->negated ? -1 : level_of(args, IOS_DEBUG);
	else if (cmd_arg_has(args, "trap"))
		s->trap = res->negated ? -1 : level_of(args, IOS_INFO);
	else if (cmd_arg(args, "addr") != NULL && !res->negated)
		/* `logging host A.B.C.D ...` and its older `logging A.B.C.D`;
		 * the model keeps no `no` form of either. */
		host_add(s, args);
}

/* `service timestamps log [datetime [msec] [localtime] [show-timezone]
 * [year] | uptime]`; the bare command is IOS's uptime. */
static void
stamp_line(struct log_settings *s, const struct cmd_result *res)
{
	const struct cmd_args	*args = res->args;
	struct ios_stamp	*st = &s->stamp;

	memset(st, 0, sizeof(*st));
	if (res->negated) {
		st->kind = IOS_STAMP_NONE;
		return;
	}
	if (!cmd_arg_has(args, "datetime")) {
		st->kind = IOS_STAMP_UPTIME;
		return;
	}
	st->kind = IOS_STAMP_DATETIME;
	st->msec = cmd_arg_has(args, "msec");
	st->localtime = cmd_arg_has(args, "localtime");
	st->year = cmd_arg_has(args, "year");
	st->timezone = cmd_arg_has(args, "show-timezone");
}

int
log_settings_line(struct log_settings *s, const struct cmd_grammar *g,
    const char *line)
{
	struct cmd_result	 res;

	memset(&res, 0, sizeof(res));
	if (cmd_parse(g, MODE_CONFIG, 15, line, &res) != 0) {
		cmd_result_clear(&res);
		return -1;
	}
	if (res.status == CMD_OK) {
		if (is_logging_cmd(res.def))
			logging_line(s, &res);
		else if (cmd_arg_has(res.args, "service") &&
		    cmd_arg_has(res.args, "timestamps") &&
		    cmd_arg_has(res.args, "log"))
			stamp_line(s, &res);
	}
	cmd_result_clear(&res);
	return 0;
}
