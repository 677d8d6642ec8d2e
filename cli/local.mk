# cli/: the shell and vtyd.

# Output filters and paging: pure modules used by the shell.
noinst_LIBRARIES += cli/libcli.a
cli_libcli_a_SOURCES = \
	cli/filter.c cli/filter.h \
	cli/pager.c cli/pager.h

check_PROGRAMS += tests/unit/test_filter tests/unit/test_pager
TESTS += tests/unit/test_filter tests/unit/test_pager
tests_unit_test_filter_SOURCES = tests/unit/test_filter.c
tests_unit_test_filter_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_filter_LDADD = cli/libcli.a $(CHECK_LIBS)
tests_unit_test_pager_SOURCES = tests/unit/test_pager.c
tests_unit_test_pager_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_pager_LDADD = cli/libcli.a $(CHECK_LIBS)

# The shell.
bin_PROGRAMS += cli/cli
cli_cli_SOURCES = cli/cli.c cli/cli.h cli/exec.c cli/term.c cli/out.c \
	cli/input.c cli/input.h
cli_cli_SOURCES += cli/exec-if.c
cli_cli_SOURCES += cli/exec-switch.c
cli_cli_SOURCES += cli/exec-lisp.c
cli_cli_SOURCES += cli/exec-vty.c
cli_cli_SOURCES += cli/exec-logging.c
# The manual pages of the command language (cli --print-man).
cli_cli_SOURCES += cli/manpage.c cli/manpage.h
cli_cli_LDADD = cli/libcli.a cfg/libcfg.a platform/libplatform.a \
	$(READLINE_LIBS) $(CRYPT_LIBS)

# vtyd: SSH and telnet into the router.
sbin_PROGRAMS += cli/vtyd
cli_vtyd_SOURCES = cli/vtyd.c cli/vty.h cli/vty-session.c cli/vty-ssh.c \
	cli/vty-telnet.c
cli_vtyd_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS) $(LIBSSH_CFLAGS) \
	$(LIBTELNET_CFLAGS)
cli_vtyd_LDADD = cfg/libcfg.a platform/libplatform.a $(LIBEVENT_LIBS) \
	$(LIBSSH_LIBS) $(LIBTELNET_LIBS) $(UTIL_LIBS) $(CRYPT_LIBS)
