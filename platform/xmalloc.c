/*
 * Allocation that cannot fail: for daemons and the cli, out of memory ends
 * the process with a message naming the size that failed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/xmalloc.h"

static void	oom(size_t) __attribute__((noreturn));

static void
oom(size_t n)
{
	fprintf(stderr, "fatal: out of memory (%zu bytes)\n", n);
	exit(1);
}

void *
xmalloc(size_t n)
{
	void	*p;

	/* malloc(0) may return NULL; that is not an out-of-memory. */
	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if (size > SIZE_MAX / nmemb)
		oom(SIZE_MAX);
	if ((p = calloc(nmemb, size)) == NULL)
		oom(nmemb * size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*p;
	size_t	 n;

	if (size != 0 && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	n = nmemb * size;
	if ((p = realloc(ptr, n == 0 ? 1 : n)) == NULL)
		oom(n);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t maxlen)
{
	char	*p;
	size_t	 n;

	n = strnlen(s, maxlen);
	if (n == SIZE_MAX)
		oom(SIZE_MAX);
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		fprintf(stderr, "fatal: xasprintf: %s\n", strerror(errno));
		exit(1);
	}
	*ret = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(*ret, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return n;
}
