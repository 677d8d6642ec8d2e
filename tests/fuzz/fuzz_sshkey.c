/*
 * Fuzz target for pasted SSH public keys (cfg/sshkey.c): key-string data
 * is text from a user or a pasted file.  Beyond "no crash": a key that
 * parses has an accepted type, a 32-digit upper-case hex key-hash, and a
 * comment without blanks at either end.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/sshkey.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sshkey_info	 ki;
	char			*text;
	size_t			 i, n;

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (sshkey_parse(text, &ki) == 0) {
		if (!sshkey_type_ok(ki.type) ||
		    strlen(ki.hash) != SSHKEY_HASH_LEN)
			abort();
		for (i = 0; i < SSHKEY_HASH_LEN; i++)
			if (!isxdigit((unsigned char)ki.hash[i]) ||
			    islower((unsigned char)ki.hash[i]))
				abort();
		if (ki.comment != NULL && ((n = strlen(ki.comment)) == 0 ||
		    isspace((unsigned char)ki.comment[0]) ||
		    isspace((unsigned char)ki.comment[n - 1])))
			abort();
	}
	sshkey_info_clear(&ki);
	free(text);
	return 0;
}
