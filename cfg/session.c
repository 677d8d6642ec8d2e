/*
 * The configure-terminal session: the mode stack and its IOS rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/apply.h"
#include "cfg/cfgcmd.h"
#include "cfg/modes.h"
#include "cfg/session.h"

#define STACK_MAX	16
#define COLLECT_MARK	'\001'	/* path element: pending multi-line text */
#define MORE_MARK	'\002'	/* path element: a hook reading the next lines */
#define COLLECT_MAX	(64 * 1024)

struct frame {
	int		 mode;
	struct cfg_node	*node;
	char		*line;		/* canonical line that entered it */
};

struct collect {
	const struct cfg_cmd	*cmd;
	char			 delim[3];
	char			*head;	/* canonical words before the text */
	char			*body;	/* text so far */
	char			*raw;	/* every line as given, for the path */
	size_t			 rawlen;
};

/* A hook that asked for the lines that follow (cfg_apply_more). */
struct more {
	char		*first;		/* the line that asked, as given */
	char		*input;		/* the lines since, '\n'-joined */
	size_t		 len;
	int		 mode;		/* prompt meanwhile, or CMD_MODE_NONE */
};

struct cfg_session {
	const struct cmd_grammar	*g;
	struct cfg_model		*model;
	void				*env;
	struct frame			 stack[STACK_MAX];
	size_t				 depth;		/* frames in use, >= 1 */
	struct collect			 col;		/* col.cmd != NULL: active */
	struct more			 more;		/* more.first != NULL: active */
	int				 asked;		/* the last hook called
							   cfg_apply_more */
	const char			*path[STACK_MAX + 1];
	char				*colpath;
};

static void
collect_clear(struct collect *c)
{
	free(c->head);
	free(c->body);
	free(c->raw);
	memset(c, 0, sizeof(*c));
}

static void
more_clear(struct more *m)
{
	free(m->first);
	if (m->input != NULL)
		explicit_bzero(m->input, m->len);
	free(m->input);
	memset(m, 0, sizeof(*m));
}

static void
pop_to(struct cfg_session *s, size_t depth)
{
	while (s->depth > depth) {
		s->depth--;
		free(s->stack[s->depth].line);
		s->stack[s->depth].line = NULL;
	}
}

void
cfg_session_reset(struct cfg_session *s)
{
	pop_to(s, 1);
	collect_clear(&s->col);
	more_clear(&s->more);
	s->stack[0].mode = MODE_CONFIG;
	s->stack[0].node = cfg_model_root(s->model);
}

struct cfg_session *
cfg_session_new(const struct cmd_grammar *g, struct cfg_model *m, void *env)
{
	struct cfg_session	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->g = g;
	s->model = m;
	s->env = env;
	s->depth = 1;
	cfg_session_reset(s);
	return s;
}

void
cfg_session_free(struct cfg_session *s)
{
	if (s == NULL)
		return;
	pop_to(s, 1);
	collect_clear(&s->col);
	more_clear(&s->more);
	free(s->colpath);
	free(s);
}

int
cfg_session_mode(const struct cfg_session *s)
{
	if (s->more.first != NULL && s->more.mode != CMD_MODE_NONE)
		return s->more.mode;
	return s->stack[s->depth - 1].mode;
}

int
cfg_session_collecting(const struct cfg_session *s)
{
	return s->col.cmd != NULL ||
	    (s->more.first != NULL && s->more.mode == CMD_MODE_NONE);
}

const char *const *
cfg_session_path(const struct cfg_session *s, size_t *n)
{
	struct cfg_session	*w = (struct cfg_session *)s;
	size_t			 i;

	for (i = 1; i < s->depth; i++)
		w->path[i - 1] = s->stack[i].line;
	*n = s->depth - 1;
	if (s->col.cmd != NULL) {
		free(w->colpath);
		w->colpath = malloc(s->col.rawlen + 2);
		if (w->colpath != NULL) {
			w->colpath[0] = COLLECT_MARK;
			memcpy(w->colpath + 1, s->col.raw, s->col.rawlen + 1);
			w->path[(*n)++] = w->colpath;
		}
	} else if (s->more.first != NULL) {
		free(w->colpath);
		if (asprintf(&w->colpath, "%c%s%s%s", MORE_MARK,
		    s->more.first, s->more.input != NULL ? "\n" : "",
		    s->more.input != NULL ? s->more.input : "") == -1)
			w->colpath = NULL;
		else
			w->path[(*n)++] = w->colpath;
	}
	return w->path;
}

void
cfg_line_result_clear(struct cfg_line_result *r)
{
	free(r->out);
	free(r->do_line);
	memset(r, 0, sizeof(*r));
}

/*
 * Parses line in the current mode, then in each parent mode while it fails
 * (IOS's fallback).  *depth is the stack depth whose mode gave the result
 * chosen: the first success, else the error that got furthest into the line
 * (ties go to the innermost mode).
 */
static int
parse_fallback(struct cfg_session *s, const char *line, struct cmd_result *res,
    size_t *depth)
{
	struct cmd_result	 try;
	size_t			 d, best_score = 0, score;
	int			 have = 0;

	for (d = s->depth; d >= 1; d--) {
		memset(&try, 0, sizeof(try));
		if (cmd_parse(s->g, s->stack[d - 1].mode, 15, line, &try) != 0) {
			cmd_result_clear(&try);
			if (have)
				cmd_result_clear(res);
			return -1;
		}
		if (try.status == CMD_INVALID)
			score = try.err_col;
		else if (try.status == CMD_OK)
			score = (size_t)-1;
		else
			score = strlen(line);
		if (!have || score > best_score) {
			if (have)
				cmd_result_clear(res);
			*res = try;
			*depth = d;
			best_score = score;
			have = 1;
		} else
			cmd_result_clear(&try);
		if (res->status == CMD_OK)
			break;
	}
	return 0;
}

/* Length of the first word of line after leading blanks, plus the blanks. */
static size_t
first_word_end(const char *line)
{
	const char	*p = line;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p != '\0' && *p != ' ' && *p != '\t')
		p++;
	return (size_t)(p - line);
}

static char *
append(char *a, const char *b, size_t blen)
{
	size_t	 alen = a != NULL ? strlen(a) : 0;
	char	*n;

	if ((n = realloc(a, alen + blen + 1)) == NULL) {
		free(a);
		return NULL;
	}
	memcpy(n + alen, b, blen);
	n[alen + blen] = '\0';
	return n;
}

static int
raw_add(struct collect *c, const char *line)
{
	size_t	 len = strlen(line);
	char	*n;

	if (c->rawlen + len + 2 > COLLECT_MAX)
		return -1;
	if ((n = realloc(c->raw, c->rawlen + len + 2)) == NULL)
		return -1;
	if (c->rawlen > 0)
		n[c->rawlen++] = '\n';
	memcpy(n + c->rawlen, line, len + 1);
	c->rawlen += len;
	c->raw = n;
	return 0;
}

static enum cfg_line_status
apply_cmd(struct cfg_session *s, const struct cfg_cmd *cmd,
    const struct cmd_result *res, char *line, struct cfg_line_result *r)
{
	struct cfg_apply	 a;
	struct frame		*f;
	int			 rc;

	memset(&a, 0, sizeof(a));
	a.model = s->model;
	a.ctx = s->stack[s->depth - 1].node;
	a.cmd = cmd;
	a.res = res;
	a.negated = res != NULL ? res->negated : 0;
	a.line = line;
	a.env = s->env;
	a.ctxline = s->depth > 1 ? s->stack[s->depth - 1].line : NULL;
	a.input = s->more.input;
	a.more_mode = CMD_MODE_NONE;
	rc = cfg_apply_run(&a);
	s->asked = a.more;
	if (a.more)
		s->more.mode = a.more_mode;
	if (rc == CFG_APPLY_NOMEM) {
		cfg_apply_clear(&a);
		return r->status = CFG_LINE_NOMEM;
	}
	r->status = rc == CFG_APPLY_ERROR ? CFG_LINE_ERROR : CFG_LINE_OK;
	if (a.out != NULL)
		r->out = append(r->out, a.out, strlen(a.out));
	if (a.err != NULL)
		r->out = append(r->out, a.err, strlen(a.err));
	if (a.entered != NULL && s->depth < STACK_MAX) {
		f = &s->stack[s->depth++];
		f->mode = cmd->def.enters;
		f->node = a.entered;
		f->line = a.line;
		a.line = NULL;
	}
	cfg_apply_clear(&a);
	return r->status;
}

/* Finishes a delimited text: stores "<head> ^C<body>^C". */
static enum cfg_line_status
collect_done(struct cfg_session *s, struct cfg_line_result *r)
{
	struct collect	 c = s->col;
	char		*line;

	memset(&s->col, 0, sizeof(s->col));
	if (asprintf(&line, "%s ^C%s^C", c.head, c.body != NULL ? c.body :
	    "") == -1) {
		collect_clear(&c);
		return r->status = CFG_LINE_NOMEM;
	}
	apply_cmd(s, c.cmd, NULL, line, r);
	collect_clear(&c);
	return r->status;
}

/* Feeds one line of delimited text; closes on the delimiter. */
static enum cfg_line_status
collect_feed(struct cfg_session *s, const char *text, int first,
    struct cfg_line_result *r)
{
	struct collect	*c = &s->col;
	const char	*end;

	if (!first && raw_add(c, text) != 0) {
		collect_clear(c);
		r->out = strdup("% Banner text too long\n");
		return r->status = CFG_LINE_ERROR;
	}
	if (!first && (c->body = append(c->body, "\n", 1)) == NULL)
		return r->status = CFG_LINE_NOMEM;
	end = strstr(text, c->delim);
	c->body = append(c->body, text, end != NULL ? (size_t)(end - text) :
	    strlen(text));
	if (c->body == NULL)
		return r->status = CFG_LINE_NOMEM;
	if (end != NULL)
		return collect_done(s, r);
	return r->status = CFG_LINE_OK;
}

/*
 * Starts a delimited command (banner motd ^C...^C): the first character of
 * the text, or the two characters "^C" as IOS writes them, delimit it.
 */
static enum cfg_line_status
collect_start(struct cfg_session *s, const struct cfg_cmd *cmd,
    const struct cmd_result *res, const char *rawline,
    struct cfg_line_result *r)
{
	struct collect	*c = &s->col;
	const char	*text = cmd_arg(res->args, "text");
	char		*canon;
	size_t		 hlen;

	if (text == NULL || (canon = cmd_canonical(res)) == NULL)
		return r->status = CFG_LINE_NOMEM;
	hlen = strlen(canon) - strlen(text);
	while (hlen > 0 && canon[hlen - 1] == ' ')
		hlen--;
	canon[hlen] = '\0';
	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->head = canon;
	if (strncmp(text, "^C", 2) == 0)
		strcpy(c->delim, "^C");
	else
		c->delim[0] = text[0];
	if (raw_add(c, rawline) != 0) {
		collect_clear(c);
		return r->status = CFG_LINE_NOMEM;
	}
	if (strstr(text + strlen(c->delim), c->delim) == NULL &&
	    asprintf(&r->out, "Enter TEXT message.  End with the character "
	    "'%c'.\n", c->delim[0]) == -1)
		r->out = NULL;
	return collect_feed(s, text + strlen(c->delim), 1, r);
}

static enum cfg_line_status
run_parsed(struct cfg_session *s, struct cmd_result *res, size_t depth,
    const char *line, struct cfg_line_result *r)
{
	const struct cmd_def	*def = res->def;
	const struct cfg_cmd	*cmd = (const struct cfg_cmd *)def;
	const char		*arg;
	char			*canon;

	pop_to(s, depth);
	switch (def->action) {
	case CFG_ACT_EXIT:
		if (s->depth == 1) {
			cfg_session_reset(s);
			return r->status = CFG_LINE_END;
		}
		pop_to(s, s->depth - 1);
		return r->status = CFG_LINE_OK;
	case CFG_ACT_END:
		cfg_session_reset(s);
		return r->status = CFG_LINE_END;
	case CFG_ACT_DO:
		arg = cmd_arg(res->args, "line");
		if ((r->do_line = strdup(arg != NULL ? arg : "")) == NULL)
			return r->status = CFG_LINE_NOMEM;
		return r->status = CFG_LINE_DO;
	default:
		break;
	}
	if ((cmd->cflags & CFG_F_DELIM) && !res->negated)
		return collect_start(s, cmd, res, line, r);
	if ((canon = cmd_canonical(res)) == NULL)
		return r->status = CFG_LINE_NOMEM;
	apply_cmd(s, cmd, res, canon, r);
	if (s->asked && s->more.first == NULL &&
	    (s->more.first = strdup(line)) == NULL)
		r->status = CFG_LINE_NOMEM;
	return r->status;
}

/*
 * A line for a hook that asked for the lines that follow: the line that
 * asked runs again with every line since as its input.
 */
static enum cfg_line_status
more_feed(struct cfg_session *s, const char *line, struct cfg_line_result *r)
{
	struct more		*m = &s->more;
	struct cmd_result	 res;
	size_t			 depth = s->depth, len = strlen(line);
	char			*n;

	s->asked = 0;
	if (m->len + len + 2 > COLLECT_MAX) {
		more_clear(m);
		r->out = strdup("% Input too long\n");
		return r->status = CFG_LINE_ERROR;
	}
	if ((n = realloc(m->input, m->len + len + 2)) == NULL)
		return r->status = CFG_LINE_NOMEM;
	if (m->input != NULL)
		n[m->len++] = '\n';
	memcpy(n + m->len, line, len + 1);
	m->len += len;
	m->input = n;
	memset(&res, 0, sizeof(res));
	if (parse_fallback(s, m->first, &res, &depth) != 0)
		return r->status = CFG_LINE_NOMEM;
	if (res.status == CMD_OK)
		run_parsed(s, &res, depth, m->first, r);
	else
		r->status = CFG_LINE_ERROR;
	cmd_result_clear(&res);
	if (!s->asked || r->status == CFG_LINE_ERROR)
		more_clear(m);
	return r->status;
}

enum cfg_line_status
cfg_session_run(struct cfg_session *s, const char *line,
    struct cfg_line_result *r)
{
	struct cmd_result	 res;
	const char		*p;
	size_t			 depth = s->depth;

	memset(r, 0, sizeof(*r));
	if (s->col.cmd != NULL)
		return collect_feed(s, line, 0, r);
	if (s->more.first != NULL)
		return more_feed(s, line, r);
	for (p = line; *p == ' ' || *p == '\t'; p++)
		;
	if (*p == '\0' || *p == '!')
		return r->status = CFG_LINE_OK;
	memset(&res, 0, sizeof(res));
	if (parse_fallback(s, line, &res, &depth) != 0)
		return r->status = CFG_LINE_NOMEM;
	switch (res.status) {
	case CMD_OK:
		run_parsed(s, &res, depth, line, r);
		break;
	case CMD_EMPTY:
		r->status = CFG_LINE_OK;
		break;
	case CMD_AMBIGUOUS:
		r->status = CFG_LINE_AMBIGUOUS;
		break;
	case CMD_INCOMPLETE:
		r->status = CFG_LINE_INCOMPLETE;
		break;
	case CMD_INVALID:
		r->status = CFG_LINE_INVALID;
		r->col = res.err_col;
		/* IOS moves to the parent mode that knew the first word. */
		if (depth < s->depth && res.err_col >= first_word_end(line))
			pop_to(s, depth);
		break;
	}
	cmd_result_clear(&res);
	return r->status;
}

/* Replays a pending cfg_apply_more: the line that asked, then its input. */
static int
more_replay(struct cfg_session *s, const char *text)
{
	struct cfg_line_result	 r;
	const char		*p = text, *nl;
	char			*one;

	do {
		nl = strchr(p, '\n');
		one = nl != NULL ? strndup(p, (size_t)(nl - p)) : strdup(p);
		if (one == NULL)
			break;
		cfg_session_run(s, one, &r);
		explicit_bzero(one, strlen(one));
		free(one);
		cfg_line_result_clear(&r);
		p = nl + 1;
	} while (nl != NULL && s->more.first != NULL);
	if (nl == NULL && s->more.first != NULL)
		return 0;
	cfg_session_reset(s);
	return -1;
}

int
cfg_session_set_path(struct cfg_session *s, const char *const *path,
    size_t n)
{
	struct cfg_line_result	 r;
	const char		*p, *nl;
	char			*first;
	size_t			 i, before;

	cfg_session_reset(s);
	for (i = 0; i < n; i++) {
		if (path[i][0] == MORE_MARK && i == n - 1)
			return more_replay(s, path[i] + 1);
		if (path[i][0] == COLLECT_MARK && i == n - 1) {
			p = path[i] + 1;
			nl = strchr(p, '\n');
			first = nl != NULL ? strndup(p, (size_t)(nl - p)) :
			    strdup(p);
			if (first == NULL)
				goto fail;
			cfg_session_run(s, first, &r);
			free(first);
			cfg_line_result_clear(&r);
			while (nl != NULL && s->col.cmd != NULL) {
				p = nl + 1;
				nl = strchr(p, '\n');
				first = nl != NULL ? strndup(p,
				    (size_t)(nl - p)) : strdup(p);
				if (first == NULL)
					goto fail;
				cfg_session_run(s, first, &r);
				free(first);
				cfg_line_result_clear(&r);
			}
			if (s->col.cmd == NULL)
				goto fail;
			return 0;
		}
		before = s->depth;
		if (cfg_session_run(s, path[i], &r) != CFG_LINE_OK ||
		    s->depth != before + 1) {
			cfg_line_result_clear(&r);
			goto fail;
		}
		cfg_line_result_clear(&r);
	}
	return 0;
fail:
	cfg_session_reset(s);
	return -1;
}
