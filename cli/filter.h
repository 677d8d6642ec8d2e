/*
 * IOS output modifiers (`| include`, `| exclude`, `| begin`, `| section`,
 * `| count`) as a streaming line filter.
 *
 * Output is fed in chunks of any size; a line may span chunks.  Whole lines
 * come out through the emit callback, each with its '\n' (a final line that
 * had none gets one at filter_finish()).  The regular expression is POSIX
 * extended, matched against each line without its '\n', case-sensitive, as
 * on IOS.  An unescaped `_` outside a bracket expression is IOS's delimiter:
 * it matches the start or end of the line, a space, a comma, a brace or a
 * parenthesis.  `\_` is a literal underscore.
 *
 * `| section`: a line that matches is printed together with every line
 * after it that is indented deeper (more leading spaces) than it; the next
 * line at the same or a shallower indentation ends that section and is
 * tested itself.  So a matching column-0 line (`router lisp`) prints its
 * whole block, and a matching indented line (` ip ospf 1 area 0`) prints
 * that line and its own children but not its parent.  This is what IOS
 * does: captures of `sh run | sec ospf` from IOS 15 routers show the
 * interfaces' ` ip ospf 1 area 0` lines bare, above `router ospf 1` and its
 * block, with no `interface` header.
 */

#ifndef CLI_FILTER_H
#define CLI_FILTER_H

#include <stddef.h>

/* Same values as cfg/cmd.h's enum cmd_filter, so callers may cast. */
enum filter_kind {
	FILTER_INCLUDE = 1,
	FILTER_EXCLUDE = 2,
	FILTER_BEGIN = 3,
	FILTER_SECTION = 4,
	FILTER_COUNT = 5,
};

/* Error codes (negative returns). */
#define FILTER_E_NOMEM	(-1)

struct filter;

/* line points at len bytes ending in '\n'; it is borrowed for the call. */
typedef void	 filter_emit_fn(const char *line, size_t len,
		    void *arg);

/*
 * Compiles regex (borrowed) for a filter of the given kind.  Returns NULL
 * when the kind is unknown, the expression does not compile or memory runs
 * out, with a one-line reason (no '\n') in err, which may then be shown to
 * the user.  The caller frees the filter with filter_free().
 */
struct filter	*filter_new(int kind, const char *regex, char *err,
		    size_t errlen);
/*
 * Feeds len bytes of output; emits every complete line that passes.
 * Returns 0, or FILTER_E_NOMEM when a line could not be buffered (its bytes
 * are then dropped).
 */
int		 filter_input(struct filter *, const char *data, size_t len,
		    filter_emit_fn *emit, void *arg);
/*
 * Ends the output: handles a final line without '\n' and, for FILTER_COUNT,
 * emits "Number of lines which match regexp = N\n".  Returns 0 or
 * FILTER_E_NOMEM.
 */
int		 filter_finish(struct filter *, filter_emit_fn *emit,
		    void *arg);
void		 filter_free(struct filter *);

#endif /* CLI_FILTER_H */
