/*
 * vty sessions: a vty line, and the `cli` that runs on it.  An
 * interactive session's cli runs on a pty (so readline, paging and the
 * window size work); an SSH exec request's runs on a socket pair.  The
 * child drops to the session user before it runs anything: the process a
 * remote user talks to never runs as root and has no way to a system
 * shell (it execs the cli, nothing else, with an empty environment).
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <grp.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli/vty.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/xmalloc.h"

#define IO_CHUNK	16384
#define INBUF_MAX	(256 * 1024)	/* input waiting for the pty */
#define OUTBUF_MAX	(256 * 1024)	/* output waiting for the transport */

struct vty_session {
	struct vtyd			*v;
	enum vty_proto			 proto;
	unsigned			 line;
	struct vty_lineconf		 conf;
	char				 peer[64];
	char				 user[64];
	const struct vty_transport_ops	*ops;
	void				*t;
	pid_t				 pid;		/* the cli, 0 once reaped */
	int				 fd;		/* pty master or socket */
	struct event			*ev_read, *ev_write, *timer;
	char				*out;		/* for the transport */
	size_t				 outlen;
	char				*in;		/* for the pty */
	size_t				 inlen;
	time_t				 last_input;
	int				 debug;		/* debug ip ssh */
	int				 closing;
	int				 shut;		/* end the cli's input
							   once `in` is written */
};

static void	pump_in(struct vty_session *);

/* Lines allowed for proto, lowest free first. */
struct vty_session *
vty_session_new(struct vtyd *v, enum vty_proto proto, const char *peer,
    const struct vty_transport_ops *ops, void *t, const char **why)
{
	struct vty_lineconf	 lc[VTY_LINES];
	struct vty_session	*s;
	size_t			 n, i;
	unsigned		 want = proto == VTY_SSH ? IPC_VTY_TR_SSH :
				    IPC_VTY_TR_TELNET, line;
	int			 allowed = 0;

	if (vtyd_lines(v, lc, VTY_LINES, &n) != 0) {
		*why = "% The router is not ready, try again later";
		return NULL;
	}
	for (line = 0; line < VTY_LINES; line++) {
		for (i = 0; i < n; i++)
			if (lc[i].first <= line && line <= lc[i].last)
				break;
		if (i == n || !(lc[i].transport & want))
			continue;
		allowed = 1;
		if (v->line[line] == NULL)
			break;
	}
	if (line == VTY_LINES) {
		*why = allowed ? "% All vty lines are in use" :
		    proto == VTY_SSH ? "% Connection refused: no vty line "
		    "accepts SSH (transport input)" : "% Connection refused: "
		    "no vty line accepts telnet (transport input)";
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->v = v;
	s->proto = proto;
	s->line = line;
	s->conf = lc[i];
	snprintf(s->peer, sizeof(s->peer), "%s", peer);
	s->ops = ops;
	s->t = t;
	s->fd = -1;
	s->last_input = time(NULL);
	v->line[line] = s;
	return s;
}

void
vty_session_free(struct vty_session *s)
{
	if (s == NULL)
		return;
	if (s->pid > 0) {
		kill(s->pid, SIGHUP);
		kill(s->pid, SIGCONT);
	}
	if (s->ev_read != NULL)
		event_free(s->ev_read);
	if (s->ev_write != NULL)
		event_free(s->ev_write);
	if (s->timer != NULL)
		event_free(s->timer);
	if (s->fd != -1)
		close(s->fd);
	if (*s->user != '\0')
		vtyd_log(s->v, "%%SYS-6-LOGOUT: User %s has exited tty session "
		    "%u(%s)", s->user, s->line + 1, s->peer);
	s->v->line[s->line] = NULL;
	if (s->in != NULL)
		explicit_bzero(s->in, s->inlen);
	free(s->in);
	free(s->out);
	free(s);
}

unsigned
vty_session_line(const struct vty_session *s)
{
	return s->line;
}

const struct vty_lineconf *
vty_session_conf(const struct vty_session *s)
{
	return &s->conf;
}

int
vty_session_started(const struct vty_session *s)
{
	return s->fd != -1;
}

static void
end(struct vty_session *s, const char *why)
{
	if (s->closing)
		return;
	s->closing = 1;
	if (s->ev_read != NULL)
		event_del(s->ev_read);
	if (s->ev_write != NULL)
		event_del(s->ev_write);
	if (s->timer != NULL)
		event_del(s->timer);
	s->ops->close(s->t, why);
}

/* Offers queued output to the transport; 0 when all of it went. */
static int
flush_out(struct vty_session *s)
{
	ssize_t	 n;

	while (s->outlen > 0) {
		if ((n = s->ops->write(s->t, s->out, s->outlen)) < 0)
			return -1;
		if (n == 0)
			return 1;
		memmove(s->out, s->out + n, s->outlen - (size_t)n);
		s->outlen -= (size_t)n;
	}
	return 0;
}

static void
queue_out(struct vty_session *s, const char *buf, size_t len)
{
	if (s->outlen + len > OUTBUF_MAX)
		len = OUTBUF_MAX - s->outlen;
	s->out = xreallocarray(s->out, 1, s->outlen + len + 1);
	memcpy(s->out + s->outlen, buf, len);
	s->outlen += len;
}

/* The cli wrote something: pass it on, holding back when the transport
 * is full (the pty then fills and the cli waits). */
static void
on_read(evutil_socket_t fd, short what, void *arg)
{
	struct vty_session	*s = arg;
	char			 buf[IO_CHUNK];
	ssize_t			 n;

	(void)what;
	n = read(fd, buf, sizeof(buf));
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		/* EIO: the cli exited and the pty's slave side is closed. */
		end(s, "logout");
		return;
	}
	queue_out(s, buf, (size_t)n);
	switch (flush_out(s)) {
	case -1:
		end(s, "connection lost");
		break;
	case 1:
		event_del(s->ev_read);
		break;
	default:
		break;
	}
}

void
vty_session_writable(struct vty_session *s)
{
	if (s->closing || s->fd == -1)
		return;
	switch (flush_out(s)) {
	case -1:
		end(s, "connection lost");
		break;
	case 0:
		event_add(s->ev_read, NULL);
		break;
	default:
		break;
	}
}

static void
on_write(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	pump_in(arg);
}

/* Writes queued input to the pty. */
static void
pump_in(struct vty_session *s)
{
	ssize_t	 n;

	while (s->inlen > 0 || s->shut) {
		if (s->inlen == 0) {
			shutdown(s->fd, SHUT_WR);
			s->shut = 0;
			return;
		}
		n = write(s->fd, s->in, s->inlen);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN) {
			event_add(s->ev_write, NULL);
			return;
		}
		if (n <= 0) {
			s->inlen = 0;
			return;
		}
		explicit_bzero(s->in, (size_t)n);
		memmove(s->in, s->in + n, s->inlen - (size_t)n);
		s->inlen -= (size_t)n;
	}
}

static void
on_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct vty_session	*s = arg;

	(void)fd;
	(void)what;
	end(s, "exec-timeout");
}

static void
timer_reset(struct vty_session *s)
{
	struct timeval	 tv = { (time_t)s->conf.timeout, 0 };

	s->last_input = time(NULL);
	if (s->timer != NULL && s->conf.timeout > 0)
		evtimer_add(s->timer, &tv);
}

size_t
vty_session_input(struct vty_session *s, const char *buf, size_t len)
{
	if (s->closing || s->fd == -1)
		return len;
	timer_reset(s);
	if (s->inlen + len > INBUF_MAX)
		len = INBUF_MAX - s->inlen;
	if (len == 0)
		return 0;
	s->in = xreallocarray(s->in, 1, s->inlen + len);
	memcpy(s->in + s->inlen, buf, len);
	s->inlen += len;
	pump_in(s);
	return len;
}

void
vty_session_resize(struct vty_session *s, unsigned cols, unsigned rows)
{
	struct winsize	 ws;

	if (s->fd == -1 || cols == 0)
		return;
	memset(&ws, 0, sizeof(ws));
	ws.ws_col = (unsigned short)(cols > 65535 ? 65535 : cols);
	ws.ws_row = (unsigned short)(rows > 65535 ? 65535 : rows);
	ioctl(s->fd, TIOCSWINSZ, &ws);
}

/* In the child: become the session user and run the cli, or die. */
static void __attribute__((noreturn))
child(struct vty_session *s, const char *user, unsigned priv,
    const char *term, const char *cmd)
{
	char	 tty[96], *argv[16];
	int	 n = 0;

	(void)priv;
	close_range(3, ~0U, 0);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	if (setgroups(0, NULL) == -1 || setgid(s->v->gid) == -1 ||
	    setuid(s->v->uid) == -1 || getuid() == 0 || geteuid() == 0 ||
	    setuid(0) != -1) {
		dprintf(STDERR_FILENO, "%% Cannot start the session\r\n");
		_exit(126);
	}
	if (chdir("/") == -1)
		_exit(126);
	clearenv();
	setenv("TERM", term != NULL && *term != '\0' ? term : "vt100", 1);
	setenv("PATH", "/usr/bin:/bin", 1);
	setenv("HOME", "/", 1);
	snprintf(tty, sizeof(tty), "vty%u (%s)", s->line, s->peer);
	argv[n++] = (char *)"cli";
	argv[n++] = (char *)"--rundir";
	argv[n++] = (char *)s->v->rundir;
	argv[n++] = (char *)"--vty";
	argv[n++] = tty;
	argv[n++] = (char *)"--user";
	argv[n++] = (char *)user;
	if (cmd != NULL) {
		argv[n++] = (char *)"-c";
		argv[n++] = (char *)cmd;
	}
	argv[n] = NULL;
	execv(s->v->conf.cli, argv);
	dprintf(STDERR_FILENO, "%% Cannot start the shell\r\n");
	_exit(127);
}

int
vty_session_start(struct vty_session *s, const char *user, unsigned priv,
    unsigned cols, unsigned rows, const char *term, const char *cmd)
{
	struct winsize	 ws;
	int		 sp[2] = { -1, -1 }, fd;
	pid_t		 pid;

	if (s->fd != -1)
		return -1;
	snprintf(s->user, sizeof(s->user), "%s", user);
	memset(&ws, 0, sizeof(ws));
	ws.ws_col = (unsigned short)(cols > 0 && cols < 65536 ? cols : 80);
	ws.ws_row = (unsigned short)(rows > 0 && rows < 65536 ? rows : 24);
	if (cmd == NULL) {
		pid = forkpty(&fd, NULL, NULL, &ws);
	} else {
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) ==
		    -1)
			return -1;
		if ((pid = fork()) == 0) {
			setsid();
			if (dup2(sp[1], 0) == -1 || dup2(sp[1], 1) == -1 ||
			    dup2(sp[1], 2) == -1)
				_exit(126);
		}
		fd = sp[0];
	}
	if (pid == -1) {
		log_warn("%s: fork", __func__);
		if (sp[0] != -1) {
			close(sp[0]);
			close(sp[1]);
		}
		return -1;
	}
	if (pid == 0)
		child(s, user, priv, term, cmd);
	if (sp[1] != -1)
		close(sp[1]);
	s->pid = pid;
	s->fd = fd;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	s->ev_read = event_new(s->v->base, fd, EV_READ | EV_PERSIST, on_read,
	    s);
	s->ev_write = event_new(s->v->base, fd, EV_WRITE, on_write, s);
	s->timer = evtimer_new(s->v->base, on_timeout, s);
	if (s->ev_read == NULL || s->ev_write == NULL || s->timer == NULL)
		fatalx("%s: out of memory", __func__);
	event_add(s->ev_read, NULL);
	timer_reset(s);
	/* An exec request runs as cli -c, at the session's privilege. */
	if (cmd != NULL) {
		s->shut = 1;
		pump_in(s);
	}
	vtyd_log(s->v, "%%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: "
	    "%s] [Source: %s] [localport: %d] at vty%u", user, s->peer,
	    s->proto == VTY_SSH ? s->v->conf.ssh_port :
	    s->v->conf.telnet_port, s->line);
	return 0;
}

void
vty_session_reaped(struct vtyd *v, pid_t pid)
{
	size_t	 i;

	for (i = 0; i < VTY_LINES; i++)
		if (v->line[i] != NULL && v->line[i]->pid == pid)
			v->line[i]->pid = 0;
}

void
vty_session_notice(struct vty_session *s, const char *text)
{
	if (s->closing)
		return;
	queue_out(s, text, strlen(text));
	if (flush_out(s) < 0)
		end(s, "connection lost");
}

int
vty_session_debug(const struct vty_session *s)
{
	return s->debug;
}

void
vty_session_set_debug(struct vty_session *s, int on)
{
	s->debug = on;
}

void
vty_debug(struct vtyd *v, const char *fmt, ...)
{
	struct timespec	 ts;
	struct tm	 tm;
	va_list		 ap;
	char		 t[32], *msg, *line;
	size_t		 i;

	for (i = 0; i < VTY_LINES; i++)
		if (v->line[i] != NULL && v->line[i]->debug)
			break;
	if (i == VTY_LINES)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	if (msg == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(t, sizeof(t), "%b %e %H:%M:%S", &tm);
	xasprintf(&line, "*%s.%03ld: %s\r\n", t, ts.tv_nsec / 1000000, msg);
	for (i = 0; i < VTY_LINES; i++)
		if (v->line[i] != NULL && v->line[i]->debug &&
		    v->line[i]->fd != -1)
			vty_session_notice(v->line[i], line);
	free(line);
	free(msg);
}

int
vty_session_record(const struct vty_session *s, struct ipc_msg *m)
{
	char	 desc[512], *p, *nl;
	int	 rc = 0;

	rc |= ipc_msg_add_u32(m, IPC_T_VTY_LINE, s->line);
	rc |= ipc_msg_add_str(m, IPC_T_USER, s->user);
	rc |= ipc_msg_add_str(m, IPC_T_VTY_PEER, s->peer);
	rc |= ipc_msg_add_str(m, IPC_T_VTY_PROTO, s->proto == VTY_SSH ?
	    "ssh" : "telnet");
	rc |= ipc_msg_add_u32(m, IPC_T_VTY_IDLE, (uint32_t)(time(NULL) -
	    s->last_input));
	rc |= ipc_msg_add_str(m, IPC_T_VTY_STATE, s->fd != -1 ?
	    "Session started" : "Authenticating");
	rc |= ipc_msg_add_u32(m, IPC_T_VTY_PID, (uint32_t)(s->pid > 0 ?
	    s->pid : 0));
	*desc = '\0';
	if (s->ops->describe != NULL)
		s->ops->describe(s->t, desc, sizeof(desc));
	for (p = desc; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		rc |= ipc_msg_add_str(m, IPC_T_VALUE, p);
	}
	return rc != 0 ? -1 : 0;
}
