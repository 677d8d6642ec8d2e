/*
 * The rate of Solicit-Map-Requests an ETR sends for traffic to hosts
 * that are not (or no longer) its own: at most one per ITR and EID per
 * gap, and at most a budget a second in all.  Each decapsulated packet
 * for such a host asks; without the per-pair memory every packet would
 * be answered with an SMR, and without the overall budget many ITRs (or
 * packets with forged outer sources) would turn the data plane's packet
 * rate into as many control messages.  Pure: the caller gives the time.
 */
#ifndef LISPD_SMRLIMIT_H
#define LISPD_SMRLIMIT_H

#include <stdint.h>

#define SMRL_SLOTS	1024	/* pairs remembered, in sets by a hash */

struct smrl_slot {
	uint32_t	 itr, eid;	/* network byte order */
	uint64_t	 us;		/* 0: free */
};

struct smr_limit {
	uint64_t	 gap_us;	/* per ITR and EID */
	unsigned	 per_sec;	/* in all */
	uint64_t	 sec_start;	/* the current second, us */
	unsigned	 sent;		/* in it */
	unsigned long	 suppressed;	/* by the budget, since start */
	struct smrl_slot slot[SMRL_SLOTS];
};

void	 smrl_init(struct smr_limit *, uint64_t gap_us, unsigned per_sec);
/* Whether to send an SMR to itr about eid now (now_us > 0); yes counts
 * as sent. */
int	 smrl_allow(struct smr_limit *, uint32_t itr, uint32_t eid,
	    uint64_t now_us);

#endif
