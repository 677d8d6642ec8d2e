/*
 * routerctl lab: the seed's lab (or any topology file) in network
 * namespaces on one machine.
 *
 * Layout: one namespace per router and host, "<LAB>-<node>"; a hub
 * namespace "<LAB>-hub" holds one Linux bridge per segment ("br-<seg>")
 * and the far ends of every link; a management namespace "<LAB>-mgmt"
 * (only when a router has a management address) stands for the operator's
 * station on the management segment.  Every veth is created directly
 * inside the namespaces it joins, so nothing of a lab ever appears in the
 * host's root namespace and labs side by side never clash on a device
 * name.  The hub ends are named from the topology (r<i>g<N> for router i's
 * GigabitEthernetN, h<i> for host i, mgmt), so every command can find them
 * again from the topology file alone.
 *
 * The plumbing runs iproute2's ip(8) as child processes rather than
 * speaking netlink: `ip netns add` owns the conventions other tools rely
 * on (the bind mount under /run/netns, the per-namespace /etc/netns), and
 * the commands we run are the ones a user would type to look at or repair
 * a lab, printed with --verbose.  None of it is on a fast path.
 *
 * State lives in <DIR>/<LAB>/ (DIR: --dir, $LISPROUTER_LAB_DIR, else
 * /run/lisprouter-lab): topology.lab (a copy of the file it was built
 * from), namespaces (a journal, one line per namespace created, written
 * just after each is made), one run directory per router, position.<host>,
 * the lab's SSH key pair and known_hosts.  `down` stops the routers,
 * kills whatever still runs in the lab's namespaces, deletes them and
 * removes the directory, using only what is on disk, so it also cleans up
 * after a crash of any part, `up` included.
 */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/atomicfile.h"
#include "platform/lab-topo.h"
#include "platform/lab.h"

#define LAB_DIR_DEFAULT	"/run/lisprouter-lab"
#define LAB_DIR_ENV	"LISPROUTER_LAB_DIR"
#define LAB_TOPO_FILE	"topology.lab"
#define LAB_NS_FILE	"namespaces"
#define LAB_SOURCE_FILE	"source"
#define LAB_KEY_FILE	"id_lab"
#define LAB_USER	"lab"
#define LAB_DOMAIN	"lab.example"
#define LAB_FILE_MAX	(4 * 1024 * 1024)
#define SSH_WAIT_MS	15000
#define KILL_WAIT_MS	5000
#define MAX_ARGS	64

#ifndef LAB_DATADIR
#define LAB_DATADIR	"/usr/share/lisprouter/lab"
#endif
#ifndef BINDIR
#define BINDIR		"/usr/bin"
#endif

const char lab_usage_text[] =
"usage: routerctl lab up [FILE] [--name LAB] [--dir DIR] [--verbose]\n"
"       routerctl lab down|status [--name LAB] [--dir DIR]\n"
"       routerctl lab move-vm POSITION [--cold|--warm] [--host HOST]\n"
"       routerctl lab shell ROUTER [cli arguments]\n"
"       routerctl lab ssh ROUTER [ssh arguments]\n"
"       routerctl lab exec NODE COMMAND [ARG...]\n"
"\n"
"A lab of routers and hosts in network namespaces, built from a topology\n"
"file (the seed's lab when FILE is not given; a FILE without a slash that\n"
"does not exist is looked for as LABDIR/FILE.lab).  LABDIR:\n"
"  " LAB_DATADIR "\n"
"(lab/ of the source tree when routerctl runs from a build tree).\n"
"Each router runs its own daemons (routerctl start) and is configured\n"
"only through its shell: the file's config block is pasted into `cli`,\n"
"then the lab adds its management lines (address, ip domain name,\n"
"crypto key generate rsa, user \"lab\" with the lab's SSH key) and\n"
"writes memory.\n"
"\n"
"  up       Build the lab and return once every router answers SSH;\n"
"           then each host with a gateway pings it once, as after a\n"
"           boot.\n"
"           Refused if the lab is up already; on any failure, or on\n"
"           Ctrl-C, whatever was built is taken down again.\n"
"  down     Stop the routers, kill what runs in the lab's namespaces,\n"
"           delete them and the lab's state directory.  Works after a\n"
"           crash of any part (daemons, or a half-built up).\n"
"  status   Routers (namespace, management address, daemons), hosts\n"
"           (namespace, address, segment: where the VM is).  Exit 0 if\n"
"           every part is there and running, 1 if a part is missing or\n"
"           stopped, 3 if the lab is not up.\n"
"  move-vm  Move the movable host (--host, else the only one) to the\n"
"           named position: its link leaves one segment's bridge for\n"
"           another's, same MAC, address and gateway.  --cold (default):\n"
"           the link goes down, the host's neighbour cache is flushed and\n"
"           it pings its gateway, as after a boot.  --warm (vMotion): the\n"
"           caches stay and the host sends a gratuitous ARP.\n"
"  shell    Run the router's shell (cli) in its namespace.\n"
"  ssh      SSH to the router's management address as \"lab\" with the\n"
"           lab's key, from the management namespace.\n"
"  exec     Run a command in a node's namespace (a router, a host, hub\n"
"           or mgmt).\n"
"\n"
"  --name LAB   the lab (namespaces LAB-NODE); default for up: the file's\n"
"               \"lab\" line; otherwise the only lab that is up\n"
"  --dir DIR    where labs keep their state (default $LISPROUTER_LAB_DIR,\n"
"               else /run/lisprouter-lab); DIR/LAB/ROUTER is the router's\n"
"               run directory\n"
"  --verbose    print each ip command as it runs\n";

struct lab {
	char		 base[PATH_MAX];	/* the state directory of labs */
	char		 name[LAB_LABNAME_MAX];
	char		 dir[PATH_MAX];		/* base/name */
	const char	*self;			/* routerctl */
	char		 cli[PATH_MAX];
	struct lab_topo	*t;
	int		 verbose;
	int		 warm;
	const char	*host;			/* move-vm --host */
};

static volatile sig_atomic_t interrupted;

/*
 * snprintf whose truncation is acceptable: names built here are bounded by
 * the topology's limits, and a path cut short fails loudly where it is
 * used (pathf checks the ones that matter).
 */
static int __attribute__((format(printf, 3, 4)))
sfmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void __attribute__((format(printf, 1, 2)))
warnmsg(const char *fmt, ...)
{
	va_list	 ap;

	fputs("routerctl lab: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int
pathf(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
pathf(char *buf, size_t len, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len) {
		warnmsg("path too long: %s...", buf);
		return -1;
	}
	return 0;
}

static void
ns_name(const struct lab *l, const char *node, char *buf, size_t len)
{
	sfmt(buf, len, "%s-%s", l->name, node);
}

static const char *
ip4(uint32_t a, char *buf)
{
	struct in_addr	 in = { .s_addr = htonl(a) };

	inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
	return buf;
}

static const char *
mask4(unsigned int plen, char *buf)
{
	return ip4(plen == 0 ? 0 : 0xffffffffu << (32 - plen), buf);
}

/*
 * Runs argv (PATH search), stdin from in_fd, stdout and stderr to out_fd
 * (-1: inherited; quiet sends stderr to /dev/null).  The exit status, or
 * -1 if it could not run or died of a signal.  The child dies with us
 * (PR_SET_PDEATHSIG): an up killed half-way must not leave an ip(8) still
 * building while down takes the lab apart.
 */
static pid_t
spawn(char *const argv[], int in_fd, int out_fd, int quiet)
{
	pid_t	 pid, parent = getpid();
	int	 fd;

	fflush(NULL);
	if ((pid = fork()) == -1) {
		warnmsg("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 ||
		    getppid() != parent)
			_exit(127);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		if (in_fd != -1 && dup2(in_fd, STDIN_FILENO) == -1)
			_exit(127);
		if (out_fd != -1 && (dup2(out_fd, STDOUT_FILENO) == -1 ||
		    dup2(out_fd, STDERR_FILENO) == -1))
			_exit(127);
		if (out_fd == -1 && quiet &&
		    (fd = open("/dev/null", O_WRONLY)) != -1)
			dup2(fd, STDERR_FILENO);
		execvp(argv[0], argv);
		if (!quiet)
			warnmsg("cannot run %s: %s", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

static int
wait_child(pid_t pid)
{
	int	 st;

	if (pid == -1)
		return -1;
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
run(char *const argv[], int in_fd, int out_fd, int quiet)
{
	return wait_child(spawn(argv, in_fd, out_fd, quiet));
}

/* ip ARG... NULL: iproute2; errors shown unless quiet.  0 on success. */
static int __attribute__((sentinel))
ipc(const struct lab *l, int quiet, ...)
{
	char		*argv[MAX_ARGS];
	va_list		 ap;
	size_t		 n = 0, i;
	char		*a;

	argv[n++] = (char *)"ip";
	va_start(ap, quiet);
	while ((a = va_arg(ap, char *)) != NULL && n < MAX_ARGS - 1)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	if (l->verbose) {
		for (i = 0; i < n; i++)
			fprintf(stderr, "%s%s", i ? " " : "+ ", argv[i]);
		fputc('\n', stderr);
	}
	return run(argv, -1, -1, quiet) == 0 ? 0 : -1;
}

static int
ns_exists(const char *ns)
{
	char		 path[PATH_MAX];
	struct stat	 st;

	sfmt(path, sizeof(path), "/run/netns/%s", ns);
	return stat(path, &st) == 0;
}

/* ------------------------------------------------------------------ */
/* Finding things: programs, topology files, the lab's state. */

static int
executable(const char *path)
{
	return access(path, X_OK) == 0;
}

/*
 * The shell program: beside routerctl when installed in one directory,
 * ../cli/cli in a build tree, else BINDIR/cli.  Returns whether we run
 * from a build tree (the topology files are then the source tree's).
 */
static int
find_cli(struct lab *l)
{
	char	 dir[PATH_MAX], *slash;

	sfmt(dir, sizeof(dir), "%s", l->self);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	if (pathf(l->cli, sizeof(l->cli), "%s/cli", dir) == 0 &&
	    executable(l->cli))
		return 0;
	if (pathf(l->cli, sizeof(l->cli), "%s/../cli/cli", dir) == 0 &&
	    executable(l->cli))
		return 1;
	sfmt(l->cli, sizeof(l->cli), "%s/cli", BINDIR);
	return 0;
}

static const char *
lab_datadir(struct lab *l)
{
#ifdef LAB_SRCDIR
	struct stat	 st;

	if (find_cli(l) && stat(LAB_SRCDIR, &st) == 0)
		return LAB_SRCDIR;
#else
	find_cli(l);
#endif
	return LAB_DATADIR;
}

/* FILE as given; else, without a slash, LABDIR/FILE[.lab]. */
static int
resolve_file(struct lab *l, const char *file, char *out, size_t len)
{
	const char	*dir = lab_datadir(l);

	if (file == NULL)
		return pathf(out, len, "%s/seed.lab", dir);
	if (access(file, R_OK) == 0 || strchr(file, '/') != NULL)
		return pathf(out, len, "%s", file);
	if (pathf(out, len, "%s/%s", dir, file) == 0 && access(out, R_OK) == 0)
		return 0;
	return pathf(out, len, "%s/%s.lab", dir, file);
}

static int
load_topo(struct lab *l, const char *path)
{
	char	 err[512];
	char	*text;
	size_t	 len;
	int	 rc;

	if ((rc = atomicfile_read(path, &text, &len, LAB_FILE_MAX)) != 0) {
		warnmsg("%s: %s", path, strerror(-rc));
		return -1;
	}
	if ((l->t = calloc(1, sizeof(*l->t))) == NULL) {
		free(text);
		warnmsg("out of memory");
		return -1;
	}
	rc = lab_topo_parse(l->t, text, len, path, err, sizeof(err));
	free(text);
	if (rc != 0) {
		warnmsg("%s", err);
		lab_topo_free(l->t);
		free(l->t);
		l->t = NULL;
		return -1;
	}
	return 0;
}

static void
set_dir(struct lab *l)
{
	sfmt(l->dir, sizeof(l->dir), "%s/%s", l->base, l->name);
}

/* Whether base/name holds a lab (its topology copy). */
static int
lab_exists(const struct lab *l, const char *name)
{
	char	 path[PATH_MAX];

	sfmt(path, sizeof(path), "%s/%s", l->base, name);
	return access(path, F_OK) == 0;
}

/* Without --name: the only lab under base. */
static int
pick_lab(struct lab *l)
{
	DIR		*d;
	struct dirent	*de;
	char		 found[LAB_LABNAME_MAX] = "";
	int		 n = 0;

	if (l->name[0] != '\0')
		goto done;
	if ((d = opendir(l->base)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (!lab_topo_valid_name(de->d_name, LAB_LABNAME_MAX))
				continue;
			if (n++ == 0)
				sfmt(found, sizeof(found), "%s",
				    de->d_name);
		}
		closedir(d);
	}
	if (n == 0) {
		warnmsg("no lab is up (in %s)", l->base);
		return -1;
	}
	if (n > 1) {
		warnmsg("%d labs are up in %s: say which with --name LAB", n,
		    l->base);
		return -1;
	}
	sfmt(l->name, sizeof(l->name), "%s", found);
done:
	set_dir(l);
	return 0;
}

/* The lab's topology copy, for every command but up. */
static int
open_lab(struct lab *l)
{
	char	 path[PATH_MAX];

	if (pick_lab(l) != 0)
		return -1;
	if (!lab_exists(l, l->name)) {
		warnmsg("lab %s is not up (no %s)", l->name, l->dir);
		return -1;
	}
	if (pathf(path, sizeof(path), "%s/%s", l->dir, LAB_TOPO_FILE) != 0)
		return -1;
	if (load_topo(l, path) != 0) {
		warnmsg("lab %s: its topology is unreadable; \"routerctl lab "
		    "down --name %s\" still cleans it up", l->name, l->name);
		return -1;
	}
	find_cli(l);
	return 0;
}

static void
rundir_of(const struct lab *l, const char *router, char *buf, size_t len)
{
	sfmt(buf, len, "%s/%s", l->dir, router);
}

/* ------------------------------------------------------------------ */
/* Tearing down: from what is on disk only. */

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if (flag == FTW_DP || flag == FTW_D)
		return rmdir(path) == -1 && errno != ENOENT ? -1 : 0;
	return unlink(path) == -1 && errno != ENOENT ? -1 : 0;
}

static int
rm_tree(const char *path)
{
	if (access(path, F_OK) == -1)
		return 0;
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Kills every process in namespace ns (as `ip netns pids` finds them). */
static void
kill_ns(const char *ns)
{
	char		 path[PATH_MAX];
	struct stat	 nst, pst;
	struct dirent	*de;
	DIR		*d;
	int		 left, waited = 0;

	sfmt(path, sizeof(path), "/run/netns/%s", ns);
	if (stat(path, &nst) == -1)
		return;
	do {
		left = 0;
		if ((d = opendir("/proc")) == NULL)
			return;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] < '1' || de->d_name[0] > '9')
				continue;
			sfmt(path, sizeof(path), "/proc/%s/ns/net",
			    de->d_name);
			if (stat(path, &pst) == -1 ||
			    pst.st_ino != nst.st_ino || pst.st_dev != nst.st_dev)
				continue;
			if (kill((pid_t)atol(de->d_name), SIGKILL) == 0)
				left++;
		}
		closedir(d);
		if (left > 0)
			poll(NULL, 0, 20);
		waited += 20;
	} while (left > 0 && waited < KILL_WAIT_MS);
	if (left > 0)
		warnmsg("%s: %d process(es) would not die", ns, left);
}

/* Adds a namespace name to list (NUL-separated) unless present. */
static void
ns_list_add(char *list, size_t len, size_t *used, const char *ns)
{
	const char	*p;
	size_t		 n = strlen(ns) + 1;

	for (p = list; p < list + *used; p += strlen(p) + 1)
		if (strcmp(p, ns) == 0)
			return;
	if (*used + n > len)
		return;
	memcpy(list + *used, ns, n);
	*used += n;
}

static void
stop_routers(const struct lab *l)
{
	char		 rd[PATH_MAX], pid[PATH_MAX];
	char		*argv[6];
	struct dirent	*de;
	DIR		*d;
	int		 fd;

	if ((d = opendir(l->dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (pathf(rd, sizeof(rd), "%s/%s", l->dir, de->d_name) != 0 ||
		    pathf(pid, sizeof(pid), "%s/routerctl.pid", rd) != 0 ||
		    access(pid, F_OK) == -1)
			continue;
		argv[0] = (char *)l->self;
		argv[1] = (char *)"stop";
		argv[2] = (char *)"--rundir";
		argv[3] = rd;
		argv[4] = NULL;
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		run(argv, -1, fd, 1);
		if (fd != -1)
			close(fd);
	}
	closedir(d);
}

/*
 * Everything of the lab goes: routers stopped, the namespaces in the
 * journal (and, unless journal_only, those the topology names) emptied
 * and deleted, the state directory removed.  Returns 0 if nothing is left.
 */
static int
teardown(struct lab *l, int journal_only)
{
	char		 path[PATH_MAX], ns[PATH_MAX];
	char		 list[LAB_MAX_NODES * 2 * 64];
	char		*buf, *line, *rest;
	const char	*p;
	size_t		 used = 0, len, i;
	int		 rc = 0;

	stop_routers(l);
	sfmt(path, sizeof(path), "%s/%s", l->dir, LAB_NS_FILE);
	if (atomicfile_read(path, &buf, &len, sizeof(list)) == 0) {
		rest = buf;
		while ((line = strsep(&rest, "\n")) != NULL)
			if (line[0] != '\0')
				ns_list_add(list, sizeof(list), &used, line);
		free(buf);
	}
	if (!journal_only && l->t != NULL) {
		ns_name(l, "hub", ns, sizeof(ns));
		ns_list_add(list, sizeof(list), &used, ns);
		ns_name(l, "mgmt", ns, sizeof(ns));
		ns_list_add(list, sizeof(list), &used, ns);
		for (i = 0; i < l->t->nrouters; i++) {
			ns_name(l, l->t->routers[i].name, ns, sizeof(ns));
			ns_list_add(list, sizeof(list), &used, ns);
		}
		for (i = 0; i < l->t->nhosts; i++) {
			ns_name(l, l->t->hosts[i].name, ns, sizeof(ns));
			ns_list_add(list, sizeof(list), &used, ns);
		}
	}
	for (p = list; p < list + used; p += strlen(p) + 1)
		kill_ns(p);
	for (p = list; p < list + used; p += strlen(p) + 1) {
		if (!ns_exists(p))
			continue;
		if (ipc(l, 1, "netns", "del", p, NULL) != 0 && ns_exists(p)) {
			warnmsg("namespace %s could not be deleted", p);
			rc = -1;
		}
	}
	if (rm_tree(l->dir) != 0) {
		warnmsg("%s: %s", l->dir, strerror(errno));
		rc = -1;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Building. */

static int
journal_ns(const struct lab *l, const char *ns)
{
	char	 path[PATH_MAX];
	FILE	*f;
	int	 rc;

	sfmt(path, sizeof(path), "%s/%s", l->dir, LAB_NS_FILE);
	if ((f = fopen(path, "ae")) == NULL)
		return -1;
	fprintf(f, "%s\n", ns);
	rc = fflush(f) == 0 && fsync(fileno(f)) == 0 ? 0 : -1;
	return fclose(f) == 0 ? rc : -1;
}

static int
add_ns(struct lab *l, const char *node)
{
	char	 ns[PATH_MAX];

	ns_name(l, node, ns, sizeof(ns));
	if (ipc(l, 0, "netns", "add", ns, NULL) != 0)
		return -1;
	/* Journalled once made: a clash with a namespace someone else made
	 * must never end in our down deleting theirs. */
	if (journal_ns(l, ns) != 0) {
		warnmsg("%s/%s: %s", l->dir, LAB_NS_FILE, strerror(errno));
		return -1;
	}
	return ipc(l, 0, "-n", ns, "link", "set", "lo", "up", NULL);
}

static void
router_dev(unsigned int gi, char *buf, size_t len)
{
	sfmt(buf, len, "gi%u", gi);
}

/* A veth from the hub (hubdev, into bridge br-SEG) to dev in node's
 * namespace, with mac on the node's end if given. */
static int
add_link(struct lab *l, const char *hubdev, const char *seg,
    const char *node, const char *dev, const char *mac)
{
	char	 hub[PATH_MAX], ns[PATH_MAX], br[32];

	ns_name(l, "hub", hub, sizeof(hub));
	ns_name(l, node, ns, sizeof(ns));
	sfmt(br, sizeof(br), "br-%s", seg);
	if (ipc(l, 0, "-n", hub, "link", "add", hubdev, "type", "veth",
	    "peer", "name", dev, "netns", ns, NULL) != 0)
		return -1;
	if (mac != NULL && mac[0] != '\0' && ipc(l, 0, "-n", ns, "link",
	    "set", dev, "address", mac, NULL) != 0)
		return -1;
	return ipc(l, 0, "-n", hub, "link", "set", hubdev, "master", br, "up",
	    NULL);
}

static int
write_file(const char *path, const char *text, int mode)
{
	int	 rc;

	if ((rc = atomicfile_write(path, text, strlen(text), mode)) != 0) {
		warnmsg("%s: %s", path, strerror(-rc));
		return -1;
	}
	return 0;
}

static int
position_path(const struct lab *l, const struct lab_host *h, char *buf,
    size_t len)
{
	return pathf(buf, len, "%s/position.%s", l->dir, h->name);
}

/* The host's current position (index), from its state file; 0 if none. */
static int
host_position(const struct lab *l, const struct lab_host *h)
{
	char	 path[PATH_MAX];
	char	*buf;
	size_t	 len;
	int	 i = 0;

	if (position_path(l, h, path, sizeof(path)) != 0 ||
	    atomicfile_read(path, &buf, &len, 64) != 0)
		return 0;
	buf[strcspn(buf, "\n")] = '\0';
	if ((i = lab_topo_position(h, buf)) == -1)
		i = 0;
	free(buf);
	return i;
}

static int
set_position(const struct lab *l, const struct lab_host *h, int pos)
{
	char	 path[PATH_MAX], text[LAB_NAME_MAX + 1];

	if (position_path(l, h, path, sizeof(path)) != 0)
		return -1;
	sfmt(text, sizeof(text), "%s\n", h->pos[pos].name);
	return write_file(path, text, 0644);
}

static int
build_hosts(struct lab *l)
{
	struct lab_topo	*t = l->t;
	struct lab_host	*h;
	char		 ns[PATH_MAX], dev[16], a[INET_ADDRSTRLEN], pfx[32];
	size_t		 i;
	int		 seg;

	for (i = 0; i < t->nhosts && !interrupted; i++) {
		h = &t->hosts[i];
		ns_name(l, h->name, ns, sizeof(ns));
		sfmt(dev, sizeof(dev), "h%zu", i);
		seg = h->npos > 0 ? h->pos[0].seg : h->seg;
		sfmt(pfx, sizeof(pfx), "%s/%u", ip4(h->addr, a), h->plen);
		if (add_link(l, dev, t->segs[seg], h->name, "eth0",
		    h->mac) != 0 ||
		    ipc(l, 0, "-n", ns, "link", "set", "eth0", "up", NULL) != 0 ||
		    ipc(l, 0, "-n", ns, "address", "add", pfx, "dev", "eth0",
		    NULL) != 0)
			return -1;
		if (h->gateway != 0 && ipc(l, 0, "-n", ns, "route", "add",
		    "default", "via", ip4(h->gateway, a), NULL) != 0)
			return -1;
		if (h->npos > 0 && set_position(l, h, 0) != 0)
			return -1;
	}
	return interrupted ? -1 : 0;
}

/* One ping from the host to its gateway, started (the answer does not
 * matter): the child's pid, or -1. */
static pid_t
host_ping_gateway(struct lab *l, const struct lab_host *h)
{
	char	 ns[PATH_MAX], gw[INET_ADDRSTRLEN];
	char	*argv[9];
	pid_t	 pid;
	int	 fd;

	ns_name(l, h->name, ns, sizeof(ns));
	argv[0] = (char *)"ip";
	argv[1] = (char *)"netns";
	argv[2] = (char *)"exec";
	argv[3] = ns;
	argv[4] = (char *)"ping";
	argv[5] = (char *)"-c1";
	argv[6] = (char *)"-W1";
	argv[7] = (char *)ip4(h->gateway, gw);
	argv[8] = NULL;
	fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	pid = spawn(argv, -1, fd, 1);
	if (fd != -1)
		close(fd);
	return pid;
}

static int
has_mgmt(const struct lab_topo *t)
{
	size_t	 i;

	for (i = 0; i < t->nrouters; i++)
		if (t->routers[i].mgmt != 0)
			return 1;
	return 0;
}

static int
start_router(struct lab *l, const struct lab_router *r)
{
	char		 rd[PATH_MAX], path[PATH_MAX], ns[PATH_MAX];
	char		 map[LAB_MAX_IFS * 40], dev[16];
	char		*argv[10];
	size_t		 i, n = 0;

	rundir_of(l, r->name, rd, sizeof(rd));
	if (mkdir(rd, 0755) == -1 && errno != EEXIST) {
		warnmsg("%s: %s", rd, strerror(errno));
		return -1;
	}
	/* The session user of vtyd must reach the run directory. */
	chmod(rd, 0755);
	map[0] = '\0';
	for (i = 0; i < r->nifs; i++) {
		router_dev(r->ifs[i].gi, dev, sizeof(dev));
		n += (size_t)sfmt(map + n, sizeof(map) - n,
		    "GigabitEthernet%u %s\n", r->ifs[i].gi, dev);
	}
	if (r->mgmt != 0) {
		router_dev(r->mgmt_gi, dev, sizeof(dev));
		sfmt(map + n, sizeof(map) - n, "GigabitEthernet%u %s\n",
		    r->mgmt_gi, dev);
	}
	if (pathf(path, sizeof(path), "%s/interfaces", rd) != 0 ||
	    write_file(path, map, 0644) != 0)
		return -1;
	ns_name(l, r->name, ns, sizeof(ns));
	argv[0] = (char *)"ip";
	argv[1] = (char *)"netns";
	argv[2] = (char *)"exec";
	argv[3] = ns;
	argv[4] = (char *)l->self;
	argv[5] = (char *)"start";
	argv[6] = (char *)"--rundir";
	argv[7] = rd;
	argv[8] = NULL;
	if (run(argv, -1, -1, 0) != 0) {
		warnmsg("router %s did not start (logs in %s/log)", r->name,
		    rd);
		return -1;
	}
	return 0;
}

/* Pastes the file at path into the router's shell; output to logpath.
 * Then reports the lines the shell answered with an IOS error. */
static int
paste(struct lab *l, const struct lab_router *r, const char *path,
    const char *logpath)
{
	char	 rd[PATH_MAX], ns[PATH_MAX], line[1024], prev[1024] = "";
	char	*argv[8];
	FILE	*f;
	int	 in, out, rc, bad = 0;

	rundir_of(l, r->name, rd, sizeof(rd));
	ns_name(l, r->name, ns, sizeof(ns));
	if ((in = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if ((out = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1) {
		close(in);
		return -1;
	}
	argv[0] = (char *)"ip";
	argv[1] = (char *)"netns";
	argv[2] = (char *)"exec";
	argv[3] = ns;
	argv[4] = l->cli;
	argv[5] = (char *)"--rundir";
	argv[6] = rd;
	argv[7] = NULL;
	rc = run(argv, in, out, 0);
	close(in);
	close(out);
	if (rc == -1) {
		warnmsg("%s: the shell did not run (%s)", r->name, l->cli);
		return -1;
	}
	/* IOS answers a bad line with "% ..." under it: name both. */
	if ((f = fopen(logpath, "re")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if ((strncmp(line, "% Invalid", 9) == 0 ||
		    strncmp(line, "% Incomplete", 12) == 0 ||
		    strncmp(line, "% Ambiguous", 11) == 0 ||
		    strncmp(line, "% Unknown", 9) == 0) && bad++ < 10)
			warnmsg("%s: %s\n    %s", r->name, prev, line);
		else if (line[0] != ' ' && line[0] != '\0' && line[0] != '%')
			sfmt(prev, sizeof(prev), "%s", line);
	}
	fclose(f);
	if (bad > 0)
		warnmsg("%s: %d line(s) refused (the whole transcript: %s)",
		    r->name, bad, logpath);
	return 0;
}

static int
config_router(struct lab *l, const struct lab_router *r)
{
	char		 rd[PATH_MAX], path[PATH_MAX], logp[PATH_MAX];
	char		 key[PATH_MAX], a[INET_ADDRSTRLEN], m[INET_ADDRSTRLEN];
	char		*pub = NULL, *line, *rest;
	const char	*cfg = r->config != NULL ? r->config : "";
	size_t		 len, i;
	FILE		*f;
	int		 rc;

	rundir_of(l, r->name, rd, sizeof(rd));
	if (pathf(path, sizeof(path), "%s/lab-config", rd) != 0 ||
	    pathf(logp, sizeof(logp), "%s/lab-config.log", rd) != 0)
		return -1;
	if ((f = fopen(path, "we")) == NULL)
		return -1;
	fprintf(f, "enable\nconfigure terminal\n%send\n", cfg);
	if (fclose(f) != 0 || paste(l, r, path, logp) != 0)
		return -1;

	/* The lab's own lines: management, SSH with the lab's key. */
	if (pathf(path, sizeof(path), "%s/lab-mgmt", rd) != 0 ||
	    pathf(logp, sizeof(logp), "%s/lab-mgmt.log", rd) != 0 ||
	    pathf(key, sizeof(key), "%s/%s.pub", l->dir, LAB_KEY_FILE) != 0)
		return -1;
	if (r->mgmt != 0 && (rc = atomicfile_read(key, &pub, &len,
	    16384)) != 0) {
		warnmsg("%s: %s", key, strerror(-rc));
		return -1;
	}
	if ((f = fopen(path, "we")) == NULL) {
		free(pub);
		return -1;
	}
	fprintf(f, "enable\nconfigure terminal\n");
	if (r->mgmt != 0) {
		fprintf(f, "interface GigabitEthernet%u\n"
		    " description lab management\n"
		    " ip address %s %s\n no shutdown\n exit\n", r->mgmt_gi,
		    ip4(r->mgmt, a), mask4(l->t->mgmt_plen, m));
		if (strstr(cfg, "ip domain name") == NULL &&
		    strstr(cfg, "ip domain-name") == NULL)
			fprintf(f, "ip domain name %s\n", LAB_DOMAIN);
		fprintf(f, "crypto key generate rsa modulus 2048\n"
		    "username %s privilege 15\n"
		    "ip ssh version 2\nip ssh pubkey-chain\n username %s\n"
		    "  key-string\n", LAB_USER, LAB_USER);
		/* Folded as a user pastes a long key: 72 columns. */
		rest = pub;
		line = strsep(&rest, "\n");
		for (i = 0, len = strlen(line); i < len; i += 72)
			fprintf(f, "   %.72s\n", line + i);
		fprintf(f, "   exit\n  exit\n exit\nline vty 0 4\n"
		    " login local\n transport input ssh\n exit\n");
	}
	fprintf(f, "end\nwrite memory\n");
	free(pub);
	if (fclose(f) != 0)
		return -1;
	return paste(l, r, path, logp);
}

/* Whether addr:22 accepts a TCP connection from inside namespace ns. */
static int
ssh_ready(const char *ns, uint32_t addr)
{
	struct sockaddr_in	 sin;
	char			 path[PATH_MAX];
	pid_t			 pid;
	int			 fd, st;

	if ((pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		sfmt(path, sizeof(path), "/run/netns/%s", ns);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
		    setns(fd, CLONE_NEWNET) == -1)
			_exit(1);
		if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
			_exit(1);
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons(22);
		sin.sin_addr.s_addr = htonl(addr);
		_exit(connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0 ?
		    0 : 1);
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int
wait_ssh(struct lab *l)
{
	struct timespec	 t0, now;
	char		 ns[PATH_MAX], a[INET_ADDRSTRLEN];
	size_t		 i;
	long		 ms;

	ns_name(l, "mgmt", ns, sizeof(ns));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < l->t->nrouters; i++) {
		if (l->t->routers[i].mgmt == 0)
			continue;
		for (;;) {
			if (interrupted)
				return -1;
			if (ssh_ready(ns, l->t->routers[i].mgmt))
				break;
			clock_gettime(CLOCK_MONOTONIC, &now);
			ms = (now.tv_sec - t0.tv_sec) * 1000 +
			    (now.tv_nsec - t0.tv_nsec) / 1000000;
			if (ms > SSH_WAIT_MS) {
				warnmsg("%s does not answer SSH on %s (see "
				    "%s/%s/log/vtyd.log)",
				    l->t->routers[i].name,
				    ip4(l->t->routers[i].mgmt, a), l->dir,
				    l->t->routers[i].name);
				return -1;
			}
			poll(NULL, 0, 100);
		}
	}
	return 0;
}

static int
build(struct lab *l)
{
	struct lab_topo		*t = l->t;
	struct lab_router	*r;
	char			 hub[PATH_MAX], br[32], dev[16], key[PATH_MAX];
	char			 a[INET_ADDRSTRLEN], pfx[32], ns[PATH_MAX];
	char			*argv[12];
	pid_t			 pings[LAB_MAX_NODES];
	size_t			 i, j;
	int			 mgmt = has_mgmt(t);

	ns_name(l, "hub", hub, sizeof(hub));
	if (add_ns(l, "hub") != 0 || (mgmt && add_ns(l, "mgmt") != 0))
		return -1;
	for (i = 0; i < t->nrouters && !interrupted; i++)
		if (add_ns(l, t->routers[i].name) != 0)
			return -1;
	for (i = 0; i < t->nhosts && !interrupted; i++)
		if (add_ns(l, t->hosts[i].name) != 0)
			return -1;
	for (i = 0; i < t->nsegs + (size_t)mgmt && !interrupted; i++) {
		sfmt(br, sizeof(br), "br-%s", i < t->nsegs ? t->segs[i] :
		    "mgmt");
		if (ipc(l, 0, "-n", hub, "link", "add", br, "type", "bridge",
		    "forward_delay", "0", NULL) != 0 ||
		    ipc(l, 0, "-n", hub, "link", "set", br, "up", NULL) != 0)
			return -1;
	}
	for (i = 0; i < t->nrouters && !interrupted; i++) {
		r = &t->routers[i];
		for (j = 0; j < r->nifs; j++) {
			sfmt(dev, sizeof(dev), "r%zug%u", i, r->ifs[j].gi);
			router_dev(r->ifs[j].gi, br, sizeof(br));
			if (add_link(l, dev, t->segs[r->ifs[j].seg], r->name,
			    br, r->ifs[j].mac) != 0)
				return -1;
		}
		if (r->mgmt != 0) {
			sfmt(dev, sizeof(dev), "r%zug%u", i, r->mgmt_gi);
			router_dev(r->mgmt_gi, br, sizeof(br));
			if (add_link(l, dev, "mgmt", r->name, br, NULL) != 0)
				return -1;
		}
	}
	if (build_hosts(l) != 0)
		return -1;
	if (mgmt) {
		ns_name(l, "mgmt", ns, sizeof(ns));
		sfmt(pfx, sizeof(pfx), "%s/%u", ip4(t->mgmt_station, a),
		    t->mgmt_plen);
		if (add_link(l, "mgmt", "mgmt", "mgmt", "eth0", NULL) != 0 ||
		    ipc(l, 0, "-n", ns, "link", "set", "eth0", "up", NULL) != 0 ||
		    ipc(l, 0, "-n", ns, "address", "add", pfx, "dev", "eth0",
		    NULL) != 0)
			return -1;
		if (pathf(key, sizeof(key), "%s/%s", l->dir, LAB_KEY_FILE) != 0)
			return -1;
		argv[0] = (char *)"ssh-keygen";
		argv[1] = (char *)"-q";
		argv[2] = (char *)"-t";
		argv[3] = (char *)"ed25519";
		argv[4] = (char *)"-N";
		argv[5] = (char *)"";
		argv[6] = (char *)"-C";
		argv[7] = (char *)"lab@lisprouter";
		argv[8] = (char *)"-f";
		argv[9] = key;
		argv[10] = NULL;
		if (run(argv, -1, -1, 0) != 0) {
			warnmsg("ssh-keygen failed (is openssh-client "
			    "installed?)");
			return -1;
		}
	}
	for (i = 0; i < t->nrouters && !interrupted; i++) {
		if (l->verbose)
			fprintf(stderr, "+ start %s\n", t->routers[i].name);
		if (start_router(l, &t->routers[i]) != 0)
			return -1;
	}
	for (i = 0; i < t->nrouters && !interrupted; i++) {
		if (l->verbose)
			fprintf(stderr, "+ configure %s\n", t->routers[i].name);
		if (config_router(l, &t->routers[i]) != 0)
			return -1;
	}
	if (l->verbose && mgmt)
		fprintf(stderr, "+ wait for SSH\n");
	if (interrupted || (mgmt && wait_ssh(l) != 0))
		return -1;
	if (l->verbose)
		fprintf(stderr, "+ hosts ping their gateways\n");
	/* Hosts speak first, as after a boot: each ARPs for its gateway, so
	 * the routers know them (a dynamic EID is detected this way). */
	for (i = 0; i < t->nhosts; i++)
		pings[i] = t->hosts[i].gateway != 0 ?
		    host_ping_gateway(l, &t->hosts[i]) : -1;
	for (i = 0; i < t->nhosts; i++)
		wait_child(pings[i]);
	return interrupted ? -1 : 0;
}

/*
 * vtyd runs each SSH session's shell as an unprivileged user, who must
 * reach the router's run directory: say so if a parent of the state
 * directory is closed to others (a private --dir, e.g. from mktemp -d).
 */
static void
check_reachable(const char *dir)
{
	char		 path[PATH_MAX], *slash;
	struct stat	 st;

	snprintf(path, sizeof(path), "%s", dir);
	while ((slash = strrchr(path, '/')) != NULL && slash != path) {
		*slash = '\0';
		if (stat(path, &st) == 0 && !(st.st_mode & S_IXOTH)) {
			warnmsg("warning: %s is closed to other users: SSH "
			    "logins to the routers will fail (chmod o+x %s)",
			    path, path);
			return;
		}
	}
}

static int
cmd_up(struct lab *l, const char *file)
{
	struct sigaction	 sa, old_int, old_term, old_hup;
	char			 path[PATH_MAX], copy[PATH_MAX], ns[PATH_MAX];
	char			*text;
	size_t			 len, i;
	int			 rc;

	if (resolve_file(l, file, path, sizeof(path)) != 0 ||
	    load_topo(l, path) != 0)
		return 1;
	if (l->name[0] == '\0')
		sfmt(l->name, sizeof(l->name), "%s", l->t->name[0] != '\0' ?
		    l->t->name : "lab");
	set_dir(l);
	if (geteuid() != 0) {
		warnmsg("up needs root (network namespaces)");
		return 1;
	}
	if (mkdir(l->base, 0755) == -1 && errno != EEXIST) {
		warnmsg("%s: %s", l->base, strerror(errno));
		return 1;
	}
	chmod(l->base, 0755);
	check_reachable(l->base);
	if (mkdir(l->dir, 0755) == -1) {
		if (errno == EEXIST)
			warnmsg("lab %s is up already (%s): \"routerctl lab "
			    "down --name %s\" first, or choose another --name",
			    l->name, l->dir, l->name);
		else
			warnmsg("%s: %s", l->dir, strerror(errno));
		return 1;
	}
	/* From here on, any failure takes down what was built. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	rc = -1;
	if (pathf(copy, sizeof(copy), "%s/%s", l->dir, LAB_TOPO_FILE) != 0 ||
	    atomicfile_read(path, &text, &len, LAB_FILE_MAX) != 0)
		goto out;
	rc = atomicfile_write(copy, text, len, 0644);
	free(text);
	if (rc != 0 || pathf(copy, sizeof(copy), "%s/%s", l->dir,
	    LAB_SOURCE_FILE) != 0) {
		rc = -1;
		goto out;
	}
	{
		char	 src[PATH_MAX + 2], abs[PATH_MAX];

		sfmt(src, sizeof(src), "%s\n",
		    realpath(path, abs) != NULL ? abs : path);
		if ((rc = write_file(copy, src, 0644)) != 0)
			goto out;
	}
	/* Refuse before building anything if a name is taken. */
	rc = -1;
	for (i = 0; i < l->t->nrouters + l->t->nhosts + 2; i++) {
		const char *node = i < l->t->nrouters ? l->t->routers[i].name :
		    i < l->t->nrouters + l->t->nhosts ?
		    l->t->hosts[i - l->t->nrouters].name :
		    i == l->t->nrouters + l->t->nhosts ? "hub" : "mgmt";

		ns_name(l, node, ns, sizeof(ns));
		if (ns_exists(ns)) {
			warnmsg("namespace %s exists already (another lab, or "
			    "one left over): nothing built", ns);
			goto out;
		}
	}
	printf("lab %s: building from %s\n", l->name, path);
	fflush(stdout);
	rc = build(l);
out:
	if (rc != 0) {
		if (interrupted)
			warnmsg("interrupted: taking down what was built");
		else
			warnmsg("lab %s could not be built: taking down what "
			    "was built", l->name);
		teardown(l, 1);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	if (rc != 0)
		return 1;
	printf("lab %s is up: \"routerctl lab status\" to see it, "
	    "\"routerctl lab shell ROUTER\" for a router's shell\n", l->name);
	return 0;
}

static int
cmd_down(struct lab *l)
{
	char	 path[PATH_MAX];

	if (pick_lab(l) != 0)
		return 1;
	if (!lab_exists(l, l->name)) {
		printf("lab %s is not up\n", l->name);
		return 0;
	}
	if (geteuid() != 0) {
		warnmsg("down needs root (network namespaces)");
		return 1;
	}
	/* The topology names the namespaces a killed up did not journal. */
	if (pathf(path, sizeof(path), "%s/%s", l->dir, LAB_TOPO_FILE) == 0 &&
	    access(path, R_OK) == 0 && load_topo(l, path) != 0)
		warnmsg("using the namespace journal only");
	if (teardown(l, 0) != 0)
		return 1;
	rmdir(l->base);		/* the last lab out: nothing left at all */
	printf("lab %s is down\n", l->name);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Looking at a lab. */

/* "cfgd running, lispd running, ..." from the supervisor's files. */
static void
daemon_states(const struct lab *l, const struct lab_router *r, char *out,
    size_t len)
{
	char		 rd[PATH_MAX], path[PATH_MAX];
	char		 name[32], state[16];
	char		*buf, *line, *rest;
	size_t		 blen, n = 0;
	long		 pid;

	rundir_of(l, r->name, rd, sizeof(rd));
	sfmt(out, len, "supervisor not running");
	sfmt(path, sizeof(path), "%s/routerctl.pid", rd);
	if (atomicfile_read(path, &buf, &blen, 64) != 0)
		return;
	pid = atol(buf);
	free(buf);
	if (pid <= 0 || (kill((pid_t)pid, 0) == -1 && errno == ESRCH))
		return;
	sfmt(path, sizeof(path), "%s/routerctl.status", rd);
	if (atomicfile_read(path, &buf, &blen, 65536) != 0) {
		sfmt(out, len, "starting");
		return;
	}
	out[0] = '\0';
	rest = buf;
	while ((line = strsep(&rest, "\n")) != NULL)
		if (sscanf(line, "%31s %15s", name, state) == 2 && n < len)
			n += (size_t)sfmt(out + n, len - n, "%s%s %s",
			    n ? ", " : "", name, state);
	free(buf);
}

static int
cmd_status(struct lab *l)
{
	struct lab_topo		*t;
	const struct lab_host	*h;
	char			 ns[PATH_MAX], a[INET_ADDRSTRLEN], st[256];
	char			 addr[32], key[PATH_MAX], src[PATH_MAX] = "?";
	char			*buf;
	size_t			 i, len;
	int			 down = 0, pos;

	if (open_lab(l) != 0)
		return 3;
	t = l->t;
	sfmt(key, sizeof(key), "%s/%s", l->dir, LAB_SOURCE_FILE);
	if (atomicfile_read(key, &buf, &len, sizeof(src)) == 0) {
		buf[strcspn(buf, "\n")] = '\0';
		sfmt(src, sizeof(src), "%s", buf);
		free(buf);
	}
	printf("lab %s (from %s; state in %s)\n", l->name, src, l->dir);
	if (has_mgmt(t)) {
		ns_name(l, "mgmt", ns, sizeof(ns));
		printf("management: %s/%u from namespace %s (%s); "
		    "key %s/%s, user %s\n", ip4(t->mgmt_station, a),
		    t->mgmt_plen, ns, ns_exists(ns) ? "present" : "MISSING",
		    l->dir, LAB_KEY_FILE, LAB_USER);
	}
	printf("\n%-15s %-24s %-18s %s\n", "Router", "Namespace", "Management",
	    "Daemons");
	for (i = 0; i < t->nrouters; i++) {
		ns_name(l, t->routers[i].name, ns, sizeof(ns));
		if (!ns_exists(ns)) {
			sfmt(st, sizeof(st), "namespace MISSING");
			down = 1;
		} else {
			daemon_states(l, &t->routers[i], st, sizeof(st));
			if (strstr(st, "running") == NULL ||
			    strstr(st, "not running") != NULL)
				down = 1;
		}
		if (t->routers[i].mgmt != 0)
			sfmt(addr, sizeof(addr), "%s Gi%u",
			    ip4(t->routers[i].mgmt, a), t->routers[i].mgmt_gi);
		else
			sfmt(addr, sizeof(addr), "-");
		printf("%-15s %-24s %-18s %s\n", t->routers[i].name, ns, addr,
		    st);
	}
	if (t->nhosts > 0)
		printf("\n%-15s %-24s %-18s %s\n", "Host", "Namespace",
		    "Address", "Segment");
	for (i = 0; i < t->nhosts; i++) {
		h = &t->hosts[i];
		ns_name(l, h->name, ns, sizeof(ns));
		sfmt(addr, sizeof(addr), "%s/%u", ip4(h->addr, a),
		    h->plen);
		if (!ns_exists(ns))
			down = 1;
		if (h->npos > 0) {
			pos = host_position(l, h);
			printf("%-15s %-24s %-18s %s (position %s)%s\n",
			    h->name, ns, addr, t->segs[h->pos[pos].seg],
			    h->pos[pos].name, ns_exists(ns) ? "" :
			    " namespace MISSING");
		} else
			printf("%-15s %-24s %-18s %s%s\n", h->name, ns, addr,
			    t->segs[h->seg], ns_exists(ns) ? "" :
			    " namespace MISSING");
	}
	return down ? 1 : 0;
}

static int
cmd_move(struct lab *l, const char *where)
{
	struct lab_topo	*t;
	struct lab_host	*h = NULL;
	char		 hub[PATH_MAX], ns[PATH_MAX], dev[16], br[32];
	char		 a[INET_ADDRSTRLEN], gw[INET_ADDRSTRLEN];
	char		*argv[12];
	size_t		 i;
	int		 pos, from, idx = -1;

	if (open_lab(l) != 0)
		return 1;
	t = l->t;
	for (i = 0; i < t->nhosts; i++) {
		if (l->host != NULL ? strcmp(t->hosts[i].name, l->host) != 0 :
		    t->hosts[i].npos == 0)
			continue;
		if (h != NULL) {
			warnmsg("several hosts can move: say which with "
			    "--host");
			return 1;
		}
		h = &t->hosts[i];
		idx = (int)i;
	}
	if (h == NULL || h->npos == 0) {
		warnmsg(l->host != NULL ? "host %s is not movable (no "
		    "position lines)" : "no movable host in lab %s",
		    l->host != NULL ? l->host : l->name);
		return 1;
	}
	if ((pos = lab_topo_position(h, where)) == -1) {
		fprintf(stderr, "routerctl lab: %s has no position \"%s\" "
		    "(it has:", h->name, where);
		for (i = 0; i < h->npos; i++)
			fprintf(stderr, " %s", h->pos[i].name);
		fprintf(stderr, ")\n");
		return 1;
	}
	from = host_position(l, h);
	ns_name(l, "hub", hub, sizeof(hub));
	ns_name(l, h->name, ns, sizeof(ns));
	sfmt(dev, sizeof(dev), "h%d", idx);
	sfmt(br, sizeof(br), "br-%s", t->segs[h->pos[pos].seg]);
	if (!l->warm) {
		/* Powered off, moved, booted: the link drops, the caches
		 * start empty. */
		if (ipc(l, 0, "-n", ns, "link", "set", "eth0", "down",
		    NULL) != 0 ||
		    ipc(l, 0, "-n", hub, "link", "set", dev, "master", br,
		    NULL) != 0 ||
		    ipc(l, 0, "-n", ns, "neigh", "flush", "dev", "eth0",
		    NULL) != 0 ||
		    ipc(l, 0, "-n", ns, "link", "set", "eth0", "up", NULL) != 0)
			return 1;
		/* The link going down took the default route with it. */
		if (h->gateway != 0 && ipc(l, 0, "-n", ns, "route", "replace",
		    "default", "via", ip4(h->gateway, gw), NULL) != 0)
			return 1;
	} else if (ipc(l, 0, "-n", hub, "link", "set", dev, "master", br,
	    NULL) != 0)
		return 1;
	if (set_position(l, h, pos) != 0)
		return 1;
	argv[0] = (char *)"ip";
	argv[1] = (char *)"netns";
	argv[2] = (char *)"exec";
	argv[3] = ns;
	if (!l->warm && h->gateway != 0) {
		/* As after a boot: it ARPs for its gateway. */
		wait_child(host_ping_gateway(l, h));
	} else if (l->warm) {
		/* vMotion's announcement: a gratuitous ARP. */
		argv[4] = (char *)"arping";
		argv[5] = (char *)"-q";
		argv[6] = (char *)"-U";
		argv[7] = (char *)"-c1";
		argv[8] = (char *)"-I";
		argv[9] = (char *)"eth0";
		argv[10] = (char *)ip4(h->addr, a);
		argv[11] = NULL;
		if (run(argv, -1, -1, 0) != 0)
			warnmsg("the gratuitous ARP was not sent (arping, from "
			    "iputils-arping)");
	}
	printf("%s moved %s from %s (%s) to %s (%s)\n", h->name,
	    l->warm ? "warm" : "cold", h->pos[from].name,
	    t->segs[h->pos[from].seg], h->pos[pos].name,
	    t->segs[h->pos[pos].seg]);
	return 0;
}

/* Replaces this process with argv (PATH search). */
static int
exec_argv(char **argv)
{
	fflush(NULL);
	execvp(argv[0], argv);
	warnmsg("cannot run %s: %s", argv[0], strerror(errno));
	return 127;
}

static int
cmd_shell(struct lab *l, const char *router, int argc, char **rest)
{
	char	 ns[PATH_MAX], rd[PATH_MAX];
	char	**argv;
	int	 i, n = 0;

	if (open_lab(l) != 0)
		return 1;
	if (lab_topo_router(l->t, router) == -1) {
		warnmsg("lab %s has no router %s", l->name, router);
		return 1;
	}
	ns_name(l, router, ns, sizeof(ns));
	rundir_of(l, router, rd, sizeof(rd));
	if ((argv = calloc((size_t)argc + 8, sizeof(*argv))) == NULL)
		return 1;
	argv[n++] = (char *)"ip";
	argv[n++] = (char *)"netns";
	argv[n++] = (char *)"exec";
	argv[n++] = ns;
	argv[n++] = l->cli;
	argv[n++] = (char *)"--rundir";
	argv[n++] = rd;
	for (i = 0; i < argc; i++)
		argv[n++] = rest[i];
	argv[n] = NULL;
	return exec_argv(argv);
}

static int
cmd_ssh(struct lab *l, const char *router, int argc, char **rest)
{
	char	 ns[PATH_MAX], key[PATH_MAX], kh[PATH_MAX], dest[64];
	char	 a[INET_ADDRSTRLEN];
	char	**argv;
	int	 i, n = 0, r;

	if (open_lab(l) != 0)
		return 1;
	if ((r = lab_topo_router(l->t, router)) == -1) {
		warnmsg("lab %s has no router %s", l->name, router);
		return 1;
	}
	if (l->t->routers[r].mgmt == 0) {
		warnmsg("router %s has no management address", router);
		return 1;
	}
	ns_name(l, "mgmt", ns, sizeof(ns));
	sfmt(key, sizeof(key), "%s/%s", l->dir, LAB_KEY_FILE);
	sfmt(kh, sizeof(kh), "UserKnownHostsFile=%s/known_hosts", l->dir);
	sfmt(dest, sizeof(dest), "%s@%s", LAB_USER,
	    ip4(l->t->routers[r].mgmt, a));
	if ((argv = calloc((size_t)argc + 20, sizeof(*argv))) == NULL)
		return 1;
	argv[n++] = (char *)"ip";
	argv[n++] = (char *)"netns";
	argv[n++] = (char *)"exec";
	argv[n++] = ns;
	argv[n++] = (char *)"ssh";
	argv[n++] = (char *)"-i";
	argv[n++] = key;
	argv[n++] = (char *)"-o";
	argv[n++] = (char *)"IdentitiesOnly=yes";
	argv[n++] = (char *)"-o";
	argv[n++] = (char *)"StrictHostKeyChecking=accept-new";
	argv[n++] = (char *)"-o";
	argv[n++] = kh;
	argv[n++] = (char *)"-o";
	argv[n++] = (char *)"LogLevel=ERROR";
	argv[n++] = dest;
	for (i = 0; i < argc; i++)
		argv[n++] = rest[i];
	argv[n] = NULL;
	return exec_argv(argv);
}

static int
cmd_exec(struct lab *l, const char *node, int argc, char **rest)
{
	char	 ns[PATH_MAX];
	char	**argv;
	int	 i, n = 0;

	if (open_lab(l) != 0)
		return 1;
	if (lab_topo_router(l->t, node) == -1 &&
	    lab_topo_host(l->t, node) == -1 && strcmp(node, "hub") != 0 &&
	    !(strcmp(node, "mgmt") == 0 && has_mgmt(l->t))) {
		warnmsg("lab %s has no node %s", l->name, node);
		return 1;
	}
	if (argc == 0) {
		warnmsg("exec %s: which command?", node);
		return 2;
	}
	ns_name(l, node, ns, sizeof(ns));
	if ((argv = calloc((size_t)argc + 5, sizeof(*argv))) == NULL)
		return 1;
	argv[n++] = (char *)"ip";
	argv[n++] = (char *)"netns";
	argv[n++] = (char *)"exec";
	argv[n++] = ns;
	for (i = 0; i < argc; i++)
		argv[n++] = rest[i];
	argv[n] = NULL;
	return exec_argv(argv);
}

/* ------------------------------------------------------------------ */

static int
usage(int status)
{
	fputs(lab_usage_text, status == 0 ? stdout : stderr);
	return status;
}

int
lab_main(int argc, char *argv[], const char *self)
{
	struct lab	 l;
	const char	*cmd = NULL, *arg = NULL, *env;
	int		 i, rc, nargs = 0, passthru;

	memset(&l, 0, sizeof(l));
	l.self = self;
	env = getenv(LAB_DIR_ENV);
	sfmt(l.base, sizeof(l.base), "%s", env != NULL && env[0] != '\0' ?
	    env : LAB_DIR_DEFAULT);
	for (i = 1; i < argc; i++) {
		/* shell, ssh and exec pass what follows their node on. */
		passthru = cmd != NULL && (strcmp(cmd, "shell") == 0 ||
		    strcmp(cmd, "ssh") == 0 || strcmp(cmd, "exec") == 0);
		if (passthru && arg != NULL)
			break;
		if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
			if (!lab_topo_valid_name(argv[++i], LAB_LABNAME_MAX)) {
				warnmsg("--name: letters, digits, _ and -, at "
				    "most %d characters", LAB_LABNAME_MAX - 1);
				return 2;
			}
			sfmt(l.name, sizeof(l.name), "%s", argv[i]);
		} else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
			sfmt(l.base, sizeof(l.base), "%s", argv[++i]);
		else if (strcmp(argv[i], "--host") == 0 && i + 1 < argc)
			l.host = argv[++i];
		else if (strcmp(argv[i], "--warm") == 0)
			l.warm = 1;
		else if (strcmp(argv[i], "--cold") == 0)
			l.warm = 0;
		else if (strcmp(argv[i], "--verbose") == 0 ||
		    strcmp(argv[i], "-v") == 0)
			l.verbose = 1;
		else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return usage(0);
		else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			warnmsg("unknown option %s", argv[i]);
			return usage(2);
		} else if (cmd == NULL)
			cmd = argv[i];
		else if (arg == NULL) {
			arg = argv[i];
			nargs = 1;
		} else {
			warnmsg("%s: unexpected \"%s\"", cmd, argv[i]);
			return usage(2);
		}
	}
	if (cmd == NULL)
		return usage(2);
	/* Run directories are handed to programs started elsewhere. */
	if (l.base[0] != '/') {
		char	 cwd[PATH_MAX];

		if (getcwd(cwd, sizeof(cwd)) == NULL ||
		    pathf(cwd + strlen(cwd), sizeof(cwd) - strlen(cwd), "/%s",
		    l.base) != 0)
			return 1;
		sfmt(l.base, sizeof(l.base), "%s", cwd);
	}
	rc = 2;
	if (strcmp(cmd, "up") == 0)
		rc = cmd_up(&l, arg);
	else if (strcmp(cmd, "down") == 0 && nargs == 0)
		rc = cmd_down(&l);
	else if (strcmp(cmd, "status") == 0 && nargs == 0)
		rc = cmd_status(&l);
	else if (strcmp(cmd, "move-vm") == 0 && arg != NULL)
		rc = cmd_move(&l, arg);
	else if (strcmp(cmd, "shell") == 0 && arg != NULL)
		rc = cmd_shell(&l, arg, argc - i, argv + i);
	else if (strcmp(cmd, "ssh") == 0 && arg != NULL)
		rc = cmd_ssh(&l, arg, argc - i, argv + i);
	else if (strcmp(cmd, "exec") == 0 && arg != NULL)
		rc = cmd_exec(&l, arg, argc - i, argv + i);
	else {
		warnmsg("unknown or incomplete command \"%s\"", cmd);
		return usage(2);
	}
	if (l.t != NULL) {
		lab_topo_free(l.t);
		free(l.t);
	}
	return rc;
}
