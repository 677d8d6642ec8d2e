/*
 * lispd's answers to the cli: records (typed fields, platform/ipc.h tags
 * 90-109) that cli/exec-lisp.c formats as IOS text.  Keys never leave.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lispd/lispd.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"

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
kv(struct ipc_msg *m, const char *k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
kv(struct ipc_msg *m, const char *k, const char *fmt, ...)
{
	char	 v[256], s[300];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	snprintf(s, sizeof(s), "%s=%s", k, v);
	ipc_msg_add_str(m, IPC_T_LISP_KV, s);
}

static void
summary(struct lispd *l, struct ipc_peer *p, uint32_t reqid)
{
	const struct lispd_config	*c = l->conf;
	struct ipc_msg			*m = ipc_msg_result(reqid, IPC_S_OK,
					    NULL);
	struct lisp_addr		 me;
	char				 s[LISP_ADDR_STRLEN];
	size_t				 i, nstatic = 0;
	uint64_t			 now = lispd_now();

	if (m == NULL)
		fatalx("%s: out of memory", __func__);
	kv(m, "present", "%d", c->present);
	kv(m, "itr", "%d", c->itr);
	kv(m, "etr", "%d", c->etr);
	kv(m, "ms", "%d", c->ms);
	kv(m, "mr", "%d", c->mr);
	kv(m, "pitr", "%d", c->pitr);
	kv(m, "petr", "%d", c->petr);
	if (c->pitr)
		kv(m, "pitr-rloc", "%s", lisp_addr_fmt(&c->pitr_rloc, 0, s,
		    sizeof(s)));
	for (i = 0; i < c->npetr; i++)
		kv(m, "use-petr", "%s", lisp_addr_fmt(&c->use_petr[i].rloc, 0,
		    s, sizeof(s)));
	for (i = 0; i < c->nmr; i++)
		kv(m, "mr-addr", "%s", lisp_addr_fmt(&c->mr_addr[i], 0, s,
		    sizeof(s)));
	for (i = 0; i < c->nms; i++) {
		char ms[LISP_ADDR_STRLEN];

		lisp_addr_fmt(&c->ms_addr[i].addr, 0, ms, sizeof(ms));
		if (l->ms_last[i] == 0)
			kv(m, "ms-addr", "%s never", ms);
		else
			kv(m, "ms-addr", "%s %llu", ms, (unsigned long long)
			    (now - l->ms_last[i]));
	}
	kv(m, "xtr-id", "0x%02X%02X%02X%02X-0x%02X%02X%02X%02X-"
	    "0x%02X%02X%02X%02X-0x%02X%02X%02X%02X", l->xtr_id[0],
	    l->xtr_id[1], l->xtr_id[2], l->xtr_id[3], l->xtr_id[4],
	    l->xtr_id[5], l->xtr_id[6], l->xtr_id[7], l->xtr_id[8],
	    l->xtr_id[9], l->xtr_id[10], l->xtr_id[11], l->xtr_id[12],
	    l->xtr_id[13], l->xtr_id[14], l->xtr_id[15]);
	lispd_local_rloc(l, &me);
	kv(m, "local-rloc", "%s", me.afi == LISP_AFI_NONE ? "" :
	    lisp_addr_fmt(&me, 0, s, sizeof(s)));
	for (i = 0; i < c->nmc; i++)
		nstatic++;
	kv(m, "static", "%zu", nstatic);
	kv(m, "mc-size", "%zu", mc_count(l->mc));
	kv(m, "db-size", "%zu", c->ndb);
	kv(m, "dyn-size", "%zu", mob_ndb(l));
	kv(m, "away-size", "%zu", mob_naway(l));
	kv(m, "rloc-probe", "%d", c->rloc_probe);
	/* Control counters, for show ip lisp statistics (last: the cli
	 * reads the keys above into a record of 32). */
#define CNT(k, v) kv(m, k, "%llu", (unsigned long long)(v))
	CNT("ctl-in", l->st.ctl_in);
	CNT("ctl-out", l->st.ctl_out);
	CNT("ctl-bad", l->st.ctl_bad);
	CNT("mreq-in", l->st.mreq_in);
	CNT("mreq-fwd", l->st.mreq_fwd);
	CNT("mrep-in", l->st.mrep_in);
	CNT("mrep-out", l->st.mrep_out);
	CNT("neg-out", l->st.neg_out);
	CNT("reg-in", l->st.reg_in);
	CNT("reg-auth-fail", l->st.reg_auth_fail);
	CNT("notify-in", l->st.notify_in);
	CNT("bad-nonce", l->st.bad_nonce);
	CNT("mrep-uncovered", l->st.mrep_uncovered);
	CNT("ctl-rcv-drop", l->st.ctl_rcv_drop);
	CNT("req-nopend", l->st.req_nopend);
	CNT("ms-saves", l->st.ms_saves);
	CNT("evq-drop", l->st.evq_drop);
#undef CNT
	reply(p, m);
}

struct mc_walk_arg {
	struct lispd		*l;
	struct ipc_peer		*p;
	uint32_t		 reqid;
};

/* IPC_T_LISP_FLAGS of a map-cache record: a forward-native entry that
 * goes to the proxy ETR (`ipv4 use-petr`). */
#define MCREC_PETR	0x1

/*
 * IOS's Active/Idle in the detail form: whether the entry carried traffic
 * lately.  IOS checks activity every 60 s ("Map-cache activity check
 * period"), so an entry turns idle one to two periods after its last
 * packet; we say idle after two.  An entry a Map-Reply installed counts
 * as used then (traffic or lig asked for it: IOS shows a fresh one
 * Active with no packets out); a configured one only by its traffic.
 */
#define MC_ACTIVE_SECS	120

static int
mc_active(const struct mc_info *in, uint64_t now)
{
	if (in->pkts > 0 && now - in->last_out < MC_ACTIVE_SECS)
		return 1;
	return in->source == MC_SRC_MAP_REPLY && now - in->updated <
	    MC_ACTIVE_SECS;
}

static void
add_record(const struct lispd *l, struct ipc_msg *m,
    const struct mc_entry *e)
{
	struct mc_info		 in;
	const struct mc_locator	*loc;
	char			 s[LISP_ADDR_STRLEN];
	size_t			 n, i;
	uint64_t		 now = lispd_now();

	mc_entry_info(e, &in);
	ipc_msg_add_str(m, IPC_T_LISP_EID, lisp_addr_fmt(&in.eid, 1, s,
	    sizeof(s)));
	ipc_msg_add_u32(m, IPC_T_LISP_IID, in.iid);
	ipc_msg_add_u32(m, IPC_T_LISP_SOURCE, in.source);
	ipc_msg_add_u32(m, IPC_T_LISP_ACTION, in.action);
	loc = mc_entry_locators(e, &n);
	if (n == 0 && in.action == LISP_ACT_NATIVE && l->conf->npetr > 0)
		ipc_msg_add_u32(m, IPC_T_LISP_FLAGS, MCREC_PETR);
	ipc_msg_add_u64(m, IPC_T_LISP_UPTIME, now - in.created);
	ipc_msg_add_u64(m, IPC_T_LISP_EXPIRES, in.expires == 0 ? 0 :
	    in.expires > now ? in.expires - now : 1);
	/* For the detail form: last modified and who answered. */
	kv(m, "modified", "%llu", (unsigned long long)(now - in.updated));
	if (in.map_source.afi != LISP_AFI_NONE)
		kv(m, "map-source", "%s", lisp_addr_fmt(&in.map_source, 0, s,
		    sizeof(s)));
	kv(m, "out", "%llu %llu %lld %d", (unsigned long long)in.pkts,
	    (unsigned long long)in.bytes, in.pkts == 0 ? -1LL :
	    (long long)(now - in.last_out), mc_active(&in, now));

	loc = mc_entry_locators(e, &n);
	for (i = 0; i < n; i++) {
		ipc_msg_add_str(m, IPC_T_LISP_RLOC, lisp_addr_fmt(&loc[i].rloc,
		    0, s, sizeof(s)));
		ipc_msg_add_u32(m, IPC_T_LISP_PRI, loc[i].priority);
		ipc_msg_add_u32(m, IPC_T_LISP_WGT, loc[i].weight);
		ipc_msg_add_u32(m, IPC_T_LISP_LSTATE,
		    (loc[i].flags & MC_LOC_UP) != 0);
	}
	/* RLOC probing's view of each locator, for the detail form. */
	for (i = 0; i < n; i++) {
		struct probe_state st;

		if (probe_info(l, &loc[i].rloc, &st) != 0)
			continue;
		kv(m, "probe", "%s %llu %u %lld %u", lisp_addr_fmt(&loc[i].rloc,
		    0, s, sizeof(s)), (unsigned long long)(now - st.changed),
		    st.nchanges, st.sent == 0 ? -1LL : (long long)(now -
		    st.sent), st.rtt_us);
	}
}

static int
on_mc(const struct mc_entry *e, void *arg)
{
	struct mc_walk_arg	*w = arg;
	struct ipc_msg		*m = ipc_msg_new(IPC_DATA, w->reqid);

	if (m == NULL)
		fatalx("%s: out of memory", __func__);
	add_record(w->l, m, e);
	reply(w->p, m);
	return 0;
}

static void
mapcache(struct lispd *l, struct ipc_peer *p, const struct ipc_msg *req)
{
	struct mc_walk_arg	 w = { l, p, ipc_msg_reqid(req) };
	const char		*t = NULL;
	struct lisp_addr	 a;
	const struct mc_entry	*e;
	struct ipc_msg		*end;

	if (ipc_msg_get_str(req, IPC_T_TARGET, &t) == 0 &&
	    lisp_addr_parse(&a, t) == 0) {
		if (strchr(t, '/') != NULL)
			e = mc_find(l->mc, 0, &a);
		else
			e = mc_lookup(l->mc, 0, &a);
		if (e != NULL)
			on_mc(e, &w);
	} else
		mc_walk(l->mc, on_mc, &w);
	/* The END carries the map-cache's size for IOS's header. */
	if ((end = ipc_msg_new(IPC_END, w.reqid)) != NULL)
		ipc_msg_add_u32(end, IPC_T_COUNT, (uint32_t)mc_count(l->mc));
	reply(p, end);
}

static void
database(struct lispd *l, struct ipc_peer *p, const struct ipc_msg *req)
{
	const struct lispd_config	*c = l->conf;
	const char			*t = NULL;
	struct lisp_addr		 a;
	char				 s[LISP_ADDR_STRLEN];
	size_t				 i, k;
	int				 filter;

	filter = ipc_msg_get_str(req, IPC_T_TARGET, &t) == 0 &&
	    lisp_addr_parse(&a, t) == 0;
	/* The configured entries, then the dynamic EIDs detected here
	 * (T_LISP_KV "dyn=NAME"). */
	for (i = 0; i < c->ndb + mob_ndb(l); i++) {
		const char *dyn = NULL;
		const struct lc_db *d = i < c->ndb ? &c->db[i] :
		    mob_db(l, i - c->ndb, &dyn);
		struct ipc_msg *m;

		if (d == NULL)
			break;
		if (filter && !lisp_addr_contains(&d->eid, &a))
			continue;
		if ((m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req))) == NULL)
			fatalx("%s: out of memory", __func__);
		ipc_msg_add_str(m, IPC_T_LISP_EID, lisp_addr_fmt(&d->eid, 1,
		    s, sizeof(s)));
		ipc_msg_add_u32(m, IPC_T_LISP_IID, d->iid);
		if (d->locset[0] != '\0')
			ipc_msg_add_str(m, IPC_T_LISP_SITE, d->locset);
		if (dyn != NULL)
			kv(m, "dyn", "%s", dyn);
		for (k = 0; k < d->nloc; k++) {
			const struct lc_loc *lo = &d->loc[k];

			ipc_msg_add_str(m, IPC_T_LISP_RLOC,
			    lo->rloc.afi != LISP_AFI_NONE ? lisp_addr_fmt(
			    &lo->rloc, 0, s, sizeof(s)) : lo->ifname);
			ipc_msg_add_u32(m, IPC_T_LISP_PRI, lo->pri);
			ipc_msg_add_u32(m, IPC_T_LISP_WGT, lo->wgt);
			ipc_msg_add_u32(m, IPC_T_LISP_LSTATE,
			    lo->rloc.afi != LISP_AFI_NONE);
			ipc_msg_add_u32(m, IPC_T_LISP_LSRC, lo->ifname[0] !=
			    '\0' ? IPC_LISP_LSRC_INTF : IPC_LISP_LSRC_ADDR);
		}
		reply(p, m);
	}
	reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

static void
site_reg(struct lispd *l, struct ipc_msg *m, const struct ms_reg *r)
{
	char		 s[LISP_ADDR_STRLEN];
	uint64_t	 now = lispd_now();
	size_t		 k;

	ipc_msg_add_u64(m, IPC_T_LISP_LAST, now - r->last);
	ipc_msg_add_u64(m, IPC_T_LISP_UPTIME, now - r->first);
	ipc_msg_add_str(m, IPC_T_LISP_WHO, lisp_addr_fmt(&r->etr, 0, s,
	    sizeof(s)));
	ipc_msg_add_u64(m, IPC_T_LISP_EXPIRES, (uint64_t)r->ttl * 60);
	ipc_msg_add_u64(m, IPC_T_COUNT, r->nonce);
	kv(m, "xtr-id", "0x%02X%02X%02X%02X-0x%02X%02X%02X%02X-"
	    "0x%02X%02X%02X%02X-0x%02X%02X%02X%02X", r->xtr_id[0],
	    r->xtr_id[1], r->xtr_id[2], r->xtr_id[3], r->xtr_id[4],
	    r->xtr_id[5], r->xtr_id[6], r->xtr_id[7], r->xtr_id[8],
	    r->xtr_id[9], r->xtr_id[10], r->xtr_id[11], r->xtr_id[12],
	    r->xtr_id[13], r->xtr_id[14], r->xtr_id[15]);
	for (k = 0; k < r->nloc; k++) {
		ipc_msg_add_str(m, IPC_T_LISP_RLOC, lisp_addr_fmt(
		    &r->loc[k].addr, 0, s, sizeof(s)));
		ipc_msg_add_u32(m, IPC_T_LISP_PRI, r->loc[k].priority);
		ipc_msg_add_u32(m, IPC_T_LISP_WGT, r->loc[k].weight);
		ipc_msg_add_u32(m, IPC_T_LISP_LSTATE, 1);
	}
	(void)l;
}

/* Per configured prefix one DATA (with its newest registration, if any),
 * then one DATA per more-specific registration. */
static void
sites(struct lispd *l, struct ipc_peer *p, const struct ipc_msg *req)
{
	const struct lispd_config	*c = l->conf;
	char				 s[LISP_ADDR_STRLEN];
	size_t				 i, j, r;

	for (i = 0; i < c->nsite; i++) {
		const struct lc_site *site = &c->site[i];
		/* By name: the site's own, wherever it sits in the list. */
		const struct site_stats *ss = ctl_site_stats(l, site->name);
		uint64_t auth_fail = ss != NULL ? ss->auth_fail : 0;
		uint64_t loc_mismatch = ss != NULL ? ss->loc_mismatch : 0;

		for (j = 0; j < site->npfx; j++) {
			const struct ms_reg *best = NULL;
			struct ipc_msg *m;

			for (r = 0; r < MS_MAX_REG; r++) {
				const struct ms_reg *g = &l->reg[r];

				if (g->used && g->site == i &&
				    lisp_addr_cmp(&g->eid,
				    &site->pfx[j].eid) == 0 &&
				    (best == NULL || g->last > best->last))
					best = g;
			}
			if ((m = ipc_msg_new(IPC_DATA, ipc_msg_reqid(req))) ==
			    NULL)
				fatalx("%s: out of memory", __func__);
			ipc_msg_add_str(m, IPC_T_LISP_SITE, site->name);
			ipc_msg_add_str(m, IPC_T_LISP_EID, lisp_addr_fmt(
			    &site->pfx[j].eid, 1, s, sizeof(s)));
			ipc_msg_add_u32(m, IPC_T_LISP_IID, 0);
			ipc_msg_add_u32(m, IPC_T_LISP_FLAGS,
			    site->pfx[j].more ? IPC_LISPF_MORE : 0);
			ipc_msg_add_u64(m, IPC_T_LISP_ACTION, auth_fail);
			kv(m, "auth-fail", "%llu", (unsigned long long)
			    auth_fail);
			kv(m, "loc-mismatch", "%llu", (unsigned long long)
			    loc_mismatch);
			if (best != NULL)
				site_reg(l, m, best);
			reply(p, m);
			for (r = 0; r < MS_MAX_REG; r++) {
				const struct ms_reg *g = &l->reg[r];

				if (!g->used || g->site != i || !g->more ||
				    !lisp_addr_contains(&site->pfx[j].eid,
				    &g->eid))
					continue;
				if ((m = ipc_msg_new(IPC_DATA,
				    ipc_msg_reqid(req))) == NULL)
					fatalx("%s: out of memory", __func__);
				ipc_msg_add_str(m, IPC_T_LISP_SITE, site->name);
				ipc_msg_add_str(m, IPC_T_LISP_EID,
				    lisp_addr_fmt(&g->eid, 1, s, sizeof(s)));
				ipc_msg_add_u32(m, IPC_T_LISP_IID, g->iid);
				ipc_msg_add_u32(m, IPC_T_LISP_FLAGS,
				    IPC_LISPF_MORE | IPC_LISPF_REG);
				kv(m, "auth-fail", "%llu", (unsigned long long)
				    auth_fail);
				kv(m, "loc-mismatch", "0");
				kv(m, "parent", "%s", lisp_addr_fmt(
				    &site->pfx[j].eid, 1, s, sizeof(s)));
				site_reg(l, m, g);
				reply(p, m);
			}
		}
	}
	reply(p, ipc_msg_new(IPC_END, ipc_msg_reqid(req)));
}

static void
lig(struct lispd *l, struct ipc_peer *p, const struct ipc_msg *req)
{
	const char		*t = NULL, *src = NULL, *via = NULL;
	struct lisp_addr	 a, s, mr;

	if (ipc_msg_get_str(req, IPC_T_TARGET, &t) != 0 ||
	    lisp_addr_parse(&a, t) != 0) {
		reply(p, ipc_msg_result(ipc_msg_reqid(req), IPC_S_BADMSG,
		    "% Bad EID\n"));
		return;
	}
	if (ipc_msg_get_str(req, IPC_T_SOURCE, &src) != 0 ||
	    lisp_addr_parse(&s, src) != 0)
		memset(&s, 0, sizeof(s));
	if (ipc_msg_get_str(req, IPC_T_LISP_MR, &via) == 0 &&
	    (lisp_addr_parse(&mr, via) != 0 || mr.afi != LISP_AFI_IPV4)) {
		reply(p, ipc_msg_result(ipc_msg_reqid(req), IPC_S_BADMSG,
		    "% Bad map-resolver address\n"));
		return;
	}
	if (ctl_request_via(l, 0, &a, s.afi != 0 ? &s : NULL, via != NULL ?
	    &mr : NULL, p, ipc_msg_reqid(req), 1) != 0)
		reply(p, ipc_msg_result(ipc_msg_reqid(req), IPC_S_ERROR,
		    "% No map-resolver available\n"));
}

void
show_handle(struct lispd *l, struct ipc_peer *p, const struct ipc_msg *req)
{
	switch (ipc_msg_type(req)) {
	case IPC_LISP_SUMMARY:
		summary(l, p, ipc_msg_reqid(req));
		break;
	case IPC_LISP_MAPCACHE:
		mapcache(l, p, req);
		break;
	case IPC_LISP_DATABASE:
		database(l, p, req);
		break;
	case IPC_LISP_SITES:
		sites(l, p, req);
		break;
	case IPC_LISP_LIG:
		lig(l, p, req);
		break;
	case IPC_LISP_DYNEID:
		mob_show(l, p, ipc_msg_reqid(req));
		break;
	case IPC_LISP_CLEAR:
		ctl_clear_mapcache(l);
		reply(p, ipc_msg_result(ipc_msg_reqid(req), IPC_S_OK, NULL));
		break;
	default:
		reply(p, ipc_msg_result(ipc_msg_reqid(req),
		    IPC_S_UNSUPPORTED, "% Not supported by this lispd\n"));
		break;
	}
}
