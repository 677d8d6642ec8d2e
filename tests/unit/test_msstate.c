/*
 * The map-server's saved registrations (lispd/msstate.c): what lispd
 * writes it reads back, and a file it did not write (another build, a
 * torn or corrupt one) gives no entry that could index past a table.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/msstate.h"
#include "tests/unit/unit.h"

static struct ms_reg
good(uint8_t host)
{
	struct ms_reg	 r;

	memset(&r, 0, sizeof(r));
	r.used = 1;
	r.site = 3;
	snprintf(r.site_name, sizeof(r.site_name), "Cloud");
	r.iid = 7;
	lisp_addr_v4(&r.eid, 0x0a030300u | host, 32);
	lisp_addr_v4(&r.etr, 0xc6336403u, 32);
	r.first = 100;
	r.last = 150;
	r.ttl = 1440;
	r.proxy = 1;
	r.nloc = 2;
	lisp_addr_v4(&r.loc[0].addr, 0xc6336403u, 32);
	r.loc[0].priority = 1;
	r.loc[0].weight = 100;
	lisp_addr_v4(&r.loc[1].addr, 0xcb00710au, 32);
	return r;
}

static size_t
file_of(const struct ms_reg *reg, size_t n, uint8_t **buf)
{
	*buf = malloc(ms_state_size(n));
	ck_assert_ptr_nonnull(*buf);
	return ms_state_encode(reg, n, *buf);
}

START_TEST(what_is_saved_is_read_back_used_and_unbound)
{
	struct ms_reg	 reg[3] = { good(1), good(2), good(3) }, out[4];
	uint8_t		*buf;
	size_t		 len;

	reg[1].used = 0;
	len = file_of(reg, 3, &buf);
	ck_assert_uint_eq(len, ms_state_size(2));
	ck_assert_uint_eq(ms_state_decode(buf, len, 1000, out, 4), 2);
	ck_assert_int_eq(lisp_addr_cmp(&out[0].eid, &reg[0].eid), 0);
	ck_assert_int_eq(lisp_addr_cmp(&out[1].eid, &reg[2].eid), 0);
	ck_assert_str_eq(out[1].site_name, "Cloud");
	ck_assert_uint_eq(out[0].site, SIZE_MAX);
	ck_assert_uint_eq(out[0].last, 1000);
	ck_assert_uint_eq(out[0].first, 100);
	ck_assert_uint_eq(out[0].nloc, 2);
	free(buf);
}
END_TEST

START_TEST(a_start_time_from_a_previous_boot_is_not_in_the_future)
{
	struct ms_reg	 reg = good(1), out;
	uint8_t		*buf;
	size_t		 len;

	reg.first = 5000000;
	len = file_of(&reg, 1, &buf);
	ck_assert_uint_eq(ms_state_decode(buf, len, 60, &out, 1), 1);
	ck_assert_uint_eq(out.first, 60);
	free(buf);
}
END_TEST

/* Each entry with one field out of range: none is read back. */
START_TEST(entries_out_of_range_are_skipped)
{
	struct ms_reg	 bad[9], out[10];
	uint8_t		*buf;
	size_t		 len, i;

	for (i = 0; i < 9; i++)
		bad[i] = good((uint8_t)i);
	bad[0].nloc = LC_MAX_LOC + 1;		/* past loc[] */
	bad[1].nloc = 255;
	bad[2].eid.plen = 255;			/* past a[] */
	bad[3].eid.afi = 0x4141;		/* no such family */
	bad[4].etr.plen = 24;			/* not an address */
	memset(bad[5].site_name, 'x', sizeof(bad[5].site_name));
	bad[6].site_name[0] = '\0';
	bad[7].iid = 0x1000000;
	bad[8].loc[1].addr.plen = 200;
	len = file_of(bad, 9, &buf);
	ck_assert_uint_eq(ms_state_decode(buf, len, 1, out, 10), 0);
	/* Host bits set: it would never match its ETR's refresh. */
	bad[0] = good(1);
	lisp_addr_v4(&bad[0].eid, 0x0a030300u, 24);
	bad[0].eid.a[3] = 1;
	free(buf);
	len = file_of(bad, 1, &buf);
	ck_assert_uint_eq(ms_state_decode(buf, len, 1, out, 10), 0);
	free(buf);
}
END_TEST

START_TEST(a_file_of_another_build_or_torn_gives_nothing_or_whole_entries)
{
	struct ms_reg	 reg[2] = { good(1), good(2) }, out[2];
	uint8_t		*buf;
	size_t		 len;
	uint32_t	 v;

	len = file_of(reg, 2, &buf);
	/* Cut inside the second entry: the first only. */
	ck_assert_uint_eq(ms_state_decode(buf, len - 1, 1, out, 2), 1);
	ck_assert_uint_eq(ms_state_decode(buf, 3, 1, out, 2), 0);
	ck_assert_uint_eq(ms_state_decode(buf, 0, 1, out, 2), 0);
	/* Room for one: one. */
	ck_assert_uint_eq(ms_state_decode(buf, len, 1, out, 1), 1);
	v = (uint32_t)sizeof(struct ms_reg) + 8;	/* another layout */
	memcpy(buf + 4, &v, 4);
	ck_assert_uint_eq(ms_state_decode(buf, len, 1, out, 2), 0);
	v = 0x4c4d5331u;				/* the first format */
	memcpy(buf, &v, 4);
	ck_assert_uint_eq(ms_state_decode(buf, len, 1, out, 2), 0);
	free(buf);
}
END_TEST

static Suite *
msstate_suite(void)
{
	Suite	*s = suite_create("msstate");
	TCase	*t = tcase_create("file");

	tcase_add_test(t, what_is_saved_is_read_back_used_and_unbound);
	tcase_add_test(t,
	    a_start_time_from_a_previous_boot_is_not_in_the_future);
	tcase_add_test(t, entries_out_of_range_are_skipped);
	tcase_add_test(t,
	    a_file_of_another_build_or_torn_gives_nothing_or_whole_entries);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return unit_run(msstate_suite());
}
