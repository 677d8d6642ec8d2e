/*
 * The configuration command tables, one per feature file, and helpers they
 * share.  cfgtab.c adds them all to the grammar in this order (which is
 * also the display order within a group).
 */
#ifndef CFG_TABLES_H
#define CFG_TABLES_H

#include <stddef.h>

#include "cfg/cfgcmd.h"

extern struct cfg_cmd	cfg_base_cmds[];	/* cfgtab.c: global settings */
extern const size_t	cfg_base_ncmds;
extern struct cfg_cmd	cfg_if_cmds[];		/* cfgtab-if.c: interfaces, routes */
extern const size_t	cfg_if_ncmds;
extern struct cfg_cmd	cfg_switch_cmds[];	/* cfgtab-switch.c: VLANs, switchports */
extern const size_t	cfg_switch_ncmds;
extern struct cfg_cmd	cfg_vty_cmds[];		/* cfgtab-vty.c: lines, users, SSH */
extern const size_t	cfg_vty_ncmds;
extern struct cfg_cmd	cfg_lisp_cmds[];	/* cfgtab-lisp.c: router lisp */
extern const size_t	cfg_lisp_ncmds;
extern struct cfg_cmd	cfg_logging_cmds[];	/* cfgtab-logging.c: logging */
extern const size_t	cfg_logging_ncmds;

/* Natural order: digit runs compare as numbers ("Loopback2" < "Loopback10"). */
int	cfg_natural_cmp(const char *, const char *);

#endif
