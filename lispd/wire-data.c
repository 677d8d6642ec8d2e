/*
 * The LISP data plane on the wire (RFC 9300): the 8-byte header, the flow
 * hash, encapsulation into the headroom in front of an inner packet and
 * decapsulation in place.  This is the per-packet path: no allocation, no
 * copies of the payload, every read through the cursor.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lispd/wire-cur.h"
#include "lispd/wire.h"

#define IPPROTO_NUM_TCP		6
#define IPPROTO_NUM_UDP		17
#define IPPROTO_NUM_SCTP	132
#define IP4_HDR_LEN		20
#define IP6_HDR_LEN		40
#define UDP_HDR_LEN		8
#define IP4_DF			0x4000
#define IP4_FRAG_MASK		0x3fff	/* MF and the offset */
#define ECN_MASK		0x03
#define ECN_CE			0x03

int
lisp_data_hdr_encode(uint8_t out[LISP_DATA_HDR_LEN],
    const struct lisp_data_hdr *h)
{
	uint32_t	 w0, w1;

	if ((h->flags & ~(LISP_DH_N | LISP_DH_L | LISP_DH_E | LISP_DH_V |
	    LISP_DH_I)) != 0 ||
	    ((h->flags & LISP_DH_N) && (h->flags & LISP_DH_V)) ||
	    ((h->flags & LISP_DH_E) && !(h->flags & LISP_DH_N)))
		return LISP_E_INVAL;
	w0 = (uint32_t)h->flags << 24;
	if (h->flags & LISP_DH_N) {
		if (h->nonce > 0xffffff)
			return LISP_E_INVAL;
		w0 |= h->nonce;
	} else if (h->flags & LISP_DH_V) {
		if (h->src_version > 0xfff || h->dst_version > 0xfff)
			return LISP_E_INVAL;
		w0 |= (uint32_t)h->src_version << 12 | h->dst_version;
	}
	w1 = 0;
	if (h->flags & LISP_DH_I) {
		if (h->iid > 0xffffff)
			return LISP_E_INVAL;
		w1 = h->iid << 8;
		if (h->flags & LISP_DH_L) {
			if (h->lsb > 0xff)
				return LISP_E_INVAL;
			w1 |= h->lsb;
		}
	} else if (h->flags & LISP_DH_L)
		w1 = h->lsb;
	be32_put(out, w0);
	be32_put(out + 4, w1);
	return 0;
}

static int
hdr_get(struct rcur *c, struct lisp_data_hdr *h)
{
	uint32_t	 w0, w1;
	uint8_t		 f;
	int		 rc;

	if ((rc = rc_u32(c, &w0)) != 0 || (rc = rc_u32(c, &w1)) != 0)
		return rc;
	f = (uint8_t)(w0 >> 24);
	if ((f & LISP_DH_KK) != 0 ||
	    ((f & LISP_DH_N) && (f & LISP_DH_V)))
		return LISP_E_FLAGS;
	memset(h, 0, sizeof(*h));
	/* E means nothing without a nonce; the R bit is ignored. */
	if (!(f & LISP_DH_N))
		f &= (uint8_t)~LISP_DH_E;
	h->flags = f & (LISP_DH_N | LISP_DH_L | LISP_DH_E | LISP_DH_V |
	    LISP_DH_I);
	if (f & LISP_DH_N)
		h->nonce = w0 & 0xffffff;
	else if (f & LISP_DH_V) {
		h->src_version = (uint16_t)((w0 >> 12) & 0xfff);
		h->dst_version = (uint16_t)(w0 & 0xfff);
	}
	if (f & LISP_DH_I) {
		h->iid = w1 >> 8;
		if (f & LISP_DH_L)
			h->lsb = w1 & 0xff;
	} else if (f & LISP_DH_L)
		h->lsb = w1;
	return 0;
}

int
lisp_data_hdr_decode(const uint8_t *p, size_t len, struct lisp_data_hdr *h)
{
	struct rcur	 c;

	rc_init(&c, p, len);
	return hdr_get(&c, h);
}

static inline uint32_t
rotl32(uint32_t x, unsigned r)
{
	return x << r | x >> (32 - r);
}

/* One round of MurmurHash3's 32-bit body. */
static inline uint32_t
hash_word(uint32_t h, uint32_t k)
{
	k *= 0xcc9e2d51;
	k = rotl32(k, 15);
	k *= 0x1b873593;
	h ^= k;
	h = rotl32(h, 13);
	return h * 5 + 0xe6546b64;
}

static inline uint32_t
hash_final(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6b;
	h ^= h >> 13;
	h *= 0xc2b2ae35;
	h ^= h >> 16;
	return h;
}

static uint32_t
hash_bytes(uint32_t h, const uint8_t *p, size_t n)
{
	size_t	 i;

	for (i = 0; i + 4 <= n; i += 4)
		h = hash_word(h, be32_get(p + i));
	for (; i < n; i++)
		h = hash_word(h, p[i]);
	return h;
}

static int
has_ports(uint8_t proto)
{
	return proto == IPPROTO_NUM_TCP || proto == IPPROTO_NUM_UDP ||
	    proto == IPPROTO_NUM_SCTP;
}

uint32_t
lisp_flow_hash(const uint8_t *p, size_t len)
{
	struct rcur	 c;
	const uint8_t	*h, *ports;
	uint32_t	 acc = 0x4c495350;	/* "LISP" */
	size_t		 ihl;

	rc_init(&c, p, len);
	if (len >= IP4_HDR_LEN && p[0] >> 4 == 4) {
		(void)rc_take(&c, IP4_HDR_LEN, &h);
		acc = hash_bytes(acc, h + 12, 8);
		acc = hash_word(acc, h[9]);
		ihl = (size_t)(h[0] & 0x0f) * 4;
		if (has_ports(h[9]) &&
		    (be16_get(h + 6) & IP4_FRAG_MASK) == 0 &&
		    ihl >= IP4_HDR_LEN && rc_skip(&c, ihl - IP4_HDR_LEN) == 0 &&
		    rc_take(&c, 4, &ports) == 0)
			acc = hash_word(acc, be32_get(ports));
	} else if (len >= IP6_HDR_LEN && p[0] >> 4 == 6) {
		(void)rc_take(&c, IP6_HDR_LEN, &h);
		acc = hash_bytes(acc, h + 8, 32);
		acc = hash_word(acc, (uint32_t)h[6] << 20 |
		    (be32_get(h) & 0xfffff));
		if (has_ports(h[6]) && rc_take(&c, 4, &ports) == 0)
			acc = hash_word(acc, be32_get(ports));
	} else
		acc = hash_bytes(acc, p, len < IP6_HDR_LEN ? len : IP6_HDR_LEN);
	return hash_final(acc);
}

uint16_t
lisp_flow_sport(uint32_t hash)
{
	/* The dynamic range, from the hash's high bits (the low bits also
	 * pick among equal-priority RLOCs in the map-cache). */
	return (uint16_t)(0xc000 | (hash >> 18));
}

/* TTL, TOS and DF of an inner IPv4 or IPv6 header. */
static int
inner_params(const uint8_t *p, size_t len, uint8_t *ttl, uint8_t *tos,
    int *df)
{
	if (len >= IP4_HDR_LEN && p[0] >> 4 == 4) {
		*ttl = p[8];
		*tos = p[1];
		*df = (be16_get(p + 6) & IP4_DF) != 0;
		return 0;
	}
	if (len >= IP6_HDR_LEN && p[0] >> 4 == 6) {
		*ttl = p[7];
		*tos = (uint8_t)(be16_get(p) >> 4);
		*df = 1;	/* IPv6 is never fragmented on the path */
		return 0;
	}
	return LISP_E_INNER;
}

int
lisp_encap4(uint8_t *inner, size_t inner_len, size_t headroom,
    const struct lisp_encap *e, uint8_t **pkt, size_t *pkt_len)
{
	struct wcur	 w;
	uint8_t		*ip, *lh, ttl, tos;
	int		 df, rc;

	if ((rc = inner_params(inner, inner_len, &ttl, &tos, &df)) != 0)
		return rc;
	if (e->src.afi != LISP_AFI_IPV4 || e->dst.afi != LISP_AFI_IPV4)
		return LISP_E_AFI;
	if (headroom < LISP_ENCAP4_LEN ||
	    inner_len > 0xffff - LISP_ENCAP4_LEN)
		return LISP_E_NOSPACE;
	wc_init(&w, inner - LISP_ENCAP4_LEN, LISP_ENCAP4_LEN);
	ip = w.p;
	if ((rc = wc_u8(&w, 0x45)) != 0 ||
	    (rc = wc_u8(&w, tos)) != 0 ||
	    (rc = wc_u16(&w, (uint16_t)(inner_len + LISP_ENCAP4_LEN))) != 0 ||
	    (rc = wc_u16(&w, e->ip_id)) != 0 ||
	    (rc = wc_u16(&w, df ? IP4_DF : 0)) != 0 ||
	    (rc = wc_u8(&w, ttl)) != 0 ||
	    (rc = wc_u8(&w, IPPROTO_NUM_UDP)) != 0 ||
	    (rc = wc_u16(&w, 0)) != 0 ||
	    (rc = wc_bytes(&w, e->src.a, 4)) != 0 ||
	    (rc = wc_bytes(&w, e->dst.a, 4)) != 0 ||
	    (rc = wc_u16(&w, lisp_flow_sport(e->hash))) != 0 ||
	    (rc = wc_u16(&w, LISP_DATA_PORT)) != 0 ||
	    (rc = wc_u16(&w, (uint16_t)(inner_len + UDP_HDR_LEN +
	    LISP_DATA_HDR_LEN))) != 0 ||
	    (rc = wc_u16(&w, 0)) != 0)
		return rc;
	if ((lh = wc_take(&w, LISP_DATA_HDR_LEN)) == NULL)
		return LISP_E_NOSPACE;
	if ((rc = lisp_data_hdr_encode(lh, &e->hdr)) != 0)
		return rc;
	be16_put(ip + 10, csum_fold(csum_add(0, ip, IP4_HDR_LEN)));
	*pkt = ip;
	*pkt_len = inner_len + LISP_ENCAP4_LEN;
	return 0;
}

/* The LISP header and the inner packet that fill the cursor. */
static int
decap_payload(struct rcur *c, struct lisp_decap *d)
{
	const uint8_t	*p;
	size_t		 ilen, hl;
	int		 rc;

	if ((rc = hdr_get(c, &d->hdr)) != 0)
		return rc;
	p = rc_pos(c);
	if (rc_left(c) >= IP4_HDR_LEN && p[0] >> 4 == 4) {
		hl = (size_t)(p[0] & 0x0f) * 4;
		ilen = be16_get(p + 2);
		d->inner_afi = LISP_AFI_IPV4;
		if (hl < IP4_HDR_LEN || ilen < hl)
			return LISP_E_INNER;
	} else if (rc_left(c) >= IP6_HDR_LEN && p[0] >> 4 == 6) {
		ilen = (size_t)be16_get(p + 4) + IP6_HDR_LEN;
		d->inner_afi = LISP_AFI_IPV6;
	} else
		return LISP_E_INNER;
	/* Padding after the inner packet is dropped, never passed on. */
	if (rc_take(c, ilen, &p) != 0)
		return LISP_E_INNER;
	d->inner = (uint8_t *)(uintptr_t)p;
	d->inner_len = ilen;
	return 0;
}

int
lisp_decap_udp(uint8_t *payload, size_t len, struct lisp_decap *d)
{
	struct rcur	 c;

	memset(d, 0, sizeof(*d));
	rc_init(&c, payload, len);
	return decap_payload(&c, d);
}

int
lisp_decap4(uint8_t *pkt, size_t len, struct lisp_decap *d)
{
	struct rcur	 c;
	const uint8_t	*ip, *udp;
	size_t		 ihl, total, ulen;
	int		 rc;

	memset(d, 0, sizeof(*d));
	rc_init(&c, pkt, len);
	if ((rc = rc_take(&c, IP4_HDR_LEN, &ip)) != 0)
		return rc;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	total = be16_get(ip + 2);
	if (ip[0] >> 4 != 4 || ihl < IP4_HDR_LEN || total < ihl)
		return LISP_E_IPHDR;
	if ((rc = rc_limit(&c, total - IP4_HDR_LEN)) != 0 ||
	    (rc = rc_skip(&c, ihl - IP4_HDR_LEN)) != 0)
		return rc;
	if ((be16_get(ip + 6) & IP4_FRAG_MASK) != 0)
		return LISP_E_FRAG;
	if (ip[9] != IPPROTO_NUM_UDP)
		return LISP_E_PROTO;
	if ((rc = rc_take(&c, UDP_HDR_LEN, &udp)) != 0)
		return rc;
	if (be16_get(udp + 2) != LISP_DATA_PORT)
		return LISP_E_PORT;
	ulen = be16_get(udp + 4);
	if (ulen < UDP_HDR_LEN || ulen - UDP_HDR_LEN != rc_left(&c))
		return LISP_E_UDPLEN;
	(void)lisp_addr_set(&d->src, LISP_AFI_IPV4, ip + 12, 32);
	(void)lisp_addr_set(&d->dst, LISP_AFI_IPV4, ip + 16, 32);
	d->sport = be16_get(udp);
	d->ttl = ip[8];
	d->tos = ip[1];
	return decap_payload(&c, d);
}

/* RFC 1624: HC' = ~(~HC + ~m + m') for a 16-bit word changing m -> m'. */
static void
csum_replace16(uint8_t *field, uint16_t old, uint16_t new)
{
	uint32_t	 sum;

	sum = (uint16_t)~be16_get(field);
	sum += (uint16_t)~old;
	sum += new;
	be16_put(field, csum_fold(sum));
}

int
lisp_decap_fixup(const struct lisp_decap *d)
{
	uint8_t		*p = d->inner;
	uint16_t	 old;
	uint8_t		 ecn;

	if (d->inner_afi == LISP_AFI_IPV4 && d->inner_len >= IP4_HDR_LEN) {
		ecn = p[1] & ECN_MASK;
		if ((d->tos & ECN_MASK) == ECN_CE && ecn == 0)
			return LISP_E_ECN;
		if ((d->tos & ECN_MASK) == ECN_CE && ecn != ECN_CE) {
			old = be16_get(p);
			p[1] |= ECN_CE;
			csum_replace16(p + 10, old, be16_get(p));
		}
		if (d->ttl < p[8]) {
			old = be16_get(p + 8);
			p[8] = d->ttl;
			csum_replace16(p + 10, old, be16_get(p + 8));
		}
	} else if (d->inner_afi == LISP_AFI_IPV6 &&
	    d->inner_len >= IP6_HDR_LEN) {
		ecn = (p[1] >> 4) & ECN_MASK;
		if ((d->tos & ECN_MASK) == ECN_CE && ecn == 0)
			return LISP_E_ECN;
		if ((d->tos & ECN_MASK) == ECN_CE)
			p[1] |= ECN_CE << 4;
		if (d->ttl < p[7])
			p[7] = d->ttl;
	}
	return 0;
}
