/*
 * SSH public keys as users paste them under `ip ssh pubkey-chain` /
 * `key-string`: the whole "ssh-rsa AAAA... comment" line or bare base64,
 * possibly folded over several lines.  Pure code (no I/O): decoding,
 * checking the key blob's structure and IOS's key-hash, the MD5 of the
 * blob in upper-case hex.
 */
#ifndef CFG_SSHKEY_H
#define CFG_SSHKEY_H

#include <stddef.h>

#define SSHKEY_BLOB_MAX		8192	/* larger than any RSA-16384 key */
#define SSHKEY_HASH_LEN		32	/* hex digits of an MD5 */
#define SSHKEY_TYPE_MAX		32

#define SSHKEY_E_NOMEM		(-1)
#define SSHKEY_E_BASE64		(-2)	/* no base64 key data */
#define SSHKEY_E_SHORT		(-3)	/* the blob ends inside a field */
#define SSHKEY_E_TYPE		(-4)	/* a type we do not accept (DSA ...) */
#define SSHKEY_E_FORMAT		(-5)	/* fields do not fit the type */
#define SSHKEY_E_MISMATCH	(-6)	/* the text's type is not the blob's */

struct sshkey_info {
	char	 type[SSHKEY_TYPE_MAX];		/* "ssh-rsa" */
	char	 hash[SSHKEY_HASH_LEN + 1];	/* "EFF40492..." */
	char	*comment;			/* "bob@laptop" or NULL; caller
						   frees with sshkey_info_clear */
	unsigned bits;				/* RSA modulus bits, curve size */
};

/* Parses pasted key text.  Returns 0 or SSHKEY_E_*. */
int	 sshkey_parse(const char *text, struct sshkey_info *);
void	 sshkey_info_clear(struct sshkey_info *);
/* The key-hash of a key blob: MD5, upper-case hex, NUL-terminated. */
int	 sshkey_blob_hash(const unsigned char *blob, size_t len,
	    char hash[SSHKEY_HASH_LEN + 1]);
/* Checks a decoded blob; sets info's type and bits (not its hash). */
int	 sshkey_blob_check(const unsigned char *blob, size_t len,
	    struct sshkey_info *);
/* Whether s is a key type name that `key-hash` accepts. */
int	 sshkey_type_ok(const char *s);
/* Base64 of len bytes, NUL-terminated; caller frees.  NULL: out of memory. */
char	*sshkey_base64(const unsigned char *, size_t len);

#endif
