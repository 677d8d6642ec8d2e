/*
 * The lab topology parser (format in lab-topo.h).  One pass over the lines
 * with the block being filled in hand; names of segments are resolved at
 * the end, so a file may use a segment before it declares it.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/lab-topo.h"

#define MAX_WORDS	8
#define LINE_MAX_LEN	4096

enum block { B_NONE, B_ROUTER, B_HOST };

/* A segment named in the file, resolved once every segment is known. */
struct segref {
	int	*slot;
	char	 name[LAB_NAME_MAX];
	int	 line;
};

struct parser {
	struct lab_topo	*t;
	const char	*file;
	char		*err;
	size_t		 errlen;
	int		 line;
	enum block	 block;
	int		 mgmt_given;
	struct segref	 refs[LAB_MAX_NODES * (LAB_MAX_IFS + LAB_MAX_POS)];
	size_t		 nrefs;
};

static int __attribute__((format(printf, 3, 4)))
perr(struct parser *p, int line, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	n = snprintf(p->err, p->errlen, "%s:%d: ", p->file, line);
	if (n < 0 || (size_t)n >= p->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

int
lab_topo_valid_name(const char *name, size_t max)
{
	size_t	 len = strlen(name);

	if (len == 0 || len >= max || name[0] == '-' || name[0] == '.')
		return 0;
	return strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == len;
}

/* Dotted quad, exactly four parts of 0-255; host order. */
static int
parse_ipv4(const char *s, uint32_t *out)
{
	unsigned long	 part;
	uint32_t	 v = 0;
	char		*end;
	int		 i;

	for (i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		part = strtoul(s, &end, 10);
		if (part > 255 || end - s > 3)
			return -1;
		v = v << 8 | (uint32_t)part;
		s = end;
		if (i < 3 && *s++ != '.')
			return -1;
	}
	if (*s != '\0')
		return -1;
	*out = v;
	return 0;
}

static int
parse_prefix(const char *s, uint32_t *addr, unsigned int *plen)
{
	char		 buf[32];
	const char	*slash = strchr(s, '/');
	unsigned long	 n;
	char		*end;

	if (slash == NULL || (size_t)(slash - s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, (size_t)(slash - s));
	buf[slash - s] = '\0';
	if (parse_ipv4(buf, addr) != 0 || !isdigit((unsigned char)slash[1]))
		return -1;
	n = strtoul(slash + 1, &end, 10);
	if (*end != '\0' || n > 32)
		return -1;
	*plen = (unsigned int)n;
	return 0;
}

static uint32_t
mask_of(unsigned int plen)
{
	return plen == 0 ? 0 : 0xffffffffu << (32 - plen);
}

/* H.H.H (IOS) or aa:bb:cc:dd:ee:ff, unicast; written as the latter. */
static int
parse_mac(const char *s, char out[LAB_MAC_LEN])
{
	unsigned int	 b[6];
	char		 hex[13];
	size_t		 i, n = 0;

	if (strlen(s) == 14 && s[4] == '.' && s[9] == '.') {
		for (i = 0; i < 14; i++) {
			if (i == 4 || i == 9)
				continue;
			if (!isxdigit((unsigned char)s[i]))
				return -1;
			hex[n++] = s[i];
		}
	} else if (strlen(s) == 17) {
		for (i = 0; i < 17; i++) {
			if (i % 3 == 2) {
				if (s[i] != ':')
					return -1;
				continue;
			}
			if (!isxdigit((unsigned char)s[i]))
				return -1;
			hex[n++] = s[i];
		}
	} else
		return -1;
	hex[12] = '\0';
	for (i = 0; i < 6; i++)
		if (sscanf(hex + 2 * i, "%2x", &b[i]) != 1)
			return -1;
	if (b[0] & 1)
		return -1;	/* multicast: no host or port has one */
	snprintf(out, LAB_MAC_LEN, "%02x:%02x:%02x:%02x:%02x:%02x",
	    b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff, b[4] & 0xff,
	    b[5] & 0xff);
	return 0;
}

/* "GigabitEthernetN" (any case, IOS's usual abbreviations) -> N. */
static int
parse_gi(const char *s, unsigned int *n)
{
	static const char *const forms[] = { "GigabitEthernet", "Gi",
	    "Gig", "GE" };
	unsigned long	 v;
	size_t		 i, len;
	char		*end;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		len = strlen(forms[i]);
		if (strncasecmp(s, forms[i], len) != 0 ||
		    !isdigit((unsigned char)s[len]))
			continue;
		v = strtoul(s + len, &end, 10);
		if (*end != '\0' || v < 1 || v > LAB_MAX_IFS)
			return -1;
		*n = (unsigned int)v;
		return 0;
	}
	return -1;
}

static int
add_ref(struct parser *p, int *slot, const char *name)
{
	struct segref	*r;

	if (!lab_topo_valid_name(name, LAB_NAME_MAX - 3))
		return perr(p, p->line, "expected a segment name (letters, "
		    "digits, _ and -, at most %d characters), got \"%s\"",
		    LAB_NAME_MAX - 4, name);
	if (p->nrefs == sizeof(p->refs) / sizeof(p->refs[0]))
		return perr(p, p->line, "too many segment references");
	r = &p->refs[p->nrefs++];
	r->slot = slot;
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->line = p->line;
	return 0;
}

static int
node_name_taken(const struct lab_topo *t, const char *name)
{
	return lab_topo_router(t, name) != -1 || lab_topo_host(t, name) != -1;
}

static int
check_node_name(struct parser *p, const char *kind, const char *name)
{
	if (!lab_topo_valid_name(name, LAB_NAME_MAX))
		return perr(p, p->line, "expected a %s name (letters, digits, "
		    "_ and -, at most %d characters), got \"%s\"", kind,
		    LAB_NAME_MAX - 1, name);
	if (strcmp(name, "hub") == 0 || strcmp(name, "mgmt") == 0)
		return perr(p, p->line, "\"%s\" is reserved (the lab's own "
		    "namespaces): choose another %s name", name, kind);
	if (node_name_taken(p->t, name))
		return perr(p, p->line, "a router or host named \"%s\" is "
		    "already defined", name);
	return 0;
}

static struct lab_router *
cur_router(struct parser *p)
{
	return &p->t->routers[p->t->nrouters - 1];
}

static struct lab_host *
cur_host(struct parser *p)
{
	return &p->t->hosts[p->t->nhosts - 1];
}

static int
router_gi_used(const struct lab_router *r, unsigned int gi)
{
	size_t	 i;

	for (i = 0; i < r->nifs; i++)
		if (r->ifs[i].gi == gi)
			return 1;
	return r->mgmt != 0 && r->mgmt_gi == gi;
}

static int
router_line(struct parser *p, char **w, int nw)
{
	struct lab_router	*r = cur_router(p);
	struct lab_if		*ifp;
	unsigned int		 gi;
	uint32_t		 a;

	if (strcmp(w[0], "interface") == 0) {
		if (nw != 4 && nw != 6)
			return perr(p, p->line, "expected \"interface "
			    "GigabitEthernetN segment SEG [mac H.H.H]\"");
		if (parse_gi(w[1], &gi) != 0)
			return perr(p, p->line, "expected GigabitEthernet1 to "
			    "GigabitEthernet%d, got \"%s\"", LAB_MAX_IFS, w[1]);
		if (router_gi_used(r, gi))
			return perr(p, p->line, "GigabitEthernet%u of %s is "
			    "already attached", gi, r->name);
		if (strcmp(w[2], "segment") != 0)
			return perr(p, p->line, "expected \"segment\" after "
			    "the interface, got \"%s\"", w[2]);
		if (nw == 6 && strcmp(w[4], "mac") != 0)
			return perr(p, p->line, "expected \"mac\" after the "
			    "segment, got \"%s\"", w[4]);
		ifp = &r->ifs[r->nifs];
		memset(ifp, 0, sizeof(*ifp));
		ifp->gi = gi;
		if (nw == 6 && parse_mac(w[5], ifp->mac) != 0)
			return perr(p, p->line, "expected a unicast MAC "
			    "address H.H.H, got \"%s\"", w[5]);
		if (add_ref(p, &ifp->seg, w[3]) != 0)
			return -1;
		r->nifs++;	/* LAB_MAX_IFS distinct numbers: never full */
		return 0;
	}
	if (strcmp(w[0], "management") == 0) {
		if (nw != 2 && nw != 3)
			return perr(p, p->line, "expected \"management "
			    "A.B.C.D [GigabitEthernetN]\"");
		if (r->mgmt != 0)
			return perr(p, p->line, "%s has a management address "
			    "already", r->name);
		if (parse_ipv4(w[1], &a) != 0 || a == 0)
			return perr(p, p->line, "expected an IPv4 address, "
			    "got \"%s\"", w[1]);
		gi = 0;
		if (nw == 3 && parse_gi(w[2], &gi) != 0)
			return perr(p, p->line, "expected GigabitEthernet1 to "
			    "GigabitEthernet%d, got \"%s\"", LAB_MAX_IFS, w[2]);
		if (gi != 0 && router_gi_used(r, gi))
			return perr(p, p->line, "GigabitEthernet%u of %s is "
			    "already attached", gi, r->name);
		r->mgmt = a;
		r->mgmt_gi = gi;	/* 0: the next free one, at the end */
		return 0;
	}
	return perr(p, p->line, "expected interface, management or config "
	    "in router %s, got \"%s\"", r->name, w[0]);
}

static int
host_line(struct parser *p, char **w, int nw)
{
	struct lab_host	*h = cur_host(p);
	struct lab_position *pos;
	size_t		 i;

	if (strcmp(w[0], "address") == 0) {
		if (nw != 2 || parse_prefix(w[1], &h->addr, &h->plen) != 0 ||
		    h->plen < 1 || h->plen > 30 || h->addr == 0)
			return perr(p, p->line, "expected \"address "
			    "A.B.C.D/LEN\" (LEN 1 to 30)");
		return 0;
	}
	if (strcmp(w[0], "gateway") == 0) {
		if (nw != 2 || parse_ipv4(w[1], &h->gateway) != 0 ||
		    h->gateway == 0)
			return perr(p, p->line, "expected \"gateway A.B.C.D\"");
		return 0;
	}
	if (strcmp(w[0], "mac") == 0) {
		if (nw != 2 || parse_mac(w[1], h->mac) != 0)
			return perr(p, p->line, "expected \"mac H.H.H\" (a "
			    "unicast MAC address)");
		return 0;
	}
	if (strcmp(w[0], "segment") == 0) {
		if (nw != 2)
			return perr(p, p->line, "expected \"segment SEG\"");
		if (h->seg != -1 || h->npos != 0)
			return perr(p, p->line, "host %s is attached already "
			    "(one segment, or positions)", h->name);
		h->seg = -2;	/* resolved at the end */
		return add_ref(p, &h->seg, w[1]);
	}
	if (strcmp(w[0], "position") == 0) {
		if (nw != 3)
			return perr(p, p->line, "expected \"position NAME "
			    "SEG\"");
		if (h->seg != -1)
			return perr(p, p->line, "host %s has a fixed segment "
			    "already", h->name);
		if (!lab_topo_valid_name(w[1], LAB_NAME_MAX))
			return perr(p, p->line, "expected a position name, "
			    "got \"%s\"", w[1]);
		for (i = 0; i < h->npos; i++)
			if (strcmp(h->pos[i].name, w[1]) == 0)
				return perr(p, p->line, "position %s of %s is "
				    "defined already", w[1], h->name);
		if (h->npos == LAB_MAX_POS)
			return perr(p, p->line, "more than %d positions",
			    LAB_MAX_POS);
		pos = &h->pos[h->npos++];
		snprintf(pos->name, sizeof(pos->name), "%s", w[1]);
		pos->seg = -1;
		return add_ref(p, &pos->seg, w[2]);
	}
	return perr(p, p->line, "expected address, gateway, mac, segment or "
	    "position in host %s, got \"%s\"", h->name, w[0]);
}

static int
top_line(struct parser *p, char **w, int nw)
{
	struct lab_topo	*t = p->t;
	size_t		 i;

	p->block = B_NONE;
	if (strcmp(w[0], "lab") == 0) {
		if (nw != 2 || !lab_topo_valid_name(w[1], LAB_LABNAME_MAX))
			return perr(p, p->line, "expected \"lab NAME\" (letters, "
			    "digits, _ and -, at most %d characters)",
			    LAB_LABNAME_MAX - 1);
		snprintf(t->name, sizeof(t->name), "%s", w[1]);
		return 0;
	}
	if (strcmp(w[0], "management") == 0) {
		if (nw != 2 || parse_prefix(w[1], &t->mgmt_net,
		    &t->mgmt_plen) != 0 || t->mgmt_plen < 8 ||
		    t->mgmt_plen > 29)
			return perr(p, p->line, "expected \"management "
			    "A.B.C.D/LEN\" (LEN 8 to 29)");
		if (p->mgmt_given)
			return perr(p, p->line, "the management network is "
			    "given already");
		p->mgmt_given = 1;
		return 0;
	}
	if (strcmp(w[0], "segment") == 0) {
		if (nw != 2 || !lab_topo_valid_name(w[1], LAB_NAME_MAX - 3))
			return perr(p, p->line, "expected \"segment NAME\" "
			    "(letters, digits, _ and -, at most %d "
			    "characters)", LAB_NAME_MAX - 4);
		if (strcmp(w[1], "mgmt") == 0)
			return perr(p, p->line, "\"mgmt\" is the lab's "
			    "management segment: choose another name");
		for (i = 0; i < t->nsegs; i++)
			if (strcmp(t->segs[i], w[1]) == 0)
				return perr(p, p->line, "segment %s is "
				    "defined already", w[1]);
		if (t->nsegs == LAB_MAX_SEGS)
			return perr(p, p->line, "more than %d segments",
			    LAB_MAX_SEGS);
		snprintf(t->segs[t->nsegs++], LAB_NAME_MAX, "%s", w[1]);
		return 0;
	}
	if (strcmp(w[0], "router") == 0 || strcmp(w[0], "host") == 0) {
		if (nw != 2)
			return perr(p, p->line, "expected \"%s NAME\"", w[0]);
		if (check_node_name(p, w[0], w[1]) != 0)
			return -1;
		if (t->nrouters + t->nhosts == LAB_MAX_NODES)
			return perr(p, p->line, "more than %d routers and "
			    "hosts", LAB_MAX_NODES);
		if (w[0][0] == 'r') {
			struct lab_router *r = &t->routers[t->nrouters++];

			memset(r, 0, sizeof(*r));
			snprintf(r->name, sizeof(r->name), "%s", w[1]);
			r->line = p->line;
			p->block = B_ROUTER;
		} else {
			struct lab_host *h = &t->hosts[t->nhosts++];

			memset(h, 0, sizeof(*h));
			snprintf(h->name, sizeof(h->name), "%s", w[1]);
			h->seg = -1;
			h->line = p->line;
			p->block = B_HOST;
		}
		return 0;
	}
	return perr(p, p->line, "expected lab, management, segment, router "
	    "or host, got \"%s\"", w[0]);
}

/* Splits a line into words in place; -1 past MAX_WORDS. */
static int
split(char *s, char **w)
{
	int	 n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			return n;
		if (n == MAX_WORDS)
			return -1;
		w[n++] = s;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
		if (*s != '\0')
			*s++ = '\0';
	}
}

/* The next line of text into buf (without its newline); 0 at the end. */
static int
next_line(const char *text, size_t len, size_t *off, char *buf,
    size_t buflen, int *toolong)
{
	size_t	 n = 0;

	*toolong = 0;
	if (*off >= len)
		return 0;
	while (*off < len && text[*off] != '\n') {
		if (n + 1 < buflen)
			buf[n++] = text[*off] == '\0' ? ' ' : text[*off];
		else
			*toolong = 1;
		(*off)++;
	}
	if (*off < len)
		(*off)++;	/* the newline */
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return 1;
}

static int
is_end(const char *s)
{
	size_t	 len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len == 3 && strncmp(s, "end", 3) == 0;
}

/* The config block: verbatim lines up to "end". */
static int
config_block(struct parser *p, const char *text, size_t len, size_t *off)
{
	struct lab_router	*r = cur_router(p);
	char			 buf[LINE_MAX_LEN];
	size_t			 used = 0, cap = 256, n;
	int			 start = p->line, toolong;
	char			*cfg;

	if (r->config != NULL)
		return perr(p, p->line, "router %s has a config block already",
		    r->name);
	if ((cfg = malloc(cap)) == NULL)
		return perr(p, p->line, "out of memory");
	cfg[0] = '\0';
	r->config = cfg;
	for (;;) {
		if (!next_line(text, len, off, buf, sizeof(buf), &toolong))
			return perr(p, start, "the config block of router %s "
			    "has no \"end\" line", r->name);
		p->line++;
		if (toolong)
			return perr(p, p->line, "line longer than %d "
			    "characters", LINE_MAX_LEN - 1);
		if (is_end(buf))
			return 0;
		n = strlen(buf);
		if (used + n + 2 > LAB_CONFIG_MAX)
			return perr(p, p->line, "config block of %s larger "
			    "than %d bytes", r->name, LAB_CONFIG_MAX);
		if (used + n + 2 > cap) {
			while (used + n + 2 > cap)
				cap *= 2;
			if ((cfg = realloc(r->config, cap)) == NULL)
				return perr(p, p->line, "out of memory");
			r->config = cfg;
		}
		memcpy(r->config + used, buf, n);
		used += n;
		r->config[used++] = '\n';
		r->config[used] = '\0';
	}
}

static int
resolve(struct parser *p)
{
	struct lab_topo	*t = p->t;
	size_t		 i, j;

	for (i = 0; i < p->nrefs; i++) {
		*p->refs[i].slot = -1;
		for (j = 0; j < t->nsegs; j++)
			if (strcmp(t->segs[j], p->refs[i].name) == 0)
				*p->refs[i].slot = (int)j;
		if (*p->refs[i].slot == -1)
			return perr(p, p->refs[i].line, "segment %s is not "
			    "defined (expected a \"segment %s\" line)",
			    p->refs[i].name, p->refs[i].name);
	}
	return 0;
}

/* Whole-file rules: hosts complete, management addresses sane. */
static int
validate(struct parser *p)
{
	struct lab_topo		*t = p->t;
	struct lab_router	*r;
	struct lab_host		*h;
	uint32_t		 mask = mask_of(t->mgmt_plen), a;
	size_t			 i, j;
	unsigned int		 gi;

	t->mgmt_net &= mask;
	t->mgmt_station = (t->mgmt_net | ~mask) - 1;
	for (i = 0; i < t->nhosts; i++) {
		h = &t->hosts[i];
		if (h->addr == 0)
			return perr(p, h->line, "host %s has no address "
			    "(expected an \"address A.B.C.D/LEN\" line)",
			    h->name);
		if (h->seg == -1 && h->npos == 0)
			return perr(p, h->line, "host %s is attached nowhere "
			    "(expected a \"segment SEG\" or \"position NAME "
			    "SEG\" line)", h->name);
		a = h->addr & ~mask_of(h->plen);
		if (a == 0 || a == ~mask_of(h->plen))
			return perr(p, h->line, "host %s: the address is the "
			    "network's or its broadcast", h->name);
	}
	for (i = 0; i < t->nrouters; i++) {
		r = &t->routers[i];
		if (r->mgmt == 0)
			continue;
		a = r->mgmt & ~mask;
		if ((r->mgmt & mask) != t->mgmt_net || a == 0 || a == ~mask ||
		    r->mgmt == t->mgmt_station)
			return perr(p, r->line, "router %s: management address "
			    "outside the management network or reserved (the "
			    "network, broadcast and the last address, the "
			    "lab's own)", r->name);
		for (j = 0; j < i; j++)
			if (t->routers[j].mgmt == r->mgmt)
				return perr(p, r->line, "router %s: management "
				    "address of %s too", r->name,
				    t->routers[j].name);
		if (r->mgmt_gi == 0) {
			for (gi = 1; gi <= LAB_MAX_IFS; gi++)
				if (!router_gi_used(r, gi))
					break;
			if (gi > LAB_MAX_IFS)
				return perr(p, r->line, "router %s: no free "
				    "GigabitEthernet for management", r->name);
			/* The next one after those attached. */
			for (gi = 1, j = 0; j < r->nifs; j++)
				if (r->ifs[j].gi >= gi)
					gi = r->ifs[j].gi + 1;
			if (gi > LAB_MAX_IFS)
				return perr(p, r->line, "router %s: name the "
				    "management interface (\"management "
				    "A.B.C.D GigabitEthernetN\")", r->name);
			r->mgmt_gi = gi;
		}
	}
	return 0;
}

int
lab_topo_parse(struct lab_topo *t, const char *text, size_t len,
    const char *file, char *err, size_t errlen)
{
	struct parser	*p;
	char		 buf[LINE_MAX_LEN], copy[LINE_MAX_LEN];
	char		*w[MAX_WORDS];
	size_t		 off = 0;
	int		 nw, toolong, rc = -1, indented;
	uint32_t	 net;
	unsigned int	 plen;

	memset(t, 0, sizeof(*t));
	if (errlen > 0)
		err[0] = '\0';
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		snprintf(err, errlen, "%s: out of memory", file);
		return -1;
	}
	p->t = t;
	p->file = file;
	p->err = err;
	p->errlen = errlen;
	parse_prefix(LAB_MGMT_DEFAULT, &net, &plen);
	t->mgmt_net = net;
	t->mgmt_plen = plen;
	while (next_line(text, len, &off, buf, sizeof(buf), &toolong)) {
		p->line++;
		if (toolong) {
			perr(p, p->line, "line longer than %d characters",
			    LINE_MAX_LEN - 1);
			goto out;
		}
		memcpy(copy, buf, sizeof(buf));
		if (buf[strspn(buf, " \t")] == '#')
			continue;
		if ((nw = split(copy, w)) == -1) {
			perr(p, p->line, "more than %d words", MAX_WORDS);
			goto out;
		}
		if (nw == 0 || w[0][0] == '#')
			continue;
		indented = buf[0] == ' ' || buf[0] == '\t';
		if (!indented) {
			if (top_line(p, w, nw) != 0)
				goto out;
			continue;
		}
		if (p->block == B_NONE) {
			perr(p, p->line, "an indented line outside a router "
			    "or host block (expected lab, management, segment, "
			    "router or host at the start of the line)");
			goto out;
		}
		if (p->block == B_ROUTER && strcmp(w[0], "config") == 0) {
			if (nw != 1) {
				perr(p, p->line, "expected \"config\" alone, "
				    "its lines below it, then \"end\"");
				goto out;
			}
			if (config_block(p, text, len, &off) != 0)
				goto out;
			continue;
		}
		if ((p->block == B_ROUTER ? router_line(p, w, nw) :
		    host_line(p, w, nw)) != 0)
			goto out;
	}
	if (t->nrouters + t->nhosts == 0) {
		perr(p, p->line, "no router or host (expected \"router NAME\" "
		    "or \"host NAME\" blocks)");
		goto out;
	}
	if (resolve(p) != 0 || validate(p) != 0)
		goto out;
	rc = 0;
out:
	free(p);
	return rc;
}

void
lab_topo_free(struct lab_topo *t)
{
	size_t	 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrouters; i++) {
		free(t->routers[i].config);
		t->routers[i].config = NULL;
	}
}

int
lab_topo_router(const struct lab_topo *t, const char *name)
{
	size_t	 i;

	for (i = 0; i < t->nrouters; i++)
		if (strcmp(t->routers[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
lab_topo_host(const struct lab_topo *t, const char *name)
{
	size_t	 i;

	for (i = 0; i < t->nhosts; i++)
		if (strcmp(t->hosts[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
lab_topo_position(const struct lab_host *h, const char *name)
{
	size_t	 i;

	for (i = 0; i < h->npos; i++)
		if (strcmp(h->pos[i].name, name) == 0)
			return (int)i;
	return -1;
}
