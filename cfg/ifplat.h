/*
 * What the interface and route hooks (cfgtab-if.c) ask of the daemon that
 * applies them.  cfgd's platform code fills one in and points
 * cfg_env.platform at it; with no platform (the cli, pure tests) the hooks
 * only validate what the model alone can tell and store.
 *
 * Also the model queries both sides share (pure).
 */
#ifndef CFG_IFPLAT_H
#define CFG_IFPLAT_H

#include <stddef.h>
#include <stdint.h>

struct cfg_model;

struct cfg_ifplat {
	/* 1 if ifname (canonical) can be configured here: a GigabitEthernet
	 * whose device exists, or a type that is created on demand. */
	int	(*exists)(struct cfg_ifplat *, const char *ifname);
	/* Configuration of ifname (NULL: static routes) changes with this
	 * line (its addresses when addr is set); the kernel follows once the
	 * line is stored. */
	void	(*touch)(struct cfg_ifplat *, struct cfg_model *m,
		    const char *ifname, int addr);
};

/* Host byte order helpers for "A.B.C.D" and dotted masks; 0 or -1. */
int	cfg_if_parse_addr(const char *, uint32_t *);
int	cfg_if_mask_len(const char *mask, unsigned *plen);

/* Whether ifname's block in m has address addr/plen (primary or
 * secondary). */
int	cfg_if_has_addr(struct cfg_model *m, const char *ifname, uint32_t addr,
	    unsigned plen);

#endif
