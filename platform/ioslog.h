/*
 * IOS system messages: `%FACILITY-SEVERITY-MNEMONIC: text`, as IOS users
 * read them in `show logging`, on the console and on a syslog server.
 *
 * A daemon calls ios_log(); the message goes to the daemon's own log file
 * (log_info), to the system journal through syslog(3) when /dev/log exists
 * (facility local7, as IOS sends, under the daemon's ident), and to the
 * sink the daemon set: cfgd keeps the buffer and the sinks (console,
 * monitor, syslog hosts), the other daemons forward to cfgd over IPC.
 *
 * The formatting and time-stamping helpers are pure (no I/O) so that they
 * are unit tested directly.
 */
#ifndef PLATFORM_IOSLOG_H
#define PLATFORM_IOSLOG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Severities: syslog's levels, with IOS's names. */
#define IOS_EMERG	0	/* emergencies */
#define IOS_ALERT	1	/* alerts */
#define IOS_CRIT	2	/* critical */
#define IOS_ERR		3	/* errors */
#define IOS_WARNING	4	/* warnings */
#define IOS_NOTICE	5	/* notifications */
#define IOS_INFO	6	/* informational */
#define IOS_DEBUG	7	/* debugging */

/* Syslog facility local7 (23), what IOS sends with by default. */
#define IOS_FACILITY_LOCAL7	23

/* The IOS name of a severity ("notifications"), or NULL out of range. */
const char	*ios_sev_name(int sev);
/* Whether a message of severity sev passes a sink set to level (-1 for a
 * sink that is off): the level and everything more severe. */
int		 ios_sev_passes(int level, int sev);
/* A level as typed: a name or a digit.  The severity, or -1. */
int		 ios_sev_parse(const char *);

/*
 * Formats "%FAC-SEV-MNEM: text" into buf.  Returns the length it needs
 * (snprintf's contract: the text is cut when that is >= len).
 */
int		 ios_log_format(char *buf, size_t len, int sev, const char *fac,
		    const char *mnem, const char *fmt, va_list ap)
		    __attribute__((format(printf, 6, 0)));
/* The severity in a message's "%FAC-N-MNEM:" prefix, or -1 for a line
 * that is not an IOS message. */
int		 ios_log_severity(const char *msg);
/*
 * Makes a message printable ASCII: every other byte becomes '?', but for
 * newlines when lines is set (a message of several lines, as IOS's own
 * %SYS-5-RESTART).  Messages carry text from outside (an SSH client's
 * user name, a peer's string) to terminals with `terminal monitor`, the
 * log buffer and syslog hosts, where an escape sequence would drive an
 * operator's terminal; a message built with such text is cleaned with
 * lines 0, so that a newline in it cannot forge a second message.
 */
void		 ios_log_clean(char *msg, int lines);

/*
 * `service timestamps log ...`: how a message is stamped.  ios_stamp_parse
 * takes the rest of the configuration line after "service timestamps log"
 * ("datetime msec", "uptime", "" for the bare command) or NULL for
 * `no service timestamps log`.
 */
enum ios_stamp_kind {
	IOS_STAMP_NONE,
	IOS_STAMP_UPTIME,
	IOS_STAMP_DATETIME,
};
struct ios_stamp {
	enum ios_stamp_kind	 kind;
	int			 msec, localtime, year, timezone;
};
void		 ios_stamp_parse(const char *args, struct ios_stamp *);
/*
 * Writes the stamp ("*Nov 25 09:37:39.063: ", "00:01:23: ", "1d02h: " or
 * "") for a message made at when_us (microseconds since the epoch) on a
 * system up for up_us.  The '*' says the clock is not authoritative (no
 * NTP), as IOS marks it.  Returns the length (snprintf's contract).
 */
int		 ios_stamp_format(char *buf, size_t len,
		    const struct ios_stamp *, uint64_t when_us, uint64_t up_us);

/*
 * A datagram for a syslog host, as IOS sends one: "<PRI>SEQ: stamp msg"
 * with PRI = facility * 8 + severity.  Returns the length (snprintf's).
 */
int		 ios_syslog_datagram(char *buf, size_t len, int facility,
		    int sev, unsigned long seq, const char *stamped);

/*
 * The process's message path.  sink, when set, gets every message
 * (msg = "%FAC-N-MNEM: text", borrowed for the call) with the time it was
 * made.  ios_log_init's ident is borrowed and must outlive logging.
 */
typedef void	ios_log_sink(int sev, const char *msg, uint64_t when_us,
		    void *arg);
void		 ios_log_init(const char *ident);
void		 ios_log_set_sink(ios_log_sink *, void *arg);
void		 ios_log(int sev, const char *fac, const char *mnem,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A message already formatted as "%FAC-N-MNEM: text". */
void		 ios_log_msg(const char *msg);
/* The IPC_LOG_MSG that forwards a message to cfgd (a daemon's sink sends
 * it); NULL on out of memory.  Caller frees. */
struct ipc_msg;
struct ipc_msg	*ios_log_ipc(int sev, const char *msg, uint64_t when_us,
		    uint32_t reqid);
/* Microseconds since the epoch, now. */
uint64_t	 ios_log_now_us(void);

#endif
