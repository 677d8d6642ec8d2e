/*
 * rtnetlink through libmnl.  One request at a time per socket: build the
 * message, send it, run the replies through a callback until the kernel's
 * DONE or ACK.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <net/if.h>
#include <netinet/in.h>

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <errno.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/netlink.h"

/* Dumps of many routes go faster with a larger receive buffer. */
#define NL_BUFSZ	(64u * 1024)

struct nl {
	struct mnl_socket	*sk;
	unsigned		 portid;
	unsigned		 seq;
	char			*buf;
};

const char *
nl_strerror(int err)
{
	switch (err) {
	case NL_E_NOMEM:
		return "out of memory";
	case NL_E_IO:
		return "netlink socket error";
	case NL_E_PROTO:
		return "unexpected netlink reply";
	case NL_E_NAME:
		return "bad device name";
	default:
		return err < 0 ? strerror(-err) : "no error";
	}
}

static int
nl_open_groups(struct nl **out, unsigned groups)
{
	struct nl	*n;

	*out = NULL;
	if ((n = calloc(1, sizeof(*n))) == NULL ||
	    (n->buf = malloc(NL_BUFSZ)) == NULL) {
		free(n);
		return NL_E_NOMEM;
	}
	if ((n->sk = mnl_socket_open(NETLINK_ROUTE)) == NULL)
		goto fail;
	if (mnl_socket_bind(n->sk, groups, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	n->portid = mnl_socket_get_portid(n->sk);
	n->seq = (unsigned)time(NULL);
	*out = n;
	return 0;
fail:
	nl_close(n);
	return NL_E_IO;
}

int
nl_open(struct nl **out)
{
	return nl_open_groups(out, 0);
}

void
nl_close(struct nl *n)
{
	if (n == NULL)
		return;
	if (n->sk != NULL)
		mnl_socket_close(n->sk);
	free(n->buf);
	free(n);
}

/* Sends nlh and runs its replies through cb until DONE or the ACK. */
static int
nl_talk(struct nl *n, struct nlmsghdr *nlh, mnl_cb_t cb, void *arg)
{
	ssize_t	 len;
	int	 rc;

	nlh->nlmsg_seq = ++n->seq;
	if (mnl_socket_sendto(n->sk, nlh, nlh->nlmsg_len) < 0)
		return NL_E_IO;
	for (;;) {
		len = mnl_socket_recvfrom(n->sk, n->buf, NL_BUFSZ);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return NL_E_IO;
		}
		rc = mnl_cb_run(n->buf, (size_t)len, n->seq, n->portid, cb,
		    arg);
		if (rc == MNL_CB_ERROR)
			return errno != 0 ? -errno : NL_E_PROTO;
		if (rc == MNL_CB_STOP)
			return 0;
	}
}

static struct nlmsghdr *
nl_hdr(struct nl *n, uint16_t type, uint16_t flags)
{
	struct nlmsghdr	*nlh;

	memset(n->buf, 0, MNL_SOCKET_BUFFER_SIZE);
	nlh = mnl_nlmsg_put_header(n->buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	return nlh;
}

/* Links. */

struct link_walk {
	void	(*cb)(const struct nl_link *, void *);
	void	*arg;
};

static int
linkinfo_cb(const struct nlattr *a, void *arg)
{
	struct nl_link	*l = arg;
	const char	*kind;

	if (mnl_attr_get_type(a) == IFLA_INFO_KIND &&
	    mnl_attr_validate(a, MNL_TYPE_STRING) >= 0) {
		kind = mnl_attr_get_str(a);
		strncpy(l->kind, kind, sizeof(l->kind) - 1);
	}
	return MNL_CB_OK;
}

static void
link_stats(struct nl_link *l, const struct rtnl_link_stats64 *s)
{
	l->rx_packets = s->rx_packets;
	l->tx_packets = s->tx_packets;
	l->rx_bytes = s->rx_bytes;
	l->tx_bytes = s->tx_bytes;
	l->rx_errors = s->rx_errors;
	l->tx_errors = s->tx_errors;
	l->rx_dropped = s->rx_dropped;
	l->tx_dropped = s->tx_dropped;
	l->multicast = s->multicast;
	l->collisions = s->collisions;
	l->rx_crc = s->rx_crc_errors;
	l->rx_frame = s->rx_frame_errors;
	l->rx_fifo = s->rx_fifo_errors;
	l->tx_fifo = s->tx_fifo_errors;
	l->rx_over = s->rx_over_errors;
	l->tx_carrier = s->tx_carrier_errors;
}

static int
link_attr_cb(const struct nlattr *a, void *arg)
{
	struct nl_link			*l = arg;
	struct rtnl_link_stats64	 s;

	switch (mnl_attr_get_type(a)) {
	case IFLA_IFNAME:
		if (mnl_attr_validate(a, MNL_TYPE_STRING) >= 0)
			strncpy(l->name, mnl_attr_get_str(a),
			    sizeof(l->name) - 1);
		break;
	case IFLA_MTU:
		if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
			l->mtu = mnl_attr_get_u32(a);
		break;
	case IFLA_MASTER:
		if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
			l->master = (int)mnl_attr_get_u32(a);
		break;
	case IFLA_OPERSTATE:
		if (mnl_attr_validate(a, MNL_TYPE_U8) >= 0)
			l->operstate = mnl_attr_get_u8(a);
		break;
	case IFLA_ADDRESS:
		if (mnl_attr_get_payload_len(a) == 6) {
			memcpy(l->mac, mnl_attr_get_payload(a), 6);
			l->has_mac = 1;
		}
		break;
	case IFLA_LINKINFO:
		if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
			mnl_attr_parse_nested(a, linkinfo_cb, l);
		break;
	case IFLA_STATS64:
		if (mnl_attr_get_payload_len(a) >= sizeof(s)) {
			memcpy(&s, mnl_attr_get_payload(a), sizeof(s));
			link_stats(l, &s);
		}
		break;
	default:
		break;
	}
	return MNL_CB_OK;
}

static int
link_parse(const struct nlmsghdr *nlh, struct nl_link *l)
{
	const struct ifinfomsg	*ifi;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return -1;
	ifi = mnl_nlmsg_get_payload(nlh);
	memset(l, 0, sizeof(*l));
	l->ifindex = ifi->ifi_index;
	l->type = ifi->ifi_type;
	l->flags = ifi->ifi_flags;
	mnl_attr_parse(nlh, sizeof(*ifi), link_attr_cb, l);
	return 0;
}

static int
link_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct link_walk	*w = arg;
	struct nl_link		 l;

	if (nlh->nlmsg_type == RTM_NEWLINK && link_parse(nlh, &l) == 0)
		w->cb(&l, w->arg);
	return MNL_CB_OK;
}

int
nl_links(struct nl *n, void (*cb)(const struct nl_link *, void *), void *arg)
{
	struct nlmsghdr		*nlh = nl_hdr(n, RTM_GETLINK, NLM_F_DUMP);
	struct ifinfomsg	*ifi;
	struct link_walk	 w = { cb, arg };

	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	return nl_talk(n, nlh, link_cb, &w);
}

static void
link_copy(const struct nl_link *l, void *arg)
{
	*(struct nl_link *)arg = *l;
}

int
nl_link_get(struct nl *n, const char *name, struct nl_link *out)
{
	struct nlmsghdr		*nlh = nl_hdr(n, RTM_GETLINK, NLM_F_ACK);
	struct ifinfomsg	*ifi;
	struct link_walk	 w = { link_copy, out };

	if (strlen(name) >= NL_IFNAMSIZ)
		return NL_E_NAME;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	memset(out, 0, sizeof(*out));
	return nl_talk(n, nlh, link_cb, &w);
}

static struct nlmsghdr *
link_req(struct nl *n, uint16_t type, uint16_t flags, int ifindex)
{
	struct nlmsghdr		*nlh = nl_hdr(n, type, NLM_F_ACK | flags);
	struct ifinfomsg	*ifi;

	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	return nlh;
}

int
nl_link_set_up(struct nl *n, int ifindex, int up)
{
	struct nlmsghdr		*nlh = link_req(n, RTM_NEWLINK, 0, ifindex);
	struct ifinfomsg	*ifi = mnl_nlmsg_get_payload(nlh);

	ifi->ifi_change = IFF_UP;
	ifi->ifi_flags = up ? IFF_UP : 0;
	return nl_talk(n, nlh, NULL, NULL);
}

int
nl_link_set_mtu(struct nl *n, int ifindex, unsigned mtu)
{
	struct nlmsghdr	*nlh = link_req(n, RTM_NEWLINK, 0, ifindex);

	mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	return nl_talk(n, nlh, NULL, NULL);
}

int
nl_link_set_mac(struct nl *n, int ifindex, const uint8_t mac[6])
{
	struct nlmsghdr	*nlh = link_req(n, RTM_NEWLINK, 0, ifindex);

	mnl_attr_put(nlh, IFLA_ADDRESS, 6, mac);
	return nl_talk(n, nlh, NULL, NULL);
}

int
nl_virt_add(struct nl *n, const char *name, const char *kind)
{
	struct nlmsghdr	*nlh;
	struct nlattr	*info;

	if (strlen(name) >= NL_IFNAMSIZ || *name == '\0')
		return NL_E_NAME;
	nlh = link_req(n, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, kind);
	mnl_attr_nest_end(nlh, info);
	return nl_talk(n, nlh, NULL, NULL);
}

int
nl_link_del(struct nl *n, int ifindex)
{
	return nl_talk(n, link_req(n, RTM_DELLINK, 0, ifindex), NULL, NULL);
}

/* Addresses. */

struct addr_walk {
	void	(*cb)(const struct nl_addr *, void *);
	void	*arg;
};

static int
addr_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct addr_walk	*w = arg;
	const struct ifaddrmsg	*ifa;
	const struct nlattr	*a;
	struct nl_addr		 ad;
	int			 have = 0;

	if (nlh->nlmsg_type != RTM_NEWADDR ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifa)))
		return MNL_CB_OK;
	ifa = mnl_nlmsg_get_payload(nlh);
	if (ifa->ifa_family != AF_INET)
		return MNL_CB_OK;
	memset(&ad, 0, sizeof(ad));
	ad.ifindex = (int)ifa->ifa_index;
	ad.plen = ifa->ifa_prefixlen;
	ad.secondary = (ifa->ifa_flags & IFA_F_SECONDARY) != 0;
	mnl_attr_for_each(a, nlh, sizeof(*ifa)) {
		/* IFA_LOCAL is the address; IFA_ADDRESS the peer on p2p. */
		if ((mnl_attr_get_type(a) == IFA_LOCAL ||
		    (mnl_attr_get_type(a) == IFA_ADDRESS && !have)) &&
		    mnl_attr_get_payload_len(a) == 4) {
			memcpy(&ad.addr, mnl_attr_get_payload(a), 4);
			have = 1 + (mnl_attr_get_type(a) == IFA_LOCAL);
		}
	}
	if (have)
		w->cb(&ad, w->arg);
	return MNL_CB_OK;
}

int
nl_addrs(struct nl *n, void (*cb)(const struct nl_addr *, void *), void *arg)
{
	struct nlmsghdr		*nlh = nl_hdr(n, RTM_GETADDR, NLM_F_DUMP);
	struct ifaddrmsg	*ifa;
	struct addr_walk	 w = { cb, arg };

	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	return nl_talk(n, nlh, addr_cb, &w);
}

static int
addr_req(struct nl *n, uint16_t type, uint16_t flags, int ifindex,
    uint32_t addr, unsigned plen)
{
	struct nlmsghdr		*nlh = nl_hdr(n, type, NLM_F_ACK | flags);
	struct ifaddrmsg	*ifa;
	uint32_t		 mask, bcast;

	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = (unsigned char)plen;
	ifa->ifa_index = (unsigned)ifindex;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	mnl_attr_put_u32(nlh, IFA_LOCAL, addr);
	mnl_attr_put_u32(nlh, IFA_ADDRESS, addr);
	if (type == RTM_NEWADDR && plen < 31) {
		mask = plen == 0 ? 0 : htonl(~0u << (32 - plen));
		bcast = (addr & mask) | ~mask;
		mnl_attr_put_u32(nlh, IFA_BROADCAST, bcast);
	}
	return nl_talk(n, nlh, NULL, NULL);
}

int
nl_addr_add(struct nl *n, int ifindex, uint32_t addr, unsigned plen)
{
	return addr_req(n, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, ifindex,
	    addr, plen);
}

int
nl_addr_del(struct nl *n, int ifindex, uint32_t addr, unsigned plen)
{
	return addr_req(n, RTM_DELADDR, 0, ifindex, addr, plen);
}

/* Routes. */

struct route_walk {
	unsigned	  table;
	void		(*cb)(const struct nl_route *, void *);
	void		 *arg;
};

static void
route_multipath(const struct nlattr *mp, struct nl_route *r,
    struct route_walk *w)
{
	const struct rtnexthop	*nh;
	const struct nlattr	*a;
	size_t			 left = mnl_attr_get_payload_len(mp);
	size_t			 alen;

	nh = mnl_attr_get_payload(mp);
	while (left >= sizeof(*nh) && nh->rtnh_len >= sizeof(*nh) &&
	    nh->rtnh_len <= left) {
		r->oif = nh->rtnh_ifindex;
		r->gw = 0;
		a = (const struct nlattr *)((const char *)nh +
		    RTNH_ALIGN(sizeof(*nh)));
		alen = nh->rtnh_len - RTNH_ALIGN(sizeof(*nh));
		while (mnl_attr_ok(a, (int)alen)) {
			if (mnl_attr_get_type(a) == RTA_GATEWAY &&
			    mnl_attr_get_payload_len(a) == 4)
				memcpy(&r->gw, mnl_attr_get_payload(a), 4);
			alen -= MNL_ALIGN(a->nla_len);
			a = mnl_attr_next(a);
		}
		w->cb(r, w->arg);
		left -= RTNH_ALIGN(nh->rtnh_len);
		nh = (const struct rtnexthop *)((const char *)nh +
		    RTNH_ALIGN(nh->rtnh_len));
	}
}

static int
route_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct route_walk	*w = arg;
	const struct rtmsg	*rtm;
	const struct nlattr	*a, *mp = NULL;
	struct nl_route		 r;

	if (nlh->nlmsg_type != RTM_NEWROUTE ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*rtm)))
		return MNL_CB_OK;
	rtm = mnl_nlmsg_get_payload(nlh);
	if (rtm->rtm_family != AF_INET)
		return MNL_CB_OK;
	memset(&r, 0, sizeof(r));
	r.plen = rtm->rtm_dst_len;
	r.table = rtm->rtm_table;
	r.protocol = rtm->rtm_protocol;
	r.scope = rtm->rtm_scope;
	r.type = rtm->rtm_type;
	mnl_attr_for_each(a, nlh, sizeof(*rtm)) {
		switch (mnl_attr_get_type(a)) {
		case RTA_DST:
			if (mnl_attr_get_payload_len(a) == 4)
				memcpy(&r.dst, mnl_attr_get_payload(a), 4);
			break;
		case RTA_GATEWAY:
			if (mnl_attr_get_payload_len(a) == 4)
				memcpy(&r.gw, mnl_attr_get_payload(a), 4);
			break;
		case RTA_PREFSRC:
			if (mnl_attr_get_payload_len(a) == 4)
				memcpy(&r.prefsrc, mnl_attr_get_payload(a), 4);
			break;
		case RTA_OIF:
			if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
				r.oif = (int)mnl_attr_get_u32(a);
			break;
		case RTA_PRIORITY:
			if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
				r.metric = mnl_attr_get_u32(a);
			break;
		case RTA_TABLE:
			if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
				r.table = mnl_attr_get_u32(a);
			break;
		case RTA_MULTIPATH:
			mp = a;
			break;
		default:
			break;
		}
	}
	if (w->table != 0 && r.table != w->table)
		return MNL_CB_OK;
	if (mp != NULL)
		route_multipath(mp, &r, w);
	else
		w->cb(&r, w->arg);
	return MNL_CB_OK;
}

int
nl_routes(struct nl *n, unsigned table,
    void (*cb)(const struct nl_route *, void *), void *arg)
{
	struct nlmsghdr		*nlh = nl_hdr(n, RTM_GETROUTE, NLM_F_DUMP);
	struct rtmsg		*rtm;
	struct route_walk	 w = { table, cb, arg };

	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	return nl_talk(n, nlh, route_cb, &w);
}

static int
route_req(struct nl *n, uint16_t type, uint16_t flags,
    const struct nl_route *r)
{
	struct nlmsghdr	*nlh = nl_hdr(n, type, NLM_F_ACK | flags);
	struct rtmsg	*rtm;

	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = (unsigned char)r->plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = (unsigned char)r->protocol;
	rtm->rtm_type = RTN_UNICAST;
	rtm->rtm_scope = r->gw != 0 ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	if (type == RTM_DELROUTE)
		rtm->rtm_scope = RT_SCOPE_NOWHERE;
	mnl_attr_put_u32(nlh, RTA_DST, r->dst);
	if (r->gw != 0)
		mnl_attr_put_u32(nlh, RTA_GATEWAY, r->gw);
	if (r->oif != 0)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)r->oif);
	mnl_attr_put_u32(nlh, RTA_PRIORITY, r->metric);
	return nl_talk(n, nlh, NULL, NULL);
}

int
nl_route_add(struct nl *n, const struct nl_route *r)
{
	int	 rc;

	rc = route_req(n, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, r);
	/* Another path to the same prefix at the same distance. */
	if (rc == -EEXIST)
		rc = route_req(n, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND,
		    r);
	return rc;
}

int
nl_route_del(struct nl *n, const struct nl_route *r)
{
	return route_req(n, RTM_DELROUTE, 0, r);
}

/* Events. */

int
nl_events_open(struct nl **out)
{
	int	 rc, fd, flags;

	rc = nl_open_groups(out, RTMGRP_LINK | RTMGRP_IPV4_IFADDR |
	    RTMGRP_IPV4_ROUTE);
	if (rc != 0)
		return rc;
	fd = mnl_socket_get_fd((*out)->sk);
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
		nl_close(*out);
		*out = NULL;
		return NL_E_IO;
	}
	return 0;
}

int
nl_events_fd(const struct nl *n)
{
	return mnl_socket_get_fd(n->sk);
}

int
nl_events_read(struct nl *n, void (*cb)(enum nl_event, void *), void *arg)
{
	const struct nlmsghdr	*nlh;
	ssize_t			 len;
	int			 left;

	for (;;) {
		len = recv(mnl_socket_get_fd(n->sk), n->buf, NL_BUFSZ, 0);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			if (errno == ENOBUFS) {
				/* Overrun: events were lost. */
				cb(NL_EV_LINK, arg);
				continue;
			}
			return NL_E_IO;
		}
		left = (int)len;
		for (nlh = (const struct nlmsghdr *)n->buf;
		    mnl_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
			switch (nlh->nlmsg_type) {
			case RTM_NEWLINK:
			case RTM_DELLINK:
				cb(NL_EV_LINK, arg);
				break;
			case RTM_NEWADDR:
			case RTM_DELADDR:
				cb(NL_EV_ADDR, arg);
				break;
			case RTM_NEWROUTE:
			case RTM_DELROUTE:
				cb(NL_EV_ROUTE, arg);
				break;
			default:
				break;
			}
		}
	}
}
