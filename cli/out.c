/*
 * A command's output: through its output modifier (| include ...), then
 * the --More-- pager on an interactive terminal, else straight to stdout.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/filter.h"
#include "cli/pager.h"
#include "platform/xmalloc.h"

struct out {
	struct cli	*cli;
	struct filter	*filter;
	struct pager	*pager;
	int		 quit;
};

static void
emit(const char *line, size_t len, void *arg)
{
	struct out	*o = arg;

	if (o->quit)
		return;
	if (o->pager != NULL) {
		if (pager_write(o->pager, line, len) != 0)
			o->quit = 1;
		return;
	}
	cli_write(o->cli, line, len);
}

struct out *
out_new(struct cli *cli, const struct cmd_result *res, char *err,
    size_t errlen)
{
	struct out	*o = xcalloc(1, sizeof(*o));

	o->cli = cli;
	if (res != NULL && res->filter != CMD_FILTER_NONE) {
		o->filter = filter_new((int)res->filter, res->filter_arg, err,
		    errlen);
		if (o->filter == NULL) {
			free(o);
			return NULL;
		}
	}
	if (cli->interactive && cli->length > 0) {
		o->pager = pager_new(STDOUT_FILENO, STDIN_FILENO, cli->length,
		    cli->width);
		term_raw(1);
	}
	return o;
}

void
out_write(struct out *o, const char *s, size_t len)
{
	if (o->quit || len == 0)
		return;
	if (o->filter != NULL) {
		if (filter_input(o->filter, s, len, emit, o) != 0)
			o->quit = 1;
		return;
	}
	emit(s, len, o);
}

void
out_printf(struct out *o, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	out_write(o, s, (size_t)n);
	free(s);
}

int
out_quit(const struct out *o)
{
	return o->quit;
}

void
out_free(struct out *o)
{
	if (o == NULL)
		return;
	if (o->filter != NULL) {
		if (!o->quit)
			filter_finish(o->filter, emit, o);
		filter_free(o->filter);
	}
	if (o->pager != NULL) {
		pager_free(o->pager);
		term_raw(0);
	}
	free(o);
}
