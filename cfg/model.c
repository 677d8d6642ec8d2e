/*
 * The configuration tree.  Each node's children sit in a doubly linked list
 * (insertion order) and, once there are a few, in an open-addressing hash
 * table keyed by identity (definition + key words), so that setting one of
 * 100,000 siblings costs O(1).  A second table chains the siblings whose
 * first key-1 words agree (the "group"), so that `no ip route P M`, which
 * names every next hop of a prefix at once, costs O(matches) too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgcmd.h"
#include "cfg/model.h"

#define INDEX_MIN	8	/* children before a hash index is built */

struct cfg_node {
	const struct cfg_cmd	*cmd;
	char			*line;
	uint64_t		 hash;		/* of the identity */
	uint64_t		 ghash;		/* of the group (key - 1 words) */
	struct cfg_node		*gprev, *gnext;	/* chain of the group */
	uint64_t		 seq;
	struct cfg_node		*parent;
	struct cfg_node		*first, *last;
	struct cfg_node		*prev, *next;
	size_t			 nkids;
	struct cfg_node		**index;	/* NULL or cap slots */
	size_t			 icap;		/* power of two */
	size_t			 iused;		/* live + tombstones */
	struct cfg_node		**gindex;	/* NULL or gcap slots: chain heads */
	size_t			 gcap;
	size_t			 gused;
};

struct aux {
	struct aux		*next;
	const void		*key;
	void			(*fini)(void *);
	void			*data;
};

struct cfg_model {
	struct cfg_node		 root;
	size_t			 size;
	uint64_t		 seq;
	struct aux		*aux;
};

/* A removed slot: keeps probe chains intact. */
static struct cfg_node	 tombstone_node;
#define TOMBSTONE	(&tombstone_node)

static const char *
skip_no(const char *s)
{
	if (strncmp(s, "no ", 3) == 0)
		return s + 3;
	return s;
}

size_t
cfg_words(const char *s)
{
	size_t	 n = 0;
	int	 in = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/* Length of the first n words of s (without the separator after them). */
static size_t
words_len(const char *s, size_t n)
{
	const char	*p = s;
	size_t		 seen = 0;

	while (*p != '\0') {
		if (*p == ' ') {
			if (++seen == n)
				break;
		}
		p++;
	}
	return (size_t)(p - s);
}

int
cfg_words_prefix_eq(const char *a, const char *b, size_t n)
{
	size_t	 la, lb;

	a = skip_no(a);
	b = skip_no(b);
	la = words_len(a, n);
	lb = words_len(b, n);
	return la == lb && memcmp(a, b, la) == 0;
}

static size_t
key_words(const struct cfg_cmd *cmd, const char *line)
{
	size_t	 total = cfg_words(skip_no(line));

	if (cmd->key <= 0 || (size_t)cmd->key > total)
		return total;
	return (size_t)cmd->key;
}

static uint64_t
words_hash(const struct cfg_cmd *cmd, const char *line, size_t nwords)
{
	const char	*s = skip_no(line);
	size_t		 len = words_len(s, nwords), i;
	uint64_t	 h = 1469598103934665603ULL;

	h ^= (uint64_t)(uintptr_t)cmd;
	h *= 1099511628211ULL;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t
identity_hash(const struct cfg_cmd *cmd, const char *line)
{
	return words_hash(cmd, line, key_words(cmd, line));
}

/* Groups exist for definitions whose identity has two words or more. */
static int
has_group(const struct cfg_cmd *cmd, const char *line)
{
	return cmd->key > 1 && key_words(cmd, line) == (size_t)cmd->key;
}

static int
same_identity(const struct cfg_node *n, const struct cfg_cmd *cmd,
    const char *line)
{
	if (n->cmd != cmd)
		return 0;
	return cfg_words_prefix_eq(n->line, line, key_words(cmd, line)) &&
	    key_words(cmd, n->line) == key_words(cmd, line);
}

static int
index_grow(struct cfg_node *p)
{
	struct cfg_node	**slots, *k;
	size_t		 cap = p->icap ? p->icap * 2 : 16, i;

	while (cap < p->nkids * 2)
		cap *= 2;
	if ((slots = calloc(cap, sizeof(*slots))) == NULL)
		return CFG_E_NOMEM;
	for (k = p->first; k != NULL; k = k->next) {
		i = k->hash & (cap - 1);
		while (slots[i] != NULL)
			i = (i + 1) & (cap - 1);
		slots[i] = k;
	}
	free(p->index);
	p->index = slots;
	p->icap = cap;
	p->iused = p->nkids;
	return 0;
}

static void
index_drop(struct cfg_node *p, struct cfg_node *k)
{
	size_t	 i;

	if (p->index == NULL)
		return;
	i = k->hash & (p->icap - 1);
	while (p->index[i] != NULL) {
		if (p->index[i] == k) {
			p->index[i] = TOMBSTONE;
			return;
		}
		i = (i + 1) & (p->icap - 1);
	}
}

/* Adds k (already linked) to the parent's index, building it if due. */
static int
index_add(struct cfg_node *p, struct cfg_node *k)
{
	size_t	 i;

	if (p->index == NULL) {
		if (p->nkids < INDEX_MIN)
			return 0;
		return index_grow(p);
	}
	if ((p->iused + 1) * 4 > p->icap * 3)
		return index_grow(p);
	i = k->hash & (p->icap - 1);
	while (p->index[i] != NULL && p->index[i] != TOMBSTONE)
		i = (i + 1) & (p->icap - 1);
	if (p->index[i] == NULL)
		p->iused++;
	p->index[i] = k;
	return 0;
}

/* The slot of the chain for group hash g, or the empty slot for it. */
static size_t
group_slot(const struct cfg_node *p, uint64_t g)
{
	size_t	 i = g & (p->gcap - 1), tomb = (size_t)-1;

	while (p->gindex[i] != NULL) {
		if (p->gindex[i] == TOMBSTONE) {
			if (tomb == (size_t)-1)
				tomb = i;
		} else if (p->gindex[i]->ghash == g)
			return i;
		i = (i + 1) & (p->gcap - 1);
	}
	return tomb != (size_t)-1 ? tomb : i;
}

static void
group_link(struct cfg_node *p, struct cfg_node *k)
{
	size_t	 i = group_slot(p, k->ghash);

	k->gprev = NULL;
	k->gnext = NULL;
	if (p->gindex[i] == NULL || p->gindex[i] == TOMBSTONE) {
		if (p->gindex[i] == NULL)
			p->gused++;
		p->gindex[i] = k;
		return;
	}
	k->gnext = p->gindex[i]->gnext;
	if (k->gnext != NULL)
		k->gnext->gprev = k;
	k->gprev = p->gindex[i];
	p->gindex[i]->gnext = k;
}

static int
group_grow(struct cfg_node *p)
{
	struct cfg_node	**old = p->gindex, *k;
	size_t		 cap = p->gcap ? p->gcap * 2 : 16;

	while (cap < p->nkids * 2)
		cap *= 2;
	if ((p->gindex = calloc(cap, sizeof(*p->gindex))) == NULL) {
		p->gindex = old;
		return CFG_E_NOMEM;
	}
	free(old);
	p->gcap = cap;
	p->gused = 0;
	for (k = p->first; k != NULL; k = k->next)
		if (has_group(k->cmd, k->line))
			group_link(p, k);
	return 0;
}

static int
group_add(struct cfg_node *p, struct cfg_node *k)
{
	if (!has_group(k->cmd, k->line))
		return 0;
	if (p->gindex == NULL) {
		if (p->nkids < INDEX_MIN)
			return 0;
		return group_grow(p);
	}
	if ((p->gused + 1) * 4 > p->gcap * 3)
		return group_grow(p);
	group_link(p, k);
	return 0;
}

static void
group_drop(struct cfg_node *p, struct cfg_node *k)
{
	size_t	 i;

	if (p->gindex == NULL || !has_group(k->cmd, k->line))
		return;
	if (k->gprev != NULL) {
		k->gprev->gnext = k->gnext;
		if (k->gnext != NULL)
			k->gnext->gprev = k->gprev;
		return;
	}
	i = group_slot(p, k->ghash);
	if (p->gindex[i] != k)
		return;
	p->gindex[i] = k->gnext != NULL ? k->gnext : TOMBSTONE;
	if (k->gnext != NULL)
		k->gnext->gprev = NULL;
}

struct cfg_model *
cfg_model_new(void)
{
	return calloc(1, sizeof(struct cfg_model));
}

static void
node_free_kids(struct cfg_node *n)
{
	struct cfg_node	*k, *next;

	for (k = n->first; k != NULL; k = next) {
		next = k->next;
		node_free_kids(k);
		free(k->line);
		free(k);
	}
	free(n->index);
	free(n->gindex);
	n->index = NULL;
	n->gindex = NULL;
	n->first = n->last = NULL;
	n->nkids = 0;
}

void
cfg_model_free(struct cfg_model *m)
{
	struct aux	*a, *next;

	if (m == NULL)
		return;
	for (a = m->aux; a != NULL; a = next) {
		next = a->next;
		if (a->fini != NULL)
			a->fini(a->data);
		free(a->data);
		free(a);
	}
	node_free_kids(&m->root);
	free(m);
}

void *
cfg_model_aux(struct cfg_model *m, const void *key, size_t size,
    void (*fini)(void *))
{
	struct aux	*a;

	for (a = m->aux; a != NULL; a = a->next)
		if (a->key == key)
			return a->data;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	if ((a->data = calloc(1, size)) == NULL) {
		free(a);
		return NULL;
	}
	a->key = key;
	a->fini = fini;
	a->next = m->aux;
	m->aux = a;
	return a->data;
}

struct cfg_node *
cfg_model_root(struct cfg_model *m)
{
	return &m->root;
}

size_t
cfg_model_size(const struct cfg_model *m)
{
	return m->size;
}

struct cfg_node *
cfg_node_find(const struct cfg_node *p, const struct cfg_cmd *cmd,
    const char *line)
{
	struct cfg_node	*k;
	uint64_t	 h;
	size_t		 i;

	if (p->index == NULL) {
		for (k = p->first; k != NULL; k = k->next)
			if (same_identity(k, cmd, line))
				return k;
		return NULL;
	}
	h = identity_hash(cmd, line);
	i = h & (p->icap - 1);
	while ((k = p->index[i]) != NULL) {
		if (k != TOMBSTONE && k->hash == h && same_identity(k, cmd, line))
			return k;
		i = (i + 1) & (p->icap - 1);
	}
	return NULL;
}

struct cfg_node *
cfg_node_set(struct cfg_model *m, struct cfg_node *p,
    const struct cfg_cmd *cmd, const char *line)
{
	struct cfg_node	*n;
	char		*copy;

	if ((copy = strdup(line)) == NULL)
		return NULL;
	if ((n = cfg_node_find(p, cmd, line)) != NULL) {
		free(n->line);
		n->line = copy;
		return n;
	}
	if ((n = calloc(1, sizeof(*n))) == NULL) {
		free(copy);
		return NULL;
	}
	n->cmd = cmd;
	n->line = copy;
	n->hash = identity_hash(cmd, line);
	n->ghash = words_hash(cmd, line, cmd->key > 1 ? (size_t)cmd->key - 1 :
	    0);
	n->seq = ++m->seq;
	n->parent = p;
	n->prev = p->last;
	if (p->last != NULL)
		p->last->next = n;
	else
		p->first = n;
	p->last = n;
	p->nkids++;
	m->size++;
	if (index_add(p, n) != 0 || group_add(p, n) != 0) {
		cfg_node_remove(m, n);
		return NULL;
	}
	return n;
}

static size_t
subtree_size(const struct cfg_node *n)
{
	const struct cfg_node	*k;
	size_t			 s = 1;

	for (k = n->first; k != NULL; k = k->next)
		s += subtree_size(k);
	return s;
}

void
cfg_node_remove(struct cfg_model *m, struct cfg_node *n)
{
	struct cfg_node	*p = n->parent;

	m->size -= subtree_size(n);
	index_drop(p, n);
	group_drop(p, n);
	if (n->prev != NULL)
		n->prev->next = n->next;
	else
		p->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else
		p->last = n->prev;
	p->nkids--;
	node_free_kids(n);
	free(n->line);
	free(n);
}

size_t
cfg_node_remove_matching(struct cfg_model *m, struct cfg_node *p,
    const struct cfg_cmd *cmd, const char *line)
{
	struct cfg_node	*k, *next;
	size_t		 n = key_words(cmd, line), removed = 0;
	size_t		 given = cfg_words(skip_no(line));

	if (given < n)
		n = given;
	/* A full key is an exact identity: use the index. */
	if (n == key_words(cmd, line) && cmd->key > 0 &&
	    given >= (size_t)cmd->key) {
		if ((k = cfg_node_find(p, cmd, line)) == NULL)
			return 0;
		cfg_node_remove(m, k);
		return 1;
	}
	/* All but the last key word: the group's chain. */
	if (p->gindex != NULL && cmd->key > 1 && n == (size_t)cmd->key - 1) {
		uint64_t	 g = words_hash(cmd, line, n);
		size_t		 i = group_slot(p, g);

		k = p->gindex[i];
		if (k == NULL || k == TOMBSTONE || k->ghash != g)
			return 0;
		for (; k != NULL; k = next) {
			next = k->gnext;
			if (k->cmd == cmd &&
			    cfg_words_prefix_eq(k->line, line, n)) {
				cfg_node_remove(m, k);
				removed++;
			}
		}
		return removed;
	}
	for (k = p->first; k != NULL; k = next) {
		next = k->next;
		if (k->cmd == cmd && cfg_words_prefix_eq(k->line, line, n)) {
			cfg_node_remove(m, k);
			removed++;
		}
	}
	return removed;
}

size_t
cfg_node_remove_words(struct cfg_model *m, struct cfg_node *p,
    const char *line, size_t n, int exact)
{
	struct cfg_node	*k, *next;
	size_t		 removed = 0;

	for (k = p->first; k != NULL; k = next) {
		next = k->next;
		if (exact && cfg_words(skip_no(k->line)) != n)
			continue;
		if (cfg_words_prefix_eq(k->line, line, n)) {
			cfg_node_remove(m, k);
			removed++;
		}
	}
	return removed;
}

const char *
cfg_node_line(const struct cfg_node *n)
{
	return n->line;
}

const struct cfg_cmd *
cfg_node_cmd(const struct cfg_node *n)
{
	return n->cmd;
}

struct cfg_node *
cfg_node_parent(const struct cfg_node *n)
{
	return n->parent;
}

struct cfg_node *
cfg_node_first(const struct cfg_node *n)
{
	return n->first;
}

struct cfg_node *
cfg_node_next(const struct cfg_node *n)
{
	return n->next;
}

size_t
cfg_node_nkids(const struct cfg_node *n)
{
	return n->nkids;
}

uint64_t
cfg_node_seq(const struct cfg_node *n)
{
	return n->seq;
}

static int
display_cmp(const void *pa, const void *pb)
{
	const struct cfg_node	*a = *(struct cfg_node *const *)pa;
	const struct cfg_node	*b = *(struct cfg_node *const *)pb;
	int			 c;

	if (a->cmd->group != b->cmd->group)
		return a->cmd->group < b->cmd->group ? -1 : 1;
	if (a->cmd->order != b->cmd->order)
		return a->cmd->order < b->cmd->order ? -1 : 1;
	if (a->cmd->cmp != NULL &&
	    (c = a->cmd->cmp(a->line, b->line)) != 0)
		return c;
	return a->seq < b->seq ? -1 : (a->seq > b->seq);
}

struct cfg_node **
cfg_node_sorted(const struct cfg_node *p, size_t *np)
{
	struct cfg_node	**v, *k;
	size_t		 i = 0;

	*np = 0;
	if (p->nkids == 0)
		return NULL;
	if ((v = calloc(p->nkids, sizeof(*v))) == NULL)
		return NULL;
	for (k = p->first; k != NULL; k = k->next)
		v[i++] = k;
	qsort(v, i, sizeof(*v), display_cmp);
	*np = i;
	return v;
}
