/*
 * The LISP map-cache: (instance-id, EID prefix) -> locator set or negative
 * action, with longest-prefix-match lookups for the data path.  Pure code:
 * time is passed in by the caller (seconds on any monotonic clock).
 *
 * Structure.  Each (instance-id, address family) has a path-compressed
 * binary trie holding the prefixes exactly (insert, delete, walk, exact
 * find, and IPv6 lookups).  IPv4 lookups go through a DXR-style index in
 * front of it: a direct table of 65536 slots, one per /16, each either the
 * answer for the whole /16 (an entry pointer) or a sorted array of
 * (16-bit start, entry pointer) ranges searched by bisection.  A lookup is
 * one slot load and a bisection over a few cache lines: no locks, no
 * allocation, no recursion.  A prefix longer than /16 rebuilds one range
 * array when it comes or goes (batched when that array is long: see
 * mc_sync); any other change (a replaced mapping, a
 * prefix of /16 or shorter) swaps entry pointers in place.  A slot whose
 * rebuild ran out of memory falls back to the trie, so lookups stay right.
 * Entries with the same locators (a site's EIDs) share one interned,
 * immutable locator set, which also keeps it in cache for RLOC choice.
 * DIR-24-8 was not chosen: its 64 MB first level per instance and 1 KB per
 * prefix longer than /24 do not fit a million random prefixes.
 *
 * Concurrency.  One writer (lispd's control thread: every function not
 * marked "reader") and any number of readers.  Entries are immutable once
 * published: a change publishes a new entry and retires the old one.
 * Retired memory is freed by quiescent-state-based reclamation: each
 * reader thread has a struct mc_reader and calls mc_reader_quiescent()
 * between packet batches (it then holds no entry pointer), or
 * mc_reader_offline() before it blocks.  With no registered readers (one
 * thread does everything) memory is freed at once.
 */
#ifndef LISPD_MAPCACHE_H
#define LISPD_MAPCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "lispd/wire.h"

/* Error codes (negative returns). */
#define MC_E_NOMEM	(-1)
#define MC_E_AFI	(-2)	/* EID or RLOC family not IPv4/IPv6 */
#define MC_E_PLEN	(-3)	/* prefix length beyond the family's */
#define MC_E_NOENT	(-4)	/* no such prefix (or locator) */
#define MC_E_LOCATORS	(-5)	/* more than MC_MAX_LOCATORS */
#define MC_E_INVAL	(-6)	/* instance-id past 24 bits, bad action */
#define MC_E_READERS	(-7)	/* MC_MAX_READERS readers already */

const char	*mc_strerror(int err);

#define MC_MAX_LOCATORS	LISP_MAX_LOCATORS
#define MC_MAX_READERS	64

/* Where an entry came from; mc_clear takes a mask of (1u << source). */
enum mc_source {
	MC_SRC_MAP_REPLY = 0,	/* learned: "via map-reply" */
	MC_SRC_STATIC = 1,	/* configured: "map-cache <p> ..." */
	MC_SRC_PENDING = 2,	/* miss awaiting a Map-Reply */
	MC_SRC_OTHER = 3,
};

#define MC_LOC_UP	0x01	/* reachable: may carry traffic */

struct mc_locator {
	struct lisp_addr	 rloc;		/* host address */
	uint8_t			 priority;	/* lower first; 255: never */
	uint8_t			 weight;	/* share among equal priority */
	uint8_t			 mpriority;
	uint8_t			 mweight;
	uint8_t			 flags;		/* MC_LOC_* */
};

/* What the caller stores: a locator set, or none and an action. */
struct mc_mapping {
	uint32_t		 iid;		/* 24 bits */
	struct lisp_addr	 eid;		/* prefix; host bits ignored */
	uint8_t			 action;	/* LISP_ACT_*, for no locators */
	uint8_t			 source;	/* enum mc_source */
	uint32_t		 ttl;		/* seconds; 0: never expires */
	size_t			 nloc;
	const struct mc_locator	*loc;		/* borrowed: copied */
	struct lisp_addr	 map_source;	/* who answered (IPv4 kept);
						   NONE: local */
};

/* What an entry says, for show commands. */
struct mc_info {
	uint32_t		 iid;
	struct lisp_addr	 eid;
	uint8_t			 action;
	uint8_t			 source;
	uint32_t		 ttl;
	uint64_t		 created;	/* first inserted */
	uint64_t		 updated;	/* last replaced */
	uint64_t		 expires;	/* 0: never */
	size_t			 nloc;
	struct lisp_addr	 map_source;	/* who answered; NONE: local */
	/* What the prefix carried (mc_entry_count), kept while the
	 * mapping is replaced, gone with the prefix. */
	uint64_t		 pkts;
	uint64_t		 bytes;
	uint64_t		 last_out;	/* time of the last; 0: none */
};

struct mc;
struct mc_entry;
struct mc_reader;

struct mc	*mc_new(void);
/* Frees everything; no reader may be running.  mc_free(NULL) is a no-op. */
void		 mc_free(struct mc *);

/*
 * Writer side.
 */
/* Inserts or replaces the mapping of (iid, eid).  A replacement keeps the
 * entry's creation time.  0 or MC_E_*. */
int		 mc_insert(struct mc *, const struct mc_mapping *,
		    uint64_t now);
int		 mc_delete(struct mc *, uint32_t iid,
		    const struct lisp_addr *eid);
/* Marks every locator rloc of (iid, eid) up or down (MC_LOC_UP), which
 * changes the RLOCs traffic is hashed over.  0, MC_E_NOENT. */
int		 mc_set_locator_up(struct mc *, uint32_t iid,
		    const struct lisp_addr *eid, const struct lisp_addr *rloc,
		    int up);
/* Deletes the entries whose expiry time is <= now; returns how many.
 * fn (if not NULL) sees each one just before it goes (its return value is
 * ignored; it must not call the writer side).  Entries are found through
 * an expiry queue: no walk of the whole map-cache. */
typedef int	 (*mc_walk_fn)(const struct mc_entry *, void *arg);
size_t		 mc_expire(struct mc *, uint64_t now, mc_walk_fn fn,
		    void *arg);
/* The earliest expiry time of any entry (perhaps one since refreshed:
 * waking then is harmless), 0 when none expires. */
uint64_t	 mc_next_expiry(const struct mc *);
/*
 * Changes longer than /16 in a /16 that holds many of them are batched:
 * that /16 is answered from the trie (right, slower) until enough changes
 * gather to pay for rebuilding its range array, or until mc_sync.
 * mc_pending says how many /16s wait; mc_sync rebuilds them (call it soon
 * after a burst of inserts, e.g. from a short timer).
 */
size_t		 mc_pending(const struct mc *);
void		 mc_sync(struct mc *);
/* Deletes the entries whose source is in source_mask; returns how many. */
size_t		 mc_clear(struct mc *, unsigned source_mask);
size_t		 mc_count(const struct mc *);
/* Bytes held by the structure (tables, nodes, entries, retired memory). */
size_t		 mc_memory(const struct mc *);
/* The exact entry for (iid, eid), or NULL. */
const struct mc_entry *mc_find(const struct mc *, uint32_t iid,
		    const struct lisp_addr *eid);
/* Calls fn for every entry in (instance-id, family, address, prefix
 * length) order until fn returns non-zero, which mc_walk returns. */
int		 mc_walk(const struct mc *, mc_walk_fn fn, void *arg);

/*
 * Reader side: any thread, no locks, no allocation.  Entry pointers stay
 * valid until the reader's next quiescent or offline call (or, with no
 * readers registered, until the next writer call).
 */
/* Longest-prefix match of an address, or NULL. */
const struct mc_entry *mc_lookup(const struct mc *, uint32_t iid,
		    const struct lisp_addr *addr);
/* The same for an IPv4 address in host byte order: the data path's. */
const struct mc_entry *mc_lookup4(const struct mc *, uint32_t iid,
		    uint32_t addr);
/* mc_lookup4 of n addresses into out[0 .. n), with their memory accesses
 * overlapped (prefetched in stages): for a batch of packets, several
 * times faster than n calls when the table does not fit in cache. */
void		 mc_lookup4_batch(const struct mc *, uint32_t iid,
		    const uint32_t *addr, size_t n,
		    const struct mc_entry **out);
/* The RLOC for a flow (lisp_flow_hash of the packet): among the locators
 * that are up, the lowest priority below 255, split by weight (evenly when
 * the weights are all 0), the same locator for the same hash.  NULL when
 * none is usable (a negative entry, or every locator down). */
const struct mc_locator *mc_entry_select(const struct mc_entry *,
		    uint32_t hash);
/* Adds pkts inner packets of bytes bytes (in all) to what the entry's
 * prefix carried, at time now: relaxed atomics, no lock.  Prefer
 * mc_tally, which makes one call per run of packets of one entry. */
void		 mc_entry_count(const struct mc_entry *, uint64_t pkts,
		    uint64_t bytes, uint64_t now);

/* A reader's running sum for one entry at a time: mc_tally_add for each
 * packet (or super-packet) encapsulated with e, mc_tally_flush before
 * the reader's entry pointers lapse (its next quiescent point). */
struct mc_tally {
	const struct mc_entry	*e;
	uint64_t		 pkts;
	uint64_t		 bytes;
	uint64_t		 now;
};

static inline void
mc_tally_flush(struct mc_tally *t)
{
	if (t->e != NULL && t->pkts != 0)
		mc_entry_count(t->e, t->pkts, t->bytes, t->now);
	t->e = NULL;
	t->pkts = t->bytes = 0;
}

static inline void
mc_tally_add(struct mc_tally *t, const struct mc_entry *e, uint64_t pkts,
    uint64_t bytes)
{
	if (t->e != e) {
		mc_tally_flush(t);
		t->e = e;
	}
	t->pkts += pkts;
	t->bytes += bytes;
}

/* The action of a negative entry (LISP_ACT_*). */
uint8_t		 mc_entry_action(const struct mc_entry *);
void		 mc_entry_info(const struct mc_entry *, struct mc_info *);
/* The locators as inserted (borrowed, *n of them). */
const struct mc_locator *mc_entry_locators(const struct mc_entry *,
		    size_t *n);

/*
 * Reclamation.  mc_reader_new and mc_reader_free are writer-side calls
 * made before a reader thread starts and after it has stopped.  A new
 * reader is online.
 */
struct mc_reader *mc_reader_new(struct mc *);
void		 mc_reader_free(struct mc *, struct mc_reader *);
/* Reader: holds no entry pointer from before this call. */
void		 mc_reader_quiescent(struct mc_reader *);
/* Reader: about to block (holds nothing), and back. */
void		 mc_reader_offline(struct mc_reader *);
void		 mc_reader_online(struct mc_reader *);
/* Writer: frees retired memory no reader can still see; returns the
 * bytes still waiting.  Writer calls do this too; call it from a timer
 * when readers run and the writer is idle. */
size_t		 mc_reclaim(struct mc *);

#endif
