/*
 * Unit tests for platform/ipc: the frame codec.  Malformed frames are built
 * byte by byte, so each test names exactly the defect it checks.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform/ipc.h"
#include "tests/unit/unit.h"

/* A frame under construction, written by hand. */
struct raw {
	uint8_t	 b[512];
	size_t	 len;
};

static void
raw_u8(struct raw *r, uint8_t v)
{
	ck_assert_uint_lt(r->len, sizeof(r->b));
	r->b[r->len++] = v;
}

static void
raw_u16(struct raw *r, uint16_t v)
{
	raw_u8(r, v >> 8);
	raw_u8(r, v & 0xff);
}

static void
raw_u32(struct raw *r, uint32_t v)
{
	raw_u16(r, v >> 16);
	raw_u16(r, v & 0xffff);
}

static void
raw_bytes(struct raw *r, const void *p, size_t n)
{
	ck_assert_uint_le(n, sizeof(r->b) - r->len);
	memcpy(r->b + r->len, p, n);
	r->len += n;
}

/* A header for a payload of plen bytes. */
static void
raw_hdr(struct raw *r, uint8_t version, uint16_t type, uint32_t plen)
{
	r->len = 0;
	raw_u8(r, version);
	raw_u8(r, 0);
	raw_u16(r, type);
	raw_u32(r, 77);
	raw_u32(r, plen);
}

static void
raw_field(struct raw *r, uint16_t tag, uint8_t kind, const void *v,
    uint32_t n)
{
	raw_u16(r, tag);
	raw_u8(r, kind);
	raw_u8(r, 0);
	raw_u32(r, n);
	raw_bytes(r, v, n);
}

/* Fixes up the header's length to what follows it. */
static void
raw_seal(struct raw *r)
{
	uint32_t	 plen = (uint32_t)(r->len - IPC_HDR_LEN);

	r->b[8] = plen >> 24;
	r->b[9] = (plen >> 16) & 0xff;
	r->b[10] = (plen >> 8) & 0xff;
	r->b[11] = plen & 0xff;
}

static int
raw_parse(const struct raw *r)
{
	struct ipc_msg	*m = NULL;
	int		 rc;

	rc = ipc_msg_parse(r->b, r->len, &m);
	if (rc != 0)
		ck_assert_ptr_null(m);
	ipc_msg_free(m);
	return rc;
}

static struct ipc_msg *
reparse(const struct ipc_msg *m)
{
	struct ipc_msg	*p = NULL;
	const void	*wire;
	size_t		 len;

	wire = ipc_msg_wire(m, &len);
	ck_assert_int_eq(ipc_msg_parse(wire, len, &p), 0);
	ck_assert_ptr_nonnull(p);
	return p;
}

START_TEST(every_field_kind_survives_a_round_trip_through_the_wire)
{
	struct ipc_msg	*m, *p;
	const uint8_t	 blob[] = { 0, 1, 2, 0, 0xff };
	const void	*bytes;
	const char	*s;
	uint64_t	 v64;
	uint32_t	 v32;
	size_t		 n, wlen, plen;

	m = ipc_msg_new(IPC_SYS_INFO, 0xdeadbeef);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(ipc_msg_add_u32(m, IPC_T_CHANGED, 0xfffffffe), 0);
	ck_assert_int_eq(ipc_msg_add_u64(m, IPC_T_UPTIME,
	    UINT64_C(0x0102030405060708)), 0);
	ck_assert_int_eq(ipc_msg_add_str(m, IPC_T_HOSTNAME, "Router"), 0);
	ck_assert_int_eq(ipc_msg_add_str(m, IPC_T_TEXT, ""), 0);
	ck_assert_int_eq(ipc_msg_add_strn(m, IPC_T_LINE, "hostname R1xx",
	    11), 0);
	ck_assert_int_eq(ipc_msg_add_bytes(m, IPC_T_VALUE, blob,
	    sizeof(blob)), 0);
	ck_assert_int_eq(ipc_msg_add_bytes(m, IPC_T_FILE, NULL, 0), 0);

	p = reparse(m);
	ck_assert_uint_eq(ipc_msg_type(p), IPC_SYS_INFO);
	ck_assert_uint_eq(ipc_msg_reqid(p), 0xdeadbeef);
	ck_assert_uint_eq(ipc_msg_flags(p), 0);
	ck_assert_int_eq(ipc_msg_get_u32(p, IPC_T_CHANGED, &v32), 0);
	ck_assert_uint_eq(v32, 0xfffffffe);
	ck_assert_int_eq(ipc_msg_get_u64(p, IPC_T_UPTIME, &v64), 0);
	ck_assert(v64 == UINT64_C(0x0102030405060708));
	ck_assert_int_eq(ipc_msg_get_str(p, IPC_T_HOSTNAME, &s), 0);
	ck_assert_str_eq(s, "Router");
	ck_assert_int_eq(ipc_msg_get_str(p, IPC_T_TEXT, &s), 0);
	ck_assert_str_eq(s, "");
	ck_assert_int_eq(ipc_msg_get_str(p, IPC_T_LINE, &s), 0);
	ck_assert_str_eq(s, "hostname R1");
	ck_assert_int_eq(ipc_msg_get_bytes(p, IPC_T_VALUE, &bytes, &n), 0);
	ck_assert_uint_eq(n, sizeof(blob));
	ck_assert_mem_eq(bytes, blob, sizeof(blob));
	ck_assert_int_eq(ipc_msg_get_bytes(p, IPC_T_FILE, &bytes, &n), 0);
	ck_assert_uint_eq(n, 0);

	/* The parsed message serialises to the very same bytes. */
	ck_assert_ptr_nonnull(ipc_msg_wire(m, &wlen));
	ck_assert_ptr_nonnull(ipc_msg_wire(p, &plen));
	ck_assert_uint_eq(wlen, plen);
	ck_assert_mem_eq(ipc_msg_wire(m, &wlen), ipc_msg_wire(p, &plen),
	    wlen);
	ipc_msg_free(p);
	ipc_msg_free(m);
}
END_TEST

START_TEST(the_wire_layout_is_the_one_the_header_documents)
{
	static const uint8_t	 want[] = {
		1, 0, 0, 102, 0, 0, 0, 9, 0, 0, 0, 24,
		0, 3, 1, 0, 0, 0, 0, 4, 0, 0, 0, 5,
		0, 4, 3, 0, 0, 0, 0, 4, 'a', 'b', 'c', 0,
	};
	struct ipc_msg		*m;
	const void		*wire;
	size_t			 len;

	m = ipc_msg_new(IPC_SYS_INFO, 9);
	ck_assert_int_eq(ipc_msg_add_u32(m, IPC_T_STATUS, 5), 0);
	ck_assert_int_eq(ipc_msg_add_str(m, IPC_T_TEXT, "abc"), 0);
	wire = ipc_msg_wire(m, &len);
	ck_assert_uint_eq(len, sizeof(want));
	ck_assert_mem_eq(wire, want, sizeof(want));
	ipc_msg_free(m);
}
END_TEST

START_TEST(a_message_without_fields_round_trips)
{
	struct ipc_msg	*m, *p;
	size_t		 len;

	m = ipc_msg_new(IPC_END, 3);
	ipc_msg_wire(m, &len);
	ck_assert_uint_eq(len, IPC_HDR_LEN);
	p = reparse(m);
	ck_assert_uint_eq(ipc_msg_type(p), IPC_END);
	ck_assert_uint_eq(ipc_msg_count(p, IPC_T_STATUS), 0);
	ipc_msg_free(p);
	ipc_msg_free(m);
}
END_TEST

START_TEST(frame_len_reports_short_for_every_partial_header)
{
	struct ipc_msg	*m;
	const void	*wire;
	size_t		 len, flen, i;

	m = ipc_msg_new(IPC_DATA, 1);
	ipc_msg_add_str(m, IPC_T_TEXT, "hello");
	wire = ipc_msg_wire(m, &len);
	for (i = 0; i < IPC_HDR_LEN; i++) {
		flen = 12345;
		ck_assert_int_eq(ipc_frame_len(wire, i, &flen), IPC_E_SHORT);
		ck_assert_uint_eq(flen, 12345);
	}
	/* A whole header is enough, even when the fields are not there. */
	for (i = IPC_HDR_LEN; i <= len; i++) {
		ck_assert_int_eq(ipc_frame_len(wire, i, &flen), 0);
		ck_assert_uint_eq(flen, len);
	}
	ipc_msg_free(m);
}
END_TEST

START_TEST(frame_len_refuses_another_version_and_an_oversized_payload)
{
	struct raw	 r;
	size_t		 flen;

	raw_hdr(&r, IPC_VERSION + 1, IPC_DATA, 0);
	ck_assert_int_eq(ipc_frame_len(r.b, r.len, &flen), IPC_E_VERSION);
	ck_assert_int_eq(raw_parse(&r), IPC_E_VERSION);
	raw_hdr(&r, IPC_VERSION, IPC_DATA, IPC_MAX_PAYLOAD + 1);
	ck_assert_int_eq(ipc_frame_len(r.b, r.len, &flen), IPC_E_TOOBIG);
	ck_assert_int_eq(raw_parse(&r), IPC_E_TOOBIG);
	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0xffffffff);
	ck_assert_int_eq(ipc_frame_len(r.b, r.len, &flen), IPC_E_TOOBIG);
	raw_hdr(&r, IPC_VERSION, IPC_DATA, IPC_MAX_PAYLOAD);
	ck_assert_int_eq(ipc_frame_len(r.b, r.len, &flen), 0);
	ck_assert_uint_eq(flen, IPC_MAX_PAYLOAD + IPC_HDR_LEN);
}
END_TEST

START_TEST(frame_reqid_reads_the_reqid_of_any_whole_header)
{
	struct raw	 r;
	uint32_t	 reqid = 0;

	raw_hdr(&r, 9, IPC_HELLO, 0xffffffff);
	ck_assert_int_eq(ipc_frame_reqid(r.b, r.len, &reqid), 0);
	ck_assert_uint_eq(reqid, 77);
	ck_assert_int_eq(ipc_frame_reqid(r.b, IPC_HDR_LEN - 1, &reqid),
	    IPC_E_SHORT);
}
END_TEST

START_TEST(a_buffer_that_disagrees_with_the_header_length_is_rejected)
{
	struct raw	 r;
	uint32_t	 v = 0;

	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
	raw_field(&r, IPC_T_COUNT, IPC_K_U32, &v, 4);
	raw_seal(&r);
	ck_assert_int_eq(raw_parse(&r), 0);
	r.len--;
	ck_assert_int_eq(raw_parse(&r), IPC_E_SHORT);
	r.len += 2;
	ck_assert_int_eq(raw_parse(&r), IPC_E_FIELD);
	ck_assert_int_eq(ipc_msg_parse(r.b, 5, &(struct ipc_msg *){ NULL }),
	    IPC_E_SHORT);
}
END_TEST

START_TEST(a_field_of_unknown_kind_is_rejected)
{
	struct raw	 r;
	uint32_t	 v = 0;
	uint8_t		 kind;

	for (kind = 0; kind < 255; kind++) {
		if (kind >= IPC_K_U32 && kind <= IPC_K_BYTES)
			continue;
		raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
		raw_field(&r, IPC_T_COUNT, kind, &v, 4);
		raw_seal(&r);
		ck_assert_int_eq(raw_parse(&r), IPC_E_FIELD);
	}
}
END_TEST

START_TEST(a_number_field_of_the_wrong_length_is_rejected)
{
	struct raw	 r;
	uint8_t		 v[16] = { 0 };
	uint32_t	 n;

	for (n = 0; n <= 16; n++) {
		raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
		raw_field(&r, IPC_T_COUNT, IPC_K_U32, v, n);
		raw_seal(&r);
		ck_assert_int_eq(raw_parse(&r), n == 4 ? 0 : IPC_E_FIELD);
		raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
		raw_field(&r, IPC_T_UPTIME, IPC_K_U64, v, n);
		raw_seal(&r);
		ck_assert_int_eq(raw_parse(&r), n == 8 ? 0 : IPC_E_FIELD);
	}
}
END_TEST

START_TEST(a_string_without_its_terminating_nul_is_rejected)
{
	struct raw	 r;

	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
	raw_field(&r, IPC_T_TEXT, IPC_K_STR, "abc", 3);
	raw_seal(&r);
	ck_assert_int_eq(raw_parse(&r), IPC_E_FIELD);
	/* The empty string still needs its NUL. */
	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
	raw_field(&r, IPC_T_TEXT, IPC_K_STR, "", 0);
	raw_seal(&r);
	ck_assert_int_eq(raw_parse(&r), IPC_E_FIELD);
}
END_TEST

START_TEST(a_string_with_a_nul_inside_is_rejected)
{
	struct raw	 r;

	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
	raw_field(&r, IPC_T_TEXT, IPC_K_STR, "ab\0c", 5);
	raw_seal(&r);
	ck_assert_int_eq(raw_parse(&r), IPC_E_FIELD);
	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
	raw_field(&r, IPC_T_TEXT, IPC_K_STR, "\0", 2);
	raw_seal(&r);
	ck_assert_int_eq(raw_parse(&r), IPC_E_FIELD);
}
END_TEST

START_TEST(a_field_that_overruns_the_payload_is_rejected)
{
	struct raw	 r;

	/* The value is longer than what is left of the frame. */
	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
	raw_u16(&r, IPC_T_TEXT);
	raw_u8(&r, IPC_K_STR);
	raw_u8(&r, 0);
	raw_u32(&r, 6);
	raw_bytes(&r, "abc", 4);
	raw_seal(&r);
	ck_assert_int_eq(raw_parse(&r), IPC_E_SHORT);
	/* A length near 2^32 must not wrap. */
	r.b[IPC_HDR_LEN + 4] = 0xff;
	r.b[IPC_HDR_LEN + 5] = 0xff;
	r.b[IPC_HDR_LEN + 6] = 0xff;
	r.b[IPC_HDR_LEN + 7] = 0xff;
	ck_assert_int_eq(raw_parse(&r), IPC_E_SHORT);
	/* The field header itself is cut. */
	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
	raw_u16(&r, IPC_T_TEXT);
	raw_u8(&r, IPC_K_STR);
	raw_seal(&r);
	ck_assert_int_eq(raw_parse(&r), IPC_E_SHORT);
}
END_TEST

START_TEST(a_field_with_a_nonzero_reserved_byte_is_rejected)
{
	struct raw	 r;
	uint32_t	 v = 0;

	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
	raw_field(&r, IPC_T_COUNT, IPC_K_U32, &v, 4);
	raw_seal(&r);
	r.b[IPC_HDR_LEN + 3] = 1;
	ck_assert_int_eq(raw_parse(&r), IPC_E_FIELD);
}
END_TEST

START_TEST(one_bad_field_after_good_ones_rejects_the_whole_message)
{
	struct raw	 r;
	uint32_t	 v = 0;

	raw_hdr(&r, IPC_VERSION, IPC_DATA, 0);
	raw_field(&r, IPC_T_COUNT, IPC_K_U32, &v, 4);
	raw_field(&r, IPC_T_TEXT, IPC_K_STR, "ok", 3);
	raw_field(&r, IPC_T_TEXT, IPC_K_STR, "bad", 3);
	raw_seal(&r);
	ck_assert_int_eq(raw_parse(&r), IPC_E_FIELD);
}
END_TEST

START_TEST(getters_report_missing_tags_and_other_kinds)
{
	struct ipc_msg	*m;
	const void	*bytes;
	const char	*s;
	uint64_t	 v64;
	uint32_t	 v32;
	size_t		 n, iter = 0;

	m = ipc_msg_new(IPC_DATA, 1);
	ipc_msg_add_str(m, IPC_T_TEXT, "x");
	ipc_msg_add_u32(m, IPC_T_COUNT, 3);
	ck_assert_int_eq(ipc_msg_get_u32(m, IPC_T_STATUS, &v32),
	    IPC_E_NOFIELD);
	ck_assert_int_eq(ipc_msg_get_u32(m, IPC_T_TEXT, &v32), IPC_E_KIND);
	ck_assert_int_eq(ipc_msg_get_u64(m, IPC_T_COUNT, &v64), IPC_E_KIND);
	ck_assert_int_eq(ipc_msg_get_str(m, IPC_T_COUNT, &s), IPC_E_KIND);
	ck_assert_int_eq(ipc_msg_get_bytes(m, IPC_T_TEXT, &bytes, &n),
	    IPC_E_KIND);
	ck_assert_int_eq(ipc_msg_next_str(m, IPC_T_COUNT, &iter, &s),
	    IPC_E_KIND);
	iter = 0;
	ck_assert_int_eq(ipc_msg_next_u32(m, IPC_T_TEXT, &iter, &v32),
	    IPC_E_KIND);
	iter = 0;
	ck_assert_int_eq(ipc_msg_next_str(m, IPC_T_LINE, &iter, &s), 0);
	ipc_msg_free(m);
}
END_TEST

START_TEST(repeated_fields_come_back_in_order)
{
	struct ipc_msg	*m, *p;
	const char	*s;
	uint32_t	 v;
	size_t		 iter = 0, i;
	char		 want[16];

	m = ipc_msg_new(IPC_CFG_LINES, 1);
	ipc_msg_add_str(m, IPC_T_PATH, "router lisp");
	for (i = 0; i < 5; i++) {
		snprintf(want, sizeof(want), "line %zu", i);
		ipc_msg_add_str(m, IPC_T_LINE, want);
		ipc_msg_add_u32(m, IPC_T_LINESTATUS, (uint32_t)i * 10);
	}
	p = reparse(m);
	ck_assert_uint_eq(ipc_msg_count(p, IPC_T_LINE), 5);
	ck_assert_uint_eq(ipc_msg_count(p, IPC_T_LINESTATUS), 5);
	ck_assert_uint_eq(ipc_msg_count(p, IPC_T_PATH), 1);
	for (i = 0; ipc_msg_next_str(p, IPC_T_LINE, &iter, &s) == 1; i++) {
		snprintf(want, sizeof(want), "line %zu", i);
		ck_assert_str_eq(s, want);
	}
	ck_assert_uint_eq(i, 5);
	iter = 0;
	for (i = 0; ipc_msg_next_u32(p, IPC_T_LINESTATUS, &iter, &v) == 1;
	    i++)
		ck_assert_uint_eq(v, i * 10);
	ck_assert_uint_eq(i, 5);
	/* The end stays the end. */
	ck_assert_int_eq(ipc_msg_next_u32(p, IPC_T_LINESTATUS, &iter, &v), 0);
	ipc_msg_free(p);
	ipc_msg_free(m);
}
END_TEST

static double
elapsed(const struct timespec *t0)
{
	struct timespec	 t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

START_TEST(a_message_of_100000_strings_builds_and_parses_quickly)
{
	struct timespec	 t0;
	struct ipc_msg	*m, *p;
	const char	*s;
	size_t		 i, iter = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	m = ipc_msg_new(IPC_DATA, 1);
	for (i = 0; i < 100000; i++)
		ck_assert_int_eq(ipc_msg_add_str(m, IPC_T_LINE,
		    " ip address 192.0.2.1 255.255.255.0"), 0);
	p = reparse(m);
	ck_assert_uint_eq(ipc_msg_count(p, IPC_T_LINE), 100000);
	for (i = 0; ipc_msg_next_str(p, IPC_T_LINE, &iter, &s) == 1; i++)
		;
	ck_assert_uint_eq(i, 100000);
	/* Quadratic growth or scanning would take seconds, even unoptimised. */
	ck_assert_msg(elapsed(&t0) < 1.0, "took %.3f s", elapsed(&t0));
	ipc_msg_free(p);
	ipc_msg_free(m);
}
END_TEST

START_TEST(building_past_the_payload_limit_fails_cleanly)
{
	struct ipc_msg	*m;
	char		*big;
	size_t		 len;

	big = malloc(IPC_MAX_PAYLOAD);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', IPC_MAX_PAYLOAD);
	m = ipc_msg_new(IPC_DATA, 1);
	ck_assert_int_eq(ipc_msg_add_bytes(m, IPC_T_VALUE, big,
	    IPC_MAX_PAYLOAD), IPC_E_TOOBIG);
	ck_assert_int_eq(ipc_msg_add_bytes(m, IPC_T_VALUE, big,
	    IPC_MAX_PAYLOAD - 8), 0);
	ck_assert_int_eq(ipc_msg_add_u32(m, IPC_T_COUNT, 1), IPC_E_TOOBIG);
	ipc_msg_wire(m, &len);
	ck_assert_uint_eq(len, IPC_HDR_LEN + IPC_MAX_PAYLOAD);
	ipc_msg_free(m);
	free(big);
}
END_TEST

START_TEST(add_strn_refuses_a_nul_inside_and_stops_at_n)
{
	struct ipc_msg	*m;
	const char	*s;

	m = ipc_msg_new(IPC_DATA, 1);
	ck_assert_int_eq(ipc_msg_add_strn(m, IPC_T_TEXT, "a\0b", 3),
	    IPC_E_FIELD);
	ck_assert_uint_eq(ipc_msg_count(m, IPC_T_TEXT), 0);
	ck_assert_int_eq(ipc_msg_add_strn(m, IPC_T_TEXT, "abcdef", 2), 0);
	ck_assert_int_eq(ipc_msg_get_str(m, IPC_T_TEXT, &s), 0);
	ck_assert_str_eq(s, "ab");
	ipc_msg_free(m);
}
END_TEST

START_TEST(a_result_carries_its_reqid_status_and_text)
{
	struct ipc_msg	*m, *p;
	const char	*s;
	uint32_t	 v;

	m = ipc_msg_result(42, IPC_S_ERROR, "% Invalid input detected");
	p = reparse(m);
	ck_assert_uint_eq(ipc_msg_type(p), IPC_RESULT);
	ck_assert_uint_eq(ipc_msg_reqid(p), 42);
	ck_assert_int_eq(ipc_msg_get_u32(p, IPC_T_STATUS, &v), 0);
	ck_assert_uint_eq(v, IPC_S_ERROR);
	ck_assert_int_eq(ipc_msg_get_str(p, IPC_T_TEXT, &s), 0);
	ck_assert_str_eq(s, "% Invalid input detected");
	ipc_msg_free(p);
	ipc_msg_free(m);

	m = ipc_msg_result(1, IPC_S_OK, NULL);
	ck_assert_uint_eq(ipc_msg_count(m, IPC_T_TEXT), 0);
	ipc_msg_free(m);
}
END_TEST

START_TEST(set_reqid_rewrites_the_header)
{
	struct ipc_msg	*m, *p;

	m = ipc_msg_new(IPC_DATA, 1);
	ipc_msg_add_str(m, IPC_T_TEXT, "x");
	ipc_msg_set_reqid(m, 0x01020304);
	ck_assert_uint_eq(ipc_msg_reqid(m), 0x01020304);
	p = reparse(m);
	ck_assert_uint_eq(ipc_msg_reqid(p), 0x01020304);
	ipc_msg_free(p);
	ipc_msg_free(m);
}
END_TEST

START_TEST(every_error_code_has_its_own_text)
{
	int	 i, j;

	for (i = IPC_E_PROTO; i <= IPC_E_NOMEM; i++) {
		ck_assert_str_ne(ipc_strerror(i), ipc_strerror(-100));
		for (j = IPC_E_PROTO; j < i; j++)
			ck_assert_str_ne(ipc_strerror(i), ipc_strerror(j));
	}
	ipc_msg_free(NULL);
}
END_TEST

static Suite *
ipc_suite(void)
{
	Suite	*s = suite_create("ipc");
	TCase	*tc = tcase_create("codec");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, every_field_kind_survives_a_round_trip_through_the_wire);
	tcase_add_test(tc, the_wire_layout_is_the_one_the_header_documents);
	tcase_add_test(tc, a_message_without_fields_round_trips);
	tcase_add_test(tc, frame_len_reports_short_for_every_partial_header);
	tcase_add_test(tc,
	    frame_len_refuses_another_version_and_an_oversized_payload);
	tcase_add_test(tc, frame_reqid_reads_the_reqid_of_any_whole_header);
	tcase_add_test(tc,
	    a_buffer_that_disagrees_with_the_header_length_is_rejected);
	tcase_add_test(tc, a_field_of_unknown_kind_is_rejected);
	tcase_add_test(tc, a_number_field_of_the_wrong_length_is_rejected);
	tcase_add_test(tc, a_string_without_its_terminating_nul_is_rejected);
	tcase_add_test(tc, a_string_with_a_nul_inside_is_rejected);
	tcase_add_test(tc, a_field_that_overruns_the_payload_is_rejected);
	tcase_add_test(tc, a_field_with_a_nonzero_reserved_byte_is_rejected);
	tcase_add_test(tc,
	    one_bad_field_after_good_ones_rejects_the_whole_message);
	tcase_add_test(tc, getters_report_missing_tags_and_other_kinds);
	tcase_add_test(tc, repeated_fields_come_back_in_order);
	tcase_add_test(tc, a_message_of_100000_strings_builds_and_parses_quickly);
	tcase_add_test(tc, building_past_the_payload_limit_fails_cleanly);
	tcase_add_test(tc, add_strn_refuses_a_nul_inside_and_stops_at_n);
	tcase_add_test(tc, a_result_carries_its_reqid_status_and_text);
	tcase_add_test(tc, set_reqid_rewrites_the_header);
	tcase_add_test(tc, every_error_code_has_its_own_text);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(ipc_suite());
}
