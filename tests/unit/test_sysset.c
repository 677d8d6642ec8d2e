/*
 * cfgd's system settings from configuration lines (cfg/sysset.c), with no
 * daemon: each form of the lines cfgd-sys.c answers from (enable secret
 * and password, a user's privilege, license boot level, banner motd,
 * service timestamps log, ip domain lookup, GigabitEthernet interfaces,
 * a `line vty` block's privilege level and length),
 * lines the grammar refuses leaving nothing set, and the same settings
 * read from a model that sessions filled (as cfgd reads its
 * running-config).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgtab.h"
#include "cfg/model.h"
#include "cfg/secret.h"
#include "cfg/session.h"
#include "cfg/sysset.h"
#include "tests/unit/unit.h"

/* A well-formed type 5 hash (the grammar takes any WORD here). */
#define HASH	"$1$mERr$hx5rVt7rPNoS4wqbXKX7m0"

static struct cmd_grammar	*grammar;

static void
setup(void)
{
	const char	*bad = NULL;

	if (grammar == NULL)
		grammar = cfg_grammar_build(&bad);
	ck_assert_msg(grammar != NULL, "grammar: %s", bad ? bad : "?");
}

/* The settings from '\n'-separated lines, in order; user as given. */
static void
read_lines(struct sys_settings *s, const char *user, const char *lines)
{
	char	*copy = strdup(lines), *p, *nl;

	ck_assert_ptr_nonnull(copy);
	sys_settings_init(s, user);
	for (p = copy; p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		ck_assert_int_eq(sys_settings_line(s, grammar, p), 0);
	}
	free(copy);
}

static void
assert_nothing(const struct sys_settings *s, const char *what)
{
	ck_assert_msg(s->enable_hash == NULL && s->enable_password == NULL &&
	    !s->enable_set && s->user_priv == -1 && s->license_next == NULL &&
	    s->motd == NULL && s->timestamps == NULL && !s->no_lookup &&
	    s->gig == 0, "\"%s\" set something: hash %s password %s set %d "
	    "priv %d license %s motd %s stamps %s nolookup %d gig %zu", what,
	    s->enable_hash ? s->enable_hash : "-",
	    s->enable_password ? s->enable_password : "-", s->enable_set,
	    s->user_priv, s->license_next ? s->license_next : "-",
	    s->motd ? s->motd : "-", s->timestamps ? s->timestamps : "-",
	    s->no_lookup, s->gig);
}

START_TEST(other_lines_set_nothing)
{
	struct sys_settings	 s;

	read_lines(&s, "admin", "hostname R1\n"
	    "service timestamps debug datetime msec\n"
	    "ip domain name example.com\n"
	    "ip route 0.0.0.0 0.0.0.0 192.0.2.1\n"
	    "interface Loopback0\n"
	    "license udi pid CSR1000V sn 9LRT0000001\n"
	    "logging console warnings\n"
	    "router lisp");
	assert_nothing(&s, "other lines");
	sys_settings_clear(&s);
}
END_TEST

START_TEST(the_enable_secret_gives_its_hash)
{
	struct sys_settings	 s;

	read_lines(&s, NULL, "enable secret 5 " HASH);
	ck_assert_str_eq(s.enable_hash, HASH);
	ck_assert_ptr_null(s.enable_password);
	ck_assert_int_eq(s.enable_set, 1);
	sys_settings_clear(&s);
	ck_assert_ptr_null(s.enable_hash);
	ck_assert_int_eq(s.enable_set, 0);
}
END_TEST

START_TEST(the_enable_password_is_the_rest_of_the_line)
{
	struct sys_settings	 s;

	read_lines(&s, NULL, "enable password cisco");
	ck_assert_str_eq(s.enable_password, "cisco");
	ck_assert_ptr_null(s.enable_hash);
	ck_assert_int_eq(s.enable_set, 1);
	sys_settings_clear(&s);
	read_lines(&s, NULL, "enable password two words");
	ck_assert_str_eq(s.enable_password, "two words");
	sys_settings_clear(&s);
	/* Both may be configured: each is reported. */
	read_lines(&s, NULL, "enable secret 5 " HASH "\nenable password pw");
	ck_assert_str_eq(s.enable_hash, HASH);
	ck_assert_str_eq(s.enable_password, "pw");
	sys_settings_clear(&s);
}
END_TEST

START_TEST(a_users_privilege_is_its_own_line)
{
	struct sys_settings	 s;
	const char		*users = "username bob privilege 3 "
	    "password 0 privilege 9\n"
	    "username alice privilege 7 secret 5 " HASH "\n"
	    "username carol secret 5 " HASH "\n"
	    "username al privilege 12 nopassword";

	read_lines(&s, "alice", users);
	ck_assert_int_eq(s.user_priv, 7);
	sys_settings_clear(&s);
	/* The privilege argument, not text that looks like it. */
	read_lines(&s, "bob", users);
	ck_assert_int_eq(s.user_priv, 3);
	sys_settings_clear(&s);
	read_lines(&s, "al", users);
	ck_assert_int_eq(s.user_priv, 12);
	sys_settings_clear(&s);
	read_lines(&s, "carol", users);
	ck_assert_int_eq(s.user_priv, -1);
	sys_settings_clear(&s);
	read_lines(&s, "dave", users);
	ck_assert_int_eq(s.user_priv, -1);
	sys_settings_clear(&s);
	read_lines(&s, NULL, users);
	ck_assert_int_eq(s.user_priv, -1);
	sys_settings_clear(&s);
	read_lines(&s, "root", "username root privilege 0");
	ck_assert_int_eq(s.user_priv, 0);
	ck_assert_str_eq(s.user, "root");
	sys_settings_clear(&s);
	ck_assert_str_eq(s.user, "root");
}
END_TEST

START_TEST(each_license_boot_level)
{
	static const char *const levels[] = {
		"ax", "appx", "advipservices", "ipbase", "premium", "standard",
		"advanced", "lite",
	};
	struct sys_settings	 s;
	char			 line[64];
	size_t			 i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		snprintf(line, sizeof(line), "license boot level %s",
		    levels[i]);
		read_lines(&s, NULL, line);
		ck_assert_str_eq(s.license_next, levels[i]);
		sys_settings_clear(&s);
	}
	/* A prefix the grammar completes, and the last line wins. */
	read_lines(&s, NULL, "license boot level adv\n"
	    "license boot level prem");
	ck_assert_str_eq(s.license_next, "premium");
	sys_settings_clear(&s);
}
END_TEST

START_TEST(the_motd_banner_is_kept_with_its_delimiters)
{
	struct sys_settings	 s;

	read_lines(&s, NULL, "banner motd ^CAuthorized access only^C");
	ck_assert_str_eq(s.motd, "^CAuthorized access only^C");
	sys_settings_clear(&s);
	read_lines(&s, NULL, "banner motd ^C^C");
	ck_assert_str_eq(s.motd, "^C^C");
	sys_settings_clear(&s);
	/* A body over several lines is one model line. */
	sys_settings_init(&s, NULL);
	ck_assert_int_eq(sys_settings_line(&s, grammar, "banner motd ^C\n"
	    "  Lab router R1\n\nkeep out  ^C"), 0);
	ck_assert_str_eq(s.motd, "^C\n  Lab router R1\n\nkeep out  ^C");
	sys_settings_clear(&s);
}
END_TEST

START_TEST(log_time_stamps_give_their_options)
{
	struct sys_settings	 s;

	read_lines(&s, NULL, "service timestamps log datetime msec");
	ck_assert_str_eq(s.timestamps, "datetime msec");
	sys_settings_clear(&s);
	read_lines(&s, NULL, "service timestamps log datetime msec localtime "
	    "show-timezone year");
	ck_assert_str_eq(s.timestamps, "datetime msec localtime "
	    "show-timezone year");
	sys_settings_clear(&s);
	read_lines(&s, NULL, "service timestamps log uptime");
	ck_assert_str_eq(s.timestamps, "uptime");
	sys_settings_clear(&s);
	/* As before, the bare command reports no options. */
	read_lines(&s, NULL, "service timestamps log");
	ck_assert_ptr_null(s.timestamps);
	sys_settings_clear(&s);
	read_lines(&s, NULL, "service timestamps debug uptime");
	ck_assert_ptr_null(s.timestamps);
	sys_settings_clear(&s);
}
END_TEST

START_TEST(domain_lookup_is_off_only_when_negated)
{
	struct sys_settings	 s;

	read_lines(&s, NULL, "no ip domain lookup");
	ck_assert_int_eq(s.no_lookup, 1);
	sys_settings_clear(&s);
	read_lines(&s, NULL, "ip domain lookup");
	ck_assert_int_eq(s.no_lookup, 0);
	sys_settings_clear(&s);
	read_lines(&s, NULL, "no ip domain-lookup");
	ck_assert_int_eq(s.no_lookup, 0);
	sys_settings_clear(&s);
}
END_TEST

START_TEST(gigabit_interfaces_are_counted)
{
	struct sys_settings	 s;

	read_lines(&s, NULL, "interface GigabitEthernet1\n"
	    "interface GigabitEthernet2\n"
	    "interface gi3\n"
	    "interface Loopback0\n"
	    "interface GigabitEthernet3");
	ck_assert_uint_eq(s.gig, 4);
	sys_settings_clear(&s);
}
END_TEST

START_TEST(lines_the_grammar_refuses_set_nothing)
{
	static const char *const bad[] = {
		"enable secret",
		"enable secret 5",
		"enable password",
		"enable",
		"enabl secret 5 " HASH " extra",
		"username",
		"username alice privilege 16",
		"username alice privilege",
		"license boot level gold",
		"license boot",
		"banner motd",
		"banner",
		"service timestamps log datetime uptime",
		"service timestamps",
		"ip domain lookup now",
		"interface",
		"interface GigabitEthernet",
		"interface Bogus1",
		"xinterface GigabitEthernet1",
		"",
		"no",
		"!",
	};
	struct sys_settings	 s;
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		read_lines(&s, "alice", bad[i]);
		assert_nothing(&s, bad[i]);
		sys_settings_clear(&s);
	}
}
END_TEST

START_TEST(a_vty_block_holds_its_lines)
{
	ck_assert_int_eq(sys_vty_holds(grammar, "line vty 0 4", 0), 1);
	ck_assert_int_eq(sys_vty_holds(grammar, "line vty 0 4", 4), 1);
	ck_assert_int_eq(sys_vty_holds(grammar, "line vty 0 4", 5), 0);
	ck_assert_int_eq(sys_vty_holds(grammar, "line vty 5 15", 5), 1);
	ck_assert_int_eq(sys_vty_holds(grammar, "line vty 5 15", 4), 0);
	ck_assert_int_eq(sys_vty_holds(grammar, "line vty 7", 7), 1);
	ck_assert_int_eq(sys_vty_holds(grammar, "line vty 7", 8), 0);
	ck_assert_int_eq(sys_vty_holds(grammar, "line con 0", 0), 0);
	ck_assert_int_eq(sys_vty_holds(grammar, "line vty 99", 99), 0);
	ck_assert_int_eq(sys_vty_holds(grammar, "line vty", 0), 0);
	ck_assert_int_eq(sys_vty_holds(grammar, "interface Loopback0", 0), 0);
	ck_assert_int_eq(sys_vty_holds(grammar, "username line privilege 0",
	    0), 0);
}
END_TEST

START_TEST(a_vty_blocks_privilege_and_length)
{
	struct sys_settings	 s;

	sys_settings_init(&s, NULL);
	ck_assert_int_eq(s.line_priv, -1);
	ck_assert_int_eq(s.line_length, -1);
	ck_assert_int_eq(sys_settings_vty_line(&s, grammar,
	    "privilege level 15"), 0);
	ck_assert_int_eq(sys_settings_vty_line(&s, grammar, "length 0"), 0);
	ck_assert_int_eq(s.line_priv, 15);
	ck_assert_int_eq(s.line_length, 0);
	/* Other lines, and lines the grammar refuses, change nothing. */
	ck_assert_int_eq(sys_settings_vty_line(&s, grammar,
	    "privilege level 16"), 0);
	ck_assert_int_eq(sys_settings_vty_line(&s, grammar, "length 513"),
	    0);
	ck_assert_int_eq(sys_settings_vty_line(&s, grammar,
	    "password length 5"), 0);
	ck_assert_int_eq(sys_settings_vty_line(&s, grammar,
	    "transport input ssh"), 0);
	ck_assert_int_eq(sys_settings_vty_line(&s, grammar,
	    "exec-timeout 5 0"), 0);
	ck_assert_int_eq(s.line_priv, 15);
	ck_assert_int_eq(s.line_length, 0);
	ck_assert_int_eq(sys_settings_vty_line(&s, grammar,
	    "privilege level 3"), 0);
	ck_assert_int_eq(s.line_priv, 3);
	/* Global lines are not line settings. */
	ck_assert_int_eq(sys_settings_line(&s, grammar, "privilege level 7"),
	    0);
	ck_assert_int_eq(s.line_priv, 3);
	sys_settings_clear(&s);
	ck_assert_int_eq(s.line_priv, -1);
}
END_TEST

static void
run_lines(struct cfg_session *sess, const char *const *lines, size_t n)
{
	struct cfg_line_result	 r;
	size_t			 i;

	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		ck_assert_msg(cfg_session_run(sess, lines[i], &r) ==
		    CFG_LINE_OK, "\"%s\": %s", lines[i], r.out != NULL ?
		    r.out : "");
		cfg_line_result_clear(&r);
	}
}

static void
read_model(struct sys_settings *s, struct cfg_model *m,
    const char *user)
{
	const struct cfg_node	*k;

	sys_settings_init(s, user);
	for (k = cfg_node_first(cfg_model_root(m)); k != NULL;
	    k = cfg_node_next(k))
		ck_assert_int_eq(sys_settings_line(s, grammar,
		    cfg_node_line(k)), 0);
}

/* As cfgd reads a session's line: the first block holding vty n. */
static void
vty_block_read(struct sys_settings *s, struct cfg_model *m, unsigned long n)
{
	const struct cfg_node	*k, *c;

	sys_settings_init(s, NULL);
	for (k = cfg_node_first(cfg_model_root(m)); k != NULL;
	    k = cfg_node_next(k))
		if (sys_vty_holds(grammar, cfg_node_line(k), n))
			break;
	for (c = k != NULL ? cfg_node_first(k) : NULL; c != NULL;
	    c = cfg_node_next(c))
		ck_assert_int_eq(sys_settings_vty_line(s, grammar,
		    cfg_node_line(c)), 0);
}

/* As cfgd reads them: the top-level lines of a model sessions filled. */
START_TEST(a_configured_model_reads_back_as_configured)
{
	static const char *const cfg[] = {
		"enable secret s3cret",
		"enable password plain",
		"username ops privilege 5 secret opsword",
		"username viewer password 0 look",
		"license boot level premium",
		"service timestamps log datetime msec localtime",
		"no ip domain lookup",
		"interface GigabitEthernet1",
		" description enable password here",
		"exit",
		"interface Gi2",
		"exit",
		"interface Loopback0",
		"exit",
		"line vty 0 4",
		" privilege level 15",
		" length 0",
		"exit",
		"banner motd #",
		"Lab router",
		"  second line#",
	};
	static const char *const undo[] = {
		"no enable secret",
		"no enable password",
		"username viewer privilege 2",
		"no license boot level premium",
		"no service timestamps log",
		"ip domain lookup",
		"no interface GigabitEthernet1",
		"no banner motd",
	};
	struct cfg_model	*m = cfg_model_new();
	struct cfg_session	*sess;
	struct sys_settings	 s;

	ck_assert_ptr_nonnull(m);
	sess = cfg_session_new(grammar, m, NULL);
	ck_assert_ptr_nonnull(sess);
	run_lines(sess, cfg, sizeof(cfg) / sizeof(cfg[0]));
	read_model(&s, m, "ops");
	/* The secret is stored hashed; the hash verifies the secret. */
	ck_assert_ptr_nonnull(s.enable_hash);
	ck_assert_int_eq(cfg_secret_check("s3cret", s.enable_hash), 1);
	ck_assert_int_eq(cfg_secret_check("plain", s.enable_hash), 0);
	ck_assert_str_eq(s.enable_password, "plain");
	ck_assert_int_eq(s.enable_set, 1);
	ck_assert_int_eq(s.user_priv, 5);
	ck_assert_str_eq(s.license_next, "premium");
	ck_assert_str_eq(s.timestamps, "datetime msec localtime");
	ck_assert_int_eq(s.no_lookup, 1);
	ck_assert_uint_eq(s.gig, 2);
	/* The body starts after the line that opened it. */
	ck_assert_str_eq(s.motd, "^C\nLab router\n  second line^C");
	sys_settings_clear(&s);
	vty_block_read(&s, m, 3);
	ck_assert_int_eq(s.line_priv, 15);
	ck_assert_int_eq(s.line_length, 0);
	sys_settings_clear(&s);
	vty_block_read(&s, m, 5);
	ck_assert_int_eq(s.line_priv, -1);
	ck_assert_int_eq(s.line_length, -1);
	sys_settings_clear(&s);
	read_model(&s, m, "viewer");
	ck_assert_int_eq(s.user_priv, -1);
	sys_settings_clear(&s);

	run_lines(sess, undo, sizeof(undo) / sizeof(undo[0]));
	read_model(&s, m, "viewer");
	ck_assert_ptr_null(s.enable_hash);
	ck_assert_ptr_null(s.enable_password);
	ck_assert_int_eq(s.enable_set, 0);
	ck_assert_int_eq(s.user_priv, 2);
	ck_assert_ptr_null(s.license_next);
	ck_assert_ptr_null(s.timestamps);
	ck_assert_int_eq(s.no_lookup, 0);
	ck_assert_uint_eq(s.gig, 1);
	ck_assert_ptr_null(s.motd);
	sys_settings_clear(&s);
	cfg_session_free(sess);
	cfg_model_free(m);
}
END_TEST

/* `enable password 0 0 foo` sets the password "0 foo": stored so that it
 * reads back as that, and not as type 0 and "foo". */
START_TEST(a_password_starting_with_0_reads_back_whole)
{
	static const char *const cfg[] = { "enable password 0 0 foo" };
	static const char *const cfg2[] = { "enable password 0 0" };
	struct cfg_model	*m = cfg_model_new();
	struct cfg_session	*sess;
	struct sys_settings	 s;

	ck_assert_ptr_nonnull(m);
	sess = cfg_session_new(grammar, m, NULL);
	ck_assert_ptr_nonnull(sess);
	run_lines(sess, cfg, 1);
	read_model(&s, m, NULL);
	ck_assert_str_eq(s.enable_password, "0 foo");
	sys_settings_clear(&s);
	run_lines(sess, cfg2, 1);
	read_model(&s, m, NULL);
	ck_assert_str_eq(s.enable_password, "0");
	sys_settings_clear(&s);
	cfg_session_free(sess);
	cfg_model_free(m);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("sysset");
	TCase	*tc = tcase_create("lines");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, other_lines_set_nothing);
	tcase_add_test(tc, the_enable_secret_gives_its_hash);
	tcase_add_test(tc, the_enable_password_is_the_rest_of_the_line);
	tcase_add_test(tc, a_users_privilege_is_its_own_line);
	tcase_add_test(tc, each_license_boot_level);
	tcase_add_test(tc, the_motd_banner_is_kept_with_its_delimiters);
	tcase_add_test(tc, log_time_stamps_give_their_options);
	tcase_add_test(tc, domain_lookup_is_off_only_when_negated);
	tcase_add_test(tc, gigabit_interfaces_are_counted);
	tcase_add_test(tc, lines_the_grammar_refuses_set_nothing);
	tcase_add_test(tc, a_vty_block_holds_its_lines);
	tcase_add_test(tc, a_vty_blocks_privilege_and_length);
	tcase_add_test(tc, a_configured_model_reads_back_as_configured);
	tcase_add_test(tc, a_password_starting_with_0_reads_back_whole);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(suite());
}
