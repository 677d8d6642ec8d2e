/*
 * The control plane on UDP 4342: the ITR's Map-Requests (in an ECM to the
 * map-resolver, one nonce each, rate-limited per EID) and their replies;
 * the ETR's Map-Registers (every 60 s and on change, want-map-notify) and
 * its answers to Map-Requests for its database; the map-server's sites
 * (keys, accept-more-specifics, expiry, Map-Notify, failures counted per
 * site) and the map-resolver (forward to the registered ETR, proxy-reply,
 * negative replies for space nobody registered).
 */
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lispd/lispd.h"
#include "lispd/msstate.h"
#include "platform/atomicfile.h"
#include "platform/ioslog.h"
#include "platform/ipc-event.h"
#include "platform/ipc.h"
#include "platform/log.h"
#include "platform/rundir.h"

#define REG_INTERVAL	60	/* seconds between Map-Registers */
#define REG_EXPIRY	180	/* a registration not refreshed goes */
#define REQ_INTERVAL_US	1000000	/* one Map-Request per EID per second */
#define REQ_TIMEOUT	3	/* a pending request is dropped after */
#define REC_TTL		1440	/* minutes: the TTL we register and reply */
#define NEG_TTL_EID	1	/* minutes: configured, unregistered */
#define NEG_TTL_NONEID	15	/* minutes: not EID space */
#define CTL_RCVBUF	(4 << 20)	/* bytes: the control socket's queue */

static uint64_t
rand64(void)
{
	uint64_t	 v = 0;
	int		 fd;

	if ((fd = open("/dev/urandom", 0)) >= 0) {
		if (read(fd, &v, sizeof(v)) != sizeof(v))
			v = 0;
		close(fd);
	}
	return v ^ lispd_now_us();
}

static void
sin_of(const struct lisp_addr *a, uint16_t port, struct sockaddr_in *sin)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	memcpy(&sin->sin_addr, a->a, 4);
}

static void
send_ctl(struct lispd *l, const struct lisp_addr *to, uint16_t port,
    const void *buf, size_t len)
{
	struct sockaddr_in	 sin;
	char			 s[LISP_ADDR_STRLEN];

	if (to->afi != LISP_AFI_IPV4)
		return;
	sin_of(to, port, &sin);
	if (sendto(l->ctl_fd, buf, len, 0, (struct sockaddr *)&sin,
	    sizeof(sin)) < 0)
		log_debug("send to %s: %s", lisp_addr_fmt(to, 0, s, sizeof(s)),
		    strerror(errno));
	else
		l->st.ctl_out++;
}

static void
host(struct lisp_addr *a, const struct lisp_addr *from)
{
	*a = *from;
	a->plen = (uint8_t)(lisp_afi_len(a->afi) * 8);
}

/*
 * ETR: database lookups.
 */
static const struct lc_db *
db_find(const struct lispd *l, uint32_t iid, const struct lisp_addr *eid)
{
	const struct lc_db	*best = NULL;
	size_t			 i;

	for (i = 0; i < l->conf->ndb; i++) {
		const struct lc_db *d = &l->conf->db[i];

		if (d->iid == iid && lisp_addr_contains(&d->eid, eid) &&
		    (best == NULL || d->eid.plen > best->eid.plen))
			best = d;
	}
	/* A dynamic EID detected here (a /32) is the most specific. */
	{
		const struct lc_db *dyn = mob_db_find(l, iid, eid);

		if (dyn != NULL)
			best = dyn;
	}
	return best;
}

static void
db_record(const struct lc_db *d, struct lisp_record *r, int local)
{
	size_t	 i;

	memset(r, 0, sizeof(*r));
	r->ttl = REC_TTL;
	r->iid = d->iid;
	r->eid = d->eid;
	r->authoritative = 1;
	for (i = 0; i < d->nloc && r->nloc < LISP_MAX_LOCATORS; i++) {
		struct lisp_locator *lo = &r->loc[r->nloc];

		if (d->loc[i].rloc.afi == LISP_AFI_NONE)
			continue;
		lo->addr = d->loc[i].rloc;
		lo->priority = d->loc[i].pri;
		lo->weight = d->loc[i].wgt;
		lo->mpriority = 255;
		lo->flags = LISP_LOC_R | (local ? LISP_LOC_L : 0);
		r->nloc++;
	}
}

void
lispd_local_rloc(const struct lispd *l, struct lisp_addr *a)
{
	size_t	 i, j;

	memset(a, 0, sizeof(*a));
	for (i = 0; l->conf != NULL && i < l->conf->ndb; i++)
		for (j = 0; j < l->conf->db[i].nloc; j++)
			if (l->conf->db[i].loc[j].rloc.afi == LISP_AFI_IPV4) {
				*a = l->conf->db[i].loc[j].rloc;
				return;
			}
	/* An xTR with only dynamic-EIDs: their locators. */
	for (i = 0; l->conf != NULL && i < l->conf->ndyn; i++)
		for (j = 0; j < l->conf->dyn[i].nloc; j++)
			if (l->conf->dyn[i].loc[j].rloc.afi == LISP_AFI_IPV4) {
				*a = l->conf->dyn[i].loc[j].rloc;
				return;
			}
	/* A proxy ITR: its proxy-itr RLOC. */
	if (l->conf != NULL && l->conf->pitr &&
	    l->conf->pitr_rloc.afi == LISP_AFI_IPV4) {
		*a = l->conf->pitr_rloc;
		return;
	}
	/* No database: the address we reach the map-resolver from. */
	if (l->conf != NULL && l->conf->nmr > 0) {
		struct sockaddr_in	 sin, me;
		socklen_t		 sl = sizeof(me);
		int			 fd = socket(AF_INET, SOCK_DGRAM, 0);

		sin_of(&l->conf->mr_addr[0], LISP_CONTROL_PORT, &sin);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&sin,
		    sizeof(sin)) == 0 && getsockname(fd,
		    (struct sockaddr *)&me, &sl) == 0)
			lisp_addr_set(a, LISP_AFI_IPV4, &me.sin_addr, 32);
		if (fd >= 0)
			close(fd);
	}
}

/* ETR: one Map-Register to every map-server: the database (static and
 * dynamic entries), or only `withdraw` with TTL 0. */
#define REG_CHUNK	64	/* records per Map-Register (fits 9000 bytes
				   with a few locators each) */

static void
etr_register_db(struct lispd *l, const struct lc_db *withdraw)
{
	struct lisp_map	 m;
	uint8_t		 buf[9000];
	size_t		 i, len, total, next;

	total = withdraw != NULL ? 1 : l->conf->ndb + mob_ndb(l);
	if (!l->conf->etr || total == 0)
		return;
	for (i = 0; i < l->conf->nms; i++) {
		const struct lc_ms *ms = &l->conf->ms_addr[i];

		/* The configured entries, then the dynamic EIDs detected
		 * here, REG_CHUNK records a message. */
		for (next = 0; next < total; ) {
			memset(&m, 0, sizeof(m));
			m.type = LISP_MAP_REGISTER;
			m.flags = LISP_MREG_M | LISP_MREG_I;
			m.nonce = rand64();
			m.alg_id = ms->alg;
			memcpy(m.xtr_id, l->xtr_id, sizeof(m.xtr_id));
			m.rec = l->rec;
			m.rec_cap = REG_CHUNK;
			for (; next < total && m.nrec < m.rec_cap; next++) {
				const struct lc_db *d = withdraw != NULL ?
				    withdraw : next < l->conf->ndb ?
				    &l->conf->db[next] : mob_db(l, next -
				    l->conf->ndb, NULL);

				if (d == NULL)
					continue;
				db_record(d, &l->rec[m.nrec], 1);
				if (withdraw != NULL)
					l->rec[m.nrec].ttl = 0;
				m.nrec++;
			}
			if (m.nrec == 0)
				break;
			if (lisp_map_encode(buf, sizeof(buf), &m, ms->key,
			    strlen(ms->key), &len) != 0) {
				log_warnx("cannot encode a Map-Register");
				continue;
			}
			send_ctl(l, &ms->addr, LISP_CONTROL_PORT, buf, len);
		}
	}
}

static void
etr_register(struct lispd *l)
{
	etr_register_db(l, NULL);
}

void
ctl_register_now(struct lispd *l)
{
	etr_register(l);
}

void
ctl_deregister(struct lispd *l, const struct lc_db *d)
{
	etr_register_db(l, d);
}

static void
on_reg_timer(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd	*l = arg;
	struct timeval	 tv = { REG_INTERVAL, 0 };

	(void)fd;
	(void)ev;
	etr_register(l);
	evtimer_add(l->reg_timer, &tv);
}

/* ETR: a Map-Notify from a map-server we registered with. */
static void
etr_notify(struct lispd *l, const uint8_t *buf, size_t len,
    const struct lisp_addr *from)
{
	struct lisp_map	 m;
	char		 who[LISP_ADDR_STRLEN];
	size_t		 i;

	memset(&m, 0, sizeof(m));
	m.rec = l->rec;
	m.rec_cap = LISP_MAX_RECORDS;
	if (lisp_map_decode(buf, len, &m) != 0)
		return;
	for (i = 0; i < l->conf->nms; i++) {
		const struct lc_ms *ms = &l->conf->ms_addr[i];

		if (lisp_addr_cmp(&ms->addr, from) != 0)
			continue;
		if (lisp_map_verify(buf, len, &m, ms->key,
		    strlen(ms->key)) == 0) {
			l->ms_last[i] = lispd_now();
			l->st.notify_in++;
			/* A host of ours registered elsewhere: away.  The
			 * map-server waits for our Map-Notify-Ack. */
			if (mob_notify(l, &m)) {
				uint8_t	 out[9000];
				size_t	 olen;

				m.type = LISP_MAP_NOTIFY_ACK;
				if (lisp_map_encode(out, sizeof(out), &m,
				    ms->key, strlen(ms->key), &olen) == 0)
					send_ctl(l, from, LISP_CONTROL_PORT,
					    out, olen);
			}
		} else
			ios_log(IOS_WARNING, "LISP", "MAP_NOTIFY_"
			    "AUTHENTICATION_FAILURE", "Map-Notify from "
			    "map-server %s fails authentication",
			    lisp_addr_fmt(from, 0, who, sizeof(who)));
	}
}

/* ETR: a Map-Reply for a Map-Request about our database. */
static void
etr_reply(struct lispd *l, const struct lisp_map_request *rq,
    const struct lc_db *d, uint16_t port)
{
	struct lisp_map		 m;
	struct lisp_record	 r;
	uint8_t			 buf[2048];
	size_t			 len, i;

	memset(&m, 0, sizeof(m));
	m.type = LISP_MAP_REPLY;
	m.nonce = rq->nonce;
	db_record(d, &r, 0);
	/* An RLOC probe: the answer says so, and marks our locators as
	 * the probed ones (the request reached one of them; which one is
	 * not told apart). */
	if (rq->flags & LISP_MREQ_P) {
		m.flags |= LISP_MREP_P;
		for (i = 0; i < r.nloc; i++)
			r.loc[i].flags |= LISP_LOC_P;
	}
	m.rec = &r;
	m.rec_cap = m.nrec = 1;
	if (lisp_map_encode(buf, sizeof(buf), &m, NULL, 0, &len) != 0)
		return;
	for (i = 0; i < rq->nitr; i++)
		if (rq->itr[i].afi == LISP_AFI_IPV4) {
			send_ctl(l, &rq->itr[i], port, buf, len);
			l->st.mrep_out++;
			return;
		}
}

/*
 * Map-server.
 */
/* The site and prefix index a record's EID may register under. */
static int
ms_site_of(const struct lispd *l, const struct lisp_addr *eid, size_t *site,
    size_t *pfx)
{
	size_t	 i, j;

	for (i = 0; i < l->conf->nsite; i++)
		for (j = 0; j < l->conf->site[i].npfx; j++) {
			const struct lc_pfx *p = &l->conf->site[i].pfx[j];

			if (lisp_addr_cmp(&p->eid, eid) == 0 || (p->more &&
			    lisp_addr_contains(&p->eid, eid))) {
				*site = i;
				*pfx = j;
				return 0;
			}
		}
	return -1;
}

static struct ms_reg *
ms_reg_slot(struct lispd *l, size_t site, uint32_t iid,
    const struct lisp_addr *eid, const struct lisp_addr *etr)
{
	struct ms_reg	*free_slot = NULL;
	size_t		 i;

	for (i = 0; i < MS_MAX_REG; i++) {
		struct ms_reg *r = &l->reg[i];

		if (!r->used) {
			if (free_slot == NULL)
				free_slot = r;
			continue;
		}
		if (r->site == site && r->iid == iid && lisp_addr_cmp(&r->eid,
		    eid) == 0 && lisp_addr_cmp(&r->etr, etr) == 0)
			return r;
	}
	if (free_slot != NULL) {
		memset(free_slot, 0, sizeof(*free_slot));
		free_slot->first = lispd_now();
	}
	return free_slot;
}

/*
 * Registrations survive a restart of the map-server: the table is saved
 * in the run directory when who holds what changes, and read back at
 * start (each entry then gets a full expiry period, in which its ETR
 * refreshes it).  Without this, a restarted map-server would answer for a
 * moved host's /32 with the covering prefix's negative reply until the
 * new site's next periodic Map-Register, up to a minute later.
 *
 * Each save is an atomic write with fsync on the main thread, so saves
 * are batched: a change marks the table dirty; it is written at once
 * when the last save is MS_SAVE_GAP_US old (a lone change, such as a
 * host's move, is on disk before a kill -9 can lose it), else by the
 * next tick past that gap; and at a clean shutdown.  A burst of
 * Map-Registers from many ETRs thus costs about one save a second.
 */
#define MS_STATE_FILE	"lispd-registrations"
#define MS_SAVE_GAP_US	900000	/* the least time between two saves */

static int
ms_save(struct lispd *l)
{
	char		 path[4096];
	uint8_t		*buf;
	size_t		 len;
	int		 rc;

	if (rundir_path(path, sizeof(path), l->rundir, MS_STATE_FILE) != 0 ||
	    (buf = malloc(ms_state_size(MS_MAX_REG))) == NULL)
		return -1;
	len = ms_state_encode(l->reg, MS_MAX_REG, buf);
	rc = atomicfile_write(path, buf, len, 0600);
	free(buf);
	l->st.ms_saves++;
	return rc;
}

/* Writes the table if it changed; a failure is logged once, and the
 * next tick tries again. */
static void
ms_flush(struct lispd *l)
{
	if (!l->ms_dirty)
		return;
	l->ms_saved_us = lispd_now_us();
	if (ms_save(l) != 0) {
		if (!l->ms_save_failed)
			log_warnx("cannot save the map-server's "
			    "registrations");
		l->ms_save_failed = 1;
		return;
	}
	l->ms_save_failed = 0;
	l->ms_dirty = 0;
}

/* The registrations changed. */
static void
ms_changed(struct lispd *l)
{
	l->ms_dirty = 1;
	if (lispd_now_us() - l->ms_saved_us >= MS_SAVE_GAP_US)
		ms_flush(l);
}

/* The saved registrations, checked (lispd/msstate.c); their sites are
 * bound by name when the configuration comes (ctl_reconfigure). */
static void
ms_load(struct lispd *l)
{
	char		 path[4096], *text = NULL;
	size_t		 len = 0, n;

	if (rundir_path(path, sizeof(path), l->rundir, MS_STATE_FILE) != 0 ||
	    atomicfile_read(path, &text, &len, ms_state_size(MS_MAX_REG)) != 0)
		return;
	n = ms_state_decode((const uint8_t *)text, len, lispd_now(), l->reg,
	    MS_MAX_REG);
	if (n > 0)
		log_info("map-server: %zu registrations restored", n);
	free(text);
}

/* The index of the site named name now, or -1. */
static int
ms_site_named(const struct lispd *l, const char *name, size_t *site)
{
	size_t	 i;

	for (i = 0; i < l->conf->nsite; i++)
		if (strcmp(l->conf->site[i].name, name) == 0) {
			*site = i;
			return 0;
		}
	return -1;
}

const struct site_stats *
ctl_site_stats(const struct lispd *l, const char *name)
{
	size_t	 i;

	for (i = 0; i < LC_MAX_SITE; i++)
		if (l->sstat[i].name[0] != '\0' &&
		    strcmp(l->sstat[i].name, name) == 0)
			return &l->sstat[i];
	return NULL;
}

/* The counters of a configured site, made on first use; NULL only if
 * every slot is taken (more sites than the configuration holds). */
static struct site_stats *
ms_site_stats(struct lispd *l, const char *name)
{
	struct site_stats	*s = (struct site_stats *)ctl_site_stats(l,
				    name);
	size_t			 i;

	for (i = 0; s == NULL && i < LC_MAX_SITE; i++)
		if (l->sstat[i].name[0] == '\0') {
			s = &l->sstat[i];
			memset(s, 0, sizeof(*s));
			snprintf(s->name, sizeof(s->name), "%s", name);
		}
	return s;
}

/* An unsolicited Map-Notify to the ETR that lost a registration. */
static void
ms_notify_send(struct lispd *l, struct ms_notify *q)
{
	struct lisp_map	 m;
	uint8_t		 out[2048];
	size_t		 olen;
	const char	*key;

	if (q->site >= l->conf->nsite) {
		q->used = 0;
		return;
	}
	key = l->conf->site[q->site].key;
	memset(&m, 0, sizeof(m));
	m.type = LISP_MAP_NOTIFY;
	m.nonce = q->nonce;
	m.alg_id = LISP_ALG_SHA1;
	m.rec = &q->rec;
	m.rec_cap = m.nrec = 1;
	if (lisp_map_encode(out, sizeof(out), &m, key, strlen(key), &olen) ==
	    0)
		send_ctl(l, &q->to, LISP_CONTROL_PORT, out, olen);
}

static void
ms_notify_queue(struct lispd *l, const struct ms_reg *lost,
    const struct lisp_record *now_rec)
{
	struct ms_notify	*q = NULL;
	size_t			 i;

	for (i = 0; i < MS_MAX_NOTIFY; i++)
		if (!l->notq[i].used) {
			q = &l->notq[i];
			break;
		}
	if (q == NULL)
		q = &l->notq[rand64() % MS_MAX_NOTIFY];
	memset(q, 0, sizeof(*q));
	q->used = 1;
	q->to = lost->etr;
	q->nonce = rand64();
	q->site = lost->site;
	snprintf(q->site_name, sizeof(q->site_name), "%s", lost->site_name);
	q->rec = *now_rec;
	ms_notify_send(l, q);
}

/* Map-Notify-Ack from an ETR: stop sending that Map-Notify. */
static void
ms_notify_ack(struct lispd *l, const uint8_t *buf, size_t len,
    const struct lisp_addr *from)
{
	struct lisp_map		 m;
	struct lisp_record	 rec[4];
	size_t			 i;

	memset(&m, 0, sizeof(m));
	m.rec = rec;
	m.rec_cap = 4;
	if (lisp_map_decode(buf, len, &m) != 0) {
		l->st.ctl_bad++;
		return;
	}
	for (i = 0; i < MS_MAX_NOTIFY; i++) {
		struct ms_notify *q = &l->notq[i];

		if (q->used && q->nonce == m.nonce && lisp_addr_cmp(&q->to,
		    from) == 0 && q->site < l->conf->nsite &&
		    lisp_map_verify(buf, len, &m, l->conf->site[q->site].key,
		    strlen(l->conf->site[q->site].key)) == 0)
			q->used = 0;
	}
}

/* A map-server event about a registration (wording inferred from IOS XE's
 * %LISP messages). */
static void
log_reg(int sev, const char *mnem, const char *what,
    const struct lisp_record *rec, const char *site,
    const struct lisp_addr *from)
{
	char	 e[LISP_ADDR_STRLEN], r[LISP_ADDR_STRLEN];

	ios_log(sev, "LISP", mnem, "IID %u %s %s for site %s from %s",
	    rec->iid, what, lisp_addr_fmt(&rec->eid, 1, e, sizeof(e)), site,
	    lisp_addr_fmt(from, 0, r, sizeof(r)));
}

static void
ms_register(struct lispd *l, const uint8_t *buf, size_t len,
    const struct lisp_addr *from)
{
	int		 changed = 0;
	struct lisp_map	 m;
	uint8_t		 out[9000];
	size_t		 site, pfx, i, olen;
	const char	*key;
	int		 rc;

	memset(&m, 0, sizeof(m));
	m.rec = l->rec;
	m.rec_cap = LISP_MAX_RECORDS;
	if ((rc = lisp_map_decode(buf, len, &m)) != 0 || m.nrec == 0) {
		l->st.ctl_bad++;
		return;
	}
	l->st.reg_in++;
	if (ms_site_of(l, &m.rec[0].eid, &site, &pfx) != 0) {
		log_debug("Map-Register for an EID no site has");
		return;
	}
	key = l->conf->site[site].key;
	if (lisp_map_verify(buf, len, &m, key, strlen(key)) != 0) {
		struct site_stats *ss = ms_site_stats(l,
		    l->conf->site[site].name);

		if (ss != NULL)
			ss->auth_fail++;
		l->st.reg_auth_fail++;
		log_reg(IOS_WARNING, "MAP_SERVER_REGISTER_AUTHENTICATION_"
		    "FAILURE", "Failed to authenticate map-register for EID-"
		    "prefix", &m.rec[0], l->conf->site[site].name, from);
		return;
	}
	for (i = 0; i < m.nrec; i++) {
		const struct lisp_record *rec = &m.rec[i];
		struct ms_reg *r;
		size_t s2, p2, k;

		if (ms_site_of(l, &rec->eid, &s2, &p2) != 0 || s2 != site)
			continue;
		/* A late "you lost it" to this ETR about this EID is void. */
		for (k = 0; k < MS_MAX_NOTIFY; k++)
			if (l->notq[k].used && lisp_addr_cmp(&l->notq[k].to,
			    from) == 0 && lisp_addr_cmp(&l->notq[k].rec.eid,
			    &rec->eid) == 0)
				l->notq[k].used = 0;
		if (rec->ttl == 0) {
			/* Deregistration (the host left that ETR). */
			for (k = 0; k < MS_MAX_REG; k++)
				if (l->reg[k].used && l->reg[k].iid ==
				    rec->iid && lisp_addr_cmp(&l->reg[k].eid,
				    &rec->eid) == 0 && lisp_addr_cmp(
				    &l->reg[k].etr, from) == 0) {
					l->reg[k].used = 0;
					changed = 1;
				}
			continue;
		}
		/*
		 * A more-specific (a dynamic EID) registered by a new ETR
		 * takes over: the ETRs that held it lose it and are told
		 * with a Map-Notify carrying the new mapping.
		 */
		if (lisp_addr_cmp(&l->conf->site[site].pfx[p2].eid,
		    &rec->eid) != 0)
			for (k = 0; k < MS_MAX_REG; k++) {
				struct ms_reg *g = &l->reg[k];
				char a[LISP_ADDR_STRLEN], b[LISP_ADDR_STRLEN],
				    c[LISP_ADDR_STRLEN];

				if (!g->used || g->iid != rec->iid ||
				    lisp_addr_cmp(&g->eid, &rec->eid) != 0 ||
				    lisp_addr_cmp(&g->etr, from) == 0)
					continue;
				ios_log(IOS_NOTICE, "LISP", "MS_EID_MOVED", "%s moved "
				    "from ETR %s to %s", lisp_addr_fmt(&rec->eid, 1,
				    a, sizeof(a)), lisp_addr_fmt(&g->etr, 0, b,
				    sizeof(b)), lisp_addr_fmt(from, 0, c,
				    sizeof(c)));
				ms_notify_queue(l, g, rec);
				g->used = 0;
				changed = 1;
			}
		if ((r = ms_reg_slot(l, site, rec->iid, &rec->eid, from)) ==
		    NULL)
			continue;
		if (!r->used) {
			changed = 1;
			log_reg(IOS_NOTICE, "MAP_SERVER_REGISTRATION",
			    "Registration of EID-prefix", rec,
			    l->conf->site[site].name, from);
		}
		r->used = 1;
		r->site = site;
		snprintf(r->site_name, sizeof(r->site_name), "%s",
		    l->conf->site[site].name);
		r->iid = rec->iid;
		r->eid = rec->eid;
		r->etr = *from;
		r->last = lispd_now();
		r->ttl = rec->ttl;
		r->proxy = (m.flags & LISP_MREG_P) != 0;
		r->notify = (m.flags & LISP_MREG_M) != 0;
		r->more = lisp_addr_cmp(&l->conf->site[site].pfx[p2].eid,
		    &rec->eid) != 0;
		r->alg = m.alg_id;
		r->nonce = m.nonce;
		memcpy(r->xtr_id, m.xtr_id, sizeof(r->xtr_id));
		r->nloc = 0;
		for (k = 0; k < rec->nloc && k < LC_MAX_LOC; k++)
			r->loc[r->nloc++] = rec->loc[k];
	}
	if (changed)
		ms_changed(l);
	if (m.flags & LISP_MREG_M) {
		m.type = LISP_MAP_NOTIFY;
		m.flags = (m.flags & LISP_MREG_I) ? LISP_MNOT_I : 0;
		if (lisp_map_encode(out, sizeof(out), &m, key, strlen(key),
		    &olen) == 0)
			send_ctl(l, from, LISP_CONTROL_PORT, out, olen);
	}
}

/* The most specific registration covering eid, or NULL. */
static const struct ms_reg *
ms_lookup(const struct lispd *l, uint32_t iid, const struct lisp_addr *eid)
{
	const struct ms_reg	*best = NULL;
	size_t			 i;

	for (i = 0; i < MS_MAX_REG; i++) {
		const struct ms_reg *r = &l->reg[i];

		if (r->used && r->iid == iid && lisp_addr_contains(&r->eid,
		    eid) && (best == NULL || r->eid.plen > best->eid.plen))
			best = r;
	}
	return best;
}

/*
 * The negative prefix for an EID nobody registered: the configured site
 * prefix covering it, or the shortest prefix around it that overlaps no
 * configured prefix (the covering non-EID prefix).
 */
static void
mr_negative(const struct lispd *l, const struct lisp_addr *eid,
    struct lisp_record *r)
{
	struct lisp_addr	 p;
	size_t			 i, j;
	int			 plen, clash;

	memset(r, 0, sizeof(*r));
	r->action = LISP_ACT_NATIVE;
	for (i = 0; i < l->conf->nsite; i++)
		for (j = 0; j < l->conf->site[i].npfx; j++)
			if (lisp_addr_contains(&l->conf->site[i].pfx[j].eid,
			    eid)) {
				r->eid = l->conf->site[i].pfx[j].eid;
				r->ttl = NEG_TTL_EID;
				return;
			}
	r->ttl = NEG_TTL_NONEID;
	for (plen = 0; plen <= 32; plen++) {
		p = *eid;
		p.plen = 32;
		{
			uint32_t a;

			memcpy(&a, p.a, 4);
			a = ntohl(a);
			lisp_addr_v4(&p, a, (uint8_t)plen);
		}
		clash = 0;
		for (i = 0; i < l->conf->nsite && !clash; i++)
			for (j = 0; j < l->conf->site[i].npfx; j++) {
				const struct lisp_addr *s =
				    &l->conf->site[i].pfx[j].eid;

				if (lisp_addr_contains(&p, s) ||
				    lisp_addr_contains(s, &p))
					clash = 1;
			}
		if (!clash)
			break;
	}
	r->eid = p;
}

static void
mr_send_record(struct lispd *l, const struct lisp_map_request *rq,
    struct lisp_record *r, uint16_t port)
{
	struct lisp_map	 m;
	uint8_t		 buf[2048];
	size_t		 len, i;

	memset(&m, 0, sizeof(m));
	m.type = LISP_MAP_REPLY;
	m.nonce = rq->nonce;
	m.rec = r;
	m.rec_cap = m.nrec = 1;
	if (lisp_map_encode(buf, sizeof(buf), &m, NULL, 0, &len) != 0)
		return;
	for (i = 0; i < rq->nitr; i++)
		if (rq->itr[i].afi == LISP_AFI_IPV4) {
			send_ctl(l, &rq->itr[i], port, buf, len);
			return;
		}
}

/* Map-resolver: a Map-Request in an ECM (whole, as received). */
static void
mr_resolve(struct lispd *l, const struct lisp_map_request *rq,
    const uint8_t *ecm, size_t ecm_len, uint16_t port)
{
	const struct ms_reg	*r;
	struct lisp_record	 rec;
	size_t			 i;

	r = ms_lookup(l, rq->eid[0].iid, &rq->eid[0].eid);
	if (r == NULL) {
		mr_negative(l, &rq->eid[0].eid, &rec);
		mr_send_record(l, rq, &rec, port);
		l->st.neg_out++;
		return;
	}
	if (r->proxy) {
		memset(&rec, 0, sizeof(rec));
		rec.ttl = r->ttl;
		rec.iid = r->iid;
		rec.eid = r->eid;
		for (i = 0; i < r->nloc; i++)
			rec.loc[rec.nloc++] = r->loc[i];
		mr_send_record(l, rq, &rec, port);
		return;
	}
	send_ctl(l, &r->etr, LISP_CONTROL_PORT, ecm, ecm_len);
	l->st.mreq_fwd++;
}

/*
 * ITR.
 */
static struct pending *
pend_find(struct lispd *l, uint64_t nonce)
{
	size_t	 i;

	for (i = 0; i < LD_MAX_PENDING; i++)
		if (l->pend[i].used && l->pend[i].nonce == nonce)
			return &l->pend[i];
	return NULL;
}

/* mr: the map-resolver to ask, NULL for the configured one. */
static int
request(struct lispd *l, uint32_t iid, const struct lisp_addr *eid,
    const struct lisp_addr *src, const struct lisp_addr *mr,
    struct ipc_peer *lig, uint32_t reqid, int force, uint32_t flags)
{
	struct lisp_map_request	*rq = &l->mreq;
	struct lisp_ecm		 e;
	struct pending		*p = NULL;
	struct lisp_addr	 me, h;
	uint8_t			 msg[1024], buf[1500];
	size_t			 i, mlen, len;
	uint64_t		 now = lispd_now_us();

	if (l->conf == NULL || (mr == NULL && l->conf->nmr == 0))
		return -1;
	if (mr == NULL)
		mr = &l->conf->mr_addr[0];
	host(&h, eid);
	for (i = 0; i < LD_MAX_PENDING; i++) {
		struct pending *q = &l->pend[i];

		if (q->used && !force && q->lig == NULL && q->iid == iid &&
		    lisp_addr_cmp(&q->eid, &h) == 0 &&
		    now - q->sent_us < REQ_INTERVAL_US)
			return 0;	/* rate limit */
		if (!q->used && p == NULL)
			p = q;
	}
	if (p == NULL) {
		l->st.req_nopend++;
		return -1;
	}
	lispd_local_rloc(l, &me);
	if (me.afi == LISP_AFI_NONE)
		return -1;
	memset(rq, 0, sizeof(*rq));
	rq->flags = flags;
	rq->nonce = rand64();
	if (src != NULL)
		rq->src_eid = *src;
	rq->nitr = 1;
	rq->itr[0] = me;
	rq->neid = 1;
	rq->eid[0].iid = iid;
	rq->eid[0].eid = h;
	if (lisp_map_request_encode(msg, sizeof(msg), rq, &mlen) != 0)
		return -1;
	memset(&e, 0, sizeof(e));
	e.src = me;
	e.dst = h;
	e.sport = LISP_CONTROL_PORT;
	e.dport = LISP_CONTROL_PORT;
	e.ttl = 64;
	e.msg = msg;
	e.msg_len = mlen;
	if (lisp_ecm_encode(buf, sizeof(buf), &e, &len) != 0)
		return -1;
	memset(p, 0, sizeof(*p));
	p->used = 1;
	p->nonce = rq->nonce;
	p->iid = iid;
	p->eid = h;
	p->sent_us = now;
	p->expires = lispd_now() + REQ_TIMEOUT;
	p->lig = lig;
	p->lig_reqid = reqid;
	send_ctl(l, mr, LISP_CONTROL_PORT, buf, len);
	return 0;
}

int
ctl_request(struct lispd *l, uint32_t iid, const struct lisp_addr *eid,
    const struct lisp_addr *src, struct ipc_peer *lig, uint32_t reqid,
    int force)
{
	return request(l, iid, eid, src, NULL, lig, reqid, force, 0);
}

int
ctl_request_via(struct lispd *l, uint32_t iid, const struct lisp_addr *eid,
    const struct lisp_addr *src, const struct lisp_addr *mr,
    struct ipc_peer *lig, uint32_t reqid, int force)
{
	return request(l, iid, eid, src, mr, lig, reqid, force, 0);
}

void
ctl_smr(struct lispd *l, uint32_t iid, const struct lisp_addr *eid,
    const struct lisp_addr *itr)
{
	struct lisp_map_request	*rq = &l->mreq;
	struct lisp_addr	 me;
	uint8_t			 msg[1024];
	size_t			 mlen;

	lispd_local_rloc(l, &me);
	if (me.afi == LISP_AFI_NONE)
		return;
	memset(rq, 0, sizeof(*rq));
	rq->flags = LISP_MREQ_S;
	rq->nonce = rand64();
	rq->src_eid = *eid;
	rq->src_iid = iid;
	rq->nitr = 1;
	rq->itr[0] = me;
	rq->neid = 1;
	rq->eid[0].iid = iid;
	rq->eid[0].eid = *eid;
	if (lisp_map_request_encode(msg, sizeof(msg), rq, &mlen) == 0)
		send_ctl(l, itr, LISP_CONTROL_PORT, msg, mlen);
}

int
ctl_probe(struct lispd *l, uint32_t iid, const struct lisp_addr *eid,
    const struct lisp_addr *rloc, uint64_t *nonce)
{
	struct lisp_map_request	*rq = &l->mreq;
	struct lisp_addr	 me;
	uint8_t			 msg[1024];
	size_t			 mlen;

	lispd_local_rloc(l, &me);
	if (me.afi == LISP_AFI_NONE)
		return -1;
	memset(rq, 0, sizeof(*rq));
	rq->flags = LISP_MREQ_P;
	rq->nonce = rand64();
	rq->nitr = 1;
	rq->itr[0] = me;
	rq->neid = 1;
	rq->eid[0].iid = iid;
	rq->eid[0].eid = *eid;
	if (lisp_map_request_encode(msg, sizeof(msg), rq, &mlen) != 0)
		return -1;
	*nonce = rq->nonce;
	send_ctl(l, rloc, LISP_CONTROL_PORT, msg, mlen);
	return 0;
}

void
ctl_forget_peer(struct lispd *l, struct ipc_peer *peer)
{
	size_t	 i;

	for (i = 0; i < LD_MAX_PENDING; i++)
		if (l->pend[i].used && l->pend[i].lig == peer)
			l->pend[i].lig = NULL;
}

/* Whether an EID prefix is one of ours (never routed into LISP0). */
static int
is_local_eid(const struct lispd *l, const struct lisp_record *r)
{
	return db_find(l, r->iid, &r->eid) != NULL;
}

static void
lig_answer(struct lispd *l, struct pending *p, const struct lisp_record *r,
    const struct lisp_addr *from, int self)
{
	struct ipc_msg	*m;
	char		 s[LISP_ADDR_STRLEN];
	size_t		 i;

	m = ipc_msg_new(IPC_RESULT, p->lig_reqid);
	if (m == NULL)
		return;
	ipc_msg_add_u32(m, IPC_T_STATUS, IPC_S_OK);
	ipc_msg_add_str(m, IPC_T_SOURCE, lisp_addr_fmt(from, 0, s,
	    sizeof(s)));
	ipc_msg_add_u32(m, IPC_T_RTT, (uint32_t)(lispd_now_us() -
	    p->sent_us));
	ipc_msg_add_str(m, IPC_T_LISP_EID, lisp_addr_fmt(&r->eid, 1, s,
	    sizeof(s)));
	ipc_msg_add_u32(m, IPC_T_LISP_SOURCE, self ? 9 : MC_SRC_MAP_REPLY);
	ipc_msg_add_u32(m, IPC_T_LISP_ACTION, r->action);
	ipc_msg_add_u64(m, IPC_T_LISP_UPTIME, 0);
	ipc_msg_add_u64(m, IPC_T_LISP_EXPIRES, (uint64_t)r->ttl * 60);
	for (i = 0; i < r->nloc; i++) {
		ipc_msg_add_str(m, IPC_T_LISP_RLOC, lisp_addr_fmt(
		    &r->loc[i].addr, 0, s, sizeof(s)));
		ipc_msg_add_u32(m, IPC_T_LISP_PRI, r->loc[i].priority);
		ipc_msg_add_u32(m, IPC_T_LISP_WGT, r->loc[i].weight);
		ipc_msg_add_u32(m, IPC_T_LISP_LSTATE, 1);
	}
	ipc_peer_send(p->lig, m);
	ipc_msg_free(m);
	p->lig = NULL;
}

/* The map-cache entry a Map-Reply gave for exactly (iid, eid), if any,
 * and its route. */
static void
forget_reply(struct lispd *l, uint32_t iid, const struct lisp_addr *eid)
{
	const struct mc_entry	*e;
	struct mc_info		 in;

	if ((e = mc_find(l->mc, iid, eid)) == NULL)
		return;
	mc_entry_info(e, &in);
	if (in.source != MC_SRC_MAP_REPLY)
		return;
	if (in.nloc > 0)
		data_route(l, eid, 0);
	mc_delete(l->mc, iid, eid);
}

/*
 * ITR: a Map-Reply.  Only the records that cover the EID its Map-Request
 * asked for are taken (lisp_record_covers); the others are dropped and
 * counted: a matching nonce proves only that the sender saw our request,
 * not that it may speak for other EIDs.
 */
static void
itr_reply(struct lispd *l, const uint8_t *buf, size_t len,
    const struct lisp_addr *from)
{
	struct lisp_map		 m;
	struct mc_locator	 loc[LISP_MAX_LOCATORS];
	struct mc_mapping	 mm;
	struct pending		*p;
	size_t			 i, k;

	memset(&m, 0, sizeof(m));
	m.rec = l->rec;
	m.rec_cap = LISP_MAX_RECORDS;
	if (lisp_map_decode(buf, len, &m) != 0) {
		l->st.ctl_bad++;
		return;
	}
	l->st.mrep_in++;
	if ((m.flags & LISP_MREP_P) && probe_reply(l, m.nonce) == 0)
		return;
	if ((p = pend_find(l, m.nonce)) == NULL) {
		l->st.bad_nonce++;
		return;
	}
	for (i = 0; i < m.nrec; i++) {
		struct lisp_record *r = &m.rec[i];
		int self;

		if (!lisp_record_covers(r, p->iid, &p->eid)) {
			l->st.mrep_uncovered++;
			continue;
		}
		self = is_local_eid(l, r);
		if (p->lig != NULL)
			lig_answer(l, p, r, from, self);
		if (self || !(l->conf->itr || l->conf->pitr))
			continue;
		/* Our own dynamic-EID prefix keeps its send-map-request entry
		 * (a negative reply for it must not replace it). */
		if (r->nloc == 0 && mob_is_dynpfx(l, r->iid, &r->eid))
			continue;
		/* TTL 0: not to be cached, and what we held for the prefix
		 * from an earlier reply goes (RFC 9301 5.4). */
		if (r->ttl == 0) {
			forget_reply(l, r->iid, &r->eid);
			continue;
		}
		memset(&mm, 0, sizeof(mm));
		mm.iid = r->iid;
		mm.eid = r->eid;
		mm.action = r->action;
		mm.source = MC_SRC_MAP_REPLY;
		mm.map_source = *from;
		mm.ttl = lisp_ttl_seconds(r->ttl);
		for (k = 0; k < r->nloc; k++) {
			memset(&loc[k], 0, sizeof(loc[k]));
			loc[k].rloc = r->loc[k].addr;
			loc[k].priority = r->loc[k].priority;
			loc[k].weight = r->loc[k].weight;
			loc[k].flags = MC_LOC_UP;
		}
		mm.nloc = r->nloc;
		mm.loc = loc;
		if (mc_insert(l->mc, &mm, lispd_now()) == 0 && r->nloc > 0) {
			probe_learnt(l, r->iid, &r->eid, loc, r->nloc);
			data_route(l, &r->eid, 1);
		}
	}
	/* A lig whose answer covered nothing it asked for: say so now
	 * rather than at the request's timeout. */
	if (p->lig != NULL) {
		struct ipc_msg *e = ipc_msg_result(p->lig_reqid, IPC_S_ERROR,
		    "");

		if (e != NULL)
			ipc_peer_send(p->lig, e);
		ipc_msg_free(e);
		p->lig = NULL;
	}
	p->used = 0;
}

/* A Map-Request, direct or from an ECM (ecm: the whole ECM). */
static void
on_request(struct lispd *l, const uint8_t *msg, size_t len,
    const uint8_t *ecm, size_t ecm_len, uint16_t port)
{
	struct lisp_map_request	*rq = &l->mreq;
	const struct lc_db	*d;

	if (lisp_map_request_decode(msg, len, rq) != 0) {
		l->st.ctl_bad++;
		return;
	}
	l->st.mreq_in++;
	if (rq->neid == 0)
		return;
	if (rq->flags & LISP_MREQ_S) {
		/* Solicit-Map-Request: our mapping for the EID is stale;
		 * ask the map-resolver again (SMR-invoked). */
		if ((l->conf->itr || l->conf->pitr) && ecm == NULL) {
			char s[LISP_ADDR_STRLEN];

			ios_log(IOS_INFO, "LISP", "SMR", "Solicit-Map-Request for %s",
			    lisp_addr_fmt(&rq->eid[0].eid, 1, s, sizeof(s)));
			request(l, rq->eid[0].iid, &rq->eid[0].eid, NULL,
			    NULL, NULL, 0, 1, LISP_MREQ_SMRI);
		}
		return;
	}
	if (l->conf->etr && (d = db_find(l, rq->eid[0].iid,
	    &rq->eid[0].eid)) != NULL) {
		etr_reply(l, rq, d, port);
		return;
	}
	if (ecm != NULL && l->conf->mr)
		mr_resolve(l, rq, ecm, ecm_len, port);
}

/* The kernel's count of datagrams dropped on a full receive queue
 * (SO_RXQ_OVFL), carried by each datagram: kept as a total. */
static void
ctl_note_drops(struct lispd *l, struct msghdr *mh)
{
	struct cmsghdr	*cm;
	uint32_t	 dropped;

	for (cm = CMSG_FIRSTHDR(mh); cm != NULL; cm = CMSG_NXTHDR(mh, cm))
		if (cm->cmsg_level == SOL_SOCKET &&
		    cm->cmsg_type == SO_RXQ_OVFL &&
		    cm->cmsg_len >= CMSG_LEN(sizeof(dropped))) {
			memcpy(&dropped, CMSG_DATA(cm), sizeof(dropped));
			if (dropped > l->st.ctl_rcv_drop)
				log_warnx("control socket: %llu Map-Requests "
				    "or replies dropped on a full receive "
				    "queue", (unsigned long long)(dropped -
				    l->st.ctl_rcv_drop));
			l->st.ctl_rcv_drop = dropped;
		}
}

static void
on_ctl(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd		*l = arg;
	uint8_t			 buf[9000];
	union {
		struct cmsghdr	 hdr;
		uint8_t		 b[CMSG_SPACE(sizeof(uint32_t))];
	}			 cbuf;
	struct iovec		 iov;
	struct msghdr		 mh;
	struct sockaddr_in	 sin;
	struct lisp_addr	 from;
	struct lisp_ecm		 e;
	ssize_t			 n;
	int			 i, type;

	(void)ev;
	for (i = 0; i < 64; i++) {
		memset(&mh, 0, sizeof(mh));
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		mh.msg_name = &sin;
		mh.msg_namelen = sizeof(sin);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cbuf.b;
		mh.msg_controllen = sizeof(cbuf.b);
		n = recvmsg(fd, &mh, MSG_DONTWAIT);
		if (n <= 0)
			return;
		ctl_note_drops(l, &mh);
		if (l->conf == NULL || !l->conf->present)
			continue;
		l->st.ctl_in++;
		lisp_addr_set(&from, LISP_AFI_IPV4, &sin.sin_addr, 32);
		type = lisp_ctl_type(buf, (size_t)n);
		switch (type) {
		case LISP_ECM:
			if (lisp_ecm_decode(buf, (size_t)n, &e) != 0 ||
			    lisp_ctl_type(e.msg, e.msg_len) !=
			    LISP_MAP_REQUEST) {
				l->st.ctl_bad++;
				break;
			}
			on_request(l, e.msg, e.msg_len, buf, (size_t)n,
			    e.sport);
			break;
		case LISP_MAP_REQUEST:
			on_request(l, buf, (size_t)n, NULL, 0,
			    ntohs(sin.sin_port));
			break;
		case LISP_MAP_REPLY:
			itr_reply(l, buf, (size_t)n, &from);
			break;
		case LISP_MAP_REGISTER:
			if (l->conf->ms)
				ms_register(l, buf, (size_t)n, &from);
			break;
		case LISP_MAP_NOTIFY:
			etr_notify(l, buf, (size_t)n, &from);
			break;
		case LISP_MAP_NOTIFY_ACK:
			if (l->conf->ms)
				ms_notify_ack(l, buf, (size_t)n, &from);
			break;
		default:
			l->st.ctl_bad++;
			break;
		}
	}
}

/* An expiring map-cache entry: withdraw its route into lisp0 (a route
 * only a positive entry installed; deleting a missing one is harmless). */
static int
on_expired(const struct mc_entry *e, void *arg)
{
	struct lispd	*l = arg;
	struct mc_info	 in;

	mc_entry_info(e, &in);
	if (in.nloc > 0)
		data_route(l, &in.eid, 0);
	return 0;
}

/* Once a second: expire requests, registrations and map-cache entries. */
static void
on_tick(evutil_socket_t fd, short ev, void *arg)
{
	struct lispd	*l = arg;
	struct timeval	 tv = { 1, 0 };
	uint64_t	 now = lispd_now();
	size_t		 i;
	int		 gone = 0;

	(void)fd;
	(void)ev;
	for (i = 0; i < LD_MAX_PENDING; i++) {
		struct pending *p = &l->pend[i];

		if (!p->used || p->expires > now)
			continue;
		if (p->lig != NULL) {
			struct ipc_msg *m = ipc_msg_result(p->lig_reqid,
			    IPC_S_ERROR, "");

			if (m != NULL)
				ipc_peer_send(p->lig, m);
			ipc_msg_free(m);
		}
		p->used = 0;
	}
	for (i = 0; i < MS_MAX_REG; i++)
		if (l->reg[i].used && l->reg[i].last + REG_EXPIRY <= now) {
			l->reg[i].used = 0;
			gone = 1;
		}
	if (gone)
		l->ms_dirty = 1;
	if (l->ms_dirty && lispd_now_us() - l->ms_saved_us >= MS_SAVE_GAP_US)
		ms_flush(l);
	/* Unacknowledged Map-Notifies: once a second, five times. */
	for (i = 0; i < MS_MAX_NOTIFY; i++)
		if (l->notq[i].used && l->notq[i].tries++ < 5)
			ms_notify_send(l, &l->notq[i]);
		else
			l->notq[i].used = 0;
	/* Through mapcache's expiry queue: the cost is the entries that
	 * expire, not the size of the map-cache. */
	mc_expire(l->mc, now, on_expired, l);
	evtimer_add(l->tick, &tv);
}

/* The positive learnt entries whose routes clear must withdraw. */
struct learnt {
	struct lisp_addr	*eid;
	size_t			 n, cap;
};

static int
collect_learnt(const struct mc_entry *e, void *arg)
{
	struct learnt	*x = arg;
	struct mc_info	 in;

	mc_entry_info(e, &in);
	if ((in.source != MC_SRC_MAP_REPLY && in.source != MC_SRC_PENDING) ||
	    in.nloc == 0)
		return 0;
	if (x->n == x->cap) {
		size_t			 cap = x->cap ? x->cap * 2 : 64;
		struct lisp_addr	*p;

		if ((p = reallocarray(x->eid, cap, sizeof(*p))) == NULL)
			return -1;
		x->eid = p;
		x->cap = cap;
	}
	x->eid[x->n++] = in.eid;
	return 0;
}

size_t
ctl_clear_mapcache(struct lispd *l)
{
	struct learnt	 x = { NULL, 0, 0 };
	size_t		 i, n;

	/* Routes first, while the entries say which prefixes had one; a
	 * walk cut short by memory leaves routes that the next clear or the
	 * entries' replacement withdraws. */
	mc_walk(l->mc, collect_learnt, &x);
	for (i = 0; i < x.n; i++)
		data_route(l, &x.eid[i], 0);
	free(x.eid);
	n = mc_clear(l->mc, 1u << MC_SRC_MAP_REPLY | 1u << MC_SRC_PENDING);
	/* A static entry may share a prefix with a route just withdrawn. */
	data_reconfigure(l);
	return n;
}

void
ctl_reconfigure(struct lispd *l)
{
	struct timeval	 now = { 0, 0 };
	size_t		 i;

	/*
	 * A registration stays (until its expiry) only while its site
	 * still exists and still holds its EID; sites are found by name,
	 * since adding or removing one moves the others' indexes.
	 */
	for (i = 0; i < MS_MAX_REG; i++) {
		struct ms_reg *r = &l->reg[i];
		size_t site, pfx;

		if (!r->used)
			continue;
		if (!l->conf->ms || ms_site_of(l, &r->eid, &site, &pfx) != 0 ||
		    strcmp(l->conf->site[site].name, r->site_name) != 0) {
			r->used = 0;
			l->ms_dirty = 1;
			continue;
		}
		r->site = site;
		r->more = lisp_addr_cmp(&l->conf->site[site].pfx[pfx].eid,
		    &r->eid) != 0;
	}
	/* A removed site's counters go with it; the others stay under
	 * their names wherever their sites moved. */
	for (i = 0; i < LC_MAX_SITE; i++) {
		size_t site;

		if (l->sstat[i].name[0] != '\0' && (!l->conf->ms ||
		    ms_site_named(l, l->sstat[i].name, &site) != 0))
			memset(&l->sstat[i], 0, sizeof(l->sstat[i]));
	}
	/* A Map-Notify under way is signed with its site's key. */
	for (i = 0; i < MS_MAX_NOTIFY; i++)
		if (l->notq[i].used && (!l->conf->ms || ms_site_named(l,
		    l->notq[i].site_name, &l->notq[i].site) != 0))
			l->notq[i].used = 0;
	evtimer_del(l->reg_timer);
	evtimer_add(l->reg_timer, &now);	/* register on change */
}

int
ctl_start(struct lispd *l)
{
	struct sockaddr_in	 sin;
	struct timeval		 tv = { 1, 0 };
	int			 on = 1, rcvbuf = CTL_RCVBUF;

	if ((l->reg = calloc(MS_MAX_REG, sizeof(*l->reg))) == NULL ||
	    (l->notq = calloc(MS_MAX_NOTIFY, sizeof(*l->notq))) == NULL ||
	    (l->rec = calloc(LISP_MAX_RECORDS, sizeof(*l->rec))) == NULL)
		return -1;
	ms_load(l);
	l->ctl_fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (l->ctl_fd < 0)
		return -1;
	setsockopt(l->ctl_fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	/* A burst of Map-Requests (a map-resolver's load, every ITR's miss
	 * at once) must not overflow the default ~200 KB queue: ask for
	 * CTL_RCVBUF past net.core.rmem_max where we may (root), else as
	 * much as rmem_max allows; what still drops is counted. */
	if (setsockopt(l->ctl_fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
	    sizeof(rcvbuf)) != 0)
		setsockopt(l->ctl_fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
		    sizeof(rcvbuf));
	setsockopt(l->ctl_fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof(on));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(LISP_CONTROL_PORT);
	if (bind(l->ctl_fd, (struct sockaddr *)&sin, sizeof(sin)) != 0)
		return -1;
	l->ctl_ev = event_new(l->base, l->ctl_fd, EV_READ | EV_PERSIST,
	    on_ctl, l);
	l->reg_timer = evtimer_new(l->base, on_reg_timer, l);
	l->tick = evtimer_new(l->base, on_tick, l);
	if (l->ctl_ev == NULL || l->reg_timer == NULL || l->tick == NULL)
		return -1;
	event_add(l->ctl_ev, NULL);
	evtimer_add(l->tick, &tv);
	{
		uint64_t a = rand64(), b = rand64();

		memcpy(l->xtr_id, &a, 8);
		memcpy(l->xtr_id + 8, &b, 8);
	}
	return 0;
}

void
ctl_stop(struct lispd *l)
{
	/* What the last second changed (a clean shutdown: SIGTERM). */
	if (l->reg != NULL && l->ms_dirty) {
		ms_flush(l);
		if (!l->ms_dirty)
			log_info("map-server: registrations saved at "
			    "shutdown");
	}
	if (l->ctl_ev != NULL)
		event_free(l->ctl_ev);
	if (l->reg_timer != NULL)
		event_free(l->reg_timer);
	if (l->tick != NULL)
		event_free(l->tick);
	if (l->ctl_fd >= 0)
		close(l->ctl_fd);
	free(l->reg);
	free(l->notq);
	free(l->rec);
}
