/*
 * The map-cache when memory runs out: allocations fail at random points
 * inside writer calls, and the map-cache must either do the whole change
 * or refuse it with MC_E_NOMEM, and its lookups must keep matching a
 * brute-force reference throughout (a /16 whose range array could not be
 * built is answered from the trie).
 *
 * The failures come from this program's own malloc, calloc and realloc,
 * which interpose on libc's (ELF symbol interposition) and call glibc's
 * __libc_* entry points.  That cannot coexist with ASan's allocator, so
 * this test is built only without --enable-sanitizers.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/mapcache.h"
#include "tests/unit/unit.h"

void	*__libc_malloc(size_t);
void	*__libc_calloc(size_t, size_t);
void	*__libc_realloc(void *, size_t);

static int	 armed;		/* failures only inside writer calls */
static long	 countdown;	/* allocations before the next failure */
static long	 failures;

static int
fail_now(void)
{
	if (!armed || countdown-- > 0)
		return 0;
	failures++;
	return 1;
}

void *
malloc(size_t n)
{
	return fail_now() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
	return fail_now() ? NULL : __libc_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __libc_realloc(p, n);
}

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

struct ref {
	struct lisp_addr	 p;
	int			 live;
	unsigned		 tag;
	uint64_t		 expires;
};

static struct mc_locator
loc_n(unsigned n)
{
	struct mc_locator	 l;

	memset(&l, 0, sizeof(l));
	lisp_addr_v4(&l.rloc, 0xc0000000u | (n & 0xffff), 32);
	l.priority = 1;
	l.weight = 100;
	l.flags = MC_LOC_UP;
	return l;
}

static const struct ref *
ref_lookup(const struct ref *r, size_t n, const struct lisp_addr *a)
{
	const struct ref	*best = NULL;
	size_t			 i;

	for (i = 0; i < n; i++)
		if (r[i].live && lisp_addr_contains(&r[i].p, a) &&
		    (best == NULL || r[i].p.plen > best->p.plen))
			best = &r[i];
	return best;
}

static void
check(const struct mc *mc, const struct ref *r, size_t n, uint64_t *s)
{
	const struct mc_entry	*e, *b[16];
	const struct mc_locator	*l;
	const struct ref	*want;
	struct lisp_addr	 a;
	uint32_t		 x[16];
	size_t			 nl;
	int			 i;

	for (i = 0; i < 4000; i++) {
		x[i % 16] = rnd(s) % 2 ? (uint32_t)rnd(s) :
		    ((uint32_t)r[rnd(s) % n].p.a[0] << 24 |
		    (uint32_t)r[rnd(s) % n].p.a[1] << 16 |
		    (uint32_t)(rnd(s) & 0xffff));
		lisp_addr_v4(&a, x[i % 16], 32);
		want = ref_lookup(r, n, &a);
		e = mc_lookup(mc, 0, &a);
		b[i % 16] = e;
		if (want == NULL) {
			ck_assert_ptr_null(e);
		} else {
			ck_assert_ptr_nonnull(e);
			l = mc_entry_locators(e, &nl);
			ck_assert_uint_eq(nl, 1);
			ck_assert_uint_eq(l[0].rloc.a[2] << 8 | l[0].rloc.a[3],
			    want->tag & 0xffff);
		}
		if (i % 16 == 15) {
			const struct mc_entry	*got[16];

			mc_lookup4_batch(mc, 0, x, 16, got);
			ck_assert_mem_eq(got, b, sizeof(got));
		}
	}
}

static void
rand_prefix(struct lisp_addr *p, uint64_t *s)
{
	uint32_t	 a = (uint32_t)rnd(s);

	if (rnd(s) % 2)
		a = 0x0a000000 | (a & 0x00ffffff);
	lisp_addr_v4(p, a, (uint8_t)(rnd(s) % 3 == 0 ? rnd(s) % 17 :
	    8 + rnd(s) % 25));
}

START_TEST(every_change_is_whole_or_refused_when_memory_runs_out)
{
	enum { N = 1200, OPS = 30000 };
	static struct ref	 r[N];
	struct mc		*mc;
	struct mc_mapping	 m;
	struct mc_locator	 l;
	uint64_t		 s = 0xdecaf, now = 1;
	size_t			 i, k, gone, want;
	int			 op, rc;

	ck_assert_ptr_nonnull(mc = mc_new());
	for (i = 0; i < N; i++) {
		rand_prefix(&r[i].p, &s);
		for (k = 0; k < i; k++)
			if (lisp_addr_cmp(&r[k].p, &r[i].p) == 0)
				r[i].p.plen = 33;	/* a duplicate: unused */
	}
	memset(&m, 0, sizeof(m));
	m.loc = &l;
	m.nloc = 1;
	for (i = 0; i < OPS; i++) {
		k = rnd(&s) % N;
		if (r[k].p.plen == 33)
			continue;
		op = (int)(rnd(&s) % 3);
		armed = rnd(&s) % 2;
		countdown = (long)(rnd(&s) % 6);
		if (op < 2) {
			l = loc_n(r[k].tag + 1);
			m.eid = r[k].p;
			m.ttl = rnd(&s) % 4 == 0 ? 1 + rnd(&s) % 50 : 0;
			rc = mc_insert(mc, &m, now);
			armed = 0;
			ck_assert(rc == 0 || rc == MC_E_NOMEM);
			if (rc == 0) {
				r[k].live = 1;
				r[k].tag++;
				r[k].expires = m.ttl != 0 ? now + m.ttl : 0;
			}
		} else {
			rc = mc_delete(mc, 0, &r[k].p);
			armed = 0;
			ck_assert_int_eq(rc, r[k].live ? 0 : MC_E_NOENT);
			r[k].live = 0;
		}
		if (i % 100 == 0) {
			now += 3;
			for (k = want = 0; k < N; k++)
				if (r[k].live && r[k].expires != 0 &&
				    r[k].expires <= now) {
					r[k].live = 0;
					want++;
				}
			gone = mc_expire(mc, now, NULL, NULL);
			ck_assert_uint_eq(gone, want);
		}
		if (i % 1000 == 0)
			check(mc, r, N, &s);
	}
	check(mc, r, N, &s);
	ck_assert_int_gt(failures, 1000);
	for (k = want = 0; k < N; k++)
		want += r[k].live;
	ck_assert_uint_eq(mc_count(mc), want);
	mc_free(mc);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("mapcache-oom");
	TCase	*tc = tcase_create("oom");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_change_is_whole_or_refused_when_memory_runs_out);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
