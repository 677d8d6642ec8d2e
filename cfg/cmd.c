/*
 * The grammar engine: see cmd.h.
 *
 * Each definition is compiled into positions with follow sets
 * (cmd-compile.c).  A mode indexes the first keywords of its definitions,
 * sorted, so the first token only wakes the definitions it can match.
 * Matching then advances a set of live states, one step per token, keeping
 * IOS's priorities (exact keyword > unique prefix > variable); each state
 * points back at its parent so the winner's path gives the arguments
 * without any allocation along the way.
 */
#include <sys/types.h>

#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfg/cmd-int.h"

#define KWPOS(t, h) { .text = t, .name = t, .help = h, .len = sizeof(t) - 1, \
	.type = CT_KW }

const struct cmd_pos cmd_pipe_bar = KWPOS("|", "Output modifiers");
const struct cmd_pos cmd_pipe_kw[5] = {
	KWPOS("begin", "Begin with the line that matches"),
	KWPOS("count", "Count number of lines which match regexp"),
	KWPOS("exclude", "Exclude lines that match"),
	KWPOS("include", "Include lines that match"),
	KWPOS("section", "Filter a section of output"),
};
static const enum cmd_filter pipe_filter[5] = {
	CMD_FILTER_BEGIN, CMD_FILTER_COUNT, CMD_FILTER_EXCLUDE,
	CMD_FILTER_INCLUDE, CMD_FILTER_SECTION,
};
const struct cmd_pos cmd_pipe_line = { .text = "LINE", .name = "LINE",
	.help = "Regular Expression", .len = 4, .type = CT_LINE };
const struct cmd_pos cmd_no_kw = KWPOS("no",
    "Negate a command or set its defaults");

struct cmd_args {
	size_t		 n;
	const char	**name;		/* path order */
	const char	**val;
	const char	**grouped;	/* values grouped by name and kind */
	size_t		*gstart;
	size_t		*gcount;
	char		*kw;		/* a keyword, named by itself */
};

const char *
cmd_strerror(int e)
{
	switch (e) {
	case 0:
		return "no error";
	case CMD_E_NOMEM:
		return "out of memory";
	case CMD_E_SYNTAX:
		return "malformed command syntax";
	case CMD_E_MODE:
		return "unknown mode";
	case CMD_E_HELP:
		return "help lines do not match the syntax tokens";
	}
	return "unknown error";
}

/* Grammar. */

static char *
dupstr(const char *s)
{
	return strdup(s != NULL ? s : "");
}

struct cmd_grammar *
cmd_grammar_new(const struct cmd_mode *modes, size_t nmodes)
{
	struct cmd_grammar	*g;
	struct cmd_cmode	*m;
	size_t			 k, slots = 0;

	for (k = 0; k < nmodes; k++) {
		if (modes[k].id < 0 || modes[k].id >= 65536)
			return NULL;
		if ((size_t)modes[k].id + 1 > slots)
			slots = (size_t)modes[k].id + 1;
	}
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return NULL;
	if (slots > 0 && (g->modes = calloc(slots, sizeof(*g->modes))) == NULL)
		goto fail;
	g->nmodes = slots;
	for (k = 0; k < nmodes; k++) {
		m = &g->modes[modes[k].id];
		if (m->valid)
			goto fail;
		m->valid = 1;
		m->m = modes[k];
		m->no_priv = m->no_priv_shown = INT_MAX;
		m->m.name = dupstr(modes[k].name);
		m->m.prompt = dupstr(modes[k].prompt);
		m->m.help_title = dupstr(modes[k].help_title);
		g->nvalid++;
		if (m->m.name == NULL || m->m.prompt == NULL ||
		    m->m.help_title == NULL)
			goto fail;
	}
	return g;
fail:
	cmd_grammar_free(g);
	return NULL;
}

void
cmd_grammar_free(struct cmd_grammar *g)
{
	size_t	 k;

	if (g == NULL)
		return;
	for (k = 0; k < g->nmodes; k++) {
		free((char *)g->modes[k].m.name);
		free((char *)g->modes[k].m.prompt);
		free((char *)g->modes[k].m.help_title);
		free(g->modes[k].idx);
		free(g->modes[k].vf);
	}
	for (k = 0; k < g->ndefs; k++)
		free(g->defs[k]);
	free(g->defs);
	free(g->modes);
	free(g);
}

static const struct cmd_cmode *
mode_of(const struct cmd_grammar *g, int id)
{
	if (g == NULL || id < 0 || (size_t)id >= g->nmodes ||
	    !g->modes[id].valid)
		return NULL;
	return &g->modes[id];
}

const struct cmd_mode *
cmd_grammar_mode(const struct cmd_grammar *g, int id)
{
	const struct cmd_cmode	*m = mode_of(g, id);

	return m != NULL ? &m->m : NULL;
}

size_t
cmd_grammar_nmodes(const struct cmd_grammar *g)
{
	return g != NULL ? g->nvalid : 0;
}

size_t
cmd_grammar_ndefs(const struct cmd_grammar *g)
{
	return g != NULL ? g->ndefs : 0;
}

const struct cmd_def *
cmd_grammar_def(const struct cmd_grammar *g, size_t i)
{
	return g != NULL && i < g->ndefs ? g->defs[i]->def : NULL;
}

static int
grow(void **p, size_t *cap, size_t need, size_t size)
{
	void	*np;
	size_t	 ncap;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < need)
		ncap *= 2;
	if ((np = realloc(*p, ncap * size)) == NULL)
		return CMD_E_NOMEM;
	*p = np;
	*cap = ncap;
	return 0;
}

/* Where kw goes in the sorted index: after the entries equal to it. */
static size_t
idx_upper(const struct cmd_cmode *m, const char *kw)
{
	size_t	 lo = 0, hi = m->nidx, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(m->idx[mid].kw, kw) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
cmd_grammar_add(struct cmd_grammar *g, const struct cmd_def *def)
{
	struct cmd_cmode	*m;
	struct cmd_cdef		*d;
	const struct cmd_pos	*p;
	size_t			 k, at;
	int			 rc;

	if (g == NULL || def == NULL || mode_of(g, def->mode) == NULL ||
	    (def->enters != CMD_MODE_NONE && mode_of(g, def->enters) == NULL))
		return CMD_E_MODE;
	if (g->ndefs >= UINT32_MAX - 1)
		return CMD_E_NOMEM;
	m = &g->modes[def->mode];
	if ((rc = cmd_compile(def, &d)) != 0)
		return rc;
	if (grow((void **)&g->defs, &g->defcap, g->ndefs + 1,
	    sizeof(*g->defs)) != 0 ||
	    grow((void **)&m->idx, &m->idxcap, m->nidx + d->nfirst,
	    sizeof(*m->idx)) != 0 ||
	    grow((void **)&m->vf, &m->vfcap, m->nvf + d->nfirst,
	    sizeof(*m->vf)) != 0) {
		free(d);
		return CMD_E_NOMEM;
	}
	d->seq = (uint32_t)g->ndefs;
	for (k = 0; k < d->nfirst; k++) {
		p = &d->pos[d->first[k]];
		if (p->type != CT_KW) {
			m->vf[m->nvf].def = d->seq;
			m->vf[m->nvf++].pos = d->first[k];
			continue;
		}
		at = idx_upper(m, p->text);
		memmove(&m->idx[at + 1], &m->idx[at],
		    (m->nidx - at) * sizeof(*m->idx));
		m->idx[at].kw = p->text;
		m->idx[at].len = p->len;
		m->idx[at].def = d->seq;
		m->idx[at].pos = d->first[k];
		m->nidx++;
	}
	if (def->flags & (CMD_F_NO | CMD_F_NOONLY)) {
		if (def->priv < m->no_priv)
			m->no_priv = def->priv;
		if (!(def->flags & CMD_F_HIDDEN) && def->priv < m->no_priv_shown)
			m->no_priv_shown = def->priv;
	}
	g->defs[g->ndefs++] = d;
	return 0;
}

int
cmd_grammar_add_all(struct cmd_grammar *g, const struct cmd_def *defs,
    size_t n, size_t *bad)
{
	size_t	 k;
	int	 rc;

	for (k = 0; k < n; k++) {
		if ((rc = cmd_grammar_add(g, &defs[k])) != 0) {
			if (bad != NULL)
				*bad = k;
			return rc;
		}
	}
	return 0;
}

/* Walking a line. */

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t
tokenise(const char *line, struct cmd_tok *tok, size_t max)
{
	size_t	 i = 0, n = 0, s;

	for (;;) {
		while (is_space(line[i]))
			i++;
		if (line[i] == '\0')
			return n;
		for (s = i; line[i] != '\0' && !is_space(line[i]); i++)
			;
		if (n < max) {
			tok[n].off = s;
			tok[n].len = i - s;
		}
		n++;
	}
}

int
cmd_walk_init(struct cmd_walk *w, const struct cmd_grammar *g, int mode,
    int priv, const char *line)
{
	size_t	 n;

	memset(w, 0, offsetof(struct cmd_walk, tokbuf));
	w->g = g;
	w->priv = priv;
	w->line = line != NULL ? line : "";
	w->st = w->stbuf;
	w->stcap = sizeof(w->stbuf) / sizeof(w->stbuf[0]);
	w->tok = w->tokbuf;
	w->step = w->stepbuf;
	w->start = 1;
	if ((w->m = mode_of(g, mode)) == NULL)
		return CMD_E_MODE;
	n = tokenise(w->line, w->tokbuf, 32);
	if (n > 32) {
		if ((w->tok = calloc(n, sizeof(*w->tok))) == NULL ||
		    (w->step = calloc(n, sizeof(*w->step))) == NULL)
			return CMD_E_NOMEM;
		tokenise(w->line, w->tok, n);
	}
	w->ntok = n;
	return 0;
}

void
cmd_walk_free(struct cmd_walk *w)
{
	if (w->tok != w->tokbuf)
		free(w->tok);
	if (w->step != w->stepbuf)
		free(w->step);
	if (w->st != w->stbuf)
		free(w->st);
	w->tok = w->tokbuf;
	w->step = w->stepbuf;
	w->st = w->stbuf;
}

int
cmd_st_end(const struct cmd_grammar *g, const struct cmd_st *s)
{
	const struct cmd_cdef	*d;

	switch (s->pos) {
	case PS_PIPEDONE:
		return s->flags & ST_TRUNC ? 2 : 1;
	case PS_NOSTART:
	case PS_PIPEKW:
	case PS_PIPELINE:
	case PS_START:
		return 0;
	}
	if (s->flags & ST_IFPEND)
		return 0;
	d = g->defs[s->def];
	if (d->pos[s->pos].last)
		return 1;
	if ((s->flags & ST_NEG) && s->pos + 1 >= d->nlead)
		return 2;
	return 0;
}

static int
visible(const struct cmd_walk *w, const struct cmd_cdef *d, int neg)
{
	unsigned	 f = d->def->flags;

	if (d->def->priv > w->priv)
		return 0;
	if (neg)
		return (f & (CMD_F_NO | CMD_F_NOONLY)) != 0;
	return (f & CMD_F_NOONLY) == 0;
}

static int
emit(const struct cmd_walk *w, struct cmd_cand *c, const struct cmd_cdef *d,
    cmd_cand_fn *fn, void *arg)
{
	c->hidden = d != NULL && (d->def->flags & CMD_F_HIDDEN) != 0;
	return fn(arg, c);
}

/* First positions of the mode's definitions (negated ones after `no`). */
static int
cands_first(const struct cmd_walk *w, const char *pfx, size_t plen, int neg,
    int32_t parent, cmd_cand_fn *fn, void *arg)
{
	const struct cmd_cmode	*m = w->m;
	const struct cmd_cdef	*d;
	struct cmd_cand		 c;
	size_t			 lo = 0, hi = m->nidx, mid, k;
	int			 rc;

	/* the run of keywords starting with the prefix */
	while (pfx != NULL && lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmd_kwcmp(m->idx[mid].kw, pfx, plen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = m->nidx, mid = lo; pfx != NULL && mid < hi;) {
		k = mid + (hi - mid) / 2;
		if (cmd_kwcmp(m->idx[k].kw, pfx, plen) <= 0)
			mid = k + 1;
		else
			hi = k;
	}
	memset(&c, 0, sizeof(c));
	c.to.parent = parent;
	c.to.flags = neg ? ST_NEG : 0;
	for (k = lo; k < hi; k++) {
		d = w->g->defs[m->idx[k].def];
		if (!visible(w, d, neg))
			continue;
		c.to.def = m->idx[k].def;
		c.to.pos = m->idx[k].pos;
		c.pos = &d->pos[c.to.pos];
		if ((rc = emit(w, &c, d, fn, arg)) != 0)
			return rc;
	}
	for (k = 0; k < m->nvf; k++) {
		d = w->g->defs[m->vf[k].def];
		if (!visible(w, d, neg))
			continue;
		c.to.def = m->vf[k].def;
		c.to.pos = m->vf[k].pos;
		c.pos = &d->pos[c.to.pos];
		if ((rc = emit(w, &c, d, fn, arg)) != 0)
			return rc;
	}
	return 0;
}

static int
cands_start(const struct cmd_walk *w, const char *pfx, size_t plen,
    cmd_cand_fn *fn, void *arg)
{
	struct cmd_cand	 c;
	int		 rc;

	if (w->m->no_priv <= w->priv) {
		memset(&c, 0, sizeof(c));
		c.to.pos = PS_NOSTART;
		c.to.parent = -1;
		c.pos = &cmd_no_kw;
		c.hidden = w->m->no_priv_shown > w->priv;
		if ((rc = fn(arg, &c)) != 0)
			return rc;
	}
	return cands_first(w, pfx, plen, 0, -1, fn, arg);
}

/* Candidates after one live state. */
static int
cands_of(const struct cmd_walk *w, struct cmd_st s, int32_t self,
    const char *pfx, size_t plen, cmd_cand_fn *fn, void *arg)
{
	const struct cmd_cdef	*d = NULL;
	struct cmd_cand		 c;
	size_t			 k;
	int			 rc, e;

	memset(&c, 0, sizeof(c));
	c.to = s;
	c.to.parent = self;
	if (s.pos == PS_NOSTART)
		return cands_first(w, pfx, plen, 1, self, fn, arg);
	d = w->g->defs[s.def];
	switch (s.pos) {
	case PS_PIPEKW:
		c.to.pos = PS_PIPELINE;
		for (k = 0; k < 5; k++) {
			c.to.flags = (uint16_t)(s.flags | k << ST_FLT_SHIFT);
			c.pos = &cmd_pipe_kw[k];
			if ((rc = emit(w, &c, d, fn, arg)) != 0)
				return rc;
		}
		return 0;
	case PS_PIPELINE:
	case PS_PIPEDONE:
		c.to.pos = PS_PIPEDONE;
		if (s.pos == PS_PIPEDONE)
			c.to.flags |= ST_LOOP;
		c.pos = &cmd_pipe_line;
		return emit(w, &c, d, fn, arg);
	}
	if (s.flags & ST_IFPEND) {
		c.to.flags &= (uint16_t)~ST_IFPEND;
		c.pos = &cmd_ifnum_pos[(s.flags & ST_IFT_MASK) >> ST_IFT_SHIFT];
		return emit(w, &c, d, fn, arg);
	}
	if (d->pos[s.pos].type == CT_LINE) {
		c.to.flags |= ST_LOOP;
		c.pos = &d->pos[s.pos];
		if ((rc = emit(w, &c, d, fn, arg)) != 0)
			return rc;
	}
	c.to.flags = s.flags & ST_NEG;
	for (k = 0; k < d->pos[s.pos].nfollow; k++) {
		c.to.pos = d->follow[d->pos[s.pos].follow + k];
		c.pos = &d->pos[c.to.pos];
		if ((rc = emit(w, &c, d, fn, arg)) != 0)
			return rc;
	}
	if ((d->def->flags & CMD_F_PIPE) && (e = cmd_st_end(w->g, &s)) != 0) {
		c.to.pos = PS_PIPEKW;
		c.to.flags = (uint16_t)((s.flags & ST_NEG) |
		    (e == 2 ? ST_TRUNC : 0));
		c.pos = &cmd_pipe_bar;
		return emit(w, &c, d, fn, arg);
	}
	return 0;
}

int
cmd_walk_cands(const struct cmd_walk *w, const char *pfx, size_t plen,
    cmd_cand_fn *fn, void *arg)
{
	size_t	 k, end = w->nst;
	int	 rc;

	/* fn may push the next step's states after `end` */
	if (w->start)
		return cands_start(w, pfx, plen, fn, arg);
	for (k = w->cur; k < end; k++)
		if ((rc = cands_of(w, w->st[k], (int32_t)k, pfx, plen, fn,
		    arg)) != 0)
			return rc;
	return 0;
}

int
cmd_walk_can_end(const struct cmd_walk *w, int shown)
{
	size_t	 k;

	if (w->start)
		return 0;
	for (k = w->cur; k < w->nst; k++) {
		if (shown && w->st[k].pos != PS_NOSTART &&
		    (w->g->defs[w->st[k].def]->def->flags & CMD_F_HIDDEN))
			continue;
		if (cmd_st_end(w->g, &w->st[k]))
			return 1;
	}
	return 0;
}

/* Matching one token against the candidates. */
struct tmatch {
	struct cmd_walk		*w;
	const char		*t;
	size_t			 n;
	size_t			 base;	/* first state of the new step */
	int			 best;	/* 3 exact, 2 prefix, 1 variable */
	int			 ambig;
	int			 ifambig;
	const struct cmd_pos	*pfx;
	size_t			 agree;
	int			 rc;
};

static int
push(struct cmd_walk *w, size_t base, const struct cmd_st *to)
{
	struct cmd_st	*np;
	size_t		 j, ncap;

	/*
	 * Duplicates come from states of one definition, and those are
	 * pushed together (a parent's successors are consecutive, parents
	 * of a definition too): scanning that run back is enough.
	 */
	for (j = w->nst; j > base && w->st[j - 1].def == to->def; j--) {
		const struct cmd_st *o = &w->st[j - 1];

		if (o->pos == to->pos && o->flags == to->flags)
			return 0;
	}
	if (w->nst == w->stcap) {
		ncap = w->stcap * 2;
		if (w->st == w->stbuf) {
			if ((np = malloc(ncap * sizeof(*np))) != NULL)
				memcpy(np, w->st, w->nst * sizeof(*np));
		} else
			np = realloc(w->st, ncap * sizeof(*np));
		if (np == NULL)
			return CMD_E_NOMEM;
		w->st = np;
		w->stcap = ncap;
	}
	w->st[w->nst++] = *to;
	return 0;
}

static int
kw_class(const struct cmd_pos *p, const char *t, size_t n)
{
	if (n > p->len || cmd_kwcmp(p->text, t, n) != 0)
		return 0;
	return n == p->len ? 3 : 2;
}

static int
match_one(void *arg, const struct cmd_cand *c)
{
	struct tmatch	*tm = arg;
	struct cmd_st	 to = c->to;
	size_t		 tl;
	int		 cls, ty, numok;

	if (c->pos->type == CT_KW)
		cls = kw_class(c->pos, tm->t, tm->n);
	else if (c->pos->type == CT_IFNAME) {
		cls = 0;
		ty = cmd_iftype_of(tm->t, tm->n, &tl, &numok);
		if (ty >= 0 && numok)
			cls = 1;
		else if (ty >= 0 && tl == tm->n) {
			cls = 1;
			to.flags |= (uint16_t)(ST_IFPEND | ty << ST_IFT_SHIFT);
		} else if (ty == -2 && (tl == tm->n || numok))
			tm->ifambig = 1;
	} else
		cls = cmd_var_match(c->pos, tm->t, tm->n);
	if (cls == 0 || cls < tm->best)
		return 0;
	if (cls > tm->best) {
		tm->w->nst = tm->base;
		tm->best = cls;
		tm->ambig = 0;
		tm->pfx = NULL;
	}
	if (cls == 2) {
		if (tm->pfx == NULL)
			tm->pfx = c->pos;
		else if (tm->pfx != c->pos && strcmp(tm->pfx->text,
		    c->pos->text) != 0)
			tm->ambig = 1;
	}
	return push(tm->w, tm->base, &to);
}

static int
agree_one(void *arg, const struct cmd_cand *c)
{
	struct tmatch	*tm = arg;
	size_t		 i = 0;

	if (c->pos->type == CT_KW) {
		while (i < tm->n && i < c->pos->len &&
		    tolower((unsigned char)tm->t[i]) == c->pos->text[i])
			i++;
	} else
		i = cmd_var_agree(c->pos, tm->t, tm->n);
	if (i > tm->agree)
		tm->agree = i;
	return 0;
}

int
cmd_walk_run(struct cmd_walk *w, size_t n)
{
	struct tmatch	 tm;
	size_t		 i;
	int		 rc;

	w->status = CMD_OK;
	for (i = 0; i < n; i++) {
		memset(&tm, 0, sizeof(tm));
		tm.w = w;
		tm.t = w->line + w->tok[i].off;
		tm.n = w->tok[i].len;
		tm.base = w->nst;
		if ((rc = cmd_walk_cands(w, tm.t, tm.n, match_one, &tm)) != 0)
			return rc;
		if (tm.best == 0 && tm.ifambig) {
			w->status = CMD_AMBIGUOUS;
			return 0;
		}
		if (tm.best == 0) {
			cmd_walk_cands(w, NULL, 0, agree_one, &tm);
			w->status = CMD_INVALID;
			w->err_col = w->tok[i].off + tm.agree;
			return 0;
		}
		if (tm.best == 2 && tm.ambig) {
			w->status = CMD_AMBIGUOUS;
			return 0;
		}
		w->step[i] = tm.base;
		w->cur = tm.base;
		w->start = 0;
	}
	return 0;
}

/* Arguments. */

struct aent {
	const struct cmd_pos	*p;
	size_t			 off, len;	/* the typed text */
	int			 iftype;	/* two-token interface, or -1 */
};

static size_t
aent_value(const struct cmd_walk *w, const struct aent *a, char *out,
    size_t outlen)
{
	const char	*t = w->line + a->off;
	size_t		 o;

	if (a->p->type == CT_KW)
		t = a->p->text;
	if (a->p->type == CT_KW || a->p->type == CT_WORD ||
	    a->p->type == CT_LINE) {
		o = a->p->type == CT_KW ? a->p->len : a->len;
		if (outlen > o) {
			memcpy(out, t, o);
			out[o] = '\0';
		}
		return o;
	}
	if (a->iftype >= 0) {
		o = strlen(cmd_iftypes[a->iftype].name);
		if (outlen > o)
			memcpy(out, cmd_iftypes[a->iftype].name, o);
		return o + cmd_ifnum_canon(t, a->len, outlen > o ? out + o :
		    NULL, outlen > o ? outlen - o : 0);
	}
	return cmd_var_canon(a->p, t, a->len, out, outlen);
}

static int
same_arg(const struct cmd_args *a, size_t i, size_t j)
{
	return a->kw[i] == a->kw[j] && strcmp(a->name[i], a->name[j]) == 0;
}

static struct cmd_args *
args_build(const struct cmd_walk *w, const struct aent *a, size_t n)
{
	struct cmd_args	*args;
	size_t		 sz = 0, k, j, g = 0, c;
	char		*sp;

	for (k = 0; k < n; k++)
		sz += strlen(a[k].p->name) + 1 + aent_value(w, &a[k], NULL, 0) +
		    1;
	args = calloc(1, sizeof(*args) + n * (3 * sizeof(char *) +
	    2 * sizeof(size_t) + 1) + sz);
	if (args == NULL)
		return NULL;
	args->n = n;
	args->name = (const char **)(args + 1);
	args->val = args->name + n;
	args->grouped = args->val + n;
	args->gstart = (size_t *)(args->grouped + n);
	args->gcount = args->gstart + n;
	args->kw = (char *)(args->gcount + n);
	sp = args->kw + n;
	for (k = 0; k < n; k++) {
		args->kw[k] = a[k].p->type == CT_KW;
		args->name[k] = strcpy(sp, a[k].p->name);
		sp += strlen(sp) + 1;
		args->val[k] = sp;
		sp += aent_value(w, &a[k], sp, sz) + 1;
	}
	for (k = 0; k < n; k++) {
		for (j = 0; j < k && !same_arg(args, j, k); j++)
			;
		if (j < k) {
			args->gstart[k] = args->gstart[j];
			args->gcount[k] = args->gcount[j];
			continue;
		}
		args->gstart[k] = g;
		for (c = 0, j = k; j < n; j++)
			if (same_arg(args, j, k)) {
				args->grouped[g++] = args->val[j];
				c++;
			}
		args->gcount[k] = c;
	}
	return args;
}

/* Fills res from the path ending at state `win`. */
static int
result_build(const struct cmd_walk *w, size_t win, struct cmd_result *res)
{
	struct aent	 abuf[32], *a = abuf;
	size_t		 na = 0, i, k, flt_off = 0, flt_end = 0;
	const struct cmd_st *s;
	int		 rc = CMD_E_NOMEM, iftype = -1, inpipe = 0;

	if (w->ntok > 32 && (a = calloc(w->ntok, sizeof(*a))) == NULL)
		return CMD_E_NOMEM;
	/* walk the parents back, filling the path from the end */
	for (i = w->ntok, k = win; i-- > 0; k = (size_t)w->st[k].parent) {
		w->step[i] = k;		/* the winner's state for token i */
		if (w->st[k].parent < 0)
			break;
	}
	for (i = 0; i < w->ntok; i++) {
		const struct cmd_tok *t = &w->tok[i];

		s = &w->st[w->step[i]];
		if (s->pos == PS_NOSTART)
			continue;
		if (s->pos == PS_PIPEKW) {
			res->filter_col = t->off;
			inpipe = 1;
			continue;
		}
		if (s->pos == PS_PIPELINE) {
			res->filter = pipe_filter[(s->flags & ST_FLT_MASK) >>
			    ST_FLT_SHIFT];
			continue;
		}
		if (s->pos == PS_PIPEDONE) {
			if (!(s->flags & ST_LOOP))
				flt_off = t->off;
			flt_end = t->off + t->len;
			continue;
		}
		if (inpipe)
			continue;
		if (s->flags & ST_IFPEND) {
			iftype = (s->flags & ST_IFT_MASK) >> ST_IFT_SHIFT;
			continue;
		}
		if (s->flags & ST_LOOP) {
			a[na - 1].len = t->off + t->len - a[na - 1].off;
			continue;
		}
		a[na].p = &w->g->defs[s->def]->pos[s->pos];
		a[na].off = t->off;
		a[na].len = t->len;
		a[na].iftype = iftype;
		iftype = -1;
		na++;
	}
	if ((res->args = args_build(w, a, na)) == NULL)
		goto out;
	if (res->filter != CMD_FILTER_NONE &&
	    (res->filter_arg = strndup(w->line + flt_off,
	    flt_end - flt_off)) == NULL)
		goto out;
	rc = 0;
out:
	if (a != abuf)
		free(a);
	return rc;
}

static int
parse_end(struct cmd_walk *w, struct cmd_result *res)
{
	const struct cmd_st	*s;
	size_t			 k, win = 0;
	int			 e, rank, best = INT_MAX;
	uint32_t		 seq = 0;

	for (k = w->cur; k < w->nst; k++) {
		s = &w->st[k];
		if ((e = cmd_st_end(w->g, s)) == 0)
			continue;
		rank = s->flags & ST_NEG ? e : 0;
		if (rank < best || (rank == best && s->def < seq)) {
			best = rank;
			seq = s->def;
			win = k;
		}
	}
	if (best == INT_MAX) {
		res->status = CMD_INCOMPLETE;
		return 0;
	}
	s = &w->st[win];
	res->status = CMD_OK;
	res->def = w->g->defs[s->def]->def;
	res->negated = (s->flags & ST_NEG) != 0;
	return result_build(w, win, res);
}

int
cmd_parse(const struct cmd_grammar *g, int mode, int priv, const char *line,
    struct cmd_result *res)
{
	struct cmd_walk	*w;
	int		 rc;

	memset(res, 0, sizeof(*res));
	res->status = CMD_INVALID;
	/* the walk is large (inline buffers): keep it off small stacks */
	if ((w = malloc(sizeof(*w))) == NULL)
		return CMD_E_NOMEM;
	if ((rc = cmd_walk_init(w, g, mode, priv, line)) != 0)
		goto out;
	if (w->ntok == 0) {
		res->status = CMD_EMPTY;
		goto out;
	}
	if ((rc = cmd_walk_run(w, w->ntok)) != 0)
		goto out;
	res->status = w->status;
	res->err_col = w->err_col;
	if (w->status == CMD_OK)
		rc = parse_end(w, res);
out:
	cmd_walk_free(w);
	free(w);
	if (rc != 0)
		cmd_result_clear(res);
	return rc;
}

void
cmd_result_clear(struct cmd_result *res)
{
	if (res == NULL)
		return;
	free(res->args);
	free(res->filter_arg);
	memset(res, 0, sizeof(*res));
}

char *
cmd_canonical(const struct cmd_result *res)
{
	const struct cmd_args	*a;
	size_t			 k, sz = 4;
	char			*s, *p;

	if (res == NULL || res->status != CMD_OK || (a = res->args) == NULL)
		return NULL;
	for (k = 0; k < a->n; k++)
		sz += strlen(a->val[k]) + 1;
	if ((p = s = malloc(sz)) == NULL)
		return NULL;
	if (res->negated)
		p = stpcpy(p, "no ");
	for (k = 0; k < a->n; k++) {
		if (k > 0)
			*p++ = ' ';
		p = stpcpy(p, a->val[k]);
	}
	*p = '\0';
	return s;
}

/* The first argument of that name, a variable rather than a keyword. */
static ssize_t
arg_find(const struct cmd_args *a, const char *name)
{
	ssize_t	 kw = -1;
	size_t	 k;

	if (a == NULL || name == NULL)
		return -1;
	for (k = 0; k < a->n; k++) {
		if (strcmp(a->name[k], name) != 0)
			continue;
		if (!a->kw[k])
			return (ssize_t)k;
		if (kw < 0)
			kw = (ssize_t)k;
	}
	return kw;
}

const char *
cmd_arg(const struct cmd_args *a, const char *name)
{
	ssize_t	 k = arg_find(a, name);

	return k >= 0 ? a->val[k] : NULL;
}

int
cmd_arg_has(const struct cmd_args *a, const char *name)
{
	return cmd_arg(a, name) != NULL;
}

size_t
cmd_arg_all(const struct cmd_args *a, const char *name,
    const char *const **vals)
{
	ssize_t	 k = arg_find(a, name);

	*vals = NULL;
	if (k < 0)
		return 0;
	*vals = a->grouped + a->gstart[k];
	return a->gcount[k];
}
