/*
 * IOS interface names <-> Linux devices: the rules in ifmap.h.
 */
#include <linux/if_arp.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform/ifmap.h"

struct gig {
	unsigned	 num;
	char		 dev[16];
	int		 ifindex;	/* 0: listed but absent */
};

struct ifmap_tab {
	struct ifmap_dev	*devs;
	size_t			 ndevs;
	struct gig		 gig[IFMAP_MAX_GIG];
	size_t			 ngig;
	int			 overridden;
};

/*
 * Interface types: the IOS name, its short form, and the Linux device
 * name pattern ("" when the type has no device of its own).  The prefix
 * must be followed by the number in decimal.
 */
static const struct iftype {
	const char	*ios;
	const char	*abbr;
	const char	*devprefix;
	const char	*devkind;	/* what the device must be: kinds
					   separated by '|' */
} iftypes[] = {
	{ "GigabitEthernet", "Gi", "", "" },
	{ "Loopback", "Lo", "lo", "dummy|ifb" },
	{ "LISP", "LI", "lisp", "tun" },
	{ "Port-channel", "Po", "", "" },
	{ "Tunnel", "Tu", "", "" },
	{ "Vlan", "Vl", "", "" },
};
#define NIFTYPES	(sizeof(iftypes) / sizeof(iftypes[0]))

const char *
ifmap_strerror(int err)
{
	switch (err) {
	case IFMAP_E_NOMEM:
		return "out of memory";
	case IFMAP_E_SYNTAX:
		return "expected \"GigabitEthernetN DEVICE\"";
	case IFMAP_E_DUP:
		return "interface or device listed twice";
	case IFMAP_E_NONAME:
		return "no such interface";
	default:
		return "no error";
	}
}

/* A decimal number without leading zeros filling [s, s+n). */
static int
parse_num(const char *s, size_t n, unsigned long *out)
{
	unsigned long	 v = 0;
	size_t		 i;

	if (n == 0 || n > 10 || (n > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > 2147483647ul)
		return -1;
	*out = v;
	return 0;
}

/* Whether kind is one of the '|'-separated kinds. */
static int
kind_in(const char *kind, const char *kinds)
{
	size_t	 n = strlen(kind), k;

	while (*kinds != '\0') {
		k = strcspn(kinds, "|");
		if (k == n && strncmp(kind, kinds, n) == 0)
			return 1;
		kinds += k + (kinds[k] == '|');
	}
	return 0;
}

static const struct iftype *
split(const char *ios, unsigned long *num)
{
	size_t	 i, tl;

	for (i = 0; i < NIFTYPES; i++) {
		tl = strlen(iftypes[i].ios);
		if (strncasecmp(ios, iftypes[i].ios, tl) == 0 &&
		    parse_num(ios + tl, strlen(ios + tl), num) == 0)
			return &iftypes[i];
	}
	return NULL;
}

int
ifmap_split(const char *ios, const char **type, unsigned long *num)
{
	const struct iftype	*t = split(ios, num);

	if (t == NULL)
		return IFMAP_E_NONAME;
	*type = t->ios;
	return 0;
}

int
ifmap_ethernet_like(const struct ifmap_dev *d)
{
	if (d->type != ARPHRD_ETHER)
		return 0;
	return d->kind[0] == '\0' || strcmp(d->kind, "veth") == 0;
}

static int
cmp_ifindex(const void *a, const void *b)
{
	const struct ifmap_dev	*x = a, *y = b;

	return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

static int
cmp_gig(const void *a, const void *b)
{
	const struct gig	*x = a, *y = b;

	return (x->num > y->num) - (x->num < y->num);
}

static const struct ifmap_dev *
find_dev(const struct ifmap_tab *m, const char *name)
{
	size_t	 i;

	for (i = 0; i < m->ndevs; i++)
		if (strcmp(m->devs[i].name, name) == 0)
			return &m->devs[i];
	return NULL;
}

static const struct ifmap_dev *
find_index(const struct ifmap_tab *m, int ifindex)
{
	size_t	 i;

	for (i = 0; i < m->ndevs; i++)
		if (m->devs[i].ifindex == ifindex)
			return &m->devs[i];
	return NULL;
}

/* One override line: 0 (mapped or blank), or IFMAP_E_*. */
static int
override_line(struct ifmap_tab *m, char *line)
{
	const struct ifmap_dev	*d;
	unsigned long		 num;
	char			*ios, *dev, *extra, *save;
	size_t			 i;

	if ((extra = strchr(line, '#')) != NULL)
		*extra = '\0';
	if ((ios = strtok_r(line, " \t\r", &save)) == NULL)
		return 0;
	dev = strtok_r(NULL, " \t\r", &save);
	extra = strtok_r(NULL, " \t\r", &save);
	if (dev == NULL || extra != NULL || strlen(dev) >= sizeof(m->gig[0].dev))
		return IFMAP_E_SYNTAX;
	if (strncasecmp(ios, "GigabitEthernet", 15) != 0 ||
	    parse_num(ios + 15, strlen(ios + 15), &num) != 0 || num < 1 ||
	    num > IFMAP_MAX_GIG)
		return IFMAP_E_SYNTAX;
	for (i = 0; i < m->ngig; i++)
		if (m->gig[i].num == num || strcmp(m->gig[i].dev, dev) == 0)
			return IFMAP_E_DUP;
	m->gig[m->ngig].num = (unsigned)num;
	snprintf(m->gig[m->ngig].dev, sizeof(m->gig[0].dev), "%s", dev);
	d = find_dev(m, dev);
	m->gig[m->ngig].ifindex = d != NULL ? d->ifindex : 0;
	m->ngig++;
	return 0;
}

static int
apply_override(struct ifmap_tab *m, const char *text, size_t *errline)
{
	char	*copy, *line, *next;
	size_t	 lineno = 0;
	int	 rc = 0;

	if ((copy = strdup(text)) == NULL)
		return IFMAP_E_NOMEM;
	for (line = copy; line != NULL && rc == 0; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		lineno++;
		rc = override_line(m, line);
	}
	free(copy);
	if (rc != 0 && errline != NULL)
		*errline = lineno;
	qsort(m->gig, m->ngig, sizeof(m->gig[0]), cmp_gig);
	m->overridden = m->ngig > 0;
	return rc;
}

static void
default_rule(struct ifmap_tab *m)
{
	size_t	 i;

	for (i = 0; i < m->ndevs && m->ngig < IFMAP_MAX_GIG; i++) {
		if (!ifmap_ethernet_like(&m->devs[i]))
			continue;
		m->gig[m->ngig].num = (unsigned)m->ngig + 1;
		snprintf(m->gig[m->ngig].dev, sizeof(m->gig[0].dev), "%s",
		    m->devs[i].name);
		m->gig[m->ngig].ifindex = m->devs[i].ifindex;
		m->ngig++;
	}
}

int
ifmap_new(const struct ifmap_dev *devs, size_t n, const char *override,
    struct ifmap_tab **out, size_t *errline)
{
	struct ifmap_tab	*m;
	int		 rc = 0;

	*out = NULL;
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return IFMAP_E_NOMEM;
	if (n > 0) {
		if ((m->devs = calloc(n, sizeof(*devs))) == NULL) {
			free(m);
			return IFMAP_E_NOMEM;
		}
		memcpy(m->devs, devs, n * sizeof(*devs));
		m->ndevs = n;
		qsort(m->devs, n, sizeof(*devs), cmp_ifindex);
	}
	if (override != NULL)
		rc = apply_override(m, override, errline);
	if (rc != 0) {
		ifmap_free(m);
		return rc;
	}
	if (!m->overridden)
		default_rule(m);
	*out = m;
	return 0;
}

void
ifmap_free(struct ifmap_tab *m)
{
	if (m == NULL)
		return;
	free(m->devs);
	free(m);
}

static const struct gig *
find_gig(const struct ifmap_tab *m, unsigned long num)
{
	size_t	 i;

	for (i = 0; i < m->ngig; i++)
		if (m->gig[i].num == num)
			return &m->gig[i];
	return NULL;
}

int
ifmap_dev(const struct ifmap_tab *m, const char *ios, char *buf, size_t len)
{
	const struct iftype	*t;
	const struct gig	*g;
	unsigned long		 num;
	int			 n;

	if ((t = split(ios, &num)) == NULL)
		return IFMAP_E_NONAME;
	if (t == &iftypes[0]) {
		if ((g = find_gig(m, num)) == NULL)
			return IFMAP_E_NONAME;
		n = snprintf(buf, len, "%s", g->dev);
	} else if (t->devprefix[0] != '\0')
		n = snprintf(buf, len, "%s%lu", t->devprefix, num);
	else
		return IFMAP_E_NONAME;
	return n < 0 || (size_t)n >= len ? IFMAP_E_NONAME : 0;
}

int
ifmap_ios(const struct ifmap_tab *m, const char *dev, char *buf, size_t len)
{
	const struct ifmap_dev	*d = find_dev(m, dev);
	unsigned long		 num;
	size_t			 i, pl;
	int			 n;

	for (i = 0; i < m->ngig; i++)
		if (strcmp(m->gig[i].dev, dev) == 0 && m->gig[i].ifindex != 0) {
			n = snprintf(buf, len, "GigabitEthernet%u",
			    m->gig[i].num);
			return n < 0 || (size_t)n >= len ? IFMAP_E_NONAME : 0;
		}
	for (i = 1; i < NIFTYPES; i++) {
		pl = strlen(iftypes[i].devprefix);
		if (pl == 0 || strncmp(dev, iftypes[i].devprefix, pl) != 0 ||
		    parse_num(dev + pl, strlen(dev + pl), &num) != 0)
			continue;
		if (d != NULL && !kind_in(d->kind, iftypes[i].devkind))
			return IFMAP_E_NONAME;
		n = snprintf(buf, len, "%s%lu", iftypes[i].ios, num);
		return n < 0 || (size_t)n >= len ? IFMAP_E_NONAME : 0;
	}
	return IFMAP_E_NONAME;
}

int
ifmap_ios_index(const struct ifmap_tab *m, int ifindex, char *buf, size_t len)
{
	const struct ifmap_dev	*d = find_index(m, ifindex);

	if (d == NULL)
		return IFMAP_E_NONAME;
	return ifmap_ios(m, d->name, buf, len);
}

int
ifmap_ifindex(const struct ifmap_tab *m, const char *ios)
{
	const struct ifmap_dev	*d;
	char			 dev[32], back[64];

	if (ifmap_dev(m, ios, dev, sizeof(dev)) != 0 ||
	    (d = find_dev(m, dev)) == NULL)
		return 0;
	/* A lo<N> that is not our dummy does not carry LoopbackN. */
	if (ifmap_ios(m, dev, back, sizeof(back)) != 0 ||
	    strcasecmp(back, ios) != 0)
		return 0;
	return d->ifindex;
}

size_t
ifmap_ngig(const struct ifmap_tab *m)
{
	return m->ngig;
}

void
ifmap_gig(const struct ifmap_tab *m, size_t i, unsigned *num, const char **dev,
    int *ifindex)
{
	*num = m->gig[i].num;
	*dev = m->gig[i].dev;
	*ifindex = m->gig[i].ifindex;
}

int
ifmap_overridden(const struct ifmap_tab *m)
{
	return m->overridden;
}

int
ifmap_short(const char *ios, char *buf, size_t len)
{
	const struct iftype	*t;
	unsigned long		 num;

	if ((t = split(ios, &num)) == NULL) {
		snprintf(buf, len, "%s", ios);
		return IFMAP_E_NONAME;
	}
	snprintf(buf, len, "%s%lu", t->abbr, num);
	return 0;
}
