/*
 * The map-cache (see mapcache.h for the structure and the concurrency
 * rules).
 *
 * Publication: every pointer or slot a reader follows is written with a
 * release store after the object it points to is complete, and read with
 * an acquire load; nothing a reader can reach is modified in place except
 * by such a store, and nothing it can reach is freed before every reader
 * has passed a quiescent point (mc_reclaim).
 *
 * The IPv4 index holds entry pointers: a /16 slot is an entry (or NULL)
 * when one answer covers it, else a range array of (start, entry).  Since
 * an entry pointer stands for exactly one prefix, a change that does not
 * split ranges is a pointer swap in place: replacing a mapping swaps old
 * for new in the slots of its span, and adding or removing a prefix of /16
 * or shorter swaps its nearest shorter ancestor's entry for its own (or
 * back) in the /16s it covers; only a change longer than /16 rebuilds a
 * range array (one).  Each prefix also has an index (idx) into a
 * writer-only table of entries, which the expiry queue and mc_clear use.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/mapcache-int.h"

const char *
mc_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case MC_E_NOMEM:
		return "out of memory";
	case MC_E_AFI:
		return "unsupported address family";
	case MC_E_PLEN:
		return "prefix length too long";
	case MC_E_NOENT:
		return "no such map-cache entry";
	case MC_E_LOCATORS:
		return "too many locators";
	case MC_E_INVAL:
		return "invalid map-cache value";
	case MC_E_READERS:
		return "too many map-cache readers";
	default:
		return "unknown map-cache error";
	}
}

static size_t
locset_size(size_t nloc)
{
	return sizeof(struct mc_locset) + nloc * sizeof(struct mc_locator) +
	    nloc;
}

/* Starts, padded so the pointers that follow are 8-byte aligned. */
static size_t
chunk_starts(uint32_t n)
{
	return ((sizeof(uint32_t) + (size_t)n * 2 + 7) & ~(size_t)7) -
	    sizeof(uint32_t);
}

static size_t
chunk_size(uint32_t n)
{
	return sizeof(struct chunk) + chunk_starts(n) +
	    (size_t)n * sizeof(aentry);
}

static inline aentry *
chunk_vals(const struct chunk *ch)
{
	return (aentry *)(uintptr_t)((const char *)ch->start +
	    chunk_starts(ch->n));
}

static inline const uint8_t *
locset_sel(const struct mc_locset *ls)
{
	return (const uint8_t *)&ls->loc[ls->nloc];
}

/*
 * Keys and the trie.
 */

static inline int
kbit(const uint8_t *k, unsigned i)
{
	return (k[i >> 3] >> (7 - (i & 7))) & 1;
}

/* Whether a and b agree on their first bits bits. */
static inline int
kmatch(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned	 full = bits / 8, rest = bits % 8;

	if (memcmp(a, b, full) != 0)
		return 0;
	return rest == 0 ||
	    ((a[full] ^ b[full]) & (uint8_t)(0xff00 >> rest)) == 0;
}

/* The first bit where a and b differ, or lim. */
static unsigned
kdiff(const uint8_t *a, const uint8_t *b, unsigned lim)
{
	unsigned	 i;
	uint8_t		 x;

	for (i = 0; i < lim; i += 8) {
		if ((x = a[i / 8] ^ b[i / 8]) == 0)
			continue;
		while (!(x & 0x80)) {
			x <<= 1;
			i++;
		}
		return i < lim ? i : lim;
	}
	return lim;
}

static inline struct mc_node *
child(const struct mc_node *n, int i)
{
	return atomic_load_explicit(&((struct mc_node *)(uintptr_t)n)->child[i],
	    memory_order_acquire);
}

static inline struct mc_entry *
node_entry(const struct mc_node *n)
{
	return atomic_load_explicit(&((struct mc_node *)(uintptr_t)n)->entry,
	    memory_order_acquire);
}

static inline struct mc_node *
table_root(const struct mc_table *t)
{
	return atomic_load_explicit(&((struct mc_table *)(uintptr_t)t)->root,
	    memory_order_acquire);
}

static struct pool *
table_pool(struct mc *mc, const struct mc_table *t)
{
	return t->afi == LISP_AFI_IPV4 ? &mc->pool4 : &mc->pool6;
}

static struct mc_node *
node_new(struct mc *mc, struct mc_table *t, const uint8_t *key,
    unsigned plen, struct mc_entry *e)
{
	struct mc_node	*n;
	struct lisp_addr a;

	if ((n = mc_pool_get(mc, table_pool(mc, t))) == NULL)
		return NULL;
	(void)lisp_addr_set(&a, t->afi, key, (uint8_t)plen);
	memcpy(n->key, a.a, t->bits / 8);
	n->plen = (uint8_t)plen;
	atomic_init(&n->child[0], NULL);
	atomic_init(&n->child[1], NULL);
	atomic_init(&n->entry, e);
	return n;
}

static void
node_retire(struct mc *mc, struct mc_table *t, struct mc_node *n)
{
	mc_retire(mc, t->afi == LISP_AFI_IPV4 ? R_NODE4 : R_NODE6, n, 0);
}

/* The node holding exactly (key, plen), glue or not, or NULL. */
static struct mc_node *
trie_exact(const struct mc_table *t, const uint8_t *key, unsigned plen)
{
	struct mc_node	*n = table_root(t);

	while (n != NULL && n->plen <= plen) {
		if (!kmatch(n->key, key, n->plen))
			return NULL;
		if (n->plen == plen)
			return n;
		n = child(n, kbit(key, n->plen));
	}
	return NULL;
}

/* Longest match of a full address (a reader). */
static const struct mc_entry *
trie_lookup(const struct mc_table *t, const uint8_t *key)
{
	const struct mc_entry	*best = NULL, *e;
	const struct mc_node	*n = table_root(t);

	while (n != NULL && kmatch(n->key, key, n->plen)) {
		if ((e = node_entry(n)) != NULL)
			best = e;
		if (n->plen >= t->bits)
			break;
		n = child(n, kbit(key, n->plen));
	}
	return best;
}

static int
trie_insert(struct mc *mc, struct mc_table *t, const uint8_t *key,
    unsigned plen, struct mc_entry *e)
{
	struct mc_node *_Atomic	*link = &t->root;
	struct mc_node		*n, *leaf, *glue;
	unsigned		 d;

	n = atomic_load_explicit(link, memory_order_relaxed);
	while (n != NULL && n->plen <= plen && kmatch(n->key, key, n->plen)) {
		if (n->plen == plen) {
			/* A glue node becomes the prefix's. */
			atomic_store_explicit(&n->entry, e,
			    memory_order_release);
			return 0;
		}
		link = &n->child[kbit(key, n->plen)];
		n = atomic_load_explicit(link, memory_order_relaxed);
	}
	if ((leaf = node_new(mc, t, key, plen, e)) == NULL)
		return MC_E_NOMEM;
	if (n == NULL) {
		atomic_store_explicit(link, leaf, memory_order_release);
		return 0;
	}
	d = kdiff(n->key, key, n->plen < plen ? n->plen : plen);
	if (d == plen) {
		/* The new prefix covers n. */
		atomic_init(&leaf->child[kbit(n->key, plen)], n);
		atomic_store_explicit(link, leaf, memory_order_release);
		return 0;
	}
	if ((glue = node_new(mc, t, key, d, NULL)) == NULL) {
		mc_pool_put(table_pool(mc, t), leaf);
		return MC_E_NOMEM;
	}
	atomic_init(&glue->child[kbit(key, d)], leaf);
	atomic_init(&glue->child[kbit(n->key, d)], n);
	atomic_store_explicit(link, glue, memory_order_release);
	return 0;
}

/* Unhooks the prefix's entry, and the nodes that become useless; returns
 * the entry or NULL. */
static struct mc_entry *
trie_remove(struct mc *mc, struct mc_table *t, const uint8_t *key,
    unsigned plen)
{
	struct mc_node *_Atomic	*link = &t->root, *_Atomic *plink = NULL;
	struct mc_node		*n, *parent = NULL, *c0, *c1, *other;
	struct mc_entry		*e;
	int			 side = 0;

	n = atomic_load_explicit(link, memory_order_relaxed);
	while (n != NULL && n->plen < plen && kmatch(n->key, key, n->plen)) {
		plink = link;
		parent = n;
		side = kbit(key, n->plen);
		link = &n->child[side];
		n = atomic_load_explicit(link, memory_order_relaxed);
	}
	if (n == NULL || n->plen != plen || !kmatch(n->key, key, plen) ||
	    (e = atomic_load_explicit(&n->entry, memory_order_relaxed)) ==
	    NULL)
		return NULL;
	c0 = atomic_load_explicit(&n->child[0], memory_order_relaxed);
	c1 = atomic_load_explicit(&n->child[1], memory_order_relaxed);
	if (c0 != NULL && c1 != NULL) {
		atomic_store_explicit(&n->entry, NULL, memory_order_release);
		return e;
	}
	atomic_store_explicit(link, c0 != NULL ? c0 : c1, memory_order_release);
	node_retire(mc, t, n);
	if (c0 == NULL && c1 == NULL && parent != NULL &&
	    atomic_load_explicit(&parent->entry, memory_order_relaxed) ==
	    NULL) {
		/* A glue node left with one child goes too. */
		other = atomic_load_explicit(&parent->child[!side],
		    memory_order_relaxed);
		atomic_store_explicit(plink, other, memory_order_release);
		node_retire(mc, t, parent);
	}
	return e;
}

/*
 * The IPv4 index: one slot per /16, an entry or a range array.
 */

static inline uint32_t
key4(const uint8_t *k)
{
	return (uint32_t)k[0] << 24 | (uint32_t)k[1] << 16 |
	    (uint32_t)k[2] << 8 | k[3];
}

static inline int
match32(uint32_t a, uint32_t b, unsigned plen)
{
	return plen == 0 || ((a ^ b) >> (32 - plen)) == 0;
}

static inline int
slot_is_chunk(uintptr_t v)
{
	return (v & SLOT_CHUNK) != 0;
}

static inline struct chunk *
slot_chunk(uintptr_t v)
{
	return (struct chunk *)(v & ~SLOT_CHUNK);
}

static void
rb_emit(struct ranges *rb, uint32_t start, struct mc_entry *v)
{
	uint32_t	 *s;
	struct mc_entry	**x;
	size_t		  cap;

	if (start >= CHUNKS)
		return;
	if (rb->n > 0 && rb->start[rb->n - 1] == start)
		rb->n--;
	if (rb->n > 0 && rb->val[rb->n - 1] == v)
		return;
	if (rb->n == rb->cap) {
		cap = rb->cap == 0 ? 64 : rb->cap * 2;
		s = realloc(rb->start, cap * sizeof(*s));
		if (s != NULL)
			rb->start = s;
		x = realloc(rb->val, cap * sizeof(*x));
		if (x != NULL)
			rb->val = x;
		if (s == NULL || x == NULL) {
			rb->err = 1;
			return;
		}
		rb->cap = cap;
	}
	rb->start[rb->n] = start;
	rb->val[rb->n++] = v;
}

/* Closes the open prefixes that end at or before pos. */
static void
rb_close(struct ranges *rb, uint32_t pos)
{
	uint32_t	 end;

	while (rb->depth > 1 && rb->send[rb->depth - 1] <= pos) {
		end = rb->send[--rb->depth];
		rb_emit(rb, end, rb->sval[rb->depth - 1]);
	}
}

/* Pre-order: prefixes come by start, shorter first, as ranges need. */
static void
rb_visit(struct ranges *rb, const struct mc_node *n)
{
	struct mc_entry	*e;
	uint32_t	 s;
	int		 i;

	if ((e = node_entry(n)) != NULL) {
		s = key4(n->key) & 0xffff;
		rb_close(rb, s);
		rb_emit(rb, s, e);
		if (rb->depth < DXR_STACK) {
			rb->send[rb->depth] = s + (1u << (32 - n->plen));
			rb->sval[rb->depth++] = e;
		}
	}
	for (i = 0; i < 2; i++)
		if (child(n, i) != NULL)
			rb_visit(rb, child(n, i));
}

static void
slot_publish(struct mc *mc, struct mc_table *t, uint32_t c, uintptr_t v)
{
	uintptr_t	 old;

	old = atomic_load_explicit(&t->dir[c], memory_order_relaxed);
	atomic_store_explicit(&t->dir[c], v, memory_order_release);
	if (slot_is_chunk(old))
		mc_retire(mc, R_FREE, slot_chunk(old),
		    chunk_size(slot_chunk(old)->n));
}

/* Builds the /16 c's slot from the trie: its longest covering prefix of
 * /16 or shorter, then the longer prefixes inside it as ranges. */
static void
dxr_rebuild(struct mc *mc, struct mc_table *t, uint32_t c)
{
	struct ranges		*rb = &mc->rb;
	const struct mc_node	*n, *roots[2] = { NULL, NULL };
	struct mc_entry		*def = NULL, *e;
	struct chunk		*ch;
	aentry			*vals;
	uint32_t		 base = c << 16;
	size_t			 i;

	for (n = table_root(t); n != NULL; n = child(n, (base >> (31 -
	    n->plen)) & 1)) {
		if (n->plen > 16) {
			if (key4(n->key) >> 16 == c)
				roots[0] = n;
			break;
		}
		if (!match32(key4(n->key), base, n->plen))
			break;
		if ((e = node_entry(n)) != NULL)
			def = e;
		if (n->plen == 16) {
			roots[0] = child(n, 0);
			roots[1] = child(n, 1);
			break;
		}
	}
	if (t->pend != NULL)
		t->pend[c].n = 0;
	rb->n = 0;
	rb->err = 0;
	rb->depth = 1;
	rb->send[0] = CHUNKS;
	rb->sval[0] = def;
	rb_emit(rb, 0, def);
	for (i = 0; i < 2; i++)
		if (roots[i] != NULL)
			rb_visit(rb, roots[i]);
	rb_close(rb, CHUNKS);
	if (!rb->err && rb->n == 1) {
		slot_publish(mc, t, c, (uintptr_t)rb->val[0]);
		return;
	}
	if (rb->err ||
	    (ch = mc_mem_alloc(mc, chunk_size((uint32_t)rb->n))) == NULL) {
		slot_publish(mc, t, c, SLOT_TRIE);
		t->fallback = 1;
		return;
	}
	ch->n = (uint32_t)rb->n;
	vals = chunk_vals(ch);
	for (i = 0; i < rb->n; i++) {
		ch->start[i] = (uint16_t)rb->start[i];
		atomic_init(&vals[i], rb->val[i]);
	}
	slot_publish(mc, t, c, (uintptr_t)ch | SLOT_CHUNK);
}

/* In the /16s of p's span, every answer that was from becomes to. */
static void
dxr_swap(struct mc_table *t, const struct lisp_addr *p,
    struct mc_entry *from, struct mc_entry *to)
{
	struct chunk	*ch;
	aentry		*vals;
	uintptr_t	 v;
	uint32_t	 first, n, c, k;

	first = key4(p->a) >> 16;
	n = p->plen >= 16 ? 1 : 1u << (16 - p->plen);
	for (c = first; c < first + n; c++) {
		v = atomic_load_explicit(&t->dir[c], memory_order_relaxed);
		if (v == (uintptr_t)from) {
			atomic_store_explicit(&t->dir[c], (uintptr_t)to,
			    memory_order_release);
			continue;
		}
		if (!slot_is_chunk(v))
			continue;
		ch = slot_chunk(v);
		vals = chunk_vals(ch);
		for (k = 0; k < ch->n; k++)
			if (atomic_load_explicit(&vals[k],
			    memory_order_relaxed) == from)
				atomic_store_explicit(&vals[k], to,
				    memory_order_release);
	}
}

/* The entry of p's longest proper ancestor, or NULL. */
static struct mc_entry *
trie_ancestor(const struct mc_table *t, const struct lisp_addr *p)
{
	const struct mc_node	*n = table_root(t);
	struct mc_entry		*best = NULL, *e;

	while (n != NULL && n->plen < p->plen && kmatch(n->key, p->a,
	    n->plen)) {
		if ((e = node_entry(n)) != NULL)
			best = e;
		n = child(n, kbit(p->a, n->plen));
	}
	return best;
}

/*
 * After prefix p was added (entry to, its ancestor's from) or removed
 * (from, ancestor's to).  Up to /16 the answers that change are exactly
 * the ancestor's (or p's) inside p's span: a swap.  Longer, p splits or
 * joins ranges of one /16: a rebuild.  Then retries slots a failed
 * rebuild left to the trie.
 */
/*
 * A change longer than /16 in slot c.  A short range array is rebuilt at
 * once.  A long one is costly to rebuild (a walk of the /16's part of the
 * trie), and a /16 full of host EIDs learns them one Map-Reply at a time:
 * the slot is handed to the trie (right answers, more memory accesses)
 * until changes worth DXR_BATCH_DIV-th of its length gather or the
 * caller calls mc_sync, so that many changes pay for one rebuild.
 */
static void
dxr_change(struct mc *mc, struct mc_table *t, uint32_t c)
{
	uintptr_t	 v;
	uint32_t	*d;
	size_t		 cap, n;

	if (t->pend != NULL && t->pend[c].n != 0) {
		if (t->pend[c].n < UINT16_MAX)
			t->pend[c].n++;
		if (t->pend[c].n >= t->pend[c].need)
			dxr_rebuild(mc, t, c);
		return;
	}
	v = atomic_load_explicit(&t->dir[c], memory_order_relaxed);
	if (!slot_is_chunk(v) || (n = slot_chunk(v)->n) <= DXR_SMALL) {
		dxr_rebuild(mc, t, c);
		return;
	}
	if (t->pend == NULL &&
	    (t->pend = mc_mem_alloc(mc, CHUNKS * sizeof(t->pend[0]))) != NULL)
		memset(t->pend, 0, CHUNKS * sizeof(t->pend[0]));
	if (t->pend != NULL && t->ndirty == t->dirtycap) {
		cap = t->dirtycap == 0 ? 16 : t->dirtycap * 2;
		if ((d = mc_mem_alloc(mc, cap * sizeof(*d))) != NULL) {
			if (t->ndirty > 0)
				memcpy(d, t->dirty, t->ndirty * sizeof(*d));
			if (t->dirty != NULL)
				mc_mem_free(mc, t->dirty,
				    t->dirtycap * sizeof(*d));
			t->dirty = d;
			t->dirtycap = cap;
		}
	}
	if (t->pend == NULL || t->ndirty == t->dirtycap) {
		dxr_rebuild(mc, t, c);	/* no memory to wait: as before */
		return;
	}
	n /= DXR_BATCH_DIV;
	t->pend[c].need = (uint16_t)(n > UINT16_MAX ? UINT16_MAX : n);
	t->pend[c].n = 1;
	t->dirty[t->ndirty++] = c;
	slot_publish(mc, t, c, SLOT_TRIE);
}

static void
dxr_update(struct mc *mc, struct mc_table *t, const struct lisp_addr *p,
    struct mc_entry *from, struct mc_entry *to)
{
	uint32_t	 c;

	if (t->dir == NULL)
		return;
	if (p->plen <= 16)
		dxr_swap(t, p, from, to);
	else
		dxr_change(mc, t, key4(p->a) >> 16);
	if (!t->fallback)
		return;
	t->fallback = 0;
	for (c = 0; c < CHUNKS; c++)
		if (atomic_load_explicit(&t->dir[c], memory_order_relaxed) ==
		    SLOT_TRIE && (t->pend == NULL || t->pend[c].n == 0))
			dxr_rebuild(mc, t, c);
}

/* The range of lo in a range array, by bisection without branches on
 * the data (the loop count depends only on n). */
static inline aentry *
chunk_find(const struct chunk *ch, uint32_t lo)
{
	const uint16_t	*s = ch->start;
	uint32_t	 base = 0, n = ch->n, half;

	while (n > 1) {
		half = n >> 1;
		base = s[base + half] <= lo ? base + half : base;
		n -= half;
	}
	return &chunk_vals(ch)[base];
}

/*
 * Tables.
 */

static int
table_cmp(const struct mc_table *t, uint32_t iid, uint16_t afi)
{
	if (t->iid != iid)
		return t->iid < iid ? -1 : 1;
	if (t->afi != afi)
		return t->afi < afi ? -1 : 1;
	return 0;
}

static struct mc_table *
table_find(const struct mc *mc, uint32_t iid, uint16_t afi)
{
	const struct tables	*ts;
	size_t			 i;

	ts = atomic_load_explicit(&((struct mc *)(uintptr_t)mc)->tables,
	    memory_order_acquire);
	for (i = 0; i < ts->n; i++)
		if (ts->t[i]->iid == iid && ts->t[i]->afi == afi)
			return ts->t[i];
	return NULL;
}

static void
table_destroy(struct mc *mc, struct mc_table *t)
{
	uintptr_t	 v;
	uint32_t	 c;

	if (t->dir != NULL) {
		for (c = 0; c < CHUNKS; c++) {
			v = atomic_load_explicit(&t->dir[c],
			    memory_order_relaxed);
			if (slot_is_chunk(v))
				mc_mem_free(mc, slot_chunk(v),
				    chunk_size(slot_chunk(v)->n));
		}
		mc_mem_free(mc, t->dir, CHUNKS * sizeof(t->dir[0]));
	}
	if (t->pend != NULL)
		mc_mem_free(mc, t->pend, CHUNKS * sizeof(t->pend[0]));
	if (t->dirty != NULL)
		mc_mem_free(mc, t->dirty, t->dirtycap * sizeof(t->dirty[0]));
	mc_mem_free(mc, t, sizeof(*t));
}

static struct mc_table *
table_get(struct mc *mc, uint32_t iid, uint16_t afi)
{
	struct tables	*ts, *nts;
	struct mc_table	*t;
	size_t		 i, j;
	uint32_t	 c;

	if ((t = table_find(mc, iid, afi)) != NULL)
		return t;
	if ((t = mc_mem_alloc(mc, sizeof(*t))) == NULL)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->iid = iid;
	t->afi = afi;
	t->bits = (unsigned)lisp_afi_len(afi) * 8;
	atomic_init(&t->root, NULL);
	if (afi == LISP_AFI_IPV4) {
		if ((t->dir = mc_mem_alloc(mc, CHUNKS * sizeof(t->dir[0]))) ==
		    NULL) {
			mc_mem_free(mc, t, sizeof(*t));
			return NULL;
		}
		for (c = 0; c < CHUNKS; c++)
			atomic_init(&t->dir[c], (uintptr_t)NULL);
	}
	ts = atomic_load_explicit(&mc->tables, memory_order_relaxed);
	if ((nts = mc_mem_alloc(mc, sizeof(*nts) + (ts->n + 1) *
	    sizeof(nts->t[0]))) == NULL) {
		table_destroy(mc, t);
		return NULL;
	}
	nts->n = ts->n + 1;
	for (i = j = 0; i < ts->n && table_cmp(ts->t[i], iid, afi) < 0; i++)
		nts->t[j++] = ts->t[i];
	nts->t[j++] = t;
	for (; i < ts->n; i++)
		nts->t[j++] = ts->t[i];
	atomic_store_explicit(&mc->tables, nts, memory_order_release);
	mc_retire(mc, R_FREE, ts, sizeof(*ts) + ts->n * sizeof(ts->t[0]));
	return t;
}

/*
 * The structure.
 */

struct mc *
mc_new(void)
{
	struct mc	*mc;
	struct tables	*ts;
	size_t		 i;

	if ((mc = calloc(1, sizeof(*mc))) == NULL)
		return NULL;
	mc->bytes = sizeof(*mc);
	mc_pool_init(&mc->pool4, 4);
	mc_pool_init(&mc->pool6, 16);
	mc_pool_init_size(&mc->poolst, sizeof(struct mc_stats));
	mc->nextidx = 1;	/* 0 means none in the expiry queue */
	atomic_init(&mc->epoch, 1);
	if ((ts = mc_mem_alloc(mc, sizeof(*ts))) == NULL ||
	    (mc->readers = aligned_alloc(64, MC_MAX_READERS *
	    sizeof(*mc->readers))) == NULL) {
		free(ts);
		free(mc);
		return NULL;
	}
	mc->bytes += MC_MAX_READERS * sizeof(*mc->readers);
	ts->n = 0;
	atomic_init(&mc->tables, ts);
	for (i = 0; i < MC_MAX_READERS; i++) {
		memset(&mc->readers[i], 0, sizeof(mc->readers[i]));
		atomic_init(&mc->readers[i].seen, UINT64_MAX);
	}
	return mc;
}

void
mc_free(struct mc *mc)
{
	struct tables		*ts;
	struct mc_locset	*ls, *next;
	size_t			 i;

	if (mc == NULL)
		return;
	for (i = 0; i < MC_MAX_READERS; i++)
		mc->readers[i].used = 0;
	mc_reclaim(mc);
	for (i = 1; i < mc->nextidx; i++)
		free(mc_idx_entry(mc, (uint32_t)i));
	free(mc->ents);
	for (i = 0; i < mc->lshcap; i++)
		for (ls = mc->lsh[i]; ls != NULL; ls = next) {
			next = ls->next;
			free(ls);
		}
	free(mc->lsh);
	ts = atomic_load_explicit(&mc->tables, memory_order_relaxed);
	for (i = 0; i < ts->n; i++)
		table_destroy(mc, ts->t[i]);
	free(ts);
	mc_pool_destroy(mc, &mc->pool4);
	mc_pool_destroy(mc, &mc->pool6);
	mc_pool_destroy(mc, &mc->poolst);
	free(mc->ret);
	free(mc->heap);
	free(mc->rb.start);
	free(mc->rb.val);
	free(mc->readers);
	free(mc);
}

/* Which locators carry traffic: the lowest priority below 255 among those
 * up; all of them at that priority, by weight. */
static void
locset_select_init(struct mc_locset *ls)
{
	uint8_t	*sel = (uint8_t *)(uintptr_t)locset_sel(ls);
	uint8_t	 best = 255, i;

	for (i = 0; i < ls->nloc; i++)
		if ((ls->loc[i].flags & MC_LOC_UP) &&
		    ls->loc[i].priority < best)
			best = ls->loc[i].priority;
	ls->nsel = 0;
	ls->wsum = 0;
	if (best == 255)
		return;
	for (i = 0; i < ls->nloc; i++)
		if ((ls->loc[i].flags & MC_LOC_UP) &&
		    ls->loc[i].priority == best) {
			sel[ls->nsel++] = i;
			ls->wsum = (uint16_t)(ls->wsum + ls->loc[i].weight);
		}
}

/* The caller's locators in canonical form (padding and unused address
 * bytes zero, flags masked), so that equal sets compare equal bytewise. */
static void
locators_canon(const struct mc_locator *in, size_t n, struct mc_locator *out)
{
	size_t	 i;

	memset(out, 0, n * sizeof(*out));
	for (i = 0; i < n; i++) {
		(void)lisp_addr_set(&out[i].rloc, in[i].rloc.afi, in[i].rloc.a,
		    (uint8_t)(lisp_afi_len(in[i].rloc.afi) * 8));
		out[i].priority = in[i].priority;
		out[i].weight = in[i].weight;
		out[i].mpriority = in[i].mpriority;
		out[i].mweight = in[i].mweight;
		out[i].flags = in[i].flags & MC_LOC_UP;
	}
}

static uint32_t
locset_hash(const struct mc_locator *loc, size_t n)
{
	const uint8_t	*p = (const uint8_t *)loc;
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < n * sizeof(*loc); i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static void
locset_grow(struct mc *mc)
{
	struct mc_locset	**t, *ls, *next;
	size_t			  cap = mc->lshcap == 0 ? 64 : mc->lshcap * 2, i;

	/* A failed growth only makes chains longer. */
	if ((t = calloc(cap, sizeof(*t))) == NULL)
		return;
	for (i = 0; i < mc->lshcap; i++)
		for (ls = mc->lsh[i]; ls != NULL; ls = next) {
			next = ls->next;
			ls->next = t[ls->hash & (cap - 1)];
			t[ls->hash & (cap - 1)] = ls;
		}
	mc->bytes += (cap - mc->lshcap) * sizeof(*t);
	free(mc->lsh);
	mc->lsh = t;
	mc->lshcap = cap;
}

/* The interned set of these n locators, with a reference for the caller;
 * NULL for none, and NULL with *err on out of memory. */
static struct mc_locset *
locset_get(struct mc *mc, const struct mc_locator *in, size_t n, int *err)
{
	struct mc_locator	 c[MC_MAX_LOCATORS];
	struct mc_locset	*ls;
	uint32_t		 h;

	*err = 0;
	if (n == 0)
		return NULL;
	locators_canon(in, n, c);
	h = locset_hash(c, n);
	if (mc->lshcap > 0)
		for (ls = mc->lsh[h & (mc->lshcap - 1)]; ls != NULL;
		    ls = ls->next)
			if (ls->hash == h && ls->nloc == n &&
			    memcmp(ls->loc, c, n * sizeof(c[0])) == 0) {
				ls->refs++;
				return ls;
			}
	if (mc->nls >= mc->lshcap)
		locset_grow(mc);
	if (mc->lshcap == 0 ||
	    (ls = mc_mem_alloc(mc, locset_size(n))) == NULL) {
		*err = MC_E_NOMEM;
		return NULL;
	}
	ls->refs = 1;
	ls->hash = h;
	ls->nloc = (uint8_t)n;
	memcpy(ls->loc, c, n * sizeof(c[0]));
	locset_select_init(ls);
	ls->next = mc->lsh[h & (mc->lshcap - 1)];
	mc->lsh[h & (mc->lshcap - 1)] = ls;
	mc->nls++;
	return ls;
}

/* Drops a reference; the last one retires the set (readers may still be
 * using it through an entry retired in the same operation). */
static void
locset_put(struct mc *mc, const struct mc_locset *cls)
{
	struct mc_locset	*ls = (struct mc_locset *)(uintptr_t)cls, **pp;

	if (ls == NULL || --ls->refs > 0)
		return;
	for (pp = &mc->lsh[ls->hash & (mc->lshcap - 1)]; *pp != ls;
	    pp = &(*pp)->next)
		;
	*pp = ls->next;
	mc->nls--;
	mc_retire(mc, R_FREE, ls, locset_size(ls->nloc));
}

/* A new entry for m with the given locators (interned); NULL on out of
 * memory. */
static struct mc_entry *
entry_new(struct mc *mc, const struct mc_mapping *m,
    const struct lisp_addr *eid, uint32_t idx, uint64_t created,
    uint64_t now)
{
	struct mc_entry	*e;
	int		 err;

	if ((e = mc_mem_alloc(mc, sizeof(*e))) == NULL)
		return NULL;
	memset(e, 0, sizeof(*e));
	if ((e->ls = locset_get(mc, m->loc, m->nloc, &err)) == NULL &&
	    err != 0) {
		mc_mem_free(mc, e, sizeof(*e));
		return NULL;
	}
	e->idx = idx;
	e->iid = m->iid;
	e->eid = *eid;
	e->action = m->action;
	e->source = m->source;
	e->ttl = m->ttl;
	e->created = created;
	e->updated = now;
	e->expires = m->ttl != 0 ? now + m->ttl : 0;
	if (m->map_source.afi == LISP_AFI_IPV4)
		memcpy(&e->map_source4, m->map_source.a, 4);
	return e;
}

/* Frees an entry never published. */
static void
entry_discard(struct mc *mc, struct mc_entry *e)
{
	locset_put(mc, e->ls);
	mc_mem_free(mc, e, sizeof(*e));
}

/* Retires a published entry and drops its locator set. */
static void
entry_retire(struct mc *mc, struct mc_entry *e)
{
	locset_put(mc, e->ls);
	mc_retire(mc, R_FREE, e, sizeof(*e));
}

static int
mapping_check(const struct mc_mapping *m, struct lisp_addr *eid)
{
	size_t	 i;

	if (lisp_afi_len(m->eid.afi) == 0)
		return MC_E_AFI;
	if (m->eid.plen > lisp_afi_len(m->eid.afi) * 8)
		return MC_E_PLEN;
	if (m->nloc > MC_MAX_LOCATORS)
		return MC_E_LOCATORS;
	if (m->iid > IID_MAX || m->action > LISP_ACT_DROP_AUTH)
		return MC_E_INVAL;
	for (i = 0; i < m->nloc; i++)
		if (lisp_afi_len(m->loc[i].rloc.afi) == 0)
			return MC_E_AFI;
	return lisp_addr_set(eid, m->eid.afi, m->eid.a, m->eid.plen) == 0 ?
	    0 : MC_E_INVAL;
}

/* Replaces n's entry by e (same prefix, same index). */
static void
entry_replace(struct mc *mc, struct mc_table *t, struct mc_node *n,
    struct mc_entry *old, struct mc_entry *e)
{
	mc->ents[e->idx] = e;
	atomic_store_explicit(&n->entry, e, memory_order_release);
	if (t->dir != NULL)
		dxr_swap(t, &e->eid, old, e);
	if (old->expires != 0)
		mc->nexpiring--;
	if (e->expires != 0) {
		mc->nexpiring++;
		if (e->expires != old->expires)
			mc_heap_push(mc, e->expires, e->idx);
	}
	entry_retire(mc, old);
}

int
mc_insert(struct mc *mc, const struct mc_mapping *m, uint64_t now)
{
	struct lisp_addr	 eid;
	struct mc_table		*t;
	struct mc_node		*n;
	struct mc_entry		*e, *old;
	uint32_t		 idx;
	int			 rc;

	if ((rc = mapping_check(m, &eid)) != 0)
		return rc;
	if ((t = table_get(mc, m->iid, eid.afi)) == NULL)
		return MC_E_NOMEM;
	n = trie_exact(t, eid.a, eid.plen);
	if (n != NULL && (old = atomic_load_explicit(&n->entry,
	    memory_order_relaxed)) != NULL) {
		if ((e = entry_new(mc, m, &eid, old->idx, old->created,
		    now)) == NULL)
			return MC_E_NOMEM;
		e->st = old->st;
		entry_replace(mc, t, n, old, e);
		mc_advance(mc);
		return 0;
	}
	if ((rc = mc_idx_alloc(mc, &idx)) != 0)
		return rc;
	if ((e = entry_new(mc, m, &eid, idx, now, now)) == NULL ||
	    (e->st = (struct mc_stats *)(void *)mc_pool_get(mc,
	    &mc->poolst)) == NULL ||
	    (rc = trie_insert(mc, t, eid.a, eid.plen, e)) != 0) {
		if (e != NULL && e->st != NULL)
			mc_pool_put(&mc->poolst, e->st);
		if (e != NULL)
			entry_discard(mc, e);
		mc_idx_free(mc, idx);
		/* A set interned for e and dropped again is retired. */
		mc_advance(mc);
		return MC_E_NOMEM;
	}
	mc->ents[idx] = e;
	t->count++;
	mc->count++;
	dxr_update(mc, t, &eid, trie_ancestor(t, &eid), e);
	if (e->expires != 0) {
		mc->nexpiring++;
		mc_heap_push(mc, e->expires, idx);
	}
	mc_advance(mc);
	return 0;
}

/* Deletes without ending the operation (no advance). */
static int
delete_one(struct mc *mc, uint32_t iid, const struct lisp_addr *p)
{
	struct lisp_addr	 eid;
	struct mc_table		*t;
	struct mc_entry		*e;

	if (lisp_afi_len(p->afi) == 0)
		return MC_E_AFI;
	if (lisp_addr_set(&eid, p->afi, p->a, p->plen) != 0)
		return MC_E_PLEN;
	if ((t = table_find(mc, iid, eid.afi)) == NULL ||
	    (e = trie_remove(mc, t, eid.a, eid.plen)) == NULL)
		return MC_E_NOENT;
	t->count--;
	mc->count--;
	if (e->expires != 0)
		mc->nexpiring--;
	dxr_update(mc, t, &eid, e, trie_ancestor(t, &eid));
	mc_idx_free(mc, e->idx);
	/* Its counters go with the prefix (a reader may still add). */
	mc_retire(mc, R_STATS, e->st, sizeof(*e->st));
	entry_retire(mc, e);
	return 0;
}

int
mc_delete(struct mc *mc, uint32_t iid, const struct lisp_addr *eid)
{
	int	 rc;

	rc = delete_one(mc, iid, eid);
	mc_advance(mc);
	return rc;
}

size_t
mc_pending(const struct mc *mc)
{
	const struct tables	*ts;
	size_t			 i, n = 0;

	ts = atomic_load_explicit(&mc->tables, memory_order_relaxed);
	for (i = 0; i < ts->n; i++)
		n += ts->t[i]->ndirty;
	return n;
}

void
mc_sync(struct mc *mc)
{
	const struct tables	*ts;
	struct mc_table		*t;
	size_t			 i, k;

	ts = atomic_load_explicit(&mc->tables, memory_order_relaxed);
	for (i = 0; i < ts->n; i++) {
		t = ts->t[i];
		for (k = 0; k < t->ndirty; k++)
			if (t->pend[t->dirty[k]].n != 0)
				dxr_rebuild(mc, t, t->dirty[k]);
		t->ndirty = 0;
	}
	mc_advance(mc);
}

const struct mc_entry *
mc_find(const struct mc *mc, uint32_t iid, const struct lisp_addr *p)
{
	struct lisp_addr	 eid;
	struct mc_table		*t;
	struct mc_node		*n;

	if (lisp_addr_set(&eid, p->afi, p->a, p->plen) != 0 ||
	    (t = table_find(mc, iid, eid.afi)) == NULL ||
	    (n = trie_exact(t, eid.a, eid.plen)) == NULL)
		return NULL;
	return node_entry(n);
}

int
mc_set_locator_up(struct mc *mc, uint32_t iid, const struct lisp_addr *p,
    const struct lisp_addr *rloc, int up)
{
	struct mc_locator	 loc[MC_MAX_LOCATORS];
	struct lisp_addr	 eid;
	struct mc_table		*t;
	struct mc_node		*n;
	struct mc_entry		*old, *e;
	struct mc_mapping	 m;
	size_t			 i;
	int			 found = 0;

	if (lisp_addr_set(&eid, p->afi, p->a, p->plen) != 0 ||
	    (t = table_find(mc, iid, eid.afi)) == NULL ||
	    (n = trie_exact(t, eid.a, eid.plen)) == NULL ||
	    (old = atomic_load_explicit(&n->entry, memory_order_relaxed)) ==
	    NULL || old->ls == NULL)
		return MC_E_NOENT;
	memcpy(loc, old->ls->loc, old->ls->nloc * sizeof(loc[0]));
	for (i = 0; i < old->ls->nloc; i++) {
		if (lisp_addr_cmp(&loc[i].rloc, rloc) != 0)
			continue;
		found = 1;
		if (up)
			loc[i].flags |= MC_LOC_UP;
		else
			loc[i].flags &= (uint8_t)~MC_LOC_UP;
	}
	if (!found)
		return MC_E_NOENT;
	memset(&m, 0, sizeof(m));
	m.iid = old->iid;
	m.action = old->action;
	m.source = old->source;
	m.ttl = old->ttl;
	if (old->map_source4 != 0)
		lisp_addr_set(&m.map_source, LISP_AFI_IPV4, &old->map_source4,
		    32);
	m.loc = loc;
	m.nloc = old->ls->nloc;
	if ((e = entry_new(mc, &m, &eid, old->idx, old->created,
	    old->updated)) == NULL) {
		mc_advance(mc);
		return MC_E_NOMEM;
	}
	e->expires = old->expires;
	e->st = old->st;
	entry_replace(mc, t, n, old, e);
	mc_advance(mc);
	return 0;
}

static void
heap_rebuild(struct mc *mc)
{
	struct mc_entry	*e;
	uint32_t	 i;

	mc->hn = 0;
	mc->heap_lost = 0;
	for (i = 1; i < mc->nextidx; i++)
		if ((e = mc_idx_entry(mc, i)) != NULL && e->expires != 0)
			mc_heap_push(mc, e->expires, i);
}

size_t
mc_expire(struct mc *mc, uint64_t now, mc_walk_fn fn, void *arg)
{
	struct mc_entry	*e;
	size_t		 n = 0;
	uint32_t	 idx;

	if (mc->heap_lost || mc->hn > 2 * mc->nexpiring + HEAP_SLACK)
		heap_rebuild(mc);
	while (mc->hn > 0 && mc->heap[0].expires <= now) {
		idx = mc->heap[0].idx;
		mc_heap_pop(mc);
		/* The index may have been refreshed or reused since: what
		 * counts is the entry there now. */
		e = mc_idx_entry(mc, idx);
		if (e == NULL || e->expires == 0 || e->expires > now)
			continue;
		if (fn != NULL)
			(void)fn(e, arg);
		if (delete_one(mc, e->iid, &e->eid) == 0)
			n++;
	}
	if (n > 0)
		mc_sync(mc);	/* a bulk change: one rebuild per /16 */
	else
		mc_advance(mc);
	return n;
}

uint64_t
mc_next_expiry(const struct mc *mc)
{
	return mc->hn > 0 ? mc->heap[0].expires : 0;
}

size_t
mc_clear(struct mc *mc, unsigned mask)
{
	struct mc_entry	*e;
	size_t		 n = 0;
	uint32_t	 i;

	for (i = 1; i < mc->nextidx; i++) {
		e = mc_idx_entry(mc, i);
		if (e != NULL && e->source < 32 && (mask >> e->source & 1) &&
		    delete_one(mc, e->iid, &e->eid) == 0)
			n++;
	}
	mc_sync(mc);		/* a bulk change: one rebuild per /16 */
	return n;
}

size_t
mc_count(const struct mc *mc)
{
	return mc->count;
}

size_t
mc_memory(const struct mc *mc)
{
	return mc->bytes + mc->rcap * sizeof(*mc->ret) +
	    mc->rb.cap * (sizeof(uint32_t) + sizeof(void *));
}

int
mc_walk(const struct mc *mc, mc_walk_fn fn, void *arg)
{
	const struct tables	*ts;
	const struct mc_node	*stack[130], *n;
	const struct mc_entry	*e;
	size_t			 i, sp;
	int			 rc;

	ts = atomic_load_explicit(&((struct mc *)(uintptr_t)mc)->tables,
	    memory_order_acquire);
	for (i = 0; i < ts->n; i++) {
		sp = 0;
		if ((n = table_root(ts->t[i])) != NULL)
			stack[sp++] = n;
		while (sp > 0) {
			n = stack[--sp];
			if ((e = node_entry(n)) != NULL &&
			    (rc = fn(e, arg)) != 0)
				return rc;
			/* Depth grows by one bit per level: 130 suffices. */
			if (child(n, 1) != NULL)
				stack[sp++] = child(n, 1);
			if (child(n, 0) != NULL)
				stack[sp++] = child(n, 0);
		}
	}
	return 0;
}

/*
 * Readers.
 */

static const struct mc_entry *
lookup_trie4(const struct mc_table *t, uint32_t addr)
{
	uint8_t	 key[4];

	key[0] = (uint8_t)(addr >> 24);
	key[1] = (uint8_t)(addr >> 16);
	key[2] = (uint8_t)(addr >> 8);
	key[3] = (uint8_t)addr;
	return trie_lookup(t, key);
}

const struct mc_entry *
mc_lookup4(const struct mc *mc, uint32_t iid, uint32_t addr)
{
	const struct mc_table	*t;
	uintptr_t		 v;

	if ((t = table_find(mc, iid, LISP_AFI_IPV4)) == NULL)
		return NULL;
	v = atomic_load_explicit(&t->dir[addr >> 16], memory_order_acquire);
	if (slot_is_chunk(v))
		return atomic_load_explicit(chunk_find(slot_chunk(v),
		    addr & 0xffff), memory_order_acquire);
	if (v == SLOT_TRIE)
		return lookup_trie4(t, addr);
	return (const struct mc_entry *)v;
}

/*
 * Batches overlap their cache misses: every slot is loaded and its range
 * array fetched ahead, then every bisection is done and its answer slot
 * fetched ahead, then the answers are read (and fetched ahead for the
 * caller, who reads the entry next).  out[] holds the work in between.
 */
void
mc_lookup4_batch(const struct mc *mc, uint32_t iid, const uint32_t *addr,
    size_t n, const struct mc_entry **out)
{
	const struct mc_table	*t;
	uintptr_t		 v;
	size_t			 i;

	if ((t = table_find(mc, iid, LISP_AFI_IPV4)) == NULL) {
		for (i = 0; i < n; i++)
			out[i] = NULL;
		return;
	}
	for (i = 0; i < n; i++) {
		v = atomic_load_explicit(&t->dir[addr[i] >> 16],
		    memory_order_acquire);
		if (slot_is_chunk(v)) {
			/* The starts: 2 bytes a range, often past one line. */
			__builtin_prefetch(slot_chunk(v));
			__builtin_prefetch((const char *)slot_chunk(v) + 64);
		}
		out[i] = (const struct mc_entry *)v;
	}
	for (i = 0; i < n; i++) {
		v = (uintptr_t)out[i];
		if (slot_is_chunk(v)) {
			/* The tag bit now marks a pointer to a range's slot. */
			v = (uintptr_t)chunk_find(slot_chunk(v),
			    addr[i] & 0xffff);
			__builtin_prefetch((const void *)v);
			out[i] = (const struct mc_entry *)(v | SLOT_CHUNK);
		} else if (v == SLOT_TRIE)
			out[i] = lookup_trie4(t, addr[i]);
	}
	for (i = 0; i < n; i++) {
		v = (uintptr_t)out[i];
		if (slot_is_chunk(v))
			out[i] = atomic_load_explicit((aentry *)(v &
			    ~SLOT_CHUNK), memory_order_acquire);
		if (out[i] != NULL)
			__builtin_prefetch(out[i]);
	}
}

const struct mc_entry *
mc_lookup(const struct mc *mc, uint32_t iid, const struct lisp_addr *a)
{
	const struct mc_table	*t;

	if (a->afi == LISP_AFI_IPV4)
		return mc_lookup4(mc, iid, key4(a->a));
	if (a->afi != LISP_AFI_IPV6 ||
	    (t = table_find(mc, iid, LISP_AFI_IPV6)) == NULL)
		return NULL;
	return trie_lookup(t, a->a);
}

const struct mc_locator *
mc_entry_select(const struct mc_entry *e, uint32_t hash)
{
	const struct mc_locset	*ls = e->ls;
	const uint8_t		*sel;
	uint32_t		 h = hash & 0xffff, target;
	uint8_t			 i;

	if (ls == NULL || ls->nsel == 0)
		return NULL;
	sel = locset_sel(ls);
	if (ls->nsel == 1)
		return &ls->loc[sel[0]];
	if (ls->wsum == 0)
		return &ls->loc[sel[(h * ls->nsel) >> 16]];
	target = (h * ls->wsum) >> 16;
	for (i = 0; i < ls->nsel; i++) {
		if (target < ls->loc[sel[i]].weight)
			return &ls->loc[sel[i]];
		target -= ls->loc[sel[i]].weight;
	}
	return &ls->loc[sel[ls->nsel - 1]];
}

uint8_t
mc_entry_action(const struct mc_entry *e)
{
	return e->action;
}

void
mc_entry_info(const struct mc_entry *e, struct mc_info *i)
{
	memset(i, 0, sizeof(*i));
	i->iid = e->iid;
	i->eid = e->eid;
	i->action = e->action;
	i->source = e->source;
	i->ttl = e->ttl;
	i->created = e->created;
	i->updated = e->updated;
	i->expires = e->expires;
	i->nloc = e->ls != NULL ? e->ls->nloc : 0;
	i->pkts = atomic_load_explicit(&e->st->pkts, memory_order_relaxed);
	i->bytes = atomic_load_explicit(&e->st->bytes, memory_order_relaxed);
	i->last_out = i->pkts == 0 ? 0 : atomic_load_explicit(&e->st->last,
	    memory_order_relaxed);
	if (e->map_source4 != 0)
		lisp_addr_set(&i->map_source, LISP_AFI_IPV4, &e->map_source4,
		    32);
}

void
mc_entry_count(const struct mc_entry *e, uint64_t pkts, uint64_t bytes,
    uint64_t now)
{
	struct mc_stats	*st = e->st;

	/* One cache line that every worker may write: the time only when
	 * it moves (once a second), the sums once per batch (mc_tally). */
	if (atomic_load_explicit(&st->last, memory_order_relaxed) != now)
		atomic_store_explicit(&st->last, now, memory_order_relaxed);
	atomic_fetch_add_explicit(&st->pkts, pkts, memory_order_relaxed);
	atomic_fetch_add_explicit(&st->bytes, bytes, memory_order_relaxed);
}

const struct mc_locator *
mc_entry_locators(const struct mc_entry *e, size_t *n)
{
	*n = e->ls != NULL ? e->ls->nloc : 0;
	return e->ls != NULL ? e->ls->loc : NULL;
}
