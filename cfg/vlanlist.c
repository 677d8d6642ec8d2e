/*
 * VLAN lists: the bitmap, IOS's list syntax and its error texts.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cfg/vlanlist.h"

/* IOS wraps its "Command rejected" texts at this many columns. */
#define WRAP	72

void
vlan_set_clear(struct vlan_set *s)
{
	memset(s, 0, sizeof(*s));
}

void
vlan_set_fill(struct vlan_set *s)
{
	unsigned	 v;

	vlan_set_clear(s);
	for (v = VLAN_MIN; v <= VLAN_MAX; v++)
		vlan_set_add(s, v);
}

int
vlan_set_has(const struct vlan_set *s, unsigned vid)
{
	if (vid < VLAN_MIN || vid > VLAN_MAX)
		return 0;
	return (s->bits[vid / 64] >> (vid % 64) & 1) != 0;
}

void
vlan_set_add(struct vlan_set *s, unsigned vid)
{
	if (vid >= VLAN_MIN && vid <= VLAN_MAX)
		s->bits[vid / 64] |= (uint64_t)1 << (vid % 64);
}

void
vlan_set_del(struct vlan_set *s, unsigned vid)
{
	if (vid >= VLAN_MIN && vid <= VLAN_MAX)
		s->bits[vid / 64] &= ~((uint64_t)1 << (vid % 64));
}

size_t
vlan_set_count(const struct vlan_set *s)
{
	size_t	 i, n = 0;

	for (i = 0; i < sizeof(s->bits) / sizeof(s->bits[0]); i++)
		n += (size_t)__builtin_popcountll(s->bits[i]);
	return n;
}

int
vlan_set_full(const struct vlan_set *s)
{
	return vlan_set_count(s) == VLAN_MAX - VLAN_MIN + 1;
}

void
vlan_set_union(struct vlan_set *a, const struct vlan_set *b)
{
	size_t	 i;

	for (i = 0; i < sizeof(a->bits) / sizeof(a->bits[0]); i++)
		a->bits[i] |= b->bits[i];
}

void
vlan_set_minus(struct vlan_set *a, const struct vlan_set *b)
{
	size_t	 i;

	for (i = 0; i < sizeof(a->bits) / sizeof(a->bits[0]); i++)
		a->bits[i] &= ~b->bits[i];
}

void
vlan_set_inter(struct vlan_set *a, const struct vlan_set *b)
{
	size_t	 i;

	for (i = 0; i < sizeof(a->bits) / sizeof(a->bits[0]); i++)
		a->bits[i] &= b->bits[i];
}

int
vlan_set_eq(const struct vlan_set *a, const struct vlan_set *b)
{
	return memcmp(a->bits, b->bits, sizeof(a->bits)) == 0;
}

unsigned
vlan_set_next(const struct vlan_set *s, unsigned vid)
{
	uint64_t	 w;
	size_t		 i;

	if (vid < VLAN_MIN)
		vid = VLAN_MIN;
	if (vid > VLAN_MAX)
		return 0;
	i = vid / 64;
	w = s->bits[i] & (~(uint64_t)0 << (vid % 64));
	while (w == 0) {
		if (++i >= sizeof(s->bits) / sizeof(s->bits[0]))
			return 0;
		w = s->bits[i];
	}
	vid = (unsigned)(i * 64 + (size_t)__builtin_ctzll(w));
	return vid <= VLAN_MAX ? vid : 0;
}

/* Copies text into err broken at spaces into lines of at most WRAP. */
static void
wrap(char *err, size_t errlen, const char *text)
{
	const char	*p = text, *sp, *brk;
	size_t		 used = 0, n;

	if (errlen == 0)
		return;
	err[0] = '\0';
	while (*p != '\0') {
		brk = NULL;
		if (strlen(p) > WRAP)
			for (sp = p; sp <= p + WRAP && *sp != '\0'; sp++)
				if (*sp == ' ')
					brk = sp;
		n = brk != NULL ? (size_t)(brk - p) : strlen(p);
		if (used + n + 2 > errlen)
			return;
		memcpy(err + used, p, n);
		used += n;
		err[used++] = '\n';
		err[used] = '\0';
		p += n + (brk != NULL);
	}
}

/* Why a list is refused. */
enum reject_why {
	R_RANGE,	/* a delimiter ends a number out of range */
	R_CHAR,		/* a character that is neither digit nor delimiter */
};

static int
reject(char *err, size_t errlen, enum reject_why why, size_t pos, int c)
{
	char	 what[16], text[256];

	if (c == '\0')
		snprintf(what, sizeof(what), "(EOL)");
	else
		snprintf(what, sizeof(what), "('%c')", c);
	if (why == R_RANGE)
		snprintf(text, sizeof(text), "Command rejected: Bad VLAN list - "
		    "character #%zu %s delimits a VLAN number which is out of "
		    "the range 1..4094.", pos, what);
	else
		snprintf(text, sizeof(text), "Command rejected: Bad VLAN list - "
		    "character #%zu is a non-numeric character %s.", pos, what);
	wrap(err, errlen, text);
	return -1;
}

#define E_ORDER	"Command rejected: Bad VLAN list - end of range not larger " \
		"than the start of range."

int
vlan_set_parse(const char *text, struct vlan_set *out, char *err,
    size_t errlen)
{
	struct vlan_set	 s;
	const char	*p = text;
	unsigned long	 n, start = 0;
	int		 in_range = 0;
	unsigned	 v;

	vlan_set_clear(&s);
	for (;;) {
		n = 0;
		while (isdigit((unsigned char)*p)) {
			if (n < 100000)
				n = n * 10 + (unsigned long)(*p - '0');
			p++;
		}
		if (*p != '\0' && *p != ',' && *p != '-')
			return reject(err, errlen, R_CHAR,
			    (size_t)(p - text) + 1, *p);
		if (n < VLAN_MIN || n > VLAN_MAX)
			return reject(err, errlen, R_RANGE,
			    (size_t)(p - text) + 1, *p);
		if (*p == '-') {
			if (in_range)
				return reject(err, errlen, R_CHAR,
				    (size_t)(p - text) + 1, *p);
			in_range = 1;
			start = n;
			p++;
			continue;
		}
		if (in_range && n < start) {
			wrap(err, errlen, E_ORDER);
			return -1;
		}
		for (v = (unsigned)(in_range ? start : n); v <= n; v++)
			vlan_set_add(&s, v);
		in_range = 0;
		if (*p == '\0')
			break;
		p++;
	}
	*out = s;
	return 0;
}

char *
vlan_set_render(const struct vlan_set *s, char *buf, size_t len)
{
	unsigned	 v, end;
	size_t		 used = 0;
	int		 n;

	if (len == 0)
		return NULL;
	buf[0] = '\0';
	if ((v = vlan_set_next(s, VLAN_MIN)) == 0) {
		n = snprintf(buf, len, "none");
		return n > 0 && (size_t)n < len ? buf : NULL;
	}
	while (v != 0) {
		for (end = v; end < VLAN_MAX && vlan_set_has(s, end + 1); end++)
			;
		if (end >= v + 2)
			n = snprintf(buf + used, len - used, "%s%u-%u",
			    used > 0 ? "," : "", v, end);
		else if (end == v + 1)
			n = snprintf(buf + used, len - used, "%s%u,%u",
			    used > 0 ? "," : "", v, end);
		else
			n = snprintf(buf + used, len - used, "%s%u",
			    used > 0 ? "," : "", v);
		if (n < 0 || (size_t)n >= len - used)
			return NULL;
		used += (size_t)n;
		v = end < VLAN_MAX ? vlan_set_next(s, end + 1) : 0;
	}
	return buf;
}
