/*
 * cfgd: replies, settings the system asks about, enable and log lines.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg/cfgcmd.h"
#include "cfg/cfgd.h"
#include "cfg/cfgtab.h"
#include "cfg/cmd.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/render.h"
#include "cfg/secret.h"
#include "cfg/session.h"
#include "cfg/sysset.h"
#include "platform/atomicfile.h"
#include "platform/ioslog.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/rundir.h"
#include "platform/xmalloc.h"

void
cfgd_reply(struct ipc_peer *p, struct ipc_msg *m)
{
	if (m == NULL)
		fatalx("%s: out of memory", __func__);
	if (ipc_peer_send(p, m) != 0)
		log_warnx("reply to %s failed", ipc_peer_name(p));
	ipc_msg_free(m);
}

void
cfgd_reply_result(struct ipc_peer *p, const struct ipc_msg *req, uint32_t status,
    const char *text)
{
	cfgd_reply(p, ipc_msg_result(ipc_msg_reqid(req), status, text));
}

/* Sends text as a stream of DATA messages then END. */
void
cfgd_reply_text(struct ipc_peer *p, const struct ipc_msg *req, const char *text,
    size_t len)
{
	struct ipc_msg	*m;
	size_t		 off, n;

	for (off = 0; off < len; off += n) {
		n = len - off > DATA_CHUNK ? DATA_CHUNK : len - off;
		m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req));
		if (m == NULL || ipc_msg_add_strn(m, IPC_T_TEXT, text + off, n)
		    != 0)
			fatalx("%s: out of memory", __func__);
		cfgd_reply(p, m);
	}
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

const char *
cfgd_hostname(const struct cfgd *d)
{
	struct cmd_result	 res;
	const struct cfg_node	*n = NULL;

	/* Found by identity (O(1)): cfgd asks for it after every line. */
	memset(&res, 0, sizeof(res));
	if (cmd_parse(d->grammar, MODE_CONFIG, 15, "hostname Router", &res) ==
	    0 && res.status == CMD_OK)
		n = cfg_node_find(cfg_model_root(d->model),
		    (const struct cfg_cmd *)res.def, "hostname");
	cmd_result_clear(&res);
	return n != NULL ? cfg_node_line(n) + strlen("hostname ") : "Router";
}
/*
 * The system settings of the configuration (cfg/sysset.c): every top-level
 * line of the model read through the grammar; user names whose privilege
 * to find, or NULL.  Clear s after.
 */
static void
settings_read(const struct cfgd *d, struct sys_settings *s, const char *user)
{
	const struct cfg_node	*k;

	sys_settings_init(s, user);
	for (k = cfg_node_first(cfg_model_root(d->model)); k != NULL;
	    k = cfg_node_next(k))
		if (sys_settings_line(s, d->grammar, cfg_node_line(k)) != 0)
			fatalx("%s: out of memory", __func__);
}

static void
add_kv(struct ipc_msg *m, const char *key, const char *value)
{
	char	*kv;

	xasprintf(&kv, "%s=%s", key, value);
	ipc_msg_add_str(m, IPC_T_VALUE, kv);
	free(kv);
}

static void
handle_sys_info(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct ipc_msg		*m;
	struct sys_settings	 si;
	char			 num[32];

	m = ipc_msg_result(ipc_msg_reqid(req), IPC_S_OK, NULL);
	if (m == NULL)
		fatalx("%s: out of memory", __func__);
	settings_read(d, &si, NULL);
	ipc_msg_add_str(m, IPC_T_HOSTNAME, cfgd_hostname(d));
	ipc_msg_add_u64(m, IPC_T_UPTIME, (uint64_t)(time(NULL) - d->started));
	ipc_msg_add_u32(m, IPC_T_CHANGED, (uint32_t)d->dirty);
	if (d->boot_license != NULL)
		add_kv(m, "license", d->boot_license);
	add_kv(m, "domain-lookup", si.no_lookup ? "0" : "1");
	if (si.license_next != NULL)
		add_kv(m, "license-next", si.license_next);
	if (si.motd != NULL)
		add_kv(m, "motd", si.motd);
	if (si.timestamps != NULL)
		add_kv(m, "timestamps-log", si.timestamps);
	snprintf(num, sizeof(num), "%zu", si.gig);
	add_kv(m, "gig", num);
	if (si.enable_set)
		ipc_msg_add_str(m, IPC_T_VALUE, "enable=set");
	sys_settings_clear(&si);
	cfgd_reply(p, m);
}

static void
handle_check_enable(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	struct sys_settings	 set;
	const char		*secret = NULL;
	int			 ok;

	if (ipc_msg_get_str(req, IPC_T_SECRET, &secret) != 0) {
		cfgd_reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	settings_read(d, &set, NULL);
	/* The secret wins over the password, as on IOS. */
	if (set.enable_hash != NULL)
		ok = cfg_secret_check(secret, set.enable_hash);
	else if (set.enable_password != NULL)
		ok = strcmp(secret, set.enable_password) == 0;
	else {
		sys_settings_clear(&set);
		cfgd_reply_result(p, req, IPC_S_ERROR, "% No password set\n");
		return;
	}
	sys_settings_clear(&set);
	cfgd_reply_result(p, req, ok ? IPC_S_OK : IPC_S_DENIED, NULL);
}

static void
handle_config_done(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	const char	*user = NULL, *tty = NULL;

	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	(void)ipc_msg_get_str(req, IPC_T_TTY, &tty);
	ios_log(IOS_NOTICE, "SYS", "CONFIG_I", "Configured from console by "
	    "%s%s%s", user != NULL ? user : "console", tty != NULL ? " on " :
	    "", tty != NULL ? tty : "");
	/* The line as the console shows it, for a session that prints it
	 * itself (a transcript has no event connection). */
	cfgd_reply_result(p, req, IPC_S_OK,
	    cfgd_logging_console_line(d->logging));
}

/*
 * The line a session runs on: "vty3 (192.0.2.1)" -> vty, 3.  Returns 0,
 * or -1 for the console or anything else.
 */
static int
vty_number(const char *tty, unsigned long *n)
{
	char	*end;

	if (tty == NULL || strncmp(tty, "vty", 3) != 0)
		return -1;
	*n = strtoul(tty + 3, &end, 10);
	return end == tty + 3 ? -1 : 0;
}

/* The first `line vty A [B]` block that holds line n, or NULL. */
static const struct cfg_node *
vty_block(const struct cfgd *d, unsigned long n)
{
	const struct cfg_node	*k;

	for (k = cfg_node_first(cfg_model_root(d->model)); k != NULL;
	    k = cfg_node_next(k))
		if (sys_vty_holds(d->grammar, cfg_node_line(k), n))
			return k;
	return NULL;
}

/*
 * IPC_CFG_SESSION: what a vty session starts with.  The privilege is the
 * user's (`username U privilege N`), else the line's (`privilege level
 * N`), else 1; the length is the line's `length N` when set.
 */
static void
handle_session(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	const struct cfg_node	*k, *line = NULL;
	const char		*user = NULL, *tty = NULL;
	struct sys_settings	 set;
	struct ipc_msg		*m;
	unsigned long		 n;
	char			 kv[32];
	int			 priv, length;

	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	(void)ipc_msg_get_str(req, IPC_T_TTY, &tty);
	if (vty_number(tty, &n) == 0)
		line = vty_block(d, n);
	if (user != NULL)
		settings_read(d, &set, user);
	else
		sys_settings_init(&set, NULL);
	for (k = line != NULL ? cfg_node_first(line) : NULL; k != NULL;
	    k = cfg_node_next(k))
		if (sys_settings_vty_line(&set, d->grammar, cfg_node_line(k))
		    != 0)
			fatalx("%s: out of memory", __func__);
	priv = set.user_priv >= 0 ? set.user_priv : set.line_priv;
	length = set.line_length;
	sys_settings_clear(&set);
	m = ipc_msg_result(ipc_msg_reqid(req), IPC_S_OK, NULL);
	if (m == NULL)
		fatalx("%s: out of memory", __func__);
	snprintf(kv, sizeof(kv), "priv=%d", priv >= 0 ? priv : 1);
	ipc_msg_add_str(m, IPC_T_VALUE, kv);
	if (length >= 0) {
		snprintf(kv, sizeof(kv), "length=%d", length);
		ipc_msg_add_str(m, IPC_T_VALUE, kv);
	}
	cfgd_reply(p, m);
}

const struct cfgd_handler cfgd_sys_handlers[] = {
	{ IPC_CFG_SESSION, handle_session },
	{ IPC_SYS_INFO, handle_sys_info },
	{ IPC_CFG_CHECK_ENABLE, handle_check_enable },
	{ IPC_CFG_CONFIG_DONE, handle_config_done },
	{ 0, NULL },
};
