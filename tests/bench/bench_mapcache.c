/*
 * Micro-benchmark of lispd's map-cache and wire codecs, each figure beside
 * a reference measured in the same run on the same data:
 *
 *  - map-cache lookups with 1,000,000 prefixes (random /8-/32, and /32
 *    host EIDs) of 1,000 sites (two RLOCs each, the prefixes dealt round
 *    robin), against two textbook longest-prefix-match structures
 *    written here: a unibit binary trie (one node per bit, the classic
 *    software LPM) and per-length hash tables probed from /32 down (what
 *    a daemon built on a hash map does).  Both references are checked to
 *    give the map-cache's answers before they are timed.
 *  - memory: the map-cache's own accounting and the process RSS growth;
 *  - codecs: encode/decode rates of the control messages and the data
 *    header, encapsulation of 64- and 1400-byte packets (reference:
 *    memcpy of the same packet, the floor of any in-place rewrite), and
 *    Map-Register HMAC (reference: OpenSSL's one-shot HMAC() of the same
 *    bytes, the floor of any authenticated encode).
 *
 *	bench_mapcache [prefixes]	(default 1000000)
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lispd/mapcache.h"
#include "lispd/wire.h"

#define LOOKUPS		(10 * 1000 * 1000)
#define BATCH		32
#define SITES		1000	/* distinct locator sets */

static volatile uintptr_t sink;

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Bytes malloc has handed out (and not taken back), its own overhead
 * included: what the structure really costs, whatever the RSS history. */
static size_t
heap_used(void)
{
	struct mallinfo2	 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

static void
row(const char *what, double ours, const char *unit, const char *ref,
    double theirs)
{
	char	 a[32], b[64];

	snprintf(a, sizeof(a), "%.2f %s", ours, unit);
	if (ref == NULL) {
		printf("%-46s %16s\n", what, a);
		return;
	}
	snprintf(b, sizeof(b), "%s %.2f %s", ref, theirs, unit);
	printf("%-46s %16s   %-34s %6.2fx\n", what, a, b,
	    theirs > 0 ? ours / theirs : 0.0);
}

/*
 * Reference 1: a unibit binary trie.
 */
struct bnode {
	struct bnode	*c[2];
	uint32_t	 val;		/* 0: none */
};

struct btrie {
	struct bnode	*root;
	size_t		 nodes;
};

static struct bnode *
bnode_new(struct btrie *t)
{
	t->nodes++;
	return calloc(1, sizeof(struct bnode));
}

static void
btrie_insert(struct btrie *t, uint32_t a, unsigned plen, uint32_t val)
{
	struct bnode	**n = &t->root;
	unsigned	  i;

	for (i = 0;; i++) {
		if (*n == NULL && (*n = bnode_new(t)) == NULL)
			abort();
		if (i == plen)
			break;
		n = &(*n)->c[(a >> (31 - i)) & 1];
	}
	(*n)->val = val;
}

static uint32_t
btrie_lookup(const struct btrie *t, uint32_t a)
{
	const struct bnode	*n = t->root;
	uint32_t		 best = 0;
	unsigned		 i = 0;

	while (n != NULL) {
		if (n->val != 0)
			best = n->val;
		if (i == 32)
			break;
		n = n->c[(a >> (31 - i++)) & 1];
	}
	return best;
}

static void
bnode_free(struct bnode *n)
{
	if (n == NULL)
		return;
	bnode_free(n->c[0]);
	bnode_free(n->c[1]);
	free(n);
}

/*
 * Reference 2: one open-addressing hash table per prefix length.
 */
struct hslot {
	uint32_t	 key;
	uint32_t	 val;		/* 0: empty */
};

struct htab {
	struct hslot	*s[33];
	size_t		 mask[33];
	size_t		 n[33];
};

static inline size_t
hmix(uint32_t k)
{
	uint64_t	 x = k * 0x9e3779b97f4a7c15ULL;

	return (size_t)(x >> 32);
}

static void
htab_init(struct htab *h, const size_t *count)
{
	size_t	 l, cap;

	for (l = 0; l <= 32; l++) {
		for (cap = 8; cap < count[l] * 2; cap *= 2)
			;
		h->s[l] = calloc(cap, sizeof(struct hslot));
		h->mask[l] = cap - 1;
		h->n[l] = count[l];
	}
}

static void
htab_insert(struct htab *h, uint32_t a, unsigned l, uint32_t val)
{
	size_t	 i = hmix(a) & h->mask[l];

	while (h->s[l][i].val != 0 && h->s[l][i].key != a)
		i = (i + 1) & h->mask[l];
	h->s[l][i].key = a;
	h->s[l][i].val = val;
}

static uint32_t
htab_lookup(const struct htab *h, uint32_t a)
{
	const struct hslot	*s;
	uint32_t		 k;
	size_t			 i;
	int			 l;

	for (l = 32; l >= 0; l--) {
		if (h->n[l] == 0)
			continue;
		k = l == 0 ? 0 : a & (0xffffffffu << (32 - l));
		for (i = hmix(k) & h->mask[l];; i = (i + 1) & h->mask[l]) {
			s = &h->s[l][i];
			if (s->val == 0)
				break;
			if (s->key == k)
				return s->val;
		}
	}
	return 0;
}

/*
 * The map-cache runs.
 */
struct set {
	uint32_t	*addr;
	uint8_t		*plen;
	size_t		 n;
	uint32_t	*probe;		/* addresses to look up */
};

/* Whether e is the mapping of prefix k of the set. */
static int
entry_is(const struct mc_entry *e, const struct set *s, uint32_t k)
{
	struct mc_info		 i;
	struct lisp_addr	 p;

	mc_entry_info(e, &i);
	lisp_addr_v4(&p, s->addr[k], s->plen[k]);
	return lisp_addr_cmp(&i.eid, &p) == 0;
}

struct lookup_job {
	const struct mc	*mc;
	const uint32_t	*probe;
	size_t		 n;
	uintptr_t	 acc;
};

static void *
lookup_thread(void *arg)
{
	struct lookup_job	*j = arg;
	const struct mc_entry	*batch[BATCH];
	size_t			 i, k;

	for (i = 0; i + BATCH <= j->n; i += BATCH) {
		mc_lookup4_batch(j->mc, 0, j->probe + i, BATCH, batch);
		for (k = 0; k < BATCH; k++)
			j->acc += (uintptr_t)batch[k];
	}
	return NULL;
}

static void
run_set(const char *name, struct set *s)
{
	struct mc		*mc;
	struct mc_mapping	 m;
	struct mc_locator	 loc[2];
	struct btrie		 bt = { NULL, 0 };
	struct htab		 ht;
	struct lookup_job	 job[2];
	pthread_t		 th[2];
	const struct mc_entry	*e, *batch[BATCH];
	size_t			 i, k, count[33] = { 0 }, r0, r1, hits = 0;
	uintptr_t		 acc = 0;
	double			 t0, t1, ours, trie, hash, two, batched;
	char			 what[96];
	uint32_t		 v;

	memset(loc, 0, sizeof(loc));
	for (i = 0; i < 2; i++) {
		loc[i].priority = 1;
		loc[i].weight = 50;
		loc[i].flags = MC_LOC_UP;
	}
	r0 = heap_used();
	if ((mc = mc_new()) == NULL)
		abort();
	memset(&m, 0, sizeof(m));
	m.loc = loc;
	m.nloc = 2;
	m.ttl = 86400;
	t0 = now();
	for (i = 0; i < s->n; i++) {
		lisp_addr_v4(&m.eid, s->addr[i], s->plen[i]);
		/* SITES sites, two RLOCs each, share the prefixes. */
		lisp_addr_v4(&loc[0].rloc, 0xc6330000u + (uint32_t)(i % SITES),
		    32);
		lisp_addr_v4(&loc[1].rloc, 0xcb000000u + (uint32_t)(i % SITES),
		    32);
		if (mc_insert(mc, &m, 1) != 0)
			abort();
	}
	t1 = now();
	r1 = heap_used();
	printf("\n%s: %zu prefixes\n", name, mc_count(mc));
	row("map-cache insert", (double)s->n / (t1 - t0) / 1e6, "M/s", NULL, 0);
	row("memory, mc_memory() per prefix",
	    (double)mc_memory(mc) / (double)s->n, "B", NULL, 0);
	row("memory, malloc'd per prefix (with overhead)",
	    (double)(r1 - r0) / (double)s->n, "B", NULL, 0);

	/* The references, and a check that they agree with the map-cache. */
	for (i = 0; i < s->n; i++)
		count[s->plen[i]]++;
	htab_init(&ht, count);
	for (i = 0; i < s->n; i++) {
		btrie_insert(&bt, s->addr[i], s->plen[i], (uint32_t)i + 1);
		htab_insert(&ht, s->addr[i], s->plen[i], (uint32_t)i + 1);
	}
	for (i = 0; i < 200000; i++) {
		e = mc_lookup4(mc, 0, s->probe[i]);
		v = btrie_lookup(&bt, s->probe[i]);
		if (v != htab_lookup(&ht, s->probe[i]) ||
		    (e == NULL) != (v == 0) ||
		    (e != NULL && !entry_is(e, s, v - 1))) {
			fprintf(stderr, "references disagree at %zu\n", i);
			exit(1);
		}
		hits += e != NULL;
	}

	t0 = now();
	for (i = 0; i < LOOKUPS; i++)
		acc += (uintptr_t)mc_lookup4(mc, 0, s->probe[i]);
	t1 = now();
	ours = LOOKUPS / (t1 - t0) / 1e6;
	t0 = now();
	for (i = 0; i < LOOKUPS; i++)
		acc += btrie_lookup(&bt, s->probe[i]);
	t1 = now();
	trie = LOOKUPS / (t1 - t0) / 1e6;
	t0 = now();
	for (i = 0; i < LOOKUPS; i++)
		acc += htab_lookup(&ht, s->probe[i]);
	t1 = now();
	hash = LOOKUPS / (t1 - t0) / 1e6;
	snprintf(what, sizeof(what), "lookup, 1 thread (%zu%% hits)",
	    hits * 100 / 200000);
	row(what, ours, "M/s", "binary trie", trie);
	row("", ours, "M/s", "hash per length", hash);

	t0 = now();
	for (i = 0; i < LOOKUPS; i++) {
		e = mc_lookup4(mc, 0, s->probe[i]);
		if (e != NULL)
			acc += (uintptr_t)mc_entry_select(e, (uint32_t)i);
	}
	t1 = now();
	row("lookup + RLOC select, 1 thread", LOOKUPS / (t1 - t0) / 1e6,
	    "M/s", NULL, 0);

	t0 = now();
	for (i = 0; i + BATCH <= LOOKUPS; i += BATCH) {
		mc_lookup4_batch(mc, 0, s->probe + i, BATCH, batch);
		for (k = 0; k < BATCH; k++)
			acc += (uintptr_t)batch[k];
	}
	t1 = now();
	batched = LOOKUPS / (t1 - t0) / 1e6;
	row("lookup, batches of 32, 1 thread", batched, "M/s", "binary trie",
	    trie);
	row("", batched, "M/s", "hash per length", hash);
	t0 = now();
	for (i = 0; i + BATCH <= LOOKUPS; i += BATCH) {
		mc_lookup4_batch(mc, 0, s->probe + i, BATCH, batch);
		for (k = 0; k < BATCH; k++)
			if (batch[k] != NULL)
				acc += (uintptr_t)mc_entry_select(batch[k],
				    (uint32_t)(i + k));
	}
	t1 = now();
	row("batch lookup + RLOC select, 1 thread",
	    LOOKUPS / (t1 - t0) / 1e6, "M/s", NULL, 0);

	for (i = 0; i < 2; i++) {
		job[i].mc = mc;
		job[i].probe = s->probe;
		job[i].n = LOOKUPS;
		job[i].acc = 0;
	}
	t0 = now();
	for (i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, lookup_thread, &job[i]);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	t1 = now();
	two = 2.0 * LOOKUPS / (t1 - t0) / 1e6;
	row("batch lookup, 2 threads, no locks", two, "M/s", "1 thread",
	    batched);

	t0 = now();
	for (i = 0; i < s->n / 2; i++) {
		lisp_addr_v4(&m.eid, s->addr[i], s->plen[i]);
		(void)mc_delete(mc, 0, &m.eid);
	}
	t1 = now();
	row("map-cache delete", (double)(s->n / 2) / (t1 - t0) / 1e6, "M/s",
	    NULL, 0);
	sink = acc + job[0].acc + job[1].acc;
	mc_free(mc);
	bnode_free(bt.root);
	for (i = 0; i <= 32; i++)
		free(ht.s[i]);
	printf("  (binary trie: %zu nodes)\n", bt.nodes);
}

/* n distinct random prefixes; host: all /32.  Probes: 3 of 4 inside a
 * random prefix, 1 of 4 anywhere. */
static void
make_set(struct set *s, size_t n, int host, uint64_t seed)
{
	struct mc	*seen;
	struct mc_mapping m;
	uint64_t	 st = seed;
	uint32_t	 span;
	size_t		 i, k;

	s->addr = malloc(n * sizeof(*s->addr));
	s->plen = malloc(n);
	s->probe = malloc(LOOKUPS * sizeof(*s->probe));
	if (s->addr == NULL || s->plen == NULL || s->probe == NULL ||
	    (seen = mc_new()) == NULL)
		abort();
	memset(&m, 0, sizeof(m));
	for (i = 0; i < n;) {
		s->plen[i] = host ? 32 : (uint8_t)(8 + rnd(&st) % 25);
		lisp_addr_v4(&m.eid, (uint32_t)rnd(&st), s->plen[i]);
		if (mc_find(seen, 0, &m.eid) != NULL)
			continue;
		if (mc_insert(seen, &m, 0) != 0)
			abort();
		s->addr[i++] = (uint32_t)m.eid.a[0] << 24 |
		    (uint32_t)m.eid.a[1] << 16 | (uint32_t)m.eid.a[2] << 8 |
		    m.eid.a[3];
	}
	mc_free(seen);
	s->n = n;
	for (i = 0; i < LOOKUPS; i++) {
		if (rnd(&st) % 4 == 0) {
			s->probe[i] = (uint32_t)rnd(&st);
			continue;
		}
		k = rnd(&st) % n;
		span = s->plen[k] == 32 ? 0 :
		    (uint32_t)((1ull << (32 - s->plen[k])) - 1);
		s->probe[i] = s->addr[k] | ((uint32_t)rnd(&st) & span);
	}
}

static void
free_set(struct set *s)
{
	free(s->addr);
	free(s->plen);
	free(s->probe);
}

/*
 * Codecs.
 */
static double
rate(double t0, double t1, size_t n)
{
	return (double)n / (t1 - t0) / 1e6;
}

static void
run_codecs(void)
{
	static struct lisp_map_request	 q, q2;
	static struct lisp_record	 rec[1], rec2[1];
	static uint8_t			 buf[2048], pkt[2048];
	struct lisp_map			 m, m2;
	struct lisp_encap		 en;
	struct lisp_decap		 de;
	struct lisp_data_hdr		 h;
	uint8_t				*out, mac[EVP_MAX_MD_SIZE];
	unsigned			 maclen;
	size_t				 len, plen, i, n, sizes[2] = { 64, 1400 };
	double				 t0, t1, ours, ref;
	char				 what[64];
	int				 k;

	printf("\ncodecs\n");
	memset(&q, 0, sizeof(q));
	q.nonce = 42;
	lisp_addr_v4(&q.src_eid, 0x0a000001, 32);
	q.nitr = 1;
	lisp_addr_v4(&q.itr[0], 0xc0000201, 32);
	q.neid = 1;
	lisp_addr_v4(&q.eid[0].eid, 0x0a000205, 32);
	n = 2000000;
	t0 = now();
	for (i = 0; i < n; i++) {
		q.nonce = i;
		if (lisp_map_request_encode(buf, sizeof(buf), &q, &len) != 0)
			abort();
	}
	t1 = now();
	row("Map-Request encode", rate(t0, t1, n), "M/s", NULL, 0);
	t0 = now();
	for (i = 0; i < n; i++)
		if (lisp_map_request_decode(buf, len, &q2) != 0)
			abort();
	t1 = now();
	row("Map-Request decode", rate(t0, t1, n), "M/s", NULL, 0);

	memset(&m, 0, sizeof(m));
	m.type = LISP_MAP_REPLY;
	m.rec = rec;
	m.nrec = 1;
	rec[0].ttl = 1440;
	lisp_addr_v4(&rec[0].eid, 0x0a010000, 24);
	rec[0].nloc = 2;
	for (k = 0; k < 2; k++) {
		lisp_addr_v4(&rec[0].loc[k].addr, 0xc0000201u + (uint32_t)k,
		    32);
		rec[0].loc[k].priority = 1;
		rec[0].loc[k].weight = 50;
		rec[0].loc[k].flags = LISP_LOC_R;
	}
	t0 = now();
	for (i = 0; i < n; i++)
		if (lisp_map_encode(buf, sizeof(buf), &m, NULL, 0, &len) != 0)
			abort();
	t1 = now();
	row("Map-Reply encode (1 record, 2 RLOCs)", rate(t0, t1, n), "M/s",
	    NULL, 0);
	memset(&m2, 0, sizeof(m2));
	m2.rec = rec2;
	m2.rec_cap = 1;
	t0 = now();
	for (i = 0; i < n; i++)
		if (lisp_map_decode(buf, len, &m2) != 0)
			abort();
	t1 = now();
	row("Map-Reply decode (1 record, 2 RLOCs)", rate(t0, t1, n), "M/s",
	    NULL, 0);

	for (k = LISP_ALG_SHA1; k <= LISP_ALG_SHA256; k++) {
		m.type = LISP_MAP_REGISTER;
		m.flags = LISP_MREG_M;
		m.alg_id = (uint8_t)k;
		n = 200000;
		t0 = now();
		for (i = 0; i < n; i++)
			if (lisp_map_encode(buf, sizeof(buf), &m, "s3cr3t", 6,
			    &len) != 0)
				abort();
		t1 = now();
		ours = rate(t0, t1, n);
		t0 = now();
		for (i = 0; i < n; i++)
			HMAC(k == LISP_ALG_SHA1 ? EVP_sha1() : EVP_sha256(),
			    "s3cr3t", 6, buf, len, mac, &maclen);
		t1 = now();
		ref = rate(t0, t1, n);
		snprintf(what, sizeof(what), "Map-Register encode, %s",
		    k == LISP_ALG_SHA1 ? "HMAC-SHA-1" : "HMAC-SHA-256");
		row(what, ours, "M/s", "HMAC() alone", ref);
		if (lisp_map_decode(buf, len, &m2) != 0)
			abort();
		t0 = now();
		for (i = 0; i < n; i++)
			if (lisp_map_decode(buf, len, &m2) != 0 ||
			    lisp_map_verify(buf, len, &m2, "s3cr3t", 6) != 0)
				abort();
		t1 = now();
		snprintf(what, sizeof(what), "Map-Register decode + verify, %s",
		    k == LISP_ALG_SHA1 ? "SHA-1" : "SHA-256");
		row(what, rate(t0, t1, n), "M/s", "HMAC() alone", ref);
	}

	n = 20000000;
	memset(&h, 0, sizeof(h));
	h.flags = LISP_DH_N | LISP_DH_I;
	t0 = now();
	for (i = 0; i < n; i++) {
		h.nonce = i & 0xffffff;
		if (lisp_data_hdr_encode(buf, &h) != 0 ||
		    lisp_data_hdr_decode(buf, 8, &h) != 0)
			abort();
	}
	t1 = now();
	row("data header encode + decode", rate(t0, t1, n), "M/s", NULL, 0);

	for (k = 0; k < 2; k++) {
		plen = sizes[k];
		memset(pkt, 0, sizeof(pkt));
		pkt[64] = 0x45;
		pkt[66] = (uint8_t)(plen >> 8);
		pkt[67] = (uint8_t)plen;
		pkt[72] = 64;
		pkt[73] = 17;
		memset(&en, 0, sizeof(en));
		lisp_addr_v4(&en.src, 0xc0000201, 32);
		lisp_addr_v4(&en.dst, 0xc6336402, 32);
		en.hdr.flags = LISP_DH_N | LISP_DH_I;
		n = 10000000;
		t0 = now();
		for (i = 0; i < n; i++) {
			en.hash = lisp_flow_hash(pkt + 64, plen);
			if (lisp_encap4(pkt + 64, plen, 64, &en, &out,
			    &len) != 0 || lisp_decap4(out, len, &de) != 0)
				abort();
		}
		t1 = now();
		ours = rate(t0, t1, n);
		t0 = now();
		for (i = 0; i < n; i++) {
			memcpy(buf, pkt + 64 - 36, plen + 36);
			sink += buf[i & 63];
		}
		t1 = now();
		ref = rate(t0, t1, n);
		snprintf(what, sizeof(what),
		    "hash + encap + decap, %zu-byte packet", plen);
		row(what, ours, "M/s", "memcpy of it", ref);
	}
}

/*
 * Host EIDs learnt into one /16 (a mobility site, or an ITR learning a
 * dense block), in random order.  Ours: as lispd runs it, the /16 waits
 * for its range array while inserts come and a 10 ms timer calls mc_sync
 * (emulated here on the clock).  Reference: the range array rebuilt on
 * every insert (mc_sync after each one: what every insert did before).
 */
static void
dense_insert(struct mc *mc, const uint32_t *order, size_t from, size_t to,
    int every, double *secs)
{
	struct mc_locator	 loc[2];
	struct mc_mapping	 m;
	double			 t0, last;
	size_t			 i;

	memset(loc, 0, sizeof(loc));
	for (i = 0; i < 2; i++) {
		lisp_addr_v4(&loc[i].rloc, 0xc6330001u + (uint32_t)i, 32);
		loc[i].priority = 1;
		loc[i].weight = 50;
		loc[i].flags = MC_LOC_UP;
	}
	memset(&m, 0, sizeof(m));
	m.loc = loc;
	m.nloc = 2;
	m.ttl = 86400;
	t0 = last = now();
	for (i = from; i < to; i++) {
		lisp_addr_v4(&m.eid, 0x0a400000u | order[i], 32);
		if (mc_insert(mc, &m, 1) != 0)
			abort();
		if (every || now() - last >= 0.010) {
			mc_sync(mc);
			last = now();
		}
	}
	mc_sync(mc);
	*secs = now() - t0;
}

static void
run_dense(void)
{
	static const size_t	 fills[] = { 1024, 16384, 64512 };
	static uint32_t		 order[65536];
	struct mc		*a, *b;
	uint64_t		 st = 0xd15e;
	double			 ta, tb, ignore;
	char			 what[96];
	size_t			 i, j, k, t;

	for (i = 0; i < 65536; i++)
		order[i] = (uint32_t)i;
	for (i = 65535; i > 0; i--) {
		j = rnd(&st) % (i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = (uint32_t)t;
	}
	printf("\nhost EIDs learnt into one /16 (random order)\n");
	if ((a = mc_new()) == NULL)
		abort();
	dense_insert(a, order, 0, 65536, 0, &ta);
	row("insert 65,536 /32s into an empty /16", 65536 / ta / 1e3, "k/s",
	    NULL, 0);
	mc_free(a);
	for (k = 0; k < sizeof(fills) / sizeof(fills[0]); k++) {
		if ((a = mc_new()) == NULL || (b = mc_new()) == NULL)
			abort();
		dense_insert(a, order, 0, fills[k], 0, &ignore);
		dense_insert(b, order, 0, fills[k], 0, &ignore);
		dense_insert(a, order, fills[k], fills[k] + 1024, 0, &ta);
		dense_insert(b, order, fills[k], fills[k] + 1024, 1, &tb);
		snprintf(what, sizeof(what), "insert into a /16 holding %zu",
		    fills[k]);
		row(what, 1024 / ta / 1e3, "k/s", "rebuilt each insert",
		    1024 / tb / 1e3);
		mc_free(a);
		mc_free(b);
	}
}

int
main(int argc, char *argv[])
{
	struct set	 s;
	size_t		 n = 1000000;

	if (argc > 1)
		n = strtoul(argv[1], NULL, 10);
	printf("%-46s %16s   %-34s %7s\n", "benchmark", "ours", "reference",
	    "ratio");
	make_set(&s, n, 0, 0x1234567);
	run_set("random prefixes /8-/32", &s);
	free_set(&s);
	make_set(&s, n, 1, 0x7654321);
	run_set("host EIDs /32", &s);
	free_set(&s);
	run_dense();
	run_codecs();
	return 0;
}
