/*
 * routerctl: start, stop and query one router's supervisor.
 *
 * Everything is keyed by the run directory: the supervisor's pid file,
 * status file, lock and logs live in it, so routers side by side (one per
 * network namespace) never meet.  The supervisor itself is supervise.c;
 * this file is the command line, the daemonising and the waiting.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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
#include "platform/lab.h"
#include "platform/log.h"
#include "platform/rundir.h"
#include "platform/supervise.h"

#define DEFAULT_DAEMONS	"cfgd,lispd,vtyd"
#define READY_MS	10000	/* start: longest wait for the router */
#define STOP_MS		10000	/* stop: longest wait for the supervisor */
#define TAIL_LINES	10
#define EXIT_USAGE	2
#define EXIT_NOT_RUNNING 3	/* status, as LSB init scripts do */

struct ctl {
	char		 rundir[PATH_MAX];	/* absolute once resolved */
	char		 bindir[PATH_MAX];	/* absolute */
	int		 bindir_given;		/* --bindir: only there */
	char		 pidpath[PATH_MAX];
	char		 statuspath[PATH_MAX];
	const char	*names[SUPERVISE_MAX_DAEMONS];	/* into namebuf */
	size_t		 nnames;
	char		 namebuf[SUPERVISE_MAX_DAEMONS * SUPERVISE_NAME_MAX];
	char		 paths[SUPERVISE_MAX_DAEMONS][PATH_MAX];
	int		 foreground;
	int		 limit_caps;		/* --limit-caps */
};

/*
 * Where a build tree keeps each program, relative to its top: programs
 * live in their folders (cfg/cfgd, cli/vtyd, platform/routerctl).  An
 * install puts them all in sbindir, beside routerctl.
 */
static const char *const tree_dirs[] = { "cfg", "lispd", "cli", "platform" };

static const char usage_text[] =
"usage: routerctl start|stop|status|restart [--rundir DIR] [--bindir DIR]\n"
"                 [--daemons LIST] [--foreground] [--limit-caps]\n"
"       routerctl lab up|down|status|move-vm|shell|ssh|exec ...\n"
"\n"
"Supervises one router's daemons.  Everything is kept in its run directory,\n"
"so several routers run side by side, one per run directory.\n"
"\n"
"  start    Start the supervisor and return once the router is ready: cfgd\n"
"           accepts a connection on DIR/cfgd.sock (without cfgd in the list:\n"
"           every daemon has been started).  The other daemons start once\n"
"           cfgd is ready.  Exit 1 if a supervisor for DIR is already\n"
"           running, or if the router is not ready within 10 s (the\n"
"           supervisor is then stopped and the tail of cfgd's log shown).\n"
"  stop     SIGTERM the supervisor, which stops its daemons (SIGTERM, then\n"
"           SIGKILL after 5 s), and wait up to 10 s for it to exit.  Exit 0\n"
"           also if it was not running; a stale pid file is removed.\n"
"  status   Print each daemon's state, pid, uptime and restart count.\n"
"           Exit 0 if the supervisor is running, 3 if not.\n"
"  restart  stop, then start.\n"
"\n"
"  --rundir DIR    run directory (default $LISPROUTER_RUNDIR, else\n"
"                  " RUNDIR_DEFAULT "); created by start if missing\n"
"  --bindir DIR    where the daemon programs are (default: the directory\n"
"                  this routerctl program is in, or in a build tree the\n"
"                  program's folder: cfg/cfgd, lispd/lispd, cli/vtyd)\n"
"  --daemons LIST  comma-separated daemons, in start order (default\n"
"                  cfgd,lispd,vtyd)\n"
"  --foreground    start: run the supervisor in this process, logging to\n"
"                  stderr, instead of as a daemon\n"
"  --limit-caps    start: run as root, each daemon keeps only the\n"
"                  capabilities it needs (cfgd: NET_ADMIN, NET_RAW, BPF;\n"
"                  lispd: NET_ADMIN, NET_RAW; vtyd: NET_BIND_SERVICE,\n"
"                  SETUID, SETGID, KILL); needs CAP_SETPCAP\n"
"  -h, --help      print this help\n"
"\n"
"The supervisor runs each daemon as \"BINDIR/NAME --rundir DIR\", stdin\n"
"/dev/null, output appended to DIR/log/NAME.log.  A daemon that exits is\n"
"restarted after 0.1 s, doubling to 5 s, back to 0.1 s once it has stayed\n"
"up 10 s; its restart count counts these restarts.  SIGHUP restarts every\n"
"daemon, cfgd first; SIGTERM or SIGINT stops them all and the supervisor.\n"
"Files: DIR/routerctl.pid, DIR/routerctl.status, DIR/routerctl.lock,\n"
"DIR/log/routerctl.log.\n"
"\n"
"routerctl lab ... builds a lab of routers in network namespaces from a\n"
"topology file; \"routerctl lab --help\" tells more.\n";

static void __attribute__((noreturn))
usage(int status)
{
	fputs(usage_text, status == 0 ? stdout : stderr);
	exit(status);
}

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
ctl_path(char *buf, size_t len, const char *dir, const char *name)
{
	if (rundir_path(buf, len, dir, name) != 0)
		errx(1, "path too long: %s/%s", dir, name);
}

/* Reads a small file (from /proc) into buf, NUL-terminated; -1 on error. */
static ssize_t
read_small(const char *path, char *buf, size_t len)
{
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/*
 * Whether pid is a live routerctl.  kill(pid, 0) alone is fooled by a
 * zombie (whoever inherits the supervisor may not reap it) and by a pid
 * reused after a stale pid file, so look at /proc when we can.
 */
static int
supervisor_alive(pid_t pid)
{
	char	 path[64], buf[512], self[64];
	char	*p;

	if (pid <= 0 || (kill(pid, 0) == -1 && errno != EPERM))
		return 0;
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if (read_small(path, buf, sizeof(buf)) <= 0)
		return 1;
	if ((p = strrchr(buf, ')')) != NULL && (p[2] == 'Z' || p[2] == 'X'))
		return 0;
	snprintf(path, sizeof(path), "/proc/%ld/comm", (long)pid);
	if (read_small(path, buf, sizeof(buf)) <= 0 ||
	    read_small("/proc/self/comm", self, sizeof(self)) <= 0)
		return 1;
	return strcmp(buf, self) == 0;
}

/* The running supervisor's pid, or 0; *stale tells a pid file is left. */
static pid_t
ctl_running(const struct ctl *ctl, int *stale)
{
	char	*buf, *end;
	size_t	 len;
	long	 pid;

	*stale = 0;
	if (atomicfile_read(ctl->pidpath, &buf, &len, 64) != 0)
		return 0;
	errno = 0;
	pid = strtol(buf, &end, 10);
	if (errno != 0 || end == buf || pid <= 0 || pid > INT_MAX)
		pid = 0;
	free(buf);
	if (supervisor_alive((pid_t)pid))
		return (pid_t)pid;
	*stale = 1;
	return 0;
}

static void
ctl_remove_stale(const struct ctl *ctl)
{
	unlink(ctl->pidpath);
	unlink(ctl->statuspath);
}

/* Resolves the run directory to an absolute path; start creates it. */
static int
ctl_resolve(struct ctl *ctl, const char *opt, int create)
{
	const char	*dir = rundir_resolve(opt);
	int		 rc, exists = 1;

	if (create && (rc = rundir_make(dir)) != 0)
		errx(1, "run directory %s: %s", dir, strerror(-rc));
	if (realpath(dir, ctl->rundir) == NULL) {
		if (create || errno != ENOENT)
			err(1, "run directory %s", dir);
		/* Nothing runs there; keep the name for messages. */
		if (strlen(dir) >= sizeof(ctl->rundir))
			errx(1, "run directory too long: %s", dir);
		strcpy(ctl->rundir, dir);
		exists = 0;
	}
	ctl_path(ctl->pidpath, sizeof(ctl->pidpath), ctl->rundir,
	    RUNDIR_SUPERVISOR_PID);
	ctl_path(ctl->statuspath, sizeof(ctl->statuspath), ctl->rundir,
	    SUPERVISE_STATUS);
	return exists;
}

/* --bindir, else the directory this program was run from. */
static void
ctl_set_bindir(struct ctl *ctl, const char *opt)
{
	char	 exe[PATH_MAX];
	char	*slash;
	ssize_t	 n;

	ctl->bindir_given = opt != NULL;
	if (opt == NULL) {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n <= 0)
			err(1, "cannot find my own directory (use --bindir)");
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		opt = exe[0] != '\0' ? exe : "/";
	}
	if (realpath(opt, ctl->bindir) == NULL)
		err(1, "bindir %s", opt);
}

static int
valid_name(const char *name)
{
	size_t	 len = strlen(name);

	if (len == 0 || len >= SUPERVISE_NAME_MAX || name[0] == '.' ||
	    name[0] == '-')
		return 0;
	return strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == len;
}

static void
ctl_set_daemons(struct ctl *ctl, const char *list)
{
	char	*rest, *name;
	size_t	 i;

	if (strlen(list) >= sizeof(ctl->namebuf))
		errx(EXIT_USAGE, "--daemons: list too long");
	strcpy(ctl->namebuf, list);
	ctl->nnames = 0;
	rest = ctl->namebuf;
	while ((name = strsep(&rest, ",")) != NULL) {
		if (!valid_name(name))
			errx(EXIT_USAGE, "--daemons: bad daemon name \"%s\"",
			    name);
		for (i = 0; i < ctl->nnames; i++)
			if (strcmp(ctl->names[i], name) == 0)
				errx(EXIT_USAGE, "--daemons: %s twice", name);
		if (ctl->nnames == SUPERVISE_MAX_DAEMONS)
			errx(EXIT_USAGE, "--daemons: more than %d daemons",
			    SUPERVISE_MAX_DAEMONS);
		ctl->names[ctl->nnames++] = name;
	}
}

/* Prints the last lines of a log to stderr, to say why a start failed. */
static void
print_tail(const char *path)
{
	char	 buf[4096];
	char	*p;
	off_t	 size;
	ssize_t	 n;
	int	 fd, lines = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		warn("%s", path);
		return;
	}
	size = lseek(fd, 0, SEEK_END) - (off_t)(sizeof(buf) - 1);
	n = pread(fd, buf, sizeof(buf) - 1, size > 0 ? size : 0);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	p = buf + n;
	if (p[-1] == '\n')
		p--;
	while (p > buf && !(p[-1] == '\n' && ++lines == TAIL_LINES))
		p--;
	fprintf(stderr, "routerctl: last lines of %s:\n%s%s", path, p,
	    buf[n - 1] == '\n' ? "" : "\n");
}

/* Waits for pid to be gone: a pidfd where the kernel has one, else polls. */
static int
wait_gone(pid_t pid, int ms)
{
	struct pollfd	 pfd;
	int64_t		 deadline = now_ms() + ms, left;
	int		 fd = -1;

#ifdef SYS_pidfd_open
	fd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
	while (supervisor_alive(pid)) {
		if ((left = deadline - now_ms()) <= 0)
			break;
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (fd != -1)
			poll(&pfd, 1, (int)left);
		else
			poll(NULL, 0, left < 50 ? (int)left : 50);
	}
	if (fd != -1)
		close(fd);
	return supervisor_alive(pid) ? -1 : 0;
}

static int
ctl_terminate(pid_t pid)
{
	if (kill(pid, SIGTERM) == -1 && errno != ESRCH)
		err(1, "kill %ld", (long)pid);
	if (wait_gone(pid, STOP_MS) == -1) {
		warnx("supervisor (pid %ld) still running after %d s",
		    (long)pid, STOP_MS / 1000);
		return 1;
	}
	return 0;
}

/*
 * Becomes the supervisor daemon: a new session, a second fork so it is
 * not a session leader, no hold on any directory, output to its log.
 * Returns in the supervisor only.
 */
static void
daemonise(const struct ctl *ctl)
{
	char	 logpath[PATH_MAX];
	int	 fd;

	if (setsid() == -1)
		_exit(1);
	switch (fork()) {
	case -1:
		_exit(1);
	case 0:
		break;
	default:
		_exit(0);
	}
	if (chdir("/") == -1)
		_exit(1);
	ctl_path(logpath, sizeof(logpath), ctl->rundir, SUPERVISE_LOG);
	if ((fd = open("/dev/null", O_RDONLY)) == -1 ||
	    dup2(fd, STDIN_FILENO) == -1)
		_exit(1);
	close(fd);
	if ((fd = open(logpath, O_WRONLY | O_APPEND | O_CREAT, 0644)) == -1 ||
	    dup2(fd, STDOUT_FILENO) == -1 || dup2(fd, STDERR_FILENO) == -1)
		_exit(1);
	close(fd);
	log_init("routerctl", logpath, 0);
}

/* After a failed start: say why, show the log that explains it, clean up. */
static int
start_failed(const struct ctl *ctl, int timed_out)
{
	char	 log[PATH_MAX], name[PATH_MAX];
	pid_t	 pid;
	size_t	 i;
	int	 stale, gated = 0;

	for (i = 0; i < ctl->nnames; i++)
		if (strcmp(ctl->names[i], SUPERVISE_GATE) == 0)
			gated = 1;
	if (timed_out && gated)
		warnx("router not ready after %d s: %s not accepting "
		    "connections on %s/%s", READY_MS / 1000, SUPERVISE_GATE,
		    ctl->rundir, RUNDIR_CFGD_SOCK);
	else if (timed_out)
		warnx("router not ready after %d s", READY_MS / 1000);
	else
		warnx("supervisor exited before the router was ready");
	if (timed_out && gated) {
		snprintf(name, sizeof(name), "%s/%s.log", RUNDIR_LOGDIR,
		    SUPERVISE_GATE);
		ctl_path(log, sizeof(log), ctl->rundir, name);
	} else
		ctl_path(log, sizeof(log), ctl->rundir, SUPERVISE_LOG);
	print_tail(log);
	if ((pid = ctl_running(ctl, &stale)) != 0) {
		warnx("stopping the supervisor (pid %ld)", (long)pid);
		ctl_terminate(pid);
	}
	return 1;
}

/* Reads the supervisor's ready message, within READY_MS. */
static int
wait_ready(const struct ctl *ctl, int fd)
{
	struct pollfd	 pfd;
	char		 buf[64];
	int64_t		 deadline = now_ms() + READY_MS, left;
	size_t		 len = 0;
	ssize_t		 n;

	for (;;) {
		if ((left = deadline - now_ms()) <= 0)
			break;
		pfd.fd = fd;
		pfd.events = POLLIN;
		if ((n = poll(&pfd, 1, (int)left)) == -1 && errno != EINTR)
			err(1, "poll");
		if (n <= 0)
			continue;
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		if (strcmp(buf, SUPERVISE_READY) == 0) {
			close(fd);
			return 0;
		}
		if (len == sizeof(buf) - 1)
			break;
	}
	close(fd);
	return start_failed(ctl, left <= 0);
}

/*
 * Each daemon's program: BINDIR/NAME; without --bindir, when that is
 * missing, the same name in a build tree's folders next to ours.
 */
static void
ctl_find_programs(struct ctl *ctl)
{
	char		 top[PATH_MAX], alt[PATH_MAX], *slash;
	const char	*name;
	size_t		 i, j;
	int		 n;

	snprintf(top, sizeof(top), "%s", ctl->bindir);
	if ((slash = strrchr(top, '/')) != NULL)
		*slash = '\0';
	for (i = 0; i < ctl->nnames; i++) {
		name = ctl->names[i];
		ctl_path(ctl->paths[i], sizeof(ctl->paths[i]), ctl->bindir,
		    name);
		if (access(ctl->paths[i], X_OK) == 0)
			continue;
		for (j = 0; !ctl->bindir_given &&
		    j < sizeof(tree_dirs) / sizeof(tree_dirs[0]); j++) {
			n = snprintf(alt, sizeof(alt), "%s/%s/%s", top,
			    tree_dirs[j], name);
			if (n > 0 && (size_t)n < sizeof(alt) &&
			    access(alt, X_OK) == 0) {
				memcpy(ctl->paths[i], alt, (size_t)n + 1);
				break;
			}
		}
		if (access(ctl->paths[i], X_OK) == -1)
			warn("warning: %s (the supervisor will keep retrying)",
			    ctl->paths[i]);
	}
}

static int
ctl_start(struct ctl *ctl)
{
	struct supervise_daemon	 daemons[SUPERVISE_MAX_DAEMONS];
	struct supervise_config	 cfg;
	pid_t			 pid;
	size_t			 i;
	int			 p[2], stale;

	if ((pid = ctl_running(ctl, &stale)) != 0) {
		warnx("already running (pid %ld)", (long)pid);
		return 1;
	}
	if (stale)
		ctl_remove_stale(ctl);
	ctl_find_programs(ctl);
	for (i = 0; i < ctl->nnames; i++) {
		daemons[i].name = ctl->names[i];
		daemons[i].path = ctl->paths[i];
	}
	cfg.rundir = ctl->rundir;
	cfg.daemons = daemons;
	cfg.ndaemons = ctl->nnames;
	cfg.readyfd = -1;
	cfg.limit_caps = ctl->limit_caps;
	if (ctl->foreground) {
		log_init("routerctl", NULL, 0);
		return supervise_run(&cfg);
	}
	if (pipe2(p, O_CLOEXEC) == -1)
		err(1, "pipe");
	fflush(NULL);
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		close(p[0]);
		daemonise(ctl);
		cfg.readyfd = p[1];
		exit(supervise_run(&cfg));
	}
	close(p[1]);
	/* The first child exits at once, leaving the supervisor orphaned. */
	while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		;
	return wait_ready(ctl, p[0]);
}

static int
ctl_stop(struct ctl *ctl)
{
	pid_t	 pid;
	int	 stale;

	if ((pid = ctl_running(ctl, &stale)) == 0) {
		if (stale)
			ctl_remove_stale(ctl);
		warnx("not running");
		return 0;
	}
	return ctl_terminate(pid);
}

static void
format_uptime(char *buf, size_t len, long long s)
{
	if (s < 60)
		snprintf(buf, len, "%llds", s);
	else if (s < 3600)
		snprintf(buf, len, "%lldm%02llds", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, len, "%lldh%02lldm", s / 3600, s / 60 % 60);
	else
		snprintf(buf, len, "%lldd%02lldh", s / 86400, s / 3600 % 24);
}

static void
print_status_line(const char *line, time_t now)
{
	char		 name[SUPERVISE_NAME_MAX], state[16], pid[32], up[32];
	long long	 started;
	long		 p;
	unsigned int	 restarts;

	if (sscanf(line, "%31s %15s %ld %lld %u", name, state, &p, &started,
	    &restarts) != 5)
		return;
	snprintf(pid, sizeof(pid), "-");
	snprintf(up, sizeof(up), "-");
	if (p > 0) {
		snprintf(pid, sizeof(pid), "%ld", p);
		format_uptime(up, sizeof(up),
		    now > started ? (long long)now - started : 0);
	}
	printf("%-8s %-8s pid %-6s up %-6s restarts %u\n", name, state, pid,
	    up, restarts);
}

static int
ctl_status(struct ctl *ctl)
{
	char	*buf, *line, *rest;
	size_t	 len;
	pid_t	 pid;
	time_t	 now = time(NULL);
	int	 stale, rc;

	if ((pid = ctl_running(ctl, &stale)) == 0) {
		printf("routerctl: not running%s\n",
		    stale ? " (stale pid file)" : "");
		return EXIT_NOT_RUNNING;
	}
	printf("routerctl running  pid %ld  %s\n", (long)pid, ctl->rundir);
	if ((rc = atomicfile_read(ctl->statuspath, &buf, &len, 65536)) != 0) {
		printf("(no daemon status yet: %s)\n", strerror(-rc));
		return 0;
	}
	rest = buf;
	while ((line = strsep(&rest, "\n")) != NULL)
		print_status_line(line, now);
	free(buf);
	return 0;
}

static int
ctl_restart(struct ctl *ctl)
{
	int	 rc;

	if ((rc = ctl_stop(ctl)) != 0)
		return rc;
	return ctl_start(ctl);
}

static const struct command {
	const char	*name;
	int		 (*run)(struct ctl *);
	int		 create;	/* creates the run directory */
} commands[] = {
	{ "start",	ctl_start,	1 },
	{ "stop",	ctl_stop,	0 },
	{ "status",	ctl_status,	0 },
	{ "restart",	ctl_restart,	1 },
};

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "rundir",	required_argument,	NULL, 'r' },
		{ "bindir",	required_argument,	NULL, 'b' },
		{ "daemons",	required_argument,	NULL, 'd' },
		{ "foreground",	no_argument,		NULL, 'f' },
		{ "limit-caps",	no_argument,		NULL, 'C' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 },
	};
	const struct command	*cmd = NULL;
	struct ctl		 ctl;
	const char		*rundir = NULL, *bindir = NULL;
	const char		*daemons = DEFAULT_DAEMONS;
	size_t			 i;
	int			 ch;

	memset(&ctl, 0, sizeof(ctl));
	if (argc > 1 && strcmp(argv[1], "lab") == 0) {
		char	 self[PATH_MAX];
		ssize_t	 n;

		if ((n = readlink("/proc/self/exe", self,
		    sizeof(self) - 1)) <= 0)
			err(1, "cannot find my own program");
		self[n] = '\0';
		return lab_main(argc - 1, argv + 1, self);
	}
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			rundir = optarg;
			break;
		case 'b':
			bindir = optarg;
			break;
		case 'd':
			daemons = optarg;
			break;
		case 'f':
			ctl.foreground = 1;
			break;
		case 'C':
			ctl.limit_caps = 1;
			break;
		case 'h':
			usage(0);
		default:
			usage(EXIT_USAGE);
		}
	}
	if (argc - optind != 1)
		usage(EXIT_USAGE);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		warnx("unknown command \"%s\"", argv[optind]);
		usage(EXIT_USAGE);
	}
	ctl_set_daemons(&ctl, daemons);
	if (cmd->create)
		ctl_set_bindir(&ctl, bindir);
	if (!ctl_resolve(&ctl, rundir, cmd->create)) {
		/* No run directory: nothing can be running in it. */
		if (cmd->run == ctl_status) {
			printf("routerctl: not running\n");
			return EXIT_NOT_RUNNING;
		}
		warnx("not running");
		return 0;
	}
	return cmd->run(&ctl);
}
