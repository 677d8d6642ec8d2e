/*
 * running-config text from the model.  Top-level settings come in display
 * order with a "!" wherever the display group changes and after each block
 * that asks for one; children are indented one space per level.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgcmd.h"
#include "cfg/model.h"
#include "cfg/render.h"

struct buf {
	char	*p;
	size_t	 len, cap;
	int	 failed;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	size_t	 cap;
	char	*p;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 4096;
		while (b->len + n + 1 > cap)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_indent(struct buf *b, int depth)
{
	static const char	 spaces[] = "                ";

	while (depth > 0) {
		int	 n = depth > 16 ? 16 : depth;

		buf_add(b, spaces, (size_t)n);
		depth -= n;
	}
}

static void
render_kids(struct buf *b, const struct cfg_node *n, int depth)
{
	struct cfg_node		**kids;
	const struct cfg_cmd	*cmd;
	size_t			 nk, i;

	if ((kids = cfg_node_sorted(n, &nk)) == NULL) {
		if (cfg_node_nkids(n) > 0)
			b->failed = 1;
		return;
	}
	for (i = 0; i < nk; i++) {
		cmd = cfg_node_cmd(kids[i]);
		buf_indent(b, depth + ((cmd->cflags & CFG_F_INDENT) != 0));
		buf_str(b, cfg_node_line(kids[i]));
		buf_add(b, "\n", 1);
		render_kids(b, kids[i], depth + 1);
		if (cmd->cflags & CFG_F_EXITLINE) {
			buf_indent(b, depth + 1);
			buf_str(b, "exit\n");
		}
		/* IOS XE: " !" after each site, locator-set, eid-table. */
		if (cmd->cflags & CFG_F_SEPAFTER) {
			buf_indent(b, depth);
			buf_str(b, "!\n");
		}
	}
	free(kids);
}

/* One top-level setting and its block, with the "!" rules. */
static void
render_top(struct buf *b, const struct cfg_node *k, int *last_group,
    int *sep_pending)
{
	const struct cfg_cmd	*cmd = cfg_node_cmd(k);

	if (*sep_pending || (*last_group != -1 && cmd->group != *last_group))
		buf_str(b, "!\n");
	*sep_pending = 0;
	*last_group = cmd->group;
	buf_str(b, cfg_node_line(k));
	buf_add(b, "\n", 1);
	render_kids(b, k, 1);
	if (cmd->cflags & CFG_F_EXITLINE)
		buf_str(b, " exit\n");
	if (cmd->cflags & CFG_F_SEPAFTER)
		*sep_pending = 1;
}

static void
render_header(struct buf *b, const struct cfg_render_info *ri)
{
	char		 when[64];
	struct tm	 tm;

	buf_str(b, "!\n");
	if (ri != NULL && ri->changed != 0 &&
	    gmtime_r(&ri->changed, &tm) != NULL) {
		strftime(when, sizeof(when), "%H:%M:%S UTC %a %b %e %Y", &tm);
		buf_str(b, "! Last configuration change at ");
		buf_str(b, when);
		if (ri->changed_by != NULL) {
			buf_str(b, " by ");
			buf_str(b, ri->changed_by);
		}
		buf_add(b, "\n", 1);
	}
	if (ri != NULL && ri->saved != 0 &&
	    gmtime_r(&ri->saved, &tm) != NULL) {
		strftime(when, sizeof(when), "%H:%M:%S UTC %a %b %e %Y", &tm);
		buf_str(b, "! NVRAM config last updated at ");
		buf_str(b, when);
		if (ri->saved_by != NULL) {
			buf_str(b, " by ");
			buf_str(b, ri->saved_by);
		}
		buf_add(b, "\n", 1);
	}
	buf_str(b, "!\n");
}

static char *
finish(struct buf *b, size_t *len)
{
	if (b->failed) {
		free(b->p);
		return NULL;
	}
	*len = b->len;
	return b->p;
}

char *
cfg_render(const struct cfg_model *m, const struct cfg_render_info *ri,
    size_t *len)
{
	struct buf		 b = { NULL, 0, 0, 0 };
	struct cfg_node		**kids;
	size_t			 nk, i;
	int			 last_group = -1, sep = 0;

	render_header(&b, ri);
	kids = cfg_node_sorted(cfg_model_root((struct cfg_model *)m), &nk);
	if (kids == NULL && nk == 0 &&
	    cfg_node_nkids(cfg_model_root((struct cfg_model *)m)) > 0)
		b.failed = 1;
	for (i = 0; i < nk; i++)
		render_top(&b, kids[i], &last_group, &sep);
	free(kids);
	buf_str(&b, "!\nend\n");
	return finish(&b, len);
}

char *
cfg_render_block(const struct cfg_model *m, const struct cfg_render_info *ri,
    const char *line, size_t *len)
{
	struct buf		 b = { NULL, 0, 0, 0 };
	const struct cfg_node	*k;
	int			 found = 0;

	buf_str(&b, "!\n");
	for (k = cfg_node_first(cfg_model_root((struct cfg_model *)m));
	    k != NULL; k = cfg_node_next(k)) {
		if (strcmp(cfg_node_line(k), line) != 0)
			continue;
		buf_str(&b, cfg_node_line(k));
		buf_add(&b, "\n", 1);
		render_kids(&b, k, 1);
		found = 1;
	}
	(void)ri;
	if (!found) {
		free(b.p);
		return NULL;
	}
	buf_str(&b, "end\n");
	return finish(&b, len);
}

char *
cfg_render_prefix(const struct cfg_model *m, const char *prefix, size_t *len)
{
	struct buf		 b = { NULL, 0, 0, 0 };
	struct cfg_node		**kids;
	size_t			 nk, i, plen = strlen(prefix);

	buf_add(&b, "", 0);
	kids = cfg_node_sorted(cfg_model_root((struct cfg_model *)m), &nk);
	for (i = 0; i < nk; i++) {
		if (strncmp(cfg_node_line(kids[i]), prefix, plen) != 0)
			continue;
		buf_str(&b, cfg_node_line(kids[i]));
		buf_add(&b, "\n", 1);
		render_kids(&b, kids[i], 1);
	}
	free(kids);
	return finish(&b, len);
}
