/*
 * IOS system messages: formatting, time stamps, and the process's path
 * for them (its log file, the journal, and the sink its daemon set).
 *
 * The sink is process-wide state, like log.c's: messages are raised from
 * modules far from any context struct (a link event, a login), and a
 * process has exactly one place they go.  It is set once at start, before
 * the event loop runs, and is not thread-safe.
 */
#include <sys/types.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "platform/ioslog.h"
#include "platform/ipc.h"
#include "platform/log.h"

#define MSG_MAX		1024

static const char *const sev_names[] = {
	"emergencies", "alerts", "critical", "errors", "warnings",
	"notifications", "informational", "debugging",
};

struct ioslog_state {
	ios_log_sink	*sink;
	void		*arg;
	int		 journal;	/* openlog done: /dev/log exists */
};

static struct ioslog_state	ioslog = { NULL, NULL, 0 };

const char *
ios_sev_name(int sev)
{
	if (sev < 0 || sev > IOS_DEBUG)
		return NULL;
	return sev_names[sev];
}

int
ios_sev_passes(int level, int sev)
{
	return level >= 0 && sev >= 0 && sev <= level;
}

int
ios_sev_parse(const char *s)
{
	int	 i;

	if (s == NULL)
		return -1;
	if (s[0] >= '0' && s[0] <= '7' && s[1] == '\0')
		return s[0] - '0';
	for (i = 0; i <= IOS_DEBUG; i++)
		if (strcasecmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}

int
ios_log_format(char *buf, size_t len, int sev, const char *fac,
    const char *mnem, const char *fmt, va_list ap)
{
	int	 n, m;

	n = snprintf(buf, len, "%%%s-%d-%s: ", fac, sev, mnem);
	if (n < 0)
		return n;
	m = vsnprintf((size_t)n < len ? buf + n : NULL, (size_t)n < len ?
	    len - (size_t)n : 0, fmt, ap);
	return m < 0 ? m : n + m;
}

int
ios_log_severity(const char *msg)
{
	const char	*p;

	if (msg == NULL || msg[0] != '%')
		return -1;
	/* The facility: capitals, digits and '_' up to the first '-'. */
	for (p = msg + 1; *p != '\0' && *p != '-'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '_'))
			return -1;
	if (p == msg + 1 || p[0] != '-' || p[1] < '0' || p[1] > '7' ||
	    p[2] != '-')
		return -1;
	return strchr(p + 3, ':') != NULL ? p[1] - '0' : -1;
}

void
ios_log_clean(char *msg, int lines)
{
	unsigned char	*p;

	for (p = (unsigned char *)msg; *p != '\0'; p++)
		if ((*p < 0x20 || *p > 0x7e) && !(lines && *p == '\n'))
			*p = '?';
}

void
ios_stamp_parse(const char *args, struct ios_stamp *st)
{
	memset(st, 0, sizeof(*st));
	if (args == NULL) {
		st->kind = IOS_STAMP_NONE;
		return;
	}
	/* The bare command is IOS's `uptime`. */
	if (strstr(args, "datetime") == NULL) {
		st->kind = IOS_STAMP_UPTIME;
		return;
	}
	st->kind = IOS_STAMP_DATETIME;
	st->msec = strstr(args, "msec") != NULL;
	st->localtime = strstr(args, "localtime") != NULL;
	st->year = strstr(args, "year") != NULL;
	st->timezone = strstr(args, "show-timezone") != NULL;
}

/* IOS's uptime: hh:mm:ss within a day, then 1d02h, then 1w2d. */
static int
stamp_uptime(char *buf, size_t len, uint64_t up_us)
{
	uint64_t	 s = up_us / 1000000;

	if (s < 86400)
		return snprintf(buf, len, "%02u:%02u:%02u: ",
		    (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
		    (unsigned)(s % 60));
	if (s < 7 * 86400)
		return snprintf(buf, len, "%ud%02uh: ", (unsigned)(s / 86400),
		    (unsigned)(s / 3600 % 24));
	return snprintf(buf, len, "%uw%ud: ", (unsigned)(s / (7 * 86400)),
	    (unsigned)(s / 86400 % 7));
}

int
ios_stamp_format(char *buf, size_t len, const struct ios_stamp *st,
    uint64_t when_us, uint64_t up_us)
{
	time_t		 t = (time_t)(when_us / 1000000);
	struct tm	 tm;
	char		 date[48], ms[8] = "", tz[16] = "";

	switch (st->kind) {
	case IOS_STAMP_NONE:
		return snprintf(buf, len, "%s", "");
	case IOS_STAMP_UPTIME:
		return stamp_uptime(buf, len, up_us);
	case IOS_STAMP_DATETIME:
		break;
	}
	if (st->localtime)
		localtime_r(&t, &tm);
	else
		gmtime_r(&t, &tm);
	if (strftime(date, sizeof(date), st->year ? "%b %e %Y %H:%M:%S" :
	    "%b %e %H:%M:%S", &tm) == 0)
		date[0] = '\0';
	if (st->msec)
		snprintf(ms, sizeof(ms), ".%03u",
		    (unsigned)(when_us / 1000 % 1000));
	/* IOS names UTC "UTC" (gmtime's zone would say GMT). */
	if (st->timezone && !st->localtime)
		snprintf(tz, sizeof(tz), " UTC");
	else if (st->timezone && strftime(tz, sizeof(tz), " %Z", &tm) == 0)
		tz[0] = '\0';
	return snprintf(buf, len, "*%s%s%s: ", date, ms, tz);
}

int
ios_syslog_datagram(char *buf, size_t len, int facility, int sev,
    unsigned long seq, const char *stamped)
{
	return snprintf(buf, len, "<%d>%lu: %s", facility * 8 + sev, seq,
	    stamped);
}

struct ipc_msg *
ios_log_ipc(int sev, const char *msg, uint64_t when_us, uint32_t reqid)
{
	struct ipc_msg	*m;

	if ((m = ipc_msg_new(IPC_LOG_MSG, reqid)) == NULL)
		return NULL;
	if (ipc_msg_add_u32(m, IPC_T_LOG_SEV, (uint32_t)sev) != 0 ||
	    ipc_msg_add_str(m, IPC_T_TEXT, msg) != 0 ||
	    ipc_msg_add_u64(m, IPC_T_LOG_WHEN, when_us) != 0) {
		ipc_msg_free(m);
		return NULL;
	}
	return m;
}

uint64_t
ios_log_now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

void
ios_log_init(const char *ident)
{
	/* The journal reads /dev/log; without it (a bare container, a test
	 * chroot) syslog(3) would only retry a socket that never comes. */
	if (access("/dev/log", W_OK) != 0)
		return;
	openlog(ident, LOG_PID | LOG_NDELAY, LOG_LOCAL7);
	ioslog.journal = 1;
}

void
ios_log_set_sink(ios_log_sink *sink, void *arg)
{
	ioslog.sink = sink;
	ioslog.arg = arg;
}

void
ios_log_msg(const char *text)
{
	char	 msg[MSG_MAX];
	int	 sev;

	snprintf(msg, sizeof(msg), "%s", text);
	ios_log_clean(msg, 1);
	if ((sev = ios_log_severity(msg)) < 0)
		sev = IOS_INFO;
	log_info("%s", msg);
	if (ioslog.journal)
		syslog(LOG_LOCAL7 | sev, "%s", msg);
	if (ioslog.sink != NULL)
		ioslog.sink(sev, msg, ios_log_now_us(), ioslog.arg);
}

void
ios_log(int sev, const char *fac, const char *mnem, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[MSG_MAX];

	va_start(ap, fmt);
	(void)ios_log_format(msg, sizeof(msg), sev, fac, mnem, fmt, ap);
	va_end(ap);
	ios_log_msg(msg);
}
