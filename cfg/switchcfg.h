/*
 * Switching in the configuration model (cfgtab-switch.c): what a VLAN or
 * a switchport says, read from the model's lines.  Pure: cfgd's switch
 * side (cfgd-switch.c) builds the kernel's bridges from this, and the
 * interface hooks may ask whether an interface is a switchport.
 */
#ifndef CFG_SWITCHCFG_H
#define CFG_SWITCHCFG_H

#include "cfg/vlanlist.h"

struct cfg_model;
struct cfg_node;

/* The mode of a switchport: `switchport mode access|trunk`, or none
 * (dynamic auto, which without DTP acts as access). */
enum sw_mode {
	SW_MODE_DYNAMIC = 0,
	SW_MODE_ACCESS,
	SW_MODE_TRUNK,
};

/* What one switchport's block says. */
struct sw_port {
	enum sw_mode	 mode;
	unsigned	 access_vlan;	/* 1 by default */
	unsigned	 native_vlan;	/* 1 by default */
	struct vlan_set	 allowed;	/* all by default */
};

/* Whether an interface block is a switchport (has a `switchport` line). */
int	 cfg_switch_is_port(const struct cfg_node *ifnode);
/* Reads a switchport's block into *p.  Returns 0, or -1 when the block is
 * not a switchport. */
int	 cfg_switch_port(const struct cfg_node *ifnode, struct sw_port *p);
/* Whether the port trunks (mode trunk) rather than carrying one VLAN. */
int	 cfg_switch_trunks(const struct sw_port *);

/* VLAN 1 and 1002-1005 always exist and cannot be renamed or deleted. */
int	 cfg_switch_default_vlan(unsigned vid);
/* The VLANs that exist: the defaults and every `vlan N` block. */
void	 cfg_switch_vlans(struct cfg_model *, struct vlan_set *out);
/* A VLAN's name: its `name` line, else IOS's default ("default",
 * "VLAN0010", "fddi-default" ...), written to buf. */
const char *cfg_switch_vlan_name(struct cfg_model *, unsigned vid, char *buf,
	    size_t len);
/* The `vlan N` block, or NULL. */
struct cfg_node *cfg_switch_vlan_node(struct cfg_model *, unsigned vid);

/* MAC address-table aging: the global time in seconds (300 by default,
 * 0 = never) and the per-VLAN time (the global one when not set). */
unsigned long cfg_switch_aging(struct cfg_model *, unsigned vid, int *is_set);

#endif
