/*
 * The blocking IPC client (the cli's side): one Unix stream socket, a read
 * buffer that takes big chunks and hands out whole frames, and deadlines
 * kept with poll().
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/ipc-conn.h"

#define CONN_READ_CHUNK		65536
#define CONN_HELLO_TIMEOUT	10000	/* ms */

struct ipc_conn {
	int		 fd;
	uint32_t	 next_reqid;
	uint8_t		*rbuf;		/* received, not yet parsed: */
	size_t		 roff;		/* [roff, rlen) */
	size_t		 rlen;
	size_t		 rcap;
};

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Makes room for want more bytes past rlen, compacting first. */
static int
conn_reserve(struct ipc_conn *c, size_t want)
{
	uint8_t	*nb;
	size_t	 ncap;

	if (c->roff > 0) {
		memmove(c->rbuf, c->rbuf + c->roff, c->rlen - c->roff);
		c->rlen -= c->roff;
		c->roff = 0;
	}
	if (c->rcap - c->rlen >= want)
		return 0;
	ncap = c->rcap == 0 ? CONN_READ_CHUNK : c->rcap;
	while (ncap - c->rlen < want)
		ncap *= 2;
	if ((nb = realloc(c->rbuf, ncap)) == NULL)
		return IPC_E_NOMEM;
	c->rbuf = nb;
	c->rcap = ncap;
	return 0;
}

static int
conn_hello(struct ipc_conn *c, const char *name)
{
	struct ipc_msg	*m, *reply = NULL;
	uint32_t	 status;
	int		 rc;

	if ((m = ipc_msg_new(IPC_HELLO, 0)) == NULL)
		return IPC_E_NOMEM;
	if ((rc = ipc_msg_add_u32(m, IPC_T_VERSION, IPC_VERSION)) != 0 ||
	    (rc = ipc_msg_add_str(m, IPC_T_NAME, name)) != 0 ||
	    (rc = ipc_conn_send(c, m)) != 0 ||
	    (rc = ipc_conn_recv(c, &reply, CONN_HELLO_TIMEOUT)) != 0)
		goto out;
	if (ipc_msg_type(reply) != IPC_RESULT ||
	    ipc_msg_reqid(reply) != ipc_msg_reqid(m) ||
	    ipc_msg_get_u32(reply, IPC_T_STATUS, &status) != 0)
		rc = IPC_E_PROTO;
	else if (status != IPC_S_OK)
		/* The server refuses a hello only for its version. */
		rc = IPC_E_VERSION;
out:
	ipc_msg_free(reply);
	ipc_msg_free(m);
	return rc;
}

int
ipc_conn_open(const char *path, const char *name, struct ipc_conn **out)
{
	struct sockaddr_un	 sun;
	struct ipc_conn		*c;
	int			 rc;

	*out = NULL;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return IPC_E_IO;
	}
	strcpy(sun.sun_path, path);
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return IPC_E_NOMEM;
	c->fd = -1;
	c->next_reqid = 1;
	if ((rc = conn_reserve(c, CONN_READ_CHUNK)) != 0)
		goto fail;
	if ((c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		rc = IPC_E_IO;
		goto fail;
	}
	/* A Unix stream connect does not complete later: retry on EINTR
	 * (EISCONN then says the interrupted one got through). */
	while (connect(c->fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		if (errno == EISCONN)
			break;
		if (errno != EINTR) {
			rc = IPC_E_IO;
			goto fail;
		}
	}
	if ((rc = conn_hello(c, name)) != 0)
		goto fail;
	*out = c;
	return 0;
fail:
	ipc_conn_close(c);
	return rc;
}

void
ipc_conn_close(struct ipc_conn *c)
{
	int	 saved_errno = errno;

	if (c == NULL)
		return;
	if (c->fd != -1)
		close(c->fd);
	free(c->rbuf);
	free(c);
	errno = saved_errno;
}

int
ipc_conn_fd(const struct ipc_conn *c)
{
	return c->fd;
}

int
ipc_conn_send(struct ipc_conn *c, struct ipc_msg *m)
{
	const uint8_t	*p;
	size_t		 len;
	ssize_t		 n;

	ipc_msg_set_reqid(m, c->next_reqid++);
	if (c->next_reqid == 0)
		c->next_reqid = 1;
	p = ipc_msg_wire(m, &len);
	while (len > 0) {
		/* MSG_NOSIGNAL: a vanished server is an error, not SIGPIPE. */
		if ((n = send(c->fd, p, len, MSG_NOSIGNAL)) == -1) {
			if (errno == EINTR)
				continue;
			return errno == EPIPE || errno == ECONNRESET ?
			    IPC_E_CLOSED : IPC_E_IO;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Waits until readable and reads what is there (at least need bytes of
 * room).  deadline < 0 waits forever. */
static int
conn_fill(struct ipc_conn *c, size_t need, int64_t deadline)
{
	struct pollfd	 pfd;
	ssize_t		 n;
	int64_t		 left;
	int		 rc;

	if (need < CONN_READ_CHUNK)
		need = CONN_READ_CHUNK;
	if ((rc = conn_reserve(c, need)) != 0)
		return rc;
	for (;;) {
		pfd.fd = c->fd;
		pfd.events = POLLIN;
		left = -1;
		if (deadline >= 0 && (left = deadline - now_ms()) < 0)
			left = 0;
		rc = poll(&pfd, 1, left > INT32_MAX ? INT32_MAX : (int)left);
		if (rc == -1 && errno == EINTR)
			continue;
		if (rc == -1)
			return IPC_E_IO;
		if (rc == 0)
			return IPC_E_TIMEOUT;
		n = read(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n == -1)
			return errno == ECONNRESET ? IPC_E_CLOSED : IPC_E_IO;
		if (n == 0)
			return IPC_E_CLOSED;
		c->rlen += (size_t)n;
		return 0;
	}
}

int
ipc_conn_recv(struct ipc_conn *c, struct ipc_msg **out, int timeout_ms)
{
	size_t	 have, flen = IPC_HDR_LEN;
	int64_t	 deadline = -1;
	int	 rc;

	*out = NULL;
	if (timeout_ms >= 0)
		deadline = now_ms() + timeout_ms;
	for (;;) {
		have = c->rlen - c->roff;
		rc = ipc_frame_len(c->rbuf + c->roff, have, &flen);
		if (rc != 0 && rc != IPC_E_SHORT)
			return rc;
		if (rc == 0 && have >= flen)
			break;
		if (rc != 0)
			flen = IPC_HDR_LEN;
		if ((rc = conn_fill(c, flen - have, deadline)) != 0)
			return rc;
	}
	if ((rc = ipc_msg_parse(c->rbuf + c->roff, flen, out)) != 0)
		return rc;
	c->roff += flen;
	if (c->roff == c->rlen)
		c->roff = c->rlen = 0;
	return 0;
}

int
ipc_conn_request(struct ipc_conn *c, struct ipc_msg *m,
    void (*cb)(const struct ipc_msg *, void *), void *arg,
    struct ipc_msg **last, int timeout_ms)
{
	struct ipc_msg	*r = NULL;
	uint32_t	 reqid;
	int		 rc;

	*last = NULL;
	if ((rc = ipc_conn_send(c, m)) != 0)
		return rc;
	reqid = ipc_msg_reqid(m);
	/* The timeout bounds the wait for each reply, so a long stream that
	 * keeps arriving is not cut off. */
	for (;;) {
		if ((rc = ipc_conn_recv(c, &r, timeout_ms)) != 0)
			return rc;
		if (ipc_msg_reqid(r) != reqid)
			break;
		switch (ipc_msg_type(r)) {
		case IPC_DATA:
			if (cb != NULL)
				cb(r, arg);
			ipc_msg_free(r);
			continue;
		case IPC_RESULT:
		case IPC_END:
			*last = r;
			return 0;
		default:
			break;
		}
		break;
	}
	ipc_msg_free(r);
	return IPC_E_PROTO;
}
