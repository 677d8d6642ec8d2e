/*
 * LISP control messages (RFC 9301) on UDP 4342: Map-Request, Map-Reply,
 * Map-Register, Map-Notify, Map-Notify-Ack and the Encapsulated Control
 * Message.  Decoders read through the cursor only and check every count
 * against the caller's room before they fill it; encoders refuse values
 * the wire cannot carry instead of truncating them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lispd/wire-auth.h"
#include "lispd/wire-cur.h"
#include "lispd/wire.h"

#define PLEN_FULL	255	/* an address, not a prefix */
#define LCAF_IID	2	/* RFC 8060 Instance-ID type */
#define LCAF_HDR_LEN	6	/* rsvd1, flags, type, IID mask-len, length */
#define IID_MAX		0xffffffu
#define IP4_HDR_LEN	20
#define IP6_HDR_LEN	40
#define UDP_HDR_LEN	8
#define IPPROTO_NUM_UDP	17
#define ECM_TTL_DEFAULT	64

#define MREQ_KNOWN	(LISP_MREQ_A | LISP_MREQ_M | LISP_MREQ_P | \
			 LISP_MREQ_S | LISP_MREQ_PITR | LISP_MREQ_SMRI | \
			 LISP_MREQ_L | LISP_MREQ_D)
#define MREP_KNOWN	(LISP_MREP_P | LISP_MREP_E | LISP_MREP_S)
#define MREG_KNOWN	(LISP_MREG_P | LISP_MREG_S | LISP_MREG_I | LISP_MREG_M)
#define MNOT_KNOWN	(LISP_MNOT_I)
#define ECM_KNOWN	(LISP_ECM_S | LISP_ECM_D | LISP_ECM_E | LISP_ECM_M)

int
lisp_ctl_type(const uint8_t *buf, size_t len)
{
	if (len < 1)
		return LISP_E_SHORT;
	switch (buf[0] >> 4) {
	case LISP_MAP_REQUEST:
	case LISP_MAP_REPLY:
	case LISP_MAP_REGISTER:
	case LISP_MAP_NOTIFY:
	case LISP_MAP_NOTIFY_ACK:
	case LISP_ECM:
		return buf[0] >> 4;
	default:
		return LISP_E_TYPE;
	}
}

/*
 * Addresses.
 */

/* The address bytes of a plain AFI; plen PLEN_FULL for an address. */
static int
get_addr(struct rcur *c, uint16_t afi, uint8_t plen, struct lisp_addr *a)
{
	const uint8_t	*b;
	size_t		 alen = lisp_afi_len(afi);
	int		 rc;

	if (alen == 0)
		return LISP_E_AFI;
	if (plen == PLEN_FULL)
		plen = (uint8_t)(alen * 8);
	else if (plen > alen * 8)
		return LISP_E_PLEN;
	if ((rc = rc_take(c, alen, &b)) != 0)
		return rc;
	return lisp_addr_set(a, afi, b, plen);
}

/* An EID after its AFI: plain, or an LCAF Instance-ID around one. */
static int
get_eid_afi(struct rcur *c, uint16_t afi, uint8_t plen, uint32_t *iid,
    struct lisp_addr *a)
{
	struct rcur	 sub;
	uint16_t	 len, inner;
	uint8_t		 rsvd, flags, type, mlen;
	int		 rc;

	*iid = 0;
	if (afi != LISP_AFI_LCAF)
		return get_addr(c, afi, plen, a);
	if ((rc = rc_u8(c, &rsvd)) != 0 ||
	    (rc = rc_u8(c, &flags)) != 0 ||
	    (rc = rc_u8(c, &type)) != 0 ||
	    (rc = rc_u8(c, &mlen)) != 0 ||
	    (rc = rc_u16(c, &len)) != 0 ||
	    (rc = rc_sub(c, len, &sub)) != 0)
		return rc;
	if (type != LCAF_IID)
		return LISP_E_LCAF;
	if ((rc = rc_u32(&sub, iid)) != 0 || (rc = rc_u16(&sub, &inner)) != 0)
		return rc == LISP_E_SHORT ? LISP_E_LCAF : rc;
	if (*iid > IID_MAX || inner == LISP_AFI_LCAF)
		return LISP_E_LCAF;
	if ((rc = get_addr(&sub, inner, plen, a)) != 0)
		return rc == LISP_E_SHORT ? LISP_E_LCAF : rc;
	return rc_end(&sub) == 0 ? 0 : LISP_E_LCAF;
}

static int
get_eid(struct rcur *c, uint8_t plen, uint32_t *iid, struct lisp_addr *a)
{
	uint16_t	 afi;
	int		 rc;

	if ((rc = rc_u16(c, &afi)) != 0)
		return rc;
	return get_eid_afi(c, afi, plen, iid, a);
}

static int
put_addr(struct wcur *w, const struct lisp_addr *a)
{
	size_t	 alen = lisp_afi_len(a->afi);
	int	 rc;

	if (alen == 0)
		return LISP_E_AFI;
	if ((rc = wc_u16(w, a->afi)) != 0)
		return rc;
	return wc_bytes(w, a->a, alen);
}

/* Host addresses (locators, ITR-RLOCs, source EIDs) carry no prefix
 * length on the wire, so one shorter than the family's cannot be sent. */
static int
host_ok(const struct lisp_addr *a)
{
	if (lisp_afi_len(a->afi) == 0)
		return LISP_E_AFI;
	return a->plen == lisp_afi_len(a->afi) * 8 ? 0 : LISP_E_INVAL;
}

static int
put_host(struct wcur *w, const struct lisp_addr *a)
{
	int	 rc;

	if ((rc = host_ok(a)) != 0)
		return rc;
	return put_addr(w, a);
}

static int
put_eid(struct wcur *w, uint32_t iid, const struct lisp_addr *a)
{
	size_t	 alen = lisp_afi_len(a->afi);
	int	 rc;

	if (alen == 0)
		return LISP_E_AFI;
	if (a->plen > alen * 8 || iid > IID_MAX)
		return LISP_E_INVAL;
	if (iid == 0)
		return put_addr(w, a);
	if ((rc = wc_u16(w, LISP_AFI_LCAF)) != 0 ||
	    (rc = wc_u8(w, 0)) != 0 ||
	    (rc = wc_u8(w, 0)) != 0 ||
	    (rc = wc_u8(w, LCAF_IID)) != 0 ||
	    (rc = wc_u8(w, 0)) != 0 ||
	    (rc = wc_u16(w, (uint16_t)(4 + 2 + alen))) != 0 ||
	    (rc = wc_u32(w, iid)) != 0)
		return rc;
	return put_addr(w, a);
}

/*
 * Records and locators.
 */

static int
get_locator(struct rcur *c, struct lisp_locator *l)
{
	uint16_t	 afi;
	int		 rc;

	if ((rc = rc_u8(c, &l->priority)) != 0 ||
	    (rc = rc_u8(c, &l->weight)) != 0 ||
	    (rc = rc_u8(c, &l->mpriority)) != 0 ||
	    (rc = rc_u8(c, &l->mweight)) != 0 ||
	    (rc = rc_u16(c, &l->flags)) != 0 ||
	    (rc = rc_u16(c, &afi)) != 0 ||
	    (rc = get_addr(c, afi, PLEN_FULL, &l->addr)) != 0)
		return rc;
	l->flags &= LISP_LOC_L | LISP_LOC_P | LISP_LOC_R;
	return 0;
}

static int
put_locator(struct wcur *w, const struct lisp_locator *l)
{
	int	 rc;

	if ((l->flags & ~(LISP_LOC_L | LISP_LOC_P | LISP_LOC_R)) != 0)
		return LISP_E_INVAL;
	if ((rc = wc_u8(w, l->priority)) != 0 ||
	    (rc = wc_u8(w, l->weight)) != 0 ||
	    (rc = wc_u8(w, l->mpriority)) != 0 ||
	    (rc = wc_u8(w, l->mweight)) != 0 ||
	    (rc = wc_u16(w, l->flags)) != 0)
		return rc;
	return put_host(w, &l->addr);
}

/* An EID-record.  ACT means something in Map-Replies only; elsewhere it
 * is zeroed as RFC 9301 asks receivers to ignore it. */
static int
get_record(struct rcur *c, int reply, struct lisp_record *r)
{
	uint16_t	 w1, w2;
	uint8_t		 i;
	int		 rc;

	if ((rc = rc_u32(c, &r->ttl)) != 0 ||
	    (rc = rc_u8(c, &r->nloc)) != 0 ||
	    (rc = rc_u8(c, &r->eid.plen)) != 0 ||
	    (rc = rc_u16(c, &w1)) != 0 ||
	    (rc = rc_u16(c, &w2)) != 0)
		return rc;
	r->action = reply ? (uint8_t)(w1 >> 13) : 0;
	r->authoritative = (w1 >> 12) & 1;
	r->map_version = w2 & 0xfff;
	if (r->action > LISP_ACT_DROP_AUTH)
		return LISP_E_ACTION;
	if ((rc = get_eid(c, r->eid.plen, &r->iid, &r->eid)) != 0)
		return rc;
	if (r->nloc > LISP_MAX_LOCATORS)
		return LISP_E_LIMIT;
	for (i = 0; i < r->nloc; i++)
		if ((rc = get_locator(c, &r->loc[i])) != 0)
			return rc;
	return 0;
}

static int
put_record(struct wcur *w, const struct lisp_record *r)
{
	uint8_t	 i;
	int	 rc;

	if (r->nloc > LISP_MAX_LOCATORS || r->action > LISP_ACT_DROP_AUTH ||
	    r->authoritative > 1 || r->map_version > 0xfff)
		return LISP_E_INVAL;
	if ((rc = wc_u32(w, r->ttl)) != 0 ||
	    (rc = wc_u8(w, r->nloc)) != 0 ||
	    (rc = wc_u8(w, r->eid.plen)) != 0 ||
	    (rc = wc_u16(w, (uint16_t)(r->action << 13 |
	    r->authoritative << 12))) != 0 ||
	    (rc = wc_u16(w, r->map_version)) != 0 ||
	    (rc = put_eid(w, r->iid, &r->eid)) != 0)
		return rc;
	for (i = 0; i < r->nloc; i++)
		if ((rc = put_locator(w, &r->loc[i])) != 0)
			return rc;
	return 0;
}

/*
 * Map-Request.
 */

int
lisp_map_request_decode(const uint8_t *buf, size_t len,
    struct lisp_map_request *q)
{
	struct rcur	 c;
	uint32_t	 w0;
	uint16_t	 afi;
	uint8_t		 i, rsvd, plen;
	int		 rc;

	rc_init(&c, buf, len);
	if ((rc = rc_u32(&c, &w0)) != 0)
		return rc;
	if (w0 >> 28 != LISP_MAP_REQUEST)
		return LISP_E_TYPE;
	q->flags = w0 & MREQ_KNOWN;
	q->nitr = (uint8_t)(((w0 >> 8) & 0x1f) + 1);
	q->neid = (uint8_t)(w0 & 0xff);
	if (q->neid == 0)
		return LISP_E_COUNT;
	if ((rc = rc_u64(&c, &q->nonce)) != 0 ||
	    (rc = rc_u16(&c, &afi)) != 0)
		return rc;
	q->src_iid = 0;
	memset(&q->src_eid, 0, sizeof(q->src_eid));
	if (afi != LISP_AFI_NONE &&
	    (rc = get_eid_afi(&c, afi, PLEN_FULL, &q->src_iid,
	    &q->src_eid)) != 0)
		return rc;
	for (i = 0; i < q->nitr; i++)
		if ((rc = rc_u16(&c, &afi)) != 0 ||
		    (rc = get_addr(&c, afi, PLEN_FULL, &q->itr[i])) != 0)
			return rc;
	for (i = 0; i < q->neid; i++)
		if ((rc = rc_u8(&c, &rsvd)) != 0 ||
		    (rc = rc_u8(&c, &plen)) != 0 ||
		    (rc = get_eid(&c, plen, &q->eid[i].iid,
		    &q->eid[i].eid)) != 0)
			return rc;
	if ((q->flags & LISP_MREQ_M) &&
	    (rc = get_record(&c, 1, &q->reply)) != 0)
		return rc;
	return rc_end(&c);
}

int
lisp_map_request_encode(uint8_t *buf, size_t cap,
    const struct lisp_map_request *q, size_t *len)
{
	struct wcur	 w;
	unsigned	 i;
	int		 rc;

	if ((q->flags & ~MREQ_KNOWN) != 0 || q->nitr == 0 ||
	    q->nitr > LISP_MAX_ITR_RLOCS || q->neid == 0)
		return LISP_E_INVAL;
	wc_init(&w, buf, cap);
	if ((rc = wc_u32(&w, (uint32_t)LISP_MAP_REQUEST << 28 | q->flags |
	    (uint32_t)(q->nitr - 1) << 8 | q->neid)) != 0 ||
	    (rc = wc_u64(&w, q->nonce)) != 0)
		return rc;
	if (q->src_eid.afi == LISP_AFI_NONE)
		rc = wc_u16(&w, LISP_AFI_NONE);
	else if ((rc = host_ok(&q->src_eid)) == 0)
		rc = put_eid(&w, q->src_iid, &q->src_eid);
	if (rc != 0)
		return rc;
	for (i = 0; i < q->nitr; i++)
		if ((rc = put_host(&w, &q->itr[i])) != 0)
			return rc;
	for (i = 0; i < q->neid; i++)
		if ((rc = wc_u8(&w, 0)) != 0 ||
		    (rc = wc_u8(&w, q->eid[i].eid.plen)) != 0 ||
		    (rc = put_eid(&w, q->eid[i].iid, &q->eid[i].eid)) != 0)
			return rc;
	if ((q->flags & LISP_MREQ_M) && (rc = put_record(&w, &q->reply)) != 0)
		return rc;
	*len = wc_mark(&w);
	return 0;
}

/*
 * Map-Reply, Map-Register, Map-Notify, Map-Notify-Ack.
 */

static uint32_t
map_known_flags(uint8_t type)
{
	switch (type) {
	case LISP_MAP_REPLY:
		return MREP_KNOWN;
	case LISP_MAP_REGISTER:
		return MREG_KNOWN;
	default:
		return MNOT_KNOWN;
	}
}

static int
has_xtr_id(uint8_t type, uint32_t flags)
{
	if (type == LISP_MAP_REGISTER)
		return (flags & LISP_MREG_I) != 0;
	if (type == LISP_MAP_NOTIFY || type == LISP_MAP_NOTIFY_ACK)
		return (flags & LISP_MNOT_I) != 0;
	return 0;
}

static int
auth_len_ok(uint8_t alg, uint16_t len)
{
	switch (alg) {
	case LISP_ALG_NONE:
		return len == 0 ? 0 : LISP_E_AUTHLEN;
	case LISP_ALG_SHA1:
		return len == LISP_SHA1_LEN || len == LISP_SHA1_96_LEN ? 0 :
		    LISP_E_AUTHLEN;
	case LISP_ALG_SHA256:
		return len == LISP_SHA256_LEN || len == LISP_SHA256_128_LEN ?
		    0 : LISP_E_AUTHLEN;
	default:
		return LISP_E_ALG;
	}
}

int
lisp_map_decode(const uint8_t *buf, size_t len, struct lisp_map *m)
{
	struct rcur	 c;
	uint32_t	 w0;
	size_t		 i, count;
	int		 rc;

	m->nrec = 0;
	rc_init(&c, buf, len);
	if ((rc = rc_u32(&c, &w0)) != 0)
		return rc;
	m->type = (uint8_t)(w0 >> 28);
	if (m->type < LISP_MAP_REPLY || m->type > LISP_MAP_NOTIFY_ACK)
		return LISP_E_TYPE;
	m->flags = w0 & map_known_flags(m->type);
	count = w0 & 0xff;
	if ((rc = rc_u64(&c, &m->nonce)) != 0)
		return rc;
	m->key_id = m->alg_id = 0;
	m->auth_len = 0;
	m->auth = NULL;
	if (m->type != LISP_MAP_REPLY &&
	    ((rc = rc_u8(&c, &m->key_id)) != 0 ||
	    (rc = rc_u8(&c, &m->alg_id)) != 0 ||
	    (rc = rc_u16(&c, &m->auth_len)) != 0 ||
	    (rc = auth_len_ok(m->alg_id, m->auth_len)) != 0 ||
	    (rc = rc_take(&c, m->auth_len, &m->auth)) != 0))
		return rc;
	if (count == 0 && m->type == LISP_MAP_REGISTER)
		return LISP_E_COUNT;
	if (count > m->rec_cap)
		return LISP_E_LIMIT;
	for (i = 0; i < count; i++) {
		if ((rc = get_record(&c, m->type == LISP_MAP_REPLY,
		    &m->rec[i])) != 0)
			return rc;
		m->nrec = i + 1;
	}
	memset(m->xtr_id, 0, sizeof(m->xtr_id));
	m->site_id = 0;
	if (has_xtr_id(m->type, m->flags) &&
	    ((rc = rc_copy(&c, m->xtr_id, sizeof(m->xtr_id))) != 0 ||
	    (rc = rc_u64(&c, &m->site_id)) != 0))
		return rc;
	return rc_end(&c);
}

int
lisp_map_encode(uint8_t *buf, size_t cap, const struct lisp_map *m,
    const void *key, size_t keylen, size_t *len)
{
	struct wcur	 w;
	uint8_t		*auth = NULL;
	size_t		 i, alen = 0;
	int		 rc;

	if (m->type < LISP_MAP_REPLY || m->type > LISP_MAP_NOTIFY_ACK ||
	    (m->flags & ~map_known_flags(m->type)) != 0 || m->nrec > 0xff ||
	    (m->nrec == 0 && m->type == LISP_MAP_REGISTER))
		return LISP_E_INVAL;
	wc_init(&w, buf, cap);
	if ((rc = wc_u32(&w, (uint32_t)m->type << 28 | m->flags |
	    (uint32_t)m->nrec)) != 0 ||
	    (rc = wc_u64(&w, m->nonce)) != 0)
		return rc;
	if (m->type != LISP_MAP_REPLY) {
		if ((alen = lisp_auth_full_len(m->alg_id)) == 0 &&
		    m->alg_id != LISP_ALG_NONE)
			return LISP_E_ALG;
		if ((rc = wc_u8(&w, m->key_id)) != 0 ||
		    (rc = wc_u8(&w, m->alg_id)) != 0 ||
		    (rc = wc_u16(&w, (uint16_t)alen)) != 0)
			return rc;
		if ((auth = wc_take(&w, alen)) == NULL)
			return LISP_E_NOSPACE;
		memset(auth, 0, alen);
	}
	for (i = 0; i < m->nrec; i++)
		if ((rc = put_record(&w, &m->rec[i])) != 0)
			return rc;
	if (has_xtr_id(m->type, m->flags) &&
	    ((rc = wc_bytes(&w, m->xtr_id, sizeof(m->xtr_id))) != 0 ||
	    (rc = wc_u64(&w, m->site_id)) != 0))
		return rc;
	if (alen > 0 && (rc = lisp_auth_compute(m->alg_id, key, keylen, buf,
	    wc_mark(&w), auth, alen, auth)) != 0)
		return rc;
	*len = wc_mark(&w);
	return 0;
}

int
lisp_map_verify(const uint8_t *buf, size_t len, const struct lisp_map *m,
    const void *key, size_t keylen)
{
	uint8_t	 mac[LISP_AUTH_MAX];
	int	 rc;

	if (m->type < LISP_MAP_REGISTER || m->type > LISP_MAP_NOTIFY_ACK)
		return LISP_E_TYPE;
	if (m->alg_id == LISP_ALG_NONE)
		return LISP_E_ALG;
	if ((rc = auth_len_ok(m->alg_id, m->auth_len)) != 0)
		return rc;
	if (m->auth == NULL || m->auth < buf ||
	    (size_t)(m->auth - buf) > len ||
	    m->auth_len > len - (size_t)(m->auth - buf))
		return LISP_E_INVAL;
	if ((rc = lisp_auth_compute(m->alg_id, key, keylen, buf, len,
	    m->auth, m->auth_len, mac)) != 0)
		return rc;
	rc = lisp_auth_equal(mac, m->auth, m->auth_len) ? 0 : LISP_E_AUTH;
	explicit_bzero(mac, sizeof(mac));
	return rc;
}

/*
 * Encapsulated Control Message.
 */

/* The UDP checksum over the pseudo-header, the UDP header and data. */
static uint16_t
udp_csum(const struct lisp_addr *src, const struct lisp_addr *dst,
    const uint8_t *udp, size_t udp_len)
{
	uint8_t		 tail[4];
	uint32_t	 sum = 0;
	size_t		 alen = lisp_afi_len(src->afi);
	uint16_t	 c;

	sum = csum_add(sum, src->a, alen);
	sum = csum_add(sum, dst->a, alen);
	be32_put(tail, (uint32_t)udp_len);
	sum = csum_add(sum, tail, sizeof(tail));
	sum += IPPROTO_NUM_UDP;
	sum = csum_add(sum, udp, udp_len);
	c = csum_fold(sum);
	return c == 0 ? 0xffff : c;
}

static int
put_ip_hdr(struct wcur *w, const struct lisp_ecm *e, size_t udp_len)
{
	uint8_t	*ip;
	uint8_t	 ttl = e->ttl != 0 ? e->ttl : ECM_TTL_DEFAULT;
	int	 rc;

	ip = w->p + wc_mark(w);
	if (e->src.afi == LISP_AFI_IPV4) {
		if (udp_len > 0xffff - IP4_HDR_LEN)
			return LISP_E_INVAL;
		if ((rc = wc_u32(w, 0x45000000u |
		    (uint32_t)(udp_len + IP4_HDR_LEN))) != 0 ||
		    (rc = wc_u32(w, 0)) != 0 ||
		    (rc = wc_u8(w, ttl)) != 0 ||
		    (rc = wc_u8(w, IPPROTO_NUM_UDP)) != 0 ||
		    (rc = wc_u16(w, 0)) != 0 ||
		    (rc = wc_bytes(w, e->src.a, 4)) != 0 ||
		    (rc = wc_bytes(w, e->dst.a, 4)) != 0)
			return rc;
		be16_put(ip + 10, csum_fold(csum_add(0, ip, IP4_HDR_LEN)));
		return 0;
	}
	if (udp_len > 0xffff)
		return LISP_E_INVAL;
	if ((rc = wc_u32(w, 0x60000000u)) != 0 ||
	    (rc = wc_u16(w, (uint16_t)udp_len)) != 0 ||
	    (rc = wc_u8(w, IPPROTO_NUM_UDP)) != 0 ||
	    (rc = wc_u8(w, ttl)) != 0 ||
	    (rc = wc_bytes(w, e->src.a, 16)) != 0 ||
	    (rc = wc_bytes(w, e->dst.a, 16)) != 0)
		return rc;
	return 0;
}

int
lisp_ecm_encode(uint8_t *buf, size_t cap, const struct lisp_ecm *e,
    size_t *len)
{
	struct wcur	 w;
	uint8_t		*udp;
	size_t		 udp_len, mark;
	int		 rc;

	if ((e->flags & ~ECM_KNOWN) != 0 || e->src.afi != e->dst.afi ||
	    lisp_afi_len(e->src.afi) == 0)
		return lisp_afi_len(e->src.afi) == 0 ? LISP_E_AFI :
		    LISP_E_INVAL;
	if (e->msg_len > 0xffff - UDP_HDR_LEN)
		return LISP_E_INVAL;
	udp_len = e->msg_len + UDP_HDR_LEN;
	wc_init(&w, buf, cap);
	if ((rc = wc_u32(&w, (uint32_t)LISP_ECM << 28 | e->flags)) != 0 ||
	    (rc = put_ip_hdr(&w, e, udp_len)) != 0)
		return rc;
	mark = wc_mark(&w);
	if ((udp = wc_take(&w, UDP_HDR_LEN)) == NULL)
		return LISP_E_NOSPACE;
	be16_put(udp, e->sport);
	be16_put(udp + 2, e->dport);
	be16_put(udp + 4, (uint16_t)udp_len);
	be16_put(udp + 6, 0);
	if ((rc = wc_bytes(&w, e->msg, e->msg_len)) != 0)
		return rc;
	be16_put(udp + 6, udp_csum(&e->src, &e->dst, udp, wc_since(&w, mark)));
	*len = wc_mark(&w);
	return 0;
}

/* The inner IPv4 header: its checksum, lengths, no fragment, UDP.  *pl
 * gets the payload, as long as the header's total length says. */
static int
get_ip4(struct rcur *c, struct lisp_ecm *e, struct rcur *pl)
{
	const uint8_t	*ip;
	size_t		 ihl, total;
	int		 rc;

	if ((rc = rc_take(c, IP4_HDR_LEN, &ip)) != 0)
		return rc;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	total = be16_get(ip + 2);
	if (ihl < IP4_HDR_LEN || total < ihl)
		return LISP_E_IPHDR;
	if ((rc = rc_skip(c, ihl - IP4_HDR_LEN)) != 0 ||
	    (rc = rc_sub(c, total - ihl, pl)) != 0)
		return rc;
	/* The options were just taken: the header is whole. */
	if (csum_fold(csum_add(0, ip, ihl)) != 0)
		return LISP_E_IPCSUM;
	if ((be16_get(ip + 6) & 0x3fff) != 0)
		return LISP_E_FRAG;
	if (ip[9] != IPPROTO_NUM_UDP)
		return LISP_E_PROTO;
	e->ttl = ip[8];
	(void)lisp_addr_set(&e->src, LISP_AFI_IPV4, ip + 12, 32);
	(void)lisp_addr_set(&e->dst, LISP_AFI_IPV4, ip + 16, 32);
	return 0;
}

/* The inner IPv6 header; extension headers are not followed. */
static int
get_ip6(struct rcur *c, struct lisp_ecm *e, struct rcur *pl)
{
	const uint8_t	*ip;
	int		 rc;

	if ((rc = rc_take(c, IP6_HDR_LEN, &ip)) != 0 ||
	    (rc = rc_sub(c, be16_get(ip + 4), pl)) != 0)
		return rc;
	if (ip[6] != IPPROTO_NUM_UDP)
		return LISP_E_PROTO;
	e->ttl = ip[7];
	(void)lisp_addr_set(&e->src, LISP_AFI_IPV6, ip + 8, 128);
	(void)lisp_addr_set(&e->dst, LISP_AFI_IPV6, ip + 24, 128);
	return 0;
}

int
lisp_ecm_decode(const uint8_t *buf, size_t len, struct lisp_ecm *e)
{
	struct rcur	 c, pl;
	const uint8_t	*udp;
	uint32_t	 w0;
	size_t		 ulen;
	int		 rc;

	memset(e, 0, sizeof(*e));
	rc_init(&c, buf, len);
	if ((rc = rc_u32(&c, &w0)) != 0)
		return rc;
	if (w0 >> 28 != LISP_ECM)
		return LISP_E_TYPE;
	e->flags = w0 & ECM_KNOWN;
	if (rc_left(&c) == 0)
		return LISP_E_SHORT;
	switch (rc_pos(&c)[0] >> 4) {
	case 4:
		rc = get_ip4(&c, e, &pl);
		break;
	case 6:
		rc = get_ip6(&c, e, &pl);
		break;
	default:
		rc = LISP_E_IPHDR;
		break;
	}
	if (rc != 0 || (rc = rc_end(&c)) != 0 ||
	    (rc = rc_take(&pl, UDP_HDR_LEN, &udp)) != 0)
		return rc;
	ulen = be16_get(udp + 4);
	if (ulen < UDP_HDR_LEN || ulen - UDP_HDR_LEN != rc_left(&pl))
		return LISP_E_UDPLEN;
	e->sport = be16_get(udp);
	e->dport = be16_get(udp + 2);
	if (e->dport != LISP_CONTROL_PORT)
		return LISP_E_PORT;
	e->msg = rc_pos(&pl);
	e->msg_len = rc_left(&pl);
	return 0;
}
