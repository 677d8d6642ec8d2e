/*
 * A stand-in daemon for routerctl's tests.  Run as NAME --rundir DIR (the
 * tests link cfgd, lispd and vtyd to it), it listens on DIR/NAME.sock,
 * writes its pid to DIR/NAME.fakepid and waits, accepting and closing
 * connections, until SIGTERM or SIGINT, when it removes both and exits 0.
 * FAKE_DAEMON_DELAY_MS in the environment delays the listening socket, so
 * a test can tell whether routerctl waited for it.
 */
#include <sys/types.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int
listen_on(const char *path)
{
	struct sockaddr_un	 sun;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		errx(1, "socket path too long: %s", path);
	strcpy(sun.sun_path, path);
	unlink(path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		err(1, "socket");
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		err(1, "bind %s", path);
	if (listen(fd, 16) == -1)
		err(1, "listen %s", path);
	return fd;
}

static void
delay(void)
{
	struct timespec	 ts;
	const char	*env = getenv("FAKE_DAEMON_DELAY_MS");
	long		 ms;

	if (env == NULL || (ms = strtol(env, NULL, 10)) <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = ms % 1000 * 1000000;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

int
main(int argc, char *argv[])
{
	struct pollfd	 pfd[2];
	sigset_t	 set;
	char		 sock[PATH_MAX], pidfile[PATH_MAX];
	const char	*name, *rundir = NULL;
	FILE		*fp;
	int		 i, fd;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--rundir") == 0 && i + 1 < argc)
			rundir = argv[++i];
	if (rundir == NULL)
		errx(1, "usage: %s --rundir DIR", argv[0]);
	name = strrchr(argv[0], '/') != NULL ? strrchr(argv[0], '/') + 1 :
	    argv[0];
	snprintf(sock, sizeof(sock), "%s/%s.sock", rundir, name);
	snprintf(pidfile, sizeof(pidfile), "%s/%s.fakepid", rundir, name);

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigprocmask(SIG_BLOCK, &set, NULL) == -1)
		err(1, "sigprocmask");
	if ((pfd[0].fd = signalfd(-1, &set, SFD_CLOEXEC)) == -1)
		err(1, "signalfd");
	delay();
	pfd[1].fd = listen_on(sock);
	if ((fp = fopen(pidfile, "w")) == NULL)
		err(1, "%s", pidfile);
	fprintf(fp, "%ld\n", (long)getpid());
	fclose(fp);
	printf("%s: listening on %s\n", name, sock);
	fflush(stdout);

	for (;;) {
		pfd[0].events = pfd[1].events = POLLIN;
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			err(1, "poll");
		}
		if (pfd[0].revents & POLLIN)
			break;
		if ((pfd[1].revents & POLLIN) &&
		    (fd = accept4(pfd[1].fd, NULL, NULL, SOCK_CLOEXEC)) != -1)
			close(fd);
	}
	unlink(sock);
	unlink(pidfile);
	printf("%s: stopping\n", name);
	return 0;
}
