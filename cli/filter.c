/*
 * IOS output modifiers as a streaming line filter; see filter.h for the
 * semantics, `| section` in particular.
 */

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/filter.h"

/* What an unescaped `_` stands for in an IOS regular expression. */
#define DELIM_RE	"(^|$|[ ,{}()])"

struct filter {
	int		 kind;
	regex_t		 re;
	char		*buf;	/* the line so far, NUL ended */
	size_t		 len;
	size_t		 cap;
	int		 dropping; /* skipping a line too big to buffer */
	int		 begun;	/* BEGIN: a line has matched */
	int		 in_section; /* SECTION: printing a section... */
	size_t		 section_indent; /* ...deeper than this */
	unsigned long	 count;	/* COUNT: matching lines */
};

/*
 * Copies the bracket expression starting at p ('[') to *out, and returns
 * the position after its closing ']' (or the end of the string, leaving
 * the error to regcomp).  Inside brackets `_` and `\` are literal.
 */
static const char *
copy_bracket(const char *p, char **out)
{
	char	*o = *out;

	*o++ = *p++;
	if (*p == '^')
		*o++ = *p++;
	if (*p == ']')
		*o++ = *p++;
	while (*p != '\0' && *p != ']') {
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			char	 end = p[1];

			*o++ = *p++;
			*o++ = *p++;
			while (*p != '\0' && !(p[0] == end && p[1] == ']'))
				*o++ = *p++;
			if (*p != '\0') {
				*o++ = *p++;
				*o++ = *p++;
			}
			continue;
		}
		*o++ = *p++;
	}
	if (*p == ']')
		*o++ = *p++;
	*out = o;
	return p;
}

/*
 * Rewrites an IOS regular expression as a POSIX extended one: `_` becomes
 * DELIM_RE and `\_` a plain `_`.  Returns a string the caller frees, or
 * NULL when out of memory.
 */
static char *
translate(const char *ios)
{
	size_t		 n = strlen(ios);
	const char	*p = ios;
	char		*out, *o;

	if (n > (SIZE_MAX - 1) / (sizeof(DELIM_RE) - 1))
		return NULL;
	if ((out = malloc(n * (sizeof(DELIM_RE) - 1) + 1)) == NULL)
		return NULL;
	o = out;
	while (*p != '\0') {
		if (*p == '\\' && p[1] == '_') {
			*o++ = '_';
			p += 2;
		} else if (*p == '\\' && p[1] != '\0') {
			*o++ = *p++;
			*o++ = *p++;
		} else if (*p == '[') {
			p = copy_bracket(p, &o);
		} else if (*p == '_') {
			memcpy(o, DELIM_RE, sizeof(DELIM_RE) - 1);
			o += sizeof(DELIM_RE) - 1;
			p++;
		} else
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

struct filter *
filter_new(int kind, const char *regex, char *err, size_t errlen)
{
	struct filter	*f = NULL;
	char		*posix = NULL;
	int		 rc;

	if (kind < FILTER_INCLUDE || kind > FILTER_COUNT) {
		snprintf(err, errlen, "unknown filter %d", kind);
		goto fail;
	}
	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (posix = translate(regex)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	f->kind = kind;
	if ((rc = regcomp(&f->re, posix, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, &f->re, err, errlen);
		goto fail;
	}
	free(posix);
	return f;

fail:
	free(posix);
	free(f);
	return NULL;
}

static size_t
indentation(const char *line, size_t len)
{
	size_t	 i;

	for (i = 0; i < len && line[i] == ' '; i++)
		;
	return i;
}

/* Does the line pass?  f->buf holds it, NUL ended, '\n' at the end. */
static int
filter_pass(struct filter *f)
{
	size_t	 ind = 0;
	int	 match;

	if (f->kind == FILTER_BEGIN && f->begun)
		return 1;
	if (f->kind == FILTER_SECTION) {
		ind = indentation(f->buf, f->len - 1);
		if (f->in_section && ind > f->section_indent)
			return 1;
		f->in_section = 0;
	}

	/* Match without the '\n', so that `$` anchors at the line's end. */
	f->buf[f->len - 1] = '\0';
	match = regexec(&f->re, f->buf, 0, NULL, 0) == 0;
	f->buf[f->len - 1] = '\n';

	switch (f->kind) {
	case FILTER_EXCLUDE:
		return !match;
	case FILTER_BEGIN:
		f->begun = match;
		break;
	case FILTER_SECTION:
		f->in_section = match;
		f->section_indent = ind;
		break;
	case FILTER_COUNT:
		f->count += match;
		return 0;
	}
	return match;
}

/* Makes room for n more bytes and the NUL in the line buffer. */
static int
reserve(struct filter *f, size_t n)
{
	size_t	 cap;
	char	*nbuf;

	if (f->len + n + 1 <= f->cap)
		return 0;
	if (n > SIZE_MAX / 2 - f->len - 1)
		return FILTER_E_NOMEM;
	cap = f->cap ? f->cap : 128;
	while (cap < f->len + n + 1)
		cap *= 2;
	if ((nbuf = realloc(f->buf, cap)) == NULL)
		return FILTER_E_NOMEM;
	f->buf = nbuf;
	f->cap = cap;
	return 0;
}

int
filter_input(struct filter *f, const char *data, size_t len,
    filter_emit_fn *emit, void *arg)
{
	const char	*nl;
	size_t		 n;
	int		 rc = 0;

	for (; len > 0; data += n, len -= n) {
		nl = memchr(data, '\n', len);
		n = nl != NULL ? (size_t)(nl - data) + 1 : len;
		if (!f->dropping && reserve(f, n) != 0) {
			/* Drop the whole line rather than show part of it. */
			rc = FILTER_E_NOMEM;
			f->dropping = 1;
			f->len = 0;
		}
		if (f->dropping) {
			f->dropping = nl == NULL;
			continue;
		}
		memcpy(f->buf + f->len, data, n);
		f->len += n;
		f->buf[f->len] = '\0';
		if (nl != NULL) {
			if (filter_pass(f))
				emit(f->buf, f->len, arg);
			f->len = 0;
		}
	}
	return rc;
}

int
filter_finish(struct filter *f, filter_emit_fn *emit, void *arg)
{
	char	 line[64];
	int	 n, rc = 0;

	if (f->len > 0)
		rc = filter_input(f, "\n", 1, emit, arg);
	f->dropping = 0;
	if (f->kind == FILTER_COUNT) {
		n = snprintf(line, sizeof(line),
		    "Number of lines which match regexp = %lu\n", f->count);
		emit(line, (size_t)n, arg);
	}
	return rc;
}

void
filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	regfree(&f->re);
	free(f->buf);
	free(f);
}
