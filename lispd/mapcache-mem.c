/*
 * The map-cache writer's bookkeeping: memory with accounting, node pools,
 * quiescent-state-based reclamation and the readers' side of it, entry
 * indices and the expiry queue.  See mapcache.h for the rules readers
 * follow and mapcache.c for what is published how.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/mapcache-int.h"

/*
 * Memory, with accounting.
 */

void *
mc_mem_alloc(struct mc *mc, size_t size)
{
	void	*p;

	if ((p = malloc(size)) != NULL)
		mc->bytes += size;
	return p;
}

void
mc_mem_free(struct mc *mc, void *p, size_t size)
{
	if (p == NULL)
		return;
	mc->bytes -= size;
	free(p);
}

void
mc_pool_init_size(struct pool *p, size_t size)
{
	memset(p, 0, sizeof(*p));
	p->size = (size + 7) & ~(size_t)7;
}

void
mc_pool_init(struct pool *p, size_t keylen)
{
	mc_pool_init_size(p, sizeof(struct mc_node) + keylen);
}

struct mc_node *
mc_pool_get(struct mc *mc, struct pool *p)
{
	void	**blocks, *b;
	char	*c;
	size_t	 i;

	if (p->free == NULL) {
		if ((b = mc_mem_alloc(mc, p->size * POOL_BLOCK)) == NULL)
			return NULL;
		blocks = realloc(p->blocks, (p->nblocks + 1) * sizeof(*blocks));
		if (blocks == NULL) {
			mc_mem_free(mc, b, p->size * POOL_BLOCK);
			return NULL;
		}
		p->blocks = blocks;
		p->blocks[p->nblocks++] = b;
		c = b;
		for (i = 0; i < POOL_BLOCK; i++) {
			*(void **)(c + i * p->size) = p->free;
			p->free = c + i * p->size;
		}
	}
	b = p->free;
	p->free = *(void **)b;
	memset(b, 0, p->size);
	return b;
}

void
mc_pool_put(struct pool *p, void *n)
{
	*(void **)n = p->free;
	p->free = n;
}

void
mc_pool_destroy(struct mc *mc, struct pool *p)
{
	size_t	 i;

	for (i = 0; i < p->nblocks; i++)
		mc_mem_free(mc, p->blocks[i], p->size * POOL_BLOCK);
	free(p->blocks);
	memset(p, 0, sizeof(*p));
}

/*
 * Reclamation.
 */

void
mc_retire(struct mc *mc, enum rkind kind, void *ptr, size_t size)
{
	struct retired	*r;
	size_t		 cap;

	if (mc->rn == mc->rcap) {
		if (mc->rhead > 0) {
			memmove(mc->ret, mc->ret + mc->rhead,
			    (mc->rn - mc->rhead) * sizeof(*mc->ret));
			mc->rn -= mc->rhead;
			mc->rhead = 0;
		}
		if (mc->rn == mc->rcap) {
			cap = mc->rcap == 0 ? 64 : mc->rcap * 2;
			if ((r = realloc(mc->ret, cap * sizeof(*r))) == NULL) {
				/*
				 * Nowhere to remember it: leaking beats
				 * freeing what a reader may hold.  Only the
				 * accounting knows.
				 */
				return;
			}
			mc->ret = r;
			mc->rcap = cap;
		}
	}
	r = &mc->ret[mc->rn++];
	r->epoch = atomic_load_explicit(&mc->epoch, memory_order_relaxed);
	r->ptr = ptr;
	r->size = size;
	r->kind = (uint8_t)kind;
	mc->retired_bytes += size;
	mc->dirty = 1;
}

static void
release(struct mc *mc, struct retired *r)
{
	mc->retired_bytes -= r->size;
	switch (r->kind) {
	case R_NODE4:
		mc_pool_put(&mc->pool4, r->ptr);
		break;
	case R_NODE6:
		mc_pool_put(&mc->pool6, r->ptr);
		break;
	case R_STATS:
		mc_pool_put(&mc->poolst, r->ptr);
		break;
	default:
		mc_mem_free(mc, r->ptr, r->size);
		break;
	}
}

size_t
mc_reclaim(struct mc *mc)
{
	uint64_t	 min = UINT64_MAX, s;
	size_t		 i;

	/* Pairs with the fence in mc_reader_online (see there). */
	atomic_thread_fence(memory_order_seq_cst);
	for (i = 0; i < MC_MAX_READERS && mc->readers != NULL; i++) {
		if (!mc->readers[i].used)
			continue;
		s = atomic_load_explicit(&mc->readers[i].seen,
		    memory_order_acquire);
		if (s < min)
			min = s;
	}
	while (mc->rhead < mc->rn && mc->ret[mc->rhead].epoch < min)
		release(mc, &mc->ret[mc->rhead++]);
	if (mc->rhead == mc->rn)
		mc->rhead = mc->rn = 0;
	return mc->retired_bytes;
}

/* Ends a writer operation: what it retired becomes reclaimable once every
 * reader has seen the new epoch. */
void
mc_advance(struct mc *mc)
{
	if (mc->dirty) {
		atomic_fetch_add_explicit(&mc->epoch, 1, memory_order_seq_cst);
		mc->dirty = 0;
	}
	mc_reclaim(mc);
}

struct mc_reader *
mc_reader_new(struct mc *mc)
{
	struct mc_reader	*r;
	size_t			 i;

	for (i = 0; i < MC_MAX_READERS; i++)
		if (!mc->readers[i].used)
			break;
	if (i == MC_MAX_READERS)
		return NULL;
	r = &mc->readers[i];
	r->mc = mc;
	r->used = 1;
	atomic_store_explicit(&r->seen,
	    atomic_load_explicit(&mc->epoch, memory_order_acquire),
	    memory_order_seq_cst);
	mc->nreaders++;
	return r;
}

void
mc_reader_free(struct mc *mc, struct mc_reader *r)
{
	if (r == NULL)
		return;
	r->used = 0;
	atomic_store_explicit(&r->seen, UINT64_MAX, memory_order_release);
	mc->nreaders--;
	mc_reclaim(mc);
}

void
mc_reader_quiescent(struct mc_reader *r)
{
	atomic_store_explicit(&r->seen,
	    atomic_load_explicit(&r->mc->epoch, memory_order_acquire),
	    memory_order_release);
}

void
mc_reader_offline(struct mc_reader *r)
{
	atomic_store_explicit(&r->seen, UINT64_MAX, memory_order_release);
}

void
mc_reader_online(struct mc_reader *r)
{
	atomic_store_explicit(&r->seen,
	    atomic_load_explicit(&r->mc->epoch, memory_order_acquire),
	    memory_order_relaxed);
	/*
	 * Either the writer's next mc_reclaim sees this reader's epoch, or
	 * this reader's next loads see everything the writer unlinked
	 * before that reclaim (store; full fence; load on both sides).
	 */
	atomic_thread_fence(memory_order_seq_cst);
}

/*
 * Entry indices (writer only: the expiry queue and mc_clear).
 */

/* A free index's slot holds the next free one, tagged with the low bit
 * (entries are aligned, so their pointers never have it). */
int
mc_idx_alloc(struct mc *mc, uint32_t *out)
{
	struct mc_entry	**e;
	size_t		  cap;

	if (mc->freeidx != 0) {
		*out = mc->freeidx;
		mc->freeidx = (uint32_t)((uintptr_t)mc->ents[*out] >> 1);
		return 0;
	}
	if (mc->nextidx == UINT32_MAX)
		return MC_E_NOMEM;
	if (mc->nextidx >= mc->entcap) {
		cap = mc->entcap == 0 ? IDX_INITIAL : mc->entcap * 2;
		if ((e = realloc(mc->ents, cap * sizeof(*e))) == NULL)
			return MC_E_NOMEM;
		memset(e + mc->entcap, 0, (cap - mc->entcap) * sizeof(*e));
		mc->bytes += (cap - mc->entcap) * sizeof(*e);
		mc->ents = e;
		mc->entcap = cap;
	}
	*out = mc->nextidx++;
	return 0;
}

void
mc_idx_free(struct mc *mc, uint32_t idx)
{
	mc->ents[idx] = (struct mc_entry *)((uintptr_t)mc->freeidx << 1 | 1);
	mc->freeidx = idx;
}

/* The entry at idx, or NULL for a free index. */
struct mc_entry *
mc_idx_entry(const struct mc *mc, uint32_t idx)
{
	struct mc_entry	*e = mc->ents[idx];

	return ((uintptr_t)e & 1) ? NULL : e;
}

/*
 * Expiry heap: (expires, idx), stale items skipped when popped.
 */

static void
heap_swap(struct heapitem *h, size_t a, size_t b)
{
	struct heapitem	 t = h[a];

	h[a] = h[b];
	h[b] = t;
}

void
mc_heap_push(struct mc *mc, uint64_t expires, uint32_t idx)
{
	struct heapitem	*h;
	size_t		 i, cap;

	if (mc->hn == mc->hcap) {
		cap = mc->hcap == 0 ? 256 : mc->hcap * 2;
		if ((h = realloc(mc->heap, cap * sizeof(*h))) == NULL) {
			mc->heap_lost = 1;
			return;
		}
		mc->bytes += (cap - mc->hcap) * sizeof(*h);
		mc->heap = h;
		mc->hcap = cap;
	}
	i = mc->hn++;
	mc->heap[i].expires = expires;
	mc->heap[i].idx = idx;
	while (i > 0 && mc->heap[(i - 1) / 2].expires > mc->heap[i].expires) {
		heap_swap(mc->heap, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

void
mc_heap_pop(struct mc *mc)
{
	size_t	 i = 0, l, m;

	mc->heap[0] = mc->heap[--mc->hn];
	for (;;) {
		l = 2 * i + 1;
		m = i;
		if (l < mc->hn && mc->heap[l].expires < mc->heap[m].expires)
			m = l;
		if (l + 1 < mc->hn &&
		    mc->heap[l + 1].expires < mc->heap[m].expires)
			m = l + 1;
		if (m == i)
			break;
		heap_swap(mc->heap, i, m);
		i = m;
	}
}

