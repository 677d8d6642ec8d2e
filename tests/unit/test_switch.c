/*
 * Switching, the pure parts: IOS VLAN lists (parsing with IOS's error
 * texts, rendering with ranges as IOS writes them) and the switching
 * configuration commands on a model with no daemon (VLAN blocks, the
 * switchport lines and their order, the allowed-list operations, access
 * VLANs created on the fly, the MAC address table settings, routed and
 * switched ports), rendered as running-config and parsed back to the same
 * text.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgtab.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/render.h"
#include "cfg/session.h"
#include "cfg/switchcfg.h"
#include "cfg/vlanlist.h"
#include "tests/unit/unit.h"

/* VLAN lists. */

static void
assert_roundtrip(const char *in, const char *want)
{
	struct vlan_set	 s;
	char		 err[512], buf[VLAN_LIST_MAX + 1];

	ck_assert_msg(vlan_set_parse(in, &s, err, sizeof(err)) == 0,
	    "\"%s\": %s", in, err);
	ck_assert_ptr_nonnull(vlan_set_render(&s, buf, sizeof(buf)));
	ck_assert_str_eq(buf, want);
}

static void
assert_rejected(const char *in, const char *want)
{
	struct vlan_set	 s;
	char		 err[512];

	ck_assert_int_eq(vlan_set_parse(in, &s, err, sizeof(err)), -1);
	ck_assert_str_eq(err, want);
}

START_TEST(vlan_lists_render_runs_of_three_as_ranges_and_pairs_as_numbers)
{
	assert_roundtrip("10", "10");
	assert_roundtrip("1,3-5,10", "1,3-5,10");
	assert_roundtrip("11,12,16,17,18,65,72", "11,12,16-18,65,72");
	assert_roundtrip("10-11", "10,11");
	assert_roundtrip("5,4,3,2,1", "1-5");
	assert_roundtrip("1-4094", "1-4094");
	assert_roundtrip("4094,1", "1,4094");
	assert_roundtrip("100-110,105", "100-110");
	assert_roundtrip("7-7", "7");
}
END_TEST

START_TEST(vlan_list_errors_are_ios_texts_wrapped_as_ios_wraps_them)
{
	assert_rejected("4095", "Command rejected: Bad VLAN list - character "
	    "#5 (EOL) delimits a VLAN\nnumber which is out of the range "
	    "1..4094.\n");
	assert_rejected("0", "Command rejected: Bad VLAN list - character "
	    "#2 (EOL) delimits a VLAN\nnumber which is out of the range "
	    "1..4094.\n");
	assert_rejected("10,5000,20", "Command rejected: Bad VLAN list - "
	    "character #8 (',') delimits a VLAN\nnumber which is out of the "
	    "range 1..4094.\n");
	assert_rejected("-1", "Command rejected: Bad VLAN list - character "
	    "#1 ('-') delimits a VLAN\nnumber which is out of the range "
	    "1..4094.\n");
	assert_rejected("10,abc", "Command rejected: Bad VLAN list - "
	    "character #4 is a non-numeric\ncharacter ('a').\n");
	assert_rejected("1-2-3", "Command rejected: Bad VLAN list - "
	    "character #4 is a non-numeric\ncharacter ('-').\n");
	assert_rejected("20-10", "Command rejected: Bad VLAN list - end of "
	    "range not larger than the start\nof range.\n");
	assert_rejected("", "Command rejected: Bad VLAN list - character "
	    "#1 (EOL) delimits a VLAN\nnumber which is out of the range "
	    "1..4094.\n");
}
END_TEST

START_TEST(vlan_sets_count_walk_and_combine)
{
	struct vlan_set	 a, b;
	char		 buf[VLAN_LIST_MAX + 1];
	unsigned	 v, n = 0;

	vlan_set_clear(&a);
	ck_assert_str_eq(vlan_set_render(&a, buf, sizeof(buf)), "none");
	ck_assert_uint_eq(vlan_set_next(&a, 1), 0);
	vlan_set_fill(&a);
	ck_assert(vlan_set_full(&a));
	ck_assert_uint_eq(vlan_set_count(&a), 4094);
	ck_assert(!vlan_set_has(&a, 0) && !vlan_set_has(&a, 4095));
	for (v = vlan_set_next(&a, 1); v != 0;
	    v = v < VLAN_MAX ? vlan_set_next(&a, v + 1) : 0)
		n++;
	ck_assert_uint_eq(n, 4094);
	vlan_set_clear(&b);
	vlan_set_add(&b, 5);
	vlan_set_add(&b, 4094);
	vlan_set_minus(&a, &b);
	ck_assert_str_eq(vlan_set_render(&a, buf, sizeof(buf)), "1-4,6-4093");
	vlan_set_inter(&a, &b);
	ck_assert_str_eq(vlan_set_render(&a, buf, sizeof(buf)), "none");
	vlan_set_union(&a, &b);
	ck_assert(vlan_set_eq(&a, &b));
	/* Every other VLAN: the longest text fits VLAN_LIST_MAX. */
	vlan_set_clear(&a);
	for (v = 1; v <= VLAN_MAX; v += 2)
		vlan_set_add(&a, v);
	ck_assert_ptr_nonnull(vlan_set_render(&a, buf, sizeof(buf)));
	ck_assert_uint_le(strlen(buf), VLAN_LIST_MAX);
	ck_assert_ptr_null(vlan_set_render(&a, buf, 10));
}
END_TEST

/* The configuration. */

static struct cmd_grammar	*grammar;
static struct cfg_model		*model;
static struct cfg_session	*session;
static struct cfg_line_result	 res;

static void
setup(void)
{
	const char	*bad = NULL;

	if (grammar == NULL)
		grammar = cfg_grammar_build(&bad);
	ck_assert_msg(grammar != NULL, "grammar: %s", bad ? bad : "?");
	model = cfg_model_new();
	session = cfg_session_new(grammar, model, NULL);
	ck_assert_ptr_nonnull(session);
	memset(&res, 0, sizeof(res));
}

static void
teardown(void)
{
	cfg_line_result_clear(&res);
	cfg_session_free(session);
	cfg_model_free(model);
}

static enum cfg_line_status
run(const char *line)
{
	cfg_line_result_clear(&res);
	return cfg_session_run(session, line, &res);
}

/* Runs '\n'-separated lines, each of which must be accepted. */
static void
run_ok(const char *lines)
{
	char	*copy = strdup(lines), *p, *nl;

	for (p = copy; p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		ck_assert_msg(run(p) == CFG_LINE_OK, "\"%s\": %s", p,
		    res.out != NULL ? res.out : "(no output)");
	}
	free(copy);
}

static void
run_refused(const char *line, const char *want)
{
	ck_assert_msg(run(line) == CFG_LINE_ERROR, "\"%s\" accepted", line);
	ck_assert_str_eq(res.out, want);
}

static char *
rendered(struct cfg_model *m)
{
	struct cfg_render_info	 ri;
	size_t			 len;
	char			*t;

	memset(&ri, 0, sizeof(ri));
	t = cfg_render(m, &ri, &len);
	ck_assert_ptr_nonnull(t);
	return t;
}

/* The running-config between the header lines and "end". */
static void
assert_config(const char *want)
{
	char	*t = rendered(model);

	ck_assert_str_eq(t, want);
	free(t);
}

#define HEADER	"!\n!\n"
#define TAIL	"!\nend\n"

START_TEST(vlans_are_blocks_with_names_and_vlan_1_is_never_shown)
{
	run_ok("vlan 20\n name SERVERS\nexit\nvlan 10\nvlan 1\nexit");
	ck_assert_int_eq(run("vlan 1"), CFG_LINE_OK);
	ck_assert_int_eq(cfg_session_mode(session), MODE_CONFIG_VLAN);
	run_refused("name OTHER",
	    "%Default VLAN 1 may not have its name changed.\n");
	run_ok("exit");
	assert_config(HEADER "vlan 10\n!\nvlan 20\n name SERVERS\n" TAIL);
	run_refused("no vlan 1", "%Default VLAN 1 may not be deleted.\n");
	run_refused("vlan 1003",
	    "%Default VLAN 1003 may not have its name changed.\n");
	run_ok("no vlan 20");
	assert_config(HEADER "vlan 10\n" TAIL);
}
END_TEST

START_TEST(a_vlan_list_creates_each_vlan_and_names_them_all)
{
	char	 buf[64];

	run_ok("vlan 30-32,40");
	ck_assert_int_eq(cfg_session_mode(session), MODE_CONFIG_VLAN);
	ck_assert_int_eq(run("name LAB"), CFG_LINE_OK);
	ck_assert_str_eq(res.out, "% Applying VLAN changes may take few "
	    "minutes.  Please wait...\n");
	run_ok("exit\nvlan 31\nno name\nexit");
	assert_config(HEADER "vlan 30\n name LAB\n!\nvlan 31\n!\n"
	    "vlan 32\n name LAB\n!\nvlan 40\n name LAB\n" TAIL);
	ck_assert_str_eq(cfg_switch_vlan_name(model, 31, buf, sizeof(buf)),
	    "VLAN0031");
	ck_assert_str_eq(cfg_switch_vlan_name(model, 1, buf, sizeof(buf)),
	    "default");
	ck_assert_str_eq(cfg_switch_vlan_name(model, 1004, buf, sizeof(buf)),
	    "fddinet-default");
	run_ok("no vlan 30-32");
	assert_config(HEADER "vlan 40\n name LAB\n" TAIL);
}
END_TEST

START_TEST(names_keep_32_characters)
{
	run_ok("vlan 10\nname "
	    "abcdefghijklmnopqrstuvwxyz0123456789XYZ");
	assert_config(HEADER "vlan 10\n name "
	    "abcdefghijklmnopqrstuvwxyz012345\n" TAIL);
}
END_TEST

START_TEST(switchport_lines_show_in_ios_order_and_defaults_are_hidden)
{
	run_ok("interface GigabitEthernet3\n"
	    " switchport mode trunk\n"
	    " switchport trunk allowed vlan 10,20\n"
	    " switchport trunk native vlan 99\n"
	    " switchport access vlan 1\n"
	    " description uplink");
	assert_config(HEADER "interface GigabitEthernet3\n"
	    " description uplink\n"
	    " switchport\n"
	    " switchport trunk native vlan 99\n"
	    " switchport trunk allowed vlan 10,20\n"
	    " switchport mode trunk\n" TAIL);
	run_ok("switchport trunk native vlan 1\nno switchport mode");
	assert_config(HEADER "interface GigabitEthernet3\n"
	    " description uplink\n switchport\n"
	    " switchport trunk allowed vlan 10,20\n" TAIL);
}
END_TEST

START_TEST(allowed_lists_add_remove_except_all_and_none)
{
	struct sw_port	 p;
	char		 buf[VLAN_LIST_MAX + 1];

	run_ok("interface GigabitEthernet3\nswitchport trunk allowed vlan add 5");
	/* Adding to all (the default) leaves all. */
	assert_config(HEADER "interface GigabitEthernet3\n switchport\n" TAIL);
	run_ok("switchport trunk allowed vlan remove 10-20");
	assert_config(HEADER "interface GigabitEthernet3\n switchport\n"
	    " switchport trunk allowed vlan 1-9,21-4094\n" TAIL);
	run_ok("switchport trunk allowed vlan 10,11\n"
	    "switchport trunk allowed vlan add 12,30");
	assert_config(HEADER "interface GigabitEthernet3\n switchport\n"
	    " switchport trunk allowed vlan 10-12,30\n" TAIL);
	run_ok("switchport trunk allowed vlan remove 11");
	assert_config(HEADER "interface GigabitEthernet3\n switchport\n"
	    " switchport trunk allowed vlan 10,12,30\n" TAIL);
	run_ok("switchport trunk allowed vlan except 2-4093");
	assert_config(HEADER "interface GigabitEthernet3\n switchport\n"
	    " switchport trunk allowed vlan 1,4094\n" TAIL);
	run_ok("switchport trunk allowed vlan none");
	assert_config(HEADER "interface GigabitEthernet3\n switchport\n"
	    " switchport trunk allowed vlan none\n" TAIL);
	ck_assert_int_eq(cfg_switch_port(cfg_node_first(cfg_model_root(model)),
	    &p), 0);
	ck_assert_str_eq(vlan_set_render(&p.allowed, buf, sizeof(buf)),
	    "none");
	run_ok("switchport trunk allowed vlan add 7");
	assert_config(HEADER "interface GigabitEthernet3\n switchport\n"
	    " switchport trunk allowed vlan 7\n" TAIL);
	run_ok("switchport trunk allowed vlan all");
	assert_config(HEADER "interface GigabitEthernet3\n switchport\n" TAIL);
	run_ok("switchport trunk allowed vlan 10\nno switchport trunk allowed "
	    "vlan");
	assert_config(HEADER "interface GigabitEthernet3\n switchport\n" TAIL);
	run_refused("switchport trunk allowed vlan 10,5000",
	    "Command rejected: Bad VLAN list - character #8 (EOL) delimits a "
	    "VLAN\nnumber which is out of the range 1..4094.\n");
}
END_TEST

START_TEST(an_access_vlan_that_does_not_exist_is_created)
{
	ck_assert_int_eq(run("interface GigabitEthernet2"), CFG_LINE_OK);
	ck_assert_int_eq(run("switchport access vlan 20"), CFG_LINE_OK);
	ck_assert_str_eq(res.out, "% Access VLAN does not exist. Creating "
	    "vlan 20\n");
	ck_assert_int_eq(run("switchport access vlan 20"), CFG_LINE_OK);
	ck_assert_ptr_null(res.out);
	assert_config(HEADER "vlan 20\n!\ninterface GigabitEthernet2\n"
	    " switchport\n switchport access vlan 20\n" TAIL);
	ck_assert_int_eq(run("switchport access vlan 4095"), CFG_LINE_INVALID);
}
END_TEST

START_TEST(a_switchport_loses_its_ip_configuration_and_gets_it_back_routed)
{
	run_ok("interface GigabitEthernet1\n no ip address\n"
	    " ip address 192.0.2.1 255.255.255.0\n"
	    " ip address 192.0.2.65 255.255.255.192 secondary\n"
	    " shutdown\n switchport");
	assert_config(HEADER "interface GigabitEthernet1\n shutdown\n"
	    " switchport\n" TAIL);
	run_ok("switchport mode access\nno switchport");
	assert_config(HEADER "interface GigabitEthernet1\n no ip address\n"
	    " shutdown\n" TAIL);
	run_ok("exit\ninterface Loopback0\nip address 203.0.113.1 "
	    "255.255.255.255");
	run_refused("switchport", "Command rejected: Loopback0 is not a "
	    "switchable interface.\n");
	run_refused("switchport mode access", "Command rejected: Loopback0 "
	    "is not a switchable interface.\n");
	ck_assert_int_eq(cfg_switch_is_port(cfg_node_first(cfg_model_root(
	    model))), 0);
}
END_TEST

START_TEST(mac_address_table_settings)
{
	int	 set;

	run_ok("mac address-table aging-time 10\n"
	    "mac address-table aging-time 0 vlan 20\n"
	    "mac address-table aging-time 30 vlan 20\n"
	    "mac address-table static 0200.0000.00aa vlan 10 interface gi1\n"
	    "mac address-table static 0200.0000.00aa vlan 10 interface gi2\n"
	    "mac address-table static 0200.0000.00aa vlan 11 interface gi2");
	assert_config(HEADER "mac address-table aging-time 10\n"
	    "mac address-table aging-time 30 vlan 20\n!\n"
	    "mac address-table static 0200.0000.00aa vlan 10 interface "
	    "GigabitEthernet2\n"
	    "mac address-table static 0200.0000.00aa vlan 11 interface "
	    "GigabitEthernet2\n" TAIL);
	ck_assert_uint_eq(cfg_switch_aging(model, 0, NULL), 10);
	ck_assert_uint_eq(cfg_switch_aging(model, 20, &set), 30);
	ck_assert_int_eq(set, 1);
	ck_assert_uint_eq(cfg_switch_aging(model, 21, &set), 10);
	ck_assert_int_eq(set, 0);
	run_ok("mac address-table aging-time 300\n"
	    "no mac address-table aging-time 30 vlan 20\n"
	    "no mac address-table static 0200.0000.00aa vlan 11");
	assert_config(HEADER "mac address-table static 0200.0000.00aa vlan 10 "
	    "interface GigabitEthernet2\n" TAIL);
	ck_assert_int_eq(run("mac address-table aging-time 5"),
	    CFG_LINE_INVALID);
	run_refused("mac address-table static 0100.5e00.0001 vlan 10 "
	    "interface gi1", "% Only unicast addresses can be configured "
	    "with interface\n");
	run_refused("mac address-table static 0200.0000.0001 vlan 10 "
	    "interface Loopback1", "Command rejected: Loopback1 is not a "
	    "switchable interface.\n");
	run_ok("mac address-table aging-time 0");
	ck_assert_uint_eq(cfg_switch_aging(model, 0, NULL), 0);
}
END_TEST

START_TEST(running_config_parses_back_to_itself)
{
	struct cfg_model	*m2 = cfg_model_new();
	struct cfg_session	*s2 = cfg_session_new(grammar, m2, NULL);
	struct cfg_line_result	 r;
	char			*t1, *t2, *p, *nl;

	run_ok("vlan 10\n name USERS\nvlan 20-22\nexit\n"
	    "interface GigabitEthernet1\n switchport access vlan 10\n"
	    " switchport mode access\n"
	    "interface GigabitEthernet3\n description trunk\n"
	    " switchport trunk allowed vlan 10,20-22\n"
	    " switchport trunk native vlan 20\n switchport mode trunk\nexit\n"
	    "mac address-table aging-time 0\n"
	    "mac address-table aging-time 100 vlan 21\n"
	    "mac address-table static 0200.0000.0001 vlan 10 interface gi1");
	t1 = rendered(model);
	for (p = t1; p != NULL && *p != '\0'; p = nl) {
		nl = strchr(p, '\n');
		*nl++ = '\0';
		memset(&r, 0, sizeof(r));
		ck_assert_msg(cfg_session_run(s2, p, &r) == CFG_LINE_OK ||
		    r.status == CFG_LINE_END, "\"%s\": %s", p, r.out != NULL ?
		    r.out : "?");
		cfg_line_result_clear(&r);
		p[strlen(p)] = '\n';
	}
	t2 = rendered(m2);
	ck_assert_str_eq(t2, t1);
	free(t1);
	free(t2);
	cfg_session_free(s2);
	cfg_model_free(m2);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("switch");
	TCase	*tc = tcase_create("vlan lists");

	tcase_add_test(tc,
	    vlan_lists_render_runs_of_three_as_ranges_and_pairs_as_numbers);
	tcase_add_test(tc,
	    vlan_list_errors_are_ios_texts_wrapped_as_ios_wraps_them);
	tcase_add_test(tc, vlan_sets_count_walk_and_combine);
	suite_add_tcase(s, tc);
	tc = tcase_create("configuration");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc,
	    vlans_are_blocks_with_names_and_vlan_1_is_never_shown);
	tcase_add_test(tc, a_vlan_list_creates_each_vlan_and_names_them_all);
	tcase_add_test(tc, names_keep_32_characters);
	tcase_add_test(tc,
	    switchport_lines_show_in_ios_order_and_defaults_are_hidden);
	tcase_add_test(tc, allowed_lists_add_remove_except_all_and_none);
	tcase_add_test(tc, an_access_vlan_that_does_not_exist_is_created);
	tcase_add_test(tc,
	    a_switchport_loses_its_ip_configuration_and_gets_it_back_routed);
	tcase_add_test(tc, mac_address_table_settings);
	tcase_add_test(tc, running_config_parses_back_to_itself);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(suite());
}
