/*
 * The command modes of the router, exec and configuration alike.  Exec
 * commands live in cli/, configuration commands in cfg/; both are tables on
 * one grammar whose mode table is this list, so a mode's id is the same in
 * every process.  Later features add their submodes here.
 */
#ifndef CFG_MODES_H
#define CFG_MODES_H

#include "cfg/cmd.h"

enum cfg_mode_id {
	MODE_EXEC = 0,		/* ">" or "#" by privilege */
	MODE_CONFIG,		/* (config)# */
	MODE_CONFIG_IF,		/* (config-if)# */
	MODE_CONFIG_LINE,	/* (config-line)# */
	MODE_CONFIG_VLAN,	/* (config-vlan)# */
	MODE_SSH_PUBKEY,	/* (conf-ssh-pubkey)# */
	MODE_SSH_PUBKEY_USER,	/* (conf-ssh-pubkey-user)# */
	MODE_SSH_PUBKEY_DATA,	/* (conf-ssh-pubkey-data)# */
	MODE_LISP,		/* (config-router-lisp)# */
	MODE_LISP_SITE,		/* (config-router-lisp-site)# */
	MODE_LISP_LOCSET,	/* (config-router-lisp-locator-set)# */
	MODE_LISP_EIDTABLE,	/* (config-router-lisp-eid-table)# */
	MODE_LISP_DYNEID,	/* (config-router-lisp-dynamic-eid)# */
	MODE_LISP_EIDTABLE_DYNEID, /* (config-router-lisp-eid-table-dynamic-eid)# */
	MODE_COUNT
};

/* The mode table, indexed by enum cfg_mode_id. */
extern const struct cmd_mode cfg_modes[MODE_COUNT];

/* The mode whose name (e.g. "config-if") is name, or CMD_MODE_NONE. */
int	cfg_mode_by_name(const char *name);

#endif
