/*
 * Fuzz target for lab topology files (platform/lab-topo.c): users write
 * them by hand.  Beyond "no crash": a file that parses has every segment
 * index in range, a management interface that no link uses, and a
 * management address inside the management network; a file that does not
 * parse says where ("FILE:LINE: ...").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "platform/lab-topo.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_topo(const struct lab_topo *t)
{
	uint32_t	 mask = 0xffffffffu << (32 - t->mgmt_plen);
	size_t		 i, j;

	for (i = 0; i < t->nrouters; i++) {
		const struct lab_router *r = &t->routers[i];

		for (j = 0; j < r->nifs; j++)
			if (r->ifs[j].seg < 0 || (size_t)r->ifs[j].seg >=
			    t->nsegs || (r->mgmt != 0 &&
			    r->ifs[j].gi == r->mgmt_gi))
				abort();
		if (r->mgmt != 0 && ((r->mgmt & mask) != t->mgmt_net ||
		    r->mgmt_gi < 1 || r->mgmt_gi > LAB_MAX_IFS))
			abort();
		if (r->config != NULL && strlen(r->config) > LAB_CONFIG_MAX)
			abort();
	}
	for (i = 0; i < t->nhosts; i++) {
		const struct lab_host *h = &t->hosts[i];

		if (h->npos == 0 && (h->seg < 0 || (size_t)h->seg >= t->nsegs))
			abort();
		for (j = 0; j < h->npos; j++)
			if (h->pos[j].seg < 0 ||
			    (size_t)h->pos[j].seg >= t->nsegs)
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lab_topo	*t;
	char		 err[256];

	if ((t = malloc(sizeof(*t))) == NULL)
		return 0;
	if (lab_topo_parse(t, (const char *)data, size, "f", err,
	    sizeof(err)) == 0)
		check_topo(t);
	else if (strncmp(err, "f:", 2) != 0)
		abort();
	lab_topo_free(t);
	free(t);
	return 0;
}
