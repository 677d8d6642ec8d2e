/*
 * The manual pages of the command language, written from the grammar the
 * shell runs on (`cli --print-man config|exec|commands`, used by the build
 * in man/local.mk), so that the pages list exactly the commands the router
 * accepts and cannot drift from the tables in cfg/cfgtab*.c and
 * cli/exec*.c.
 *
 * config  lisprouter-config(5): every configuration mode, how it is
 *         entered, each command's syntax, its per-word help, `no` form,
 *         default and flags, then the factory configuration
 * exec    lisprouter-exec(7): the exec commands and their privilege
 * commands  one "MODE<TAB>SYNTAX" line per definition (the test of the
 *         pages checks each appears in them)
 */
#include <stdio.h>
#include <string.h>

#include "cfg/cfgcmd.h"
#include "cfg/cfgtab.h"
#include "cfg/cmd.h"
#include "cfg/modes.h"
#include "cli/manpage.h"

#define TOKEN_MAX	256

/* Writes s as roff text: backslashes escaped, '-' as \- when minus (the
 * words of commands, typed literally), a leading control character made
 * harmless by the caller's \&. */
static void
esc(FILE *f, const char *s, size_t n, int minus)
{
	size_t	 i;

	for (i = 0; i < n && s[i] != '\0'; i++) {
		if (s[i] == '\\')
			fputs("\\e", f);
		else if (s[i] == '-' && minus)
			fputs("\\-", f);
		else
			fputc(s[i], f);
	}
}

static int
is_bracket(const char *t, size_t n)
{
	return n == 1 && strchr("[]{}|", t[0]) != NULL;
}

/* Variables start with an upper-case letter or '<'; keywords are lower
 * case words and numbers (enable secret 5 ...). */
static int
is_variable(const char *t)
{
	return (t[0] >= 'A' && t[0] <= 'Z') || t[0] == '<';
}

/* The next token of a syntax string: *len characters at the return value,
 * or NULL at the end. */
static const char *
next_token(const char **p, size_t *len)
{
	const char	*s = *p, *e;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return NULL;
	for (e = s; *e != '\0' && *e != ' '; e++)
		;
	*len = (size_t)(e - s);
	*p = e;
	return s;
}

/* The displayed form of a token: without its $name. */
static size_t
shown_len(const char *t, size_t n)
{
	const char	*d = memchr(t, '$', n);

	return d != NULL ? (size_t)(d - t) : n;
}

/* A syntax as the user types it: keywords bold, variables italic. */
static void
put_syntax(FILE *f, const char *syntax, int negated)
{
	const char	*p = syntax, *t;
	size_t		 n, sn;
	int		 first = 1;

	fputs("\\&", f);
	if (negated) {
		fputs("\\fBno\\fR", f);
		first = 0;
	}
	while ((t = next_token(&p, &n)) != NULL) {
		if (!first)
			fputc(' ', f);
		first = 0;
		sn = shown_len(t, n);
		if (is_bracket(t, n))
			esc(f, t, n, 0);
		else {
			fputs(is_variable(t) ? "\\fI" : "\\fB", f);
			esc(f, t, sn, 1);
			fputs("\\fR", f);
		}
	}
	fputc('\n', f);
}

/* The syntax without $names, as the plain text the pages must contain. */
static void
plain_syntax(FILE *f, const char *syntax)
{
	const char	*p = syntax, *t;
	size_t		 n;
	int		 first = 1;

	while ((t = next_token(&p, &n)) != NULL) {
		if (!first)
			fputc(' ', f);
		first = 0;
		fwrite(t, 1, shown_len(t, n), f);
	}
}

/* The i-th help line of def (empty if missing): *len characters. */
static const char *
help_line(const struct cmd_def *def, size_t i, size_t *len)
{
	const char	*h = def->help, *e;

	if (h == NULL) {
		*len = 0;
		return "";
	}
	while (i-- > 0) {
		if ((h = strchr(h, '\n')) == NULL) {
			*len = 0;
			return "";
		}
		h++;
	}
	e = strchr(h, '\n');
	*len = e != NULL ? (size_t)(e - h) : strlen(h);
	return h;
}

/*
 * The body of one command: the help of its last leading keyword as the
 * description, then each later word with its help, so every word a user
 * may type is explained once.
 */
static void
put_words(FILE *f, const struct cmd_def *def)
{
	const char	*p = def->syntax, *t, *h;
	size_t		 n, hn, idx = 0, lead = 0, nlead = 0;
	int		 leading = 1, listed = 0;

	/* Leading keywords: before the first variable or bracket. */
	while ((t = next_token(&p, &n)) != NULL && leading) {
		if (is_bracket(t, n) || is_variable(t))
			leading = 0;
		else
			nlead++;
	}
	lead = nlead > 0 ? nlead - 1 : 0;
	h = help_line(def, lead, &hn);
	fputs("\\&", f);
	if (hn > 0)
		esc(f, h, hn, 0);
	else
		fputs("(no help text)", f);
	fputs(hn > 0 && h[hn - 1] == '.' ? "\n" : ".\n", f);
	p = def->syntax;
	while ((t = next_token(&p, &n)) != NULL) {
		if (is_bracket(t, n))
			continue;
		if (idx++ < nlead)
			continue;
		h = help_line(def, idx - 1, &hn);
		if (!listed) {
			fputs(".RS\n.PD 0\n", f);
			listed = 1;
		}
		fputs(".TP\n", f);
		fputs(is_variable(t) ? "\\&\\fI" : "\\&\\fB", f);
		esc(f, t, shown_len(t, n), 1);
		fputs("\\fR\n\\&", f);
		esc(f, h, hn, 0);
		fputc('\n', f);
	}
	if (listed)
		fputs(".PD\n.RE\n", f);
}

static const char *
mode_name(const struct cmd_grammar *g, int id)
{
	const struct cmd_mode	*m = cmd_grammar_mode(g, id);

	if (m == NULL)
		return "?";
	return m->name[0] != '\0' ? m->name : "exec";
}

/* One note under a command (text is roff already); the first opens the
 * paragraph. */
static void
put_note(FILE *f, int *any, const char *text)
{
	fputs(*any ? ".br\n" : ".IP\n", f);
	*any = 1;
	fputs("\\&", f);
	fputs(text, f);
	fputc('\n', f);
}

static void
put_command(FILE *f, const struct cmd_grammar *g, const struct cmd_def *def)
{
	const struct cfg_cmd	*c = NULL;
	int			 any = 0;

	if (def->mode != MODE_EXEC)
		c = (const struct cfg_cmd *)def;	/* def is its first member */
	fputs(".TP\n", f);
	put_syntax(f, def->syntax, (def->flags & CMD_F_NOONLY) != 0);
	put_words(f, def);
	if (def->flags & CMD_F_NOONLY)
		put_note(f, &any, "Only the \\fBno\\fR form exists.");
	else if (def->flags & CMD_F_NO)
		put_note(f, &any, c != NULL && (c->cflags & CFG_F_NEGSTORE) ?
		    "The \\fBno\\fR form turns it off and is what the running "
		    "configuration shows." : "The \\fBno\\fR form undoes it.");
	if (def->enters != CMD_MODE_NONE) {
		fputs(any ? ".br\n" : ".IP\n", f);
		any = 1;
		fputs("\\&Enters \\fB", f);
		esc(f, mode_name(g, def->enters),
		    strlen(mode_name(g, def->enters)), 1);
		fputs("\\fR mode.\n", f);
	}
	if (c != NULL && c->defval != NULL) {
		fputs(any ? ".br\n" : ".IP\n", f);
		any = 1;
		fputs("\\&Default: \\fB", f);
		esc(f, c->defval, strlen(c->defval), 1);
		fputs("\\fR.\n", f);
	}
	if (c != NULL && (c->cflags & CFG_F_NEGSTORE))
		put_note(f, &any, "Default: on.");
	if (c != NULL && (c->cflags & CFG_F_BOTH))
		put_note(f, &any, "Both forms are kept in the running "
		    "configuration.");
	if (c != NULL && (c->cflags & CFG_F_ACTION))
		put_note(f, &any, "An action: it is carried out, not "
		    "stored.");
	if (def->mode == MODE_EXEC && def->priv >= 15)
		put_note(f, &any, "Privileged EXEC only (the # prompt).");
	if (def->flags & CMD_F_PIPE)
		put_note(f, &any, "Accepts an output modifier: \\fB|\\fR "
		    "{\\fBinclude\\fR|\\fBexclude\\fR|\\fBbegin\\fR|"
		    "\\fBsection\\fR|\\fBcount\\fR} \\fIregex\\fR.");
	if (def->flags & CMD_F_HIDDEN)
		put_note(f, &any, "Accepted (as in CSR running configurations) "
		    "but not listed by \\fB?\\fR.");
}

static void
put_mode(FILE *f, const struct cmd_grammar *g, int id)
{
	const struct cmd_mode	*m = cmd_grammar_mode(g, id);
	const struct cmd_def	*def;
	size_t			 i, n = cmd_grammar_ndefs(g), title;
	int			 entered = 0;

	if (m == NULL)
		return;
	title = strlen(m->help_title);
	if (title > 0 && m->help_title[title - 1] == ':')
		title--;
	fputs(".SS \"", f);
	esc(f, mode_name(g, id), strlen(mode_name(g, id)), 1);
	fputs(" mode\"\n.PP\n\\&", f);
	esc(f, m->help_title, title, 0);
	if (id == MODE_EXEC)
		fputs(" at the \\fB>\\fR (user) and \\fB#\\fR (privileged) "
		    "prompts", f);
	else {
		fputs(" at the \\fB", f);
		esc(f, m->prompt, strlen(m->prompt), 1);
		fputs("\\fR prompt", f);
	}
	if (m->parent != CMD_MODE_NONE) {
		fputs("; a line this mode does not know is tried in \\fB", f);
		esc(f, mode_name(g, m->parent), strlen(mode_name(g,
		    m->parent)), 1);
		fputs("\\fR mode", f);
	}
	fputs(".\n", f);
	for (i = 0; i < n; i++) {
		def = cmd_grammar_def(g, i);
		if (def->enters != id || def->mode == id)
			continue;
		fputs(entered ? ".br\n" : ".PP\nEntered with:\n.br\n", f);
		entered = 1;
		put_syntax(f, def->syntax, 0);
	}
	for (i = 0; i < n; i++) {
		def = cmd_grammar_def(g, i);
		if (def->mode == id)
			put_command(f, g, def);
	}
}

static void
header(FILE *f, const char *name, const char *section, const char *version)
{
	fprintf(f, ".\\\" Generated by `cli --print-man` from the command "
	    "tables; do not edit.\n");
	fprintf(f, ".TH %s %s \"\" \"lisprouter %s\" \"lisprouter\"\n", name,
	    section, version);
	fputs(".nh\n.ad l\n", f);
}

static void
put_factory(FILE *f)
{
	const char	*s = cfg_factory_config(), *e;

	fputs(".SH \"FACTORY CONFIGURATION\"\n"
	    "A router without a startup-config starts from this "
	    "configuration; \\fBerase startup-config\\fR and \\fBreload\\fR "
	    "return to it.\n.PP\n.RS\n.nf\n", f);
	while (*s != '\0') {
		e = strchr(s, '\n');
		fputs("\\&", f);
		esc(f, s, e != NULL ? (size_t)(e - s) : strlen(s), 0);
		fputc('\n', f);
		s = e != NULL ? e + 1 : s + strlen(s);
	}
	fputs(".fi\n.RE\n", f);
}

static void
config_page(FILE *f, const struct cmd_grammar *g, const char *version)
{
	size_t	 m;

	header(f, "LISPROUTER-CONFIG", "5", version);
	fputs(".SH NAME\nlisprouter-config \\- the configuration language "
	    "of lisprouter\n", f);
	fputs(".SH DESCRIPTION\n"
	    "A lisprouter router is configured as a Cisco IOS XE router is: "
	    "\\fBconfigure terminal\\fR in \\fBcli\\fR(1) enters global "
	    "configuration mode, and each line typed there is one command "
	    "below.  \\fBcfgd\\fR(8) keeps the running configuration; "
	    "\\fBwrite memory\\fR saves it as \\fIstartup-config\\fR in the "
	    "run directory, which is read back, line by line through the same "
	    "grammar, when the router starts.\n"
	    ".PP\n"
	    "Keywords may be shortened to any unique prefix.  In the syntax "
	    "below, keywords are in bold and values in italics: \\fIWORD\\fR "
	    "is one word, \\fILINE\\fR the rest of the line, "
	    "\\fIA.B.C.D\\fR an IPv4 address or mask, \\fIA.B.C.D/M\\fR a "
	    "prefix, \\fIX:X::X\\fR an IPv6 address, \\fIH.H.H\\fR a MAC "
	    "address, \\fI<lo\\-hi>\\fR a number in that range and "
	    "\\fIIFNAME\\fR an interface name (\\fBGigabitEthernet1\\fR, "
	    "\\fBgi1\\fR, \\fBLoopback0\\fR).  [ ] encloses optional words, "
	    "{ a | b } a choice.  A command with a \\fBno\\fR form is undone "
	    "by typing \\fBno\\fR before it; the words after its leading "
	    "keywords may then be left out.\n"
	    ".PP\n"
	    "In a submode, a command the mode does not know is tried in its "
	    "parent mode, which it then returns to, as IOS does; "
	    "\\fBexit\\fR leaves a mode, \\fBend\\fR or Ctrl-Z configuration, "
	    "and \\fBdo\\fR runs an exec command (lisprouter-exec(7)).\n"
	    ".SH MODES\n", f);
	for (m = 0; m < MODE_COUNT; m++) {
		if (m == MODE_EXEC || cmd_grammar_mode(g, (int)m) == NULL)
			continue;
		put_mode(f, g, (int)m);
	}
	put_factory(f);
	fputs(".SH \"SEE ALSO\"\n\\fBcli\\fR(1), \\fBlisprouter-exec\\fR(7), "
	    "\\fBcfgd\\fR(8), \\fBlispd\\fR(8), \\fBvtyd\\fR(8), "
	    "\\fBrouterctl\\fR(8)\n", f);
}

static void
exec_page(FILE *f, const struct cmd_grammar *g, const char *version)
{
	header(f, "LISPROUTER-EXEC", "7", version);
	fputs(".SH NAME\nlisprouter-exec \\- the exec commands of the "
	    "lisprouter shell\n", f);
	fputs(".SH DESCRIPTION\n"
	    "These are the commands of the shell's exec mode, run by "
	    "\\fBcli\\fR(1) on the console, in SSH and telnet sessions "
	    "(\\fBvtyd\\fR(8)) and by \\fBcli \\-c\\fR.  A session starts at "
	    "the user prompt (\\fBRouter>\\fR, privilege 1); \\fBenable\\fR "
	    "leads to the privileged prompt (\\fBRouter#\\fR, privilege 15), "
	    "where the commands marked privileged are also available.  "
	    "Keywords may be shortened to any unique prefix; the notation is "
	    "that of \\fBlisprouter-config\\fR(5).  \\fB?\\fR lists what may "
	    "come next, TAB completes a keyword.\n"
	    ".SH COMMANDS\n", f);
	put_mode(f, g, MODE_EXEC);
	fputs(".SH \"SEE ALSO\"\n\\fBcli\\fR(1), \\fBlisprouter-config\\fR(5), "
	    "\\fBvtyd\\fR(8)\n", f);
}

int
manpage_print(const struct cmd_grammar *g, const char *which,
    const char *version, FILE *f)
{
	const struct cmd_def	*def;
	size_t			 i;

	if (strcmp(which, "config") == 0)
		config_page(f, g, version);
	else if (strcmp(which, "exec") == 0)
		exec_page(f, g, version);
	else if (strcmp(which, "commands") == 0) {
		for (i = 0; i < cmd_grammar_ndefs(g); i++) {
			def = cmd_grammar_def(g, i);
			fprintf(f, "%s\t", mode_name(g, def->mode));
			plain_syntax(f, def->syntax);
			fputc('\n', f);
		}
	} else
		return -1;
	return ferror(f) || fflush(f) != 0 ? -1 : 0;
}
