/*
 * Unit tests for platform/ipc-event and platform/ipc-conn: the libevent
 * server against the blocking client and against raw sockets that misbehave,
 * and the reconnecting event client.  The server runs either in a forked
 * child with its own event base (so the blocking client can talk to it) or
 * on the test's own base.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "platform/ipc-conn.h"
#include "platform/ipc-event.h"
#include "platform/log.h"
#include "tests/unit/unit.h"

static char	scratch[64];
static char	sock[128];

static void
setup(void)
{
	strcpy(scratch, "/tmp/test_ipc_event.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
	snprintf(sock, sizeof(sock), "%s/test.sock", scratch);
	signal(SIGPIPE, SIG_IGN);
	log_init("test_ipc_event", NULL, 0);
}

static void
teardown(void)
{
	char	 cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	ck_assert_int_eq(system(cmd), 0);
}

/*
 * The test server's handler: SYS_INFO answers a RESULT, SHOW_RUNNING streams
 * T_COUNT records then END, CFG_WRITE broadcasts CONFIG_CHANGED first.
 */
struct srv_ctx {
	struct ipc_server	*srv;
	int			 downs;
	int			 msgs;
	int			 free_in_msg;
};

static void
srv_msg(struct ipc_peer *p, const struct ipc_msg *m, void *arg)
{
	struct srv_ctx	*sc = arg;
	struct ipc_msg	*r;
	uint32_t	 reqid = ipc_msg_reqid(m), n = 0, i;

	sc->msgs++;
	if (sc->free_in_msg) {
		ipc_server_free(sc->srv);
		return;
	}
	switch (ipc_msg_type(m)) {
	case IPC_SYS_INFO:
		r = ipc_msg_result(reqid, IPC_S_OK, NULL);
		ipc_msg_add_str(r, IPC_T_HOSTNAME, "Router");
		break;
	case IPC_SHOW_RUNNING:
		ipc_msg_get_u32(m, IPC_T_COUNT, &n);
		for (i = 0; i < n; i++) {
			r = ipc_msg_new(IPC_DATA, reqid);
			ipc_msg_add_u32(r, IPC_T_COUNT, i);
			ipc_msg_add_str(r, IPC_T_TEXT, " description a line");
			ipc_peer_send(p, r);
			ipc_msg_free(r);
		}
		r = ipc_msg_new(IPC_END, reqid);
		break;
	case IPC_CFG_WRITE:
		r = ipc_msg_new(IPC_EV_CONFIG_CHANGED, 0);
		ipc_server_broadcast(sc->srv, r);
		ipc_msg_free(r);
		r = ipc_msg_result(reqid, IPC_S_OK, NULL);
		break;
	default:
		r = ipc_msg_result(reqid, IPC_S_UNSUPPORTED, "% Unsupported");
		break;
	}
	ipc_peer_send(p, r);
	ipc_msg_free(r);
}

static void
srv_state(struct ipc_peer *p, int up, void *arg)
{
	struct srv_ctx	*sc = arg;

	ck_assert_int_eq(up, 0);
	sc->downs++;
}

static void
on_term(evutil_socket_t sig, short what, void *arg)
{
	event_base_loopbreak(arg);
}

/* Runs a server in a child until SIGTERM; exits 0 if all went well. */
static void
server_child(int ready)
{
	struct event_base	*base;
	struct event		*ev;
	struct srv_ctx		 sc;

	memset(&sc, 0, sizeof(sc));
	log_init("testd", NULL, 0);
	if ((base = event_base_new()) == NULL ||
	    (sc.srv = ipc_server_new(base, sock, 0600, "testd", srv_msg,
	    srv_state, &sc)) == NULL)
		_exit(2);
	ev = evsignal_new(base, SIGTERM, on_term, base);
	evsignal_add(ev, NULL);
	if (write(ready, "x", 1) != 1)
		_exit(3);
	close(ready);
	event_base_dispatch(base);
	event_free(ev);
	ipc_server_free(sc.srv);
	event_base_free(base);
	exit(0);
}

static pid_t
server_start(void)
{
	struct pollfd	 pfd;
	pid_t		 pid;
	int		 fds[2];
	char		 c;

	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		close(fds[0]);
		server_child(fds[1]);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	ck_assert_int_eq(poll(&pfd, 1, 5000), 1);
	ck_assert_int_eq(read(fds[0], &c, 1), 1);
	close(fds[0]);
	return pid;
}

/* Stops the server; it must not have crashed on the way. */
static void
server_stop(pid_t pid)
{
	int	 status;

	ck_assert_int_eq(kill(pid, SIGTERM), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "server status %#x", status);
}

static int
raw_connect(void)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, sock);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sun, sizeof(sun)),
	    0);
	return fd;
}

/* Sends bytes; the server may have closed already, which is fine. */
static void
raw_write(int fd, const void *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = send(fd, p, n, MSG_NOSIGNAL)) <= 0)
			return;
		p = (const char *)p + w;
		n -= (size_t)w;
	}
}

static void
raw_send(int fd, const struct ipc_msg *m)
{
	const void	*wire;
	size_t		 len;

	wire = ipc_msg_wire(m, &len);
	raw_write(fd, wire, len);
}

/* Reads n bytes; 0 at EOF or reset, -1 on timeout. */
static int
raw_read(int fd, void *buf, size_t n)
{
	struct pollfd	 pfd;
	ssize_t		 r;

	while (n > 0) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 5000) != 1)
			return -1;
		r = read(fd, buf, n);
		if (r <= 0)
			return 0;
		buf = (char *)buf + r;
		n -= (size_t)r;
	}
	return 1;
}

/* The next message, or NULL at EOF. */
static struct ipc_msg *
raw_recv(int fd)
{
	static uint8_t	 buf[65536];
	struct ipc_msg	*m;
	size_t		 flen;
	int		 rc;

	rc = raw_read(fd, buf, IPC_HDR_LEN);
	ck_assert_int_ne(rc, -1);
	if (rc == 0)
		return NULL;
	ck_assert_int_eq(ipc_frame_len(buf, IPC_HDR_LEN, &flen), 0);
	ck_assert_uint_le(flen, sizeof(buf));
	ck_assert_int_eq(raw_read(fd, buf + IPC_HDR_LEN, flen - IPC_HDR_LEN),
	    1);
	ck_assert_int_eq(ipc_msg_parse(buf, flen, &m), 0);
	return m;
}

static void
assert_eof(int fd)
{
	char	 c;

	ck_assert_int_eq(raw_read(fd, &c, 1), 0);
}

/* Expects a RESULT for reqid with status (and text, if not NULL). */
static void
assert_result(struct ipc_msg *m, uint32_t reqid, uint32_t status,
    const char *text)
{
	const char	*s;
	uint32_t	 v;

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(ipc_msg_type(m), IPC_RESULT);
	ck_assert_uint_eq(ipc_msg_reqid(m), reqid);
	ck_assert_int_eq(ipc_msg_get_u32(m, IPC_T_STATUS, &v), 0);
	ck_assert_uint_eq(v, status);
	if (text != NULL) {
		ck_assert_int_eq(ipc_msg_get_str(m, IPC_T_TEXT, &s), 0);
		ck_assert_str_eq(s, text);
	}
	ipc_msg_free(m);
}

static struct ipc_msg *
hello(uint32_t version, uint32_t reqid)
{
	struct ipc_msg	*m;

	m = ipc_msg_new(IPC_HELLO, reqid);
	ipc_msg_add_u32(m, IPC_T_VERSION, version);
	ipc_msg_add_str(m, IPC_T_NAME, "raw");
	return m;
}

/* A raw connection that has done its handshake. */
static int
raw_handshaken(void)
{
	struct ipc_msg	*m;
	int		 fd;

	fd = raw_connect();
	m = hello(IPC_VERSION, 5);
	raw_send(fd, m);
	ipc_msg_free(m);
	assert_result(raw_recv(fd), 5, IPC_S_OK, NULL);
	return fd;
}

/* A SYS_INFO round trip on a blocking client. */
static void
assert_sys_info(struct ipc_conn *c)
{
	struct ipc_msg	*m, *last;
	const char	*s;

	m = ipc_msg_new(IPC_SYS_INFO, 0);
	ck_assert_int_eq(ipc_conn_request(c, m, NULL, NULL, &last, 5000), 0);
	ck_assert_uint_eq(ipc_msg_reqid(last), ipc_msg_reqid(m));
	ck_assert_int_eq(ipc_msg_get_str(last, IPC_T_HOSTNAME, &s), 0);
	ck_assert_str_eq(s, "Router");
	assert_result(last, ipc_msg_reqid(m), IPC_S_OK, NULL);
	ipc_msg_free(m);
}

START_TEST(the_blocking_client_completes_the_handshake_and_gets_a_result)
{
	struct ipc_conn	*c;
	pid_t		 pid;

	pid = server_start();
	ck_assert_int_eq(ipc_conn_open(sock, "cli", &c), 0);
	ck_assert_int_ge(ipc_conn_fd(c), 0);
	assert_sys_info(c);
	assert_sys_info(c);
	ipc_conn_close(c);
	server_stop(pid);
}
END_TEST

static void
count_record(const struct ipc_msg *m, void *arg)
{
	uint32_t	*n = arg, v;

	ck_assert_uint_eq(ipc_msg_type(m), IPC_DATA);
	ck_assert_int_eq(ipc_msg_get_u32(m, IPC_T_COUNT, &v), 0);
	ck_assert_uint_eq(v, *n);
	(*n)++;
}

START_TEST(a_stream_request_gets_every_record_in_order_then_one_end)
{
	struct ipc_conn	*c;
	struct ipc_msg	*m, *last;
	uint32_t	 n = 0;
	pid_t		 pid;

	pid = server_start();
	ck_assert_int_eq(ipc_conn_open(sock, "cli", &c), 0);
	m = ipc_msg_new(IPC_SHOW_RUNNING, 0);
	ipc_msg_add_u32(m, IPC_T_COUNT, 20000);
	ck_assert_int_eq(ipc_conn_request(c, m, count_record, &n, &last,
	    5000), 0);
	ck_assert_uint_eq(n, 20000);
	ck_assert_uint_eq(ipc_msg_type(last), IPC_END);
	ck_assert_uint_eq(ipc_msg_reqid(last), ipc_msg_reqid(m));
	ipc_msg_free(last);
	ipc_msg_free(m);
	/* An unknown request is answered, and the connection goes on. */
	m = ipc_msg_new(IPC_CFG_ERASE, 0);
	ck_assert_int_eq(ipc_conn_request(c, m, NULL, NULL, &last, 5000), 0);
	assert_result(last, ipc_msg_reqid(m), IPC_S_UNSUPPORTED, NULL);
	ipc_msg_free(m);
	assert_sys_info(c);
	ipc_conn_close(c);
	server_stop(pid);
}
END_TEST

START_TEST(opening_a_socket_nobody_listens_on_fails_with_errno)
{
	struct ipc_conn	*c = (struct ipc_conn *)1;

	ck_assert_int_eq(ipc_conn_open(sock, "cli", &c), IPC_E_IO);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_ptr_null(c);
}
END_TEST

/* A server that refuses every hello, as one of another version would. */
static pid_t
refusing_server_start(void)
{
	struct sockaddr_un	 sun;
	struct ipc_msg		*m, *r;
	pid_t			 pid;
	int			 lfd, fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, sock);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_eq(bind(lfd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	ck_assert_int_eq(listen(lfd, 1), 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		if ((fd = accept(lfd, NULL, NULL)) == -1 ||
		    (m = raw_recv(fd)) == NULL)
			_exit(2);
		r = ipc_msg_result(ipc_msg_reqid(m), IPC_S_ERROR,
		    "% IPC version mismatch");
		raw_send(fd, r);
		ipc_msg_free(r);
		ipc_msg_free(m);
		close(fd);
		exit(0);
	}
	close(lfd);
	return pid;
}

START_TEST(the_blocking_client_reports_a_refused_hello_as_a_version_error)
{
	struct ipc_conn	*c;
	pid_t		 pid;
	int		 status;

	pid = refusing_server_start();
	ck_assert_int_eq(ipc_conn_open(sock, "cli", &c), IPC_E_VERSION);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
END_TEST

START_TEST(a_hello_with_another_version_is_refused_and_closed)
{
	struct ipc_msg	*m;
	pid_t		 pid;
	int		 fd;

	pid = server_start();
	fd = raw_connect();
	m = hello(IPC_VERSION + 1, 9);
	raw_send(fd, m);
	ipc_msg_free(m);
	assert_result(raw_recv(fd), 9, IPC_S_ERROR, "% IPC version mismatch");
	assert_eof(fd);
	close(fd);
	server_stop(pid);
}
END_TEST

START_TEST(a_frame_with_another_header_version_is_refused_and_closed)
{
	struct ipc_msg	*m;
	uint8_t		 wire[256];
	size_t		 len;
	pid_t		 pid;
	int		 fd;

	/* What a newer client would send: its hello, under its version. */
	pid = server_start();
	fd = raw_connect();
	m = hello(IPC_VERSION + 1, 11);
	ipc_msg_wire(m, &len);
	ck_assert_uint_le(len, sizeof(wire));
	memcpy(wire, ipc_msg_wire(m, &len), len);
	wire[0] = IPC_VERSION + 1;
	raw_write(fd, wire, len);
	ipc_msg_free(m);
	assert_result(raw_recv(fd), 11, IPC_S_ERROR, "% IPC version mismatch");
	assert_eof(fd);
	close(fd);
	server_stop(pid);
}
END_TEST

START_TEST(a_request_before_the_hello_is_refused_and_closed)
{
	struct ipc_msg	*m;
	pid_t		 pid;
	int		 fd;

	pid = server_start();
	fd = raw_connect();
	m = ipc_msg_new(IPC_SYS_INFO, 4);
	raw_send(fd, m);
	ipc_msg_free(m);
	assert_result(raw_recv(fd), 4, IPC_S_BADMSG, NULL);
	assert_eof(fd);
	close(fd);
	server_stop(pid);
}
END_TEST

START_TEST(garbage_from_peers_does_not_stop_the_server_or_other_peers)
{
	static const uint8_t	 huge[IPC_HDR_LEN] = {
		IPC_VERSION, 0, 0, 3, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff,
	};
	static const uint8_t	 badfield[] = {
		IPC_VERSION, 0, 0, 102, 0, 0, 0, 7, 0, 0, 0, 11,
		0, 4, 3, 0, 0, 0, 0, 3, 'a', 'b', 'c',
	};
	struct ipc_conn		*c;
	struct ipc_msg		*m;
	uint8_t			 junk[4096];
	size_t			 len, i;
	uint32_t		 reqid;
	pid_t			 pid;
	int			 fd, half;

	pid = server_start();
	ck_assert_int_eq(ipc_conn_open(sock, "cli", &c), 0);

	/* Random bytes: refused and closed.  Unknown first bytes read as
	 * a version we do not speak. */
	srandom(1);
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)random();
	junk[0] = 0x42;
	ck_assert_int_eq(ipc_frame_reqid(junk, sizeof(junk), &reqid), 0);
	fd = raw_connect();
	raw_write(fd, junk, sizeof(junk));
	assert_result(raw_recv(fd), reqid, IPC_S_ERROR,
	    "% IPC version mismatch");
	assert_eof(fd);
	close(fd);

	/* The same, under a good header: the fields are what is wrong. */
	junk[0] = IPC_VERSION;
	junk[8] = junk[9] = 0;
	junk[10] = (sizeof(junk) - IPC_HDR_LEN) >> 8;
	junk[11] = (sizeof(junk) - IPC_HDR_LEN) & 0xff;
	fd = raw_connect();
	raw_write(fd, junk, sizeof(junk));
	assert_result(raw_recv(fd), reqid, IPC_S_BADMSG, NULL);
	assert_eof(fd);
	close(fd);

	/* A header announcing 4 GiB: refused before anything is buffered. */
	fd = raw_connect();
	raw_write(fd, huge, sizeof(huge));
	assert_result(raw_recv(fd), 1, IPC_S_BADMSG, NULL);
	assert_eof(fd);
	close(fd);

	/* A malformed field after a good handshake. */
	fd = raw_handshaken();
	raw_write(fd, badfield, sizeof(badfield));
	assert_result(raw_recv(fd), 7, IPC_S_BADMSG, NULL);
	assert_eof(fd);
	close(fd);

	/* Half a frame, then gone; and half a frame, left hanging. */
	m = hello(IPC_VERSION, 1);
	ipc_msg_wire(m, &len);
	fd = raw_connect();
	raw_write(fd, ipc_msg_wire(m, &len), len / 2);
	close(fd);
	half = raw_connect();
	raw_write(half, ipc_msg_wire(m, &len), len - 1);
	fd = raw_handshaken();
	raw_write(fd, ipc_msg_wire(m, &len), 5);
	close(fd);
	ipc_msg_free(m);

	/* The first client still works, and new ones get in. */
	assert_sys_info(c);
	ipc_conn_close(c);
	ck_assert_int_eq(ipc_conn_open(sock, "cli2", &c), 0);
	assert_sys_info(c);
	ipc_conn_close(c);
	close(half);
	server_stop(pid);
}
END_TEST

START_TEST(a_reply_with_another_reqid_is_a_protocol_error)
{
	struct ipc_conn	*c;
	struct ipc_msg	*m, *last;
	pid_t		 pid;

	/* CFG_WRITE's broadcast (reqid 0) arrives before its result. */
	pid = server_start();
	ck_assert_int_eq(ipc_conn_open(sock, "cli", &c), 0);
	m = ipc_msg_new(IPC_CFG_WRITE, 0);
	ck_assert_int_eq(ipc_conn_request(c, m, NULL, NULL, &last, 5000),
	    IPC_E_PROTO);
	ck_assert_ptr_null(last);
	ipc_msg_free(m);
	ipc_conn_close(c);
	server_stop(pid);
}
END_TEST

START_TEST(a_silent_server_times_out_and_a_dead_one_reads_as_closed)
{
	struct ipc_conn	*c;
	struct ipc_msg	*m;
	pid_t		 pid;

	pid = server_start();
	ck_assert_int_eq(ipc_conn_open(sock, "cli", &c), 0);
	ck_assert_int_eq(ipc_conn_recv(c, &m, 50), IPC_E_TIMEOUT);
	ck_assert_ptr_null(m);
	server_stop(pid);
	ck_assert_int_eq(ipc_conn_recv(c, &m, 5000), IPC_E_CLOSED);
	ipc_conn_close(c);
}
END_TEST

/* The event client's owner. */
struct cli_ctx {
	struct ipc_peer	*peer;
	int		 ups;
	int		 downs;
	int		 results;
	int		 events;
	int		 free_on_up;
	int		 freed;
};

static void
cli_msg(struct ipc_peer *p, const struct ipc_msg *m, void *arg)
{
	struct cli_ctx	*cc = arg;

	if (ipc_msg_type(m) == IPC_RESULT)
		cc->results++;
	else if (ipc_msg_type(m) == IPC_EV_CONFIG_CHANGED)
		cc->events++;
}

static void
cli_state(struct ipc_peer *p, int up, void *arg)
{
	struct cli_ctx	*cc = arg;

	ck_assert_ptr_eq(p, cc->peer);
	if (up)
		cc->ups++;
	else
		cc->downs++;
	if (up && cc->free_on_up) {
		ipc_client_free(p);
		cc->freed = 1;
	}
}

static void
tick(evutil_socket_t fd, short what, void *arg)
{
}

/* Runs the loop until *v reaches want or ms pass; returns *v >= want. */
static int
run_until(struct event_base *base, const int *v, int want, int ms)
{
	struct timespec	 t0, t1;
	struct timeval	 tv = { 0, 10000 };
	struct event	*ev;

	ev = event_new(base, -1, EV_PERSIST, tick, NULL);
	event_add(ev, &tv);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (*v < want) {
		event_base_loop(base, EVLOOP_ONCE);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if ((t1.tv_sec - t0.tv_sec) * 1000 +
		    (t1.tv_nsec - t0.tv_nsec) / 1000000 > ms)
			break;
	}
	event_free(ev);
	return *v >= want;
}

static void
client_request(struct cli_ctx *cc, uint16_t type)
{
	struct ipc_msg	*m;

	m = ipc_msg_new(type, ipc_peer_next_reqid(cc->peer));
	ck_assert_int_eq(ipc_peer_send(cc->peer, m), 0);
	ipc_msg_free(m);
}

START_TEST(the_event_client_comes_up_talks_and_reconnects_after_a_restart)
{
	struct event_base	*base;
	struct ipc_msg		*m;
	struct cli_ctx		 cc;
	int			 data = 7;
	pid_t			 pid;

	memset(&cc, 0, sizeof(cc));
	pid = server_start();
	base = event_base_new();
	cc.peer = ipc_client_new(base, sock, "lispd", cli_msg, cli_state,
	    &cc);
	ck_assert_ptr_nonnull(cc.peer);
	ipc_peer_set_data(cc.peer, &data);
	ck_assert_int_eq(cc.ups, 0);	/* nothing before the loop runs */
	ck_assert(run_until(base, &cc.ups, 1, 5000));
	ck_assert_str_eq(ipc_peer_name(cc.peer), "testd");
	ck_assert_ptr_eq(ipc_peer_data(cc.peer), &data);

	client_request(&cc, IPC_SYS_INFO);
	client_request(&cc, IPC_CFG_WRITE);
	ck_assert(run_until(base, &cc.results, 2, 5000));
	ck_assert_int_eq(cc.events, 1);

	server_stop(pid);
	ck_assert(run_until(base, &cc.downs, 1, 5000));
	m = ipc_msg_result(0, IPC_S_OK, NULL);
	ck_assert_int_eq(ipc_peer_send(cc.peer, m), IPC_E_CLOSED);
	ipc_msg_free(m);
	/* Let it fail a few times against nothing, then bring it back. */
	run_until(base, &cc.ups, 2, 400);
	ck_assert_int_eq(cc.ups, 1);
	pid = server_start();
	ck_assert(run_until(base, &cc.ups, 2, 5000));
	ck_assert_ptr_eq(ipc_peer_data(cc.peer), &data);
	client_request(&cc, IPC_SYS_INFO);
	ck_assert(run_until(base, &cc.results, 3, 5000));

	ipc_client_free(cc.peer);
	server_stop(pid);
	ck_assert_int_eq(cc.downs, 1);
	event_base_free(base);
}
END_TEST

START_TEST(a_server_replaces_a_stale_socket_but_never_a_regular_file)
{
	struct event_base	*base;
	struct ipc_server	*srv;
	struct sockaddr_un	 sun;
	struct stat		 st;
	int			 fd;

	/* A socket file left by a dead server. */
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, sock);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	close(fd);

	base = event_base_new();
	srv = ipc_server_new(base, sock, 0600, "testd", NULL, NULL, NULL);
	ck_assert_ptr_nonnull(srv);
	ck_assert_int_eq(stat(sock, &st), 0);
	ck_assert(S_ISSOCK(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	ipc_server_free(srv);
	/* Freeing the server removes its socket file. */
	ck_assert_int_eq(access(sock, F_OK), -1);

	srv = ipc_server_new(base, sock, 0, "testd", NULL, NULL, NULL);
	ck_assert_int_eq(stat(sock, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0660);
	ipc_server_free(srv);

	fd = creat(sock, 0644);
	close(fd);
	ck_assert_ptr_null(ipc_server_new(base, sock, 0600, "testd", NULL,
	    NULL, NULL));
	ck_assert_int_eq(errno, EEXIST);
	ck_assert_int_eq(stat(sock, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ipc_server_free(NULL);
	ipc_client_free(NULL);
	event_base_free(base);
}
END_TEST

START_TEST(an_owner_may_free_its_client_or_server_from_a_callback)
{
	struct event_base	*base;
	struct srv_ctx		 sc;
	struct cli_ctx		 cc;

	memset(&sc, 0, sizeof(sc));
	memset(&cc, 0, sizeof(cc));
	base = event_base_new();
	sc.srv = ipc_server_new(base, sock, 0600, "testd", srv_msg, srv_state,
	    &sc);
	ck_assert_ptr_nonnull(sc.srv);

	/* The client frees itself as it comes up; the server sees it go. */
	cc.free_on_up = 1;
	cc.peer = ipc_client_new(base, sock, "c1", cli_msg, cli_state, &cc);
	ck_assert(run_until(base, &cc.freed, 1, 5000));
	ck_assert(run_until(base, &sc.downs, 1, 5000));

	/* The server frees itself on a request, with a peer still up. */
	memset(&cc, 0, sizeof(cc));
	cc.peer = ipc_client_new(base, sock, "c2", cli_msg, cli_state, &cc);
	ck_assert(run_until(base, &cc.ups, 1, 5000));
	sc.free_in_msg = 1;
	client_request(&cc, IPC_SYS_INFO);
	ck_assert(run_until(base, &cc.downs, 1, 5000));
	ck_assert_int_eq(sc.msgs, 1);
	ck_assert_int_eq(sc.downs, 2);
	ck_assert_int_eq(access(sock, F_OK), -1);
	ipc_client_free(cc.peer);
	event_base_free(base);
}
END_TEST

START_TEST(freeing_a_server_tells_its_owner_about_every_peer)
{
	struct event_base	*base;
	struct srv_ctx		 sc;
	struct cli_ctx		 c1, c2;

	memset(&sc, 0, sizeof(sc));
	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	base = event_base_new();
	sc.srv = ipc_server_new(base, sock, 0600, "testd", srv_msg, srv_state,
	    &sc);
	c1.peer = ipc_client_new(base, sock, "c1", cli_msg, cli_state, &c1);
	c2.peer = ipc_client_new(base, sock, "c2", cli_msg, cli_state, &c2);
	ck_assert(run_until(base, &c1.ups, 1, 5000));
	ck_assert(run_until(base, &c2.ups, 1, 5000));
	/* Both peers got the broadcast. */
	client_request(&c1, IPC_CFG_WRITE);
	ck_assert(run_until(base, &c2.events, 1, 5000));
	ck_assert(run_until(base, &c1.results, 1, 5000));
	ipc_server_free(sc.srv);
	ck_assert_int_eq(sc.downs, 2);
	ck_assert(run_until(base, &c1.downs, 1, 5000));
	ck_assert(run_until(base, &c2.downs, 1, 5000));
	ipc_client_free(c1.peer);
	ipc_client_free(c2.peer);
	event_base_free(base);
}
END_TEST

static void
break_loop(evutil_socket_t fd, short what, void *arg)
{
	event_base_loopbreak(arg);
}

/*
 * A daemon stopped just as its peer goes away: the loop turn that reads
 * the peer's EOF also runs the signal that breaks the loop, so the
 * connection's deferred callback is still queued when the client is freed.
 * ipc_base_free must release the connection all the same (LeakSanitizer
 * says if not, in the sanitizer build).
 */
START_TEST(a_client_freed_with_a_callback_queued_is_released_at_exit)
{
	struct event_base	*base;
	struct event		*stop;
	struct timeval		 now = { 0, 0 };
	struct cli_ctx		 cc;
	pid_t			 pid;

	memset(&cc, 0, sizeof(cc));
	pid = server_start();
	base = event_base_new();
	cc.peer = ipc_client_new(base, sock, "lispd", cli_msg, cli_state,
	    &cc);
	ck_assert(run_until(base, &cc.ups, 1, 5000));
	server_stop(pid);	/* the EOF is readable from now on */
	/* Due now: it runs after the read, in the same turn. */
	stop = evtimer_new(base, break_loop, base);
	evtimer_add(stop, &now);
	event_base_loop(base, 0);
	ck_assert_int_eq(cc.downs, 0);	/* the callback is still queued */
	event_free(stop);
	ipc_client_free(cc.peer);
	ipc_base_free(base);
}
END_TEST

static Suite *
ipc_event_suite(void)
{
	Suite	*s = suite_create("ipc_event");
	TCase	*tc = tcase_create("ipc_event");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc,
	    the_blocking_client_completes_the_handshake_and_gets_a_result);
	tcase_add_test(tc,
	    a_stream_request_gets_every_record_in_order_then_one_end);
	tcase_add_test(tc, opening_a_socket_nobody_listens_on_fails_with_errno);
	tcase_add_test(tc,
	    the_blocking_client_reports_a_refused_hello_as_a_version_error);
	tcase_add_test(tc, a_hello_with_another_version_is_refused_and_closed);
	tcase_add_test(tc,
	    a_frame_with_another_header_version_is_refused_and_closed);
	tcase_add_test(tc, a_request_before_the_hello_is_refused_and_closed);
	tcase_add_test(tc,
	    garbage_from_peers_does_not_stop_the_server_or_other_peers);
	tcase_add_test(tc, a_reply_with_another_reqid_is_a_protocol_error);
	tcase_add_test(tc,
	    a_silent_server_times_out_and_a_dead_one_reads_as_closed);
	tcase_add_test(tc,
	    the_event_client_comes_up_talks_and_reconnects_after_a_restart);
	tcase_add_test(tc,
	    a_client_freed_with_a_callback_queued_is_released_at_exit);
	tcase_add_test(tc,
	    a_server_replaces_a_stale_socket_but_never_a_regular_file);
	tcase_add_test(tc, an_owner_may_free_its_client_or_server_from_a_callback);
	tcase_add_test(tc, freeing_a_server_tells_its_owner_about_every_peer);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return unit_run(ipc_event_suite());
}
