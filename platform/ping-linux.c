/*
 * ICMP echo on a raw socket (the kernel adds the IP header; we read it
 * back on receive).
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform/ping.h"

#define IPHDR_LEN	20
#define ICMPHDR_LEN	8

struct ping {
	int		 fd;
	uint16_t	 id;
	struct ping_opts o;
	uint8_t		*pkt;
	size_t		 pktlen;	/* ICMP header + payload */
	uint8_t		 buf[65536];
};

static uint16_t
cksum(const void *data, size_t len)
{
	const uint8_t	*p = data;
	uint32_t	 sum = 0;

	while (len > 1) {
		sum += (uint32_t)(p[0] << 8 | p[1]);
		p += 2;
		len -= 2;
	}
	if (len == 1)
		sum += (uint32_t)(p[0] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

int
ping_open(const struct ping_opts *o, struct ping **out)
{
	static uint16_t		 serial;
	struct ping		*p;
	struct sockaddr_in	 sin;
	int			 pmtu;
	size_t			 i;

	*out = NULL;
	if (o->size < PING_MIN_SIZE || o->size > PING_MAX_SIZE)
		return PING_E_SIZE;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return PING_E_NOMEM;
	p->fd = -1;
	p->o = *o;
	p->id = (uint16_t)(getpid() * 31 + ++serial);
	p->pktlen = o->size - IPHDR_LEN;
	if ((p->pkt = calloc(1, p->pktlen)) == NULL) {
		free(p);
		return PING_E_NOMEM;
	}
	/* IOS's payload pattern: 0xABCD repeated. */
	for (i = ICMPHDR_LEN; i < p->pktlen; i++)
		p->pkt[i] = (i & 1) ? 0xcd : 0xab;
	if ((p->fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    IPPROTO_ICMP)) == -1)
		goto fail;
	pmtu = o->df ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
	if (setsockopt(p->fd, IPPROTO_IP, IP_MTU_DISCOVER, &pmtu,
	    sizeof(pmtu)) == -1)
		goto fail;
	if (o->src != 0) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = o->src;
		if (bind(p->fd, (struct sockaddr *)&sin, sizeof(sin)) == -1)
			goto fail;
	}
	*out = p;
	return 0;
fail:
	ping_close(p);
	return PING_E_IO;
}

void
ping_close(struct ping *p)
{
	int	 saved = errno;

	if (p == NULL)
		return;
	if (p->fd >= 0)
		close(p->fd);
	free(p->pkt);
	free(p);
	errno = saved;
}

int
ping_fd(const struct ping *p)
{
	return p->fd;
}

int
ping_send(struct ping *p, uint16_t seq, int ttl)
{
	struct icmphdr		*ic = (struct icmphdr *)p->pkt;
	struct sockaddr_in	 sin;
	int			 t = ttl > 0 ? ttl : 255;

	if (setsockopt(p->fd, IPPROTO_IP, IP_TTL, &t, sizeof(t)) == -1)
		return -errno;
	ic->type = ICMP_ECHO;
	ic->code = 0;
	ic->un.echo.id = htons(p->id);
	ic->un.echo.sequence = htons(seq);
	ic->checksum = 0;
	ic->checksum = cksum(p->pkt, p->pktlen);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = p->o.dst;
	if (sendto(p->fd, p->pkt, p->pktlen, 0, (struct sockaddr *)&sin,
	    sizeof(sin)) == -1)
		return -errno;
	return 0;
}

/* An ICMP error quoting one of our echo requests: its sequence number. */
static int
quoted_probe(const struct ping *p, const uint8_t *q, size_t len,
    uint16_t *seq)
{
	const struct iphdr	*ip = (const struct iphdr *)q;
	const struct icmphdr	*ic;
	size_t			 hl;

	if (len < IPHDR_LEN)
		return 0;
	hl = (size_t)ip->ihl * 4;
	if (hl < IPHDR_LEN || len < hl + ICMPHDR_LEN ||
	    ip->protocol != IPPROTO_ICMP || ip->daddr != p->o.dst)
		return 0;
	ic = (const struct icmphdr *)(q + hl);
	if (ic->type != ICMP_ECHO || ntohs(ic->un.echo.id) != p->id)
		return 0;
	*seq = ntohs(ic->un.echo.sequence);
	return 1;
}

int
ping_recv(struct ping *p, struct ping_reply *r)
{
	struct sockaddr_in	 from;
	socklen_t		 flen = sizeof(from);
	const struct iphdr	*ip;
	const struct icmphdr	*ic;
	ssize_t			 n;
	size_t			 hl;

	n = recvfrom(p->fd, p->buf, sizeof(p->buf), 0,
	    (struct sockaddr *)&from, &flen);
	if (n == -1)
		return errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == EINTR ? 0 : PING_E_IO;
	if ((size_t)n < IPHDR_LEN)
		return 0;
	ip = (const struct iphdr *)p->buf;
	hl = (size_t)ip->ihl * 4;
	if (hl < IPHDR_LEN || (size_t)n < hl + ICMPHDR_LEN)
		return 0;
	ic = (const struct icmphdr *)(p->buf + hl);
	memset(r, 0, sizeof(*r));
	r->from = ip->saddr;
	r->code = ic->code;
	switch (ic->type) {
	case ICMP_ECHOREPLY:
		if (ntohs(ic->un.echo.id) != p->id || ip->saddr != p->o.dst)
			return 0;
		r->kind = PING_REPLY;
		r->seq = ntohs(ic->un.echo.sequence);
		return 1;
	case ICMP_TIME_EXCEEDED:
		r->kind = PING_TTL;
		break;
	case ICMP_DEST_UNREACH:
		r->kind = PING_UNREACH;
		break;
	default:
		return 0;
	}
	return quoted_probe(p, p->buf + hl + ICMPHDR_LEN,
	    (size_t)n - hl - ICMPHDR_LEN, &r->seq);
}
