/*
 * The telnet server: libtelnet parses the protocol (IAC escapes, option
 * negotiation: ECHO and SGA for character mode, NAWS for the window size)
 * on a libevent bufferevent.  Before the shell starts, vtyd runs IOS's
 * login dialogue itself ("User Access Verification", Username:/Password:,
 * `login` or `login local` from the line), checked by cfgd.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <libtelnet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/vty.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/xmalloc.h"

#define OUT_HIGH	(64 * 1024)	/* output queued before we hold back */
#define LOGIN_SECS	30		/* IOS's login timeout */
#define LOGIN_TRIES	3
#define FIELD_MAX	128

struct vty_telnet {
	struct vtyd	*v;
	int		 fd;
	struct event	*ev;
};

enum tstate {
	T_USER,		/* reading the user name */
	T_PASS,		/* reading the password (no echo) */
	T_SHELL,	/* the cli runs */
	T_DONE,
};

struct tconn {
	struct vtyd		*v;
	struct bufferevent	*bev;
	telnet_t		*tn;
	struct vty_session	*vs;
	struct event		*timer, *reap;
	enum tstate		 state;
	char			 peer[64];
	char			 user[FIELD_MAX];
	char			 field[FIELD_MAX];
	size_t			 flen;
	unsigned		 tries;
	unsigned		 cols, rows;
	int			 last_cr;
	int			 dead;
};

static const telnet_telopt_t telopts[] = {
	{ TELNET_TELOPT_ECHO, TELNET_WILL, TELNET_DONT },
	{ TELNET_TELOPT_SGA, TELNET_WILL, TELNET_DO },
	{ TELNET_TELOPT_NAWS, TELNET_WONT, TELNET_DO },
	{ -1, 0, 0 },
};

static void
tconn_free(struct tconn *c)
{
	int	 linger;

	if (c->vs != NULL)
		vty_session_free(c->vs);
	if (c->tn != NULL)
		telnet_free(c->tn);
	if (c->bev != NULL) {
		linger = dup(bufferevent_getfd(c->bev));
		bufferevent_free(c->bev);
		vty_linger(c->v, linger);
	}
	if (c->timer != NULL)
		event_free(c->timer);
	if (c->reap != NULL)
		event_free(c->reap);
	explicit_bzero(c, sizeof(*c));
	free(c);
}

static void
on_reap(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	tconn_free(arg);
}

/* Ends the connection once its output has gone (or at once if lost). */
static void
tconn_drop(struct tconn *c, int flush)
{
	struct evbuffer	*out;

	if (c->dead)
		return;
	c->state = T_DONE;
	out = bufferevent_get_output(c->bev);
	if (flush && evbuffer_get_length(out) > 0) {
		bufferevent_disable(c->bev, EV_READ);
		return;		/* on_write finishes the job */
	}
	c->dead = 1;
	bufferevent_disable(c->bev, EV_READ | EV_WRITE);
	event_del(c->timer);
	event_active(c->reap, 0, 0);
}

static void
say(struct tconn *c, const char *s)
{
	telnet_send(c->tn, s, strlen(s));
}

/* The session's transport operations. */

static ssize_t
op_write(void *t, const char *buf, size_t len)
{
	struct tconn	*c = t;

	if (c->dead || c->state == T_DONE)
		return -1;
	if (evbuffer_get_length(bufferevent_get_output(c->bev)) > OUT_HIGH)
		return 0;
	telnet_send(c->tn, buf, len);
	return (ssize_t)len;
}

static void
op_close(void *t, const char *why)
{
	struct tconn	*c = t;

	(void)why;
	tconn_drop(c, 1);
}

static void
op_describe(void *t, char *buf, size_t len)
{
	(void)t;
	snprintf(buf, len, "%s", "");
}

static const struct vty_transport_ops telnet_ops = {
	op_write, op_close, op_describe,
};

/* The login dialogue. */

static void
prompt(struct tconn *c)
{
	c->flen = 0;
	say(c, c->state == T_USER ? "Username: " : "Password: ");
}

static void
start_shell(struct tconn *c, unsigned priv)
{
	event_del(c->timer);
	c->state = T_SHELL;
	if (vty_session_start(c->vs, c->user, priv, c->cols, c->rows,
	    "vt100", NULL) != 0) {
		say(c, "% Cannot start the session\r\n");
		tconn_drop(c, 1);
	}
}

static void
login_failed(struct tconn *c, const struct vty_lineconf *lc)
{
	vtyd_log(c->v, "%%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: %s] "
	    "[Source: %s] [localport: %d] [Reason: Login Authentication "
	    "Failed]", c->user, c->peer, c->v->conf.telnet_port);
	if (++c->tries >= LOGIN_TRIES) {
		say(c, lc->login == IPC_VTY_LOGIN_LOCAL ?
		    "% Login invalid\r\n\r\n" : "% Bad passwords\r\n");
		tconn_drop(c, 1);
		return;
	}
	if (lc->login == IPC_VTY_LOGIN_LOCAL) {
		say(c, "% Login invalid\r\n\r\n");
		c->state = T_USER;
	}
	prompt(c);
}

static void
field_done(struct tconn *c)
{
	const struct vty_lineconf	*lc = vty_session_conf(c->vs);
	char				 err[256];
	unsigned			 priv = 1;
	int				 rc;

	c->field[c->flen] = '\0';
	if (c->state == T_USER) {
		snprintf(c->user, sizeof(c->user), "%s", c->field);
		say(c, "\r\n");
		c->state = T_PASS;
		prompt(c);
		return;
	}
	say(c, "\r\n");
	rc = vtyd_auth_password(c->v, vty_session_line(c->vs), c->user,
	    c->field, &priv, err, sizeof(err));
	explicit_bzero(c->field, sizeof(c->field));
	c->flen = 0;
	if (rc == 1) {
		start_shell(c, priv);
		return;
	}
	if (rc < 0 && *err != '\0') {
		say(c, err);
		tconn_drop(c, 1);
		return;
	}
	login_failed(c, lc);
}

/* A character typed at the login dialogue. */
static void
login_char(struct tconn *c, unsigned char ch)
{
	if (ch == '\r' || ch == '\n') {
		if (ch == '\n' && c->last_cr)
			return;
		field_done(c);
		return;
	}
	if (ch == 0)
		return;
	if (ch == 0x7f || ch == 0x08) {
		if (c->flen > 0) {
			c->flen--;
			if (c->state == T_USER)
				say(c, "\b \b");
		}
		return;
	}
	if (ch == 0x03 || ch == 0x04) {		/* Ctrl-C, Ctrl-D */
		tconn_drop(c, 0);
		return;
	}
	if (ch < 0x20 || c->flen + 1 >= sizeof(c->field))
		return;
	c->field[c->flen++] = (char)ch;
	if (c->state == T_USER)
		telnet_send(c->tn, (const char *)&ch, 1);
}

/* User data: to the dialogue, then to the shell (CR NUL and CR LF are
 * one Enter, as readline wants). */
static void
user_data(struct tconn *c, const char *buf, size_t len)
{
	char	 out[4096];
	size_t	 i, n = 0;

	for (i = 0; i < len && !c->dead && c->state != T_DONE; i++) {
		unsigned char	 ch = (unsigned char)buf[i];

		if (c->state != T_SHELL) {
			login_char(c, ch);
			c->last_cr = ch == '\r';
			continue;
		}
		if (c->last_cr && (ch == '\0' || ch == '\n')) {
			c->last_cr = 0;
			continue;
		}
		c->last_cr = ch == '\r';
		out[n++] = (char)ch;
		if (n == sizeof(out)) {
			vty_session_input(c->vs, out, n);
			n = 0;
		}
	}
	if (n > 0 && c->state == T_SHELL)
		vty_session_input(c->vs, out, n);
}

static void
naws(struct tconn *c, const char *buf, size_t len)
{
	const unsigned char	*b = (const unsigned char *)buf;

	if (len != 4)
		return;
	c->cols = (unsigned)b[0] << 8 | b[1];
	c->rows = (unsigned)b[2] << 8 | b[3];
	if (c->state == T_SHELL)
		vty_session_resize(c->vs, c->cols, c->rows);
}

static void
on_telnet(telnet_t *tn, telnet_event_t *ev, void *arg)
{
	struct tconn	*c = arg;

	(void)tn;
	switch (ev->type) {
	case TELNET_EV_DATA:
		user_data(c, ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_SEND:
		if (!c->dead)
			bufferevent_write(c->bev, ev->data.buffer,
			    ev->data.size);
		break;
	case TELNET_EV_SUBNEGOTIATION:
		if (ev->sub.telopt == TELNET_TELOPT_NAWS)
			naws(c, ev->sub.buffer, ev->sub.size);
		break;
	case TELNET_EV_ERROR:
		log_debug("telnet %s: %s", c->peer, ev->error.msg);
		tconn_drop(c, 0);
		break;
	default:
		break;
	}
}

static void
on_read(struct bufferevent *bev, void *arg)
{
	struct tconn	*c = arg;
	struct evbuffer	*in = bufferevent_get_input(bev);
	char		 buf[4096];
	int		 n;

	while (!c->dead && (n = evbuffer_remove(in, buf, sizeof(buf))) > 0)
		telnet_recv(c->tn, buf, (size_t)n);
}

static void
on_write(struct bufferevent *bev, void *arg)
{
	struct tconn	*c = arg;

	(void)bev;
	if (c->dead)
		return;
	if (c->state == T_DONE) {
		tconn_drop(c, 0);
		return;
	}
	if (c->state == T_SHELL)
		vty_session_writable(c->vs);
}

static void
on_event(struct bufferevent *bev, short what, void *arg)
{
	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		tconn_drop(arg, 0);
}

static void
on_login_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct tconn	*c = arg;

	(void)fd;
	(void)what;
	say(c, c->state == T_USER ? "\r\n% Username:  timeout expired!\r\n" :
	    "\r\n% Password:  timeout expired!\r\n");
	tconn_drop(c, 1);
}

static void
peer_name(int fd, char *buf, size_t len)
{
	struct sockaddr_storage	 ss;
	socklen_t		 sl = sizeof(ss);

	snprintf(buf, len, "?");
	if (getpeername(fd, (struct sockaddr *)&ss, &sl) == -1)
		return;
	if (ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, buf,
		    (socklen_t)len);
	else if (ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr,
		    buf, (socklen_t)len);
}

static void
tconn_new(struct vty_telnet *srv, int fd)
{
	struct vtyd			*v = srv->v;
	const struct vty_lineconf	*lc;
	struct tconn			*c;
	struct timeval			 tv = { LOGIN_SECS, 0 };
	const char			*why = NULL;
	char				 msg[256];

	c = xcalloc(1, sizeof(*c));
	c->v = v;
	c->cols = 80;
	c->rows = 24;
	peer_name(fd, c->peer, sizeof(c->peer));
	c->bev = bufferevent_socket_new(v->base, fd, BEV_OPT_CLOSE_ON_FREE);
	c->tn = telnet_init(telopts, on_telnet, 0, c);
	c->timer = evtimer_new(v->base, on_login_timeout, c);
	c->reap = event_new(v->base, -1, 0, on_reap, c);
	if (c->bev == NULL || c->tn == NULL || c->timer == NULL ||
	    c->reap == NULL)
		fatalx("%s: out of memory", __func__);
	bufferevent_setcb(c->bev, on_read, on_write, on_event, c);
	bufferevent_setwatermark(c->bev, EV_WRITE, 0, 0);
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
	c->vs = vty_session_new(v, VTY_TELNET, c->peer, &telnet_ops, c, &why);
	if (c->vs == NULL) {
		vtyd_log(v, "telnet from %s refused: %s", c->peer, why + 2);
		snprintf(msg, sizeof(msg), "\r\n%s\r\n", why);
		say(c, msg);
		tconn_drop(c, 1);
		return;
	}
	telnet_negotiate(c->tn, TELNET_WILL, TELNET_TELOPT_ECHO);
	telnet_negotiate(c->tn, TELNET_WILL, TELNET_TELOPT_SGA);
	telnet_negotiate(c->tn, TELNET_DO, TELNET_TELOPT_SGA);
	telnet_negotiate(c->tn, TELNET_DO, TELNET_TELOPT_NAWS);
	lc = vty_session_conf(c->vs);
	switch (lc->login) {
	case IPC_VTY_LOGIN_NONE:
		start_shell(c, lc->priv);
		return;
	case IPC_VTY_LOGIN_LINE:
		if (!lc->haspw) {
			say(c, "\r\nPassword required, but none set\r\n");
			tconn_drop(c, 1);
			return;
		}
		c->state = T_PASS;
		break;
	default:
		c->state = T_USER;
		break;
	}
	say(c, "\r\n\r\nUser Access Verification\r\n\r\n");
	prompt(c);
	evtimer_add(c->timer, &tv);
}

/* vty_accept hands each new connection here. */
static void
accepted(void *arg, int fd)
{
	tconn_new(arg, fd);
}

static void
on_accept(evutil_socket_t lfd, short what, void *arg)
{
	(void)what;
	vty_accept(lfd, "telnet", accepted, arg);
}

struct vty_telnet *
vty_telnet_new(struct vtyd *v, const char *addr, int port)
{
	struct vty_telnet	*srv;
	int			 fd;

	if ((fd = vty_listen(addr, port)) == -1)
		return NULL;
	srv = xcalloc(1, sizeof(*srv));
	srv->v = v;
	srv->fd = fd;
	srv->ev = event_new(v->base, fd, EV_READ | EV_PERSIST, on_accept, srv);
	if (srv->ev == NULL || event_add(srv->ev, NULL) != 0)
		fatalx("%s: out of memory", __func__);
	return srv;
}

void
vty_telnet_free(struct vty_telnet *srv)
{
	if (srv == NULL)
		return;
	event_free(srv->ev);
	close(srv->fd);
	free(srv);
}
