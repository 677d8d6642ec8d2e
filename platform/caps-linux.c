/*
 * Per-daemon capabilities on Linux (caps.h): the bounding set through
 * prctl and the inheritable set through capset, without libcap.
 */
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <unistd.h>

#include "platform/caps.h"

#ifndef CAP_BPF
#define CAP_BPF	39
#endif

#define BIT(c)	((uint64_t)1 << (c))

static const struct {
	const char	*name;
	uint64_t	 caps;
} table[] = {
	{ "cfgd", BIT(CAP_NET_ADMIN) | BIT(CAP_NET_RAW) | BIT(CAP_BPF) },
	{ "lispd", BIT(CAP_NET_ADMIN) | BIT(CAP_NET_RAW) | BIT(CAP_BPF) },
	{ "vtyd", BIT(CAP_NET_BIND_SERVICE) | BIT(CAP_SETUID) |
	    BIT(CAP_SETGID) | BIT(CAP_KILL) },
};

uint64_t
caps_needed(const char *name, int *known)
{
	size_t	 i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(table[i].name, name) == 0) {
			*known = 1;
			return table[i].caps;
		}
	*known = 0;
	return 0;
}

int
caps_limit(const char *name)
{
	struct __user_cap_header_struct	 hdr;
	struct __user_cap_data_struct	 data[2];
	uint64_t			 keep;
	int				 known, c, r;

	keep = caps_needed(name, &known);
	if (!known)
		return 0;
	/* Capabilities the kernel does not know make prctl fail: stop at
	 * the first. */
	for (c = 0; c < 64; c++) {
		if (keep & BIT(c))
			continue;
		r = prctl(PR_CAPBSET_READ, (unsigned long)c, 0, 0, 0);
		if (r < 0)
			break;
		if (r == 1 && prctl(PR_CAPBSET_DROP, (unsigned long)c, 0, 0,
		    0) == -1)
			return -errno;
	}
	memset(&hdr, 0, sizeof(hdr));
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &hdr, data) == -1)
		return -errno;
	data[0].inheritable = 0;
	data[1].inheritable = 0;
	if (syscall(SYS_capset, &hdr, data) == -1)
		return -errno;
	return 0;
}
