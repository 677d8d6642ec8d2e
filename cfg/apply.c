#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/apply.h"

static char *
vformat(const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) == -1)
		return NULL;
	return s;
}

int
cfg_apply_set_line(struct cfg_apply *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	if (s == NULL)
		return CFG_APPLY_NOMEM;
	free(a->line);
	a->line = s;
	return 0;
}

enum cfg_hook_rc
cfg_apply_error(struct cfg_apply *a, const char *fmt, ...)
{
	va_list	 ap;

	free(a->err);
	va_start(ap, fmt);
	a->err = vformat(fmt, ap);
	va_end(ap);
	return CFG_HOOK_ERROR;
}

void
cfg_apply_say(struct cfg_apply *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *joined;

	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	if (s == NULL)
		return;
	if (a->out == NULL) {
		a->out = s;
		return;
	}
	if (asprintf(&joined, "%s%s", a->out, s) != -1) {
		free(a->out);
		a->out = joined;
	}
	free(s);
}

void
cfg_apply_clear(struct cfg_apply *a)
{
	free(a->line);
	free(a->err);
	free(a->out);
	a->line = a->err = a->out = NULL;
}

enum cfg_hook_rc
cfg_apply_more(struct cfg_apply *a, int mode)
{
	a->more = 1;
	a->more_mode = mode;
	return CFG_HOOK_DONE;
}

/* The stored form of a default line: nothing; it removes its setting. */
static int
is_default(const struct cfg_apply *a)
{
	return a->cmd->defval != NULL && strcmp(a->line, a->cmd->defval) == 0;
}

int
cfg_apply_run(struct cfg_apply *a)
{
	enum cfg_hook_rc	 rc = CFG_HOOK_STORE;
	struct cfg_node		*n;

	if (a->cmd->hook != NULL)
		rc = a->cmd->hook(a);
	if (rc == CFG_HOOK_ERROR)
		return a->err != NULL ? CFG_APPLY_ERROR : CFG_APPLY_NOMEM;
	if (rc == CFG_HOOK_DONE || (a->cmd->cflags & CFG_F_ACTION))
		return CFG_APPLY_OK;
	/*
	 * "no <line>" removes the setting its words name (the model ignores
	 * the "no "), and so does a line that restates the default.
	 */
	if ((a->cmd->cflags & CFG_F_BOTH) == 0 &&
	    (a->negated ? !(a->cmd->cflags & CFG_F_NEGSTORE) :
	    ((a->cmd->cflags & CFG_F_NEGSTORE) || is_default(a)))) {
		cfg_node_remove_matching(a->model, a->ctx, a->cmd, a->line);
		return CFG_APPLY_OK;
	}
	if ((n = cfg_node_set(a->model, a->ctx, a->cmd, a->line)) == NULL)
		return CFG_APPLY_NOMEM;
	if (a->cmd->def.enters != CMD_MODE_NONE)
		a->entered = n;
	return CFG_APPLY_OK;
}
