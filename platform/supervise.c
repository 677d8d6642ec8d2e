/*
 * The per-router supervisor.
 *
 * One process per run directory.  It holds SUPERVISE_LOCK for its whole
 * life (so two supervisors never share a run directory), writes its pid
 * file, and runs every daemon in the foreground as a child.  All events
 * arrive on one signalfd (SIGCHLD, SIGHUP, SIGTERM, SIGINT) and every timer
 * (back-off restarts, the cfgd readiness probe, the stop grace period) is a
 * deadline that bounds poll(), so the supervisor sleeps unless something
 * happens and keeps no global state at all.
 *
 * Start order: cfgd first; the other daemons are held until cfgd accepts a
 * connection on its socket (they pull their configuration from it), or
 * GATE_MS have passed.  That moment is "ready", reported to whoever started
 * us through the ready pipe once the others are spawned and the status file
 * says so.
 */
#include <sys/types.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/atomicfile.h"
#include "platform/log.h"
#include "platform/rundir.h"
#include "platform/caps.h"
#include "platform/supervise.h"
#include "platform/xmalloc.h"

#define BACKOFF_MIN_MS	100
#define BACKOFF_MAX_MS	5000
#define STABLE_MS	10000	/* up this long: the back-off starts over */
#define GRACE_MS	5000	/* from SIGTERM to SIGKILL */
#define GATE_MS		10000	/* longest the others wait for cfgd */
#define PROBE_MS	50	/* cfgd socket probe interval while starting */
#define NEVER		INT64_MAX

enum dstate {
	D_STOPPED,	/* not running, nothing planned */
	D_HELD,		/* waiting for cfgd to be ready */
	D_RUNNING,
	D_BACKOFF,	/* exited, restart at restart_at */
	D_STOPPING,	/* sent SIGTERM, waiting for it to exit */
};

static const char *const dstate_names[] = {
	"stopped", "held", "running", "backoff", "stopping",
};

enum phase {
	P_STARTING,	/* cfgd started, the others held */
	P_RUNNING,
	P_RELOADING,	/* stopping all for SIGHUP, then P_STARTING */
	P_STOPPING,	/* stopping all, then exit */
};

struct daemon {
	const char	*name;		/* borrowed from the config */
	char		 path[PATH_MAX];
	char		 logpath[PATH_MAX];
	enum dstate	 state;
	pid_t		 pid;		/* 0 when not running */
	int64_t		 started;	/* monotonic ms */
	time_t		 started_wall;
	int64_t		 restart_at;	/* monotonic ms, in D_BACKOFF */
	unsigned int	 backoff_ms;	/* delay before the next restart */
	unsigned int	 restarts;	/* restarts after it exited by itself */
};

struct supervisor {
	const char	*rundir;	/* borrowed */
	char		 pidpath[PATH_MAX];
	char		 statuspath[PATH_MAX];
	struct sockaddr_un gate_addr;
	struct daemon	*daemons;
	size_t		 ndaemons;
	struct daemon	*gate;		/* cfgd, or NULL if not supervised */
	enum phase	 phase;
	int64_t		 deadline;	/* for the gate, or for SIGKILL */
	int64_t		 next_probe;
	int		 killed;	/* stragglers got SIGKILL */
	int		 sigfd;
	int		 lockfd;
	int		 devnull;
	int		 readyfd;	/* -1 once ready was sent */
	int		 dirty;		/* status file needs rewriting */
	pid_t		 self;
	int		 limit_caps;
};

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sv_path(char *buf, size_t len, const char *dir, const char *name)
{
	if (rundir_path(buf, len, dir, name) != 0)
		fatalx("%s: path too long: %s/%s", __func__, dir, name);
}

/* Holds the run directory's lock until exit, then writes the pid file. */
static void
sv_lock(struct supervisor *sv)
{
	char	 path[PATH_MAX], pid[32];
	int	 n, rc;

	sv_path(path, sizeof(path), sv->rundir, SUPERVISE_LOCK);
	if ((sv->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) == -1)
		fatal("%s: open %s", __func__, path);
	if (flock(sv->lockfd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK)
			fatalx("%s: another supervisor holds %s", __func__,
			    path);
		fatal("%s: flock %s", __func__, path);
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if ((rc = atomicfile_write(sv->pidpath, pid, (size_t)n, 0644)) != 0)
		fatalx("%s: write %s: %s", __func__, sv->pidpath,
		    strerror(-rc));
}

/*
 * Blocks the signals we handle and reads them from a signalfd instead, so
 * there is no handler and no global.  Children get the mask back before
 * exec (child_exec).
 */
static void
sv_signals(struct supervisor *sv)
{
	sigset_t	 set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL) == -1)
		fatal("%s: sigprocmask", __func__);
	if ((sv->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) == -1)
		fatal("%s: signalfd", __func__);
	/* The ready pipe's reader may be gone; that is not our death. */
	signal(SIGPIPE, SIG_IGN);
}

static void
sv_init(struct supervisor *sv, const struct supervise_config *cfg)
{
	struct daemon	*d;
	char		 name[PATH_MAX];
	size_t		 i;

	memset(sv, 0, sizeof(*sv));
	sv->rundir = cfg->rundir;
	sv->limit_caps = cfg->limit_caps;
	sv->readyfd = cfg->readyfd;
	sv->lockfd = sv->sigfd = -1;
	sv->self = getpid();
	sv_path(sv->pidpath, sizeof(sv->pidpath), sv->rundir,
	    RUNDIR_SUPERVISOR_PID);
	sv_path(sv->statuspath, sizeof(sv->statuspath), sv->rundir,
	    SUPERVISE_STATUS);

	sv->ndaemons = cfg->ndaemons;
	sv->daemons = xcalloc(sv->ndaemons, sizeof(*sv->daemons));
	for (i = 0; i < sv->ndaemons; i++) {
		d = &sv->daemons[i];
		d->name = cfg->daemons[i].name;
		d->backoff_ms = BACKOFF_MIN_MS;
		if (strlen(cfg->daemons[i].path) >= sizeof(d->path))
			fatalx("%s: path too long: %s", __func__,
			    cfg->daemons[i].path);
		strcpy(d->path, cfg->daemons[i].path);
		snprintf(name, sizeof(name), "%s/%s.log", RUNDIR_LOGDIR,
		    d->name);
		sv_path(d->logpath, sizeof(d->logpath), sv->rundir, name);
		if (strcmp(d->name, SUPERVISE_GATE) == 0)
			sv->gate = d;
	}
	if (sv->gate != NULL) {
		sv->gate_addr.sun_family = AF_UNIX;
		if (rundir_path(sv->gate_addr.sun_path,
		    sizeof(sv->gate_addr.sun_path), sv->rundir,
		    RUNDIR_CFGD_SOCK) != 0)
			fatalx("%s: socket path too long: %s/%s", __func__,
			    sv->rundir, RUNDIR_CFGD_SOCK);
	}
	if ((sv->devnull = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1)
		fatal("%s: open /dev/null", __func__);
	sv_lock(sv);
	sv_signals(sv);
}

/* One line per daemon: name state pid start-time restarts. */
static void
sv_write_status(struct supervisor *sv)
{
	char		 buf[SUPERVISE_MAX_DAEMONS * 128];
	struct daemon	*d;
	size_t		 i, len = 0;
	int		 n, rc;

	for (i = 0; i < sv->ndaemons && i < SUPERVISE_MAX_DAEMONS; i++) {
		d = &sv->daemons[i];
		n = snprintf(buf + len, sizeof(buf) - len,
		    "%s %s %ld %lld %u\n", d->name, dstate_names[d->state],
		    (long)d->pid,
		    d->pid != 0 ? (long long)d->started_wall : 0LL,
		    d->restarts);
		if (n < 0 || (size_t)n >= sizeof(buf) - len)
			break;
		len += (size_t)n;
	}
	if ((rc = atomicfile_write(sv->statuspath, buf, len, 0644)) != 0)
		log_warnx("%s: write %s: %s", __func__, sv->statuspath,
		    strerror(-rc));
	sv->dirty = 0;
}

static void
sv_notify_ready(struct supervisor *sv)
{
	ssize_t	 n;

	log_info("router ready");
	if (sv->readyfd == -1)
		return;
	n = write(sv->readyfd, SUPERVISE_READY, strlen(SUPERVISE_READY));
	if (n == -1)
		log_warn("%s: ready pipe", __func__);
	close(sv->readyfd);
	sv->readyfd = -1;
}

/* In the child between fork and exec: never returns. */
static void __attribute__((noreturn))
child_exec(const struct supervisor *sv, const struct daemon *d, int logfd,
    int errfd)
{
	char		*argv[4];
	sigset_t	 none;
	ssize_t		 n;
	int		 e;

	argv[0] = (char *)d->path;
	argv[1] = (char *)"--rundir";
	argv[2] = (char *)sv->rundir;
	argv[3] = NULL;
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Its own process group: terminal signals reach only us, and a
	 * SIGKILL to the group takes whatever it spawned along. */
	setpgid(0, 0);
	/* If the supervisor is killed outright, its daemons follow. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != sv->self)
		_exit(127);
	if (dup2(sv->devnull, STDIN_FILENO) == -1 ||
	    dup2(logfd, STDOUT_FILENO) == -1 ||
	    dup2(logfd, STDERR_FILENO) == -1)
		goto fail;
	if (sv->limit_caps && (e = caps_limit(d->name)) < 0) {
		errno = -e;
		goto fail;
	}
	execv(argv[0], argv);
fail:
	e = errno;
	n = write(errfd, &e, sizeof(e));
	(void)n;
	_exit(127);
}

static void	daemon_schedule(struct supervisor *, struct daemon *,
		    const char *);

/*
 * Starts one daemon and learns whether exec worked through a close-on-exec
 * pipe: EOF means it did, an errno means it did not.
 */
static void
daemon_spawn(struct supervisor *sv, struct daemon *d)
{
	char	 stamp[32];
	time_t	 t;
	ssize_t	 n;
	pid_t	 pid;
	int	 ep[2] = { -1, -1 }, logfd, e = 0;

	if ((logfd = open(d->logpath, O_WRONLY | O_APPEND | O_CREAT |
	    O_CLOEXEC, 0644)) == -1) {
		log_warn("%s: open %s", d->name, d->logpath);
		daemon_schedule(sv, d, "no log file");
		return;
	}
	t = time(NULL);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", localtime(&t));
	dprintf(logfd, "%s routerctl: starting %s\n", stamp, d->path);
	if (pipe2(ep, O_CLOEXEC) == -1 || (pid = fork()) == -1) {
		log_warn("%s: cannot start", d->name);
		if (ep[0] != -1) {
			close(ep[0]);
			close(ep[1]);
		}
		close(logfd);
		daemon_schedule(sv, d, "fork failed");
		return;
	}
	if (pid == 0)
		child_exec(sv, d, logfd, ep[1]);
	close(ep[1]);
	do
		n = read(ep[0], &e, sizeof(e));
	while (n == -1 && errno == EINTR);
	close(ep[0]);
	if (n == (ssize_t)sizeof(e)) {
		/* The child exits 127; SIGCHLD schedules the retry. */
		log_warnx("%s: cannot execute %s: %s", d->name, d->path,
		    strerror(e));
		dprintf(logfd, "%s routerctl: cannot execute %s: %s\n", stamp,
		    d->path, strerror(e));
	} else
		log_info("%s started, pid %ld", d->name, (long)pid);
	close(logfd);
	d->pid = pid;
	d->state = D_RUNNING;
	d->started = now_ms();
	d->started_wall = t;
	sv->dirty = 1;
}

/* The daemon is down by itself (how says why): restart it after back-off. */
static void
daemon_schedule(struct supervisor *sv, struct daemon *d, const char *how)
{
	int64_t	 now = now_ms();

	if (d->state == D_RUNNING && now - d->started >= STABLE_MS)
		d->backoff_ms = BACKOFF_MIN_MS;
	d->pid = 0;
	d->restarts++;
	d->state = D_BACKOFF;
	d->restart_at = now + d->backoff_ms;
	log_warnx("%s %s, restart %u in %.1f s", d->name, how, d->restarts,
	    d->backoff_ms / 1000.0);
	d->backoff_ms *= 2;
	if (d->backoff_ms > BACKOFF_MAX_MS)
		d->backoff_ms = BACKOFF_MAX_MS;
	sv->dirty = 1;
}

static void
daemon_exited(struct supervisor *sv, struct daemon *d, int status)
{
	char	 how[64];

	if (WIFSIGNALED(status))
		snprintf(how, sizeof(how), "exited (signal %d)",
		    WTERMSIG(status));
	else
		snprintf(how, sizeof(how), "exited (status %d)",
		    WEXITSTATUS(status));
	if (d->state == D_STOPPING || sv->phase == P_STOPPING ||
	    sv->phase == P_RELOADING) {
		log_info("%s %s", d->name, how);
		d->pid = 0;
		d->state = D_STOPPED;
		sv->dirty = 1;
		return;
	}
	daemon_schedule(sv, d, how);
}

static void
sv_reap(struct supervisor *sv)
{
	pid_t	 pid;
	size_t	 i;
	int	 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < sv->ndaemons; i++)
			if (sv->daemons[i].pid == pid)
				break;
		if (i < sv->ndaemons)
			daemon_exited(sv, &sv->daemons[i], status);
	}
	if (pid == -1 && errno != ECHILD)
		log_warn("%s: waitpid", __func__);
}

static int
sv_all_down(const struct supervisor *sv)
{
	size_t	 i;

	for (i = 0; i < sv->ndaemons; i++)
		if (sv->daemons[i].pid != 0)
			return 0;
	return 1;
}

/* The others may start: cfgd is ready (or we gave up waiting for it). */
static void
sv_release(struct supervisor *sv, int ready)
{
	size_t	 i;

	sv->phase = P_RUNNING;
	for (i = 0; i < sv->ndaemons; i++)
		if (sv->daemons[i].state == D_HELD)
			daemon_spawn(sv, &sv->daemons[i]);
	/* Whoever waits for ready may run `status` at once: the file must
	 * already show the others running, not held. */
	sv_write_status(sv);
	if (ready)
		sv_notify_ready(sv);
}

/* Starts every daemon from scratch: at boot and after a reload. */
static void
sv_start(struct supervisor *sv)
{
	struct daemon	*d;
	size_t		 i;

	sv->phase = P_STARTING;
	sv->deadline = now_ms() + GATE_MS;
	sv->next_probe = now_ms() + PROBE_MS;
	sv->killed = 0;
	for (i = 0; i < sv->ndaemons; i++) {
		d = &sv->daemons[i];
		d->backoff_ms = BACKOFF_MIN_MS;
		d->state = D_HELD;
	}
	if (sv->gate != NULL)
		daemon_spawn(sv, sv->gate);
	else
		sv_release(sv, 1);
	sv->dirty = 1;
}

/* SIGTERM to every daemon; phase says what happens once all are down. */
static void
sv_terminate(struct supervisor *sv, enum phase phase)
{
	struct daemon	*d;
	size_t		 i;

	if (sv->phase != P_RELOADING && sv->phase != P_STOPPING) {
		sv->deadline = now_ms() + GRACE_MS;
		sv->killed = 0;
	}
	sv->phase = phase;
	for (i = 0; i < sv->ndaemons; i++) {
		d = &sv->daemons[i];
		if (d->state == D_RUNNING) {
			if (kill(d->pid, SIGTERM) == -1)
				log_warn("%s: kill %s (pid %ld)", __func__,
				    d->name, (long)d->pid);
			d->state = D_STOPPING;
		} else if (d->state != D_STOPPING)
			d->state = D_STOPPED;
	}
	sv->dirty = 1;
}

static void
sv_kill_stragglers(struct supervisor *sv)
{
	struct daemon	*d;
	size_t		 i;

	for (i = 0; i < sv->ndaemons; i++) {
		d = &sv->daemons[i];
		if (d->pid == 0)
			continue;
		log_warnx("%s (pid %ld) still running after %d s: SIGKILL",
		    d->name, (long)d->pid, GRACE_MS / 1000);
		kill(-d->pid, SIGKILL);
		kill(d->pid, SIGKILL);
	}
	sv->killed = 1;
}

static void
sv_read_signals(struct supervisor *sv)
{
	struct signalfd_siginfo	 si;
	ssize_t			 n;

	while ((n = read(sv->sigfd, &si, sizeof(si))) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGHUP:
			if (sv->phase == P_STOPPING ||
			    sv->phase == P_RELOADING)
				break;
			log_info("SIGHUP: restarting all daemons");
			sv_terminate(sv, P_RELOADING);
			break;
		case SIGTERM:
		case SIGINT:
			if (sv->phase != P_STOPPING)
				log_info("%s: stopping",
				    si.ssi_signo == SIGTERM ? "SIGTERM" :
				    "SIGINT");
			sv_terminate(sv, P_STOPPING);
			break;
		default:
			/* SIGCHLD: reaped below, whatever the batch held. */
			break;
		}
	}
	if (n == -1 && errno != EAGAIN && errno != EINTR)
		log_warn("%s: read", __func__);
	sv_reap(sv);
}

/* Whether cfgd accepts a connection; it sees one connect and close. */
static int
sv_probe(const struct supervisor *sv)
{
	int	 fd, ok;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		log_warn("%s: socket", __func__);
		return 0;
	}
	ok = connect(fd, (const struct sockaddr *)&sv->gate_addr,
	    sizeof(sv->gate_addr)) == 0;
	close(fd);
	return ok;
}

static void
sv_timers(struct supervisor *sv)
{
	struct daemon	*d;
	int64_t		 now = now_ms();
	size_t		 i;

	if (sv->phase == P_STARTING && sv->gate != NULL &&
	    sv->gate->state == D_RUNNING && now >= sv->next_probe) {
		if (sv_probe(sv)) {
			sv_release(sv, 1);
			return;
		}
		sv->next_probe = now + PROBE_MS;
	}
	if (sv->phase == P_STARTING && now >= sv->deadline) {
		log_warnx("%s not accepting connections on %s after %d s; "
		    "starting the others anyway", SUPERVISE_GATE,
		    sv->gate_addr.sun_path, GATE_MS / 1000);
		sv_release(sv, 0);
	}
	if ((sv->phase == P_STOPPING || sv->phase == P_RELOADING) &&
	    !sv->killed && now >= sv->deadline)
		sv_kill_stragglers(sv);
	for (i = 0; i < sv->ndaemons; i++) {
		d = &sv->daemons[i];
		if (d->state == D_BACKOFF && now >= d->restart_at)
			daemon_spawn(sv, d);
	}
}

/* Milliseconds until the next timer is due, for poll(); -1 for none. */
static int
sv_timeout(const struct supervisor *sv)
{
	int64_t	 next = NEVER, now = now_ms();
	size_t	 i;

	if (sv->phase == P_STARTING) {
		next = sv->deadline;
		if (sv->gate != NULL && sv->gate->state == D_RUNNING &&
		    sv->next_probe < next)
			next = sv->next_probe;
	} else if ((sv->phase == P_STOPPING || sv->phase == P_RELOADING) &&
	    !sv->killed)
		next = sv->deadline;
	for (i = 0; i < sv->ndaemons; i++)
		if (sv->daemons[i].state == D_BACKOFF &&
		    sv->daemons[i].restart_at < next)
			next = sv->daemons[i].restart_at;
	if (next == NEVER)
		return -1;
	if (next <= now)
		return 0;
	if (next - now > INT_MAX)
		return INT_MAX;
	return (int)(next - now);
}

static void
sv_cleanup(struct supervisor *sv)
{
	if (unlink(sv->pidpath) == -1 && errno != ENOENT)
		log_warn("%s: unlink %s", __func__, sv->pidpath);
	if (unlink(sv->statuspath) == -1 && errno != ENOENT)
		log_warn("%s: unlink %s", __func__, sv->statuspath);
	if (sv->readyfd != -1)
		close(sv->readyfd);
	close(sv->sigfd);
	close(sv->devnull);
	/* Closing the lock file releases the lock; the file stays, since
	 * removing a lock file races with the next supervisor taking it. */
	close(sv->lockfd);
	free(sv->daemons);
}

int
supervise_run(const struct supervise_config *cfg)
{
	struct supervisor	 sv;
	struct pollfd		 pfd;

	sv_init(&sv, cfg);
	log_info("supervising %zu daemons in %s", sv.ndaemons, sv.rundir);
	sv_start(&sv);
	while (sv.phase != P_STOPPING || !sv_all_down(&sv)) {
		if (sv.dirty)
			sv_write_status(&sv);
		pfd.fd = sv.sigfd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, sv_timeout(&sv)) == -1 && errno != EINTR)
			fatal("%s: poll", __func__);
		if (pfd.revents & POLLIN)
			sv_read_signals(&sv);
		sv_timers(&sv);
		if (sv.phase == P_RELOADING && sv_all_down(&sv))
			sv_start(&sv);
	}
	sv_cleanup(&sv);
	log_info("stopped");
	return 0;
}
