/*
 * router lisp and its submodes: filled in by the lispd issue.  The table
 * holds the builtins of the LISP modes so the modes exist from the start.
 */
#include <stddef.h>

#include "cfg/cfgcmd.h"
#include "cfg/modes.h"
#include "cfg/session.h"
#include "cfg/tables.h"

struct cfg_cmd cfg_lisp_cmds[] = {
	{ .def = { MODE_LISP, "exit", "Exit from LISP configuration mode",
	    CMD_MODE_NONE, 0, 15, CFG_ACT_EXIT, NULL } },
};
const size_t cfg_lisp_ncmds = sizeof(cfg_lisp_cmds) / sizeof(cfg_lisp_cmds[0]);
