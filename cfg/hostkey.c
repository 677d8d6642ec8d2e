/*
 * The host key files.  Generation uses OpenSSL 3's EVP interface; the
 * public half is rebuilt as an SSH blob ("ssh-rsa", e, n) for show ip ssh.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg/hostkey.h"
#include "cfg/sshkey.h"
#include "platform/atomicfile.h"

#define PEM_MAX		(64 * 1024)

static int
path_of(char *buf, size_t len, const char *rundir, const char *name)
{
	int	 n = snprintf(buf, len, "%s/%s", rundir, name);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int
hostkey_exists(const char *rundir)
{
	char	 path[4096];

	return path_of(path, sizeof(path), rundir, HOSTKEY_PEM) == 0 &&
	    access(path, F_OK) == 0;
}

void
hostkey_info_clear(struct hostkey_info *hi)
{
	free(hi->pub);
	memset(hi, 0, sizeof(*hi));
}

/* Appends an SSH string (u32 length, bytes) to buf at *off. */
static void
put_string(unsigned char *buf, size_t *off, const void *s, size_t len)
{
	buf[(*off)++] = (unsigned char)(len >> 24);
	buf[(*off)++] = (unsigned char)(len >> 16);
	buf[(*off)++] = (unsigned char)(len >> 8);
	buf[(*off)++] = (unsigned char)len;
	memcpy(buf + *off, s, len);
	*off += len;
}

/* An mpint: big-endian, a leading zero when the top bit is set. */
static void
put_mpint(unsigned char *buf, size_t *off, const BIGNUM *bn)
{
	unsigned char	 tmp[1 + HOSTKEY_MAX_BITS / 8 + 8];
	int		 n = BN_num_bytes(bn);

	tmp[0] = 0;
	BN_bn2bin(bn, tmp + 1);
	if (n > 0 && (tmp[1] & 0x80))
		put_string(buf, off, tmp, (size_t)n + 1);
	else
		put_string(buf, off, tmp + 1, (size_t)n);
}

static char *
public_text(EVP_PKEY *pk)
{
	BIGNUM		*n = NULL, *e = NULL;
	unsigned char	*blob = NULL;
	char		*b64 = NULL, *text = NULL;
	size_t		 off = 0;

	if (EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_RSA_N, &n) != 1 ||
	    EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_RSA_E, &e) != 1 ||
	    BN_num_bits(n) > HOSTKEY_MAX_BITS || BN_num_bytes(e) > 64)
		goto done;
	if ((blob = malloc(32 + 2 * (HOSTKEY_MAX_BITS / 8 + 8))) == NULL)
		goto done;
	put_string(blob, &off, "ssh-rsa", 7);
	put_mpint(blob, &off, e);
	put_mpint(blob, &off, n);
	if ((b64 = sshkey_base64(blob, off)) == NULL ||
	    asprintf(&text, "ssh-rsa %s", b64) == -1)
		text = NULL;
done:
	BN_free(n);
	BN_free(e);
	free(blob);
	free(b64);
	return text;
}

int
hostkey_load(const char *rundir, struct hostkey_info *hi)
{
	char		 path[4096], *pem = NULL, *label = NULL;
	size_t		 len;
	BIO		*bio = NULL;
	EVP_PKEY	*pk = NULL;
	int		 rc;

	memset(hi, 0, sizeof(*hi));
	if ((rc = path_of(path, sizeof(path), rundir, HOSTKEY_PEM)) != 0 ||
	    (rc = atomicfile_read(path, &pem, &len, PEM_MAX)) != 0)
		return rc;
	rc = -EIO;
	if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL ||
	    (pk = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL)) == NULL ||
	    EVP_PKEY_get_base_id(pk) != EVP_PKEY_RSA)
		goto done;
	hi->bits = (unsigned)EVP_PKEY_get_bits(pk);
	if ((hi->pub = public_text(pk)) == NULL)
		goto done;
	if (path_of(path, sizeof(path), rundir, HOSTKEY_LABEL) == 0 &&
	    atomicfile_read(path, &label, &len, sizeof(hi->label) - 1) == 0) {
		label[strcspn(label, "\n")] = '\0';
		snprintf(hi->label, sizeof(hi->label), "%s", label);
	}
	rc = 0;
done:
	BIO_free(bio);
	EVP_PKEY_free(pk);
	if (pem != NULL)
		explicit_bzero(pem, len);
	free(pem);
	free(label);
	if (rc != 0)
		hostkey_info_clear(hi);
	return rc;
}

int
hostkey_generate(const char *rundir, const char *label, unsigned bits)
{
	char		 path[4096], *data, *text = NULL;
	long		 len;
	BIO		*bio = NULL;
	EVP_PKEY	*pk = NULL;
	int		 rc;

	if (bits < HOSTKEY_MIN_BITS || bits > HOSTKEY_MAX_BITS)
		return -EINVAL;
	if ((rc = path_of(path, sizeof(path), rundir, HOSTKEY_DIR)) != 0)
		return rc;
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return -errno;
	if (chmod(path, 0700) == -1)
		return -errno;
	rc = -EIO;
	/* OpenSSL 3 refuses RSA under 512 bits by default; IOS does not. */
	if ((pk = EVP_RSA_gen(bits < 512 ? 512 : bits)) == NULL ||
	    (bio = BIO_new(BIO_s_mem())) == NULL ||
	    PEM_write_bio_PrivateKey(bio, pk, NULL, NULL, 0, NULL, NULL) != 1 ||
	    (len = BIO_get_mem_data(bio, &data)) <= 0)
		goto done;
	if ((rc = path_of(path, sizeof(path), rundir, HOSTKEY_PEM)) != 0 ||
	    (rc = atomicfile_write(path, data, (size_t)len, 0600)) != 0)
		goto done;
	if (asprintf(&text, "%s\n", label) == -1) {
		rc = -ENOMEM;
		goto done;
	}
	if ((rc = path_of(path, sizeof(path), rundir, HOSTKEY_LABEL)) == 0)
		rc = atomicfile_write(path, text, strlen(text), 0600);
done:
	if (bio != NULL && BIO_get_mem_data(bio, &data) > 0)
		explicit_bzero(data, (size_t)BIO_get_mem_data(bio, &data));
	BIO_free(bio);
	EVP_PKEY_free(pk);
	free(text);
	return rc;
}

int
hostkey_zeroize(const char *rundir)
{
	char	 path[4096];
	int	 rc;

	if ((rc = path_of(path, sizeof(path), rundir, HOSTKEY_PEM)) != 0)
		return rc;
	if (unlink(path) == -1 && errno != ENOENT)
		return -errno;
	if ((rc = path_of(path, sizeof(path), rundir, HOSTKEY_LABEL)) != 0)
		return rc;
	if (unlink(path) == -1 && errno != ENOENT)
		return -errno;
	return 0;
}
