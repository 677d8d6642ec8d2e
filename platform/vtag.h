/*
 * 802.1Q tags on switch ports, done by a tc BPF classifier rather than the
 * kernel's VLAN-aware bridge or its 8021q devices (kernels may lack both;
 * this one works wherever tc BPF does).  One classifier, on a port's
 * ingress and egress (a clsact qdisc), looks up a rule by (device,
 * direction, VLAN tag) in a hash map:
 *
 *	rule found	pop the frame's tag, push the rule's tag (if any)
 *			and redirect it to the rule's device, as if it came
 *			in there (to_ingress) or out of it; a rule whose
 *			target is 0 drops the frame
 *	no rule		an untagged frame goes on as usual, a tagged one is
 *			dropped
 *
 * cfgd's switch side uses it so: a trunk's frames tagged 10 come in on
 * the bridge of VLAN 10 through a helper device, whose outgoing frames go
 * out of the trunk tagged 10.  Functions return 0 or a negative error:
 * VTAG_E_*, or a negated errno from the kernel.
 */
#ifndef PLATFORM_VTAG_H
#define PLATFORM_VTAG_H

#include <stddef.h>
#include <stdint.h>

#define VTAG_E_NOMEM	(-3001)
#define VTAG_E_IO	(-3002)	/* socket error; errno is set */
#define VTAG_E_BPF	(-3003)	/* the kernel refused the program */

#define VTAG_IN		0	/* frames a device receives */
#define VTAG_OUT	1	/* frames a device sends */
#define VTAG_UNTAGGED	0	/* the "VLAN" of untagged frames */

struct vtag;

struct vtag_rule {
	int		 target;	/* ifindex, 0: drop */
	unsigned	 push;		/* VLAN tag to push, 0: none */
	int		 to_ingress;	/* redirect into target's receive
					   path (else out of target) */
};

const char	*vtag_strerror(int);

/* Creates the rule map and loads the classifier; on VTAG_E_BPF the
 * verifier's log is in log (when loglen > 0). */
int		 vtag_new(struct vtag **, char *log, size_t loglen);
void		 vtag_free(struct vtag *);

/*
 * Puts the classifier on a device's ingress and/or egress (dirs: bits
 * VTAG_BIT(VTAG_IN), VTAG_BIT(VTAG_OUT)), replacing an earlier one of ours
 * and taking it off the other direction / takes it off (the device's
 * clsact qdisc goes).  A trunk has it on ingress only: the frames the
 * helpers redirect out of it carry their tags.
 */
#define VTAG_BIT(dir)	(1u << (dir))
int		 vtag_attach(struct vtag *, int ifindex, unsigned dirs);
int		 vtag_detach(struct vtag *, int ifindex);

/* Rules: vid is 1-4094, or VTAG_UNTAGGED. */
int		 vtag_rule_set(struct vtag *, int ifindex, int dir,
		    unsigned vid, const struct vtag_rule *);
int		 vtag_rule_del(struct vtag *, int ifindex, int dir,
		    unsigned vid);
/* Removes every rule. */
int		 vtag_rules_clear(struct vtag *);

#endif
