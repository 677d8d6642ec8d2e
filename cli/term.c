/*
 * The interactive terminal: GNU readline as the line editor, with `?`,
 * TAB and Ctrl-Z bound to the grammar engine as IOS binds them.
 * readline's callbacks carry no argument, so the session they serve is
 * kept in `active` (one session per process).
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <poll.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cfg/modes.h"
#include "cli/cli.h"
#include "platform/xmalloc.h"

static struct cli	*active;	/* readline callbacks' session */
static struct termios	 saved_tio;
static int		 have_tio, ctrl_z;

static void
window_size(struct cli *cli)
{
	struct winsize	 ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		if (!cli->width_set)
			cli->width = ws.ws_col;
		if (ws.ws_row > 0 && !cli->length_set)
			cli->length = ws.ws_row;
	}
}

/* A log message while the user edits a line: printed on lines of its
 * own, then the prompt and the line being edited drawn again. */
static void
show_async(struct cli *cli, const char *line)
{
	(void)cli;
	rl_crlf();
	fputs(line, stdout);
	fputs("\n", stdout);
	fflush(stdout);
	rl_on_new_line();
	rl_forced_update_display();
}

/* readline's input: the terminal, and the log connection meanwhile. */
static int
log_getc(FILE *in)
{
	struct pollfd	 p[2];
	int		 n;

	for (;;) {
		p[0].fd = fileno(in);
		p[0].events = POLLIN;
		p[1].fd = cli_log_fd(active);
		p[1].events = POLLIN;
		p[0].revents = p[1].revents = 0;
		n = poll(p, p[1].fd >= 0 ? 2 : 1, -1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || p[0].revents != 0)
			return rl_getc(in);
		if (p[1].revents != 0)
			cli_log_drain(active, show_async);
	}
}

static int
help_key(int count, int key)
{
	char	*text;

	(void)count;
	(void)key;
	text = xstrndup(rl_line_buffer, (size_t)rl_point);
	window_size(active);
	fputs("?\n", stdout);
	fflush(stdout);
	cli_help(active, text);
	free(text);
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

static int
ctrl_z_key(int count, int key)
{
	(void)count;
	(void)key;
	if (active->mode == MODE_EXEC)
		return 0;
	ctrl_z = 1;
	rl_replace_line("", 0);
	fputs("^Z", stdout);
	rl_done = 1;
	return 0;
}

static char **
complete(const char *text, int start, int end)
{
	char	**words = NULL, **m, *line;
	int	 n, mode = active->mode == CLI_MODE_TEXT ? MODE_CONFIG :
		    active->mode;
	int	 priv = mode == MODE_EXEC ? active->priv : 15;

	(void)text;
	(void)start;
	rl_attempted_completion_over = 1;
	line = xstrndup(rl_line_buffer, (size_t)end);
	n = cmd_complete(active->grammar, mode, priv, line, &words);
	free(line);
	if (n != 1) {
		/* IOS completes only a unique keyword. */
		cmd_words_free(words);
		if (n > 1)
			rl_ding();
		return NULL;
	}
	m = xcalloc(2, sizeof(char *));
	m[0] = xstrdup(words[0]);
	cmd_words_free(words);
	return m;
}

int
term_init(struct cli *cli)
{
	struct termios	 tio;

	active = cli;
	window_size(cli);
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0) {
		have_tio = 1;
		tio = saved_tio;
		/* Ctrl-Z is IOS's end, not the shell's suspend. */
		tio.c_cc[VSUSP] = _POSIX_VDISABLE;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	rl_readline_name = "cli";
	/* IOS sends no bracketed-paste escapes around its prompts. */
	rl_variable_bind("enable-bracketed-paste", "off");
	rl_catch_signals = 0;
	rl_attempted_completion_function = complete;
	rl_getc_function = log_getc;
	rl_bind_key('?', help_key);
	rl_bind_key('\032', ctrl_z_key);
	using_history();
	return 0;
}

void
term_done(struct cli *cli)
{
	(void)cli;
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	active = NULL;
}

char *
term_readline(struct cli *cli, const char *prompt)
{
	char	*line;

	ctrl_z = 0;
	/* The window may have changed size since the last line. */
	window_size(cli);
	if (cli->mode == MODE_EXEC)
		cli_fetch_hostname(cli);
	/* Messages logged meanwhile are shown once the prompt is up (a
	 * broken log connection is opened again here). */
	(void)cli_log_open(cli);
	line = readline(cli->mode == MODE_EXEC ? cli_prompt(cli) : prompt);
	if (ctrl_z) {
		free(line);
		fputs("\n", stdout);
		fflush(stdout);
		cli_run_line(cli, "end");
		return xstrdup("");
	}
	if (line != NULL && *line != '\0')
		add_history(line);
	return line;
}

/* cbreak for the pager: keys arrive one at a time, unechoed. */
int
term_raw(int on)
{
	static struct termios	 before;
	static int		 raw;
	struct termios		 tio;

	if (on && !raw) {
		if (tcgetattr(STDIN_FILENO, &before) != 0)
			return -1;
		tio = before;
		tio.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		tio.c_cc[VMIN] = 1;
		tio.c_cc[VTIME] = 0;
		if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) != 0)
			return -1;
		raw = 1;
	} else if (!on && raw) {
		tcsetattr(STDIN_FILENO, TCSANOW, &before);
		raw = 0;
	}
	return 0;
}

/* A question on the terminal; echo off for passwords. */
char *
term_ask(struct cli *cli, const char *prompt, int echo)
{
	struct termios	 tio, off;
	char		*line = NULL;
	size_t		 cap = 0;
	ssize_t		 n;
	int		 changed = 0;

	(void)cli;
	fputs(prompt, stdout);
	fflush(stdout);
	if (!echo && tcgetattr(STDIN_FILENO, &tio) == 0) {
		off = tio;
		off.c_lflag &= ~(tcflag_t)ECHO;
		changed = tcsetattr(STDIN_FILENO, TCSANOW, &off) == 0;
	}
	n = getline(&line, &cap, stdin);
	if (changed) {
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		fputs("\n", stdout);
	}
	if (n == -1) {
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}
