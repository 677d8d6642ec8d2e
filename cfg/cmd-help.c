/*
 * `?` help and TAB completion of the grammar engine, in IOS layout.
 */
#include <sys/types.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfg/cmd-int.h"

struct hent {
	const char	*word;
	const char	*help;
	int		 group;		/* 0 variables, 1 keywords */
	size_t		 order;
};

struct hlist {
	struct hent	*v;
	size_t		 n, cap;
	const char	*pfx;		/* partial word, or NULL */
	size_t		 plen;
	int		 varmatch;	/* a variable matches the partial */
	struct hent	*vars;		/* those variables */
	size_t		 nvars, varcap;
	size_t		 agree;
};

struct buf {
	char	*s;
	size_t	 n, cap;
	int	 err;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	char	*ns;
	size_t	 ncap;

	if (b->err)
		return;
	if (b->n + n + 1 > b->cap) {
		for (ncap = b->cap ? b->cap : 256; ncap < b->n + n + 1;
		    ncap *= 2)
			;
		if ((ns = realloc(b->s, ncap)) == NULL) {
			b->err = 1;
			return;
		}
		b->s = ns;
		b->cap = ncap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_pad(struct buf *b, size_t n)
{
	static const char	 sp[] = "                                ";

	while (n > 0) {
		size_t c = n < sizeof(sp) - 1 ? n : sizeof(sp) - 1;

		buf_add(b, sp, c);
		n -= c;
	}
}

static int
hl_add(struct hent **v, size_t *n, size_t *cap, const char *word,
    const char *help, int group)
{
	struct hent	*nv;
	size_t		 ncap;

	if (*n == *cap) {
		ncap = *cap ? *cap * 2 : 16;
		if ((nv = realloc(*v, ncap * sizeof(*nv))) == NULL)
			return CMD_E_NOMEM;
		*v = nv;
		*cap = ncap;
	}
	(*v)[*n].word = word;
	(*v)[*n].help = help;
	(*v)[*n].group = group;
	(*v)[*n].order = *n;
	(*n)++;
	return 0;
}

static int
prefix_of(const char *pfx, size_t plen, const char *word)
{
	return pfx == NULL || (strlen(word) >= plen &&
	    strncasecmp(word, pfx, plen) == 0);
}

static int
collect(void *arg, const struct cmd_cand *c)
{
	struct hlist		*h = arg;
	const struct cmd_pos	*p = c->pos;
	size_t			 k, tl;
	int			 rc, numok;

	if (c->hidden)
		return 0;
	if (p->type == CT_KW)
		return prefix_of(h->pfx, h->plen, p->text) ?
		    hl_add(&h->v, &h->n, &h->cap, p->text, p->help, 1) : 0;
	if (p->type == CT_IFNAME) {
		for (k = 0; k < CMD_NIFTYPES; k++) {
			if (!prefix_of(h->pfx, h->plen, cmd_iftypes[k].name))
				continue;
			if ((rc = hl_add(&h->v, &h->n, &h->cap,
			    cmd_iftypes[k].name, cmd_iftypes[k].help, 0)) != 0)
				return rc;
		}
	}
	if (h->pfx == NULL) {
		/* a LINE already under way only allows <cr> */
		if (p->type == CT_IFNAME || (c->to.flags & ST_LOOP))
			return 0;
		return hl_add(&h->v, &h->n, &h->cap, p->text, p->help, 0);
	}
	if (!cmd_var_match(p, h->pfx, h->plen))
		return 0;
	if (p->type == CT_IFNAME) {
		k = (size_t)cmd_iftype_of(h->pfx, h->plen, &tl, &numok);
		return hl_add(&h->vars, &h->nvars, &h->varcap,
		    cmd_iftypes[k].name, cmd_iftypes[k].help, 0);
	}
	return hl_add(&h->vars, &h->nvars, &h->varcap, p->text, p->help, 0);
}

static int
hent_cmp(const void *a, const void *b)
{
	const struct hent	*x = a, *y = b;
	int			 c;

	if (x->group != y->group)
		return x->group - y->group;
	if ((c = strcmp(x->word, y->word)) != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Sorts and drops repeated words, keeping the first added. */
static size_t
hent_sort(struct hent *v, size_t n)
{
	size_t	 k, o = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), hent_cmp);
	for (k = 0; k < n; k++)
		if (o == 0 || strcmp(v[o - 1].word, v[k].word) != 0)
			v[o++] = v[k];
	return o;
}

/* Help text from column col, wrapped under that column. */
static void
put_help(struct buf *b, const char *help, size_t col, int width)
{
	size_t	 max = width > 0 ? (size_t)width - 1 : 0, cur = col, wl;

	if (max == 0 || max < col + 10 || col + strlen(help) <= max) {
		buf_str(b, help);
		return;
	}
	while (*help != '\0') {
		while (*help == ' ')
			help++;
		if ((wl = strcspn(help, " ")) == 0)
			break;
		if (cur > col && cur + 1 + wl > max) {
			buf_add(b, "\n", 1);
			buf_pad(b, col);
			cur = col;
		} else if (cur > col) {
			buf_add(b, " ", 1);
			cur++;
		}
		buf_add(b, help, wl);
		cur += wl;
		help += wl;
	}
}

static void
format_list(struct buf *b, const struct hent *v, size_t n, int cr, int width)
{
	size_t	 k, maxw = 0, wl;

	for (k = 0; k < n; k++)
		if ((wl = strlen(v[k].word)) > maxw)
			maxw = wl;
	for (k = 0; k < n; k++) {
		if (k > 0)
			buf_add(b, "\n", 1);
		buf_add(b, "  ", 2);
		buf_str(b, v[k].word);
		if (v[k].help == NULL || v[k].help[0] == '\0')
			continue;
		buf_pad(b, maxw + 2 - strlen(v[k].word));
		put_help(b, v[k].help, maxw + 4, width);
	}
	if (cr)
		buf_str(b, n > 0 ? "\n  <cr>" : "  <cr>");
}

/* Words on lines, two spaces apart, as IOS prints `sh?`. */
static void
format_words(struct buf *b, const struct hent *v, size_t n, int width)
{
	size_t	 k, cur = 0, wl, max = width > 0 ? (size_t)width - 1 : 0;

	for (k = 0; k < n; k++) {
		wl = strlen(v[k].word);
		if (k > 0 && max > 0 && cur + 2 + wl > max) {
			buf_add(b, "\n", 1);
			cur = 0;
		} else if (k > 0) {
			buf_add(b, "  ", 2);
			cur += 2;
		}
		buf_str(b, v[k].word);
		cur += wl;
	}
}

static int
agree(void *arg, const struct cmd_cand *c)
{
	struct hlist	*h = arg;
	size_t		 i = 0;

	if (c->hidden)
		return 0;
	if (c->pos->type == CT_KW) {
		while (i < h->plen && i < c->pos->len &&
		    tolower((unsigned char)h->pfx[i]) == c->pos->text[i])
			i++;
	} else
		i = cmd_var_agree(c->pos, h->pfx, h->plen);
	if (i > h->agree)
		h->agree = i;
	return 0;
}

/* Runs the walk on the complete words; *partial is the last word or -1. */
static int
walk_prefix(struct cmd_walk *w, const struct cmd_grammar *g, int mode,
    int priv, const char *line, ssize_t *partial)
{
	size_t	 len = line != NULL ? strlen(line) : 0, n;
	int	 rc;

	if ((rc = cmd_walk_init(w, g, mode, priv, line)) != 0)
		return rc;
	n = w->ntok;
	*partial = -1;
	if (len > 0 && n > 0 && w->tok[n - 1].off + w->tok[n - 1].len == len) {
		*partial = (ssize_t)(n - 1);
		n--;
	}
	return cmd_walk_run(w, n);
}

static int
help_build(struct cmd_walk *w, ssize_t partial, int width, char **out,
    enum cmd_status *status, size_t *err_col)
{
	struct hlist	 h;
	struct buf	 b;
	size_t		 n;
	int		 rc;

	memset(&h, 0, sizeof(h));
	memset(&b, 0, sizeof(b));
	if (partial >= 0) {
		h.pfx = w->line + w->tok[partial].off;
		h.plen = w->tok[partial].len;
	}
	if ((rc = cmd_walk_cands(w, NULL, 0, collect, &h)) != 0)
		goto out;
	n = hent_sort(h.v, h.n);
	if (partial < 0)
		format_list(&b, h.v, n, cmd_walk_can_end(w, 1), width);
	else if (n > 0)
		format_words(&b, h.v, n, width);
	else if ((n = hent_sort(h.vars, h.nvars)) > 0)
		format_words(&b, h.vars, n, width);
	else {
		cmd_walk_cands(w, NULL, 0, agree, &h);
		*status = CMD_INVALID;
		*err_col = w->tok[partial].off + h.agree;
		goto out;
	}
	if (b.err || b.s == NULL) {
		rc = b.err ? CMD_E_NOMEM : 0;
		if (rc == 0 && (b.s = strdup("")) == NULL)
			rc = CMD_E_NOMEM;
		if (rc != 0)
			goto out;
	}
	*out = b.s;
	b.s = NULL;
out:
	free(b.s);
	free(h.v);
	free(h.vars);
	return rc;
}

int
cmd_help(const struct cmd_grammar *g, int mode, int priv, const char *line,
    int width, char **out, enum cmd_status *status, size_t *err_col)
{
	struct cmd_walk	*w;
	ssize_t		 partial;
	int		 rc;

	*out = NULL;
	*status = CMD_OK;
	*err_col = 0;
	if ((w = malloc(sizeof(*w))) == NULL)
		return CMD_E_NOMEM;
	if ((rc = walk_prefix(w, g, mode, priv, line, &partial)) != 0)
		goto out;
	if (w->status != CMD_OK) {
		*status = w->status;
		*err_col = w->err_col;
		goto out;
	}
	rc = help_build(w, partial, width, out, status, err_col);
out:
	cmd_walk_free(w);
	free(w);
	return rc;
}

static int
complete_cmp(const void *a, const void *b)
{
	const struct hent	*x = a, *y = b;

	/* group holds "exact match" here: exact first */
	if (x->group != y->group)
		return y->group - x->group;
	return strcmp(x->word, y->word);
}

static int
words_out(struct hent *v, size_t n, char ***words)
{
	size_t	 k, o = 0;
	char	**w;

	if ((w = calloc(n + 1, sizeof(*w))) == NULL)
		return CMD_E_NOMEM;
	for (k = 0; k < n; k++) {
		if (o > 0 && strcmp(w[o - 1], v[k].word) == 0)
			continue;
		if ((w[o++] = strdup(v[k].word)) == NULL) {
			cmd_words_free(w);
			return CMD_E_NOMEM;
		}
	}
	*words = w;
	return (int)o;
}

int
cmd_complete(const struct cmd_grammar *g, int mode, int priv,
    const char *line, char ***words)
{
	struct cmd_walk	*w;
	struct hlist	 h;
	ssize_t		 partial;
	size_t		 k;
	int		 rc;

	*words = NULL;
	memset(&h, 0, sizeof(h));
	if ((w = malloc(sizeof(*w))) == NULL)
		return CMD_E_NOMEM;
	if ((rc = walk_prefix(w, g, mode, priv, line, &partial)) != 0)
		goto out;
	h.pfx = "";
	if (partial >= 0) {
		h.pfx = w->line + w->tok[partial].off;
		h.plen = w->tok[partial].len;
	}
	if (w->status == CMD_OK &&
	    (rc = cmd_walk_cands(w, NULL, 0, collect, &h)) != 0)
		goto out;
	for (k = 0; k < h.n; k++)
		h.v[k].group = strlen(h.v[k].word) == h.plen &&
		    strncasecmp(h.v[k].word, h.pfx, h.plen) == 0;
	if (h.n > 0)
		qsort(h.v, h.n, sizeof(*h.v), complete_cmp);
	rc = words_out(h.v, h.n, words);
out:
	cmd_walk_free(w);
	free(w);
	free(h.v);
	free(h.vars);
	return rc;
}

void
cmd_words_free(char **words)
{
	size_t	 k;

	if (words == NULL)
		return;
	for (k = 0; words[k] != NULL; k++)
		free(words[k]);
	free(words);
}
