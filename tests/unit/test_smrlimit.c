/*
 * SMR rate limits (lispd/smrlimit.c): one SMR per ITR and EID per gap,
 * however many ITRs send at once, and a budget a second in all.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "lispd/smrlimit.h"
#include "tests/unit/unit.h"

#define GAP	1000000
#define T0	5000000

/* ITR i (of n) sending to EID e. */
static uint32_t
itr_of(unsigned i)
{
	return 0xc6336400u + i;
}

START_TEST(one_smr_per_itr_and_eid_per_gap)
{
	static struct smr_limit	 s;

	smrl_init(&s, GAP, 1000);
	ck_assert_int_eq(smrl_allow(&s, itr_of(1), 7, T0), 1);
	ck_assert_int_eq(smrl_allow(&s, itr_of(1), 7, T0 + 10), 0);
	ck_assert_int_eq(smrl_allow(&s, itr_of(1), 8, T0 + 10), 1);
	ck_assert_int_eq(smrl_allow(&s, itr_of(2), 7, T0 + 10), 1);
	ck_assert_int_eq(smrl_allow(&s, itr_of(1), 7, T0 + GAP - 1), 0);
	ck_assert_int_eq(smrl_allow(&s, itr_of(1), 7, T0 + GAP), 1);
}
END_TEST

/*
 * Packets from 100 ITRs to 3 moved hosts, interleaved, 20 rounds within
 * the gap: each pair is solicited once (the 32-entry ring that was here
 * before forgot every pair before its turn came again and sent an SMR
 * for every packet: 6,000).
 */
START_TEST(many_itrs_at_once_get_one_smr_each)
{
	static struct smr_limit	 s;
	unsigned		 r, i, e, sent = 0;
	uint64_t		 t = T0;

	smrl_init(&s, GAP, 1000);
	for (r = 0; r < 20; r++)
		for (i = 0; i < 100; i++)
			for (e = 0; e < 3; e++)
				sent += (unsigned)smrl_allow(&s, itr_of(i),
				    0x0a010100u + e, t += 100);
	/* Pairs pushed out of a full set may be solicited again: a few. */
	ck_assert_uint_ge(sent, 300);
	ck_assert_uint_le(sent, 306);
}
END_TEST

/* Forged outer sources, each new: the budget caps the SMRs a second. */
START_TEST(the_budget_caps_smrs_a_second_in_all)
{
	static struct smr_limit	 s;
	unsigned		 i, sent = 0;

	smrl_init(&s, GAP, 200);
	for (i = 0; i < 50000; i++)
		sent += (unsigned)smrl_allow(&s, 0x01000000u + i, 9,
		    T0 + i * 10);	/* 50,000 in half a second */
	ck_assert_uint_eq(sent, 200);
	ck_assert_uint_eq(s.suppressed, 50000 - 200);
	/* The next second has a budget again. */
	ck_assert_int_eq(smrl_allow(&s, 0x02000000u, 9, T0 + 1000000), 1);
}
END_TEST

static Suite *
smrlimit_suite(void)
{
	Suite	*s = suite_create("smrlimit");
	TCase	*t = tcase_create("limits");

	tcase_add_test(t, one_smr_per_itr_and_eid_per_gap);
	tcase_add_test(t, many_itrs_at_once_get_one_smr_each);
	tcase_add_test(t, the_budget_caps_smrs_a_second_in_all);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return unit_run(smrlimit_suite());
}
