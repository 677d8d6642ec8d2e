/*
 * Fuzz target for the IPC codec: every byte a peer can send reaches
 * ipc_frame_len and ipc_msg_parse, and a parsed message must stand every
 * getter.  Properties checked beyond "no crash": a whole header gives a
 * frame length of at least a header, a parsed message serialises back to
 * exactly its input, and every string getter returns a NUL-terminated
 * string inside the message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform/ipc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Tags past the known ones too: unknown tags must parse and look up. */
#define FUZZ_MAX_TAG	24

static void
exercise(const struct ipc_msg *m, const uint8_t *data, size_t size)
{
	const void	*wire, *bytes;
	const char	*s;
	uint64_t	 v64;
	uint32_t	 v32;
	size_t		 wlen, n, iter, seen;
	uint16_t	 tag;
	int		 rc;

	wire = ipc_msg_wire(m, &wlen);
	if (wlen != size || memcmp(wire, data, size) != 0)
		abort();
	(void)ipc_msg_type(m);
	(void)ipc_msg_reqid(m);
	(void)ipc_msg_flags(m);
	for (tag = 0; tag <= FUZZ_MAX_TAG; tag++) {
		ipc_msg_get_u32(m, tag, &v32);
		ipc_msg_get_u64(m, tag, &v64);
		if (ipc_msg_get_str(m, tag, &s) == 0 && strlen(s) >= size)
			abort();
		if (ipc_msg_get_bytes(m, tag, &bytes, &n) == 0 && n >= size)
			abort();
		n = ipc_msg_count(m, tag);
		seen = 0;
		iter = 0;
		while ((rc = ipc_msg_next_str(m, tag, &iter, &s)) != 0) {
			if (rc == 1 && strlen(s) >= size)
				abort();
			if (++seen > n)
				abort();
		}
		seen = 0;
		iter = 0;
		while ((rc = ipc_msg_next_u32(m, tag, &iter, &v32)) != 0)
			if (++seen > n)
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ipc_msg	*m;
	size_t		 flen;
	uint32_t	 reqid;

	ipc_frame_reqid(data, size, &reqid);
	if (ipc_frame_len(data, size, &flen) == 0) {
		if (flen < IPC_HDR_LEN)
			abort();
		/* As a stream reader would: the frame at the front only. */
		if (flen < size && ipc_msg_parse(data, flen, &m) == 0) {
			exercise(m, data, flen);
			ipc_msg_free(m);
		}
	}
	if (ipc_msg_parse(data, size, &m) == 0) {
		exercise(m, data, size);
		ipc_msg_free(m);
	} else if (m != NULL)
		abort();
	return 0;
}
