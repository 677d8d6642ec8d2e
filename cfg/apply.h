/*
 * Applying one parsed configuration line to the model: hooks, then the
 * identity rules of model.h.  Pure: hooks that need the daemon reach it
 * through a->env.
 */
#ifndef CFG_APPLY_H
#define CFG_APPLY_H

#include "cfg/cfgcmd.h"
#include "cfg/cmd.h"
#include "cfg/model.h"

struct cfg_apply {
	struct cfg_model	*model;
	struct cfg_node		*ctx;		/* the mode's node (root at config) */
	const struct cfg_cmd	*cmd;
	const struct cmd_result	*res;
	int			 negated;
	char			*line;		/* canonical; a hook may replace it */
	char			*err;		/* error text for the user */
	char			*out;		/* informational text for the user */
	struct cfg_node		*entered;	/* container now current */
	void			*env;		/* the daemon's context, or NULL */
	const char		*ctxline;	/* the line that entered the current
						   mode, or NULL at (config) */
	/*
	 * The lines that follow (a question's answer, key-string data): a
	 * hook that wants them calls cfg_apply_more().  The session then
	 * calls it again for each following line with every line since in
	 * input ('\n'-joined), until it stops asking.  It must have no side
	 * effect while it asks, as it is replayed from the path.
	 */
	const char		*input;		/* NULL on the first call */
	int			 more;		/* set by cfg_apply_more */
	int			 more_mode;	/* prompt meanwhile, or CMD_MODE_NONE */
};

#define CFG_APPLY_OK		0
#define CFG_APPLY_ERROR		1	/* a->err set */
#define CFG_APPLY_NOMEM		(-1)

/* Runs the line: returns CFG_APPLY_*.  The caller frees line, err, out. */
int	cfg_apply_run(struct cfg_apply *);
/* Hook helpers: replace a->line / set a->err or a->out (formatted). */
int	cfg_apply_set_line(struct cfg_apply *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
enum cfg_hook_rc cfg_apply_error(struct cfg_apply *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	cfg_apply_say(struct cfg_apply *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	cfg_apply_clear(struct cfg_apply *);
/* Asks for the next line, showing mode's prompt (CMD_MODE_NONE: none, as
 * after a question).  Returns CFG_HOOK_DONE for the hook to return. */
enum cfg_hook_rc cfg_apply_more(struct cfg_apply *, int mode);

#endif
