/*
 * The system settings cfgd-sys.c answers with, through the grammar: a
 * model line is parsed as global configuration would parse it; which
 * table's definition matched and its keywords say which setting it is,
 * and the values are the typed arguments (the secret's hash, the
 * password's LINE, the user's name and <0-15> privilege, the license
 * level's keyword, the interface's IFNAME, the time stamp options).
 */
#include <stdlib.h>
#include <string.h>

#include "cfg/cfgcmd.h"
#include "cfg/cmd.h"
#include "cfg/modes.h"
#include "cfg/sysset.h"
#include "cfg/tables.h"

/* The keywords of `license boot level { ... }` (cfgtab.c), which the
 * grammar names by themselves. */
static const char *const license_levels[] = {
	"ax", "appx", "advipservices", "ipbase", "premium", "standard",
	"advanced", "lite",
};

/* `service timestamps log` options in the order of their syntax (the
 * order the model's canonical line has them in). */
static const char *const stamp_opts[] = {
	"datetime", "msec", "localtime", "show-timezone", "year", "uptime",
};

void
sys_settings_init(struct sys_settings *s, const char *user)
{
	memset(s, 0, sizeof(*s));
	s->user = user;
	s->user_priv = s->line_priv = s->line_length = -1;
}

void
sys_settings_clear(struct sys_settings *s)
{
	if (s->enable_password != NULL)
		explicit_bzero(s->enable_password, strlen(s->enable_password));
	free(s->enable_hash);
	free(s->enable_password);
	free(s->license_next);
	free(s->motd);
	free(s->timestamps);
	sys_settings_init(s, s->user);
}

static int
in_table(const struct cmd_def *def, const struct cfg_cmd *cmds, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (def == &cmds[i].def)
			return 1;
	return 0;
}

/* Replaces *dst with a copy of v (v may be NULL).  0 or -1. */
static int
set_str(char **dst, const char *v)
{
	char	*c = NULL;

	if (v != NULL && (c = strdup(v)) == NULL)
		return -1;
	free(*dst);
	*dst = c;
	return 0;
}

/* `service timestamps log OPTS`: OPTS as the canonical line has them;
 * NULL for the bare command, which has none. */
static int
stamp_line(struct sys_settings *s, const struct cmd_args *args)
{
	char	 buf[64] = "";
	size_t	 i;

	for (i = 0; i < sizeof(stamp_opts) / sizeof(stamp_opts[0]); i++) {
		if (!cmd_arg_has(args, stamp_opts[i]))
			continue;
		if (buf[0] != '\0')
			strcat(buf, " ");
		strcat(buf, stamp_opts[i]);
	}
	return set_str(&s->timestamps, buf[0] != '\0' ? buf : NULL);
}

static int
base_line(struct sys_settings *s, const struct cmd_result *res)
{
	const struct cmd_args	*args = res->args;
	size_t			 i;

	if (cmd_arg_has(args, "enable")) {
		/* The hooks store both as typed to `enable secret 5 HASH`
		 * and `enable password PW`; the model keeps no `no` form. */
		if (res->negated)
			return 0;
		if (cmd_arg_has(args, "secret")) {
			s->enable_set = 1;
			return set_str(&s->enable_hash, cmd_arg(args, "hash"));
		}
		if (cmd_arg_has(args, "password")) {
			s->enable_set = 1;
			return set_str(&s->enable_password,
			    cmd_arg(args, "pw"));
		}
		return 0;
	}
	if (cmd_arg_has(args, "license") && cmd_arg_has(args, "boot") &&
	    !res->negated) {
		for (i = 0; i < sizeof(license_levels) /
		    sizeof(license_levels[0]); i++)
			if (cmd_arg_has(args, license_levels[i]))
				return set_str(&s->license_next,
				    license_levels[i]);
		return 0;
	}
	/* The banner's body is raw text the grammar does not parse: the
	 * model stores `banner motd ^C<body>^C` (the body may span lines)
	 * and the LINE argument is all of ^C<body>^C, kept as it is. */
	if (cmd_arg_has(args, "banner") && cmd_arg_has(args, "motd") &&
	    !res->negated)
		return set_str(&s->motd, cmd_arg(args, "text"));
	if (cmd_arg_has(args, "service") && cmd_arg_has(args, "timestamps") &&
	    cmd_arg_has(args, "log") && !res->negated)
		return stamp_line(s, args);
	/* Stored negated (CFG_F_NEGSTORE): lookup is on by default. */
	if (cmd_arg_has(args, "ip") && cmd_arg_has(args, "domain") &&
	    cmd_arg_has(args, "lookup"))
		s->no_lookup = res->negated;
	return 0;
}

int
sys_settings_line(struct sys_settings *s, const struct cmd_grammar *g,
    const char *line)
{
	struct cmd_result	 res;
	const char		*v;
	int			 rc = 0;

	memset(&res, 0, sizeof(res));
	if (cmd_parse(g, MODE_CONFIG, 15, line, &res) != 0) {
		cmd_result_clear(&res);
		return -1;
	}
	if (res.status != CMD_OK)
		;
	else if (in_table(res.def, cfg_base_cmds, cfg_base_ncmds))
		rc = base_line(s, &res);
	else if (res.def == &cfg_if_cmds[0].def) {
		/* cfgtab-if.c keeps `interface IFNAME` first; the grammar
		 * gives the name canonical (type spelled out). */
		v = cmd_arg(res.args, "ifname");
		if (!res.negated && v != NULL &&
		    strncmp(v, "GigabitEthernet", 15) == 0)
			s->gig++;
	} else if (in_table(res.def, cfg_vty_cmds, cfg_vty_ncmds) &&
	    cmd_arg_has(res.args, "username") && !res.negated &&
	    s->user != NULL && (v = cmd_arg(res.args, "name")) != NULL &&
	    strcmp(v, s->user) == 0) {
		/* The grammar held it to 0-15. */
		v = cmd_arg(res.args, "priv");
		s->user_priv = v != NULL ? atoi(v) : -1;
	}
	cmd_result_clear(&res);
	return rc;
}

int
sys_vty_holds(const struct cmd_grammar *g, const char *line, unsigned long n)
{
	struct cmd_result	 res;
	const char		*first, *last;
	unsigned long		 a, b;
	int			 in = 0;

	memset(&res, 0, sizeof(res));
	if (cmd_parse(g, MODE_CONFIG, 15, line, &res) == 0 &&
	    res.status == CMD_OK && !res.negated &&
	    in_table(res.def, cfg_vty_cmds, cfg_vty_ncmds) &&
	    cmd_arg_has(res.args, "vty") &&
	    (first = cmd_arg(res.args, "first")) != NULL) {
		/* The grammar held both to 0-98. */
		a = strtoul(first, NULL, 10);
		last = cmd_arg(res.args, "last");
		b = last != NULL ? strtoul(last, NULL, 10) : a;
		in = a <= n && n <= b;
	}
	cmd_result_clear(&res);
	return in;
}

int
sys_settings_vty_line(struct sys_settings *s, const struct cmd_grammar *g,
    const char *line)
{
	struct cmd_result	 res;
	const char		*v;

	memset(&res, 0, sizeof(res));
	if (cmd_parse(g, MODE_CONFIG_LINE, 15, line, &res) != 0) {
		cmd_result_clear(&res);
		return -1;
	}
	/* The grammar held the level to 0-15 and the length to 0-512. */
	if (res.status == CMD_OK && !res.negated &&
	    in_table(res.def, cfg_vty_cmds, cfg_vty_ncmds)) {
		if (cmd_arg_has(res.args, "privilege") &&
		    (v = cmd_arg(res.args, "level")) != NULL)
			s->line_priv = atoi(v);
		else if (cmd_arg_has(res.args, "length") &&
		    (v = cmd_arg(res.args, "len")) != NULL)
			s->line_length = atoi(v);
	}
	cmd_result_clear(&res);
	return 0;
}
