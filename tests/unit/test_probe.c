/*
 * RLOC probing's locator table (lispd/probe.c) over a map-cache of many
 * entries with as many distinct locators: a round looks each entry's
 * locators up in an index, so that its cost is the map-cache's size and
 * not that times the number of locators (a round every 10 s, on the
 * control plane's thread: 20,000 sites once cost 200 million compares).
 * ctl.c's probe sender and lispd's clock are stand-ins here; libevent
 * runs the round's timer.
 */
#include <check.h>
#include <event2/event.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/lispd.h"
#include "tests/unit/unit.h"

#define N	20000

/* Stand-ins for lispd.c and ctl.c. */
static uint64_t	now_s = 1000;
static size_t	nprobes;
static uint64_t	last_nonce;

uint64_t
lispd_now(void)
{
	return now_s;
}

uint64_t
lispd_now_us(void)
{
	return now_s * 1000000;
}

int
ctl_probe(struct lispd *l, uint32_t iid, const struct lisp_addr *eid,
    const struct lisp_addr *rloc, uint64_t *nonce)
{
	(void)l;
	(void)iid;
	(void)eid;
	(void)rloc;
	nprobes++;
	*nonce = last_nonce = 0x5eed0000 + nprobes;
	return 0;
}

/* Compares of locators, counted (-Wl,--wrap=lisp_addr_cmp). */
int	__real_lisp_addr_cmp(const struct lisp_addr *, const struct lisp_addr *);
int	__wrap_lisp_addr_cmp(const struct lisp_addr *, const struct lisp_addr *);
static size_t	ncmp;

int
__wrap_lisp_addr_cmp(const struct lisp_addr *x, const struct lisp_addr *y)
{
	ncmp++;
	return __real_lisp_addr_cmp(x, y);
}

/* Map-cache walks, counted (-Wl,--wrap=mc_walk). */
int	__real_mc_walk(struct mc *, mc_walk_fn, void *);
int	__wrap_mc_walk(struct mc *, mc_walk_fn, void *);
static size_t	nwalk;

int
__wrap_mc_walk(struct mc *mc, mc_walk_fn fn, void *arg)
{
	nwalk++;
	return __real_mc_walk(mc, fn, arg);
}

static struct lispd		 l;
static struct lispd_config	 conf;

/* Entry i: 10.x.y.z/32 behind its own locator 198.18.x.y. */
static void
insert(uint32_t i)
{
	struct mc_locator	 loc;
	struct mc_mapping	 m;

	memset(&loc, 0, sizeof(loc));
	lisp_addr_v4(&loc.rloc, 0xc6120000u + i, 32);
	loc.priority = 1;
	loc.weight = 100;
	loc.flags = MC_LOC_UP;
	memset(&m, 0, sizeof(m));
	lisp_addr_v4(&m.eid, 0x0a000000u + i, 32);
	m.source = MC_SRC_MAP_REPLY;
	m.nloc = 1;
	m.loc = &loc;
	ck_assert_int_eq(mc_insert(l.mc, &m, now_s), 0);
}

/* One pass of the probe timer (it fires after a second). */
static void
tick(void)
{
	ck_assert_int_eq(event_base_loop(l.base, EVLOOP_ONCE), 0);
}

static void
setup(void)
{
	memset(&l, 0, sizeof(l));
	memset(&conf, 0, sizeof(conf));
	conf.rloc_probe = 1;
	l.conf = &conf;
	ck_assert_ptr_nonnull(l.base = event_base_new());
	ck_assert_ptr_nonnull(l.mc = mc_new());
	ck_assert_int_eq(probe_start(&l), 0);
}

static void
teardown(void)
{
	probe_stop(&l);
	mc_free(l.mc);
	event_base_free(l.base);
}

START_TEST(a_round_over_many_locators_costs_the_map_cache_size)
{
	struct probe_state	 st;
	struct lisp_addr	 a;
	uint32_t		 i;

	for (i = 0; i < N; i++)
		insert(i);
	probe_reconfigure(&l);
	ncmp = nprobes = 0;
	tick();
	ck_assert_uint_eq(nprobes, N);
	ck_assert_uint_le(ncmp, 8 * N);
	/* Every locator is found again. */
	for (i = 0; i < N; i += 997) {
		lisp_addr_v4(&a, 0xc6120000u + i, 32);
		ck_assert_int_eq(probe_info(&l, &a, &st), 0);
	}
	lisp_addr_v4(&a, 0xc6130000u, 32);
	ck_assert_int_eq(probe_info(&l, &a, &st), -1);
}
END_TEST

/* Locators no entry uses leave the table; the others are still found,
 * and an answer is matched to its probe. */
START_TEST(locators_that_leave_are_forgotten_and_the_rest_still_found)
{
	struct probe_state	 st;
	struct lisp_addr	 a;
	uint32_t		 i;

	for (i = 0; i < 300; i++)
		insert(i);
	probe_reconfigure(&l);
	tick();
	ck_assert_uint_eq(nprobes, 300);
	for (i = 1; i <= 300; i++)		/* every locator answers */
		ck_assert_int_eq(probe_reply(&l, 0x5eed0000 + i), 0);
	for (i = 0; i < 300; i += 2) {
		lisp_addr_v4(&a, 0x0a000000u + i, 32);
		ck_assert_int_eq(mc_delete(l.mc, 0, &a), 0);
	}
	now_s += 10;		/* the next round */
	nprobes = 0;
	tick();
	ck_assert_uint_eq(nprobes, 150);
	for (i = 0; i < 300; i++) {
		lisp_addr_v4(&a, 0xc6120000u + i, 32);
		ck_assert_int_eq(probe_info(&l, &a, &st), i % 2 ? 0 : -1);
	}
	ck_assert_int_eq(probe_reply(&l, last_nonce), 0);
	ck_assert_int_eq(probe_reply(&l, last_nonce), -1);
}
END_TEST

struct upcount {
	size_t	 up, down;
};

static int
count_up(const struct mc_entry *e, void *arg)
{
	struct upcount		*u = arg;
	const struct mc_locator	*loc;
	size_t			 n, i;

	loc = mc_entry_locators(e, &n);
	for (i = 0; i < n; i++) {
		if (loc[i].flags & MC_LOC_UP)
			u->up++;
		else
			u->down++;
	}
	return 0;
}

static struct upcount
states(void)
{
	struct upcount	 u = { 0, 0 };

	__real_mc_walk(l.mc, count_up, &u);
	return u;
}

/*
 * 300 locators stop answering at once: they go down together, in one
 * map-cache walk (not one each); with probing turned off they are all
 * up again.
 */
START_TEST(locators_that_fail_together_go_down_in_one_walk)
{
	struct upcount	 u;
	uint32_t	 i;
	int		 k;

	for (i = 0; i < 300; i++)
		insert(i);
	probe_reconfigure(&l);
	tick();
	for (k = 0; k < 2; k++) {		/* two probes more unanswered */
		now_s += 2;
		tick();
	}
	ck_assert_uint_eq(states().down, 0);
	now_s += 2;
	nwalk = 0;
	tick();				/* the third miss */
	u = states();
	ck_assert_uint_eq(u.down, 300);
	ck_assert_uint_le(nwalk, 2);
	conf.rloc_probe = 0;
	tick();
	u = states();
	ck_assert_uint_eq(u.up, 300);
	ck_assert_uint_eq(u.down, 0);
}
END_TEST

static Suite *
probe_suite(void)
{
	Suite	*s = suite_create("probe");
	TCase	*t = tcase_create("table");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 60);
	tcase_add_test(t, a_round_over_many_locators_costs_the_map_cache_size);
	tcase_add_test(t,
	    locators_that_leave_are_forgotten_and_the_rest_still_found);
	tcase_add_test(t, locators_that_fail_together_go_down_in_one_walk);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return unit_run(probe_suite());
}
