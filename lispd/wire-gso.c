/*
 * Segmentation and coalescing offloads between lispd and its TUN and UDP
 * socket (see wire-gso.h).  Every length comes from the packet and is
 * checked against what was read; nothing here allocates or copies a
 * payload.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lispd/wire-cur.h"
#include "lispd/wire-gso.h"
#include "lispd/wire.h"

#define IP4_HDR_LEN	20
#define TCP_HDR_LEN	20
#define UDP_HDR_LEN	8
#define PROTO_TCP	6
#define PROTO_UDP	17
#define IP4_FRAG_MASK	0x3fff
#define TCP_FIN		0x01
#define TCP_SYN		0x02
#define TCP_RST		0x04
#define TCP_PSH		0x08
#define TCP_ACK		0x10
#define TCP_CWR		0x80

int
lisp_vnet_decode(const uint8_t *p, size_t len, struct lisp_vnet *v)
{
	if (len < LISP_VNET_HDR_LEN)
		return LISP_E_SHORT;
	v->flags = p[0];
	v->gso_type = p[1];
	memcpy(&v->hdr_len, p + 2, 2);
	memcpy(&v->gso_size, p + 4, 2);
	memcpy(&v->csum_start, p + 6, 2);
	memcpy(&v->csum_offset, p + 8, 2);
	return 0;
}

void
lisp_vnet_encode(uint8_t out[LISP_VNET_HDR_LEN], const struct lisp_vnet *v)
{
	out[0] = v->flags;
	out[1] = v->gso_type;
	memcpy(out + 2, &v->hdr_len, 2);
	memcpy(out + 4, &v->gso_size, 2);
	memcpy(out + 6, &v->csum_start, 2);
	memcpy(out + 8, &v->csum_offset, 2);
}

static uint16_t
fold16(uint64_t s)
{
	s = (s & 0xffffffffu) + (s >> 32);
	s = (s & 0xffffffffu) + (s >> 32);
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/*
 * The ones'-complement sum is the same whatever the byte order the words
 * are added in, once swapped back (RFC 1071), so the bulk is summed as
 * native 32-bit words and swapped at the end on a little-endian machine.
 * The bulk goes 32 bytes at a time through vector lanes: each 32-bit word
 * split into its two 16-bit halves, each half-sum in a 32-bit lane (one
 * lane takes 65,536 halves before it could overflow, so the lanes are
 * folded into 64 bits at least that often).  This is the pass over every
 * byte the ITR makes for the inner checksums and the ETR to check them;
 * on x86-64 GCC also builds an AVX2 copy, chosen at load time.
 */
typedef uint32_t csum_vec __attribute__((vector_size(32)));

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
static uint64_t
csum_bulk(const uint8_t *p, size_t n)
{
	csum_vec	 lo, hi, x;
	uint64_t	 s = 0;
	size_t		 i = 0, end, k;

	while (i + sizeof(x) <= n) {
		end = n - (n - i) % sizeof(x);
		if (end - i > sizeof(x) * 65536)
			end = i + sizeof(x) * 65536;
		memset(&lo, 0, sizeof(lo));
		memset(&hi, 0, sizeof(hi));
		for (; i < end; i += sizeof(x)) {
			memcpy(&x, p + i, sizeof(x));
			lo += x & 0xffff;
			hi += x >> 16;
		}
		for (k = 0; k < sizeof(x) / sizeof(x[0]); k++)
			s += lo[k] + ((uint64_t)hi[k] << 16);
	}
	return s;
}

uint16_t
lisp_csum(uint32_t seed, const uint8_t *p, size_t n)
{
	uint64_t	 s;
	uint32_t	 w;
	uint16_t	 h, r;
	uint8_t		 t[2];
	size_t		 i = n - n % sizeof(csum_vec);

	s = csum_bulk(p, i);
	for (; i + 4 <= n; i += 4) {
		memcpy(&w, p + i, 4);
		s += w;
	}
	if (i + 2 <= n) {
		memcpy(&h, p + i, 2);
		s += h;
		i += 2;
	}
	if (i < n) {
		/* A last odd byte is the high half of a zero-padded word. */
		t[0] = p[i];
		t[1] = 0;
		memcpy(&h, t, 2);
		s += h;
	}
	r = fold16(s);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	r = (uint16_t)(r << 8 | r >> 8);
#endif
	return fold16((uint64_t)seed + r);
}

/* The pseudo-header sum of IPv4 header ip for an L4 length. */
static uint32_t
pseudo4(const uint8_t *ip, uint8_t proto, size_t l4len)
{
	return (uint32_t)be16_get(ip + 12) + be16_get(ip + 14) +
	    be16_get(ip + 16) + be16_get(ip + 18) + proto + (uint32_t)l4len;
}

static void
ip4_csum(uint8_t *ip, size_t ihl)
{
	be16_put(ip + 10, 0);
	be16_put(ip + 10, (uint16_t)~lisp_csum(0, ip, ihl));
}

int
lisp_csum_complete(uint8_t *pkt, size_t len, const struct lisp_vnet *v)
{
	size_t		 start = v->csum_start, field;
	uint16_t	 seed;

	/* An odd offset would put the field across the sum's words: no
	 * protocol has one, the kernel never asks for one. */
	field = start + v->csum_offset;
	if (start > len || field > len || len - field < 2 ||
	    (v->csum_offset & 1) != 0)
		return LISP_E_INNER;
	seed = be16_get(pkt + field);
	be16_put(pkt + field, 0);
	be16_put(pkt + field, (uint16_t)~lisp_csum(seed, pkt + start,
	    len - start));
	return 0;
}

int
lisp_gso_start(struct lisp_gso *g, const uint8_t *pkt, size_t len,
    const struct lisp_vnet *v, size_t mtu)
{
	size_t		 ihl, l4hl, payload;
	uint8_t		 proto;

	memset(g, 0, sizeof(*g));
	if (len < IP4_HDR_LEN || pkt[0] >> 4 != 4)
		return LISP_E_INNER;
	ihl = (size_t)(pkt[0] & 0x0f) * 4;
	proto = pkt[9];
	if (ihl < IP4_HDR_LEN || ihl > len || be16_get(pkt + 2) != len ||
	    (be16_get(pkt + 6) & IP4_FRAG_MASK) != 0)
		return LISP_E_INNER;
	switch (v->gso_type & (uint8_t)~LISP_VNET_GSO_ECN) {
	case LISP_VNET_GSO_TCPV4:
		if (proto != PROTO_TCP || len - ihl < TCP_HDR_LEN)
			return LISP_E_INNER;
		l4hl = (size_t)(pkt[ihl + 12] >> 4) * 4;
		if (l4hl < TCP_HDR_LEN)
			return LISP_E_INNER;
		break;
	case LISP_VNET_GSO_UDP_L4:
		if (proto != PROTO_UDP)
			return LISP_E_INNER;
		l4hl = UDP_HDR_LEN;
		break;
	default:
		return LISP_E_INNER;
	}
	if (len - ihl < l4hl || v->gso_size == 0)
		return LISP_E_INNER;
	g->pkt = pkt;
	g->len = len;
	g->l3len = ihl;
	g->hlen = ihl + l4hl;
	g->proto = proto;
	/* The MSS the kernel chose, or less when the path's MTU says so. */
	if (mtu <= g->hlen)
		return LISP_E_NOSPACE;
	g->mss = v->gso_size;
	if (g->mss > mtu - g->hlen)
		g->mss = mtu - g->hlen;
	g->off = g->hlen;
	payload = len - g->hlen;
	g->nseg = payload == 0 ? 1 : (unsigned)((payload + g->mss - 1) /
	    g->mss);
	return 0;
}

int
lisp_gso_next(struct lisp_gso *g, uint8_t *hdr, const uint8_t **pay,
    size_t *paylen)
{
	const uint8_t	*p = g->pkt;
	uint8_t		*l4;
	size_t		 n, l4len;
	uint32_t	 sum;
	uint8_t		 fl;
	int		 last;

	if (g->idx >= g->nseg)
		return 0;
	n = g->len - g->off;
	if (n > g->mss)
		n = g->mss;
	last = g->idx + 1 == g->nseg;
	memcpy(hdr, p, g->hlen);
	be16_put(hdr + 2, (uint16_t)(g->hlen + n));
	be16_put(hdr + 4, (uint16_t)(be16_get(p + 4) + g->idx));
	ip4_csum(hdr, g->l3len);
	l4 = hdr + g->l3len;
	l4len = g->hlen - g->l3len + n;
	if (g->proto == PROTO_TCP) {
		be32_put(l4 + 4, be32_get(p + g->l3len + 4) +
		    (uint32_t)(g->off - g->hlen));
		fl = p[g->l3len + 13];
		if (!last)
			fl &= (uint8_t)~(TCP_FIN | TCP_PSH);
		if (g->idx > 0)
			fl &= (uint8_t)~TCP_CWR;
		l4[13] = fl;
		be16_put(l4 + 16, 0);
	} else {
		be16_put(l4 + 4, (uint16_t)l4len);
		be16_put(l4 + 6, 0);
	}
	sum = pseudo4(hdr, g->proto, l4len);
	sum = lisp_csum(sum, l4, g->hlen - g->l3len);
	sum = (uint16_t)~lisp_csum(sum, p + g->off, n);
	if (g->proto == PROTO_UDP && sum == 0)
		sum = 0xffff;		/* 0 means "no checksum" in UDP */
	be16_put(l4 + (g->proto == PROTO_TCP ? 16 : 6), (uint16_t)sum);
	*pay = p + g->off;
	*paylen = n;
	g->off += n;
	g->idx++;
	return 1;
}

int
lisp_gro_next(const uint8_t *buf, size_t len, size_t gso, size_t *off,
    const uint8_t **p, size_t *n)
{
	size_t	 left;

	if (*off >= len)
		return 0;
	left = len - *off;
	*p = buf + *off;
	*n = gso != 0 && gso < left ? gso : left;
	*off += *n;
	return 1;
}

void
lisp_coal_reset(struct lisp_coal *c)
{
	c->hlen = 0;
	c->n = 0;
	c->total = 0;
	c->closed = 0;
}

/* Whether pkt is an IPv4 TCP segment with data that could ever be merged:
 * sets *hlen (IP + TCP headers). */
static int
mergeable(const uint8_t *pkt, size_t len, size_t *hlen)
{
	size_t		 thl;
	uint16_t	 want;
	uint8_t		 fl;

	if (len < IP4_HDR_LEN + TCP_HDR_LEN || pkt[0] != 0x45 ||
	    pkt[9] != PROTO_TCP || be16_get(pkt + 2) != len ||
	    (be16_get(pkt + 6) & IP4_FRAG_MASK) != 0)
		return 0;
	thl = (size_t)(pkt[IP4_HDR_LEN + 12] >> 4) * 4;
	if (thl < TCP_HDR_LEN || IP4_HDR_LEN + thl >= len ||
	    IP4_HDR_LEN + thl > LISP_GSO_HDR_MAX)
		return 0;
	fl = pkt[IP4_HDR_LEN + 13];
	if ((fl & (uint8_t)~TCP_PSH) != TCP_ACK)
		return 0;
	/* Both checksums exactly as computed (not merely verifying), so
	 * that cutting the merged packet again gives the same bytes. */
	want = (uint16_t)~lisp_csum(lisp_csum(pseudo4(pkt, PROTO_TCP,
	    len - IP4_HDR_LEN), pkt + IP4_HDR_LEN, 16),
	    pkt + IP4_HDR_LEN + 18, len - IP4_HDR_LEN - 18);
	if (be16_get(pkt + IP4_HDR_LEN + 16) != want)
		return 0;
	want = (uint16_t)~lisp_csum(lisp_csum(0, pkt, 10), pkt + 12, 8);
	if (be16_get(pkt + 10) != want)
		return 0;
	*hlen = IP4_HDR_LEN + thl;
	return 1;
}

int
lisp_coal_add(struct lisp_coal *c, const uint8_t *pkt, size_t len)
{
	const uint8_t	*h = c->hdr + LISP_VNET_HDR_LEN;
	size_t		 hlen, plen;

	if (!mergeable(pkt, len, &hlen))
		return -1;
	plen = len - hlen;
	if (c->n == 0) {
		memcpy(c->hdr + LISP_VNET_HDR_LEN, pkt, hlen);
		c->hlen = hlen;
	} else {
		if (c->closed || c->n >= LISP_COAL_MAX || hlen != c->hlen ||
		    plen > c->plen[0] ||
		    c->hlen + c->total + plen > 0xffff ||
		    memcmp(pkt, h, 2) != 0 ||		/* version, TOS */
		    memcmp(pkt + 6, h + 6, 4) != 0 ||	/* DF, TTL, proto */
		    memcmp(pkt + 12, h + 12, 8) != 0 ||	/* addresses */
		    be16_get(pkt + 4) != c->next_id ||
		    memcmp(pkt + 20, h + 20, 4) != 0 ||	/* ports */
		    be32_get(pkt + 24) != c->next_seq ||
		    memcmp(pkt + 28, h + 28, 5) != 0 ||	/* ack, offset */
		    (pkt[33] & (uint8_t)~TCP_PSH) != (h[33] &
		    (uint8_t)~TCP_PSH) ||
		    memcmp(pkt + 34, h + 34, 2) != 0 ||	/* window */
		    memcmp(pkt + 38, h + 38, hlen - 38) != 0) /* urg, options */
			return 0;
	}
	c->pay[c->n] = pkt + hlen;
	c->plen[c->n] = plen;
	c->n++;
	c->total += plen;
	c->next_seq = be32_get(pkt + 24) + (uint32_t)plen;
	c->next_id = (uint16_t)(be16_get(pkt + 4) + 1);
	if ((pkt[33] & TCP_PSH) || plen < c->plen[0])
		c->closed = 1;
	/* The merged header carries the last segment's PSH. */
	c->hdr[LISP_VNET_HDR_LEN + 33] = pkt[33];
	return 1;
}

size_t
lisp_coal_finish(struct lisp_coal *c)
{
	uint8_t		*h = c->hdr + LISP_VNET_HDR_LEN;
	struct lisp_vnet v;
	size_t		 tot;

	if (c->n == 0)
		return 0;
	memset(&v, 0, sizeof(v));
	if (c->n > 1) {
		tot = c->hlen + c->total;
		be16_put(h + 2, (uint16_t)tot);
		ip4_csum(h, IP4_HDR_LEN);
		/* With NEEDS_CSUM the kernel completes the checksum from
		 * csum_start on, starting from the pseudo-header sum in
		 * the field (as a TSO packet it sends has it). */
		be16_put(h + IP4_HDR_LEN + 16, fold16(pseudo4(h, PROTO_TCP,
		    tot - IP4_HDR_LEN)));
		v.flags = LISP_VNET_F_NEEDS_CSUM;
		v.gso_type = LISP_VNET_GSO_TCPV4;
		v.hdr_len = (uint16_t)c->hlen;
		v.gso_size = (uint16_t)c->plen[0];
		v.csum_start = IP4_HDR_LEN;
		v.csum_offset = 16;
	}
	lisp_vnet_encode(c->hdr, &v);
	return LISP_VNET_HDR_LEN + c->hlen;
}
