/*
 * lispd's modules and the one context they share.  config.c builds a
 * struct lispd_config from the `router lisp` block (through the
 * configuration grammar); ctl.c runs the control plane on UDP 4342 (ITR,
 * ETR, map-server, map-resolver); data.c the TUN data plane on UDP 4341;
 * show.c answers the cli's requests.
 */
#ifndef LISPD_LISPD_H
#define LISPD_LISPD_H

#include <stddef.h>
#include <stdint.h>

#include "lispd/mapcache.h"
#include "lispd/wire.h"

#define LC_MAX_LOC	8
#define LC_MAX_SET	16
#define LC_MAX_DB	64
#define LC_MAX_SITE	64
#define LC_MAX_PFX	32
#define LC_MAX_MR	2
#define LC_MAX_MS	2
#define LC_MAX_PETR	4
#define LC_MAX_DYN	16
#define LC_MAX_MOBIF	16
#define LC_NAMELEN	64
#define LC_KEYLEN	128

struct lc_loc {
	struct lisp_addr	 rloc;		/* afi NONE: from the interface */
	char			 ifname[32];	/* "" for an address */
	uint8_t			 pri, wgt;
};

struct lc_locset {
	char			 name[LC_NAMELEN];
	struct lc_loc		 loc[LC_MAX_LOC];
	size_t			 nloc;
};

/* A database-mapping prefix with its locators (direct or from a set). */
struct lc_db {
	uint32_t		 iid;
	struct lisp_addr	 eid;
	char			 locset[LC_NAMELEN];	/* "" when direct */
	struct lc_loc		 loc[LC_MAX_LOC];
	size_t			 nloc;
};

struct lc_mc {
	uint32_t		 iid;
	struct lisp_addr	 eid;
	uint8_t			 action;	/* with no locators */
	struct lc_loc		 loc[LC_MAX_LOC];
	size_t			 nloc;
};

struct lc_pfx {
	struct lisp_addr	 eid;
	int			 more;		/* accept-more-specifics */
};

struct lc_site {
	char			 name[LC_NAMELEN];
	char			 descr[256];
	char			 key[LC_KEYLEN];
	struct lc_pfx		 pfx[LC_MAX_PFX];
	size_t			 npfx;
};

/* dynamic-eid NAME: the prefix hosts may roam in and its locators. */
struct lc_dyn {
	char			 name[LC_NAMELEN];
	uint32_t		 iid;
	struct lisp_addr	 pfx;		/* afi NONE: no database-mapping */
	char			 locset[LC_NAMELEN];
	struct lc_loc		 loc[LC_MAX_LOC];
	size_t			 nloc;
	struct lisp_addr	 group;		/* map-notify-group, or NONE */
};

/* An interface with `lisp mobility NAME`. */
struct lc_mobif {
	char			 ifname[64];	/* IOS name */
	char			 dyn[LC_NAMELEN];
};

struct lc_ms {
	struct lisp_addr	 addr;
	char			 key[LC_KEYLEN];
	uint8_t			 alg;		/* LISP_ALG_SHA1 / _SHA256 */
};

struct lispd_config {
	int			 present;	/* router lisp is configured */
	int			 oom;		/* parse ran out of memory */
	int			 rloc_probe;	/* loc-reach-algorithm
						   rloc-probing */
	int			 itr, etr, ms, mr;
	int			 pitr, petr;	/* proxy-itr, proxy-etr */
	struct lisp_addr	 pitr_rloc;	/* proxy-itr's source RLOC */
	struct lc_loc		 use_petr[LC_MAX_PETR];	/* ipv4 use-petr */
	size_t			 npetr;
	struct lisp_addr	 mr_addr[LC_MAX_MR];
	size_t			 nmr;
	struct lc_ms		 ms_addr[LC_MAX_MS];
	size_t			 nms;
	struct lc_locset	 set[LC_MAX_SET];
	size_t			 nset;
	struct lc_db		 db[LC_MAX_DB];
	size_t			 ndb;
	struct lc_mc		*mc;		/* static map-cache lines */
	size_t			 nmc, mccap;
	struct lc_site		 site[LC_MAX_SITE];
	size_t			 nsite;
	struct lc_dyn		 dyn[LC_MAX_DYN];
	size_t			 ndyn;
	struct lc_mobif		 mobif[LC_MAX_MOBIF];
	size_t			 nmobif;
};

/*
 * Parses the canonical text of the `router lisp` block (as cfgd's
 * IPC_CFG_GET_SECTION gives it) into *c through the configuration
 * grammar; the text may also hold `interface` blocks, whose `lisp
 * mobility` lines are read.  Returns 0, or -1 on out of memory (c is then
 * empty).
 */
int	lispd_config_parse(const char *text, struct lispd_config *c);
/* Frees what lispd_config_parse allocated inside c and c itself.
 * lispd_config_free(NULL) does nothing. */
void	lispd_config_free(struct lispd_config *c);

/* A registration held by the map-server. */
struct ms_reg {
	int			 used;
	size_t			 site;		/* index in config site[] */
	/* The site by name: a change of configuration that moves or
	 * removes sites binds the index again (or drops the entry). */
	char			 site_name[LC_NAMELEN];
	uint32_t		 iid;
	struct lisp_addr	 eid;
	struct lisp_addr	 etr;		/* who registered */
	uint64_t		 first, last;	/* seconds, monotonic */
	uint32_t		 ttl;		/* minutes */
	int			 proxy, notify, more;	/* more: more-specific */
	uint8_t			 alg;
	uint64_t		 nonce;
	uint8_t			 xtr_id[16];
	uint8_t			 nloc;
	struct lisp_locator	 loc[LC_MAX_LOC];
};

#define MS_MAX_REG	1024

struct ms_notify {
	int			 used;
	struct lisp_addr	 to;
	uint64_t		 nonce;
	size_t			 site;		/* as ms_reg's */
	char			 site_name[LC_NAMELEN];
	unsigned		 tries;
	struct lisp_record	 rec;
};

#define MS_MAX_NOTIFY	64

/* A map-server site's counters, kept by the site's name: adding or
 * removing other sites moves a site's index in the configuration, never
 * its counters (name "": a free slot). */
struct site_stats {
	char			 name[LC_NAMELEN];
	uint64_t		 auth_fail;
	uint64_t		 loc_mismatch;
};

/* A Map-Request we sent and wait for. */
struct pending {
	int			 used;
	uint64_t		 nonce;
	uint32_t		 iid;
	struct lisp_addr	 eid;
	uint64_t		 sent_us;
	uint64_t		 expires;	/* seconds */
	void			*lig;		/* a lig waiting for it */
	uint32_t		 lig_reqid;
};

#define LD_MAX_PENDING	256

struct lispd_stats {
	uint64_t		 ctl_in, ctl_bad, ctl_out;
	uint64_t		 bad_nonce, reg_in, reg_auth_fail, notify_in;
	uint64_t		 mreq_in, mreq_fwd, mrep_in, mrep_out, neg_out;
	uint64_t		 encap, decap, encap_drop, decap_drop, miss;
	uint64_t		 drop[LISP_E_NCODES];
	uint64_t		 ctl_rcv_drop;	/* kernel: receive queue full */
	uint64_t		 mrep_uncovered;	/* Map-Reply records
						   outside the request */
	uint64_t		 req_nopend;	/* Map-Requests not sent: every
						   pending slot in use */
	uint64_t		 ms_saves;	/* lispd-registrations written */
	uint64_t		 evq_drop;	/* a worker's misses and mobility
						   notices lost: its queue to
						   the main thread was full */
};

struct event_base;
struct event;
struct ipc_server;
struct ipc_peer;
struct ipc_msg;
struct nl;
struct mob;
struct sockaddr_in;
struct locif;
struct probe;

struct lispd {
	struct event_base	*base;
	const char		*rundir;
	struct ipc_server	*server;
	struct ipc_peer		*cfgd;
	struct lispd_config	*conf;
	uint64_t		 started;
	/* Control plane. */
	int			 ctl_fd;
	struct event		*ctl_ev;
	struct event		*reg_timer;
	struct event		*tick;
	struct ms_reg		*reg;		/* MS_MAX_REG */
	int			 ms_dirty;	/* reg changed since saved */
	int			 ms_save_failed;	/* the last save failed */
	uint64_t		 ms_saved_us;	/* when last saved */
	struct site_stats	 sstat[LC_MAX_SITE];	/* by name */
	struct pending		 pend[LD_MAX_PENDING];
	uint64_t		 ms_last[LC_MAX_MS];	/* last Map-Notify */
	struct lisp_map_request	 mreq;		/* scratch, ~7.5 KB */
	struct lisp_record	*rec;		/* LISP_MAX_RECORDS, ~230 KB */
	uint8_t			 xtr_id[16];
	/* Data plane. */
	struct mc		*mc;
	int			 tun_fd;
	int			 tun_ifindex;
	int			 data_fd;
	struct event		*tun_ev;
	struct event		*data_ev;
	struct nl		*nl;
	struct locif		*locif;		/* interface locators */
	struct probe		*probe;		/* RLOC probing (probe.c) */
	struct lispd_stats	 st;
	/* Dynamic-EID mobility (mobility.c). */
	struct mob		*mob;
	char			*if_text;	/* cfgd's interface blocks */
	/* Map-server: Map-Notifies to an ETR that lost a more-specific
	 * registration, sent again until a Map-Notify-Ack. */
	struct ms_notify	*notq;		/* MS_MAX_NOTIFY */
};

/* Seconds and microseconds on the monotonic clock. */
uint64_t	lispd_now(void);
uint64_t	lispd_now_us(void);
/* A local RLOC for outgoing packets (the first database locator), or
 * afi NONE. */
void		lispd_local_rloc(const struct lispd *, struct lisp_addr *);

/* The use-petr locator for a flow (lowest priority, then by weight on
 * the flow hash), or NULL when none is configured. */
const struct lc_loc *lispd_petr(const struct lispd *, uint32_t hash);

/* ctl.c */
int		ctl_start(struct lispd *);
void		ctl_stop(struct lispd *);
/* The configuration changed (old may be NULL). */
void		ctl_reconfigure(struct lispd *);
/* A map-cache miss for (iid, eid): send a Map-Request (rate-limited).
 * lig/reqid: a cli peer to answer when the reply comes (NULL if none). */
int		ctl_request(struct lispd *, uint32_t iid,
		    const struct lisp_addr *eid, const struct lisp_addr *src,
		    struct ipc_peer *lig, uint32_t reqid, int force);
/* The same through map-resolver mr (NULL: the configured one), for
 * `lig ... to <mr>`. */
int		ctl_request_via(struct lispd *, uint32_t iid,
		    const struct lisp_addr *eid, const struct lisp_addr *src,
		    const struct lisp_addr *mr, struct ipc_peer *lig,
		    uint32_t reqid, int force);
/* clear ip lisp map-cache: drops the learnt entries and their routes into
 * lisp0; returns how many entries went. */
size_t		ctl_clear_mapcache(struct lispd *);
/* A cli peer went away: forget its ligs. */
void		ctl_forget_peer(struct lispd *, struct ipc_peer *);
/* ETR: a Map-Register to every map-server now (the database changed). */
void		ctl_register_now(struct lispd *);
/* ETR: withdraws one entry (a Map-Register with its record's TTL 0). */
void		ctl_deregister(struct lispd *, const struct lc_db *);
/* The counters of the site named name, or NULL when it has none yet
 * (show them as zeros). */
const struct site_stats *ctl_site_stats(const struct lispd *,
		    const char *name);
/* A Solicit-Map-Request to an ITR about eid. */
void		ctl_smr(struct lispd *, uint32_t iid, const struct lisp_addr *eid,
		    const struct lisp_addr *itr);

/* mobility.c: dynamic EIDs. */
int		mob_start(struct lispd *);
void		mob_stop(struct lispd *);
void		mob_reconfigure(struct lispd *);
/* The hosts detected here, as database entries (idx-th; dyn: its
 * dynamic-EID name). */
size_t		mob_ndb(const struct lispd *);
const struct lc_db *mob_db(const struct lispd *, size_t idx,
		    const char **dyn);
const struct lc_db *mob_db_find(const struct lispd *, uint32_t iid,
		    const struct lisp_addr *eid);
/* Whether eid is exactly a dynamic-EID prefix on a mobility interface
 * here (its map-cache entry is mobility's, "via dynamic-EID"). */
int		mob_is_dynpfx(const struct lispd *, uint32_t iid,
		    const struct lisp_addr *eid);
/* Hosts that moved away from here. */
size_t		mob_naway(const struct lispd *);
/* The IPv4 dynamic-EID prefixes of the mobility interfaces here (at
 * most max into out): what the data-plane workers tell mob_decap
 * about. */
size_t		mob_prefixes(const struct lispd *, struct lisp_addr *out,
		    size_t max);
/* A verified Map-Notify: confirms our registrations, or says a host is
 * away (returns 1: the map-server wants a Map-Notify-Ack). */
int		mob_notify(struct lispd *, const struct lisp_map *);
/* data.c: a decapsulated packet (inner IPv4) from an ITR (outer). */
void		mob_decap(struct lispd *, const uint8_t *inner, size_t len,
		    const struct sockaddr_in *outer);
/* show.c: IPC_LISP_DYNEID. */
void		mob_show(struct lispd *, struct ipc_peer *, uint32_t reqid);

/* data.c */
int		data_start(struct lispd *);
void		data_stop(struct lispd *);
/* A map-cache entry was added or removed: keep the kernel routes in
 * step. */
void		data_route(struct lispd *, const struct lisp_addr *, int add);
/* Installs the static entries of the configuration. */
void		data_reconfigure(struct lispd *);
/* Hands the workers what they need of the configuration (after
 * mob_reconfigure too: they watch the dynamic-EID prefixes). */
void		data_publish(struct lispd *);

/* ctl.c: an RLOC probe (a Map-Request with the probe bit for (iid, eid))
 * straight to rloc; *nonce is the one it carries. */
int		ctl_probe(struct lispd *, uint32_t iid,
		    const struct lisp_addr *eid, const struct lisp_addr *rloc,
		    uint64_t *nonce);

/* probe.c: RLOC probing. */
struct probe_state {
	uint64_t		 changed;	/* last up/down change (s) */
	uint32_t		 nchanges;
	uint64_t		 sent;		/* last probe (s), 0: never */
	uint32_t		 rtt_us;
};
int		probe_start(struct lispd *);
void		probe_stop(struct lispd *);
void		probe_reconfigure(struct lispd *);
/* A probe Map-Reply with this nonce: 0, or -1 when it is none of ours. */
int		probe_reply(struct lispd *, uint64_t nonce);
/* A new map-cache entry: locators known down are marked so in it. */
void		probe_learnt(struct lispd *, uint32_t iid,
		    const struct lisp_addr *eid, const struct mc_locator *,
		    size_t n);
/* What probing knows of a locator: 0, or -1 when it probes no such. */
int		probe_info(const struct lispd *, const struct lisp_addr *rloc,
		    struct probe_state *);

/* locif.c: ipv4-interface locators. */
int		locif_start(struct lispd *);
void		locif_stop(struct lispd *);
/* Gives the configuration's interface locators their interfaces'
 * primary IPv4 addresses now; whether a database locator changed. */
int		locif_resolve(struct lispd *);

/* show.c: a cli request. */
void		show_handle(struct lispd *, struct ipc_peer *,
		    const struct ipc_msg *);

#endif
