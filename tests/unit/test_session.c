/*
 * The configuration session, model, apply rules and rendering, through
 * their headers: IOS's mode stack (exit, end, do, falling back to parent
 * modes and the quirk that moves to the parent that knew the first word),
 * identity (hostname replaces, ip route accumulates, no ip route P M removes
 * every match), no forms, settings whose no form is what is stored, banner
 * text across lines, paths saved and restored with a pending banner, and
 * 100,000 siblings handled quickly.
 *
 * Each test case is run alone; one listed in tests/KNOWN-FAILURES as
 * "session/<case>" is expected to fail until its bug is fixed.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfg/cfgtab.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/render.h"
#include "cfg/session.h"

static struct cmd_grammar	*grammar;

struct fixture {
	struct cfg_model	*m;
	struct cfg_session	*s;
	struct cfg_line_result	 r;
};

static struct fixture	 fx;

static void
setup(void)
{
	const char	*bad = NULL;

	if (grammar == NULL)
		grammar = cfg_grammar_build(&bad);
	ck_assert_msg(grammar != NULL, "grammar: %s", bad ? bad : "?");
	fx.m = cfg_model_new();
	ck_assert_ptr_nonnull(fx.m);
	fx.s = cfg_session_new(grammar, fx.m, NULL);
	ck_assert_ptr_nonnull(fx.s);
	memset(&fx.r, 0, sizeof(fx.r));
}

static void
teardown(void)
{
	cfg_line_result_clear(&fx.r);
	cfg_session_free(fx.s);
	cfg_model_free(fx.m);
}

/* Runs one line; the result stays in fx.r until the next run. */
static enum cfg_line_status
run(const char *line)
{
	cfg_line_result_clear(&fx.r);
	return cfg_session_run(fx.s, line, &fx.r);
}

static void
run_ok(const char *line)
{
	enum cfg_line_status	 st = run(line);

	ck_assert_msg(st == CFG_LINE_OK, "\"%s\": status %d, output %s", line,
	    (int)st, fx.r.out != NULL ? fx.r.out : "(none)");
}

/* The rendering of the model (without the header). */
static char *
rendered(void)
{
	struct cfg_render_info	 ri;
	size_t			 len;
	char			*t;

	memset(&ri, 0, sizeof(ri));
	t = cfg_render(fx.m, &ri, &len);
	ck_assert_ptr_nonnull(t);
	return t;
}

static void
assert_rendered(const char *want)
{
	char	*t = rendered();

	ck_assert_str_eq(t, want);
	free(t);
}

/* Whether the rendering has line as a whole line. */
static int
has_line(const char *line)
{
	char	*t = rendered(), *p;
	size_t	 n = strlen(line);
	int	 found = 0;

	for (p = t; p != NULL; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			found = 1;
	free(t);
	return found;
}

START_TEST(exit_leaves_one_level_and_end_leaves_configuration)
{
	const char *const	*path;
	size_t			 n;

	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG);
	run_ok("interface GigabitEthernet1");
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG_IF);
	path = cfg_session_path(fx.s, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(path[0], "interface GigabitEthernet1");
	run_ok("exit");
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG);
	(void)cfg_session_path(fx.s, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(run("exit"), CFG_LINE_END);

	run_ok("line vty 0 4");
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG_LINE);
	ck_assert_int_eq(run("end"), CFG_LINE_END);
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG);
	run_ok("int gi2");
	ck_assert_int_eq(run("end"), CFG_LINE_END);
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG);
}
END_TEST

START_TEST(do_hands_back_the_exec_line_and_keeps_the_mode)
{
	run_ok("interface GigabitEthernet1");
	ck_assert_int_eq(run("do show running-config | include host"),
	    CFG_LINE_DO);
	ck_assert_ptr_nonnull(fx.r.do_line);
	ck_assert_str_eq(fx.r.do_line, "show running-config | include host");
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG_IF);
	run_ok("line con 0");
	ck_assert_int_eq(run("do show version"), CFG_LINE_DO);
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG_LINE);
	ck_assert_int_eq(run("do"), CFG_LINE_INCOMPLETE);
}
END_TEST

START_TEST(a_global_command_in_a_submode_runs_and_moves_to_global)
{
	run_ok("interface GigabitEthernet1");
	run_ok("hostname R2");
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG);
	ck_assert(has_line("hostname R2"));
	run_ok("line vty 0 4");
	run_ok("interface GigabitEthernet2");
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG_IF);
	run_ok("description second");
	ck_assert(has_line("interface GigabitEthernet2"));
	ck_assert(has_line(" description second"));
}
END_TEST

START_TEST(an_error_from_a_parent_that_knew_the_first_word_moves_there)
{
	run_ok("interface GigabitEthernet1");
	/* IOS: (config-if)#interface vlan1 -> caret, then (config)#. */
	ck_assert_int_eq(run("interface GigabitEthernet1 bogus"),
	    CFG_LINE_INVALID);
	ck_assert_uint_eq(fx.r.col, 27);
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG);

	/* A typo of the first word leaves the mode alone. */
	run_ok("interface GigabitEthernet1");
	ck_assert_int_eq(run("inteface vlan1"), CFG_LINE_INVALID);
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG_IF);
	/* sh matches shutdown: the caret is under the o. */
	ck_assert_int_eq(run("show vlan brief"), CFG_LINE_INVALID);
	ck_assert_uint_eq(fx.r.col, 2);
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG_IF);
}
END_TEST

START_TEST(parse_errors_have_their_status_and_column)
{
	ck_assert_int_eq(run("i"), CFG_LINE_AMBIGUOUS);
	ck_assert_int_eq(run("hostname"), CFG_LINE_INCOMPLETE);
	ck_assert_int_eq(run("exec-timeout 10 0"), CFG_LINE_INVALID);
	ck_assert_uint_eq(fx.r.col, 2);
	ck_assert_int_eq(run("hostname R1 extra"), CFG_LINE_INVALID);
	ck_assert_uint_eq(fx.r.col, 12);
	run_ok("!");
	run_ok("   ! indented comment");
	run_ok("");
	run_ok("   ");
	ck_assert_uint_eq(cfg_model_size(fx.m), 0);
}
END_TEST

START_TEST(hostname_replaces_and_its_no_form_restores_router)
{
	run_ok("hostname A");
	run_ok("hostname B");
	ck_assert_uint_eq(cfg_model_size(fx.m), 1);
	assert_rendered("!\n!\nhostname B\n!\nend\n");
	run_ok("no hostname");
	assert_rendered("!\n!\nhostname Router\n!\nend\n");
	ck_assert_int_eq(run("hostname 9lives"), CFG_LINE_ERROR);
	ck_assert_ptr_nonnull(fx.r.out);
	assert_rendered("!\n!\nhostname Router\n!\nend\n");
}
END_TEST

START_TEST(ip_routes_accumulate_and_no_ip_route_prefix_mask_removes_all)
{
	run_ok("ip route 10.1.0.0 255.255.0.0 192.0.2.1");
	run_ok("ip route 10.1.0.0 255.255.0.0 192.0.2.2");
	run_ok("ip route 0.0.0.0 0.0.0.0 192.0.2.254");
	run_ok("ip route 10.2.0.0 255.255.0.0 192.0.2.3");
	ck_assert_uint_eq(cfg_model_size(fx.m), 4);
	assert_rendered("!\n!\n"
	    "ip route 0.0.0.0 0.0.0.0 192.0.2.254\n"
	    "ip route 10.1.0.0 255.255.0.0 192.0.2.1\n"
	    "ip route 10.1.0.0 255.255.0.0 192.0.2.2\n"
	    "ip route 10.2.0.0 255.255.0.0 192.0.2.3\n"
	    "!\nend\n");
	run_ok("no ip route 10.1.0.0 255.255.0.0");
	ck_assert_uint_eq(cfg_model_size(fx.m), 2);
	run_ok("no ip route 10.2.0.0 255.255.0.0 192.0.2.3");
	assert_rendered("!\n!\nip route 0.0.0.0 0.0.0.0 192.0.2.254\n!\n"
	    "end\n");
	/* The same route with another distance is the same setting. */
	run_ok("ip route 0.0.0.0 0.0.0.0 192.0.2.254 250");
	assert_rendered("!\n!\nip route 0.0.0.0 0.0.0.0 192.0.2.254 250\n!\n"
	    "end\n");
}
END_TEST

START_TEST(no_forms_remove_what_they_name)
{
	run_ok("interface GigabitEthernet1");
	run_ok("description uplink");
	run_ok("shutdown");
	run_ok("ip address 10.0.0.1 255.255.255.0");
	run_ok("exit");
	assert_rendered("!\n!\ninterface GigabitEthernet1\n"
	    " description uplink\n ip address 10.0.0.1 255.255.255.0\n"
	    " shutdown\n!\nend\n");
	run_ok("interface GigabitEthernet1");
	run_ok("no shutdown");
	run_ok("no description");
	run_ok("no ip address");
	assert_rendered("!\n!\ninterface GigabitEthernet1\n"
	    " no ip address\n!\nend\n");
	run_ok("exit");
	run_ok("no interface GigabitEthernet1");
	ck_assert_uint_eq(cfg_model_size(fx.m), 0);
	/* Negating what is not set stores nothing. */
	run_ok("no service password-encryption");
	run_ok("no banner motd");
	ck_assert_uint_eq(cfg_model_size(fx.m), 0);
}
END_TEST

START_TEST(no_ip_domain_lookup_is_stored_and_ip_domain_lookup_is_the_default)
{
	run_ok("no ip domain lookup");
	assert_rendered("!\n!\nno ip domain lookup\n!\nend\n");
	run_ok("ip domain lookup");
	ck_assert_uint_eq(cfg_model_size(fx.m), 0);
	/* Both forms of ip http server are shown. */
	run_ok("no ip http server");
	ck_assert(has_line("no ip http server"));
	run_ok("ip http server");
	ck_assert(has_line("ip http server"));
	ck_assert(!has_line("no ip http server"));
}
END_TEST

START_TEST(banner_text_runs_across_lines_to_the_delimiter)
{
	run_ok("banner motd ^C");
	ck_assert(cfg_session_collecting(fx.s));
	ck_assert_ptr_nonnull(fx.r.out);
	ck_assert_str_eq(fx.r.out,
	    "Enter TEXT message.  End with the character '^'.\n");
	run_ok("Welcome");
	run_ok("  hostname is not a command here");
	run_ok("!");
	ck_assert(cfg_session_collecting(fx.s));
	run_ok("^C");
	ck_assert(!cfg_session_collecting(fx.s));
	ck_assert_int_eq(cfg_session_mode(fx.s), MODE_CONFIG);
	assert_rendered("!\n!\nbanner motd ^C\nWelcome\n"
	    "  hostname is not a command here\n!\n^C\n!\nend\n");
	/* One line with its own delimiter replaces it. */
	run_ok("banner motd #hello#");
	ck_assert(!cfg_session_collecting(fx.s));
	assert_rendered("!\n!\nbanner motd ^Chello^C\n!\nend\n");
	run_ok("no banner motd");
	ck_assert_uint_eq(cfg_model_size(fx.m), 0);
}
END_TEST

START_TEST(a_saved_path_restores_the_mode_and_a_pending_banner)
{
	struct cfg_session	*s2;
	struct cfg_line_result	 r;
	const char *const	*path;
	char			*copy[8];
	size_t			 n, i;

	run_ok("line vty 0 4");
	path = cfg_session_path(fx.s, &n);
	ck_assert_uint_eq(n, 1);
	s2 = cfg_session_new(grammar, fx.m, NULL);
	ck_assert_int_eq(cfg_session_set_path(s2, path, n), 0);
	ck_assert_int_eq(cfg_session_mode(s2), MODE_CONFIG_LINE);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(cfg_session_run(s2, "exec-timeout 5 0", &r),
	    CFG_LINE_OK);
	cfg_line_result_clear(&r);
	ck_assert(has_line(" exec-timeout 5 0"));

	/* A banner half typed in one request goes on in the next. */
	run_ok("exit");
	run_ok("banner motd ^C");
	run_ok("first line");
	path = cfg_session_path(fx.s, &n);
	ck_assert_uint_ge(n, 1);
	ck_assert_uint_le(n, 8);
	for (i = 0; i < n; i++)
		copy[i] = strdup(path[i]);
	ck_assert_int_eq(cfg_session_set_path(s2, (const char *const *)copy,
	    n), 0);
	ck_assert(cfg_session_collecting(s2));
	ck_assert_int_eq(cfg_session_run(s2, "second^C", &r), CFG_LINE_OK);
	cfg_line_result_clear(&r);
	ck_assert(!cfg_session_collecting(s2));
	ck_assert(has_line("banner motd ^C"));
	ck_assert(has_line("first line"));
	ck_assert(has_line("second^C"));
	for (i = 0; i < n; i++)
		free(copy[i]);
	/* A path that does not enter a mode is refused. */
	copy[0] = "hostname X";
	ck_assert_int_eq(cfg_session_set_path(s2, (const char *const *)copy,
	    1), -1);
	ck_assert_int_eq(cfg_session_mode(s2), MODE_CONFIG);
	cfg_session_free(s2);
}
END_TEST

START_TEST(one_hundred_thousand_siblings_are_set_replaced_and_removed_quickly)
{
	struct timespec	 t0, t1;
	char		 line[128];
	unsigned	 i;
	double		 secs;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 100000; i++) {
		snprintf(line, sizeof(line), "ip route 10.%u.%u.%u "
		    "255.255.255.255 192.0.2.1", i >> 16, (i >> 8) & 255,
		    i & 255);
		ck_assert_int_eq(run(line), CFG_LINE_OK);
	}
	ck_assert_uint_eq(cfg_model_size(fx.m), 100000);
	for (i = 0; i < 100000; i++) {
		snprintf(line, sizeof(line), "ip route 10.%u.%u.%u "
		    "255.255.255.255 192.0.2.1 7", i >> 16, (i >> 8) & 255,
		    i & 255);
		ck_assert_int_eq(run(line), CFG_LINE_OK);
	}
	ck_assert_uint_eq(cfg_model_size(fx.m), 100000);
	ck_assert(has_line("ip route 10.1.134.159 255.255.255.255 192.0.2.1 "
	    "7"));
	for (i = 0; i < 100000; i++) {
		snprintf(line, sizeof(line), "no ip route 10.%u.%u.%u "
		    "255.255.255.255 192.0.2.1 7", i >> 16, (i >> 8) & 255,
		    i & 255);
		ck_assert_int_eq(run(line), CFG_LINE_OK);
	}
	ck_assert_uint_eq(cfg_model_size(fx.m), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "300,000 lines on 100,000 siblings: %.2f s\n", secs);
	/* Linear work: seconds even under the sanitizers, not minutes. */
	ck_assert_msg(secs < 30.0, "took %.1f s", secs);
}
END_TEST

/*
 * "no ip route P M" names every route to P M, whatever the next hop: with
 * 100,000 routes, removing each by prefix and mask must not scan all the
 * siblings every time (the case timeout is the bound).
 */
START_TEST(one_hundred_thousand_routes_are_removed_by_prefix_and_mask_quickly)
{
	char		 line[128];
	unsigned	 i;

	for (i = 0; i < 100000; i++) {
		snprintf(line, sizeof(line), "ip route 10.%u.%u.%u "
		    "255.255.255.255 192.0.2.1", i >> 16, (i >> 8) & 255,
		    i & 255);
		ck_assert_int_eq(run(line), CFG_LINE_OK);
	}
	for (i = 0; i < 100000; i++) {
		snprintf(line, sizeof(line), "no ip route 10.%u.%u.%u "
		    "255.255.255.255", i >> 16, (i >> 8) & 255, i & 255);
		ck_assert_int_eq(run(line), CFG_LINE_OK);
	}
	ck_assert_uint_eq(cfg_model_size(fx.m), 0);
}
END_TEST

/* Known failures: tests/KNOWN-FAILURES lines "session/<case> reason". */
static int
known_failure(const char *name)
{
	const char	*sd = getenv("srcdir");
	char		 path[4096], line[1024];
	FILE		*fp;
	size_t		 n = strlen("session/") + strlen(name);
	int		 found = 0;
	char		 id[256];

	snprintf(id, sizeof(id), "session/%s", name);
	snprintf(path, sizeof(path), "%s/tests/KNOWN-FAILURES",
	    sd != NULL && *sd != '\0' ? sd : ".");
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, id, n) == 0 && (line[n] == ' ' ||
		    line[n] == '\t'))
			found = 1;
	fclose(fp);
	return found;
}

struct tdef {
	const char		*name;
	const TTest		*fn;
	int			 timeout;
};

int
main(void)
{
	const struct tdef	 tests[] = {
#define T(f, to)	{ #f, f, to }
		T(exit_leaves_one_level_and_end_leaves_configuration, 5),
		T(do_hands_back_the_exec_line_and_keeps_the_mode, 5),
		T(a_global_command_in_a_submode_runs_and_moves_to_global, 5),
		T(an_error_from_a_parent_that_knew_the_first_word_moves_there,
		    5),
		T(parse_errors_have_their_status_and_column, 5),
		T(hostname_replaces_and_its_no_form_restores_router, 5),
		T(ip_routes_accumulate_and_no_ip_route_prefix_mask_removes_all,
		    5),
		T(no_forms_remove_what_they_name, 5),
		T(no_ip_domain_lookup_is_stored_and_ip_domain_lookup_is_the_default,
		    5),
		T(banner_text_runs_across_lines_to_the_delimiter, 5),
		T(a_saved_path_restores_the_mode_and_a_pending_banner, 5),
		T(one_hundred_thousand_siblings_are_set_replaced_and_removed_quickly,
		    120),
		T(one_hundred_thousand_routes_are_removed_by_prefix_and_mask_quickly,
		    10),
#undef T
	};
	size_t			 i;
	int			 failed = 0, xfail = 0, nf;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		Suite	*s = suite_create("session");
		TCase	*tc = tcase_create(tests[i].name);
		SRunner	*sr;

		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, tests[i].timeout);
		tcase_add_test(tc, tests[i].fn);
		suite_add_tcase(s, tc);
		sr = srunner_create(s);
		srunner_run_all(sr, CK_SILENT);
		nf = srunner_ntests_failed(sr);
		if (nf > 0) {
			TestResult	**tr = srunner_failures(sr);

			fprintf(stderr, "%s: %s:%d: %s\n",
			    known_failure(tests[i].name) ? "XFAIL (known)" :
			    "FAIL", tests[i].name, tr_lno(tr[0]), tr_msg(tr[0]));
			free(tr);
			if (known_failure(tests[i].name))
				xfail++;
			else
				failed++;
		} else if (known_failure(tests[i].name)) {
			fprintf(stderr, "FAIL: %s passes: remove it from "
			    "tests/KNOWN-FAILURES\n", tests[i].name);
			failed++;
		} else
			fprintf(stderr, "ok: %s\n", tests[i].name);
		srunner_free(sr);
	}
	fprintf(stderr, "%zu session tests: %d failed, %d known failures\n",
	    sizeof(tests) / sizeof(tests[0]), failed, xfail);
	return failed == 0 ? 0 : 1;
}
