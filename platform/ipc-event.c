/*
 * IPC on a libevent loop: the daemons' server and their reconnecting client.
 *
 * A peer is one connection, wrapped in a bufferevent.  Its input is cut
 * into whole frames (ipc_frame_len, then ipc_msg_parse); the first must be
 * the handshake, which is answered here, and only later messages reach the
 * owner.  Nothing a peer sends can hurt the server: a bad frame costs that
 * peer its connection, after a last RESULT saying why.
 *
 * Peers are torn down only from event callbacks (never inside a call the
 * owner made), and an owner may free its server or client from inside any
 * of our callbacks: the free is then finished when the callback returns.
 */
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "platform/ipc-event.h"
#include "platform/log.h"

/* A peer that leaves this much unread output is dropped. */
#define PEER_MAX_QUEUED		(256u * 1024 * 1024)
#define PEER_HELLO_TIMEOUT	10	/* s to complete the handshake */
#define PEER_FLUSH_TIMEOUT	2	/* s to deliver a last error */
#define CLIENT_BACKOFF_MIN	100	/* ms */
#define CLIENT_BACKOFF_MAX	2000	/* ms */
#define SERVER_RELISTEN		1	/* s to pause after accept fails */
#define SERVER_BACKLOG		128

enum peer_state {
	PEER_IDLE,		/* client: not connected, timer armed */
	PEER_HELLO,		/* connected, handshake under way */
	PEER_UP,		/* handshaken: messages go to the owner */
	PEER_FLUSH,		/* closing once the output has drained */
	PEER_DEAD,		/* closing at the next loop turn */
};

/* What a server and a client have in common: the owner's callbacks, and
 * the guard that lets the owner free us from inside them. */
struct ipc_owner {
	struct event_base	*base;
	char			*name;		/* ours, sent in hellos */
	ipc_msg_cb		*msg_cb;
	ipc_state_cb		*state_cb;
	void			*arg;
	int			 in_cb;		/* depth of owner callbacks */
	int			 freeing;	/* free when in_cb drops to 0 */
};

struct ipc_server {
	struct ipc_owner	 o;
	struct evconnlistener	*lev;
	struct event		*ev_relisten;
	char			*path;
	dev_t			 sock_dev;	/* the socket file we made */
	ino_t			 sock_ino;
	TAILQ_HEAD(, ipc_peer)	 peers;
};

struct ipc_peer {
	struct ipc_owner	*o;		/* the server's, or &own */
	struct ipc_server	*srv;		/* NULL for a client */
	struct ipc_owner	 own;		/* client only */
	char			*path;		/* client only */
	int			 backoff;	/* client: next delay, ms */
	uint32_t		 hello_reqid;	/* client: our hello */
	struct bufferevent	*bev;
	struct event		*ev_timer;	/* per state: see peer_timer_cb */
	enum peer_state		 state;
	int			 was_up;	/* the owner has seen it up */
	char			*name;		/* remote name, from its hello */
	uint32_t		 next_reqid;
	void			*data;
	TAILQ_ENTRY(ipc_peer)	 entry;
};

static void	peer_read_cb(struct bufferevent *, void *);
static void	peer_write_cb(struct bufferevent *, void *);
static void	peer_event_cb(struct bufferevent *, short, void *);
static void	peer_timer_cb(evutil_socket_t, short, void *);
static void	server_destroy(struct ipc_server *);
static void	peer_free(struct ipc_peer *);
static void	peer_drop(struct ipc_peer *);

static const char *
peer_where(const struct ipc_peer *p)
{
	return p->srv != NULL ? p->srv->path : p->path;
}

static const char *
peer_label(const struct ipc_peer *p)
{
	return p->name != NULL ? p->name : "(before hello)";
}

static void
timer_set(struct event *ev, long sec, long usec)
{
	struct timeval	 tv;

	tv.tv_sec = sec;
	tv.tv_usec = usec;
	evtimer_add(ev, &tv);
}

/* Ends an owner callback; finishes a free the owner asked for meanwhile.
 * Returns -1 when p is gone. */
static int
owner_leave(struct ipc_peer *p)
{
	struct ipc_owner	*o = p->o;

	if (--o->in_cb > 0 || !o->freeing)
		return 0;
	if (p->srv != NULL)
		server_destroy(p->srv);
	else
		peer_free(p);
	return -1;
}

static int
call_msg(struct ipc_peer *p, const struct ipc_msg *m)
{
	p->o->in_cb++;
	if (p->o->msg_cb != NULL)
		p->o->msg_cb(p, m, p->o->arg);
	return owner_leave(p);
}

static int
call_state(struct ipc_peer *p, int up)
{
	p->o->in_cb++;
	if (p->o->state_cb != NULL)
		p->o->state_cb(p, up, p->o->arg);
	return owner_leave(p);
}

/* A peer of srv, or (srv NULL) a client whose owner is the peer itself. */
static struct ipc_peer *
peer_new(struct event_base *base, struct ipc_server *srv)
{
	struct ipc_peer	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->srv = srv;
	p->o = srv != NULL ? &srv->o : &p->own;
	p->o->base = base;
	p->next_reqid = 1;
	p->backoff = CLIENT_BACKOFF_MIN;
	p->state = PEER_IDLE;
	if ((p->ev_timer = evtimer_new(base, peer_timer_cb, p)) == NULL) {
		free(p);
		return NULL;
	}
	return p;
}

static void
peer_free(struct ipc_peer *p)
{
	if (p->bev != NULL)
		bufferevent_free(p->bev);
	event_free(p->ev_timer);
	free(p->name);
	free(p->path);
	free(p->own.name);
	free(p);
}

/* Queues a frame, whatever the state; drops a peer that does not read. */
static int
peer_write(struct ipc_peer *p, const struct ipc_msg *m)
{
	const void	*wire;
	size_t		 len, queued;

	wire = ipc_msg_wire(m, &len);
	if (bufferevent_write(p->bev, wire, len) == -1)
		return IPC_E_NOMEM;
	queued = evbuffer_get_length(bufferevent_get_output(p->bev));
	if (queued > PEER_MAX_QUEUED) {
		log_warnx("ipc %s: peer %s leaves %zu bytes unread, dropping it",
		    peer_where(p), peer_label(p), queued);
		peer_drop(p);
		errno = ENOBUFS;
		return IPC_E_IO;
	}
	return 0;
}

/* Closes at the next loop turn; safe anywhere, even inside owner calls. */
static void
peer_drop(struct ipc_peer *p)
{
	if (p->state == PEER_IDLE || p->state == PEER_DEAD)
		return;
	p->state = PEER_DEAD;
	bufferevent_disable(p->bev, EV_READ | EV_WRITE);
	timer_set(p->ev_timer, 0, 0);
}

/* Stops reading and closes once what is queued (a last error) is sent. */
static void
peer_flush_close(struct ipc_peer *p)
{
	if (p->state == PEER_IDLE || p->state == PEER_DEAD)
		return;
	if (evbuffer_get_length(bufferevent_get_output(p->bev)) == 0) {
		peer_drop(p);
		return;
	}
	p->state = PEER_FLUSH;
	bufferevent_disable(p->bev, EV_READ);
	timer_set(p->ev_timer, PEER_FLUSH_TIMEOUT, 0);
}

/* Answers reqid with a RESULT and closes the connection after it. */
static void
peer_refuse(struct ipc_peer *p, uint32_t reqid, uint32_t status,
    const char *text)
{
	struct ipc_msg	*m;

	if ((m = ipc_msg_result(reqid, status, text)) != NULL) {
		peer_write(p, m);
		ipc_msg_free(m);
	}
	peer_flush_close(p);
}

static void
client_retry(struct ipc_peer *p)
{
	p->state = PEER_IDLE;
	timer_set(p->ev_timer, p->backoff / 1000, (p->backoff % 1000) * 1000);
	p->backoff *= 2;
	if (p->backoff > CLIENT_BACKOFF_MAX)
		p->backoff = CLIENT_BACKOFF_MAX;
}

/* Ends the connection.  Called only from event callbacks. */
static void
peer_teardown(struct ipc_peer *p)
{
	int	 was_up = p->was_up;

	if (p->bev != NULL) {
		bufferevent_free(p->bev);
		p->bev = NULL;
	}
	p->was_up = 0;
	free(p->name);
	p->name = NULL;
	if (p->srv == NULL) {
		client_retry(p);
		if (was_up)
			call_state(p, 0);
		return;
	}
	p->state = PEER_DEAD;
	evtimer_del(p->ev_timer);
	TAILQ_REMOVE(&p->srv->peers, p, entry);
	/* The owner may free the server here; p is off its list by now. */
	if (was_up)
		call_state(p, 0);
	peer_free(p);
}

static int
server_hello(struct ipc_peer *p, const struct ipc_msg *m)
{
	struct ipc_msg	*r;
	const char	*name;
	uint32_t	 version;

	if (ipc_msg_type(m) != IPC_HELLO ||
	    ipc_msg_get_u32(m, IPC_T_VERSION, &version) != 0 ||
	    ipc_msg_get_str(m, IPC_T_NAME, &name) != 0) {
		log_warnx("ipc %s: peer sent type %u before a valid hello",
		    peer_where(p), ipc_msg_type(m));
		peer_refuse(p, ipc_msg_reqid(m), IPC_S_BADMSG,
		    "% Expected hello");
		return 0;
	}
	if (version != IPC_VERSION) {
		log_warnx("ipc %s: peer %s speaks IPC version %u, not %u",
		    peer_where(p), name, version, IPC_VERSION);
		peer_refuse(p, ipc_msg_reqid(m), IPC_S_ERROR,
		    "% IPC version mismatch");
		return 0;
	}
	if ((p->name = strdup(name)) == NULL ||
	    (r = ipc_msg_result(ipc_msg_reqid(m), IPC_S_OK, NULL)) == NULL) {
		log_warnx("ipc %s: out of memory for a hello", peer_where(p));
		peer_drop(p);
		return 0;
	}
	if (ipc_msg_add_u32(r, IPC_T_VERSION, IPC_VERSION) != 0 ||
	    ipc_msg_add_str(r, IPC_T_NAME, p->o->name) != 0 ||
	    peer_write(p, r) != 0) {
		ipc_msg_free(r);
		peer_drop(p);
		return 0;
	}
	ipc_msg_free(r);
	evtimer_del(p->ev_timer);
	p->state = PEER_UP;
	p->was_up = 1;
	return 0;
}

static int
client_hello(struct ipc_peer *p, const struct ipc_msg *m)
{
	const char	*name = "", *text = "";
	uint32_t	 status;

	if (ipc_msg_type(m) != IPC_RESULT ||
	    ipc_msg_reqid(m) != p->hello_reqid ||
	    ipc_msg_get_u32(m, IPC_T_STATUS, &status) != 0) {
		log_warnx("ipc %s: server did not answer our hello",
		    peer_where(p));
		peer_drop(p);
		return 0;
	}
	if (status != IPC_S_OK) {
		ipc_msg_get_str(m, IPC_T_TEXT, &text);
		log_warnx("ipc %s: server refused our hello: %s",
		    peer_where(p), text);
		peer_drop(p);
		return 0;
	}
	ipc_msg_get_str(m, IPC_T_NAME, &name);
	if ((p->name = strdup(name)) == NULL) {
		peer_drop(p);
		return 0;
	}
	evtimer_del(p->ev_timer);
	p->state = PEER_UP;
	p->was_up = 1;
	p->backoff = CLIENT_BACKOFF_MIN;
	return call_state(p, 1);
}

/* Returns -1 when p is gone. */
static int
peer_dispatch(struct ipc_peer *p, const struct ipc_msg *m)
{
	if (p->state == PEER_HELLO)
		return p->srv != NULL ? server_hello(p, m) : client_hello(p, m);
	return call_msg(p, m);
}

/* A frame that can never be read: say so if we can, then close. */
static void
peer_bad_frame(struct ipc_peer *p, const void *hdr, int err)
{
	uint32_t	 reqid = 0;

	log_warnx("ipc %s: peer %s sent a bad frame: %s", peer_where(p),
	    peer_label(p), ipc_strerror(err));
	if (p->srv == NULL) {
		peer_drop(p);
		return;
	}
	ipc_frame_reqid(hdr, IPC_HDR_LEN, &reqid);
	if (err == IPC_E_VERSION && p->state == PEER_HELLO)
		peer_refuse(p, reqid, IPC_S_ERROR, "% IPC version mismatch");
	else
		peer_refuse(p, reqid, IPC_S_BADMSG, "% Malformed message");
}

static void
peer_read_cb(struct bufferevent *bev, void *arg)
{
	struct ipc_peer	*p = arg;
	struct evbuffer	*in = bufferevent_get_input(bev);
	struct ipc_msg	*m;
	const uint8_t	*buf;
	size_t		 avail, flen;
	int		 rc;

	while (p->state == PEER_HELLO || p->state == PEER_UP) {
		avail = evbuffer_get_length(in);
		if (avail < IPC_HDR_LEN)
			break;
		buf = evbuffer_pullup(in, IPC_HDR_LEN);
		if ((rc = ipc_frame_len(buf, IPC_HDR_LEN, &flen)) != 0) {
			peer_bad_frame(p, buf, rc);
			break;
		}
		if (avail < flen)
			break;
		if ((buf = evbuffer_pullup(in, (ssize_t)flen)) == NULL) {
			log_warnx("ipc %s: out of memory for a frame",
			    peer_where(p));
			peer_drop(p);
			break;
		}
		if ((rc = ipc_msg_parse(buf, flen, &m)) != 0) {
			peer_bad_frame(p, buf, rc);
			break;
		}
		evbuffer_drain(in, flen);
		rc = peer_dispatch(p, m);
		ipc_msg_free(m);
		if (rc == -1)
			return;
	}
}

static void
peer_write_cb(struct bufferevent *bev, void *arg)
{
	struct ipc_peer	*p = arg;

	if (p->state == PEER_FLUSH &&
	    evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		peer_teardown(p);
}

static void
peer_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct ipc_peer	*p = arg;

	if ((what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) == 0)
		return;
	if (what & BEV_EVENT_ERROR)
		log_debug("ipc %s: peer %s: %s", peer_where(p), peer_label(p),
		    evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
	peer_teardown(p);
}

static int
peer_attach(struct ipc_peer *p, evutil_socket_t fd)
{
	p->bev = bufferevent_socket_new(p->o->base, fd,
	    BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
	if (p->bev == NULL)
		return -1;
	bufferevent_setcb(p->bev, peer_read_cb, peer_write_cb, peer_event_cb,
	    p);
	if (bufferevent_enable(p->bev, EV_READ | EV_WRITE) == -1) {
		bufferevent_free(p->bev);
		p->bev = NULL;
		return -1;
	}
	p->state = PEER_HELLO;
	timer_set(p->ev_timer, PEER_HELLO_TIMEOUT, 0);
	return 0;
}

static void
client_connect(struct ipc_peer *p)
{
	struct sockaddr_un	 sun;
	struct ipc_msg		*m = NULL;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, p->path);	/* length checked in ipc_client_new */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		log_warn("ipc %s: socket", p->path);
		goto retry;
	}
	/* A Unix connect completes at once or fails (EAGAIN: backlog full). */
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 &&
	    errno != EINPROGRESS) {
		log_debug("ipc %s: connect: %s", p->path, strerror(errno));
		close(fd);
		goto retry;
	}
	if (peer_attach(p, fd) == -1) {
		log_warnx("ipc %s: cannot set up a connection", p->path);
		close(fd);
		goto retry;
	}
	p->hello_reqid = ipc_peer_next_reqid(p);
	if ((m = ipc_msg_new(IPC_HELLO, p->hello_reqid)) == NULL ||
	    ipc_msg_add_u32(m, IPC_T_VERSION, IPC_VERSION) != 0 ||
	    ipc_msg_add_str(m, IPC_T_NAME, p->own.name) != 0 ||
	    peer_write(p, m) != 0)
		peer_drop(p);
	ipc_msg_free(m);
	return;
retry:
	client_retry(p);
}

static void
peer_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct ipc_peer	*p = arg;

	switch (p->state) {
	case PEER_IDLE:
		client_connect(p);
		break;
	case PEER_HELLO:
		log_warnx("ipc %s: peer %s: no handshake in %d s",
		    peer_where(p), peer_label(p), PEER_HELLO_TIMEOUT);
		peer_teardown(p);
		break;
	case PEER_FLUSH:
	case PEER_DEAD:
		peer_teardown(p);
		break;
	case PEER_UP:
		break;
	}
}

static void
server_accept_cb(struct evconnlistener *lev, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	struct ipc_server	*srv = arg;
	struct ipc_peer		*p;

	if ((p = peer_new(srv->o.base, srv)) == NULL) {
		log_warnx("ipc %s: out of memory for a peer", srv->path);
		close(fd);
		return;
	}
	if (peer_attach(p, fd) == -1) {
		log_warnx("ipc %s: cannot set up a peer", srv->path);
		close(fd);
		peer_free(p);
		return;
	}
	TAILQ_INSERT_TAIL(&srv->peers, p, entry);
}

/* Accept failed (EMFILE...): pause rather than spin on the error. */
static void
server_error_cb(struct evconnlistener *lev, void *arg)
{
	struct ipc_server	*srv = arg;

	log_warn("ipc %s: accept", srv->path);
	evconnlistener_disable(lev);
	timer_set(srv->ev_relisten, SERVER_RELISTEN, 0);
}

static void
server_relisten_cb(evutil_socket_t fd, short what, void *arg)
{
	struct ipc_server	*srv = arg;

	evconnlistener_enable(srv->lev);
}

/* Binds a listening socket at path, replacing a stale socket file. */
static int
server_bind(struct ipc_server *srv, int mode)
{
	struct sockaddr_un	 sun;
	struct stat		 st;
	int			 fd, saved_errno;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, srv->path);	/* length checked by caller */
	if (lstat(srv->path, &st) == 0) {
		/* Never remove something that is not a socket. */
		if (!S_ISSOCK(st.st_mode)) {
			errno = EEXIST;
			return -1;
		}
		if (unlink(srv->path) == -1)
			return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return -1;
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		goto fail;
	if (chmod(srv->path, (mode_t)(mode > 0 ? mode : 0660)) == -1 ||
	    stat(srv->path, &st) == -1 || listen(fd, SERVER_BACKLOG) == -1) {
		unlink(srv->path);
		goto fail;
	}
	srv->sock_dev = st.st_dev;
	srv->sock_ino = st.st_ino;
	return fd;
fail:
	saved_errno = errno;
	close(fd);
	errno = saved_errno;
	return -1;
}

struct ipc_server *
ipc_server_new(struct event_base *base, const char *path, int mode,
    const char *name, ipc_msg_cb *msg_cb, ipc_state_cb *state_cb, void *arg)
{
	struct ipc_server	*srv;
	struct sockaddr_un	 sun;
	int			 fd = -1, saved_errno;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if ((srv = calloc(1, sizeof(*srv))) == NULL)
		return NULL;
	TAILQ_INIT(&srv->peers);
	srv->o.base = base;
	srv->o.msg_cb = msg_cb;
	srv->o.state_cb = state_cb;
	srv->o.arg = arg;
	if ((srv->o.name = strdup(name)) == NULL ||
	    (srv->path = strdup(path)) == NULL ||
	    (srv->ev_relisten = evtimer_new(base, server_relisten_cb,
	    srv)) == NULL)
		goto fail;
	if ((fd = server_bind(srv, mode)) == -1)
		goto fail;
	srv->lev = evconnlistener_new(base, server_accept_cb, srv,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, 0, fd);
	if (srv->lev == NULL) {
		saved_errno = errno;
		unlink(path);
		close(fd);
		errno = saved_errno != 0 ? saved_errno : ENOMEM;
		goto fail;
	}
	evconnlistener_set_error_cb(srv->lev, server_error_cb);
	return srv;
fail:
	saved_errno = errno;
	if (srv->ev_relisten != NULL)
		event_free(srv->ev_relisten);
	free(srv->path);
	free(srv->o.name);
	free(srv);
	errno = saved_errno;
	return NULL;
}

static void
server_destroy(struct ipc_server *srv)
{
	struct ipc_peer	*p;
	struct stat	 st;

	/* Owner callbacks from here on cannot start a second free. */
	srv->o.freeing = 1;
	srv->o.in_cb++;
	evconnlistener_free(srv->lev);
	event_free(srv->ev_relisten);
	/* Remove the socket file only if it is still ours, not a newer
	 * server's on the same path. */
	if (lstat(srv->path, &st) == 0 && st.st_dev == srv->sock_dev &&
	    st.st_ino == srv->sock_ino)
		unlink(srv->path);
	while ((p = TAILQ_FIRST(&srv->peers)) != NULL) {
		TAILQ_REMOVE(&srv->peers, p, entry);
		p->state = PEER_DEAD;
		if (p->was_up && srv->o.state_cb != NULL)
			srv->o.state_cb(p, 0, srv->o.arg);
		peer_free(p);
	}
	free(srv->path);
	free(srv->o.name);
	free(srv);
}

void
ipc_server_free(struct ipc_server *srv)
{
	if (srv == NULL || srv->o.freeing)
		return;
	if (srv->o.in_cb > 0) {
		srv->o.freeing = 1;
		evconnlistener_disable(srv->lev);
		return;
	}
	server_destroy(srv);
}

void
ipc_server_broadcast(struct ipc_server *srv, const struct ipc_msg *m)
{
	struct ipc_peer	*p;

	/* Sending never frees a peer (drops are deferred): a plain walk. */
	TAILQ_FOREACH(p, &srv->peers, entry)
		if (p->state == PEER_UP)
			ipc_peer_send(p, m);
}

struct ipc_peer *
ipc_client_new(struct event_base *base, const char *path, const char *name,
    ipc_msg_cb *msg_cb, ipc_state_cb *state_cb, void *arg)
{
	struct ipc_peer		*p;
	struct sockaddr_un	 sun;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if ((p = peer_new(base, NULL)) == NULL)
		return NULL;
	p->own.msg_cb = msg_cb;
	p->own.state_cb = state_cb;
	p->own.arg = arg;
	if ((p->own.name = strdup(name)) == NULL ||
	    (p->path = strdup(path)) == NULL) {
		peer_free(p);
		return NULL;
	}
	/* Connect from the loop, so no callback runs before we return. */
	timer_set(p->ev_timer, 0, 0);
	return p;
}

void
ipc_client_free(struct ipc_peer *p)
{
	if (p == NULL || p->own.freeing)
		return;
	if (p->own.in_cb > 0) {
		p->own.freeing = 1;
		return;
	}
	peer_free(p);
}

/*
 * Our bufferevents defer their callbacks, and each queued callback holds
 * a reference: a peer freed while one is queued (its EOF was read in the
 * loop turn that a signal ended with a loopbreak) is released only when
 * the callback runs.  event_base_free drops queued callbacks unrun, which
 * leaks the bufferevent, its evbuffers and their chunks.  So one more
 * non-blocking turn (it runs until nothing is active) lets them run.
 */
void
ipc_base_free(struct event_base *base)
{
	if (base == NULL)
		return;
	event_base_loop(base, EVLOOP_NONBLOCK);
	event_base_free(base);
}

int
ipc_peer_send(struct ipc_peer *p, const struct ipc_msg *m)
{
	if (p->state != PEER_UP)
		return IPC_E_CLOSED;
	return peer_write(p, m);
}

const char *
ipc_peer_name(const struct ipc_peer *p)
{
	return p->name != NULL ? p->name : "";
}

void
ipc_peer_set_data(struct ipc_peer *p, void *data)
{
	p->data = data;
}

void *
ipc_peer_data(const struct ipc_peer *p)
{
	return p->data;
}

uint32_t
ipc_peer_next_reqid(struct ipc_peer *p)
{
	uint32_t	 r = p->next_reqid++;

	if (p->next_reqid == 0)
		p->next_reqid = 1;
	return r;
}
