/*
 * lispd's configuration: the `router lisp` block from cfgd, run through a
 * configuration session on a private model (the same grammar and hooks as
 * cfgd, with no environment), then the model walked and each stored line
 * parsed again with the grammar to read its named arguments.  No line is
 * taken apart by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgtab.h"
#include "cfg/cmd.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/session.h"
#include "lispd/lispd.h"

static struct cmd_grammar *grammar;

static void
copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src != NULL ? src : "");
}

static void
addr(struct lisp_addr *a, const char *s)
{
	memset(a, 0, sizeof(*a));
	if (s != NULL)
		lisp_addr_parse(a, s);
}

static int
num(const struct cmd_args *args, const char *name)
{
	const char	*v = cmd_arg(args, name);

	return v != NULL ? atoi(v) : 0;
}

/* A locator from a line's rloc/ifname, pri and wgt. */
static void
locator(const struct cmd_args *args, struct lc_loc *l)
{
	memset(l, 0, sizeof(*l));
	addr(&l->rloc, cmd_arg(args, "rloc"));
	copy(l->ifname, sizeof(l->ifname), cmd_arg(args, "ifname"));
	l->pri = (uint8_t)num(args, "pri");
	l->wgt = (uint8_t)num(args, "wgt");
}

static void
add_db(struct lispd_config *c, const struct cmd_args *args, uint32_t iid)
{
	struct lisp_addr	 eid;
	struct lc_db		*d = NULL;
	size_t			 i;

	addr(&eid, cmd_arg(args, "eid"));
	for (i = 0; i < c->ndb; i++)
		if (c->db[i].iid == iid && lisp_addr_cmp(&c->db[i].eid,
		    &eid) == 0)
			d = &c->db[i];
	if (d == NULL) {
		if (c->ndb == LC_MAX_DB)
			return;
		d = &c->db[c->ndb++];
		memset(d, 0, sizeof(*d));
		d->iid = iid;
		d->eid = eid;
	}
	if (cmd_arg(args, "locset") != NULL)
		copy(d->locset, sizeof(d->locset), cmd_arg(args, "locset"));
	else if (d->nloc < LC_MAX_LOC)
		locator(args, &d->loc[d->nloc++]);
}

static void
add_mc(struct lispd_config *c, const struct cmd_args *args, uint32_t iid)
{
	struct lisp_addr	 eid;
	struct lc_mc		*m = NULL;
	size_t			 i;

	addr(&eid, cmd_arg(args, "eid"));
	for (i = 0; i < c->nmc; i++)
		if (c->mc[i].iid == iid && lisp_addr_cmp(&c->mc[i].eid,
		    &eid) == 0)
			m = &c->mc[i];
	if (m == NULL) {
		/* No cap: every static map-cache line is kept (an IOS
		 * limit would refuse it in the grammar, never drop it). */
		if (c->nmc == c->mccap) {
			size_t		 cap = c->mccap ? c->mccap * 2 : 16;
			struct lc_mc	*p;

			if ((p = reallocarray(c->mc, cap, sizeof(*p))) == NULL) {
				c->oom = 1;
				return;
			}
			c->mc = p;
			c->mccap = cap;
		}
		m = &c->mc[c->nmc++];
		memset(m, 0, sizeof(*m));
		m->iid = iid;
		m->eid = eid;
	}
	if (cmd_arg(args, "rloc") != NULL) {
		if (m->nloc < LC_MAX_LOC)
			locator(args, &m->loc[m->nloc++]);
	} else if (cmd_arg_has(args, "native-forward"))
		m->action = LISP_ACT_NATIVE;
	else if (cmd_arg_has(args, "drop"))
		m->action = LISP_ACT_DROP;
	else
		m->action = LISP_ACT_SEND_MR;
}

/* Each child of node n, parsed in mode: cb gets its arguments. */
static void
walk(const struct cfg_node *n, int mode, struct lispd_config *c, void *arg,
    void (*cb)(struct lispd_config *, const struct cfg_node *,
    const struct cmd_args *, void *))
{
	const struct cfg_node	*k;
	struct cmd_result	 res;

	for (k = cfg_node_first(n); k != NULL; k = cfg_node_next(k)) {
		memset(&res, 0, sizeof(res));
		if (cmd_parse(grammar, mode, 15, cfg_node_line(k), &res) ==
		    0 && res.status == CMD_OK)
			cb(c, k, res.args, arg);
		cmd_result_clear(&res);
	}
}

static void
on_locset(struct lispd_config *c, const struct cfg_node *k,
    const struct cmd_args *args, void *arg)
{
	struct lc_locset	*s = arg;

	(void)c;
	(void)k;
	if (s->nloc < LC_MAX_LOC)
		locator(args, &s->loc[s->nloc++]);
}

static void
on_site(struct lispd_config *c, const struct cfg_node *k,
    const struct cmd_args *args, void *arg)
{
	struct lc_site	*s = arg;

	(void)c;
	(void)k;
	if (cmd_arg(args, "key") != NULL)
		copy(s->key, sizeof(s->key), cmd_arg(args, "key"));
	else if (cmd_arg(args, "text") != NULL)
		copy(s->descr, sizeof(s->descr), cmd_arg(args, "text"));
	else if (cmd_arg(args, "eid") != NULL && s->npfx < LC_MAX_PFX) {
		addr(&s->pfx[s->npfx].eid, cmd_arg(args, "eid"));
		s->pfx[s->npfx++].more = cmd_arg_has(args,
		    "accept-more-specifics");
	}
}

static void
on_dyn(struct lispd_config *c, const struct cfg_node *k,
    const struct cmd_args *args, void *arg)
{
	struct lc_dyn	*d = arg;

	(void)c;
	(void)k;
	if (cmd_arg(args, "locset") != NULL) {
		addr(&d->pfx, cmd_arg(args, "eid"));
		copy(d->locset, sizeof(d->locset), cmd_arg(args, "locset"));
	} else if (cmd_arg(args, "group") != NULL)
		addr(&d->group, cmd_arg(args, "group"));
}

static void
add_dyn(struct lispd_config *c, const struct cfg_node *k,
    const struct cmd_args *args, uint32_t iid, int mode)
{
	struct lc_dyn	*d;

	if (c->ndyn == LC_MAX_DYN)
		return;
	d = &c->dyn[c->ndyn++];
	memset(d, 0, sizeof(*d));
	d->iid = iid;
	copy(d->name, sizeof(d->name), cmd_arg(args, "dyn"));
	walk(k, mode, c, d, on_dyn);
}

static void
on_eidtable(struct lispd_config *c, const struct cfg_node *k,
    const struct cmd_args *args, void *arg)
{
	uint32_t	 iid = *(uint32_t *)arg;

	(void)k;
	if (strncmp(cfg_node_line(k), "database-mapping", 16) == 0)
		add_db(c, args, iid);
	else if (strncmp(cfg_node_line(k), "map-cache", 9) == 0)
		add_mc(c, args, iid);
	else if (strncmp(cfg_node_line(k), "dynamic-eid ", 12) == 0)
		add_dyn(c, k, args, iid, MODE_LISP_EIDTABLE_DYNEID);
}

static void
on_lisp(struct lispd_config *c, const struct cfg_node *k,
    const struct cmd_args *args, void *arg)
{
	const char	*line = cfg_node_line(k), *v;
	uint32_t	 iid = 0;

	(void)arg;
	if (strncmp(line, "locator-set ", 12) == 0 && c->nset < LC_MAX_SET) {
		struct lc_locset *s = &c->set[c->nset++];

		memset(s, 0, sizeof(*s));
		copy(s->name, sizeof(s->name), cmd_arg(args, "name"));
		walk(k, MODE_LISP_LOCSET, c, s, on_locset);
	} else if (strncmp(line, "site ", 5) == 0 && c->nsite < LC_MAX_SITE) {
		struct lc_site *s = &c->site[c->nsite++];

		memset(s, 0, sizeof(*s));
		copy(s->name, sizeof(s->name), cmd_arg(args, "name"));
		walk(k, MODE_LISP_SITE, c, s, on_site);
	} else if (strncmp(line, "dynamic-eid ", 12) == 0) {
		add_dyn(c, k, args, 0, MODE_LISP_DYNEID);
	} else if (strncmp(line, "eid-table ", 10) == 0) {
		iid = (uint32_t)num(args, "iid");
		walk(k, MODE_LISP_EIDTABLE, c, &iid, on_eidtable);
	} else if (strncmp(line, "database-mapping ", 17) == 0)
		add_db(c, args, 0);
	else if (strncmp(line, "map-cache ", 10) == 0)
		add_mc(c, args, 0);
	else if (strcmp(line, "ipv4 itr") == 0)
		c->itr = 1;
	else if (strcmp(line, "ipv4 etr") == 0)
		c->etr = 1;
	else if (strcmp(line, "ipv4 map-server") == 0)
		c->ms = 1;
	else if (strcmp(line, "ipv4 map-resolver") == 0)
		c->mr = 1;
	else if (strcmp(line, "ipv4 proxy-etr") == 0)
		c->petr = 1;
	else if (strcmp(line, "loc-reach-algorithm rloc-probing") == 0)
		c->rloc_probe = 1;
	else if ((v = cmd_arg(args, "pitr")) != NULL) {
		c->pitr = 1;
		addr(&c->pitr_rloc, v);
	} else if ((v = cmd_arg(args, "petr")) != NULL) {
		if (c->npetr < LC_MAX_PETR) {
			locator(args, &c->use_petr[c->npetr]);
			addr(&c->use_petr[c->npetr++].rloc, v);
		}
	} else if ((v = cmd_arg(args, "mr")) != NULL && c->nmr < LC_MAX_MR)
		addr(&c->mr_addr[c->nmr++], v);
	else if ((v = cmd_arg(args, "ms")) != NULL && c->nms < LC_MAX_MS) {
		struct lc_ms *m = &c->ms_addr[c->nms++];

		addr(&m->addr, v);
		copy(m->key, sizeof(m->key), cmd_arg(args, "key"));
		m->alg = cmd_arg_has(args, "sha2") ? LISP_ALG_SHA256 :
		    LISP_ALG_SHA1;
	}
}

/* An interface block: its `lisp mobility` line. */
static void
on_if(struct lispd_config *c, const struct cfg_node *k,
    const struct cmd_args *args, void *arg)
{
	const char	*ifname = arg;

	(void)k;
	if (strncmp(cfg_node_line(k), "lisp mobility ", 14) == 0 &&
	    cmd_arg(args, "dyn") != NULL && c->nmobif < LC_MAX_MOBIF) {
		copy(c->mobif[c->nmobif].ifname, sizeof(c->mobif[0].ifname),
		    ifname);
		copy(c->mobif[c->nmobif++].dyn, sizeof(c->mobif[0].dyn),
		    cmd_arg(args, "dyn"));
	}
}

/* Locator-set references become the set's locators. */
static void
resolve_sets(struct lispd_config *c)
{
	size_t	 i, j;

	for (i = 0; i < c->ndyn; i++)
		for (j = 0; j < c->nset; j++)
			if (strcmp(c->set[j].name, c->dyn[i].locset) == 0) {
				memcpy(c->dyn[i].loc, c->set[j].loc,
				    sizeof(c->dyn[i].loc));
				c->dyn[i].nloc = c->set[j].nloc;
			}

	for (i = 0; i < c->ndb; i++) {
		if (c->db[i].locset[0] == '\0')
			continue;
		for (j = 0; j < c->nset; j++)
			if (strcmp(c->set[j].name, c->db[i].locset) == 0) {
				memcpy(c->db[i].loc, c->set[j].loc,
				    sizeof(c->db[i].loc));
				c->db[i].nloc = c->set[j].nloc;
			}
	}
}

int
lispd_config_parse(const char *text, struct lispd_config *c)
{
	struct cfg_model	*m = NULL;
	struct cfg_session	*s = NULL;
	struct cfg_line_result	 r;
	const struct cfg_node	*k;
	const char		*p, *e;
	char			*line;
	const char		*bad = NULL;
	struct cmd_result	 res;
	char			 ifn[64];
	int			 rc = -1;

	memset(c, 0, sizeof(*c));
	if (grammar == NULL && (grammar = cfg_grammar_build(&bad)) == NULL)
		return -1;
	if ((m = cfg_model_new()) == NULL ||
	    (s = cfg_session_new(grammar, m, NULL)) == NULL)
		goto out;
	for (p = text; p != NULL && *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		if ((line = strndup(p, (size_t)(e - p))) == NULL)
			goto out;
		memset(&r, 0, sizeof(r));
		cfg_session_run(s, line, &r);
		cfg_line_result_clear(&r);
		free(line);
	}
	for (k = cfg_node_first(cfg_model_root(m)); k != NULL;
	    k = cfg_node_next(k)) {
		if (strncmp(cfg_node_line(k), "interface ", 10) == 0) {
			memset(&res, 0, sizeof(res));
			if (cmd_parse(grammar, MODE_CONFIG, 15,
			    cfg_node_line(k), &res) == 0 && res.status ==
			    CMD_OK && cmd_arg(res.args, "ifname") != NULL) {
				copy(ifn, sizeof(ifn), cmd_arg(res.args,
				    "ifname"));
				walk(k, MODE_CONFIG_IF, c, ifn, on_if);
			}
			cmd_result_clear(&res);
			continue;
		}
		if (strcmp(cfg_node_line(k), "router lisp") != 0)
			continue;
		c->present = 1;
		memset(&res, 0, sizeof(res));
		walk(k, MODE_LISP, c, NULL, on_lisp);
	}
	resolve_sets(c);
	rc = c->oom ? -1 : 0;
out:
	cfg_session_free(s);
	cfg_model_free(m);
	if (rc != 0) {
		free(c->mc);
		memset(c, 0, sizeof(*c));
	}
	return rc;
}

void
lispd_config_free(struct lispd_config *c)
{
	if (c == NULL)
		return;
	free(c->mc);
	free(c);
}
