/*
 * Daemon logging: one sink per process (a file or stderr), optional syslog-style
 * priority filter.  log_warn appends strerror(errno), log_warnx does not; fatal
 * and fatalx log and exit(1).  Libraries never call these: they return errors.
 */
#ifndef PLATFORM_LOG_H
#define PLATFORM_LOG_H

#include <stdarg.h>

/* procname is borrowed and must outlive logging; path NULL logs to stderr. */
void	log_init(const char *procname, const char *path, int debug);
void	log_setdebug(int debug);
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
