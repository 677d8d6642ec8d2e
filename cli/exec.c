/*
 * Exec commands: their table on the grammar engine and their handlers.
 * Handlers ask the daemons for data and format it as IOS prints it.
 */
#include <sys/statvfs.h>
#include <sys/utsname.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cfg/modes.h"
#include "cli/cli.h"
#include "platform/ipc-conn.h"
#include "platform/ipc.h"
#include "platform/xmalloc.h"

#define NONE	CMD_MODE_NONE
#define PIPE	CMD_F_PIPE

/* Text collected from a DATA stream. */
struct text {
	char	*p;
	size_t	 len;
};

static void
collect_text(const struct ipc_msg *m, void *arg)
{
	struct text	*t = arg;
	const char	*s;
	size_t		 n;

	if (ipc_msg_get_str(m, IPC_T_TEXT, &s) != 0)
		return;
	n = strlen(s);
	t->p = xreallocarray(t->p, t->len + n + 1, 1);
	memcpy(t->p + t->len, s, n + 1);
	t->len += n;
}

/* A simple request: RESULT status, with its text printed on error. */
int
exec_request(struct cli *cli, struct ipc_msg *req, struct ipc_msg **keep)
{
	struct ipc_msg	*rep = NULL;
	const char	*text;
	uint32_t	 status = IPC_S_ERROR;

	if (cli_request(cli, req, NULL, NULL, &rep) != 0) {
		ipc_msg_free(req);
		return -1;
	}
	ipc_msg_free(req);
	(void)ipc_msg_get_u32(rep, IPC_T_STATUS, &status);
	if (status != IPC_S_OK && keep == NULL &&
	    ipc_msg_get_str(rep, IPC_T_TEXT, &text) == 0)
		cli_print(cli, "%s", text);
	if (keep != NULL)
		*keep = rep;
	else
		ipc_msg_free(rep);
	return (int)status;
}

struct ipc_msg *
exec_new_req(uint16_t type)
{
	struct ipc_msg	*m = ipc_msg_new(type, 0);

	if (m == NULL) {
		fprintf(stderr, "cli: out of memory\n");
		exit(1);
	}
	return m;
}

/* Fetches a stream of text (show running-config ...); NULL on error. */
static char *
fetch_text(struct cli *cli, struct ipc_msg *req, size_t *len)
{
	struct ipc_msg	*last = NULL;
	struct text	 t = { NULL, 0 };
	const char	*msg;

	if (cli_request(cli, req, collect_text, &t, &last) != 0) {
		ipc_msg_free(req);
		free(t.p);
		return NULL;
	}
	ipc_msg_free(req);
	if (ipc_msg_type(last) != IPC_END) {
		if (ipc_msg_get_str(last, IPC_T_TEXT, &msg) == 0)
			cli_print(cli, "%s", msg);
		ipc_msg_free(last);
		free(t.p);
		return NULL;
	}
	ipc_msg_free(last);
	*len = t.len;
	return t.p != NULL ? t.p : xstrdup("");
}

static int
yes(const char *ans, int dflt)
{
	if (ans == NULL)
		return 0;
	if (*ans == '\0')
		return dflt;
	return strcasecmp(ans, "y") == 0 || strcasecmp(ans, "yes") == 0;
}

static char *
ask(struct cli *cli, const char *prompt, int echo)
{
	return cli->ask(cli, prompt, echo);
}

/* enable / disable / exit */

static int
enable_is_set(struct cli *cli)
{
	struct ipc_msg	*rep = NULL;
	const char	*v;
	size_t		 it = 0;
	int		 set = 0;

	if (exec_request(cli, exec_new_req(IPC_SYS_INFO), &rep) != IPC_S_OK) {
		ipc_msg_free(rep);
		return -1;
	}
	while (ipc_msg_next_str(rep, IPC_T_VALUE, &it, &v) == 1)
		if (strcmp(v, "enable=set") == 0)
			set = 1;
	ipc_msg_free(rep);
	return set;
}

static void
x_enable(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct ipc_msg	*req;
	char		*pw;
	int		 set, i, st;

	(void)res;
	(void)o;
	if (cli->priv >= 15)
		return;
	if ((set = enable_is_set(cli)) < 0)
		return;
	if (!set) {
		if (cli->vty) {
			cli_print(cli, "%% No password set\n");
			cli->errors++;
			return;
		}
		cli->priv = 15;
		return;
	}
	for (i = 0; i < 3; i++) {
		if ((pw = ask(cli, "Password: ", 0)) == NULL)
			break;
		req = exec_new_req(IPC_CFG_CHECK_ENABLE);
		ipc_msg_add_str(req, IPC_T_SECRET, pw);
		explicit_bzero(pw, strlen(pw));
		free(pw);
		st = exec_request(cli, req, NULL);
		if (st == IPC_S_OK) {
			cli->priv = 15;
			return;
		}
		if (st != IPC_S_DENIED)
			return;
	}
	cli->errors++;
	cli_print(cli, "%% Bad secrets\n\n");
}

static void
x_disable(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	(void)res;
	(void)o;
	cli->priv = 1;
}

static void
x_exit(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	(void)res;
	(void)o;
	cli->done = 1;
}

/* configure */

static void
enter_config(struct cli *cli)
{
	size_t	 i;

	for (i = 0; i < cli->npath; i++)
		free(cli->path[i]);
	free(cli->path);
	cli->path = NULL;
	cli->npath = 0;
	cli_print(cli, "Enter configuration commands, one per line.  End with "
	    "CNTL/Z.\n");
	cli->mode = MODE_CONFIG;
}

static void
x_configure(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	char	*ans;

	(void)o;
	if (!cmd_arg_has(res->args, "terminal")) {
		ans = ask(cli, "Configuring from terminal, memory, or network "
		    "[terminal]? ", 1);
		if (ans == NULL || (*ans != '\0' &&
		    strncasecmp(ans, "terminal", strlen(ans)) != 0)) {
			cli_print(cli, "?Must be \"terminal\", \"memory\" or "
			    "\"network\"\n");
			free(ans);
			return;
		}
		free(ans);
	}
	enter_config(cli);
}

static void
x_configure_replace(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	const char	*url = cmd_arg(res->args, "url");
	struct ipc_msg	*req;
	char		*ans;

	(void)o;
	if (!cmd_arg_has(res->args, "force")) {
		ans = ask(cli, "This will apply all necessary additions and "
		    "deletions\nto replace the current running configuration "
		    "with the\ncontents of the specified configuration file, "
		    "which is\nassumed to be a complete configuration, not a "
		    "partial\nconfiguration. Enter Y if you are sure you want "
		    "to proceed. ? [no]: ", 1);
		if (!yes(ans, 0)) {
			free(ans);
			return;
		}
		free(ans);
	}
	req = exec_new_req(IPC_CFG_REPLACE);
	ipc_msg_add_str(req, IPC_T_FILE, url);
	ipc_msg_add_str(req, IPC_T_USER, cli->user != NULL ? cli->user :
	    "console");
	if (exec_request(cli, req, NULL) == IPC_S_OK)
		cli_print(cli, "Total number of passes: 1\nRollback Done\n");
	else
		cli->errors++;
	cli_fetch_hostname(cli);
}

/* show running-config, show startup-config, write */

/* Where the last word before any output modifier starts (the caret for an
 * argument that names nothing, such as an interface that does not exist). */
static size_t
last_word_col(const char *line, size_t end)
{
	size_t	 i;

	if (line == NULL)
		return 0;
	if (end == 0 || end > strlen(line))
		end = strlen(line);
	while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	for (i = end; i > 0 && line[i - 1] != ' ' && line[i - 1] != '\t'; i--)
		;
	return i;
}

static void
show_running(struct cli *cli, const char *section, size_t filter_col,
    struct out *o)
{
	struct ipc_msg	*req = exec_new_req(IPC_SHOW_RUNNING);
	char		*text;
	size_t		 len;

	if (section != NULL)
		ipc_msg_add_str(req, IPC_T_SECTION, section);
	if ((text = fetch_text(cli, req, &len)) == NULL)
		return;
	if (section != NULL && len == 0) {
		free(text);
		cli_caret(cli, last_word_col(cli->cur_line, filter_col));
		cli->errors++;
		return;
	}
	out_printf(o, "Building configuration...\n\nCurrent configuration : "
	    "%zu bytes\n", len);
	out_write(o, text, len);
	free(text);
}

static void
x_show_running(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	const char	*ifname = cmd_arg(res->args, "ifname");
	char		*section = NULL;

	if (ifname != NULL)
		xasprintf(&section, "interface %s", ifname);
	show_running(cli, section, res->filter != CMD_FILTER_NONE ?
	    res->filter_col : 0, o);
	free(section);
}

static void
x_show_startup(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	char	*text;
	size_t	 len;

	(void)res;
	if ((text = fetch_text(cli, exec_new_req(IPC_SHOW_STARTUP), &len)) == NULL)
		return;
	out_printf(o, "Using %zu out of 33554432 bytes\n", len);
	out_write(o, text, len);
	free(text);
}

static int
write_memory(struct cli *cli)
{
	struct ipc_msg	*req = exec_new_req(IPC_CFG_WRITE);

	ipc_msg_add_str(req, IPC_T_USER, cli->user != NULL ? cli->user :
	    "console");
	cli_print(cli, "Building configuration...\n");
	if (exec_request(cli, req, NULL) != IPC_S_OK) {
		cli->errors++;
		return -1;
	}
	cli_print(cli, "[OK]\n");
	return 0;
}

static void
erase_startup(struct cli *cli)
{
	char	*ans;

	ans = ask(cli, "Erasing the nvram filesystem will remove all "
	    "configuration files! Continue? [confirm]", 1);
	if (!yes(ans, 1)) {
		free(ans);
		return;
	}
	free(ans);
	if (exec_request(cli, exec_new_req(IPC_CFG_ERASE), NULL) != IPC_S_OK) {
		cli->errors++;
		return;
	}
	cli_print(cli, "[OK]\nErase of nvram: complete\n");
}

static void
x_write(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	if (cmd_arg_has(res->args, "terminal"))
		show_running(cli, NULL, 0, o);
	else if (cmd_arg_has(res->args, "erase"))
		erase_startup(cli);
	else
		write_memory(cli);
}

static void
x_erase(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	(void)res;
	(void)o;
	erase_startup(cli);
}

static void
x_copy_run_start(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	char	*ans;

	(void)res;
	(void)o;
	ans = ask(cli, "Destination filename [startup-config]? ", 1);
	if (ans == NULL) {
		return;
	}
	if (*ans != '\0' && strcmp(ans, "startup-config") != 0) {
		cli_print(cli, "%%Error opening nvram:%s (No such file or "
		    "directory)\n", ans);
		cli->errors++;
		free(ans);
		return;
	}
	free(ans);
	write_memory(cli);
}

static void
x_copy_start_run(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct ipc_msg	*req;
	char		*ans, *text, *line, *save, *copy;
	size_t		 len;
	int		 saved_mode = cli->mode, saved_tr = cli->transcript;

	(void)res;
	(void)o;
	ans = ask(cli, "Destination filename [running-config]? ", 1);
	free(ans);
	req = exec_new_req(IPC_SHOW_STARTUP);
	if ((text = fetch_text(cli, req, &len)) == NULL)
		return;
	/* Merged into running-config line by line, as IOS does. */
	cli->mode = MODE_CONFIG;
	cli->transcript = 0;
	copy = text;
	for (line = strtok_r(copy, "\n", &save); line != NULL &&
	    cli->mode != MODE_EXEC; line = strtok_r(NULL, "\n", &save))
		cli_run_line(cli, line);
	cli->mode = saved_mode;
	cli->transcript = saved_tr;
	cli_fetch_hostname(cli);
	cli_print(cli, "%zu bytes copied in 0.010 secs\n", len);
	free(text);
}

/* reload */

static int
config_dirty(struct cli *cli)
{
	struct ipc_msg	*rep = NULL;
	uint32_t	 changed = 0;

	if (exec_request(cli, exec_new_req(IPC_SYS_INFO), &rep) == IPC_S_OK)
		(void)ipc_msg_get_u32(rep, IPC_T_CHANGED, &changed);
	ipc_msg_free(rep);
	return changed != 0;
}

static void
x_reload(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct ipc_msg	*m = NULL, *req;
	char		*ans, *who;
	int		 i;

	(void)res;
	(void)o;
	if (config_dirty(cli)) {
		for (i = 0; i < 3; i++) {
			ans = ask(cli, "System configuration has been "
			    "modified. Save? [yes/no]: ", 1);
			if (ans == NULL)
				return;
			if (strcasecmp(ans, "yes") == 0 ||
			    strcasecmp(ans, "y") == 0) {
				free(ans);
				if (write_memory(cli) != 0)
					return;
				break;
			}
			if (strcasecmp(ans, "no") == 0 ||
			    strcasecmp(ans, "n") == 0) {
				free(ans);
				break;
			}
			free(ans);
			cli_print(cli, "%% Please answer 'yes' or 'no'.\n");
		}
		if (i == 3)
			return;
	}
	ans = ask(cli, "Proceed with reload? [confirm]", 1);
	if (!yes(ans, 1)) {
		free(ans);
		return;
	}
	free(ans);
	req = exec_new_req(IPC_CFG_RELOAD);
	/* Who asked, for %SYS-5-RELOAD ("console", "bob on vty0 (...)"). */
	if (cli->vty && cli->user != NULL && cli->line_name != NULL)
		xasprintf(&who, "%s on %s", cli->user, cli->line_name);
	else
		who = xstrdup("console");
	ipc_msg_add_str(req, IPC_T_USER, who);
	free(who);
	if (exec_request(cli, req, NULL) != IPC_S_OK)
		return;
	/* Wait for the old cfgd to go, then for the new one. */
	if (cli->cfgd != NULL && ipc_conn_recv(cli->cfgd, &m, 3000) == 0)
		ipc_msg_free(m);
	if (cli->vty) {
		cli->done = 1;
		return;
	}
	if (cli_reconnect(cli, 30) != 0) {
		cli_print(cli, "%% The router did not come back\n");
		cli->done = 1;
		return;
	}
	cli->priv = 1;
	cli->mode = MODE_EXEC;
	cli_fetch_hostname(cli);
	cli_print(cli, "\n");
	exec_show_motd(cli);
}

/* show version, clock, history, privilege; terminal */

static void
format_uptime(unsigned long long secs, char *buf, size_t len)
{
	unsigned long long	 w = secs / 604800, d = secs / 86400 % 7;
	unsigned long long	 h = secs / 3600 % 24, m = secs / 60 % 60;
	size_t			 off = 0;

	buf[0] = '\0';
	if (w > 0)
		off += (size_t)snprintf(buf + off, len - off, "%llu week%s, ",
		    w, w == 1 ? "" : "s");
	if (w > 0 || d > 0)
		off += (size_t)snprintf(buf + off, len - off, "%llu day%s, ",
		    d, d == 1 ? "" : "s");
	if (w > 0 || d > 0 || h > 0)
		off += (size_t)snprintf(buf + off, len - off, "%llu hour%s, ",
		    h, h == 1 ? "" : "s");
	snprintf(buf + off, len - off, "%llu minute%s", m, m == 1 ? "" : "s");
}

static unsigned long
meminfo_kb(const char *key)
{
	FILE		*fp;
	char		 line[256];
	unsigned long	 v = 0;
	size_t		 klen = strlen(key);

	if ((fp = fopen("/proc/meminfo", "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			v = strtoul(line + klen + 1, NULL, 10);
			break;
		}
	fclose(fp);
	return v;
}

const char *
exec_sys_value(const struct ipc_msg *rep, const char *key)
{
	const char	*v;
	size_t		 it = 0, klen = strlen(key);

	while (ipc_msg_next_str(rep, IPC_T_VALUE, &it, &v) == 1)
		if (strncmp(v, key, klen) == 0 && v[klen] == '=')
			return v + klen + 1;
	return NULL;
}

/* The size of the file system holding the run directory: the router's
 * bootflash (the VM's disk), as a CSR reports its virtual disk. */
static unsigned long long
bootflash_kb(const char *rundir)
{
	struct statvfs	 sv;

	if (statvfs(rundir, &sv) == -1)
		return 0;
	return (unsigned long long)sv.f_blocks * sv.f_frsize / 1024;
}

static void
x_show_version(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct ipc_msg	*rep = NULL;
	struct utsname	 u;
	const char	*host = "Router", *lic, *next, *gig;
	uint64_t	 up = 0;
	char		 upbuf[128];
	unsigned long	 mem = meminfo_kb("MemTotal");

	(void)res;
	if (exec_request(cli, exec_new_req(IPC_SYS_INFO), &rep) != IPC_S_OK) {
		ipc_msg_free(rep);
		return;
	}
	(void)ipc_msg_get_str(rep, IPC_T_HOSTNAME, &host);
	(void)ipc_msg_get_u64(rep, IPC_T_UPTIME, &up);
	lic = exec_sys_value(rep, "license");
	next = exec_sys_value(rep, "license-next");
	gig = exec_sys_value(rep, "gig");
	format_uptime(up, upbuf, sizeof(upbuf));
	if (uname(&u) == -1)
		strcpy(u.release, "unknown");
	out_printf(o,
	    "Lisprouter IOS-style Software, Version " PACKAGE_VERSION
	    " - Standard Support Release\n"
	    "Lisprouter Software, CSR1000V Software "
	    "(X86_64_LINUX_IOSD-UNIVERSALK9-M), Version " PACKAGE_VERSION
	    ", RELEASE SOFTWARE (fc1)\n"
	    "Technical Support: see the lisprouter README\n"
	    "Copyright (c) 2026 by the lisprouter authors.\n"
	    "Compiled " __DATE__ " " __TIME__ " by lisprouter\n"
	    "\n\n"
	    "Lisprouter is an open router userland that behaves like IOS XE.\n"
	    "It runs on Linux %s; Cisco, IOS and CSR 1000v are trademarks of\n"
	    "Cisco Systems, Inc., used here only to name what it is "
	    "compatible with.\n\n\n"
	    "ROM: IOS-XE ROMMON\n\n"
	    "%s uptime is %s\n"
	    "Uptime for this control processor is %s\n"
	    "System returned to ROM by reload\n"
	    "System image file is \"bootflash:packages.conf\"\n"
	    "Last reload reason: Reload Command\n\n\n\n"
	    "License Level: %s\n"
	    "License Type: Default. No valid license found.\n"
	    "Next reload license Level: %s\n\n"
	    "lisprouter CSR1000V (VXE) processor (revision VXE) with "
	    "%luK/6147K bytes of memory.\n"
	    "Processor board ID 9LRT0000001\n"
	    "%s Gigabit Ethernet interfaces\n"
	    "32768K bytes of non-volatile configuration memory.\n"
	    "%luK bytes of physical memory.\n"
	    "%lluK bytes of virtual hard disk at bootflash:.\n\n"
	    "Configuration register is 0x2102\n\n",
	    u.release, host, upbuf, upbuf, lic != NULL ? lic : "ax",
	    next != NULL ? next : lic != NULL ? lic : "ax", mem / 2,
	    gig != NULL ? gig : "3", mem, bootflash_kb(cli->rundir));
	ipc_msg_free(rep);
}

static void
x_show_clock(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 hms[16], date[32];

	(void)cli;
	(void)res;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	strftime(date, sizeof(date), "%a %b %-d %Y", &tm);
	out_printf(o, "*%s.%03ld UTC %s\n", hms, ts.tv_nsec / 1000000, date);
}

static void
x_show_history(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	size_t	 i;

	(void)res;
	for (i = 0; i < cli->nhistory; i++)
		out_printf(o, "  %s\n", cli->history[i]);
}

static void
x_show_privilege(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	(void)res;
	out_printf(o, "Current privilege level is %d\n", cli->priv);
}

static void
x_terminal(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	const char	*v;

	(void)o;
	if ((v = cmd_arg(res->args, "len")) != NULL) {
		cli->length = atoi(v);
		cli->length_set = 1;
	}
	if ((v = cmd_arg(res->args, "width")) != NULL) {
		cli->width = atoi(v);
		cli->width_set = 1;
	}
}

void
exec_show_motd(struct cli *cli)
{
	struct ipc_msg	*rep = NULL;
	const char	*motd;
	char		*body;
	size_t		 len;

	if (exec_request(cli, exec_new_req(IPC_SYS_INFO), &rep) != IPC_S_OK) {
		ipc_msg_free(rep);
		return;
	}
	/* Stored as ^C<text>^C: show the text between. */
	if ((motd = exec_sys_value(rep, "motd")) != NULL &&
	    strncmp(motd, "^C", 2) == 0 && (len = strlen(motd)) >= 4) {
		body = xstrndup(motd + 2, len - 4);
		cli_print(cli, "%s\n", body[0] == '\n' ? body + 1 : body);
		free(body);
	}
	ipc_msg_free(rep);
}

struct exec_cmd exec_base_cmds[] = {
	{ { MODE_EXEC, "enable [ <0-15>$level ]",
	    "Turn on privileged commands\nEnable level", NONE, 0, 1, 0, NULL },
	    x_enable },
	{ { MODE_EXEC, "disable", "Turn off privileged commands", NONE, 0, 1,
	    0, NULL }, x_disable },
	{ { MODE_EXEC, "exit", "Exit from the EXEC", NONE, 0, 1, 0, NULL },
	    x_exit },
	{ { MODE_EXEC, "logout", "Exit from the EXEC", NONE, 0, 1, 0, NULL },
	    x_exit },
	{ { MODE_EXEC, "quit", "Exit from the EXEC", NONE, CMD_F_HIDDEN, 1, 0,
	    NULL }, x_exit },
	{ { MODE_EXEC, "configure [ terminal ]",
	    "Enter configuration mode\nConfigure from the terminal", NONE, 0,
	    15, 0, NULL }, x_configure },
	{ { MODE_EXEC, "configure replace WORD$url [ force ]",
	    "Enter configuration mode\n"
	    "Replace the running-config with a new config file\n"
	    "URL of the configuration file (bootflash:NAME, "
	    "nvram:startup-config)\nForce the replace without asking",
	    NONE, 0, 15, 0, NULL }, x_configure_replace },
	{ { MODE_EXEC, "show running-config [ interface IFNAME$ifname ]",
	    "Show running system information\n"
	    "Current operating configuration\n"
	    "Show interface configuration\nInterface name", NONE, PIPE, 15, 0,
	    NULL }, x_show_running },
	{ { MODE_EXEC, "show startup-config",
	    "Show running system information\n"
	    "Contents of startup configuration", NONE, PIPE, 15, 0, NULL },
	    x_show_startup },
	{ { MODE_EXEC, "show version",
	    "Show running system information\n"
	    "System hardware and software status", NONE, PIPE, 1, 0, NULL },
	    x_show_version },
	{ { MODE_EXEC, "show clock",
	    "Show running system information\nDisplay the system clock", NONE,
	    PIPE, 1, 0, NULL }, x_show_clock },
	{ { MODE_EXEC, "show history",
	    "Show running system information\n"
	    "Display the session command history", NONE, PIPE, 1, 0, NULL },
	    x_show_history },
	{ { MODE_EXEC, "show privilege",
	    "Show running system information\n"
	    "Show current privilege level", NONE, PIPE, 1, 0, NULL },
	    x_show_privilege },
	{ { MODE_EXEC, "terminal length <0-512>$len",
	    "Set terminal line parameters\n"
	    "Set number of lines on a screen\n"
	    "Number of lines on screen (0 for no pausing)", NONE, 0, 1, 0,
	    NULL }, x_terminal },
	{ { MODE_EXEC, "terminal width <0-512>$width",
	    "Set terminal line parameters\n"
	    "Set width of the display terminal\n"
	    "Number of characters on a screen line", NONE, 0, 1, 0, NULL },
	    x_terminal },
	{ { MODE_EXEC, "write [ memory | terminal | erase ]",
	    "Write running configuration to memory, network, or terminal\n"
	    "Write to NV memory\nWrite to terminal\nErase NV memory", NONE, 0,
	    15, 0, NULL }, x_write },
	{ { MODE_EXEC, "copy running-config startup-config",
	    "Copy from one file to another\n"
	    "Copy from current system configuration\n"
	    "Copy to startup configuration", NONE, 0, 15, 0, NULL },
	    x_copy_run_start },
	{ { MODE_EXEC, "copy startup-config running-config",
	    "Copy from one file to another\n"
	    "Copy from startup configuration\n"
	    "Update (merge with) current system configuration", NONE, 0, 15, 0,
	    NULL }, x_copy_start_run },
	{ { MODE_EXEC, "erase startup-config",
	    "Erase a filesystem\nErase contents of configuration memory",
	    NONE, 0, 15, 0, NULL }, x_erase },
	{ { MODE_EXEC, "reload", "Halt and perform a cold restart", NONE, 0,
	    15, 0, NULL }, x_reload },
};

const size_t exec_base_ncmds = sizeof(exec_base_cmds) /
    sizeof(exec_base_cmds[0]);

int
exec_tables_add(struct cmd_grammar *g)
{
	/* Feature files add their tables here (see cli.h). */
	const struct {
		struct exec_cmd	*cmds;
		size_t		 n;
	}		 tables[] = {
		{ exec_base_cmds, exec_base_ncmds },
		{ exec_vty_cmds, exec_vty_ncmds },
		{ exec_if_cmds, exec_if_ncmds },
		{ exec_lisp_cmds, exec_lisp_ncmds },
		{ exec_switch_cmds, exec_switch_ncmds },
		{ exec_logging_cmds, exec_logging_ncmds },
	};
	size_t		 t, i;
	int		 rc;

	for (t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (i = 0; i < tables[t].n; i++) {
			rc = cmd_grammar_add(g, &tables[t].cmds[i].def);
			if (rc == 0)
				continue;
			fprintf(stderr, "cli: bad exec definition \"%s\": %s\n",
			    tables[t].cmds[i].def.syntax, cmd_strerror(rc));
			return rc;
		}
	return 0;
}

void
exec_run(struct cli *cli, const char *line)
{
	struct cmd_result	 res;
	const struct exec_cmd	*x;
	struct out		*o;
	char			 err[256];
	int			 priv = cli->mode == MODE_EXEC ? cli->priv : 15;

	memset(&res, 0, sizeof(res));
	if (cmd_parse(cli->grammar, MODE_EXEC, priv, line, &res) != 0) {
		fprintf(stderr, "cli: out of memory\n");
		exit(1);
	}
	if (res.status == CMD_EMPTY) {
		cmd_result_clear(&res);
		return;
	}
	if (res.status != CMD_OK) {
		cli_parse_error(cli, line, &res, 1);
		cmd_result_clear(&res);
		return;
	}
	x = (const struct exec_cmd *)res.def;
	if ((o = out_new(cli, &res, err, sizeof(err))) == NULL) {
		cli_print(cli, "%% Invalid regular expression: %s\n", err);
		cli->errors++;
		cmd_result_clear(&res);
		return;
	}
	cli->cur_line = line;
	x->fn(cli, &res, o);
	cli->cur_line = NULL;
	out_free(o);
	cmd_result_clear(&res);
}

void
cli_help(struct cli *cli, const char *text)
{
	const char	*p = text;
	char		*out = NULL;
	enum cmd_status	 st;
	size_t		 col = 0, base = 0;
	int		 mode = cli->mode == CLI_MODE_TEXT ? MODE_CONFIG :
			    cli->mode;
	int		 priv = cli->priv;

	while (*p == ' ')
		p++;
	/* In configuration modes, help after "do" is the exec help. */
	if (mode != MODE_EXEC && strncmp(p, "do ", 3) == 0) {
		base = (size_t)(p - text) + 3;
		text += base;
		mode = MODE_EXEC;
		priv = 15;
	} else if (mode != MODE_EXEC)
		priv = 15;
	if (cmd_help(cli->grammar, mode, priv, text, cli->width, &out, &st,
	    &col) != 0) {
		fprintf(stderr, "cli: out of memory\n");
		exit(1);
	}
	if (st == CMD_OK) {
		for (p = text; *p == ' '; p++)
			;
		if (*p == '\0')
			cli_print(cli, "%s\n", cfg_modes[mode].help_title);
		cli_print(cli, "%s\n\n", out);
		free(out);
		return;
	}
	free(out);
	if (st == CMD_AMBIGUOUS)
		cli_print(cli, "%% Ambiguous command:  \"%s\"\n", text);
	else if (st == CMD_INVALID) {
		for (p = text; *p == ' '; p++)
			;
		if (col <= (size_t)(p - text) + strcspn(p, " "))
			cli_print(cli, "%% Unrecognized command\n");
		else {
			cli->caret_base = base;
			cli_print(cli, "%*s^\n%% Invalid input detected at '^' "
			    "marker.\n\n", (int)(strlen(cli_prompt(cli)) +
			    base + col), "");
			cli->caret_base = 0;
		}
	} else
		cli_print(cli, "%% Incomplete command.\n\n");
}
