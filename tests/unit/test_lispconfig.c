/*
 * Unit tests for lispd/config.c's mobility part: the dynamic-eid blocks
 * (under router lisp and under an eid-table) with their locator-sets
 * resolved, and the `lisp mobility` lines of the interface blocks that
 * lispd pulls from cfgd beside router lisp.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/lispd.h"
#include "tests/unit/unit.h"

static const char CONF[] =
    "interface Loopback10\n"
    " ip address 10.10.10.1 255.255.255.255\n"
    "interface GigabitEthernet1\n"
    " ip address 198.51.100.1 255.255.255.0\n"
    "interface GigabitEthernet2\n"
    " ip address 10.1.1.1 255.255.255.0\n"
    " lisp mobility Cloud-dyn\n"
    "interface GigabitEthernet3\n"
    " lisp mobility Lab-dyn\n"
    "router lisp\n"
    " locator-set DC1\n"
    "  198.51.100.1 priority 1 weight 100\n"
    "  exit\n"
    " database-mapping 10.10.10.0/24 locator-set DC1\n"
    " dynamic-eid Cloud-dyn\n"
    "  database-mapping 10.1.1.0/24 locator-set DC1\n"
    "  map-notify-group 239.0.0.1\n"
    "  exit\n"
    " eid-table default instance-id 0\n"
    "  dynamic-eid Lab-dyn\n"
    "   database-mapping 10.2.2.0/24 locator-set DC1\n"
    "   exit\n"
    "  exit\n"
    " ipv4 etr\n"
    " exit\n";

START_TEST(dynamic_eids)
{
	struct lispd_config	*c = calloc(1, sizeof(*c));
	struct lisp_addr	 p;

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(lispd_config_parse(CONF, c), 0);
	ck_assert_int_eq(c->present, 1);
	ck_assert_uint_eq(c->ndb, 1);
	ck_assert_uint_eq(c->ndyn, 2);
	ck_assert_str_eq(c->dyn[0].name, "Cloud-dyn");
	ck_assert_int_eq(lisp_addr_parse(&p, "10.1.1.0/24"), 0);
	ck_assert_int_eq(lisp_addr_cmp(&c->dyn[0].pfx, &p), 0);
	ck_assert_str_eq(c->dyn[0].locset, "DC1");
	ck_assert_uint_eq(c->dyn[0].nloc, 1);
	ck_assert_int_eq(lisp_addr_parse(&p, "198.51.100.1"), 0);
	ck_assert_int_eq(lisp_addr_cmp(&c->dyn[0].loc[0].rloc, &p), 0);
	ck_assert_uint_eq(c->dyn[0].loc[0].pri, 1);
	ck_assert_uint_eq(c->dyn[0].loc[0].wgt, 100);
	ck_assert_int_eq(lisp_addr_parse(&p, "239.0.0.1"), 0);
	ck_assert_int_eq(lisp_addr_cmp(&c->dyn[0].group, &p), 0);
	ck_assert_str_eq(c->dyn[1].name, "Lab-dyn");
	ck_assert_int_eq(lisp_addr_parse(&p, "10.2.2.0/24"), 0);
	ck_assert_int_eq(lisp_addr_cmp(&c->dyn[1].pfx, &p), 0);
	ck_assert_uint_eq(c->dyn[1].nloc, 1);
	ck_assert_int_eq(c->dyn[1].group.afi, LISP_AFI_NONE);
	ck_assert_uint_eq(c->nmobif, 2);
	ck_assert_str_eq(c->mobif[0].ifname, "GigabitEthernet2");
	ck_assert_str_eq(c->mobif[0].dyn, "Cloud-dyn");
	ck_assert_str_eq(c->mobif[1].ifname, "GigabitEthernet3");
	ck_assert_str_eq(c->mobif[1].dyn, "Lab-dyn");
	free(c);
}
END_TEST

/* Without the interface blocks, or without router lisp. */
START_TEST(partial)
{
	struct lispd_config	*c = calloc(1, sizeof(*c));

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(lispd_config_parse(strstr(CONF, "router lisp"), c),
	    0);
	ck_assert_uint_eq(c->ndyn, 2);
	ck_assert_uint_eq(c->nmobif, 0);
	ck_assert_int_eq(lispd_config_parse("interface GigabitEthernet2\n"
	    " lisp mobility X\n", c), 0);
	ck_assert_int_eq(c->present, 0);
	ck_assert_uint_eq(c->ndyn, 0);
	ck_assert_uint_eq(c->nmobif, 1);
	free(c);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("lispconfig");
	TCase	*t = tcase_create("mobility");

	tcase_add_test(t, dynamic_eids);
	tcase_add_test(t, partial);
	suite_add_tcase(s, t);
	return unit_run(s);
}
