/*
 * cfgd: logins for vtyd and what it needs of the configuration.  Secrets
 * (passwords, hashes, the host key) are checked here and never leave cfgd:
 * vtyd sends what the user typed and gets a yes or a no.
 *
 * Settings are read back from the model's canonical lines through the
 * grammar (cmd_parse and named arguments), never by matching text.
 */
#include <sys/types.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfg/cfgd.h"
#include "cfg/cmd.h"
#include "cfg/hostkey.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/secret.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/xmalloc.h"

#define DEFAULT_TIMEOUT	600	/* exec-timeout 10 0 */
#define DEFAULT_LENGTH	24

/* One `line vty A B` block as vtyd needs it. */
struct vtyline {
	unsigned	 first, last;
	unsigned	 login;		/* IPC_VTY_LOGIN_* */
	unsigned	 transport;	/* IPC_VTY_TR_* */
	unsigned	 timeout;	/* seconds, 0 = never */
	unsigned	 priv;
	unsigned	 length;
	const char	*password;	/* borrowed from the model, or NULL */
};

/* Parses a canonical line in mode: 0 (clear res after) or -1. */
static int
parse(const struct cfgd *d, int mode, const char *line, struct cmd_result *res)
{
	memset(res, 0, sizeof(*res));
	if (cmd_parse(d->grammar, mode, 15, line, res) != 0)
		fatalx("%s: out of memory", __func__);
	if (res->status == CMD_OK)
		return 0;
	cmd_result_clear(res);
	return -1;
}

static unsigned
arg_uint(const struct cmd_result *res, const char *name, unsigned def)
{
	const char	*v = cmd_arg(res->args, name);

	return v != NULL ? (unsigned)strtoul(v, NULL, 10) : def;
}

static void
line_sub(const struct cfgd *d, const struct cfg_node *k, struct vtyline *l)
{
	struct cmd_result	 res;
	const char		*text = cfg_node_line(k);
	const char		*neg = strncmp(text, "no ", 3) == 0 ? text + 3 :
				    NULL;
	const struct cmd_args	*a;

	if (neg != NULL || parse(d, MODE_CONFIG_LINE, text, &res) != 0)
		return;
	a = res.args;
	if (cmd_arg_has(a, "exec-timeout"))
		l->timeout = arg_uint(&res, "min", 10) * 60 +
		    arg_uint(&res, "sec", 0);
	else if (cmd_arg_has(a, "level"))
		l->priv = arg_uint(&res, "level", 1);
	else if (cmd_arg_has(a, "login"))
		l->login = cmd_arg_has(a, "local") ? IPC_VTY_LOGIN_LOCAL :
		    IPC_VTY_LOGIN_LINE;
	else if (cmd_arg_has(a, "length"))
		l->length = arg_uint(&res, "len", DEFAULT_LENGTH);
	else if (cmd_arg_has(a, "input")) {
		l->transport = 0;
		if (cmd_arg_has(a, "all"))
			l->transport = IPC_VTY_TR_SSH | IPC_VTY_TR_TELNET;
		if (cmd_arg_has(a, "ssh") || cmd_arg_has(a, "s2"))
			l->transport |= IPC_VTY_TR_SSH;
		if (cmd_arg_has(a, "telnet") || cmd_arg_has(a, "t2"))
			l->transport |= IPC_VTY_TR_TELNET;
	} else if (cmd_arg(a, "pw") != NULL && strncmp(text, "password ",
	    9) == 0)
		l->password = text + 9;
	cmd_result_clear(&res);
}

/* The vty block of node n (a `line vty A B`); -1 for another line. */
static int
line_block(const struct cfgd *d, const struct cfg_node *n, struct vtyline *l)
{
	struct cmd_result	 res;
	const struct cfg_node	*k;

	if (strncmp(cfg_node_line(n), "line vty ", 9) != 0 ||
	    parse(d, MODE_CONFIG, cfg_node_line(n), &res) != 0)
		return -1;
	memset(l, 0, sizeof(*l));
	l->first = arg_uint(&res, "first", 0);
	l->last = arg_uint(&res, "last", l->first);
	cmd_result_clear(&res);
	l->login = IPC_VTY_LOGIN_NONE;
	l->transport = IPC_VTY_TR_SSH | IPC_VTY_TR_TELNET;
	l->timeout = DEFAULT_TIMEOUT;
	l->priv = 1;
	l->length = DEFAULT_LENGTH;
	for (k = cfg_node_first(n); k != NULL; k = cfg_node_next(k))
		line_sub(d, k, l);
	return 0;
}

/* The block that holds vty `line`; 0, or -1 when the line does not exist. */
static int
find_line(const struct cfgd *d, unsigned line, struct vtyline *l)
{
	const struct cfg_node	*n;

	for (n = cfg_node_first(cfg_model_root(d->model)); n != NULL;
	    n = cfg_node_next(n))
		if (line_block(d, n, l) == 0 && l->first <= line &&
		    line <= l->last)
			return 0;
	return -1;
}

/* The node of `username NAME ...`, parsed into res (caller clears). */
static const struct cfg_node *
find_user(const struct cfgd *d, const char *user, struct cmd_result *res)
{
	const struct cfg_node	*n;
	const char		*name;

	for (n = cfg_node_first(cfg_model_root(d->model)); n != NULL;
	    n = cfg_node_next(n)) {
		if (strncmp(cfg_node_line(n), "username ", 9) != 0 ||
		    parse(d, MODE_CONFIG, cfg_node_line(n), res) != 0)
			continue;
		if ((name = cmd_arg(res->args, "name")) != NULL &&
		    strcmp(name, user) == 0)
			return n;
		cmd_result_clear(res);
	}
	return NULL;
}

/* Cisco's type 7 "encryption" is a reversible XOR; decode it to compare. */
static int
type7_decode(const char *enc, char *out, size_t outlen)
{
	static const char	 key[] = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv"
				    "9873254k;fg87";
	size_t			 len = strlen(enc), i, n = 0;
	unsigned		 seed, byte;

	if (len < 4 || len % 2 != 0 || !isdigit((unsigned char)enc[0]) ||
	    !isdigit((unsigned char)enc[1]))
		return -1;
	seed = (unsigned)(enc[0] - '0') * 10 + (unsigned)(enc[1] - '0');
	if (seed > 15)
		return -1;
	for (i = 2; i + 1 < len && n + 1 < outlen; i += 2) {
		if (sscanf(enc + i, "%2x", &byte) != 1)
			return -1;
		out[n++] = (char)(byte ^ (unsigned char)key[(seed++) %
		    (sizeof(key) - 1)]);
	}
	out[n] = '\0';
	return 0;
}

static int
same_secret(const char *a, const char *b)
{
	size_t		 la = strlen(a), lb = strlen(b), i;
	unsigned char	 diff = la != lb;

	for (i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

/* Checks pw against a `username` line; *priv gets its privilege. */
static int
user_password_ok(const struct cmd_result *res, const char *pw, unsigned *priv)
{
	const char	*v;
	char		 plain[128];
	int		 ok = 0;

	*priv = arg_uint(res, "priv", 1);
	if ((v = cmd_arg(res->args, "hash")) != NULL)
		ok = cfg_secret_check(pw, v);
	else if ((v = cmd_arg(res->args, "pw7")) != NULL) {
		ok = type7_decode(v, plain, sizeof(plain)) == 0 &&
		    same_secret(pw, plain);
		explicit_bzero(plain, sizeof(plain));
	} else if ((v = cmd_arg(res->args, "pw")) != NULL)
		ok = same_secret(pw, v);
	else if (cmd_arg_has(res->args, "nopassword"))
		ok = 1;
	return ok;
}

static void
reply_priv(struct ipc_peer *p, const struct ipc_msg *req, unsigned priv)
{
	struct ipc_msg	*m = ipc_msg_result(ipc_msg_reqid(req), IPC_S_OK,
			    NULL);

	if (m == NULL || ipc_msg_add_u32(m, IPC_T_VTY_PRIV, priv) != 0)
		fatalx("%s: out of memory", __func__);
	cfgd_reply(p, m);
}

static void
handle_auth_password(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	struct cmd_result	 res;
	struct vtyline		 l;
	const char		*user = NULL, *pw = NULL;
	uint32_t		 line = 0;
	unsigned		 priv;
	int			 ok;

	if (ipc_msg_get_str(req, IPC_T_USER, &user) != 0 ||
	    ipc_msg_get_str(req, IPC_T_SECRET, &pw) != 0 ||
	    ipc_msg_get_u32(req, IPC_T_VTY_LINE, &line) != 0) {
		cfgd_reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	if (find_line(d, line, &l) != 0) {
		cfgd_reply_result(p, req, IPC_S_DENIED, NULL);
		return;
	}
	switch (l.login) {
	case IPC_VTY_LOGIN_NONE:
		reply_priv(p, req, l.priv);
		return;
	case IPC_VTY_LOGIN_LINE:
		if (l.password == NULL) {
			cfgd_reply_result(p, req, IPC_S_ERROR,
			    "Password required, but none set\n");
			return;
		}
		if (same_secret(pw, l.password))
			reply_priv(p, req, l.priv);
		else
			cfgd_reply_result(p, req, IPC_S_DENIED, NULL);
		return;
	default:
		break;
	}
	ok = 0;
	if (find_user(d, user, &res) != NULL) {
		ok = user_password_ok(&res, pw, &priv);
		if (cmd_arg(res.args, "priv") == NULL)
			priv = l.priv;
		cmd_result_clear(&res);
	}
	if (ok)
		reply_priv(p, req, priv);
	else
		cfgd_reply_result(p, req, IPC_S_DENIED, NULL);
}

/* Whether `ip ssh pubkey-chain` / `username user` holds key-hash TYPE HASH. */
static int
pubkey_known(const struct cfgd *d, const char *user, const char *type,
    const char *hash)
{
	const struct cfg_node	*n, *u, *k;
	struct cmd_result	 res;
	const char		*t, *h, *name;
	int			 found = 0;

	for (n = cfg_node_first(cfg_model_root(d->model)); n != NULL;
	    n = cfg_node_next(n)) {
		if (strcmp(cfg_node_line(n), "ip ssh pubkey-chain") != 0)
			continue;
		for (u = cfg_node_first(n); u != NULL && !found;
		    u = cfg_node_next(u)) {
			if (parse(d, MODE_SSH_PUBKEY, cfg_node_line(u),
			    &res) != 0)
				continue;
			name = cmd_arg(res.args, "name");
			if (name == NULL || strcmp(name, user) != 0) {
				cmd_result_clear(&res);
				continue;
			}
			cmd_result_clear(&res);
			for (k = cfg_node_first(u); k != NULL && !found;
			    k = cfg_node_next(k)) {
				if (parse(d, MODE_SSH_PUBKEY_USER,
				    cfg_node_line(k), &res) != 0)
					continue;
				t = cmd_arg(res.args, "type");
				h = cmd_arg(res.args, "hash");
				found = t != NULL && h != NULL &&
				    strcmp(t, type) == 0 &&
				    strcasecmp(h, hash) == 0;
				cmd_result_clear(&res);
			}
		}
	}
	return found;
}

static void
handle_auth_pubkey(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	struct cmd_result	 res;
	struct vtyline		 l;
	const char		*user = NULL, *key = NULL;
	char			 type[64], hash[64];
	uint32_t		 line = 0;
	unsigned		 priv;

	if (ipc_msg_get_str(req, IPC_T_USER, &user) != 0 ||
	    ipc_msg_get_str(req, IPC_T_VALUE, &key) != 0 ||
	    ipc_msg_get_u32(req, IPC_T_VTY_LINE, &line) != 0 ||
	    sscanf(key, "%63s %63s", type, hash) != 2) {
		cfgd_reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	if (find_line(d, line, &l) != 0 || !pubkey_known(d, user, type,
	    hash)) {
		cfgd_reply_result(p, req, IPC_S_DENIED, NULL);
		return;
	}
	priv = l.priv;
	if (find_user(d, user, &res) != NULL) {
		if (cmd_arg(res.args, "priv") != NULL)
			priv = arg_uint(&res, "priv", 1);
		cmd_result_clear(&res);
	}
	reply_priv(p, req, priv);
}

static void
handle_vty_lines(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	const struct cfg_node	*n;
	struct vtyline		 l;
	struct ipc_msg		*m;

	for (n = cfg_node_first(cfg_model_root(d->model)); n != NULL;
	    n = cfg_node_next(n)) {
		if (line_block(d, n, &l) != 0)
			continue;
		m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req));
		if (m == NULL ||
		    ipc_msg_add_u32(m, IPC_T_VTY_FIRST, l.first) ||
		    ipc_msg_add_u32(m, IPC_T_VTY_LAST, l.last) ||
		    ipc_msg_add_u32(m, IPC_T_VTY_LOGIN, l.login) ||
		    ipc_msg_add_u32(m, IPC_T_VTY_TRANSPORT, l.transport) ||
		    ipc_msg_add_u32(m, IPC_T_VTY_TIMEOUT, l.timeout) ||
		    ipc_msg_add_u32(m, IPC_T_VTY_PRIV, l.priv) ||
		    ipc_msg_add_u32(m, IPC_T_VTY_LENGTH, l.length) ||
		    ipc_msg_add_u32(m, IPC_T_VTY_HASPW, l.password != NULL))
			fatalx("%s: out of memory", __func__);
		cfgd_reply(p, m);
	}
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

static void
add_value(struct ipc_msg *m, const char *key, const char *v)
{
	char	*kv;

	xasprintf(&kv, "%s=%s", key, v);
	if (ipc_msg_add_str(m, IPC_T_VALUE, kv) != 0)
		fatalx("%s: out of memory", __func__);
	free(kv);
}

static void
handle_ssh_info(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	const struct cfg_node	*n;
	struct cmd_result	 res;
	struct hostkey_info	 hi;
	struct ipc_msg		*m;
	char			 num[16], methods[64];
	const char		*version = "1.99";
	unsigned		 timeout = 120, retries = 3;
	int			 pk = 1, kbd = 1, pw = 1, neg;

	for (n = cfg_node_first(cfg_model_root(d->model)); n != NULL;
	    n = cfg_node_next(n)) {
		if (strncmp(cfg_node_line(n), "ip ssh ", 7) != 0 &&
		    strncmp(cfg_node_line(n), "no ip ssh ", 10) != 0)
			continue;
		if (parse(d, MODE_CONFIG, cfg_node_line(n), &res) != 0)
			continue;
		neg = res.negated;
		if (cmd_arg_has(res.args, "version") && cmd_arg_has(res.args,
		    "2"))
			version = "2.0";
		else if (cmd_arg_has(res.args, "time-out"))
			timeout = arg_uint(&res, "sec", 120);
		else if (cmd_arg_has(res.args, "authentication-retries"))
			retries = arg_uint(&res, "n", 3);
		else if (neg && cmd_arg_has(res.args, "publickey"))
			pk = 0;
		else if (neg && cmd_arg_has(res.args, "keyboard"))
			kbd = 0;
		else if (neg && cmd_arg_has(res.args, "password"))
			pw = 0;
		cmd_result_clear(&res);
	}
	m = ipc_msg_result(ipc_msg_reqid(req), IPC_S_OK, NULL);
	if (m == NULL)
		fatalx("%s: out of memory", __func__);
	if (hostkey_load(d->rundir, &hi) == 0) {
		add_value(m, "enabled", "1");
		add_value(m, "pubkey", hi.pub);
		add_value(m, "keyname", hi.label);
		snprintf(num, sizeof(num), "%u", hi.bits);
		add_value(m, "bits", num);
		hostkey_info_clear(&hi);
	} else
		add_value(m, "enabled", "0");
	add_value(m, "version", version);
	snprintf(num, sizeof(num), "%u", timeout);
	add_value(m, "timeout", num);
	snprintf(num, sizeof(num), "%u", retries);
	add_value(m, "retries", num);
	snprintf(methods, sizeof(methods), "%s%s%s", pk ? "publickey," : "",
	    kbd ? "keyboard-interactive," : "", pw ? "password," : "");
	if (*methods != '\0')
		methods[strlen(methods) - 1] = '\0';
	add_value(m, "methods", methods);
	cfgd_reply(p, m);
}

const struct cfgd_handler cfgd_auth_handlers[] = {
	{ IPC_AUTH_PASSWORD, handle_auth_password },
	{ IPC_AUTH_PUBKEY, handle_auth_pubkey },
	{ IPC_VTY_LINES, handle_vty_lines },
	{ IPC_SSH_INFO, handle_ssh_info },
	{ 0, NULL },
};
