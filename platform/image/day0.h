/*
 * Day-0 configuration of the VM appliance, as a CSR 1000v takes it on its
 * first boot: from the OVF environment that VMware attaches as an ISO
 * (ovf-env.xml, the vApp properties of the OVA), or from a CD-ROM or small
 * disk holding iosxe_config.txt (IOS configuration lines).  Pure: the init
 * reads the files, this turns them into configuration-mode lines that go
 * through `cli` like a paste on the console.
 *
 * OVF properties (keys as in the OVA's ProductSection; a class prefix such
 * as "com.lisprouter." is ignored):
 *   hostname            hostname NAME
 *   domain-name         ip domain name NAME
 *   login-username      username U privilege 15 [secret P]
 *   login-password      the secret of login-username
 *   login-pubkey        an OpenSSH public key line ("ssh-rsa AAAA... c")
 *                       for login-username: ip ssh pubkey-chain
 *   privilege-password  enable secret P
 *   mgmt-interface      the interface below (default GigabitEthernet1)
 *   mgmt-ipv4-addr      "dhcp", "A.B.C.D/LEN" or "A.B.C.D M.M.M.M"
 *   mgmt-ipv4-gateway   ip route 0.0.0.0 0.0.0.0 GW
 *   enable-ssh-server   "True" (default) or "False": with a login user,
 *                       generate the host key and allow SSH on line vty
 *   ios-config-NNNN     any configuration line, in NNNN order, last
 * Empty values are skipped.  A value with a control character (a newline
 * would smuggle in another configuration line) is refused.
 */
#ifndef PLATFORM_IMAGE_DAY0_H
#define PLATFORM_IMAGE_DAY0_H

#define DAY0_E_NOMEM	(-1)
#define DAY0_E_NOTENV	(-2)	/* not an OVF environment document */
#define DAY0_E_VALUE	(-3)	/* a property value we cannot use */

const char	*day0_strerror(int);

/*
 * Configuration-mode lines (each ending in '\n', no "configure terminal"
 * or "end") from the text of an ovf-env.xml.  On success *out is the text
 * (caller frees); on DAY0_E_VALUE *badkey names the property (borrowed
 * from a static buffer, valid until the next call).
 */
int		 day0_from_ovfenv(const char *xml, char **out,
		    const char **badkey);

/*
 * The same from an iosxe_config.txt: its lines with CR/LF line ends made
 * '\n', and without a trailing "end" (the caller closes configuration
 * mode itself).  *out: caller frees.
 */
int		 day0_from_iosxe(const char *text, char **out);

#endif
