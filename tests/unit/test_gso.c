/*
 * Unit tests for lispd/wire-gso: the checksum, cutting TSO/USO
 * super-packets into inner packets, completing partial checksums,
 * splitting GRO'd datagrams and merging TCP segments back.
 *
 * Every checksum is checked against an independent computation written
 * here the plain RFC 1071 way (16-bit big-endian words summed in 32 bits,
 * carries folded at the end) over a pseudo-header built field by field,
 * and one small segment against bytes worked out by hand.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/wire-gso.h"
#include "lispd/wire.h"
#include "tests/unit/unit.h"

static uint16_t
ref_sum(uint32_t seed, const uint8_t *p, size_t n)
{
	uint64_t s = seed;	/* megabytes of 0xffff words fit */
	size_t	 i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* The TCP/UDP checksum of an IPv4 packet (field zeroed while summing). */
static uint16_t
ref_l4_csum(const uint8_t *ip, size_t len)
{
	uint8_t		 buf[70000], ph[12];
	size_t		 ihl = (size_t)(ip[0] & 15) * 4, l4 = len - ihl;
	size_t		 field = ip[9] == 6 ? 16 : 6;
	uint16_t	 c;

	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = ip[9];
	ph[10] = (uint8_t)(l4 >> 8);
	ph[11] = (uint8_t)l4;
	memcpy(buf, ph, 12);
	memcpy(buf + 12, ip + ihl, l4);
	buf[12 + field] = buf[12 + field + 1] = 0;
	c = (uint16_t)~ref_sum(0, buf, 12 + l4);
	if (ip[9] == 17 && c == 0)
		c = 0xffff;
	return c;
}

static uint16_t
ref_ip_csum(const uint8_t *ip)
{
	uint8_t		 h[60];
	size_t		 ihl = (size_t)(ip[0] & 15) * 4;

	memcpy(h, ip, ihl);
	h[10] = h[11] = 0;
	return (uint16_t)~ref_sum(0, h, ihl);
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/*
 * An IPv4 TCP super-packet 10.1.1.10:40000 -> 10.3.3.10:5201, DF, TTL 63,
 * id 0x1234, seq 0x01020304, ack 0xa0b0c0d0, ACK|PSH (|FIN), timestamps
 * (12 option bytes: 52 header bytes), payload of plen pseudo-random bytes.
 * Its checksums as the stack leaves them for TSO: IP right, TCP partial.
 */
static size_t
make_tcp(uint8_t *p, size_t plen, uint8_t flags, unsigned seed)
{
	static const uint8_t	 hdr[] = {
		0x45, 0x00, 0, 0, 0x12, 0x34, 0x40, 0x00, 63, 6, 0, 0,
		10, 1, 1, 10, 10, 3, 3, 10,
		0x9c, 0x40, 0x14, 0x51, 0x01, 0x02, 0x03, 0x04,
		0xa0, 0xb0, 0xc0, 0xd0, 0x80, 0x18, 0x01, 0xf6, 0, 0, 0, 0,
		0x01, 0x01, 0x08, 0x0a, 0x11, 0x22, 0x33, 0x44,
		0x55, 0x66, 0x77, 0x88,
	};
	size_t		 i, len = sizeof(hdr) + plen;

	memcpy(p, hdr, sizeof(hdr));
	p[33] = flags;
	put16(p + 2, (uint16_t)len);
	srand(seed);
	for (i = 0; i < plen; i++)
		p[sizeof(hdr) + i] = (uint8_t)rand();
	put16(p + 10, ref_ip_csum(p));
	return len;
}

/* Joins a segment's headers and payload. */
static size_t
seg_bytes(uint8_t *out, const uint8_t *h, size_t hlen, const uint8_t *pay,
    size_t plen)
{
	memcpy(out, h, hlen);
	if (plen > 0)
		memcpy(out + hlen, pay, plen);
	return hlen + plen;
}

START_TEST(the_checksum_matches_rfc1071_for_every_length_and_alignment)
{
	static uint8_t	 b[3000];
	size_t		 i, n, a;

	srand(7);
	for (i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)rand();
	for (a = 0; a < 8; a++)
		for (n = 0; n + a <= sizeof(b); n += (n < 80 ? 1 : 97)) {
			ck_assert_uint_eq(lisp_csum(0, b + a, n),
			    ref_sum(0, b + a, n));
			ck_assert_uint_eq(lisp_csum(0x1ffff, b + a, n),
			    ref_sum(0x1ffff, b + a, n));
		}
	memset(b, 0xff, 64);
	ck_assert_uint_eq(lisp_csum(0, b, 64), 0xffff);
	ck_assert_uint_eq(lisp_csum(0, b, 0), 0);
}
END_TEST

START_TEST(the_checksum_of_megabytes_of_ones_does_not_overflow)
{
	/* Longer than the 65,536 rounds of 32 bytes a vector lane takes
	 * before it is folded, every half-word at its largest. */
	size_t	 n = (5u << 20) - 3;
	uint8_t	*big = malloc(n);

	ck_assert_ptr_nonnull(big);
	memset(big, 0xff, n);
	ck_assert_uint_eq(lisp_csum(0, big, n), ref_sum(0, big, n));
	ck_assert_uint_eq(lisp_csum(0x1ffff, big + 1, n - 1),
	    ref_sum(0x1ffff, big + 1, n - 1));
	free(big);
}
END_TEST

START_TEST(a_small_segment_has_the_checksums_worked_out_by_hand)
{
	/* Two 1-byte segments of "AB" with no options: the second (the
	 * last, so it keeps PSH) has IP id 0x1235, total length 41, seq
	 * 0x01020305.  Its IP checksum: 0x4500 + 0x0029 + 0x1235 + 0x4000 +
	 * 0x3f06 + 0x0a01 + 0x010a + 0x0a03 + 0x030a = 0xee7c -> ~ =
	 * 0x1183.  Its TCP checksum: pseudo-header 0x0a01 + 0x010a +
	 * 0x0a03 + 0x030a + 6 + 21 = 0x1833; header 0x9c40 + 0x1451 +
	 * 0x0102 + 0x0305 + 0xa0b0 + 0xc0d0 + 0x5018 + 0x01f6 = 0x26826 ->
	 * 0x6828; data 0x4200 ("B" padded); 0x1833 + 0x6828 + 0x4200 =
	 * 0xc25b -> ~ = 0x3da4. */
	static uint8_t		 p[64], h[LISP_GSO_HDR_MAX];
	struct lisp_vnet	 v = { .gso_type = LISP_VNET_GSO_TCPV4,
	    .gso_size = 1 };
	struct lisp_gso		 g;
	const uint8_t		*pay;
	size_t			 plen;

	make_tcp(p, 0, 0x18, 1);
	/* No options: a 20-byte TCP header, then "AB". */
	p[32] = 0x50;
	p[40] = 'A';
	p[41] = 'B';
	put16(p + 2, 42);
	put16(p + 10, ref_ip_csum(p));
	ck_assert_int_eq(lisp_gso_start(&g, p, 42, &v, 1500), 0);
	ck_assert_uint_eq(g.nseg, 2);
	ck_assert_int_eq(lisp_gso_next(&g, h, &pay, &plen), 1);
	ck_assert_int_eq(lisp_gso_next(&g, h, &pay, &plen), 1);
	ck_assert_uint_eq(plen, 1);
	ck_assert_uint_eq(pay[0], 'B');
	ck_assert_uint_eq(get16(h + 2), 41);
	ck_assert_uint_eq(get16(h + 4), 0x1235);
	ck_assert_uint_eq(get16(h + 10), 0x1183);
	ck_assert_uint_eq(get32(h + 24), 0x01020305);
	ck_assert_uint_eq(h[33], 0x18);
	ck_assert_uint_eq(get16(h + 36), 0x3da4);
	ck_assert_int_eq(lisp_gso_next(&g, h, &pay, &plen), 0);
}
END_TEST

START_TEST(a_tso_super_packet_is_cut_into_whole_valid_tcp_packets)
{
	static uint8_t		 p[70000], h[LISP_GSO_HDR_MAX], s[2000];
	struct lisp_vnet	 v = { .flags = LISP_VNET_F_NEEDS_CSUM,
	    .gso_type = LISP_VNET_GSO_TCPV4, .hdr_len = 52, .gso_size = 1400,
	    .csum_start = 20, .csum_offset = 16 };
	static const size_t	 sizes[] = { 1, 1399, 1400, 1401, 10000,
	    65535 - 52 };
	struct lisp_gso		 g;
	const uint8_t		*pay;
	size_t			 len, plen, k, n, seen;
	unsigned		 i;

	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		len = make_tcp(p, sizes[k], 0x19, (unsigned)k);	/* +FIN */
		ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1464), 0);
		ck_assert_uint_eq(g.hlen, 52);
		ck_assert_uint_eq(g.nseg, (sizes[k] + 1399) / 1400);
		seen = 0;
		for (i = 0; lisp_gso_next(&g, h, &pay, &plen); i++) {
			n = seg_bytes(s, h, g.hlen, pay, plen);
			ck_assert_uint_le(n, 1464);
			ck_assert_uint_eq(plen, i + 1 < g.nseg ? 1400 :
			    sizes[k] - seen);
			ck_assert_uint_eq(get16(s + 2), n);
			ck_assert_uint_eq(get16(s + 4), 0x1234 + i);
			ck_assert_uint_eq(get16(s + 10), ref_ip_csum(s));
			ck_assert_uint_eq(get32(s + 24), 0x01020304 + seen);
			ck_assert_uint_eq(s[33], i + 1 < g.nseg ? 0x10 : 0x19);
			ck_assert_uint_eq(get16(s + 36), ref_l4_csum(s, n));
			ck_assert_mem_eq(s + 40, p + 40, 12);	/* options */
			ck_assert_mem_eq(s + 52, p + 52 + seen, plen);
			seen += plen;
		}
		ck_assert_uint_eq(i, g.nseg);
		ck_assert_uint_eq(seen, sizes[k]);
	}
}
END_TEST

START_TEST(the_path_mtu_caps_the_segment_size)
{
	static uint8_t		 p[20000], h[LISP_GSO_HDR_MAX];
	struct lisp_vnet	 v = { .gso_type = LISP_VNET_GSO_TCPV4,
	    .gso_size = 1448 };
	struct lisp_gso		 g;
	const uint8_t		*pay;
	size_t			 len, plen;

	len = make_tcp(p, 9000, 0x10, 3);
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1000), 0);
	ck_assert_uint_eq(g.mss, 1000 - 52);
	while (lisp_gso_next(&g, h, &pay, &plen))
		ck_assert_uint_le(g.hlen + plen, 1000);
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 52), LISP_E_NOSPACE);
}
END_TEST

START_TEST(a_uso_super_packet_is_cut_into_udp_datagrams)
{
	static uint8_t		 p[5000], h[LISP_GSO_HDR_MAX], s[2000];
	struct lisp_vnet	 v = { .gso_type = LISP_VNET_GSO_UDP_L4,
	    .gso_size = 1000 };
	struct lisp_gso		 g;
	const uint8_t		*pay;
	size_t			 len = 20 + 8 + 2500, plen, n, i;

	memset(p, 0, sizeof(p));
	p[0] = 0x45;
	put16(p + 2, (uint16_t)len);
	p[8] = 64;
	p[9] = 17;
	p[12] = 10; p[13] = 1; p[14] = 1; p[15] = 10;
	p[16] = 10; p[17] = 3; p[18] = 3; p[19] = 10;
	put16(p + 20, 5000);
	put16(p + 22, 5001);
	for (i = 28; i < len; i++)
		p[i] = (uint8_t)(i * 7);
	put16(p + 10, ref_ip_csum(p));
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1500), 0);
	ck_assert_uint_eq(g.nseg, 3);
	for (i = 0; lisp_gso_next(&g, h, &pay, &plen); i++) {
		n = seg_bytes(s, h, g.hlen, pay, plen);
		ck_assert_uint_eq(plen, i < 2 ? 1000 : 500);
		ck_assert_uint_eq(get16(s + 24), 8 + plen);
		ck_assert_uint_eq(get16(s + 26), ref_l4_csum(s, n));
		ck_assert_uint_eq(get16(s + 10), ref_ip_csum(s));
	}
	/* A TCP type over a UDP packet, and the reverse, are refused. */
	v.gso_type = LISP_VNET_GSO_TCPV4;
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1500), LISP_E_INNER);
}
END_TEST

START_TEST(malformed_super_packets_are_refused)
{
	static uint8_t		 p[3000];
	struct lisp_vnet	 v = { .gso_type = LISP_VNET_GSO_TCPV4,
	    .gso_size = 1000 };
	struct lisp_gso		 g;
	size_t			 len;

	len = make_tcp(p, 2000, 0x10, 4);
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1500), 0);
	ck_assert_int_eq(lisp_gso_start(&g, p, len - 1, &v, 1500),
	    LISP_E_INNER);			/* length disagrees */
	ck_assert_int_eq(lisp_gso_start(&g, p, 30, &v, 1500), LISP_E_INNER);
	p[6] |= 0x20;				/* MF: a fragment */
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1500), LISP_E_INNER);
	p[6] &= 0xdf;
	p[32] = 0x40;				/* TCP offset 16 */
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1500), LISP_E_INNER);
	p[32] = 0x80;
	p[0] = 0x44;				/* IHL 16 */
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1500), LISP_E_INNER);
	p[0] = 0x45;
	v.gso_size = 0;
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1500), LISP_E_INNER);
	v.gso_size = 1000;
	v.gso_type = LISP_VNET_GSO_TCPV6;
	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 1500), LISP_E_INNER);
}
END_TEST

START_TEST(a_partial_checksum_is_completed_as_virtio_says)
{
	static uint8_t		 p[3000];
	struct lisp_vnet	 v = { .flags = LISP_VNET_F_NEEDS_CSUM,
	    .csum_start = 20, .csum_offset = 16 };
	size_t			 len, l4;
	uint32_t		 ph;

	len = make_tcp(p, 1001, 0x18, 5);
	l4 = len - 20;
	/* The stack leaves the pseudo-header sum in the field. */
	ph = get16(p + 12) + get16(p + 14) + get16(p + 16) + get16(p + 18) +
	    6 + (uint32_t)l4;
	put16(p + 36, ref_sum(ph, NULL, 0));
	ck_assert_int_eq(lisp_csum_complete(p, len, &v), 0);
	ck_assert_uint_eq(get16(p + 36), ref_l4_csum(p, len));
	v.csum_offset = (uint16_t)(len - 20 - 1);
	ck_assert_int_eq(lisp_csum_complete(p, len, &v), LISP_E_INNER);
	v.csum_start = (uint16_t)(len + 1);
	v.csum_offset = 0;
	ck_assert_int_eq(lisp_csum_complete(p, len, &v), LISP_E_INNER);
}
END_TEST

START_TEST(a_gro_datagram_splits_at_its_segment_size)
{
	static uint8_t	 b[5000];
	const uint8_t	*p;
	size_t		 off = 0, n, lens[8], k = 0;

	while (lisp_gro_next(b, 3500, 1200, &off, &p, &n) && k < 8) {
		ck_assert_ptr_eq(p, b + 1200 * k);
		lens[k++] = n;
	}
	ck_assert_uint_eq(k, 3);
	ck_assert_uint_eq(lens[0], 1200);
	ck_assert_uint_eq(lens[1], 1200);
	ck_assert_uint_eq(lens[2], 1100);
	off = 0;
	ck_assert_int_eq(lisp_gro_next(b, 700, 0, &off, &p, &n), 1);
	ck_assert_uint_eq(n, 700);
	ck_assert_int_eq(lisp_gro_next(b, 700, 0, &off, &p, &n), 0);
	off = 0;
	ck_assert_int_eq(lisp_gro_next(b, 0, 1200, &off, &p, &n), 0);
	off = 0;
	ck_assert_int_eq(lisp_gro_next(b, 2400, 1200, &off, &p, &n), 1);
	ck_assert_int_eq(lisp_gro_next(b, 2400, 1200, &off, &p, &n), 1);
	ck_assert_int_eq(lisp_gro_next(b, 2400, 1200, &off, &p, &n), 0);
}
END_TEST

/* Cuts a super-packet into whole segments, one after the other in segs
 * (each at segs + i * 2000), with their lengths. */
static unsigned
cut(uint8_t *segs, size_t *lens, const uint8_t *p, size_t len,
    size_t mss)
{
	struct lisp_vnet	 v = { .gso_type = LISP_VNET_GSO_TCPV4,
	    .gso_size = (uint16_t)mss };
	struct lisp_gso		 g;
	uint8_t			 h[LISP_GSO_HDR_MAX];
	const uint8_t		*pay;
	size_t			 plen;
	unsigned		 i = 0;

	ck_assert_int_eq(lisp_gso_start(&g, p, len, &v, 65535), 0);
	while (lisp_gso_next(&g, h, &pay, &plen)) {
		lens[i] = seg_bytes(segs + i * 2000, h, g.hlen, pay, plen);
		i++;
	}
	return i;
}

START_TEST(merged_segments_cut_again_give_the_same_bytes)
{
	static uint8_t		 p[70000], segs[64 * 2000], m[70000];
	static struct lisp_coal	 c;
	struct lisp_vnet	 v;
	size_t			 lens[64], len, hl, off, k, mlen;
	unsigned		 n, i;

	len = make_tcp(p, 30000, 0x18, 9);
	n = cut(segs, lens, p, len, 1400);
	ck_assert_uint_eq(n, 22);
	lisp_coal_reset(&c);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(lisp_coal_add(&c, segs + i * 2000, lens[i]),
		    1);
	hl = lisp_coal_finish(&c);
	ck_assert_uint_eq(hl, LISP_VNET_HDR_LEN + 52);
	ck_assert_int_eq(lisp_vnet_decode(c.hdr, hl, &v), 0);
	ck_assert_uint_eq(v.flags, LISP_VNET_F_NEEDS_CSUM);
	ck_assert_uint_eq(v.gso_type, LISP_VNET_GSO_TCPV4);
	ck_assert_uint_eq(v.gso_size, 1400);
	ck_assert_uint_eq(v.hdr_len, 52);
	ck_assert_uint_eq(v.csum_start, 20);
	ck_assert_uint_eq(v.csum_offset, 16);
	/* The merged packet: the original super-packet's headers (PSH
	 * from the last segment), the pseudo-header sum in the field. */
	mlen = hl - LISP_VNET_HDR_LEN;
	memcpy(m, c.hdr + LISP_VNET_HDR_LEN, mlen);
	for (k = 0, off = mlen; k < c.n; k++) {
		memcpy(m + off, c.pay[k], c.plen[k]);
		off += c.plen[k];
	}
	ck_assert_uint_eq(off, len);
	ck_assert_uint_eq(get16(m + 10), ref_ip_csum(m));
	ck_assert_mem_eq(m, p, 36);
	ck_assert_mem_eq(m + 38, p + 38, len - 38);
	ck_assert_uint_eq(get16(m + 36), ref_sum(get16(m + 12) +
	    get16(m + 14) + get16(m + 16) + get16(m + 18) + 6 +
	    (uint32_t)(len - 20), NULL, 0));
	/* Cut again: the same segments, byte for byte. */
	{
		static uint8_t	 segs2[64 * 2000];
		size_t		 lens2[64];

		ck_assert_uint_eq(cut(segs2, lens2, m, len, v.gso_size), n);
		for (i = 0; i < n; i++) {
			ck_assert_uint_eq(lens2[i], lens[i]);
			ck_assert_mem_eq(segs2 + i * 2000, segs + i * 2000,
			    lens[i]);
		}
	}
}
END_TEST

START_TEST(segments_that_do_not_continue_the_flow_are_not_merged)
{
	static uint8_t		 p[20000], segs[16 * 2000], x[2000];
	static struct lisp_coal	 c;
	size_t			 lens[16], len;
	unsigned		 n;

	len = make_tcp(p, 5600, 0x10, 11);
	n = cut(segs, lens, p, len, 1400);
	ck_assert_uint_eq(n, 4);

	/* One segment alone is written as it came: no offload. */
	lisp_coal_reset(&c);
	ck_assert_int_eq(lisp_coal_add(&c, segs, lens[0]), 1);
	ck_assert_uint_eq(lisp_coal_finish(&c), LISP_VNET_HDR_LEN + 52);
	ck_assert_uint_eq(c.hdr[0], 0);
	ck_assert_uint_eq(c.hdr[1], LISP_VNET_GSO_NONE);
	ck_assert_mem_eq(c.hdr + LISP_VNET_HDR_LEN, segs, 52);

	/* Out of order. */
	lisp_coal_reset(&c);
	ck_assert_int_eq(lisp_coal_add(&c, segs, lens[0]), 1);
	ck_assert_int_eq(lisp_coal_add(&c, segs + 2 * 2000, lens[2]), 0);
	/* Another flow (port), rechecksummed so that only the port differs. */
	memcpy(x, segs + 2000, lens[1]);
	x[21]++;
	put16(x + 36, ref_l4_csum(x, lens[1]));
	ck_assert_int_eq(lisp_coal_add(&c, x, lens[1]), 0);
	/* A bad TCP checksum is never merged. */
	memcpy(x, segs + 2000, lens[1]);
	x[100] ^= 1;
	ck_assert_int_eq(lisp_coal_add(&c, x, lens[1]), -1);
	/* A bad IP checksum neither. */
	memcpy(x, segs + 2000, lens[1]);
	x[10] ^= 1;
	ck_assert_int_eq(lisp_coal_add(&c, x, lens[1]), -1);
	/* A SYN, an ACK without data, UDP: never. */
	memcpy(x, segs + 2000, lens[1]);
	x[33] = 0x12;
	put16(x + 36, ref_l4_csum(x, lens[1]));
	ck_assert_int_eq(lisp_coal_add(&c, x, lens[1]), -1);
	ck_assert_int_eq(lisp_coal_add(&c, segs, 52), -1);
	/* The next one in order joins. */
	ck_assert_int_eq(lisp_coal_add(&c, segs + 2000, lens[1]), 1);
	ck_assert_uint_eq(c.n, 2);

	/* After a short one (the last of a burst) nothing joins. */
	len = make_tcp(p, 2900, 0x10, 12);
	n = cut(segs, lens, p, len, 1400);
	ck_assert_uint_eq(n, 3);
	lisp_coal_reset(&c);
	ck_assert_int_eq(lisp_coal_add(&c, segs, lens[0]), 1);
	ck_assert_int_eq(lisp_coal_add(&c, segs + 2000, lens[1]), 1);
	ck_assert_int_eq(lisp_coal_add(&c, segs + 4000, lens[2]), 1);
	ck_assert_int_eq(lisp_coal_add(&c, segs, lens[0]), 0);
	/* After a PSH neither. */
	len = make_tcp(p, 2800, 0x18, 13);
	n = cut(segs, lens, p, len, 1400);
	ck_assert_uint_eq(n, 2);
	lisp_coal_reset(&c);
	ck_assert_int_eq(lisp_coal_add(&c, segs, lens[0]), 1);
	ck_assert_int_eq(lisp_coal_add(&c, segs + 2000, lens[1]), 1);
	ck_assert_uint_eq(c.closed, 1);
}
END_TEST

START_TEST(the_virtio_header_is_host_order_and_round_trips)
{
	struct lisp_vnet	 v = { 1, 5, 0x1234, 0x0567, 20, 6 }, w;
	uint8_t			 b[LISP_VNET_HDR_LEN];
	uint16_t		 x;

	lisp_vnet_encode(b, &v);
	memcpy(&x, b + 4, 2);
	ck_assert_uint_eq(x, 0x0567);
	ck_assert_int_eq(lisp_vnet_decode(b, sizeof(b), &w), 0);
	ck_assert_mem_eq(&v, &w, sizeof(v));
	ck_assert_int_eq(lisp_vnet_decode(b, 9, &w), LISP_E_SHORT);
}
END_TEST

static Suite *
gso_suite(void)
{
	Suite	*s = suite_create("gso");
	TCase	*t = tcase_create("offloads");

	tcase_add_test(t,
	    the_checksum_matches_rfc1071_for_every_length_and_alignment);
	tcase_add_test(t, the_checksum_of_megabytes_of_ones_does_not_overflow);
	tcase_add_test(t, a_small_segment_has_the_checksums_worked_out_by_hand);
	tcase_add_test(t, a_tso_super_packet_is_cut_into_whole_valid_tcp_packets);
	tcase_add_test(t, the_path_mtu_caps_the_segment_size);
	tcase_add_test(t, a_uso_super_packet_is_cut_into_udp_datagrams);
	tcase_add_test(t, malformed_super_packets_are_refused);
	tcase_add_test(t, a_partial_checksum_is_completed_as_virtio_says);
	tcase_add_test(t, a_gro_datagram_splits_at_its_segment_size);
	tcase_add_test(t, merged_segments_cut_again_give_the_same_bytes);
	tcase_add_test(t,
	    segments_that_do_not_continue_the_flow_are_not_merged);
	tcase_add_test(t, the_virtio_header_is_host_order_and_round_trips);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return unit_run(gso_suite());
}
