/*
 * Linux bridges and their FDB through rtnetlink (libmnl).  One request at
 * a time on the handle's socket: build, send, run the replies through a
 * callback until the kernel's DONE or ACK.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <net/if.h>
#include <netinet/in.h>

#include <linux/if_addr.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <errno.h>
#include <libmnl/libmnl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform/bridge.h"

/* FDB dumps of tens of thousands of entries: a large receive buffer. */
#define BR_BUFSZ	(256u * 1024)
/* IOS's aging-time 0 (never): the longest ageing time the kernel takes. */
#define AGEING_NEVER	0xffffffffu

struct br {
	struct mnl_socket	*sk;
	unsigned		 portid;
	unsigned		 seq;
	char			*buf;
};

const char *
br_strerror(int err)
{
	switch (err) {
	case BR_E_NOMEM:
		return "out of memory";
	case BR_E_IO:
		return "netlink socket error";
	case BR_E_NAME:
		return "bad device name";
	default:
		return err < 0 ? strerror(-err) : "no error";
	}
}

int
br_open(struct br **out)
{
	struct br	*b;
	int		 one = 1;

	*out = NULL;
	if ((b = calloc(1, sizeof(*b))) == NULL ||
	    (b->buf = malloc(BR_BUFSZ)) == NULL) {
		free(b);
		return BR_E_NOMEM;
	}
	if ((b->sk = mnl_socket_open(NETLINK_ROUTE)) == NULL ||
	    mnl_socket_bind(b->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		br_close(b);
		return BR_E_IO;
	}
	/* Extended ACKs make errors precise; not every kernel has them. */
	(void)mnl_socket_setsockopt(b->sk, NETLINK_EXT_ACK, &one, sizeof(one));
	b->portid = mnl_socket_get_portid(b->sk);
	b->seq = (unsigned)time(NULL);
	*out = b;
	return 0;
}

void
br_close(struct br *b)
{
	if (b == NULL)
		return;
	if (b->sk != NULL)
		mnl_socket_close(b->sk);
	free(b->buf);
	free(b);
}

static int
talk(struct br *b, struct nlmsghdr *nlh, mnl_cb_t cb, void *arg)
{
	ssize_t	 len;
	int	 rc;

	nlh->nlmsg_seq = ++b->seq;
	if (mnl_socket_sendto(b->sk, nlh, nlh->nlmsg_len) < 0)
		return BR_E_IO;
	for (;;) {
		len = mnl_socket_recvfrom(b->sk, b->buf, BR_BUFSZ);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return BR_E_IO;
		}
		errno = 0;
		rc = mnl_cb_run(b->buf, (size_t)len, b->seq, b->portid, cb,
		    arg);
		if (rc == MNL_CB_ERROR)
			return errno != 0 ? -errno : -EPROTO;
		if (rc == MNL_CB_STOP)
			return 0;
	}
}

static struct nlmsghdr *
hdr(struct br *b, uint16_t type, uint16_t flags)
{
	struct nlmsghdr	*nlh;

	memset(b->buf, 0, MNL_SOCKET_BUFFER_SIZE);
	nlh = mnl_nlmsg_put_header(b->buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	return nlh;
}

static struct nlmsghdr *
link_req(struct br *b, uint16_t flags, int ifindex, unsigned char family)
{
	struct nlmsghdr		*nlh = hdr(b, RTM_NEWLINK, NLM_F_ACK | flags);
	struct ifinfomsg	*ifi;

	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = family;
	ifi->ifi_index = ifindex;
	return nlh;
}

static uint32_t
ageing_cs(unsigned long secs)
{
	if (secs == 0 || secs >= AGEING_NEVER / BR_HZ)
		return AGEING_NEVER;
	return (uint32_t)(secs * BR_HZ);
}

/* Devices. */

int
br_bridge_add(struct br *b, const char *name, unsigned long ageing_secs)
{
	struct nlmsghdr	*nlh;
	struct nlattr	*info, *data;

	if (*name == '\0' || strlen(name) >= IFNAMSIZ)
		return BR_E_NAME;
	nlh = link_req(b, NLM_F_CREATE | NLM_F_EXCL, 0, AF_UNSPEC);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "bridge");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	mnl_attr_put_u32(nlh, IFLA_BR_AGEING_TIME, ageing_cs(ageing_secs));
	mnl_attr_put_u32(nlh, IFLA_BR_STP_STATE, 0);
	/* Snooping makes the bridge join 224.0.0.106 and ff02::6a (router
	 * discovery) and send reports from its own MAC: a switch's VLAN
	 * stays silent. */
	mnl_attr_put_u8(nlh, IFLA_BR_MCAST_SNOOPING, 0);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return talk(b, nlh, NULL, NULL);
}

int
br_bridge_set_ageing(struct br *b, int ifindex, unsigned long ageing_secs)
{
	struct nlmsghdr	*nlh = link_req(b, 0, ifindex, AF_UNSPEC);
	struct nlattr	*info, *data;

	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "bridge");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	mnl_attr_put_u32(nlh, IFLA_BR_AGEING_TIME, ageing_cs(ageing_secs));
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return talk(b, nlh, NULL, NULL);
}

struct ageing_get {
	int		 found;
	uint32_t	 cs;
};

static int
br_data_cb(const struct nlattr *a, void *arg)
{
	struct ageing_get	*g = arg;

	if (mnl_attr_get_type(a) == IFLA_BR_AGEING_TIME &&
	    mnl_attr_validate(a, MNL_TYPE_U32) >= 0) {
		g->cs = mnl_attr_get_u32(a);
		g->found = 1;
	}
	return MNL_CB_OK;
}

static int
br_info_cb(const struct nlattr *a, void *arg)
{
	if (mnl_attr_get_type(a) == IFLA_INFO_DATA &&
	    mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
		mnl_attr_parse_nested(a, br_data_cb, arg);
	return MNL_CB_OK;
}

static int
br_link_attr_cb(const struct nlattr *a, void *arg)
{
	if (mnl_attr_get_type(a) == IFLA_LINKINFO &&
	    mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
		mnl_attr_parse_nested(a, br_info_cb, arg);
	return MNL_CB_OK;
}

static int
br_link_cb(const struct nlmsghdr *nlh, void *arg)
{
	if (nlh->nlmsg_type == RTM_NEWLINK &&
	    nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(struct ifinfomsg)))
		mnl_attr_parse(nlh, sizeof(struct ifinfomsg), br_link_attr_cb,
		    arg);
	return MNL_CB_OK;
}

int
br_bridge_get_ageing(struct br *b, int ifindex, unsigned long *secs)
{
	struct nlmsghdr		*nlh = hdr(b, RTM_GETLINK, NLM_F_ACK);
	struct ifinfomsg	*ifi;
	struct ageing_get	 g = { 0, 0 };
	int			 rc;

	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	if ((rc = talk(b, nlh, br_link_cb, &g)) != 0)
		return rc;
	if (!g.found)
		return -ENOENT;
	*secs = g.cs == AGEING_NEVER ? 0 : g.cs / BR_HZ;
	return 0;
}

int
br_port_set_master(struct br *b, int ifindex, int master)
{
	struct nlmsghdr	*nlh = link_req(b, 0, ifindex, AF_UNSPEC);

	mnl_attr_put_u32(nlh, IFLA_MASTER, (uint32_t)master);
	return talk(b, nlh, NULL, NULL);
}

int
br_link_no_ipv6(struct br *b, int ifindex)
{
	struct nlmsghdr	*nlh = link_req(b, 0, ifindex, AF_UNSPEC);
	struct nlattr	*spec, *inet6;

	spec = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
	inet6 = mnl_attr_nest_start(nlh, AF_INET6);
	mnl_attr_put_u8(nlh, IFLA_INET6_ADDR_GEN_MODE,
	    IN6_ADDR_GEN_MODE_NONE);
	mnl_attr_nest_end(nlh, inet6);
	mnl_attr_nest_end(nlh, spec);
	return talk(b, nlh, NULL, NULL);
}

/* The FDB. */

int
br_fdb_kind(const struct br_fdb *f)
{
	if (f->state & NUD_PERMANENT)
		return BR_FDB_LOCAL;
	if (f->state & NUD_NOARP)
		return BR_FDB_STATIC;
	return BR_FDB_DYNAMIC;
}

struct fdb_walk {
	void	(*cb)(const struct br_fdb *, void *);
	void	*arg;
};

static int
fdb_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct fdb_walk			*w = arg;
	const struct ndmsg		*ndm;
	const struct nlattr		*a;
	const struct nda_cacheinfo	*ci;
	struct br_fdb			 f;
	int				 have = 0;

	if (nlh->nlmsg_type != RTM_NEWNEIGH ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ndm)))
		return MNL_CB_OK;
	ndm = mnl_nlmsg_get_payload(nlh);
	if (ndm->ndm_family != AF_BRIDGE)
		return MNL_CB_OK;
	memset(&f, 0, sizeof(f));
	f.port = ndm->ndm_ifindex;
	f.state = ndm->ndm_state;
	f.flags = ndm->ndm_flags;
	mnl_attr_for_each(a, nlh, sizeof(*ndm)) {
		switch (mnl_attr_get_type(a)) {
		case NDA_LLADDR:
			if (mnl_attr_get_payload_len(a) == 6) {
				memcpy(f.mac, mnl_attr_get_payload(a), 6);
				have = 1;
			}
			break;
		case NDA_MASTER:
			if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
				f.master = (int)mnl_attr_get_u32(a);
			break;
		case NDA_CACHEINFO:
			if (mnl_attr_get_payload_len(a) >= sizeof(*ci)) {
				ci = mnl_attr_get_payload(a);
				f.idle = ci->ndm_updated / BR_HZ;
			}
			break;
		default:
			break;
		}
	}
	if (have)
		w->cb(&f, w->arg);
	return MNL_CB_OK;
}

int
br_fdb_dump(struct br *b, int master,
    void (*cb)(const struct br_fdb *, void *), void *arg)
{
	struct nlmsghdr		*nlh = hdr(b, RTM_GETNEIGH, NLM_F_DUMP);
	struct ifinfomsg	*ifi;
	struct fdb_walk		 w = { cb, arg };

	/*
	 * The filtered dump's legacy form (what iproute2 sends): an
	 * ifinfomsg of family AF_BRIDGE and the bridge as IFLA_MASTER.
	 */
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_BRIDGE;
	if (master != 0)
		mnl_attr_put_u32(nlh, IFLA_MASTER, (uint32_t)master);
	return talk(b, nlh, fdb_cb, &w);
}

static int
fdb_req(struct br *b, uint16_t type, uint16_t flags, int port,
    const uint8_t mac[6], unsigned state)
{
	struct nlmsghdr	*nlh = hdr(b, type, NLM_F_ACK | flags);
	struct ndmsg	*ndm;

	ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	ndm->ndm_family = AF_BRIDGE;
	ndm->ndm_ifindex = port;
	ndm->ndm_state = (uint16_t)state;
	ndm->ndm_flags = NTF_MASTER;
	mnl_attr_put(nlh, NDA_LLADDR, 6, mac);
	return talk(b, nlh, NULL, NULL);
}

int
br_fdb_add(struct br *b, int port, const uint8_t mac[6], int is_static)
{
	return fdb_req(b, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, port,
	    mac, is_static ? NUD_NOARP : NUD_REACHABLE);
}

int
br_fdb_del(struct br *b, int port, const uint8_t mac[6])
{
	return fdb_req(b, RTM_DELNEIGH, 0, port, mac, 0);
}

int
br_fdb_flush_bridge(struct br *b, int ifindex)
{
	struct nlmsghdr	*nlh = link_req(b, 0, ifindex, AF_UNSPEC);
	struct nlattr	*info, *data;

	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "bridge");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	mnl_attr_put(nlh, IFLA_BR_FDB_FLUSH, 0, "");
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return talk(b, nlh, NULL, NULL);
}

int
br_fdb_flush_port(struct br *b, int ifindex)
{
	struct nlmsghdr	*nlh = link_req(b, 0, ifindex, AF_UNSPEC);
	struct nlattr	*info, *data;

	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_SLAVE_KIND, "bridge");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_SLAVE_DATA);
	mnl_attr_put(nlh, IFLA_BRPORT_FLUSH, 0, "");
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return talk(b, nlh, NULL, NULL);
}
