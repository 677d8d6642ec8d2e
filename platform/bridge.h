/*
 * Linux bridges for switching, through rtnetlink (libmnl): bridge devices
 * and their ageing time, enslaving ports, and the forwarding database
 * (FDB: learned and static MAC entries).  Requests are synchronous on the
 * handle's own socket.  Functions return 0 or a negative error: BR_E_*,
 * or a negated errno from the kernel (-EEXIST, -ENOENT ...) as is.
 */
#ifndef PLATFORM_BRIDGE_H
#define PLATFORM_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

#define BR_E_NOMEM	(-2001)
#define BR_E_IO		(-2002)	/* socket error; errno is set */
#define BR_E_NAME	(-2003)	/* device name too long or empty */

/* The bridge's ageing time unit: the kernel's USER_HZ. */
#define BR_HZ		100

struct br;

/* One FDB entry of a bridge (RTM_NEWNEIGH, AF_BRIDGE). */
struct br_fdb {
	int		 port;		/* ifindex of the port */
	int		 master;	/* ifindex of the bridge, 0 for the
					   port's own (self) entries */
	uint8_t		 mac[6];
	unsigned	 state;		/* NUD_*: NOARP static, PERMANENT
					   local, else dynamic */
	unsigned	 flags;		/* NTF_* */
	uint32_t	 idle;		/* seconds since last seen, when the
					   kernel says (else 0) */
};

/* Entry kinds as IOS shows them. */
#define BR_FDB_DYNAMIC	0
#define BR_FDB_STATIC	1	/* NUD_NOARP: added by configuration */
#define BR_FDB_LOCAL	2	/* NUD_PERMANENT: the bridge's own MACs */
int		 br_fdb_kind(const struct br_fdb *);

const char	*br_strerror(int);

int		 br_open(struct br **);
void		 br_close(struct br *);

/*
 * Creates a bridge device (no STP, no multicast snooping, ageing in
 * seconds; 0 means entries never age, which Linux has no value for: the
 * longest time it takes).
 */
int		 br_bridge_add(struct br *, const char *name,
		    unsigned long ageing_secs);
int		 br_bridge_set_ageing(struct br *, int ifindex,
		    unsigned long ageing_secs);
/* The ageing time a bridge has now, in seconds. */
int		 br_bridge_get_ageing(struct br *, int ifindex,
		    unsigned long *secs);
/* Enslaves a device to a bridge (master 0: releases it). */
int		 br_port_set_master(struct br *, int ifindex, int master);
/* No IPv6 link-local address on a device of ours (best effort). */
int		 br_link_no_ipv6(struct br *, int ifindex);

/* The FDB: every entry of the bridge master (0: of every bridge); cb is
 * called once per entry with a borrowed pointer. */
int		 br_fdb_dump(struct br *, int master,
		    void (*cb)(const struct br_fdb *, void *), void *arg);
/* Adds or replaces an entry on a bridge port: static (NUD_NOARP) or
 * dynamic (learned, ages). */
int		 br_fdb_add(struct br *, int port, const uint8_t mac[6],
		    int is_static);
int		 br_fdb_del(struct br *, int port, const uint8_t mac[6]);
/* Drops the dynamic entries of a bridge, or of one port. */
int		 br_fdb_flush_bridge(struct br *, int ifindex);
int		 br_fdb_flush_port(struct br *, int ifindex);

#endif
