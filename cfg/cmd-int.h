/*
 * The grammar engine's internals, shared by cmd.c (grammar, parse,
 * arguments), cmd-compile.c (syntax string to positions), cmd-types.c
 * (variable tokens) and cmd-help.c (? and TAB).  Not for other modules.
 */
#ifndef CFG_CMD_INT_H
#define CFG_CMD_INT_H

#include <stddef.h>
#include <stdint.h>

#include "cfg/cmd.h"

/* Token types of a compiled position. */
enum cmd_ttype {
	CT_KW = 0,
	CT_WORD,
	CT_LINE,
	CT_IPV4,
	CT_IPV4P,
	CT_IPV6,
	CT_IPV6P,
	CT_RANGE,
	CT_MAC,
	CT_IFNAME,
	CT_IFNUM,	/* the number after an interface type typed alone */
};

/* One token of a definition's syntax (a Glushkov position). */
struct cmd_pos {
	const char		*text;	/* keyword, or the variable's syntax */
	const char		*name;	/* argument name */
	const char		*help;
	unsigned long long	 lo, hi;	/* CT_RANGE */
	uint32_t		 follow;	/* index in cdef->follow */
	uint16_t		 nfollow;
	uint16_t		 len;		/* strlen(text) */
	uint8_t			 type;		/* enum cmd_ttype */
	uint8_t			 last;		/* the command may end after it */
};

struct cmd_cdef {
	const struct cmd_def	*def;
	uint32_t		 seq;		/* order added */
	uint16_t		 npos;
	uint16_t		 nfirst;
	uint16_t		 nlead;		/* leading keywords */
	struct cmd_pos		*pos;
	uint16_t		*first;
	uint16_t		*follow;
};

/* First-keyword index entry. */
struct cmd_kwent {
	const char	*kw;
	uint32_t	 def;
	uint16_t	 pos;
	uint16_t	 len;
};

struct cmd_vfirst {
	uint32_t	 def;
	uint16_t	 pos;
};

struct cmd_cmode {
	struct cmd_mode		 m;
	int			 valid;
	struct cmd_kwent	*idx;		/* sorted by kw, then added */
	size_t			 nidx, idxcap;
	struct cmd_vfirst	*vf;		/* variable first positions */
	size_t			 nvf, vfcap;
	int			 no_priv;	/* least priv of a negatable def */
	int			 no_priv_shown;	/* same, not hidden */
};

struct cmd_grammar {
	struct cmd_cmode	*modes;
	size_t			 nmodes;	/* slots (max id + 1) */
	size_t			 nvalid;
	struct cmd_cdef		**defs;
	size_t			 ndefs, defcap;
};

/* cmd-compile.c: compiles def->syntax; *out is one allocation. */
int	cmd_compile(const struct cmd_def *, struct cmd_cdef **out);

/* cmd-types.c */
#define CMD_NIFTYPES	6
struct cmd_iftype {
	const char	*name;
	const char	*help;
};
extern const struct cmd_iftype cmd_iftypes[CMD_NIFTYPES];
/* The number after a type typed alone (`interface Loopback ?`). */
extern const struct cmd_pos cmd_ifnum_pos[CMD_NIFTYPES];

int	cmd_var_type(const char *tok, size_t len, unsigned long long *lo,
	    unsigned long long *hi);
/* Whether the token (t, n) is a full match of pos. */
int	cmd_var_match(const struct cmd_pos *, const char *t, size_t n);
/* Characters of t that agree with pos, for the caret. */
size_t	cmd_var_agree(const struct cmd_pos *, const char *t, size_t n);
/*
 * Canonical value of a matched variable written to out (NUL-terminated
 * when outlen > 0); returns its length.  Values longer than the token
 * never exceed CMD_CANON_EXTRA + n bytes.
 */
#define CMD_CANON_EXTRA	64
size_t	cmd_var_canon(const struct cmd_pos *, const char *t, size_t n,
	    char *out, size_t outlen);
/*
 * Interface type part: returns the type index (>= 0), -1 when none or -2
 * when ambiguous; *typelen is the length of the letters part and *numok
 * whether the rest is a valid interface number (empty rest: 0).
 */
int	cmd_iftype_of(const char *t, size_t n, size_t *typelen, int *numok);
int	cmd_ifnum_valid(const char *t, size_t n);
size_t	cmd_ifnum_canon(const char *t, size_t n, char *out, size_t outlen);
size_t	cmd_ifname_agree(const char *t, size_t n);

/*
 * Compares the first n bytes of keyword kw (lower case) with the typed
 * t, ignoring t's ASCII case; a shorter kw sorts first.  Inline: it is the
 * inner loop of matching.
 */
static inline int
cmd_kwcmp(const char *kw, const char *t, size_t n)
{
	size_t		 i;
	unsigned char	 a, b;

	for (i = 0; i < n; i++) {
		a = (unsigned char)kw[i];
		b = (unsigned char)t[i];
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b || a == '\0')
			return a < b ? -1 : a > b;
	}
	return 0;
}

/* cmd.c: the walk shared by parse, help and completion. */
struct cmd_tok {
	size_t	 off;
	size_t	 len;
};

/* A live state: after matching a token, where each definition stands. */
struct cmd_st {
	uint32_t	 def;
	uint16_t	 pos;
	uint16_t	 flags;
	int32_t		 parent;	/* index of the previous step's state */
};

#define ST_NEG		0x0001	/* matched as `no ...` */
#define ST_IFPEND	0x0002	/* interface type given, number expected */
#define ST_LOOP		0x0004	/* a LINE continued by this token */
#define ST_TRUNC	0x0008	/* piped after a truncated `no` */
#define ST_IFT_SHIFT	4	/* interface type index, 3 bits */
#define ST_IFT_MASK	0x0070
#define ST_FLT_SHIFT	8	/* filter kind, 3 bits */
#define ST_FLT_MASK	0x0700

/* Pseudo positions. */
#define PS_NOSTART	0xfff0	/* `no` given, a negatable command next */
#define PS_PIPEKW	0xfff1	/* `|` given, a filter keyword next */
#define PS_PIPELINE	0xfff2	/* filter given, its expression next */
#define PS_PIPEDONE	0xfff3	/* inside the expression */
#define PS_START	0xfff4	/* before the first token (virtual) */

/* A candidate for the next token. */
struct cmd_cand {
	struct cmd_st	 to;	/* the state if it matches */
	const struct cmd_pos *pos;	/* what must match */
	int		 hidden;
};

struct cmd_walk {
	const struct cmd_grammar *g;
	const struct cmd_cmode	*m;
	int			 priv;
	const char		*line;
	struct cmd_tok		*tok;
	size_t			 ntok;
	struct cmd_st		*st;
	size_t			 nst, stcap;
	size_t			*step;	/* step[i]: first state after tok i */
	size_t			 cur;	/* states of the last step: [cur, nst) */
	int			 start;	/* no token matched yet */
	enum cmd_status		 status;
	size_t			 err_col;
	/* inline storage so that short lines never allocate */
	struct cmd_tok		 tokbuf[32];
	size_t			 stepbuf[32];
	struct cmd_st		 stbuf[256];
};

int	cmd_walk_init(struct cmd_walk *, const struct cmd_grammar *, int mode,
	    int priv, const char *line);
void	cmd_walk_free(struct cmd_walk *);
/* Matches tokens [0, n); returns 0 (see w->status) or CMD_E_NOMEM. */
int	cmd_walk_run(struct cmd_walk *, size_t n);
/* Candidates for the next token, one call of fn each. */
typedef int cmd_cand_fn(void *, const struct cmd_cand *);
int	cmd_walk_cands(const struct cmd_walk *, const char *prefix,
	    size_t plen, cmd_cand_fn *, void *);
/* 0: cannot end; 1: ends with its syntax complete; 2: truncated `no`. */
int	cmd_st_end(const struct cmd_grammar *, const struct cmd_st *);
int	cmd_walk_can_end(const struct cmd_walk *, int shown);

/* Pipe pseudo tokens (cmd.c). */
extern const struct cmd_pos cmd_pipe_bar;
extern const struct cmd_pos cmd_pipe_kw[5];
extern const struct cmd_pos cmd_pipe_line;
extern const struct cmd_pos cmd_no_kw;

#endif
