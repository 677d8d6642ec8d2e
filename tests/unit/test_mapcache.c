/*
 * Unit tests for lispd/mapcache: longest-prefix match against a brute-force
 * reference over random prefixes (IPv4 through the range index, IPv6
 * through the trie), expiry, RLOC selection by priority and weight, flow
 * stickiness, ordering of walks, and reclamation with readers (a reader
 * thread runs lookups while the writer churns; the sanitizer build turns
 * any early free into a failure).
 */
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/mapcache.h"
#include "tests/unit/unit.h"

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
addr(struct lisp_addr *a, const char *s)
{
	ck_assert_int_eq(lisp_addr_parse(a, s), 0);
}

/* One locator, up, priority 1 weight 100, at 192.0.2.<n % 250>. */
static struct mc_locator
loc_n(unsigned n)
{
	struct mc_locator	 l;

	memset(&l, 0, sizeof(l));
	lisp_addr_v4(&l.rloc, 0xc0000200u | (n % 250), 32);
	l.priority = 1;
	l.weight = 100;
	l.mpriority = 255;
	l.flags = MC_LOC_UP;
	return l;
}

static int
insert(struct mc *mc, uint32_t iid, const struct lisp_addr *p, uint8_t src,
    uint32_t ttl, uint64_t now, const struct mc_locator *loc, size_t nloc)
{
	struct mc_mapping	 m;

	memset(&m, 0, sizeof(m));
	m.iid = iid;
	m.eid = *p;
	m.source = src;
	m.ttl = ttl;
	m.nloc = nloc;
	m.loc = loc;
	m.action = nloc == 0 ? LISP_ACT_SEND_MR : LISP_ACT_NONE;
	return mc_insert(mc, &m, now);
}

/* The reference: every prefix in a flat array, searched exhaustively. */
struct ref {
	struct lisp_addr	 p;
	uint32_t		 iid;
	int			 live;
	unsigned		 tag;	/* which locator it got */
};

static const struct ref *
ref_lookup(const struct ref *r, size_t n, uint32_t iid,
    const struct lisp_addr *a)
{
	const struct ref	*best = NULL;
	size_t			 i;

	for (i = 0; i < n; i++)
		if (r[i].live && r[i].iid == iid &&
		    lisp_addr_contains(&r[i].p, a) &&
		    (best == NULL || r[i].p.plen > best->p.plen))
			best = &r[i];
	return best;
}

/* Random IPv4 prefixes, clustered so that they nest and share /16s. */
static void
rand_v4(struct lisp_addr *p, uint64_t *s)
{
	static const uint32_t	 bases[] = { 0x0a000000, 0x0a010000,
				    0xc0a80000, 0xac100000, 0x0a0a0a00 };
	uint32_t		 a = (uint32_t)rnd(s);
	uint8_t			 plen;

	switch (rnd(s) % 4) {
	case 0:		/* anywhere, short */
		plen = (uint8_t)(rnd(s) % 17);
		break;
	case 1:		/* anywhere */
		plen = (uint8_t)(rnd(s) % 33);
		break;
	default:	/* around a few bases, long */
		a = bases[rnd(s) % 5] | (a & (rnd(s) % 2 ? 0xffff : 0xff));
		plen = (uint8_t)(12 + rnd(s) % 21);
		break;
	}
	lisp_addr_v4(p, a, plen);
}

/* An address inside or at the edge of a random reference prefix, or
 * anywhere. */
static void
probe_v4(struct lisp_addr *a, const struct ref *r, size_t n, uint64_t *s)
{
	uint32_t	 base, span;

	if (n == 0 || rnd(s) % 4 == 0) {
		lisp_addr_v4(a, (uint32_t)rnd(s), 32);
		return;
	}
	r += rnd(s) % n;
	base = (uint32_t)r->p.a[0] << 24 | (uint32_t)r->p.a[1] << 16 |
	    (uint32_t)r->p.a[2] << 8 | r->p.a[3];
	span = r->p.plen == 0 ? 0xffffffffu :
	    (uint32_t)((1ull << (32 - r->p.plen)) - 1);
	switch (rnd(s) % 4) {
	case 0:
		lisp_addr_v4(a, base, 32);
		break;
	case 1:
		lisp_addr_v4(a, base + span, 32);
		break;
	case 2:
		lisp_addr_v4(a, base + span + 1, 32);
		break;
	default:
		lisp_addr_v4(a, base + (uint32_t)(rnd(s) & span), 32);
		break;
	}
}

/* Compares every probe's answer with the reference's. */
static void
check_against_ref(const struct mc *mc, const struct ref *r, size_t n,
    uint32_t iid, uint64_t *s, int probes)
{
	const struct mc_entry	*e;
	const struct ref	*want;
	struct lisp_addr	 a;
	struct mc_info		 info;
	char			 buf[LISP_ADDR_STRLEN];
	const struct mc_entry	*batch[64];
	uint32_t		 addrs[64];
	int			 i, hits = 0, live = 0;
	size_t			 k;

	for (k = 0; k < n; k++)
		live += r[k].live;
	for (i = 0; i < probes; i++) {
		probe_v4(&a, r, n, s);
		want = ref_lookup(r, n, iid, &a);
		e = mc_lookup(mc, iid, &a);
		/* The batch lookup gives the same answers as one by one. */
		addrs[i % 64] = (uint32_t)a.a[0] << 24 | (uint32_t)a.a[1] << 16 |
		    (uint32_t)a.a[2] << 8 | a.a[3];
		batch[i % 64] = e;
		if (i % 64 == 63) {
			const struct mc_entry	*got[64];

			mc_lookup4_batch(mc, iid, addrs, 64, got);
			ck_assert_mem_eq(got, batch, sizeof(got));
		}
		hits += want != NULL;
		if (want == NULL) {
			ck_assert_msg(e == NULL, "%s matched nothing in ref",
			    lisp_addr_fmt(&a, 0, buf, sizeof(buf)));
			continue;
		}
		ck_assert_msg(e != NULL, "%s: no match",
		    lisp_addr_fmt(&a, 0, buf, sizeof(buf)));
		mc_entry_info(e, &info);
		ck_assert_msg(lisp_addr_cmp(&info.eid, &want->p) == 0,
		    "%s: wrong match", lisp_addr_fmt(&a, 0, buf, sizeof(buf)));
		ck_assert_uint_eq(info.iid, iid);
	}
	/* The probes must mostly land on prefixes, or this proves little. */
	if (live > 100)
		ck_assert_int_gt(hits, probes / 2);
}

START_TEST(random_ipv4_prefixes_match_a_brute_force_reference)
{
	enum { N = 4000 };
	static struct ref	 r[N];
	struct mc		*mc;
	struct mc_locator	 l;
	uint64_t		 s = 0x1234567;
	size_t			 i, n = 0, j, live;
	int			 round;

	ck_assert_ptr_nonnull(mc = mc_new());
	for (i = 0; i < N; i++) {
		rand_v4(&r[n].p, &s);
		for (j = 0; j < n; j++)
			if (lisp_addr_cmp(&r[j].p, &r[n].p) == 0)
				break;
		if (j < n)
			continue;	/* a duplicate */
		r[n].iid = 0;
		r[n].live = 1;
		r[n].tag = (unsigned)n;
		l = loc_n(r[n].tag);
		ck_assert_int_eq(insert(mc, 0, &r[n].p, MC_SRC_MAP_REPLY, 0, 1,
		    &l, 1), 0);
		n++;
	}
	ck_assert_uint_eq(mc_count(mc), n);
	check_against_ref(mc, r, n, 0, &s, 60000);
	/* Delete a third, replace a third, and ask again, three times. */
	for (round = 0; round < 3; round++) {
		for (i = 0; i < n; i++) {
			switch (rnd(&s) % 3) {
			case 0:
				if (r[i].live) {
					ck_assert_int_eq(mc_delete(mc, 0,
					    &r[i].p), 0);
					r[i].live = 0;
				} else
					ck_assert_int_eq(mc_delete(mc, 0,
					    &r[i].p), MC_E_NOENT);
				break;
			case 1:
				r[i].tag++;
				l = loc_n(r[i].tag);
				ck_assert_int_eq(insert(mc, 0, &r[i].p,
				    MC_SRC_MAP_REPLY, 0, 2, &l, 1), 0);
				r[i].live = 1;
				break;
			default:
				break;
			}
		}
		for (i = live = 0; i < n; i++)
			live += r[i].live;
		ck_assert_uint_eq(mc_count(mc), live);
		check_against_ref(mc, r, n, 0, &s, 30000);
		/* The same once every /16 waiting for its rebuild has it. */
		mc_sync(mc);
		ck_assert_uint_eq(mc_pending(mc), 0);
		check_against_ref(mc, r, n, 0, &s, 20000);
	}
	/* The replacements carry their new locators. */
	for (i = 0; i < n; i++) {
		const struct mc_entry	*e = mc_find(mc, 0, &r[i].p);
		size_t			 nl;

		if (!r[i].live) {
			ck_assert_ptr_null(e);
			continue;
		}
		ck_assert_ptr_nonnull(e);
		l = loc_n(r[i].tag);
		ck_assert_int_eq(lisp_addr_cmp(&mc_entry_locators(e,
		    &nl)[0].rloc, &l.rloc), 0);
	}
	/* Emptied, every lookup misses, every /16 is direct again. */
	for (i = 0; i < n; i++)
		if (r[i].live)
			ck_assert_int_eq(mc_delete(mc, 0, &r[i].p), 0);
	ck_assert_uint_eq(mc_count(mc), 0);
	for (i = 0; i < n; i++)
		r[i].live = 0;
	check_against_ref(mc, r, n, 0, &s, 10000);
	mc_free(mc);
}
END_TEST

/* Every address of 10.64.0.0/16 against what its host /32s, /24s and the
 * /16 itself say (tags: host h -> h, /24 k -> 100000 + k, /16 -> 200000). */
static void
check_slash16(const struct mc *mc, const uint8_t *host, const uint8_t *net)
{
	const struct mc_entry	*e, *got[256];
	struct mc_info		 info;
	struct lisp_addr	 p;
	uint32_t		 a, want, addrs[256];
	unsigned		 i;

	for (i = 0; i < 65536; i++) {
		a = 0x0a400000u | i;
		want = host[i] ? i : net[i >> 8] ? 100000 + (i >> 8) : 200000;
		e = mc_lookup4(mc, 0, a);
		ck_assert_ptr_nonnull(e);
		mc_entry_info(e, &info);
		lisp_addr_v4(&p, want < 100000 ? a : want < 200000 ?
		    a & 0xffffff00u : a & 0xffff0000u, want < 100000 ? 32 :
		    want < 200000 ? 24 : 16);
		ck_assert_int_eq(lisp_addr_cmp(&info.eid, &p), 0);
		addrs[i % 256] = a;
		if (i % 256 == 255) {
			mc_lookup4_batch(mc, 0, addrs, 256, got);
			for (a = 0; a < 256; a++)
				ck_assert_ptr_eq(got[a],
				    mc_lookup4(mc, 0, addrs[a]));
		}
	}
}

START_TEST(a_slash16_full_of_host_eids_is_learnt_in_batches_and_stays_right)
{
	static uint8_t		 host[65536], net[256];
	static uint32_t		 order[65536];
	struct mc		*mc;
	struct mc_locator	 l;
	struct lisp_addr	 p;
	uint64_t		 s = 0x5eed;
	uint32_t		 i, j, t;
	int			 waited = 0;

	ck_assert_ptr_nonnull(mc = mc_new());
	lisp_addr_v4(&p, 0x0a400000u, 16);
	l = loc_n(200000);
	ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_MAP_REPLY, 0, 1, &l, 1), 0);
	for (i = 0; i < 256; i += 5) {
		lisp_addr_v4(&p, 0x0a400000u | i << 8, 24);
		l = loc_n(100000 + i);
		ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_MAP_REPLY, 0, 1, &l,
		    1), 0);
		net[i] = 1;
	}
	for (i = 0; i < 65536; i++)
		order[i] = i;
	for (i = 65535; i > 0; i--) {
		j = (uint32_t)(rnd(&s) % (i + 1));
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < 65536; i++) {
		lisp_addr_v4(&p, 0x0a400000u | order[i], 32);
		l = loc_n(order[i]);
		ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_MAP_REPLY, 0, 1, &l,
		    1), 0);
		host[order[i]] = 1;
		waited += mc_pending(mc) != 0;
		if (i == 3000 || i == 40000)
			check_slash16(mc, host, net);	/* maybe waiting */
	}
	/* Most inserts found the /16 waiting: batched, not rebuilt. */
	ck_assert_int_gt(waited, 60000);
	check_slash16(mc, host, net);
	mc_sync(mc);
	ck_assert_uint_eq(mc_pending(mc), 0);
	check_slash16(mc, host, net);
	/* Half go, in another order, with a /24 among them. */
	for (i = 0; i < 65536; i += 2) {
		lisp_addr_v4(&p, 0x0a400000u | order[i], 32);
		ck_assert_int_eq(mc_delete(mc, 0, &p), 0);
		host[order[i]] = 0;
		if (i == 20000) {
			lisp_addr_v4(&p, 0x0a400000u | 5 << 8, 24);
			ck_assert_int_eq(mc_delete(mc, 0, &p), 0);
			net[5] = 0;
			check_slash16(mc, host, net);
		}
	}
	check_slash16(mc, host, net);
	mc_sync(mc);
	check_slash16(mc, host, net);
	ck_assert_uint_eq(mc_count(mc), 1 + 51 + 32768);
	/* A clear leaves nothing waiting. */
	ck_assert_uint_eq(mc_clear(mc, 1u << MC_SRC_MAP_REPLY), 1 + 51 + 32768);
	ck_assert_uint_eq(mc_pending(mc), 0);
	ck_assert_ptr_null(mc_lookup4(mc, 0, 0x0a400101u));
	mc_free(mc);
}
END_TEST

START_TEST(instance_ids_are_separate_tables)
{
	struct mc		*mc;
	struct lisp_addr	 p, a;
	struct mc_locator	 l[2] = { loc_n(1), loc_n(2) };
	const struct mc_entry	*e;
	size_t			 n;

	ck_assert_ptr_nonnull(mc = mc_new());
	addr(&p, "10.0.0.0/8");
	ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_STATIC, 0, 1, &l[0], 1), 0);
	ck_assert_int_eq(insert(mc, 7, &p, MC_SRC_STATIC, 0, 1, &l[1], 1), 0);
	addr(&a, "10.9.9.9");
	ck_assert_ptr_nonnull(e = mc_lookup(mc, 0, &a));
	ck_assert_int_eq(lisp_addr_cmp(&mc_entry_locators(e, &n)[0].rloc,
	    &l[0].rloc), 0);
	ck_assert_ptr_nonnull(e = mc_lookup4(mc, 7, 0x0a090909));
	ck_assert_int_eq(lisp_addr_cmp(&mc_entry_locators(e, &n)[0].rloc,
	    &l[1].rloc), 0);
	ck_assert_ptr_null(mc_lookup(mc, 8, &a));
	{
		uint32_t		 x[2] = { 0x0a090909, 0x0b000000 };
		const struct mc_entry	*got[2];

		mc_lookup4_batch(mc, 8, x, 2, got);
		ck_assert_ptr_null(got[0]);
		mc_lookup4_batch(mc, 7, x, 2, got);
		ck_assert_ptr_eq(got[0], e);
		ck_assert_ptr_null(got[1]);
	}
	ck_assert_int_eq(mc_delete(mc, 7, &p), 0);
	ck_assert_ptr_null(mc_lookup(mc, 7, &a));
	ck_assert_ptr_nonnull(mc_lookup(mc, 0, &a));
	mc_free(mc);
}
END_TEST

START_TEST(random_ipv6_prefixes_match_a_brute_force_reference)
{
	enum { N = 1500 };
	static struct ref	 r[N];
	struct mc		*mc;
	struct mc_locator	 l = loc_n(3);
	struct lisp_addr	 a;
	const struct ref	*want;
	const struct mc_entry	*e;
	struct mc_info		 info;
	uint8_t			 b[16];
	uint64_t		 s = 0xfeed;
	size_t			 i, j, k;

	ck_assert_ptr_nonnull(mc = mc_new());
	for (i = 0; i < N; i++) {
		for (k = 0; k < 16; k++)
			b[k] = (uint8_t)rnd(&s);
		b[0] = 0x20;
		b[1] = 0x01;
		b[2] = rnd(&s) % 2 ? 0x0d : b[2];
		lisp_addr_set(&r[i].p, LISP_AFI_IPV6, b,
		    (uint8_t)(rnd(&s) % 129));
		r[i].live = 1;
		for (j = 0; j < i; j++)
			if (r[j].live && lisp_addr_cmp(&r[j].p, &r[i].p) == 0)
				r[i].live = 0;
		if (r[i].live)
			ck_assert_int_eq(insert(mc, 0, &r[i].p,
			    MC_SRC_MAP_REPLY, 0, 1, &l, 1), 0);
	}
	for (i = 0; i < 40000; i++) {
		k = rnd(&s) % N;
		memcpy(b, r[k].p.a, 16);
		for (j = r[k].p.plen; j < 128 && rnd(&s) % 2; j++)
			b[j / 8] ^= (uint8_t)(0x80 >> (j % 8));
		if (rnd(&s) % 8 == 0)
			b[rnd(&s) % 16] ^= (uint8_t)rnd(&s);
		lisp_addr_set(&a, LISP_AFI_IPV6, b, 128);
		want = ref_lookup(r, N, 0, &a);
		e = mc_lookup(mc, 0, &a);
		if (want == NULL) {
			ck_assert_ptr_null(e);
			continue;
		}
		ck_assert_ptr_nonnull(e);
		mc_entry_info(e, &info);
		ck_assert_int_eq(lisp_addr_cmp(&info.eid, &want->p), 0);
		if (i % 10 == 0 && r[k].live) {
			ck_assert_int_eq(mc_delete(mc, 0, &r[k].p), 0);
			r[k].live = 0;
		}
	}
	mc_free(mc);
}
END_TEST

/* An expiry callback: the entry is still whole when it is shown. */
static int
seen_expiring(const struct mc_entry *e, void *arg)
{
	mc_entry_info(e, arg);
	return 0;
}

START_TEST(entries_expire_at_their_ttl_and_refresh_pushes_it_back)
{
	struct mc		*mc;
	struct lisp_addr	 p1, p2, p3;
	struct mc_locator	 l = loc_n(1);
	struct mc_info		 info;

	ck_assert_ptr_nonnull(mc = mc_new());
	addr(&p1, "10.1.0.0/16");
	addr(&p2, "10.2.0.0/16");
	addr(&p3, "10.3.0.0/16");
	ck_assert_int_eq(insert(mc, 0, &p1, MC_SRC_MAP_REPLY, 60, 1000, &l, 1),
	    0);
	ck_assert_int_eq(insert(mc, 0, &p2, MC_SRC_MAP_REPLY, 120, 1000, &l,
	    1), 0);
	ck_assert_int_eq(insert(mc, 0, &p3, MC_SRC_STATIC, 0, 1000, &l, 1), 0);
	ck_assert_uint_eq(mc_next_expiry(mc), 1060);
	ck_assert_uint_eq(mc_expire(mc, 1059, NULL, NULL), 0);
	ck_assert_uint_eq(mc_count(mc), 3);
	/* Refreshed at 1050: p1 now lives until 1110, created stays. */
	ck_assert_int_eq(insert(mc, 0, &p1, MC_SRC_MAP_REPLY, 60, 1050, &l, 1),
	    0);
	mc_entry_info(mc_find(mc, 0, &p1), &info);
	ck_assert_uint_eq(info.created, 1000);
	ck_assert_uint_eq(info.updated, 1050);
	ck_assert_uint_eq(info.expires, 1110);
	ck_assert_uint_eq(mc_expire(mc, 1060, NULL, NULL), 0);
	ck_assert_ptr_nonnull(mc_find(mc, 0, &p1));
	ck_assert_uint_eq(mc_expire(mc, 1110, seen_expiring, &info), 1);
	ck_assert_int_eq(lisp_addr_cmp(&info.eid, &p1), 0);
	ck_assert_ptr_null(mc_find(mc, 0, &p1));
	ck_assert_ptr_null(mc_lookup4(mc, 0, 0x0a010101));
	ck_assert_uint_eq(mc_next_expiry(mc), 1120);
	ck_assert_uint_eq(mc_expire(mc, 5000, NULL, NULL), 1);
	ck_assert_uint_eq(mc_count(mc), 1);
	ck_assert_uint_eq(mc_next_expiry(mc), 0);
	/* Static with TTL 0 never goes. */
	ck_assert_uint_eq(mc_expire(mc, UINT64_MAX, NULL, NULL), 0);
	ck_assert_ptr_nonnull(mc_find(mc, 0, &p3));
	/* A refresh to "never" stops the expiry. */
	ck_assert_int_eq(insert(mc, 0, &p2, MC_SRC_MAP_REPLY, 10, 6000, &l, 1),
	    0);
	ck_assert_int_eq(insert(mc, 0, &p2, MC_SRC_STATIC, 0, 6001, &l, 1), 0);
	ck_assert_uint_eq(mc_expire(mc, 7000, NULL, NULL), 0);
	ck_assert_uint_eq(mc_count(mc), 2);
	mc_free(mc);
}
END_TEST

START_TEST(many_refreshes_keep_the_expiry_queue_bounded)
{
	struct mc		*mc;
	struct lisp_addr	 p;
	struct mc_locator	 l = loc_n(1);
	uint64_t		 now;
	size_t			 before;

	ck_assert_ptr_nonnull(mc = mc_new());
	addr(&p, "10.1.0.0/16");
	for (now = 1; now < 20000; now++)
		ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_MAP_REPLY, 100000,
		    now, &l, 1), 0);
	before = mc_memory(mc);
	ck_assert_uint_eq(mc_expire(mc, now, NULL, NULL), 0);
	ck_assert_uint_le(mc_memory(mc), before);
	ck_assert_uint_eq(mc_expire(mc, now + 100000, NULL, NULL), 1);
	mc_free(mc);
}
END_TEST

START_TEST(rlocs_are_chosen_by_priority_then_weight)
{
	struct mc		*mc;
	struct lisp_addr	 p;
	struct mc_locator	 l[4] = { loc_n(1), loc_n(2), loc_n(3),
				    loc_n(4) };
	const struct mc_entry	*e;
	const struct mc_locator	*x;
	unsigned		 count[4] = { 0 }, h, i;

	ck_assert_ptr_nonnull(mc = mc_new());
	addr(&p, "10.0.0.0/8");
	l[0].priority = 2;		/* backup */
	l[1].weight = 70;
	l[2].weight = 30;
	l[3].priority = 255;		/* never for unicast */
	ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_MAP_REPLY, 0, 1, l, 4), 0);
	ck_assert_ptr_nonnull(e = mc_lookup4(mc, 0, 0x0a000001));
	for (h = 0; h < 100000; h++) {
		x = mc_entry_select(e, h * 2654435761u);
		ck_assert_ptr_nonnull(x);
		count[x - mc_entry_locators(e, &(size_t){ 0 })]++;
	}
	ck_assert_uint_eq(count[0], 0);
	ck_assert_uint_eq(count[3], 0);
	ck_assert_uint_ge(count[1], 68000);
	ck_assert_uint_le(count[1], 72000);
	/* Both priority-1 RLOCs down: the backup carries everything. */
	ck_assert_int_eq(mc_set_locator_up(mc, 0, &p, &l[1].rloc, 0), 0);
	ck_assert_int_eq(mc_set_locator_up(mc, 0, &p, &l[2].rloc, 0), 0);
	e = mc_lookup4(mc, 0, 0x0a000001);
	for (h = 0; h < 1000; h++)
		ck_assert_int_eq(lisp_addr_cmp(&mc_entry_select(e, h)->rloc,
		    &l[0].rloc), 0);
	/* And with it down, only priority 255 is left: nothing. */
	ck_assert_int_eq(mc_set_locator_up(mc, 0, &p, &l[0].rloc, 0), 0);
	e = mc_lookup4(mc, 0, 0x0a000001);
	ck_assert_ptr_null(mc_entry_select(e, 12345));
	ck_assert_int_eq(mc_set_locator_up(mc, 0, &p, &l[2].rloc, 1), 0);
	e = mc_lookup4(mc, 0, 0x0a000001);
	ck_assert_int_eq(lisp_addr_cmp(&mc_entry_select(e, 1)->rloc,
	    &l[2].rloc), 0);
	addr(&p, "10.0.0.0/9");
	ck_assert_int_eq(mc_set_locator_up(mc, 0, &p, &l[2].rloc, 1),
	    MC_E_NOENT);
	addr(&p, "10.0.0.0/8");
	ck_assert_int_eq(mc_set_locator_up(mc, 0, &p, &p, 1), MC_E_NOENT);
	/* All weights zero: an even split. */
	for (i = 0; i < 4; i++) {
		l[i].priority = 1;
		l[i].weight = 0;
	}
	ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_MAP_REPLY, 0, 1, l, 4), 0);
	e = mc_lookup4(mc, 0, 0x0a000001);
	memset(count, 0, sizeof(count));
	for (h = 0; h < 100000; h++)
		count[mc_entry_select(e, h * 2654435761u) -
		    mc_entry_locators(e, &(size_t){ 0 })]++;
	for (i = 0; i < 4; i++) {
		ck_assert_uint_ge(count[i], 24000);
		ck_assert_uint_le(count[i], 26000);
	}
	mc_free(mc);
}
END_TEST

START_TEST(a_flow_keeps_its_rloc_while_the_set_is_unchanged)
{
	struct mc		*mc;
	struct lisp_addr	 p;
	struct mc_locator	 l[3] = { loc_n(1), loc_n(2), loc_n(3) };
	const struct mc_entry	*e;
	struct lisp_addr	 first[512];
	unsigned		 h;
	int			 round;

	ck_assert_ptr_nonnull(mc = mc_new());
	addr(&p, "10.0.0.0/8");
	ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_MAP_REPLY, 0, 1, l, 3), 0);
	e = mc_lookup4(mc, 0, 0x0a000001);
	for (h = 0; h < 512; h++)
		first[h] = mc_entry_select(e, h * 40503u)->rloc;
	/* Refreshing the same mapping, or asking again, moves no flow. */
	for (round = 0; round < 5; round++) {
		ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_MAP_REPLY, 60,
		    (uint64_t)round + 2, l, 3), 0);
		e = mc_lookup4(mc, 0, 0x0a000001);
		for (h = 0; h < 512; h++)
			ck_assert_int_eq(lisp_addr_cmp(&mc_entry_select(e,
			    h * 40503u)->rloc, &first[h]), 0);
	}
	/* A locator down moves only what it carried when it is the last. */
	ck_assert_int_eq(mc_set_locator_up(mc, 0, &p, &l[2].rloc, 0), 0);
	e = mc_lookup4(mc, 0, 0x0a000001);
	for (h = 0; h < 512; h++)
		if (lisp_addr_cmp(&first[h], &l[0].rloc) == 0)
			ck_assert_int_eq(lisp_addr_cmp(&mc_entry_select(e,
			    h * 40503u)->rloc, &l[0].rloc), 0);
	mc_free(mc);
}
END_TEST

START_TEST(prefixes_with_the_same_locators_share_one_set)
{
	struct mc		*shared, *distinct;
	struct lisp_addr	 p, q;
	struct mc_locator	 site[2] = { loc_n(1), loc_n(2) };
	struct mc_locator	 other[2] = { loc_n(1), loc_n(2) };
	const struct mc_entry	*e;
	size_t			 n, i;
	uint64_t		 s = 5;

	/* The same 2000 prefixes, with one site's locators or each with
	 * its own: the difference is one set per prefix. */
	ck_assert_ptr_nonnull(shared = mc_new());
	ck_assert_ptr_nonnull(distinct = mc_new());
	for (i = 0; i < 2000; i++) {
		lisp_addr_v4(&q, 0x0b000000 | (uint32_t)(rnd(&s) & 0xffffff),
		    32);
		lisp_addr_v4(&other[1].rloc, 0xc6000000u + (uint32_t)i, 32);
		ck_assert_int_eq(insert(shared, 0, &q, MC_SRC_MAP_REPLY, 0, 1,
		    site, 2), 0);
		ck_assert_int_eq(insert(distinct, 0, &q, MC_SRC_MAP_REPLY, 0, 1,
		    other, 2), 0);
	}
	ck_assert_uint_ge(mc_memory(distinct) - mc_memory(shared),
	    1999 * (2 * sizeof(struct mc_locator) + 2));
	mc_free(distinct);
	/* A locator marked down in one prefix stays up in the others. */
	addr(&p, "10.0.0.0/8");
	ck_assert_int_eq(insert(shared, 0, &p, MC_SRC_STATIC, 0, 1, site, 2),
	    0);
	ck_assert_int_eq(mc_set_locator_up(shared, 0, &p, &site[0].rloc, 0),
	    0);
	e = mc_lookup4(shared, 0, 0x0a000001);
	ck_assert_uint_eq(mc_entry_locators(e, &n)[0].flags & MC_LOC_UP, 0);
	ck_assert_ptr_nonnull(e = mc_find(shared, 0, &q));
	ck_assert_uint_eq(mc_entry_locators(e, &n)[0].flags & MC_LOC_UP,
	    MC_LOC_UP);
	ck_assert_int_eq(lisp_addr_cmp(&mc_entry_select(e, 0)->rloc,
	    &site[0].rloc) == 0 || lisp_addr_cmp(&mc_entry_select(e, 0)->rloc,
	    &site[1].rloc) == 0, 1);
	/* Back up: the set is shared again; the last user takes it away. */
	ck_assert_int_eq(mc_set_locator_up(shared, 0, &p, &site[0].rloc, 1),
	    0);
	ck_assert_uint_eq(mc_clear(shared, ~0u), 2001);
	ck_assert_uint_eq(mc_reclaim(shared), 0);
	mc_free(shared);
}
END_TEST

START_TEST(negative_entries_carry_their_action_and_no_rloc)
{
	struct mc		*mc;
	struct mc_mapping	 m;
	const struct mc_entry	*e;
	struct mc_info		 info;

	ck_assert_ptr_nonnull(mc = mc_new());
	memset(&m, 0, sizeof(m));
	addr(&m.eid, "0.0.0.0/0");
	m.action = LISP_ACT_NATIVE;
	m.ttl = 15 * 60;
	ck_assert_int_eq(mc_insert(mc, &m, 100), 0);
	ck_assert_ptr_nonnull(e = mc_lookup4(mc, 0, 0x08080808));
	ck_assert_uint_eq(mc_entry_action(e), LISP_ACT_NATIVE);
	ck_assert_ptr_null(mc_entry_select(e, 7));
	mc_entry_info(e, &info);
	ck_assert_uint_eq(info.nloc, 0);
	ck_assert_uint_eq(info.expires, 100 + 900);
	m.action = 6;
	ck_assert_int_eq(mc_insert(mc, &m, 100), MC_E_INVAL);
	mc_free(mc);
}
END_TEST

static int
collect(const struct mc_entry *e, void *arg)
{
	char		*out = arg;
	struct mc_info	 i;
	char		 b[LISP_ADDR_STRLEN];

	mc_entry_info(e, &i);
	snprintf(out + strlen(out), 512 - strlen(out), "%u:%s ", i.iid,
	    lisp_addr_fmt(&i.eid, 1, b, sizeof(b)));
	return 0;
}

static int
stop_at_second(const struct mc_entry *e, void *arg)
{
	int	*n = arg;

	(void)e;
	return ++*n == 2 ? 42 : 0;
}

START_TEST(walks_come_in_instance_family_address_and_length_order)
{
	static const char	*in[] = { "10.1.0.0/16", "2001:db8::/32",
				    "10.0.0.0/8", "0.0.0.0/0", "10.1.0.0/24",
				    "10.0.0.0/16", "192.0.2.0/24",
				    "2001:db8::/48", "10.1.0.128/25" };
	struct mc		*mc;
	struct lisp_addr	 p;
	struct mc_locator	 l = loc_n(1);
	char			 out[512] = "";
	size_t			 i;
	int			 n = 0;

	ck_assert_ptr_nonnull(mc = mc_new());
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		addr(&p, in[i]);
		ck_assert_int_eq(insert(mc, i == 6 ? 3 : 0, &p, MC_SRC_STATIC,
		    0, 1, &l, 1), 0);
	}
	ck_assert_int_eq(mc_walk(mc, collect, out), 0);
	ck_assert_str_eq(out, "0:0.0.0.0/0 0:10.0.0.0/8 0:10.0.0.0/16 "
	    "0:10.1.0.0/16 0:10.1.0.0/24 0:10.1.0.128/25 0:2001:db8::/32 "
	    "0:2001:db8::/48 3:192.0.2.0/24 ");
	ck_assert_int_eq(mc_walk(mc, stop_at_second, &n), 42);
	mc_free(mc);
}
END_TEST

START_TEST(clear_removes_only_the_sources_asked_for)
{
	struct mc		*mc;
	struct lisp_addr	 p;
	struct mc_locator	 l = loc_n(1);
	uint64_t		 s = 99;
	unsigned		 i, dyn = 0;

	ck_assert_ptr_nonnull(mc = mc_new());
	for (i = 0; i < 3000; i++) {
		lisp_addr_v4(&p, (uint32_t)rnd(&s), (uint8_t)(8 + rnd(&s) % 25));
		if (mc_find(mc, 0, &p) != NULL)
			continue;
		ck_assert_int_eq(insert(mc, 0, &p, i % 3 == 0 ? MC_SRC_STATIC :
		    MC_SRC_MAP_REPLY, 0, 1, &l, 1), 0);
		dyn += i % 3 != 0;
	}
	i = (unsigned)mc_count(mc);
	ck_assert_uint_eq(mc_clear(mc, 1u << MC_SRC_MAP_REPLY), dyn);
	ck_assert_uint_eq(mc_count(mc), i - dyn);
	ck_assert_uint_eq(mc_clear(mc, 1u << MC_SRC_MAP_REPLY), 0);
	ck_assert_uint_eq(mc_clear(mc, ~0u), i - dyn);
	ck_assert_uint_eq(mc_count(mc), 0);
	ck_assert_ptr_null(mc_lookup4(mc, 0, 0x0a000001));
	mc_free(mc);
}
END_TEST

START_TEST(bad_mappings_are_refused_with_their_reason)
{
	struct mc		*mc;
	struct mc_mapping	 m;
	struct mc_locator	 l[MC_MAX_LOCATORS + 1];
	size_t			 i;

	ck_assert_ptr_nonnull(mc = mc_new());
	for (i = 0; i < MC_MAX_LOCATORS + 1; i++)
		l[i] = loc_n((unsigned)i);
	memset(&m, 0, sizeof(m));
	m.loc = l;
	m.nloc = 1;
	addr(&m.eid, "10.0.0.0/8");
	m.eid.plen = 33;
	ck_assert_int_eq(mc_insert(mc, &m, 1), MC_E_PLEN);
	m.eid.plen = 8;
	m.eid.afi = 5;
	ck_assert_int_eq(mc_insert(mc, &m, 1), MC_E_AFI);
	m.eid.afi = LISP_AFI_IPV4;
	m.nloc = MC_MAX_LOCATORS + 1;
	ck_assert_int_eq(mc_insert(mc, &m, 1), MC_E_LOCATORS);
	m.nloc = 1;
	m.iid = 1u << 24;
	ck_assert_int_eq(mc_insert(mc, &m, 1), MC_E_INVAL);
	m.iid = 0;
	l[0].rloc.afi = 0;
	ck_assert_int_eq(mc_insert(mc, &m, 1), MC_E_AFI);
	l[0] = loc_n(0);
	ck_assert_int_eq(mc_delete(mc, 0, &m.eid), MC_E_NOENT);
	ck_assert_int_eq(mc_insert(mc, &m, 1), 0);
	m.eid.a[3] = 9;		/* host bits are ignored */
	ck_assert_int_eq(mc_delete(mc, 0, &m.eid), 0);
	ck_assert_uint_eq(mc_count(mc), 0);
	ck_assert_str_ne(mc_strerror(MC_E_NOENT), mc_strerror(MC_E_AFI));
	mc_free(NULL);
	mc_free(mc);
}
END_TEST

START_TEST(retired_entries_wait_for_readers_to_pass_a_quiescent_point)
{
	struct mc		*mc;
	struct mc_reader	*r;
	struct lisp_addr	 p;
	struct mc_locator	 l = loc_n(1);
	const struct mc_entry	*e;
	struct mc_info		 info;

	ck_assert_ptr_nonnull(mc = mc_new());
	ck_assert_ptr_nonnull(r = mc_reader_new(mc));
	addr(&p, "10.0.0.0/8");
	ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_STATIC, 0, 1, &l, 1), 0);
	mc_reader_quiescent(r);
	ck_assert_ptr_nonnull(e = mc_lookup4(mc, 0, 0x0a000001));
	ck_assert_int_eq(mc_delete(mc, 0, &p), 0);
	/* The reader still holds e: it must still be readable (ASan). */
	ck_assert_uint_gt(mc_reclaim(mc), 0);
	mc_entry_info(e, &info);
	ck_assert_uint_eq(info.eid.plen, 8);
	mc_reader_quiescent(r);
	ck_assert_uint_eq(mc_reclaim(mc), 0);
	/* An offline reader holds nothing back. */
	ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_STATIC, 0, 1, &l, 1), 0);
	mc_reader_offline(r);
	ck_assert_int_eq(mc_delete(mc, 0, &p), 0);
	ck_assert_uint_eq(mc_reclaim(mc), 0);
	mc_reader_online(r);
	ck_assert_ptr_null(mc_lookup4(mc, 0, 0x0a000001));
	mc_reader_free(mc, r);
	mc_free(mc);
}
END_TEST

START_TEST(packet_counters_add_up_and_survive_a_refresh_but_not_a_delete)
{
	struct mc		*mc;
	struct mc_reader	*r;
	struct lisp_addr	 p1, p2, rl;
	struct mc_locator	 l[2] = { loc_n(1), loc_n(2) };
	const struct mc_entry	*e1, *e2, *old;
	struct mc_tally		 t = { .now = 7 };
	struct mc_info		 in;

	ck_assert_ptr_nonnull(mc = mc_new());
	ck_assert_ptr_nonnull(r = mc_reader_new(mc));
	addr(&p1, "10.1.0.0/16");
	addr(&p2, "10.2.0.0/16");
	ck_assert_int_eq(insert(mc, 0, &p1, MC_SRC_MAP_REPLY, 600, 1, l, 1),
	    0);
	ck_assert_int_eq(insert(mc, 0, &p2, MC_SRC_STATIC, 0, 1, l, 1), 0);
	mc_reader_quiescent(r);
	ck_assert_ptr_nonnull(e1 = mc_lookup4(mc, 0, 0x0a010001));
	ck_assert_ptr_nonnull(e2 = mc_lookup4(mc, 0, 0x0a020001));
	mc_entry_info(e1, &in);
	ck_assert_uint_eq(in.pkts, 0);
	ck_assert_uint_eq(in.bytes, 0);
	ck_assert_uint_eq(in.last_out, 0);

	/* A direct add, then a tally over runs of both entries: one sum
	 * per run, nothing lost at the switches or the flush. */
	mc_entry_count(e1, 3, 300, 5);
	mc_tally_add(&t, e1, 1, 100);
	mc_tally_add(&t, e1, 44, 64000);	/* a cut super-packet */
	mc_tally_add(&t, e2, 1, 60);
	mc_tally_add(&t, e1, 2, 200);
	mc_tally_flush(&t);
	mc_tally_flush(&t);			/* twice: no double count */
	mc_entry_info(e1, &in);
	ck_assert_uint_eq(in.pkts, 50);
	ck_assert_uint_eq(in.bytes, 64600);
	ck_assert_uint_eq(in.last_out, 7);
	mc_entry_info(e2, &in);
	ck_assert_uint_eq(in.pkts, 1);
	ck_assert_uint_eq(in.bytes, 60);

	/* A refresh (new locators, a new entry) keeps the counts, like
	 * the uptime; what a reader still adds to the entry it looked up
	 * before the refresh lands in the same counters. */
	old = e1;
	ck_assert_int_eq(insert(mc, 0, &p1, MC_SRC_MAP_REPLY, 600, 20, l, 2),
	    0);
	mc_entry_count(old, 1, 1000, 21);
	mc_reader_quiescent(r);
	ck_assert_ptr_nonnull(e1 = mc_lookup4(mc, 0, 0x0a010001));
	mc_entry_info(e1, &in);
	ck_assert_uint_eq(in.created, 1);
	ck_assert_uint_eq(in.nloc, 2);
	ck_assert_uint_eq(in.pkts, 51);
	ck_assert_uint_eq(in.bytes, 65600);
	ck_assert_uint_eq(in.last_out, 21);
	/* So does a locator going down (RLOC probing). */
	rl = l[1].rloc;
	ck_assert_int_eq(mc_set_locator_up(mc, 0, &p1, &rl, 0), 0);
	mc_reader_quiescent(r);
	ck_assert_ptr_nonnull(e1 = mc_lookup4(mc, 0, 0x0a010001));
	mc_entry_info(e1, &in);
	ck_assert_uint_eq(in.pkts, 51);

	/* A deleted prefix takes its counts along: learnt again, it
	 * starts from 0.  The reader may still add to the old entry until
	 * its quiescent point (ASan: no freed memory touched). */
	ck_assert_int_eq(mc_delete(mc, 0, &p1), 0);
	mc_entry_count(e1, 1, 1, 30);
	ck_assert_int_eq(insert(mc, 0, &p1, MC_SRC_MAP_REPLY, 600, 31, l, 1),
	    0);
	mc_reader_quiescent(r);
	ck_assert_ptr_nonnull(e1 = mc_lookup4(mc, 0, 0x0a010001));
	mc_entry_info(e1, &in);
	ck_assert_uint_eq(in.pkts, 0);
	ck_assert_uint_eq(in.bytes, 0);
	/* clear: the same. */
	mc_entry_count(e1, 2, 2, 32);
	ck_assert_uint_eq(mc_clear(mc, 1u << MC_SRC_MAP_REPLY), 1);
	ck_assert_int_eq(insert(mc, 0, &p1, MC_SRC_MAP_REPLY, 600, 33, l, 1),
	    0);
	mc_reader_quiescent(r);
	ck_assert_ptr_nonnull(e1 = mc_lookup4(mc, 0, 0x0a010001));
	mc_entry_info(e1, &in);
	ck_assert_uint_eq(in.pkts, 0);
	mc_reader_free(mc, r);
	ck_assert_uint_eq(mc_reclaim(mc), 0);
	mc_free(mc);
}
END_TEST

START_TEST(no_more_than_the_reader_limit_can_register)
{
	struct mc		*mc;
	struct mc_reader	*r[MC_MAX_READERS];
	size_t			 i;

	ck_assert_ptr_nonnull(mc = mc_new());
	for (i = 0; i < MC_MAX_READERS; i++)
		ck_assert_ptr_nonnull(r[i] = mc_reader_new(mc));
	ck_assert_ptr_null(mc_reader_new(mc));
	mc_reader_free(mc, r[5]);
	ck_assert_ptr_nonnull(r[5] = mc_reader_new(mc));
	for (i = 0; i < MC_MAX_READERS; i++)
		mc_reader_free(mc, r[i]);
	mc_free(mc);
}
END_TEST

struct churn {
	struct mc		*mc;
	struct mc_reader	*r;
	atomic_int		 stop;
	unsigned long		 lookups;
	unsigned long		 bad;
};

static void *
reader_main(void *arg)
{
	struct churn		*c = arg;
	const struct mc_entry	*e;
	const struct mc_locator	*l;
	struct mc_info		 info;
	struct lisp_addr	 a;
	uint64_t		 s = 0xabc;
	uint32_t		 x;
	int			 i;

	while (!atomic_load(&c->stop)) {
		for (i = 0; i < 256; i++) {
			x = 0x0a000000 | (uint32_t)(rnd(&s) & 0xffffff);
			if ((e = mc_lookup4(c->mc, 0, x)) == NULL)
				continue;
			/* Touch everything the entry holds. */
			mc_entry_info(e, &info);
			lisp_addr_v4(&a, x, 32);
			if (!lisp_addr_contains(&info.eid, &a))
				c->bad++;
			if ((l = mc_entry_select(e, (uint32_t)x)) != NULL &&
			    l->rloc.afi != LISP_AFI_IPV4)
				c->bad++;
			/* As the data path does: into the prefix's counters,
			 * which the writer may be retiring. */
			mc_entry_count(e, 1, 100, 1);
			c->lookups++;
		}
		if (rnd(&s) % 64 == 0) {
			mc_reader_offline(c->r);
			mc_reader_online(c->r);
		} else
			mc_reader_quiescent(c->r);
	}
	mc_reader_offline(c->r);
	return NULL;
}

START_TEST(lookups_stay_right_while_the_writer_churns)
{
	static struct churn	 c;
	struct lisp_addr	 p[512];
	struct mc_locator	 l[2] = { loc_n(1), loc_n(2) };
	pthread_t		 t;
	uint64_t		 s = 0x77;
	size_t			 i, k;

	ck_assert_ptr_nonnull(c.mc = mc_new());
	ck_assert_ptr_nonnull(c.r = mc_reader_new(c.mc));
	for (i = 0; i < 512; i++)
		lisp_addr_v4(&p[i], 0x0a000000 | (uint32_t)(rnd(&s) &
		    0xffffff), (uint8_t)(8 + rnd(&s) % 25));
	atomic_store(&c.stop, 0);
	ck_assert_int_eq(pthread_create(&t, NULL, reader_main, &c), 0);
	for (i = 0; i < 60000; i++) {
		k = rnd(&s) % 512;
		if (rnd(&s) % 3 == 0)
			(void)mc_delete(c.mc, 0, &p[k]);
		else
			ck_assert_int_eq(insert(c.mc, 0, &p[k],
			    MC_SRC_MAP_REPLY, 0, i, l, 1 + i % 2), 0);
		if (i % 1000 == 0)
			mc_reclaim(c.mc);
	}
	atomic_store(&c.stop, 1);
	pthread_join(t, NULL);
	ck_assert_uint_eq(c.bad, 0);
	ck_assert_uint_gt(c.lookups, 0);
	mc_reader_free(c.mc, c.r);
	ck_assert_uint_eq(mc_reclaim(c.mc), 0);
	mc_free(c.mc);
}
END_TEST

START_TEST(a_hundred_thousand_prefixes_fit_in_reasonable_memory)
{
	struct mc		*mc;
	struct lisp_addr	 p;
	struct mc_locator	 l = loc_n(1);
	uint64_t		 s = 0x4242;
	size_t			 n = 0, per;

	ck_assert_ptr_nonnull(mc = mc_new());
	while (n < 100000) {
		lisp_addr_v4(&p, (uint32_t)rnd(&s), (uint8_t)(16 +
		    rnd(&s) % 17));
		if (mc_find(mc, 0, &p) != NULL)
			continue;
		ck_assert_int_eq(insert(mc, 0, &p, MC_SRC_MAP_REPLY, 0, 1, &l,
		    1), 0);
		n++;
	}
	per = mc_memory(mc) / n;
	/* Entry ~96 B, two nodes ~64 B, ranges and tables ~20 B. */
	ck_assert_msg(per < 256, "%zu bytes per prefix", per);
	mc_free(mc);
}
END_TEST

static Suite *
mapcache_suite(void)
{
	Suite	*s = suite_create("mapcache");
	TCase	*tc = tcase_create("mapcache");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, random_ipv4_prefixes_match_a_brute_force_reference);
	tcase_add_test(tc,
	    a_slash16_full_of_host_eids_is_learnt_in_batches_and_stays_right);
	tcase_add_test(tc, instance_ids_are_separate_tables);
	tcase_add_test(tc, random_ipv6_prefixes_match_a_brute_force_reference);
	tcase_add_test(tc,
	    entries_expire_at_their_ttl_and_refresh_pushes_it_back);
	tcase_add_test(tc, many_refreshes_keep_the_expiry_queue_bounded);
	tcase_add_test(tc, rlocs_are_chosen_by_priority_then_weight);
	tcase_add_test(tc, a_flow_keeps_its_rloc_while_the_set_is_unchanged);
	tcase_add_test(tc, prefixes_with_the_same_locators_share_one_set);
	tcase_add_test(tc, negative_entries_carry_their_action_and_no_rloc);
	tcase_add_test(tc,
	    walks_come_in_instance_family_address_and_length_order);
	tcase_add_test(tc, clear_removes_only_the_sources_asked_for);
	tcase_add_test(tc, bad_mappings_are_refused_with_their_reason);
	tcase_add_test(tc,
	    retired_entries_wait_for_readers_to_pass_a_quiescent_point);
	tcase_add_test(tc, no_more_than_the_reader_limit_can_register);
	tcase_add_test(tc,
	    packet_counters_add_up_and_survive_a_refresh_but_not_a_delete);
	tcase_add_test(tc, lookups_stay_right_while_the_writer_churns);
	tcase_add_test(tc, a_hundred_thousand_prefixes_fit_in_reasonable_memory);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(mapcache_suite());
}
