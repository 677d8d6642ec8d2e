#include <event2/event.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/daemon.h"
#include "platform/log.h"
#include "platform/rundir.h"
#include "platform/xmalloc.h"

struct daemon_signals {
	struct event	*term, *intr, *hup;
	void		(*on_stop)(void *);
	void		(*on_hup)(void *);
	void		*arg;
};

static void
usage(const char *name, const char *what, int rc)
{
	fprintf(rc ? stderr : stdout, "usage: %s [--rundir DIR] [--debug]\n"
	    "%s\nDIR defaults to $%s, else %s.\n", name, what, RUNDIR_ENV,
	    RUNDIR_DEFAULT);
	exit(rc);
}

void
daemon_init(int argc, char *argv[], const char *name, const char *what,
    struct daemon_opts *o)
{
	static const struct option	 opts[] = {
		{ "rundir", required_argument, NULL, 'r' },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char			*dir = NULL;
	int				 ch, rc;

	memset(o, 0, sizeof(*o));
	while ((ch = getopt_long(argc, argv, "r:dh", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			dir = optarg;
			break;
		case 'd':
			o->debug = 1;
			break;
		case 'h':
			usage(name, what, 0);
			break;
		default:
			usage(name, what, 1);
		}
	}
	if (optind != argc)
		usage(name, what, 1);
	log_init(name, NULL, o->debug);
	o->rundir = rundir_resolve(dir);
	if ((rc = rundir_make(o->rundir)) != 0)
		fatalx("%s: cannot create run directory %s: %s", __func__,
		    o->rundir, strerror(-rc));
	signal(SIGPIPE, SIG_IGN);
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct daemon_signals	*s = arg;

	(void)what;
	if (sig == SIGHUP && s->on_hup != NULL) {
		s->on_hup(s->arg);
		return;
	}
	log_info("exiting on signal %d", (int)sig);
	s->on_stop(s->arg);
}

struct daemon_signals *
daemon_signals_new(struct event_base *base, void (*on_stop)(void *),
    void (*on_hup)(void *), void *arg)
{
	struct daemon_signals	*s = xcalloc(1, sizeof(*s));

	s->on_stop = on_stop;
	s->on_hup = on_hup;
	s->arg = arg;
	s->term = evsignal_new(base, SIGTERM, on_signal, s);
	s->intr = evsignal_new(base, SIGINT, on_signal, s);
	s->hup = evsignal_new(base, SIGHUP, on_signal, s);
	if (s->term == NULL || s->intr == NULL || s->hup == NULL ||
	    event_add(s->term, NULL) != 0 || event_add(s->intr, NULL) != 0 ||
	    event_add(s->hup, NULL) != 0)
		fatalx("%s: cannot watch signals", __func__);
	return s;
}

void
daemon_signals_free(struct daemon_signals *s)
{
	if (s == NULL)
		return;
	event_free(s->term);
	event_free(s->intr);
	event_free(s->hup);
	free(s);
}
