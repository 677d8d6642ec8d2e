/*
 * lisprouter-init: PID 1 of the VM appliance.
 *
 * The appliance is a router, not a Linux box: this init mounts the
 * kernel's filesystems, loads the drivers for the hardware it finds, maps
 * GigabitEthernet1-N to the NICs in PCI order, applies the day-0
 * configuration on first boot, starts the router's daemons with routerctl
 * and runs the IOS shell (`cli`) on every console, respawned: whatever is
 * typed, a console shows `Router>`, never a Linux login or shell.
 *
 * `reload` in the shell asks cfgd, which asks routerctl to restart the
 * daemons (SIGHUP); on the appliance that means rebooting the VM, so this
 * init watches routerctl's log for that request and reboots.  The ACPI
 * power button (QEMU's system_powerdown, a hypervisor's "shut down")
 * powers off cleanly; SIGINT (Ctrl-Alt-Del) and SIGTERM reboot, SIGUSR2
 * powers off, as with busybox's init.
 */
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <linux/input.h>
#include <net/if.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "platform/image/day0.h"

#define RUNDIR		"/var/lib/lisprouter"
#define ROUTERCTL	SBINDIR "/routerctl"
#define CLI		BINDIR "/cli"
#define MODPROBE	"/sbin/modprobe"
#define E2FSCK		"/sbin/e2fsck"
#define DAY0_MNT	"/run/day0"
#define MAX_CONSOLES	4
#define MAX_ARGS	512
#define RELOAD_MARK	"SIGHUP: restarting all daemons"
#define FILE_MAX	(1024 * 1024)

struct console {
	char	 dev[32];	/* "/dev/ttyS0" */
	pid_t	 pid;
	time_t	 started;
	int	 fails;		/* quick exits in a row */
	time_t	 next;		/* respawn not before */
};

struct init {
	struct console	 cons[MAX_CONSOLES];
	size_t		 ncons;
	int		 sigfd;
	int		 inofd;
	int		 logwd;
	off_t		 logoff;	/* routerctl.log read up to here */
	int		 btnfd;		/* the ACPI power button, or -1 */
	int		 going_down;
};

static struct init	*the_init;	/* for say(), which needs the consoles */

/* Writes a line to every console (/dev/console reaches only the last). */
static void __attribute__((format(printf, 1, 2)))
say(const char *fmt, ...)
{
	char	 buf[1024];
	va_list	 ap;
	size_t	 i;
	int	 fd, n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 3)
		n = (int)sizeof(buf) - 3;
	buf[n++] = '\r';
	buf[n++] = '\n';
	if (the_init == NULL || the_init->ncons == 0) {
		(void)write(STDERR_FILENO, buf, (size_t)n);
		return;
	}
	for (i = 0; i < the_init->ncons; i++) {
		fd = open(the_init->cons[i].dev,
		    O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd == -1)
			continue;
		(void)write(fd, buf, (size_t)n);
		close(fd);
	}
}

static int
read_file(const char *path, char **out)
{
	char	*buf;
	ssize_t	 n;
	size_t	 len = 0;
	int	 fd;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if ((buf = malloc(FILE_MAX + 1)) == NULL) {
		close(fd);
		return -1;
	}
	while (len < FILE_MAX &&
	    (n = read(fd, buf + len, FILE_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	*out = buf;
	return 0;
}

static int
write_file(const char *path, const char *text)
{
	char	 tmp[256];
	size_t	 len = strlen(text), off = 0;
	ssize_t	 n;
	int	 fd;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1)
		return -1;
	while (off < len && (n = write(fd, text + off, len - off)) > 0)
		off += (size_t)n;
	if (off < len || fsync(fd) == -1) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	return rename(tmp, path);
}

/*
 * Runs argv with stdin from `in` (NULL: /dev/null) and output appended to
 * `log` (NULL: discarded), waiting at most timeout_s.  Returns the exit
 * status, or -1.
 */
static int
run(char *const argv[], const char *in, const char *log, int timeout_s)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	pid_t		 pid, w;
	int		 status, fd, i, pfd[2] = { -1, -1 };

	if (in != NULL && pipe2(pfd, O_CLOEXEC) == -1)
		return -1;
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		sigset_t	 all;

		sigemptyset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		setsid();
		fd = in != NULL ? pfd[0] : open("/dev/null", O_RDONLY);
		dup2(fd, 0);
		fd = log != NULL ? open(log, O_WRONLY | O_CREAT | O_APPEND,
		    0644) : open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	if (in != NULL) {
		size_t	 len = strlen(in), off = 0;
		ssize_t	 n;

		close(pfd[0]);
		while (off < len &&
		    (n = write(pfd[1], in + off, len - off)) > 0)
			off += (size_t)n;
		close(pfd[1]);
	}
	for (i = 0; i < timeout_s * 50; i++) {
		if ((w = waitpid(pid, &status, WNOHANG)) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		nanosleep(&ts, NULL);
	}
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/* Filesystems and the root file system's check. */

static void
mount_kernel_fs(void)
{
	mkdir("/dev", 0755);
	mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	    NULL);
	/* The initramfs moved its devtmpfs here; mount one if it did not. */
	if (access("/dev/null", F_OK) == -1)
		mount("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755");
	mkdir("/dev/pts", 0755);
	mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
	    "gid=5,mode=620,ptmxmode=000");
	mkdir("/dev/shm", 01777);
	mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
	mount("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV,
	    "mode=0755,size=20%");
	mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
}

/* The block device the root file system is on, e.g. "/dev/sda2". */
static int
root_device(char *buf, size_t len)
{
	struct stat	 st;
	char		 path[128], *text, *p;

	if (stat("/", &st) == -1)
		return -1;
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/uevent",
	    major(st.st_dev), minor(st.st_dev));
	if (read_file(path, &text) != 0)
		return -1;
	if ((p = strstr(text, "DEVNAME=")) == NULL) {
		free(text);
		return -1;
	}
	p += 8;
	p[strcspn(p, "\n")] = '\0';
	snprintf(buf, len, "/dev/%s", p);
	free(text);
	return 0;
}

static void
check_root(void)
{
	char	 dev[64];
	char	*argv[] = { E2FSCK, "-p", dev, NULL };
	int	 rc;

	if (root_device(dev, sizeof(dev)) != 0) {
		say("%%BOOT-3-BOOTFLASH: cannot find the bootflash device");
		return;
	}
	rc = run(argv, NULL, NULL, 300);
	if (rc >= 0 && (rc & 2)) {
		say("%%BOOT-4-BOOTFLASH: bootflash repaired, rebooting");
		sync();
		reboot(RB_AUTOBOOT);
	}
	if (rc < 0 || rc >= 4)
		say("%%BOOT-3-BOOTFLASH: bootflash check failed (%d)", rc);
	if (mount(NULL, "/", NULL, MS_REMOUNT | MS_NOATIME, NULL) == -1)
		say("%%BOOT-3-BOOTFLASH: bootflash is read-only: %s",
		    strerror(errno));
}

/* Drivers: what udev's coldplug would load, in one modprobe. */

static void
modalias_dir(const char *dir, char **argv, int *argc, int max)
{
	DIR		*d;
	struct dirent	*de;
	char		 path[512], *text;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && *argc < max - 1) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/modalias", dir, de->d_name);
		if (read_file(path, &text) != 0)
			continue;
		text[strcspn(text, "\n")] = '\0';
		if (text[0] != '\0')
			argv[(*argc)++] = text;
		else
			free(text);
	}
	closedir(d);
}

static void
coldplug(void)
{
	static const char *const buses[] = {
		"/sys/bus/pci/devices", "/sys/bus/virtio/devices",
		"/sys/bus/acpi/devices", "/sys/bus/scsi/devices",
		"/sys/bus/platform/devices",
	};
	char	*argv[MAX_ARGS];
	int	 argc, first, i;
	size_t	 b;

	argv[0] = MODPROBE;
	argv[1] = "-a";
	argv[2] = "-b";
	argv[3] = "-q";
	argv[4] = "evdev";
	first = argc = 5;
	for (b = 0; b < sizeof(buses) / sizeof(buses[0]); b++)
		modalias_dir(buses[b], argv, &argc, MAX_ARGS);
	argv[argc] = NULL;
	run(argv, NULL, NULL, 60);
	for (i = first; i < argc; i++)
		free(argv[i]);
	/* Disks and CD-ROMs found by the drivers just loaded. */
	argc = first;
	modalias_dir("/sys/bus/scsi/devices", argv, &argc, MAX_ARGS);
	argv[argc] = NULL;
	if (argc > first)
		run(argv, NULL, NULL, 60);
	for (i = first; i < argc; i++)
		free(argv[i]);
}

/* GigabitEthernet1-N: the NICs in PCI address order. */

struct nic {
	char	 pci[64];
	char	 name[IFNAMSIZ];
};

static int
cmp_nic(const void *a, const void *b)
{
	return strcmp(((const struct nic *)a)->pci,
	    ((const struct nic *)b)->pci);
}

/* The NIC's PCI address ("0000:00:03.0"), or -1 if not on PCI. */
static int
nic_pci(const char *name, char *buf, size_t len)
{
	/* link: realpath() writes up to PATH_MAX bytes (with the Debian
	 * package's _FORTIFY_SOURCE a smaller buffer aborts). */
	char	 path[128], link[PATH_MAX], sub[128], *base;
	ssize_t	 n;

	snprintf(path, sizeof(path), "/sys/class/net/%s/device/subsystem",
	    name);
	if ((n = readlink(path, sub, sizeof(sub) - 1)) == -1)
		return -1;
	sub[n] = '\0';
	base = strrchr(sub, '/');
	if (base == NULL)
		return -1;
	snprintf(path, sizeof(path), "/sys/class/net/%s/device", name);
	if ((n = readlink(path, link, sizeof(link) - 1)) == -1)
		return -1;
	link[n] = '\0';
	if (strcmp(base, "/virtio") == 0) {
		/* virtio_net sits under its virtio-pci device. */
		snprintf(path, sizeof(path),
		    "/sys/class/net/%s/device/..", name);
		if (realpath(path, link) == NULL)
			return -1;
	} else if (strcmp(base, "/pci") != 0)
		return -1;
	if ((base = strrchr(link, '/')) == NULL)
		return -1;
	snprintf(buf, len, "%s", base + 1);
	return 0;
}

static void
map_interfaces(void)
{
	struct nic	 nics[32];
	struct dirent	*de;
	DIR		*d;
	char		 path[128], *type, text[4096];
	size_t		 n = 0, i, off;

	if ((d = opendir("/sys/class/net")) == NULL)
		return;
	while ((de = readdir(d)) != NULL && n < 32) {
		if (de->d_name[0] == '.' ||
		    strlen(de->d_name) >= sizeof(nics[0].name))
			continue;
		snprintf(path, sizeof(path), "/sys/class/net/%s/type",
		    de->d_name);
		if (read_file(path, &type) != 0)
			continue;
		if (atoi(type) == 1 &&
		    nic_pci(de->d_name, nics[n].pci, sizeof(nics[n].pci)) == 0) {
			snprintf(nics[n].name, sizeof(nics[n].name), "%s",
			    de->d_name);
			n++;
		}
		free(type);
	}
	closedir(d);
	qsort(nics, n, sizeof(nics[0]), cmp_nic);
	off = (size_t)snprintf(text, sizeof(text),
	    "# Written at boot by lisprouter-init: the NICs in PCI order.\n");
	for (i = 0; i < n; i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off,
		    "GigabitEthernet%zu %s\t# %s\n", i + 1, nics[i].name,
		    nics[i].pci);
	if (write_file(RUNDIR "/interfaces", text) != 0)
		say("%%BOOT-3-IFMAP: cannot write the interface map: %s",
		    strerror(errno));
}

/* Day-0: ovf-env.xml or iosxe_config.txt on a CD-ROM or small disk. */

static int
root_disk(const char *name)
{
	char	 dev[64];
	size_t	 n;

	if (root_device(dev, sizeof(dev)) != 0)
		return 0;
	/* sda2 -> sda, vda2 -> vda, nvme0n1p2 -> nvme0n1 */
	n = strlen(dev + 5);
	while (n > 0 && dev[5 + n - 1] >= '0' && dev[5 + n - 1] <= '9')
		n--;
	if (n > 0 && dev[5 + n - 1] == 'p' && strncmp(dev + 5, "nvme", 4) == 0)
		n--;
	return strncmp(name, dev + 5, n) == 0;
}

/* Reads the day-0 file from a mounted medium into *cfg (config lines). */
static int
day0_read(const char *dev, char **cfg, char *src, size_t srclen)
{
	const char	*bad;
	char		*text;
	int		 rc;

	if (read_file(DAY0_MNT "/ovf-env.xml", &text) == 0) {
		rc = day0_from_ovfenv(text, cfg, &bad);
		free(text);
		snprintf(src, srclen, "the OVF environment (%s)", dev);
		if (rc != 0)
			say("%%DAY0-3-OVFENV: %s: %s%s%s", dev,
			    day0_strerror(rc), bad != NULL ? ": " : "",
			    bad != NULL ? bad : "");
		return rc;
	}
	if (read_file(DAY0_MNT "/iosxe_config.txt", &text) == 0) {
		rc = day0_from_iosxe(text, cfg);
		free(text);
		snprintf(src, srclen, "iosxe_config.txt (%s)", dev);
		return rc;
	}
	return -1;
}

static int
day0_find(char **cfg, char *src, size_t srclen)
{
	static const char *const fstypes[] = { "iso9660", "vfat", "ext4" };
	struct dirent	*de;
	DIR		*d;
	char		 dev[300];
	size_t		 t;
	int		 found = -1;

	mkdir(DAY0_MNT, 0700);
	if ((d = opendir("/sys/class/block")) == NULL)
		return -1;
	while (found != 0 && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "sr", 2) != 0 &&
		    strncmp(de->d_name, "sd", 2) != 0 &&
		    strncmp(de->d_name, "vd", 2) != 0)
			continue;
		if (root_disk(de->d_name))
			continue;
		snprintf(dev, sizeof(dev), "/dev/%s", de->d_name);
		for (t = 0; t < sizeof(fstypes) / sizeof(fstypes[0]); t++) {
			if (mount(dev, DAY0_MNT, fstypes[t],
			    MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
			    NULL) == -1)
				continue;
			found = day0_read(dev, cfg, src, srclen);
			umount(DAY0_MNT);
			break;
		}
	}
	closedir(d);
	return found;
}

static void
day0_apply(const char *cfg, const char *src)
{
	char		*script, *log, *p;
	char		*argv[] = { CLI, "--rundir", RUNDIR, NULL };
	const char	*logpath = RUNDIR "/log/day0.log";
	int		 errors = 0;

	say("%%DAY0-5-APPLY: applying the day-0 configuration from %s", src);
	if (asprintf(&script, "enable\nconfigure terminal\n%send\n"
	    "write memory\n", cfg) == -1)
		return;
	run(argv, script, logpath, 300);
	free(script);
	/* The transcript shows rejected lines as "% ..." errors. */
	if (read_file(logpath, &log) == 0) {
		for (p = log; (p = strstr(p, "\n% ")) != NULL; p++)
			errors++;
		free(log);
	}
	if (errors > 0)
		say("%%DAY0-4-ERRORS: %d day-0 line%s rejected (see "
		    "bootflash:log/day0.log)", errors, errors == 1 ? " was" :
		    "s were");
}

/* The router. */

/*
 * The daemons append to their logs in the run directory, which is on the
 * disk: keep each to its last boot or two once it passes 4 MB.
 */
static void
rotate_logs(void)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		 path[600], old[610];
	size_t		 n;

	if ((d = opendir(RUNDIR "/log")) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".log") != 0)
			continue;
		snprintf(path, sizeof(path), RUNDIR "/log/%s", de->d_name);
		if (stat(path, &st) == -1 || st.st_size < 4 * 1024 * 1024)
			continue;
		snprintf(old, sizeof(old), "%s.old", path);
		rename(path, old);
	}
	closedir(d);
}

static int
start_router(void)
{
	char	*argv[] = { ROUTERCTL, "start", "--rundir", RUNDIR, NULL };
	int	 rc;

	setenv("LISPROUTER_KERNEL", "1", 1);
	rc = run(argv, NULL, RUNDIR "/log/boot.log", 60);
	if (rc != 0)
		say("%%BOOT-3-ROUTER: the router did not start (%d)", rc);
	return rc;
}

static void
stop_router(void)
{
	char	*argv[] = { ROUTERCTL, "stop", "--rundir", RUNDIR, NULL };

	run(argv, NULL, RUNDIR "/log/boot.log", 15);
}

/* Consoles. */

static void
find_consoles(struct init *in)
{
	char	*text, *tok, *save = NULL;

	in->ncons = 0;
	if (read_file("/sys/class/tty/console/active", &text) != 0)
		return;
	for (tok = strtok_r(text, " \n", &save); tok != NULL &&
	    in->ncons < MAX_CONSOLES; tok = strtok_r(NULL, " \n", &save)) {
		/* tty0 is "the current virtual terminal": tty1 at boot. */
		snprintf(in->cons[in->ncons].dev, sizeof(in->cons[0].dev),
		    "/dev/%s", strcmp(tok, "tty0") == 0 ? "tty1" : tok);
		in->ncons++;
	}
	free(text);
}

static void __attribute__((noreturn))
console_child(const struct console *c)
{
	struct termios	 tio;
	sigset_t	 all;
	int		 fd;

	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	setsid();
	if ((fd = open(c->dev, O_RDWR | O_NOCTTY)) == -1)
		_exit(126);
	ioctl(fd, TIOCSCTTY, 1);
	if (tcgetattr(fd, &tio) == 0) {
		/* A sane cooked terminal; readline takes it from there. */
		tio.c_iflag = ICRNL | IXON | BRKINT | IMAXBEL | IUTF8;
		tio.c_oflag = OPOST | ONLCR;
		tio.c_cflag = (tio.c_cflag & (CBAUD | CBAUDEX)) | CS8 | CREAD |
		    HUPCL | CLOCAL;
		tio.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL |
		    ECHOKE | IEXTEN;
		tcsetattr(fd, TCSANOW, &tio);
	}
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	setenv("TERM", strncmp(c->dev, "/dev/tty", 8) == 0 &&
	    c->dev[8] >= '0' && c->dev[8] <= '9' ? "linux" : "vt100", 1);
	setenv("HOME", "/", 1);
	execl(CLI, CLI, "--rundir", RUNDIR, (char *)NULL);
	_exit(127);
}

static void
console_spawn(struct console *c)
{
	pid_t	 pid;

	if ((pid = fork()) == -1)
		return;
	if (pid == 0)
		console_child(c);
	c->pid = pid;
	c->started = time(NULL);
}

/* A console's shell ended: start another, slower if it keeps failing. */
static void
console_ended(struct console *c)
{
	time_t	 now = time(NULL);

	c->pid = 0;
	c->fails = now - c->started < 2 ? c->fails + 1 : 0;
	c->next = now + (c->fails < 3 ? 0 : c->fails < 10 ? 1 : 10);
}

static void
consoles_tick(struct init *in)
{
	time_t	 now = time(NULL);
	size_t	 i;

	if (in->going_down)
		return;
	for (i = 0; i < in->ncons; i++)
		if (in->cons[i].pid == 0 && now >= in->cons[i].next)
			console_spawn(&in->cons[i]);
}

/* reload: routerctl logs the SIGHUP cfgd sends it. */

static void
watch_reload(struct init *in)
{
	struct stat	 st;

	in->inofd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (in->inofd == -1)
		return;
	in->logwd = inotify_add_watch(in->inofd, RUNDIR "/log", IN_MODIFY);
	in->logoff = stat(RUNDIR "/log/routerctl.log", &st) == 0 ?
	    st.st_size : 0;
}

static int
reload_requested(struct init *in)
{
	char	 buf[4096], ev[4096];
	ssize_t	 n;
	int	 fd, found = 0;

	while (read(in->inofd, ev, sizeof(ev)) > 0)
		;
	if ((fd = open(RUNDIR "/log/routerctl.log", O_RDONLY | O_CLOEXEC)) ==
	    -1)
		return 0;
	if (lseek(fd, in->logoff, SEEK_SET) == -1) {
		close(fd);
		return 0;
	}
	/* Lines are short; a mark split across reads is found next time
	 * because the offset only moves past whole lines. */
	while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		char	*nl;

		buf[n] = '\0';
		if (strstr(buf, RELOAD_MARK) != NULL)
			found = 1;
		if ((nl = strrchr(buf, '\n')) == NULL)
			break;
		in->logoff += nl + 1 - buf;
		if (lseek(fd, in->logoff, SEEK_SET) == -1)
			break;
	}
	close(fd);
	return found;
}

/* The ACPI power button. */

static void
open_power_button(struct init *in)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[300], *name;
	int		 fd;

	in->btnfd = -1;
	if ((d = opendir("/sys/class/input")) == NULL)
		return;
	while (in->btnfd == -1 && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "event", 5) != 0)
			continue;
		snprintf(path, sizeof(path), "/sys/class/input/%s/device/name",
		    de->d_name);
		if (read_file(path, &name) != 0)
			continue;
		if (strncmp(name, "Power Button", 12) == 0) {
			snprintf(path, sizeof(path), "/dev/input/%s",
			    de->d_name);
			fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
			in->btnfd = fd;
		}
		free(name);
	}
	closedir(d);
}

static int
power_pressed(struct init *in)
{
	struct input_event	 ev;

	while (read(in->btnfd, &ev, sizeof(ev)) == sizeof(ev))
		if (ev.type == EV_KEY && ev.code == KEY_POWER && ev.value == 1)
			return 1;
	return 0;
}

/* Going down. */

static void __attribute__((noreturn))
shutdown_now(struct init *in, int how)
{
	struct timespec	 ts = { 0, 100 * 1000 * 1000 };
	size_t		 i;
	int		 k;

	in->going_down = 1;
	say("%s", how == RB_POWER_OFF ?
	    "%SYS-5-RELOAD: shutting down" : "%SYS-5-RELOAD: reloading");
	for (i = 0; i < in->ncons; i++)
		if (in->cons[i].pid > 0)
			kill(-in->cons[i].pid, SIGHUP);
	stop_router();
	kill(-1, SIGTERM);
	for (k = 0; k < 20 && waitpid(-1, NULL, WNOHANG) >= 0; k++)
		nanosleep(&ts, NULL);
	kill(-1, SIGKILL);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	sync();
	umount2("/run", MNT_DETACH);
	if (mount(NULL, "/", NULL, MS_REMOUNT | MS_RDONLY, NULL) == -1)
		say("%%SYS-3-RELOAD: bootflash busy: %s", strerror(errno));
	sync();
	reboot(how);
	for (;;)
		pause();
}

static void
reap(struct init *in)
{
	pid_t	 pid;
	size_t	 i;
	int	 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (i = 0; i < in->ncons; i++)
			if (in->cons[i].pid == pid)
				console_ended(&in->cons[i]);
}

static void
main_loop(struct init *in)
{
	struct signalfd_siginfo	 si;
	struct pollfd		 pfd[3];
	nfds_t			 n;

	for (;;) {
		consoles_tick(in);
		pfd[0].fd = in->sigfd;
		pfd[0].events = POLLIN;
		pfd[1].fd = in->inofd;
		pfd[1].events = POLLIN;
		pfd[2].fd = in->btnfd;
		pfd[2].events = POLLIN;
		n = in->btnfd != -1 ? 3 : 2;
		if (poll(pfd, n, 1000) == -1 && errno != EINTR)
			continue;
		if (pfd[1].revents & POLLIN && reload_requested(in))
			shutdown_now(in, RB_AUTOBOOT);
		if (n == 3 && pfd[2].revents & POLLIN && power_pressed(in))
			shutdown_now(in, RB_POWER_OFF);
		if (!(pfd[0].revents & POLLIN))
			continue;
		while (read(in->sigfd, &si, sizeof(si)) == sizeof(si)) {
			switch (si.ssi_signo) {
			case SIGUSR2:
			case SIGPWR:
				shutdown_now(in, RB_POWER_OFF);
			case SIGINT:
			case SIGTERM:
				shutdown_now(in, RB_AUTOBOOT);
			default:
				/* SIGCHLD: reaped below; others mean nothing. */
				break;
			}
		}
		reap(in);
	}
}

static void
boot_banner(void)
{
	char	*rel = NULL;

	read_file("/proc/sys/kernel/osrelease", &rel);
	if (rel != NULL)
		rel[strcspn(rel, "\n")] = '\0';
	say("%s", "");
	say("Initializing Hardware ...");
	say("Booting lisprouter " PACKAGE_VERSION " (Linux %s) from "
	    "bootflash:", rel != NULL ? rel : "?");
	free(rel);
}

int
main(int argc, char *argv[])
{
	static struct init	 in;
	sigset_t		 set;
	char			*cfg = NULL, src[400];
	struct stat		 st;
	int			 first;

	(void)argc;
	(void)argv;
	if (getpid() != 1) {
		fprintf(stderr, "lisprouter-init: not process 1; this is the "
		    "VM appliance's init\n");
		return 2;
	}
	the_init = &in;
	in.btnfd = in.inofd = -1;
	sigfillset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	in.sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	reboot(RB_DISABLE_CAD);
	setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
	    "/sbin:/bin", 1);
	umask(022);
	mount_kernel_fs();
	find_consoles(&in);
	boot_banner();
	check_root();
	sethostname("Router", 6);
	coldplug();
	mkdir(RUNDIR, 0755);
	mkdir(RUNDIR "/log", 0755);
	rotate_logs();
	map_interfaces();
	first = stat(RUNDIR "/startup-config", &st) == -1;
	if (first && day0_find(&cfg, src, sizeof(src)) != 0) {
		free(cfg);
		cfg = NULL;
	}
	start_router();
	if (cfg != NULL) {
		day0_apply(cfg, src);
		free(cfg);
	}
	watch_reload(&in);
	open_power_button(&in);
	say("%s", "");
	say("Press RETURN to get started!");
	say("%s", "");
	main_loop(&in);
	return 0;
}
