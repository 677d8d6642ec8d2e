/*
 * vtyd: SSH and telnet into the router.  It listens for both (vty-ssh.c,
 * vty-telnet.c), checks logins with cfgd (which keeps every secret), holds
 * the vty lines (`line vty` count, transport input, exec-timeout) and runs
 * one `cli` per session on a pty as an unprivileged user (vty-session.c).
 *
 * Its own settings, per router, come from DIR/vtyd.conf, one "key value"
 * per line ('#' starts a comment), then from the command line:
 *
 *	listen ADDR		--listen ADDR		(0.0.0.0)
 *	ssh-port N		--ssh-port N		(22; 0 = no SSH)
 *	telnet-port N		--telnet-port N		(23; 0 = no telnet)
 *	session-user NAME	--session-user NAME	(lisprouter, else nobody)
 *	cli PATH		--cli PATH		(the cli beside vtyd)
 *
 * so that routers started by routerctl (`vtyd --rundir DIR`) on one host
 * each get their own ports.  Sessions never run as root: the session user
 * is `lisprouter` when that system user exists, else `nobody`; vtyd refuses
 * to start when the user it would use is root.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/vty.h"
#include "platform/daemon.h"
#include "platform/ioslog.h"
#include "platform/ipc-conn.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/rundir.h"
#include "platform/xmalloc.h"

#define CONF_FILE	"vtyd.conf"
#define CFGD_TIMEOUT	3000	/* ms for a login check */
#define RELISTEN_SECS	10
#define LINGER_SECS	2

static void
conf_set(struct vty_conf *c, const char *key, const char *val)
{
	char	*end;
	long	 n;

	if (strcmp(key, "listen") == 0)
		snprintf(c->listen, sizeof(c->listen), "%s", val);
	else if (strcmp(key, "session-user") == 0)
		snprintf(c->user, sizeof(c->user), "%s", val);
	else if (strcmp(key, "cli") == 0)
		snprintf(c->cli, sizeof(c->cli), "%s", val);
	else if (strcmp(key, "ssh-port") == 0 ||
	    strcmp(key, "telnet-port") == 0) {
		n = strtol(val, &end, 10);
		if (*val == '\0' || *end != '\0' || n < 0 || n > 65535)
			fatalx("%s: bad %s \"%s\"", __func__, key, val);
		if (key[0] == 's')
			c->ssh_port = (int)n;
		else
			c->telnet_port = (int)n;
	} else
		fatalx("%s: unknown setting \"%s\"", __func__, key);
}

static void
conf_file(struct vty_conf *c, const char *rundir)
{
	char	 path[4096], line[4200], key[64], val[4096];
	FILE	*fp;

	if (rundir_path(path, sizeof(path), rundir, CONF_FILE) != 0 ||
	    (fp = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "#\r\n")] = '\0';
		if (sscanf(line, "%63s %4095s", key, val) == 2)
			conf_set(c, key, val);
		else if (sscanf(line, "%63s", key) == 1)
			fatalx("%s: %s: \"%s\" has no value", __func__, path,
			    key);
	}
	fclose(fp);
}

/* The cli beside this program (build tree or sbin/../bin), else BINDIR. */
static void
conf_cli_default(struct vty_conf *c)
{
	char	 self[PATH_MAX - 16], *slash;
	ssize_t	 n;

	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(c->cli, sizeof(c->cli), "%s/cli", self);
			if (access(c->cli, X_OK) == 0)
				return;
			snprintf(c->cli, sizeof(c->cli), "%s/../bin/cli", self);
			if (access(c->cli, X_OK) == 0)
				return;
		}
	}
	snprintf(c->cli, sizeof(c->cli), "%s/cli", BINDIR);
}

/* vtyd's own options, kept until the file has been read. */
struct conf_opts {
	const char	*key[16];
	const char	*val[16];
	int		 n;
};

/*
 * Takes vtyd's own options out of argv before the daemon frame parses the
 * common ones (--rundir, --debug).
 */
static void
conf_args(struct conf_opts *co, int *argc, char *argv[])
{
	static const char *const keys[] = { "listen", "ssh-port",
	    "telnet-port", "session-user", "cli" };
	int	 i, j, k, out = 1;
	size_t	 len;

	for (i = 1; i < *argc; i++) {
		for (k = 0; k < 5; k++) {
			len = strlen(keys[k]);
			if (strncmp(argv[i], "--", 2) != 0 ||
			    strncmp(argv[i] + 2, keys[k], len) != 0)
				continue;
			if (co->n == 16)
				fatalx("%s: too many options", __func__);
			if (argv[i][2 + len] == '=') {
				co->key[co->n] = keys[k];
				co->val[co->n++] = argv[i] + 3 + len;
				break;
			}
			if (argv[i][2 + len] == '\0' && i + 1 < *argc) {
				co->key[co->n] = keys[k];
				co->val[co->n++] = argv[++i];
				break;
			}
		}
		if (k == 5)
			argv[out++] = argv[i];
	}
	for (j = out; j < *argc; j++)
		argv[j] = NULL;
	*argc = out;
}

static void
session_user(struct vtyd *v)
{
	struct passwd	*pw;

	if ((pw = getpwnam(v->conf.user)) == NULL &&
	    strcmp(v->conf.user, "lisprouter") == 0)
		pw = getpwnam("nobody");
	if (pw == NULL)
		fatalx("%s: no user \"%s\" (nor nobody) to run sessions as",
		    __func__, v->conf.user);
	if (pw->pw_uid == 0 || pw->pw_gid == 0)
		fatalx("%s: refusing to run sessions as %s (uid %u): it must "
		    "be an unprivileged user", __func__, pw->pw_name,
		    (unsigned)pw->pw_uid);
	v->uid = pw->pw_uid;
	v->gid = pw->pw_gid;
	log_info("sessions run as %s (uid %u, gid %u): %s", pw->pw_name,
	    (unsigned)v->uid, (unsigned)v->gid, v->conf.cli);
}

int
vty_listen(const char *addr, int port)
{
	struct sockaddr_storage	 ss;
	struct sockaddr_in	*sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6	*sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t		 len;
	int			 fd, on = 1, saved;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		len = sizeof(*sin);
	} else if (inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		len = sizeof(*sin6);
	} else {
		errno = EINVAL;
		return -1;
	}
	if ((fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == -1 ||
	    bind(fd, (struct sockaddr *)&ss, len) == -1 ||
	    listen(fd, 128) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

void
vty_accept(int lfd, const char *proto, void (*conn)(void *, int), void *arg)
{
	int	 fd, i;

	for (i = 0; i < 16; i++) {
		fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno != EAGAIN && errno != EINTR &&
			    errno != ECONNABORTED)
				log_warn("%s accept", proto);
			return;
		}
		conn(arg, fd);
	}
}

struct vty_lingerer {
	int		 fd;
	struct event	*ev;
};

static void
on_linger(evutil_socket_t fd, short what, void *arg)
{
	struct vty_lingerer	*l = arg;
	char		 buf[4096];
	ssize_t		 n;

	if (what & EV_READ) {
		n = read(fd, buf, sizeof(buf));
		if (n > 0 || (n == -1 && (errno == EAGAIN || errno == EINTR)))
			return;
	}
	event_free(l->ev);
	close(l->fd);
	free(l);
}

void
vty_linger(struct vtyd *v, int fd)
{
	struct timeval	 tv = { LINGER_SECS, 0 };
	struct vty_lingerer	*l;

	if (fd == -1)
		return;
	shutdown(fd, SHUT_WR);
	l = xcalloc(1, sizeof(*l));
	l->fd = fd;
	if ((l->ev = event_new(v->base, fd, EV_READ | EV_PERSIST, on_linger,
	    l)) == NULL || event_add(l->ev, &tv) != 0)
		fatalx("%s: out of memory", __func__);
}

void
vtyd_log(struct vtyd *v, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	(void)v;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = NULL;
	va_end(ap);
	/* IOS messages go the router's way (show logging, monitors,
	 * syslog); anything else stays in vtyd's own log.  They name what
	 * a client chose (its user name): one printable line. */
	if (s != NULL)
		ios_log_clean(s, 0);
	if (s != NULL && ios_log_severity(s) >= 0)
		ios_log_msg(s);
	else if (s != NULL)
		log_info("%s", s);
	free(s);
}

/* Replies from cfgd on the log connection say nothing we need. */
static void
on_log_reply(struct ipc_peer *p, const struct ipc_msg *m, void *arg)
{
	(void)p;
	(void)m;
	(void)arg;
}

/* The ios_log sink: to cfgd; lost while cfgd is away (the journal and
 * vtyd's log still have it). */
static void
log_forward(int sev, const char *msg, uint64_t when_us, void *arg)
{
	struct vtyd	*v = arg;
	struct ipc_msg	*m;

	if ((m = ios_log_ipc(sev, msg, when_us,
	    ipc_peer_next_reqid(v->logpeer))) == NULL)
		return;
	(void)ipc_peer_send(v->logpeer, m);
	ipc_msg_free(m);
}

/* Requests to cfgd: blocking, reconnecting once if cfgd restarted. */
static int
cfgd_request(struct vtyd *v, struct ipc_msg *req,
    void (*cb)(const struct ipc_msg *, void *), void *arg,
    struct ipc_msg **last)
{
	int	 attempt, rc;

	for (attempt = 0; attempt < 2; attempt++) {
		if (v->cfgd == NULL && (rc = ipc_conn_open(v->cfgd_path,
		    "vtyd", &v->cfgd)) != 0) {
			log_warnx("cfgd: %s", ipc_strerror(rc));
			return -1;
		}
		rc = ipc_conn_request(v->cfgd, req, cb, arg, last,
		    CFGD_TIMEOUT);
		if (rc == 0)
			return 0;
		log_warnx("cfgd request %u: %s", ipc_msg_type(req),
		    ipc_strerror(rc));
		ipc_conn_close(v->cfgd);
		v->cfgd = NULL;
	}
	return -1;
}

struct lines_acc {
	struct vty_lineconf	*v;
	size_t			 max, n;
};

static void
line_record(const struct ipc_msg *m, void *arg)
{
	struct lines_acc	*acc = arg;
	struct vty_lineconf	*l;
	uint32_t		 u;

	if (acc->n >= acc->max)
		return;
	l = &acc->v[acc->n];
	memset(l, 0, sizeof(*l));
	if (ipc_msg_get_u32(m, IPC_T_VTY_FIRST, &u) != 0 || u >= VTY_LINES)
		return;
	l->first = u;
	if (ipc_msg_get_u32(m, IPC_T_VTY_LAST, &u) != 0 || u >= VTY_LINES ||
	    u < l->first)
		return;
	l->last = u;
	l->login = ipc_msg_get_u32(m, IPC_T_VTY_LOGIN, &u) == 0 ? u : 0;
	l->transport = ipc_msg_get_u32(m, IPC_T_VTY_TRANSPORT, &u) == 0 ?
	    u : 0;
	l->timeout = ipc_msg_get_u32(m, IPC_T_VTY_TIMEOUT, &u) == 0 ? u : 600;
	l->priv = ipc_msg_get_u32(m, IPC_T_VTY_PRIV, &u) == 0 && u <= 15 ?
	    u : 1;
	l->length = ipc_msg_get_u32(m, IPC_T_VTY_LENGTH, &u) == 0 ? u : 24;
	l->haspw = ipc_msg_get_u32(m, IPC_T_VTY_HASPW, &u) == 0 && u;
	acc->n++;
}

int
vtyd_lines(struct vtyd *v, struct vty_lineconf *out, size_t max, size_t *n)
{
	struct lines_acc	 acc = { out, max, 0 };
	struct ipc_msg		*req, *last = NULL;
	int			 rc;

	if ((req = ipc_msg_new(IPC_VTY_LINES, 0)) == NULL)
		fatalx("%s: out of memory", __func__);
	rc = cfgd_request(v, req, line_record, &acc, &last);
	ipc_msg_free(req);
	ipc_msg_free(last);
	*n = acc.n;
	return rc;
}

int
vtyd_sshconf(struct vtyd *v, struct vty_sshconf *c)
{
	struct ipc_msg	*req, *rep = NULL;
	const char	*kv, *val;
	size_t		 it = 0;
	int		 rc;

	memset(c, 0, sizeof(*c));
	c->timeout = 120;
	c->retries = 3;
	c->publickey = c->password = c->keyboard = 1;
	snprintf(c->version, sizeof(c->version), "1.99");
	if ((req = ipc_msg_new(IPC_SSH_INFO, 0)) == NULL)
		fatalx("%s: out of memory", __func__);
	rc = cfgd_request(v, req, NULL, NULL, &rep);
	ipc_msg_free(req);
	if (rc != 0) {
		ipc_msg_free(rep);
		return -1;
	}
	while (ipc_msg_next_str(rep, IPC_T_VALUE, &it, &kv) == 1) {
		if ((val = strchr(kv, '=')) == NULL)
			continue;
		val++;
		if (strncmp(kv, "enabled=", 8) == 0)
			c->enabled = strcmp(val, "1") == 0;
		else if (strncmp(kv, "timeout=", 8) == 0)
			c->timeout = (unsigned)strtoul(val, NULL, 10);
		else if (strncmp(kv, "retries=", 8) == 0)
			c->retries = (unsigned)strtoul(val, NULL, 10);
		else if (strncmp(kv, "version=", 8) == 0)
			snprintf(c->version, sizeof(c->version), "%s", val);
		else if (strncmp(kv, "methods=", 8) == 0) {
			c->publickey = strstr(val, "publickey") != NULL;
			c->password = strstr(val, "password") != NULL;
			c->keyboard = strstr(val, "keyboard") != NULL;
		}
	}
	ipc_msg_free(rep);
	return 0;
}

static int
auth_reply(struct ipc_msg *rep, unsigned *priv, char *err, size_t errlen)
{
	uint32_t	 st = IPC_S_ERROR, p = 1;
	const char	*text = NULL;

	ipc_msg_get_u32(rep, IPC_T_STATUS, &st);
	if (st == IPC_S_OK) {
		ipc_msg_get_u32(rep, IPC_T_VTY_PRIV, &p);
		*priv = p <= 15 ? p : 1;
		return 1;
	}
	if (st == IPC_S_DENIED)
		return 0;
	if (err != NULL) {
		ipc_msg_get_str(rep, IPC_T_TEXT, &text);
		snprintf(err, errlen, "%s", text != NULL ? text : "");
	}
	return -1;
}

int
vtyd_auth_password(struct vtyd *v, unsigned line, const char *user,
    const char *pw, unsigned *priv, char *err, size_t errlen)
{
	struct ipc_msg	*req, *rep = NULL;
	int		 rc;

	if (err != NULL && errlen > 0)
		*err = '\0';
	if ((req = ipc_msg_new(IPC_AUTH_PASSWORD, 0)) == NULL ||
	    ipc_msg_add_str(req, IPC_T_USER, user) ||
	    ipc_msg_add_str(req, IPC_T_SECRET, pw) ||
	    ipc_msg_add_u32(req, IPC_T_VTY_LINE, line))
		fatalx("%s: out of memory", __func__);
	rc = cfgd_request(v, req, NULL, NULL, &rep);
	/* The message held the password: wipe its frame. */
	{
		size_t		 len;
		const void	*w = ipc_msg_wire(req, &len);

		explicit_bzero((void *)(uintptr_t)w, len);
	}
	ipc_msg_free(req);
	if (rc != 0) {
		ipc_msg_free(rep);
		if (err != NULL)
			snprintf(err, errlen, "%% Authentication failed: "
			    "the configuration daemon is not answering\n");
		return -1;
	}
	rc = auth_reply(rep, priv, err, errlen);
	ipc_msg_free(rep);
	return rc;
}

int
vtyd_auth_pubkey(struct vtyd *v, unsigned line, const char *user,
    const char *type, const char *md5hex, unsigned *priv)
{
	struct ipc_msg	*req, *rep = NULL;
	char		*kv;
	int		 rc;

	xasprintf(&kv, "%s %s", type, md5hex);
	if ((req = ipc_msg_new(IPC_AUTH_PUBKEY, 0)) == NULL ||
	    ipc_msg_add_str(req, IPC_T_USER, user) ||
	    ipc_msg_add_str(req, IPC_T_VALUE, kv) ||
	    ipc_msg_add_u32(req, IPC_T_VTY_LINE, line))
		fatalx("%s: out of memory", __func__);
	free(kv);
	rc = cfgd_request(v, req, NULL, NULL, &rep);
	ipc_msg_free(req);
	if (rc != 0) {
		ipc_msg_free(rep);
		return -1;
	}
	rc = auth_reply(rep, priv, NULL, 0);
	ipc_msg_free(rep);
	return rc;
}

/* vtyd.sock: the sessions for show users/ssh/line, and debug ip ssh. */
static void
on_msg(struct ipc_peer *p, const struct ipc_msg *req, void *arg)
{
	struct vtyd	*v = arg;
	struct ipc_msg	*m;
	const char	*tty = NULL;
	uint32_t	 on = 0;
	size_t		 i;
	int		 found = 0;

	switch (ipc_msg_type(req)) {
	case IPC_VTY_SESSIONS:
		for (i = 0; i < VTY_LINES; i++) {
			if (v->line[i] == NULL)
				continue;
			m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req));
			if (m == NULL || vty_session_record(v->line[i], m) != 0)
				fatalx("%s: out of memory", __func__);
			ipc_peer_send(p, m);
			ipc_msg_free(m);
		}
		m = ipc_msg_new(IPC_END, ipc_msg_reqid(req));
		break;
	case IPC_VTY_DEBUG:
		ipc_msg_get_str(req, IPC_T_TTY, &tty);
		ipc_msg_get_u32(req, IPC_T_FLAG, &on);
		for (i = 0; i < VTY_LINES; i++) {
			char	 name[16];

			if (v->line[i] == NULL)
				continue;
			snprintf(name, sizeof(name), "vty%zu ", i);
			if (tty == NULL || strncmp(tty, name,
			    strlen(name)) == 0 || strcmp(tty, "*") == 0) {
				vty_session_set_debug(v->line[i], on != 0);
				found = 1;
			}
		}
		m = ipc_msg_result(ipc_msg_reqid(req), found ? IPC_S_OK :
		    IPC_S_ERROR, found ? NULL : "% No such vty session\n");
		break;
	default:
		m = ipc_msg_result(ipc_msg_reqid(req), IPC_S_UNSUPPORTED,
		    "% Not supported by this vtyd\n");
		break;
	}
	if (m == NULL || ipc_peer_send(p, m) != 0)
		log_warnx("reply to %s failed", ipc_peer_name(p));
	ipc_msg_free(m);
}

static void
on_sigchld(evutil_socket_t sig, short what, void *arg)
{
	struct vtyd	*v = arg;
	pid_t		 pid;
	int		 status;

	(void)sig;
	(void)what;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		vty_session_reaped(v, pid);
}

/*
 * The listeners.  A port that is taken (another router, the host's sshd)
 * is tried again every few seconds rather than failing the router.
 */
static void
listeners(struct vtyd *v)
{
	struct timeval	 tv = { RELISTEN_SECS, 0 };
	int		 missing = 0;

	if (v->ssh == NULL && v->conf.ssh_port != 0 &&
	    (v->ssh = vty_ssh_new(v, v->conf.listen, v->conf.ssh_port)) ==
	    NULL) {
		log_warn("SSH: cannot listen on %s port %d; trying again "
		    "every %d s", v->conf.listen, v->conf.ssh_port,
		    RELISTEN_SECS);
		missing = 1;
	}
	if (v->telnet == NULL && v->conf.telnet_port != 0 &&
	    (v->telnet = vty_telnet_new(v, v->conf.listen,
	    v->conf.telnet_port)) == NULL) {
		log_warn("telnet: cannot listen on %s port %d; trying again "
		    "every %d s", v->conf.listen, v->conf.telnet_port,
		    RELISTEN_SECS);
		missing = 1;
	}
	if (missing)
		evtimer_add(v->relisten, &tv);
}

static void
on_relisten(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	listeners(arg);
}

static void
on_stop(void *arg)
{
	struct vtyd	*v = arg;

	event_base_loopbreak(v->base);
}

int
main(int argc, char *argv[])
{
	struct vtyd		 v;
	struct daemon_opts	 o;
	struct conf_opts	 co;
	char			 sock[4096];
	size_t			 i;
	int			 k;

	memset(&v, 0, sizeof(v));
	snprintf(v.conf.listen, sizeof(v.conf.listen), "0.0.0.0");
	v.conf.ssh_port = 22;
	v.conf.telnet_port = 23;
	snprintf(v.conf.user, sizeof(v.conf.user), "lisprouter");
	conf_cli_default(&v.conf);
	memset(&co, 0, sizeof(co));
	conf_args(&co, &argc, argv);
	daemon_init(argc, argv, "vtyd", "The router's SSH and telnet daemon: "
	    "serves DIR/vtyd.sock, checks logins with cfgd at DIR/cfgd.sock.\n"
	    "Settings: DIR/vtyd.conf (listen, ssh-port, telnet-port, "
	    "session-user, cli),\nor --listen ADDR --ssh-port N --telnet-port "
	    "N --session-user NAME --cli PATH.", &o);
	v.rundir = o.rundir;
	conf_file(&v.conf, v.rundir);
	for (k = 0; k < co.n; k++)
		conf_set(&v.conf, co.key[k], co.val[k]);
	session_user(&v);
	if (rundir_path(sock, sizeof(sock), o.rundir, RUNDIR_VTYD_SOCK) ||
	    rundir_path(v.cfgd_path, sizeof(v.cfgd_path), o.rundir,
	    RUNDIR_CFGD_SOCK))
		fatalx("%s: run directory path too long: %s", __func__,
		    o.rundir);
	if ((v.base = event_base_new()) == NULL)
		fatalx("%s: event_base_new failed", __func__);
	if ((v.server = ipc_server_new(v.base, sock, 0666, "vtyd", on_msg,
	    NULL, &v)) == NULL)
		fatal("%s: listen on %s", __func__, sock);
	v.signals = daemon_signals_new(v.base, on_stop, NULL, &v);
	ios_log_init("vtyd");
	if ((v.logpeer = ipc_client_new(v.base, v.cfgd_path, "vtyd-log",
	    on_log_reply, NULL, &v)) == NULL)
		fatalx("%s: cannot create the cfgd log client", __func__);
	ios_log_set_sink(log_forward, &v);
	if ((v.sigchld = evsignal_new(v.base, SIGCHLD, on_sigchld, &v)) ==
	    NULL || event_add(v.sigchld, NULL) != 0)
		fatalx("%s: cannot watch SIGCHLD", __func__);
	if ((v.relisten = evtimer_new(v.base, on_relisten, &v)) == NULL)
		fatalx("%s: out of memory", __func__);
	listeners(&v);
	log_info("ready on %s: SSH %s port %d, telnet port %d", sock,
	    v.conf.listen, v.conf.ssh_port, v.conf.telnet_port);
	event_base_dispatch(v.base);
	vty_ssh_free(v.ssh);
	vty_telnet_free(v.telnet);
	for (i = 0; i < VTY_LINES; i++)
		if (v.line[i] != NULL)
			log_warnx("vty %zu still open at exit", i);
	ipc_conn_close(v.cfgd);
	ios_log_set_sink(NULL, NULL);
	ipc_client_free(v.logpeer);
	ipc_server_free(v.server);
	event_free(v.sigchld);
	event_free(v.relisten);
	daemon_signals_free(v.signals);
	ipc_base_free(v.base);
	return 0;
}
