/*
 * IPC between the router's processes: Unix stream sockets carrying framed,
 * typed messages.  This header is the protocol: message types, field tags,
 * the frame layout, and the pure encode/decode functions.  ipc-conn.h adds a
 * blocking client (the cli), ipc-event.h the libevent server and client (the
 * daemons).
 *
 * Frame: a 12-byte header in network byte order
 *	u8 version (IPC_VERSION), u8 flags, u16 type, u32 reqid, u32 length
 * then `length` bytes of fields, each
 *	u16 tag, u8 kind (enum ipc_kind), u8 zero, u32 len, len bytes.
 * A U32 field is 4 bytes, a U64 8, a STR holds its bytes and a terminating
 * NUL (no NUL inside), BYTES anything.  Fields may repeat (lists keep order).
 *
 * Replies: a request gets exactly one IPC_RESULT, or any number of IPC_DATA
 * followed by exactly one IPC_END, all carrying the request's reqid.
 * Connecting: the client sends IPC_HELLO {IPC_T_VERSION, IPC_T_NAME}; the
 * server answers IPC_RESULT (status 0) or IPC_RESULT with an error text and
 * closes when the versions differ.
 *
 * Bump IPC_VERSION whenever a type, a tag or a field's meaning changes.
 */
#ifndef PLATFORM_IPC_H
#define PLATFORM_IPC_H

#include <stddef.h>
#include <stdint.h>

#define IPC_VERSION		1
#define IPC_HDR_LEN		12
#define IPC_MAX_PAYLOAD		(64u * 1024 * 1024)

enum ipc_type {
	/* 1: session and reply grammar */
	IPC_HELLO = 1,
	IPC_RESULT = 2,		/* T_STATUS, optional T_TEXT */
	IPC_DATA = 3,		/* one record of a stream */
	IPC_END = 4,		/* end of a stream; optional T_STATUS */
	IPC_SUBSCRIBE = 5,	/* send me the events (300-399) from now on */

	/* 100: show and state queries */
	IPC_SHOW_RUNNING = 100,	/* opt T_SECTION (interface name ...); DATA T_TEXT */
	IPC_SHOW_STARTUP = 101,	/* DATA T_TEXT */
	IPC_SYS_INFO = 102,	/* RESULT with T_HOSTNAME, T_UPTIME, T_CHANGED... */
	/* 110-129: interfaces and routes (cfg/cfgd-platform.c) */
	IPC_IF_SHOW = 110,	/* opt T_IFNAME: DATA per interface (T_IF*) */
	IPC_IP_ROUTE_SHOW = 111, /* DATA batches of routes (T_RT_*, T_IFNAME) */
	IPC_IF_MAP_SHOW = 112,	/* DATA per mapping (T_IFNAME, T_IFDEV...) */

	/* 200: configuration */
	IPC_CFG_LINES = 200,	/* T_PATH*, T_LINE*, T_USER, T_TTY: run lines;
				   opt T_LOG_INLINE */
	IPC_CFG_WRITE = 201,	/* write memory */
	IPC_CFG_ERASE = 202,	/* erase startup-config */
	IPC_CFG_REPLACE = 203,	/* T_FILE: configure replace */
	IPC_CFG_RELOAD = 204,	/* reload running from startup, restart daemons */
	IPC_CFG_CHECK_ENABLE = 205, /* T_SECRET: enable password check */
	IPC_CFG_CONFIG_DONE = 206,  /* T_USER, T_TTY: left config mode (log) */
	IPC_CFG_GET_SECTION = 207,  /* T_SECTION: canonical lines (for daemons) */
	IPC_CFG_SESSION = 208,	/* T_USER, T_TTY: a vty session's defaults:
				   RESULT with T_VALUE "priv=N", "length=N" */
	/* 210-229: actions of interfaces and routes (cfg/cfgd-platform.c) */
	IPC_PING = 210,		/* T_TARGET, opt T_SOURCE, T_COUNT, T_SIZE,
				   T_TIMEOUT, T_FLAG (df): DATA header, then
				   DATA per probe (T_RESULT, T_RTT); END */
	IPC_TRACEROUTE = 211,	/* T_TARGET, opt T_SOURCE, T_TIMEOUT: DATA per
				   probe (T_COUNT hop, T_SOURCE from,
				   T_RESULT, T_RTT); END */

	/* 130-149: vty lines and SSH (cfg/cfgd-auth.c, cli/vtyd.c) */
	IPC_VTY_LINES = 130,	/* to cfgd: DATA per vty line block (T_VTY_FIRST,
				   _LAST, _LOGIN, _TRANSPORT, _TIMEOUT, _PRIV,
				   _LENGTH, _HASPW), END */
	IPC_SSH_INFO = 131,	/* to cfgd: RESULT with T_VALUE "key=value":
				   enabled, version, timeout, retries, methods,
				   pubkey, keyname, bits (no secret, ever) */
	IPC_VTY_SESSIONS = 132,	/* to vtyd: DATA per session (T_VTY_LINE,
				   T_USER, T_VTY_PEER, _PROTO, _IDLE, _STATE,
				   _PID, T_VALUE "cipher-in=..."), END */
	/* 230-249: logins and vty actions */
	IPC_AUTH_PASSWORD = 230, /* to cfgd: T_USER, T_SECRET, T_VTY_LINE:
				   RESULT OK with T_VTY_PRIV, DENIED, or ERROR
				   with the IOS text */
	IPC_AUTH_PUBKEY = 231,	/* to cfgd: T_USER, T_VALUE "TYPE MD5HEX",
				   T_VTY_LINE: RESULT OK (T_VTY_PRIV)/DENIED */
	IPC_VTY_DEBUG = 232,	/* to vtyd: T_TTY, T_FLAG 1 on / 0 off:
				   debug ip ssh on that session */

	/* 150-159: LISP shows, to lispd (lispd/show.c) */
	IPC_LISP_SUMMARY = 150,	/* RESULT with T_LISP_KV "key=value" lines */
	IPC_LISP_MAPCACHE = 151, /* opt T_TARGET: DATA per map-cache entry
				   (T_LISP_* record), END */
	IPC_LISP_DATABASE = 152, /* opt T_TARGET: DATA per database-mapping */
	IPC_LISP_SITES = 153,	/* DATA per site prefix or registration */
	/* 170-179: LISP mobility, to lispd (lispd/mobility.c) */
	IPC_LISP_DYNEID = 170,	/* DATA per dynamic-EID, then per host
				   detected (T_LISP_FLAGS IPC_LISPF_REG), END */
	/* 250-259: LISP actions, to lispd */
	IPC_LISP_LIG = 250,	/* T_TARGET, opt T_SOURCE, T_LISP_MR,
				   T_TIMEOUT: RESULT with a record, T_SOURCE
				   replier, T_RTT */
	IPC_LISP_CLEAR = 251,	/* clear ip lisp map-cache: RESULT */

	/* 160-169: switching, to cfgd (cfg/cfgd-switch.c) */
	IPC_SW_MAC_SHOW = 160,	/* opt T_SW_TYPE, T_MAC, T_SW_VLAN, T_IFNAME:
				   DATA batches of entries (T_SW_VLAN, T_MAC,
				   T_SW_TYPE, T_IFNAME each), END */
	IPC_SW_AGING_SHOW = 161, /* RESULT: T_SW_AGING (global), then
				   T_SW_VLAN, T_SW_AGING per VLAN that has one */
	IPC_SW_VLAN_SHOW = 162,	/* DATA per VLAN (T_SW_VLAN, T_SW_NAME,
				   T_SW_STATUS, T_IFNAME* access ports), END */
	IPC_SW_TRUNK_SHOW = 163, /* DATA per trunking port (T_IFNAME,
				   T_SW_NATIVE, T_SW_ALLOWED, T_SW_ACTIVE,
				   T_SW_FORWARDING), END */
	/* 260-269: switching actions */
	IPC_SW_MAC_CLEAR = 260,	/* opt one of T_MAC, T_IFNAME, T_SW_VLAN:
				   clear mac address-table dynamic; RESULT */

	/* 180-189: IOS system messages (cfg/cfgd-logging.c) */
	IPC_LOG_MSG = 180,	/* to cfgd: T_LOG_SEV, T_TEXT "%FAC-N-MNEM: ...",
				   T_LOG_WHEN: a daemon's message; RESULT */
	IPC_LOG_SHOW = 181,	/* to cfgd: DATA T_VALUE* "key=value" (settings
				   and counters), then DATA T_TEXT per buffered
				   line (oldest first), END */
	IPC_LOG_CLEAR = 182,	/* to cfgd: clear logging (the buffer); RESULT */
	IPC_LOG_MONITOR = 183,	/* to cfgd: T_FLAG IPC_LOGMON_*: send this
				   connection IPC_EV_LOG from now on; RESULT */

	/* 300: events pushed by cfgd */
	IPC_EV_CONFIG_CHANGED = 300,
	/* 310-319: IOS system messages */
	IPC_EV_LOG = 310,	/* T_LOG_SEV, T_TEXT (stamped line), T_LOG_SEQ:
				   to IPC_LOG_MONITOR connections whose level
				   (logging console / monitor) takes it */
};

enum ipc_tag {
	IPC_T_VERSION = 1,	/* U32 */
	IPC_T_NAME = 2,		/* STR: peer's process name */
	IPC_T_STATUS = 3,	/* U32: 0 ok, else enum ipc_status */
	IPC_T_TEXT = 4,		/* STR: text for the user (IOS wording) */
	IPC_T_PATH = 5,		/* STR, repeated: mode path, outermost first */
	IPC_T_LINE = 6,		/* STR, repeated: command lines */
	IPC_T_USER = 7,		/* STR */
	IPC_T_TTY = 8,		/* STR: "console", "vty0 (192.0.2.1)" */
	IPC_T_SECTION = 9,	/* STR */
	IPC_T_FILE = 10,	/* STR: an IOS URL (bootflash:NAME) */
	IPC_T_SECRET = 11,	/* STR: wiped after use */
	IPC_T_HOSTNAME = 12,	/* STR */
	IPC_T_UPTIME = 13,	/* U64 seconds */
	IPC_T_CHANGED = 14,	/* U32: running differs from startup */
	IPC_T_COUNT = 15,	/* U32 */
	IPC_T_MODE = 16,	/* STR: mode name of the current prompt */
	IPC_T_COLUMN = 17,	/* U32: caret column within the line */
	IPC_T_LINESTATUS = 18,	/* U32, one per line run: enum cfg_line_status */
	IPC_T_OUTPUT = 19,	/* STR, one per line run (may be empty) */
	IPC_T_FLAG = 20,	/* U32 */
	IPC_T_VALUE = 21,	/* STR */

	/* 40-59: interfaces, routes, ping (cfg/cfgd-platform.c) */
	IPC_T_IFNAME = 40,	/* STR: IOS interface name */
	IPC_T_IFDEV = 41,	/* STR: Linux device name ("" if none) */
	IPC_T_IFINDEX = 42,	/* U32: 0 when the device is absent */
	IPC_T_IPADDR = 43,	/* STR "A.B.C.D/len", repeated: primary first */
	IPC_T_IFSTATE = 44,	/* U32: IPC_IFS_* bits */
	IPC_T_METHOD = 45,	/* STR: NVRAM, manual, unset, DHCP */
	IPC_T_DESCR = 46,	/* STR: description */
	IPC_T_MTU = 47,		/* U32 */
	IPC_T_MAC = 48,		/* STR: "aaaa.bbbb.cccc" */
	IPC_T_COUNTERS = 49,	/* BYTES: big-endian u64s, IPC_IFC_* order */
	IPC_T_RT_PREFIX = 50,	/* STR "A.B.C.D/len", one per route */
	IPC_T_RT_CODE = 51,	/* STR: "C", "L", "S", "S*" ... */
	IPC_T_RT_GW = 52,	/* STR: next hop or "" */
	IPC_T_RT_DIST = 53,	/* U32: distance << 16 | metric */
	IPC_T_TARGET = 54,	/* STR: ping/traceroute target */
	IPC_T_SOURCE = 55,	/* STR: source IF or address; reply's sender */
	IPC_T_SIZE = 56,	/* U32: datagram size */
	IPC_T_TIMEOUT = 57,	/* U32: seconds */
	IPC_T_RESULT = 58,	/* U32: probe result, an IOS character (!.UM) */
	IPC_T_RTT = 59,		/* U32: round-trip time in microseconds */

	/* 60-79: vty lines and SSH */
	IPC_T_VTY_LINE = 60,	/* U32: vty number (0-98) */
	IPC_T_VTY_FIRST = 61,	/* U32: a line block's first vty */
	IPC_T_VTY_LAST = 62,	/* U32: its last vty */
	IPC_T_VTY_LOGIN = 63,	/* U32: IPC_VTY_LOGIN_* */
	IPC_T_VTY_TRANSPORT = 64, /* U32: IPC_VTY_TR_* bits */
	IPC_T_VTY_TIMEOUT = 65,	/* U32: exec-timeout in seconds, 0 = never */
	IPC_T_VTY_PRIV = 66,	/* U32: privilege level */
	IPC_T_VTY_LENGTH = 67,	/* U32: terminal length */
	IPC_T_VTY_HASPW = 68,	/* U32: a line password is set */
	IPC_T_VTY_PEER = 69,	/* STR: the client's address */
	IPC_T_VTY_PROTO = 70,	/* STR: "ssh", "telnet" */
	IPC_T_VTY_IDLE = 71,	/* U32: seconds since the last input */
	IPC_T_VTY_STATE = 72,	/* STR: "Session started" ... */
	IPC_T_VTY_PID = 73,	/* U32: the session's cli */

	/* 80-89: switching (also T_IFNAME, T_MAC "aaaa.bbbb.cccc") */
	IPC_T_SW_VLAN = 80,	/* U32: VLAN id */
	IPC_T_SW_TYPE = 81,	/* U32: IPC_SW_DYNAMIC or _STATIC (a filter:
				   0 for both is IPC_SW_ANY) */
	IPC_T_SW_AGING = 82,	/* U32: aging time in seconds, 0 = never */
	IPC_T_SW_NAME = 83,	/* STR: VLAN name */
	IPC_T_SW_STATUS = 84,	/* STR: "active", "act/unsup" */
	IPC_T_SW_NATIVE = 85,	/* U32: a trunk's native VLAN */
	IPC_T_SW_ALLOWED = 86,	/* STR: VLAN list, IOS syntax ("none") */
	IPC_T_SW_ACTIVE = 87,	/* STR: allowed VLANs that exist */
	IPC_T_SW_FORWARDING = 88, /* STR: VLANs the kernel forwards now */

	/* 90-109: LISP records (lispd/show.c) */
	IPC_T_LISP_EID = 90,	/* STR: EID prefix "A.B.C.D/len" */
	IPC_T_LISP_IID = 91,	/* U32: instance-id */
	IPC_T_LISP_SOURCE = 92,	/* U32: enum mc_source, or 9 self */
	IPC_T_LISP_ACTION = 93,	/* U32: LISP_ACT_* of a negative entry */
	IPC_T_LISP_UPTIME = 94,	/* U64: seconds since created */
	IPC_T_LISP_EXPIRES = 95, /* U64: seconds left, 0 never */
	IPC_T_LISP_RLOC = 96,	/* STR, repeated: locator */
	IPC_T_LISP_PRI = 97,	/* U32, repeated: its priority */
	IPC_T_LISP_WGT = 98,	/* U32, repeated: its weight */
	IPC_T_LISP_LSTATE = 99,	/* U32, repeated: 1 up, 0 down */
	IPC_T_LISP_SITE = 100,	/* STR: site name */
	IPC_T_LISP_LAST = 101,	/* U64: seconds since registered */
	IPC_T_LISP_WHO = 102,	/* STR: registering ETR, "" none */
	IPC_T_LISP_FLAGS = 103,	/* U32: IPC_LISPF_* */
	IPC_T_LISP_KV = 104,	/* STR, repeated: "key=value" */

	/* 180-189: IOS system messages */
	IPC_T_LOG_SEV = 180,	/* U32: severity 0-7 */
	IPC_T_LOG_WHEN = 181,	/* U64: microseconds since the epoch */
	IPC_T_LOG_SEQ = 182,	/* U32: cfgd's message number */
	IPC_T_LOG_INLINE = 183,	/* U32 1: a line's output ends with the
				   messages it logged, as the console shows
				   them (a session without IPC_LOG_MONITOR) */

	/* 270-279: more LISP fields (lispd/show.c) */
	IPC_T_LISP_MR = 270,	/* STR: lig's map-resolver ("to <mr>") */
	IPC_T_LISP_LSRC = 271,	/* U32, repeated: a database locator's
				   source, IPC_LISP_LSRC_* */
};

/* IPC_T_LISP_FLAGS bits. */
#define IPC_LISPF_MORE		0x01	/* accept-more-specifics / a more
					   specific registration */
#define IPC_LISPF_REG		0x02	/* a registration (not the config) */
#define IPC_LISPF_PROXY		0x04	/* proxy-reply requested */
#define IPC_LISPF_NOTIFY	0x08	/* map-notify requested */
#define IPC_LISPF_SHA2		0x10	/* HMAC-SHA-256 */

/* IPC_LOG_MONITOR's T_FLAG: which lines the session shows. */
#define IPC_LOGMON_CONSOLE	1	/* logging console LEVEL */
#define IPC_LOGMON_MONITOR	2	/* terminal monitor: logging monitor */

/* IPC_T_LISP_LSRC values: IOS's Source column. */
#define IPC_LISP_LSRC_ADDR	0	/* cfg-addr: a configured address */
#define IPC_LISP_LSRC_INTF	1	/* cfg-intf: ipv4-interface; the RLOC
					   field is the interface's name
					   while it has no address */

/* IPC_T_SW_TYPE values. */
#define IPC_SW_ANY		0
#define IPC_SW_DYNAMIC		1
#define IPC_SW_STATIC		2

/* IPC_T_VTY_LOGIN values and IPC_T_VTY_TRANSPORT bits. */
#define IPC_VTY_LOGIN_NONE	0	/* no login */
#define IPC_VTY_LOGIN_LINE	1	/* login: the line password */
#define IPC_VTY_LOGIN_LOCAL	2	/* login local: username database */
#define IPC_VTY_TR_SSH		0x01
#define IPC_VTY_TR_TELNET	0x02

enum ipc_kind {
	IPC_K_U32 = 1,
	IPC_K_U64 = 2,
	IPC_K_STR = 3,
	IPC_K_BYTES = 4,
};

/* Status codes carried in IPC_T_STATUS. */
enum ipc_status {
	IPC_S_OK = 0,
	IPC_S_ERROR = 1,	/* failed; IPC_T_TEXT says why (IOS wording) */
	IPC_S_UNSUPPORTED = 2,	/* unknown request type */
	IPC_S_DENIED = 3,
	IPC_S_BADMSG = 4,	/* malformed request */
};

/* IPC_T_IFSTATE bits. */
#define IPC_IFS_ADMIN_UP	0x01	/* not shut down */
#define IPC_IFS_LINK_UP		0x02	/* carrier: line protocol up */
#define IPC_IFS_PRESENT		0x04	/* the kernel device exists */

/* IPC_T_COUNTERS: the order of the u64 counters. */
enum ipc_if_counter {
	IPC_IFC_RX_PACKETS, IPC_IFC_RX_BYTES, IPC_IFC_TX_PACKETS,
	IPC_IFC_TX_BYTES, IPC_IFC_RX_ERRORS, IPC_IFC_TX_ERRORS,
	IPC_IFC_RX_DROPPED, IPC_IFC_TX_DROPPED, IPC_IFC_MULTICAST,
	IPC_IFC_COLLISIONS, IPC_IFC_RX_CRC, IPC_IFC_RX_FRAME, IPC_IFC_RX_FIFO,
	IPC_IFC_TX_FIFO, IPC_IFC_RX_OVER, IPC_IFC_TX_CARRIER,
	IPC_IFC_COUNT
};

/* Error codes of this module (negative returns). */
#define IPC_E_NOMEM	(-1)
#define IPC_E_SHORT	(-2)	/* buffer shorter than a header or a field */
#define IPC_E_VERSION	(-3)	/* header version is not IPC_VERSION */
#define IPC_E_TOOBIG	(-4)	/* payload longer than IPC_MAX_PAYLOAD */
#define IPC_E_FIELD	(-5)	/* malformed field (kind, length, string) */
#define IPC_E_NOFIELD	(-6)	/* getter: no such tag */
#define IPC_E_KIND	(-7)	/* getter: tag has another kind */
#define IPC_E_IO	(-8)	/* socket error; errno is set */
#define IPC_E_CLOSED	(-9)	/* peer closed */
#define IPC_E_TIMEOUT	(-10)
#define IPC_E_PROTO	(-11)	/* unexpected message (handshake, reqid) */

const char	*ipc_strerror(int err);

struct ipc_msg;

/* Building.  Returns NULL on out of memory; adders return 0 or IPC_E_*. */
struct ipc_msg	*ipc_msg_new(uint16_t type, uint32_t reqid);
void		 ipc_msg_free(struct ipc_msg *);
int		 ipc_msg_add_u32(struct ipc_msg *, uint16_t tag, uint32_t);
int		 ipc_msg_add_u64(struct ipc_msg *, uint16_t tag, uint64_t);
int		 ipc_msg_add_str(struct ipc_msg *, uint16_t tag, const char *);
int		 ipc_msg_add_strn(struct ipc_msg *, uint16_t tag, const char *,
		    size_t);
int		 ipc_msg_add_bytes(struct ipc_msg *, uint16_t tag,
		    const void *, size_t);
/* The frame (header + fields), borrowed from the message. */
const void	*ipc_msg_wire(const struct ipc_msg *, size_t *len);

/*
 * Decoding.  ipc_frame_len tells how long the frame at buf is: 0 with *len
 * set when a whole header is there (the frame may still be incomplete),
 * IPC_E_SHORT when fewer than IPC_HDR_LEN bytes are, or another IPC_E_* for
 * a header that can never be valid.  ipc_msg_parse checks every field before
 * it returns a message (which copies buf).
 */
int		 ipc_frame_len(const void *buf, size_t avail, size_t *len);
int		 ipc_msg_parse(const void *buf, size_t len, struct ipc_msg **);
/* The reqid of the header at buf whatever its version or length, so that a
 * frame which does not parse can still be answered.  0 or IPC_E_SHORT. */
int		 ipc_frame_reqid(const void *buf, size_t avail, uint32_t *reqid);

uint16_t	 ipc_msg_type(const struct ipc_msg *);
uint32_t	 ipc_msg_reqid(const struct ipc_msg *);
uint8_t		 ipc_msg_flags(const struct ipc_msg *);
void		 ipc_msg_set_reqid(struct ipc_msg *, uint32_t);

/* Getters return the first field with the tag; strings are borrowed. */
int		 ipc_msg_get_u32(const struct ipc_msg *, uint16_t tag,
		    uint32_t *);
int		 ipc_msg_get_u64(const struct ipc_msg *, uint16_t tag,
		    uint64_t *);
int		 ipc_msg_get_str(const struct ipc_msg *, uint16_t tag,
		    const char **);
/* A BYTES field: *data (borrowed from the message) and its length. */
int		 ipc_msg_get_bytes(const struct ipc_msg *, uint16_t tag,
		    const void **data, size_t *len);
/* Repeated fields: *iter starts at 0; returns 1 and the next field with the
 * tag (kind checked), 0 at the end, or IPC_E_KIND. */
int		 ipc_msg_next_str(const struct ipc_msg *, uint16_t tag,
		    size_t *iter, const char **);
int		 ipc_msg_next_u32(const struct ipc_msg *, uint16_t tag,
		    size_t *iter, uint32_t *);
size_t		 ipc_msg_count(const struct ipc_msg *, uint16_t tag);

/* Convenience: a RESULT for reqid with status and optional text. */
struct ipc_msg	*ipc_msg_result(uint32_t reqid, uint32_t status,
		    const char *text);

#endif
