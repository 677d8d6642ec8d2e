/*
 * IPv4 neighbours through rtnetlink (libmnl).  Two sockets: one bound to
 * RTNLGRP_NEIGH for events, one for requests (dump, probe, delete).
 */
#include <sys/socket.h>

#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/neigh.h"

#define NEIGH_BUFSZ	(64u * 1024)

struct neigh {
	struct mnl_socket	*ev;
	struct mnl_socket	*rq;
	unsigned		 portid, seq;
	char			*buf;
};

struct walk {
	void	(*cb)(const struct neigh_ev *, void *);
	void	*arg;
};

static int
attr_cb(const struct nlattr *a, void *arg)
{
	const struct nlattr	**tb = arg;
	int			 type = mnl_attr_get_type(a);

	if (mnl_attr_type_valid(a, NDA_MAX) > 0)
		tb[type] = a;
	return MNL_CB_OK;
}

static int
parse(const struct nlmsghdr *nlh, struct neigh_ev *e)
{
	const struct ndmsg	*nd = mnl_nlmsg_get_payload(nlh);
	const struct nlattr	*tb[NDA_MAX + 1] = { NULL };

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*nd)) ||
	    nd->ndm_family != AF_INET)
		return -1;
	mnl_attr_parse(nlh, sizeof(*nd), attr_cb, tb);
	if (tb[NDA_DST] == NULL || mnl_attr_get_payload_len(tb[NDA_DST]) != 4)
		return -1;
	memset(e, 0, sizeof(*e));
	e->ifindex = nd->ndm_ifindex;
	e->state = nd->ndm_state;
	e->deleted = nlh->nlmsg_type == RTM_DELNEIGH;
	memcpy(&e->addr, mnl_attr_get_payload(tb[NDA_DST]), 4);
	if (tb[NDA_LLADDR] != NULL &&
	    mnl_attr_get_payload_len(tb[NDA_LLADDR]) == 6) {
		memcpy(e->mac, mnl_attr_get_payload(tb[NDA_LLADDR]), 6);
		e->has_mac = 1;
	}
	return 0;
}

static int
walk_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct walk	*w = arg;
	struct neigh_ev	 e;

	if ((nlh->nlmsg_type == RTM_NEWNEIGH || nlh->nlmsg_type ==
	    RTM_DELNEIGH) && parse(nlh, &e) == 0)
		w->cb(&e, w->arg);
	return MNL_CB_OK;
}

int
neigh_open(struct neigh **out)
{
	struct neigh	*n;
	int		 fd, fl;

	*out = NULL;
	if ((n = calloc(1, sizeof(*n))) == NULL ||
	    (n->buf = malloc(NEIGH_BUFSZ)) == NULL) {
		free(n);
		return -ENOMEM;
	}
	if ((n->ev = mnl_socket_open(NETLINK_ROUTE)) == NULL ||
	    mnl_socket_bind(n->ev, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    (n->rq = mnl_socket_open(NETLINK_ROUTE)) == NULL ||
	    mnl_socket_bind(n->rq, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	fl = RTNLGRP_NEIGH;
	if (mnl_socket_setsockopt(n->ev, NETLINK_ADD_MEMBERSHIP, &fl,
	    sizeof(fl)) < 0)
		goto fail;
	fd = mnl_socket_get_fd(n->ev);
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		goto fail;
	n->portid = mnl_socket_get_portid(n->rq);
	n->seq = (unsigned)time(NULL);
	*out = n;
	return 0;
fail:
	fl = -errno;
	neigh_close(n);
	return fl != 0 ? fl : -EIO;
}

void
neigh_close(struct neigh *n)
{
	if (n == NULL)
		return;
	if (n->ev != NULL)
		mnl_socket_close(n->ev);
	if (n->rq != NULL)
		mnl_socket_close(n->rq);
	free(n->buf);
	free(n);
}

int
neigh_fd(const struct neigh *n)
{
	return mnl_socket_get_fd(n->ev);
}

int
neigh_read(struct neigh *n, void (*cb)(const struct neigh_ev *, void *),
    void *arg, int *lost)
{
	struct walk	 w = { cb, arg };
	ssize_t		 len;

	*lost = 0;
	for (;;) {
		len = recv(mnl_socket_get_fd(n->ev), n->buf, NEIGH_BUFSZ, 0);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			if (errno == ENOBUFS) {
				*lost = 1;
				continue;
			}
			return -errno;
		}
		mnl_cb_run(n->buf, (size_t)len, 0, 0, walk_cb, &w);
	}
}

/* A request on the request socket; replies through cb until DONE/ACK. */
static int
talk(struct neigh *n, struct nlmsghdr *nlh, mnl_cb_t cb, void *arg)
{
	ssize_t	 len;
	int	 rc;

	nlh->nlmsg_seq = ++n->seq;
	if (mnl_socket_sendto(n->rq, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		len = mnl_socket_recvfrom(n->rq, n->buf, NEIGH_BUFSZ);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		rc = mnl_cb_run(n->buf, (size_t)len, n->seq, n->portid, cb,
		    arg);
		if (rc == MNL_CB_ERROR)
			return errno != 0 ? -errno : -EPROTO;
		if (rc == MNL_CB_STOP)
			return 0;
	}
}

static struct nlmsghdr *
hdr(struct neigh *n, uint16_t type, uint16_t flags, struct ndmsg **nd)
{
	struct nlmsghdr	*nlh;

	memset(n->buf, 0, MNL_SOCKET_BUFFER_SIZE);
	nlh = mnl_nlmsg_put_header(n->buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	*nd = mnl_nlmsg_put_extra_header(nlh, sizeof(**nd));
	(*nd)->ndm_family = AF_INET;
	return nlh;
}

int
neigh_dump(struct neigh *n, void (*cb)(const struct neigh_ev *, void *),
    void *arg)
{
	struct walk	 w = { cb, arg };
	struct ndmsg	*nd;

	return talk(n, hdr(n, RTM_GETNEIGH, NLM_F_DUMP, &nd), walk_cb, &w);
}

int
neigh_probe(struct neigh *n, int ifindex, uint32_t addr)
{
	struct nlmsghdr	*nlh;
	struct ndmsg	*nd;

	nlh = hdr(n, RTM_NEWNEIGH, NLM_F_REPLACE | NLM_F_ACK, &nd);
	nd->ndm_ifindex = ifindex;
	nd->ndm_state = NUD_PROBE;
	mnl_attr_put(nlh, NDA_DST, 4, &addr);
	return talk(n, nlh, NULL, NULL);
}

int
neigh_resolve(struct neigh *n, int ifindex, uint32_t addr)
{
	struct nlmsghdr	*nlh;
	struct ndmsg	*nd;

	nlh = hdr(n, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE | NLM_F_ACK,
	    &nd);
	nd->ndm_ifindex = ifindex;
	nd->ndm_flags = NTF_USE;
	nd->ndm_state = NUD_NONE;
	mnl_attr_put(nlh, NDA_DST, 4, &addr);
	return talk(n, nlh, NULL, NULL);
}

int
neigh_del(struct neigh *n, int ifindex, uint32_t addr)
{
	struct nlmsghdr	*nlh;
	struct ndmsg	*nd;

	nlh = hdr(n, RTM_DELNEIGH, NLM_F_ACK, &nd);
	nd->ndm_ifindex = ifindex;
	mnl_attr_put(nlh, NDA_DST, 4, &addr);
	return talk(n, nlh, NULL, NULL);
}

static int
sysctl_write(const char *path, const char *val)
{
	int	 fd, rc = 0;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int
neigh_if_roaming(const char *dev)
{
	static const struct {
		const char	*dir, *name, *val;
	} set[] = {
		{ "conf", "arp_accept", "1" },
		{ "neigh", "delay_first_probe_time", "1" },
		{ "neigh", "retrans_time_ms", "300" },
		{ "neigh", "ucast_solicit", "3" },
	};
	char	 path[256];
	size_t	 i;
	int	 rc = 0, r;

	if (strchr(dev, '/') != NULL || strcmp(dev, "..") == 0)
		return -EINVAL;
	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++) {
		snprintf(path, sizeof(path), "/proc/sys/net/ipv4/%s/%s/%s",
		    set[i].dir, dev, set[i].name);
		if ((r = sysctl_write(path, set[i].val)) != 0)
			rc = r;
	}
	return rc;
}
