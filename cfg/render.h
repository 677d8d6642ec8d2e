/*
 * Rendering the model as IOS running-config text.  The text starts at the
 * first "!" after IOS's "Current configuration : N bytes" line and ends
 * with "end"; callers print the header lines themselves.
 */
#ifndef CFG_RENDER_H
#define CFG_RENDER_H

#include <stddef.h>
#include <time.h>

struct cfg_model;
struct cfg_node;

struct cfg_render_info {
	time_t		 changed;	/* last change, 0 = unknown */
	const char	*changed_by;	/* user, or NULL */
	time_t		 saved;		/* last write memory, 0 = never */
	const char	*saved_by;
};

/*
 * The whole configuration.  Returns a malloc'd NUL-terminated text and its
 * length in *len, or NULL on out of memory.
 */
char	*cfg_render(const struct cfg_model *, const struct cfg_render_info *,
	    size_t *len);
/* Only the top-level blocks whose first line is `line` (e.g. "interface
 * GigabitEthernet1"), with the same header; NULL when there is none. */
char	*cfg_render_block(const struct cfg_model *,
	    const struct cfg_render_info *, const char *line, size_t *len);

/* Every top-level block whose first line starts with prefix, with its
 * children, in display order, and nothing else (no header, no "end").
 * Returns "" (not NULL) when there is none; NULL on out of memory. */
char	*cfg_render_prefix(const struct cfg_model *, const char *prefix,
	    size_t *len);

#endif
