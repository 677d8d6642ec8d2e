/*
 * eBPF programs assembled in C (no BPF toolchain to build): instruction
 * macros and the bpf(2) call, for the few small programs the platform
 * layer loads (the trunk ports' tagging classifier, lisp0's steering).
 * Linux only; included by the *-linux.c files that need it.
 */
#ifndef PLATFORM_BPF_ASM_H
#define PLATFORM_BPF_ASM_H

#include <sys/syscall.h>
#include <linux/bpf.h>

#include <unistd.h>

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
	    .off = (o), .imm = (i) })
#define MOV_REG(d, s)	INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV_IMM(d, i)	INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define ALU_IMM(op, d, i) INSN(BPF_ALU64 | (op) | BPF_K, d, 0, 0, i)
#define ALU32_IMM(op, d, i) INSN(BPF_ALU | (op) | BPF_K, d, 0, 0, i)
#define OR_REG(d, s)	INSN(BPF_ALU64 | BPF_OR | BPF_X, d, s, 0, 0)
#define XOR_REG(d, s)	INSN(BPF_ALU64 | BPF_XOR | BPF_X, d, s, 0, 0)
#define LDX(sz, d, s, o) INSN(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define STX_DW(d, s, o)	INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define LD_ABS(sz, o)	INSN(BPF_LD | BPF_ABS | (sz), 0, 0, 0, o)
#define LD_IND(sz, s, o) INSN(BPF_LD | BPF_IND | (sz), 0, s, 0, o)
#define JEQ(d, i, o)	INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JNE(d, i, o)	INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define CALL(f)		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT()		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static inline int
sys_bpf(int cmd, union bpf_attr *attr)
{
	return (int)syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

#endif
