# man/: the manual pages.  The daemons' and the shell's pages are templates
# whose usage section is the program's --help output (man/mkman.sh); the
# command language's pages are written whole from the grammar tables by
# `cli --print-man` (cli/manpage.c).  Both happen at build time, so the
# pages cannot drift from the programs.
nodist_man1_MANS = man/cli.1
nodist_man5_MANS = man/lisprouter-config.5
nodist_man7_MANS = man/lisprouter-exec.7
nodist_man8_MANS = man/cfgd.8 man/lispd.8 man/vtyd.8 man/routerctl.8
MAN_GENERATED = $(nodist_man1_MANS) $(nodist_man5_MANS) \
	$(nodist_man7_MANS) $(nodist_man8_MANS)
CLEANFILES += $(MAN_GENERATED)
EXTRA_DIST += man/mkman.sh man/cli.1.in man/cfgd.8.in man/lispd.8.in \
	man/vtyd.8.in man/routerctl.8.in

MKMAN = $(SHELL) $(srcdir)/man/mkman.sh
MKMAN_DEPS = $(srcdir)/man/mkman.sh Makefile

man/cli.1: $(srcdir)/man/cli.1.in cli/cli$(EXEEXT) $(MKMAN_DEPS)
	$(AM_V_GEN)$(MKDIR_P) man && $(MKMAN) $(srcdir)/man/cli.1.in \
	    cli/cli$(EXEEXT) $(PACKAGE_VERSION) $(RUNDIR_DEFAULT) >$@.tmp && \
	    mv $@.tmp $@
man/cfgd.8: $(srcdir)/man/cfgd.8.in cfg/cfgd$(EXEEXT) $(MKMAN_DEPS)
	$(AM_V_GEN)$(MKDIR_P) man && $(MKMAN) $(srcdir)/man/cfgd.8.in \
	    cfg/cfgd$(EXEEXT) $(PACKAGE_VERSION) $(RUNDIR_DEFAULT) >$@.tmp && \
	    mv $@.tmp $@
man/lispd.8: $(srcdir)/man/lispd.8.in lispd/lispd$(EXEEXT) $(MKMAN_DEPS)
	$(AM_V_GEN)$(MKDIR_P) man && $(MKMAN) $(srcdir)/man/lispd.8.in \
	    lispd/lispd$(EXEEXT) $(PACKAGE_VERSION) $(RUNDIR_DEFAULT) >$@.tmp && \
	    mv $@.tmp $@
man/vtyd.8: $(srcdir)/man/vtyd.8.in cli/vtyd$(EXEEXT) $(MKMAN_DEPS)
	$(AM_V_GEN)$(MKDIR_P) man && $(MKMAN) $(srcdir)/man/vtyd.8.in \
	    cli/vtyd$(EXEEXT) $(PACKAGE_VERSION) $(RUNDIR_DEFAULT) >$@.tmp && \
	    mv $@.tmp $@
man/routerctl.8: $(srcdir)/man/routerctl.8.in platform/routerctl$(EXEEXT) \
    $(MKMAN_DEPS)
	$(AM_V_GEN)$(MKDIR_P) man && $(MKMAN) $(srcdir)/man/routerctl.8.in \
	    platform/routerctl$(EXEEXT) $(PACKAGE_VERSION) $(RUNDIR_DEFAULT) \
	    >$@.tmp && mv $@.tmp $@
man/lisprouter-config.5: cli/cli$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) man && cli/cli$(EXEEXT) --print-man config \
	    >$@.tmp && mv $@.tmp $@
man/lisprouter-exec.7: cli/cli$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) man && cli/cli$(EXEEXT) --print-man exec \
	    >$@.tmp && mv $@.tmp $@

# The pages render without a warning, and every command of the grammar
# appears in them (needs groff; skipped without it).
TESTS += tests/man/test_man.sh
EXTRA_DIST += tests/man/test_man.sh
