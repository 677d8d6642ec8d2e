#include <sys/random.h>

#include <crypt.h>
#include <stdio.h>
#include <string.h>

#include "cfg/secret.h"

static const char salt_chars[] =
    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

int
cfg_secret_hash(const char *pw, char *out, size_t outlen)
{
	struct crypt_data	 cd;
	unsigned char		 rnd[4];
	char			 setting[16];
	const char		*h;
	size_t			 i;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return -1;
	memcpy(setting, "$1$", 3);
	for (i = 0; i < sizeof(rnd); i++)
		setting[3 + i] = salt_chars[rnd[i] & 63];
	setting[7] = '$';
	setting[8] = '\0';
	memset(&cd, 0, sizeof(cd));
	h = crypt_r(pw, setting, &cd);
	if (h == NULL || h[0] != '$' || strlen(h) >= outlen) {
		explicit_bzero(&cd, sizeof(cd));
		return -1;
	}
	strcpy(out, h);
	explicit_bzero(&cd, sizeof(cd));
	return 0;
}

int
cfg_secret_check(const char *pw, const char *hash)
{
	struct crypt_data	 cd;
	const char		*h;
	size_t			 len, i;
	unsigned char		 diff = 0;

	memset(&cd, 0, sizeof(cd));
	h = crypt_r(pw, hash, &cd);
	if (h == NULL || (len = strlen(h)) != strlen(hash)) {
		explicit_bzero(&cd, sizeof(cd));
		return 0;
	}
	for (i = 0; i < len; i++)
		diff |= (unsigned char)(h[i] ^ hash[i]);
	explicit_bzero(&cd, sizeof(cd));
	return diff == 0;
}

int
cfg_secret_valid(const char *s)
{
	const char	*salt_end;

	if (strncmp(s, "$1$", 3) != 0)
		return 0;
	if ((salt_end = strchr(s + 3, '$')) == NULL || salt_end == s + 3 ||
	    salt_end - (s + 3) > 8)
		return 0;
	if (strlen(salt_end + 1) != 22)
		return 0;
	return strspn(salt_end + 1, salt_chars) == 22 &&
	    strspn(s + 3, salt_chars) == (size_t)(salt_end - (s + 3));
}
