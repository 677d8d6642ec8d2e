/*
 * A blocking IPC client, for the cli: connect with the version handshake,
 * send a request, read its replies.
 */
#ifndef PLATFORM_IPC_CONN_H
#define PLATFORM_IPC_CONN_H

#include "platform/ipc.h"

struct ipc_conn;

/* Connects to the Unix socket at path and does the handshake as `name`.
 * Returns 0 or IPC_E_* (IPC_E_IO with errno for connect failures). */
int	 ipc_conn_open(const char *path, const char *name, struct ipc_conn **);
void	 ipc_conn_close(struct ipc_conn *);
int	 ipc_conn_fd(const struct ipc_conn *);
/* Assigns the next reqid to msg and sends it whole. */
int	 ipc_conn_send(struct ipc_conn *, struct ipc_msg *);
/* Reads one message; timeout_ms < 0 waits forever.  Caller frees *msg. */
int	 ipc_conn_recv(struct ipc_conn *, struct ipc_msg **, int timeout_ms);
/*
 * Sends msg and collects its replies: every IPC_DATA is passed to cb (if
 * any) and freed; the final IPC_RESULT or IPC_END is returned in *last for
 * the caller to free.  Messages with another reqid are a protocol error.
 */
int	 ipc_conn_request(struct ipc_conn *, struct ipc_msg *,
	    void (*cb)(const struct ipc_msg *, void *), void *arg,
	    struct ipc_msg **last, int timeout_ms);

#endif
