/*
 * lispd's configuration parser (lispd/config.c): the `router lisp` block
 * as cfgd hands it over becomes struct lispd_config.  What must hold:
 * every static map-cache line is kept however many there are (no cap),
 * ipv4-interface locators keep their interface (resolved later by
 * locif.c) in database-mappings and through locator-sets, and
 * loc-reach-algorithm rloc-probing turns RLOC probing on.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/lispd.h"

static char *
block(size_t nmc)
{
	size_t	 cap = 4096 + nmc * 80, len = 0, i;
	char	*t = malloc(cap);

	ck_assert_ptr_nonnull(t);
	len += (size_t)snprintf(t + len, cap - len, "router lisp\n"
	    " loc-reach-algorithm rloc-probing\n"
	    " locator-set SITE\n"
	    "  IPv4-interface Loopback0 priority 1 weight 50\n"
	    "  192.0.2.70 priority 2 weight 50\n"
	    "  exit\n"
	    " database-mapping 10.7.0.0/24 locator-set SITE\n"
	    " database-mapping 10.7.1.0/24 ipv4-interface "
	    "GigabitEthernet1 priority 1 weight 100\n"
	    " eid-table default instance-id 0\n");
	for (i = 0; i < nmc; i++)
		len += (size_t)snprintf(t + len, cap - len, "  map-cache "
		    "172.%zu.%zu.0/24 192.0.2.80 priority 1 weight 100\n",
		    16 + i / 256, i % 256);
	snprintf(t + len, cap - len, "  exit\n ipv4 itr\n exit\n");
	return t;
}

START_TEST(every_static_map_cache_line_is_kept)
{
	struct lispd_config	*c = calloc(1, sizeof(*c));
	char			*t = block(3000);
	char			 s[LISP_ADDR_STRLEN];

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(lispd_config_parse(t, c), 0);
	ck_assert_uint_eq(c->nmc, 3000);
	ck_assert_str_eq(lisp_addr_fmt(&c->mc[2999].eid, 1, s, sizeof(s)),
	    "172.27.183.0/24");
	ck_assert_uint_eq(c->mc[2999].nloc, 1);
	lispd_config_free(c);
	free(t);
}
END_TEST

START_TEST(interface_locators_keep_their_interface)
{
	struct lispd_config	*c = calloc(1, sizeof(*c));
	char			*t = block(0);
	size_t			 i;

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(lispd_config_parse(t, c), 0);
	ck_assert(c->rloc_probe);
	ck_assert(c->itr);
	ck_assert_uint_eq(c->ndb, 2);
	for (i = 0; i < c->ndb; i++) {
		const struct lc_db *d = &c->db[i];
		char s[LISP_ADDR_STRLEN];

		lisp_addr_fmt(&d->eid, 1, s, sizeof(s));
		if (strcmp(s, "10.7.0.0/24") == 0) {
			/* Through the locator-set, in its order. */
			ck_assert_str_eq(d->locset, "SITE");
			ck_assert_uint_eq(d->nloc, 2);
			ck_assert_str_eq(d->loc[0].ifname, "Loopback0");
			ck_assert_uint_eq(d->loc[0].rloc.afi, LISP_AFI_NONE);
			ck_assert_str_eq(d->loc[1].ifname, "");
			ck_assert_uint_eq(d->loc[1].pri, 2);
		} else {
			ck_assert_str_eq(s, "10.7.1.0/24");
			ck_assert_uint_eq(d->nloc, 1);
			ck_assert_str_eq(d->loc[0].ifname, "GigabitEthernet1");
			ck_assert_uint_eq(d->loc[0].pri, 1);
			ck_assert_uint_eq(d->loc[0].wgt, 100);
		}
	}
	lispd_config_free(c);
	free(t);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("lispd_config");
	TCase	*c = tcase_create("parse");
	SRunner	*r;
	int	 failed;

	tcase_set_timeout(c, 60);
	tcase_add_test(c, every_static_map_cache_line_is_kept);
	tcase_add_test(c, interface_locators_keep_their_interface);
	suite_add_tcase(s, c);
	r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	lispd_config_free(NULL);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
