/*
 * Exec commands of secure management: show ip ssh, show ssh, show users,
 * show line, debug ip ssh, undebug all.  The SSH settings come from cfgd
 * (IPC_SSH_INFO, IPC_VTY_LINES), the sessions from vtyd (IPC_VTY_SESSIONS
 * on DIR/vtyd.sock); this file only formats IOS's text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/modes.h"
#include "cli/cli.h"
#include "platform/ipc-conn.h"
#include "platform/ipc.h"
#include "platform/rundir.h"
#include "platform/xmalloc.h"

#define NONE	CMD_MODE_NONE
#define PIPE	CMD_F_PIPE
#define MAXSESS	128
#define VTY_BLOCKS	99

/* One session as vtyd describes it. */
struct sess {
	unsigned	 line;
	char		 user[64], peer[64], proto[8], state[32];
	char		 cin[64], cout[64], hin[64], hout[64], version[8];
	unsigned	 idle;
};

struct sessions {
	struct sess	 s[MAXSESS];
	size_t		 n;
};

static void
copy_value(const struct ipc_msg *m, const char *key, char *dst, size_t len)
{
	const char	*kv;
	size_t		 it = 0, kl = strlen(key);

	*dst = '\0';
	while (ipc_msg_next_str(m, IPC_T_VALUE, &it, &kv) == 1)
		if (strncmp(kv, key, kl) == 0 && kv[kl] == '=')
			snprintf(dst, len, "%s", kv + kl + 1);
}

static void
copy_str(const struct ipc_msg *m, uint16_t tag, char *dst, size_t len)
{
	const char	*v = NULL;

	snprintf(dst, len, "%s", ipc_msg_get_str(m, tag, &v) == 0 ? v : "");
}

static void
on_session(const struct ipc_msg *m, void *arg)
{
	struct sessions	*ss = arg;
	struct sess	*s;
	uint32_t	 u = 0;

	if (ss->n == MAXSESS)
		return;
	s = &ss->s[ss->n++];
	memset(s, 0, sizeof(*s));
	ipc_msg_get_u32(m, IPC_T_VTY_LINE, &u);
	s->line = u;
	u = 0;
	ipc_msg_get_u32(m, IPC_T_VTY_IDLE, &u);
	s->idle = u;
	copy_str(m, IPC_T_USER, s->user, sizeof(s->user));
	copy_str(m, IPC_T_VTY_PEER, s->peer, sizeof(s->peer));
	copy_str(m, IPC_T_VTY_PROTO, s->proto, sizeof(s->proto));
	copy_str(m, IPC_T_VTY_STATE, s->state, sizeof(s->state));
	copy_value(m, "cipher-in", s->cin, sizeof(s->cin));
	copy_value(m, "cipher-out", s->cout, sizeof(s->cout));
	copy_value(m, "hmac-in", s->hin, sizeof(s->hin));
	copy_value(m, "hmac-out", s->hout, sizeof(s->hout));
	copy_value(m, "version", s->version, sizeof(s->version));
}

/* A request to vtyd (its own socket); 0, or -1 when vtyd is not there. */
static int
vtyd_request(struct cli *cli, struct ipc_msg *req,
    void (*cb)(const struct ipc_msg *, void *), void *arg,
    struct ipc_msg **last)
{
	struct ipc_conn	*c = NULL;
	char		 path[4096];
	int		 rc;

	if (rundir_path(path, sizeof(path), cli->rundir, RUNDIR_VTYD_SOCK) !=
	    0 || ipc_conn_open(path, "cli", &c) != 0) {
		ipc_msg_free(req);
		return -1;
	}
	rc = ipc_conn_request(c, req, cb, arg, last, 5000);
	ipc_conn_close(c);
	ipc_msg_free(req);
	return rc == 0 ? 0 : -1;
}

static void
sessions(struct cli *cli, struct sessions *ss)
{
	struct ipc_msg	*last = NULL;

	ss->n = 0;
	if (vtyd_request(cli, exec_new_req(IPC_VTY_SESSIONS), on_session, ss,
	    &last) == 0)
		ipc_msg_free(last);
}

/* This shell's own vty number, or -1 on the console. */
static int
own_vty(const struct cli *cli)
{
	unsigned	 n;

	if (!cli->vty || cli->line_name == NULL ||
	    sscanf(cli->line_name, "vty%u", &n) != 1)
		return -1;
	return (int)n;
}

static void
idle_text(unsigned secs, char *buf, size_t len)
{
	snprintf(buf, len, "%02u:%02u:%02u", secs / 3600 % 100,
	    secs / 60 % 60, secs % 60);
}

/* show ip ssh */

static const char *
value(const struct ipc_msg *rep, const char *key)
{
	return exec_sys_value(rep, key);
}

static void
x_show_ip_ssh(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct ipc_msg	*rep = NULL;
	const char	*enabled, *v, *pub;
	size_t		 len, off;

	(void)res;
	if (exec_request(cli, exec_new_req(IPC_SSH_INFO), &rep) != IPC_S_OK) {
		ipc_msg_free(rep);
		return;
	}
	enabled = value(rep, "enabled");
	v = value(rep, "version");
	if (enabled == NULL || strcmp(enabled, "1") != 0) {
		out_printf(o, "SSH Disabled - version %s\n%%Please create RSA "
		    "keys to enable SSH (and of atleast 768 bits for SSH v2).\n"
		    "Authentication timeout: %s secs; Authentication retries: "
		    "%s\n", v != NULL ? v : "1.99", value(rep, "timeout"),
		    value(rep, "retries"));
		ipc_msg_free(rep);
		return;
	}
	out_printf(o, "SSH Enabled - version %s\nAuthentication methods:%s\n"
	    "Authentication timeout: %s secs; Authentication retries: %s\n"
	    "Minimum expected Diffie Hellman key size : 1024 bits\n"
	    "IOS Keys in SECSH format(ssh-rsa, base64 encoded):\n",
	    v != NULL ? v : "1.99", value(rep, "methods"),
	    value(rep, "timeout"), value(rep, "retries"));
	if ((pub = value(rep, "pubkey")) != NULL) {
		len = strlen(pub);
		/* The key wraps at 80 columns, as IOS prints it. */
		for (off = 0; off < len; off += 80)
			out_printf(o, "%.*s\n", (int)(len - off > 80 ? 80 :
			    len - off), pub + off);
	}
	ipc_msg_free(rep);
}

/* show ssh */

static void
x_show_ssh(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct sessions	*ss = xcalloc(1, sizeof(*ss));
	size_t		 i;
	int		 any = 0;

	(void)res;
	sessions(cli, ss);
	for (i = 0; i < ss->n; i++) {
		const struct sess	*s = &ss->s[i];

		if (strcmp(s->proto, "ssh") != 0)
			continue;
		if (!any)
			out_printf(o, "Connection Version Mode Encryption  "
			    "Hmac         State                 Username\n");
		any = 1;
		out_printf(o, "%-10u %-7s %-4s %-11s %-12s %-21s %s\n",
		    s->line, *s->version ? s->version : "2.0", "IN", s->cin,
		    s->hin, s->state, s->user);
		out_printf(o, "%-10u %-7s %-4s %-11s %-12s %-21s %s\n",
		    s->line, *s->version ? s->version : "2.0", "OUT", s->cout,
		    s->hout, s->state, s->user);
	}
	if (!any)
		out_printf(o, "%%No SSHv2 server connections running.\n");
	out_printf(o, "%%No SSHv1 server connections running.\n");
	free(ss);
}

/* show users */

static void
x_show_users(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct sessions	*ss = xcalloc(1, sizeof(*ss));
	char		 name[16], idle[16];
	size_t		 i;
	int		 own = own_vty(cli);

	(void)res;
	sessions(cli, ss);
	out_printf(o, "    Line       User       Host(s)              Idle       "
	    "Location\n");
	if (!cli->vty)
		out_printf(o, "*  0 con 0                idle                 "
		    "00:00:00\n");
	for (i = 0; i < ss->n; i++) {
		const struct sess	*s = &ss->s[i];

		snprintf(name, sizeof(name), "vty %u", s->line);
		idle_text(s->idle, idle, sizeof(idle));
		out_printf(o, "%c%3u %-10s %-10s %-20s %8s %s\n",
		    (int)s->line == own ? '*' : ' ', s->line + 1, name,
		    s->user, "idle", idle, s->peer);
	}
	out_printf(o, "\n  Interface    User               Mode         Idle     "
	    "Peer Address\n\n");
	free(ss);
}

/* show line */

struct lines {
	unsigned	 first[VTY_BLOCKS], last[VTY_BLOCKS];
	size_t		 n;
};

static void
on_line(const struct ipc_msg *m, void *arg)
{
	struct lines	*l = arg;
	uint32_t	 f, t;

	if (l->n == VTY_BLOCKS ||
	    ipc_msg_get_u32(m, IPC_T_VTY_FIRST, &f) != 0 ||
	    ipc_msg_get_u32(m, IPC_T_VTY_LAST, &t) != 0)
		return;
	l->first[l->n] = f;
	l->last[l->n++] = t;
}

static void
line_row(struct out *o, int active, unsigned n, const char *typ)
{
	out_printf(o, "%c%6u %-3s%15s%5s%7s%5s%5s%7u%8u%8s%8s\n",
	    active ? '*' : ' ', n, typ, "-", "-", "-", "-", "-", 0u, 0u,
	    "0/0", "-");
}

static void
x_show_line(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct sessions	*ss = xcalloc(1, sizeof(*ss));
	struct lines	 l = { { 0 }, { 0 }, 0 };
	struct ipc_msg	*req, *last = NULL;
	unsigned	 vty;
	size_t		 i, b;
	int		 active;

	(void)res;
	sessions(cli, ss);
	req = exec_new_req(IPC_VTY_LINES);
	if (cli_request(cli, req, on_line, &l, &last) == 0)
		ipc_msg_free(last);
	ipc_msg_free(req);
	out_printf(o, "   Tty Typ     Tx/Rx    A Modem  Roty AccO AccI   Uses   "
	    "Noise  Overruns   Int\n");
	line_row(o, 1, 0, "CTY");
	for (vty = 0; vty <= 98; vty++) {
		for (b = 0; b < l.n; b++)
			if (l.first[b] <= vty && vty <= l.last[b])
				break;
		if (b == l.n)
			continue;
		active = 0;
		for (i = 0; i < ss->n; i++)
			if (ss->s[i].line == vty)
				active = 1;
		line_row(o, active, vty + 1, "VTY");
	}
	out_printf(o, "\n");
	free(ss);
}

/* debug ip ssh / undebug all */

static void
set_debug(struct cli *cli, int on)
{
	struct ipc_msg	*req = exec_new_req(IPC_VTY_DEBUG), *last = NULL;

	ipc_msg_add_str(req, IPC_T_TTY, cli->vty && cli->line_name != NULL ?
	    cli->line_name : "console");
	ipc_msg_add_u32(req, IPC_T_FLAG, (uint32_t)on);
	if (vtyd_request(cli, req, NULL, NULL, &last) == 0)
		ipc_msg_free(last);
}

static void
x_debug_ip_ssh(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	(void)res;
	set_debug(cli, 1);
	out_printf(o, "Incoming SSH debugging is on\n");
}

static void
x_undebug_ip_ssh(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	(void)res;
	set_debug(cli, 0);
	out_printf(o, "Incoming SSH debugging is off\n");
}

static void
x_undebug_all(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	(void)res;
	set_debug(cli, 0);
	out_printf(o, "All possible debugging has been turned off\n");
}

struct exec_cmd exec_vty_cmds[] = {
	{ { MODE_EXEC, "show ip ssh",
	    "Show running system information\nIP information\n"
	    "Information on SSH", NONE, PIPE, 1, 0, NULL }, x_show_ip_ssh },
	{ { MODE_EXEC, "show ssh",
	    "Show running system information\nStatus of SSH server connections",
	    NONE, PIPE, 1, 0, NULL }, x_show_ssh },
	{ { MODE_EXEC, "show users",
	    "Show running system information\n"
	    "Display information about terminal lines", NONE, PIPE, 1, 0,
	    NULL }, x_show_users },
	{ { MODE_EXEC, "show line",
	    "Show running system information\nTTY line information", NONE,
	    PIPE, 1, 0, NULL }, x_show_line },
	{ { MODE_EXEC, "debug ip ssh",
	    "Debugging functions (see also 'undebug')\nIP information\n"
	    "Incoming ssh connections", NONE, 0, 15, 0, NULL },
	    x_debug_ip_ssh },
	{ { MODE_EXEC, "undebug ip ssh",
	    "Disable debugging functions (see also 'debug')\nIP information\n"
	    "Incoming ssh connections", NONE, 0, 15, 0, NULL },
	    x_undebug_ip_ssh },
	{ { MODE_EXEC, "undebug all",
	    "Disable debugging functions (see also 'debug')\n"
	    "Disable all debugging", NONE, 0, 15, 0, NULL }, x_undebug_all },
};
const size_t exec_vty_ncmds = sizeof(exec_vty_cmds) / sizeof(exec_vty_cmds[0]);
