/*
 * vtyd's modules share this (internal to the vtyd program): the daemon's
 * context, the vty lines, sessions (one `cli` on a pty each) and the
 * transports that feed them (vty-ssh.c: libssh; vty-telnet.c: libtelnet).
 *
 *	transport ──input──► vty_session ──► pty ──► cli (unprivileged)
 *	          ◄─output──             ◄──
 *
 * A transport owns its connection and its session: it calls
 * vty_session_free when the connection goes; the session asks the
 * transport to close (ops->close) when the cli exits or the line times
 * out, and the transport then frees both.
 */
#ifndef CLI_VTY_H
#define CLI_VTY_H

#include <sys/types.h>

#include <stddef.h>
#include <time.h>

#define VTY_LINES	99		/* vty 0-98, as on a CSR */

struct event;
struct event_base;
struct ipc_conn;
struct ipc_server;
struct daemon_signals;
struct vty_session;
struct vty_ssh;
struct vty_telnet;

/* vtyd's own settings: DIR/vtyd.conf, then the command line. */
struct vty_conf {
	char		 listen[64];	/* address to bind, "0.0.0.0" */
	int		 ssh_port;	/* 22; 0 = no SSH listener */
	int		 telnet_port;	/* 23; 0 = no telnet listener */
	char		 user[64];	/* sessions run as this user */
	char		 cli[4096];	/* the shell program */
};

/* One `line vty A B` block, from cfgd (IPC_VTY_LINES). */
struct vty_lineconf {
	unsigned	 first, last;
	unsigned	 login;		/* IPC_VTY_LOGIN_* */
	unsigned	 transport;	/* IPC_VTY_TR_* */
	unsigned	 timeout;	/* seconds, 0 = never */
	unsigned	 priv;
	unsigned	 length;
	int		 haspw;
};

/* The SSH server's settings, from cfgd (IPC_SSH_INFO). */
struct vty_sshconf {
	int		 enabled;	/* a host key exists */
	unsigned	 timeout;	/* ip ssh time-out */
	unsigned	 retries;	/* ip ssh authentication-retries */
	int		 publickey, password, keyboard;
	char		 version[8];	/* "2.0", "1.99" */
};

struct vtyd {
	struct event_base	*base;
	const char		*rundir;
	char			 cfgd_path[4096];
	struct ipc_conn		*cfgd;		/* blocking, for logins */
	struct ipc_peer		*logpeer;	/* IOS messages to cfgd */
	struct ipc_server	*server;	/* DIR/vtyd.sock: show, debug */
	struct daemon_signals	*signals;
	struct event		*sigchld;
	struct event		*relisten;	/* retries a taken port */
	struct vty_conf		 conf;
	uid_t			 uid;		/* the sessions' user */
	gid_t			 gid;
	struct vty_session	*line[VTY_LINES];	/* NULL: free */
	struct vty_ssh		*ssh;
	struct vty_telnet	*telnet;
};

/* How a session talks to its transport. */
struct vty_transport_ops {
	/* Output for the user: returns the bytes taken (fewer when the
	 * connection cannot take more now; the transport calls
	 * vty_session_writable later), or -1 when the connection is gone. */
	ssize_t	(*write)(void *t, const char *buf, size_t len);
	/* End the connection (the cli exited, exec-timeout); why is for the
	 * log.  The transport frees the session. */
	void	(*close)(void *t, const char *why);
	/* Cipher/hmac names etc. for show ssh, as "key=value" lines. */
	void	(*describe)(void *t, char *buf, size_t len);
};

enum vty_proto {
	VTY_SSH,
	VTY_TELNET,
};

/* vtyd.c */
/* The line settings and SSH settings now (blocking requests to cfgd).
 * Return 0, or -1 when cfgd does not answer. */
int	 vtyd_lines(struct vtyd *, struct vty_lineconf *, size_t max,
	    size_t *n);
int	 vtyd_sshconf(struct vtyd *, struct vty_sshconf *);
/* Logins, checked by cfgd.  1 = in (with *priv), 0 = refused, -1 = error
 * with the IOS text in err (e.g. "Password required, but none set"). */
int	 vtyd_auth_password(struct vtyd *, unsigned line, const char *user,
	    const char *pw, unsigned *priv, char *err, size_t errlen);
int	 vtyd_auth_pubkey(struct vtyd *, unsigned line, const char *user,
	    const char *type, const char *md5hex, unsigned *priv);
/* Logs as the router does (%SSH-5-..., %SEC_LOGIN-5-...). */
void	 vtyd_log(struct vtyd *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* vty-session.c */
/*
 * Takes the lowest free vty line that accepts proto.  Returns the session
 * (not started: no cli yet), or NULL with *why set to what to tell the
 * client.  peer is the client's address (copied).
 */
struct vty_session *vty_session_new(struct vtyd *, enum vty_proto,
	    const char *peer, const struct vty_transport_ops *, void *t,
	    const char **why);
void	 vty_session_free(struct vty_session *);
unsigned vty_session_line(const struct vty_session *);
const struct vty_lineconf *vty_session_conf(const struct vty_session *);
/* Starts the cli on a pty as the session user: interactive when cmd is
 * NULL, else runs cmd (an SSH exec request).  Returns 0 or -1. */
int	 vty_session_start(struct vty_session *, const char *user,
	    unsigned priv, unsigned cols, unsigned rows, const char *term,
	    const char *cmd);
int	 vty_session_started(const struct vty_session *);
/* Input from the user; returns the bytes taken (fewer: try again when
 * the pty drains; the session calls nothing back, the transport retries
 * on its next event). */
size_t	 vty_session_input(struct vty_session *, const char *, size_t);
void	 vty_session_resize(struct vty_session *, unsigned cols,
	    unsigned rows);
/* The transport can take output again. */
void	 vty_session_writable(struct vty_session *);
/* A line for the session's terminal from vtyd itself (debug ip ssh). */
void	 vty_session_notice(struct vty_session *, const char *text);
int	 vty_session_debug(const struct vty_session *);
void	 vty_session_set_debug(struct vty_session *, int on);
/* For show users / show ssh: a DATA record of the session. */
struct ipc_msg;
int	 vty_session_record(const struct vty_session *, struct ipc_msg *);
/* SIGCHLD: the child pid exited. */
void	 vty_session_reaped(struct vtyd *, pid_t);
/* Debug output on every session that asked for it (debug ip ssh). */
void	 vty_debug(struct vtyd *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* vty-ssh.c */
struct vty_ssh *vty_ssh_new(struct vtyd *, const char *addr, int port);
void	 vty_ssh_free(struct vty_ssh *);

/* vty-telnet.c */
struct vty_telnet *vty_telnet_new(struct vtyd *, const char *addr, int port);
void	 vty_telnet_free(struct vty_telnet *);

/* Closes a connection's socket gracefully: no more output, what the
 * client still sends is read and dropped for a moment, then close (so the
 * last words are not lost to a TCP reset).  Takes ownership of fd. */
void	 vty_linger(struct vtyd *, int fd);
/* A listening TCP socket on addr:port (IPv4 or IPv6), non-blocking;
 * returns the fd or -1 with errno set. */
int	 vty_listen(const char *addr, int port);
/* Accepts up to a batch of pending connections on the listening lfd and
 * hands each (non-blocking, close-on-exec) to conn(arg, fd); proto names
 * the listener in the log. */
void	 vty_accept(int lfd, const char *proto, void (*conn)(void *, int),
	    void *arg);

#endif
