/*
 * The map-server's saved registrations: encoding, and a decoder that
 * trusts nothing in the file.
 */
#include <string.h>

#include "lispd/msstate.h"

size_t
ms_state_size(size_t n)
{
	return MS_STATE_HDR + n * sizeof(struct ms_reg);
}

size_t
ms_state_encode(const struct ms_reg *reg, size_t nreg, uint8_t *buf)
{
	uint32_t	 v[2] = { MS_STATE_MAGIC, (uint32_t)sizeof(struct ms_reg) };
	size_t		 i, off = MS_STATE_HDR;

	memcpy(buf, v, MS_STATE_HDR);
	for (i = 0; i < nreg; i++)
		if (reg[i].used) {
			memcpy(buf + off, &reg[i], sizeof(reg[i]));
			off += sizeof(reg[i]);
		}
	return off;
}

/* An address (full length) or, with prefix, a prefix with host bits
 * zero; the bytes past the family's length zero either way. */
static int
addr_sane(const struct lisp_addr *a, int prefix, int none_ok)
{
	size_t		 n = lisp_afi_len(a->afi), i;
	unsigned	 full, rest;

	if (n == 0)
		return none_ok && a->afi == LISP_AFI_NONE && a->plen == 0;
	if (prefix ? a->plen > n * 8 : a->plen != n * 8)
		return 0;
	full = a->plen / 8;
	rest = a->plen % 8;
	if (rest != 0 && (a->a[full] & (0xffu >> rest)) != 0)
		return 0;
	for (i = full + (rest != 0); i < sizeof(a->a); i++)
		if (a->a[i] != 0)
			return 0;
	return 1;
}

int
ms_reg_sane(const struct ms_reg *r)
{
	size_t	 i;

	if (memchr(r->site_name, '\0', sizeof(r->site_name)) == NULL ||
	    r->site_name[0] == '\0' || r->iid > 0xffffff ||
	    !addr_sane(&r->eid, 1, 0) || !addr_sane(&r->etr, 0, 0) ||
	    r->nloc > LC_MAX_LOC)
		return 0;
	for (i = 0; i < r->nloc; i++)
		if (!addr_sane(&r->loc[i].addr, 0, 1))
			return 0;
	return 1;
}

size_t
ms_state_decode(const uint8_t *buf, size_t len, uint64_t now,
    struct ms_reg *out, size_t max)
{
	uint32_t	 v[2];
	size_t		 off, n = 0;

	if (len < MS_STATE_HDR)
		return 0;
	memcpy(v, buf, MS_STATE_HDR);
	if (v[0] != MS_STATE_MAGIC || v[1] != sizeof(struct ms_reg))
		return 0;
	for (off = MS_STATE_HDR; off + sizeof(struct ms_reg) <= len &&
	    n < max; off += sizeof(struct ms_reg)) {
		struct ms_reg *r = &out[n];

		memcpy(r, buf + off, sizeof(*r));
		if (!ms_reg_sane(r))
			continue;
		r->used = 1;
		r->site = SIZE_MAX;
		r->proxy = r->proxy != 0;
		r->notify = r->notify != 0;
		r->more = r->more != 0;
		r->last = now;
		if (r->first > now)
			r->first = now;
		n++;
	}
	if (n < max)
		memset(&out[n], 0, sizeof(out[n]));
	return n;
}
