/*
 * Load tools for tests/bench/bench_lisp.sh, built on lispd's own codecs
 * (lispd/liblisp.a).  Three modes:
 *
 *   lisp_load mr MR_IP LOCAL_IP EID_BASE NEIDS COUNT WINDOW MAXSEC
 *	Sends COUNT Map-Requests, each in an ECM, to MR_IP:4342 from
 *	LOCAL_IP (its ITR-RLOC and the inner UDP source port are this
 *	socket's), asking in turn for NEIDS /32 EIDs from EID_BASE; at most
 *	WINDOW are unanswered at a time (closed loop); the nonce is the
 *	request's index.  A Map-Reply counts once, for a nonce we sent and
 *	had not seen answered.  Requests still unanswered after 100 ms of
 *	silence count as lost and the window opens again.  Prints
 *	"sent N answered M lost L seconds S rate R" (R = answered per
 *	second, from the first request to the last reply).
 *
 *   lisp_load resolver LOCAL_IP MAXSEC IDLESEC MODE [BASE N STRIDE]
 *	A minimal map-resolver on LOCAL_IP:4342: one recvfrom, ECM and
 *	Map-Request decode, a Map-Reply encode and one sendto per request,
 *	to the ITR-RLOC at the inner source port.  MODE "negative": a
 *	negative Map-Reply (natively-forward, 15 minutes) for the EID /32
 *	(the reference for the map-resolver figure).  MODE "fill": a
 *	positive reply to fill an ITR's map-cache: the EIDs are BASE + i *
 *	STRIDE for i < N, and a request for one of them is answered with
 *	one record, its /32, with a TTL of one day and two locators from
 *	one of 1,000 sets (a site's: 198.51.100.20-59 x 198.51.100.60-84,
 *	which the caller makes reachable).  One record per request: an ITR
 *	takes only records that cover what it asked for, so each entry
 *	costs a Map-Request.  A request for any other address gets a
 *	negative reply for its /32.  "distinct" counts EIDs answered at
 *	least once.
 *	Exits after MAXSEC, or IDLESEC without a request once one came.
 *	Prints
 *	"answered N distinct D seconds S".
 *
 *   lisp_load spray DST_BASE N PPS [STRIDE]
 *	One UDP datagram (18 bytes of payload, port 9) to each of N
 *	addresses DST_BASE, DST_BASE+STRIDE, ... at PPS a second (sendmmsg
 *	batches of 64): the map-cache misses that make an ITR ask (for the
 *	fill above: the same BASE, N and STRIDE).
 *
 *   lisp_load spray-list PPS < ADDRESSES
 *	The same to each address read from stdin (one dotted quad a line):
 *	the fill's next pass, to the EIDs not installed yet.
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lispd/wire.h"

#define BATCH	64
#define MAGIC	0x4c49535000000000ull	/* "LISP" in the nonce's top */

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t
ip4(const char *s)
{
	struct in_addr	 a;

	if (inet_pton(AF_INET, s, &a) != 1) {
		fprintf(stderr, "bad address %s\n", s);
		exit(2);
	}
	return ntohl(a.s_addr);
}

static int
udp_bound(uint32_t addr, uint16_t port)
{
	struct sockaddr_in	 sin;
	int			 fd, on = 1, sz = 8 << 20;

	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) < 0) {
		perror("socket");
		exit(1);
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(addr);
	sin.sin_port = htons(port);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		perror("bind");
		exit(1);
	}
	return fd;
}

/* The generator. */
static struct lisp_map_request	 rq;

static size_t
build_request(uint8_t *out, size_t cap, uint64_t idx, uint32_t me,
    uint16_t sport, uint32_t eid)
{
	struct lisp_ecm	 e;
	uint8_t		 msg[256];
	size_t		 mlen, len;

	memset(&rq, 0, sizeof(rq));
	rq.nonce = MAGIC | idx;
	lisp_addr_v4(&rq.src_eid, me, 32);
	rq.nitr = 1;
	lisp_addr_v4(&rq.itr[0], me, 32);
	rq.neid = 1;
	lisp_addr_v4(&rq.eid[0].eid, eid, 32);
	if (lisp_map_request_encode(msg, sizeof(msg), &rq, &mlen) != 0)
		return 0;
	memset(&e, 0, sizeof(e));
	lisp_addr_v4(&e.src, me, 32);
	lisp_addr_v4(&e.dst, eid, 32);
	e.sport = sport;
	e.dport = LISP_CONTROL_PORT;
	e.ttl = 64;
	e.msg = msg;
	e.msg_len = mlen;
	if (lisp_ecm_encode(out, cap, &e, &len) != 0)
		return 0;
	return len;
}

static int
mode_mr(int argc, char **argv)
{
	static uint8_t		 sbuf[BATCH][512], rbuf[BATCH][2048];
	static struct lisp_record recs[4];
	struct mmsghdr		 smsg[BATCH], rmsg[BATCH];
	struct iovec		 siov[BATCH], riov[BATCH];
	struct sockaddr_in	 mr, me_sin;
	socklen_t		 sl = sizeof(me_sin);
	uint32_t		 me, base;
	uint64_t		 count, sent = 0, answered = 0, lost = 0;
	unsigned		 neids, window;
	uint8_t			*seen;
	double			 t0, tlast, maxsec, deadline, quiet;
	int			 fd, i, n;

	if (argc != 9)
		return 2;
	memset(&mr, 0, sizeof(mr));
	mr.sin_family = AF_INET;
	mr.sin_addr.s_addr = htonl(ip4(argv[2]));
	mr.sin_port = htons(LISP_CONTROL_PORT);
	me = ip4(argv[3]);
	base = ip4(argv[4]);
	neids = (unsigned)strtoul(argv[5], NULL, 10);
	count = strtoull(argv[6], NULL, 10);
	window = (unsigned)strtoul(argv[7], NULL, 10);
	maxsec = atof(argv[8]);
	if (neids == 0 || count == 0 || window == 0)
		return 2;
	if ((seen = calloc(count, 1)) == NULL)
		return 1;
	fd = udp_bound(me, 0);
	getsockname(fd, (struct sockaddr *)&me_sin, &sl);
	for (i = 0; i < BATCH; i++) {
		riov[i].iov_base = rbuf[i];
		riov[i].iov_len = sizeof(rbuf[i]);
	}
	t0 = tlast = quiet = now();
	deadline = t0 + maxsec;
	while (answered + lost < count && now() < deadline) {
		uint64_t inflight = sent - answered - lost;
		struct pollfd pfd = { fd, POLLIN, 0 };

		/* Send up to the window. */
		n = 0;
		while (sent + (uint64_t)n < count &&
		    inflight + (uint64_t)n < window &&
		    n < BATCH) {
			size_t len = build_request(sbuf[n], sizeof(sbuf[n]),
			    sent + n, me, ntohs(me_sin.sin_port),
			    base + (uint32_t)((sent + n) % neids));

			siov[n].iov_base = sbuf[n];
			siov[n].iov_len = len;
			memset(&smsg[n], 0, sizeof(smsg[n]));
			smsg[n].msg_hdr.msg_iov = &siov[n];
			smsg[n].msg_hdr.msg_iovlen = 1;
			smsg[n].msg_hdr.msg_name = &mr;
			smsg[n].msg_hdr.msg_namelen = sizeof(mr);
			n++;
		}
		if (n > 0) {
			int k = sendmmsg(fd, smsg, (unsigned)n, 0);

			if (k > 0)
				sent += (uint64_t)k;
		}
		if (poll(&pfd, 1, 10) <= 0) {
			if (now() - quiet > 0.1) {
				lost += sent - answered - lost;
				quiet = now();
			}
			continue;
		}
		for (i = 0; i < BATCH; i++) {
			memset(&rmsg[i], 0, sizeof(rmsg[i]));
			rmsg[i].msg_hdr.msg_iov = &riov[i];
			rmsg[i].msg_hdr.msg_iovlen = 1;
		}
		n = recvmmsg(fd, rmsg, BATCH, MSG_DONTWAIT, NULL);
		for (i = 0; i < n; i++) {
			struct lisp_map m;
			uint64_t idx;

			memset(&m, 0, sizeof(m));
			m.rec = recs;
			m.rec_cap = 4;
			if (lisp_map_decode(rbuf[i], rmsg[i].msg_len, &m) != 0 ||
			    m.type != LISP_MAP_REPLY ||
			    (m.nonce & ~0xffffffffull) != MAGIC)
				continue;
			idx = m.nonce & 0xffffffffull;
			if (idx >= sent || seen[idx])
				continue;
			seen[idx] = 1;
			answered++;
			tlast = quiet = now();
		}
		/* A late answer to a request counted lost. */
		if (answered + lost > sent)
			lost = sent - answered;
	}
	printf("sent %llu answered %llu lost %llu seconds %.3f rate %.0f\n",
	    (unsigned long long)sent, (unsigned long long)answered,
	    (unsigned long long)lost, tlast - t0,
	    tlast > t0 ? (double)answered / (tlast - t0) : 0.0);
	free(seen);
	return 0;
}

/* The minimal map-resolver.  SIGTERM or SIGINT: print and exit. */
static volatile sig_atomic_t	 stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A positive record for one /32: a day's TTL, two locators from one of
 * 1,000 sets. */
static void
fill_record(struct lisp_record *rec, uint32_t eid)
{
	unsigned	 set = (eid * 2654435761u) % 1000;

	memset(rec, 0, sizeof(*rec));
	lisp_addr_v4(&rec->eid, eid, 32);
	rec->ttl = 1440;
	rec->authoritative = 1;
	rec->nloc = 2;
	/* 198.51.100.20-59 and .60-84: addresses the caller gives a host
	 * on the WAN, so that the encapsulated packets have somewhere to
	 * go. */
	lisp_addr_v4(&rec->loc[0].addr, 0xc6336400u + 20 + set % 40, 32);
	lisp_addr_v4(&rec->loc[1].addr, 0xc6336400u + 60 + set / 40, 32);
	rec->loc[0].priority = rec->loc[1].priority = 1;
	rec->loc[0].weight = rec->loc[1].weight = 50;
	rec->loc[0].mpriority = rec->loc[1].mpriority = 255;
	rec->loc[0].flags = rec->loc[1].flags = LISP_LOC_R;
}

static int
mode_resolver(int argc, char **argv)
{
	static uint8_t		 buf[9000], out[2048];
	static struct lisp_map_request req;
	static struct lisp_record recs[1];
	size_t			 k, nrec;
	struct lisp_ecm		 e;
	struct lisp_map		 m;
	struct sockaddr_in	 from, to;
	socklen_t		 sl;
	uint32_t		 base = 0, nfill = 0, stride = 1, distinct = 0;
	uint64_t		 answered = 0;
	uint8_t			*seen = NULL;
	double			 t0, tfirst = 0, tlast = 0, maxsec, idlesec;
	int			 fd, fill, positive;

	if (argc != 6 && argc != 9)
		return 2;
	maxsec = atof(argv[3]);
	idlesec = atof(argv[4]);
	fill = strcmp(argv[5], "fill") == 0;
	if (argc == 9) {
		base = ip4(argv[6]);
		nfill = (uint32_t)strtoul(argv[7], NULL, 10);
		if ((stride = (uint32_t)strtoul(argv[8], NULL, 10)) == 0)
			return 2;
		if ((seen = calloc(nfill, 1)) == NULL)
			return 1;
	}
	fd = udp_bound(ip4(argv[2]), LISP_CONTROL_PORT);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	t0 = now();
	while (!stop) {
		struct pollfd	 pfd = { fd, POLLIN, 0 };
		ssize_t		 n;
		uint32_t	 eid;
		size_t		 len;
		double		 t = now();

		if (t - t0 > maxsec || (tlast > 0 && t - tlast > idlesec))
			break;
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		sl = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
		    (struct sockaddr *)&from, &sl);
		if (n <= 0)
			continue;
		if (lisp_ecm_decode(buf, (size_t)n, &e) != 0 ||
		    lisp_map_request_decode(e.msg, e.msg_len, &req) != 0 ||
		    req.neid == 0 || req.nitr == 0 ||
		    req.eid[0].eid.afi != LISP_AFI_IPV4 ||
		    req.itr[0].afi != LISP_AFI_IPV4)
			continue;
		memcpy(&eid, req.eid[0].eid.a, 4);
		eid = ntohl(eid);
		positive = fill && eid >= base &&
		    eid - base < (uint64_t)nfill * stride &&
		    (eid - base) % stride == 0;
		if (positive) {
			/* The /32 asked for: the one record that covers
			 * the request. */
			fill_record(&recs[0], eid);
			nrec = 1;
		} else {
			memset(&recs[0], 0, sizeof(recs[0]));
			lisp_addr_v4(&recs[0].eid, eid, 32);
			recs[0].ttl = 15;
			recs[0].action = LISP_ACT_NATIVE;
			nrec = 1;
		}
		memset(&m, 0, sizeof(m));
		m.type = LISP_MAP_REPLY;
		m.nonce = req.nonce;
		m.rec = recs;
		m.rec_cap = m.nrec = nrec;
		if (lisp_map_encode(out, sizeof(out), &m, NULL, 0, &len) != 0)
			continue;
		memset(&to, 0, sizeof(to));
		to.sin_family = AF_INET;
		memcpy(&to.sin_addr, req.itr[0].a, 4);
		to.sin_port = htons(e.sport);
		if (sendto(fd, out, len, 0, (struct sockaddr *)&to,
		    sizeof(to)) < 0)
			continue;
		answered++;
		if (tfirst == 0)
			tfirst = now();
		tlast = now();
		for (k = 0; k < nrec && positive; k++) {
			uint32_t a;

			memcpy(&a, recs[k].eid.a, 4);
			a = (ntohl(a) - base) / stride;
			if (a < nfill && !seen[a]) {
				seen[a] = 1;
				distinct++;
			}
		}
	}
	printf("answered %llu distinct %u seconds %.3f\n",
	    (unsigned long long)answered, distinct,
	    tlast > tfirst ? tlast - tfirst : 0.0);
	free(seen);
	return 0;
}

/* The addresses of spray-list's stdin; *n set. */
static uint32_t *
read_list(uint32_t *n)
{
	char		 line[64];
	uint32_t	*v = NULL, *p;
	size_t		 cap = 0;

	*n = 0;
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, " \t\r\n")] = '\0';
		if (line[0] == '\0')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((p = realloc(v, cap * sizeof(*v))) == NULL) {
				free(v);
				return NULL;
			}
			v = p;
		}
		v[(*n)++] = ip4(line);
	}
	return v;
}

static int
mode_spray(int argc, char **argv)
{
	static uint8_t		 payload[18] = "lisp-bench-spray!";
	struct mmsghdr		 msg[BATCH];
	struct iovec		 iov;
	struct sockaddr_in	 sin[BATCH];
	uint32_t		 base = 0, n, stride = 1, i = 0, *list = NULL;
	double			 pps, t0;
	int			 fd, k;

	if (strcmp(argv[1], "spray-list") == 0) {
		if (argc != 3)
			return 2;
		pps = atof(argv[2]);
		if ((list = read_list(&n)) == NULL && n > 0)
			return 1;
	} else {
		if (argc != 5 && argc != 6)
			return 2;
		base = ip4(argv[2]);
		n = (uint32_t)strtoul(argv[3], NULL, 10);
		pps = atof(argv[4]);
		if (argc == 6 &&
		    (stride = (uint32_t)strtoul(argv[5], NULL, 10)) == 0)
			return 2;
	}
	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		return 1;
	iov.iov_base = payload;
	iov.iov_len = sizeof(payload);
	t0 = now();
	while (i < n) {
		double due = t0 + (double)i / pps;

		while (now() < due)
			usleep(200);
		for (k = 0; k < BATCH && i + (uint32_t)k < n; k++) {
			memset(&sin[k], 0, sizeof(sin[k]));
			sin[k].sin_family = AF_INET;
			sin[k].sin_port = htons(9);
			sin[k].sin_addr.s_addr = htonl(list != NULL ?
			    list[i + (uint32_t)k] : base +
			    (i + (uint32_t)k) * stride);
			memset(&msg[k], 0, sizeof(msg[k]));
			msg[k].msg_hdr.msg_iov = &iov;
			msg[k].msg_hdr.msg_iovlen = 1;
			msg[k].msg_hdr.msg_name = &sin[k];
			msg[k].msg_hdr.msg_namelen = sizeof(sin[k]);
		}
		/* Errors (a full queue, no route yet) only lose misses: the
		 * caller sprays again. */
		(void)sendmmsg(fd, msg, (unsigned)k, 0);
		i += (uint32_t)k;
	}
	free(list);
	return 0;
}

int
main(int argc, char **argv)
{
	int	 rc = 2;

	if (argc >= 2 && strcmp(argv[1], "mr") == 0)
		rc = mode_mr(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "resolver") == 0)
		rc = mode_resolver(argc, argv);
	else if (argc >= 2 && (strcmp(argv[1], "spray") == 0 ||
	    strcmp(argv[1], "spray-list") == 0))
		rc = mode_spray(argc, argv);
	if (rc == 2)
		fprintf(stderr, "usage: lisp_load mr|resolver|spray|spray-list ... "
		    "(see tests/bench/lisp_load.c)\n");
	return rc;
}
