/*
 * IOS interface names <-> Linux network devices.  Pure: the caller lists
 * the namespace's devices (from netlink) and hands in the text of the
 * override file, so tests need no kernel.
 *
 * The rules (documented for users in the README):
 *   GigabitEthernetN  the N-th Ethernet-like device of the namespace in
 *                     ifindex order: physical NICs, virtio and veth
 *                     (ARPHRD_ETHER with no link kind, or kind "veth");
 *                     never lo, bridges, bonds, VLANs, TUN/TAP or dummies.
 *                     N runs 1..32.
 *   LoopbackN         the virtual device "lo<N>" that cfgd creates: a
 *                     dummy, or an ifb where the kernel has no dummy
 *                     driver.  Linux itself never names a device
 *                     lo<digits>, and udev's predictable names start with
 *                     en/wl/ww/ib/sl.
 *   LISPN             the TUN device "lisp<N>" that lispd owns.
 * Other types (Vlan, Port-channel, Tunnel) have no device here; a feature
 * that gives them one adds a row to the table in ifmap.c.
 *
 * The override file <rundir>/interfaces, when it has at least one line,
 * replaces the GigabitEthernet rule entirely: each line is
 *	GigabitEthernetN  DEVICE
 * (whitespace between, '#' starts a comment, blank lines ignored).  A
 * listed device that does not exist makes that interface absent.
 */
#ifndef PLATFORM_IFMAP_H
#define PLATFORM_IFMAP_H

#include <stddef.h>

#define IFMAP_E_NOMEM	(-1)
#define IFMAP_E_SYNTAX	(-2)	/* override file: bad line */
#define IFMAP_E_DUP	(-3)	/* override file: name or device twice */
#define IFMAP_E_NONAME	(-4)	/* not an interface name we map */

#define IFMAP_MAX_GIG	32

/* A device of the namespace, as netlink reports it. */
struct ifmap_dev {
	int		 ifindex;
	char		 name[16];
	char		 kind[16];	/* IFLA_INFO_KIND, "" for none */
	unsigned	 type;		/* ARPHRD_* */
};

/* (Not "struct ifmap": <net/if.h> has one.) */
struct ifmap_tab;

const char	*ifmap_strerror(int);

/*
 * Builds the map from n devices (any order) and the override file's text
 * (NULL when there is none).  On an override error returns IFMAP_E_SYNTAX
 * or IFMAP_E_DUP with *errline set to its line number (1-based); the
 * caller may then build again without the override.
 */
int		 ifmap_new(const struct ifmap_dev *devs, size_t n,
		    const char *override, struct ifmap_tab **out, size_t *errline);
void		 ifmap_free(struct ifmap_tab *);

/* Whether a device is Ethernet-like by the default rule. */
int		 ifmap_ethernet_like(const struct ifmap_dev *);

/*
 * The Linux device for an IOS name (canonical spelling, e.g.
 * "GigabitEthernet2", "Loopback10").  For GigabitEthernet only mapped
 * devices answer; Loopback and LISP names always answer with the device
 * that would carry them.  Returns 0 with the name in buf, IFMAP_E_NONAME.
 */
int		 ifmap_dev(const struct ifmap_tab *, const char *ios, char *buf,
		    size_t len);
/* The IOS name of a Linux device, or IFMAP_E_NONAME when it is not one
 * of ours (a lo<N> must be a dummy or ifb and lisp<N> a TUN to count). */
int		 ifmap_ios(const struct ifmap_tab *, const char *dev, char *buf,
		    size_t len);
/* The IOS name of the device with this ifindex (see ifmap_ios). */
int		 ifmap_ios_index(const struct ifmap_tab *, int ifindex, char *buf,
		    size_t len);
/* The ifindex of the device an IOS name maps to, or 0 if it does not
 * exist now. */
int		 ifmap_ifindex(const struct ifmap_tab *, const char *ios);

/* The GigabitEthernet interfaces in number order. */
size_t		 ifmap_ngig(const struct ifmap_tab *);
/* The i-th: its number, device and ifindex (borrowed). */
void		 ifmap_gig(const struct ifmap_tab *, size_t i, unsigned *num,
		    const char **dev, int *ifindex);
/* Whether the map came from the override file. */
int		 ifmap_overridden(const struct ifmap_tab *);

/*
 * IOS short names ("Gi1", "Lo10", "LI0", "Vl10", "Po1", "Tu0") as
 * `show mac address-table` and `show interfaces trunk` print them.
 * Returns 0, or IFMAP_E_NONAME (buf then holds the name unchanged).
 */
int		 ifmap_short(const char *ios, char *buf, size_t len);
/*
 * Splits a canonical IOS name into its type and number.  Returns 0 with
 * *type pointing at a static type name ("GigabitEthernet") or
 * IFMAP_E_NONAME.
 */
int		 ifmap_split(const char *ios, const char **type,
		    unsigned long *num);

#endif
