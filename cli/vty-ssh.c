/*
 * The SSH server: libssh 0.10's server API driven by vtyd's libevent loop.
 * vtyd accepts the TCP connection itself and hands the socket to libssh
 * (ssh_bind_accept_fd); the key exchange runs non-blocking, then one
 * ssh_event per connection is polled (timeout 0) whenever libevent says
 * the socket is ready.  Writes to a channel never exceed its window, so
 * libssh never waits inside a write.
 *
 * The host key is DIR/keys/rsa.pem (crypto key generate rsa); it is read
 * again when it changes.  Without one, SSH is disabled and connections are
 * closed at once, as IOS does.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <event2/event.h>
#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg/hostkey.h"
#include "cli/vty.h"
#include "platform/log.h"
#include "platform/xmalloc.h"

#define WRITE_MAX	(32 * 1024)
#define CLOSE_GRACE	2	/* seconds to flush the last output */

struct vty_ssh {
	struct vtyd	*v;
	int		 fd;
	struct event	*ev;
	ssh_bind	 bind;
	char		 keypath[4096];
	struct stat	 keyst;		/* of the key loaded, st_ino 0: none */
	unsigned	 serial;	/* connections so far */
};

enum conn_state {
	ST_KEX,		/* key exchange */
	ST_AUTH,	/* waiting for a login */
	ST_OPEN,	/* logged in */
	ST_CLOSING,	/* flushing, then disconnect */
};

struct conn {
	struct vty_ssh			*srv;
	struct vtyd			*v;
	ssh_session			 s;
	ssh_event			 sev;
	ssh_channel			 ch;
	int				 fd;
	enum conn_state			 state;
	struct event			*ev_read, *ev_write, *timer, *reap;
	struct vty_session		*vs;
	const char			*refuse;	/* say this, then close */
	char				 peer[64];
	char				 user[64];
	unsigned			 priv;
	unsigned			 failures;
	struct vty_sshconf		 cfg;
	char				 term[64];
	unsigned			 cols, rows;
	int				 dead;
	int				 authed;	/* a user logged in */
	int				 close_logged;	/* SSH2_CLOSE said */
	struct ssh_server_callbacks_struct  scb;
	struct ssh_channel_callbacks_struct ccb;
};

static void	conn_io(evutil_socket_t, short, void *);
static void	conn_drop(struct conn *, const char *why);

static unsigned
conn_no(const struct conn *c)
{
	return c->vs != NULL ? vty_session_line(c->vs) : 0;
}

/* Asks libevent for writability only while libssh has output queued. */
static void
want_write(struct conn *c)
{
	if (c->dead)
		return;
	if (ssh_get_poll_flags(c->s) & SSH_WRITE_PENDING)
		event_add(c->ev_write, NULL);
	else
		event_del(c->ev_write);
}

static const char *
cipher_in(const struct conn *c)
{
	const char	*s = ssh_get_cipher_in(c->s);

	return s != NULL ? s : "-";
}

static const char *
hmac_in(const struct conn *c)
{
	const char	*s = ssh_get_hmac_in(c->s);

	return s != NULL ? s : "-";
}

static void
conn_free(struct conn *c)
{
	int	 linger = -1;

	if (c->authed && !c->close_logged && c->s != NULL) {
		c->close_logged = 1;
		vtyd_log(c->v, "%%SSH-5-SSH2_CLOSE: SSH2 Session from %s (tty "
		    "= %u) for user '%s' using crypto cipher '%s', hmac '%s' "
		    "closed", c->peer, conn_no(c), c->user, cipher_in(c),
		    hmac_in(c));
	}
	if (c->vs != NULL)
		vty_session_free(c->vs);
	if (c->ev_read != NULL)
		event_free(c->ev_read);
	if (c->ev_write != NULL)
		event_free(c->ev_write);
	if (c->timer != NULL)
		event_free(c->timer);
	if (c->reap != NULL)
		event_free(c->reap);
	/*
	 * Disconnect (with its message) first: it frees the channels.  The
	 * socket lingers after libssh closes it, so that the message is not
	 * lost to a reset when the client has sent more.
	 */
	if (c->s != NULL && ssh_is_connected(c->s)) {
		linger = dup(ssh_get_fd(c->s));
		/* libssh writes only when told the socket is writable; it
		 * is, with at most a handful of bytes queued. */
		ssh_set_fd_towrite(c->s);
		ssh_disconnect(c->s);
		c->ch = NULL;
	}
	if (c->sev != NULL) {
		ssh_event_remove_session(c->sev, c->s);
		ssh_event_free(c->sev);
	}
	if (c->ch != NULL)
		ssh_channel_free(c->ch);
	if (c->s != NULL)
		ssh_free(c->s);
	if (linger != -1)
		vty_linger(c->v, linger);
	explicit_bzero(c, sizeof(*c));
	free(c);
}

static void
on_reap(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	conn_free(arg);
}

/* Ends the connection on the next loop turn (never inside libssh). */
static void
conn_drop(struct conn *c, const char *why)
{
	if (c->dead)
		return;
	c->dead = 1;
	if (c->vs != NULL && why != NULL)
		vty_debug(c->v, "SSH2 %u: Session disconnected - %s",
		    conn_no(c), why);
	event_del(c->ev_read);
	event_del(c->ev_write);
	event_del(c->timer);
	event_active(c->reap, 0, 0);
}

/* The session's transport operations. */

static ssize_t
op_write(void *t, const char *buf, size_t len)
{
	struct conn	*c = t;
	uint32_t	 room;
	int		 n;

	if (c->dead || c->ch == NULL || ssh_channel_is_closed(c->ch))
		return -1;
	if (ssh_get_poll_flags(c->s) & SSH_WRITE_PENDING) {
		want_write(c);
		return 0;
	}
	room = ssh_channel_window_size(c->ch);
	if (room == 0)
		return 0;
	if (len > room)
		len = room;
	if (len > WRITE_MAX)
		len = WRITE_MAX;
	if ((n = ssh_channel_write(c->ch, buf, (uint32_t)len)) == SSH_ERROR)
		return -1;
	want_write(c);
	return n;
}

static void
on_close_timer(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	conn_drop(arg, NULL);
}

static void
op_close(void *t, const char *why)
{
	struct conn	*c = t;
	struct timeval	 tv = { CLOSE_GRACE, 0 };

	if (c->dead || c->state == ST_CLOSING)
		return;
	vty_debug(c->v, "SSH2 %u: Session closing - %s", conn_no(c), why);
	c->state = ST_CLOSING;
	if (c->ch != NULL && ssh_channel_is_open(c->ch)) {
		ssh_channel_request_send_exit_status(c->ch, 0);
		ssh_channel_send_eof(c->ch);
		ssh_channel_close(c->ch);
	}
	if (strcmp(why, "exec-timeout") == 0) {
		c->close_logged = 1;
		vtyd_log(c->v, "%%SSH-5-SSH2_CLOSE: SSH2 Session from %s (tty "
		    "= %u) for user '%s' closed: idle (exec-timeout)", c->peer,
		    conn_no(c), c->user);
	}
	/* The client closes once its channel is closed; wait a little. */
	evtimer_del(c->timer);
	evtimer_assign(c->timer, c->v->base, on_close_timer, c);
	evtimer_add(c->timer, &tv);
	want_write(c);
}

static void
op_describe(void *t, char *buf, size_t len)
{
	struct conn	*c = t;
	const char	*ci = ssh_get_cipher_in(c->s);
	const char	*co = ssh_get_cipher_out(c->s);
	const char	*hi = ssh_get_hmac_in(c->s);
	const char	*ho = ssh_get_hmac_out(c->s);

	snprintf(buf, len, "version=2.0\ncipher-in=%s\ncipher-out=%s\n"
	    "hmac-in=%s\nhmac-out=%s\n", ci != NULL ? ci : "-",
	    co != NULL ? co : "-", hi != NULL ? hi : "-",
	    ho != NULL ? ho : "-");
}

static const struct vty_transport_ops ssh_ops = {
	op_write, op_close, op_describe,
};

/* Authentication. */

static void
auth_failed(struct conn *c, const char *method)
{
	c->failures++;
	vty_debug(c->v, "SSH2 %u: %s authentication failed for %s",
	    conn_no(c), method, c->user);
	vtyd_log(c->v, "%%SSH-5-SSH2_USERAUTH: User '%s' authentication for "
	    "SSH2 Session from %s (tty = %u) using crypto cipher '%s', hmac "
	    "'%s' Failed", c->user, c->peer, conn_no(c),
	    ssh_get_cipher_in(c->s) != NULL ? ssh_get_cipher_in(c->s) : "-",
	    ssh_get_hmac_in(c->s) != NULL ? ssh_get_hmac_in(c->s) : "-");
	if (c->failures >= (c->cfg.retries > 0 ? c->cfg.retries : 1)) {
		vtyd_log(c->v, "%%SSH-5-SSH2_CLOSE: SSH2 Session from %s (tty "
		    "= %u) for user '%s': too many authentication failures",
		    c->peer, conn_no(c), c->user);
		ssh_session_set_disconnect_message(c->s, "Too many "
		    "authentication failures");
		conn_drop(c, "too many authentication failures");
	}
}

static void
auth_ok(struct conn *c, const char *method, unsigned priv)
{
	c->priv = priv;
	c->state = ST_OPEN;
	c->authed = 1;
	evtimer_del(c->timer);
	vty_debug(c->v, "SSH2 %u: %s authentication successful for %s",
	    conn_no(c), method, c->user);
	vtyd_log(c->v, "%%SSH-5-SSH2_USERAUTH: User '%s' authentication for "
	    "SSH2 Session from %s (tty = %u) using crypto cipher '%s', hmac "
	    "'%s' Succeeded", c->user, c->peer, conn_no(c),
	    ssh_get_cipher_in(c->s) != NULL ? ssh_get_cipher_in(c->s) : "-",
	    ssh_get_hmac_in(c->s) != NULL ? ssh_get_hmac_in(c->s) : "-");
}

static int
cb_auth_password(ssh_session s, const char *user, const char *pw, void *arg)
{
	struct conn	*c = arg;
	char		 err[256];
	unsigned	 priv = 1;
	int		 rc;

	(void)s;
	if (c->dead || c->state != ST_AUTH || !c->cfg.password)
		return SSH_AUTH_DENIED;
	snprintf(c->user, sizeof(c->user), "%s", user);
	rc = vtyd_auth_password(c->v, conn_no(c), user, pw, &priv, err,
	    sizeof(err));
	if (rc == 1) {
		auth_ok(c, "password", priv);
		return SSH_AUTH_SUCCESS;
	}
	if (rc < 0 && *err != '\0') {
		err[strcspn(err, "\n")] = '\0';
		vtyd_log(c->v, "vty%u (%s): %s", conn_no(c), c->peer, err);
	}
	auth_failed(c, "password");
	return SSH_AUTH_DENIED;
}

static int
cb_auth_pubkey(ssh_session s, const char *user, struct ssh_key_struct *key,
    char state, void *arg)
{
	struct conn	*c = arg;
	unsigned char	*hash = NULL;
	size_t		 hlen = 0, i;
	char		 hex[64];
	const char	*type;
	unsigned	 priv = 1;
	int		 rc;

	(void)s;
	if (c->dead || c->state != ST_AUTH || !c->cfg.publickey ||
	    state == SSH_PUBLICKEY_STATE_WRONG)
		return SSH_AUTH_DENIED;
	snprintf(c->user, sizeof(c->user), "%s", user);
	type = ssh_key_type_to_char(ssh_key_type(key));
	if (type == NULL || ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_MD5,
	    &hash, &hlen) != 0 || hlen * 2 >= sizeof(hex)) {
		ssh_clean_pubkey_hash(&hash);
		return SSH_AUTH_DENIED;
	}
	for (i = 0; i < hlen; i++)
		snprintf(hex + 2 * i, 3, "%02X", hash[i]);
	ssh_clean_pubkey_hash(&hash);
	rc = vtyd_auth_pubkey(c->v, conn_no(c), user, type, hex, &priv);
	if (rc != 1) {
		if (state == SSH_PUBLICKEY_STATE_VALID)
			auth_failed(c, "publickey");
		else
			vty_debug(c->v, "SSH2 %u: key %s %s is not in %s's "
			    "pubkey-chain", conn_no(c), type, hex, user);
		return SSH_AUTH_DENIED;
	}
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;	/* the key would do: PK_OK */
	auth_ok(c, "publickey", priv);
	return SSH_AUTH_SUCCESS;
}

/*
 * keyboard-interactive, IOS's "Password: " prompt.  libssh 0.10 has no
 * server callback for it: it arrives as a message, valid only during this
 * call, which answers it there (1 = let libssh give its default reply).
 */
static int
cb_message(ssh_session s, ssh_message msg, void *arg)
{
	struct conn	*c = arg;
	const char	*prompts[] = { "Password: " }, *answer;
	char		 echo[] = { 0 }, err[256];
	unsigned	 priv = 1;
	int		 rc;

	if (ssh_message_type(msg) != SSH_REQUEST_AUTH ||
	    ssh_message_subtype(msg) != SSH_AUTH_METHOD_INTERACTIVE ||
	    c->dead || c->state != ST_AUTH || !c->cfg.keyboard)
		return 1;
	if (!ssh_message_auth_kbdint_is_response(msg)) {
		snprintf(c->user, sizeof(c->user), "%s",
		    ssh_message_auth_user(msg) != NULL ?
		    ssh_message_auth_user(msg) : "");
		ssh_message_auth_interactive_request(msg, "", "", 1, prompts,
		    echo);
		return 0;
	}
	answer = ssh_userauth_kbdint_getnanswers(s) == 1 ?
	    ssh_userauth_kbdint_getanswer(s, 0) : NULL;
	rc = answer != NULL ? vtyd_auth_password(c->v, conn_no(c), c->user,
	    answer, &priv, err, sizeof(err)) : 0;
	if (rc == 1) {
		auth_ok(c, "keyboard-interactive", priv);
		ssh_message_auth_reply_success(msg, 0);
		return 0;
	}
	auth_failed(c, "keyboard-interactive");
	ssh_message_reply_default(msg);
	return 0;
}

/* Channels: one session channel per connection. */

static int
cb_data(ssh_session s, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *arg)
{
	struct conn	*c = arg;

	(void)s;
	(void)ch;
	(void)is_stderr;
	if (c->dead || c->vs == NULL || !vty_session_started(c->vs))
		return (int)len;
	return (int)vty_session_input(c->vs, data, len);
}

static void
cb_eof(ssh_session s, ssh_channel ch, void *arg)
{
	(void)s;
	(void)ch;
	(void)arg;
}

static void
cb_close(ssh_session s, ssh_channel ch, void *arg)
{
	(void)s;
	(void)ch;
	conn_drop(arg, "channel closed by the client");
}

static int
cb_pty(ssh_session s, ssh_channel ch, const char *term, int w, int h,
    int pxw, int pxh, void *arg)
{
	struct conn	*c = arg;

	(void)s;
	(void)ch;
	(void)pxw;
	(void)pxh;
	snprintf(c->term, sizeof(c->term), "%s", term != NULL ? term : "");
	c->cols = w > 0 ? (unsigned)w : 80;
	c->rows = h > 0 ? (unsigned)h : 24;
	vty_debug(c->v, "SSH2 %u: pty-req request", conn_no(c));
	return 0;
}

static int
start(struct conn *c, const char *cmd)
{
	if (c->vs == NULL || vty_session_started(c->vs))
		return -1;
	if (vty_session_start(c->vs, c->user, c->priv, c->cols, c->rows,
	    c->term, cmd) != 0)
		return -1;
	vty_debug(c->v, "SSH2 %u: starting %s for vty", conn_no(c),
	    cmd != NULL ? "exec" : "shell");
	return 0;
}

static int
cb_shell(ssh_session s, ssh_channel ch, void *arg)
{
	(void)s;
	(void)ch;
	return start(arg, NULL);
}

static int
cb_exec(ssh_session s, ssh_channel ch, const char *cmd, void *arg)
{
	(void)s;
	(void)ch;
	return start(arg, cmd);
}

static int
cb_winch(ssh_session s, ssh_channel ch, int w, int h, int pxw, int pxh,
    void *arg)
{
	struct conn	*c = arg;

	(void)s;
	(void)ch;
	(void)pxw;
	(void)pxh;
	c->cols = w > 0 ? (unsigned)w : c->cols;
	c->rows = h > 0 ? (unsigned)h : c->rows;
	if (c->vs != NULL)
		vty_session_resize(c->vs, c->cols, c->rows);
	return 0;
}

static int
cb_wontblock(ssh_session s, ssh_channel ch, uint32_t bytes, void *arg)
{
	struct conn	*c = arg;

	(void)s;
	(void)ch;
	(void)bytes;
	if (!c->dead && c->vs != NULL)
		vty_session_writable(c->vs);
	return 0;
}

static ssh_channel
cb_open(ssh_session s, void *arg)
{
	struct conn	*c = arg;

	if (c->dead || c->state != ST_OPEN || c->ch != NULL)
		return NULL;
	if ((c->ch = ssh_channel_new(s)) == NULL)
		return NULL;
	memset(&c->ccb, 0, sizeof(c->ccb));
	c->ccb.userdata = c;
	c->ccb.channel_data_function = cb_data;
	c->ccb.channel_eof_function = cb_eof;
	c->ccb.channel_close_function = cb_close;
	c->ccb.channel_pty_request_function = cb_pty;
	c->ccb.channel_shell_request_function = cb_shell;
	c->ccb.channel_exec_request_function = cb_exec;
	c->ccb.channel_pty_window_change_function = cb_winch;
	c->ccb.channel_write_wontblock_function = cb_wontblock;
	ssh_callbacks_init(&c->ccb);
	ssh_set_channel_callbacks(c->ch, &c->ccb);
	vty_debug(c->v, "SSH2 %u: channel open request", conn_no(c));
	return c->ch;
}

/* The connection's socket is ready. */

static void
kex_done(struct conn *c)
{
	int	 methods = 0;

	if (c->refuse != NULL) {
		ssh_session_set_disconnect_message(c->s, c->refuse);
		vtyd_log(c->v, "%%SSH-5-SSH2_CLOSE: SSH2 Session from %s "
		    "refused: %s", c->peer, c->refuse + 2);
		conn_drop(c, NULL);
		return;
	}
	vtyd_log(c->v, "%%SSH-5-SSH2_SESSION: SSH2 Session request from %s "
	    "(tty = %u) using crypto cipher '%s', hmac '%s' Succeeded",
	    c->peer, conn_no(c), cipher_in(c), hmac_in(c));
	if (c->cfg.publickey)
		methods |= SSH_AUTH_METHOD_PUBLICKEY;
	if (c->cfg.password)
		methods |= SSH_AUTH_METHOD_PASSWORD;
	if (c->cfg.keyboard)
		methods |= SSH_AUTH_METHOD_INTERACTIVE;
	ssh_set_auth_methods(c->s, methods);
	if ((c->sev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(c->sev, c->s) != SSH_OK) {
		conn_drop(c, "out of memory");
		return;
	}
	c->state = ST_AUTH;
	vty_debug(c->v, "SSH2 %u: protocol version id is - %s", conn_no(c),
	    ssh_get_clientbanner(c->s) != NULL ? ssh_get_clientbanner(c->s) :
	    "?");
	vty_debug(c->v, "SSH2 %u: kex: client->server enc:%s mac:%s",
	    conn_no(c), ssh_get_cipher_in(c->s), ssh_get_hmac_in(c->s));
	vty_debug(c->v, "SSH2 %u: kex: server->client enc:%s mac:%s",
	    conn_no(c), ssh_get_cipher_out(c->s), ssh_get_hmac_out(c->s));
}

static void
conn_io(evutil_socket_t fd, short what, void *arg)
{
	struct conn	*c = arg;
	int		 rc;

	(void)fd;
	(void)what;
	if (c->dead)
		return;
	if (c->state == ST_KEX) {
		rc = ssh_handle_key_exchange(c->s);
		if (rc == SSH_AGAIN) {
			want_write(c);
			return;
		}
		if (rc != SSH_OK) {
			vty_debug(c->v, "SSH2 %u: key exchange failed: %s",
			    conn_no(c), ssh_get_error(c->s));
			conn_drop(c, NULL);
			return;
		}
		kex_done(c);
		if (c->dead)
			return;
	}
	rc = ssh_event_dopoll(c->sev, 0);
	if (c->dead)
		return;
	if (rc == SSH_ERROR || (ssh_get_status(c->s) & (SSH_CLOSED |
	    SSH_CLOSED_ERROR))) {
		conn_drop(c, "connection closed");
		return;
	}
	want_write(c);
	if (c->state != ST_CLOSING && c->vs != NULL &&
	    !(ssh_get_poll_flags(c->s) & SSH_WRITE_PENDING))
		vty_session_writable(c->vs);
}

static void
on_auth_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct conn	*c = arg;

	(void)fd;
	(void)what;
	vtyd_log(c->v, "%%SSH-5-SSH2_CLOSE: SSH2 Session from %s (tty = %u): "
	    "no login within %u seconds (ip ssh time-out)", c->peer,
	    conn_no(c), c->cfg.timeout);
	conn_drop(c, "authentication timed out");
}

/* The host key, read again when the file changes.  0, or -1 for none. */
static int
hostkey(struct vty_ssh *srv)
{
	struct stat	 st;
	ssh_key		 key = NULL;

	if (stat(srv->keypath, &st) == -1) {
		srv->keyst.st_ino = 0;
		return -1;
	}
	if (srv->keyst.st_ino == st.st_ino && srv->keyst.st_mtim.tv_sec ==
	    st.st_mtim.tv_sec && srv->keyst.st_mtim.tv_nsec ==
	    st.st_mtim.tv_nsec && srv->keyst.st_size == st.st_size)
		return 0;
	if (ssh_pki_import_privkey_file(srv->keypath, NULL, NULL, NULL,
	    &key) != SSH_OK) {
		log_warnx("cannot read the host key %s", srv->keypath);
		return -1;
	}
	if (ssh_bind_options_set(srv->bind, SSH_BIND_OPTIONS_IMPORT_KEY,
	    key) != SSH_OK) {
		ssh_key_free(key);
		log_warnx("cannot use the host key %s", srv->keypath);
		return -1;
	}
	srv->keyst = st;
	log_info("SSH host key %s loaded", srv->keypath);
	return 0;
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
conn_new(struct vty_ssh *srv, int fd)
{
	struct vtyd	*v = srv->v;
	struct conn	*c;
	struct timeval	 tv;
	const char	*why = NULL;
	int		 rc;

	if (hostkey(srv) != 0) {
		close(fd);	/* SSH disabled: no RSA keys */
		return;
	}
	c = xcalloc(1, sizeof(*c));
	c->srv = srv;
	c->v = v;
	c->fd = fd;
	peer_name(fd, c->peer, sizeof(c->peer));
	if (vtyd_sshconf(v, &c->cfg) != 0) {
		close(fd);
		free(c);
		return;
	}
	c->vs = vty_session_new(v, VTY_SSH, c->peer, &ssh_ops, c, &why);
	if (c->vs == NULL)
		c->refuse = why;
	c->cols = 80;
	c->rows = 24;
	if ((c->s = ssh_new()) == NULL)
		fatalx("%s: out of memory", __func__);
	memset(&c->scb, 0, sizeof(c->scb));
	c->scb.userdata = c;
	c->scb.auth_password_function = cb_auth_password;
	c->scb.auth_pubkey_function = cb_auth_pubkey;
	c->scb.channel_open_request_session_function = cb_open;
	ssh_callbacks_init(&c->scb);
	ssh_set_server_callbacks(c->s, &c->scb);
	ssh_set_message_callback(c->s, cb_message, c);
	if (ssh_bind_accept_fd(srv->bind, c->s, fd) != SSH_OK) {
		log_warnx("ssh accept: %s", ssh_get_error(srv->bind));
		close(fd);
		c->fd = -1;
		ssh_free(c->s);
		c->s = NULL;
		if (c->vs != NULL)
			vty_session_free(c->vs);
		free(c);
		return;
	}
	ssh_set_blocking(c->s, 0);
	c->ev_read = event_new(v->base, fd, EV_READ | EV_PERSIST, conn_io, c);
	c->ev_write = event_new(v->base, fd, EV_WRITE, conn_io, c);
	c->timer = evtimer_new(v->base, on_auth_timeout, c);
	c->reap = event_new(v->base, -1, 0, on_reap, c);
	if (c->ev_read == NULL || c->ev_write == NULL || c->timer == NULL ||
	    c->reap == NULL)
		fatalx("%s: out of memory", __func__);
	event_add(c->ev_read, NULL);
	tv.tv_sec = c->cfg.timeout > 0 ? (time_t)c->cfg.timeout : 120;
	tv.tv_usec = 0;
	evtimer_add(c->timer, &tv);
	srv->serial++;
	vty_debug(v, "SSH%u: starting SSH control process for %s", conn_no(c),
	    c->peer);
	rc = ssh_handle_key_exchange(c->s);
	if (rc == SSH_ERROR) {
		conn_drop(c, NULL);
		return;
	}
	want_write(c);
}

/* vty_accept hands each new connection here. */
static void
accepted(void *arg, int fd)
{
	conn_new(arg, fd);
}

static void
on_accept(evutil_socket_t lfd, short what, void *arg)
{
	(void)what;
	vty_accept(lfd, "ssh", accepted, arg);
}

struct vty_ssh *
vty_ssh_new(struct vtyd *v, const char *addr, int port)
{
	struct vty_ssh	*srv;
	int		 fd;

	if ((fd = vty_listen(addr, port)) == -1)
		return NULL;
	srv = xcalloc(1, sizeof(*srv));
	srv->v = v;
	srv->fd = fd;
	if (snprintf(srv->keypath, sizeof(srv->keypath), "%s/%s", v->rundir,
	    HOSTKEY_PEM) >= (int)sizeof(srv->keypath))
		fatalx("%s: run directory path too long", __func__);
	if ((srv->bind = ssh_bind_new()) == NULL)
		fatalx("%s: out of memory", __func__);
	/* IOS's version string, which automation tools look for. */
	ssh_bind_options_set(srv->bind, SSH_BIND_OPTIONS_BANNER, "Cisco-1.25");
	srv->ev = event_new(v->base, fd, EV_READ | EV_PERSIST, on_accept, srv);
	if (srv->ev == NULL || event_add(srv->ev, NULL) != 0)
		fatalx("%s: out of memory", __func__);
	return srv;
}

void
vty_ssh_free(struct vty_ssh *srv)
{
	if (srv == NULL)
		return;
	event_free(srv->ev);
	close(srv->fd);
	ssh_bind_free(srv->bind);
	free(srv);
}
