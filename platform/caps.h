/*
 * Per-daemon capabilities: what each of the router's daemons needs when
 * it runs as root (routerctl --limit-caps, as the packaged service does),
 * so that a flaw in one cannot use what only another needs.
 *
 *	cfgd	CAP_NET_ADMIN, CAP_NET_RAW (interfaces, routes, ping, udhcpc),
 *		CAP_BPF (the 802.1Q tagging programs of trunk ports)
 *	lispd	CAP_NET_ADMIN, CAP_NET_RAW (the TUN device, its routes)
 *	vtyd	CAP_NET_BIND_SERVICE (ports 22 and 23), CAP_SETUID and
 *		CAP_SETGID (sessions run as the session user), CAP_KILL (to
 *		end a session's shell, which runs as that user)
 */
#ifndef PLATFORM_CAPS_H
#define PLATFORM_CAPS_H

#include <stdint.h>

/* The capability mask (bit n = capability n) daemon name needs; *known is
 * set to 0 for a name not in the table (mask 0 then). */
uint64_t	caps_needed(const char *name, int *known);

/*
 * In a child about to exec daemon name: removes every other capability
 * from the bounding set and clears the inheritable set, so the program it
 * execs as root gets only its own.  Needs CAP_SETPCAP.  A name not in the
 * table is left as it is.  Returns 0 or -errno.
 */
int		caps_limit(const char *name);

#endif
