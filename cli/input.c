#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/input.h"
#include "platform/xmalloc.h"

#define CHUNK	(64 * 1024)

struct input {
	int	 fd;
	int	 eof;
	char	*buf;		/* bytes read, not yet split into lines */
	size_t	 blen, bcap;
	char	**q;		/* queued lines */
	size_t	 head, len, cap;
};

struct input *
input_new(int fd)
{
	struct input	*in = xcalloc(1, sizeof(*in));

	in->fd = fd;
	return in;
}

void
input_free(struct input *in)
{
	size_t	 i;

	if (in == NULL)
		return;
	for (i = in->head; i < in->len; i++)
		free(in->q[i]);
	free(in->q);
	free(in->buf);
	free(in);
}

static void
queue(struct input *in, const char *s, size_t n)
{
	char	*line;
	size_t	 i, j;

	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	line = xmalloc(n + 1);
	for (i = j = 0; i < n; i++)
		if (s[i] != '\0')
			line[j++] = s[i];
	line[j] = '\0';
	if (in->len == in->cap) {
		if (in->head > 0) {
			memmove(in->q, in->q + in->head,
			    (in->len - in->head) * sizeof(char *));
			in->len -= in->head;
			in->head = 0;
		}
		if (in->len == in->cap) {
			in->cap = in->cap ? in->cap * 2 : 256;
			in->q = xreallocarray(in->q, in->cap, sizeof(char *));
		}
	}
	in->q[in->len++] = line;
}

/* Moves the complete lines of the buffer to the queue. */
static void
split(struct input *in)
{
	char	*nl, *p = in->buf;
	size_t	 left = in->blen;

	while (left > 0 && (nl = memchr(p, '\n', left)) != NULL) {
		queue(in, p, (size_t)(nl - p));
		left -= (size_t)(nl - p) + 1;
		p = nl + 1;
	}
	memmove(in->buf, p, left);
	in->blen = left;
	if (in->eof && in->blen > 0) {
		queue(in, in->buf, in->blen);
		in->blen = 0;
	}
}

/* One read; when wait is 0, only if there is something to read now. */
static int
read_some(struct input *in, int wait)
{
	struct pollfd	 pfd = { in->fd, POLLIN, 0 };
	ssize_t		 n;

	if (in->eof)
		return 0;
	if (!wait && poll(&pfd, 1, 0) <= 0)
		return 0;
	if (in->bcap - in->blen < CHUNK) {
		in->bcap = in->blen + CHUNK;
		in->buf = xreallocarray(in->buf, in->bcap, 1);
	}
	do
		n = read(in->fd, in->buf + in->blen, CHUNK);
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		in->eof = 1;
	else
		in->blen += (size_t)n;
	split(in);
	return n > 0;
}

size_t
input_wait(struct input *in)
{
	while (in->len == in->head && !in->eof)
		read_some(in, 1);
	return in->len - in->head;
}

size_t
input_more(struct input *in, size_t max)
{
	while (in->len - in->head < max && read_some(in, 0))
		;
	return in->len - in->head;
}

char *
input_peek(struct input *in, size_t i)
{
	return in->q[in->head + i];
}

char *
input_pop(struct input *in)
{
	if (input_wait(in) == 0)
		return NULL;
	return in->q[in->head++];
}

void
input_drop(struct input *in, size_t n)
{
	while (n-- > 0 && in->head < in->len)
		free(in->q[in->head++]);
}

char *const *
input_lines(struct input *in)
{
	return in->q + in->head;
}
