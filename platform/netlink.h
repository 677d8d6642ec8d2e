/*
 * The kernel's network objects through rtnetlink (libmnl): links, IPv4
 * addresses and routes, dummy devices, and an event socket for what
 * changes behind our back.  Requests are synchronous on their own socket;
 * events arrive on a second socket whose fd the caller watches (cfgd puts
 * it on its libevent loop).  Functions return 0 or a negative NL_E_* (a
 * negated errno from the kernel, e.g. -EEXIST, is passed through as is).
 */
#ifndef PLATFORM_NETLINK_H
#define PLATFORM_NETLINK_H

#include <stddef.h>
#include <stdint.h>

#define NL_E_NOMEM	(-1001)
#define NL_E_IO		(-1002)	/* socket error; errno is set */
#define NL_E_PROTO	(-1003)	/* malformed or unexpected reply */
#define NL_E_NAME	(-1004)	/* device name too long or invalid */

#define NL_IFNAMSIZ	16

struct nl;

/* One link (RTM_NEWLINK). */
struct nl_link {
	int		 ifindex;
	char		 name[NL_IFNAMSIZ];
	char		 kind[16];	/* IFLA_INFO_KIND: "veth", "dummy", "" */
	unsigned	 type;		/* ARPHRD_* */
	unsigned	 flags;		/* IFF_* */
	unsigned	 operstate;	/* IF_OPER_* */
	unsigned	 mtu;
	int		 master;	/* ifindex of its bridge/bond, or 0 */
	uint8_t		 mac[6];
	int		 has_mac;
	uint64_t	 rx_packets, tx_packets, rx_bytes, tx_bytes;
	uint64_t	 rx_errors, tx_errors, rx_dropped, tx_dropped;
	uint64_t	 multicast, collisions, rx_crc, rx_frame, rx_fifo,
			 tx_fifo, rx_over, tx_carrier;
};

/* One IPv4 address (RTM_NEWADDR). */
struct nl_addr {
	int		 ifindex;
	uint32_t	 addr;		/* network byte order */
	unsigned	 plen;
	int		 secondary;	/* IFA_F_SECONDARY */
};

/* One IPv4 route (RTM_NEWROUTE), single path. */
struct nl_route {
	uint32_t	 dst;		/* network byte order */
	unsigned	 plen;
	uint32_t	 gw;		/* 0 = none */
	int		 oif;		/* 0 = none */
	unsigned	 table;
	unsigned	 protocol;	/* RTPROT_* */
	unsigned	 scope;
	unsigned	 type;		/* RTN_* */
	uint32_t	 metric;
	uint32_t	 prefsrc;
};

/* Events (nl_events_read). */
enum nl_event {
	NL_EV_LINK = 1,		/* a link appeared, changed or went */
	NL_EV_ADDR,
	NL_EV_ROUTE,
};

/* The protocol number our static routes carry (RTPROT_STATIC). */
#define NL_PROTO_STATIC	4

const char	*nl_strerror(int);

/* Opens a request socket.  Returns 0 or NL_E_*. */
int		 nl_open(struct nl **);
void		 nl_close(struct nl *);

/* Dumps: cb is called once per object; borrowed pointers. */
int		 nl_links(struct nl *, void (*cb)(const struct nl_link *,
		    void *), void *arg);
int		 nl_link_get(struct nl *, const char *name, struct nl_link *);
int		 nl_addrs(struct nl *, void (*cb)(const struct nl_addr *,
		    void *), void *arg);
/* table 0 = all tables. */
int		 nl_routes(struct nl *, unsigned table,
		    void (*cb)(const struct nl_route *, void *), void *arg);

/* Links. */
int		 nl_link_set_up(struct nl *, int ifindex, int up);
int		 nl_link_set_mtu(struct nl *, int ifindex, unsigned mtu);
int		 nl_link_set_mac(struct nl *, int ifindex, const uint8_t mac[6]);
/* Creates a virtual device of this kind ("dummy", "ifb"). */
int		 nl_virt_add(struct nl *, const char *name, const char *kind);
int		 nl_link_del(struct nl *, int ifindex);

/* IPv4 addresses: addr in network byte order. */
int		 nl_addr_add(struct nl *, int ifindex, uint32_t addr,
		    unsigned plen);
int		 nl_addr_del(struct nl *, int ifindex, uint32_t addr,
		    unsigned plen);

/* IPv4 routes in the main table with protocol r->protocol. */
int		 nl_route_add(struct nl *, const struct nl_route *);
int		 nl_route_del(struct nl *, const struct nl_route *);

/*
 * The event socket: subscribed to link, IPv4 address and IPv4 route
 * changes.  nl_events_fd is non-blocking; nl_events_read drains it and
 * calls cb once per event (or once with NL_EV_LINK if the socket overran,
 * so the caller rereads everything).
 */
int		 nl_events_open(struct nl **);
int		 nl_events_fd(const struct nl *);
int		 nl_events_read(struct nl *, void (*cb)(enum nl_event, void *),
		    void *arg);

#endif
