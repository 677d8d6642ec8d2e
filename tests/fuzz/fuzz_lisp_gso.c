/*
 * Fuzz target for the data plane's offload code (lispd/wire-gso.c): the
 * virtio-net header and packet the TUN hands the ITR (checksum
 * completion, cutting a TSO/USO super-packet), and a datagram as a
 * UDP_GRO socket hands the ETR (split at the segment size, decapsulated,
 * inner TCP segments merged).
 *
 * Input: a 12-byte control header, then the data.  Byte 0 bit 0: 0 = a
 * TUN read (10-byte virtio-net header, then the packet), 1 = a GRO'd
 * datagram; bytes 2-3: the GRO segment size (mode 1); bytes 4-5: the MTU
 * to cut to (mode 0); byte 6: the outer TTL, byte 7 the outer TOS (mode
 * 1); bytes 8-11 unused (the gcc replay driver rewrites them).
 *
 * Properties: every error is a LISP_E_* code; a completed checksum
 * verifies; every segment cut lies in the packet, fits the MTU, carries
 * at most gso_size bytes, has valid IP and TCP/UDP checksums, and the
 * payloads add up to the packet's; segments merged and cut again give
 * the same bytes as went in.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/wire-gso.h"
#include "lispd/wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CTL_HDR		12
#define SEGBUF		(LISP_GSO_HDR_MAX + 65536)

static uint8_t	 seg[SEGBUF];

static void
check_rc(int rc)
{
	if (rc > 0 || -rc >= LISP_E_NCODES || lisp_wire_strerror(rc) == NULL)
		abort();
}

static uint32_t
pseudo(const uint8_t *ip, size_t l4len)
{
	return (uint32_t)(ip[12] << 8 | ip[13]) + (uint32_t)(ip[14] << 8 |
	    ip[15]) + (uint32_t)(ip[16] << 8 | ip[17]) +
	    (uint32_t)(ip[18] << 8 | ip[19]) + ip[9] + (uint32_t)l4len;
}

/* Cuts pkt and checks every segment; when expect is given (n packets of
 * a merge), each must equal it byte for byte. */
static void
cut(const uint8_t *pkt, size_t len, const struct lisp_vnet *v, size_t mtu,
    const uint8_t *const *expect, const size_t *elen, unsigned n)
{
	struct lisp_gso	 g;
	const uint8_t	*pay;
	size_t		 plen, total = 0, l4;
	unsigned	 i = 0;
	int		 rc;

	check_rc(rc = lisp_gso_start(&g, pkt, len, v, mtu));
	if (rc != 0) {
		if (expect != NULL)
			abort();
		return;
	}
	if (g.hlen > LISP_GSO_HDR_MAX || g.mss == 0)
		abort();
	while (lisp_gso_next(&g, seg, &pay, &plen)) {
		if (pay < pkt || plen > len || (size_t)(pay - pkt) >
		    len - plen || plen > v->gso_size || g.hlen + plen > mtu ||
		    (plen == 0 && g.nseg != 1) || i >= g.nseg)
			abort();
		memcpy(seg + g.hlen, pay, plen);
		l4 = g.hlen - g.l3len + plen;
		if (lisp_csum(0, seg, g.l3len) != 0xffff ||
		    lisp_csum(pseudo(seg, l4), seg + g.l3len, l4) != 0xffff)
			abort();
		if (expect != NULL && (i >= n || elen[i] != g.hlen + plen ||
		    memcmp(expect[i], seg, elen[i]) != 0))
			abort();
		total += plen;
		i++;
	}
	if (i != g.nseg || total != len - g.hlen ||
	    (expect != NULL && i != n))
		abort();
}

static void
tun_read(const uint8_t *data, size_t len, size_t mtu)
{
	static uint8_t		 pkt[65536];
	struct lisp_vnet	 v;
	uint16_t		 seed;
	int			 rc;

	check_rc(rc = lisp_vnet_decode(data, len, &v));
	if (rc != 0)
		return;
	data += LISP_VNET_HDR_LEN;
	len -= LISP_VNET_HDR_LEN;
	memcpy(pkt, data, len);
	if (v.gso_type == LISP_VNET_GSO_NONE) {
		check_rc(rc = lisp_csum_complete(pkt, len, &v));
		if (rc == 0) {
			seed = (uint16_t)(data[v.csum_start + v.csum_offset] <<
			    8 | data[v.csum_start + v.csum_offset + 1]);
			if (lisp_csum(seed, pkt + v.csum_start,
			    len - v.csum_start) != 0xffff)
				abort();
		}
		return;
	}
	cut(pkt, len, &v, mtu, NULL, NULL, 0);
}

static struct lisp_coal	 coal;
static const uint8_t	*held[LISP_COAL_MAX];
static size_t		 heldlen[LISP_COAL_MAX];

/* What is merged, cut again: the segments that went in. */
static void
finish(void)
{
	static uint8_t		 m[70000];
	struct lisp_vnet	 v;
	size_t			 hl, off;
	unsigned		 k;

	hl = lisp_coal_finish(&coal);
	if (coal.n == 0) {
		if (hl != 0)
			abort();
		return;
	}
	if (hl < LISP_VNET_HDR_LEN || lisp_vnet_decode(coal.hdr, hl, &v) != 0)
		abort();
	off = hl - LISP_VNET_HDR_LEN;
	memcpy(m, coal.hdr + LISP_VNET_HDR_LEN, off);
	for (k = 0; k < coal.n; k++) {
		memcpy(m + off, coal.pay[k], coal.plen[k]);
		off += coal.plen[k];
	}
	if (coal.n == 1) {
		if (v.gso_type != LISP_VNET_GSO_NONE || v.flags != 0 ||
		    off != heldlen[0] || memcmp(m, held[0], off) != 0)
			abort();
	} else {
		/* The field holds the pseudo-header sum: complete it as
		 * the kernel would before cutting. */
		if (v.gso_type != LISP_VNET_GSO_TCPV4 ||
		    v.flags != LISP_VNET_F_NEEDS_CSUM)
			abort();
		v.gso_type = LISP_VNET_GSO_NONE;
		if (lisp_csum_complete(m, off, &v) != 0)
			abort();
		v.gso_type = LISP_VNET_GSO_TCPV4;
		cut(m, off, &v, 65535, held, heldlen, coal.n);
	}
	lisp_coal_reset(&coal);
}

static void
offer(const uint8_t *p, size_t len)
{
	int	 rc;

	if ((rc = lisp_coal_add(&coal, p, len)) == 0) {
		finish();
		rc = lisp_coal_add(&coal, p, len);
		if (rc == 0)
			abort();	/* an empty merge takes any candidate */
	}
	if (rc < 0) {
		finish();
		return;
	}
	held[coal.n - 1] = p;
	heldlen[coal.n - 1] = len;
}

static void
gro(const uint8_t *data, size_t len, size_t gso, uint8_t ttl, uint8_t tos)
{
	static uint8_t		 buf[65536];
	struct lisp_decap	 d;
	const uint8_t		*p;
	size_t			 off = 0, n, seen = 0;
	int			 rc;

	memcpy(buf, data, len);
	lisp_coal_reset(&coal);
	while (lisp_gro_next(buf, len, gso, &off, &p, &n)) {
		if (p != buf + seen || n == 0 || (gso != 0 && n > gso))
			abort();
		seen += n;
		check_rc(rc = lisp_decap_udp((uint8_t *)(uintptr_t)p, n, &d));
		if (rc != 0)
			continue;
		d.ttl = ttl;
		d.tos = tos;
		check_rc(rc = lisp_decap_fixup(&d));
		if (rc != 0)
			continue;
		offer(d.inner, d.inner_len);
	}
	if (seen != len)
		abort();
	finish();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t	 mtu;

	if (size < CTL_HDR || size - CTL_HDR > 65536)
		return 0;
	mtu = (size_t)(data[4] << 8 | data[5]);
	if (data[0] & 1)
		gro(data + CTL_HDR, size - CTL_HDR,
		    (size_t)(data[2] << 8 | data[3]), data[6], data[7]);
	else
		tun_read(data + CTL_HDR, size - CTL_HDR, mtu);
	return 0;
}
