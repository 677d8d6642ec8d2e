/*
 * LISP exec commands: show ip lisp, show ip lisp map-cache / database /
 * forwarding, show lisp site, lig, clear ip lisp map-cache.  The data are
 * records from lispd (DIR/lispd.sock, platform/ipc.h types 150-159 and
 * 250-259); this file only formats IOS's text.  The connection to lispd
 * (cli->lispd) is opened on first use and again after lispd restarts.
 */
#include <arpa/inet.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg/modes.h"
#include "cli/cli.h"
#include "platform/ipc-conn.h"
#include "platform/ifmap.h"
#include "platform/ipc.h"
#include "platform/rundir.h"

#define NONE	CMD_MODE_NONE
#define PIPE	CMD_F_PIPE
#define MAXLOC	32
#define SRC_SELF 9
#define SRC_DYNEID 3	/* lispd's MC_SRC_OTHER: a dynamic-EID prefix */
#define MCREC_PETR 0x1	/* lispd/show.c: forward-native to the PETR */

static const char no_lispd[] = "%% LISP is not running\n";

/* A record as lispd sends it. */
struct rec {
	char		 eid[64], site[64], who[64];
	uint32_t	 iid, source, action, flags;
	uint64_t	 uptime, expires, last, regup;
	size_t		 nloc;
	char		 rloc[MAXLOC][64];
	uint32_t	 pri[MAXLOC], wgt[MAXLOC], up[MAXLOC], lsrc[MAXLOC];
	char		**kv;		/* "key=value", as many as came */
	size_t		 nkv;
};

static int
lispd_request(struct cli *cli, struct ipc_msg *req,
    void (*cb)(const struct ipc_msg *, void *), void *arg,
    struct ipc_msg **last, int timeout_ms)
{
	char	 path[4096];
	int	 rc, tries;

	for (tries = 0; tries < 2; tries++) {
		if (cli->lispd == NULL && (rundir_path(path, sizeof(path),
		    cli->rundir, RUNDIR_LISPD_SOCK) != 0 ||
		    ipc_conn_open(path, "cli", &cli->lispd) != 0)) {
			cli->lispd = NULL;
			break;
		}
		rc = ipc_conn_request(cli->lispd, req, cb, arg, last,
		    timeout_ms);
		if (rc == 0) {
			ipc_msg_free(req);
			return 0;
		}
		ipc_conn_close(cli->lispd);
		cli->lispd = NULL;
		if (rc == IPC_E_TIMEOUT)
			break;
	}
	ipc_msg_free(req);
	return -1;
}

static void
copy_str(const struct ipc_msg *m, uint16_t tag, char *dst, size_t len)
{
	const char	*v = NULL;

	snprintf(dst, len, "%s", ipc_msg_get_str(m, tag, &v) == 0 ? v : "");
}

static void
rec_read(const struct ipc_msg *m, struct rec *r)
{
	size_t		 it;
	const char	*s;
	uint32_t	 u;

	memset(r, 0, sizeof(*r));
	copy_str(m, IPC_T_LISP_EID, r->eid, sizeof(r->eid));
	copy_str(m, IPC_T_LISP_SITE, r->site, sizeof(r->site));
	copy_str(m, IPC_T_LISP_WHO, r->who, sizeof(r->who));
	ipc_msg_get_u32(m, IPC_T_LISP_IID, &r->iid);
	ipc_msg_get_u32(m, IPC_T_LISP_SOURCE, &r->source);
	ipc_msg_get_u32(m, IPC_T_LISP_ACTION, &r->action);
	ipc_msg_get_u32(m, IPC_T_LISP_FLAGS, &r->flags);
	ipc_msg_get_u64(m, IPC_T_LISP_UPTIME, &r->uptime);
	ipc_msg_get_u64(m, IPC_T_LISP_EXPIRES, &r->expires);
	r->last = UINT64_MAX;
	ipc_msg_get_u64(m, IPC_T_LISP_LAST, &r->last);
	it = 0;
	while (r->nloc < MAXLOC && ipc_msg_next_str(m, IPC_T_LISP_RLOC, &it,
	    &s) == 1)
		snprintf(r->rloc[r->nloc++], sizeof(r->rloc[0]), "%s", s);
	it = 0;
	for (u = 0; u < r->nloc && ipc_msg_next_u32(m, IPC_T_LISP_PRI, &it,
	    &r->pri[u]) == 1; u++)
		;
	it = 0;
	for (u = 0; u < r->nloc && ipc_msg_next_u32(m, IPC_T_LISP_WGT, &it,
	    &r->wgt[u]) == 1; u++)
		;
	it = 0;
	for (u = 0; u < r->nloc && ipc_msg_next_u32(m, IPC_T_LISP_LSTATE, &it,
	    &r->up[u]) == 1; u++)
		;
	it = 0;
	for (u = 0; u < r->nloc && ipc_msg_next_u32(m, IPC_T_LISP_LSRC, &it,
	    &r->lsrc[u]) == 1; u++)
		;
	it = 0;
	while (ipc_msg_next_str(m, IPC_T_LISP_KV, &it, &s) == 1) {
		char	**kv = realloc(r->kv, (r->nkv + 1) * sizeof(*kv));

		if (kv == NULL)
			break;
		r->kv = kv;
		if ((r->kv[r->nkv] = strdup(s)) == NULL)
			break;
		r->nkv++;
	}
}

static void
rec_free(struct rec *r)
{
	size_t	 i;

	for (i = 0; i < r->nkv; i++)
		free(r->kv[i]);
	free(r->kv);
	r->kv = NULL;
	r->nkv = 0;
}

static const char *
rec_kv(const struct rec *r, const char *k)
{
	size_t	 i, kl = strlen(k);

	for (i = 0; i < r->nkv; i++)
		if (strncmp(r->kv[i], k, kl) == 0 && r->kv[i][kl] == '=')
			return r->kv[i] + kl + 1;
	return "";
}

/* IOS durations: 00:58:41 under a day, then 1d00h, then 1w2d. */
static const char *
dur(uint64_t s, char *buf, size_t len)
{
	if (s < 86400)
		snprintf(buf, len, "%02llu:%02llu:%02llu",
		    (unsigned long long)(s / 3600),
		    (unsigned long long)(s / 60 % 60),
		    (unsigned long long)(s % 60));
	else if (s < 7 * 86400)
		snprintf(buf, len, "%llud%02lluh", (unsigned long long)
		    (s / 86400), (unsigned long long)(s / 3600 % 24));
	else
		snprintf(buf, len, "%lluw%llud", (unsigned long long)
		    (s / 604800), (unsigned long long)(s / 86400 % 7));
	return buf;
}

static const char *
action_name(uint32_t a)
{
	switch (a) {
	case 1:
		return "forward-native";
	case 2:
		return "send-map-request";
	case 3:
		return "drop";
	default:
		return "no-action";
	}
}

#define COL	39
static void
line39(struct out *o, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
line39(struct out *o, const char *label, const char *fmt, ...)
{
	char	 v[256];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	out_printf(o, "%-*s%s\n", COL, label, v);
}

/* The map-cache entry line of IOS. */
static void
print_entry_line(struct out *o, const struct rec *r)
{
	char	 u[32], e[32];

	dur(r->uptime, u, sizeof(u));
	if (r->expires == 0)
		snprintf(e, sizeof(e), "never");
	else
		dur(r->expires, e, sizeof(e));
	if (r->source == 1 && r->nloc == 0)
		out_printf(o, "%s, uptime: %s, expires: %s, via static %s\n",
		    r->eid, u, e, r->action == 2 ? "send map-request" :
		    action_name(r->action));
	else if (r->source == SRC_DYNEID && r->nloc == 0)
		out_printf(o, "%s, uptime: %s, expires: %s, via dynamic-EID, "
		    "%s\n", r->eid, u, e, action_name(r->action));
	else if (r->nloc == 0)
		out_printf(o, "%s, uptime: %s, expires: %s, via map-reply, "
		    "%s\n", r->eid, u, e, action_name(r->action));
	else
		out_printf(o, "%s, uptime: %s, expires: %s, via %s, %scomplete"
		    "\n", r->eid, u, e, r->source == 1 ? "static" :
		    "map-reply", r->source == SRC_SELF ? "self, " : "");
}

static void
print_negative(struct out *o, const struct rec *r)
{
	if (r->action == 1 && (r->flags & MCREC_PETR))
		out_printf(o, "  Encapsulating to proxy ETR\n");
	else
		out_printf(o, "  Negative cache entry, action: %s\n",
		    action_name(r->action));
}

/*
 * The detail lines between the entry line and the locators (IOS 15.x /
 * XE 3.x, `show ip lisp map-cache <eid>`).  The positive and the default
 * entry's lines are captured; those of a static positive entry and of a
 * map-reply negative one follow the same pattern (inferred).  Packets
 * out: the inner packets and bytes lispd encapsulated with the entry
 * (counted per prefix, kept across refreshes), then, once there are
 * some, how long ago the last went: `(~ 00:00:05 ago)` as newer IOS
 * prints it (the captures in our reference show only 0 packets).
 */
static void
print_detail_head(struct out *o, const struct rec *r)
{
	char			 m[32];
	const char		*src = rec_kv(r, "map-source");
	uint64_t		 mod = strtoull(rec_kv(r, "modified"), NULL, 10);
	unsigned long long	 pk, by;
	long long		 ago;
	int			 active;

	if (r->source == 1)
		out_printf(o, "  Sources: static%s\n", r->nloc == 0 &&
		    r->action == 2 ? " send map-request" : "");
	else if (r->source == SRC_DYNEID)
		out_printf(o, "  Sources: dynamic-EID\n");
	else
		out_printf(o, "  Sources: map-reply\n");
	out_printf(o, "  State: %s, last modified: %s, map-source: %s\n",
	    r->nloc > 0 ? "complete" : action_name(r->action),
	    dur(mod, m, sizeof(m)), src[0] != '\0' ? src : "local");
	if (sscanf(rec_kv(r, "out"), "%llu %llu %lld %d", &pk, &by, &ago,
	    &active) != 4) {
		pk = by = 0;
		ago = -1;
		active = 0;
	}
	out_printf(o, "  %s, Packets out: %llu(%llu bytes)", active ?
	    "Active" : "Idle", pk, by);
	if (pk > 0 && ago >= 0)
		out_printf(o, " (~ %s ago)", dur((uint64_t)ago, m, sizeof(m)));
	out_printf(o, "\n");
	if (r->source == 1 && r->nloc == 0 && r->action == 2)
		out_printf(o, "  Configured as EID address space\n");
}

/*
 * A locator's detail lines.  Without RLOC probing its state was set with
 * the entry (one change, at the entry's uptime); with probing, the
 * changes probing made, and the last probe (that line is inferred).
 */
static void
print_locator_detail(struct out *o, const struct rec *r, size_t i,
    const char *uptime)
{
	char			 a[64], ch[32], se[32];
	unsigned long long	 changed;
	unsigned		 n, rtt;
	long long		 sent;
	size_t			 k, al = strlen(r->rloc[i]);

	for (k = 0; k < r->nkv; k++) {
		if (strncmp(r->kv[k], "probe=", 6) != 0 ||
		    sscanf(r->kv[k] + 6, "%63s %llu %u %lld %u", a, &changed,
		    &n, &sent, &rtt) != 5 || strlen(a) != al ||
		    strcmp(a, r->rloc[i]) != 0)
			continue;
		line39(o, "    Last up-down state change:",
		    "%s, state change count: %u", dur(changed, ch, sizeof(ch)),
		    n + 1);
		line39(o, "    Last route reachability change:",
		    "%s, state change count: 1", uptime);
		line39(o, "    Last priority / weight change:", "never/never");
		if (sent < 0)
			line39(o, "    Last RLOC-probe sent:", "never");
		else
			line39(o, "    Last RLOC-probe sent:", "%s (rtt %ums)",
			    dur((uint64_t)sent, se, sizeof(se)),
			    (rtt + 999) / 1000);
		return;
	}
	line39(o, "    Last up-down state change:",
	    "%s, state change count: 1", uptime);
	line39(o, "    Last route reachability change:",
	    "%s, state change count: 1", uptime);
	line39(o, "    Last priority / weight change:", "never/never");
}

/* The map-cache entry of IOS (also lig's); detail: `show ip lisp
 * map-cache <eid>` and `... detail`. */
static void
print_entry_as(struct out *o, const struct rec *r, int detail)
{
	char	 u[32];
	size_t	 i, w = 7;

	print_entry_line(o, r);
	if (detail)
		print_detail_head(o, r);
	if (r->nloc == 0) {
		print_negative(o, r);
		return;
	}
	dur(r->uptime, u, sizeof(u));
	for (i = 0; i < r->nloc; i++)
		if (strlen(r->rloc[i]) > w)
			w = strlen(r->rloc[i]);
	out_printf(o, "  %-*s  Uptime    State      Pri/Wgt\n", (int)w,
	    "Locator");
	for (i = 0; i < r->nloc; i++) {
		char	 pw[16];

		snprintf(pw, sizeof(pw), "%u/%u", r->pri[i], r->wgt[i]);
		out_printf(o, "  %-*s  %-8s  %-9s  %6s\n", (int)w, r->rloc[i],
		    u, r->source == SRC_SELF ? "up, self" : r->up[i] ? "up" :
		    "down", pw);
		if (detail)
			print_locator_detail(o, r, i, u);
	}
}

static void
print_entry(struct out *o, const struct rec *r)
{
	print_entry_as(o, r, 0);
}

struct recs {
	struct rec	*r;
	size_t		 n, cap;
};

static void
recs_free(struct recs *rs)
{
	size_t	 i;

	for (i = 0; i < rs->n; i++)
		rec_free(&rs->r[i]);
	free(rs->r);
	rs->r = NULL;
	rs->n = rs->cap = 0;
}

static void
on_rec(const struct ipc_msg *m, void *arg)
{
	struct recs	*rs = arg;

	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 16;
		struct rec *p = realloc(rs->r, cap * sizeof(*p));

		if (p == NULL)
			return;
		rs->r = p;
		rs->cap = cap;
	}
	rec_read(m, &rs->r[rs->n++]);
}

static int
fetch(struct cli *cli, uint16_t type, const char *target, struct recs *rs)
{
	struct ipc_msg	*req = exec_new_req(type), *last = NULL;
	int		 rc;

	memset(rs, 0, sizeof(*rs));
	if (target != NULL)
		ipc_msg_add_str(req, IPC_T_TARGET, target);
	rc = lispd_request(cli, req, on_rec, rs, &last, 5000);
	ipc_msg_free(last);
	if (rc != 0)
		cli_print(cli, no_lispd);
	return rc;
}

static void
x_show_mapcache(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct recs	 rs;
	const char	*eid = cmd_arg(res->args, "eid");
	size_t		 i;

	struct ipc_msg	*req, *last = NULL;
	int		 detail = cmd_arg_has(res->args, "detail");
	uint32_t	 total = 0;

	if (eid == NULL)
		eid = cmd_arg(res->args, "pfx");
	/* One EID or prefix is shown in the detail form, as IOS does. */
	if (eid != NULL)
		detail = 1;
	memset(&rs, 0, sizeof(rs));
	req = exec_new_req(IPC_LISP_MAPCACHE);
	if (eid != NULL)
		ipc_msg_add_str(req, IPC_T_TARGET, eid);
	if (lispd_request(cli, req, on_rec, &rs, &last, 5000) != 0) {
		cli_print(cli, no_lispd);
		recs_free(&rs);
		return;
	}
	/* The header counts the whole map-cache, even for one EID. */
	if (last == NULL || ipc_msg_get_u32(last, IPC_T_COUNT, &total) != 0)
		total = (uint32_t)rs.n;
	ipc_msg_free(last);
	out_printf(o, "LISP IPv4 Mapping Cache for EID-table default (IID 0),"
	    " %u entries\n\n", total);
	for (i = 0; i < rs.n; i++)
		print_entry_as(o, &rs.r[i], detail);
	recs_free(&rs);
}

static void
x_show_database(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct recs	 rs;
	size_t		 i, k, w;

	if (fetch(cli, IPC_LISP_DATABASE, cmd_arg(res->args, "eid"), &rs) !=
	    0)
		return;
	out_printf(o, "LISP ETR IPv4 Mapping Database for EID-table default "
	    "(IID 0), LSBs: 0x%x, %zu entries\n\n", rs.n > 0 ? 1u : 0u,
	    rs.n);
	for (i = 0; i < rs.n; i++) {
		struct rec *r = &rs.r[i];

		if (rec_kv(r, "dyn")[0] != '\0')
			out_printf(o, "%s, dynamic-eid %s, locator-set %s\n",
			    r->eid, rec_kv(r, "dyn"), r->site);
		else if (r->site[0] != '\0')
			out_printf(o, "%s, locator-set %s\n", r->eid, r->site);
		else
			out_printf(o, "%s\n", r->eid);
		for (w = 7, k = 0; k < r->nloc; k++)
			if (strlen(r->rloc[k]) > w)
				w = strlen(r->rloc[k]);
		out_printf(o, "  %-*s  Pri/Wgt  Source     State\n", (int)w,
		    "Locator");
		for (k = 0; k < r->nloc; k++) {
			char pw[16];

			snprintf(pw, sizeof(pw), "%u/%u", r->pri[k],
			    r->wgt[k]);
			/* An ipv4-interface locator with no address shows
			 * the interface, unreachable: inferred, no capture
			 * of that case was found. */
			out_printf(o, "  %-*s  %6s   %-9s  site-self, %s\n",
			    (int)w, r->rloc[k], pw, r->lsrc[k] ==
			    IPC_LISP_LSRC_INTF ? "cfg-intf" : "cfg-addr",
			    r->up[k] ? "reachable" : "unreachable");
		}
	}
	recs_free(&rs);
}

static int
rec_cmp_eid(const void *x, const void *y)
{
	const struct rec	*a = x, *b = y;
	char			 pa[64], pb[64], *s;
	struct in_addr		 ia, ib;

	snprintf(pa, sizeof(pa), "%s", a->eid);
	snprintf(pb, sizeof(pb), "%s", b->eid);
	if ((s = strchr(pa, '/')) != NULL)
		*s = '\0';
	if ((s = strchr(pb, '/')) != NULL)
		*s = '\0';
	if (inet_pton(AF_INET, pa, &ia) != 1 || inet_pton(AF_INET, pb,
	    &ib) != 1 || ia.s_addr == ib.s_addr)
		return strcmp(a->eid, b->eid);
	return ntohl(ia.s_addr) < ntohl(ib.s_addr) ? -1 : 1;
}

static void
x_show_forwarding(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct recs	 rs;
	const char	*eid = cmd_arg(res->args, "eid");
	int		 local = cmd_arg_has(res->args, "local");
	size_t		 i;

	if (fetch(cli, local ? IPC_LISP_DATABASE : IPC_LISP_MAPCACHE, eid,
	    &rs) != 0)
		return;
	/* In address order, as a routing table lists prefixes (the
	 * database sends its dynamic EIDs after the configured ones). */
	if (rs.n > 1)
		qsort(rs.r, rs.n, sizeof(rs.r[0]), rec_cmp_eid);
	out_printf(o, "Prefix\n");
	for (i = 0; i < rs.n; i++)
		if (local || rs.r[i].nloc > 0 || rs.r[i].action != 2)
			out_printf(o, "%s\n", rs.r[i].eid);
	if (rs.n == 0 && eid != NULL)
		out_printf(o, "%% No %s EID prefix in IPv4:Default matching "
		    "%s\n", local ? "local" : "remote", eid);
	recs_free(&rs);
}

/* lispd's summary record (IPC_LISP_SUMMARY), or NULL after saying lispd
 * did not answer. */
static struct ipc_msg *
summary(struct cli *cli)
{
	struct ipc_msg	*last = NULL;

	if (lispd_request(cli, exec_new_req(IPC_LISP_SUMMARY), NULL, NULL,
	    &last, 5000) != 0 || last == NULL) {
		ipc_msg_free(last);
		cli_print(cli, no_lispd);
		return NULL;
	}
	return last;
}

static void
x_show_ip_lisp(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct ipc_msg	*last;
	struct rec	 r;
	size_t		 it = 0;
	const char	*s;
	int		 nmr = 0, nms = 0;

	(void)res;
	if ((last = summary(cli)) == NULL)
		return;
	rec_read(last, &r);
	line39(o, "  Instance ID:", "0");
	line39(o, "  Router-lisp ID:", "0");
	line39(o, "  Locator table:", "default");
	line39(o, "  EID table:", "default");
#define EN(k) (strcmp(rec_kv(&r, k), "1") == 0 ? "enabled" : "disabled")
	line39(o, "  Ingress Tunnel Router (ITR):", "%s", EN("itr"));
	line39(o, "  Egress Tunnel Router (ETR):", "%s", EN("etr"));
	if (strcmp(rec_kv(&r, "pitr"), "1") == 0)
		line39(o, "  Proxy-ITR Router (PITR):", "enabled RLOCs: %s",
		    rec_kv(&r, "pitr-rloc"));
	else
		line39(o, "  Proxy-ITR Router (PITR):", "disabled");
	line39(o, "  Proxy-ETR Router (PETR):", "%s", EN("petr"));
	line39(o, "  NAT-traversal Router (NAT-RTR):", "disabled");
	line39(o, "  Mobility First-Hop Router:", "disabled");
	line39(o, "  Map Server (MS):", "%s", EN("ms"));
	line39(o, "  Map Resolver (MR):", "%s", EN("mr"));
#undef EN
	line39(o, "  Delegated Database Tree (DDT):", "disabled");
	line39(o, "  Site Registration Limit:", "0");
	line39(o, "  Map-Request source:", "derived from EID destination");
	while (ipc_msg_next_str(last, IPC_T_LISP_KV, &it, &s) == 1) {
		if (strncmp(s, "mr-addr=", 8) == 0)
			line39(o, nmr++ ? "" : "  ITR Map-Resolver(s):", "%s",
			    s + 8);
	}
	if (nmr == 0)
		line39(o, "  ITR Map-Resolver(s):", "none configured");
	it = 0;
	while (ipc_msg_next_str(last, IPC_T_LISP_KV, &it, &s) == 1) {
		char addr[64], when[32];
		unsigned long long ago;

		if (strncmp(s, "ms-addr=", 8) != 0)
			continue;
		if (sscanf(s + 8, "%63s %llu", addr, &ago) == 2)
			line39(o, nms++ ? "" : "  ETR Map-Server(s):",
			    "%s (%s)", addr, dur(ago, when, sizeof(when)));
		else
			line39(o, nms++ ? "" : "  ETR Map-Server(s):",
			    "%s (never)", addr);
	}
	if (nms == 0)
		line39(o, "  ETR Map-Server(s):", "none configured");
	line39(o, "  xTR-ID:", "%s", rec_kv(&r, "xtr-id"));
	line39(o, "  site-ID:", "unspecified");
	line39(o, "  ITR local RLOC (last resort):", "%s",
	    rec_kv(&r, "local-rloc")[0] != '\0' ? rec_kv(&r, "local-rloc") :
	    "*** NOT FOUND ***");
	it = 0;
	{
		char	 petrs[256] = "";
		size_t	 pl = 0;

		while (ipc_msg_next_str(last, IPC_T_LISP_KV, &it, &s) == 1)
			if (strncmp(s, "use-petr=", 9) == 0 &&
			    pl < sizeof(petrs))
				pl += (size_t)snprintf(petrs + pl,
				    sizeof(petrs) - pl, "%s%s", pl ? ", " : "",
				    s + 9);
		if (pl > 0)
			line39(o, "  ITR use proxy ETR RLOC(s):", "%s", petrs);
	}
	line39(o, "  ITR Solicit Map Request (SMR):", "accept and process");
	line39(o, "    Max SMRs per map-cache entry:", "8 more specifics");
	line39(o, "    Multiple SMR suppression time:", "20 secs");
	line39(o, "  ETR accept mapping data:", "disabled, verify disabled");
	line39(o, "  ETR map-cache TTL:", "1d00h");
	out_printf(o, "  Locator Status Algorithms:\n");
	if (strcmp(rec_kv(&r, "rloc-probe"), "1") == 0) {
		/* Inferred: the enabled form was not captured. */
		line39(o, "    RLOC-probe algorithm:", "enabled");
		line39(o, "    RLOC-probe on route change:", "disabled");
	} else {
		line39(o, "    RLOC-probe algorithm:", "disabled");
		line39(o, "    RLOC-probe on route change:",
		    "N/A (periodic probing disabled)");
	}
	line39(o, "    RLOC-probe on member change:", "disabled");
	line39(o, "    LSB reports:", "process");
	line39(o, "    IPv4 RLOC minimum mask length:", "/0");
	line39(o, "    IPv6 RLOC minimum mask length:", "/0");
	out_printf(o, "  Map-cache:\n");
	line39(o, "    Static mappings configured:", "%s",
	    rec_kv(&r, "static"));
	line39(o, "    Map-cache size/limit:", "%s/1000",
	    rec_kv(&r, "mc-size"));
	line39(o, "    Imported route count/limit:", "0/1000");
	line39(o, "    Map-cache activity check period:", "60 secs");
	line39(o, "    Map-cache FIB updates:", "established");
	line39(o, "    Persistent map-cache:", "disabled");
	out_printf(o, "  Database:\n");
	line39(o, "    Total database mapping size:", "%d",
	    atoi(rec_kv(&r, "db-size")) + atoi(rec_kv(&r, "dyn-size")));
	line39(o, "    static database size/limit:", "%s/5000",
	    rec_kv(&r, "db-size"));
	line39(o, "    dynamic database size/limit:", "%d/1000",
	    atoi(rec_kv(&r, "dyn-size")));
	line39(o, "    route-import database size/limit:", "0/1000");
	line39(o, "    Inactive (deconfig/away) size:", "%d",
	    atoi(rec_kv(&r, "away-size")));
	line39(o, "  Encapsulation type:", "lisp");
	rec_free(&r);
	ipc_msg_free(last);
}

/*
 * show ip lisp statistics: lispd's control counters.  Laid out as IOS
 * XE's `show lisp instance-id N ipv4 statistics` (values at column 53);
 * the lines are the counters lispd keeps, named as IOS names its
 * counterparts where one exists (wording partly inferred).
 */
static void
statline(struct out *o, const char *label, const char *v)
{
	out_printf(o, "%-52s%s\n", label, v);
}

static void
statpair(struct out *o, const char *label, const char *in, const char *out)
{
	out_printf(o, "%-52s%s/%s\n", label, in, out);
}

/* The value of key k in a message's key=value strings ("0" when absent),
 * read in place. */
static const char *
msg_kv(const struct ipc_msg *m, const char *k)
{
	const char	*s;
	size_t		 it = 0, kl = strlen(k);

	while (ipc_msg_next_str(m, IPC_T_LISP_KV, &it, &s) == 1)
		if (strncmp(s, k, kl) == 0 && s[kl] == '=')
			return s + kl + 1;
	return "0";
}

static void
x_show_ip_lisp_stats(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct ipc_msg	*last;

	(void)res;
	if ((last = summary(cli)) == NULL)
		return;
#define K(k) msg_kv(last, k)
	out_printf(o, "LISP EID Statistics for instance ID 0 - last cleared: "
	    "never\n");
	out_printf(o, "Control Packets:\n");
	statpair(o, "  Control messages in/out:", K("ctl-in"), K("ctl-out"));
	statline(o, "  Map-Requests in:", K("mreq-in"));
	statline(o, "    Map-Resolver Map-Requests forwarded:",
	    K("mreq-fwd"));
	statpair(o, "  Map-Replies in/out:", K("mrep-in"), K("mrep-out"));
	statline(o, "    Negative Map-Replies out:", K("neg-out"));
	statline(o, "  Map-Registers in:", K("reg-in"));
	statline(o, "  Map-Notifies in:", K("notify-in"));
	out_printf(o, "Errors:\n");
	statline(o, "  Malformed control messages:", K("ctl-bad"));
	statline(o, "  Map-Reply unknown nonce drops:", K("bad-nonce"));
	statline(o, "  Map-Reply records outside request drops:",
	    K("mrep-uncovered"));
	statline(o, "  Map-Register authentication failures:",
	    K("reg-auth-fail"));
	statline(o, "  Control socket receive queue drops:",
	    K("ctl-rcv-drop"));
	statline(o, "  Map-Requests not sent, request queue full:",
	    K("req-nopend"));
	statline(o, "  Cache misses not handled, worker queue full:",
	    K("evq-drop"));
	out_printf(o, "Map-Server:\n");
	statline(o, "  Registration table saves:", K("ms-saves"));
#undef K
	ipc_msg_free(last);
}

static void
site_detail(struct out *o, const struct rec *r, const char *name)
{
	char	 a[32], b[32];
	size_t	 k, w;

	if (name != NULL) {
		out_printf(o, "Site name: %s\n", name);
		out_printf(o, "Allowed configured locators: any\n");
		out_printf(o, "Requested EID-prefix:\n");
	}
	out_printf(o, "  EID-prefix: %s\n", r->eid);
	if (r->who[0] == '\0') {
		out_printf(o, "    First registered:     never\n");
		out_printf(o, "    Last registered:      never\n");
	} else {
		out_printf(o, "    First registered:     %s\n",
		    dur(r->uptime, a, sizeof(a)));
		out_printf(o, "    Last registered:      %s\n",
		    dur(r->last, b, sizeof(b)));
	}
	out_printf(o, "    Routing table tag:    0\n");
	if (r->flags & IPC_LISPF_REG)
		out_printf(o, "    Origin:               Dynamic, more specific "
		    "of %s\n", rec_kv(r, "parent"));
	else
		out_printf(o, "    Origin:               Configuration%s\n",
		    r->flags & IPC_LISPF_MORE ? ", accepting more specifics" :
		    "");
	out_printf(o, "    Merge active:         No\n");
	out_printf(o, "    Proxy reply:          No\n");
	out_printf(o, "    TTL:                  %s\n", r->who[0] == '\0' ?
	    "00:00:00" : dur(r->expires, a, sizeof(a)));
	out_printf(o, "    State:                %s\n", r->who[0] == '\0' ?
	    "unknown" : "complete");
	out_printf(o, "    Registration errors:\n");
	out_printf(o, "      Authentication failures:   %s\n",
	    rec_kv(r, "auth-fail"));
	out_printf(o, "      Allowed locators mismatch: %s\n",
	    rec_kv(r, "loc-mismatch"));
	if (r->who[0] == '\0') {
		out_printf(o, "    No registrations.\n");
		return;
	}
	out_printf(o, "    ETR %s, last registered %s, no proxy-reply, "
	    "map-notify\n", r->who, dur(r->last, a, sizeof(a)));
	out_printf(o, "%*sTTL %s, no merge, hash-function sha1\n",
	    (int)(9 + strlen(r->who)), "", dur(r->expires, a, sizeof(a)));
	out_printf(o, "%*sstate complete, no security-capability\n",
	    (int)(9 + strlen(r->who)), "");
	out_printf(o, "%*sxTR-ID %s\n", (int)(9 + strlen(r->who)), "",
	    rec_kv(r, "xtr-id"));
	out_printf(o, "%*ssite-ID unspecified\n", (int)(9 + strlen(r->who)),
	    "");
	for (w = 7, k = 0; k < r->nloc; k++)
		if (strlen(r->rloc[k]) > w)
			w = strlen(r->rloc[k]);
	out_printf(o, "      %-*s  Local  State      Pri/Wgt  Scope\n",
	    (int)w, "Locator");
	for (k = 0; k < r->nloc; k++) {
		char pw[16];

		snprintf(pw, sizeof(pw), "%u/%u", r->pri[k], r->wgt[k]);
		out_printf(o, "      %-*s  %-5s  %-9s  %6s   IPv4 none\n",
		    (int)w, r->rloc[k], strcmp(r->rloc[k], r->who) == 0 ?
		    "yes" : "no", "up", pw);
	}
}

/* Whether address a is inside prefix "A.B.C.D/len". */
static int
eid_in(const char *a, const char *pfx)
{
	char		 p[64], *slash;
	struct in_addr	 x, y;
	unsigned	 len;
	uint32_t	 mask;

	snprintf(p, sizeof(p), "%s", pfx);
	if ((slash = strchr(p, '/')) == NULL)
		return 0;
	*slash = '\0';
	len = (unsigned)atoi(slash + 1);
	if (inet_pton(AF_INET, a, &x) != 1 || inet_pton(AF_INET, p, &y) != 1
	    || len > 32)
		return 0;
	mask = len == 0 ? 0 : htonl(0xffffffffu << (32 - len));
	return (x.s_addr & mask) == (y.s_addr & mask);
}

static void
x_show_lisp_site(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct recs	 rs;
	const char	*name = cmd_arg(res->args, "name");
	const char	*eid = cmd_arg(res->args, "eid");
	int		 detail = cmd_arg_has(res->args, "detail");
	char		 a[32], last[64] = "";
	size_t		 i;
	int		 found = 0;

	if (fetch(cli, IPC_LISP_SITES, NULL, &rs) != 0)
		return;
	if (name != NULL || eid != NULL || detail) {
		out_printf(o, "LISP Site Registration Information\n\n");
		for (i = 0; i < rs.n; i++) {
			struct rec *r = &rs.r[i];
			if (name != NULL && strcmp(r->site, name) != 0)
				continue;
			if (eid != NULL && !eid_in(eid, r->eid))
				continue;
			site_detail(o, r, strcmp(last, r->site) != 0 ?
			    r->site : NULL);
			snprintf(last, sizeof(last), "%s", r->site);
			found = 1;
		}
		if (!found && eid != NULL)
			out_printf(o, "%% Could not find instance-id 0 EID %s in "
			    "site database.\n", eid);
		recs_free(&rs);
		return;
	}
	out_printf(o, "LISP Site Registration Information\n"
	    "* = Some locators are down or unreachable\n\n"
	    "Site Name      Last      Up   Who Last             Inst     "
	    "EID Prefix\n"
	    "               Register       Registered           ID\n");
	for (i = 0; i < rs.n; i++) {
		struct rec *r = &rs.r[i];

		out_printf(o, "%-15s%-10s%-5s%-21s%-9s%s\n",
		    strcmp(last, r->site) != 0 ? r->site : "",
		    r->who[0] ? dur(r->last, a, sizeof(a)) : "never",
		    r->who[0] ? "yes" : "no", r->who[0] ? r->who : "--", "",
		    r->eid);
		snprintf(last, sizeof(last), "%s", r->site);
	}
	recs_free(&rs);
}

/*
 * Dynamic EIDs: IPC_LISP_DYNEID records, one per dynamic-EID (flags 0)
 * followed by its hosts detected here (IPC_LISPF_REG).
 */
static void
x_show_dyneid(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	struct recs	 rs;
	char		 a[32], b[32], sh[64];
	size_t		 i;
	int		 summary = cmd_arg_has(res->args, "summary");

	if (fetch(cli, IPC_LISP_DYNEID, NULL, &rs) != 0)
		return;
	if (summary) {
		out_printf(o, "LISP Dynamic EID Summary for VRF \"default\"\n\n"
		    "^ = Dyn-EID learned by EID Notify\n"
		    "* = Dyn-EID learned by Site-Based Map-Notify\n"
		    "n = Dyn-EID learned by NSF Replay\n"
		    "> = Dyn-EID learned by Roaming detection\n\n"
		    "Dyn-EID Name         Dynamic-EID             Interface"
		    "     Uptime    Last      Pending\n"
		    "%69sPacket    Ping Count\n", "");
		for (i = 0; i < rs.n; i++) {
			struct rec *r = &rs.r[i];
			char eid[64], *slash;

			if (!(r->flags & IPC_LISPF_REG))
				continue;
			snprintf(eid, sizeof(eid), "%s", r->eid);
			if ((slash = strchr(eid, '/')) != NULL)
				*slash = '\0';
			ifmap_short(rec_kv(r, "if"), sh, sizeof(sh));
			out_printf(o, "%-20s %-23s %-13s %-9s %-9s %u\n",
			    r->site, eid, sh, dur(r->uptime, a, sizeof(a)),
			    dur(r->last, b, sizeof(b)), 0u);
		}
		recs_free(&rs);
		return;
	}
	out_printf(o, "LISP Dynamic EID Information for VRF \"default\"\n");
	for (i = 0; i < rs.n; i++) {
		struct rec *r = &rs.r[i];
		char eid[64], *slash;

		snprintf(eid, sizeof(eid), "%s", r->eid);
		if ((slash = strchr(eid, '/')) != NULL &&
		    (r->flags & IPC_LISPF_REG))
			*slash = '\0';
		if (r->flags & IPC_LISPF_REG) {
			out_printf(o, "    %s, %s, uptime: %s\n", eid,
			    rec_kv(r, "if"), dur(r->uptime, a, sizeof(a)));
			out_printf(o, "      last activity: %s, discovered by: "
			    "Packet Reception\n", dur(r->last, b, sizeof(b)));
			continue;
		}
		out_printf(o, "\nDynamic-EID name: %s\n", r->site);
		if (r->eid[0] != '\0')
			out_printf(o, "  Database-mapping EID-prefix: %s, "
			    "locator-set %s\n", r->eid, rec_kv(r, "locset"));
		out_printf(o, "  Registering more-specific dynamic-EIDs\n");
		out_printf(o, "  Map-Server(s): none configured, use global "
		    "Map-Server\n");
		out_printf(o, "  Site-based multicast Map-Notify group: %s\n",
		    rec_kv(r, "group")[0] != '\0' ? rec_kv(r, "group") :
		    "none configured");
		out_printf(o, "  Number of roaming dynamic-EIDs discovered: "
		    "%s\n", rec_kv(r, "count"));
		if (rec_kv(r, "last")[0] != '\0')
			out_printf(o, "  Last dynamic-EID discovered: %s, %s "
			    "ago\n", rec_kv(r, "last"), dur(strtoull(rec_kv(r,
			    "last-ago"), NULL, 10), a, sizeof(a)));
	}
	recs_free(&rs);
}

static void
x_lig(struct cli *cli, const struct cmd_result *res, struct out *o)
{
	const char	*eid = cmd_arg(res->args, "eid");
	const char	*src = cmd_arg(res->args, "src");
	const char	*cnt = cmd_arg(res->args, "count");
	const char	*mr = cmd_arg(res->args, "mr");
	struct ipc_msg	*req, *last = NULL;
	struct rec	 r;
	uint32_t	 st = 1, rtt = 0;
	char		 from[64], base[64];
	int		 n = cnt != NULL ? atoi(cnt) : 3, i;

	if (cmd_arg_has(res->args, "self")) {
		struct recs rs;

		if (fetch(cli, IPC_LISP_DATABASE, NULL, &rs) != 0)
			return;
		if (rs.n == 0) {
			out_printf(o, "%% No local EID prefixes configured\n");
			recs_free(&rs);
			return;
		}
		snprintf(base, sizeof(base), "%s", rs.r[0].eid);
		*strchr(base, '/') = '\0';
		eid = base;
		recs_free(&rs);
	}
	for (i = 0; i < n; i++) {
		req = exec_new_req(IPC_LISP_LIG);
		ipc_msg_add_str(req, IPC_T_TARGET, eid);
		if (src != NULL)
			ipc_msg_add_str(req, IPC_T_SOURCE, src);
		if (mr != NULL)
			ipc_msg_add_str(req, IPC_T_LISP_MR, mr);
		if (lispd_request(cli, req, NULL, NULL, &last, 5000) != 0) {
			cli_print(cli, no_lispd);
			return;
		}
		st = 1;
		ipc_msg_get_u32(last, IPC_T_STATUS, &st);
		if (st == IPC_S_OK)
			break;
		ipc_msg_free(last);
		last = NULL;
	}
	if (last == NULL) {
		out_printf(o, "Mapping information for EID %s not found "
		    "(no reply)\n", eid);
		return;
	}
	rec_read(last, &r);
	copy_str(last, IPC_T_SOURCE, from, sizeof(from));
	ipc_msg_get_u32(last, IPC_T_RTT, &rtt);
	out_printf(o, "Mapping information for EID %s from %s with RTT %u "
	    "msecs\n", eid, from, (rtt + 999) / 1000);
	print_entry(o, &r);
	rec_free(&r);
	ipc_msg_free(last);
}

static void
x_clear_mapcache(struct cli *cli, const struct cmd_result *res,
    struct out *o)
{
	struct ipc_msg	*last = NULL;

	(void)res;
	(void)o;
	if (lispd_request(cli, exec_new_req(IPC_LISP_CLEAR), NULL, NULL,
	    &last, 5000) != 0)
		cli_print(cli, no_lispd);
	ipc_msg_free(last);
}

#define SH_IP_LISP "Show running system information\nIP information\n" \
	"Locator/ID Separation Protocol\n"

struct exec_cmd exec_lisp_cmds[] = {
	{ { MODE_EXEC, "show ip lisp", SH_IP_LISP, NONE, PIPE, 1, 0, NULL },
	    x_show_ip_lisp },
	{ { MODE_EXEC, "show ip lisp statistics", SH_IP_LISP
	    "LISP control-plane counters", NONE, PIPE, 1, 0, NULL },
	    x_show_ip_lisp_stats },
	{ { MODE_EXEC, "show ip lisp map-cache [ A.B.C.D$eid | "
	    "A.B.C.D/M$pfx ] [ detail ]", SH_IP_LISP
	    "IPv4 EID-to-RLOC map-cache\nEID address\nEID prefix\n"
	    "Detailed output", NONE, PIPE, 1, 0, NULL }, x_show_mapcache },
	{ { MODE_EXEC, "show ip lisp database [ A.B.C.D$eid ]", SH_IP_LISP
	    "IPv4 EID-to-RLOC database\nEID address", NONE, PIPE, 1, 0,
	    NULL }, x_show_database },
	{ { MODE_EXEC, "show ip lisp forwarding eid { local | remote } "
	    "[ A.B.C.D$eid ]", SH_IP_LISP "Forwarding state\n"
	    "EID forwarding state\nLocal EID prefixes\nRemote EID prefixes\n"
	    "EID address", NONE, PIPE, 1, 0, NULL }, x_show_forwarding },
	{ { MODE_EXEC, "show ip lisp dynamic-eid [ summary | detail ]",
	    SH_IP_LISP "Dynamic-EID information\nOne line per dynamic-EID "
	    "discovered\nDetailed output", NONE, PIPE, 1, 0, NULL },
	    x_show_dyneid },
	{ { MODE_EXEC, "show lisp dynamic-eid [ summary | detail ]",
	    "Show running system information\n"
	    "Locator/ID Separation Protocol\nDynamic-EID information\n"
	    "One line per dynamic-EID discovered\nDetailed output", NONE,
	    PIPE, 1, 0, NULL }, x_show_dyneid },
	{ { MODE_EXEC, "show lisp eid-table default dynamic-eid "
	    "[ summary | detail ]", "Show running system information\n"
	    "Locator/ID Separation Protocol\nEID table\n"
	    "Default EID table\nDynamic-EID information\n"
	    "One line per dynamic-EID discovered\nDetailed output", NONE,
	    PIPE, 1, 0, NULL }, x_show_dyneid },
	{ { MODE_EXEC, "show lisp site [ name WORD$name | A.B.C.D$eid ] "
	    "[ detail ]", "Show running system information\n"
	    "Locator/ID Separation Protocol\nLISP site registrations\n"
	    "Site name\nSite name\nEID address\nDetailed output", NONE, PIPE,
	    1, 0, NULL }, x_show_lisp_site },
	{ { MODE_EXEC, "lig { self | A.B.C.D$eid } [ count <1-5>$count ] "
	    "[ source A.B.C.D$src ] [ to A.B.C.D$mr ]",
	    "LISP Internet Groper\nLook up this router's own EID prefix\n"
	    "Destination EID\nNumber of Map-Requests\nCount\n"
	    "Source EID\nSource EID address\nMap-Resolver\n"
	    "Map-Resolver address", NONE, PIPE, 15, 0, NULL }, x_lig },
	{ { MODE_EXEC, "clear ip lisp map-cache",
	    "Reset functions\nIP\nLocator/ID Separation Protocol\n"
	    "Clear the IPv4 map-cache", NONE, 0, 15, 0, NULL },
	    x_clear_mapcache },
};
const size_t exec_lisp_ncmds = sizeof(exec_lisp_cmds) /
    sizeof(exec_lisp_cmds[0]);
