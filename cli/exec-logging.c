/*
 * Logging in the shell: show logging, clear logging, terminal [no]
 * monitor, and the session's log connection.  cfgd keeps the buffer and
 * the counters (cfg/cfgd-logging.c) and sends them as records; the
 * layout here is IOS XE's.
 *
 * A session that shows messages as they happen (the console, per
 * `logging console`; a vty after `terminal monitor`, per `logging
 * monitor`) holds a second connection to cfgd that carries only
 * IPC_EV_LOG events, so that they never interleave with the replies of
 * the request connection.  term.c watches it while readline waits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfg/modes.h"
#include "cli/cli.h"
#include "platform/ipc-conn.h"
#include "platform/ipc.h"
#include "platform/xmalloc.h"

#define NONE	CMD_MODE_NONE
#define PIPE	CMD_F_PIPE
#define MON_TIMEOUT	3000	/* ms for cfgd to take the subscription */

/* The session's log connection. */

void
cli_log_close(struct cli *cli)
{
	ipc_conn_close(cli->logmon);
	cli->logmon = NULL;
}

/* Opens the event connection of the kind the session wants; 0 or -1. */
int
cli_log_open(struct cli *cli)
{
	struct ipc_msg	*req, *rep = NULL;
	uint32_t	 kind, status = IPC_S_ERROR;

	if (cli->logmon != NULL)
		return 0;
	if (!cli->vty)
		kind = IPC_LOGMON_CONSOLE;
	else if (cli->monitor)
		kind = IPC_LOGMON_MONITOR;
	else
		return 0;
	if (ipc_conn_open(cli->sock_path, "cli-log", &cli->logmon) != 0) {
		cli->logmon = NULL;
		return -1;
	}
	req = exec_new_req(IPC_LOG_MONITOR);
	ipc_msg_add_u32(req, IPC_T_FLAG, kind);
	if (ipc_conn_request(cli->logmon, req, NULL, NULL, &rep,
	    MON_TIMEOUT) == 0)
		(void)ipc_msg_get_u32(rep, IPC_T_STATUS, &status);
	ipc_msg_free(req);
	ipc_msg_free(rep);
	if (status != IPC_S_OK) {
		cli_log_close(cli);
		return -1;
	}
	return 0;
}

int
cli_log_fd(const struct cli *cli)
{
	return cli->logmon != NULL ? ipc_conn_fd(cli->logmon) : -1;
}

/*
 * Takes the messages waiting on the log connection, without blocking,
 * and hands each line to show().  A connection that broke is closed (the
 * next prompt opens it again).
 */
void
cli_log_drain(struct cli *cli, void (*show)(struct cli *, const char *))
{
	struct ipc_msg	*m;
	const char	*text;
	int		 rc;

	while (cli->logmon != NULL) {
		if ((rc = ipc_conn_recv(cli->logmon, &m, 0)) != 0) {
			if (rc != IPC_E_TIMEOUT)
				cli_log_close(cli);
			return;
		}
		if (ipc_msg_type(m) == IPC_EV_LOG &&
		    ipc_msg_get_str(m, IPC_T_TEXT, &text) == 0)
			show(cli, text);
		ipc_msg_free(m);
	}
}

/* show logging */

struct logshow {
	char		**kv;		/* "key=value" */
	size_t		  nkv;
	char		**line;
	size_t		  nline;
};

static void
logshow_record(const struct ipc_msg *m, void *arg)
{
	struct logshow	*ls = arg;
	const char	*s;
	size_t		 it = 0;

	while (ipc_msg_next_str(m, IPC_T_VALUE, &it, &s) == 1) {
		ls->kv = xreallocarray(ls->kv, ls->nkv + 1, sizeof(char *));
		ls->kv[ls->nkv++] = xstrdup(s);
	}
	it = 0;
	while (ipc_msg_next_str(m, IPC_T_TEXT, &it, &s) == 1) {
		ls->line = xreallocarray(ls->line, ls->nline + 1,
		    sizeof(char *));
		ls->line[ls->nline++] = xstrdup(s);
	}
}

static const char *
logshow_get(const struct logshow *ls, const char *key)
{
	size_t	 i, n = strlen(key);

	for (i = 0; i < ls->nkv; i++)
		if (strncmp(ls->kv[i], key, n) == 0 && ls->kv[i][n] == '=')
			return ls->kv[i] + n + 1;
	return "";
}

static void
logshow_free(struct logshow *ls)
{
	size_t	 i;

	for (i = 0; i < ls->nkv; i++)
		free(ls->kv[i]);
	for (i = 0; i < ls->nline; i++)
		free(ls->line[i]);
	free(ls->kv);
	free(ls->line);
}

/* "    Console logging: level debugging, 3 messages logged, xml ..." */
static void
sink_line(struct out *o, const struct logshow *ls, const char *title,
    const char *key, const char *indent)
{
	const char	*lvl = logshow_get(ls, key);
	char		 count[64];

	snprintf(count, sizeof(count), "%s-logged", key);
	if (strcmp(lvl, "off") == 0) {
		out_printf(o, "    %s disabled\n", title);
		return;
	}
	out_printf(o, "    %s level %s, %s messages logged, xml disabled,\n"
	    "%sfiltering disabled\n", title, lvl, logshow_get(ls, count),
	    indent);
}

static void
show_hosts(struct out *o, const struct logshow *ls)
{
	char		 addr[64];
	unsigned	 port;
	unsigned long	 lines;
	size_t		 i;

	for (i = 0; i < ls->nkv; i++) {
		if (strncmp(ls->kv[i], "host=", 5) != 0 || sscanf(ls->kv[i] +
		    5, "%63[^,],%u,%lu", addr, &port, &lines) != 3)
			continue;
		out_printf(o, "        Logging to %s  (udp port %u, audit "
		    "disabled,\n              link up),\n"
		    "              %lu message lines logged,\n"
		    "              0 message lines rate-limited,\n"
		    "              0 message lines dropped-by-MD,\n"
		    "              xml disabled, sequence number disabled\n"
		    "              filtering disabled\n", addr, port, lines);
	}
}

static void
x_show_logging(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct logshow	 ls;
	struct ipc_msg	*req = exec_new_req(IPC_LOG_SHOW), *last = NULL;
	size_t		 i;
	int		 rc;

	(void)res;
	memset(&ls, 0, sizeof(ls));
	rc = cli_request(cli, req, logshow_record, &ls, &last);
	ipc_msg_free(req);
	if (rc != 0 || ipc_msg_type(last) != IPC_END) {
		cli->errors++;
		goto done;
	}
	out_printf(o, "Syslog logging: enabled (%s messages dropped, 0 "
	    "messages rate-limited, 0 flushes, 0 overruns, xml disabled, "
	    "filtering disabled)\n\nNo Active Message Discriminator.\n\n\n\n"
	    "No Inactive Message Discriminator.\n\n\n",
	    logshow_get(&ls, "dropped"));
	sink_line(o, &ls, "Console logging:", "console",
	    "                     ");
	sink_line(o, &ls, "Monitor logging:", "monitor",
	    "                     ");
	if (strcmp(logshow_get(&ls, "buffered"), "off") == 0)
		out_printf(o, "    Buffer logging:  disabled, xml disabled,\n"
		    "                    filtering disabled\n");
	else
		out_printf(o, "    Buffer logging:  level %s, %s messages "
		    "logged, xml disabled,\n                    filtering "
		    "disabled\n", logshow_get(&ls, "buffered"),
		    logshow_get(&ls, "buffer-logged"));
	out_printf(o, "    Exception Logging: size (4096 bytes)\n"
	    "    Count and timestamp logging messages: disabled\n"
	    "    Persistent logging: disabled\n\nNo active filter modules.\n\n");
	if (strcmp(logshow_get(&ls, "trap"), "off") == 0)
		out_printf(o, "    Trap logging: disabled\n");
	else
		out_printf(o, "    Trap logging: level %s, %s message lines "
		    "logged\n", logshow_get(&ls, "trap"),
		    logshow_get(&ls, "trap-logged"));
	show_hosts(o, &ls);
	out_printf(o, "        Logging Source-Interface:       VRF Name:\n");
	if (strcmp(logshow_get(&ls, "buffered"), "off") != 0) {
		out_printf(o, "\nLog Buffer (%s bytes):\n\n",
		    logshow_get(&ls, "buffer-size"));
		for (i = 0; i < ls.nline && !out_quit(o); i++)
			out_printf(o, "%s\n", ls.line[i]);
	}
done:
	ipc_msg_free(last);
	logshow_free(&ls);
}

/* clear logging */

static void
x_clear_logging(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	char	*ans;
	int	 go;

	(void)res;
	(void)o;
	ans = cli->ask(cli, "Clear logging buffer [confirm]", 1);
	go = ans != NULL && (*ans == '\0' || strncasecmp(ans, "y", 1) == 0);
	free(ans);
	if (go && exec_request(cli, exec_new_req(IPC_LOG_CLEAR), NULL) !=
	    IPC_S_OK)
		cli->errors++;
}

/* terminal monitor: the vty shows messages from now on (not the console,
 * which has logging console). */
static void
x_terminal_monitor(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	(void)o;
	if (cmd_arg_has(res->args, "no")) {
		cli->monitor = 0;
		if (cli->vty)
			cli_log_close(cli);
		return;
	}
	cli->monitor = 1;
	if (cli->vty && cli->interactive && cli_log_open(cli) != 0)
		cli_print(cli, "%% Cannot reach the logging service\n");
}

struct exec_cmd exec_logging_cmds[] = {
	{ { MODE_EXEC, "show logging",
	    "Show running system information\n"
	    "Show the contents of logging buffers", NONE, PIPE, 15, 0, NULL },
	    x_show_logging },
	{ { MODE_EXEC, "clear logging",
	    "Reset functions\nClear logging buffer", NONE, 0, 15, 0, NULL },
	    x_clear_logging },
	{ { MODE_EXEC, "terminal monitor",
	    "Set terminal line parameters\n"
	    "Copy debug output to the current terminal line", NONE, 0, 1, 0,
	    NULL }, x_terminal_monitor },
	{ { MODE_EXEC, "terminal no$no monitor",
	    "Set terminal line parameters\nNegate a command or set its "
	    "defaults\nCopy debug output to the current terminal line", NONE,
	    0, 1, 0, NULL }, x_terminal_monitor },
};

const size_t exec_logging_ncmds = sizeof(exec_logging_cmds) /
    sizeof(exec_logging_cmds[0]);
