/*
 * The grammar engine: IOS command matching driven by tables.
 *
 * A grammar holds modes (prompts, parents, help titles) and command
 * definitions.  Each definition's syntax is a string of tokens:
 *
 *	keyword		lower-case literal (letters, digits, '-', '_', '.')
 *	WORD		any one token
 *	LINE		the rest of the line as typed (>= 1 token); last only
 *	A.B.C.D		IPv4 address (also used for masks)
 *	A.B.C.D/M	IPv4 prefix
 *	X:X::X		IPv6 address        X:X::X/M  IPv6 prefix
 *	<1-98>		decimal in the range
 *	H.H.H		MAC address (also accepts aa:bb:cc:dd:ee:ff)
 *	IFNAME		interface: a type (unique prefix of a known type) and a
 *			number, one token ("gi1", "Loopback10") or two ("gi 1")
 *	[ a b ]		optional sequence
 *	{ a | b c }	one of the alternatives; [ a | b ] optional choice
 *
 * A variable token may carry a name: `WORD$name`, `A.B.C.D$mask`.  A keyword
 * is named by itself.  Help is one line per token in the order the tokens
 * appear in the syntax string (keywords and variables alike, not brackets),
 * separated by '\n'.
 *
 * Engine details (added with the implementation):
 * - An unnamed variable is named by its syntax text ("WORD", "A.B.C.D",
 *   "<1-255>", "IFNAME").  A keyword may carry a name too (`ssh$proto`).
 *   When a variable and a keyword share a name, cmd_arg and cmd_arg_all
 *   return the variable.
 * - Also accepted: `A.B.C.D/nn` for A.B.C.D/M, `X:X:X:X::X` and
 *   `X:X:X:X::X/<0-128>` for the IPv6 forms.  `help` may be NULL (empty
 *   help lines) and may end in one '\n'.
 * - Flag bits other than CMD_F_* are the owner's and are ignored.
 * - Parent-mode fallback is the caller's: on CMD_INVALID in a submode,
 *   parse again in cmd_grammar_mode(g, mode)->parent.
 * - cmd_parse, cmd_help and cmd_complete return CMD_E_MODE for an unknown
 *   mode.
 *
 * Matching is IOS's: case-insensitive unique prefixes of keywords, an exact
 * keyword beats a prefix, a prefix beats a variable; two or more distinct
 * keywords matched by a prefix (and no exact one) is ambiguous.  A line
 * starting with `no` matches the negation of any definition with
 * CMD_F_NO, and may stop anywhere after that definition's leading keywords.
 * Definitions with CMD_F_PIPE accept a trailing output modifier:
 * `| {include|exclude|begin|section|count} LINE`.
 *
 * Errors carry the byte offset in the line where IOS puts its caret: the
 * first character that matches nothing, at character level for keywords,
 * at the start of the token for variables.
 */
#ifndef CFG_CMD_H
#define CFG_CMD_H

#include <stddef.h>

#define CMD_MODE_NONE	(-1)

/* Definition flags. */
#define CMD_F_NO	0x01	/* accepts the `no` form */
#define CMD_F_PIPE	0x02	/* accepts `| filter LINE` */
#define CMD_F_HIDDEN	0x04	/* matched, but not listed by ? or TAB */
#define CMD_F_NOONLY	0x08	/* only the `no` form exists */

struct cmd_mode {
	int		 id;		/* index in the grammar's mode table */
	const char	*name;		/* "config-if"; "" for exec modes */
	const char	*prompt;	/* "(config-if)#", ">", "#" */
	int		 parent;	/* mode to fall back to, or CMD_MODE_NONE */
	const char	*help_title;	/* "Interface configuration commands:" */
};

struct cmd_def {
	int		 mode;		/* mode it belongs to */
	const char	*syntax;
	const char	*help;		/* '\n'-separated, one line per token */
	int		 enters;	/* mode entered on success, or CMD_MODE_NONE */
	unsigned	 flags;		/* CMD_F_* */
	int		 priv;		/* privilege needed (exec: 1 or 15) */
	int		 action;	/* for the owner: opaque to the engine */
	const void	*data;		/* for the owner: opaque to the engine */
};

enum cmd_status {
	CMD_OK = 0,
	CMD_EMPTY,		/* blank line */
	CMD_AMBIGUOUS,		/* "% Ambiguous command:  \"<line>\"" */
	CMD_INCOMPLETE,		/* "% Incomplete command." */
	CMD_INVALID,		/* caret at err_col */
};

enum cmd_filter {
	CMD_FILTER_NONE = 0,
	CMD_FILTER_INCLUDE,
	CMD_FILTER_EXCLUDE,
	CMD_FILTER_BEGIN,
	CMD_FILTER_SECTION,
	CMD_FILTER_COUNT,
};

/* Error codes (negative returns). */
#define CMD_E_NOMEM	(-1)
#define CMD_E_SYNTAX	(-2)	/* a definition's syntax string is malformed */
#define CMD_E_MODE	(-3)	/* unknown mode id */
#define CMD_E_HELP	(-4)	/* help lines do not match the tokens */

const char	*cmd_strerror(int);

struct cmd_grammar;
struct cmd_args;

struct cmd_result {
	enum cmd_status		 status;
	size_t			 err_col;	/* byte offset, CMD_INVALID */
	const struct cmd_def	*def;		/* CMD_OK */
	int			 negated;	/* matched as `no ...` */
	struct cmd_args		*args;		/* CMD_OK; owned by the result */
	enum cmd_filter		 filter;	/* output modifier, if any */
	char			*filter_arg;	/* its LINE, owned */
	size_t			 filter_col;	/* offset of the '|' token */
};

/* modes are copied; definitions are borrowed and must outlive the grammar. */
struct cmd_grammar *cmd_grammar_new(const struct cmd_mode *modes,
		    size_t nmodes);
void		 cmd_grammar_free(struct cmd_grammar *);
/* Compiles and adds a definition.  Returns 0 or CMD_E_*. */
int		 cmd_grammar_add(struct cmd_grammar *, const struct cmd_def *);
/* Adds n definitions; stops at the first failure and returns it, with *bad
 * (if not NULL) set to its index. */
int		 cmd_grammar_add_all(struct cmd_grammar *,
		    const struct cmd_def *, size_t n, size_t *bad);
const struct cmd_mode *cmd_grammar_mode(const struct cmd_grammar *, int id);
size_t		 cmd_grammar_nmodes(const struct cmd_grammar *);
/* The definitions in the order they were added (for the manual pages,
 * which list every command): how many, and the i-th (NULL past the end). */
size_t		 cmd_grammar_ndefs(const struct cmd_grammar *);
const struct cmd_def *cmd_grammar_def(const struct cmd_grammar *, size_t i);

/*
 * Parses line in mode for a user at privilege priv.  Returns 0 (the outcome
 * is in res->status) or CMD_E_NOMEM.  Always call cmd_result_clear after.
 */
int		 cmd_parse(const struct cmd_grammar *, int mode, int priv,
		    const char *line, struct cmd_result *res);
void		 cmd_result_clear(struct cmd_result *);

/*
 * The matched command in canonical form: full keywords, canonical values
 * (interface names expanded, addresses normalised), `no ` first when
 * negated, no output modifier.  Caller frees.  NULL on out of memory.
 */
char		*cmd_canonical(const struct cmd_result *);

/*
 * Arguments by name: the canonical value of a named variable, or for a
 * keyword its own text when it was given.  NULL when absent.
 */
const char	*cmd_arg(const struct cmd_args *, const char *name);
int		 cmd_arg_has(const struct cmd_args *, const char *name);
/* Values of a name that matched several times (e.g. in a repeated part),
 * in order; returns how many and sets *vals (borrowed). */
size_t		 cmd_arg_all(const struct cmd_args *, const char *name,
		    const char *const **vals);

/*
 * `?` help for line (the text before the cursor).  If line ends in a space
 * or is empty: the next tokens with their help, in IOS layout ("  word
 * help"), "<cr>" when the command may end; with a partial last word: the
 * matching keywords only, as IOS prints for `sh?`.  The text is written to
 * *out (caller frees), lines separated by '\n', without the trailing blank
 * line and prompt.  Returns 0 with *status CMD_OK, or the error status of
 * the part of the line before the last word (CMD_INVALID with *err_col, or
 * CMD_AMBIGUOUS); *out is NULL then.  width is the terminal width, for
 * wrapping long help under its column.  A partial last word that no
 * keyword starts with lists the variables it matches (`line vty 1?` gives
 * "<0-98>"), and if none, gives CMD_INVALID with *err_col inside that word
 * (IOS prints "% Unrecognized command").  Interface types count as
 * keywords here (`int g?` gives "GigabitEthernet").
 */
int		 cmd_help(const struct cmd_grammar *, int mode, int priv,
		    const char *line, int width, char **out,
		    enum cmd_status *status, size_t *err_col);

/*
 * TAB completion of the last word of line: the keywords it is a prefix of
 * (variables never complete; interface type names do, as in IOS).
 * Returns how many (0 when the line before the word is in error); *words
 * is a NULL-ended array the caller frees with cmd_words_free.  Exact-match
 * keywords come first so that a unique completion is words[0].
 */
int		 cmd_complete(const struct cmd_grammar *, int mode, int priv,
		    const char *line, char ***words);
void		 cmd_words_free(char **);

/*
 * Interface names: the canonical spelling of an interface name typed as
 * one token ("gi1" -> "GigabitEthernet1").  Returns 0 or CMD_E_SYNTAX.
 */
int		 cmd_ifname_canon(const char *in, char *out, size_t outlen);

#endif
