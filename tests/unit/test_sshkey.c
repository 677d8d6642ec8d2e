/*
 * Pasted SSH public keys (cfg/sshkey.c): the key-hash IOS keeps is the MD5
 * of the key blob (as ssh-keygen -l -E md5 prints it), however the key was
 * pasted; keys IOS does not take, and text that is not a key, are refused.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/sshkey.h"
#include "tests/unit/unit.h"

/* IOS-REFERENCE 2.2's key, joined as key-string joins its lines. */
#define RSA_B64 "AAAAB3NzaC1yc2EAAAADAQABAAAAgQDc44198a7tXhZUmyRRn8Bkl+Gak/zlrks8" \
	"QqZMI8rAq0YAlJWoiw0nQMLobhP+0q/kjs7rbFSCbKtzSxTyGW9uDWD02ru0pk6Lr0ND3m+K" \
	"06T3HNu9Tfdz1lmyaZ4fIxbjDCNEup3/eVteWVogJONLcBpt6oeUdfFyYOp7k0TnKQ=="
#define RSA_MD5 "A972C97093C5AAE9310E93DFE1EF340E"
#define ED_B64 "AAAAC3NzaC1lZDI1NTE5AAAAIA9DKJwkzNwgD+1elH1AjoUtjTEChegJ9YYcZ0A1R0y1"
#define ED_MD5 "B2E97A700552E5F69BD8DEF7A826B9A1"
#define EC_B64 "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNaruq4/2ON3n" \
	"orWT/ctNQ7E5EuF5ZuRginpKW7rcaVt0tF7DzRFzvrcHdfEZ/ouar5Q7hoHq6LG6qHepihi2a0="
#define EC_MD5 "1F2E64C8A5C806399AC7E922E8CC05BD"
#define DSA_B64 "AAAAB3NzaC1kc3MAAACBANdRZY3iWykACKz6SOsRoXIIn7NXyl4nBG73gcM/+7CIeb1hrONaw9zmVKN7NvMfYjEQ8FkLNNhjJEww53aZrEUbLomZTr1Ovnh4+AB4e4d7mTevGrNU0gkJsSp/X9oVFU3mbUW/ye4ZLhKUlGS/ZjBfFJD3Qr3+HOkBHsbD29p9AAAAFQDHUx0OBfHmCUR2nF1buD17Jnn/1wAAAIBhDAH4heyemC0yi7uKvgXVGX+TGUqdeejib5Z5LF+UppORpVRiVGwkHu3YhQRb4EvpL/ZcxOkgF/FP4chGVM94TK0VvCaIIdJG4JJHK5FqoaHsjy7bJ26znmCPAcWtO+KS/A0TadEgarEZy6nqyjbNR14fzBfF7E0NuiqmXPWflgAAAIEAv1F1VL08jn9I5FvqenvWPD9D9Obcr6wv7ur/BfLzRY0X/pk6ijO0nijXZNlNEhyKUwsfqqkVedRLBc4wTUFzKciUAjGmXdfJu4OfD0qp7UedDJRK0nDuRpUqOVoCenqgqRtXMIBfPqTwcQEwEsQVSb07qEgta1S4YVatroPC5B8="

static void
expect_key(const char *text, const char *type, const char *hash,
    const char *comment, unsigned bits)
{
	struct sshkey_info	 ki;
	int			 rc = sshkey_parse(text, &ki);

	ck_assert_msg(rc == 0, "parse failed (%d) for %.40s", rc, text);
	ck_assert_str_eq(ki.type, type);
	ck_assert_str_eq(ki.hash, hash);
	if (comment == NULL)
		ck_assert_ptr_null(ki.comment);
	else
		ck_assert_str_eq(ki.comment, comment);
	ck_assert_uint_eq(ki.bits, bits);
	sshkey_info_clear(&ki);
}

static void
expect_error(const char *text, int want)
{
	struct sshkey_info	 ki;
	int			 rc = sshkey_parse(text, &ki);

	ck_assert_int_eq(rc, want);
	sshkey_info_clear(&ki);
}

START_TEST(a_whole_line_gives_the_md5_ssh_keygen_prints)
{
	expect_key("ssh-rsa " RSA_B64 " bob@laptop", "ssh-rsa", RSA_MD5,
	    "bob@laptop", 1024);
	expect_key("ssh-ed25519 " ED_B64 " ed@test", "ssh-ed25519", ED_MD5,
	    "ed@test", 256);
	expect_key("ecdsa-sha2-nistp256 " EC_B64 " ec@test",
	    "ecdsa-sha2-nistp256", EC_MD5, "ec@test", 256);
}
END_TEST

START_TEST(bare_base64_and_a_comment_with_spaces_work)
{
	expect_key(RSA_B64, "ssh-rsa", RSA_MD5, NULL, 1024);
	expect_key("  ssh-rsa   " RSA_B64 "   my key  ", "ssh-rsa", RSA_MD5,
	    "my key", 1024);
}
END_TEST

START_TEST(a_fold_that_glues_the_comment_or_splits_the_type_still_parses)
{
	/* fold cut right at the blank: the comment follows the padding. */
	expect_key("ssh-rsa " RSA_B64 "bob@laptop", "ssh-rsa", RSA_MD5,
	    "bob@laptop", 1024);
	/* No padding (the Ed25519 blob is 51 bytes): the blob's own length
	 * says where the key ends. */
	expect_key("ssh-ed25519 " ED_B64 "ed@test", "ssh-ed25519", ED_MD5,
	    "ed@test", 256);
	expect_key("ssh-rsa" RSA_B64, "ssh-rsa", RSA_MD5, NULL, 1024);
	/* Blanks inside the data, as an indented paste leaves them. */
	expect_key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA9DKJwkzNwgD+1e "
	    "lH1AjoUtjTEChegJ9YYcZ0A1R0y1 ed@test", "ssh-ed25519", ED_MD5,
	    "ed@test", 256);
}
END_TEST

START_TEST(dsa_keys_and_text_that_is_not_a_key_are_refused)
{
	expect_error("ssh-dss " DSA_B64 " old@box", SSHKEY_E_TYPE);
	expect_error(DSA_B64, SSHKEY_E_TYPE);
	expect_error("", SSHKEY_E_BASE64);
	expect_error("ssh-rsa !!!", SSHKEY_E_BASE64);
	expect_error("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABnotakey", SSHKEY_E_SHORT);
	expect_error("ssh-ed25519 " RSA_B64, SSHKEY_E_MISMATCH);
	/* A blob that claims a huge field. */
	expect_error("AAAAB3NzaC1yc2H/////", SSHKEY_E_SHORT);
}
END_TEST

START_TEST(base64_round_trips)
{
	const unsigned char	 in[] = "any carnal pleas";
	size_t			 n;
	char			*b;

	for (n = 0; n <= 16; n++) {
		struct sshkey_info	 ki;

		b = sshkey_base64(in, n);
		ck_assert_ptr_nonnull(b);
		ck_assert_uint_eq(strlen(b), (n + 2) / 3 * 4);
		free(b);
		(void)ki;
	}
	b = sshkey_base64((const unsigned char *)"Ma", 2);
	ck_assert_str_eq(b, "TWE=");
	free(b);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("sshkey");
	TCase	*tc = tcase_create("sshkey");

	tcase_add_test(tc, a_whole_line_gives_the_md5_ssh_keygen_prints);
	tcase_add_test(tc, bare_base64_and_a_comment_with_spaces_work);
	tcase_add_test(tc,
	    a_fold_that_glues_the_comment_or_splits_the_type_still_parses);
	tcase_add_test(tc, dsa_keys_and_text_that_is_not_a_key_are_refused);
	tcase_add_test(tc, base64_round_trips);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(suite());
}
