/*
 * SMR rate limits: a table of the pairs lately solicited, in sets of
 * WAYS by a hash of the pair (a new pair takes its set's oldest slot),
 * and a per-second budget.  A pair pushed out of its full set may be
 * solicited again within its gap: the budget still bounds the total.
 */
#include <string.h>

#include "lispd/smrlimit.h"

void
smrl_init(struct smr_limit *s, uint64_t gap_us, unsigned per_sec)
{
	memset(s, 0, sizeof(*s));
	s->gap_us = gap_us;
	s->per_sec = per_sec;
}

#define WAYS	4

/* The first slot of the pair's set of WAYS. */
static size_t
set_of(uint32_t itr, uint32_t eid)
{
	uint64_t	 k = ((uint64_t)itr << 32 | eid) * 0x9e3779b97f4a7c15ull;

	return (size_t)(k >> 40) % (SMRL_SLOTS / WAYS) * WAYS;
}

int
smrl_allow(struct smr_limit *s, uint32_t itr, uint32_t eid, uint64_t now_us)
{
	struct smrl_slot	*set = &s->slot[set_of(itr, eid)], *sl;
	size_t			 i;

	sl = &set[0];
	for (i = 0; i < WAYS; i++) {
		if (set[i].us != 0 && set[i].itr == itr && set[i].eid == eid) {
			if (now_us - set[i].us < s->gap_us)
				return 0;
			sl = &set[i];
			break;
		}
		/* Else the oldest (a free slot is oldest of all). */
		if (set[i].us < sl->us)
			sl = &set[i];
	}
	if (now_us - s->sec_start >= 1000000 || s->sec_start == 0) {
		s->sec_start = now_us;
		s->sent = 0;
	}
	if (s->sent >= s->per_sec) {
		s->suppressed++;
		return 0;
	}
	s->sent++;
	sl->itr = itr;
	sl->eid = eid;
	sl->us = now_us;
	return 1;
}
