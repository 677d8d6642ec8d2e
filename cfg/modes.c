#include <string.h>

#include "cfg/modes.h"

const struct cmd_mode cfg_modes[MODE_COUNT] = {
	[MODE_EXEC] = { MODE_EXEC, "", "#", CMD_MODE_NONE, "Exec commands:" },
	[MODE_CONFIG] = { MODE_CONFIG, "config", "(config)#", CMD_MODE_NONE,
	    "Configure commands:" },
	[MODE_CONFIG_IF] = { MODE_CONFIG_IF, "config-if", "(config-if)#",
	    MODE_CONFIG, "Interface configuration commands:" },
	[MODE_CONFIG_LINE] = { MODE_CONFIG_LINE, "config-line",
	    "(config-line)#", MODE_CONFIG, "Line configuration commands:" },
	[MODE_CONFIG_VLAN] = { MODE_CONFIG_VLAN, "config-vlan",
	    "(config-vlan)#", MODE_CONFIG, "VLAN configuration commands:" },
	[MODE_SSH_PUBKEY] = { MODE_SSH_PUBKEY, "conf-ssh-pubkey",
	    "(conf-ssh-pubkey)#", MODE_CONFIG,
	    "SSH pubkey-chain configuration commands:" },
	[MODE_SSH_PUBKEY_USER] = { MODE_SSH_PUBKEY_USER,
	    "conf-ssh-pubkey-user", "(conf-ssh-pubkey-user)#",
	    MODE_SSH_PUBKEY, "SSH public key configuration commands:" },
	[MODE_SSH_PUBKEY_DATA] = { MODE_SSH_PUBKEY_DATA,
	    "conf-ssh-pubkey-data", "(conf-ssh-pubkey-data)#",
	    MODE_SSH_PUBKEY_USER, "SSH public key data:" },
	[MODE_LISP] = { MODE_LISP, "config-router-lisp",
	    "(config-router-lisp)#", MODE_CONFIG,
	    "LISP configuration commands:" },
	[MODE_LISP_SITE] = { MODE_LISP_SITE, "config-router-lisp-site",
	    "(config-router-lisp-site)#", MODE_LISP,
	    "LISP site configuration commands:" },
	[MODE_LISP_LOCSET] = { MODE_LISP_LOCSET,
	    "config-router-lisp-locator-set",
	    "(config-router-lisp-locator-set)#", MODE_LISP,
	    "LISP locator-set configuration commands:" },
	[MODE_LISP_EIDTABLE] = { MODE_LISP_EIDTABLE,
	    "config-router-lisp-eid-table",
	    "(config-router-lisp-eid-table)#", MODE_LISP,
	    "LISP EID-table configuration commands:" },
	[MODE_LISP_DYNEID] = { MODE_LISP_DYNEID,
	    "config-router-lisp-dynamic-eid",
	    "(config-router-lisp-dynamic-eid)#", MODE_LISP,
	    "LISP dynamic-EID configuration commands:" },
	[MODE_LISP_EIDTABLE_DYNEID] = { MODE_LISP_EIDTABLE_DYNEID,
	    "config-router-lisp-eid-table-dynamic-eid",
	    "(config-router-lisp-eid-table-dynamic-eid)#", MODE_LISP_EIDTABLE,
	    "LISP dynamic-EID configuration commands:" },
};

int
cfg_mode_by_name(const char *name)
{
	int	 i;

	for (i = 0; i < MODE_COUNT; i++)
		if (strcmp(cfg_modes[i].name, name) == 0)
			return i;
	return CMD_MODE_NONE;
}
