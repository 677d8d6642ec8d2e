/* The grammar engine: see cmd.h.  Being written. */
