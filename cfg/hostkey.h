/*
 * The router's RSA host key (`crypto key generate rsa`), kept under the
 * run directory as IOS keeps it in private NVRAM: DIR/keys/ (mode 0700)
 * holds rsa.pem (PKCS#8, mode 0600) and rsa.label (the key's name).
 * cfgd writes them; vtyd reads rsa.pem as its SSH host key.  Nothing here
 * ever returns the private key.
 */
#ifndef CFG_HOSTKEY_H
#define CFG_HOSTKEY_H

#include <stddef.h>

#define HOSTKEY_DIR		"keys"
#define HOSTKEY_PEM		"keys/rsa.pem"
#define HOSTKEY_LABEL		"keys/rsa.label"
#define HOSTKEY_MIN_BITS	360
#define HOSTKEY_MAX_BITS	4096

/* What is known about the key; pub is the "ssh-rsa AAAA..." text. */
struct hostkey_info {
	char		 label[256];
	unsigned	 bits;
	char		*pub;		/* caller frees (hostkey_info_clear) */
};

/* Returns 0 with *info filled, -ENOENT when there is no key, or -errno. */
int	 hostkey_load(const char *rundir, struct hostkey_info *);
void	 hostkey_info_clear(struct hostkey_info *);
/* Generates a key of bits and stores it with its label, replacing any.
 * Returns 0 or -errno (-EINVAL: bits out of range, -EIO: libcrypto). */
int	 hostkey_generate(const char *rundir, const char *label,
	    unsigned bits);
/* Removes the key.  Returns 0 (also when there was none) or -errno. */
int	 hostkey_zeroize(const char *rundir);
/* Whether a key exists (cheap: no parsing). */
int	 hostkey_exists(const char *rundir);

#endif
