/*
 * Fuzz target for the LISP data plane decoders (lispd/wire-data.c): the
 * 8-byte header, decapsulation of a whole outer IPv4 packet (as a raw
 * socket reads it) and of a UDP payload (as a UDP socket reads it), the
 * TTL/ECN fixup and the flow hash.
 *
 * Input: a 12-byte control header, then the packet.  Byte 0 bit 0 chooses
 * the UDP-payload form; bytes 1-11 are unused (the gcc replay driver
 * rewrites 8-11 as a length).  Shorter inputs are a whole outer packet.
 *
 * Properties: every error is a LISP_E_* code; a header that decodes
 * encodes back to the same fields; the inner packet lies inside the input;
 * a decapsulated inner packet encapsulates again and decapsulates to the
 * same bytes and header.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CTL_HDR		12
#define HEADROOM	64

static void
check_rc(int rc)
{
	if (rc > 0 || -rc >= LISP_E_NCODES || lisp_wire_strerror(rc) == NULL)
		abort();
}

static void
header(const uint8_t *p, size_t len)
{
	struct lisp_data_hdr	 h, h2;
	uint8_t			 b[LISP_DATA_HDR_LEN];
	int			 rc;

	check_rc(rc = lisp_data_hdr_decode(p, len, &h));
	if (rc != 0)
		return;
	if (lisp_data_hdr_encode(b, &h) != 0 ||
	    lisp_data_hdr_decode(b, sizeof(b), &h2) != 0 ||
	    memcmp(&h, &h2, sizeof(h)) != 0)
		abort();
}

/* Encapsulates the decapsulated inner packet again and takes it apart. */
static void
again(const struct lisp_decap *d)
{
	static uint8_t		 buf[HEADROOM + 65536];
	struct lisp_encap	 e;
	struct lisp_decap	 d2;
	uint8_t			*pkt;
	size_t			 plen;
	int			 rc;

	memset(&e, 0, sizeof(e));
	lisp_addr_v4(&e.src, 0xc0000201, 32);
	lisp_addr_v4(&e.dst, 0xc6336402, 32);
	e.hash = lisp_flow_hash(d->inner, d->inner_len);
	e.hdr = d->hdr;
	memcpy(buf + HEADROOM, d->inner, d->inner_len);
	rc = lisp_encap4(buf + HEADROOM, d->inner_len, HEADROOM, &e, &pkt,
	    &plen);
	if (rc == LISP_E_NOSPACE && d->inner_len > 0xffff - LISP_ENCAP4_LEN)
		return;
	if (rc != 0 || lisp_decap4(pkt, plen, &d2) != 0 ||
	    d2.inner_len != d->inner_len ||
	    memcmp(d2.inner, d->inner, d->inner_len) != 0 ||
	    memcmp(&d2.hdr, &d->hdr, sizeof(d->hdr)) != 0 ||
	    d2.sport != lisp_flow_sport(e.hash))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t		 pkt[65536 + CTL_HDR];
	struct lisp_decap	 d;
	size_t			 len = size;
	int			 udp = 0, rc;

	if (size >= CTL_HDR) {
		udp = data[0] & 1;
		data += CTL_HDR;
		len -= CTL_HDR;
	}
	if (len > sizeof(pkt))
		return 0;
	(void)lisp_flow_hash(data, len);
	header(data, len);
	/* Decapsulation works in place (fixup writes): use a copy. */
	memcpy(pkt, data, len);
	rc = udp ? lisp_decap_udp(pkt, len, &d) : lisp_decap4(pkt, len, &d);
	check_rc(rc);
	if (rc != 0)
		return 0;
	if (d.inner < pkt || d.inner_len > len ||
	    (size_t)(d.inner - pkt) > len - d.inner_len ||
	    (d.inner_afi != LISP_AFI_IPV4 && d.inner_afi != LISP_AFI_IPV6))
		abort();
	check_rc(lisp_decap_fixup(&d));
	again(&d);
	return 0;
}
