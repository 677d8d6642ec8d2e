/*
 * The log buffer: a ring of line pointers that grows as needed, with the
 * byte total kept beside it so that the budget check is O(1).
 */
#include <stdlib.h>
#include <string.h>

#include "platform/logbuf.h"

struct logbuf {
	char	**line;		/* ring of nslot; head is the oldest */
	size_t	  nslot, head, count;
	size_t	  cap, used;
};

struct logbuf *
logbuf_new(size_t cap)
{
	struct logbuf	*b;

	if ((b = calloc(1, sizeof(*b))) == NULL)
		return NULL;
	b->cap = cap > 0 ? cap : 1;
	return b;
}

void
logbuf_free(struct logbuf *b)
{
	if (b == NULL)
		return;
	logbuf_clear(b);
	free(b->line);
	free(b);
}

static void
drop_oldest(struct logbuf *b)
{
	char	*s = b->line[b->head];

	b->used -= strlen(s) + 1;
	free(s);
	b->line[b->head] = NULL;
	b->head = (b->head + 1) % b->nslot;
	b->count--;
}

/* Room for one more pointer: the ring doubles, unrolled oldest first. */
static int
grow(struct logbuf *b)
{
	char	**nl;
	size_t	  n = b->nslot > 0 ? b->nslot * 2 : 16, i;

	if ((nl = calloc(n, sizeof(*nl))) == NULL)
		return -1;
	for (i = 0; i < b->count; i++)
		nl[i] = b->line[(b->head + i) % b->nslot];
	free(b->line);
	b->line = nl;
	b->nslot = n;
	b->head = 0;
	return 0;
}

int
logbuf_add(struct logbuf *b, const char *line)
{
	size_t	 len = strlen(line);
	char	*s;

	if (len + 1 > b->cap)
		len = b->cap - 1;
	if ((s = malloc(len + 1)) == NULL)
		return -1;
	memcpy(s, line, len);
	s[len] = '\0';
	if (b->count == b->nslot && grow(b) != 0) {
		free(s);
		return -1;
	}
	while (b->count > 0 && b->used + len + 1 > b->cap)
		drop_oldest(b);
	b->line[(b->head + b->count) % b->nslot] = s;
	b->count++;
	b->used += len + 1;
	return 0;
}

void
logbuf_clear(struct logbuf *b)
{
	while (b->count > 0)
		drop_oldest(b);
	b->head = 0;
}

void
logbuf_resize(struct logbuf *b, size_t cap)
{
	b->cap = cap > 0 ? cap : 1;
	while (b->count > 0 && b->used > b->cap)
		drop_oldest(b);
}

size_t
logbuf_cap(const struct logbuf *b)
{
	return b->cap;
}

size_t
logbuf_used(const struct logbuf *b)
{
	return b->used;
}

size_t
logbuf_count(const struct logbuf *b)
{
	return b->count;
}

const char *
logbuf_line(const struct logbuf *b, size_t i)
{
	if (i >= b->count)
		return NULL;
	return b->line[(b->head + i) % b->nslot];
}
