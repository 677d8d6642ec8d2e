/*
 * ICMP echo probes for ping and traceroute: a raw socket per run, probes
 * carrying our identifier, and replies matched back to their sequence
 * number (echo replies, and time-exceeded or unreachable errors that quote
 * our probe).  The caller owns timing and the event loop: it watches
 * ping_fd and calls ping_recv when it is readable.  Needs CAP_NET_RAW.
 */
#ifndef PLATFORM_PING_H
#define PLATFORM_PING_H

#include <stddef.h>
#include <stdint.h>

#define PING_E_NOMEM	(-1)
#define PING_E_IO	(-2)	/* errno is set */
#define PING_E_SIZE	(-3)	/* size out of range */

#define PING_MIN_SIZE	36	/* IOS's range of datagram sizes */
#define PING_MAX_SIZE	18024

struct ping_opts {
	uint32_t	 dst;		/* network byte order */
	uint32_t	 src;		/* 0: the kernel chooses */
	int		 df;		/* set Don't Fragment */
	size_t		 size;		/* whole IP datagram, as IOS counts */
};

enum ping_kind {
	PING_REPLY = 1,		/* echo reply from the target */
	PING_TTL,		/* time exceeded on the way */
	PING_UNREACH,		/* destination unreachable; code says which */
};

struct ping_reply {
	enum ping_kind	 kind;
	unsigned	 code;		/* ICMP code */
	uint16_t	 seq;
	uint32_t	 from;		/* network byte order */
};

struct ping;

int	 ping_open(const struct ping_opts *, struct ping **);
void	 ping_close(struct ping *);
int	 ping_fd(const struct ping *);
/* Sends probe seq with this TTL (0: the default).  Returns 0, or the
 * negated errno of the send (-EMSGSIZE when DF forbids it, -ENETUNREACH
 * with no route). */
int	 ping_send(struct ping *, uint16_t seq, int ttl);
/* Reads one datagram: 1 with *r filled when it answers one of our
 * probes, 0 when it is someone else's or nothing is waiting, or
 * PING_E_IO. */
int	 ping_recv(struct ping *, struct ping_reply *r);

#endif
