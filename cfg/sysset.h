/*
 * What cfgd-sys.c needs of the configuration: the enable secret or
 * password (IPC_CFG_CHECK_ENABLE), a user's privilege and a vty line's
 * privilege level and length (IPC_CFG_SESSION) and what IPC_SYS_INFO
 * reports (show version, the motd banner, domain lookup).  Read from the
 * model's lines (a `line vty` block's own lines too), each parsed with the
 * configuration grammar: the command that matched and its typed
 * arguments say what is set, never the text of the line.  Pure: no
 * daemon, no sockets.
 */
#ifndef CFG_SYSSET_H
#define CFG_SYSSET_H

#include <stddef.h>

struct cmd_grammar;

struct sys_settings {
	/* In: whose `username U privilege N` to look for, or NULL. */
	const char	*user;

	/* Out; strings are owned (sys_settings_clear frees them), NULL
	 * when the configuration has no such line. */
	char		*enable_hash;	/* `enable secret 5 HASH` */
	char		*enable_password; /* `enable password PW` */
	int		 enable_set;	/* either of the two is configured */
	int		 user_priv;	/* user's privilege, -1 when not set */
	char		*license_next;	/* `license boot level L`: L */
	char		*motd;		/* `banner motd ^C...^C`: ^C...^C */
	char		*timestamps;	/* `service timestamps log OPTS`: OPTS */
	int		 no_lookup;	/* `no ip domain lookup` */
	size_t		 gig;		/* `interface GigabitEthernet...` */

	/* Of a `line vty` block (sys_settings_vty_line): -1 when not set. */
	int		 line_priv;	/* `privilege level N` */
	int		 line_length;	/* `length N` */
};

/* Nothing configured: NULL strings, user_priv, line_priv and line_length
 * -1, counts 0; user is kept
 * as the caller set it (NULL when s was never used). */
void	 sys_settings_init(struct sys_settings *, const char *user);
void	 sys_settings_clear(struct sys_settings *);
/*
 * One top-level line of the model, parsed with g (cfg_grammar_build's) in
 * global configuration mode, applied to s.  A line the grammar does not
 * accept, or that sets nothing above, leaves s as it was.  A later line
 * for the same setting replaces an earlier one.  Returns 0, or -1 when
 * out of memory.
 */
int	 sys_settings_line(struct sys_settings *, const struct cmd_grammar *g,
	    const char *line);

/*
 * Whether line (a top-level line of the model) is a `line vty A [B]`
 * block that holds vty n.
 */
int	 sys_vty_holds(const struct cmd_grammar *g, const char *line,
	    unsigned long n);
/*
 * One line inside a `line vty` block, parsed in line configuration mode:
 * `privilege level N` and `length N` set line_priv and line_length; any
 * other line leaves s as it was.  Returns 0, or -1 when out of memory.
 */
int	 sys_settings_vty_line(struct sys_settings *,
	    const struct cmd_grammar *g, const char *line);

#endif
