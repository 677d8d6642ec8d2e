/*
 * IOS password hashes: type 5 is MD5-crypt ("$1$salt$hash", 4-character
 * salt as IOS writes it), computed with libcrypt.
 */
#ifndef CFG_SECRET_H
#define CFG_SECRET_H

#include <stddef.h>

/* Hashes pw into out.  Returns 0, or -1 (no randomness, libcrypt error). */
int	cfg_secret_hash(const char *pw, char *out, size_t outlen);
/* 1 when pw matches the type 5 hash, else 0.  Constant-time compare. */
int	cfg_secret_check(const char *pw, const char *hash);
/* 1 when s looks like a type 5 hash ("$1$" salt "$" 22 characters). */
int	cfg_secret_valid(const char *s);

#endif
