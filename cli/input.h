/*
 * Lines from a non-interactive stdin (a paste, a script, a pipe kept open
 * by automation).  Lines are split as they arrive; the reader never waits
 * for more than it was asked for, so a line from a pipe runs as soon as it
 * is there, while a paste already buffered is taken in large batches.
 * NUL bytes are dropped, as a terminal drops them.
 */
#ifndef CLI_INPUT_H
#define CLI_INPUT_H

#include <stddef.h>

struct input;

struct input	*input_new(int fd);
void		 input_free(struct input *);
/* Waits until at least one line is queued (or end of input); returns how
 * many are queued. */
size_t		 input_wait(struct input *);
/* Queues whatever complete lines can be read without waiting, up to max
 * queued; returns how many are queued. */
size_t		 input_more(struct input *, size_t max);
/* The i-th queued line (borrowed), i < queued. */
char		*input_peek(struct input *, size_t i);
/* Takes the first queued line, waiting for one; NULL at end of input.
 * Caller frees. */
char		*input_pop(struct input *);
/* Drops the first n queued lines. */
void		 input_drop(struct input *, size_t n);
/* The first n queued lines as an array (borrowed until the next call). */
char *const	*input_lines(struct input *);

#endif
