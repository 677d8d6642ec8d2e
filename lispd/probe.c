/*
 * RLOC probing (RFC 9301 section on RLOC-probing; IOS's
 * `loc-reach-algorithm rloc-probing`): the ITR sends a Map-Request with
 * the probe bit straight to each locator its map-cache uses, for an EID
 * of an entry that uses it, and the ETR answers with a probe Map-Reply.
 * A locator that leaves PROBE_MISSES probes in a row unanswered goes down
 * in every map-cache entry that has it (the data plane then hashes flows
 * over the others, or drops to the next priority); an answer brings it
 * back up.  One probe per distinct locator, not per entry: a site's
 * thousand EIDs behind one RLOC cost one probe a round.
 *
 * The rounds' cadence is ours (IOS documents none for 3.x): a round every
 * PROBE_INTERVAL seconds, an unanswered probe repeated every PROBE_RETRY
 * seconds.  The locator table is rebuilt from a map-cache walk once a
 * round, the only place the cost is the map-cache's size.
 */
#include <event2/event.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/lispd.h"
#include "platform/log.h"

#define PROBE_INTERVAL	10	/* seconds between rounds */
#define PROBE_RETRY	2	/* seconds before an unanswered probe again */
#define PROBE_MISSES	3	/* unanswered probes in a row: down */

struct probe_rloc {
	struct lisp_addr	 rloc;
	uint32_t		 iid;		/* an entry using it: what */
	struct lisp_addr	 eid;		/*   the probe asks for */
	uint64_t		 nonce;
	uint64_t		 sent_us;	/* last probe sent */
	uint64_t		 sent;		/* seconds, 0: never */
	uint64_t		 changed;	/* last up/down change */
	uint32_t		 nchanges;
	uint32_t		 rtt_us;	/* last answer's */
	int			 outstanding;
	int			 misses;
	int			 up;
	int			 seen;		/* in this round's walk */
	int			 dirty;		/* up changed; the map-cache
						   is told at the next tick */
};

struct probe {
	struct probe_rloc	*v;
	size_t			 n, cap;
	/* v's positions + 1 by a hash of the locator (0: free), at most
	 * half full: a round's walk looks each entry's locators up here, so
	 * that it costs the map-cache's size, not that times the locators'. */
	size_t			*idx;
	size_t			 nidx;		/* a power of 2 */
	size_t			 ndirty;
	struct event		*timer;
	uint64_t		 next_round;
};

static size_t
hash_rloc(const struct lisp_addr *a)
{
	uint64_t	 h = 0xcbf29ce484222325ull ^ a->afi;
	size_t		 i, n = lisp_afi_len(a->afi);

	for (i = 0; i < n; i++)
		h = (h ^ a->a[i]) * 0x100000001b3ull;
	return (size_t)(h ^ h >> 29);
}

static void
idx_put(struct probe *pr, size_t pos)
{
	size_t	 i = hash_rloc(&pr->v[pos].rloc) & (pr->nidx - 1);

	while (pr->idx[i] != 0)
		i = (i + 1) & (pr->nidx - 1);
	pr->idx[i] = pos + 1;
}

/* The index again, for n locators and room to add as many; it never
 * shrinks, so that a rebuild after locators left cannot fail. */
static int
idx_rebuild(struct probe *pr)
{
	size_t	 want = 64, i, *p;

	while (want < 4 * (pr->n + 1))
		want *= 2;
	if (want > pr->nidx) {
		if ((p = calloc(want, sizeof(*p))) == NULL)
			return -1;
		free(pr->idx);
		pr->idx = p;
		pr->nidx = want;
	} else
		memset(pr->idx, 0, pr->nidx * sizeof(*pr->idx));
	for (i = 0; i < pr->n; i++)
		idx_put(pr, i);
	return 0;
}

static struct probe_rloc *
find(const struct probe *pr, const struct lisp_addr *rloc)
{
	size_t	 i, pos;

	if (pr->nidx == 0)
		return NULL;
	for (i = hash_rloc(rloc) & (pr->nidx - 1); (pos = pr->idx[i]) != 0;
	    i = (i + 1) & (pr->nidx - 1))
		if (lisp_addr_cmp(&pr->v[pos - 1].rloc, rloc) == 0)
			return &pr->v[pos - 1];
	return NULL;
}

/* A round's walk: every locator of a positive entry, with one EID. */
static int
collect(const struct mc_entry *e, void *arg)
{
	struct probe		*pr = arg;
	const struct mc_locator	*loc;
	struct probe_rloc	*r;
	struct mc_info		 in;
	size_t			 n, i;

	loc = mc_entry_locators(e, &n);
	if (n == 0)
		return 0;
	mc_entry_info(e, &in);
	for (i = 0; i < n; i++) {
		if (loc[i].rloc.afi != LISP_AFI_IPV4)
			continue;
		if ((r = find(pr, &loc[i].rloc)) == NULL) {
			if (2 * (pr->n + 1) > pr->nidx &&
			    idx_rebuild(pr) != 0)
				return -1;
			if (pr->n == pr->cap) {
				size_t cap = pr->cap ? pr->cap * 2 : 16;
				struct probe_rloc *p;

				if ((p = reallocarray(pr->v, cap,
				    sizeof(*p))) == NULL)
					return -1;
				pr->v = p;
				pr->cap = cap;
			}
			r = &pr->v[pr->n++];
			memset(r, 0, sizeof(*r));
			r->rloc = loc[i].rloc;
			r->up = 1;
			r->changed = lispd_now();
			idx_put(pr, pr->n - 1);
		}
		if (!r->seen) {
			r->iid = in.iid;
			r->eid = in.eid;
			r->seen = 1;
		}
	}
	return 0;
}

/*
 * State changes reach the map-cache in one walk a tick, however many
 * locators changed (a WAN cut takes hundreds down in the same second):
 * set_state marks the locator, apply_changes walks once and collects
 * each entry that uses a marked locator, then sets them.
 */
struct change {
	uint32_t		 iid;
	struct lisp_addr	 eid, rloc;
	int			 up;
};

struct changes {
	const struct probe	*pr;
	struct change		*v;
	size_t			 n, cap;
};

static int
collect_changed(const struct mc_entry *e, void *arg)
{
	struct changes		*c = arg;
	const struct mc_locator	*loc;
	const struct probe_rloc	*r;
	struct mc_info		 in;
	size_t			 n, i;
	int			 have = 0;

	loc = mc_entry_locators(e, &n);
	for (i = 0; i < n; i++) {
		if ((r = find(c->pr, &loc[i].rloc)) == NULL || !r->dirty)
			continue;
		if (!have) {
			mc_entry_info(e, &in);
			have = 1;
		}
		if (c->n == c->cap) {
			size_t		 cap = c->cap ? c->cap * 2 : 16;
			struct change	*p;

			if ((p = reallocarray(c->v, cap, sizeof(*p))) == NULL)
				return -1;
			c->v = p;
			c->cap = cap;
		}
		c->v[c->n].iid = in.iid;
		c->v[c->n].eid = in.eid;
		c->v[c->n].rloc = loc[i].rloc;
		c->v[c->n++].up = r->up;
	}
	return 0;
}

static void
apply_changes(struct lispd *l, struct probe *pr)
{
	struct changes	 c;
	size_t		 i;

	if (pr->ndirty == 0)
		return;
	memset(&c, 0, sizeof(c));
	c.pr = pr;
	mc_walk(l->mc, collect_changed, &c);
	for (i = 0; i < c.n; i++)
		mc_set_locator_up(l->mc, c.v[i].iid, &c.v[i].eid,
		    &c.v[i].rloc, c.v[i].up);
	free(c.v);
	for (i = 0; i < pr->n; i++)
		pr->v[i].dirty = 0;
	pr->ndirty = 0;
}

static void
set_state(struct lispd *l, struct probe_rloc *r, int up)
{
	char	 s[LISP_ADDR_STRLEN];

	r->up = up;
	r->changed = lispd_now();
	r->nchanges++;
	log_info("RLOC %s is %s (RLOC probing)", lisp_addr_fmt(&r->rloc, 0, s,
	    sizeof(s)), up ? "up" : "down");
	if (!r->dirty) {
		r->dirty = 1;
		l->probe->ndirty++;
	}
}

static void
send_probe(struct lispd *l, struct probe_rloc *r)
{
	uint64_t	 nonce;

	if (ctl_probe(l, r->iid, &r->eid, &r->rloc, &nonce) != 0)
		return;
	r->nonce = nonce;
	r->sent_us = lispd_now_us();
	r->sent = lispd_now();
	r->outstanding = 1;
}

static void
round_start(struct lispd *l, struct probe *pr)
{
	size_t	 i, j;

	for (i = 0; i < pr->n; i++)
		pr->v[i].seen = 0;
	mc_walk(l->mc, collect, pr);
	/* Locators no entry uses any more leave the table. */
	for (i = j = 0; i < pr->n; i++)
		if (pr->v[i].seen)
			pr->v[j++] = pr->v[i];
	if (j != pr->n) {
		pr->n = j;
		(void)idx_rebuild(pr);
	}
	for (i = 0; i < pr->n; i++)
		send_probe(l, &pr->v[i]);
}

static void
on_timer(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd	*l = arg;
	struct probe	*pr = l->probe;
	struct timeval	 tv = { 1, 0 };
	uint64_t	 now = lispd_now();
	size_t		 i;

	(void)fd;
	(void)ev;
	if (l->conf == NULL || !l->conf->rloc_probe) {
		/* Probing off: what it took down is up again. */
		for (i = 0; i < pr->n; i++)
			if (!pr->v[i].up)
				set_state(l, &pr->v[i], 1);
		apply_changes(l, pr);
		pr->n = 0;
		(void)idx_rebuild(pr);
		return;		/* probe_reconfigure starts it again */
	}
	for (i = 0; i < pr->n; i++) {
		struct probe_rloc *r = &pr->v[i];

		if (!r->outstanding || now - r->sent < PROBE_RETRY)
			continue;
		r->outstanding = 0;
		if (++r->misses >= PROBE_MISSES) {
			if (r->up)
				set_state(l, r, 0);
		} else
			send_probe(l, r);
	}
	/* These changes and the answers' since the last tick. */
	apply_changes(l, pr);
	if (now >= pr->next_round) {
		round_start(l, pr);
		pr->next_round = now + PROBE_INTERVAL;
	}
	evtimer_add(pr->timer, &tv);
}

int
probe_start(struct lispd *l)
{
	struct probe	*pr;

	if ((pr = calloc(1, sizeof(*pr))) == NULL)
		return -1;
	l->probe = pr;
	if ((pr->timer = evtimer_new(l->base, on_timer, l)) == NULL)
		return -1;
	return 0;
}

void
probe_stop(struct lispd *l)
{
	struct probe	*pr = l->probe;

	if (pr == NULL)
		return;
	if (pr->timer != NULL)
		event_free(pr->timer);
	free(pr->v);
	free(pr->idx);
	free(pr);
	l->probe = NULL;
}

void
probe_reconfigure(struct lispd *l)
{
	struct probe	*pr = l->probe;
	struct timeval	 tv = { 1, 0 };

	if (pr == NULL || pr->timer == NULL)
		return;
	if (l->conf->rloc_probe && !evtimer_pending(pr->timer, NULL)) {
		pr->next_round = 0;
		evtimer_add(pr->timer, &tv);
	}
}

int
probe_reply(struct lispd *l, uint64_t nonce)
{
	struct probe	*pr = l->probe;
	size_t		 i;

	for (i = 0; pr != NULL && i < pr->n; i++) {
		struct probe_rloc *r = &pr->v[i];

		if (!r->outstanding || r->nonce != nonce)
			continue;
		r->outstanding = 0;
		r->misses = 0;
		r->rtt_us = (uint32_t)(lispd_now_us() - r->sent_us);
		if (!r->up)
			set_state(l, r, 1);
		return 0;
	}
	return -1;
}

void
probe_learnt(struct lispd *l, uint32_t iid, const struct lisp_addr *eid,
    const struct mc_locator *loc, size_t n)
{
	struct probe		*pr = l->probe;
	struct probe_rloc	*r;
	size_t			 i;

	for (i = 0; pr != NULL && i < n; i++)
		if ((r = find(pr, &loc[i].rloc)) != NULL && !r->up)
			mc_set_locator_up(l->mc, iid, eid, &loc[i].rloc, 0);
}

int
probe_info(const struct lispd *l, const struct lisp_addr *rloc,
    struct probe_state *st)
{
	const struct probe_rloc	*r;

	if (l->probe == NULL || (r = find(l->probe, rloc)) == NULL)
		return -1;
	st->changed = r->changed;
	st->nchanges = r->nchanges;
	st->sent = r->sent;
	st->rtt_us = r->rtt_us;
	return 0;
}
