/*
 * Unit tests for platform/image/day0: the VM appliance's day-0
 * configuration from an OVF environment or an iosxe_config.txt.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/image/day0.h"
#include "tests/unit/unit.h"

/* An OVF environment as VMware writes it, with a class prefix. */
static const char env_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Environment\n"
    "     xmlns=\"http://schemas.dmtf.org/ovf/environment/1\"\n"
    "     xmlns:oe=\"http://schemas.dmtf.org/ovf/environment/1\"\n"
    "     oe:id=\"\">\n"
    "   <PlatformSection>\n"
    "      <Kind>VMware ESXi</Kind>\n"
    "   </PlatformSection>\n"
    "   <PropertySection>\n";
static const char env_tail[] =
    "   </PropertySection>\n"
    "</Environment>\n";

static char *
env(const char *props)
{
	size_t	 len = strlen(env_head) + strlen(props) + strlen(env_tail) + 1;
	char	*s = malloc(len);

	ck_assert_ptr_nonnull(s);
	snprintf(s, len, "%s%s%s", env_head, props, env_tail);
	return s;
}

static char *
convert(const char *props)
{
	const char	*bad = NULL;
	char		*xml = env(props), *out = NULL;

	ck_assert_int_eq(day0_from_ovfenv(xml, &out, &bad), 0);
	ck_assert_ptr_null(bad);
	free(xml);
	return out;
}

START_TEST(test_ovfenv_full_day0_gives_the_csr_lines_in_order)
{
	char	*out = convert(
	    "<Property oe:key=\"com.lisprouter.hostname\" oe:value=\"edge1\"/>\n"
	    "<Property oe:key=\"com.lisprouter.login-username\" "
	    "oe:value=\"bob\"/>\n"
	    "<Property oe:key=\"com.lisprouter.login-password\" "
	    "oe:value=\"s&amp;cret\"/>\n"
	    "<Property oe:key=\"com.lisprouter.mgmt-ipv4-addr\" "
	    "oe:value=\"192.0.2.10/24\"/>\n"
	    "<Property oe:key=\"com.lisprouter.mgmt-ipv4-gateway\" "
	    "oe:value=\"192.0.2.1\"/>\n"
	    "<Property oe:key=\"com.lisprouter.domain-name\" "
	    "oe:value=\"example.net\"/>\n"
	    "<Property oe:key=\"com.lisprouter.ios-config-0002\" "
	    "oe:value=\"banner motd ^second^\"/>\n"
	    "<Property oe:key=\"com.lisprouter.ios-config-0001\" "
	    "oe:value=\"ip http server\"/>\n");

	ck_assert_str_eq(out,
	    "hostname edge1\n"
	    "ip domain name example.net\n"
	    "username bob privilege 15 secret s&cret\n"
	    "interface GigabitEthernet1\n"
	    " ip address 192.0.2.10 255.255.255.0\n"
	    " no shutdown\n"
	    "exit\n"
	    "ip route 0.0.0.0 0.0.0.0 192.0.2.1\n"
	    "crypto key generate rsa modulus 2048\n"
	    "ip ssh version 2\n"
	    "line vty 0 4\n"
	    " login local\n"
	    " transport input ssh\n"
	    "exit\n"
	    "ip http server\n"
	    "banner motd ^second^\n");
	free(out);
}
END_TEST

START_TEST(test_ovfenv_dhcp_and_a_public_key_without_a_domain)
{
	char	*out = convert(
	    "<Property oe:key=\"login-username\" oe:value=\"ops\"/>\n"
	    "<Property oe:key=\"login-pubkey\" oe:value=\"ssh-ed25519 "
	    "AAAAC3NzaC1lZDI1NTE5AAAAIGQ5bWx0ZXN0a2V5MDEyMzQ1Njc4OWFiY2RlZmdo"
	    "aWprbG1ub3A ops@host\"/>\n"
	    "<Property oe:key=\"mgmt-ipv4-addr\" oe:value=\"dhcp\"/>\n"
	    "<Property oe:key=\"hostname\" oe:value=\"\"/>\n");

	ck_assert_str_eq(out,
	    "ip domain name localdomain\n"
	    "username ops privilege 15\n"
	    "ip ssh pubkey-chain\n"
	    " username ops\n"
	    "  key-string\n"
	    "AAAAC3NzaC1lZDI1NTE5AAAAIGQ5bWx0ZXN0a2V5MDEyMzQ1Njc4OWFiY2RlZmdoaWpr"
	    "bG1u\n"
	    "b3A\n"
	    "  exit\n"
	    " exit\n"
	    "exit\n"
	    "interface GigabitEthernet1\n"
	    " ip address dhcp\n"
	    " no shutdown\n"
	    "exit\n"
	    "crypto key generate rsa modulus 2048\n"
	    "ip ssh version 2\n"
	    "line vty 0 4\n"
	    " login local\n"
	    " transport input ssh\n"
	    "exit\n");
	free(out);
}
END_TEST

START_TEST(test_ovfenv_ssh_disabled_keeps_the_vty_lines_out)
{
	char	*out = convert(
	    "<Property oe:key=\"login-username\" oe:value=\"ops\"/>\n"
	    "<Property oe:key=\"enable-ssh-server\" oe:value=\"False\"/>\n"
	    "<Property oe:key=\"mgmt-ipv4-addr\" "
	    "oe:value=\"198.51.100.7 255.255.255.128\"/>\n"
	    "<Property oe:key=\"mgmt-interface\" "
	    "oe:value=\"GigabitEthernet2\"/>\n");

	ck_assert_str_eq(out,
	    "username ops privilege 15\n"
	    "interface GigabitEthernet2\n"
	    " ip address 198.51.100.7 255.255.255.128\n"
	    " no shutdown\n"
	    "exit\n");
	free(out);
}
END_TEST

START_TEST(test_ovfenv_with_no_properties_is_empty)
{
	char	*out = convert("");

	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

START_TEST(test_a_newline_in_a_value_is_refused_by_name)
{
	const char	*bad = NULL;
	char		*xml, *out = NULL;

	xml = env("<Property oe:key=\"hostname\" "
	    "oe:value=\"r1&#10;enable password x\"/>\n");
	ck_assert_int_eq(day0_from_ovfenv(xml, &out, &bad), DAY0_E_VALUE);
	ck_assert_ptr_null(out);
	ck_assert_str_eq(bad, "hostname");
	free(xml);
}
END_TEST

START_TEST(test_a_bad_prefix_length_is_refused)
{
	const char	*bad = NULL;
	char		*xml, *out = NULL;

	xml = env("<Property oe:key=\"mgmt-ipv4-addr\" "
	    "oe:value=\"192.0.2.1/33\"/>\n");
	ck_assert_int_eq(day0_from_ovfenv(xml, &out, &bad), DAY0_E_VALUE);
	ck_assert_str_eq(bad, "mgmt-ipv4-addr");
	free(xml);
}
END_TEST

START_TEST(test_a_document_that_is_not_an_environment_is_refused)
{
	const char	*bad = NULL;
	char		*out = NULL;

	ck_assert_int_eq(day0_from_ovfenv("<html><body>hi</body></html>",
	    &out, &bad), DAY0_E_NOTENV);
	ck_assert_int_eq(day0_from_ovfenv("", &out, &bad), DAY0_E_NOTENV);
	ck_assert_int_eq(day0_from_ovfenv("<Environment <Property oe:key=",
	    &out, &bad), DAY0_E_NOTENV);
}
END_TEST

START_TEST(test_iosxe_config_loses_crlf_and_a_trailing_end)
{
	char	*out = NULL;

	ck_assert_int_eq(day0_from_iosxe("hostname r9\r\ninterface "
	    "GigabitEthernet1\r\n ip address dhcp\r\nend\r\n\r\n", &out), 0);
	ck_assert_str_eq(out, "hostname r9\ninterface GigabitEthernet1\n"
	    " ip address dhcp\n");
	free(out);
	ck_assert_int_eq(day0_from_iosxe("", &out), 0);
	ck_assert_str_eq(out, "");
	free(out);
	ck_assert_int_eq(day0_from_iosxe("hostname a", &out), 0);
	ck_assert_str_eq(out, "hostname a\n");
	free(out);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("day0");
	TCase	*tc = tcase_create("day0");

	tcase_add_test(tc, test_ovfenv_full_day0_gives_the_csr_lines_in_order);
	tcase_add_test(tc, test_ovfenv_dhcp_and_a_public_key_without_a_domain);
	tcase_add_test(tc, test_ovfenv_ssh_disabled_keeps_the_vty_lines_out);
	tcase_add_test(tc, test_ovfenv_with_no_properties_is_empty);
	tcase_add_test(tc, test_a_newline_in_a_value_is_refused_by_name);
	tcase_add_test(tc, test_a_bad_prefix_length_is_refused);
	tcase_add_test(tc,
	    test_a_document_that_is_not_an_environment_is_refused);
	tcase_add_test(tc, test_iosxe_config_loses_crlf_and_a_trailing_end);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
