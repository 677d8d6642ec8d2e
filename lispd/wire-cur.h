/*
 * The bounds-checked cursors of the wire code (private to lispd/wire*.c).
 *
 * Every byte read from a packet goes through struct rcur, which checks the
 * remaining length before it moves and consumes nothing when it fails;
 * every byte written goes through struct wcur, which checks the space
 * left.  Callers never add or subtract lengths themselves: sub-cursors
 * (rc_sub) bound a nested structure, and a writer hands back a pointer to
 * a reserved slot when a field (a count, a length, a MAC) is known later.
 */
#ifndef LISPD_WIRE_CUR_H
#define LISPD_WIRE_CUR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lispd/wire.h"

struct rcur {
	const uint8_t	*p;
	size_t		 len;
	size_t		 off;
};

struct wcur {
	uint8_t		*p;
	size_t		 cap;
	size_t		 off;
};

static inline uint16_t
be16_get(const uint8_t *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

static inline uint32_t
be32_get(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static inline void
be16_put(uint8_t *b, uint16_t v)
{
	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

static inline void
be32_put(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static inline void
rc_init(struct rcur *c, const uint8_t *p, size_t len)
{
	c->p = p;
	c->len = len;
	c->off = 0;
}

static inline size_t
rc_left(const struct rcur *c)
{
	return c->len - c->off;
}

/* The bytes consumed so far, from the cursor's start. */
static inline const uint8_t *
rc_pos(const struct rcur *c)
{
	return c->p + c->off;
}

static inline int
rc_take(struct rcur *c, size_t n, const uint8_t **out)
{
	if (n > rc_left(c))
		return LISP_E_SHORT;
	*out = c->p + c->off;
	c->off += n;
	return 0;
}

static inline int
rc_skip(struct rcur *c, size_t n)
{
	const uint8_t	*b;

	return rc_take(c, n, &b);
}

static inline int
rc_u8(struct rcur *c, uint8_t *v)
{
	const uint8_t	*b;
	int		 rc;

	if ((rc = rc_take(c, 1, &b)) != 0)
		return rc;
	*v = b[0];
	return 0;
}

static inline int
rc_u16(struct rcur *c, uint16_t *v)
{
	const uint8_t	*b;
	int		 rc;

	if ((rc = rc_take(c, 2, &b)) != 0)
		return rc;
	*v = be16_get(b);
	return 0;
}

static inline int
rc_u32(struct rcur *c, uint32_t *v)
{
	const uint8_t	*b;
	int		 rc;

	if ((rc = rc_take(c, 4, &b)) != 0)
		return rc;
	*v = be32_get(b);
	return 0;
}

static inline int
rc_u64(struct rcur *c, uint64_t *v)
{
	const uint8_t	*b;
	int		 rc;

	if ((rc = rc_take(c, 8, &b)) != 0)
		return rc;
	*v = (uint64_t)be32_get(b) << 32 | be32_get(b + 4);
	return 0;
}

static inline int
rc_copy(struct rcur *c, void *dst, size_t n)
{
	const uint8_t	*b;
	int		 rc;

	if ((rc = rc_take(c, n, &b)) != 0)
		return rc;
	memcpy(dst, b, n);
	return 0;
}

/* Splits off the next n bytes as a cursor of their own. */
static inline int
rc_sub(struct rcur *c, size_t n, struct rcur *sub)
{
	const uint8_t	*b;
	int		 rc;

	if ((rc = rc_take(c, n, &b)) != 0)
		return rc;
	rc_init(sub, b, n);
	return 0;
}

/* Limits the cursor to its first n remaining bytes (an inner length field
 * shorter than the buffer, e.g. IP total length): LISP_E_SHORT if fewer. */
static inline int
rc_limit(struct rcur *c, size_t n)
{
	if (n > rc_left(c))
		return LISP_E_SHORT;
	c->len = c->off + n;
	return 0;
}

static inline int
rc_end(const struct rcur *c)
{
	return rc_left(c) == 0 ? 0 : LISP_E_TRAILING;
}

static inline void
wc_init(struct wcur *w, uint8_t *p, size_t cap)
{
	w->p = p;
	w->cap = cap;
	w->off = 0;
}

/* Reserves n bytes and returns them (for fields patched later). */
static inline uint8_t *
wc_take(struct wcur *w, size_t n)
{
	uint8_t	*b;

	if (n > w->cap - w->off)
		return NULL;
	b = w->p + w->off;
	w->off += n;
	return b;
}

static inline int
wc_u8(struct wcur *w, uint8_t v)
{
	uint8_t	*b;

	if ((b = wc_take(w, 1)) == NULL)
		return LISP_E_NOSPACE;
	b[0] = v;
	return 0;
}

static inline int
wc_u16(struct wcur *w, uint16_t v)
{
	uint8_t	*b;

	if ((b = wc_take(w, 2)) == NULL)
		return LISP_E_NOSPACE;
	be16_put(b, v);
	return 0;
}

static inline int
wc_u32(struct wcur *w, uint32_t v)
{
	uint8_t	*b;

	if ((b = wc_take(w, 4)) == NULL)
		return LISP_E_NOSPACE;
	be32_put(b, v);
	return 0;
}

static inline int
wc_u64(struct wcur *w, uint64_t v)
{
	uint8_t	*b;

	if ((b = wc_take(w, 8)) == NULL)
		return LISP_E_NOSPACE;
	be32_put(b, (uint32_t)(v >> 32));
	be32_put(b + 4, (uint32_t)v);
	return 0;
}

static inline int
wc_bytes(struct wcur *w, const void *src, size_t n)
{
	uint8_t	*b;

	if ((b = wc_take(w, n)) == NULL)
		return LISP_E_NOSPACE;
	if (n > 0)
		memcpy(b, src, n);
	return 0;
}

static inline int
wc_zero(struct wcur *w, size_t n)
{
	uint8_t	*b;

	if ((b = wc_take(w, n)) == NULL)
		return LISP_E_NOSPACE;
	memset(b, 0, n);
	return 0;
}

/* Bytes written since mark (an offset returned by wc_mark). */
static inline size_t
wc_mark(const struct wcur *w)
{
	return w->off;
}

static inline size_t
wc_since(const struct wcur *w, size_t mark)
{
	return w->off - mark;
}

/* Internet checksum helpers shared by the data and control code. */
static inline uint32_t
csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t	 i;

	for (i = 0; i + 1 < n; i += 2)
		sum += be16_get(p + i);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	return sum;
}

static inline uint16_t
csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

#endif
