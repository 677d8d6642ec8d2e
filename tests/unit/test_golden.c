/*
 * Golden configurations: tests/golden/NN.conf, loaded through a
 * configuration session on a fresh model exactly as cfgd loads
 * startup-config, must render byte for byte as tests/golden/NN.ok; and the
 * rendered text, loaded again into a fresh model, must render to itself
 * (render, parse, render is a fixed point) without a single bad line.
 *
 * Files are found under $srcdir (automake exports it; default ".").
 * A golden listed in tests/KNOWN-FAILURES as "golden/NN reason" is
 * expected to differ until its bug is fixed.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgtab.h"
#include "cfg/model.h"
#include "cfg/render.h"
#include "cfg/session.h"

#define MAX_GOLDEN	100

static struct cmd_grammar	*grammar;
static char			 names[MAX_GOLDEN][8];
static int			 ngolden;

static const char *
srcdir(void)
{
	const char	*s = getenv("srcdir");

	return s != NULL && *s != '\0' ? s : ".";
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp;
	char	*buf = NULL;
	size_t	 cap = 0, n = 0, r;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (n + 65536 + 1 > cap) {
			cap = cap ? cap * 2 : 131072;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		r = fread(buf + n, 1, cap - n - 1, fp);
		n += r;
		if (r == 0)
			break;
	}
	fclose(fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

/* Whether tests/KNOWN-FAILURES lists id ("golden/03"). */
static int
known_failure(const char *id)
{
	char	 path[4096], *text, *p;
	size_t	 idlen = strlen(id);
	int	 found = 0;

	snprintf(path, sizeof(path), "%s/tests/KNOWN-FAILURES", srcdir());
	if ((text = slurp(path, NULL)) == NULL)
		return 0;
	for (p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL)
		if (strncmp(p, id, idlen) == 0 && (p[idlen] == ' ' ||
		    p[idlen] == '\t'))
			found = 1;
	free(text);
	return found;
}

/*
 * Loads text as cfgd loads startup-config: line by line through one
 * session, stopping at "end"; a bad line is counted and skipped.
 */
static size_t
load(struct cfg_model *m, const char *text, int show_bad)
{
	struct cfg_session	*s;
	struct cfg_line_result	 r;
	const char		*p = text, *nl;
	char			*line;
	size_t			 len, bad = 0, lineno = 0;
	enum cfg_line_status	 st;

	s = cfg_session_new(grammar, m, NULL);
	ck_assert_ptr_nonnull(s);
	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		line = strndup(p, len);
		ck_assert_ptr_nonnull(line);
		lineno++;
		p = nl != NULL ? nl + 1 : p + strlen(p);
		st = cfg_session_run(s, line, &r);
		ck_assert_int_ne(st, CFG_LINE_NOMEM);
		if (st == CFG_LINE_END) {
			cfg_line_result_clear(&r);
			free(line);
			break;
		}
		if (st != CFG_LINE_OK) {
			bad++;
			if (show_bad)
				fprintf(stderr, "  bad line %zu (status %d): "
				    "%s\n", lineno, (int)st, line);
		}
		cfg_line_result_clear(&r);
		free(line);
	}
	cfg_session_free(s);
	return bad;
}

static char *
render(const struct cfg_model *m, size_t *len)
{
	struct cfg_render_info	 ri;
	char			*text;

	memset(&ri, 0, sizeof(ri));
	text = cfg_render(m, &ri, len);
	ck_assert_ptr_nonnull(text);
	return text;
}

/* Prints the first line where a and b differ, with a few lines around. */
static void
show_difference(const char *what, const char *want, const char *got)
{
	const char	*a = want, *b = got, *la = want, *lb = got;
	size_t		 line = 1;

	while (*a != '\0' && *a == *b) {
		if (*a == '\n') {
			line++;
			la = a + 1;
			lb = b + 1;
		}
		a++;
		b++;
	}
	fprintf(stderr, "%s: first difference at line %zu\n"
	    "  expected: %.*s\n  actual:   %.*s\n", what, line,
	    (int)strcspn(la, "\n"), la, (int)strcspn(lb, "\n"), lb);
}

static int
golden_matches(const char *name)
{
	char			 path[4096], id[32];
	char			*conf, *ok, *text, *again;
	size_t			 len, len2, bad;
	struct cfg_model	*m, *m2;
	int			 good = 1;

	snprintf(path, sizeof(path), "%s/tests/golden/%s.conf", srcdir(),
	    name);
	conf = slurp(path, NULL);
	ck_assert_msg(conf != NULL, "cannot read %s", path);
	snprintf(path, sizeof(path), "%s/tests/golden/%s.ok", srcdir(), name);
	ok = slurp(path, NULL);
	ck_assert_msg(ok != NULL, "cannot read %s", path);

	m = cfg_model_new();
	ck_assert_ptr_nonnull(m);
	bad = load(m, conf, 0);
	text = render(m, &len);
	ck_assert_uint_eq(len, strlen(text));
	if (strcmp(text, ok) != 0) {
		snprintf(id, sizeof(id), "golden %s", name);
		show_difference(id, ok, text);
		good = 0;
	}

	/* The rendering must reparse cleanly to the same text. */
	m2 = cfg_model_new();
	ck_assert_ptr_nonnull(m2);
	len2 = load(m2, text, 1);
	if (len2 != 0) {
		fprintf(stderr, "golden %s: %zu rendered lines do not parse\n",
		    name, len2);
		good = 0;
	}
	again = render(m2, &len2);
	if (strcmp(again, text) != 0) {
		snprintf(id, sizeof(id), "golden %s reparsed", name);
		show_difference(id, text, again);
		good = 0;
	}
	(void)bad;
	free(again);
	free(text);
	cfg_model_free(m2);
	cfg_model_free(m);
	free(conf);
	free(ok);
	return good;
}

START_TEST(golden_renders_as_its_ok_file_and_is_a_fixed_point)
{
	const char	*name = names[_i];
	char		 id[32];
	int		 good = golden_matches(name);

	snprintf(id, sizeof(id), "golden/%s", name);
	if (known_failure(id)) {
		if (good)
			ck_abort_msg("%s passes: remove it from "
			    "tests/KNOWN-FAILURES", id);
		fprintf(stderr, "XFAIL (known): %s\n", id);
		return;
	}
	ck_assert_msg(good, "%s: rendering differs (see above)", id);
	fprintf(stderr, "ok: %s renders as %s.ok and reparses to itself\n",
	    id, name);
}
END_TEST

static void
find_goldens(void)
{
	char	 path[4096];
	FILE	*fp;
	int	 i;

	for (i = 0; i < MAX_GOLDEN; i++) {
		snprintf(path, sizeof(path), "%s/tests/golden/%02d.conf",
		    srcdir(), i);
		if ((fp = fopen(path, "r")) == NULL)
			continue;
		fclose(fp);
		snprintf(names[ngolden++], sizeof(names[0]), "%02d", i);
	}
}

int
main(void)
{
	Suite		*s;
	TCase		*tc;
	SRunner		*sr;
	const char	*bad = NULL;
	int		 failed;

	if ((grammar = cfg_grammar_build(&bad)) == NULL) {
		fprintf(stderr, "grammar: %s\n", bad != NULL ? bad : "?");
		return 1;
	}
	find_goldens();
	if (ngolden == 0) {
		fprintf(stderr, "no tests/golden/NN.conf under %s\n",
		    srcdir());
		return 99;
	}
	s = suite_create("golden");
	tc = tcase_create("golden");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc,
	    golden_renders_as_its_ok_file_and_is_a_fixed_point, 0, ngolden);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	cmd_grammar_free(grammar);
	return failed == 0 ? 0 : 1;
}
