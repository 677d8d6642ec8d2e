/*
 * 802.1Q tagging by a tc BPF classifier: the rule map, the program (a few
 * dozen instructions, assembled here so that no BPF toolchain is needed
 * to build), and attaching it with rtnetlink (clsact qdisc, cls_bpf in
 * direct-action mode).
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include <errno.h>
#include <libmnl/libmnl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/bpf-asm.h"
#include "platform/vtag.h"

/* Rules: trunks x VLANs x 2 directions; allocated as they are added. */
#define MAP_ENTRIES	262144
#define PRIO		1
#define HANDLE		1
#define FILTER_NAME	"lisprouter-vtag"

/* The map's key: ifindex << 16 | dir << 15 | tagged << 12 | vid. */
#define KEY_DIR		(1u << 15)
#define KEY_TAGGED	(1u << 12)

/* The map's value, as the program reads it. */
struct vtag_val {
	uint32_t	 target;
	uint16_t	 push;
	uint16_t	 flags;		/* bpf_redirect flags */
};

struct vtag {
	int			 map_fd;
	int			 prog_fd[2];	/* VTAG_IN, VTAG_OUT */
	struct mnl_socket	*sk;
	unsigned		 portid;
	unsigned		 seq;
	char			*buf;
};

const char *
vtag_strerror(int err)
{
	switch (err) {
	case VTAG_E_NOMEM:
		return "out of memory";
	case VTAG_E_IO:
		return "netlink socket error";
	case VTAG_E_BPF:
		return "the kernel refused the BPF classifier";
	default:
		return err < 0 ? strerror(-err) : "no error";
	}
}

/* Instructions: platform/bpf-asm.h. */

#define CTX(f)		((int16_t)offsetof(struct __sk_buff, f))

#define TC_OK		0	/* TC_ACT_OK */
#define TC_SHOT		2	/* TC_ACT_SHOT */

/*
 * The classifier for one direction (its rules' keys carry it).  r6 is the
 * packet, r7 the key and then the rule.  Jump offsets count from the next
 * instruction; the labels are in the comments.
 */
static size_t
program(struct bpf_insn *p, int map_fd, int dir)
{
	size_t	 n = 0;

	p[n++] = MOV_REG(6, 1);
	p[n++] = LDX(BPF_W, 7, 6, CTX(ifindex));
	p[n++] = ALU_IMM(BPF_LSH, 7, 16);
	p[n++] = ALU_IMM(BPF_OR, 7, dir == VTAG_OUT ? (int)KEY_DIR : 0);
	p[n++] = LDX(BPF_W, 2, 6, CTX(vlan_present));
	p[n++] = JEQ(2, 0, 3);				/* untagged: r2 = 0 */
	p[n++] = LDX(BPF_W, 2, 6, CTX(vlan_tci));
	p[n++] = ALU_IMM(BPF_AND, 2, 0xfff);
	p[n++] = ALU_IMM(BPF_OR, 2, (int)KEY_TAGGED);
	p[n++] = OR_REG(7, 2);
	p[n++] = STX_DW(10, 7, -8);
	p[n++] = INSN(BPF_LD | BPF_DW | BPF_IMM, 1, BPF_PSEUDO_MAP_FD, 0,
	    map_fd);
	p[n++] = INSN(0, 0, 0, 0, 0);
	p[n++] = MOV_REG(2, 10);
	p[n++] = ALU_IMM(BPF_ADD, 2, -8);
	p[n++] = CALL(BPF_FUNC_map_lookup_elem);
	p[n++] = JEQ(0, 0, 16);				/* -> miss */
	p[n++] = MOV_REG(7, 0);
	p[n++] = LDX(BPF_W, 1, 7, 0);
	p[n++] = JEQ(1, 0, 17);				/* -> drop */
	p[n++] = LDX(BPF_W, 2, 6, CTX(vlan_present));
	p[n++] = JEQ(2, 0, 2);
	p[n++] = MOV_REG(1, 6);
	p[n++] = CALL(BPF_FUNC_skb_vlan_pop);
	p[n++] = LDX(BPF_H, 3, 7, 4);
	p[n++] = JEQ(3, 0, 3);
	p[n++] = MOV_REG(1, 6);
	p[n++] = MOV_IMM(2, htons(ETH_P_8021Q));
	p[n++] = CALL(BPF_FUNC_skb_vlan_push);
	p[n++] = LDX(BPF_W, 1, 7, 0);
	p[n++] = LDX(BPF_H, 2, 7, 6);
	p[n++] = CALL(BPF_FUNC_redirect);
	p[n++] = EXIT();
	/* miss: untagged frames go on, tagged ones are dropped. */
	p[n++] = LDX(BPF_W, 2, 6, CTX(vlan_present));
	p[n++] = JNE(2, 0, 2);				/* -> drop */
	p[n++] = MOV_IMM(0, TC_OK);
	p[n++] = EXIT();
	/* drop: */
	p[n++] = MOV_IMM(0, TC_SHOT);
	p[n++] = EXIT();
	return n;
}

static int
load(struct vtag *v, int dir, char *log, size_t loglen)
{
	struct bpf_insn	 insns[64];
	union bpf_attr	 attr;
	size_t		 n = program(insns, v->map_fd, dir);
	int		 fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SCHED_CLS;
	attr.insns = (uint64_t)(uintptr_t)insns;
	attr.insn_cnt = (uint32_t)n;
	attr.license = (uint64_t)(uintptr_t)"Dual BSD/GPL";
	snprintf(attr.prog_name, sizeof(attr.prog_name), "lr_vtag_%s",
	    dir == VTAG_OUT ? "out" : "in");
	if ((fd = sys_bpf(BPF_PROG_LOAD, &attr)) >= 0)
		return fd;
	if (log != NULL && loglen > 0) {
		/* Again, for the verifier's reasons. */
		log[0] = '\0';
		attr.log_buf = (uint64_t)(uintptr_t)log;
		attr.log_size = (uint32_t)loglen;
		attr.log_level = 1;
		if ((fd = sys_bpf(BPF_PROG_LOAD, &attr)) >= 0)
			return fd;
	}
	return -1;
}

int
vtag_new(struct vtag **out, char *log, size_t loglen)
{
	struct vtag	*v;
	union bpf_attr	 attr;
	int		 rc = VTAG_E_BPF;

	*out = NULL;
	if (log != NULL && loglen > 0)
		log[0] = '\0';
	if ((v = calloc(1, sizeof(*v))) == NULL ||
	    (v->buf = malloc(MNL_SOCKET_BUFFER_SIZE)) == NULL) {
		free(v);
		return VTAG_E_NOMEM;
	}
	v->map_fd = v->prog_fd[0] = v->prog_fd[1] = -1;
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_HASH;
	attr.key_size = sizeof(uint64_t);
	attr.value_size = sizeof(struct vtag_val);
	attr.max_entries = MAP_ENTRIES;
	attr.map_flags = BPF_F_NO_PREALLOC;
	snprintf(attr.map_name, sizeof(attr.map_name), "lr_vtag");
	if ((v->map_fd = sys_bpf(BPF_MAP_CREATE, &attr)) < 0) {
		rc = -errno;
		goto fail;
	}
	if ((v->prog_fd[VTAG_IN] = load(v, VTAG_IN, log, loglen)) < 0 ||
	    (v->prog_fd[VTAG_OUT] = load(v, VTAG_OUT, log, loglen)) < 0)
		goto fail;
	if ((v->sk = mnl_socket_open(NETLINK_ROUTE)) == NULL ||
	    mnl_socket_bind(v->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		rc = VTAG_E_IO;
		goto fail;
	}
	v->portid = mnl_socket_get_portid(v->sk);
	v->seq = (unsigned)time(NULL);
	*out = v;
	return 0;
fail:
	vtag_free(v);
	return rc;
}

void
vtag_free(struct vtag *v)
{
	int	 i;

	if (v == NULL)
		return;
	for (i = 0; i < 2; i++)
		if (v->prog_fd[i] >= 0)
			close(v->prog_fd[i]);
	if (v->map_fd >= 0)
		close(v->map_fd);
	if (v->sk != NULL)
		mnl_socket_close(v->sk);
	free(v->buf);
	free(v);
}

/* tc through rtnetlink. */

static int
talk(struct vtag *v, struct nlmsghdr *nlh)
{
	ssize_t	 len;
	int	 rc;

	nlh->nlmsg_seq = ++v->seq;
	if (mnl_socket_sendto(v->sk, nlh, nlh->nlmsg_len) < 0)
		return VTAG_E_IO;
	for (;;) {
		len = mnl_socket_recvfrom(v->sk, v->buf,
		    MNL_SOCKET_BUFFER_SIZE);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return VTAG_E_IO;
		}
		errno = 0;
		rc = mnl_cb_run(v->buf, (size_t)len, v->seq, v->portid, NULL,
		    NULL);
		if (rc == MNL_CB_ERROR)
			return errno != 0 ? -errno : -EPROTO;
		if (rc == MNL_CB_STOP)
			return 0;
	}
}

static struct nlmsghdr *
tc_req(struct vtag *v, uint16_t type, uint16_t flags, int ifindex,
    uint32_t parent, uint32_t handle, uint32_t info)
{
	struct nlmsghdr	*nlh;
	struct tcmsg	*tcm;

	memset(v->buf, 0, MNL_SOCKET_BUFFER_SIZE);
	nlh = mnl_nlmsg_put_header(v->buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	tcm = mnl_nlmsg_put_extra_header(nlh, sizeof(*tcm));
	tcm->tcm_family = AF_UNSPEC;
	tcm->tcm_ifindex = ifindex;
	tcm->tcm_parent = parent;
	tcm->tcm_handle = handle;
	tcm->tcm_info = info;
	return nlh;
}

static int
filter(struct vtag *v, int ifindex, int dir)
{
	struct nlmsghdr	*nlh;
	struct nlattr	*opt;

	nlh = tc_req(v, RTM_NEWTFILTER, NLM_F_CREATE, ifindex,
	    TC_H_MAKE(TC_H_CLSACT, dir == VTAG_OUT ? TC_H_MIN_EGRESS :
	    TC_H_MIN_INGRESS), HANDLE, TC_H_MAKE((uint32_t)PRIO << 16,
	    htons(ETH_P_ALL)));
	mnl_attr_put_strz(nlh, TCA_KIND, "bpf");
	opt = mnl_attr_nest_start(nlh, TCA_OPTIONS);
	mnl_attr_put_u32(nlh, TCA_BPF_FD, (uint32_t)v->prog_fd[dir]);
	mnl_attr_put_strz(nlh, TCA_BPF_NAME, FILTER_NAME);
	mnl_attr_put_u32(nlh, TCA_BPF_FLAGS, TCA_BPF_FLAG_ACT_DIRECT);
	mnl_attr_nest_end(nlh, opt);
	return talk(v, nlh);
}

static int
unfilter(struct vtag *v, int ifindex, int dir)
{
	struct nlmsghdr	*nlh;
	int		 rc;

	nlh = tc_req(v, RTM_DELTFILTER, 0, ifindex,
	    TC_H_MAKE(TC_H_CLSACT, dir == VTAG_OUT ? TC_H_MIN_EGRESS :
	    TC_H_MIN_INGRESS), HANDLE, TC_H_MAKE((uint32_t)PRIO << 16,
	    htons(ETH_P_ALL)));
	mnl_attr_put_strz(nlh, TCA_KIND, "bpf");
	rc = talk(v, nlh);
	return rc == -ENOENT || rc == -EINVAL ? 0 : rc;
}

int
vtag_attach(struct vtag *v, int ifindex, unsigned dirs)
{
	struct nlmsghdr	*nlh;
	int		 rc, dir;

	nlh = tc_req(v, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL, ifindex,
	    TC_H_CLSACT, TC_H_MAKE(TC_H_CLSACT, 0), 0);
	mnl_attr_put_strz(nlh, TCA_KIND, "clsact");
	if ((rc = talk(v, nlh)) != 0 && rc != -EEXIST)
		return rc;
	for (dir = VTAG_IN; dir <= VTAG_OUT; dir++) {
		rc = (dirs & VTAG_BIT(dir)) ? filter(v, ifindex, dir) :
		    unfilter(v, ifindex, dir);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
vtag_detach(struct vtag *v, int ifindex)
{
	struct nlmsghdr	*nlh;
	int		 rc;

	nlh = tc_req(v, RTM_DELQDISC, 0, ifindex, TC_H_CLSACT,
	    TC_H_MAKE(TC_H_CLSACT, 0), 0);
	rc = talk(v, nlh);
	/* Nothing to take off. */
	if (rc == -ENOENT || rc == -EINVAL || rc == -ENODEV)
		return 0;
	return rc;
}

/* Rules. */

static uint64_t
key(int ifindex, int dir, unsigned vid)
{
	return (uint64_t)(uint32_t)ifindex << 16 |
	    (dir == VTAG_OUT ? KEY_DIR : 0) |
	    (vid != VTAG_UNTAGGED ? KEY_TAGGED | (vid & 0xfff) : 0);
}

int
vtag_rule_set(struct vtag *v, int ifindex, int dir, unsigned vid,
    const struct vtag_rule *r)
{
	union bpf_attr	 attr;
	struct vtag_val	 val;
	uint64_t	 k = key(ifindex, dir, vid);

	memset(&val, 0, sizeof(val));
	val.target = (uint32_t)r->target;
	val.push = (uint16_t)r->push;
	val.flags = r->to_ingress ? BPF_F_INGRESS : 0;
	memset(&attr, 0, sizeof(attr));
	attr.map_fd = (uint32_t)v->map_fd;
	attr.key = (uint64_t)(uintptr_t)&k;
	attr.value = (uint64_t)(uintptr_t)&val;
	attr.flags = BPF_ANY;
	return sys_bpf(BPF_MAP_UPDATE_ELEM, &attr) == 0 ? 0 : -errno;
}

int
vtag_rule_del(struct vtag *v, int ifindex, int dir, unsigned vid)
{
	union bpf_attr	 attr;
	uint64_t	 k = key(ifindex, dir, vid);

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = (uint32_t)v->map_fd;
	attr.key = (uint64_t)(uintptr_t)&k;
	if (sys_bpf(BPF_MAP_DELETE_ELEM, &attr) == 0 || errno == ENOENT)
		return 0;
	return -errno;
}

int
vtag_rules_clear(struct vtag *v)
{
	union bpf_attr	 attr;
	uint64_t	 k, next;

	for (;;) {
		memset(&attr, 0, sizeof(attr));
		attr.map_fd = (uint32_t)v->map_fd;
		attr.key = 0;	/* NULL: the first key */
		attr.next_key = (uint64_t)(uintptr_t)&next;
		if (sys_bpf(BPF_MAP_GET_NEXT_KEY, &attr) != 0)
			return errno == ENOENT ? 0 : -errno;
		k = next;
		memset(&attr, 0, sizeof(attr));
		attr.map_fd = (uint32_t)v->map_fd;
		attr.key = (uint64_t)(uintptr_t)&k;
		if (sys_bpf(BPF_MAP_DELETE_ELEM, &attr) != 0 && errno != ENOENT)
			return -errno;
	}
}
