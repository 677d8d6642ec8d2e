/*
 * The map-server's registrations as saved in the run directory
 * (lispd-registrations), so that they survive a restart of lispd.  The
 * file is written whole (platform/atomicfile) and read back at start, and
 * whatever it holds is checked entry by entry before lispd uses it: a
 * file from another build, a truncated or corrupt one, or one edited by
 * hand must not put an out-of-range count or address into the tables the
 * map-server and map-resolver index with.  Pure code: no I/O.
 */
#ifndef LISPD_MSSTATE_H
#define LISPD_MSSTATE_H

#include <stddef.h>
#include <stdint.h>

#include "lispd/lispd.h"

/* "LMS2": a header of this and sizeof(struct ms_reg), then the entries. */
#define MS_STATE_MAGIC	0x4c4d5332u
#define MS_STATE_HDR	(2 * sizeof(uint32_t))

/* Bytes the file of n registrations takes. */
size_t	 ms_state_size(size_t n);
/* The used entries of reg[0..nreg) into buf (ms_state_size(nreg) bytes at
 * least); returns the bytes written. */
size_t	 ms_state_encode(const struct ms_reg *reg, size_t nreg, uint8_t *buf);
/*
 * The sound entries of a file into out[0..max), in order; returns how
 * many.  A file of another magic or entry size gives none; an entry that
 * is not sound (see ms_reg_sane) is skipped.  Each entry kept is used,
 * its site index unknown (SIZE_MAX: the caller binds it by site name to
 * the configuration it has), last heard now, first heard no later than
 * now.
 */
size_t	 ms_state_decode(const uint8_t *buf, size_t len, uint64_t now,
	    struct ms_reg *out, size_t max);
/* Whether a registration is one the map-server could have made: its
 * site name terminated and not empty, EID a prefix of a known family with
 * host bits zero, ETR an address, at most LC_MAX_LOC locators, each an
 * address (or none), instance-id 24 bits. */
int	 ms_reg_sane(const struct ms_reg *);

#endif
