/*
 * ip address dhcp: one DHCP client per interface that asks for it, while
 * cfgd manages the kernel.
 *
 * - The client is busybox's udhcpc, run in the foreground as cfgd's child
 *   (`udhcpc -f -i DEV -s HOOK`), with the write end of a pipe as its fd 9;
 *   the hook script (lisprouter-dhcp-hook) writes each event to it as one
 *   line ("lease ip=... subnet=... router=... lease=SECS", "deconfig",
 *   "nak").  cfgd reads the pipe on its event loop and applies the lease
 *   through the interface reconcile (the address as the primary) and
 *   netlink (a default route via the router option, distance 254 as IOS
 *   gives DHCP routes, protocol RTPROT_DHCP).
 * - A client that dies is started again after a back-off (1 s doubling to
 *   60 s); the lease stays until it expires.  `no ip address`, removing
 *   the interface and cfgd's exit end the client with SIGTERM (after
 *   SIGUSR2, a DHCPRELEASE, when the configuration dropped it); each child
 *   also dies with cfgd (PR_SET_PDEATHSIG), so none is left behind.
 * - The lease is kept in <rundir>/dhcp/<interface> so that a restarted
 *   cfgd keeps the address (and asks the server for it again) instead of
 *   removing it and waiting for a new lease.
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <arpa/inet.h>

#include <linux/rtnetlink.h>

#include <dirent.h>
#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg/cfgd-platform.h"
#include "cfg/cfgd.h"
#include "cfg/model.h"
#include "cfg/tables.h"
#include "platform/atomicfile.h"
#include "platform/log.h"
#include "platform/netlink.h"
#include "platform/xmalloc.h"

#ifndef PKGLIBEXECDIR
#define PKGLIBEXECDIR	"/usr/local/libexec/lisprouter"
#endif

#define HOOK_NAME	"lisprouter-dhcp-hook"
#define DHCP_DISTANCE	254	/* IOS's distance for DHCP default routes */
#define BACKOFF_MAX	60
#define LINE_MAX_DHCP	512
#define HOOK_FD		9	/* the pipe in the hook (udhcpc takes fd 3) */

struct lease {
	uint32_t	 addr;		/* host order; 0: none */
	unsigned	 plen;
	uint32_t	 gw;		/* host order; 0: none */
	time_t		 expiry;	/* wall clock */
};

struct client {
	struct client		*next;
	struct cfgd_dhcp	*dh;
	char			*ifname;
	char			 dev[32];
	int			 wanted;	/* seen in this reconcile */
	pid_t			 pid;
	int			 fd;		/* read end, -1 */
	struct event		*ev_read;
	struct event		*ev_restart;
	struct event		*ev_expire;
	char			 buf[LINE_MAX_DHCP];
	size_t			 buflen;
	unsigned		 backoff;
	int			 bound_here;	/* a lease came from this child */
	struct lease		 lease;
	struct nl_route		 route;
	int			 routed;
};

struct cfgd_dhcp {
	struct cfgd_platform	*pl;
	struct client		*clients;
	struct event		*ev_chld;
	char			 dir[4096];
	char			 hook[PATH_MAX];
};

static void	client_spawn(struct client *);

static struct client *
client_find(struct cfgd_dhcp *dh, const char *ifname)
{
	struct client	*c;

	for (c = dh->clients; c != NULL; c = c->next)
		if (strcmp(c->ifname, ifname) == 0)
			return c;
	return NULL;
}

static struct client *
client_get(struct cfgd_dhcp *dh, const char *ifname)
{
	struct client	*c;

	if ((c = client_find(dh, ifname)) != NULL)
		return c;
	c = xcalloc(1, sizeof(*c));
	c->dh = dh;
	c->ifname = xstrdup(ifname);
	c->fd = -1;
	c->next = dh->clients;
	dh->clients = c;
	return c;
}

/* The saved lease. */

static void
lease_path(const struct client *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", c->dh->dir, c->ifname);
}

static void
lease_save(struct client *c)
{
	char	 path[4200], text[128], a[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN];
	int	 n, rc;

	lease_path(c, path, sizeof(path));
	if (c->lease.addr == 0) {
		if (unlink(path) == -1 && errno != ENOENT)
			log_warn("%s: unlink %s", __func__, path);
		return;
	}
	n = snprintf(text, sizeof(text), "%s/%u %s %lld\n",
	    cfgd_pl_addr_str(c->lease.addr, a, sizeof(a)), c->lease.plen,
	    cfgd_pl_addr_str(c->lease.gw, g, sizeof(g)),
	    (long long)c->lease.expiry);
	if ((rc = atomicfile_write(path, text, (size_t)n, 0644)) != 0)
		log_warnx("%s: %s: %s", __func__, path, strerror(-rc));
}

static void
lease_load(struct client *c)
{
	char		 path[4200], *text = NULL, a[32], g[32];
	size_t		 len;
	long long	 exp;
	unsigned	 plen;
	uint32_t	 addr, gw;

	lease_path(c, path, sizeof(path));
	if (atomicfile_read(path, &text, &len, 4096) != 0)
		return;
	if (sscanf(text, "%31[0-9.]/%u %31s %lld", a, &plen, g, &exp) == 4 &&
	    cfg_if_parse_addr(a, &addr) == 0 && cfg_if_parse_addr(g, &gw) ==
	    0 && plen > 0 && plen <= 32 && exp > (long long)time(NULL)) {
		c->lease.addr = addr;
		c->lease.plen = plen;
		c->lease.gw = gw;
		c->lease.expiry = (time_t)exp;
		log_info("%s: lease %s/%u from an earlier run", c->ifname, a,
		    plen);
	}
	free(text);
}

/* The default route of a lease. */

static void
route_del(struct client *c)
{
	int	 rc;

	if (!c->routed)
		return;
	c->routed = 0;
	if ((rc = nl_route_del(c->dh->pl->nl, &c->route)) != 0 &&
	    rc != -ESRCH)
		log_debug("%s: delete DHCP default route: %s", c->ifname,
		    nl_strerror(rc));
}

static void
route_add(struct client *c, int ifindex)
{
	struct nl_route	 r;
	int		 rc;

	memset(&r, 0, sizeof(r));
	if (c->lease.addr != 0 && c->lease.gw != 0 && ifindex != 0) {
		r.gw = htonl(c->lease.gw);
		r.oif = ifindex;
		r.metric = DHCP_DISTANCE;
		r.protocol = RTPROT_DHCP;
		r.table = RT_TABLE_MAIN;
	}
	if (c->routed && (r.gw != c->route.gw || r.oif != c->route.oif))
		route_del(c);
	if (r.gw == 0)
		return;
	rc = nl_route_add(c->dh->pl->nl, &r);
	if (rc == 0 || rc == -EEXIST) {
		c->route = r;
		c->routed = 1;
	} else
		log_debug("%s: DHCP default route pending: %s", c->ifname,
		    nl_strerror(rc));
}

/* Lease changes: the interface is reconciled again. */

static void
touch(struct client *c)
{
	struct cfgd_platform	*pl = c->dh->pl;

	pl->ops.touch(&pl->ops, pl->d->model, c->ifname, 0);
}

static void
on_expire(evutil_socket_t fd, short what, void *arg)
{
	struct client	*c = arg;

	(void)fd;
	(void)what;
	log_info("%s: DHCP lease expired", c->ifname);
	memset(&c->lease, 0, sizeof(c->lease));
	lease_save(c);
	touch(c);
}

static void
lease_set(struct client *c, const struct lease *l)
{
	struct timeval	 tv = { 0, 0 };
	char		 a[INET_ADDRSTRLEN];

	if (memcmp(&c->lease, l, sizeof(*l)) == 0)
		return;
	if (l->addr != 0 && (l->addr != c->lease.addr ||
	    l->plen != c->lease.plen))
		log_info("%s: DHCP address %s/%u", c->ifname,
		    cfgd_pl_addr_str(l->addr, a, sizeof(a)), l->plen);
	else if (l->addr == 0 && c->lease.addr != 0)
		log_info("%s: DHCP address released", c->ifname);
	c->lease = *l;
	if (c->ev_expire != NULL) {
		evtimer_del(c->ev_expire);
		if (l->addr != 0) {
			tv.tv_sec = l->expiry - time(NULL);
			if (tv.tv_sec < 0)
				tv.tv_sec = 0;
			evtimer_add(c->ev_expire, &tv);
		}
	}
	lease_save(c);
	touch(c);
}

/* One line from the hook. */
static void
client_line(struct client *c, char *line)
{
	struct lease	 l;
	char		 ip[32], sub[32], gw[32];
	unsigned long	 secs;
	uint32_t	 gwa = 0;

	memset(&l, 0, sizeof(l));
	if (strcmp(line, "nak") == 0 || (strcmp(line, "deconfig") == 0 &&
	    c->bound_here)) {
		c->bound_here = 0;
		lease_set(c, &l);
		return;
	}
	if (sscanf(line, "lease ip=%31s subnet=%31s router=%31s lease=%lu", ip,
	    sub, gw, &secs) != 4)
		return;
	if (cfg_if_parse_addr(ip, &l.addr) != 0 ||
	    cfg_if_mask_len(sub, &l.plen) != 0 || l.plen == 0 ||
	    l.addr == 0) {
		log_warnx("%s: DHCP lease not usable: %s", c->ifname, line);
		return;
	}
	if (cfg_if_parse_addr(gw, &gwa) == 0)
		l.gw = gwa;
	if (secs == 0 || secs > 0x7fffffffUL)
		secs = 0x7fffffffUL / 2;	/* infinite */
	l.expiry = time(NULL) + (time_t)secs;
	c->bound_here = 1;
	c->backoff = 0;
	lease_set(c, &l);
}

static void
on_read(evutil_socket_t fd, short what, void *arg)
{
	struct client	*c = arg;
	ssize_t		 n;
	char		*nl;

	(void)what;
	n = read(fd, c->buf + c->buflen, sizeof(c->buf) - 1 - c->buflen);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		/* The client and its scripts are gone; SIGCHLD restarts. */
		event_free(c->ev_read);
		c->ev_read = NULL;
		close(c->fd);
		c->fd = -1;
		return;
	}
	c->buflen += (size_t)n;
	c->buf[c->buflen] = '\0';
	while ((nl = strchr(c->buf, '\n')) != NULL) {
		*nl = '\0';
		client_line(c, c->buf);
		c->buflen -= (size_t)(nl + 1 - c->buf);
		memmove(c->buf, nl + 1, c->buflen + 1);
	}
	if (c->buflen == sizeof(c->buf) - 1)
		c->buflen = 0;		/* garbage */
}

/* The client process. */

static void
child_exec(const struct client *c, int wfd, pid_t parent)
{
	char		 req[INET_ADDRSTRLEN + 1] = "";
	const char	*env = getenv("LISPROUTER_UDHCPC");
	const char	*argv[16];
	size_t		 n = 0;
	int		 devnull;

	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 || getppid() != parent)
		_exit(1);
	signal(SIGPIPE, SIG_DFL);
	if ((devnull = open("/dev/null", O_RDONLY)) != -1) {
		dup2(devnull, 0);
		if (devnull != 0)
			close(devnull);
	}
	if (wfd != HOOK_FD) {
		if (dup2(wfd, HOOK_FD) == -1)
			_exit(1);
		close(wfd);
	}
	closefrom(HOOK_FD + 1);
	if (c->lease.addr != 0)
		cfgd_pl_addr_str(c->lease.addr, req, sizeof(req));
	argv[n++] = "busybox";
	argv[n++] = "udhcpc";
	argv[n++] = "-f";
	argv[n++] = "-i";
	argv[n++] = c->dev;
	argv[n++] = "-s";
	argv[n++] = c->dh->hook;
	argv[n++] = "-t";
	argv[n++] = "4";
	argv[n++] = "-T";
	argv[n++] = "2";
	argv[n++] = "-A";
	argv[n++] = "5";
	if (req[0] != '\0') {
		argv[n++] = "-r";
		argv[n++] = req;
	}
	argv[n] = NULL;
	if (env != NULL && *env != '\0')
		execv(env, (char *const *)(uintptr_t)(argv + 1));
	execvp("udhcpc", (char *const *)(uintptr_t)(argv + 1));
	execvp("busybox", (char *const *)(uintptr_t)argv);
	execv("/bin/busybox", (char *const *)(uintptr_t)argv);
	_exit(127);
}

static void
on_restart(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	client_spawn(arg);
}

static void
client_spawn(struct client *c)
{
	struct event_base	*base = c->dh->pl->d->base;
	int			 p[2];
	pid_t			 pid, self = getpid();

	if (c->pid != 0 || c->dev[0] == '\0')
		return;
	if (pipe2(p, O_CLOEXEC) == -1) {
		log_warn("%s: pipe", __func__);
		return;
	}
	if ((pid = fork()) == -1) {
		log_warn("%s: fork", __func__);
		close(p[0]);
		close(p[1]);
		return;
	}
	if (pid == 0) {
		close(p[0]);
		/* dup2 clears FD_CLOEXEC; without it, clear it here. */
		if (p[1] == HOOK_FD)
			(void)fcntl(HOOK_FD, F_SETFD, 0);
		child_exec(c, p[1], self);
	}
	close(p[1]);
	(void)fcntl(p[0], F_SETFL, O_NONBLOCK);
	c->pid = pid;
	c->fd = p[0];
	c->buflen = 0;
	c->bound_here = 0;
	c->ev_read = event_new(base, c->fd, EV_READ | EV_PERSIST, on_read, c);
	if (c->ev_read == NULL || event_add(c->ev_read, NULL) != 0)
		fatalx("%s: event_add failed", __func__);
	log_info("%s: DHCP client started on %s (pid %ld)", c->ifname, c->dev,
	    (long)pid);
}

static void
client_close(struct client *c)
{
	if (c->ev_read != NULL) {
		event_free(c->ev_read);
		c->ev_read = NULL;
	}
	if (c->fd != -1) {
		close(c->fd);
		c->fd = -1;
	}
}

/* Ends the client and waits for it (bounded); release: DHCPRELEASE. */
static void
client_stop(struct client *c, int release)
{
	struct timespec	 ts = { 0, 10 * 1000 * 1000 };
	int		 i, status;

	if (c->ev_restart != NULL)
		evtimer_del(c->ev_restart);
	if (c->pid == 0) {
		client_close(c);
		return;
	}
	if (release) {
		(void)kill(c->pid, SIGUSR2);
		/* udhcpc sends the release and runs its script first. */
		for (i = 0; i < 50; i++) {
			char	 b[256];

			if (c->fd != -1 && read(c->fd, b, sizeof(b)) > 0)
				break;
			nanosleep(&ts, NULL);
		}
	}
	(void)kill(c->pid, SIGTERM);
	for (i = 0; i < 300; i++) {
		if (waitpid(c->pid, &status, WNOHANG) != 0)
			break;
		nanosleep(&ts, NULL);
	}
	if (i == 300) {
		(void)kill(c->pid, SIGKILL);
		(void)waitpid(c->pid, &status, 0);
	}
	log_info("%s: DHCP client stopped", c->ifname);
	c->pid = 0;
	client_close(c);
}

static void
client_free(struct cfgd_dhcp *dh, struct client *c)
{
	struct client	**pp;

	for (pp = &dh->clients; *pp != NULL; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	if (c->ev_restart != NULL)
		event_free(c->ev_restart);
	if (c->ev_expire != NULL)
		event_free(c->ev_expire);
	client_close(c);
	free(c->ifname);
	free(c);
}

static void
on_sigchld(evutil_socket_t fd, short what, void *arg)
{
	struct cfgd_dhcp	*dh = arg;
	struct client		*c;
	struct timeval		 tv = { 0, 0 };
	int			 status;

	(void)fd;
	(void)what;
	for (c = dh->clients; c != NULL; c = c->next) {
		if (c->pid == 0 || waitpid(c->pid, &status, WNOHANG) != c->pid)
			continue;
		log_warnx("%s: DHCP client (pid %ld) %s %d", c->ifname,
		    (long)c->pid, WIFSIGNALED(status) ? "killed by signal" :
		    "exited", WIFSIGNALED(status) ? WTERMSIG(status) :
		    WEXITSTATUS(status));
		c->pid = 0;
		client_close(c);
		c->backoff = c->backoff == 0 ? 1 : c->backoff * 2;
		if (c->backoff > BACKOFF_MAX)
			c->backoff = BACKOFF_MAX;
		tv.tv_sec = c->backoff;
		evtimer_add(c->ev_restart, &tv);
	}
}

/* What cfgd-platform.c calls. */

int
cfgd_pl_node_dhcp(const struct cfg_node *ifnode)
{
	const struct cfg_node	*k;

	for (k = cfg_node_first(ifnode); k != NULL; k = cfg_node_next(k))
		if (strcmp(cfg_node_line(k), "ip address dhcp") == 0)
			return 1;
	return 0;
}

void
cfgd_dhcp_if(struct cfgd_dhcp *dh, struct ifst *s, const char *dev,
    int want, struct want *w)
{
	struct client	*c = client_find(dh, s->name);
	struct event_base *base = dh->pl->d->base;
	struct lease	 none;

	if (!want) {
		if (c == NULL)
			return;
		client_stop(c, 1);
		memset(&none, 0, sizeof(none));
		c->lease = none;
		lease_save(c);
		route_del(c);
		client_free(dh, c);
		return;
	}
	s->method = "DHCP";
	if (c == NULL) {
		c = client_get(dh, s->name);
		lease_load(c);
	}
	if (c->ev_restart == NULL) {
		c->ev_restart = evtimer_new(base, on_restart, c);
		c->ev_expire = evtimer_new(base, on_expire, c);
		if (c->ev_restart == NULL || c->ev_expire == NULL)
			fatalx("%s: out of memory", __func__);
		if (c->lease.addr != 0) {
			struct timeval	tv = { c->lease.expiry - time(NULL),
					    0 };

			evtimer_add(c->ev_expire, &tv);
		}
	}
	if (strcmp(c->dev, dev) != 0) {
		client_stop(c, 0);
		snprintf(c->dev, sizeof(c->dev), "%s", dev);
	}
	if (c->pid == 0 && !evtimer_pending(c->ev_restart, NULL))
		client_spawn(c);
	if (c->lease.addr == 0 || w == NULL)
		return;
	/* The lease is the primary address. */
	if (w->naddr == MAXADDR)
		w->naddr--;
	memmove(&w->addr[1], &w->addr[0], w->naddr * sizeof(w->addr[0]));
	memmove(&w->plen[1], &w->plen[0], w->naddr * sizeof(w->plen[0]));
	w->addr[0] = c->lease.addr;
	w->plen[0] = c->lease.plen;
	w->naddr++;
}

void
cfgd_dhcp_route(struct cfgd_dhcp *dh, struct ifst *s)
{
	struct client	*c = client_find(dh, s->name);

	if (c != NULL)
		route_add(c, s->ifindex);
}

/* After netlink events: default routes the kernel dropped go back. */
void
cfgd_dhcp_refresh(struct cfgd_dhcp *dh)
{
	struct client	*c;
	struct ifst	*s;

	for (c = dh->clients; c != NULL; c = c->next)
		if (c->lease.addr != 0 && (s = cfgd_pl_st_find(dh->pl,
		    c->ifname)) != NULL && s->ifindex != 0) {
			c->routed = 0;
			route_add(c, s->ifindex);
		}
}

/* The hook: LISPROUTER_DHCP_HOOK, next to cfgd (a build tree), or
 * installed in pkglibexecdir. */
static void
find_hook(struct cfgd_dhcp *dh)
{
	const char	*env = getenv("LISPROUTER_DHCP_HOOK");
	char		 self[PATH_MAX];
	char		*slash;
	ssize_t		 n;

	if (env != NULL && *env != '\0') {
		snprintf(dh->hook, sizeof(dh->hook), "%s", env);
		return;
	}
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			if ((size_t)snprintf(dh->hook, sizeof(dh->hook),
			    "%s/" HOOK_NAME, self) < sizeof(dh->hook) &&
			    access(dh->hook, X_OK) == 0)
				return;
		}
	}
	snprintf(dh->hook, sizeof(dh->hook), "%s/" HOOK_NAME, PKGLIBEXECDIR);
}

struct cfgd_dhcp *
cfgd_dhcp_new(struct cfgd_platform *pl)
{
	struct cfgd_dhcp	*dh = xcalloc(1, sizeof(*dh));

	dh->pl = pl;
	snprintf(dh->dir, sizeof(dh->dir), "%s/dhcp", pl->d->rundir);
	find_hook(dh);
	return dh;
}

void
cfgd_dhcp_start(struct cfgd_dhcp *dh)
{
	if (!dh->pl->managed)
		return;
	if (mkdir(dh->dir, 0755) == -1 && errno != EEXIST)
		log_warn("%s: mkdir %s", __func__, dh->dir);
	if (access(dh->hook, X_OK) != 0)
		log_warnx("DHCP client script %s: %s", dh->hook,
		    strerror(errno));
	dh->ev_chld = evsignal_new(dh->pl->d->base, SIGCHLD, on_sigchld, dh);
	if (dh->ev_chld == NULL || evsignal_add(dh->ev_chld, NULL) != 0)
		fatalx("%s: SIGCHLD event failed", __func__);
}

/* cfgd exits: the clients end (their leases stay, saved, for the next
 * run; the addresses stay in the kernel). */
void
cfgd_dhcp_free(struct cfgd_dhcp *dh)
{
	if (dh == NULL)
		return;
	while (dh->clients != NULL) {
		client_stop(dh->clients, 0);
		client_free(dh, dh->clients);
	}
	if (dh->ev_chld != NULL)
		event_free(dh->ev_chld);
	free(dh);
}
