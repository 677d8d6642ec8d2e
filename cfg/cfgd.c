/*
 * cfgd: the one owner of the router's configuration.  It holds the model,
 * runs every configuration line through the grammar (sessions from the
 * shells, startup-config at start, configure replace), renders
 * running-config, saves startup-config atomically and tells the other
 * daemons when the configuration changes.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <event2/event.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg/cfgtab.h"
#include "cfg/cmd.h"
#include "cfg/env.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/render.h"
#include "cfg/secret.h"
#include "cfg/session.h"
#include "platform/atomicfile.h"
#include "platform/daemon.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/rundir.h"
#include "platform/xmalloc.h"

#define STARTUP_MAX	(256u * 1024 * 1024)
#define DATA_CHUNK	(256u * 1024)

struct cfgd {
	struct event_base	*base;
	struct daemon_signals	*signals;
	struct ipc_server	*server;
	const char		*rundir;
	char			 startup_path[4096];
	char			 sock_path[4096];
	struct cmd_grammar	*grammar;
	struct cfg_model	*model;
	time_t			 started;
	time_t			 changed;
	char			*changed_by;
	time_t			 saved;
	char			*saved_by;
	int			 dirty;		/* running differs from startup */
	struct cfg_env		 env;		/* what hooks may reach */
	struct ipc_peer		**subs;		/* peers that want events */
	size_t			 nsubs;
};

static void
set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = src != NULL ? xstrdup(src) : NULL;
}

/*
 * Runs a whole configuration text through a fresh session on model m.
 * Bad lines are logged with their line numbers (when log_errors) and
 * counted; the rest still loads.  Returns the number of bad lines.
 */
static size_t
load_text(struct cfgd *d, struct cfg_model *m, const char *text,
    const char *what, int log_errors, char **report)
{
	struct cfg_session	*s;
	struct cfg_line_result	 r;
	const char		*p = text, *nl;
	char			*line, *msg;
	size_t			 lineno = 0, bad = 0, len;

	if ((s = cfg_session_new(d->grammar, m, &d->env)) == NULL)
		fatalx("%s: out of memory", __func__);
	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		line = xstrndup(p, len);
		lineno++;
		p = nl != NULL ? nl + 1 : p + strlen(p);
		switch (cfg_session_run(s, line, &r)) {
		case CFG_LINE_OK:
			break;
		case CFG_LINE_END:
			/* Anything after "end" is not configuration. */
			cfg_line_result_clear(&r);
			free(line);
			goto done;
		case CFG_LINE_NOMEM:
			fatalx("%s: out of memory at %s line %zu", __func__,
			    what, lineno);
		default:
			bad++;
			xasprintf(&msg, "%s line %zu: %s: %s", what, lineno,
			    r.status == CFG_LINE_AMBIGUOUS ?
			    "% Ambiguous command" :
			    r.status == CFG_LINE_INCOMPLETE ?
			    "% Incomplete command." :
			    r.status == CFG_LINE_INVALID ?
			    "% Invalid input detected" :
			    r.status == CFG_LINE_DO ? "% exec command ignored" :
			    r.out != NULL ? r.out : "% error", line);
			if (msg[strlen(msg) - 1] == '\n')
				msg[strlen(msg) - 1] = '\0';
			if (log_errors)
				log_warnx("%s", msg);
			if (report != NULL) {
				char	*joined;

				xasprintf(&joined, "%s%s\n", *report != NULL ?
				    *report : "", msg);
				free(*report);
				*report = joined;
			}
			free(msg);
			break;
		}
		cfg_line_result_clear(&r);
		free(line);
	}
done:
	cfg_session_free(s);
	return bad;
}

/* Loads startup-config, or the factory configuration when there is none. */
static struct cfg_model *
load_startup(struct cfgd *d)
{
	struct cfg_model	*m;
	char			*text = NULL;
	size_t			 len, bad;
	int			 rc;

	if ((m = cfg_model_new()) == NULL)
		fatalx("%s: out of memory", __func__);
	rc = atomicfile_read(d->startup_path, &text, &len, STARTUP_MAX);
	if (rc == -ENOENT) {
		log_info("no %s: factory configuration", d->startup_path);
		load_text(d, m, cfg_factory_config(), "factory-config", 1,
		    NULL);
		return m;
	}
	if (rc != 0) {
		log_warnx("%s: %s; factory configuration", d->startup_path,
		    strerror(-rc));
		load_text(d, m, cfg_factory_config(), "factory-config", 1,
		    NULL);
		return m;
	}
	bad = load_text(d, m, text, "startup-config", 1, NULL);
	log_info("startup-config loaded: %zu settings, %zu bad lines",
	    cfg_model_size(m), bad);
	free(text);
	return m;
}

static void
changed(struct cfgd *d, const char *user)
{
	struct ipc_msg	*ev;
	size_t		 i;

	d->changed = time(NULL);
	set_str(&d->changed_by, user);
	d->dirty = 1;
	if (d->nsubs == 0 || (ev = ipc_msg_new(IPC_EV_CONFIG_CHANGED, 0)) ==
	    NULL)
		return;
	for (i = 0; i < d->nsubs; i++)
		ipc_peer_send(d->subs[i], ev);
	ipc_msg_free(ev);
}

static void
reply(struct ipc_peer *p, struct ipc_msg *m)
{
	if (m == NULL)
		fatalx("%s: out of memory", __func__);
	if (ipc_peer_send(p, m) != 0)
		log_warnx("reply to %s failed", ipc_peer_name(p));
	ipc_msg_free(m);
}

static void
reply_result(struct ipc_peer *p, const struct ipc_msg *req, uint32_t status,
    const char *text)
{
	reply(p, ipc_msg_result(ipc_msg_reqid(req), status, text));
}

/* Sends text as a stream of DATA messages then END. */
static void
reply_text(struct ipc_peer *p, const struct ipc_msg *req, const char *text,
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
		reply(p, m);
	}
	reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

static const char *
prompt_mode(const struct cfg_session *s)
{
	if (cfg_session_collecting(s))
		return "";
	return cfg_modes[cfg_session_mode(s)].name;
}

static const char *
hostname(const struct cfgd *d)
{
	const struct cfg_node	*k;
	const char		*line;

	for (k = cfg_node_first(cfg_model_root(d->model)); k != NULL;
	    k = cfg_node_next(k)) {
		line = cfg_node_line(k);
		if (strncmp(line, "hostname ", 9) == 0)
			return line + 9;
	}
	return "Router";
}

/*
 * IPC_CFG_LINES: runs lines from a shell at its path.  Stops after a line
 * that leaves configuration mode or asks for an exec command (the shell
 * runs what follows).  Per line run the reply carries LINESTATUS, COLUMN,
 * OUTPUT, MODE and HOSTNAME (for the prompt after it); then PATH*.
 */
static void
handle_lines(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct cfg_session	*s;
	struct cfg_line_result	 r;
	struct ipc_msg		*m;
	const char		*path[32], *line, *user = NULL;
	const char *const	*now;
	size_t			 npath = 0, it = 0, i, n;
	int			 rc, touched = 0;

	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	while (npath < 32 && (rc = ipc_msg_next_str(req, IPC_T_PATH, &it,
	    &path[npath])) == 1)
		npath++;
	if ((s = cfg_session_new(d->grammar, d->model, &d->env)) == NULL)
		fatalx("%s: out of memory", __func__);
	m = ipc_msg_new(IPC_RESULT, ipc_msg_reqid(req));
	if (m == NULL)
		fatalx("%s: out of memory", __func__);
	ipc_msg_add_u32(m, IPC_T_STATUS, IPC_S_OK);
	if (cfg_session_set_path(s, path, npath) != 0)
		ipc_msg_add_u32(m, IPC_T_FLAG, 1);	/* path was lost */
	it = 0;
	while ((rc = ipc_msg_next_str(req, IPC_T_LINE, &it, &line)) == 1) {
		cfg_session_run(s, line, &r);
		if (r.status == CFG_LINE_NOMEM)
			fatalx("%s: out of memory", __func__);
		if (r.status == CFG_LINE_OK)
			touched = 1;
		ipc_msg_add_u32(m, IPC_T_LINESTATUS, r.status);
		ipc_msg_add_u32(m, IPC_T_COLUMN, (uint32_t)r.col);
		ipc_msg_add_str(m, IPC_T_OUTPUT, r.out != NULL ? r.out : "");
		ipc_msg_add_str(m, IPC_T_MODE, r.status == CFG_LINE_END ?
		    "" : prompt_mode(s));
		ipc_msg_add_str(m, IPC_T_HOSTNAME, hostname(d));
		ipc_msg_add_str(m, IPC_T_VALUE, r.do_line != NULL ?
		    r.do_line : "");
		if (r.status == CFG_LINE_END || r.status == CFG_LINE_DO) {
			cfg_line_result_clear(&r);
			break;
		}
		cfg_line_result_clear(&r);
	}
	now = cfg_session_path(s, &n);
	for (i = 0; i < n; i++)
		ipc_msg_add_str(m, IPC_T_PATH, now[i]);
	cfg_session_free(s);
	if (touched)
		changed(d, user);
	reply(p, m);
}

static char *
render_running(struct cfgd *d, const char *section, size_t *len)
{
	struct cfg_render_info	 ri = { d->changed, d->changed_by, d->saved,
				    d->saved_by };

	if (section != NULL && *section != '\0')
		return cfg_render_block(d->model, &ri, section, len);
	return cfg_render(d->model, &ri, len);
}

static void
handle_show_running(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	const char	*section = NULL;
	char		*text;
	size_t		 len = 0;

	(void)ipc_msg_get_str(req, IPC_T_SECTION, &section);
	text = render_running(d, section, &len);
	if (text == NULL && section == NULL)
		fatalx("%s: out of memory", __func__);
	reply_text(p, req, text != NULL ? text : "", len);
	free(text);
}

/*
 * IPC_CFG_GET_SECTION: the canonical text of every top-level block whose
 * line starts with one of the T_SECTION prefixes, for daemons that build
 * their own state from it (lispd: "router lisp"; vtyd: "username", "line").
 */
static void
handle_get_section(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	const char	*prefix;
	char		*text;
	size_t		 it = 0, len;
	struct ipc_msg	*m;

	while (ipc_msg_next_str(req, IPC_T_SECTION, &it, &prefix) == 1) {
		if ((text = cfg_render_prefix(d->model, prefix, &len)) == NULL)
			fatalx("%s: out of memory", __func__);
		m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req));
		if (m == NULL || ipc_msg_add_str(m, IPC_T_SECTION, prefix) ||
		    ipc_msg_add_str(m, IPC_T_TEXT, text))
			fatalx("%s: out of memory", __func__);
		reply(p, m);
		free(text);
	}
	reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

static void
handle_show_startup(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	char	*text = NULL;
	size_t	 len = 0;
	int	 rc;

	rc = atomicfile_read(d->startup_path, &text, &len, STARTUP_MAX);
	if (rc == -ENOENT) {
		reply_result(p, req, IPC_S_ERROR, "startup-config is not "
		    "present\n");
		return;
	}
	if (rc != 0) {
		reply_result(p, req, IPC_S_ERROR, "%Error opening "
		    "nvram:/startup-config (I/O error)\n");
		return;
	}
	reply_text(p, req, text, len);
	free(text);
}

static const char *
setting(const struct cfgd *d, const char *prefix)
{
	const struct cfg_node	*k;
	size_t			 n = strlen(prefix);

	for (k = cfg_node_first(cfg_model_root(d->model)); k != NULL;
	    k = cfg_node_next(k))
		if (strncmp(cfg_node_line(k), prefix, n) == 0)
			return cfg_node_line(k) + n;
	return NULL;
}

static size_t
count_gig(const struct cfgd *d)
{
	const struct cfg_node	*k;
	size_t			 n = 0;

	for (k = cfg_node_first(cfg_model_root(d->model)); k != NULL;
	    k = cfg_node_next(k))
		if (strncmp(cfg_node_line(k), "interface GigabitEthernet",
		    25) == 0)
			n++;
	return n;
}

static void
handle_sys_info(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct ipc_msg	*m;
	const char	*v;
	char		*kv;

	m = ipc_msg_result(ipc_msg_reqid(req), IPC_S_OK, NULL);
	if (m == NULL)
		fatalx("%s: out of memory", __func__);
	ipc_msg_add_str(m, IPC_T_HOSTNAME, hostname(d));
	ipc_msg_add_u64(m, IPC_T_UPTIME, (uint64_t)(time(NULL) - d->started));
	ipc_msg_add_u32(m, IPC_T_CHANGED, (uint32_t)d->dirty);
	if ((v = setting(d, "license boot level ")) != NULL) {
		xasprintf(&kv, "license=%s", v);
		ipc_msg_add_str(m, IPC_T_VALUE, kv);
		free(kv);
	}
	if ((v = setting(d, "banner motd ")) != NULL) {
		xasprintf(&kv, "motd=%s", v);
		ipc_msg_add_str(m, IPC_T_VALUE, kv);
		free(kv);
	}
	if ((v = setting(d, "service timestamps log ")) != NULL) {
		xasprintf(&kv, "timestamps-log=%s", v);
		ipc_msg_add_str(m, IPC_T_VALUE, kv);
		free(kv);
	}
	xasprintf(&kv, "gig=%zu", count_gig(d));
	ipc_msg_add_str(m, IPC_T_VALUE, kv);
	free(kv);
	if (setting(d, "enable secret ") != NULL ||
	    setting(d, "enable password ") != NULL)
		ipc_msg_add_str(m, IPC_T_VALUE, "enable=set");
	reply(p, m);
}

static void
handle_write(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	const char	*user = NULL;
	char		*text;
	size_t		 len;
	time_t		 saved = d->saved;
	int		 rc;

	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	d->saved = time(NULL);
	if ((text = render_running(d, NULL, &len)) == NULL)
		fatalx("%s: out of memory", __func__);
	rc = atomicfile_write(d->startup_path, text, len, 0600);
	free(text);
	if (rc != 0) {
		d->saved = saved;
		log_warnx("write %s: %s", d->startup_path, strerror(-rc));
		reply_result(p, req, IPC_S_ERROR, "%Error writing "
		    "nvram:startup-config\n");
		return;
	}
	set_str(&d->saved_by, user);
	d->dirty = 0;
	reply_result(p, req, IPC_S_OK, NULL);
}

static void
handle_erase(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	if (unlink(d->startup_path) == -1 && errno != ENOENT) {
		log_warn("unlink %s", d->startup_path);
		reply_result(p, req, IPC_S_ERROR, "%Error erasing nvram:\n");
		return;
	}
	d->dirty = 1;
	reply_result(p, req, IPC_S_OK, NULL);
}

/*
 * configure replace: the file is parsed into a new model; only if every
 * line of it is good does it replace the running configuration.
 */
static void
handle_replace(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct cfg_model	*m;
	const char		*file = NULL, *user = NULL;
	char			*text = NULL, *report = NULL, *msg;
	size_t			 len, bad;
	int			 rc;

	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	if (ipc_msg_get_str(req, IPC_T_FILE, &file) != 0) {
		reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	rc = atomicfile_read(file, &text, &len, STARTUP_MAX);
	if (rc != 0) {
		xasprintf(&msg, "%%Error opening %s (%s)\n", file,
		    strerror(-rc));
		reply_result(p, req, IPC_S_ERROR, msg);
		free(msg);
		return;
	}
	if ((m = cfg_model_new()) == NULL)
		fatalx("%s: out of memory", __func__);
	bad = load_text(d, m, text, file, 0, &report);
	free(text);
	if (bad > 0) {
		cfg_model_free(m);
		xasprintf(&msg, "%s%% The configuration was not replaced: "
		    "%zu line%s of %s failed.\nRollback Done\n", report, bad,
		    bad == 1 ? "" : "s", file);
		free(report);
		reply_result(p, req, IPC_S_ERROR, msg);
		free(msg);
		return;
	}
	cfg_model_free(d->model);
	d->model = m;
	changed(d, user);
	reply_result(p, req, IPC_S_OK, NULL);
}

static pid_t
supervisor_pid(const struct cfgd *d)
{
	char	 path[4096], *text = NULL;
	size_t	 len;
	long	 pid;

	if (rundir_path(path, sizeof(path), d->rundir,
	    RUNDIR_SUPERVISOR_PID) != 0 ||
	    atomicfile_read(path, &text, &len, 64) != 0)
		return -1;
	pid = strtol(text, NULL, 10);
	free(text);
	if (pid <= 1 || kill((pid_t)pid, 0) == -1)
		return -1;
	return (pid_t)pid;
}

/* reload: the router comes back from startup-config.  Under routerctl
 * every daemon restarts; alone, cfgd reloads its model. */
static void
handle_reload(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	pid_t	 sup = supervisor_pid(d);

	reply_result(p, req, IPC_S_OK, NULL);
	if (sup > 0) {
		log_info("reload requested: restarting the router's daemons");
		kill(sup, SIGHUP);
		return;
	}
	log_info("reload requested: reloading startup-config");
	cfg_model_free(d->model);
	d->model = load_startup(d);
	d->dirty = 0;
	changed(d, NULL);
	d->dirty = 0;
}

static void
handle_check_enable(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	const char	*secret = NULL, *hash, *pw;
	int		 ok;

	if (ipc_msg_get_str(req, IPC_T_SECRET, &secret) != 0) {
		reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	if ((hash = setting(d, "enable secret 5 ")) != NULL)
		ok = cfg_secret_check(secret, hash);
	else if ((pw = setting(d, "enable password ")) != NULL)
		ok = strcmp(secret, pw) == 0;
	else {
		reply_result(p, req, IPC_S_ERROR, "% No password set\n");
		return;
	}
	reply_result(p, req, ok ? IPC_S_OK : IPC_S_DENIED, NULL);
}

static void
handle_config_done(struct cfgd *d, struct ipc_peer *p,
    const struct ipc_msg *req)
{
	const char	*user = NULL, *tty = NULL;

	(void)d;
	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	(void)ipc_msg_get_str(req, IPC_T_TTY, &tty);
	log_info("%%SYS-5-CONFIG_I: Configured from console by %s%s%s",
	    user != NULL ? user : "console", tty != NULL ? " on " : "",
	    tty != NULL ? tty : "");
	reply_result(p, req, IPC_S_OK, NULL);
}

static void
on_msg(struct ipc_peer *p, const struct ipc_msg *req, void *arg)
{
	struct cfgd	*d = arg;

	switch (ipc_msg_type(req)) {
	case IPC_SUBSCRIBE:
		d->subs = xreallocarray(d->subs, d->nsubs + 1,
		    sizeof(*d->subs));
		d->subs[d->nsubs++] = p;
		reply_result(p, req, IPC_S_OK, NULL);
		break;
	case IPC_CFG_LINES:
		handle_lines(d, p, req);
		break;
	case IPC_SHOW_RUNNING:
		handle_show_running(d, p, req);
		break;
	case IPC_SHOW_STARTUP:
		handle_show_startup(d, p, req);
		break;
	case IPC_SYS_INFO:
		handle_sys_info(d, p, req);
		break;
	case IPC_CFG_WRITE:
		handle_write(d, p, req);
		break;
	case IPC_CFG_ERASE:
		handle_erase(d, p, req);
		break;
	case IPC_CFG_REPLACE:
		handle_replace(d, p, req);
		break;
	case IPC_CFG_RELOAD:
		handle_reload(d, p, req);
		break;
	case IPC_CFG_CHECK_ENABLE:
		handle_check_enable(d, p, req);
		break;
	case IPC_CFG_CONFIG_DONE:
		handle_config_done(d, p, req);
		break;
	case IPC_CFG_GET_SECTION:
		handle_get_section(d, p, req);
		break;
	default:
		log_debug("%s: unsupported request %u", ipc_peer_name(p),
		    ipc_msg_type(req));
		reply_result(p, req, IPC_S_UNSUPPORTED, "% Unsupported "
		    "request\n");
		break;
	}
}

static void
on_peer(struct ipc_peer *p, int up, void *arg)
{
	struct cfgd	*d = arg;
	size_t		 i;

	for (i = 0; !up && i < d->nsubs; i++)
		if (d->subs[i] == p) {
			d->subs[i] = d->subs[--d->nsubs];
			break;
		}
	log_debug("peer %s %s", ipc_peer_name(p), up ? "up" : "gone");
}

static void
on_hup(void *arg)
{
	struct cfgd	*d = arg;

	log_info("SIGHUP: reloading startup-config");
	cfg_model_free(d->model);
	d->model = load_startup(d);
	changed(d, NULL);
	d->dirty = 0;
}

static void
on_stop(void *arg)
{
	struct cfgd	*d = arg;

	event_base_loopbreak(d->base);
}

int
main(int argc, char *argv[])
{
	struct cfgd		 d;
	struct daemon_opts	 o;
	const char		*bad = NULL;

	daemon_init(argc, argv, "cfgd", "Owns the router's configuration: "
	    "serves the shells and daemons on DIR/cfgd.sock,\nloads "
	    "DIR/startup-config at start (the factory configuration when "
	    "there is none).", &o);
	memset(&d, 0, sizeof(d));
	d.rundir = o.rundir;
	d.env.rundir = o.rundir;
	if (rundir_path(d.startup_path, sizeof(d.startup_path), d.rundir,
	    RUNDIR_STARTUP) != 0 || rundir_path(d.sock_path,
	    sizeof(d.sock_path), d.rundir, RUNDIR_CFGD_SOCK) != 0)
		fatalx("%s: run directory path too long: %s", __func__,
		    d.rundir);
	if ((d.grammar = cfg_grammar_build(&bad)) == NULL)
		fatalx("%s: bad configuration definition \"%s\"", __func__,
		    bad != NULL ? bad : "?");
	d.started = time(NULL);
	d.model = load_startup(&d);
	if ((d.base = event_base_new()) == NULL)
		fatalx("%s: event_base_new failed", __func__);
	d.server = ipc_server_new(d.base, d.sock_path, 0666, "cfgd", on_msg,
	    on_peer, &d);
	if (d.server == NULL)
		fatal("%s: listen on %s", __func__, d.sock_path);
	d.signals = daemon_signals_new(d.base, on_stop, on_hup, &d);
	log_info("ready on %s", d.sock_path);
	event_base_dispatch(d.base);
	ipc_server_free(d.server);
	daemon_signals_free(d.signals);
	event_base_free(d.base);
	cfg_model_free(d.model);
	cmd_grammar_free(d.grammar);
	free(d.subs);
	free(d.changed_by);
	free(d.saved_by);
	return 0;
}
