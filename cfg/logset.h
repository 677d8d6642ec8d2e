/*
 * Where the router's IOS system messages go, as the configuration says
 * (cfgd-logging.c acts on it).  The settings come from the top-level
 * lines of the model, each parsed with the configuration grammar: the
 * command that matched and its typed arguments say what it sets.  Pure:
 * no daemon, no sockets opened.
 */
#ifndef CFG_LOGSET_H
#define CFG_LOGSET_H

#include <netinet/in.h>

#include <stddef.h>

#include "platform/ioslog.h"

#define LOG_BUF_DEFAULT	4096	/* IOS's default buffer size */
#define LOG_MAX_HOSTS	8
#define LOG_PORT_DEFAULT 514

struct cmd_grammar;

struct log_host {
	struct sockaddr_in	 sin;
	char			 addr[INET_ADDRSTRLEN];
	unsigned long		 lines;		/* cfgd's count of datagrams */
};

/* Levels are IOS severities 0-7; -1 for a sink that is off. */
struct log_settings {
	int			 buffered, console, monitor, trap;
	size_t			 bufsize;
	struct ios_stamp	 stamp;
	struct log_host		 host[LOG_MAX_HOSTS];
	size_t			 nhost;
};

/* A configuration without logging lines: buffer, console and monitor at
 * debugging, trap at informational, a 4096-byte buffer, no hosts and no
 * time stamps. */
void	 log_settings_default(struct log_settings *);
/*
 * One line of global configuration (as the model stores it), parsed with
 * g (cfg_grammar_build's) in global configuration mode, applied to s:
 * `[no] logging buffered|console|monitor|trap ...`, `logging host A.B.C.D
 * [transport udp port N]`, `logging A.B.C.D`, `[no] service timestamps
 * log ...`.  A line the grammar does not accept, or that sets anything
 * else, leaves s as it was.  Returns 0, or -1 when out of memory.
 */
int	 log_settings_line(struct log_settings *, const struct cmd_grammar *g,
	    const char *line);

#endif
