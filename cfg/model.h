/*
 * The configuration model: a tree of settings, each a canonical command line
 * owned by the command definition (struct cfg_cmd) that produced it.  The
 * tree is pure data: no I/O.  Identity: two lines of the same definition are
 * the same setting when the first `key` words of their canonical text agree
 * (a leading `no` is not counted), so `hostname R2` replaces `hostname R1`
 * and `ip route` lines accumulate.  Children are kept in insertion order and
 * indexed by identity; rendering sorts them (see render.h).
 */
#ifndef CFG_MODEL_H
#define CFG_MODEL_H

#include <stddef.h>
#include <stdint.h>

struct cfg_cmd;
struct cfg_node;
struct cfg_model;

#define CFG_E_NOMEM	(-1)
#define CFG_E_EXISTS	(-2)

struct cfg_model *cfg_model_new(void);
void		 cfg_model_free(struct cfg_model *);
struct cfg_node	*cfg_model_root(struct cfg_model *);
/* Number of settings (nodes other than the root). */
size_t		 cfg_model_size(const struct cfg_model *);

/*
 * Per-model data of other modules (indexes derived from the settings):
 * the block for key, size bytes, zeroed when first asked for; fini (may be
 * NULL) is called on it when the model is freed.  NULL on out of memory.
 */
void		*cfg_model_aux(struct cfg_model *, const void *key, size_t size,
		    void (*fini)(void *));

/* Finds the child of parent that is the same setting as `line` of cmd. */
struct cfg_node	*cfg_node_find(const struct cfg_node *parent,
		    const struct cfg_cmd *cmd, const char *line);
/*
 * Sets a child: replaces the same setting if there is one (its children are
 * kept when keep_kids is set, as for a container entered again) or appends
 * a new one.  line is copied.  Returns the node, or NULL on out of memory.
 */
struct cfg_node	*cfg_node_set(struct cfg_model *, struct cfg_node *parent,
		    const struct cfg_cmd *cmd, const char *line);
/* Removes node and its subtree. */
void		 cfg_node_remove(struct cfg_model *, struct cfg_node *);
/*
 * Removes every child of parent from cmd whose first n words equal the
 * first n words of line, n = min(words in line, cmd's key).  Returns how
 * many were removed.
 */
size_t		 cfg_node_remove_matching(struct cfg_model *,
		    struct cfg_node *parent, const struct cfg_cmd *cmd,
		    const char *line);

/*
 * Removes every child of parent, whatever its definition, whose first n
 * words equal those of line (a leading "no " ignored on both sides) and
 * that has exactly n words when exact is set.  Returns how many.
 */
size_t		 cfg_node_remove_words(struct cfg_model *,
		    struct cfg_node *parent, const char *line, size_t n,
		    int exact);

const char	*cfg_node_line(const struct cfg_node *);
const struct cfg_cmd *cfg_node_cmd(const struct cfg_node *);
struct cfg_node	*cfg_node_parent(const struct cfg_node *);
struct cfg_node	*cfg_node_first(const struct cfg_node *);
struct cfg_node	*cfg_node_next(const struct cfg_node *);
size_t		 cfg_node_nkids(const struct cfg_node *);
uint64_t	 cfg_node_seq(const struct cfg_node *);

/*
 * Children sorted for display: by definition order, then the definition's
 * comparator (or insertion order).  Returns a malloc'd array of n pointers
 * (caller frees) or NULL when there are none or on out of memory.
 */
struct cfg_node	**cfg_node_sorted(const struct cfg_node *, size_t *n);

/* Words: the number of space-separated words, and whether the first n
 * words of a and b agree (ignoring one leading "no " on either). */
size_t		 cfg_words(const char *);
int		 cfg_words_prefix_eq(const char *a, const char *b, size_t n);

#endif
