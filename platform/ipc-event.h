/*
 * IPC on a libevent loop, for the daemons: a listening server whose peers
 * are handshaken before any message reaches the handler, and a client that
 * connects, handshakes and reconnects with back-off by itself.
 */
#ifndef PLATFORM_IPC_EVENT_H
#define PLATFORM_IPC_EVENT_H

#include "platform/ipc.h"

struct event_base;
struct ipc_server;
struct ipc_peer;

/* Called for every message after the handshake; msg is borrowed. */
typedef void	ipc_msg_cb(struct ipc_peer *, const struct ipc_msg *,
		    void *arg);
/* Called when a peer goes away (before it is freed) or, for a client,
 * when its connection comes up (up = 1) or goes down (up = 0). */
typedef void	ipc_state_cb(struct ipc_peer *, int up, void *arg);

/* Listens on path (an existing socket file is replaced), mode 0660 unless
 * mode says otherwise.  Returns NULL with errno set on failure. */
struct ipc_server *ipc_server_new(struct event_base *, const char *path,
		    int mode, const char *name, ipc_msg_cb *, ipc_state_cb *,
		    void *arg);
void		 ipc_server_free(struct ipc_server *);
/* Sends msg to every handshaken peer (events). */
void		 ipc_server_broadcast(struct ipc_server *,
		    const struct ipc_msg *);

/* A client to the server at path, reconnecting with back-off (100 ms
 * doubling to 2 s) until freed. */
struct ipc_peer	*ipc_client_new(struct event_base *, const char *path,
		    const char *name, ipc_msg_cb *, ipc_state_cb *, void *arg);
void		 ipc_client_free(struct ipc_peer *);

/* Frees a daemon's base at exit, after its servers, clients and events:
 * what event_base_free alone would leak (a peer freed while a deferred
 * callback of its connection was still queued) is released first. */
void		 ipc_base_free(struct event_base *);

/* Queues msg (copied) on the peer; returns 0 or IPC_E_*. */
int		 ipc_peer_send(struct ipc_peer *, const struct ipc_msg *);
/* Remote process name from its hello. */
const char	*ipc_peer_name(const struct ipc_peer *);
/* Per-peer slot for the owner's state. */
void		 ipc_peer_set_data(struct ipc_peer *, void *);
void		*ipc_peer_data(const struct ipc_peer *);
/* Allocates a fresh reqid for a request the peer's owner sends. */
uint32_t	 ipc_peer_next_reqid(struct ipc_peer *);

#endif
