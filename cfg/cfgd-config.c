/*
 * cfgd: running, saving and replacing the configuration.
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

#include "cfg/cfgd.h"
#include "cfg/cfgtab.h"
#include "cfg/cmd.h"
#include "cfg/model.h"
#include "cfg/modes.h"
#include "cfg/render.h"
#include "cfg/secret.h"
#include "cfg/session.h"
#include "platform/atomicfile.h"
#include "platform/ioslog.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/rundir.h"
#include "platform/xmalloc.h"

void
cfgd_set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = src != NULL ? xstrdup(src) : NULL;
}

/* A line of a file as the shell would take it: NUL bytes dropped (as a
 * terminal drops them), no line end.  Caller frees. */
static char *
text_line(const char *p, size_t len)
{
	char	*line = xmalloc(len + 1);
	size_t	 i, j;

	if (len > 0 && p[len - 1] == '\r')
		len--;
	for (i = j = 0; i < len; i++)
		if (p[i] != '\0')
			line[j++] = p[i];
	line[j] = '\0';
	return line;
}

/*
 * Runs a whole configuration text through a fresh session on model m.
 * Bad lines are logged with their line numbers (when log_errors) and
 * counted; the rest still loads.  Returns the number of bad lines.
 */
static size_t
load_text(struct cfgd *d, struct cfg_model *m, const char *text,
    size_t textlen, const char *what, int log_errors, char **report)
{
	struct cfg_session	*s;
	struct cfg_line_result	 r;
	const char		*p = text, *end = text + textlen, *nl;
	char			*line, *msg;
	size_t			 lineno = 0, bad = 0, len;

	if ((s = cfg_session_new(d->grammar, m, &d->env)) == NULL)
		fatalx("%s: out of memory", __func__);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		line = text_line(p, len);
		lineno++;
		p = nl != NULL ? nl + 1 : end;
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

/* The license level in force until the next reload: the one loaded. */
static void
boot_license(struct cfgd *d, const struct cfg_model *m)
{
	const struct cfg_node	*k;
	const char		*line;

	cfgd_set_str(&d->boot_license, NULL);
	for (k = cfg_node_first(cfg_model_root((struct cfg_model *)m));
	    k != NULL; k = cfg_node_next(k)) {
		line = cfg_node_line(k);
		if (strncmp(line, "license boot level ", 19) == 0)
			cfgd_set_str(&d->boot_license, line + 19);
	}
}

/* Loads startup-config, or the factory configuration when there is none. */
struct cfg_model *
cfgd_load_startup(struct cfgd *d)
{
	struct cfg_model	*m;
	char			*text = NULL;
	size_t			 len, bad;
	int			 rc;

	if ((m = cfg_model_new()) == NULL)
		fatalx("%s: out of memory", __func__);
	/* A write memory cut short by a crash leaves its temporary file. */
	if ((rc = atomicfile_clean(d->startup_path)) > 0)
		log_info("removed %d stale temporary startup-config file%s",
		    rc, rc == 1 ? "" : "s");
	rc = atomicfile_read(d->startup_path, &text, &len, STARTUP_MAX);
	if (rc == -ENOENT) {
		log_info("no %s: factory configuration", d->startup_path);
		load_text(d, m, cfg_factory_config(),
		    strlen(cfg_factory_config()), "factory-config", 1,
		    NULL);
		return m;
	}
	if (rc != 0) {
		log_warnx("%s: %s; factory configuration", d->startup_path,
		    strerror(-rc));
		load_text(d, m, cfg_factory_config(),
		    strlen(cfg_factory_config()), "factory-config", 1,
		    NULL);
		return m;
	}
	bad = load_text(d, m, text, len, "startup-config", 1, NULL);
	boot_license(d, m);
	log_info("startup-config loaded: %zu settings, %zu bad lines",
	    cfg_model_size(m), bad);
	free(text);
	return m;
}

void
cfgd_changed(struct cfgd *d, const char *user)
{
	struct ipc_msg	*ev;
	size_t		 i;

	d->changed = time(NULL);
	cfgd_set_str(&d->changed_by, user);
	d->dirty = 1;
	cfgd_switch_changed(d->sw);
	cfgd_logging_changed(d->logging);
	if (d->nsubs == 0 || (ev = ipc_msg_new(IPC_EV_CONFIG_CHANGED, 0)) ==
	    NULL)
		return;
	for (i = 0; i < d->nsubs; i++)
		ipc_peer_send(d->subs[i], ev);
	ipc_msg_free(ev);
}

static const char *
prompt_mode(const struct cfg_session *s)
{
	if (cfg_session_collecting(s))
		return "";
	return cfg_modes[cfg_session_mode(s)].name;
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
	char			*logged, *out;
	size_t			 npath = 0, it = 0, i, n;
	uint32_t		 inline_log = 0;
	int			 rc, touched = 0;

	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	(void)ipc_msg_get_u32(req, IPC_T_LOG_INLINE, &inline_log);
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
		if (inline_log)
			cfgd_logging_capture(d->logging);
		cfg_session_run(s, line, &r);
		logged = inline_log ? cfgd_logging_captured(d->logging) : NULL;
		if (r.status == CFG_LINE_NOMEM)
			fatalx("%s: out of memory", __func__);
		if (r.status == CFG_LINE_OK)
			touched = 1;
		ipc_msg_add_u32(m, IPC_T_LINESTATUS, r.status);
		ipc_msg_add_u32(m, IPC_T_COLUMN, (uint32_t)r.col);
		/* The messages the line logged follow what it printed. */
		xasprintf(&out, "%s%s", r.out != NULL ? r.out : "",
		    logged != NULL ? logged : "");
		ipc_msg_add_str(m, IPC_T_OUTPUT, out);
		free(out);
		free(logged);
		ipc_msg_add_str(m, IPC_T_MODE, r.status == CFG_LINE_END ?
		    "" : prompt_mode(s));
		ipc_msg_add_str(m, IPC_T_HOSTNAME, cfgd_hostname(d));
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
		cfgd_changed(d, user);
	cfgd_reply(p, m);
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
	cfgd_reply_text(p, req, text != NULL ? text : "", len);
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
		cfgd_reply(p, m);
		free(text);
	}
	cfgd_reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
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
		cfgd_reply_result(p, req, IPC_S_ERROR, "startup-config is not "
		    "present\n");
		return;
	}
	if (rc != 0) {
		cfgd_reply_result(p, req, IPC_S_ERROR, "%Error opening "
		    "nvram:/startup-config (I/O error)\n");
		return;
	}
	cfgd_reply_text(p, req, text, len);
	free(text);
}

static void
handle_write(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	const char	*user = NULL;
	char		*text, *saved_by = NULL;
	size_t		 len;
	time_t		 saved = d->saved;
	int		 rc;

	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	/* The file names its own save, as IOS's does. */
	cfgd_set_str(&saved_by, d->saved_by);
	cfgd_set_str(&d->saved_by, user);
	d->saved = time(NULL);
	if ((text = render_running(d, NULL, &len)) == NULL)
		fatalx("%s: out of memory", __func__);
	rc = atomicfile_write(d->startup_path, text, len, 0600);
	free(text);
	if (rc != 0) {
		d->saved = saved;
		cfgd_set_str(&d->saved_by, saved_by);
		free(saved_by);
		log_warnx("write %s: %s", d->startup_path, strerror(-rc));
		cfgd_reply_result(p, req, IPC_S_ERROR, "%Error writing "
		    "nvram:startup-config\n");
		return;
	}
	free(saved_by);
	d->dirty = 0;
	cfgd_reply_result(p, req, IPC_S_OK, NULL);
}

static void
handle_erase(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	if (unlink(d->startup_path) == -1 && errno != ENOENT) {
		log_warn("unlink %s", d->startup_path);
		cfgd_reply_result(p, req, IPC_S_ERROR, "%Error erasing nvram:\n");
		return;
	}
	d->dirty = 1;
	cfgd_reply_result(p, req, IPC_S_OK, NULL);
}

/*
 * An IOS URL for a configuration file, within the run directory only:
 * nvram:startup-config, bootflash:NAME (or flash:NAME) under bootflash/.
 * The shell runs unprivileged, so it never names a path of its own.
 */
static char *
resolve_url(const struct cfgd *d, const char *url)
{
	const char	*name;
	char		*path;

	if (strcmp(url, "nvram:startup-config") == 0 ||
	    strcmp(url, "startup-config") == 0)
		return xstrdup(d->startup_path);
	if (strncmp(url, "bootflash:", 10) == 0)
		name = url + 10;
	else if (strncmp(url, "flash:", 6) == 0)
		name = url + 6;
	else
		return NULL;
	while (*name == '/')
		name++;
	if (*name == '\0' || strstr(name, "..") != NULL)
		return NULL;
	xasprintf(&path, "%s/bootflash/%s", d->rundir, name);
	return path;
}

/*
 * configure replace: the file is parsed into a new model; only if every
 * line of it is good does it replace the running configuration.
 */
static void
handle_replace(struct cfgd *d, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct cfg_model	*m;
	const char		*url = NULL, *user = NULL;
	char			*file, *text = NULL, *report = NULL, *msg;
	size_t			 len, bad;
	int			 rc;

	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	if (ipc_msg_get_str(req, IPC_T_FILE, &url) != 0) {
		cfgd_reply_result(p, req, IPC_S_BADMSG, "% Bad request\n");
		return;
	}
	if ((file = resolve_url(d, url)) == NULL) {
		xasprintf(&msg, "%%Error opening %s (Invalid argument)\n", url);
		cfgd_reply_result(p, req, IPC_S_ERROR, msg);
		free(msg);
		return;
	}
	rc = atomicfile_read(file, &text, &len, STARTUP_MAX);
	free(file);
	if (rc != 0) {
		xasprintf(&msg, "%%Error opening %s (%s)\n", url,
		    strerror(-rc));
		cfgd_reply_result(p, req, IPC_S_ERROR, msg);
		free(msg);
		return;
	}
	if ((m = cfg_model_new()) == NULL)
		fatalx("%s: out of memory", __func__);
	bad = load_text(d, m, text, len, url, 0, &report);
	free(text);
	if (bad > 0) {
		cfg_model_free(m);
		xasprintf(&msg, "%s%% The configuration was not replaced: "
		    "%zu line%s of %s failed.\nRollback Done\n", report, bad,
		    bad == 1 ? "" : "s", url);
		free(report);
		cfgd_reply_result(p, req, IPC_S_ERROR, msg);
		free(msg);
		return;
	}
	cfg_model_free(d->model);
	d->model = m;
	cfgd_changed(d, user);
	ios_log(IOS_NOTICE, "SYS", "CONFIG_R", "Config Replace is Done");
	cfgd_reply_result(p, req, IPC_S_OK, NULL);
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
	pid_t		 sup = supervisor_pid(d);
	const char	*user = NULL;

	(void)ipc_msg_get_str(req, IPC_T_USER, &user);
	ios_log(IOS_NOTICE, "SYS", "RELOAD", "Reload requested by %s. Reload "
	    "Reason: Reload Command.", user != NULL ? user : "console");
	cfgd_reply_result(p, req, IPC_S_OK, NULL);
	if (sup > 0) {
		log_info("reload requested: restarting the router's daemons");
		kill(sup, SIGHUP);
		return;
	}
	log_info("reload requested: reloading startup-config");
	cfg_model_free(d->model);
	d->model = cfgd_load_startup(d);
	d->dirty = 0;
	cfgd_changed(d, NULL);
	d->dirty = 0;
}



const struct cfgd_handler cfgd_config_handlers[] = {
	{ IPC_CFG_LINES, handle_lines },
	{ IPC_SHOW_RUNNING, handle_show_running },
	{ IPC_CFG_GET_SECTION, handle_get_section },
	{ IPC_SHOW_STARTUP, handle_show_startup },
	{ IPC_CFG_WRITE, handle_write },
	{ IPC_CFG_ERASE, handle_erase },
	{ IPC_CFG_REPLACE, handle_replace },
	{ IPC_CFG_RELOAD, handle_reload },
	{ 0, NULL },
};
