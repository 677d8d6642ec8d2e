/*
 * The manual pages of the command language, from the grammar (manpage.c).
 */
#ifndef CLI_MANPAGE_H
#define CLI_MANPAGE_H

#include <stdio.h>

struct cmd_grammar;

/* Writes the page which ("config": lisprouter-config(5), "exec":
 * lisprouter-exec(7), "commands": one "MODE<TAB>SYNTAX" line per command)
 * for grammar g to f.  Returns 0, or -1 for an unknown page or a write
 * error. */
int	manpage_print(const struct cmd_grammar *g, const char *which,
	    const char *version, FILE *f);

#endif
