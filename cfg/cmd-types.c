/*
 * Variable tokens of the grammar engine: recognising them in a syntax
 * string, matching a typed token, the caret, and canonical values.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cfg/cmd-int.h"

/* Sorted as IOS lists them. */
const struct cmd_iftype cmd_iftypes[CMD_NIFTYPES] = {
	{ "GigabitEthernet", "GigabitEthernet IEEE 802.3z" },
	{ "LISP", "Locator/ID Separation Protocol Virtual Interface" },
	{ "Loopback", "Loopback interface" },
	{ "Port-channel", "Ethernet Channel of interfaces" },
	{ "Tunnel", "Tunnel interface" },
	{ "Vlan", "Catalyst Vlans" },
};

#define IFNUM(r, h) { .text = r, .name = "IFNAME", .help = h, \
	.len = sizeof(r) - 1, .type = CT_IFNUM }
const struct cmd_pos cmd_ifnum_pos[CMD_NIFTYPES] = {
	IFNUM("<1-32>", "GigabitEthernet interface number"),
	IFNUM("<0-65520>", "LISP interface number"),
	IFNUM("<0-2147483647>", "Loopback interface number"),
	IFNUM("<1-64>", "Port-channel interface number"),
	IFNUM("<0-2147483647>", "Tunnel interface number"),
	IFNUM("<1-4094>", "Vlan interface number"),
};

static int
streq(const char *t, size_t n, const char *s)
{
	return strlen(s) == n && memcmp(t, s, n) == 0;
}

/* Parses "<lo-hi>". */
static int
range_syntax(const char *t, size_t n, unsigned long long *lo,
    unsigned long long *hi)
{
	unsigned long long	 v[2] = { 0, 0 };
	size_t			 i = 1, k, digits;

	if (n < 5 || t[0] != '<' || t[n - 1] != '>')
		return -1;
	for (k = 0; k < 2; k++) {
		for (digits = 0; i < n - 1 && isdigit((unsigned char)t[i]);
		    i++, digits++) {
			if (digits >= 19)
				return -1;
			v[k] = v[k] * 10 + (unsigned)(t[i] - '0');
		}
		if (digits == 0)
			return -1;
		if (k == 0 && (i >= n - 1 || t[i++] != '-'))
			return -1;
	}
	if (i != n - 1 || v[0] > v[1])
		return -1;
	*lo = v[0];
	*hi = v[1];
	return 0;
}

int
cmd_var_type(const char *t, size_t n, unsigned long long *lo,
    unsigned long long *hi)
{
	const char	*slash;

	if (streq(t, n, "WORD"))
		return CT_WORD;
	if (streq(t, n, "LINE"))
		return CT_LINE;
	if (streq(t, n, "IFNAME"))
		return CT_IFNAME;
	if (streq(t, n, "H.H.H"))
		return CT_MAC;
	if (streq(t, n, "A.B.C.D"))
		return CT_IPV4;
	if (streq(t, n, "A.B.C.D/M") || streq(t, n, "A.B.C.D/nn"))
		return CT_IPV4P;
	if (n >= 6 && memcmp(t, "X:X:", 4) == 0) {
		slash = memchr(t, '/', n);
		return slash == NULL ? CT_IPV6 : CT_IPV6P;
	}
	if (n > 0 && t[0] == '<')
		return range_syntax(t, n, lo, hi) == 0 ? CT_RANGE : -1;
	return -1;
}

/* A decimal of at most maxd digits; returns its value or -1. */
static long long
decimal(const char *t, size_t n, size_t maxd)
{
	long long	 v = 0;
	size_t		 i;

	if (n == 0 || n > maxd)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)t[i]))
			return -1;
		v = v * 10 + (t[i] - '0');
	}
	return v;
}

static int
ipv4_parse(const char *t, size_t n, unsigned char b[4])
{
	size_t		 i = 0, j, k;
	long long	 v;

	for (k = 0; k < 4; k++) {
		for (j = i; j < n && t[j] != '.'; j++)
			;
		if ((v = decimal(t + i, j - i, 3)) < 0 || v > 255)
			return -1;
		b[k] = (unsigned char)v;
		if (k < 3 && j >= n)
			return -1;
		i = j + 1;
	}
	return i == n + 1 ? 0 : -1;
}

static int
ipv6_parse(const char *t, size_t n, struct in6_addr *a)
{
	char	 buf[INET6_ADDRSTRLEN];

	if (n == 0 || n >= sizeof(buf) || memchr(t, '/', n) != NULL)
		return -1;
	memcpy(buf, t, n);
	buf[n] = '\0';
	return inet_pton(AF_INET6, buf, a) == 1 ? 0 : -1;
}

/* Splits "addr/len"; returns the prefix length or -1. */
static long long
prefix_split(const char *t, size_t n, size_t *alen, long long max)
{
	const char	*slash;
	long long	 m;

	if ((slash = memrchr(t, '/', n)) == NULL)
		return -1;
	*alen = (size_t)(slash - t);
	m = decimal(slash + 1, n - *alen - 1, 3);
	return m > max ? -1 : m;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* MAC: H.H.H (1-4 hex digits each) or six ':'-separated bytes. */
static int
mac_parse(const char *t, size_t n, unsigned g[3])
{
	size_t		 i = 0, k, d;
	unsigned	 v, bytes[6];
	char		 sep = memchr(t, ':', n) != NULL ? ':' : '.';
	size_t		 ngroups = sep == ':' ? 6 : 3, maxd = sep == ':' ? 2 : 4;
	int		 h;

	for (k = 0; k < ngroups; k++) {
		for (v = 0, d = 0; i < n && t[i] != sep; i++, d++) {
			if (d >= maxd || (h = hexval((unsigned char)t[i])) < 0)
				return -1;
			v = v * 16 + (unsigned)h;
		}
		if (d == 0 || (k < ngroups - 1 && i >= n))
			return -1;
		if (k < ngroups - 1)
			i++;
		bytes[k] = v;
	}
	if (i != n)
		return -1;
	if (sep == ':')
		for (k = 0; k < 3; k++)
			g[k] = bytes[2 * k] << 8 | bytes[2 * k + 1];
	else
		for (k = 0; k < 3; k++)
			g[k] = bytes[k];
	return 0;
}

static int
range_match(const struct cmd_pos *p, const char *t, size_t n)
{
	unsigned long long	 v = 0;
	size_t			 i;

	if (n == 0 || n > 20)
		return 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)t[i]))
			return 0;
		if (v > (~0ULL - 9) / 10)
			return 0;
		v = v * 10 + (unsigned)(t[i] - '0');
	}
	return v >= p->lo && v <= p->hi;
}

/* Interface numbers: 1, 0/1, 1/0/23, 1.100, 0/1.100. */
int
cmd_ifnum_valid(const char *t, size_t n)
{
	size_t	 i = 0, d;
	int	 dot = 0;

	for (;;) {
		for (d = 0; i < n && isdigit((unsigned char)t[i]); i++)
			if (++d > 9)
				return 0;
		if (d == 0)
			return 0;
		if (i == n)
			return 1;
		if (t[i] == '.' && !dot)
			dot = 1;
		else if (t[i] != '/' || dot)
			return 0;
		i++;
	}
}

size_t
cmd_ifnum_canon(const char *t, size_t n, char *out, size_t outlen)
{
	size_t	 i, o = 0;
	int	 lead = 1;

	for (i = 0; i < n; i++) {
		if (isdigit((unsigned char)t[i])) {
			/* drop leading zeros of each component */
			if (lead && t[i] == '0' && i + 1 < n &&
			    isdigit((unsigned char)t[i + 1]))
				continue;
			lead = 0;
		} else
			lead = 1;
		if (o + 1 < outlen)
			out[o] = t[i];
		o++;
	}
	if (outlen > 0)
		out[o < outlen ? o : outlen - 1] = '\0';
	return o;
}

static size_t
iftype_letters(const char *t, size_t n)
{
	size_t	 i;

	for (i = 0; i < n && (isalpha((unsigned char)t[i]) || t[i] == '-');
	    i++)
		;
	return i;
}

int
cmd_iftype_of(const char *t, size_t n, size_t *typelen, int *numok)
{
	size_t	 tl = iftype_letters(t, n), k;
	int	 found = -1;

	*typelen = tl;
	*numok = tl < n && cmd_ifnum_valid(t + tl, n - tl);
	if (tl == 0)
		return -1;
	for (k = 0; k < CMD_NIFTYPES; k++) {
		if (strlen(cmd_iftypes[k].name) < tl ||
		    strncasecmp(cmd_iftypes[k].name, t, tl) != 0)
			continue;
		if (strlen(cmd_iftypes[k].name) == tl)
			return (int)k;
		found = found == -1 ? (int)k : -2;
	}
	return found;
}

size_t
cmd_ifname_agree(const char *t, size_t n)
{
	size_t	 best = 0, k, i, tl, nl;
	int	 numok, ty;

	for (k = 0; k < CMD_NIFTYPES; k++) {
		nl = strlen(cmd_iftypes[k].name);
		for (i = 0; i < n && i < nl &&
		    tolower((unsigned char)t[i]) ==
		    tolower((unsigned char)cmd_iftypes[k].name[i]); i++)
			;
		if (i > best)
			best = i;
	}
	/* A known type: count the valid start of its number too. */
	ty = cmd_iftype_of(t, n, &tl, &numok);
	if (ty >= 0 && best == tl) {
		for (i = tl; i < n && (isdigit((unsigned char)t[i]) ||
		    t[i] == '/' || t[i] == '.'); i++)
			;
		while (i > tl && !cmd_ifnum_valid(t + tl, i - tl))
			i--;
		best = i;
	}
	return best;
}

int
cmd_var_match(const struct cmd_pos *p, const char *t, size_t n)
{
	unsigned char	 b[4];
	struct in6_addr	 a6;
	unsigned	 g[3];
	size_t		 alen, tl;
	int		 numok;

	switch (p->type) {
	case CT_WORD:
	case CT_LINE:
		return 1;
	case CT_IPV4:
		return ipv4_parse(t, n, b) == 0;
	case CT_IPV4P:
		return prefix_split(t, n, &alen, 32) >= 0 &&
		    ipv4_parse(t, alen, b) == 0;
	case CT_IPV6:
		return ipv6_parse(t, n, &a6) == 0;
	case CT_IPV6P:
		return prefix_split(t, n, &alen, 128) >= 0 &&
		    ipv6_parse(t, alen, &a6) == 0;
	case CT_RANGE:
		return range_match(p, t, n);
	case CT_MAC:
		return mac_parse(t, n, g) == 0;
	case CT_IFNAME:
		return cmd_iftype_of(t, n, &tl, &numok) >= 0 && numok;
	case CT_IFNUM:
		return cmd_ifnum_valid(t, n);
	}
	return 0;
}

size_t
cmd_var_agree(const struct cmd_pos *p, const char *t, size_t n)
{
	switch (p->type) {
	case CT_WORD:
	case CT_LINE:
		return n;
	case CT_IFNAME:
		return cmd_ifname_agree(t, n);
	default:
		return 0;
	}
}

static size_t
put(char *out, size_t outlen, const char *s, size_t n)
{
	size_t	 c;

	if (outlen > 0) {
		c = n < outlen ? n : outlen - 1;
		memcpy(out, s, c);
		out[c] = '\0';
	}
	return n;
}

size_t
cmd_var_canon(const struct cmd_pos *p, const char *t, size_t n, char *out,
    size_t outlen)
{
	char		 buf[INET6_ADDRSTRLEN + 8];
	unsigned char	 b[4];
	struct in6_addr	 a6;
	unsigned	 g[3];
	size_t		 alen, tl, o;
	long long	 m;
	int		 ty, numok, len = 0;

	switch (p->type) {
	case CT_IPV4:
	case CT_IPV4P:
		m = p->type == CT_IPV4P ? prefix_split(t, n, &alen, 32) : -1;
		if (ipv4_parse(t, m >= 0 ? alen : n, b) != 0)
			break;
		len = snprintf(buf, sizeof(buf), "%u.%u.%u.%u", b[0], b[1],
		    b[2], b[3]);
		if (m >= 0)
			len += snprintf(buf + len, sizeof(buf) - (size_t)len,
			    "/%lld", m);
		return put(out, outlen, buf, (size_t)len);
	case CT_IPV6:
	case CT_IPV6P:
		m = p->type == CT_IPV6P ? prefix_split(t, n, &alen, 128) : -1;
		if (ipv6_parse(t, m >= 0 ? alen : n, &a6) != 0 ||
		    inet_ntop(AF_INET6, &a6, buf, sizeof(buf)) == NULL)
			break;
		len = (int)strlen(buf);
		if (m >= 0)
			len += snprintf(buf + len, sizeof(buf) - (size_t)len,
			    "/%lld", m);
		return put(out, outlen, buf, (size_t)len);
	case CT_RANGE:
		while (n > 1 && t[0] == '0') {
			t++;
			n--;
		}
		return put(out, outlen, t, n);
	case CT_MAC:
		if (mac_parse(t, n, g) != 0)
			break;
		len = snprintf(buf, sizeof(buf), "%04x.%04x.%04x", g[0], g[1],
		    g[2]);
		return put(out, outlen, buf, (size_t)len);
	case CT_IFNAME:
		if ((ty = cmd_iftype_of(t, n, &tl, &numok)) < 0 || !numok)
			break;
		o = put(out, outlen, cmd_iftypes[ty].name,
		    strlen(cmd_iftypes[ty].name));
		return o + cmd_ifnum_canon(t + tl, n - tl,
		    outlen > o ? out + o : NULL, outlen > o ? outlen - o : 0);
	case CT_IFNUM:
		return cmd_ifnum_canon(t, n, out, outlen);
	default:
		break;
	}
	return put(out, outlen, t, n);
}

int
cmd_ifname_canon(const char *in, char *out, size_t outlen)
{
	struct cmd_pos	 p;
	size_t		 n = strlen(in);

	memset(&p, 0, sizeof(p));
	p.type = CT_IFNAME;
	if (!cmd_var_match(&p, in, n))
		return CMD_E_SYNTAX;
	if (cmd_var_canon(&p, in, n, out, outlen) >= outlen)
		return CMD_E_SYNTAX;
	return 0;
}
