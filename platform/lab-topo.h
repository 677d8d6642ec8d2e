/*
 * The lab topology file: routers, the segments they attach to, hosts, the
 * management network and each router's startup configuration as IOS text.
 * Pure: parses text into a description; platform/lab.c builds it.
 *
 * The format, line by line ('#' starts a comment line; blank lines are
 * ignored; block lines are indented, top-level lines are not):
 *
 *	lab NAME
 *	management A.B.C.D/LEN
 *	segment NAME
 *	router NAME
 *	 interface GigabitEthernetN segment SEG [mac H.H.H]
 *	 management A.B.C.D [GigabitEthernetN]
 *	 config
 *	<IOS configuration lines, verbatim>
 *	end
 *	host NAME
 *	 address A.B.C.D/LEN
 *	 gateway A.B.C.D		(optional: its default route)
 *	 mac H.H.H			(optional)
 *	 segment SEG			(a host that stays put)
 *	 position NAME SEG		(a movable host: one line per place;
 *					 it starts at the first)
 *
 * A host may sit on any segment, one the routers use included: a plain
 * host on the WAN (a server, a stand-in map-resolver) is an address on the
 * WAN's network, "segment wan" and no gateway.
 *
 * The config block takes every line up to the first line that reads
 * "end" (surrounding blanks ignored), as a running-config ends.
 */
#ifndef PLATFORM_LAB_TOPO_H
#define PLATFORM_LAB_TOPO_H

#include <stddef.h>
#include <stdint.h>

#define LAB_NAME_MAX	16	/* node, segment, position names, with NUL */
#define LAB_LABNAME_MAX	24	/* the lab's name (namespace prefix) */
#define LAB_MAX_NODES	32
#define LAB_MAX_SEGS	32
#define LAB_MAX_IFS	8	/* GigabitEthernet1..8, management included */
#define LAB_MAX_POS	8
#define LAB_MAC_LEN	18	/* "aa:bb:cc:dd:ee:ff" */
#define LAB_CONFIG_MAX	(1024 * 1024)

/* The management network when the file names none. */
#define LAB_MGMT_DEFAULT	"203.0.113.0/24"

struct lab_if {
	unsigned int	 gi;		/* GigabitEthernetN */
	int		 seg;		/* index into segs */
	char		 mac[LAB_MAC_LEN];	/* "" when not given */
};

struct lab_router {
	char		 name[LAB_NAME_MAX];
	struct lab_if	 ifs[LAB_MAX_IFS];
	size_t		 nifs;
	uint32_t	 mgmt;		/* host order; 0: no management */
	unsigned int	 mgmt_gi;
	char		*config;	/* owned; NUL-terminated, may be "" */
	int		 line;		/* where the block starts */
};

struct lab_position {
	char		 name[LAB_NAME_MAX];
	int		 seg;
};

struct lab_host {
	char			 name[LAB_NAME_MAX];
	uint32_t		 addr;		/* host order */
	unsigned int		 plen;
	uint32_t		 gateway;	/* 0: none */
	char			 mac[LAB_MAC_LEN];
	int			 seg;		/* -1 when movable */
	struct lab_position	 pos[LAB_MAX_POS];
	size_t			 npos;
	int			 line;
};

struct lab_topo {
	char			 name[LAB_LABNAME_MAX];	/* "" if not given */
	uint32_t		 mgmt_net;	/* host order */
	unsigned int		 mgmt_plen;
	uint32_t		 mgmt_station;	/* the host side's address */
	char			 segs[LAB_MAX_SEGS][LAB_NAME_MAX];
	size_t			 nsegs;
	struct lab_router	 routers[LAB_MAX_NODES];
	size_t			 nrouters;
	struct lab_host		 hosts[LAB_MAX_NODES];
	size_t			 nhosts;
};

/*
 * Parses len bytes of text (need not be NUL-terminated) into *t, which the
 * caller allocates; file names the text in messages.  Returns 0, or -1
 * with "FILE:LINE: what was expected" in err (always NUL-terminated).
 * Call lab_topo_free(t) either way.
 */
int	lab_topo_parse(struct lab_topo *t, const char *text, size_t len,
	    const char *file, char *err, size_t errlen);
/* Frees what lab_topo_parse allocated inside *t (not t itself). */
void	lab_topo_free(struct lab_topo *t);

/* A valid lab name (the prefix of its namespaces)? */
int	lab_topo_valid_name(const char *name, size_t max);
/* Index of a router or host by name, or -1. */
int	lab_topo_router(const struct lab_topo *t, const char *name);
int	lab_topo_host(const struct lab_topo *t, const char *name);
/* Index of a position of host h, or -1. */
int	lab_topo_position(const struct lab_host *h, const char *name);

#endif
