/*
 * Daemon logging to one sink per process.
 *
 * The sink is the one piece of mutable global state the style allows: a
 * process logs to exactly one place, and every module (including fatal
 * paths far from any context struct) must reach it without threading a
 * handle through every call.  It is set by log_init and log_setdebug only,
 * and is not thread-safe.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/log.h"

struct log_sink {
	const char	*procname;
	FILE		*fp;		/* NULL means stderr */
	int		 debug;
};

static struct log_sink	log_sink = { "lisprouter", NULL, 0 };

static void	log_vwrite(const char *, va_list, int)
		    __attribute__((format(printf, 1, 0)));

void
log_init(const char *procname, const char *path, int debug)
{
	FILE	*fp = NULL;

	if (log_sink.fp != NULL) {
		fclose(log_sink.fp);
		log_sink.fp = NULL;
	}
	if (procname != NULL)
		log_sink.procname = procname;
	log_sink.debug = debug;
	if (path == NULL)
		return;
	if ((fp = fopen(path, "ae")) == NULL) {
		/* Keep logging somewhere: say why, then use stderr. */
		log_warn("log_init: %s", path);
		return;
	}
	setvbuf(fp, NULL, _IOLBF, 0);
	log_sink.fp = fp;
}

void
log_setdebug(int debug)
{
	log_sink.debug = debug;
}

/* Writes one line; with_errno appends the text of the errno at entry. */
static void
log_vwrite(const char *fmt, va_list ap, int with_errno)
{
	FILE		*fp;
	struct timespec	 ts;
	struct tm	 tm;
	char		 stamp[32];
	char		 msg[2048];
	int		 saved_errno = errno;

	fp = log_sink.fp != NULL ? log_sink.fp : stderr;
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	if (strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		stamp[0] = '\0';
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (with_errno)
		fprintf(fp, "%s.%03ld %s[%ld]: %s: %s\n", stamp,
		    ts.tv_nsec / 1000000, log_sink.procname, (long)getpid(),
		    msg, strerror(saved_errno));
	else
		fprintf(fp, "%s.%03ld %s[%ld]: %s\n", stamp,
		    ts.tv_nsec / 1000000, log_sink.procname, (long)getpid(),
		    msg);
	fflush(fp);
	errno = saved_errno;
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(fmt, ap, 1);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(fmt, ap, 0);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(fmt, ap, 0);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	 ap;

	if (!log_sink.debug)
		return;
	va_start(ap, fmt);
	log_vwrite(fmt, ap, 0);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(fmt, ap, 1);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(fmt, ap, 0);
	va_end(ap);
	exit(1);
}
