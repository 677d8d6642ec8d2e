/*
 * Unit tests for IOS system messages: the message format, severities and
 * their names, time stamps, the syslog datagram (platform/ioslog.c), and
 * the log buffer ring (platform/logbuf.c).
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/ioslog.h"
#include "platform/ipc.h"
#include "platform/logbuf.h"
#include "tests/unit/unit.h"

/* 2026-11-25 09:37:39.063 UTC */
#define WHEN_US	(1795599459ULL * 1000000 + 63000)

static int
fmt(char *buf, size_t len, int sev, const char *fac, const char *mnem,
    const char *f, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, f);
	n = ios_log_format(buf, len, sev, fac, mnem, f, ap);
	va_end(ap);
	return n;
}

START_TEST(a_message_reads_facility_severity_mnemonic_then_text)
{
	char	 buf[256];
	int	 n;

	n = fmt(buf, sizeof(buf), IOS_NOTICE, "LINEPROTO", "UPDOWN",
	    "Line protocol on Interface %s, changed state to %s",
	    "GigabitEthernet2", "up");
	ck_assert_str_eq(buf, "%LINEPROTO-5-UPDOWN: Line protocol on "
	    "Interface GigabitEthernet2, changed state to up");
	ck_assert_int_eq(n, (int)strlen(buf));
}
END_TEST

START_TEST(a_message_longer_than_the_buffer_is_cut_and_says_its_length)
{
	char	 buf[16];
	int	 n;

	n = fmt(buf, sizeof(buf), IOS_ERR, "LINK", "UPDOWN", "%s",
	    "Interface GigabitEthernet2, changed state to down");
	ck_assert_int_eq((int)strlen(buf), 15);
	ck_assert_int_eq(n, (int)strlen("%LINK-3-UPDOWN: Interface "
	    "GigabitEthernet2, changed state to down"));
}
END_TEST

START_TEST(the_severity_is_read_back_from_a_message)
{
	ck_assert_int_eq(ios_log_severity("%SYS-5-CONFIG_I: Configured"), 5);
	ck_assert_int_eq(ios_log_severity("%SSH-5-SSH2_CLOSE: x"), 5);
	ck_assert_int_eq(ios_log_severity("%SEC_LOGIN-4-LOGIN_FAILED: x"), 4);
	ck_assert_int_eq(ios_log_severity("%LINK-3-UPDOWN: x"), 3);
	ck_assert_int_eq(ios_log_severity("SYS-5-CONFIG_I: x"), -1);
	ck_assert_int_eq(ios_log_severity("%SYS-9-X: x"), -1);
	ck_assert_int_eq(ios_log_severity("%SYS-5-CONFIG_I no colon"), -1);
	ck_assert_int_eq(ios_log_severity("%sys-5-X: lower case"), -1);
	ck_assert_int_eq(ios_log_severity("%-5-X: no facility"), -1);
	ck_assert_int_eq(ios_log_severity("vty0 (192.0.2.1): refused"), -1);
	ck_assert_int_eq(ios_log_severity(NULL), -1);
}
END_TEST

START_TEST(levels_are_named_as_ios_names_them_and_parse_both_ways)
{
	static const char *const names[] = { "emergencies", "alerts",
	    "critical", "errors", "warnings", "notifications",
	    "informational", "debugging" };
	char	 digit[2] = "0";
	int	 i;

	for (i = 0; i < 8; i++) {
		ck_assert_str_eq(ios_sev_name(i), names[i]);
		ck_assert_int_eq(ios_sev_parse(names[i]), i);
		digit[0] = (char)('0' + i);
		ck_assert_int_eq(ios_sev_parse(digit), i);
	}
	ck_assert_ptr_null(ios_sev_name(8));
	ck_assert_ptr_null(ios_sev_name(-1));
	ck_assert_int_eq(ios_sev_parse("8"), -1);
	ck_assert_int_eq(ios_sev_parse("debug"), -1);
	ck_assert_int_eq(ios_sev_parse(""), -1);
}
END_TEST

START_TEST(a_sink_takes_its_level_and_everything_more_severe)
{
	ck_assert(ios_sev_passes(IOS_DEBUG, IOS_DEBUG));
	ck_assert(ios_sev_passes(IOS_DEBUG, IOS_EMERG));
	ck_assert(ios_sev_passes(IOS_INFO, IOS_NOTICE));
	ck_assert(ios_sev_passes(IOS_INFO, IOS_INFO));
	ck_assert(!ios_sev_passes(IOS_INFO, IOS_DEBUG));
	ck_assert(!ios_sev_passes(IOS_ERR, IOS_NOTICE));
	ck_assert(ios_sev_passes(IOS_EMERG, IOS_EMERG));
	ck_assert(!ios_sev_passes(IOS_EMERG, IOS_ALERT));
	/* A sink that is off takes nothing. */
	ck_assert(!ios_sev_passes(-1, IOS_EMERG));
}
END_TEST

START_TEST(the_csr_default_stamp_is_utc_date_time_and_milliseconds)
{
	struct ios_stamp	 st;
	char			 buf[64];

	ios_stamp_parse("datetime msec", &st);
	ck_assert_int_eq(st.kind, IOS_STAMP_DATETIME);
	ios_stamp_format(buf, sizeof(buf), &st, WHEN_US, 0);
	ck_assert_str_eq(buf, "*Nov 25 09:37:39.063: ");
}
END_TEST

START_TEST(stamp_options_add_the_year_and_the_zone_or_drop_milliseconds)
{
	struct ios_stamp	 st;
	char			 buf[64];

	ios_stamp_parse("datetime", &st);
	ios_stamp_format(buf, sizeof(buf), &st, WHEN_US, 0);
	ck_assert_str_eq(buf, "*Nov 25 09:37:39: ");
	ios_stamp_parse("datetime msec year show-timezone", &st);
	ios_stamp_format(buf, sizeof(buf), &st, WHEN_US, 0);
	ck_assert_str_eq(buf, "*Nov 25 2026 09:37:39.063 UTC: ");
	/* A single-digit day is padded with a space, as IOS pads it. */
	ios_stamp_parse("datetime msec", &st);
	ios_stamp_format(buf, sizeof(buf), &st, WHEN_US - 20 * 86400000000ULL,
	    0);
	ck_assert_str_eq(buf, "*Nov  5 09:37:39.063: ");
}
END_TEST

START_TEST(uptime_stamps_count_hours_then_days_then_weeks)
{
	struct ios_stamp	 st;
	char			 buf[64];

	ios_stamp_parse("uptime", &st);
	ck_assert_int_eq(st.kind, IOS_STAMP_UPTIME);
	ios_stamp_format(buf, sizeof(buf), &st, WHEN_US, 83 * 1000000ULL);
	ck_assert_str_eq(buf, "00:01:23: ");
	ios_stamp_format(buf, sizeof(buf), &st, WHEN_US,
	    (26 * 3600 + 5) * 1000000ULL);
	ck_assert_str_eq(buf, "1d02h: ");
	ios_stamp_format(buf, sizeof(buf), &st, WHEN_US,
	    (9 * 86400) * 1000000ULL);
	ck_assert_str_eq(buf, "1w2d: ");
	/* The bare command is uptime too. */
	ios_stamp_parse("", &st);
	ck_assert_int_eq(st.kind, IOS_STAMP_UPTIME);
}
END_TEST

START_TEST(no_service_timestamps_log_gives_no_stamp)
{
	struct ios_stamp	 st;
	char			 buf[64] = "junk";

	ios_stamp_parse(NULL, &st);
	ck_assert_int_eq(st.kind, IOS_STAMP_NONE);
	ck_assert_int_eq(ios_stamp_format(buf, sizeof(buf), &st, WHEN_US, 0),
	    0);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(a_syslog_datagram_carries_local7_priority_and_a_sequence)
{
	char	 buf[256];

	ios_syslog_datagram(buf, sizeof(buf), IOS_FACILITY_LOCAL7, IOS_NOTICE,
	    12, "*Nov 25 09:37:39.063: %SYS-5-CONFIG_I: Configured from "
	    "console by console");
	ck_assert_str_eq(buf, "<189>12: *Nov 25 09:37:39.063: "
	    "%SYS-5-CONFIG_I: Configured from console by console");
	ios_syslog_datagram(buf, sizeof(buf), IOS_FACILITY_LOCAL7, IOS_ERR, 1,
	    "x");
	ck_assert_str_eq(buf, "<187>1: x");
}
END_TEST

START_TEST(a_forwarded_message_carries_severity_text_and_time)
{
	struct ipc_msg	*m = ios_log_ipc(IOS_ERR, "%LINK-3-UPDOWN: x",
			    WHEN_US, 7);
	const char	*text;
	uint32_t	 sev;
	uint64_t	 when;

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(ipc_msg_type(m), IPC_LOG_MSG);
	ck_assert_int_eq(ipc_msg_reqid(m), 7);
	ck_assert_int_eq(ipc_msg_get_u32(m, IPC_T_LOG_SEV, &sev), 0);
	ck_assert_int_eq(sev, IOS_ERR);
	ck_assert_int_eq(ipc_msg_get_str(m, IPC_T_TEXT, &text), 0);
	ck_assert_str_eq(text, "%LINK-3-UPDOWN: x");
	ck_assert_int_eq(ipc_msg_get_u64(m, IPC_T_LOG_WHEN, &when), 0);
	ck_assert(when == WHEN_US);
	ipc_msg_free(m);
}
END_TEST

/* The log buffer. */

static void
add_n(struct logbuf *b, int first, int n)
{
	char	 line[32];
	int	 i;

	for (i = first; i < first + n; i++) {
		snprintf(line, sizeof(line), "line %04d", i);	/* 9 + 1 */
		ck_assert_int_eq(logbuf_add(b, line), 0);
	}
}

START_TEST(the_buffer_keeps_lines_oldest_first_within_its_bytes)
{
	struct logbuf	*b = logbuf_new(100);

	ck_assert_ptr_nonnull(b);
	add_n(b, 0, 3);
	ck_assert_uint_eq(logbuf_count(b), 3);
	ck_assert_uint_eq(logbuf_used(b), 30);
	ck_assert_str_eq(logbuf_line(b, 0), "line 0000");
	ck_assert_str_eq(logbuf_line(b, 2), "line 0002");
	ck_assert_ptr_null(logbuf_line(b, 3));
	logbuf_free(b);
	logbuf_free(NULL);
}
END_TEST

START_TEST(a_full_buffer_wraps_dropping_the_oldest_lines)
{
	struct logbuf	*b = logbuf_new(100);
	size_t		 i;

	/* Ten lines fill 100 bytes exactly; 1000 more go round the ring. */
	add_n(b, 0, 1010);
	ck_assert_uint_eq(logbuf_count(b), 10);
	ck_assert_uint_eq(logbuf_used(b), 100);
	for (i = 0; i < 10; i++) {
		char want[16];

		snprintf(want, sizeof(want), "line %04zu", 1000 + i);
		ck_assert_str_eq(logbuf_line(b, i), want);
	}
	/* A longer line pushes out as many as it needs. */
	ck_assert_int_eq(logbuf_add(b, "a line of twenty-nine bytes."), 0);
	ck_assert_uint_eq(logbuf_count(b), 8);
	ck_assert_str_eq(logbuf_line(b, 0), "line 1003");
	ck_assert(logbuf_used(b) <= 100);
	logbuf_free(b);
}
END_TEST

START_TEST(a_line_larger_than_the_whole_buffer_is_cut_to_fit)
{
	struct logbuf	*b = logbuf_new(8);

	add_n(b, 0, 1);
	ck_assert_int_eq(logbuf_add(b, "0123456789abcdef"), 0);
	ck_assert_uint_eq(logbuf_count(b), 1);
	ck_assert_str_eq(logbuf_line(b, 0), "0123456");
	ck_assert_uint_eq(logbuf_used(b), 8);
	logbuf_free(b);
}
END_TEST

START_TEST(shrinking_keeps_the_newest_lines_and_growing_keeps_all)
{
	struct logbuf	*b = logbuf_new(100);

	add_n(b, 0, 10);
	logbuf_resize(b, 200);
	ck_assert_uint_eq(logbuf_cap(b), 200);
	ck_assert_uint_eq(logbuf_count(b), 10);
	add_n(b, 10, 5);
	ck_assert_uint_eq(logbuf_count(b), 15);
	logbuf_resize(b, 35);
	ck_assert_uint_eq(logbuf_count(b), 3);
	ck_assert_str_eq(logbuf_line(b, 0), "line 0012");
	ck_assert_str_eq(logbuf_line(b, 2), "line 0014");
	add_n(b, 15, 1);
	ck_assert_uint_eq(logbuf_count(b), 3);
	ck_assert_str_eq(logbuf_line(b, 2), "line 0015");
	logbuf_free(b);
}
END_TEST

START_TEST(clearing_empties_the_buffer_and_it_fills_again)
{
	struct logbuf	*b = logbuf_new(100);

	add_n(b, 0, 25);
	logbuf_clear(b);
	ck_assert_uint_eq(logbuf_count(b), 0);
	ck_assert_uint_eq(logbuf_used(b), 0);
	ck_assert_ptr_null(logbuf_line(b, 0));
	add_n(b, 100, 2);
	ck_assert_uint_eq(logbuf_count(b), 2);
	ck_assert_str_eq(logbuf_line(b, 0), "line 0100");
	logbuf_free(b);
}
END_TEST

START_TEST(a_message_is_one_line_of_printable_text)
{
	char	 m[] = "%SSH-5-SSH2_USERAUTH: User 'a\033[2Jb\r\n%SYS-5-"
	    "CONFIG_I: forged\t\x7f\xc3\xa9' Failed";

	ios_log_clean(m, 0);
	ck_assert_str_eq(m, "%SSH-5-SSH2_USERAUTH: User 'a?[2Jb??%SYS-5-"
	    "CONFIG_I: forged???" "?' Failed");
}
END_TEST

START_TEST(a_message_of_several_lines_keeps_its_newlines_only)
{
	char	 m[] = "%SYS-5-RESTART: System restarted --\nCisco\033[2J\r";

	ios_log_clean(m, 1);
	ck_assert_str_eq(m, "%SYS-5-RESTART: System restarted --\nCisco?[2J?");
}
END_TEST

static char	sunk[256];

static void
sink_copy(int sev, const char *msg, uint64_t when_us, void *arg)
{
	(void)sev;
	(void)when_us;
	(void)arg;
	snprintf(sunk, sizeof(sunk), "%s", msg);
}

/* What a daemon forwards to cfgd (vtyd's SSH messages go this way). */
START_TEST(the_sink_gets_the_message_cleaned)
{
	ios_log_set_sink(sink_copy, NULL);
	ios_log_msg("%SSH-5-SSH2_USERAUTH: User 'x\033y' Failed");
	ios_log(IOS_NOTICE, "SYS", "CONFIG_I", "Configured from %s by %s",
	    "console", "e\033vil");
	ios_log_set_sink(NULL, NULL);
	ck_assert_str_eq(sunk, "%SYS-5-CONFIG_I: Configured from console by "
	    "e?vil");
}
END_TEST

static Suite *
ioslog_suite(void)
{
	Suite	*s = suite_create("ioslog");
	TCase	*tc = tcase_create("messages");
	TCase	*tb = tcase_create("buffer");

	tcase_add_test(tc, a_message_reads_facility_severity_mnemonic_then_text);
	tcase_add_test(tc,
	    a_message_longer_than_the_buffer_is_cut_and_says_its_length);
	tcase_add_test(tc, the_severity_is_read_back_from_a_message);
	tcase_add_test(tc, levels_are_named_as_ios_names_them_and_parse_both_ways);
	tcase_add_test(tc, a_sink_takes_its_level_and_everything_more_severe);
	tcase_add_test(tc, the_csr_default_stamp_is_utc_date_time_and_milliseconds);
	tcase_add_test(tc,
	    stamp_options_add_the_year_and_the_zone_or_drop_milliseconds);
	tcase_add_test(tc, uptime_stamps_count_hours_then_days_then_weeks);
	tcase_add_test(tc, no_service_timestamps_log_gives_no_stamp);
	tcase_add_test(tc,
	    a_syslog_datagram_carries_local7_priority_and_a_sequence);
	tcase_add_test(tc, a_forwarded_message_carries_severity_text_and_time);
	tcase_add_test(tb, the_buffer_keeps_lines_oldest_first_within_its_bytes);
	tcase_add_test(tb, a_full_buffer_wraps_dropping_the_oldest_lines);
	tcase_add_test(tb, a_line_larger_than_the_whole_buffer_is_cut_to_fit);
	tcase_add_test(tc, a_message_is_one_line_of_printable_text);
	tcase_add_test(tc, a_message_of_several_lines_keeps_its_newlines_only);
	tcase_add_test(tc, the_sink_gets_the_message_cleaned);
	tcase_add_test(tb,
	    shrinking_keeps_the_newest_lines_and_growing_keeps_all);
	tcase_add_test(tb, clearing_empties_the_buffer_and_it_fills_again);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tb);
	return s;
}

int
main(void)
{
	return unit_run(ioslog_suite());
}
