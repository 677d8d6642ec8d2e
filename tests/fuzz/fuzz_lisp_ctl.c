/*
 * Fuzz target for the LISP control decoders (lispd/wire-ctl.c): every byte
 * a peer can send on UDP 4342 reaches lisp_ctl_type and the decoders.
 *
 * Input: a 12-byte control header, then the message.  Byte 0's low nibble
 * is the HMAC key length (0-7, key in bytes 1-7); bytes 8-11 are unused
 * (the gcc replay driver rewrites them as a length, so nothing that
 * matters lives there).  Shorter inputs are a message with no key.
 *
 * Properties beyond "no crash, no sanitizer report": every error is a
 * LISP_E_* code; a message that decodes re-encodes, the re-encoding
 * decodes, and encoding is then a fixed point (encode(decode(encode(
 * decode(x)))) == encode(decode(x))); views (auth data, ECM payload) lie
 * inside the input; a message we encode with a key verifies with it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CTL_HDR		12
#define OUT_MAX		(70 * 1024)
#define REC_CAP		16

static void
check_rc(int rc)
{
	if (rc > 0 || -rc >= LISP_E_NCODES ||
	    (rc < 0 && lisp_wire_strerror(rc) == NULL))
		abort();
}

static int
inside(const uint8_t *p, size_t n, const uint8_t *buf, size_t len)
{
	return p >= buf && (size_t)(p - buf) <= len &&
	    n <= len - (size_t)(p - buf);
}

static void
request(const uint8_t *msg, size_t len)
{
	static struct lisp_map_request	 q, q2;
	static uint8_t			 a[OUT_MAX], b[OUT_MAX];
	size_t				 alen, blen;
	int				 rc;

	check_rc(rc = lisp_map_request_decode(msg, len, &q));
	if (rc != 0)
		return;
	if (lisp_map_request_encode(a, sizeof(a), &q, &alen) != 0 ||
	    lisp_map_request_decode(a, alen, &q2) != 0 ||
	    lisp_map_request_encode(b, sizeof(b), &q2, &blen) != 0 ||
	    alen != blen || memcmp(a, b, alen) != 0)
		abort();
}

static void
mapping(const uint8_t *msg, size_t len, const uint8_t *key, size_t klen)
{
	static struct lisp_record	 rec[REC_CAP], rec2[REC_CAP];
	static uint8_t			 a[OUT_MAX], b[OUT_MAX];
	struct lisp_map			 m = { .rec = rec, .rec_cap = REC_CAP };
	struct lisp_map			 m2 = { .rec = rec2,
					    .rec_cap = REC_CAP };
	size_t				 alen, blen;
	int				 rc;

	check_rc(rc = lisp_map_decode(msg, len, &m));
	if (rc != 0)
		return;
	if (m.nrec > REC_CAP || (m.auth_len > 0 &&
	    !inside(m.auth, m.auth_len, msg, len)))
		abort();
	if (m.type != LISP_MAP_REPLY)
		check_rc(lisp_map_verify(msg, len, &m, key, klen));
	if (lisp_map_encode(a, sizeof(a), &m, key, klen, &alen) != 0 ||
	    lisp_map_decode(a, alen, &m2) != 0 ||
	    (m2.alg_id != LISP_ALG_NONE && m2.type != LISP_MAP_REPLY &&
	    lisp_map_verify(a, alen, &m2, key, klen) != 0) ||
	    lisp_map_encode(b, sizeof(b), &m2, key, klen, &blen) != 0 ||
	    alen != blen || memcmp(a, b, alen) != 0)
		abort();
}

static void
ecm(const uint8_t *msg, size_t len)
{
	static uint8_t	 a[OUT_MAX];
	struct lisp_ecm	 e, e2;
	size_t		 alen;
	int		 rc;

	check_rc(rc = lisp_ecm_decode(msg, len, &e));
	if (rc != 0)
		return;
	if (!inside(e.msg, e.msg_len, msg, len))
		abort();
	if (lisp_ecm_encode(a, sizeof(a), &e, &alen) != 0 ||
	    lisp_ecm_decode(a, alen, &e2) != 0 ||
	    e2.msg_len != e.msg_len || memcmp(e2.msg, e.msg, e.msg_len) != 0 ||
	    e2.sport != e.sport || lisp_addr_cmp(&e2.src, &e.src) != 0)
		abort();
	/* The payload is untrusted too: one level down (no ECM in ECM). */
	request(e.msg, e.msg_len);
	rc = lisp_ctl_type(e.msg, e.msg_len);
	check_rc(rc < 0 ? rc : 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*msg = data, *key = NULL;
	size_t		 len = size, klen = 0;
	int		 type;

	if (size >= CTL_HDR) {
		klen = data[0] & 0x07;
		key = data + 1;
		msg = data + CTL_HDR;
		len = size - CTL_HDR;
	}
	type = lisp_ctl_type(msg, len);
	check_rc(type < 0 ? type : 0);
	/* Every decoder sees every input: the type checks are paths too. */
	request(msg, len);
	mapping(msg, len, key, klen);
	ecm(msg, len);
	return 0;
}
