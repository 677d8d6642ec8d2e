/*
 * Unit tests for cli/filter: IOS `| include`, `| exclude`, `| begin`,
 * `| section` and `| count` over a `show running-config`.
 */

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cli/filter.h"
#include "tests/unit/unit.h"

static const char running[] =
    "Building configuration...\n"
    "\n"
    "Current configuration : 1834 bytes\n"
    "!\n"
    "! Last configuration change at 12:07:44 UTC Tue Nov 21 2017\n"
    "!\n"
    "version 15.5\n"
    "service timestamps debug datetime msec\n"
    "!\n"
    "hostname R1\n"
    "!\n"
    "no ip domain lookup\n"
    "ip domain name example.com\n"
    "!\n"
    "username bob password 0 smith\n"
    "!\n"
    "ip ssh version 2\n"
    "ip ssh pubkey-chain\n"
    "  username bob\n"
    "   key-hash ssh-rsa EFF40492D1D6BF5D0B68491128456D27 bob@laptop\n"
    "!\n"
    "interface Loopback0\n"
    " ip address 1.1.1.1 255.255.255.255\n"
    "!\n"
    "interface LISP0\n"
    "!\n"
    "interface GigabitEthernet1\n"
    " ip address 172.16.100.1 255.255.255.0\n"
    " negotiation auto\n"
    " lisp mobility 172-16-100-0\n"
    "!\n"
    "interface GigabitEthernet10\n"
    " no ip address\n"
    " shutdown\n"
    " negotiation auto\n"
    "!\n"
    "router lisp\n"
    " locator-set site-1\n"
    "  IPv4-interface Loopback0 priority 10 weight 10\n"
    "  exit\n"
    " !\n"
    " dynamic-eid 172-16-100-0\n"
    "  database-mapping 172.16.100.0/24 locator-set site-1\n"
    "  exit\n"
    " !\n"
    " ipv4 itr map-resolver 3.3.3.3\n"
    " ipv4 itr\n"
    " ipv4 etr map-server 3.3.3.3 key cisco\n"
    " ipv4 etr\n"
    " exit\n"
    "!\n"
    "ip forward-protocol nd\n"
    "no ip http server\n"
    "no ip http secure-server\n"
    "ip route 0.0.0.0 0.0.0.0 10.0.0.254\n"
    "ip route 3.3.3.3 255.255.255.255 10.0.0.3\n"
    "!\n"
    "control-plane\n"
    "!\n"
    "line con 0\n"
    " stopbits 1\n"
    "line vty 0 4\n"
    " login local\n"
    " transport input ssh\n"
    "!\n"
    "end\n";

struct sink {
	char	*buf;
	size_t	 len;
	int	 lines;
};

/* Collects emitted lines; each must be one whole line ending in '\n'. */
static void
collect(const char *line, size_t len, void *arg)
{
	struct sink	*s = arg;

	ck_assert_uint_gt(len, 0);
	ck_assert_int_eq(line[len - 1], '\n');
	ck_assert_ptr_null(memchr(line, '\n', len - 1));
	s->buf = realloc(s->buf, s->len + len + 1);
	ck_assert_ptr_nonnull(s->buf);
	memcpy(s->buf + s->len, line, len);
	s->len += len;
	s->buf[s->len] = '\0';
	s->lines++;
}

/* Runs input through a filter, chunk bytes at a time; caller frees. */
static char *
run_chunked(int kind, const char *re, const char *input, size_t chunk)
{
	struct sink	 s = { NULL, 0, 0 };
	struct filter	*f;
	char		 err[128];
	size_t		 len = strlen(input), n;

	f = filter_new(kind, re, err, sizeof(err));
	ck_assert_msg(f != NULL, "filter_new(%s): %s", re, err);
	for (; len > 0; input += n, len -= n) {
		n = len < chunk ? len : chunk;
		ck_assert_int_eq(filter_input(f, input, n, collect, &s), 0);
	}
	ck_assert_int_eq(filter_finish(f, collect, &s), 0);
	filter_free(f);
	return s.buf != NULL ? s.buf : strdup("");
}

static char *
run(int kind, const char *re, const char *input)
{
	return run_chunked(kind, re, input, strlen(input) + 1);
}

#define ck_assert_filter(kind, re, input, want)			\
	do {								\
		char *got_ = run((kind), (re), (input));		\
		ck_assert_str_eq(got_, (want));				\
		free(got_);						\
	} while (0)

START_TEST(test_include_prints_only_matching_lines)
{
	ck_assert_filter(FILTER_INCLUDE, "ip route", running,
	    "ip route 0.0.0.0 0.0.0.0 10.0.0.254\n"
	    "ip route 3.3.3.3 255.255.255.255 10.0.0.3\n");
	ck_assert_filter(FILTER_INCLUDE, "ipv4", running,
	    " ipv4 itr map-resolver 3.3.3.3\n"
	    " ipv4 itr\n"
	    " ipv4 etr map-server 3.3.3.3 key cisco\n"
	    " ipv4 etr\n");
}
END_TEST

START_TEST(test_include_is_case_sensitive)
{
	ck_assert_filter(FILTER_INCLUDE, "Lisp", running, "");
	ck_assert_filter(FILTER_INCLUDE, "LISP", running,
	    "interface LISP0\n");
}
END_TEST

START_TEST(test_exclude_drops_matching_lines)
{
	ck_assert_filter(FILTER_EXCLUDE, "^( |!)|^$|^[A-Z]", running,
	    "version 15.5\n"
	    "service timestamps debug datetime msec\n"
	    "hostname R1\n"
	    "no ip domain lookup\n"
	    "ip domain name example.com\n"
	    "username bob password 0 smith\n"
	    "ip ssh version 2\n"
	    "ip ssh pubkey-chain\n"
	    "interface Loopback0\n"
	    "interface LISP0\n"
	    "interface GigabitEthernet1\n"
	    "interface GigabitEthernet10\n"
	    "router lisp\n"
	    "ip forward-protocol nd\n"
	    "no ip http server\n"
	    "no ip http secure-server\n"
	    "ip route 0.0.0.0 0.0.0.0 10.0.0.254\n"
	    "ip route 3.3.3.3 255.255.255.255 10.0.0.3\n"
	    "control-plane\n"
	    "line con 0\n"
	    "line vty 0 4\n"
	    "end\n");
}
END_TEST

START_TEST(test_begin_prints_from_the_first_match_to_the_end)
{
	ck_assert_filter(FILTER_BEGIN, "^ip forward", running,
	    "ip forward-protocol nd\n"
	    "no ip http server\n"
	    "no ip http secure-server\n"
	    "ip route 0.0.0.0 0.0.0.0 10.0.0.254\n"
	    "ip route 3.3.3.3 255.255.255.255 10.0.0.3\n"
	    "!\n"
	    "control-plane\n"
	    "!\n"
	    "line con 0\n"
	    " stopbits 1\n"
	    "line vty 0 4\n"
	    " login local\n"
	    " transport input ssh\n"
	    "!\n"
	    "end\n");
}
END_TEST

START_TEST(test_begin_without_a_match_prints_nothing)
{
	ck_assert_filter(FILTER_BEGIN, "router bgp", running, "");
}
END_TEST

START_TEST(test_section_prints_matching_headers_with_their_children)
{
	ck_assert_filter(FILTER_SECTION, "router lisp", running,
	    "router lisp\n"
	    " locator-set site-1\n"
	    "  IPv4-interface Loopback0 priority 10 weight 10\n"
	    "  exit\n"
	    " !\n"
	    " dynamic-eid 172-16-100-0\n"
	    "  database-mapping 172.16.100.0/24 locator-set site-1\n"
	    "  exit\n"
	    " !\n"
	    " ipv4 itr map-resolver 3.3.3.3\n"
	    " ipv4 itr\n"
	    " ipv4 etr map-server 3.3.3.3 key cisco\n"
	    " ipv4 etr\n"
	    " exit\n");
}
END_TEST

START_TEST(test_section_prints_every_matching_section_and_no_separators)
{
	ck_assert_filter(FILTER_SECTION, "^interface", running,
	    "interface Loopback0\n"
	    " ip address 1.1.1.1 255.255.255.255\n"
	    "interface LISP0\n"
	    "interface GigabitEthernet1\n"
	    " ip address 172.16.100.1 255.255.255.0\n"
	    " negotiation auto\n"
	    " lisp mobility 172-16-100-0\n"
	    "interface GigabitEthernet10\n"
	    " no ip address\n"
	    " shutdown\n"
	    " negotiation auto\n");
	ck_assert_filter(FILTER_SECTION, "^line", running,
	    "line con 0\n"
	    " stopbits 1\n"
	    "line vty 0 4\n"
	    " login local\n"
	    " transport input ssh\n");
}
END_TEST

START_TEST(test_section_prints_a_matching_child_without_its_parent)
{
	/* As IOS prints ` ip ospf 1 area 0` bare for `sh run | sec ospf`. */
	ck_assert_filter(FILTER_SECTION, "ip address", running,
	    " ip address 1.1.1.1 255.255.255.255\n"
	    " ip address 172.16.100.1 255.255.255.0\n"
	    " no ip address\n");
}
END_TEST

START_TEST(test_section_prints_a_matching_child_with_its_own_children)
{
	ck_assert_filter(FILTER_SECTION, "locator-set", running,
	    " locator-set site-1\n"
	    "  IPv4-interface Loopback0 priority 10 weight 10\n"
	    "  exit\n"
	    "  database-mapping 172.16.100.0/24 locator-set site-1\n");
	ck_assert_filter(FILTER_SECTION, "username", running,
	    "username bob password 0 smith\n"
	    "  username bob\n"
	    "   key-hash ssh-rsa EFF40492D1D6BF5D0B68491128456D27"
	    " bob@laptop\n");
}
END_TEST

START_TEST(test_section_ends_at_a_line_no_deeper_than_its_first)
{
	/* ` !` closes the dynamic-eid block; `lisp mobility` never matches. */
	ck_assert_filter(FILTER_SECTION, "dynamic-eid", running,
	    " dynamic-eid 172-16-100-0\n"
	    "  database-mapping 172.16.100.0/24 locator-set site-1\n"
	    "  exit\n");
	/* A column-0 section stops at the next column-0 line, even "!". */
	ck_assert_filter(FILTER_SECTION, "^interface LISP0", running,
	    "interface LISP0\n");
}
END_TEST

START_TEST(test_section_header_matching_again_inside_is_printed_once)
{
	ck_assert_filter(FILTER_SECTION, "lisp|exit", running,
	    " lisp mobility 172-16-100-0\n"
	    "router lisp\n"
	    " locator-set site-1\n"
	    "  IPv4-interface Loopback0 priority 10 weight 10\n"
	    "  exit\n"
	    " !\n"
	    " dynamic-eid 172-16-100-0\n"
	    "  database-mapping 172.16.100.0/24 locator-set site-1\n"
	    "  exit\n"
	    " !\n"
	    " ipv4 itr map-resolver 3.3.3.3\n"
	    " ipv4 itr\n"
	    " ipv4 etr map-server 3.3.3.3 key cisco\n"
	    " ipv4 etr\n"
	    " exit\n");
}
END_TEST

START_TEST(test_count_prints_the_number_of_matching_lines)
{
	ck_assert_filter(FILTER_COUNT, "^interface", running,
	    "Number of lines which match regexp = 4\n");
	ck_assert_filter(FILTER_COUNT, "ip", running,
	    "Number of lines which match regexp = 16\n");
	ck_assert_filter(FILTER_COUNT, ".", running,
	    "Number of lines which match regexp = 65\n");
}
END_TEST

START_TEST(test_count_without_a_match_prints_zero)
{
	ck_assert_filter(FILTER_COUNT, "router bgp", running,
	    "Number of lines which match regexp = 0\n");
	ck_assert_filter(FILTER_COUNT, "x", "",
	    "Number of lines which match regexp = 0\n");
}
END_TEST

START_TEST(test_underscore_matches_ios_delimiters)
{
	/* GigabitEthernet1_ must not match GigabitEthernet10. */
	ck_assert_filter(FILTER_INCLUDE, "_GigabitEthernet1_", running,
	    "interface GigabitEthernet1\n");
	ck_assert_filter(FILTER_INCLUDE, "_itr_", running,
	    " ipv4 itr map-resolver 3.3.3.3\n"
	    " ipv4 itr\n");
	ck_assert_filter(FILTER_INCLUDE, "_x_",
	    "x\n(x)\n{x}\na,x,b\nax\nx1\n_x_\n",
	    "x\n(x)\n{x}\na,x,b\n");
	ck_assert_filter(FILTER_SECTION, "^router lisp_", running,
	    "router lisp\n"
	    " locator-set site-1\n"
	    "  IPv4-interface Loopback0 priority 10 weight 10\n"
	    "  exit\n"
	    " !\n"
	    " dynamic-eid 172-16-100-0\n"
	    "  database-mapping 172.16.100.0/24 locator-set site-1\n"
	    "  exit\n"
	    " !\n"
	    " ipv4 itr map-resolver 3.3.3.3\n"
	    " ipv4 itr\n"
	    " ipv4 etr map-server 3.3.3.3 key cisco\n"
	    " ipv4 etr\n"
	    " exit\n");
}
END_TEST

START_TEST(test_escaped_or_bracketed_underscore_is_literal)
{
	ck_assert_filter(FILTER_INCLUDE, "a\\_b", "a_b\na b\nab\n", "a_b\n");
	ck_assert_filter(FILTER_INCLUDE, "a[_]b", "a_b\na b\nab\n", "a_b\n");
	ck_assert_filter(FILTER_INCLUDE, "a[^_]b", "a_b\na b\nab\n", "a b\n");
	ck_assert_filter(FILTER_INCLUDE, "a[[:space:]_]b", "a_b\na b\nab\n",
	    "a_b\na b\n");
	ck_assert_filter(FILTER_INCLUDE, "a[]_]b", "a]b\na_b\na b\n",
	    "a]b\na_b\n");
}
END_TEST

START_TEST(test_dollar_anchors_at_the_end_of_each_line)
{
	ck_assert_filter(FILTER_INCLUDE, "ipv4 (itr|etr)$", running,
	    " ipv4 itr\n"
	    " ipv4 etr\n");
}
END_TEST

START_TEST(test_bad_regex_is_refused_with_a_reason)
{
	const char	*bad[] = { "(", "ip (route", "[abc", "a{1", "a{2,1}",
	    "[z-a]", "route\\" };
	char		 err[128];
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strcpy(err, "");
		ck_assert_ptr_null(filter_new(FILTER_INCLUDE, bad[i], err,
		    sizeof(err)));
		ck_assert_msg(strlen(err) > 0, "no reason for %s", bad[i]);
		ck_assert_ptr_null(strchr(err, '\n'));
	}
	ck_assert_ptr_null(filter_new(FILTER_SECTION, "router (lisp", err,
	    sizeof(err)));
	ck_assert_str_eq(err, "Unmatched ( or \\(");
}
END_TEST

START_TEST(test_unknown_kind_is_refused)
{
	char	 err[64] = "";

	ck_assert_ptr_null(filter_new(0, "x", err, sizeof(err)));
	ck_assert_str_eq(err, "unknown filter 0");
	ck_assert_ptr_null(filter_new(6, "x", err, sizeof(err)));
}
END_TEST

START_TEST(test_lines_split_across_chunks_come_out_whole)
{
	static const size_t	 chunks[] = { 1, 2, 3, 7, 13, 64, 500 };
	static const int	 kinds[] = { FILTER_INCLUDE, FILTER_EXCLUDE,
	    FILTER_BEGIN, FILTER_SECTION, FILTER_COUNT };
	char			*whole, *got;
	size_t			 i, k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		whole = run(kinds[k], "lisp|_ip_", running);
		ck_assert_uint_gt(strlen(whole), 0);
		for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
			got = run_chunked(kinds[k], "lisp|_ip_", running,
			    chunks[i]);
			ck_assert_msg(strcmp(got, whole) == 0,
			    "kind %d, chunks of %zu", kinds[k], chunks[i]);
			free(got);
		}
		free(whole);
	}
}
END_TEST

START_TEST(test_final_line_without_newline_is_flushed_with_one)
{
	char	*got;

	got = run_chunked(FILTER_INCLUDE, "route",
	    "ip route 0.0.0.0 0.0.0.0 10.0.0.254\nend\nip route 3.3.3.3", 5);
	ck_assert_str_eq(got, "ip route 0.0.0.0 0.0.0.0 10.0.0.254\n"
	    "ip route 3.3.3.3\n");
	free(got);
	ck_assert_filter(FILTER_COUNT, "route", "ip route\nip route",
	    "Number of lines which match regexp = 2\n");
	ck_assert_filter(FILTER_EXCLUDE, "zzz", "", "");
}
END_TEST

START_TEST(test_a_very_long_line_is_filtered_whole)
{
	size_t	 n = 100000;
	char	*in, *got;

	in = malloc(n + 3);
	ck_assert_ptr_nonnull(in);
	memset(in, 'x', n);
	memcpy(in + n, "y\n", 3);
	got = run_chunked(FILTER_INCLUDE, "xy$", in, 4096);
	ck_assert_str_eq(got, in);
	free(got);
	free(in);
}
END_TEST

START_TEST(test_filter_free_accepts_null)
{
	filter_free(NULL);
}
END_TEST

static Suite *
filter_suite(void)
{
	Suite	*s = suite_create("filter");
	TCase	*tc = tcase_create("filter");

	tcase_add_test(tc, test_include_prints_only_matching_lines);
	tcase_add_test(tc, test_include_is_case_sensitive);
	tcase_add_test(tc, test_exclude_drops_matching_lines);
	tcase_add_test(tc, test_begin_prints_from_the_first_match_to_the_end);
	tcase_add_test(tc, test_begin_without_a_match_prints_nothing);
	tcase_add_test(tc,
	    test_section_prints_matching_headers_with_their_children);
	tcase_add_test(tc,
	    test_section_prints_every_matching_section_and_no_separators);
	tcase_add_test(tc,
	    test_section_prints_a_matching_child_without_its_parent);
	tcase_add_test(tc,
	    test_section_prints_a_matching_child_with_its_own_children);
	tcase_add_test(tc,
	    test_section_ends_at_a_line_no_deeper_than_its_first);
	tcase_add_test(tc,
	    test_section_header_matching_again_inside_is_printed_once);
	tcase_add_test(tc, test_count_prints_the_number_of_matching_lines);
	tcase_add_test(tc, test_count_without_a_match_prints_zero);
	tcase_add_test(tc, test_underscore_matches_ios_delimiters);
	tcase_add_test(tc, test_escaped_or_bracketed_underscore_is_literal);
	tcase_add_test(tc, test_dollar_anchors_at_the_end_of_each_line);
	tcase_add_test(tc, test_bad_regex_is_refused_with_a_reason);
	tcase_add_test(tc, test_unknown_kind_is_refused);
	tcase_add_test(tc, test_lines_split_across_chunks_come_out_whole);
	tcase_add_test(tc, test_final_line_without_newline_is_flushed_with_one);
	tcase_add_test(tc, test_a_very_long_line_is_filtered_whole);
	tcase_add_test(tc, test_filter_free_accepts_null);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(filter_suite());
}
