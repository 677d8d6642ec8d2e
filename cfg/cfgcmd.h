/*
 * A configuration command: the grammar definition the engine matches (the
 * first member, so the engine's `const struct cmd_def *` of a configuration
 * mode is a `const struct cfg_cmd *`), plus what the model needs to store
 * it (identity, display order, '!' separators) and an optional hook for
 * commands whose effect is more than storing their canonical line.
 */
#ifndef CFG_CFGCMD_H
#define CFG_CFGCMD_H

#include "cfg/cmd.h"

struct cfg_apply;

/* Hook results. */
enum cfg_hook_rc {
	CFG_HOOK_STORE = 0,	/* store a->line (possibly rewritten) */
	CFG_HOOK_DONE,		/* the hook did everything; store nothing */
	CFG_HOOK_ERROR,		/* refuse; a->err says why (IOS wording) */
};

typedef enum cfg_hook_rc cfg_hook_fn(struct cfg_apply *);

/* cfg_cmd flags (struct cfg_cmd.cflags). */
#define CFG_F_ACTION	0x01	/* an action (crypto key generate): never stored */
#define CFG_F_NEGSTORE	0x02	/* the `no` form is the stored setting and the
				   plain form the default (no ip domain lookup) */
#define CFG_F_BOTH	0x04	/* both forms are stored (no aaa new-model) */
#define CFG_F_SEPAFTER	0x08	/* a '!' line after each such block */
#define CFG_F_EXITLINE	0x10	/* the block ends with an " exit" line (XE) */
#define CFG_F_DELIM	0x20	/* text between delimiters (banner motd ^C) */
#define CFG_F_INDENT	0x40	/* rendered one space deeper than its level
				   (ip ssh pubkey-chain's 2- and 3-space
				   indents) */

struct cfg_cmd {
	struct cmd_def	 def;		/* def.action: enum cfg_builtin */
	unsigned	 cflags;	/* CFG_F_* */
	int		 key;		/* identity: first N words; 0 = all */
	int		 group;		/* display order and '!' groups */
	cfg_hook_fn	*hook;
	int		(*cmp)(const char *, const char *);
	const char	*defval;	/* this canonical line is the default */
	int		 order;		/* set when the table is loaded */
};

#endif
