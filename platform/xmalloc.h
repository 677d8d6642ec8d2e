/*
 * Allocation for daemons and the cli: out of memory is fatal here, decided
 * once.  Libraries (cfg/, lispd wire code) return errors instead.
 */
#ifndef PLATFORM_XMALLOC_H
#define PLATFORM_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
