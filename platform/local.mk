# platform/: the base layer.  Add sources here as they are written.
noinst_LIBRARIES += platform/libplatform.a
platform_libplatform_a_SOURCES = \
	platform/rundir.c platform/rundir.h \
	platform/daemon.c platform/daemon.h \
	platform/log.c platform/log.h \
	platform/xmalloc.c platform/xmalloc.h \
	platform/atomicfile.c platform/atomicfile.h \
	platform/ipc.c platform/ipc.h \
	platform/ipc-conn.c platform/ipc-conn.h \
	platform/ipc-event.c platform/ipc-event.h \
	platform/ioslog.c platform/ioslog.h platform/logbuf.c platform/logbuf.h
platform_libplatform_a_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS)
# Interfaces: netlink (libmnl), the IOS name map, ICMP probes.
platform_libplatform_a_SOURCES += \
	platform/netlink.h platform/netlink-linux.c \
	platform/ifmap.h platform/ifmap.c \
	platform/neigh.h platform/neigh-linux.c \
	platform/tunsteer.h platform/tunsteer-linux.c platform/bpf-asm.h \
	platform/ping.h platform/ping-linux.c
# The lab topology parser (routerctl lab), pure.
platform_libplatform_a_SOURCES += platform/lab-topo.c platform/lab-topo.h
# Per-daemon capabilities (routerctl --limit-caps).
platform_libplatform_a_SOURCES += platform/caps.h platform/caps-linux.c
# Switching: Linux bridges and their FDB, 802.1Q tags by tc BPF.
platform_libplatform_a_SOURCES += platform/bridge.h platform/bridge-linux.c \
	platform/vtag.h platform/vtag-linux.c
platform_libplatform_a_CFLAGS += $(LIBMNL_CFLAGS)
check_PROGRAMS += tests/unit/test_ifmap tests/unit/test_tunsteer
TESTS += tests/unit/test_ifmap tests/unit/test_tunsteer
tests_unit_test_tunsteer_SOURCES = tests/unit/test_tunsteer.c
tests_unit_test_tunsteer_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_tunsteer_LDADD = platform/libplatform.a $(CHECK_LIBS)
tests_unit_test_ifmap_SOURCES = tests/unit/test_ifmap.c
tests_unit_test_ifmap_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_ifmap_LDADD = platform/libplatform.a $(CHECK_LIBS)

# Unit tests of the platform modules.
check_PROGRAMS += tests/unit/test_ipc tests/unit/test_atomicfile \
	tests/unit/test_ipc_event tests/fuzz/fuzz_ipc_replay
TESTS += tests/unit/test_ipc tests/unit/test_atomicfile \
	tests/unit/test_ipc_event tests/fuzz/fuzz_ipc_replay

tests_unit_test_ipc_SOURCES = tests/unit/test_ipc.c
tests_unit_test_ipc_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_ipc_LDADD = platform/libplatform.a $(CHECK_LIBS)

# IOS system messages: format, levels, stamps, the buffer ring.
check_PROGRAMS += tests/unit/test_ioslog
TESTS += tests/unit/test_ioslog
tests_unit_test_ioslog_SOURCES = tests/unit/test_ioslog.c
tests_unit_test_ioslog_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_ioslog_LDADD = platform/libplatform.a $(CHECK_LIBS)

tests_unit_test_atomicfile_SOURCES = tests/unit/test_atomicfile.c
tests_unit_test_atomicfile_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_atomicfile_LDADD = platform/libplatform.a $(CHECK_LIBS)

tests_unit_test_ipc_event_SOURCES = tests/unit/test_ipc_event.c
tests_unit_test_ipc_event_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) \
	$(LIBEVENT_CFLAGS)
tests_unit_test_ipc_event_LDADD = platform/libplatform.a $(LIBEVENT_LIBS) \
	$(CHECK_LIBS)

# The IPC fuzz target, built with gcc and a replay main(): it runs the seed
# corpus and a bounded number of pseudo-random inputs under `make check`.
# tests/fuzz/run-libfuzzer.sh builds the same target with libFuzzer.
tests_fuzz_fuzz_ipc_replay_SOURCES = tests/fuzz/fuzz_ipc.c \
	tests/fuzz/standalone.c
tests_fuzz_fuzz_ipc_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SEED_DIR='"$(srcdir)/tests/fuzz/corpus/ipc"'
tests_fuzz_fuzz_ipc_replay_LDADD = platform/libplatform.a
EXTRA_DIST += tests/fuzz/corpus/ipc tests/fuzz/run-libfuzzer.sh

# routerctl: the per-router supervisor, and its topology test.
sbin_PROGRAMS += platform/routerctl
platform_routerctl_SOURCES = platform/routerctl.c platform/supervise.c \
	platform/supervise.h platform/lab.c platform/lab.h
# routerctl lab: the topology files it ships, and where it finds them (the
# source tree's when it runs from a build tree).
platform_routerctl_CPPFLAGS = $(AM_CPPFLAGS) \
	-DLAB_DATADIR='"$(pkgdatadir)/lab"' -DLAB_SRCDIR='"$(abs_top_srcdir)/lab"'
labdir = $(pkgdatadir)/lab
dist_lab_DATA = lab/seed.lab lab/two-site.lab
platform_routerctl_LDADD = platform/libplatform.a
check_PROGRAMS += tests/unit/fake_daemon
tests_unit_fake_daemon_SOURCES = tests/unit/fake_daemon.c
TESTS += tests/topo/test_routerctl.sh
EXTRA_DIST += tests/topo/test_routerctl.sh

# The lab topology parser: unit tests on the shipped labs and on mistakes,
# and its fuzz target replayed with gcc under make check.
check_PROGRAMS += tests/unit/test_labtopo tests/fuzz/fuzz_labtopo_replay
TESTS += tests/unit/test_labtopo tests/fuzz/fuzz_labtopo_replay
tests_unit_test_labtopo_SOURCES = tests/unit/test_labtopo.c
tests_unit_test_labtopo_CPPFLAGS = $(AM_CPPFLAGS) \
	-DLAB_SRCDIR='"$(abs_top_srcdir)/lab"'
tests_unit_test_labtopo_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_labtopo_LDADD = platform/libplatform.a $(CHECK_LIBS)
tests_fuzz_fuzz_labtopo_replay_SOURCES = tests/fuzz/fuzz_labtopo.c \
	tests/fuzz/standalone.c
tests_fuzz_fuzz_labtopo_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SEED_DIR='"$(srcdir)/tests/fuzz/corpus/labtopo"'
tests_fuzz_fuzz_labtopo_replay_LDADD = platform/libplatform.a
EXTRA_DIST += tests/fuzz/corpus/labtopo
# routerctl --limit-caps: each daemon keeps only its capabilities (needs root).
TESTS += tests/topo/test_caps.sh
EXTRA_DIST += tests/topo/test_caps.sh
