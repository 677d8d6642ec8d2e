/*
 * Which queue of a multi-queue TUN device each packet the kernel sends
 * into it goes to.  Without a choice of ours the kernel follows the queue
 * the reverse direction of a flow was last written on, which two routers
 * with several workers each can make flip back and forth (a flow's
 * packets then overtake each other).  tun_steer_by_flow() attaches a
 * small BPF program (TUNSETSTEERINGEBPF) that picks the queue from the
 * IPv4 addresses and TCP/UDP ports alone: a flow always lands on the
 * same queue.
 */
#ifndef PLATFORM_TUNSTEER_H
#define PLATFORM_TUNSTEER_H

/* Loads the program; returns its descriptor or -1 with errno set. */
int	tun_steer_prog(void);
/* Attaches the program to the device of tun_fd (any of its queues).
 * Returns 0, or -1 with errno set (EPERM without CAP_BPF/CAP_SYS_ADMIN,
 * EINVAL on a kernel without steering programs). */
int	tun_steer_by_flow(int tun_fd);

#endif
