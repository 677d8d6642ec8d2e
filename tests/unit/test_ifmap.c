/*
 * Unit tests for platform/ifmap: IOS interface names <-> Linux devices,
 * from device lists made up here (no kernel needed).
 */
#include <linux/if_arp.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/ifmap.h"
#include "tests/unit/unit.h"

#define ARPHRD_TUN	ARPHRD_NONE

/* A namespace like a test router's: lo, two veths, a bridge, a dummy for
 * Loopback10, a physical NIC added late, lispd's TUN. */
static const struct ifmap_dev ns[] = {
	{ 1, "lo", "", ARPHRD_LOOPBACK },
	{ 9, "eth9", "", ARPHRD_ETHER },
	{ 4, "br0", "bridge", ARPHRD_ETHER },
	{ 3, "wan0", "veth", ARPHRD_ETHER },
	{ 5, "lo10", "dummy", ARPHRD_ETHER },
	{ 2, "lan0", "veth", ARPHRD_ETHER },
	{ 7, "lisp0", "tun", ARPHRD_TUN },
	{ 8, "vx0", "vxlan", ARPHRD_ETHER },
};
#define NNS	(sizeof(ns) / sizeof(ns[0]))

static struct ifmap_tab *
build(const char *override)
{
	struct ifmap_tab	*m = NULL;
	size_t		 line = 0;

	ck_assert_int_eq(ifmap_new(ns, NNS, override, &m, &line), 0);
	ck_assert_ptr_nonnull(m);
	return m;
}

static void
assert_dev(const struct ifmap_tab *m, const char *ios, const char *want)
{
	char	 buf[32];

	ck_assert_int_eq(ifmap_dev(m, ios, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, want);
}

static void
assert_ios(const struct ifmap_tab *m, const char *dev, const char *want)
{
	char	 buf[64];

	ck_assert_int_eq(ifmap_ios(m, dev, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, want);
}

START_TEST(gigabit_ethernet_n_is_the_nth_ethernet_device_by_ifindex)
{
	struct ifmap_tab	*m = build(NULL);

	ck_assert_uint_eq(ifmap_ngig(m), 3);
	assert_dev(m, "GigabitEthernet1", "lan0");
	assert_dev(m, "GigabitEthernet2", "wan0");
	assert_dev(m, "GigabitEthernet3", "eth9");
	assert_ios(m, "lan0", "GigabitEthernet1");
	assert_ios(m, "eth9", "GigabitEthernet3");
	ck_assert_int_eq(ifmap_ifindex(m, "GigabitEthernet2"), 3);
	ck_assert_int_eq(ifmap_overridden(m), 0);
	ifmap_free(m);
}
END_TEST

START_TEST(loopbacks_bridges_tunnels_and_dummies_are_never_gigabit)
{
	struct ifmap_tab	*m = build(NULL);
	char		 buf[64];

	ck_assert_int_eq(ifmap_dev(m, "GigabitEthernet4", buf, sizeof(buf)),
	    IFMAP_E_NONAME);
	ck_assert_int_eq(ifmap_ios(m, "br0", buf, sizeof(buf)), IFMAP_E_NONAME);
	ck_assert_int_eq(ifmap_ios(m, "lo", buf, sizeof(buf)), IFMAP_E_NONAME);
	ck_assert_int_eq(ifmap_ios(m, "vx0", buf, sizeof(buf)),
	    IFMAP_E_NONAME);
	ck_assert_int_eq(ifmap_ifindex(m, "GigabitEthernet4"), 0);
	ifmap_free(m);
}
END_TEST

START_TEST(loopback_n_is_the_dummy_lo_n_and_lisp_n_the_tun_lisp_n)
{
	struct ifmap_tab		*m = build(NULL);
	struct ifmap_dev	 fake[] = { { 6, "lo11", "veth", ARPHRD_ETHER } };
	char			 buf[64];

	assert_dev(m, "Loopback10", "lo10");
	assert_dev(m, "Loopback2147483647", "lo2147483647");
	assert_dev(m, "LISP0", "lisp0");
	assert_ios(m, "lo10", "Loopback10");
	assert_ios(m, "lisp0", "LISP0");
	ck_assert_int_eq(ifmap_ifindex(m, "Loopback10"), 5);
	ck_assert_int_eq(ifmap_ifindex(m, "Loopback11"), 0);
	ck_assert_int_eq(ifmap_ios_index(m, 5, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "Loopback10");
	/* Leading zeros are not ours. */
	ck_assert_int_eq(ifmap_ios(m, "lo010", buf, sizeof(buf)),
	    IFMAP_E_NONAME);
	ifmap_free(m);
	/* A veth someone named lo11 is not Loopback11. */
	ck_assert_int_eq(ifmap_new(fake, 1, NULL, &m, NULL), 0);
	ck_assert_int_eq(ifmap_ios(m, "lo11", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "GigabitEthernet1");
	ck_assert_int_eq(ifmap_ifindex(m, "Loopback11"), 0);
	ifmap_free(m);
}
END_TEST

START_TEST(an_ifb_stands_in_for_a_dummy_where_the_kernel_has_none)
{
	struct ifmap_dev	 devs[] = {
		{ 2, "eth0", "", ARPHRD_ETHER },
		{ 3, "lo5", "ifb", ARPHRD_ETHER },
		{ 4, "ifb0", "ifb", ARPHRD_ETHER },
	};
	struct ifmap_tab	*m;
	char			 buf[64];

	ck_assert_int_eq(ifmap_new(devs, 3, NULL, &m, NULL), 0);
	ck_assert_uint_eq(ifmap_ngig(m), 1);
	assert_ios(m, "lo5", "Loopback5");
	ck_assert_int_eq(ifmap_ifindex(m, "Loopback5"), 3);
	ck_assert_int_eq(ifmap_ios(m, "ifb0", buf, sizeof(buf)),
	    IFMAP_E_NONAME);
	ifmap_free(m);
}
END_TEST

START_TEST(the_override_file_replaces_the_gigabit_rule)
{
	struct ifmap_tab	*m = build("# pinned by the operator\n"
			    "GigabitEthernet2   eth9\n"
			    "\n"
			    "gigabitethernet1 wan0   # the WAN\n"
			    "GigabitEthernet3 gone0\n");
	char		 buf[64];
	unsigned	 num;
	const char	*dev;
	int		 ifindex;

	ck_assert_int_eq(ifmap_overridden(m), 1);
	assert_dev(m, "GigabitEthernet1", "wan0");
	assert_dev(m, "GigabitEthernet2", "eth9");
	/* Listed but absent: no device now. */
	ck_assert_int_eq(ifmap_ifindex(m, "GigabitEthernet3"), 0);
	/* lan0 is no longer a GigabitEthernet. */
	ck_assert_int_eq(ifmap_ios(m, "lan0", buf, sizeof(buf)),
	    IFMAP_E_NONAME);
	ck_assert_uint_eq(ifmap_ngig(m), 3);
	ifmap_gig(m, 0, &num, &dev, &ifindex);
	ck_assert_uint_eq(num, 1);
	ck_assert_str_eq(dev, "wan0");
	ck_assert_int_eq(ifindex, 3);
	ifmap_free(m);
}
END_TEST

START_TEST(a_bad_override_line_is_reported_with_its_number)
{
	struct ifmap_tab	*m = NULL;
	size_t		 line = 0;

	ck_assert_int_eq(ifmap_new(ns, NNS, "GigabitEthernet1 lan0\n"
	    "Loopback1 lo1\n", &m, &line), IFMAP_E_SYNTAX);
	ck_assert_ptr_null(m);
	ck_assert_uint_eq(line, 2);
	ck_assert_int_eq(ifmap_new(ns, NNS, "GigabitEthernet1 lan0 extra\n",
	    &m, &line), IFMAP_E_SYNTAX);
	ck_assert_int_eq(ifmap_new(ns, NNS, "GigabitEthernet0 lan0\n", &m,
	    &line), IFMAP_E_SYNTAX);
	ck_assert_int_eq(ifmap_new(ns, NNS, "GigabitEthernet1 lan0\n"
	    "GigabitEthernet2 lan0\n", &m, &line), IFMAP_E_DUP);
	ck_assert_uint_eq(line, 2);
	ck_assert_int_eq(ifmap_new(ns, NNS, "GigabitEthernet1 lan0\n"
	    "GigabitEthernet1 wan0\n", &m, &line), IFMAP_E_DUP);
	/* An empty file (comments only) leaves the default rule. */
	ck_assert_int_eq(ifmap_new(ns, NNS, "# nothing\n\n", &m, &line), 0);
	ck_assert_int_eq(ifmap_overridden(m), 0);
	ck_assert_uint_eq(ifmap_ngig(m), 3);
	ifmap_free(m);
}
END_TEST

START_TEST(at_most_32_gigabit_interfaces_are_mapped)
{
	struct ifmap_dev	 many[40];
	struct ifmap_tab		*m;
	size_t			 i;

	for (i = 0; i < 40; i++) {
		many[i].ifindex = (int)i + 2;
		snprintf(many[i].name, sizeof(many[i].name), "veth%zu", i);
		snprintf(many[i].kind, sizeof(many[i].kind), "veth");
		many[i].type = ARPHRD_ETHER;
	}
	ck_assert_int_eq(ifmap_new(many, 40, NULL, &m, NULL), 0);
	ck_assert_uint_eq(ifmap_ngig(m), IFMAP_MAX_GIG);
	assert_dev(m, "GigabitEthernet32", "veth31");
	ifmap_free(m);
	/* No devices at all. */
	ck_assert_int_eq(ifmap_new(NULL, 0, NULL, &m, NULL), 0);
	ck_assert_uint_eq(ifmap_ngig(m), 0);
	ifmap_free(m);
	ifmap_free(NULL);
}
END_TEST

START_TEST(short_names_are_the_ones_switch_tables_print)
{
	char		 buf[32];
	const char	*type;
	unsigned long	 num;

	ck_assert_int_eq(ifmap_short("GigabitEthernet3", buf, sizeof(buf)),
	    0);
	ck_assert_str_eq(buf, "Gi3");
	ck_assert_int_eq(ifmap_short("Loopback10", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "Lo10");
	ck_assert_int_eq(ifmap_short("Port-channel1", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "Po1");
	ck_assert_int_eq(ifmap_short("Vlan10", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "Vl10");
	ck_assert_int_eq(ifmap_short("LISP0", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "LI0");
	ck_assert_int_eq(ifmap_short("CPU", buf, sizeof(buf)),
	    IFMAP_E_NONAME);
	ck_assert_str_eq(buf, "CPU");
	ck_assert_int_eq(ifmap_split("Loopback7", &type, &num), 0);
	ck_assert_str_eq(type, "Loopback");
	ck_assert_uint_eq(num, 7);
	ck_assert_int_eq(ifmap_split("Loopback", &type, &num), IFMAP_E_NONAME);
	ck_assert_int_eq(ifmap_split("Ethernet0", &type, &num),
	    IFMAP_E_NONAME);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("ifmap");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc,
	    gigabit_ethernet_n_is_the_nth_ethernet_device_by_ifindex);
	tcase_add_test(tc,
	    loopbacks_bridges_tunnels_and_dummies_are_never_gigabit);
	tcase_add_test(tc,
	    loopback_n_is_the_dummy_lo_n_and_lisp_n_the_tun_lisp_n);
	tcase_add_test(tc,
	    an_ifb_stands_in_for_a_dummy_where_the_kernel_has_none);
	tcase_add_test(tc, the_override_file_replaces_the_gigabit_rule);
	tcase_add_test(tc, a_bad_override_line_is_reported_with_its_number);
	tcase_add_test(tc, at_most_32_gigabit_interfaces_are_mapped);
	tcase_add_test(tc, short_names_are_the_ones_switch_tables_print);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(suite());
}
