/*
 * cfgd's logging settings from configuration lines (cfg/logset.c), with
 * no daemon: each form of `logging ...` and `service timestamps log ...`
 * and the settings it gives, lines the grammar refuses leaving the
 * defaults, and the same settings read from a model that sessions filled
 * (as cfgd reads its running-config).
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgtab.h"
#include "cfg/logset.h"
#include "cfg/model.h"
#include "cfg/session.h"
#include "platform/ioslog.h"
#include "tests/unit/unit.h"

static struct cmd_grammar	*grammar;

static void
setup(void)
{
	const char	*bad = NULL;

	if (grammar == NULL)
		grammar = cfg_grammar_build(&bad);
	ck_assert_msg(grammar != NULL, "grammar: %s", bad ? bad : "?");
}

/* The settings from '\n'-separated lines, in order. */
static void
read_lines(struct log_settings *s, const char *lines)
{
	char	*copy = strdup(lines), *p, *nl;

	ck_assert_ptr_nonnull(copy);
	log_settings_default(s);
	for (p = copy; p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		ck_assert_int_eq(log_settings_line(s, grammar, p), 0);
	}
	free(copy);
}

static void
assert_defaults(const struct log_settings *s, const char *what)
{
	ck_assert_msg(s->buffered == IOS_DEBUG && s->console == IOS_DEBUG &&
	    s->monitor == IOS_DEBUG && s->trap == IOS_INFO &&
	    s->bufsize == LOG_BUF_DEFAULT && s->nhost == 0 &&
	    s->stamp.kind == IOS_STAMP_NONE,
	    "\"%s\" changed the settings: buffered %d console %d monitor %d "
	    "trap %d size %zu hosts %zu stamp %d", what, s->buffered,
	    s->console, s->monitor, s->trap, s->bufsize, s->nhost,
	    (int)s->stamp.kind);
}

static void
assert_host(const struct log_settings *s, size_t i, const char *addr,
    unsigned port)
{
	char	 buf[INET_ADDRSTRLEN];

	ck_assert_uint_gt(s->nhost, i);
	ck_assert_str_eq(s->host[i].addr, addr);
	ck_assert_int_eq(s->host[i].sin.sin_family, AF_INET);
	ck_assert_uint_eq(ntohs(s->host[i].sin.sin_port), port);
	ck_assert_ptr_nonnull(inet_ntop(AF_INET, &s->host[i].sin.sin_addr,
	    buf, sizeof(buf)));
	ck_assert_str_eq(buf, addr);
}

START_TEST(no_logging_lines_give_the_defaults)
{
	struct log_settings	 s;

	read_lines(&s, "hostname R1\n"
	    "service timestamps debug datetime msec\n"
	    "ip route 0.0.0.0 0.0.0.0 192.0.2.1\n"
	    "interface Loopback0\n"
	    "router lisp");
	assert_defaults(&s, "other lines");
}
END_TEST

START_TEST(each_sink_takes_its_level_by_name_or_number)
{
	struct log_settings	 s;

	read_lines(&s, "logging buffered warnings\n"
	    "logging console informational\n"
	    "logging monitor 3\n"
	    "logging trap debugging");
	ck_assert_int_eq(s.buffered, IOS_WARNING);
	ck_assert_int_eq(s.console, IOS_INFO);
	ck_assert_int_eq(s.monitor, IOS_ERR);
	ck_assert_int_eq(s.trap, IOS_DEBUG);
	ck_assert_uint_eq(s.bufsize, LOG_BUF_DEFAULT);

	read_lines(&s, "logging console emergencies\n"
	    "logging monitor alerts\n"
	    "logging trap critical\n"
	    "logging buffered notifications");
	ck_assert_int_eq(s.console, IOS_EMERG);
	ck_assert_int_eq(s.monitor, IOS_ALERT);
	ck_assert_int_eq(s.trap, IOS_CRIT);
	ck_assert_int_eq(s.buffered, IOS_NOTICE);

	read_lines(&s, "logging trap 0\nlogging console 7");
	ck_assert_int_eq(s.trap, IOS_EMERG);
	ck_assert_int_eq(s.console, IOS_DEBUG);
}
END_TEST

START_TEST(a_sink_without_a_level_is_at_its_default)
{
	struct log_settings	 s;

	read_lines(&s, "logging console\nlogging monitor\nlogging buffered\n"
	    "logging trap");
	assert_defaults(&s, "bare sinks");
	/* The last line for a sink is what counts. */
	read_lines(&s, "logging trap warnings\nlogging trap");
	ck_assert_int_eq(s.trap, IOS_INFO);
}
END_TEST

START_TEST(the_buffer_takes_a_size_a_level_or_both)
{
	struct log_settings	 s;

	read_lines(&s, "logging buffered 16384");
	ck_assert_uint_eq(s.bufsize, 16384);
	ck_assert_int_eq(s.buffered, IOS_DEBUG);
	read_lines(&s, "logging buffered 16384 warnings");
	ck_assert_uint_eq(s.bufsize, 16384);
	ck_assert_int_eq(s.buffered, IOS_WARNING);
	read_lines(&s, "logging buffered 2147483647 6");
	ck_assert_uint_eq(s.bufsize, 2147483647u);
	ck_assert_int_eq(s.buffered, IOS_INFO);
	/* A level number is not a size. */
	read_lines(&s, "logging buffered 5");
	ck_assert_uint_eq(s.bufsize, LOG_BUF_DEFAULT);
	ck_assert_int_eq(s.buffered, IOS_NOTICE);
}
END_TEST

START_TEST(no_logging_turns_a_sink_off)
{
	struct log_settings	 s;

	read_lines(&s, "no logging buffered\nno logging console\n"
	    "no logging monitor\nno logging trap");
	ck_assert_int_eq(s.buffered, -1);
	ck_assert_int_eq(s.console, -1);
	ck_assert_int_eq(s.monitor, -1);
	ck_assert_int_eq(s.trap, -1);
	ck_assert_uint_eq(s.bufsize, LOG_BUF_DEFAULT);
	/* ...and a later line turns it on again. */
	read_lines(&s, "no logging console\nlogging console errors");
	ck_assert_int_eq(s.console, IOS_ERR);
}
END_TEST

START_TEST(hosts_take_the_default_port_or_the_udp_one_given)
{
	struct log_settings	 s;

	read_lines(&s, "logging host 192.0.2.10\n"
	    "logging host 198.51.100.7 transport udp port 5514\n"
	    "logging 203.0.113.9\n"
	    "logging host 192.0.2.11 transport udp port 514");
	ck_assert_uint_eq(s.nhost, 4);
	assert_host(&s, 0, "192.0.2.10", 514);
	assert_host(&s, 1, "198.51.100.7", 5514);
	assert_host(&s, 2, "203.0.113.9", 514);
	assert_host(&s, 3, "192.0.2.11", 514);
	ck_assert_uint_eq(s.host[0].lines, 0);
	/* The levels are not touched by hosts. */
	ck_assert_int_eq(s.trap, IOS_INFO);
}
END_TEST

START_TEST(no_more_than_eight_hosts_are_kept)
{
	struct log_settings	 s;
	char			 line[64];
	int			 i;

	log_settings_default(&s);
	for (i = 1; i <= LOG_MAX_HOSTS + 2; i++) {
		snprintf(line, sizeof(line), "logging host 192.0.2.%d", i);
		ck_assert_int_eq(log_settings_line(&s, grammar, line), 0);
	}
	ck_assert_uint_eq(s.nhost, LOG_MAX_HOSTS);
	assert_host(&s, LOG_MAX_HOSTS - 1, "192.0.2.8", 514);
}
END_TEST

START_TEST(time_stamps_take_each_option)
{
	struct log_settings	 s;

	read_lines(&s, "service timestamps log datetime msec localtime "
	    "show-timezone");
	ck_assert_int_eq(s.stamp.kind, IOS_STAMP_DATETIME);
	ck_assert_int_eq(s.stamp.msec, 1);
	ck_assert_int_eq(s.stamp.localtime, 1);
	ck_assert_int_eq(s.stamp.timezone, 1);
	ck_assert_int_eq(s.stamp.year, 0);

	read_lines(&s, "service timestamps log datetime year");
	ck_assert_int_eq(s.stamp.kind, IOS_STAMP_DATETIME);
	ck_assert_int_eq(s.stamp.msec, 0);
	ck_assert_int_eq(s.stamp.localtime, 0);
	ck_assert_int_eq(s.stamp.timezone, 0);
	ck_assert_int_eq(s.stamp.year, 1);

	read_lines(&s, "service timestamps log datetime msec");
	ck_assert_int_eq(s.stamp.kind, IOS_STAMP_DATETIME);
	ck_assert_int_eq(s.stamp.msec, 1);
	ck_assert_int_eq(s.stamp.year, 0);

	read_lines(&s, "service timestamps log uptime");
	ck_assert_int_eq(s.stamp.kind, IOS_STAMP_UPTIME);
	/* The bare command is IOS's uptime. */
	read_lines(&s, "service timestamps log");
	ck_assert_int_eq(s.stamp.kind, IOS_STAMP_UPTIME);
	/* Debug messages' stamps are another setting. */
	read_lines(&s, "service timestamps debug datetime msec");
	ck_assert_int_eq(s.stamp.kind, IOS_STAMP_NONE);
	read_lines(&s, "service timestamps log uptime\n"
	    "no service timestamps log");
	ck_assert_int_eq(s.stamp.kind, IOS_STAMP_NONE);
}
END_TEST

START_TEST(lines_the_grammar_refuses_leave_the_defaults)
{
	static const char *const bad[] = {
		"logging console loud",
		"logging console 8",
		"logging buffered 100",
		"logging buffered 2147483648",
		"logging buffered 8192 warnings 3",
		"logging trap informational extra",
		"logging host",
		"logging host 192.0.2.300",
		"logging host 192.0.2.1 transport tcp port 601",
		"logging host 192.0.2.1 transport udp port 0",
		"logging host 192.0.2.1 transport udp port 65536",
		"logging host 192.0.2.1 transport udp",
		"logging 192.0.2",
		"loging console warnings",
		"xlogging console warnings",
		"  logging console warnings extra",
		"service timestamps log datetime uptime",
		"service timestamps log uptime msec",
		"service timestamps",
		"service timestamps log datetime msec bogus",
		"",
		"no",
	};
	struct log_settings	 s;
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		log_settings_default(&s);
		ck_assert_int_eq(log_settings_line(&s, grammar, bad[i]), 0);
		assert_defaults(&s, bad[i]);
	}
}
END_TEST

/* As cfgd reads them: the top-level lines of a model sessions filled. */
START_TEST(a_configured_model_reads_back_as_configured)
{
	static const char *const cfg[] = {
		"logging buffered 16384 warnings",
		"logging console 3",
		"no logging monitor",
		"logging trap debugging",
		"logging 192.0.2.10",
		"logging host 198.51.100.7 transport udp port 5514",
		"logging host 203.0.113.9 transport udp port 514",
		"service timestamps log datetime msec localtime show-timezone",
		"interface Loopback0",
		" description logging console 0",
		"exit",
	};
	static const char *const undo[] = {
		"logging buffered 4096 debugging",
		"logging console debugging",
		"logging monitor",
		"logging trap informational",
		"no logging 192.0.2.10",
		"no logging host 198.51.100.7 transport udp port 5514",
		"no logging host 203.0.113.9",
		"no service timestamps log",
	};
	struct cfg_model	*m = cfg_model_new();
	struct cfg_session	*sess;
	struct cfg_line_result	 r;
	const struct cfg_node	*k;
	struct log_settings	 s;
	size_t			 i;

	ck_assert_ptr_nonnull(m);
	sess = cfg_session_new(grammar, m, NULL);
	ck_assert_ptr_nonnull(sess);
	for (i = 0; i < sizeof(cfg) / sizeof(cfg[0]); i++) {
		memset(&r, 0, sizeof(r));
		ck_assert_msg(cfg_session_run(sess, cfg[i], &r) == CFG_LINE_OK,
		    "\"%s\": %s", cfg[i], r.out != NULL ? r.out : "");
		cfg_line_result_clear(&r);
	}
	log_settings_default(&s);
	for (k = cfg_node_first(cfg_model_root(m)); k != NULL;
	    k = cfg_node_next(k))
		ck_assert_int_eq(log_settings_line(&s, grammar,
		    cfg_node_line(k)), 0);
	ck_assert_int_eq(s.buffered, IOS_WARNING);
	ck_assert_uint_eq(s.bufsize, 16384);
	ck_assert_int_eq(s.console, IOS_ERR);
	ck_assert_int_eq(s.monitor, -1);
	ck_assert_int_eq(s.trap, IOS_DEBUG);
	ck_assert_int_eq(s.stamp.kind, IOS_STAMP_DATETIME);
	ck_assert_int_eq(s.stamp.msec && s.stamp.localtime &&
	    s.stamp.timezone && !s.stamp.year, 1);
	ck_assert_uint_eq(s.nhost, 3);
	assert_host(&s, 0, "192.0.2.10", 514);
	assert_host(&s, 1, "198.51.100.7", 5514);
	assert_host(&s, 2, "203.0.113.9", 514);

	/* Back to the defaults, the `no` forms as the model stores them. */
	for (i = 0; i < sizeof(undo) / sizeof(undo[0]); i++) {
		memset(&r, 0, sizeof(r));
		ck_assert_msg(cfg_session_run(sess, undo[i], &r) ==
		    CFG_LINE_OK, "\"%s\": %s", undo[i], r.out != NULL ?
		    r.out : "");
		cfg_line_result_clear(&r);
	}
	log_settings_default(&s);
	for (k = cfg_node_first(cfg_model_root(m)); k != NULL;
	    k = cfg_node_next(k))
		ck_assert_int_eq(log_settings_line(&s, grammar,
		    cfg_node_line(k)), 0);
	assert_defaults(&s, "the undone configuration");
	cfg_session_free(sess);
	cfg_model_free(m);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("logset");
	TCase	*tc = tcase_create("lines");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, no_logging_lines_give_the_defaults);
	tcase_add_test(tc, each_sink_takes_its_level_by_name_or_number);
	tcase_add_test(tc, a_sink_without_a_level_is_at_its_default);
	tcase_add_test(tc, the_buffer_takes_a_size_a_level_or_both);
	tcase_add_test(tc, no_logging_turns_a_sink_off);
	tcase_add_test(tc, hosts_take_the_default_port_or_the_udp_one_given);
	tcase_add_test(tc, no_more_than_eight_hosts_are_kept);
	tcase_add_test(tc, time_stamps_take_each_option);
	tcase_add_test(tc, lines_the_grammar_refuses_leave_the_defaults);
	tcase_add_test(tc, a_configured_model_reads_back_as_configured);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(suite());
}
