/*
 * The grammar engine against a small IOS-like grammar: matching,
 * errors and their carets, `no`, filters, arguments, help, completion.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cmd.h"
#include "tests/unit/unit.h"

enum { M_EXEC, M_CONFIG, M_IF, M_LINE, M_COUNT };

static const struct cmd_mode modes[M_COUNT] = {
	{ M_EXEC, "", "#", CMD_MODE_NONE, "Exec commands:" },
	{ M_CONFIG, "config", "(config)#", CMD_MODE_NONE,
	    "Configure commands:" },
	{ M_IF, "config-if", "(config-if)#", M_CONFIG,
	    "Interface configuration commands:" },
	{ M_LINE, "config-line", "(config-line)#", M_CONFIG,
	    "Line configuration commands:" },
};

#define SHOW	"Show running system information\n"
#define IPG	"Global IP configuration subcommands\n"
#define DOM	IPG "IP DNS Resolver\n"

static const struct cmd_def defs[] = {
	/* exec */
	{ M_EXEC, "show running-config [interface IFNAME]", SHOW
	    "Current operating configuration\nShow interface configuration\n"
	    "Interface name", CMD_MODE_NONE, CMD_F_PIPE, 15, 1, NULL },
	{ M_EXEC, "show ip interface brief", SHOW "IP information\n"
	    "IP interface status and configuration\n"
	    "Brief summary of IP status and configuration", CMD_MODE_NONE,
	    CMD_F_PIPE, 1, 2, NULL },
	{ M_EXEC, "show version", SHOW "System hardware and software status",
	    CMD_MODE_NONE, CMD_F_PIPE, 1, 3, NULL },
	{ M_EXEC, "show mac address-table", SHOW "MAC configuration\n"
	    "MAC forwarding table", CMD_MODE_NONE, CMD_F_PIPE, 1, 4, NULL },
	{ M_EXEC, "configure terminal", "Enter configuration mode\n"
	    "Configure from the terminal", M_CONFIG, 0, 15, 5, NULL },
	{ M_EXEC, "ssh WORD", "Open a secure shell client connection\n"
	    "Host name", CMD_MODE_NONE, 0, 1, 6, NULL },
	{ M_EXEC, "systat", "Display information about terminal lines",
	    CMD_MODE_NONE, 0, 1, 7, NULL },
	{ M_EXEC, "ping WORD", "Send echo messages\nPing destination address "
	    "or hostname", CMD_MODE_NONE, 0, 1, 8, NULL },
	{ M_EXEC, "ping ip WORD", "Send echo messages\nIP echo\n"
	    "Ping destination address or hostname", CMD_MODE_NONE, 0, 1, 9,
	    NULL },
	{ M_EXEC, "terminal length <0-512>", "Set terminal line parameters\n"
	    "Set number of lines on a screen\nNumber of lines on screen (0 for "
	    "no pausing)", CMD_MODE_NONE, 0, 1, 10, NULL },
	/* config */
	{ M_CONFIG, "hostname WORD", "Set system's network name\n"
	    "This system's network name", CMD_MODE_NONE, CMD_F_NO, 15, 20,
	    NULL },
	{ M_CONFIG, "ip domain name WORD", DOM "Define the default domain "
	    "name\nDefault domain name", CMD_MODE_NONE, CMD_F_NO, 15, 21,
	    NULL },
	{ M_CONFIG, "ip domain lookup", DOM "Enable IP Domain Name System "
	    "hostname translation", CMD_MODE_NONE, CMD_F_NO, 15, 22, NULL },
	{ M_CONFIG, "no ip domain lookup", "Negate a command or set its "
	    "defaults\n" DOM "Enable IP Domain Name System hostname "
	    "translation", CMD_MODE_NONE, 0, 15, 23, NULL },
	{ M_CONFIG, "ip route A.B.C.D$prefix A.B.C.D$mask "
	    "{A.B.C.D$nexthop|IFNAME$ifname} [<1-255>$distance]",
	    IPG "Establish static routes\nDestination prefix\n"
	    "Destination prefix mask\nForwarding router's address\n"
	    "Interface\nDistance metric for this route", CMD_MODE_NONE,
	    CMD_F_NO, 15, 24, NULL },
	{ M_CONFIG, "ip name-server A.B.C.D [A.B.C.D]", IPG "Specify address "
	    "of name server to use\nDomain server IP address\nDomain server "
	    "IP address", CMD_MODE_NONE, CMD_F_NO, 15, 25, NULL },
	{ M_CONFIG, "ip http server", IPG "HTTP server configuration\n"
	    "Enable HTTP server", CMD_MODE_NONE, CMD_F_NOONLY, 15, 26, NULL },
	{ M_CONFIG, "interface IFNAME", "Select an interface to configure\n"
	    "Interface name", M_IF, CMD_F_NO, 15, 27, NULL },
	{ M_CONFIG, "line vty <0-98>$first [<1-98>$last]", "Configure a "
	    "terminal line\nVirtual terminal\nFirst Line number\n"
	    "Last Line number", M_LINE, 0, 15, 28, NULL },
	{ M_CONFIG, "exit", "Exit from configure mode", CMD_MODE_NONE, 0, 15,
	    29, NULL },
	{ M_CONFIG, "end", "Exit from configure mode", CMD_MODE_NONE, 0, 15,
	    30, NULL },
	{ M_CONFIG, "logging host A.B.C.D", "Modify message logging "
	    "facilities\nSet syslog server IP address and parameters\n"
	    "IP address of the logging host", CMD_MODE_NONE, CMD_F_NO, 15, 31,
	    NULL },
	{ M_CONFIG, "banner motd LINE", "Define a login banner\nSet Message of "
	    "the Day banner\nc banner-text c, where 'c' is a delimiting "
	    "character", CMD_MODE_NONE, CMD_F_NO, 15, 32, NULL },
	{ M_CONFIG, "ipv4 itr", "Configure IPv4 ITR\nITR role",
	    CMD_MODE_NONE, CMD_F_NO, 15, 33, NULL },
	{ M_CONFIG, "ipv4 itr map-resolver A.B.C.D", "Configure IPv4 ITR\n"
	    "ITR role\nMap-Resolver address\nIPv4 address", CMD_MODE_NONE,
	    CMD_F_NO, 15, 34, NULL },
	{ M_CONFIG, "service internal", "Modify use of network based "
	    "services\nEnable internal commands", CMD_MODE_NONE,
	    CMD_F_NO | CMD_F_HIDDEN, 15, 35, NULL },
	/* config-if */
	{ M_IF, "shutdown", "Shutdown the selected interface", CMD_MODE_NONE,
	    CMD_F_NO, 15, 40, NULL },
	{ M_IF, "ip address A.B.C.D$address A.B.C.D$mask [secondary]",
	    "Interface Internet Protocol config commands\nSet the IP address "
	    "of an interface\nIP address\nIP subnet mask\nMake this IP address "
	    "a secondary address", CMD_MODE_NONE, CMD_F_NO, 15, 41, NULL },
	{ M_IF, "mac-address H.H.H", "Manually set interface MAC address\n"
	    "MAC address", CMD_MODE_NONE, CMD_F_NO, 15, 42, NULL },
	{ M_IF, "ipv6 address X:X:X:X::X/<0-128>", "IPv6 interface "
	    "subcommands\nConfigure IPv6 address on interface\nIPv6 prefix",
	    CMD_MODE_NONE, CMD_F_NO, 15, 43, NULL },
	{ M_IF, "ipv6 gateway X:X::X", "IPv6 interface subcommands\n"
	    "Gateway\nIPv6 address", CMD_MODE_NONE, CMD_F_NO, 15, 44, NULL },
	{ M_IF, "eid4 A.B.C.D/M", "IPv4 EID\nEID prefix", CMD_MODE_NONE, 0,
	    15, 47, NULL },
	{ M_IF, "eid6 X:X::X/M", "IPv6 EID\nEID prefix", CMD_MODE_NONE, 0,
	    15, 48, NULL },
	{ M_IF, "description LINE", "Interface specific description\n"
	    "Up to 240 characters describing this interface", CMD_MODE_NONE,
	    CMD_F_NO, 15, 45, NULL },
	{ M_IF, "exit", "Exit from interface configuration mode",
	    CMD_MODE_NONE, 0, 15, 46, NULL },
	/* config-line */
	{ M_LINE, "exec-timeout <0-35791>$minutes [<0-2147483>$seconds]",
	    "Set the EXEC timeout\nTimeout in minutes\nTimeout in seconds",
	    CMD_MODE_NONE, CMD_F_NO, 15, 50, NULL },
	{ M_LINE, "exit", "Exit from line configuration mode", CMD_MODE_NONE,
	    0, 15, 51, NULL },
	{ M_LINE, "transport input {ssh|telnet|all|none}", "Define transport "
	    "protocols for line\nDefine which protocols to use when connecting "
	    "to the terminal server\nTCP/IP SSH protocol\nTCP/IP Telnet "
	    "protocol\nAll protocols\nNo protocols", CMD_MODE_NONE, CMD_F_NO,
	    15, 52, NULL },
};

static struct cmd_grammar	*g;
static struct cmd_result	 r;

static void
setup(void)
{
	size_t	 bad = 99;

	g = cmd_grammar_new(modes, M_COUNT);
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(cmd_grammar_add_all(g, defs,
	    sizeof(defs) / sizeof(defs[0]), &bad), 0);
	memset(&r, 0, sizeof(r));
}

static void
teardown(void)
{
	cmd_result_clear(&r);
	cmd_grammar_free(g);
	g = NULL;
}

/* Parses and returns the status; the result stays in r. */
static enum cmd_status
P(int mode, int priv, const char *line)
{
	cmd_result_clear(&r);
	ck_assert_int_eq(cmd_parse(g, mode, priv, line, &r), 0);
	return r.status;
}

static int
action(void)
{
	return r.status == CMD_OK ? r.def->action : -1;
}

/* Parses, expects OK and returns the canonical line (static buffer). */
static const char *
canon(int mode, const char *line)
{
	static char	 buf[512];
	char		*s;

	ck_assert_msg(P(mode, 15, line) == CMD_OK, "'%.60s' status %d", line,
	    r.status);
	s = cmd_canonical(&r);
	ck_assert_ptr_nonnull(s);
	snprintf(buf, sizeof(buf), "%s", s);
	free(s);
	return buf;
}

static void
invalid_at(int mode, int priv, const char *line, size_t col)
{
	ck_assert_msg(P(mode, priv, line) == CMD_INVALID, "'%s' status %d",
	    line, r.status);
	ck_assert_msg(r.err_col == col, "'%.60s' caret %zu, want %zu", line,
	    r.err_col, col);
}

/* ? help output, expecting CMD_OK; caller frees. */
static char *
help(int mode, int priv, const char *line, int width)
{
	enum cmd_status	 st;
	size_t		 col;
	char		*out = NULL;

	ck_assert_int_eq(cmd_help(g, mode, priv, line, width, &out, &st,
	    &col), 0);
	ck_assert_msg(st == CMD_OK, "help '%s' status %d", line, st);
	ck_assert_ptr_nonnull(out);
	return out;
}

static void
help_is(int mode, int priv, const char *line, const char *want)
{
	char	*out = help(mode, priv, line, 80);

	ck_assert_str_eq(out, want);
	free(out);
}

START_TEST(test_a_unique_prefix_selects_the_keyword)
{
	ck_assert_int_eq(P(M_EXEC, 15, "conf t"), CMD_OK);
	ck_assert_int_eq(action(), 5);
	ck_assert_int_eq(r.def->enters, M_CONFIG);
	ck_assert_int_eq(r.negated, 0);
	ck_assert_int_eq(r.filter, CMD_FILTER_NONE);
}
END_TEST

START_TEST(test_every_word_of_a_command_may_be_abbreviated)
{
	ck_assert_int_eq(P(M_EXEC, 15, "sh run"), CMD_OK);
	ck_assert_int_eq(action(), 1);
	ck_assert_int_eq(P(M_EXEC, 15, "sh ip int br"), CMD_OK);
	ck_assert_int_eq(action(), 2);
	ck_assert_int_eq(P(M_CONFIG, 15, "int gi1"), CMD_OK);
	ck_assert_int_eq(action(), 27);
	ck_assert_int_eq(P(M_EXEC, 15, "sh ver"), CMD_OK);
	ck_assert_int_eq(action(), 3);
}
END_TEST

START_TEST(test_keywords_match_case_insensitively)
{
	ck_assert_int_eq(P(M_EXEC, 15, "SHOW VERSION"), CMD_OK);
	ck_assert_int_eq(action(), 3);
	ck_assert_int_eq(P(M_EXEC, 15, "Sh Ip Int BR"), CMD_OK);
	ck_assert_int_eq(action(), 2);
	ck_assert_str_eq(canon(M_EXEC, "CONF T"), "configure terminal");
}
END_TEST

START_TEST(test_an_exact_keyword_beats_a_longer_keyword_it_prefixes)
{
	/* ip is a prefix of ipv4 but is itself a keyword */
	ck_assert_int_eq(P(M_CONFIG, 15, "ip domain name example.com"),
	    CMD_OK);
	ck_assert_int_eq(action(), 21);
	ck_assert_int_eq(P(M_CONFIG, 15, "ipv itr"), CMD_OK);
	ck_assert_int_eq(action(), 33);
}
END_TEST

START_TEST(test_a_keyword_prefix_beats_a_variable)
{
	ck_assert_int_eq(P(M_EXEC, 1, "ping i 10.0.0.1"), CMD_OK);
	ck_assert_int_eq(action(), 9);
	ck_assert_int_eq(P(M_EXEC, 1, "ping ip 10.0.0.1"), CMD_OK);
	ck_assert_int_eq(action(), 9);
	ck_assert_int_eq(P(M_EXEC, 1, "ping host1"), CMD_OK);
	ck_assert_int_eq(action(), 8);
	ck_assert_str_eq(cmd_arg(r.args, "WORD"), "host1");
}
END_TEST

START_TEST(test_a_prefix_of_several_keywords_is_ambiguous)
{
	ck_assert_int_eq(P(M_EXEC, 15, "s"), CMD_AMBIGUOUS);
	ck_assert_int_eq(P(M_EXEC, 1, "s"), CMD_AMBIGUOUS);
	ck_assert_int_eq(P(M_LINE, 15, "ex"), CMD_AMBIGUOUS);
	ck_assert_int_eq(P(M_CONFIG, 15, "e"), CMD_AMBIGUOUS);
	/* ambiguity is reported at once, whatever follows */
	ck_assert_int_eq(P(M_LINE, 15, "ex 10 0"), CMD_AMBIGUOUS);
	ck_assert_int_eq(P(M_EXEC, 15, "sh i"), CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_LINE, 15, "transport input s"), CMD_OK);
	ck_assert_int_eq(P(M_LINE, 15, "transport input t"), CMD_OK);
}
END_TEST

START_TEST(test_a_missing_argument_is_incomplete)
{
	ck_assert_int_eq(P(M_CONFIG, 15, "logging"), CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_CONFIG, 15, "logging host"), CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_CONFIG, 15, "ip"), CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_CONFIG, 15, "interface GigabitEthernet"),
	    CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_CONFIG, 15, "ip route 10.0.0.0 255.0.0.0"),
	    CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_CONFIG, 15, "no"), CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_EXEC, 15, "show"), CMD_INCOMPLETE);
}
END_TEST

START_TEST(test_a_blank_line_is_empty)
{
	ck_assert_int_eq(P(M_CONFIG, 15, ""), CMD_EMPTY);
	ck_assert_int_eq(P(M_CONFIG, 15, "   \t  "), CMD_EMPTY);
}
END_TEST

START_TEST(test_the_caret_points_at_the_first_character_matching_nothing)
{
	/* `ex` agrees with exit: caret under the 3rd character */
	invalid_at(M_CONFIG, 15, "exec-timeout 10 0", 2);
	/* `sh` agrees with shutdown: caret under the `o` */
	invalid_at(M_IF, 15, "show vlan brief", 2);
	/* a variable agrees with nothing: caret at the word */
	invalid_at(M_CONFIG, 15, "logging 0255.255.1", 8);
	invalid_at(M_CONFIG, 15, "logging host 0255.255.1.1", 13);
	/* interface types count like keywords */
	invalid_at(M_CONFIG, 15, "interface gx1", 11);
	invalid_at(M_CONFIG, 15, "interface en0/3", 10);
	invalid_at(M_CONFIG, 15, "interface GigabitEthernet x", 26);
	/* `|` glued to a word is part of it */
	invalid_at(M_EXEC, 15, "show mac address-table|5a5a.1c1c.0d0d", 22);
	/* words after a complete command */
	invalid_at(M_CONFIG, 15, "hostname a b", 11);
	invalid_at(M_EXEC, 15, "configure terminal now", 19);
	invalid_at(M_CONFIG, 15, "xyz", 0);
}
END_TEST

START_TEST(test_carets_count_leading_whitespace)
{
	invalid_at(M_CONFIG, 15, "   interface gx1  ", 14);
	invalid_at(M_CONFIG, 15, "\tlogging  \t host x", 17);
	ck_assert_int_eq(P(M_CONFIG, 15, "   hostname   R1   "), CMD_OK);
	ck_assert_str_eq(cmd_arg(r.args, "WORD"), "R1");
}
END_TEST

START_TEST(test_commands_above_the_privilege_are_invisible)
{
	invalid_at(M_EXEC, 1, "configure terminal", 0);
	ck_assert_int_eq(P(M_EXEC, 15, "configure terminal"), CMD_OK);
	invalid_at(M_EXEC, 1, "sh run", 3);
	ck_assert_int_eq(P(M_EXEC, 1, "sh r"), CMD_INVALID);
	ck_assert_int_eq(P(M_EXEC, 15, "sh r"), CMD_OK);
	/* with running-config invisible, `sh i` is still ip */
	ck_assert_int_eq(P(M_EXEC, 1, "sh ip int brief"), CMD_OK);
}
END_TEST

START_TEST(test_no_matches_a_negation_truncated_after_the_leading_keywords)
{
	ck_assert_int_eq(P(M_CONFIG, 15, "no hostname"), CMD_OK);
	ck_assert_int_eq(action(), 20);
	ck_assert_int_eq(r.negated, 1);
	ck_assert_str_eq(canon(M_CONFIG, "no hostname"), "no hostname");
	ck_assert_str_eq(canon(M_CONFIG, "no hostname R1"), "no hostname R1");
	ck_assert_str_eq(canon(M_CONFIG, "no ip route 10.0.0.0 255.0.0.0"),
	    "no ip route 10.0.0.0 255.0.0.0");
	ck_assert_int_eq(action(), 24);
	ck_assert_str_eq(canon(M_CONFIG, "n ipv itr"), "no ipv4 itr");
	ck_assert_int_eq(action(), 33);
	ck_assert_str_eq(canon(M_CONFIG, "no ipv4 itr map 1.1.1.1"),
	    "no ipv4 itr map-resolver 1.1.1.1");
	ck_assert_int_eq(action(), 34);
	ck_assert_str_eq(canon(M_IF, "no ip address"), "no ip address");
	ck_assert_str_eq(canon(M_IF, "no shut"), "no shutdown");
}
END_TEST

START_TEST(test_no_needs_every_leading_keyword)
{
	ck_assert_int_eq(P(M_CONFIG, 15, "no ip"), CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_CONFIG, 15, "no ip domain"), CMD_INCOMPLETE);
	/* all the leading keywords are there: the address may go */
	ck_assert_int_eq(P(M_CONFIG, 15, "no ipv4 itr map-resolver"),
	    CMD_OK);
	ck_assert_int_eq(action(), 34);
	ck_assert_int_eq(P(M_CONFIG, 15, "no logging"), CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_CONFIG, 15, "no logging host"), CMD_OK);
}
END_TEST

START_TEST(test_an_explicit_no_definition_beats_the_derived_negation)
{
	ck_assert_int_eq(P(M_CONFIG, 15, "no ip domain lookup"), CMD_OK);
	ck_assert_int_eq(action(), 23);
	ck_assert_int_eq(r.negated, 0);
	ck_assert_str_eq(canon(M_CONFIG, "no ip dom look"),
	    "no ip domain lookup");
	ck_assert_int_eq(action(), 23);
	ck_assert_int_eq(P(M_CONFIG, 15, "ip domain lookup"), CMD_OK);
	ck_assert_int_eq(action(), 22);
	ck_assert_str_eq(canon(M_CONFIG, "no ip domain name x"),
	    "no ip domain name x");
	ck_assert_int_eq(action(), 21);
}
END_TEST

START_TEST(test_no_only_definitions_accept_only_the_negated_form)
{
	ck_assert_int_eq(P(M_CONFIG, 15, "no ip http server"), CMD_OK);
	ck_assert_int_eq(action(), 26);
	ck_assert_int_eq(r.negated, 1);
	invalid_at(M_CONFIG, 15, "ip http server", 3);
}
END_TEST

START_TEST(test_no_is_invalid_where_nothing_is_negatable)
{
	invalid_at(M_EXEC, 15, "no shutdown", 0);
	invalid_at(M_LINE, 15, "no exit", 5);
	invalid_at(M_CONFIG, 15, "no line vty 0", 4);
}
END_TEST

START_TEST(test_pipe_filters_parse_with_their_abbreviations)
{
	static const struct {
		const char	*line;
		enum cmd_filter	 f;
	} t[] = {
		{ "sh run | i ipv4", CMD_FILTER_INCLUDE },
		{ "sh run | inc ipv4", CMD_FILTER_INCLUDE },
		{ "sh run | include ipv4", CMD_FILTER_INCLUDE },
		{ "sh run | ex ipv4", CMD_FILTER_EXCLUDE },
		{ "sh run | e ipv4", CMD_FILTER_EXCLUDE },
		{ "sh run | b ipv4", CMD_FILTER_BEGIN },
		{ "sh run | beg ipv4", CMD_FILTER_BEGIN },
		{ "sh run | s ipv4", CMD_FILTER_SECTION },
		{ "sh run | sec ipv4", CMD_FILTER_SECTION },
		{ "sh run | c ipv4", CMD_FILTER_COUNT },
		{ "sh run | COUNT ipv4", CMD_FILTER_COUNT },
	};
	size_t	 k;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		ck_assert_int_eq(P(M_EXEC, 15, t[k].line), CMD_OK);
		ck_assert_int_eq(action(), 1);
		ck_assert_int_eq(r.filter, t[k].f);
		ck_assert_str_eq(r.filter_arg, "ipv4");
		ck_assert_uint_eq(r.filter_col, 7);
	}
	ck_assert_str_eq(canon(M_EXEC, "sh run | i ipv4"),
	    "show running-config");
	ck_assert_str_eq(canon(M_EXEC, "sh run int gi1 | i ipv4"),
	    "show running-config interface GigabitEthernet1");
	ck_assert_str_eq(canon(M_EXEC, "sh run int gi 2 | sec x"),
	    "show running-config interface GigabitEthernet2");
	ck_assert_int_eq(r.filter, CMD_FILTER_SECTION);
	ck_assert_uint_eq(r.filter_col, 16);
	ck_assert_int_eq(P(M_EXEC, 1, "show ip int br | include up  down  "),
	    CMD_OK);
	ck_assert_str_eq(r.filter_arg, "up  down");
	/* one pipe only: the rest is the expression */
	ck_assert_int_eq(P(M_EXEC, 1, "sh ver | i a | e b"), CMD_OK);
	ck_assert_int_eq(r.filter, CMD_FILTER_INCLUDE);
	ck_assert_str_eq(r.filter_arg, "a | e b");
}
END_TEST

START_TEST(test_pipe_errors_are_ios_errors)
{
	ck_assert_int_eq(P(M_EXEC, 15, "sh run |"), CMD_INCOMPLETE);
	ck_assert_int_eq(P(M_EXEC, 15, "sh run | i"), CMD_INCOMPLETE);
	invalid_at(M_EXEC, 15, "sh run | x foo", 9);
	invalid_at(M_EXEC, 15, "sh run | inx foo", 11);
	invalid_at(M_EXEC, 15, "sh run|i foo", 6);
	/* commands without the flag take no pipe */
	invalid_at(M_CONFIG, 15, "hostname x | i y", 11);
	/* nor may a pipe come before the command can end */
	invalid_at(M_EXEC, 15, "show | i y", 5);
}
END_TEST

START_TEST(test_named_arguments_carry_canonical_values)
{
	ck_assert_int_eq(P(M_CONFIG, 15,
	    "ip route 010.000.000.000 255.0.0.0 gi 1 5"), CMD_OK);
	ck_assert_str_eq(cmd_arg(r.args, "prefix"), "10.0.0.0");
	ck_assert_str_eq(cmd_arg(r.args, "mask"), "255.0.0.0");
	ck_assert_str_eq(cmd_arg(r.args, "ifname"), "GigabitEthernet1");
	ck_assert_str_eq(cmd_arg(r.args, "distance"), "5");
	ck_assert_ptr_null(cmd_arg(r.args, "nexthop"));
	ck_assert(!cmd_arg_has(r.args, "nexthop"));
	ck_assert(cmd_arg_has(r.args, "route"));
	ck_assert_str_eq(cmd_arg(r.args, "route"), "route");

	ck_assert_int_eq(P(M_IF, 15, "ip add 10.0.0.1 255.255.255.0 sec"),
	    CMD_OK);
	ck_assert_str_eq(cmd_arg(r.args, "address"), "10.0.0.1");
	ck_assert_str_eq(cmd_arg(r.args, "secondary"), "secondary");
	ck_assert_int_eq(P(M_IF, 15, "ip add 10.0.0.1 255.255.255.0"),
	    CMD_OK);
	ck_assert(!cmd_arg_has(r.args, "secondary"));
	ck_assert_str_eq(canon(M_LINE, "exec 0010 00"), "exec-timeout 10 0");
	ck_assert_str_eq(cmd_arg(r.args, "minutes"), "10");
	ck_assert_str_eq(cmd_arg(r.args, "seconds"), "0");
}
END_TEST

START_TEST(test_repeated_names_are_all_returned_in_order)
{
	const char *const	*v;

	ck_assert_int_eq(P(M_CONFIG, 15, "ip name-server 1.1.1.1 2.2.2.2"),
	    CMD_OK);
	ck_assert_uint_eq(cmd_arg_all(r.args, "A.B.C.D", &v), 2);
	ck_assert_str_eq(v[0], "1.1.1.1");
	ck_assert_str_eq(v[1], "2.2.2.2");
	ck_assert_str_eq(cmd_arg(r.args, "A.B.C.D"), "1.1.1.1");
	ck_assert_uint_eq(cmd_arg_all(r.args, "ip", &v), 1);
	ck_assert_uint_eq(cmd_arg_all(r.args, "nothing", &v), 0);
	ck_assert_ptr_null(v);
}
END_TEST

START_TEST(test_interface_names_are_canonical_in_every_form)
{
	static const char *const t[][2] = {
		{ "int gi1", "interface GigabitEthernet1" },
		{ "interface GigabitEthernet 1", "interface GigabitEthernet1" },
		{ "int GIGABITETHERNET2", "interface GigabitEthernet2" },
		{ "int gi0/1.100", "interface GigabitEthernet0/1.100" },
		{ "int lo0", "interface Loopback0" },
		{ "int Li 1", "interface LISP1" },
		{ "int po3", "interface Port-channel3" },
		{ "int port-ch 3", "interface Port-channel3" },
		{ "int vl10", "interface Vlan10" },
		{ "int t 01", "interface Tunnel1" },
		{ "no int lo0", "no interface Loopback0" },
	};
	char	 buf[64];
	size_t	 k;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++)
		ck_assert_str_eq(canon(M_CONFIG, t[k][0]), t[k][1]);
	ck_assert_int_eq(P(M_CONFIG, 15, "int l1"), CMD_AMBIGUOUS);
	ck_assert_int_eq(P(M_CONFIG, 15, "int l 1"), CMD_AMBIGUOUS);
	invalid_at(M_CONFIG, 15, "int gi1/", 7);
	invalid_at(M_CONFIG, 15, "int gi1.2.3", 9);

	ck_assert_int_eq(cmd_ifname_canon("gi0/1", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "GigabitEthernet0/1");
	ck_assert_int_eq(cmd_ifname_canon("Loopback10", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "Loopback10");
	ck_assert_int_eq(cmd_ifname_canon("l1", buf, sizeof(buf)),
	    CMD_E_SYNTAX);
	ck_assert_int_eq(cmd_ifname_canon("gi", buf, sizeof(buf)),
	    CMD_E_SYNTAX);
	ck_assert_int_eq(cmd_ifname_canon("Ethernet0", buf, sizeof(buf)),
	    CMD_E_SYNTAX);
	ck_assert_int_eq(cmd_ifname_canon("gi1", buf, 5), CMD_E_SYNTAX);
}
END_TEST

START_TEST(test_mac_addresses_are_canonical_in_every_form)
{
	ck_assert_str_eq(canon(M_IF, "mac AABB.CCDD.EEFF"),
	    "mac-address aabb.ccdd.eeff");
	ck_assert_str_eq(canon(M_IF, "mac aa:bb:cc:dd:ee:0f"),
	    "mac-address aabb.ccdd.ee0f");
	ck_assert_str_eq(canon(M_IF, "mac 1.2.3"),
	    "mac-address 0001.0002.0003");
	ck_assert_str_eq(cmd_arg(r.args, "H.H.H"), "0001.0002.0003");
	invalid_at(M_IF, 15, "mac aabb.ccdd", 4);
	invalid_at(M_IF, 15, "mac aabb.ccdd.eeffa", 4);
	invalid_at(M_IF, 15, "mac aa:bb:cc:dd:ee", 4);
	invalid_at(M_IF, 15, "mac gggg.0000.0000", 4);
}
END_TEST

START_TEST(test_ipv4_addresses_are_checked_and_normalised)
{
	ck_assert_str_eq(canon(M_CONFIG, "logging host 01.002.3.4"),
	    "logging host 1.2.3.4");
	invalid_at(M_CONFIG, 15, "logging host 1.2.3.256", 13);
	invalid_at(M_CONFIG, 15, "logging host 1.2.3", 13);
	invalid_at(M_CONFIG, 15, "logging host 1.2.3.4.5", 13);
	invalid_at(M_CONFIG, 15, "logging host 1..3.4", 13);
	invalid_at(M_CONFIG, 15, "logging host 1.2.3.4.", 13);
	invalid_at(M_CONFIG, 15, "logging host a.b.c.d", 13);
}
END_TEST

START_TEST(test_ipv6_addresses_are_canonical)
{
	ck_assert_str_eq(canon(M_IF, "ipv6 add 2001:DB8:0:0::1/64"),
	    "ipv6 address 2001:db8::1/64");
	ck_assert_str_eq(canon(M_IF, "ipv6 gat FE80:0::1"),
	    "ipv6 gateway fe80::1");
	invalid_at(M_IF, 15, "ipv6 add 2001:db8::1/129", 9);
	invalid_at(M_IF, 15, "ipv6 add 2001:db8::1", 9);
	invalid_at(M_IF, 15, "ipv6 gat 2001:db8::g", 9);
}
END_TEST

START_TEST(test_prefixes_keep_their_address_in_canonical_form)
{
	ck_assert_str_eq(canon(M_IF, "eid4 010.1.2.3/08"), "eid4 10.1.2.3/8");
	ck_assert_str_eq(canon(M_IF, "eid4 0.0.0.0/0"), "eid4 0.0.0.0/0");
	ck_assert_str_eq(canon(M_IF, "eid6 2001:DB8:0::/48"),
	    "eid6 2001:db8::/48");
	invalid_at(M_IF, 15, "eid4 10.0.0.0/33", 5);
	invalid_at(M_IF, 15, "eid4 10.0.0.0", 5);
	invalid_at(M_IF, 15, "eid4 10.0.0.0/", 5);
	invalid_at(M_IF, 15, "eid4 10.0.0/8", 5);
	invalid_at(M_IF, 15, "eid6 2001:db8::/129", 5);
	invalid_at(M_IF, 15, "eid6 2001:db8::/64/1", 5);
	help_is(M_IF, 15, "eid4 ", "  A.B.C.D/M  EID prefix");
}
END_TEST

START_TEST(test_ranges_accept_only_decimals_within_bounds)
{
	ck_assert_int_eq(P(M_LINE, 15, "exec-timeout 35791"), CMD_OK);
	invalid_at(M_LINE, 15, "exec-timeout 35792", 13);
	invalid_at(M_LINE, 15, "exec-timeout -1", 13);
	invalid_at(M_LINE, 15, "exec-timeout +1", 13);
	invalid_at(M_LINE, 15, "exec-timeout 1x", 13);
	invalid_at(M_LINE, 15, "exec-timeout 99999999999999999999999", 13);
	ck_assert_str_eq(canon(M_CONFIG, "line vty 0 98"), "line vty 0 98");
	invalid_at(M_CONFIG, 15, "line vty 0 99", 11);
	invalid_at(M_CONFIG, 15, "line vty 99", 9);
}
END_TEST

START_TEST(test_canonical_lines_use_full_keywords_and_values)
{
	ck_assert_str_eq(canon(M_CONFIG, "int gi1"),
	    "interface GigabitEthernet1");
	ck_assert_str_eq(canon(M_EXEC, "conf t"), "configure terminal");
	ck_assert_str_eq(canon(M_CONFIG, "ip route 10.0.0.0 255.0.0.0 gi 1"),
	    "ip route 10.0.0.0 255.0.0.0 GigabitEthernet1");
	ck_assert_str_eq(canon(M_CONFIG, "ip ro 10.0.0.0 255.0.0.0 1.1.1.1 7"),
	    "ip route 10.0.0.0 255.0.0.0 1.1.1.1 7");
	ck_assert_str_eq(canon(M_LINE, "trans in SSH"), "transport input ssh");
	ck_assert_str_eq(canon(M_CONFIG, "ban motd ^C hello   world ^C  "),
	    "banner motd ^C hello   world ^C");
	ck_assert_int_eq(P(M_CONFIG, 15, "exit now"), CMD_INVALID);
	ck_assert_ptr_null(cmd_canonical(&r));
}
END_TEST

START_TEST(test_line_captures_the_rest_as_typed)
{
	ck_assert_int_eq(P(M_CONFIG, 15, "banner motd  #Hello \t world#   "),
	    CMD_OK);
	ck_assert_str_eq(cmd_arg(r.args, "LINE"), "#Hello \t world#");
	ck_assert_int_eq(P(M_IF, 15, "desc | not a pipe | here"), CMD_OK);
	ck_assert_str_eq(cmd_arg(r.args, "LINE"), "| not a pipe | here");
	ck_assert_int_eq(r.filter, CMD_FILTER_NONE);
}
END_TEST

START_TEST(test_the_first_added_definition_wins_a_tie)
{
	static const struct cmd_def d2[] = {
		{ M_EXEC, "foo WORD", "Foo\nWord", CMD_MODE_NONE, 0, 1, 1,
		    NULL },
		{ M_EXEC, "foo LINE", "Foo\nLine", CMD_MODE_NONE, 0, 1, 2,
		    NULL },
	};
	struct cmd_grammar	*g2 = cmd_grammar_new(modes, M_COUNT);

	ck_assert_int_eq(cmd_grammar_add_all(g2, d2, 2, NULL), 0);
	ck_assert_int_eq(cmd_parse(g2, M_EXEC, 1, "foo a", &r), 0);
	ck_assert_int_eq(r.status, CMD_OK);
	ck_assert_int_eq(r.def->action, 1);
	cmd_result_clear(&r);
	ck_assert_int_eq(cmd_parse(g2, M_EXEC, 1, "foo a b", &r), 0);
	ck_assert_int_eq(r.status, CMD_OK);
	ck_assert_int_eq(r.def->action, 2);
	ck_assert_str_eq(cmd_arg(r.args, "LINE"), "a b");
	cmd_result_clear(&r);
	cmd_grammar_free(g2);
}
END_TEST

START_TEST(test_hidden_commands_match_but_are_not_listed)
{
	char	*out, **w;

	ck_assert_int_eq(P(M_CONFIG, 15, "service internal"), CMD_OK);
	ck_assert_int_eq(P(M_CONFIG, 15, "no service internal"), CMD_OK);
	out = help(M_CONFIG, 15, "", 80);
	ck_assert_ptr_null(strstr(out, "service"));
	free(out);
	{
		enum cmd_status	 st;
		size_t		 col;

		ck_assert_int_eq(cmd_help(g, M_CONFIG, 15, "se", 80, &out,
		    &st, &col), 0);
		ck_assert_int_eq(st, CMD_INVALID);
		ck_assert_uint_eq(col, 0);
	}
	ck_assert_int_eq(cmd_complete(g, M_CONFIG, 15, "ser", &w), 0);
	ck_assert_ptr_null(w[0]);
	cmd_words_free(w);
}
END_TEST

START_TEST(test_help_lists_the_next_words_in_ios_layout)
{
	help_is(M_EXEC, 15, "show ",
	    "  ip              IP information\n"
	    "  mac             MAC configuration\n"
	    "  running-config  Current operating configuration\n"
	    "  version         System hardware and software status");
	help_is(M_EXEC, 1, "sh ",
	    "  ip       IP information\n"
	    "  mac      MAC configuration\n"
	    "  version  System hardware and software status");
	help_is(M_CONFIG, 15, "logging host ",
	    "  A.B.C.D  IP address of the logging host");
}
END_TEST

START_TEST(test_help_shows_cr_when_the_command_may_end)
{
	help_is(M_CONFIG, 15, "line vty 0 ",
	    "  <1-98>  Last Line number\n"
	    "  <cr>");
	help_is(M_CONFIG, 15, "hostname R1 ", "  <cr>");
	help_is(M_LINE, 15, "exec-timeout 10 ",
	    "  <0-2147483>  Timeout in seconds\n"
	    "  <cr>");
	help_is(M_CONFIG, 15, "banner motd ",
	    "  LINE  c banner-text c, where 'c' is a delimiting character");
	help_is(M_CONFIG, 15, "banner motd hello ", "  <cr>");
}
END_TEST

START_TEST(test_help_lists_the_output_modifiers_after_a_pipe)
{
	help_is(M_EXEC, 1, "show version ",
	    "  |  Output modifiers\n"
	    "  <cr>");
	help_is(M_EXEC, 1, "show version | ",
	    "  begin    Begin with the line that matches\n"
	    "  count    Count number of lines which match regexp\n"
	    "  exclude  Exclude lines that match\n"
	    "  include  Include lines that match\n"
	    "  section  Filter a section of output");
	help_is(M_EXEC, 1, "show version | begin ",
	    "  LINE  Regular Expression");
	help_is(M_EXEC, 1, "show version | i foo ", "  <cr>");
	help_is(M_EXEC, 15, "show running-config ",
	    "  interface  Show interface configuration\n"
	    "  |          Output modifiers\n"
	    "  <cr>");
}
END_TEST

START_TEST(test_help_on_a_partial_word_lists_matching_keywords)
{
	help_is(M_EXEC, 15, "sh", "show");
	help_is(M_EXEC, 1, "s", "show  ssh  systat");
	help_is(M_CONFIG, 15, "i", "interface  ip  ipv4");
	help_is(M_CONFIG, 15, "IP", "ip  ipv4");
	help_is(M_IF, 15, "no s", "shutdown");
	help_is(M_EXEC, 1, "sh ver | i", "include");
	help_is(M_CONFIG, 15, "int g", "GigabitEthernet");
	help_is(M_CONFIG, 15, "int l", "LISP  Loopback");
	help_is(M_CONFIG, 15, "line vty 1", "<0-98>");
}
END_TEST

START_TEST(test_help_expands_interface_types)
{
	help_is(M_CONFIG, 15, "interface ",
	    "  GigabitEthernet  GigabitEthernet IEEE 802.3z\n"
	    "  LISP             Locator/ID Separation Protocol Virtual "
	    "Interface\n"
	    "  Loopback         Loopback interface\n"
	    "  Port-channel     Ethernet Channel of interfaces\n"
	    "  Tunnel           Tunnel interface\n"
	    "  Vlan             Catalyst Vlans");
	help_is(M_CONFIG, 15, "ip route 1.0.0.0 255.0.0.0 ",
	    "  A.B.C.D          Forwarding router's address\n"
	    "  GigabitEthernet  GigabitEthernet IEEE 802.3z\n"
	    "  LISP             Locator/ID Separation Protocol Virtual "
	    "Interface\n"
	    "  Loopback         Loopback interface\n"
	    "  Port-channel     Ethernet Channel of interfaces\n"
	    "  Tunnel           Tunnel interface\n"
	    "  Vlan             Catalyst Vlans");
	help_is(M_CONFIG, 15, "interface Loopback ",
	    "  <0-2147483647>  Loopback interface number");
}
END_TEST

START_TEST(test_help_lists_no_where_commands_are_negatable)
{
	char	*out;

	out = help(M_CONFIG, 15, "", 80);
	ck_assert_ptr_nonnull(strstr(out,
	    "\n  no         Negate a command or set its defaults"));
	ck_assert(strncmp(out, "  banner     Define a login banner\n",
	    35) == 0);
	free(out);
	out = help(M_EXEC, 15, "", 80);
	ck_assert_ptr_null(strstr(out, "  no "));
	free(out);
	out = help(M_LINE, 15, "", 80);
	ck_assert_str_eq(out,
	    "  exec-timeout  Set the EXEC timeout\n"
	    "  exit          Exit from line configuration mode\n"
	    "  no            Negate a command or set its defaults\n"
	    "  transport     Define transport protocols for line");
	free(out);
	help_is(M_LINE, 15, "no ",
	    "  exec-timeout  Set the EXEC timeout\n"
	    "  transport     Define transport protocols for line");
	help_is(M_CONFIG, 15, "no ip domain ",
	    "  lookup  Enable IP Domain Name System hostname translation\n"
	    "  name    Define the default domain name");
	help_is(M_CONFIG, 15, "no hostname ",
	    "  WORD  This system's network name\n"
	    "  <cr>");
}
END_TEST

START_TEST(test_help_reports_errors_before_the_last_word)
{
	enum cmd_status	 st;
	size_t		 col;
	char		*out;

	ck_assert_int_eq(cmd_help(g, M_CONFIG, 15, "xyz ", 80, &out, &st,
	    &col), 0);
	ck_assert_int_eq(st, CMD_INVALID);
	ck_assert_uint_eq(col, 0);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(cmd_help(g, M_EXEC, 15, "s ", 80, &out, &st, &col),
	    0);
	ck_assert_int_eq(st, CMD_AMBIGUOUS);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(cmd_help(g, M_IF, 15, "sho", 80, &out, &st, &col),
	    0);
	ck_assert_int_eq(st, CMD_INVALID);
	ck_assert_uint_eq(col, 2);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(cmd_help(g, M_CONFIG, 15, "hostname a b ", 80, &out,
	    &st, &col), 0);
	ck_assert_int_eq(st, CMD_INVALID);
	ck_assert_uint_eq(col, 11);
}
END_TEST

START_TEST(test_help_hides_commands_above_the_privilege)
{
	help_is(M_EXEC, 1, "",
	    "  ping      Send echo messages\n"
	    "  show      Show running system information\n"
	    "  ssh       Open a secure shell client connection\n"
	    "  systat    Display information about terminal lines\n"
	    "  terminal  Set terminal line parameters");
	help_is(M_EXEC, 15, "c", "configure");
}
END_TEST

START_TEST(test_help_wraps_long_text_under_its_column)
{
	help_is(M_CONFIG, 15, "banner ",
	    "  motd  Set Message of the Day banner");
	{
		char *out = help(M_CONFIG, 15, "banner motd ", 40);

		ck_assert_str_eq(out,
		    "  LINE  c banner-text c, where 'c' is a\n"
		    "        delimiting character");
		free(out);
	}
}
END_TEST

START_TEST(test_help_deduplicates_words_from_several_definitions)
{
	help_is(M_CONFIG, 15, "ip ",
	    "  domain       IP DNS Resolver\n"
	    "  name-server  Specify address of name server to use\n"
	    "  route        Establish static routes");
	help_is(M_CONFIG, 15, "ipv4 itr ",
	    "  map-resolver  Map-Resolver address\n"
	    "  <cr>");
}
END_TEST

static int
complete(int mode, const char *line, char ***w)
{
	int	 n = cmd_complete(g, mode, 15, line, w);

	ck_assert_int_ge(n, 0);
	ck_assert_ptr_nonnull(*w);
	ck_assert_ptr_null((*w)[n]);
	return n;
}

START_TEST(test_completion_completes_a_unique_keyword)
{
	char	**w;

	ck_assert_int_eq(complete(M_EXEC, "conf", &w), 1);
	ck_assert_str_eq(w[0], "configure");
	cmd_words_free(w);
	ck_assert_int_eq(complete(M_EXEC, "sh ru", &w), 1);
	ck_assert_str_eq(w[0], "running-config");
	cmd_words_free(w);
	ck_assert_int_eq(complete(M_CONFIG, "int gi", &w), 1);
	ck_assert_str_eq(w[0], "GigabitEthernet");
	cmd_words_free(w);
	ck_assert_int_eq(complete(M_EXEC, "sh ver | inc", &w), 1);
	ck_assert_str_eq(w[0], "include");
	cmd_words_free(w);
}
END_TEST

START_TEST(test_completion_puts_the_exact_keyword_first)
{
	char	**w;

	ck_assert_int_eq(complete(M_CONFIG, "ip", &w), 2);
	ck_assert_str_eq(w[0], "ip");
	ck_assert_str_eq(w[1], "ipv4");
	cmd_words_free(w);
	ck_assert_int_eq(complete(M_CONFIG, "i", &w), 3);
	ck_assert_str_eq(w[0], "interface");
	ck_assert_str_eq(w[1], "ip");
	ck_assert_str_eq(w[2], "ipv4");
	cmd_words_free(w);
	ck_assert_int_eq(complete(M_CONFIG, "ip domain ", &w), 2);
	ck_assert_str_eq(w[0], "lookup");
	ck_assert_str_eq(w[1], "name");
	cmd_words_free(w);
}
END_TEST

START_TEST(test_completion_offers_nothing_for_variables_or_errors)
{
	char	**w;

	ck_assert_int_eq(complete(M_CONFIG, "hostname R", &w), 0);
	cmd_words_free(w);
	ck_assert_int_eq(complete(M_CONFIG, "xyz a", &w), 0);
	cmd_words_free(w);
	ck_assert_int_eq(complete(M_EXEC, "s ver", &w), 0);
	cmd_words_free(w);
	ck_assert_int_eq(complete(M_CONFIG, "zz", &w), 0);
	cmd_words_free(w);
}
END_TEST

START_TEST(test_malformed_definitions_are_rejected)
{
	static const struct cmd_def bad[] = {
		{ M_EXEC, "show [version", "a\nb", CMD_MODE_NONE, 0, 1, 0,
		    NULL },
		{ M_EXEC, "show version]", "a\nb", CMD_MODE_NONE, 0, 1, 0,
		    NULL },
		{ M_EXEC, "Show", "a", CMD_MODE_NONE, 0, 1, 0, NULL },
		{ M_EXEC, "show <5-1>", "a\nb", CMD_MODE_NONE, 0, 1, 0, NULL },
		{ M_EXEC, "foo LINE bar", "a\nb\nc", CMD_MODE_NONE, 0, 1, 0,
		    NULL },
		{ M_EXEC, "[foo]", "a", CMD_MODE_NONE, 0, 1, 0, NULL },
		{ M_EXEC, "", "", CMD_MODE_NONE, 0, 1, 0, NULL },
		{ M_EXEC, "foo {}", "a", CMD_MODE_NONE, 0, 1, 0, NULL },
		{ M_EXEC, "foo WORD$", "a\nb", CMD_MODE_NONE, 0, 1, 0, NULL },
		{ M_EXEC, "foo bar", "a", CMD_MODE_NONE, 0, 1, 0, NULL },
		{ M_EXEC, "foo bar", "a\nb\nc", CMD_MODE_NONE, 0, 1, 0, NULL },
		{ 9, "foo", "a", CMD_MODE_NONE, 0, 1, 0, NULL },
		{ M_EXEC, "foo", "a", 7, 0, 1, 0, NULL },
		{ M_EXEC, "foo", "a\n", CMD_MODE_NONE, 0, 1, 0, NULL },
	};
	static const int want[] = {
		CMD_E_SYNTAX, CMD_E_SYNTAX, CMD_E_SYNTAX, CMD_E_SYNTAX,
		CMD_E_SYNTAX, CMD_E_SYNTAX, CMD_E_SYNTAX, CMD_E_SYNTAX,
		CMD_E_SYNTAX, CMD_E_HELP, CMD_E_HELP, CMD_E_MODE, CMD_E_MODE, 0,
	};
	size_t	 k, at = 99;

	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		ck_assert_msg(cmd_grammar_add(g, &bad[k]) == want[k],
		    "definition %zu: %d", k, cmd_grammar_add(g, &bad[k]));
	ck_assert_int_eq(cmd_grammar_add_all(g, bad + 12, 2, &at),
	    CMD_E_MODE);
	ck_assert_uint_eq(at, 0);
	ck_assert_str_eq(cmd_strerror(CMD_E_SYNTAX),
	    "malformed command syntax");
	ck_assert_str_eq(cmd_strerror(CMD_E_NOMEM), "out of memory");
	ck_assert_str_eq(cmd_strerror(CMD_E_MODE), "unknown mode");
	ck_assert_ptr_nonnull(cmd_strerror(CMD_E_HELP));
	ck_assert_ptr_nonnull(cmd_strerror(12345));
}
END_TEST

START_TEST(test_modes_are_copied_and_found_by_id)
{
	const struct cmd_mode	*m = cmd_grammar_mode(g, M_IF);

	ck_assert_uint_eq(cmd_grammar_nmodes(g), M_COUNT);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->prompt, "(config-if)#");
	ck_assert_int_eq(m->parent, M_CONFIG);
	ck_assert_ptr_ne(m->name, modes[M_IF].name);
	ck_assert_ptr_null(cmd_grammar_mode(g, 17));
	ck_assert_ptr_null(cmd_grammar_mode(g, -1));
	ck_assert_int_eq(cmd_parse(g, 42, 15, "x", &r), CMD_E_MODE);
	cmd_grammar_free(NULL);
	cmd_result_clear(NULL);
}
END_TEST

START_TEST(test_huge_and_binary_input_fails_cleanly)
{
	size_t	 n = 100000, k;
	char	*s = malloc(n + 1), *out;
	char	 bin[64];
	enum cmd_status st;
	size_t	 col;

	/* one huge word */
	memset(s, 'a', n);
	s[n] = '\0';
	invalid_at(M_CONFIG, 15, s, 0);
	/* tens of thousands of words */
	for (k = 0; k < n; k++)
		s[k] = k % 2 ? ' ' : 'x';
	invalid_at(M_CONFIG, 15, s, 0);
	memcpy(s, "hostname ", 9);
	invalid_at(M_CONFIG, 15, s, 12);
	/* a LINE takes them all */
	memcpy(s, "banner motd ", 12);
	ck_assert_int_eq(P(M_CONFIG, 15, s), CMD_OK);
	ck_assert_uint_eq(strlen(cmd_arg(r.args, "LINE")), n - 13);
	ck_assert_int_eq(cmd_help(g, M_CONFIG, 15, s, 80, &out, &st, &col),
	    0);
	ck_assert_int_eq(st, CMD_OK);
	free(out);
	/* a pipe expression too */
	memcpy(s, "sh ver | i  ", 12);
	ck_assert_int_eq(P(M_EXEC, 1, s), CMD_OK);
	ck_assert_uint_eq(strlen(r.filter_arg), n - 13);
	/* binary bytes */
	for (k = 0; k < sizeof(bin) - 1; k++)
		bin[k] = (char)(0x80 + k * 3);
	bin[sizeof(bin) - 1] = '\0';
	invalid_at(M_CONFIG, 15, bin, 0);
	ck_assert_int_eq(P(M_CONFIG, 15, "hostname \x01\xff\x7f"), CMD_OK);
	ck_assert_str_eq(cmd_arg(r.args, "WORD"), "\x01\xff\x7f");
	invalid_at(M_CONFIG, 15, "ip \xc3\xa9", 3);
	free(s);
}
END_TEST

START_TEST(test_a_hundred_thousand_parses_complete)
{
	size_t	 k;
	char	*c;

	for (k = 0; k < 100000; k++) {
		ck_assert_int_eq(cmd_parse(g, k % 2 ? M_CONFIG : M_IF, 15,
		    k % 2 ? "interface GigabitEthernet1" :
		    "ip address 10.0.0.1 255.255.255.0", &r), 0);
		ck_assert_int_eq(r.status, CMD_OK);
		if (k % 1000 == 0) {
			ck_assert_ptr_nonnull(c = cmd_canonical(&r));
			free(c);
		}
		cmd_result_clear(&r);
	}
}
END_TEST

static Suite *
cmd_suite(void)
{
	Suite	*s = suite_create("cmd");
	TCase	*tc = tcase_create("grammar");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_a_unique_prefix_selects_the_keyword);
	tcase_add_test(tc, test_every_word_of_a_command_may_be_abbreviated);
	tcase_add_test(tc, test_keywords_match_case_insensitively);
	tcase_add_test(tc,
	    test_an_exact_keyword_beats_a_longer_keyword_it_prefixes);
	tcase_add_test(tc, test_a_keyword_prefix_beats_a_variable);
	tcase_add_test(tc, test_a_prefix_of_several_keywords_is_ambiguous);
	tcase_add_test(tc, test_a_missing_argument_is_incomplete);
	tcase_add_test(tc, test_a_blank_line_is_empty);
	tcase_add_test(tc,
	    test_the_caret_points_at_the_first_character_matching_nothing);
	tcase_add_test(tc, test_carets_count_leading_whitespace);
	tcase_add_test(tc, test_commands_above_the_privilege_are_invisible);
	tcase_add_test(tc,
	    test_no_matches_a_negation_truncated_after_the_leading_keywords);
	tcase_add_test(tc, test_no_needs_every_leading_keyword);
	tcase_add_test(tc,
	    test_an_explicit_no_definition_beats_the_derived_negation);
	tcase_add_test(tc,
	    test_no_only_definitions_accept_only_the_negated_form);
	tcase_add_test(tc, test_no_is_invalid_where_nothing_is_negatable);
	tcase_add_test(tc, test_pipe_filters_parse_with_their_abbreviations);
	tcase_add_test(tc, test_pipe_errors_are_ios_errors);
	tcase_add_test(tc, test_named_arguments_carry_canonical_values);
	tcase_add_test(tc, test_repeated_names_are_all_returned_in_order);
	tcase_add_test(tc, test_interface_names_are_canonical_in_every_form);
	tcase_add_test(tc, test_mac_addresses_are_canonical_in_every_form);
	tcase_add_test(tc, test_ipv4_addresses_are_checked_and_normalised);
	tcase_add_test(tc, test_ipv6_addresses_are_canonical);
	tcase_add_test(tc,
	    test_prefixes_keep_their_address_in_canonical_form);
	tcase_add_test(tc, test_ranges_accept_only_decimals_within_bounds);
	tcase_add_test(tc, test_canonical_lines_use_full_keywords_and_values);
	tcase_add_test(tc, test_line_captures_the_rest_as_typed);
	tcase_add_test(tc, test_the_first_added_definition_wins_a_tie);
	tcase_add_test(tc, test_hidden_commands_match_but_are_not_listed);
	tcase_add_test(tc, test_help_lists_the_next_words_in_ios_layout);
	tcase_add_test(tc, test_help_shows_cr_when_the_command_may_end);
	tcase_add_test(tc, test_help_lists_the_output_modifiers_after_a_pipe);
	tcase_add_test(tc,
	    test_help_on_a_partial_word_lists_matching_keywords);
	tcase_add_test(tc, test_help_expands_interface_types);
	tcase_add_test(tc, test_help_lists_no_where_commands_are_negatable);
	tcase_add_test(tc, test_help_reports_errors_before_the_last_word);
	tcase_add_test(tc, test_help_hides_commands_above_the_privilege);
	tcase_add_test(tc, test_help_wraps_long_text_under_its_column);
	tcase_add_test(tc,
	    test_help_deduplicates_words_from_several_definitions);
	tcase_add_test(tc, test_completion_completes_a_unique_keyword);
	tcase_add_test(tc, test_completion_puts_the_exact_keyword_first);
	tcase_add_test(tc,
	    test_completion_offers_nothing_for_variables_or_errors);
	tcase_add_test(tc, test_malformed_definitions_are_rejected);
	tcase_add_test(tc, test_modes_are_copied_and_found_by_id);
	tcase_add_test(tc, test_huge_and_binary_input_fails_cleanly);
	tcase_add_test(tc, test_a_hundred_thousand_parses_complete);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(cmd_suite());
}
