/*
 * routerctl lab: builds, inspects and tears down a lab of routers and
 * hosts in network namespaces from a topology file (platform/lab-topo.h).
 */
#ifndef PLATFORM_LAB_H
#define PLATFORM_LAB_H

/* The help text of the lab subcommands (routerctl --help prints it). */
extern const char lab_usage_text[];

/*
 * argv[0] is "lab"; the rest are the lab command's words.  self is the
 * routerctl program (absolute).  Returns the exit status; shell, ssh and
 * exec replace the process on success.
 */
int	lab_main(int argc, char *argv[], const char *self);

#endif
