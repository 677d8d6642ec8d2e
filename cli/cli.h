/*
 * The shell's session state, shared by its modules (cli.c: the line loop
 * and configuration mode; exec.c: exec commands; term.c: readline; out.c:
 * output through filters and the pager).  Internal to the cli program.
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "cfg/cmd.h"

struct ipc_conn;
struct ipc_msg;
struct out;
struct input;

/* cli.mode while a multi-line text (banner) is being entered: no prompt. */
#define CLI_MODE_TEXT	(-2)

struct cli {
	const char		*rundir;
	char			 sock_path[4096];
	struct ipc_conn		*cfgd;
	struct cmd_grammar	*grammar;
	int			 priv;		/* 1 or 15 */
	int			 mode;		/* enum cfg_mode_id */
	char			**path;		/* config mode path from cfgd */
	size_t			 npath;
	char			 hostname[128];
	int			 interactive;	/* readline on a tty */
	int			 transcript;	/* echo prompt + line (stdin) */
	int			 oneshot;	/* -c: no prompts */
	int			 vty;		/* a remote session (vtyd) */
	int			 length;	/* terminal length */
	int			 width;		/* terminal width */
	int			 length_set;	/* set by terminal length: */
	int			 width_set;	/*   the window size no longer */
	const char		*user;		/* login name, or NULL (console) */
	const char		*line_name;	/* "console", "vty0 (192.0.2.1)" */
	int			 errors;	/* lines that printed an error */
	int			 done;		/* session ends */
	int			 reloading;
	char			 promptbuf[256];
	struct input		*input;		/* transcript read-ahead */
	char			**history;	/* for show history */
	size_t			 nhistory;
	/* The next input line for questions ([confirm], [yes/no]). */
	char			*(*ask)(struct cli *, const char *prompt, int echo);
	size_t			 caret_base;	/* columns before the parsed text */
	const char		*cur_line;	/* the exec line being run */
	int			 monitor;	/* terminal monitor */
	struct ipc_conn		*logmon;	/* log events (exec-logging.c) */
	struct ipc_conn		*lispd;		/* exec-lisp.c: opened on first
						   use, again after a restart */
};

/* cli.c */
void	 cli_print(struct cli *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 cli_write(struct cli *, const char *, size_t);
const char *cli_prompt(struct cli *);
void	 cli_run_line(struct cli *, const char *line);
int	 cli_request(struct cli *, struct ipc_msg *,
	    void (*cb)(const struct ipc_msg *, void *), void *arg,
	    struct ipc_msg **last);
void	 cli_parse_error(struct cli *, const char *line,
	    const struct cmd_result *, int exec);
/* The caret and "% Invalid input" message for column col of the line. */
void	 cli_caret(struct cli *, size_t col);
int	 cli_reconnect(struct cli *, int seconds);
void	 cli_history_add(struct cli *, const char *);
/* Asks cfgd for the hostname (after anything that may have changed it). */
void	 cli_fetch_hostname(struct cli *);
void	 cli_help(struct cli *, const char *text);

/*
 * An exec command: its grammar definition (first member: the engine's
 * `const struct cmd_def *` of MODE_EXEC is a `const struct exec_cmd *`) and
 * its handler, which writes through o (the output modifier and the pager).
 */
typedef void	exec_fn(struct cli *, const struct cmd_result *, struct out *o);

struct exec_cmd {
	struct cmd_def	 def;
	exec_fn		*fn;
};

/* Exec tables, one per feature file; exec.c lists them in exec_tables_add. */
extern struct exec_cmd	exec_base_cmds[];	/* exec.c */
extern const size_t	exec_base_ncmds;
extern struct exec_cmd	exec_vty_cmds[];	/* exec-vty.c: SSH, lines, users */
extern const size_t	exec_vty_ncmds;
extern struct exec_cmd	exec_if_cmds[];		/* exec-if.c: interfaces, ping */
extern const size_t	exec_if_ncmds;
extern struct exec_cmd	exec_lisp_cmds[];	/* exec-lisp.c: show ip lisp, lig */
extern const size_t	exec_lisp_ncmds;
extern struct exec_cmd	exec_switch_cmds[];	/* exec-switch.c: MAC table, VLANs */
extern const size_t	exec_switch_ncmds;
extern struct exec_cmd	exec_logging_cmds[];	/* exec-logging.c: show logging */
extern const size_t	exec_logging_ncmds;

/*
 * exec-logging.c: the session's log event connection.  _open connects
 * when the session shows messages (the console; a vty after terminal
 * monitor), 0 or -1; _fd is its descriptor or -1; _drain passes each
 * waiting line to show() without blocking.
 */
int	 cli_log_open(struct cli *);
void	 cli_log_close(struct cli *);
int	 cli_log_fd(const struct cli *);
void	 cli_log_drain(struct cli *, void (*show)(struct cli *, const char *));

/* exec.c */
int	 exec_tables_add(struct cmd_grammar *);
/* A new request of type (exits on out of memory). */
struct ipc_msg *exec_new_req(uint16_t type);
/*
 * Sends req (freed) to cfgd; returns the RESULT's status, or -1 when cfgd
 * did not answer.  With keep NULL an error text is printed; else the
 * RESULT is returned in *keep for the caller to free.
 */
int	 exec_request(struct cli *, struct ipc_msg *req, struct ipc_msg **keep);
/* The value of "key=value" among an IPC_SYS_INFO reply's values. */
const char *exec_sys_value(const struct ipc_msg *rep, const char *key);
void	 exec_run(struct cli *, const char *line);
void	 exec_show_motd(struct cli *);

/* term.c */
int	 term_init(struct cli *);
char	*term_readline(struct cli *, const char *prompt);
void	 term_done(struct cli *);
char	*term_ask(struct cli *, const char *prompt, int echo);
int	 term_raw(int on);

/* out.c: output of one command, through its filter and the pager. */
struct out *out_new(struct cli *, const struct cmd_result *, char *err,
	    size_t errlen);
void	 out_write(struct out *, const char *, size_t);
void	 out_printf(struct out *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	 out_quit(const struct out *);
void	 out_free(struct out *);

#endif
