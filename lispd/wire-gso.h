/*
 * Offloads of the data plane (pure code, no I/O): the virtio-net header a
 * TUN opened with IFF_VNET_HDR puts in front of every packet, cutting a
 * TCP/UDP super-packet the TUN hands us (TSO/USO) into MSS-sized inner
 * packets that each carry their own headers and checksums, and the
 * reverse on the ETR: merging consecutive inner TCP segments of one flow
 * back into one super-packet that the TUN takes with a single write.
 *
 * The virtio-net header is in host byte order (a legacy TUN header,
 * without TUNSETVNETLE/BE); every other field is network order.
 */
#ifndef LISPD_WIRE_GSO_H
#define LISPD_WIRE_GSO_H

#include <stddef.h>
#include <stdint.h>

#define LISP_VNET_HDR_LEN	10
#define LISP_VNET_F_NEEDS_CSUM	0x01
#define LISP_VNET_F_DATA_VALID	0x02
#define LISP_VNET_GSO_NONE	0
#define LISP_VNET_GSO_TCPV4	1
#define LISP_VNET_GSO_TCPV6	4
#define LISP_VNET_GSO_UDP_L4	5
#define LISP_VNET_GSO_ECN	0x80

/* The longest IPv4 + TCP header pair (60 + 60). */
#define LISP_GSO_HDR_MAX	120

struct lisp_vnet {
	uint8_t		 flags;		/* LISP_VNET_F_* */
	uint8_t		 gso_type;	/* LISP_VNET_GSO_* */
	uint16_t	 hdr_len;
	uint16_t	 gso_size;
	uint16_t	 csum_start;
	uint16_t	 csum_offset;
};

/* Reads the header at p: LISP_E_SHORT when len < LISP_VNET_HDR_LEN. */
int		 lisp_vnet_decode(const uint8_t *p, size_t len,
		    struct lisp_vnet *);
void		 lisp_vnet_encode(uint8_t out[LISP_VNET_HDR_LEN],
		    const struct lisp_vnet *);

/* The Internet checksum's ones'-complement sum of n bytes, folded to 16
 * bits (not complemented), added to seed (a folded or unfolded sum). */
uint16_t	 lisp_csum(uint32_t seed, const uint8_t *p, size_t n);

/*
 * Completes a partial checksum of a packet the TUN handed us with
 * LISP_VNET_F_NEEDS_CSUM (and no GSO): the sum of the bytes from
 * csum_start to the end, seeded with the 16 bits at csum_start +
 * csum_offset, complemented into that field.  LISP_E_INNER when the
 * offsets fall outside the packet or the offset is odd.
 */
int		 lisp_csum_complete(uint8_t *pkt, size_t len,
		    const struct lisp_vnet *);

/*
 * Cutting one IPv4 TCP (TSO) or UDP (USO) super-packet into inner packets
 * of at most mtu bytes (and at most gso_size bytes of payload).  Each
 * segment is the headers (hlen bytes, written by lisp_gso_next into the
 * caller's buffer: IP total length, identification + i and checksum; TCP
 * sequence, flags (FIN and PSH on the last, CWR on the first only) and
 * checksum; UDP length and checksum) and a slice of the payload, which
 * stays where it is.  The checksums are computed whole, not trusted from
 * the TUN's partial ones.
 */
struct lisp_gso {
	const uint8_t	*pkt;
	size_t		 len;
	size_t		 l3len;		/* IPv4 header with options */
	size_t		 hlen;		/* l3len + TCP/UDP header */
	size_t		 mss;		/* payload bytes per segment */
	size_t		 off;		/* next payload offset */
	unsigned	 idx, nseg;
	uint8_t		 proto;
};

/* LISP_E_INNER when the packet is not a whole IPv4 TCP/UDP packet of the
 * vnet header's GSO type, LISP_E_NOSPACE when no payload fits the mtu. */
int		 lisp_gso_start(struct lisp_gso *, const uint8_t *pkt,
		    size_t len, const struct lisp_vnet *, size_t mtu);
/* The next segment: its headers into hdr (g->hlen bytes, at most
 * LISP_GSO_HDR_MAX), its payload as *pay, *paylen.  1, or 0 when every
 * segment was given. */
int		 lisp_gso_next(struct lisp_gso *, uint8_t *hdr,
		    const uint8_t **pay, size_t *paylen);

/*
 * The LISP packets of a datagram read from a UDP_GRO socket: the kernel
 * merged datagrams of gso bytes each (the last may be shorter); gso 0 is
 * one datagram.  From *off on: the next packet as *p, *n and 1, or 0 at
 * the end.
 */
int		 lisp_gro_next(const uint8_t *buf, size_t len, size_t gso,
		    size_t *off, const uint8_t **p, size_t *n);

/*
 * Merging inner IPv4 TCP segments of one flow (GRO in userspace).  A
 * segment joins when it continues the last one exactly: same addresses,
 * TOS, TTL, DF, ports, ACK, window and options, the next sequence number
 * and IP identification, ACK (and PSH on the last) as its only flags, a
 * payload no longer than the first's while every earlier one was exactly
 * that long.  Its IP and TCP checksums must be right (so that the
 * kernel's fresh checksum over the merged packet hides no corruption).
 * The payloads are not copied: the caller keeps them in place until the
 * merged packet is written.
 */
#define LISP_COAL_MAX	64

struct lisp_coal {
	/* The virtio-net header, then the first segment's IP + TCP header
	 * (rewritten by lisp_coal_finish). */
	uint8_t		 hdr[LISP_VNET_HDR_LEN + LISP_GSO_HDR_MAX];
	size_t		 hlen;		/* IP + TCP */
	const uint8_t	*pay[LISP_COAL_MAX];
	size_t		 plen[LISP_COAL_MAX];
	unsigned	 n;
	size_t		 total;		/* payload bytes */
	uint32_t	 next_seq;
	uint16_t	 next_id;
	int		 closed;	/* the last one was short or had PSH */
};

void		 lisp_coal_reset(struct lisp_coal *);
/*
 * Offers a whole inner packet.  1: taken (its payload is referenced);
 * 0: it does not continue what is held (finish and reset, then offer it
 * again); -1: it can never be merged (not IPv4 TCP with data, other
 * flags, a bad checksum, ...): write it alone, after what is held.
 */
int		 lisp_coal_add(struct lisp_coal *, const uint8_t *pkt,
		    size_t len);
/*
 * Makes c->hdr the virtio-net header and headers of the merged packet
 * (one segment: its own header, no offload; more: total length, IP
 * checksum, PSH of the last, the TCP pseudo-header sum for the kernel's
 * checksum offload, GSO TCPV4 with the first payload's size).  Returns
 * the bytes of c->hdr to write before the c->n payloads, 0 when empty.
 */
size_t		 lisp_coal_finish(struct lisp_coal *);

#endif
