/*
 * cfgd's platform side, internal to its three files: cfgd-platform.c
 * (state, reconciling the kernel with the model, netlink events),
 * cfgd-ifshow.c (show requests) and cfgd-ping.c (ping and traceroute).
 * What the rest of cfgd calls is declared in cfgd.h.
 */
#ifndef CFG_CFGD_PLATFORM_H
#define CFG_CFGD_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "cfg/ifplat.h"
#include "platform/netlink.h"

struct cfg_model;
struct cfg_node;
struct cfgd;
struct event;
struct ifmap_tab;

#define IF_PREFIX	"interface "
#define REFRESH_MS	100	/* debounce of netlink events */
#define ROUTE_BATCH	512	/* routes per DATA record */
#define MAXADDR		64	/* addresses per interface we apply */

/* What we applied to one configured interface. */
struct ifst {
	char		*name;
	struct ifst	*hnext;		/* hash chain */
	struct ifst	*dnext;		/* dirty list */
	int		 dirty;
	const char	*method;	/* NVRAM, manual, unset */
	int		 ifindex;	/* 0: not applied to a device yet */
	uint32_t	 addr[MAXADDR];	/* host order; primary first */
	unsigned	 plen[MAXADDR];
	size_t		 naddr;
	int		 admin;		/* -1 unknown */
	unsigned	 mtu;
	int		 mac_set;
	uint8_t		 orig_mac[6];
};

/* A configured static route and whether the kernel has it. */
struct sroute {
	char		*line;
	struct nl_route	 r;
	int		 installed;
	int		 seen;
};

struct job;

struct cfgd_platform {
	struct cfg_ifplat	 ops;		/* first: cfg_env.platform */
	struct cfgd		*d;
	int			 managed;
	int			 started;
	struct nl		*nl;
	struct nl		*ev;
	struct event		*ev_read;
	struct event		*ev_apply;
	struct event		*ev_refresh;
	struct ifmap_tab		*map;
	char			 mapfile[4096];
	int			 full;
	int			 routes_dirty;
	struct ifst		**tab;
	size_t			 tabcap, tabn;
	struct ifst		*dirty;
	struct sroute		*routes;
	size_t			 nroutes;
	struct job		*jobs;
	const char		*loop_kind;	/* "dummy", or "ifb" */
	struct cfgd_dhcp	*dhcp;		/* cfgd-dhcp.c */
};


/* What the model wants for one interface. */
struct want {
	uint32_t	 addr[MAXADDR];
	unsigned	 plen[MAXADDR];
	size_t		 naddr;
	int		 up;
	unsigned	 mtu;
	int		 has_mac;
	uint8_t		 mac[6];
	const char	*descr;
};

struct addr_collect {
	int		 ifindex;	/* 0: all */
	struct nl_addr	*v;
	size_t		 n, cap;
};

struct link_collect {
	struct nl_link	*v;
	size_t		 n, cap;
};

/* cfgd-platform.c */
struct ifst	*cfgd_pl_st_find(struct cfgd_platform *, const char *name);
struct cfg_node	*cfgd_pl_model_if(struct cfg_model *, const char *ifname);
/* The interface a node configures ("interface X" -> "X"), or NULL. */
const char	*cfgd_pl_node_ifname(const struct cfg_node *);
void		 cfgd_pl_want(const struct cfg_node *, struct want *);
const char	*cfgd_pl_addr_str(uint32_t host, char *buf, size_t len);
int		 cfgd_pl_is_type(const char *ifname, const char *type);
/* nl_addrs / nl_links callbacks filling the collections (caller frees
 * .v). */
void		 cfgd_pl_collect_addr(const struct nl_addr *, void *);
void		 cfgd_pl_collect_link(const struct nl_link *, void *);
/* The ifindex of an interface's device now, or 0. */
int		 cfgd_pl_ifindex(struct cfgd_platform *, const char *ifname);

/* cfgd-dhcp.c: ip address dhcp (a DHCP client per interface).  _if from
 * the interface reconcile: want (the model has ip address dhcp) starts the
 * client on dev and puts its lease first in w, !want stops it and drops
 * the lease; _route once the addresses are applied; _refresh after
 * netlink events. */
struct cfgd_dhcp;
struct cfgd_dhcp *cfgd_dhcp_new(struct cfgd_platform *);
void		 cfgd_dhcp_start(struct cfgd_dhcp *);
void		 cfgd_dhcp_free(struct cfgd_dhcp *);
int		 cfgd_pl_node_dhcp(const struct cfg_node *ifnode);
void		 cfgd_dhcp_if(struct cfgd_dhcp *, struct ifst *,
		    const char *dev, int want, struct want *);
void		 cfgd_dhcp_route(struct cfgd_dhcp *, struct ifst *);
void		 cfgd_dhcp_refresh(struct cfgd_dhcp *);

/* cfgd-ping.c */
struct ipc_msg;
struct ipc_peer;
void		 cfgd_pl_jobs_free(struct cfgd_platform *);
void		 cfgd_pl_handle_ping(struct cfgd *, struct ipc_peer *,
		    const struct ipc_msg *);
void		 cfgd_pl_handle_traceroute(struct cfgd *, struct ipc_peer *,
		    const struct ipc_msg *);

#endif
