/*
 * cli: the IOS shell of one router.  On a terminal it is an interactive
 * readline session; with stdin not a terminal it prints a transcript of
 * the lines it reads, exactly as a console would show them; with -c it
 * runs commands at the privileged prompt and exits.  It never touches the
 * system itself: configuration lines go to cfgd, which owns them.
 */
#include <sys/types.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg/cfgtab.h"
#include "cfg/modes.h"
#include "cfg/session.h"
#include "cli/cli.h"
#include "cli/manpage.h"
#include "cli/input.h"
#include "platform/ipc-conn.h"
#include "platform/ipc.h"
#include "platform/rundir.h"
#include "platform/xmalloc.h"

#define BATCH_MAX	4096	/* configuration lines per request */
#define HISTORY_MAX	20
#define REQ_TIMEOUT	(-1)

void
cli_write(struct cli *cli, const char *s, size_t len)
{
	size_t	 off = 0;
	ssize_t	 n;

	(void)cli;
	fflush(stdout);
	while (off < len) {
		n = write(STDOUT_FILENO, s + off, len - off);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return;
		}
		off += (size_t)n;
	}
}

void
cli_print(struct cli *cli, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	cli_write(cli, s, (size_t)n);
	free(s);
}

const char *
cli_prompt(struct cli *cli)
{
	const char	*suffix;

	if (cli->mode == MODE_EXEC)
		suffix = cli->priv >= 15 ? "#" : ">";
	else if (cli->mode == CLI_MODE_TEXT)
		return "";
	else
		suffix = cfg_modes[cli->mode].prompt;
	snprintf(cli->promptbuf, sizeof(cli->promptbuf), "%s%s", cli->hostname,
	    suffix);
	return cli->promptbuf;
}

void
cli_history_add(struct cli *cli, const char *line)
{
	if (*line == '\0')
		return;
	if (cli->nhistory == HISTORY_MAX) {
		free(cli->history[0]);
		memmove(cli->history, cli->history + 1,
		    (HISTORY_MAX - 1) * sizeof(char *));
		cli->nhistory--;
	}
	if (cli->history == NULL)
		cli->history = xcalloc(HISTORY_MAX, sizeof(char *));
	cli->history[cli->nhistory++] = xstrdup(line);
}

int
cli_reconnect(struct cli *cli, int seconds)
{
	struct timespec	 ts = { 0, 100 * 1000 * 1000 };
	int		 i;

	ipc_conn_close(cli->cfgd);
	cli->cfgd = NULL;
	for (i = 0; i <= seconds * 10; i++) {
		if (ipc_conn_open(cli->sock_path, "cli", &cli->cfgd) == 0)
			return 0;
		nanosleep(&ts, NULL);
	}
	return -1;
}

/*
 * Sends a request to cfgd and collects its replies.  A cfgd that restarted
 * under us (routerctl brings it back) is reconnected to once, and the
 * request sent again: every request carries all the state it needs.
 */
int
cli_request(struct cli *cli, struct ipc_msg *req,
    void (*cb)(const struct ipc_msg *, void *), void *arg,
    struct ipc_msg **last)
{
	int	 rc, attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (cli->cfgd == NULL && cli_reconnect(cli, 5) != 0)
			break;
		rc = ipc_conn_request(cli->cfgd, req, cb, arg, last,
		    REQ_TIMEOUT);
		if (rc == 0)
			return 0;
		if (rc != IPC_E_CLOSED && rc != IPC_E_IO) {
			cli_print(cli, "%% Configuration daemon: %s\n",
			    ipc_strerror(rc));
			return rc;
		}
		ipc_conn_close(cli->cfgd);
		cli->cfgd = NULL;
	}
	cli_print(cli, "%% The configuration daemon is not answering\n");
	return -1;
}

/* The caret line and message for an error at col of line. */
void
cli_caret(struct cli *cli, size_t col)
{
	size_t	 pad = col + cli->caret_base +
		    (cli->oneshot ? 0 : strlen(cli_prompt(cli)));
	char	*sp = xmalloc(pad + 1);

	memset(sp, ' ', pad);
	sp[pad] = '\0';
	cli_print(cli, "%s^\n%% Invalid input detected at '^' marker.\n\n",
	    sp);
	free(sp);
}

static void
print_line_error(struct cli *cli, const char *line, int status, size_t col)
{
	cli->errors++;
	if (cli->oneshot && status == CMD_INVALID)
		cli_print(cli, "%s\n", line);
	switch (status) {
	case CMD_AMBIGUOUS:
		cli_print(cli, "%% Ambiguous command:  \"%s\"\n", line);
		break;
	case CMD_INCOMPLETE:
		cli_print(cli, "%% Incomplete command.\n\n");
		break;
	case CMD_INVALID:
		cli_caret(cli, col);
		break;
	}
}

/*
 * IOS takes a lone unknown word at exec for a host to telnet to, and says
 * so after failing to resolve it (asking DNS first unless `no ip domain
 * lookup`).  A command of a higher privilege is just unknown.
 */
static void
unknown_word(struct cli *cli, const char *line, const char *word, int wlen)
{
	struct cmd_result	 res;
	struct ipc_msg		*rep = NULL;
	const char		*lookup;
	int			 known = 0, dns = 1;

	memset(&res, 0, sizeof(res));
	if (cli->priv < 15 && cmd_parse(cli->grammar, MODE_EXEC, 15, line,
	    &res) == 0)
		known = res.status != CMD_INVALID;
	cmd_result_clear(&res);
	if (!known && exec_request(cli, exec_new_req(IPC_SYS_INFO), &rep) ==
	    IPC_S_OK && (lookup = exec_sys_value(rep, "domain-lookup")) !=
	    NULL)
		dns = strcmp(lookup, "0") != 0;
	ipc_msg_free(rep);
	if (!known) {
		cli_print(cli, "Translating \"%.*s\"%s\n\nTranslating \"%.*s\"\n"
		    "\n%% Bad IP address or host name\n", wlen, word,
		    dns ? "...domain server (255.255.255.255)" : "", wlen,
		    word);
	}
	cli_print(cli, "%% Unknown command or computer name, or unable to "
	    "find computer address\n");
}

void
cli_parse_error(struct cli *cli, const char *line,
    const struct cmd_result *res, int exec)
{
	const char	*p = line, *word;
	size_t		 wlen;

	/* A lone unknown word at exec is taken for a host to telnet to. */
	while (*p == ' ' || *p == '\t')
		p++;
	word = p;
	while (*p != '\0' && *p != ' ' && *p != '\t')
		p++;
	wlen = (size_t)(p - word);
	while (*p == ' ' || *p == '\t')
		p++;
	if (exec && res->status == CMD_INVALID && *p == '\0' && wlen > 0) {
		cli->errors++;
		unknown_word(cli, line, word, (int)wlen);
		return;
	}
	print_line_error(cli, line, res->status, res->err_col);
}

static void
set_path(struct cli *cli, const struct ipc_msg *m)
{
	const char	*s;
	size_t		 it = 0, i;

	for (i = 0; i < cli->npath; i++)
		free(cli->path[i]);
	free(cli->path);
	cli->path = NULL;
	cli->npath = ipc_msg_count(m, IPC_T_PATH);
	if (cli->npath > 0)
		cli->path = xcalloc(cli->npath, sizeof(char *));
	for (i = 0; i < cli->npath &&
	    ipc_msg_next_str(m, IPC_T_PATH, &it, &s) == 1; i++)
		cli->path[i] = xstrdup(s);
}

/*
 * Leaving configuration mode: cfgd logs %SYS-5-CONFIG_I.  A console with
 * its log connection sees it there; a transcript prints the line cfgd
 * returns (set when `logging console` takes it) after the new prompt, as
 * the console shows it.
 */
static void
config_done(struct cli *cli)
{
	struct ipc_msg	*m, *last = NULL;
	const char	*text = NULL;

	cli->mode = MODE_EXEC;
	if ((m = ipc_msg_new(IPC_CFG_CONFIG_DONE, 0)) == NULL)
		return;
	ipc_msg_add_str(m, IPC_T_USER, cli->user != NULL ? cli->user :
	    "console");
	if (cli->line_name != NULL)
		ipc_msg_add_str(m, IPC_T_TTY, cli->line_name);
	if (cli_request(cli, m, NULL, NULL, &last) == 0 && !cli->oneshot &&
	    !cli->vty && cli->logmon == NULL &&
	    ipc_msg_get_str(last, IPC_T_TEXT, &text) == 0 && *text != '\0')
		cli_print(cli, "%s\n%s\n", cli_prompt(cli), text);
	ipc_msg_free(last);
	ipc_msg_free(m);
}

/*
 * Runs configuration lines at cfgd.  Returns how many it consumed: it stops
 * after a line that leaves configuration mode or runs an exec command.
 */
static size_t
config_lines(struct cli *cli, char *const *lines, size_t n)
{
	struct ipc_msg	*req, *rep = NULL;
	const char	*out, *mode, *host, *val;
	size_t		 i, it[6] = { 0 }, done = 0;
	uint32_t	 status, col;

	if ((req = ipc_msg_new(IPC_CFG_LINES, 0)) == NULL)
		return n;
	for (i = 0; i < cli->npath; i++)
		ipc_msg_add_str(req, IPC_T_PATH, cli->path[i]);
	for (i = 0; i < n; i++)
		ipc_msg_add_str(req, IPC_T_LINE, lines[i]);
	ipc_msg_add_str(req, IPC_T_USER, cli->user != NULL ? cli->user :
	    "console");
	/* A console transcript has no log connection: the messages a line
	 * logs come back with its output, where the console shows them. */
	if (cli->transcript && !cli->vty)
		ipc_msg_add_u32(req, IPC_T_LOG_INLINE, 1);
	if (cli_request(cli, req, NULL, NULL, &rep) != 0) {
		ipc_msg_free(req);
		cli->errors++;
		return n;
	}
	ipc_msg_free(req);
	while (ipc_msg_next_u32(rep, IPC_T_LINESTATUS, &it[0], &status) == 1) {
		ipc_msg_next_u32(rep, IPC_T_COLUMN, &it[1], &col);
		ipc_msg_next_str(rep, IPC_T_OUTPUT, &it[2], &out);
		ipc_msg_next_str(rep, IPC_T_MODE, &it[3], &mode);
		ipc_msg_next_str(rep, IPC_T_HOSTNAME, &it[4], &host);
		ipc_msg_next_str(rep, IPC_T_VALUE, &it[5], &val);
		if (cli->transcript)
			cli_print(cli, "%s%s\n", cli_prompt(cli), lines[done]);
		switch (status) {
		case CFG_LINE_AMBIGUOUS:
			print_line_error(cli, lines[done], CMD_AMBIGUOUS, 0);
			break;
		case CFG_LINE_INCOMPLETE:
			print_line_error(cli, lines[done], CMD_INCOMPLETE, 0);
			break;
		case CFG_LINE_INVALID:
			print_line_error(cli, lines[done], CMD_INVALID, col);
			break;
		case CFG_LINE_ERROR:
			cli->errors++;
			break;
		default:
			break;
		}
		if (*out != '\0')
			cli_print(cli, "%s", out);
		snprintf(cli->hostname, sizeof(cli->hostname), "%s", host);
		done++;
		if (status == CFG_LINE_END) {
			set_path(cli, rep);
			config_done(cli);
			break;
		}
		if (*mode == '\0')
			cli->mode = CLI_MODE_TEXT;
		else if ((cli->mode = cfg_mode_by_name(mode)) ==
		    CMD_MODE_NONE)
			cli->mode = MODE_CONFIG;
		if (status == CFG_LINE_DO) {
			set_path(cli, rep);
			cli->caret_base = strlen(lines[done - 1]) - strlen(val);
			exec_run(cli, val);
			cli->caret_base = 0;
			ipc_msg_free(rep);
			return done;
		}
	}
	set_path(cli, rep);
	ipc_msg_free(rep);
	return done > 0 ? done : n;
}

/* One line in exec mode (or a `do` line: then the mode stays). */
static void
exec_line(struct cli *cli, const char *line)
{
	/* Another session may have renamed the router meanwhile. */
	if (cli->transcript)
		cli_fetch_hostname(cli);
	if (cli->transcript)
		cli_print(cli, "%s%s\n", cli_prompt(cli), line);
	exec_run(cli, line);
}

void
cli_run_line(struct cli *cli, const char *line)
{
	char	*one = (char *)line;

	if (cli->mode == MODE_EXEC)
		exec_line(cli, line);
	else
		config_lines(cli, &one, 1);
}

/* Questions in a transcript take the next input line as the answer. */
static char *
transcript_ask(struct cli *cli, const char *prompt, int echo)
{
	char	*ans;

	cli_print(cli, "%s", prompt);
	ans = input_pop(cli->input);
	cli_print(cli, "%s\n", ans != NULL && echo ? ans : "");
	return ans;
}

static char *
oneshot_ask(struct cli *cli, const char *prompt, int echo)
{
	(void)cli;
	(void)prompt;
	(void)echo;
	/* Nobody to ask: take the default. */
	return xstrdup("");
}

static int
has_help_mark(const char *line)
{
	size_t	 len = strlen(line);

	return len > 0 && line[len - 1] == '?';
}

static void
run_transcript(struct cli *cli)
{
	struct input	*in = input_new(STDIN_FILENO);
	char		*line, *text;
	size_t		 avail, n;

	cli->input = in;
	while (!cli->done && input_wait(in) > 0) {
		if (has_help_mark(input_peek(in, 0))) {
			line = input_pop(in);
			cli_print(cli, "%s%s\n", cli_prompt(cli), line);
			text = xstrndup(line, strlen(line) - 1);
			cli_help(cli, text);
			cli_print(cli, "%s%s\n", cli_prompt(cli), text);
			free(text);
			free(line);
			continue;
		}
		if (cli->mode == MODE_EXEC) {
			line = input_pop(in);
			cli_history_add(cli, line);
			exec_line(cli, line);
			free(line);
			continue;
		}
		/*
		 * The configuration lines at hand go to cfgd in one request;
		 * never wait for more, so a line from a pipe runs at once.
		 */
		avail = input_more(in, BATCH_MAX);
		for (n = 0; n < avail && n < BATCH_MAX; n++)
			if (has_help_mark(input_peek(in, n)))
				break;
		input_drop(in, config_lines(cli, input_lines(in), n));
	}
	if (!cli->done)
		cli_print(cli, "%s\n", cli_prompt(cli));
	input_free(in);
	cli->input = NULL;
}

static void
run_interactive(struct cli *cli)
{
	char	*line;

	while (!cli->done) {
		line = term_readline(cli, cli_prompt(cli));
		if (line == NULL) {
			/* Ctrl-D: like exit at exec, end in config. */
			cli_print(cli, "\n");
			if (cli->mode != MODE_EXEC) {
				cli_run_line(cli, "end");
				continue;
			}
			break;
		}
		cli_history_add(cli, line);
		cli_run_line(cli, line);
		free(line);
	}
}

void
cli_fetch_hostname(struct cli *cli)
{
	struct ipc_msg	*req, *rep = NULL;
	const char	*h;

	if ((req = ipc_msg_new(IPC_SYS_INFO, 0)) == NULL)
		return;
	if (cli_request(cli, req, NULL, NULL, &rep) == 0 &&
	    ipc_msg_get_str(rep, IPC_T_HOSTNAME, &h) == 0)
		snprintf(cli->hostname, sizeof(cli->hostname), "%s", h);
	ipc_msg_free(rep);
	ipc_msg_free(req);
}

static struct ipc_msg *
session_req(struct cli *cli)
{
	struct ipc_msg	*m = exec_new_req(IPC_CFG_SESSION);

	ipc_msg_add_str(m, IPC_T_USER, cli->user);
	if (cli->line_name != NULL)
		ipc_msg_add_str(m, IPC_T_TTY, cli->line_name);
	return m;
}

/* A vty session starts at the privilege and length its user and line
 * are configured with (cfgd knows them). */
static void
session_defaults(struct cli *cli)
{
	struct ipc_msg	*rep = NULL;
	const char	*v;

	if (cli->user == NULL)
		return;
	if (exec_request(cli, session_req(cli), &rep) == IPC_S_OK) {
		if ((v = exec_sys_value(rep, "priv")) != NULL)
			cli->priv = atoi(v) >= 15 ? 15 : 1;
		if ((v = exec_sys_value(rep, "length")) != NULL) {
			cli->length = atoi(v);
			cli->length_set = 1;
		}
	}
	ipc_msg_free(rep);
}

/* --print-man PAGE: the manual page of the command language, from the
 * same grammar the shell runs (cli/manpage.c); needs no router. */
static int
print_man(const char *which)
{
	struct cmd_grammar	*g;
	const char		*bad = NULL;
	int			 rc;

	if ((g = cfg_grammar_build(&bad)) == NULL || exec_tables_add(g) != 0) {
		fprintf(stderr, "cli: bad command table (%s)\n",
		    bad != NULL ? bad : "exec");
		cmd_grammar_free(g);
		return 1;
	}
	rc = manpage_print(g, which, PACKAGE_VERSION, stdout);
	cmd_grammar_free(g);
	if (rc != 0)
		fprintf(stderr, "cli: --print-man config|exec|commands\n");
	return rc != 0 ? 1 : 0;
}

static void
usage(int rc)
{
	fprintf(rc ? stderr : stdout,
	    "usage: cli [--rundir DIR] [-c COMMAND]...\n"
	    "The IOS shell of the router whose run directory is DIR (default "
	    "$%s or %s).\n"
	    "  On a terminal: an interactive session starting at the user "
	    "prompt (Router>).\n"
	    "  Otherwise: reads lines from stdin and prints the transcript a "
	    "console would show.\n"
	    "  -c COMMAND  run COMMAND at the privileged prompt (repeatable, "
	    "in order), then exit;\n"
	    "              the exit status is 1 if any command printed an "
	    "error.\n", RUNDIR_ENV, RUNDIR_DEFAULT);
	exit(rc);
}

int
main(int argc, char *argv[])
{
	static const struct option	 opts[] = {
		{ "rundir", required_argument, NULL, 'r' },
		{ "command", required_argument, NULL, 'c' },
		{ "vty", required_argument, NULL, 'v' },
		{ "user", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		/* Not in --help: the build writes the manual pages with it. */
		{ "print-man", required_argument, NULL, 'M' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli			 cli;
	const char			*bad = NULL;
	char				**cmds = NULL;
	size_t				 ncmds = 0, i;
	int				 ch, rc;

	memset(&cli, 0, sizeof(cli));
	while ((ch = getopt_long(argc, argv, "r:c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			cli.rundir = optarg;
			break;
		case 'c':
			cmds = xreallocarray(cmds, ncmds + 1, sizeof(char *));
			cmds[ncmds++] = optarg;
			break;
		case 'v':
			cli.vty = 1;
			cli.line_name = optarg;
			break;
		case 'u':
			cli.user = optarg;
			break;
		case 'M':
			return print_man(optarg);
		case 'h':
			usage(0);
			break;
		default:
			usage(1);
		}
	}
	if (optind != argc)
		usage(1);
	signal(SIGPIPE, SIG_IGN);
	cli.rundir = rundir_resolve(cli.rundir);
	if (rundir_path(cli.sock_path, sizeof(cli.sock_path), cli.rundir,
	    RUNDIR_CFGD_SOCK) != 0) {
		fprintf(stderr, "cli: run directory path too long\n");
		return 1;
	}
	if ((rc = ipc_conn_open(cli.sock_path, "cli", &cli.cfgd)) != 0) {
		fprintf(stderr, "cli: cannot reach cfgd at %s: %s%s%s\n"
		    "cli: is the router running? (routerctl start --rundir "
		    "%s)\n", cli.sock_path, ipc_strerror(rc),
		    rc == IPC_E_IO ? ": " : "", rc == IPC_E_IO ?
		    strerror(errno) : "", cli.rundir);
		free(cmds);
		return 1;
	}
	if ((cli.grammar = cfg_grammar_build(&bad)) == NULL ||
	    exec_tables_add(cli.grammar) != 0) {
		fprintf(stderr, "cli: bad command table (%s)\n",
		    bad != NULL ? bad : "exec");
		free(cmds);
		return 1;
	}
	snprintf(cli.hostname, sizeof(cli.hostname), "Router");
	cli.mode = MODE_EXEC;
	cli.priv = 1;
	cli.length = 24;
	cli.width = 80;
	cli_fetch_hostname(&cli);
	if (cli.vty)
		session_defaults(&cli);
	if (ncmds > 0) {
		cli.oneshot = 1;
		/* A vty's exec request runs at its session's privilege. */
		if (!cli.vty)
			cli.priv = 15;
		cli.ask = oneshot_ask;
		for (i = 0; i < ncmds && !cli.done; i++)
			cli_run_line(&cli, cmds[i]);
		free(cmds);
	} else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		cli.interactive = 1;
		cli.ask = term_ask;
		term_init(&cli);
		exec_show_motd(&cli);
		run_interactive(&cli);
		term_done(&cli);
	} else {
		cli.transcript = 1;
		cli.length = 0;
		cli.ask = transcript_ask;
		exec_show_motd(&cli);
		run_transcript(&cli);
	}
	ipc_conn_close(cli.cfgd);
	ipc_conn_close(cli.lispd);
	cli_log_close(&cli);
	cmd_grammar_free(cli.grammar);
	for (i = 0; i < cli.nhistory; i++)
		free(cli.history[i]);
	free(cli.history);
	for (i = 0; i < cli.npath; i++)
		free(cli.path[i]);
	free(cli.path);
	return cli.errors > 0 && cli.oneshot ? 1 : 0;
}
