/* telnet: placeholder until the libtelnet transport lands. */
#include <stdlib.h>

#include "cli/vty.h"
#include "platform/xmalloc.h"

struct vty_telnet {
	struct vtyd	*v;
};

struct vty_telnet *
vty_telnet_new(struct vtyd *v, const char *addr, int port)
{
	struct vty_telnet	*t = xcalloc(1, sizeof(*t));

	(void)addr;
	(void)port;
	t->v = v;
	return t;
}

void
vty_telnet_free(struct vty_telnet *t)
{
	free(t);
}
