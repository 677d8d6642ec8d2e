/*
 * The log buffer of `logging buffered SIZE`: lines, oldest first, within
 * a byte budget (each line counts its length plus one, its newline).  A
 * new line pushes out the oldest ones until it fits, as IOS's buffer
 * wraps.  Pure code: no I/O.
 */
#ifndef PLATFORM_LOGBUF_H
#define PLATFORM_LOGBUF_H

#include <stddef.h>

struct logbuf;

/* A buffer of cap bytes (at least 1); NULL on out of memory. */
struct logbuf	*logbuf_new(size_t cap);
void		 logbuf_free(struct logbuf *);
/* Adds a copy of line (cut to the budget if it alone is larger).
 * Returns 0, or -1 on out of memory (the buffer is unchanged). */
int		 logbuf_add(struct logbuf *, const char *line);
void		 logbuf_clear(struct logbuf *);
/* A new budget: the newest lines that fit stay. */
void		 logbuf_resize(struct logbuf *, size_t cap);
size_t		 logbuf_cap(const struct logbuf *);
size_t		 logbuf_used(const struct logbuf *);
size_t		 logbuf_count(const struct logbuf *);
/* Line i, 0 the oldest; borrowed until the buffer next changes. */
const char	*logbuf_line(const struct logbuf *, size_t i);

#endif
