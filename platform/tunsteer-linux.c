/*
 * The TUN steering program (see tunsteer.h), assembled here: a socket
 * filter type program whose return value the TUN takes modulo its number
 * of queues.  Packet loads (LD_ABS/LD_IND) are relative to the IP header
 * on a TUN without packet information; a load beyond the packet ends the
 * program with 0 (queue 0), which only very short packets meet.
 */
#include <sys/ioctl.h>
#include <linux/bpf.h>
#include <linux/if_tun.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "platform/bpf-asm.h"
#include "platform/tunsteer.h"

/*
 * r7 = source ^ destination address; for TCP (6) and UDP (17) packets
 * that are not fragments also ^ the word of the two ports (at the IP
 * header's length, r8); then multiplied by a golden-ratio constant so
 * that the low bits the queue is taken from depend on every input bit.
 * IPv6 packets (not routed into lisp0 today) get the same treatment
 * over bytes of their source address: one flow, one queue still.
 */
static const struct bpf_insn prog[] = {
	MOV_REG(6, 1),			/* LD_ABS wants the skb in r6 */
	LD_ABS(BPF_W, 12),
	MOV_REG(7, 0),
	LD_ABS(BPF_W, 16),
	XOR_REG(7, 0),
	LD_ABS(BPF_H, 6),		/* flags and fragment offset */
	ALU_IMM(BPF_AND, 0, 0x3fff),	/* MF, offset */
	JNE(0, 0, 9),			/* a fragment: addresses only */
	LD_ABS(BPF_B, 9),		/* protocol */
	JEQ(0, 6, 1),
	JNE(0, 17, 6),
	LD_ABS(BPF_B, 0),
	ALU_IMM(BPF_AND, 0, 0x0f),
	ALU_IMM(BPF_LSH, 0, 2),
	MOV_REG(8, 0),
	LD_IND(BPF_W, 8, 0),		/* source and destination port */
	XOR_REG(7, 0),
	ALU32_IMM(BPF_MUL, 7, (int32_t)0x9e3779b1),
	ALU32_IMM(BPF_RSH, 7, 16),
	MOV_REG(0, 7),
	EXIT(),
};

int
tun_steer_prog(void)
{
	union bpf_attr	 attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insns = (uint64_t)(uintptr_t)prog;
	attr.insn_cnt = sizeof(prog) / sizeof(prog[0]);
	attr.license = (uint64_t)(uintptr_t)"Dual BSD/GPL";
	strncpy(attr.prog_name, "lr_tun_steer", sizeof(attr.prog_name) - 1);
	return sys_bpf(BPF_PROG_LOAD, &attr);
}

int
tun_steer_by_flow(int tun_fd)
{
	int	 pfd, rc, e;

	if ((pfd = tun_steer_prog()) < 0)
		return -1;
	/* The TUN holds its own reference to the program. */
	rc = ioctl(tun_fd, TUNSETSTEERINGEBPF, &pfd);
	e = errno;
	close(pfd);
	errno = e;
	return rc < 0 ? -1 : 0;
}
