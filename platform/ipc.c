/*
 * The IPC codec: building frames and parsing them.  Pure code, no I/O.
 *
 * Every byte read from a frame goes through the cursor below, which checks
 * the remaining length before it moves; nothing else does length
 * arithmetic on untrusted input.  A parsed message keeps an index of its
 * fields (tag, kind, offset, length), built once, so getters and iterators
 * never walk the wire again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform/ipc.h"

#define FIELD_HDR_LEN	8
#define MSG_INITIAL_CAP	256

struct ipc_field {
	uint16_t	 tag;
	uint8_t		 kind;
	uint32_t	 off;		/* of the value, from the frame start */
	uint32_t	 len;
};

struct ipc_msg {
	uint8_t		*buf;		/* the frame: header, then fields */
	size_t		 len;
	size_t		 cap;
	struct ipc_field *fields;	/* index, in wire order */
	size_t		 nfields;
	size_t		 fcap;
};

struct ipc_hdr {
	uint8_t		 version;
	uint8_t		 flags;
	uint16_t	 type;
	uint32_t	 reqid;
	uint32_t	 length;
};

/* A bounds-checked reader over untrusted bytes. */
struct cursor {
	const uint8_t	*p;
	size_t		 len;
	size_t		 off;
};

static void
cur_init(struct cursor *c, const void *p, size_t len)
{
	c->p = p;
	c->len = len;
	c->off = 0;
}

static size_t
cur_left(const struct cursor *c)
{
	return c->len - c->off;
}

/* Takes n bytes; IPC_E_SHORT (and nothing consumed) if fewer are left. */
static int
cur_take(struct cursor *c, size_t n, const uint8_t **out)
{
	if (n > cur_left(c))
		return IPC_E_SHORT;
	*out = c->p + c->off;
	c->off += n;
	return 0;
}

static int
cur_u8(struct cursor *c, uint8_t *v)
{
	const uint8_t	*b;
	int		 rc;

	if ((rc = cur_take(c, 1, &b)) != 0)
		return rc;
	*v = b[0];
	return 0;
}

static int
cur_u16(struct cursor *c, uint16_t *v)
{
	const uint8_t	*b;
	int		 rc;

	if ((rc = cur_take(c, 2, &b)) != 0)
		return rc;
	*v = (uint16_t)(b[0] << 8 | b[1]);
	return 0;
}

static int
cur_u32(struct cursor *c, uint32_t *v)
{
	const uint8_t	*b;
	int		 rc;

	if ((rc = cur_take(c, 4, &b)) != 0)
		return rc;
	*v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
	return 0;
}

static uint32_t
get_be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static uint64_t
get_be64(const uint8_t *b)
{
	return (uint64_t)get_be32(b) << 32 | get_be32(b + 4);
}

static void
put_be16(uint8_t *b, uint16_t v)
{
	b[0] = v >> 8;
	b[1] = v & 0xff;
}

static void
put_be32(uint8_t *b, uint32_t v)
{
	b[0] = v >> 24;
	b[1] = (v >> 16) & 0xff;
	b[2] = (v >> 8) & 0xff;
	b[3] = v & 0xff;
}

static void
put_be64(uint8_t *b, uint64_t v)
{
	put_be32(b, (uint32_t)(v >> 32));
	put_be32(b + 4, (uint32_t)v);
}

const char *
ipc_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case IPC_E_NOMEM:
		return "out of memory";
	case IPC_E_SHORT:
		return "message truncated";
	case IPC_E_VERSION:
		return "IPC version mismatch";
	case IPC_E_TOOBIG:
		return "message too large";
	case IPC_E_FIELD:
		return "malformed field";
	case IPC_E_NOFIELD:
		return "no such field";
	case IPC_E_KIND:
		return "field has another kind";
	case IPC_E_IO:
		return "socket error";
	case IPC_E_CLOSED:
		return "connection closed";
	case IPC_E_TIMEOUT:
		return "timed out";
	case IPC_E_PROTO:
		return "protocol error";
	default:
		return "unknown IPC error";
	}
}

/* Decodes and checks a header: version and payload bound. */
static int
hdr_decode(struct cursor *c, struct ipc_hdr *h)
{
	int	 rc;

	if (cur_left(c) < IPC_HDR_LEN)
		return IPC_E_SHORT;
	if ((rc = cur_u8(c, &h->version)) != 0 ||
	    (rc = cur_u8(c, &h->flags)) != 0 ||
	    (rc = cur_u16(c, &h->type)) != 0 ||
	    (rc = cur_u32(c, &h->reqid)) != 0 ||
	    (rc = cur_u32(c, &h->length)) != 0)
		return rc;
	if (h->version != IPC_VERSION)
		return IPC_E_VERSION;
	if (h->length > IPC_MAX_PAYLOAD)
		return IPC_E_TOOBIG;
	return 0;
}

/* Decodes one field at the cursor and checks it against its kind. */
static int
field_decode(struct cursor *c, struct ipc_field *f)
{
	const uint8_t	*v;
	uint8_t		 zero;
	int		 rc;

	if ((rc = cur_u16(c, &f->tag)) != 0 ||
	    (rc = cur_u8(c, &f->kind)) != 0 ||
	    (rc = cur_u8(c, &zero)) != 0 ||
	    (rc = cur_u32(c, &f->len)) != 0 ||
	    (rc = cur_take(c, f->len, &v)) != 0)
		return rc;
	f->off = (uint32_t)(v - c->p);
	if (zero != 0)
		return IPC_E_FIELD;
	switch (f->kind) {
	case IPC_K_U32:
		return f->len == 4 ? 0 : IPC_E_FIELD;
	case IPC_K_U64:
		return f->len == 8 ? 0 : IPC_E_FIELD;
	case IPC_K_STR:
		if (f->len == 0 || v[f->len - 1] != '\0' ||
		    memchr(v, '\0', f->len - 1) != NULL)
			return IPC_E_FIELD;
		return 0;
	case IPC_K_BYTES:
		return 0;
	default:
		return IPC_E_FIELD;
	}
}

static int
index_push(struct ipc_msg *m, const struct ipc_field *f)
{
	struct ipc_field	*nf;
	size_t			 ncap;

	if (m->nfields == m->fcap) {
		ncap = m->fcap == 0 ? 16 : m->fcap * 2;
		nf = reallocarray(m->fields, ncap, sizeof(*nf));
		if (nf == NULL)
			return IPC_E_NOMEM;
		m->fields = nf;
		m->fcap = ncap;
	}
	m->fields[m->nfields++] = *f;
	return 0;
}

static int
msg_reserve(struct ipc_msg *m, size_t more)
{
	uint8_t	*nb;
	size_t	 ncap;

	if (more <= m->cap - m->len)
		return 0;
	ncap = m->cap == 0 ? MSG_INITIAL_CAP : m->cap;
	while (ncap - m->len < more)
		ncap *= 2;
	if ((nb = realloc(m->buf, ncap)) == NULL)
		return IPC_E_NOMEM;
	m->buf = nb;
	m->cap = ncap;
	return 0;
}

struct ipc_msg *
ipc_msg_new(uint16_t type, uint32_t reqid)
{
	struct ipc_msg	*m;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	if (msg_reserve(m, MSG_INITIAL_CAP) != 0) {
		free(m);
		return NULL;
	}
	m->buf[0] = IPC_VERSION;
	m->buf[1] = 0;
	put_be16(m->buf + 2, type);
	put_be32(m->buf + 4, reqid);
	put_be32(m->buf + 8, 0);
	m->len = IPC_HDR_LEN;
	return m;
}

void
ipc_msg_free(struct ipc_msg *m)
{
	if (m == NULL)
		return;
	free(m->fields);
	free(m->buf);
	free(m);
}

/* Appends a field of n value bytes (plus a NUL if nul is set). */
static int
msg_append(struct ipc_msg *m, uint16_t tag, uint8_t kind, const void *v,
    size_t n, int nul)
{
	struct ipc_field	 f;
	size_t			 vlen, payload;
	uint8_t			*p;
	int			 rc;

	payload = m->len - IPC_HDR_LEN;
	if (n > IPC_MAX_PAYLOAD ||
	    n + (nul ? 1 : 0) + FIELD_HDR_LEN > IPC_MAX_PAYLOAD - payload)
		return IPC_E_TOOBIG;
	vlen = n + (nul ? 1 : 0);
	if ((rc = msg_reserve(m, FIELD_HDR_LEN + vlen)) != 0)
		return rc;
	f.tag = tag;
	f.kind = kind;
	f.off = (uint32_t)(m->len + FIELD_HDR_LEN);
	f.len = (uint32_t)vlen;
	if ((rc = index_push(m, &f)) != 0)
		return rc;
	p = m->buf + m->len;
	put_be16(p, tag);
	p[2] = kind;
	p[3] = 0;
	put_be32(p + 4, (uint32_t)vlen);
	if (n > 0)
		memcpy(p + FIELD_HDR_LEN, v, n);
	if (nul)
		p[FIELD_HDR_LEN + n] = '\0';
	m->len += FIELD_HDR_LEN + vlen;
	put_be32(m->buf + 8, (uint32_t)(m->len - IPC_HDR_LEN));
	return 0;
}

int
ipc_msg_add_u32(struct ipc_msg *m, uint16_t tag, uint32_t v)
{
	uint8_t	 b[4];

	put_be32(b, v);
	return msg_append(m, tag, IPC_K_U32, b, sizeof(b), 0);
}

int
ipc_msg_add_u64(struct ipc_msg *m, uint16_t tag, uint64_t v)
{
	uint8_t	 b[8];

	put_be64(b, v);
	return msg_append(m, tag, IPC_K_U64, b, sizeof(b), 0);
}

int
ipc_msg_add_str(struct ipc_msg *m, uint16_t tag, const char *s)
{
	return msg_append(m, tag, IPC_K_STR, s, strlen(s), 1);
}

int
ipc_msg_add_strn(struct ipc_msg *m, uint16_t tag, const char *s, size_t n)
{
	/* The wire string must not hold a NUL of its own. */
	if (memchr(s, '\0', n) != NULL)
		return IPC_E_FIELD;
	return msg_append(m, tag, IPC_K_STR, s, n, 1);
}

int
ipc_msg_add_bytes(struct ipc_msg *m, uint16_t tag, const void *v, size_t n)
{
	return msg_append(m, tag, IPC_K_BYTES, v, n, 0);
}

const void *
ipc_msg_wire(const struct ipc_msg *m, size_t *len)
{
	*len = m->len;
	return m->buf;
}

int
ipc_frame_len(const void *buf, size_t avail, size_t *len)
{
	struct cursor	 c;
	struct ipc_hdr	 h;
	int		 rc;

	cur_init(&c, buf, avail);
	if ((rc = hdr_decode(&c, &h)) != 0)
		return rc;
	*len = IPC_HDR_LEN + (size_t)h.length;
	return 0;
}

int
ipc_frame_reqid(const void *buf, size_t avail, uint32_t *reqid)
{
	struct cursor	 c;
	struct ipc_hdr	 h;

	cur_init(&c, buf, avail);
	if (hdr_decode(&c, &h) == IPC_E_SHORT)
		return IPC_E_SHORT;
	*reqid = h.reqid;
	return 0;
}

int
ipc_msg_parse(const void *buf, size_t len, struct ipc_msg **out)
{
	struct cursor	 c;
	struct ipc_hdr	 h;
	struct ipc_field f;
	struct ipc_msg	*m = NULL;
	int		 rc;

	*out = NULL;
	cur_init(&c, buf, len);
	if ((rc = hdr_decode(&c, &h)) != 0)
		return rc;
	/* The buffer must hold exactly the frame the header announces. */
	if (cur_left(&c) < h.length)
		return IPC_E_SHORT;
	if (cur_left(&c) > h.length)
		return IPC_E_FIELD;

	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (m->buf = malloc(len)) == NULL) {
		rc = IPC_E_NOMEM;
		goto fail;
	}
	memcpy(m->buf, buf, len);
	m->len = m->cap = len;
	cur_init(&c, m->buf, len);
	c.off = IPC_HDR_LEN;
	while (cur_left(&c) > 0) {
		if ((rc = field_decode(&c, &f)) != 0 ||
		    (rc = index_push(m, &f)) != 0)
			goto fail;
	}
	*out = m;
	return 0;
fail:
	ipc_msg_free(m);
	return rc;
}

uint16_t
ipc_msg_type(const struct ipc_msg *m)
{
	return (uint16_t)(m->buf[2] << 8 | m->buf[3]);
}

uint32_t
ipc_msg_reqid(const struct ipc_msg *m)
{
	return get_be32(m->buf + 4);
}

uint8_t
ipc_msg_flags(const struct ipc_msg *m)
{
	return m->buf[1];
}

void
ipc_msg_set_reqid(struct ipc_msg *m, uint32_t reqid)
{
	put_be32(m->buf + 4, reqid);
}

/* The first indexed field with tag at or after *from, or NULL. */
static const struct ipc_field *
find_field(const struct ipc_msg *m, uint16_t tag, size_t *from)
{
	size_t	 i;

	for (i = *from; i < m->nfields; i++) {
		if (m->fields[i].tag == tag) {
			*from = i + 1;
			return &m->fields[i];
		}
	}
	*from = m->nfields;
	return NULL;
}

/* The first field with tag, which must be of kind. */
static int
get_field(const struct ipc_msg *m, uint16_t tag, uint8_t kind,
    const struct ipc_field **out)
{
	const struct ipc_field	*f;
	size_t			 i = 0;

	if ((f = find_field(m, tag, &i)) == NULL)
		return IPC_E_NOFIELD;
	if (f->kind != kind)
		return IPC_E_KIND;
	*out = f;
	return 0;
}

int
ipc_msg_get_u32(const struct ipc_msg *m, uint16_t tag, uint32_t *v)
{
	const struct ipc_field	*f;
	int			 rc;

	if ((rc = get_field(m, tag, IPC_K_U32, &f)) != 0)
		return rc;
	*v = get_be32(m->buf + f->off);
	return 0;
}

int
ipc_msg_get_u64(const struct ipc_msg *m, uint16_t tag, uint64_t *v)
{
	const struct ipc_field	*f;
	int			 rc;

	if ((rc = get_field(m, tag, IPC_K_U64, &f)) != 0)
		return rc;
	*v = get_be64(m->buf + f->off);
	return 0;
}

int
ipc_msg_get_str(const struct ipc_msg *m, uint16_t tag, const char **s)
{
	const struct ipc_field	*f;
	int			 rc;

	if ((rc = get_field(m, tag, IPC_K_STR, &f)) != 0)
		return rc;
	*s = (const char *)m->buf + f->off;
	return 0;
}

int
ipc_msg_get_bytes(const struct ipc_msg *m, uint16_t tag, const void **v,
    size_t *len)
{
	const struct ipc_field	*f;
	int			 rc;

	if ((rc = get_field(m, tag, IPC_K_BYTES, &f)) != 0)
		return rc;
	*v = m->buf + f->off;
	*len = f->len;
	return 0;
}

int
ipc_msg_next_str(const struct ipc_msg *m, uint16_t tag, size_t *iter,
    const char **s)
{
	const struct ipc_field	*f;

	if ((f = find_field(m, tag, iter)) == NULL)
		return 0;
	if (f->kind != IPC_K_STR)
		return IPC_E_KIND;
	*s = (const char *)m->buf + f->off;
	return 1;
}

int
ipc_msg_next_u32(const struct ipc_msg *m, uint16_t tag, size_t *iter,
    uint32_t *v)
{
	const struct ipc_field	*f;

	if ((f = find_field(m, tag, iter)) == NULL)
		return 0;
	if (f->kind != IPC_K_U32)
		return IPC_E_KIND;
	*v = get_be32(m->buf + f->off);
	return 1;
}

size_t
ipc_msg_count(const struct ipc_msg *m, uint16_t tag)
{
	size_t	 i, n = 0;

	for (i = 0; i < m->nfields; i++)
		if (m->fields[i].tag == tag)
			n++;
	return n;
}

struct ipc_msg *
ipc_msg_result(uint32_t reqid, uint32_t status, const char *text)
{
	struct ipc_msg	*m;

	if ((m = ipc_msg_new(IPC_RESULT, reqid)) == NULL)
		return NULL;
	if (ipc_msg_add_u32(m, IPC_T_STATUS, status) != 0 ||
	    (text != NULL && ipc_msg_add_str(m, IPC_T_TEXT, text) != 0)) {
		ipc_msg_free(m);
		return NULL;
	}
	return m;
}
