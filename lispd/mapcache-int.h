/*
 * The map-cache's insides, shared by mapcache.c (the trie, the IPv4 index,
 * the public calls) and mapcache-mem.c (the writer's bookkeeping: memory
 * accounting, node pools, reclamation and readers, entry indices, the
 * expiry queue).  Private to lispd/mapcache*.c.
 */
#ifndef LISPD_MAPCACHE_INT_H
#define LISPD_MAPCACHE_INT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "lispd/mapcache.h"

#define CHUNKS		65536u
#define SLOT_TRIE	((uintptr_t)2)	/* rebuild failed: ask the trie */
#define SLOT_CHUNK	((uintptr_t)1)	/* tag bit of a range array */
#define POOL_BLOCK	1024		/* nodes per pool allocation */
#define IDX_INITIAL	1024
#define HEAP_SLACK	1024
#define DXR_STACK	40		/* nested prefixes in a /16: <= 17 */
/* A range array this long or shorter is rebuilt at once on a change;
 * longer ones wait for DXR_BATCH_DIV-th of their length in changes. */
#define DXR_SMALL	64
#define DXR_BATCH_DIV	16
#define IID_MAX		0xffffffu

/* A locator set, shared by every entry with the same locators (a site's
 * EIDs): interned by content, counted, immutable once published. */
struct mc_locset {
	struct mc_locset	*next;		/* intern chain (writer) */
	uint32_t		 refs;		/* entries using it (writer) */
	uint32_t		 hash;
	uint8_t			 nloc;
	uint8_t			 nsel;		/* usable at the best priority */
	uint16_t		 wsum;		/* their weights; 0: even split */
	struct mc_locator	 loc[];		/* then nloc bytes: sel[] */
};

/* The traffic one prefix carried (show's "Packets out"): one block per
 * prefix, handed from entry to entry when the mapping is replaced (so a
 * refresh keeps the counts, as it keeps the uptime), retired with the
 * prefix.  Readers add to it with relaxed atomics; the writer only reads
 * it.  From a pool: 24 bytes a prefix, no malloc header. */
struct mc_stats {
	_Atomic uint64_t	 pkts;
	_Atomic uint64_t	 bytes;
	_Atomic uint64_t	 last;		/* time of the last add */
};

struct mc_entry {
	uint32_t		 idx;
	uint32_t		 iid;
	struct lisp_addr	 eid;
	uint8_t			 action;
	uint8_t			 source;
	uint32_t		 ttl;
	/* Who answered, for show commands: an IPv4 address in network
	 * order, 0 for none.  It fills the hole before ls; an IPv6
	 * underlay will want it in the locator set instead. */
	uint32_t		 map_source4;
	const struct mc_locset	*ls;		/* NULL: no locators */
	struct mc_stats		*st;		/* the prefix's, shared */
	uint64_t		 created;
	uint64_t		 updated;
	uint64_t		 expires;
};

struct mc_node {
	struct mc_node *_Atomic	 child[2];
	struct mc_entry *_Atomic entry;		/* NULL: a glue node */
	uint8_t			 plen;
	uint8_t			 key[];		/* 4 or 16 bytes, masked */
};

/* A range array: n starts (bisected), then n entry pointers. */
struct chunk {
	uint32_t		 n;
	uint16_t		 start[];
};

typedef struct mc_entry *_Atomic aentry;

struct mc_table {
	uint32_t		 iid;
	uint16_t		 afi;
	unsigned		 bits;		/* 32 or 128 */
	struct mc_node *_Atomic	 root;
	_Atomic uintptr_t	*dir;		/* IPv4: CHUNKS slots */
	int			 fallback;	/* some slot is SLOT_TRIE */
	size_t			 count;
	/* Slots left to the trie until enough changes gather (or
	 * mc_sync): per slot the changes pending and the number that
	 * triggers the rebuild (NULL until a slot first waits), and the
	 * list of waiting slots. */
	struct pend		*pend;
	uint32_t		*dirty;
	size_t			 ndirty;
	size_t			 dirtycap;
};

struct pend {
	uint16_t		 n;		/* 0: the slot is built */
	uint16_t		 need;
};

struct tables {
	size_t			 n;
	struct mc_table		*t[];		/* by (iid, afi) */
};

enum rkind {
	R_FREE,		/* plain memory */
	R_NODE4,	/* a node back to the IPv4 pool */
	R_NODE6,
	R_STATS,	/* a struct mc_stats back to its pool */
};

struct retired {
	uint64_t		 epoch;
	void			*ptr;
	size_t			 size;
	uint8_t			 kind;
};

struct pool {
	size_t			 size;		/* one node */
	void			*free;		/* through child[0] */
	void			**blocks;
	size_t			 nblocks;
};

struct heapitem {
	uint64_t		 expires;
	uint32_t		 idx;
};

struct mc_reader {
	_Atomic uint64_t	 seen;		/* UINT64_MAX: offline */
	struct mc		*mc;
	int			 used;
	char			 pad[64 - 2 * sizeof(uint64_t) - sizeof(int)];
};

/* Scratch for building one range array (writer only). */
struct ranges {
	uint32_t		*start;
	struct mc_entry		**val;
	size_t			 n;
	size_t			 cap;
	int			 err;
	uint32_t		 send[DXR_STACK];	/* open prefixes' ends */
	struct mc_entry		*sval[DXR_STACK];
	size_t			 depth;
};

struct mc {
	struct tables *_Atomic	 tables;
	_Atomic uint64_t	 epoch;
	struct mc_entry		**ents;		/* by idx; writer only */
	size_t			 entcap;
	struct mc_reader	*readers;	/* MC_MAX_READERS */
	size_t			 nreaders;
	uint32_t		 nextidx;	/* never handed out yet */
	uint32_t		 freeidx;	/* first free index, 0: none */
	struct retired		*ret;
	size_t			 rhead;
	size_t			 rn;
	size_t			 rcap;
	size_t			 retired_bytes;
	int			 dirty;		/* retired since last advance */
	struct heapitem		*heap;
	size_t			 hn;
	size_t			 hcap;
	size_t			 nexpiring;
	int			 heap_lost;	/* a push failed: scan */
	struct pool		 pool4;
	struct pool		 pool6;
	struct pool		 poolst;	/* struct mc_stats */
	size_t			 bytes;
	size_t			 count;
	struct ranges		 rb;
	struct mc_locset	**lsh;		/* intern table, chained */
	size_t			 lshcap;
	size_t			 nls;
};


/* mapcache-mem.c: memory with accounting (mc->bytes). */
void		*mc_mem_alloc(struct mc *, size_t);
void		 mc_mem_free(struct mc *, void *, size_t);
void		 mc_pool_init(struct pool *, size_t keylen);
/* A pool of objects of size bytes (not nodes). */
void		 mc_pool_init_size(struct pool *, size_t size);
struct mc_node	*mc_pool_get(struct mc *, struct pool *);
void		 mc_pool_put(struct pool *, void *);
void		 mc_pool_destroy(struct mc *, struct pool *);
/* Hands memory a reader may still see to reclamation; mc_advance ends a
 * writer operation (new epoch, then mc_reclaim). */
void		 mc_retire(struct mc *, enum rkind, void *, size_t);
void		 mc_advance(struct mc *);
/* Entry indices: 0 or MC_E_NOMEM; mc_idx_entry is NULL for a free one. */
int		 mc_idx_alloc(struct mc *, uint32_t *);
void		 mc_idx_free(struct mc *, uint32_t);
struct mc_entry	*mc_idx_entry(const struct mc *, uint32_t);
/* The expiry queue (a push that fails sets heap_lost). */
void		 mc_heap_push(struct mc *, uint64_t expires, uint32_t idx);
void		 mc_heap_pop(struct mc *);

#endif
