# cfg/: grammar engine, config tables, model, rendering, cfgd.
noinst_LIBRARIES += cfg/libcfg.a
cfg_libcfg_a_SOURCES = \
	cfg/cmd.c cfg/cmd.h cfg/cmd-int.h cfg/cmd-compile.c cfg/cmd-types.c \
	cfg/cmd-help.c

check_PROGRAMS += tests/unit/test_cmd
TESTS += tests/unit/test_cmd
tests_unit_test_cmd_SOURCES = tests/unit/test_cmd.c
tests_unit_test_cmd_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_cmd_LDADD = cfg/libcfg.a $(CHECK_LIBS)
