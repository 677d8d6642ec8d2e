/*
 * Unit tests for cli/pager: IOS `--More--` paging, first through its pure
 * core, then end to end over pipes with the keys written in beforehand.
 */

#include <errno.h>
#include <fcntl.h>
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/pager.h"
#include "tests/unit/unit.h"

#define MARK	" --More-- "
#define ERASE	"\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b"

/* "line 1\n" ... "line n\n" from first to last; caller frees. */
static char *
lines(int first, int last)
{
	char	*s;
	size_t	 len = 0;
	int	 i;

	s = malloc((size_t)(last - first + 1) * 16 + 1);
	ck_assert_ptr_nonnull(s);
	s[0] = '\0';
	for (i = first; i <= last; i++)
		len += (size_t)sprintf(s + len, "line %d\n", i);
	return s;
}

/* A pager that pauses without a tty, for the pure core. */
static struct pager *
core(int length, int width)
{
	struct pager	*p;

	p = pager_new(-1, -1, length, width);
	ck_assert_ptr_nonnull(p);
	pager_set_flags(p, PAGER_PROMPT);
	return p;
}

struct rig {
	int	 out[2];	/* what the pager writes */
	int	 in[2];		/* the keys it reads */
	struct pager *p;
};

static void
rig_open(struct rig *r, int length, int width, int flags, const char *keys)
{
	ck_assert_int_eq(pipe(r->out), 0);
	ck_assert_int_eq(pipe(r->in), 0);
	ck_assert_int_eq(fcntl(r->out[0], F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(write(r->in[1], keys, strlen(keys)),
	    (ssize_t)strlen(keys));
	/* Running out of keys reads as end of input, not a hang. */
	close(r->in[1]);
	r->p = pager_new(r->out[1], r->in[0], length, width);
	ck_assert_ptr_nonnull(r->p);
	pager_set_flags(r->p, flags);
}

/* Closes the rig and returns everything the pager wrote; caller frees. */
static char *
rig_close(struct rig *r)
{
	char	*buf;
	size_t	 len = 0, cap = 65536;
	ssize_t	 n;

	pager_free(r->p);
	close(r->out[1]);
	close(r->in[0]);
	buf = malloc(cap + 1);
	ck_assert_ptr_nonnull(buf);
	while ((n = read(r->out[0], buf + len, cap - len)) > 0)
		len += (size_t)n;
	ck_assert_int_eq(n, 0);
	buf[len] = '\0';
	close(r->out[0]);
	return buf;
}

/* Expected screen text, built from pieces; caller frees. */
static char *
cat(const char *first, ...)
{
	va_list		 ap;
	const char	*s;
	char		*buf = strdup("");

	va_start(ap, first);
	for (s = first; s != NULL; s = va_arg(ap, const char *)) {
		buf = realloc(buf, strlen(buf) + strlen(s) + 1);
		ck_assert_ptr_nonnull(buf);
		strcat(buf, s);
	}
	va_end(ap);
	return buf;
}

START_TEST(test_a_24_line_terminal_pauses_after_23_lines)
{
	struct pager	*p = core(24, 80);
	char		*text = lines(1, 30), *page = lines(1, 23);
	size_t		 n;
	int		 more;

	n = pager_fit(p, text, strlen(text), &more);
	ck_assert_uint_eq(n, strlen(page));
	ck_assert_int_eq(more, 1);
	pager_free(p);
	free(text);
	free(page);
}
END_TEST

START_TEST(test_the_marker_waits_until_more_output_comes)
{
	struct pager	*p = core(24, 80);
	char		*page = lines(1, 23);
	int		 more;

	ck_assert_uint_eq(pager_fit(p, page, strlen(page), &more),
	    strlen(page));
	ck_assert_int_eq(more, 0);
	ck_assert_uint_eq(pager_fit(p, "", 0, &more), 0);
	ck_assert_int_eq(more, 0);
	ck_assert_uint_eq(pager_fit(p, "line 24\n", 8, &more), 0);
	ck_assert_int_eq(more, 1);
	pager_free(p);
	free(page);
}
END_TEST

START_TEST(test_space_grants_a_page_return_a_line_other_keys_quit)
{
	struct pager	*p = core(24, 80);
	char		*text = lines(1, 100), *t;
	size_t		 n;
	int		 more;

	t = text;
	t += pager_fit(p, t, strlen(t), &more);
	ck_assert_int_eq(pager_key(p, ' '), 0);
	n = pager_fit(p, t, strlen(t), &more);
	ck_assert_int_eq(more, 1);
	ck_assert_int_eq(strncmp(t, "line 24\n", 8), 0);
	ck_assert_int_eq(strncmp(t + n, "line 47\n", 8), 0);
	t += n;
	ck_assert_int_eq(pager_key(p, '\r'), 0);
	ck_assert_uint_eq(pager_fit(p, t, strlen(t), &more), 8);
	t += 8;
	ck_assert_int_eq(pager_key(p, '\n'), 0);
	ck_assert_uint_eq(pager_fit(p, t, strlen(t), &more), 8);
	ck_assert_int_eq(pager_key(p, 'q'), PAGER_QUIT);
	pager_free(p);

	p = core(24, 80);
	ck_assert_int_eq(pager_key(p, 'Q'), PAGER_QUIT);
	pager_free(p);
	p = core(24, 80);
	ck_assert_int_eq(pager_key(p, 'x'), PAGER_QUIT);
	pager_free(p);
	p = core(24, 80);
	ck_assert_int_eq(pager_key(p, 3), PAGER_QUIT);
	pager_free(p);
	free(text);
}
END_TEST

START_TEST(test_length_zero_never_pauses)
{
	struct pager	*p = core(0, 80);
	char		*text = lines(1, 500);
	int		 more;

	ck_assert_uint_eq(pager_fit(p, text, strlen(text), &more),
	    strlen(text));
	ck_assert_int_eq(more, 0);
	pager_free(p);
	free(text);
}
END_TEST

START_TEST(test_a_long_line_counts_as_several_screen_lines)
{
	/* 25 columns on a 10-column screen take 3 lines, "b" a 4th. */
	static const char text[] = "aaaaaaaaaaaaaaaaaaaaaaaaa\nb\nc\n";
	struct pager	*p = core(5, 10);
	int		 more;

	ck_assert_uint_eq(pager_fit(p, text, strlen(text), &more), 28);
	ck_assert_int_eq(more, 1);
	pager_free(p);

	/* Without a width the same text is three lines. */
	p = core(5, 0);
	ck_assert_uint_eq(pager_fit(p, text, strlen(text), &more),
	    strlen(text));
	ck_assert_int_eq(more, 0);
	pager_free(p);
}
END_TEST

START_TEST(test_a_page_can_end_in_the_middle_of_a_wrapped_line)
{
	static const char text[] = "0123456789ABCDEFGHIJKLMNO\nx\n";
	struct pager	*p = core(3, 10);
	int		 more;

	/* Two screen lines: stop before 'K', which would start a third. */
	ck_assert_uint_eq(pager_fit(p, text, strlen(text), &more), 20);
	ck_assert_int_eq(more, 1);
	ck_assert_int_eq(pager_key(p, '\r'), 0);
	ck_assert_uint_eq(pager_fit(p, text + 20, strlen(text + 20), &more),
	    6);
	ck_assert_int_eq(more, 1);
	pager_free(p);
}
END_TEST

START_TEST(test_a_line_as_wide_as_the_screen_takes_one_line)
{
	static const char text[] = "0123456789\n0123456789\nx\n";
	struct pager	*p = core(3, 10);
	int		 more;

	ck_assert_uint_eq(pager_fit(p, text, strlen(text), &more), 22);
	ck_assert_int_eq(more, 1);
	pager_free(p);
}
END_TEST

START_TEST(test_space_shows_the_next_page)
{
	struct rig	 r;
	char		*text = lines(1, 50), *want, *got;
	char		*p1 = lines(1, 23), *p2 = lines(24, 46);
	char		*p3 = lines(47, 50);

	rig_open(&r, 24, 80, PAGER_PROMPT, "  ");
	ck_assert_int_eq(pager_write(r.p, text, strlen(text)), 0);
	got = rig_close(&r);
	want = cat(p1, MARK, ERASE, p2, MARK, ERASE, p3, NULL);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	free(text);
	free(p1);
	free(p2);
	free(p3);
}
END_TEST

START_TEST(test_return_shows_one_more_line_and_q_quits)
{
	struct rig	 r;
	char		*text = lines(1, 30), *p1 = lines(1, 23);
	char		*want, *got;

	rig_open(&r, 24, 80, PAGER_PROMPT, "\r\nq");
	ck_assert_int_eq(pager_write(r.p, text, strlen(text)), PAGER_QUIT);
	/* Once quit, nothing more goes out. */
	ck_assert_int_eq(pager_write(r.p, "line 31\n", 8), PAGER_QUIT);
	got = rig_close(&r);
	want = cat(p1, MARK, ERASE, "line 24\n", MARK, ERASE, "line 25\n",
	    MARK, ERASE, NULL);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	free(text);
	free(p1);
}
END_TEST

START_TEST(test_output_in_small_writes_pages_the_same)
{
	struct rig	 r;
	char		*text = lines(1, 50), *want, *got;
	char		*p1 = lines(1, 23), *p2 = lines(24, 46);
	char		*p3 = lines(47, 50);
	size_t		 i;

	rig_open(&r, 24, 80, PAGER_PROMPT, "  ");
	for (i = 0; text[i] != '\0'; i++)
		ck_assert_int_eq(pager_write(r.p, text + i, 1), 0);
	got = rig_close(&r);
	want = cat(p1, MARK, ERASE, p2, MARK, ERASE, p3, NULL);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	free(text);
	free(p1);
	free(p2);
	free(p3);
}
END_TEST

START_TEST(test_end_of_input_at_the_marker_quits)
{
	struct rig	 r;
	char		*text = lines(1, 30), *p1 = lines(1, 23);
	char		*want, *got;

	rig_open(&r, 24, 80, PAGER_PROMPT, "");
	ck_assert_int_eq(pager_write(r.p, text, strlen(text)), PAGER_QUIT);
	got = rig_close(&r);
	want = cat(p1, MARK, ERASE, NULL);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	free(text);
	free(p1);
}
END_TEST

START_TEST(test_length_zero_writes_everything_unchanged)
{
	struct rig	 r;
	char		*text = lines(1, 200), *got;

	rig_open(&r, 0, 80, PAGER_PROMPT, "q");
	ck_assert_int_eq(pager_write(r.p, text, strlen(text)), 0);
	got = rig_close(&r);
	ck_assert_str_eq(got, text);
	free(got);
	free(text);
}
END_TEST

START_TEST(test_input_that_is_not_a_tty_never_pauses)
{
	struct rig	 r;
	char		*text = lines(1, 200), *got;

	rig_open(&r, 24, 80, 0, "q");
	ck_assert_int_eq(pager_write(r.p, text, strlen(text)), 0);
	got = rig_close(&r);
	ck_assert_str_eq(got, text);
	free(got);
	free(text);
}
END_TEST

START_TEST(test_a_raw_terminal_gets_crlf_line_ends)
{
	struct rig	 r;
	char		*got;

	rig_open(&r, 3, 80, PAGER_PROMPT | PAGER_CRLF, " ");
	ck_assert_int_eq(pager_write(r.p, "a\nb\r\nc", 6), 0);
	ck_assert_int_eq(pager_write(r.p, "\n", 1), 0);
	got = rig_close(&r);
	ck_assert_str_eq(got, "a\r\nb\r\n" MARK ERASE "c\r\n");
	free(got);
}
END_TEST

START_TEST(test_a_long_line_wraps_on_a_narrow_terminal)
{
	static const char text[] =
	    "interface GigabitEthernet1 description uplink-to-core\n"
	    " negotiation auto\n";
	struct rig	 r;
	char		*got;

	/* 20 columns, 4 rows: the 53-column line fills the 3-line page. */
	rig_open(&r, 4, 20, PAGER_PROMPT, "\r");
	ck_assert_int_eq(pager_write(r.p, text, strlen(text)), 0);
	got = rig_close(&r);
	ck_assert_str_eq(got,
	    "interface GigabitEthernet1 description uplink-to-core\n"
	    MARK ERASE
	    " negotiation auto\n");
	free(got);
}
END_TEST

START_TEST(test_a_write_error_is_reported)
{
	struct pager	*p;
	int		 fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	close(fds[1]);
	p = pager_new(fds[0], -1, 0, 0);	/* read end: write fails */
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(pager_write(p, "x\n", 2), PAGER_E_IO);
	pager_free(p);
	close(fds[0]);
	pager_free(NULL);
}
END_TEST

static Suite *
pager_suite(void)
{
	Suite	*s = suite_create("pager");
	TCase	*tc = tcase_create("core");
	TCase	*io = tcase_create("fd");

	tcase_add_test(tc, test_a_24_line_terminal_pauses_after_23_lines);
	tcase_add_test(tc, test_the_marker_waits_until_more_output_comes);
	tcase_add_test(tc,
	    test_space_grants_a_page_return_a_line_other_keys_quit);
	tcase_add_test(tc, test_length_zero_never_pauses);
	tcase_add_test(tc, test_a_long_line_counts_as_several_screen_lines);
	tcase_add_test(tc,
	    test_a_page_can_end_in_the_middle_of_a_wrapped_line);
	tcase_add_test(tc, test_a_line_as_wide_as_the_screen_takes_one_line);
	suite_add_tcase(s, tc);

	tcase_add_test(io, test_space_shows_the_next_page);
	tcase_add_test(io,
	    test_return_shows_one_more_line_and_q_quits);
	tcase_add_test(io, test_output_in_small_writes_pages_the_same);
	tcase_add_test(io, test_end_of_input_at_the_marker_quits);
	tcase_add_test(io, test_length_zero_writes_everything_unchanged);
	tcase_add_test(io, test_input_that_is_not_a_tty_never_pauses);
	tcase_add_test(io, test_a_raw_terminal_gets_crlf_line_ends);
	tcase_add_test(io, test_a_long_line_wraps_on_a_narrow_terminal);
	tcase_add_test(io, test_a_write_error_is_reported);
	suite_add_tcase(s, io);
	return s;
}

int
main(void)
{
	return unit_run(pager_suite());
}
