/*
 * LISP wire formats: pure encode and decode over byte buffers, no I/O.
 *
 * Data plane (RFC 9300): the 8-byte LISP header, encapsulation of an inner
 * packet behind outer IPv4 + UDP (port 4341) written into the headroom in
 * front of it, and decapsulation that validates every layer and hands back
 * the inner packet in place.  Control plane (RFC 9301, UDP 4342):
 * Map-Request, Map-Reply, Map-Register, Map-Notify, Map-Notify-Ack and the
 * Encapsulated Control Message, with HMAC-SHA-1-96 and HMAC-SHA-256-128
 * authentication (OpenSSL libcrypto).
 *
 * Decoders check every length and count before they use it and return a
 * negative LISP_E_* code, one per failure class, so that a daemon can
 * count drops by reason (index a counter array by -err, up to
 * LISP_E_NCODES).  Decoded views that point into the input say so; nothing
 * here allocates except the HMAC functions inside libcrypto.
 *
 * Addresses are tagged (struct lisp_addr: AFI 1 or 2, prefix length,
 * network byte order).  IPv4 and IPv6 EIDs and RLOCs are both encoded and
 * decoded; EIDs with a non-zero instance-id travel as an LCAF Instance-ID
 * address (RFC 8060 type 2), which is also accepted for instance-id 0.
 */
#ifndef LISPD_WIRE_H
#define LISPD_WIRE_H

#include <stddef.h>
#include <stdint.h>

#define LISP_DATA_PORT		4341
#define LISP_CONTROL_PORT	4342

/* Error codes (negative returns).  Keep lisp_wire_strerror in step. */
enum lisp_err {
	LISP_E_SHORT = -1,	/* input ends inside a field */
	LISP_E_NOSPACE = -2,	/* output buffer or headroom too small */
	LISP_E_TYPE = -3,	/* not the message type expected */
	LISP_E_AFI = -4,	/* address family not supported here */
	LISP_E_PLEN = -5,	/* prefix length beyond the family's length */
	LISP_E_COUNT = -6,	/* a record or locator count that cannot be */
	LISP_E_LIMIT = -7,	/* more records or locators than the caller
				 * or LISP_MAX_LOCATORS allows */
	LISP_E_TRAILING = -8,	/* bytes after the last field */
	LISP_E_ACTION = -9,	/* unassigned negative Map-Reply action */
	LISP_E_LCAF = -10,	/* LCAF type or length not supported */
	LISP_E_ALG = -11,	/* unknown authentication algorithm */
	LISP_E_AUTHLEN = -12,	/* auth data length does not fit the algorithm */
	LISP_E_AUTH = -13,	/* authentication data does not verify */
	LISP_E_CRYPTO = -14,	/* libcrypto failed */
	LISP_E_FLAGS = -15,	/* data header flags that cannot be honoured */
	LISP_E_IPHDR = -16,	/* malformed IP header (version, length) */
	LISP_E_IPCSUM = -17,	/* bad IPv4 header checksum */
	LISP_E_FRAG = -18,	/* an IP fragment */
	LISP_E_PROTO = -19,	/* IP payload is not UDP */
	LISP_E_PORT = -20,	/* UDP destination port is not the LISP one */
	LISP_E_UDPLEN = -21,	/* UDP length disagrees with the IP length */
	LISP_E_INNER = -22,	/* inner packet is not a whole IPv4/IPv6 packet */
	LISP_E_INVAL = -23,	/* encoder given a value that cannot be sent */
	LISP_E_ECN = -24,	/* congestion mark on a not-ECT inner packet */
};
#define LISP_E_NCODES	25	/* -err < LISP_E_NCODES for every code */

const char	*lisp_wire_strerror(int err);

/* Addresses.  AFI numbers are IANA's. */
#define LISP_AFI_NONE	0
#define LISP_AFI_IPV4	1
#define LISP_AFI_IPV6	2
#define LISP_AFI_LCAF	16387

struct lisp_addr {
	uint16_t	 afi;		/* LISP_AFI_IPV4, _IPV6, or _NONE */
	uint8_t		 plen;		/* prefix length; full for an address */
	uint8_t		 a[16];		/* network byte order; IPv4 uses a[0..3] */
};

/* Address bytes of an AFI: 4, 16, or 0 for any other. */
size_t		 lisp_afi_len(uint16_t afi);
/* Sets an IPv4 address or prefix from a host-order value (host bits past
 * plen are cleared). */
void		 lisp_addr_v4(struct lisp_addr *, uint32_t addr, uint8_t plen);
/* Sets from network-order bytes; LISP_E_AFI or LISP_E_PLEN. */
int		 lisp_addr_set(struct lisp_addr *, uint16_t afi,
		    const void *bytes, uint8_t plen);
/* "192.0.2.1", "192.0.2.0/24", "2001:db8::/32": 0, LISP_E_INVAL. */
int		 lisp_addr_parse(struct lisp_addr *, const char *);
/* "192.0.2.0/24" (with_plen) or "192.0.2.1" into buf; returns buf. */
char		*lisp_addr_fmt(const struct lisp_addr *, int with_plen,
		    char *buf, size_t size);
#define LISP_ADDR_STRLEN	(46 + 4)
/* Orders by AFI, address, then prefix length: <0, 0, >0. */
int		 lisp_addr_cmp(const struct lisp_addr *,
		    const struct lisp_addr *);
/* Whether prefix pfx contains address or prefix a (same AFI). */
int		 lisp_addr_contains(const struct lisp_addr *pfx,
		    const struct lisp_addr *a);

/*
 * Data plane.
 */
#define LISP_DATA_HDR_LEN	8
#define LISP_ENCAP4_LEN		(20 + 8 + LISP_DATA_HDR_LEN)	/* 36 */

/* First-byte flags of the data header. */
#define LISP_DH_N	0x80	/* nonce present */
#define LISP_DH_L	0x40	/* locator-status-bits present */
#define LISP_DH_E	0x20	/* echo-nonce request (only with N) */
#define LISP_DH_V	0x10	/* map-versions present (never with N) */
#define LISP_DH_I	0x08	/* instance-id present */
#define LISP_DH_KK	0x03	/* LISP-crypto key (RFC 8061): refused */

struct lisp_data_hdr {
	uint8_t		 flags;		/* LISP_DH_N .. LISP_DH_I */
	uint32_t	 nonce;		/* 24 bits, with N */
	uint16_t	 src_version;	/* 12 bits, with V */
	uint16_t	 dst_version;	/* 12 bits, with V */
	uint32_t	 iid;		/* 24 bits, with I */
	uint32_t	 lsb;		/* with L: 8 bits with I, else 32 */
};

/* Writes the 8 header bytes; LISP_E_INVAL for N with V or a field wider
 * than its slot. */
int		 lisp_data_hdr_encode(uint8_t out[LISP_DATA_HDR_LEN],
		    const struct lisp_data_hdr *);
/* Reads the header at p: LISP_E_SHORT, or LISP_E_FLAGS for N with V or a
 * LISP-crypto key.  The reserved R bit is ignored, and so is E without N
 * (it is cleared); fields whose flag is clear read as 0. */
int		 lisp_data_hdr_decode(const uint8_t *p, size_t len,
		    struct lisp_data_hdr *);

/* A hash of the inner packet's flow (addresses, protocol, ports when the
 * packet is TCP/UDP/SCTP and not a fragment), for the outer UDP source
 * port and for choosing among equal-priority RLOCs.  Never fails: a
 * packet too short to parse hashes what it has. */
uint32_t	 lisp_flow_hash(const uint8_t *inner, size_t len);
/* The UDP source port for a flow hash: 49152-65535. */
uint16_t	 lisp_flow_sport(uint32_t hash);

struct lisp_encap {
	struct lisp_addr	 src;		/* outer source RLOC (IPv4) */
	struct lisp_addr	 dst;		/* outer destination RLOC */
	uint32_t		 hash;		/* lisp_flow_hash of the inner */
	uint16_t		 ip_id;		/* outer IPv4 identification */
	struct lisp_data_hdr	 hdr;
};

/*
 * Encapsulates in place: inner (inner_len bytes, an IPv4 or IPv6 packet)
 * has headroom writable bytes in front of it; the outer IPv4 header, UDP
 * (destination 4341, source lisp_flow_sport(hash), checksum 0) and LISP
 * header go into the last LISP_ENCAP4_LEN of them.  The outer TTL, TOS
 * (DSCP and ECN) and DF are copied from the inner header.  *pkt and
 * *pkt_len give the whole packet.  LISP_E_NOSPACE (headroom, or an outer
 * length past 65535), LISP_E_INNER, LISP_E_AFI (IPv6 RLOCs: not yet),
 * LISP_E_INVAL (header fields).
 */
int		 lisp_encap4(uint8_t *inner, size_t inner_len,
		    size_t headroom, const struct lisp_encap *,
		    uint8_t **pkt, size_t *pkt_len);

struct lisp_decap {
	struct lisp_addr	 src;		/* outer source RLOC */
	struct lisp_addr	 dst;		/* outer destination RLOC */
	uint16_t		 sport;		/* outer UDP source port */
	uint8_t			 ttl;		/* outer TTL */
	uint8_t			 tos;		/* outer TOS */
	struct lisp_data_hdr	 hdr;
	uint8_t			*inner;		/* into the input buffer */
	size_t			 inner_len;	/* the inner IP length */
	uint16_t		 inner_afi;	/* LISP_AFI_IPV4 or _IPV6 */
};

/*
 * Decapsulates a whole outer IPv4 packet (as a raw socket reads it):
 * checks the IPv4 header (not its checksum: the kernel has), refuses
 * fragments, checks UDP port 4341 and lengths (a UDP checksum is not
 * verified: RFC 9300 lets the ETR skip it), the LISP header, and that the
 * inner packet is a whole IPv4 or IPv6 packet.
 */
int		 lisp_decap4(uint8_t *pkt, size_t len, struct lisp_decap *);
/* The same from the UDP payload (as a UDP socket reads it): the LISP
 * header and the inner packet; src, dst, sport, ttl and tos are left
 * zero for the caller to fill from the socket. */
int		 lisp_decap_udp(uint8_t *payload, size_t len,
		    struct lisp_decap *);
/* Applies the outer TTL and ECN to the inner IPv4 or IPv6 header after
 * decapsulation (RFC 9300: the inner TTL becomes the outer one when that
 * is smaller; RFC 6040: CE on the outer marks an ECN-capable inner),
 * fixing the IPv4 checksum incrementally.  LISP_E_ECN when the outer is
 * CE and the inner is not ECN-capable: RFC 6040 says drop it. */
int		 lisp_decap_fixup(const struct lisp_decap *);

/*
 * Control plane.
 */
enum lisp_type {
	LISP_MAP_REQUEST = 1,
	LISP_MAP_REPLY = 2,
	LISP_MAP_REGISTER = 3,
	LISP_MAP_NOTIFY = 4,
	LISP_MAP_NOTIFY_ACK = 5,
	LISP_ECM = 8,
};

/* Negative Map-Reply actions (ACT). */
#define LISP_ACT_NONE		0	/* no-action */
#define LISP_ACT_NATIVE		1	/* natively-forward */
#define LISP_ACT_SEND_MR	2	/* send-map-request */
#define LISP_ACT_DROP		3	/* drop/no-reason */
#define LISP_ACT_DROP_POLICY	4	/* drop/policy-denied */
#define LISP_ACT_DROP_AUTH	5	/* drop/auth-failure */

/* Authentication algorithms (RFC 9301 Algorithm ID). */
#define LISP_ALG_NONE		0
#define LISP_ALG_SHA1		1	/* HMAC-SHA-1-96 */
#define LISP_ALG_SHA256		2	/* HMAC-SHA-256-128 */
#define LISP_AUTH_MAX		32	/* longest auth data we send or take */

/* Header flags: masks of the first 32-bit word as on the wire. */
#define LISP_MREQ_A		(1u << 27)	/* authoritative */
#define LISP_MREQ_M		(1u << 26)	/* map-reply record present */
#define LISP_MREQ_P		(1u << 25)	/* RLOC probe */
#define LISP_MREQ_S		(1u << 24)	/* solicit-map-request (SMR) */
#define LISP_MREQ_PITR		(1u << 23)	/* p: sent by a PITR */
#define LISP_MREQ_SMRI		(1u << 22)	/* s: SMR-invoked */
#define LISP_MREQ_L		(1u << 14)	/* to a local xTR */
#define LISP_MREQ_D		(1u << 13)	/* don't send a Map-Reply */
#define LISP_MREP_P		(1u << 27)	/* probe reply */
#define LISP_MREP_E		(1u << 26)	/* echo-nonce capable */
#define LISP_MREP_S		(1u << 25)	/* LISP-SEC */
#define LISP_MREG_P		(1u << 27)	/* proxy Map-Reply wanted */
#define LISP_MREG_S		(1u << 26)	/* LISP-SEC capable */
#define LISP_MREG_I		(1u << 25)	/* xTR-ID and site-ID follow */
#define LISP_MREG_M		(1u << 8)	/* want Map-Notify */
#define LISP_MNOT_I		(1u << 27)	/* xTR-ID and site-ID follow */
#define LISP_ECM_S		(1u << 27)	/* LISP-SEC */
#define LISP_ECM_D		(1u << 26)	/* DDT-originated */
#define LISP_ECM_E		(1u << 25)	/* to an ETR */
#define LISP_ECM_M		(1u << 24)	/* to a map-server */

/* Locator flags (low bits of the RLOC record's flags word). */
#define LISP_LOC_L		0x0004		/* local locator */
#define LISP_LOC_P		0x0002		/* probed */
#define LISP_LOC_R		0x0001		/* reachable */

#define LISP_MAX_LOCATORS	32	/* per record; more is LISP_E_LIMIT */
#define LISP_MAX_ITR_RLOCS	32	/* the wire's maximum (IRC + 1) */
#define LISP_MAX_REQ_EIDS	255	/* the wire's maximum */
#define LISP_MAX_RECORDS	255	/* the wire's maximum (8-bit count) */
#define LISP_TTL_INFINITE	0xffffffffu
/* A record's TTL (minutes) as a map-cache entry's (seconds; 0: never
 * expires).  Past 2^32 seconds (136 years) it is held at the largest
 * whole minute below, not wrapped to a few seconds or to "never". */
static inline uint32_t
lisp_ttl_seconds(uint32_t minutes)
{
	if (minutes == LISP_TTL_INFINITE)
		return 0;
	return minutes > UINT32_MAX / 60 ? UINT32_MAX / 60 * 60 :
	    minutes * 60;
}

struct lisp_locator {
	struct lisp_addr	 addr;
	uint8_t			 priority;	/* 255: not for unicast */
	uint8_t			 weight;
	uint8_t			 mpriority;
	uint8_t			 mweight;
	uint16_t		 flags;		/* LISP_LOC_* */
};

/* An EID-record: a mapping (locators) or, without locators, a negative
 * entry with an action. */
struct lisp_record {
	uint32_t		 ttl;		/* minutes */
	uint32_t		 iid;		/* instance-id (24 bits) */
	struct lisp_addr	 eid;		/* prefix; host bits zero */
	uint8_t			 action;	/* LISP_ACT_* */
	uint8_t			 authoritative;	/* A bit: 0 or 1 */
	uint16_t		 map_version;	/* 12 bits */
	uint8_t			 nloc;
	struct lisp_locator	 loc[LISP_MAX_LOCATORS];
};

/*
 * Whether a Map-Reply record answers a request for (iid, eid): its
 * EID-prefix is in the same instance and equal to or less specific than
 * eid (an address or a prefix).  An ITR installs only such records, so
 * that whoever learns a request's nonce cannot plant mappings for EIDs
 * the request did not ask about.
 */
int		 lisp_record_covers(const struct lisp_record *r, uint32_t iid,
		    const struct lisp_addr *eid);

/* An EID asked for in a Map-Request. */
struct lisp_eid {
	uint32_t		 iid;
	struct lisp_addr	 eid;		/* prefix; host bits zero */
};

/* About 7.5 KB (every count at the wire's maximum): keep one in a
 * context struct rather than on a small stack. */
struct lisp_map_request {
	uint32_t		 flags;		/* LISP_MREQ_* */
	uint64_t		 nonce;
	uint32_t		 src_iid;
	struct lisp_addr	 src_eid;	/* afi NONE when absent */
	uint8_t			 nitr;		/* 1 .. LISP_MAX_ITR_RLOCS */
	struct lisp_addr	 itr[LISP_MAX_ITR_RLOCS];
	uint8_t			 neid;		/* 1 .. LISP_MAX_REQ_EIDS */
	struct lisp_eid		 eid[LISP_MAX_REQ_EIDS];
	struct lisp_record	 reply;		/* with LISP_MREQ_M */
};

/*
 * Map-Reply, Map-Register, Map-Notify and Map-Notify-Ack share this view.
 * Records live in the caller's array rec[0 .. rec_cap): the decoder fills
 * nrec of them and returns LISP_E_LIMIT when the message has more.
 */
struct lisp_map {
	uint8_t			 type;		/* enum lisp_type */
	uint32_t		 flags;		/* LISP_MREP_*, _MREG_*, _MNOT_* */
	uint64_t		 nonce;
	uint8_t			 key_id;	/* Register, Notify, Ack */
	uint8_t			 alg_id;	/* LISP_ALG_* */
	uint16_t		 auth_len;	/* decoded: as on the wire */
	const uint8_t		*auth;		/* decoded: into the input */
	uint8_t			 xtr_id[16];	/* with the I flag */
	uint64_t		 site_id;
	struct lisp_record	*rec;
	size_t			 rec_cap;
	size_t			 nrec;
};

/* The message type of a control packet, or LISP_E_SHORT. */
int		 lisp_ctl_type(const uint8_t *buf, size_t len);

/* Encoders write at most cap bytes and set *len; LISP_E_NOSPACE,
 * LISP_E_INVAL (a count or value the wire cannot carry), LISP_E_AFI. */
int		 lisp_map_request_encode(uint8_t *buf, size_t cap,
		    const struct lisp_map_request *, size_t *len);
int		 lisp_map_request_decode(const uint8_t *buf, size_t len,
		    struct lisp_map_request *);

/*
 * Map-Reply, Map-Register, Map-Notify, Map-Notify-Ack by m->type.  For the
 * last three with alg_id SHA1 or SHA256 the encoder sends the full MAC
 * (20 or 32 bytes) computed with key over the whole message with the auth
 * field zeroed; key is not used for a Map-Reply or with LISP_ALG_NONE.
 */
int		 lisp_map_encode(uint8_t *buf, size_t cap,
		    const struct lisp_map *, const void *key, size_t keylen,
		    size_t *len);
/* Decodes any of the four; m->rec and m->rec_cap are the caller's.  The
 * auth field's length must suit the algorithm (SHA1: 20 or 12, SHA256: 32
 * or 16, none: 0) but is not verified: see lisp_map_verify. */
int		 lisp_map_decode(const uint8_t *buf, size_t len,
		    struct lisp_map *);
/* Verifies the MAC of a decoded Register, Notify or Ack (buf and len as
 * given to lisp_map_decode) with key: 0, LISP_E_AUTH, LISP_E_ALG (an
 * unauthenticated message), LISP_E_CRYPTO.  Full and truncated MACs are
 * both accepted; comparison is in constant time. */
int		 lisp_map_verify(const uint8_t *buf, size_t len,
		    const struct lisp_map *, const void *key, size_t keylen);

/* The Encapsulated Control Message: an ECM header, then an inner IPv4 or
 * IPv6 + UDP packet carrying a control message (usually a Map-Request). */
struct lisp_ecm {
	uint32_t		 flags;		/* LISP_ECM_* */
	struct lisp_addr	 src;		/* inner IP source */
	struct lisp_addr	 dst;		/* inner IP destination */
	uint16_t		 sport;		/* inner UDP source port */
	uint16_t		 dport;		/* inner UDP destination port */
	uint8_t			 ttl;		/* inner TTL / hop limit */
	const uint8_t		*msg;		/* the inner control message */
	size_t			 msg_len;
};

/* Writes the ECM header, the inner IP header (checksummed) and UDP header
 * (checksummed) and copies e->msg after them. */
int		 lisp_ecm_encode(uint8_t *buf, size_t cap,
		    const struct lisp_ecm *, size_t *len);
/* Decodes an ECM: the inner IPv4 header checksum, lengths and protocol
 * are checked, the inner UDP destination must be 4342; e->msg points into
 * buf.  The inner message is not decoded. */
int		 lisp_ecm_decode(const uint8_t *buf, size_t len,
		    struct lisp_ecm *);

#endif
