/*
 * Terminal lines (console and vty), local users, the SSH server's settings,
 * its public-key chain and the RSA host key.
 *
 * vty lines are kept as IOS keeps them: each `line vty A B` block is a
 * segment of lines with one configuration.  Entering a range splits the
 * segments it cuts and creates the lines it adds (with IOS's default
 * `login`); a command in the range's (config-line) mode is applied to every
 * segment inside it, so `line vty 0 98` over the factory `line vty 0 4`
 * shows `line vty 0 4` and `line vty 5 98` with the same commands.
 * Adjacent segments with the same commands are merged again, except across
 * 4|5, the factory lines' end (IOS keeps `line vty 0 4` / `line vty 5 15`).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfg/apply.h"
#include "cfg/cfgcmd.h"
#include "cfg/cfgtab.h"
#include "cfg/env.h"
#include "cfg/hostkey.h"
#include "cfg/modes.h"
#include "cfg/secret.h"
#include "cfg/session.h"
#include "cfg/sshkey.h"
#include "cfg/tables.h"
#include "platform/ioslog.h"

#define NONE	CMD_MODE_NONE
#define HIDDEN	CMD_F_HIDDEN
#define NO	CMD_F_NO

#define VTY_MAX		98
#define VTY_FACTORY_LAST 4	/* segments never merge across 4|5 */
#define SEG_MAX		(VTY_MAX + 1)

static const char no_keys[] = "Please create RSA keys to enable SSH (and of "
    "atleast 768 bits for SSH v2).\n";

static enum cfg_hook_rc hook_line(struct cfg_apply *);
static enum cfg_hook_rc hook_line_sub(struct cfg_apply *);
static enum cfg_hook_rc hook_exec_timeout(struct cfg_apply *);
static enum cfg_hook_rc hook_transport(struct cfg_apply *);
static enum cfg_hook_rc hook_username(struct cfg_apply *);
static enum cfg_hook_rc hook_ip_ssh(struct cfg_apply *);
static enum cfg_hook_rc hook_keygen(struct cfg_apply *);
static enum cfg_hook_rc hook_zeroize(struct cfg_apply *);
static enum cfg_hook_rc hook_key_string(struct cfg_apply *);
static enum cfg_hook_rc hook_key_hash(struct cfg_apply *);

static int
cmp_line(const char *a, const char *b)
{
	/* con before aux before vty, then by number. */
	int	 ra = strncmp(a, "line con", 8) == 0 ? 0 :
		    strncmp(a, "line aux", 8) == 0 ? 1 : 2;
	int	 rb = strncmp(b, "line con", 8) == 0 ? 0 :
		    strncmp(b, "line aux", 8) == 0 ? 1 : 2;

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return cfg_natural_cmp(a, b);
}

#define LINE_CMD	0	/* index of `line ...` in cfg_vty_cmds */
#define LOGIN_CMD	9	/* `login [ local ]` */
#define KEYHASH_CMD	(cfg_vty_ncmds - 1)	/* `key-hash ...`: the last */

struct cfg_cmd cfg_vty_cmds[] = {
	[LINE_CMD] = { .def = { MODE_CONFIG, "line { con 0 | vty <0-98>$first "
	    "[ <0-98>$last ] }",
	    "Configure a terminal line\nPrimary terminal line\n"
	    "First Line number\nVirtual terminal\nFirst Line number\n"
	    "Last Line number", MODE_CONFIG_LINE, NO, 15, 0, NULL }, .key = 0,
	    .group = G_LINE, .cmp = cmp_line, .hook = hook_line },

	/* Line configuration, in IOS's display order. */
	{ .def = { MODE_CONFIG_LINE, "exit",
	    "Exit from line configuration mode", NONE, 0, 15, CFG_ACT_EXIT,
	    NULL } },
	{ .def = { MODE_CONFIG_LINE, "end", "Exit from configure mode", NONE,
	    HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_CONFIG_LINE, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_CONFIG_LINE, "access-class <1-199>$acl { in | out }",
	    "Filter connections based on an IP access list\n"
	    "IP access list\nFilter incoming connections\n"
	    "Filter outgoing connections", NONE, NO, 15, 0, NULL }, .key = 3,
	    .group = G_SUB, .hook = hook_line_sub },
	{ .def = { MODE_CONFIG_LINE, "exec-timeout <0-35791>$min "
	    "[ <0-2147483>$sec ]",
	    "Set the EXEC timeout\n<0-35791>  Timeout in minutes\n"
	    "Timeout in seconds", NONE, NO, 15, 0, NULL }, .key = 1,
	    .group = G_SUB, .hook = hook_exec_timeout,
	    .defval = "exec-timeout 10 0" },
	{ .def = { MODE_CONFIG_LINE, "privilege level <0-15>$level",
	    "Change privilege level for line\nAssign default privilege level "
	    "for line\nDefault privilege level for line", NONE, NO, 15, 0,
	    NULL }, .key = 2, .group = G_SUB, .hook = hook_line_sub,
	    .defval = "privilege level 1" },
	{ .def = { MODE_CONFIG_LINE, "password LINE$pw",
	    "Set a password\nThe UNENCRYPTED (cleartext) line password", NONE,
	    NO, 15, 0, NULL }, .key = 1, .group = G_SUB,
	    .hook = hook_line_sub },
	{ .def = { MODE_CONFIG_LINE, "logging synchronous",
	    "Modify message logging facilities\n"
	    "Synchronized message output", NONE, NO, 15, 0, NULL }, .key = 2,
	    .group = G_SUB, .hook = hook_line_sub },
	[LOGIN_CMD] = { .def = { MODE_CONFIG_LINE, "login [ local ]",
	    "Enable password checking\nLocal password checking", NONE, NO, 15,
	    0, NULL }, .key = 1, .group = G_SUB, .hook = hook_line_sub },
	{ .def = { MODE_CONFIG_LINE, "length <0-512>$len",
	    "Set number of lines on a screen\n"
	    "Number of lines on screen (0 for no pausing)", NONE, NO, 15, 0,
	    NULL }, .key = 1, .group = G_SUB, .hook = hook_line_sub,
	    .defval = "length 24" },
	{ .def = { MODE_CONFIG_LINE, "transport input { all | none | "
	    "ssh [ telnet$t2 ] | telnet [ ssh$s2 ] }",
	    "Define transport protocols for line\n"
	    "Define which protocols to use when connecting to the terminal "
	    "server\nAll protocols\nNo protocols\nTCP/IP SSH protocol\n"
	    "TCP/IP Telnet protocol\nTCP/IP Telnet protocol\n"
	    "TCP/IP SSH protocol", NONE, NO, 15, 0, NULL }, .key = 2,
	    .group = G_SUB, .hook = hook_transport },
	{ .def = { MODE_CONFIG_LINE, "transport output { all | none | ssh | "
	    "telnet }",
	    "Define transport protocols for line\n"
	    "Define which protocols to use for outgoing connections\n"
	    "All protocols\nNo protocols\nTCP/IP SSH protocol\n"
	    "TCP/IP Telnet protocol", NONE, NO, 15, 0, NULL }, .key = 2,
	    .group = G_SUB, .hook = hook_line_sub },
	{ .def = { MODE_CONFIG_LINE, "stopbits { 1 | 1.5 | 2 }",
	    "Set async line stop bits\nOne stop bit\nOne and one-half stop "
	    "bits\nTwo stop bits", NONE, NO, 15, 0, NULL }, .key = 1,
	    .group = G_SUB, .hook = hook_line_sub },

	/* Local users. */
	{ .def = { MODE_CONFIG, "username WORD$name [ privilege <0-15>$priv ] "
	    "[ password { 0 LINE$pw | 7 WORD$pw7 | LINE$pw } | "
	    "secret { 0 LINE$sec | 5 WORD$hash | LINE$sec } | nopassword ]",
	    "Establish User Name Authentication\nUser name\n"
	    "Set user privilege level\nUser privilege level\n"
	    "Specify the password for the user\n"
	    "Specifies an UNENCRYPTED password will follow\n"
	    "The UNENCRYPTED (cleartext) user password\n"
	    "Specifies a HIDDEN password will follow\n"
	    "The HIDDEN user password string\n"
	    "The UNENCRYPTED (cleartext) user password\n"
	    "Specify the secret for the user\n"
	    "Specifies an UNENCRYPTED secret will follow\n"
	    "The UNENCRYPTED (cleartext) user secret\n"
	    "Specifies a MD5 HASHED secret will follow\n"
	    "The MD5 HASHED user secret string\n"
	    "The UNENCRYPTED (cleartext) user secret\n"
	    "No password is required for the user to log in",
	    NONE, NO, 15, 0, NULL }, .key = 2, .group = G_USERNAME,
	    .cmp = cfg_natural_cmp, .hook = hook_username },

	/* The SSH server, in IOS's display order. */
	{ .def = { MODE_CONFIG, "ip ssh time-out <1-120>$sec",
	    "Global IP configuration subcommands\n"
	    "Configure ssh options\nSpecify SSH time-out interval\n"
	    "SSH time-out interval (secs)", NONE, NO, 15, 0, NULL },
	    .key = 3, .group = G_SSH, .hook = hook_ip_ssh,
	    .defval = "ip ssh time-out 120" },
	{ .def = { MODE_CONFIG, "ip ssh authentication-retries <0-5>$n",
	    "Global IP configuration subcommands\n"
	    "Configure ssh options\n"
	    "Specify number of authentication retries\n"
	    "Number of authentication retries", NONE, NO, 15, 0, NULL },
	    .key = 3, .group = G_SSH, .hook = hook_ip_ssh,
	    .defval = "ip ssh authentication-retries 3" },
	{ .def = { MODE_CONFIG, "ip ssh version { 1 | 2 }",
	    "Global IP configuration subcommands\n"
	    "Configure ssh options\nSpecify protocol version to be supported\n"
	    "Protocol version 1\nProtocol version 2", NONE, NO, 15, 0, NULL },
	    .key = 3, .group = G_SSH, .hook = hook_ip_ssh },
	{ .def = { MODE_CONFIG, "ip ssh pubkey-chain",
	    "Global IP configuration subcommands\n"
	    "Configure ssh options\npubkey-chain", MODE_SSH_PUBKEY, NO, 15, 0,
	    NULL }, .key = 3, .group = G_SSH },
	{ .def = { MODE_CONFIG, "ip ssh server authenticate user "
	    "{ publickey | password | keyboard }",
	    "Global IP configuration subcommands\n"
	    "Configure ssh options\nConfigure SSH Server\n"
	    "Configure Authentication Methods\n"
	    "Configure User Authentication Methods\n"
	    "Allow Publickey Based Authentication\n"
	    "Allow Password Based Authentication\n"
	    "Allow Keyboard-Interactive Based Authentication", NONE, NO, 15, 0,
	    NULL }, .cflags = CFG_F_NEGSTORE, .key = 6, .group = G_SSH,
	    .hook = hook_ip_ssh },

	/* The host key: actions, never stored. */
	{ .def = { MODE_CONFIG, "crypto key generate rsa [ general-keys ] "
	    "[ modulus <360-4096>$bits ]",
	    "Encryption module\nLong term key operations\nGenerate new keys\n"
	    "Generate RSA keys\nGenerate a general purpose RSA key pair for "
	    "signing and encryption\nProvide number of modulus bits on the "
	    "command line\nsize of the key modulus in the range of 360 to "
	    "4096", NONE, 0, 15, 0, NULL }, .cflags = CFG_F_ACTION,
	    .hook = hook_keygen },
	{ .def = { MODE_CONFIG, "crypto key zeroize rsa [ WORD$label ]",
	    "Encryption module\nLong term key operations\nRemove keys\n"
	    "Remove RSA keys\n"
	    "RSA key pair label", NONE, 0, 15, 0, NULL },
	    .cflags = CFG_F_ACTION, .hook = hook_zeroize },

	/* ip ssh pubkey-chain */
	{ .def = { MODE_SSH_PUBKEY, "exit",
	    "Exit from SSH pubkey-chain configuration mode", NONE, 0, 15,
	    CFG_ACT_EXIT, NULL } },
	{ .def = { MODE_SSH_PUBKEY, "end", "Exit from configure mode", NONE,
	    HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_SSH_PUBKEY, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_SSH_PUBKEY, "username WORD$name",
	    "Configure a user's public key\nSSH user name",
	    MODE_SSH_PUBKEY_USER, NO, 15, 0, NULL }, .cflags = CFG_F_INDENT,
	    .key = 2, .group = G_SUB, .cmp = cfg_natural_cmp },
	{ .def = { MODE_SSH_PUBKEY_USER, "exit",
	    "Exit from SSH public key configuration mode", NONE, 0, 15,
	    CFG_ACT_EXIT, NULL } },
	{ .def = { MODE_SSH_PUBKEY_USER, "end", "Exit from configure mode",
	    NONE, HIDDEN, 15, CFG_ACT_END, NULL } },
	{ .def = { MODE_SSH_PUBKEY_USER, "do LINE$line",
	    "To run exec commands in config mode\nExec Command", NONE, 0, 15,
	    CFG_ACT_DO, NULL } },
	{ .def = { MODE_SSH_PUBKEY_USER, "key-string",
	    "Enter public key", NONE, 0, 15, 0, NULL },
	    .cflags = CFG_F_ACTION, .hook = hook_key_string },
	{ .def = { MODE_SSH_PUBKEY_DATA, "exit",
	    "Exit from SSH public key data mode", NONE, 0, 15, CFG_ACT_EXIT,
	    NULL } },
	/* Last (KEYHASH_CMD): the key-string hook stores through it. */
	{ .def = { MODE_SSH_PUBKEY_USER, "key-hash { ssh-rsa$type | "
	    "ssh-ed25519$type | ecdsa-sha2-nistp256$type | "
	    "ecdsa-sha2-nistp384$type | ecdsa-sha2-nistp521$type } "
	    "WORD$hash [ LINE$comment ]",
	    "Enter public key hash\nAn SSH RSA public key hash\n"
	    "An SSH Ed25519 public key hash\nAn ECDSA NIST P-256 public key "
	    "hash\nAn ECDSA NIST P-384 public key hash\nAn ECDSA NIST P-521 "
	    "public key hash\nThe MD5 hash of the key, in hex\n"
	    "The key's comment", NONE, NO, 15, 0, NULL },
	    .cflags = CFG_F_INDENT, .key = 3, .group = G_SUB,
	    .hook = hook_key_hash },
};
const size_t cfg_vty_ncmds = sizeof(cfg_vty_cmds) / sizeof(cfg_vty_cmds[0]);

/* Settings in the model. */

static struct cfg_node *
model_root(struct cfg_apply *a)
{
	return cfg_model_root(a->model);
}

/* The rest of the first top-level line that starts with prefix. */
static const char *
setting(struct cfg_apply *a, const char *prefix)
{
	const struct cfg_node	*k;
	size_t			 n = strlen(prefix);

	for (k = cfg_node_first(model_root(a)); k != NULL;
	    k = cfg_node_next(k))
		if (strncmp(cfg_node_line(k), prefix, n) == 0)
			return cfg_node_line(k) + n;
	return NULL;
}

static const char *
env_rundir(const struct cfg_apply *a)
{
	const struct cfg_env	*env = a->env;

	return env != NULL ? env->rundir : NULL;
}

/* vty segments. */

struct seg {
	struct cfg_node	*n;
	unsigned	 first, last;
};

static int
seg_parse(const struct cfg_node *n, unsigned *first, unsigned *last)
{
	int	 got;

	if (cfg_node_cmd(n) != &cfg_vty_cmds[LINE_CMD])
		return -1;
	got = sscanf(cfg_node_line(n), "line vty %u %u", first, last);
	if (got < 1)
		return -1;
	if (got == 1)
		*last = *first;
	return 0;
}

static int
seg_cmp(const void *pa, const void *pb)
{
	const struct seg	*a = pa, *b = pb;

	return a->first < b->first ? -1 : a->first > b->first;
}

/* The vty segments, by first line. */
static size_t
segments(struct cfg_node *root, struct seg *v)
{
	struct cfg_node	*k;
	size_t		 n = 0;

	for (k = cfg_node_first(root); k != NULL && n < SEG_MAX;
	    k = cfg_node_next(k))
		if (seg_parse(k, &v[n].first, &v[n].last) == 0)
			v[n++].n = k;
	qsort(v, n, sizeof(*v), seg_cmp);
	return n;
}

/* A new segment with the children of from (NULL: IOS's default login). */
static struct cfg_node *
seg_new(struct cfg_apply *a, unsigned first, unsigned last,
    const struct cfg_node *from)
{
	const struct cfg_cmd	*login = &cfg_vty_cmds[LOGIN_CMD];
	const struct cfg_node	*k;
	struct cfg_node		*n;
	char			 line[64];

	if (first == last)
		snprintf(line, sizeof(line), "line vty %u", first);
	else
		snprintf(line, sizeof(line), "line vty %u %u", first, last);
	if ((n = cfg_node_set(a->model, model_root(a),
	    &cfg_vty_cmds[LINE_CMD], line)) == NULL)
		return NULL;
	if (from == NULL)
		return cfg_node_set(a->model, n, login, "login") != NULL ?
		    n : NULL;
	for (k = cfg_node_first(from); k != NULL; k = cfg_node_next(k))
		if (cfg_node_set(a->model, n, cfg_node_cmd(k),
		    cfg_node_line(k)) == NULL)
			return NULL;
	return n;
}

/* Splits the segment holding line x and x - 1 apart.  0 or -1 (memory). */
static int
seg_cut(struct cfg_apply *a, unsigned x)
{
	struct seg	 v[SEG_MAX];
	size_t		 n = segments(model_root(a), v), i;

	for (i = 0; i < n; i++) {
		if (v[i].first >= x || v[i].last < x)
			continue;
		if (seg_new(a, v[i].first, x - 1, v[i].n) == NULL ||
		    seg_new(a, x, v[i].last, v[i].n) == NULL)
			return -1;
		cfg_node_remove(a->model, v[i].n);
		break;
	}
	return 0;
}

static int
same_kids(const struct cfg_node *a, const struct cfg_node *b)
{
	const struct cfg_node	*k, *j;

	if (cfg_node_nkids(a) != cfg_node_nkids(b))
		return 0;
	for (k = cfg_node_first(a); k != NULL; k = cfg_node_next(k)) {
		for (j = cfg_node_first(b); j != NULL; j = cfg_node_next(j))
			if (strcmp(cfg_node_line(k), cfg_node_line(j)) == 0)
				break;
		if (j == NULL)
			return 0;
	}
	return 1;
}

/* Merges adjacent segments with the same commands. */
static int
seg_merge(struct cfg_apply *a)
{
	struct seg	 v[SEG_MAX];
	size_t		 n, i;

again:
	n = segments(model_root(a), v);
	for (i = 0; i + 1 < n; i++) {
		if (v[i].last + 1 != v[i + 1].first ||
		    v[i].last == VTY_FACTORY_LAST ||
		    !same_kids(v[i].n, v[i + 1].n))
			continue;
		if (seg_new(a, v[i].first, v[i + 1].last, v[i].n) == NULL)
			return -1;
		cfg_node_remove(a->model, v[i].n);
		cfg_node_remove(a->model, v[i + 1].n);
		goto again;
	}
	return 0;
}

/* Creates the lines of [first, last] that no segment holds. */
static int
seg_fill(struct cfg_apply *a, unsigned first, unsigned last)
{
	struct seg	 v[SEG_MAX];
	size_t		 n = segments(model_root(a), v), i;
	unsigned	 at = first;

	for (i = 0; i < n && at <= last; i++) {
		if (v[i].last < at)
			continue;
		if (v[i].first > last)
			break;
		if (v[i].first > at && seg_new(a, at, v[i].first - 1,
		    NULL) == NULL)
			return -1;
		at = v[i].last + 1;
	}
	if (at <= last && seg_new(a, at, last, NULL) == NULL)
		return -1;
	return 0;
}

static int
range_of(const char *line, unsigned *first, unsigned *last)
{
	int	 got;

	if (line == NULL)
		return -1;
	got = sscanf(line, "line vty %u %u", first, last);
	if (got < 1)
		return -1;
	if (got == 1)
		*last = *first;
	return 0;
}

static enum cfg_hook_rc
hook_line(struct cfg_apply *a)
{
	struct seg	 v[SEG_MAX];
	size_t		 n, i;
	unsigned	 first, last;
	const char	*l = a->line + (a->negated ? 3 : 0);

	if (range_of(l, &first, &last) != 0)
		return CFG_HOOK_STORE;		/* line con 0 */
	if (last < first)
		return cfg_apply_error(a, "%%Bad line range\n");
	if (seg_merge(a) != 0 || (first > 0 && seg_cut(a, first) != 0) ||
	    (last < VTY_MAX && seg_cut(a, last + 1) != 0))
		return cfg_apply_error(a, "%% Out of memory\n");
	if (!a->negated && seg_fill(a, first, last) != 0)
		return cfg_apply_error(a, "%% Out of memory\n");
	n = segments(model_root(a), v);
	for (i = 0; i < n; i++) {
		if (v[i].first < first || v[i].last > last)
			continue;
		if (a->negated)
			cfg_node_remove(a->model, v[i].n);
		else if (a->entered == NULL)
			a->entered = v[i].n;
	}
	return CFG_HOOK_DONE;
}

/* Whether cfg_apply_run would remove (rather than store) a->line. */
static int
removes(const struct cfg_apply *a)
{
	const struct cfg_cmd	*c = a->cmd;

	if (c->cflags & CFG_F_BOTH)
		return 0;
	if (a->negated)
		return !(c->cflags & CFG_F_NEGSTORE);
	return (c->cflags & CFG_F_NEGSTORE) ||
	    (c->defval != NULL && strcmp(a->line, c->defval) == 0);
}

/* A (config-line) command: on every vty segment of the mode's range. */
static enum cfg_hook_rc
hook_line_sub(struct cfg_apply *a)
{
	struct seg	 v[SEG_MAX];
	size_t		 n, i;
	unsigned	 first, last;

	if (range_of(a->ctxline, &first, &last) != 0)
		return CFG_HOOK_STORE;
	n = segments(model_root(a), v);
	for (i = 0; i < n; i++) {
		if (v[i].first < first || v[i].last > last)
			continue;
		if (removes(a))
			cfg_node_remove_matching(a->model, v[i].n, a->cmd,
			    a->line);
		else if (cfg_node_set(a->model, v[i].n, a->cmd, a->line) ==
		    NULL)
			return cfg_apply_error(a, "%% Out of memory\n");
	}
	return CFG_HOOK_DONE;
}

/* `exec-timeout 30` is `exec-timeout 30 0`. */
static enum cfg_hook_rc
hook_exec_timeout(struct cfg_apply *a)
{
	const char	*min = cmd_arg(a->res->args, "min");
	const char	*sec = cmd_arg(a->res->args, "sec");

	if (!a->negated && cfg_apply_set_line(a, "exec-timeout %s %s", min,
	    sec != NULL ? sec : "0") != 0)
		return CFG_HOOK_ERROR;
	return hook_line_sub(a);
}

/* Both protocols are shown as IOS shows them: `transport input telnet ssh`. */
static enum cfg_hook_rc
hook_transport(struct cfg_apply *a)
{
	const struct cmd_args	*args = a->res->args;

	if (!a->negated && (cmd_arg_has(args, "t2") ||
	    cmd_arg_has(args, "s2")) &&
	    cfg_apply_set_line(a, "transport input telnet ssh") != 0)
		return CFG_HOOK_ERROR;
	return hook_line_sub(a);
}

/* Users. */

/*
 * `username bob privilege 15` and `username bob secret x` make one line,
 * `username bob privilege 15 secret 5 $1$...`: a part not given keeps its
 * value.  Returns the existing line's privilege (or NULL) and credential.
 */
static void
user_parts(const char *line, char *priv, size_t plen, const char **cred)
{
	const char	*p = line;
	int		 word = 0;

	*priv = '\0';
	*cred = NULL;
	/* username NAME [privilege N] CRED... */
	while (*p != '\0' && word < 2) {
		p = strchr(p, ' ');
		if (p == NULL)
			return;
		p++;
		word++;
	}
	if (strncmp(p, "privilege ", 10) == 0) {
		snprintf(priv, plen, "%.*s", (int)strcspn(p + 10, " "),
		    p + 10);
		p += 10 + strcspn(p + 10, " ");
		if (*p == ' ')
			p++;
	}
	if (*p != '\0')
		*cred = p;
}

static enum cfg_hook_rc
hook_username(struct cfg_apply *a)
{
	const struct cmd_args	*args = a->res->args;
	const char		*name = cmd_arg(args, "name");
	const char		*priv = cmd_arg(args, "priv");
	const char		*pw = cmd_arg(args, "pw");
	const char		*pw7 = cmd_arg(args, "pw7");
	const char		*sec = cmd_arg(args, "sec");
	const char		*hash = cmd_arg(args, "hash");
	const struct cfg_node	*old;
	const char		*oldcred = NULL;
	char			 oldpriv[8], buf[128], *cred = NULL;
	int			 rc;

	if (a->negated)
		return CFG_HOOK_STORE;
	if (hash != NULL && !cfg_secret_valid(hash))
		return cfg_apply_error(a, "ERROR: The secret you entered is "
		    "not a valid encrypted secret.\nTo enter an UNENCRYPTED "
		    "secret, do not specify type 5 encryption.\nWhen you "
		    "properly enter an UNENCRYPTED secret, it will be "
		    "encrypted.\n");
	if (sec != NULL) {
		if (cfg_secret_hash(sec, buf, sizeof(buf)) != 0)
			return cfg_apply_error(a, "%% Could not hash the "
			    "secret\n");
		hash = buf;
	}
	*oldpriv = '\0';
	if ((old = cfg_node_find(model_root(a), a->cmd, a->line)) != NULL)
		user_parts(cfg_node_line(old), oldpriv, sizeof(oldpriv),
		    &oldcred);
	if (priv == NULL && *oldpriv != '\0')
		priv = oldpriv;
	if (hash != NULL)
		rc = asprintf(&cred, "secret 5 %s", hash);
	else if (pw7 != NULL)
		rc = asprintf(&cred, "password 7 %s", pw7);
	else if (pw != NULL)
		rc = asprintf(&cred, "password 0 %s", pw);
	else if (cmd_arg_has(args, "nopassword"))
		rc = asprintf(&cred, "nopassword");
	else
		rc = oldcred != NULL ? asprintf(&cred, "%s", oldcred) : 0;
	explicit_bzero(buf, sizeof(buf));
	if (rc == -1)
		return CFG_HOOK_ERROR;
	rc = cfg_apply_set_line(a, "username %s%s%s%s%s", name,
	    priv != NULL ? " privilege " : "", priv != NULL ? priv : "",
	    cred != NULL ? " " : "", cred != NULL ? cred : "");
	if (cred != NULL)
		explicit_bzero(cred, strlen(cred));
	free(cred);
	return rc == 0 ? CFG_HOOK_STORE : CFG_HOOK_ERROR;
}

/* SSH. */

static enum cfg_hook_rc
hook_ip_ssh(struct cfg_apply *a)
{
	const char	*rundir = env_rundir(a);

	if (rundir != NULL && !hostkey_exists(rundir))
		cfg_apply_say(a, "%s", no_keys);
	return CFG_HOOK_STORE;
}

static const char *
ssh_version(struct cfg_apply *a)
{
	const char	*v = setting(a, "ip ssh version ");

	return v != NULL && strcmp(v, "2") == 0 ? "2.0" : "1.99";
}

/* %SSH-5-ENABLED / DISABLED: logged (cfgd stamps it and shows it to the
 * console, the buffer and the syslog hosts). */
static void
say_log(struct cfg_apply *a, const char *what)
{
	ios_log(IOS_NOTICE, "SSH", what, "SSH %s has been %s", ssh_version(a),
	    strcmp(what, "ENABLED") == 0 ? "enabled" : "disabled");
}

static void
keygen_run(struct cfg_apply *a, const char *label, unsigned bits,
    int had_keys)
{
	const char	*rundir = env_rundir(a);
	struct timespec	 t0, t1;
	long		 secs;

	cfg_apply_say(a, "%% Generating %u bit RSA keys, keys will be "
	    "non-exportable...\n", bits);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (rundir != NULL && hostkey_generate(rundir, label, bits) != 0) {
		cfg_apply_say(a, "%% Key generation failed\n");
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (long)(t1.tv_sec - t0.tv_sec) +
	    (t1.tv_nsec >= t0.tv_nsec ? 0 : -1);
	cfg_apply_say(a, "[OK] (elapsed time was %ld seconds)\n\n",
	    secs < 0 ? 0 : secs);
	if (!had_keys && rundir != NULL)
		say_log(a, "ENABLED");
}

static enum cfg_hook_rc
hook_keygen(struct cfg_apply *a)
{
	const char		*host = setting(a, "hostname ");
	const char		*domain = setting(a, "ip domain name ");
	const char		*bits = cmd_arg(a->res->args, "bits");
	const char		*rundir = env_rundir(a);
	struct hostkey_info	 hi;
	char			 label[256], *end;
	int			 had = 0;
	long			 n;

	if (host == NULL || strcmp(host, "Router") == 0)
		return cfg_apply_error(a, "%% Please define a hostname other "
		    "than Router.\n");
	if (domain == NULL)
		return cfg_apply_error(a, "%% Please define a domain-name "
		    "first.\n");
	snprintf(label, sizeof(label), "%s.%s", host, domain);
	if (rundir != NULL && hostkey_load(rundir, &hi) == 0) {
		had = 1;
		if (a->input == NULL)
			cfg_apply_say(a, "%% You already have RSA keys defined "
			    "named %s.\n%% They will be replaced.\n",
			    *hi.label != '\0' ? hi.label : label);
		hostkey_info_clear(&hi);
	}
	if (bits != NULL) {
		cfg_apply_say(a, "The name for the keys will be: %s\n\n"
		    "%% The key modulus size is %s bits\n", label, bits);
		keygen_run(a, label, (unsigned)atoi(bits), had);
		return CFG_HOOK_DONE;
	}
	if (a->input == NULL) {
		cfg_apply_say(a, "The name for the keys will be: %s\n"
		    "Choose the size of the key modulus in the range of 360 "
		    "to 4096 for your\n  General Purpose Keys. Choosing a key "
		    "modulus greater than 512 may take\n  a few minutes.\n\n"
		    "How many bits in the modulus [512]: ", label);
		return cfg_apply_more(a, CMD_MODE_NONE);
	}
	while (isspace((unsigned char)*a->input))
		a->input++;
	n = *a->input == '\0' ? 512 : strtol(a->input, &end, 10);
	if (*a->input != '\0' && (*end != '\0' && !isspace((unsigned char)
	    *end)))
		n = -1;
	if (n < HOSTKEY_MIN_BITS || n > HOSTKEY_MAX_BITS)
		return cfg_apply_error(a, "%% Invalid modulus size: enter a "
		    "number in the range of 360 to 4096.\n");
	keygen_run(a, label, (unsigned)n, had);
	return CFG_HOOK_DONE;
}

static enum cfg_hook_rc
hook_zeroize(struct cfg_apply *a)
{
	const char	*rundir = env_rundir(a);
	const char	*p = a->input;

	if (rundir != NULL && !hostkey_exists(rundir))
		return cfg_apply_error(a, "%% No Signature RSA Keys found in "
		    "configuration.\n");
	if (p == NULL) {
		cfg_apply_say(a, "%% All keys will be removed.\n"
		    "%% All router certs issued using these keys will also "
		    "be removed.\nDo you really want to remove these keys? "
		    "[yes/no]: ");
		return cfg_apply_more(a, CMD_MODE_NONE);
	}
	while (isspace((unsigned char)*p))
		p++;
	if (strncasecmp(p, "yes", strlen(p)) != 0 || *p == '\0')
		return CFG_HOOK_DONE;
	if (rundir != NULL) {
		if (hostkey_zeroize(rundir) != 0)
			return cfg_apply_error(a, "%% Could not remove the "
			    "keys\n");
		say_log(a, "DISABLED");
	}
	return CFG_HOOK_DONE;
}

/*
 * key-string: the data lines up to a lone `exit` are one key, stored as
 * its key-hash under the user.
 */
static enum cfg_hook_rc
hook_key_string(struct cfg_apply *a)
{
	struct sshkey_info	 ki;
	const char		*last, *p;
	char			*text, *line;
	int			 rc;

	if (a->input == NULL)
		return cfg_apply_more(a, MODE_SSH_PUBKEY_DATA);
	last = strrchr(a->input, '\n');
	last = last != NULL ? last + 1 : a->input;
	for (p = last; isspace((unsigned char)*p); p++)
		;
	if (strncmp(p, "exit", 4) != 0 || strspn(p + 4, " \t\r") !=
	    strlen(p + 4))
		return cfg_apply_more(a, MODE_SSH_PUBKEY_DATA);
	/* The data: every line before exit, joined as they were folded. */
	if ((text = strndup(a->input, (size_t)(last - a->input))) == NULL)
		return CFG_HOOK_ERROR;
	for (p = line = text; *p != '\0'; p++)
		if (*p != '\n' && *p != '\r')
			*line++ = *p;
	*line = '\0';
	if (strspn(text, " \t") == strlen(text)) {
		free(text);
		return CFG_HOOK_DONE;
	}
	rc = sshkey_parse(text, &ki);
	free(text);
	if (rc != 0)
		return cfg_apply_error(a, "%%SSH: Failed to decode the key "
		    "value\n");
	if (asprintf(&line, "key-hash %s %s%s%s", ki.type, ki.hash,
	    ki.comment != NULL ? " " : "", ki.comment != NULL ?
	    ki.comment : "") == -1) {
		sshkey_info_clear(&ki);
		return CFG_HOOK_ERROR;
	}
	sshkey_info_clear(&ki);
	rc = cfg_node_set(a->model, a->ctx, &cfg_vty_cmds[KEYHASH_CMD],
	    line) != NULL;
	free(line);
	return rc ? CFG_HOOK_DONE : cfg_apply_error(a, "%% Out of memory\n");
}

static enum cfg_hook_rc
hook_key_hash(struct cfg_apply *a)
{
	const char	*type = cmd_arg(a->res->args, "type");
	const char	*hash = cmd_arg(a->res->args, "hash");
	const char	*comment = cmd_arg(a->res->args, "comment");
	char		 up[SSHKEY_HASH_LEN + 1];
	size_t		 i;

	if (a->negated && hash == NULL)
		return CFG_HOOK_STORE;
	if (strlen(hash) != SSHKEY_HASH_LEN)
		return cfg_apply_error(a, "%%SSH: Invalid key hash: it is the "
		    "MD5 of the key, 32 hex digits\n");
	for (i = 0; i < SSHKEY_HASH_LEN; i++) {
		if (!isxdigit((unsigned char)hash[i]))
			return cfg_apply_error(a, "%%SSH: Invalid key hash: "
			    "it is the MD5 of the key, 32 hex digits\n");
		up[i] = (char)toupper((unsigned char)hash[i]);
	}
	up[i] = '\0';
	return cfg_apply_set_line(a, "%skey-hash %s %s%s%s", a->negated ?
	    "no " : "", type, up, comment != NULL && !a->negated ? " " : "",
	    comment != NULL && !a->negated ? comment : "") == 0 ?
	    CFG_HOOK_STORE : CFG_HOOK_ERROR;
}
