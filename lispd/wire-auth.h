/*
 * Map-Register / Map-Notify authentication (private to lispd/wire*.c):
 * HMAC over a whole message with its auth field counted as zeros, through
 * OpenSSL's libcrypto.
 */
#ifndef LISPD_WIRE_AUTH_H
#define LISPD_WIRE_AUTH_H

#include <stddef.h>
#include <stdint.h>

#define LISP_SHA1_LEN		20	/* full HMAC-SHA-1, as sent */
#define LISP_SHA1_96_LEN	12	/* truncated, accepted */
#define LISP_SHA256_LEN		32	/* full HMAC-SHA-256, as sent */
#define LISP_SHA256_128_LEN	16	/* truncated, accepted */

/* The full MAC length of an algorithm, 0 for none or an unknown one. */
size_t	 lisp_auth_full_len(uint8_t alg);
/*
 * The full MAC of msg[0 .. len) with key, the auth_len bytes at auth
 * (inside msg) taken as zeros, into out (lisp_auth_full_len(alg) bytes;
 * out may be the auth field itself).  0, LISP_E_ALG, LISP_E_CRYPTO.
 */
int	 lisp_auth_compute(uint8_t alg, const void *key, size_t keylen,
	    const uint8_t *msg, size_t len, const uint8_t *auth,
	    size_t auth_len, uint8_t *out);
/* Constant-time comparison of n bytes: 1 when equal. */
int	 lisp_auth_equal(const uint8_t *a, const uint8_t *b, size_t n);

#endif
