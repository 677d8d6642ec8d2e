/*
 * VLAN lists as IOS reads and writes them ("1,3-5,10").  A set of VLAN
 * ids 1-4094 is a bitmap; parsing gives IOS's "Command rejected: Bad VLAN
 * list" texts, rendering writes runs of three or more as ranges and pairs
 * as two numbers ("11,12,16-18"), as a Catalyst does.  Pure.
 */
#ifndef CFG_VLANLIST_H
#define CFG_VLANLIST_H

#include <stddef.h>
#include <stdint.h>

#define VLAN_MIN	1
#define VLAN_MAX	4094
/* The longest rendering: every other VLAN, "1,3,5,...,4093". */
#define VLAN_LIST_MAX	(5 * 2047 + 1)

struct vlan_set {
	uint64_t	 bits[(VLAN_MAX + 64) / 64];
};

void	 vlan_set_clear(struct vlan_set *);
/* All of 1-4094. */
void	 vlan_set_fill(struct vlan_set *);
int	 vlan_set_has(const struct vlan_set *, unsigned vid);
/* Out-of-range ids are ignored. */
void	 vlan_set_add(struct vlan_set *, unsigned vid);
void	 vlan_set_del(struct vlan_set *, unsigned vid);
size_t	 vlan_set_count(const struct vlan_set *);
int	 vlan_set_full(const struct vlan_set *);
/* a |= b, a &= ~b, a &= b. */
void	 vlan_set_union(struct vlan_set *a, const struct vlan_set *b);
void	 vlan_set_minus(struct vlan_set *a, const struct vlan_set *b);
void	 vlan_set_inter(struct vlan_set *a, const struct vlan_set *b);
int	 vlan_set_eq(const struct vlan_set *, const struct vlan_set *);
/* The next member >= vid, or 0 when there is none. */
unsigned vlan_set_next(const struct vlan_set *, unsigned vid);

/*
 * Parses an IOS VLAN list ("10", "1,3-5", "2-4094") into *out.  Returns 0,
 * or -1 with IOS's message (ending in a newline, wrapped as IOS wraps it)
 * in err.
 */
int	 vlan_set_parse(const char *text, struct vlan_set *out, char *err,
	    size_t errlen);
/*
 * Renders the set as IOS does, "none" when it is empty.  Returns buf, or
 * NULL when len is too short (VLAN_LIST_MAX + 1 always suffices).
 */
char	*vlan_set_render(const struct vlan_set *, char *buf, size_t len);

#endif
