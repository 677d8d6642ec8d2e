/*
 * IPv4 neighbours (ARP entries) through rtnetlink: an event socket on
 * RTNLGRP_NEIGH for the hosts that appear on or vanish from a LAN, a dump
 * of the current entries, a forced probe of one entry (is the host still
 * there?), its removal, and the per-interface settings that make the
 * kernel create entries from gratuitous ARP and give up on a silent host
 * quickly.  lispd's dynamic-EID detection is built on these; nothing here
 * polls.
 */
#ifndef PLATFORM_NEIGH_H
#define PLATFORM_NEIGH_H

#include <stdint.h>

/* Entry states, as the kernel's NUD_* bits. */
#define NEIGH_INCOMPLETE	0x01
#define NEIGH_REACHABLE		0x02
#define NEIGH_STALE		0x04
#define NEIGH_DELAY		0x08
#define NEIGH_PROBE		0x10
#define NEIGH_FAILED		0x20
#define NEIGH_NOARP		0x40
#define NEIGH_PERMANENT		0x80
/* A host answering (or recently heard) on the link. */
#define NEIGH_PRESENT	(NEIGH_REACHABLE | NEIGH_STALE | NEIGH_DELAY | \
	NEIGH_PROBE | NEIGH_PERMANENT)

struct neigh_ev {
	int		 ifindex;
	uint32_t	 addr;		/* network byte order */
	unsigned	 state;		/* NEIGH_* */
	int		 deleted;	/* RTM_DELNEIGH */
	uint8_t		 mac[6];
	int		 has_mac;
};

struct neigh;

/* Opens the event socket (non-blocking) and a request socket.  Returns 0
 * or a negative errno. */
int	 neigh_open(struct neigh **);
void	 neigh_close(struct neigh *);
int	 neigh_fd(const struct neigh *);
/*
 * Drains the event socket: cb once per IPv4 neighbour event.  When the
 * socket overran (events lost) *lost is set; the caller dumps again.
 */
int	 neigh_read(struct neigh *, void (*cb)(const struct neigh_ev *,
	    void *), void *arg, int *lost);
/* Every IPv4 neighbour entry now (cb as above, deleted 0). */
int	 neigh_dump(struct neigh *, void (*cb)(const struct neigh_ev *,
	    void *), void *arg);
/* Puts the entry in PROBE: the kernel sends unicast ARP probes and the
 * entry becomes REACHABLE or FAILED (an event either way). */
int	 neigh_probe(struct neigh *, int ifindex, uint32_t addr);
int	 neigh_del(struct neigh *, int ifindex, uint32_t addr);
/* Creates the entry if need be and resolves it as if traffic were waiting:
 * a broadcast ARP request; the entry becomes REACHABLE, or FAILED.  A
 * fresh entry (INCOMPLETE) also turns STALE on the host's own ARP. */
int	 neigh_resolve(struct neigh *, int ifindex, uint32_t addr);
/*
 * Settings of a LAN device for roaming hosts: arp_accept (gratuitous ARP
 * creates entries, so a warm-moved host is seen), and short probe timers
 * (a vanished host fails in about a second).  Returns 0 or -errno.
 */
int	 neigh_if_roaming(const char *dev);

#endif
