/*
 * HMAC-SHA-1 and HMAC-SHA-256 for Map-Register, Map-Notify and
 * Map-Notify-Ack (RFC 9301 section 5.6).  The MAC covers the whole
 * message with the authentication data zeroed; rather than copy the
 * message to zero it, the HMAC is fed the bytes before the field, zeros
 * for the field, and the bytes after it.
 */
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lispd/wire-auth.h"
#include "lispd/wire.h"

size_t
lisp_auth_full_len(uint8_t alg)
{
	switch (alg) {
	case LISP_ALG_SHA1:
		return LISP_SHA1_LEN;
	case LISP_ALG_SHA256:
		return LISP_SHA256_LEN;
	default:
		return 0;
	}
}

int
lisp_auth_compute(uint8_t alg, const void *key, size_t keylen,
    const uint8_t *msg, size_t len, const uint8_t *auth, size_t auth_len,
    uint8_t *out)
{
	static const uint8_t	 zeros[LISP_AUTH_MAX];
	static const uint8_t	 nokey[1];
	OSSL_PARAM		 params[2];
	EVP_MAC			*mac = NULL;
	EVP_MAC_CTX		*ctx = NULL;
	const char		*digest;
	size_t			 before, after, outlen, want;
	int			 rc = LISP_E_CRYPTO;

	switch (alg) {
	case LISP_ALG_SHA1:
		digest = "SHA1";
		break;
	case LISP_ALG_SHA256:
		digest = "SHA256";
		break;
	default:
		return LISP_E_ALG;
	}
	want = lisp_auth_full_len(alg);
	if (auth_len > sizeof(zeros) || auth < msg ||
	    (size_t)(auth - msg) > len || auth_len > len - (size_t)(auth - msg))
		return LISP_E_INVAL;
	before = (size_t)(auth - msg);
	after = len - before - auth_len;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)(uintptr_t)digest, 0);
	params[1] = OSSL_PARAM_construct_end();
	/* An empty key still needs a pointer: NULL means "keep the old". */
	if (keylen == 0)
		key = nokey;
	if ((mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL ||
	    (ctx = EVP_MAC_CTX_new(mac)) == NULL ||
	    EVP_MAC_init(ctx, key, keylen, params) != 1 ||
	    EVP_MAC_update(ctx, msg, before) != 1 ||
	    EVP_MAC_update(ctx, zeros, auth_len) != 1 ||
	    EVP_MAC_update(ctx, auth + auth_len, after) != 1 ||
	    EVP_MAC_final(ctx, out, &outlen, want) != 1 || outlen != want)
		goto out;
	rc = 0;
out:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return rc;
}

int
lisp_auth_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}
