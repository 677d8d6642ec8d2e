/*
 * Compiling a definition's syntax string into positions (Glushkov
 * construction): every keyword or variable is a position with the set of
 * positions that may follow it, so matching needs no epsilon moves.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cmd-int.h"

#define MAXPOS	1024

struct set {
	uint16_t	*v;
	size_t		 n, cap;
};

struct ptmp {
	const char	*s;		/* token in the syntax string */
	size_t		 len;
	size_t		 tlen;		/* without "$name" */
	int		 type;
	unsigned long long lo, hi;
	struct set	 follow;
};

struct cc {
	const char	*s;
	size_t		 i;		/* scan offset */
	struct ptmp	*pos;
	size_t		 npos;
	int		 err;
};

static int
set_add(struct set *s, uint16_t p)
{
	uint16_t	*nv;
	size_t		 i, ncap;

	for (i = 0; i < s->n; i++)
		if (s->v[i] == p)
			return 0;
	if (s->n == s->cap) {
		ncap = s->cap ? s->cap * 2 : 4;
		if ((nv = realloc(s->v, ncap * sizeof(*nv))) == NULL)
			return CMD_E_NOMEM;
		s->v = nv;
		s->cap = ncap;
	}
	s->v[s->n++] = p;
	return 0;
}

static int
set_union(struct set *d, const struct set *s)
{
	size_t	 i;
	int	 rc;

	for (i = 0; i < s->n; i++)
		if ((rc = set_add(d, s->v[i])) != 0)
			return rc;
	return 0;
}

static void
set_free(struct set *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int
special(int c)
{
	return c == '[' || c == ']' || c == '{' || c == '}' || c == '|';
}

/* The next syntax token: a bracket character, a word, or 0 at the end. */
static int
peek(struct cc *c, size_t *len)
{
	const char	*s = c->s;
	size_t		 i = c->i, j;

	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
		i++;
	c->i = i;
	if (s[i] == '\0')
		return 0;
	if (special((unsigned char)s[i])) {
		*len = 1;
		return s[i];
	}
	for (j = i; s[j] != '\0' && s[j] != ' ' && s[j] != '\t' &&
	    s[j] != '\n' && !special((unsigned char)s[j]); j++)
		;
	*len = j - i;
	return 'w';
}

static int
keyword_ok(const char *t, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!islower((unsigned char)t[i]) &&
		    !isdigit((unsigned char)t[i]) && t[i] != '-' &&
		    t[i] != '_' && t[i] != '.')
			return 0;
	return n > 0;
}

static int
new_pos(struct cc *c, size_t len, struct set *first, struct set *last)
{
	struct ptmp	*p;
	const char	*t = c->s + c->i, *dollar;
	int		 rc;

	if (c->npos >= MAXPOS)
		return CMD_E_SYNTAX;
	p = &c->pos[c->npos];
	memset(p, 0, sizeof(*p));
	p->s = t;
	p->len = len;
	dollar = memchr(t, '$', len);
	p->tlen = dollar ? (size_t)(dollar - t) : len;
	if (dollar != NULL && dollar + 1 == t + len)
		return CMD_E_SYNTAX;
	p->type = cmd_var_type(t, p->tlen, &p->lo, &p->hi);
	if (p->type < 0) {
		if (!keyword_ok(t, p->tlen))
			return CMD_E_SYNTAX;
		p->type = CT_KW;
	}
	c->i += len;
	if ((rc = set_add(first, (uint16_t)c->npos)) != 0 ||
	    (rc = set_add(last, (uint16_t)c->npos)) != 0)
		return rc;
	c->npos++;
	return 0;
}

static int alts(struct cc *, struct set *, struct set *, int *);

/* One element: a word, [ alts ] or { alts }. */
static int
elem(struct cc *c, struct set *first, struct set *last, int *nullable)
{
	size_t	 len;
	int	 t = peek(c, &len), rc, close;

	*nullable = 0;
	if (t == 'w')
		return new_pos(c, len, first, last);
	if (t != '[' && t != '{')
		return CMD_E_SYNTAX;
	close = t == '[' ? ']' : '}';
	c->i++;
	if ((rc = alts(c, first, last, nullable)) != 0)
		return rc;
	if (peek(c, &len) != close)
		return CMD_E_SYNTAX;
	c->i++;
	if (close == ']')
		*nullable = 1;
	return 0;
}

/* A sequence of elements, up to a closing bracket, '|' or the end. */
static int
seq(struct cc *c, struct set *first, struct set *last, int *nullable)
{
	struct set	 f = { 0 }, l = { 0 };
	size_t		 len, k, n = 0;
	int		 t, en, rc = 0;

	*nullable = 1;
	while ((t = peek(c, &len)) == 'w' || t == '[' || t == '{') {
		memset(&f, 0, sizeof(f));
		memset(&l, 0, sizeof(l));
		if ((rc = elem(c, &f, &l, &en)) != 0)
			goto out;
		for (k = 0; k < last->n; k++)
			if ((rc = set_union(&c->pos[last->v[k]].follow,
			    &f)) != 0)
				goto out;
		if (*nullable && (rc = set_union(first, &f)) != 0)
			goto out;
		if (!en)
			last->n = 0;
		if ((rc = set_union(last, &l)) != 0)
			goto out;
		*nullable = *nullable && en;
		set_free(&f);
		set_free(&l);
		n++;
	}
	if (n == 0)
		rc = CMD_E_SYNTAX;
out:
	set_free(&f);
	set_free(&l);
	return rc;
}

/* Alternatives: each sequence starts from empty sets of its own. */
static int
alts(struct cc *c, struct set *first, struct set *last, int *nullable)
{
	struct set	 f, l;
	size_t		 len;
	int		 rc, n;

	*nullable = 0;
	for (;;) {
		memset(&f, 0, sizeof(f));
		memset(&l, 0, sizeof(l));
		if ((rc = seq(c, &f, &l, &n)) == 0 &&
		    (rc = set_union(first, &f)) == 0)
			rc = set_union(last, &l);
		set_free(&f);
		set_free(&l);
		if (rc != 0)
			return rc;
		*nullable |= n;
		if (peek(c, &len) != '|')
			return 0;
		c->i++;
	}
}

/* The help lines, split; NULL help gives empty lines. */
static int
help_lines(const char *help, size_t npos, const char **start, size_t *len)
{
	size_t	 k;

	for (k = 0; k < npos; k++) {
		start[k] = help ? help : "";
		len[k] = help ? strcspn(help, "\n") : 0;
		if (help == NULL)
			continue;
		help += len[k];
		if (*help == '\0' && k + 1 < npos)
			return CMD_E_HELP;
		if (*help == '\n')
			help++;
	}
	return help == NULL || *help == '\0' ? 0 : CMD_E_HELP;
}

static uint16_t
leading_keywords(struct cc *c)
{
	size_t		 len;
	uint16_t	 n = 0;

	c->i = 0;
	while (n < c->npos && peek(c, &len) == 'w' &&
	    c->pos[n].type == CT_KW) {
		c->i += len;
		n++;
	}
	return n;
}

static int
pack(struct cc *c, const struct cmd_def *def, const struct set *first,
    const struct set *last, struct cmd_cdef **out)
{
	const char	*hs[MAXPOS];
	size_t		 hl[MAXPOS], nfol = 0, str = 0, k, j;
	struct cmd_cdef	*d;
	struct cmd_pos	*p;
	char		*sp;
	uint16_t	*fp;
	int		 rc;

	if ((rc = help_lines(def->help, c->npos, hs, hl)) != 0)
		return rc;
	for (k = 0; k < c->npos; k++) {
		nfol += c->pos[k].follow.n;
		str += c->pos[k].len * 2 + 2 + hl[k] + 1;
		if (c->pos[k].type == CT_LINE && c->pos[k].follow.n > 0)
			return CMD_E_SYNTAX;
	}
	d = calloc(1, sizeof(*d) + c->npos * sizeof(*p) +
	    (first->n + nfol) * sizeof(uint16_t) + str);
	if (d == NULL)
		return CMD_E_NOMEM;
	d->def = def;
	d->npos = (uint16_t)c->npos;
	d->pos = p = (struct cmd_pos *)(d + 1);
	d->first = fp = (uint16_t *)(p + c->npos);
	d->nfirst = (uint16_t)first->n;
	memcpy(fp, first->v, first->n * sizeof(*fp));
	d->follow = fp += first->n;
	sp = (char *)(fp + nfol);
	for (k = 0, nfol = 0; k < c->npos; k++) {
		const struct ptmp *t = &c->pos[k];

		p[k].type = (uint8_t)t->type;
		p[k].lo = t->lo;
		p[k].hi = t->hi;
		p[k].text = memcpy(sp, t->s, t->tlen);
		p[k].len = (uint16_t)t->tlen;
		sp += t->tlen + 1;
		if (t->tlen < t->len)
			p[k].name = memcpy(sp, t->s + t->tlen + 1,
			    t->len - t->tlen - 1);
		else
			p[k].name = p[k].text;
		sp += t->len + 1;
		p[k].help = memcpy(sp, hs[k], hl[k]);
		sp += hl[k] + 1;
		p[k].follow = (uint32_t)nfol;
		p[k].nfollow = (uint16_t)t->follow.n;
		for (j = 0; j < t->follow.n; j++)
			d->follow[nfol++] = t->follow.v[j];
	}
	for (k = 0; k < last->n; k++)
		p[last->v[k]].last = 1;
	d->nlead = leading_keywords(c);
	*out = d;
	return 0;
}

int
cmd_compile(const struct cmd_def *def, struct cmd_cdef **out)
{
	struct cc	 c;
	struct set	 first = { 0 }, last = { 0 };
	size_t		 len, k;
	int		 rc, nullable;

	*out = NULL;
	if (def->syntax == NULL)
		return CMD_E_SYNTAX;
	memset(&c, 0, sizeof(c));
	c.s = def->syntax;
	if ((c.pos = calloc(MAXPOS, sizeof(*c.pos))) == NULL)
		return CMD_E_NOMEM;
	rc = alts(&c, &first, &last, &nullable);
	if (rc == 0 && (peek(&c, &len) != 0 || nullable))
		rc = CMD_E_SYNTAX;
	if (rc == 0)
		rc = pack(&c, def, &first, &last, out);
	for (k = 0; k < c.npos; k++)
		set_free(&c.pos[k].follow);
	free(c.pos);
	set_free(&first);
	set_free(&last);
	return rc;
}
