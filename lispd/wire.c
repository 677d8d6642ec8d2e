/*
 * LISP wire formats: error texts and the tagged address type.  The data
 * plane is in wire-data.c, control messages in wire-ctl.c, their
 * authentication in wire-auth.c.
 */
#include <sys/socket.h>

#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/wire.h"

const char *
lisp_wire_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case LISP_E_SHORT:
		return "truncated packet";
	case LISP_E_NOSPACE:
		return "no space in the output buffer";
	case LISP_E_TYPE:
		return "unexpected message type";
	case LISP_E_AFI:
		return "unsupported address family";
	case LISP_E_PLEN:
		return "prefix length too long for its family";
	case LISP_E_COUNT:
		return "invalid record or locator count";
	case LISP_E_LIMIT:
		return "more records or locators than supported";
	case LISP_E_TRAILING:
		return "trailing bytes after the message";
	case LISP_E_ACTION:
		return "unassigned map-reply action";
	case LISP_E_LCAF:
		return "unsupported LCAF";
	case LISP_E_ALG:
		return "unknown authentication algorithm";
	case LISP_E_AUTHLEN:
		return "authentication data length does not fit the algorithm";
	case LISP_E_AUTH:
		return "authentication failed";
	case LISP_E_CRYPTO:
		return "crypto library failure";
	case LISP_E_FLAGS:
		return "invalid LISP header flags";
	case LISP_E_IPHDR:
		return "malformed IP header";
	case LISP_E_IPCSUM:
		return "bad IP header checksum";
	case LISP_E_FRAG:
		return "IP fragment";
	case LISP_E_PROTO:
		return "not UDP";
	case LISP_E_PORT:
		return "wrong UDP port";
	case LISP_E_UDPLEN:
		return "UDP length mismatch";
	case LISP_E_INNER:
		return "malformed inner packet";
	case LISP_E_INVAL:
		return "invalid value for the wire";
	case LISP_E_ECN:
		return "congestion experienced on a not-ECT packet";
	default:
		return "unknown LISP wire error";
	}
}

size_t
lisp_afi_len(uint16_t afi)
{
	switch (afi) {
	case LISP_AFI_IPV4:
		return 4;
	case LISP_AFI_IPV6:
		return 16;
	default:
		return 0;
	}
}

/* Clears the bits past plen. */
static void
addr_mask(struct lisp_addr *a)
{
	size_t	 alen = lisp_afi_len(a->afi), i;
	unsigned bits;

	for (i = 0; i < alen; i++) {
		bits = a->plen > i * 8 ? a->plen - i * 8 : 0;
		if (bits < 8)
			a->a[i] &= (uint8_t)(0xff00 >> bits);
	}
	for (; i < sizeof(a->a); i++)
		a->a[i] = 0;
}

void
lisp_addr_v4(struct lisp_addr *a, uint32_t addr, uint8_t plen)
{
	memset(a, 0, sizeof(*a));
	a->afi = LISP_AFI_IPV4;
	a->plen = plen > 32 ? 32 : plen;
	a->a[0] = (uint8_t)(addr >> 24);
	a->a[1] = (uint8_t)(addr >> 16);
	a->a[2] = (uint8_t)(addr >> 8);
	a->a[3] = (uint8_t)addr;
	addr_mask(a);
}

int
lisp_addr_set(struct lisp_addr *a, uint16_t afi, const void *bytes,
    uint8_t plen)
{
	size_t	 alen = lisp_afi_len(afi);

	if (alen == 0)
		return LISP_E_AFI;
	if (plen > alen * 8)
		return LISP_E_PLEN;
	memset(a, 0, sizeof(*a));
	a->afi = afi;
	a->plen = plen;
	memcpy(a->a, bytes, alen);
	addr_mask(a);
	return 0;
}

int
lisp_addr_parse(struct lisp_addr *a, const char *s)
{
	char		 buf[64], *slash, *end;
	uint8_t		 bytes[16];
	unsigned long	 plen;
	uint16_t	 afi;

	if (strlen(s) >= sizeof(buf))
		return LISP_E_INVAL;
	strcpy(buf, s);
	if ((slash = strchr(buf, '/')) != NULL)
		*slash++ = '\0';
	if (inet_pton(AF_INET, buf, bytes) == 1)
		afi = LISP_AFI_IPV4;
	else if (inet_pton(AF_INET6, buf, bytes) == 1)
		afi = LISP_AFI_IPV6;
	else
		return LISP_E_INVAL;
	plen = lisp_afi_len(afi) * 8;
	if (slash != NULL) {
		if (*slash < '0' || *slash > '9')
			return LISP_E_INVAL;
		plen = strtoul(slash, &end, 10);
		if (*end != '\0' || plen > lisp_afi_len(afi) * 8)
			return LISP_E_INVAL;
	}
	return lisp_addr_set(a, afi, bytes, (uint8_t)plen) == 0 ? 0 :
	    LISP_E_INVAL;
}

char *
lisp_addr_fmt(const struct lisp_addr *a, int with_plen, char *buf,
    size_t size)
{
	char	 s[INET6_ADDRSTRLEN];
	int	 af;

	switch (a->afi) {
	case LISP_AFI_IPV4:
		af = AF_INET;
		break;
	case LISP_AFI_IPV6:
		af = AF_INET6;
		break;
	default:
		snprintf(buf, size, "(afi %u)", a->afi);
		return buf;
	}
	if (inet_ntop(af, a->a, s, sizeof(s)) == NULL)
		s[0] = '\0';
	if (with_plen)
		snprintf(buf, size, "%s/%u", s, a->plen);
	else
		snprintf(buf, size, "%s", s);
	return buf;
}

int
lisp_addr_cmp(const struct lisp_addr *x, const struct lisp_addr *y)
{
	int	 c;

	if (x->afi != y->afi)
		return x->afi < y->afi ? -1 : 1;
	if ((c = memcmp(x->a, y->a, lisp_afi_len(x->afi))) != 0)
		return c;
	if (x->plen != y->plen)
		return x->plen < y->plen ? -1 : 1;
	return 0;
}

int
lisp_addr_contains(const struct lisp_addr *pfx, const struct lisp_addr *a)
{
	unsigned	 i, full, rest;

	if (pfx->afi != a->afi || lisp_afi_len(pfx->afi) == 0 ||
	    pfx->plen > a->plen)
		return 0;
	full = pfx->plen / 8;
	rest = pfx->plen % 8;
	for (i = 0; i < full; i++)
		if (pfx->a[i] != a->a[i])
			return 0;
	if (rest != 0 &&
	    ((pfx->a[full] ^ a->a[full]) & (uint8_t)(0xff00 >> rest)) != 0)
		return 0;
	return 1;
}

int
lisp_record_covers(const struct lisp_record *r, uint32_t iid,
    const struct lisp_addr *eid)
{
	return r->iid == iid && lisp_addr_contains(&r->eid, eid);
}
