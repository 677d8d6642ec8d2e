/*
 * Pasted SSH public keys.  The key blob describes its own length (it is a
 * sequence of length-prefixed fields), so the base64 text can be cut
 * exactly where the blob ends: a comment glued to the key data by a line
 * fold ("...AbCd" + "bob@laptop") still comes apart.
 */
#include <openssl/evp.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/sshkey.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static const struct {
	const char	*name;
	const char	*curve;		/* ECDSA: the blob's curve name */
	size_t		 point;		/* ECDSA: uncompressed point length */
	unsigned	 bits;
} types[] = {
	{ "ssh-rsa", NULL, 0, 0 },
	{ "ssh-ed25519", NULL, 32, 256 },
	{ "ecdsa-sha2-nistp256", "nistp256", 65, 256 },
	{ "ecdsa-sha2-nistp384", "nistp384", 97, 384 },
	{ "ecdsa-sha2-nistp521", "nistp521", 133, 521 },
};
#define NTYPES	(sizeof(types) / sizeof(types[0]))

static int
b64_value(int c)
{
	const char	*p;

	if (c == '\0' || (p = strchr(b64, c)) == NULL)
		return -1;
	return (int)(p - b64);
}

int
sshkey_type_ok(const char *s)
{
	size_t	 i;

	for (i = 0; i < NTYPES; i++)
		if (strcmp(s, types[i].name) == 0)
			return 1;
	return 0;
}

/* A cursor over the blob's length-prefixed fields. */
struct cur {
	const unsigned char	*p;
	size_t			 left;
};

static int
get_string(struct cur *c, const unsigned char **s, size_t *len)
{
	uint32_t	 n;

	if (c->left < 4)
		return SSHKEY_E_SHORT;
	n = (uint32_t)c->p[0] << 24 | (uint32_t)c->p[1] << 16 |
	    (uint32_t)c->p[2] << 8 | c->p[3];
	if (n > c->left - 4)
		return SSHKEY_E_SHORT;
	*s = c->p + 4;
	*len = n;
	c->p += 4 + n;
	c->left -= 4 + n;
	return 0;
}

static int
str_is(const unsigned char *s, size_t len, const char *want)
{
	return len == strlen(want) && memcmp(s, want, len) == 0;
}

/* Bits of a positive mpint. */
static unsigned
mpint_bits(const unsigned char *s, size_t len)
{
	unsigned	 bits;
	unsigned char	 top;

	while (len > 0 && *s == 0) {
		s++;
		len--;
	}
	if (len == 0)
		return 0;
	bits = (unsigned)(len - 1) * 8;
	for (top = *s; top != 0; top >>= 1)
		bits++;
	return bits;
}

/*
 * Checks the blob and returns how many of its bytes it uses (a blob may be
 * followed by bytes decoded from a glued comment), or SSHKEY_E_*.
 */
static long
blob_check_len(const unsigned char *blob, size_t len, struct sshkey_info *ki)
{
	struct cur		 c = { blob, len };
	const unsigned char	*s, *e, *n;
	size_t			 slen, elen, nlen, i;
	int			 rc;

	if ((rc = get_string(&c, &s, &slen)) != 0)
		return rc;
	for (i = 0; i < NTYPES; i++)
		if (str_is(s, slen, types[i].name))
			break;
	if (i == NTYPES)
		return SSHKEY_E_TYPE;
	snprintf(ki->type, sizeof(ki->type), "%s", types[i].name);
	if (strcmp(types[i].name, "ssh-rsa") == 0) {
		if ((rc = get_string(&c, &e, &elen)) != 0 ||
		    (rc = get_string(&c, &n, &nlen)) != 0)
			return rc;
		if (elen == 0 || (e[0] & 0x80) || nlen == 0 || (n[0] & 0x80) ||
		    mpint_bits(e, elen) < 2)
			return SSHKEY_E_FORMAT;
		ki->bits = mpint_bits(n, nlen);
		if (ki->bits < 512 || ki->bits > 16384)
			return SSHKEY_E_FORMAT;
	} else if (types[i].curve == NULL) {
		/* ssh-ed25519 */
		if ((rc = get_string(&c, &e, &elen)) != 0)
			return rc;
		if (elen != types[i].point)
			return SSHKEY_E_FORMAT;
		ki->bits = types[i].bits;
	} else {
		if ((rc = get_string(&c, &e, &elen)) != 0 ||
		    (rc = get_string(&c, &n, &nlen)) != 0)
			return rc;
		if (!str_is(e, elen, types[i].curve) ||
		    nlen != types[i].point || n[0] != 0x04)
			return SSHKEY_E_FORMAT;
		ki->bits = types[i].bits;
	}
	return (long)(len - c.left);
}

int
sshkey_blob_check(const unsigned char *blob, size_t len,
    struct sshkey_info *ki)
{
	long	 used = blob_check_len(blob, len, ki);

	if (used < 0)
		return (int)used;
	return (size_t)used == len ? 0 : SSHKEY_E_FORMAT;
}

int
sshkey_blob_hash(const unsigned char *blob, size_t len,
    char hash[SSHKEY_HASH_LEN + 1])
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen = 0, i;

	if (EVP_Digest(blob, len, md, &mdlen, EVP_md5(), NULL) != 1 ||
	    mdlen != SSHKEY_HASH_LEN / 2)
		return SSHKEY_E_NOMEM;
	for (i = 0; i < mdlen; i++) {
		hash[2 * i] = hex[md[i] >> 4];
		hash[2 * i + 1] = hex[md[i] & 15];
	}
	hash[SSHKEY_HASH_LEN] = '\0';
	return 0;
}

/*
 * Decodes base64 from text, skipping blanks, up to the first character
 * that is neither; *end is where it stopped.  Returns the byte count.
 */
static size_t
b64_decode(const char *text, unsigned char *out, size_t cap, const char **end)
{
	const char	*p = text;
	uint32_t	 acc = 0;
	size_t		 n = 0;
	int		 bits = 0, v;

	for (; *p != '\0'; p++) {
		if (isspace((unsigned char)*p))
			continue;
		if ((v = b64_value(*p)) < 0)
			break;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n < cap)
				out[n] = (unsigned char)(acc >> bits);
			n++;
		}
	}
	*end = p;
	return n < cap ? n : cap;
}

/* Where the base64 characters that make up `bytes` bytes end in text. */
static const char *
b64_skip(const char *text, size_t bytes)
{
	size_t		 want = (bytes * 4 + 2) / 3, seen = 0;
	const char	*p = text;

	for (; *p != '\0' && seen < want; p++)
		if (b64_value(*p) >= 0)
			seen++;
	while (*p == '=' || isspace((unsigned char)*p))
		p++;
	return p;
}

static char *
trimmed(const char *s)
{
	size_t	 len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	return strndup(s, len);
}

int
sshkey_parse(const char *text, struct sshkey_info *ki)
{
	unsigned char	*blob;
	const char	*p = text, *end;
	char		 hint[SSHKEY_TYPE_MAX] = "";
	size_t		 i, len, tl;
	long		 used;
	int		 rc;

	memset(ki, 0, sizeof(*ki));
	while (isspace((unsigned char)*p))
		p++;
	/* A leading type name, with or without the blank after it. */
	for (i = 0; i < NTYPES + 1; i++) {
		const char	*name = i < NTYPES ? types[i].name : "ssh-dss";

		tl = strlen(name);
		if (strncmp(p, name, tl) == 0 && (isspace((unsigned char)p[tl]) ||
		    strncmp(p + tl, "AAAA", 4) == 0)) {
			if (i == NTYPES)
				return SSHKEY_E_TYPE;
			snprintf(hint, sizeof(hint), "%s", name);
			p += tl;
			break;
		}
	}
	if ((blob = malloc(SSHKEY_BLOB_MAX)) == NULL)
		return SSHKEY_E_NOMEM;
	len = b64_decode(p, blob, SSHKEY_BLOB_MAX, &end);
	if (len == 0) {
		free(blob);
		return SSHKEY_E_BASE64;
	}
	if ((used = blob_check_len(blob, len, ki)) < 0) {
		free(blob);
		return (int)used;
	}
	if (*hint != '\0' && strcmp(hint, ki->type) != 0)
		rc = SSHKEY_E_MISMATCH;
	else
		rc = sshkey_blob_hash(blob, (size_t)used, ki->hash);
	free(blob);
	if (rc != 0)
		return rc;
	while (isspace((unsigned char)*p))
		p++;
	ki->comment = trimmed(b64_skip(p, (size_t)used));
	return 0;
}

void
sshkey_info_clear(struct sshkey_info *ki)
{
	free(ki->comment);
	memset(ki, 0, sizeof(*ki));
}

char *
sshkey_base64(const unsigned char *in, size_t len)
{
	char	*out, *o;
	size_t	 i;
	uint32_t v;

	if ((out = malloc((len + 2) / 3 * 4 + 1)) == NULL)
		return NULL;
	o = out;
	for (i = 0; i + 2 < len; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		*o++ = b64[v >> 18];
		*o++ = b64[v >> 12 & 63];
		*o++ = b64[v >> 6 & 63];
		*o++ = b64[v & 63];
	}
	if (i < len) {
		v = (uint32_t)in[i] << 16 | (i + 1 < len ?
		    (uint32_t)in[i + 1] << 8 : 0);
		*o++ = b64[v >> 18];
		*o++ = b64[v >> 12 & 63];
		*o++ = i + 1 < len ? b64[v >> 6 & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return out;
}
