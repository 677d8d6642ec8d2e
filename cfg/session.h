/*
 * A configuration session: the mode stack of IOS's configure terminal
 * (exit, end, do, falling back to parent modes) over one model.  cfgd runs
 * every configuration line through one; startup-config, pastes and
 * configure replace take exactly this path.
 *
 * A session's position is its path: the canonical lines that entered each
 * submode, outermost first (["interface GigabitEthernet1"]).  Clients keep
 * the path between requests and hand it back, so cfgd keeps no per-client
 * state and a restarted cfgd carries on.  A pending multi-line command
 * (banner text) is part of the path too.
 */
#ifndef CFG_SESSION_H
#define CFG_SESSION_H

#include <stddef.h>

#include "cfg/cmd.h"
#include "cfg/model.h"

/* What one line did (carried to clients as IPC_T_LINESTATUS). */
enum cfg_line_status {
	CFG_LINE_OK = 0,	/* applied (or a comment/blank line) */
	CFG_LINE_AMBIGUOUS,	/* % Ambiguous command:  "<line>" */
	CFG_LINE_INCOMPLETE,	/* % Incomplete command. */
	CFG_LINE_INVALID,	/* caret at col; % Invalid input ... */
	CFG_LINE_ERROR,		/* refused; out holds the IOS text */
	CFG_LINE_END,		/* left configuration mode */
	CFG_LINE_DO,		/* exec command in do_line, mode unchanged */
	CFG_LINE_NOMEM,
};

struct cfg_line_result {
	enum cfg_line_status	 status;
	size_t			 col;		/* CFG_LINE_INVALID */
	char			*out;		/* text to show, or NULL */
	char			*do_line;	/* CFG_LINE_DO */
};

struct cfg_session;

/* The grammar and model are borrowed; env is passed to hooks. */
struct cfg_session *cfg_session_new(const struct cmd_grammar *,
		    struct cfg_model *, void *env);
void		 cfg_session_free(struct cfg_session *);
/* Back to global configuration mode. */
void		 cfg_session_reset(struct cfg_session *);
/*
 * Enters the path (replaying each line).  Returns 0, or -1 if a line of it
 * does not enter a mode (the session is then at global configuration).
 */
int		 cfg_session_set_path(struct cfg_session *,
		    const char *const *path, size_t n);
/* The current path: *n lines, borrowed until the next call. */
const char *const *cfg_session_path(const struct cfg_session *, size_t *n);
/* Current mode id; and whether a multi-line command is collecting text
 * (the prompt is then empty). */
int		 cfg_session_mode(const struct cfg_session *);
int		 cfg_session_collecting(const struct cfg_session *);
/* Runs one line.  Free the result with cfg_line_result_clear. */
enum cfg_line_status cfg_session_run(struct cfg_session *, const char *line,
		    struct cfg_line_result *);
void		 cfg_line_result_clear(struct cfg_line_result *);

/* Actions of the builtin definitions (cmd_def.action) the session handles. */
enum cfg_builtin {
	CFG_ACT_NONE = 0,
	CFG_ACT_EXIT,
	CFG_ACT_END,
	CFG_ACT_DO,
};

#endif
