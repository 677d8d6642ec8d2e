/*
 * Fuzz target for the VM appliance's day-0 parsers: the OVF environment
 * is written by whoever deploys the VM, iosxe_config.txt likewise.  The
 * first byte picks the parser; the rest is the file (cut at a NUL, as
 * the init reads it as text).  Beyond "no crash": what comes out is
 * lines ending in '\n' with no other control character, so nothing a
 * deployer writes can split into extra configuration lines unseen.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform/image/day0.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_lines(const char *out, int allow_ctl)
{
	const unsigned char	*c;
	size_t			 n = strlen(out);

	if (n > 0 && out[n - 1] != '\n')
		abort();
	for (c = (const unsigned char *)out; *c != '\0'; c++)
		if (*c == '\r' || (!allow_ctl && *c < 0x20 && *c != '\n'))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*bad;
	char		*text, *out = NULL;
	int		 rc;

	if (size == 0)
		return 0;
	if ((text = malloc(size)) == NULL)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	if (data[0] & 1) {
		rc = day0_from_ovfenv(text, &out, &bad);
		if (rc == 0)
			check_lines(out, 0);
		else if (out != NULL || (rc == DAY0_E_VALUE && bad == NULL))
			abort();
	} else {
		/* iosxe_config.txt is the deployer's own lines: tabs and
		 * other control bytes go to the grammar as typed. */
		if (day0_from_iosxe(text, &out) == 0)
			check_lines(out, 1);
	}
	free(out);
	free(text);
	return 0;
}
