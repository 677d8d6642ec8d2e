/*
 * Day-0 configuration: OVF environment properties and iosxe_config.txt to
 * IOS configuration lines (see day0.h).
 *
 * The OVF environment is a small XML document written by the hypervisor;
 * only its <Property key=".." value=".."/> elements matter, so this is a
 * scanner for those elements, not a general XML parser.  Everything it
 * produces still goes through the router's grammar, which has the last
 * word on every value.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform/image/day0.h"

#define KEY_MAX		64
#define NPROPS_MAX	4096

struct prop {
	char	*key;		/* without any class prefix */
	char	*value;
};

struct props {
	struct prop	*v;
	size_t		 n, cap;
};

/* A growing text buffer; err is set once an allocation failed. */
struct text {
	char	*s;
	size_t	 len, cap;
	int	 err;
};

static char	badkey_buf[KEY_MAX];

const char *
day0_strerror(int err)
{
	switch (err) {
	case DAY0_E_NOMEM:
		return "out of memory";
	case DAY0_E_NOTENV:
		return "not an OVF environment document";
	case DAY0_E_VALUE:
		return "a property has a value that cannot be used";
	default:
		return "no error";
	}
}

static void __attribute__((format(printf, 2, 3)))
text_add(struct text *t, const char *fmt, ...)
{
	va_list	 ap;
	char	*ns;
	size_t	 ncap;
	int	 n;

	if (t->err)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		t->err = 1;
		return;
	}
	if (t->len + (size_t)n + 1 > t->cap) {
		ncap = t->cap == 0 ? 256 : t->cap;
		while (ncap < t->len + (size_t)n + 1)
			ncap *= 2;
		if ((ns = realloc(t->s, ncap)) == NULL) {
			t->err = 1;
			return;
		}
		t->s = ns;
		t->cap = ncap;
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

/* Ends the text: 0 with *out (possibly ""), or DAY0_E_NOMEM. */
static int
text_finish(struct text *t, char **out)
{
	if (!t->err && t->s == NULL)
		text_add(t, "%s", "");
	if (t->err) {
		free(t->s);
		return DAY0_E_NOMEM;
	}
	*out = t->s;
	return 0;
}

static void
props_free(struct props *p)
{
	size_t	 i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].key);
		free(p->v[i].value);
	}
	free(p->v);
}

/* The value of a property, or NULL when absent or empty. */
static const char *
prop(const struct props *p, const char *key)
{
	size_t	 i;

	for (i = p->n; i-- > 0;)
		if (strcmp(p->v[i].key, key) == 0)
			return p->v[i].value[0] != '\0' ? p->v[i].value : NULL;
	return NULL;
}

/* Decodes XML character references and the five entities in [s, s+n). */
static char *
xml_unescape(const char *s, size_t n)
{
	static const struct {
		const char	*name;
		char		 c;
	} ents[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' },
	};
	char		*out, *o;
	const char	*end = s + n;
	unsigned long	 cp;
	size_t		 i, el;
	char		*e;

	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	for (o = out; s < end;) {
		if (*s != '&') {
			*o++ = *s++;
			continue;
		}
		for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
			el = strlen(ents[i].name);
			if ((size_t)(end - s - 1) >= el &&
			    strncmp(s + 1, ents[i].name, el) == 0)
				break;
		}
		if (i < sizeof(ents) / sizeof(ents[0])) {
			*o++ = ents[i].c;
			s += 1 + strlen(ents[i].name);
			continue;
		}
		if (end - s > 3 && s[1] == '#') {
			cp = s[2] == 'x' ? strtoul(s + 3, &e, 16) :
			    strtoul(s + 2, &e, 10);
			if (e < end && *e == ';' && cp > 0 && cp < 0x80) {
				*o++ = (char)cp;
				s = e + 1;
				continue;
			}
		}
		/* A bare '&': keep it, the grammar decides. */
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Whether the element name at s (up to n bytes) is Property, any prefix. */
static int
is_property(const char *name, size_t n)
{
	const char	*colon = memchr(name, ':', n);

	if (colon != NULL) {
		n -= (size_t)(colon + 1 - name);
		name = colon + 1;
	}
	return n == 8 && strncmp(name, "Property", 8) == 0;
}

/*
 * The attribute with this local name (any prefix) inside the tag [s, e):
 * its raw value in *vs and its length in *vn.  Returns 1 if found.
 */
static int
attr(const char *s, const char *e, const char *local, const char **vs,
    size_t *vn)
{
	const char	*p = s, *ns, *ne, *colon;
	size_t		 ll = strlen(local);
	char		 q;

	while (p < e) {
		while (p < e && !isalpha((unsigned char)*p))
			p++;
		ns = p;
		while (p < e && *p != '=' && !isspace((unsigned char)*p))
			p++;
		ne = p;
		while (p < e && isspace((unsigned char)*p))
			p++;
		if (p >= e || *p != '=')
			continue;
		p++;
		while (p < e && isspace((unsigned char)*p))
			p++;
		if (p >= e || (*p != '"' && *p != '\''))
			return 0;
		q = *p++;
		*vs = p;
		while (p < e && *p != q)
			p++;
		if (p >= e)
			return 0;
		*vn = (size_t)(p - *vs);
		p++;
		colon = memchr(ns, ':', (size_t)(ne - ns));
		if (colon != NULL)
			ns = colon + 1;
		if ((size_t)(ne - ns) == ll && strncmp(ns, local, ll) == 0)
			return 1;
	}
	return 0;
}

static int
props_add(struct props *p, const char *ks, size_t kn, const char *vs,
    size_t vn)
{
	struct prop	*nv;
	const char	*dot;
	char		*key, *value;

	/* "com.lisprouter.hostname" is "hostname": keys have no dots. */
	while ((dot = memchr(ks, '.', kn)) != NULL) {
		kn -= (size_t)(dot + 1 - ks);
		ks = dot + 1;
	}
	if (p->n == NPROPS_MAX)
		return 0;
	if (p->n == p->cap) {
		if ((nv = reallocarray(p->v, p->cap ? p->cap * 2 : 16,
		    sizeof(*nv))) == NULL)
			return DAY0_E_NOMEM;
		p->v = nv;
		p->cap = p->cap ? p->cap * 2 : 16;
	}
	key = xml_unescape(ks, kn);
	value = xml_unescape(vs, vn);
	if (key == NULL || value == NULL) {
		free(key);
		free(value);
		return DAY0_E_NOMEM;
	}
	p->v[p->n].key = key;
	p->v[p->n].value = value;
	p->n++;
	return 0;
}

static int
parse_env(const char *xml, struct props *p)
{
	const char	*s = xml, *ne, *e, *ks, *vs;
	size_t		 kn, vn;
	int		 seen_env = 0, rc;

	while ((s = strchr(s, '<')) != NULL) {
		s++;
		ne = s;
		while (*ne != '\0' && !isspace((unsigned char)*ne) &&
		    *ne != '>' && *ne != '/')
			ne++;
		if ((e = strchr(ne, '>')) == NULL)
			break;
		if (ne - s >= 11 && strncmp(ne - 11, "Environment", 11) == 0)
			seen_env = 1;
		if (is_property(s, (size_t)(ne - s)) &&
		    attr(ne, e, "key", &ks, &kn) &&
		    attr(ne, e, "value", &vs, &vn) &&
		    (rc = props_add(p, ks, kn, vs, vn)) != 0)
			return rc;
		s = e + 1;
	}
	return seen_env ? 0 : DAY0_E_NOTENV;
}

/* A value with a control character would be two configuration lines. */
static const char *
check_values(const struct props *p)
{
	const unsigned char	*c;
	size_t			 i;

	for (i = 0; i < p->n; i++)
		for (c = (const unsigned char *)p->v[i].value; *c; c++)
			if (*c < 0x20 || *c == 0x7f)
				return p->v[i].key;
	return NULL;
}

/* "A.B.C.D/LEN" as "A.B.C.D M.M.M.M"; other forms unchanged. */
static int
mgmt_address(const char *v, char *buf, size_t len)
{
	const char	*slash = strchr(v, '/');
	unsigned long	 plen, mask;
	char		*end;

	if (slash == NULL) {
		snprintf(buf, len, "%s", v);
		return 0;
	}
	plen = strtoul(slash + 1, &end, 10);
	if (slash[1] == '\0' || *end != '\0' || plen > 32)
		return -1;
	mask = plen == 0 ? 0 : 0xfffffffful << (32 - plen);
	snprintf(buf, len, "%.*s %lu.%lu.%lu.%lu", (int)(slash - v), v,
	    mask >> 24 & 255, mask >> 16 & 255, mask >> 8 & 255, mask & 255);
	return 0;
}

static int
cmp_ioscfg(const void *a, const void *b)
{
	const struct prop	*x = *(const struct prop *const *)a;
	const struct prop	*y = *(const struct prop *const *)b;
	unsigned long		 nx = strtoul(x->key + 11, NULL, 10);
	unsigned long		 ny = strtoul(y->key + 11, NULL, 10);

	return (nx > ny) - (nx < ny);
}

/* The ios-config-NNNN lines in NNNN order. */
static int
add_ios_config(const struct props *p, struct text *t)
{
	const struct prop	**v;
	size_t			 i, n = 0;

	if ((v = calloc(p->n + 1, sizeof(*v))) == NULL)
		return DAY0_E_NOMEM;
	for (i = 0; i < p->n; i++)
		if (strncmp(p->v[i].key, "ios-config-", 11) == 0 &&
		    p->v[i].value[0] != '\0')
			v[n++] = &p->v[i];
	qsort(v, n, sizeof(*v), cmp_ioscfg);
	for (i = 0; i < n; i++)
		text_add(t, "%s\n", v[i]->value);
	free(v);
	return 0;
}

/* An OpenSSH key line "TYPE BASE64 [comment]" as key-string data. */
static int
add_pubkey(struct text *t, const char *user, const char *key)
{
	const char	*b64, *end;
	size_t		 n, off;

	if ((b64 = strchr(key, ' ')) == NULL)
		return -1;
	while (*b64 == ' ')
		b64++;
	end = b64;
	while (*end != '\0' && *end != ' ')
		end++;
	if (end == b64)
		return -1;
	n = (size_t)(end - b64);
	text_add(t, "ip ssh pubkey-chain\n username %s\n  key-string\n",
	    user);
	/* IOS shows key data in lines of 72; paste it the same way. */
	for (off = 0; off < n; off += 72)
		text_add(t, "%.*s\n", (int)(n - off < 72 ? n - off : 72),
		    b64 + off);
	text_add(t, "  exit\n exit\nexit\n");
	return 0;
}

static int
build_config(const struct props *p, struct text *t, const char **badkey)
{
	const char	*v, *user, *ifname, *domain;
	char		 addr[64];
	int		 ssh;

	if ((v = prop(p, "hostname")) != NULL)
		text_add(t, "hostname %s\n", v);
	domain = prop(p, "domain-name");
	user = prop(p, "login-username");
	v = prop(p, "enable-ssh-server");
	ssh = v == NULL || strcasecmp(v, "true") == 0 ||
	    strcasecmp(v, "yes") == 0 || strcmp(v, "1") == 0;
	/* SSH needs a host key, and IOS names it after the domain. */
	if (domain == NULL && user != NULL && ssh)
		domain = "localdomain";
	if (domain != NULL)
		text_add(t, "ip domain name %s\n", domain);
	if ((v = prop(p, "privilege-password")) != NULL)
		text_add(t, "enable secret %s\n", v);
	if (user != NULL) {
		if ((v = prop(p, "login-password")) != NULL)
			text_add(t, "username %s privilege 15 secret %s\n",
			    user, v);
		else
			text_add(t, "username %s privilege 15\n", user);
		if ((v = prop(p, "login-pubkey")) != NULL &&
		    add_pubkey(t, user, v) != 0) {
			*badkey = "login-pubkey";
			return DAY0_E_VALUE;
		}
	}
	if ((v = prop(p, "mgmt-ipv4-addr")) != NULL) {
		if (mgmt_address(v, addr, sizeof(addr)) != 0) {
			*badkey = "mgmt-ipv4-addr";
			return DAY0_E_VALUE;
		}
		if ((ifname = prop(p, "mgmt-interface")) == NULL)
			ifname = "GigabitEthernet1";
		text_add(t, "interface %s\n ip address %s\n no shutdown\nexit\n",
		    ifname, addr);
	}
	if ((v = prop(p, "mgmt-ipv4-gateway")) != NULL)
		text_add(t, "ip route 0.0.0.0 0.0.0.0 %s\n", v);
	if (user != NULL && ssh)
		text_add(t, "crypto key generate rsa modulus 2048\n"
		    "ip ssh version 2\n"
		    "line vty 0 4\n login local\n transport input ssh\nexit\n");
	return add_ios_config(p, t);
}

int
day0_from_ovfenv(const char *xml, char **out, const char **badkey)
{
	struct props	 p = { NULL, 0, 0 };
	struct text	 t = { NULL, 0, 0, 0 };
	const char	*bad;
	int		 rc;

	*out = NULL;
	*badkey = NULL;
	if ((rc = parse_env(xml, &p)) != 0)
		goto done;
	if ((bad = check_values(&p)) != NULL) {
		snprintf(badkey_buf, sizeof(badkey_buf), "%s", bad);
		*badkey = badkey_buf;
		rc = DAY0_E_VALUE;
		goto done;
	}
	if ((rc = build_config(&p, &t, badkey)) != 0) {
		free(t.s);
		goto done;
	}
	rc = text_finish(&t, out);
done:
	props_free(&p);
	return rc;
}

/* Whether [s, s+n) is "end" give or take blanks. */
static int
is_end(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return n == 3 && strncmp(s, "end", 3) == 0;
}

int
day0_from_iosxe(const char *text, char **out)
{
	struct text	 t = { NULL, 0, 0, 0 };
	const char	*s = text, *nl;
	size_t		 n, keep = 0;

	*out = NULL;
	while (*s != '\0') {
		nl = strpbrk(s, "\r\n");
		n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		text_add(&t, "%.*s\n", (int)n, s);
		if (!is_end(s, n) && strspn(s, " \t") < n)
			keep = t.len;
		s += n;
		if (*s == '\r')
			s++;
		if (*s == '\n')
			s++;
	}
	/* Drop a trailing "end" (and blank lines after it). */
	if (!t.err && t.s != NULL)
		t.s[t.len = keep] = '\0';
	return text_finish(&t, out);
}
