/*
 * Fuzz target for the map-server's saved registrations (lispd/msstate.c,
 * the lispd-registrations file read back at start).
 *
 * Input: the file.  The gcc replay driver's mutations keep the header
 * (magic and entry size) of the seeds often enough to reach the entries.
 *
 * Properties: never more entries than room; every entry read back is
 * sound (ms_reg_sane), used, unbound (site SIZE_MAX), last heard at the
 * time given and first heard no later; every prefix a lookup would test
 * (lisp_addr_contains) stays inside its address; encoding what was read
 * and reading it again gives the same entries.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/msstate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define ROOM	8
#define NOW	1000

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ms_reg	 out[ROOM + 1], again[ROOM + 1];
	static uint8_t		 buf[MS_STATE_HDR + ROOM * sizeof(struct ms_reg)];
	size_t			 n, m, i, k, len;

	n = ms_state_decode(data, size, NOW, out, ROOM);
	if (n > ROOM)
		abort();
	for (i = 0; i < n; i++) {
		const struct ms_reg *r = &out[i];

		if (!ms_reg_sane(r) || !r->used || r->site != SIZE_MAX ||
		    r->last != NOW || r->first > NOW || r->nloc > LC_MAX_LOC)
			abort();
		/* What ms_lookup and show do with an entry. */
		(void)lisp_addr_contains(&r->eid, &r->etr);
		for (k = 0; k < r->nloc; k++)
			(void)lisp_addr_contains(&r->eid, &r->loc[k].addr);
	}
	len = ms_state_encode(out, n, buf);
	m = ms_state_decode(buf, len, NOW, again, ROOM);
	if (m != n)
		abort();
	for (i = 0; i < n; i++)
		if (memcmp(&out[i], &again[i], sizeof(out[i])) != 0)
			abort();
	return 0;
}
