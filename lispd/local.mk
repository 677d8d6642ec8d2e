# lispd/: LISP daemon.
sbin_PROGRAMS += lispd/lispd
lispd_lispd_SOURCES = lispd/lispd.c lispd/lispd.h lispd/config.c \
	lispd/ctl.c lispd/data.c lispd/locif.c lispd/probe.c lispd/show.c lispd/mobility.c \
	lispd/msstate.c lispd/msstate.h lispd/smrlimit.c lispd/smrlimit.h
lispd_lispd_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS)
lispd_lispd_LDADD = lispd/liblisp.a cfg/libcfg.a platform/libplatform.a \
	$(LIBEVENT_LIBS) $(LIBCRYPTO_LIBS) $(LIBMNL_LIBS) $(CRYPT_LIBS)

# The LISP wire formats and the map-cache: pure code, no I/O (libcrypto for
# the Map-Register HMACs).
noinst_LIBRARIES += lispd/liblisp.a
lispd_liblisp_a_SOURCES = \
	lispd/wire.c lispd/wire.h lispd/wire-cur.h lispd/wire-data.c \
	lispd/wire-ctl.c lispd/wire-auth.c lispd/wire-auth.h \
	lispd/wire-gso.c lispd/wire-gso.h \
	lispd/mapcache.c lispd/mapcache-mem.c lispd/mapcache.h \
	lispd/mapcache-int.h
lispd_liblisp_a_CFLAGS = $(AM_CFLAGS) $(LIBCRYPTO_CFLAGS)

check_PROGRAMS += tests/unit/test_wire tests/unit/test_mapcache \
	tests/unit/test_gso
TESTS += tests/unit/test_wire tests/unit/test_mapcache tests/unit/test_gso

tests_unit_test_gso_SOURCES = tests/unit/test_gso.c
tests_unit_test_gso_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_gso_LDADD = lispd/liblisp.a $(CHECK_LIBS)

tests_unit_test_wire_SOURCES = tests/unit/test_wire.c
tests_unit_test_wire_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_wire_LDADD = lispd/liblisp.a $(LIBCRYPTO_LIBS) $(CHECK_LIBS)

# lispd's configuration parser, with the grammar it runs.
check_PROGRAMS += tests/unit/test_lispd_config
TESTS += tests/unit/test_lispd_config
tests_unit_test_lispd_config_SOURCES = tests/unit/test_lispd_config.c \
	lispd/config.c
tests_unit_test_lispd_config_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_lispd_config_LDADD = lispd/liblisp.a cfg/libcfg.a \
	platform/libplatform.a $(LIBCRYPTO_LIBS) $(CHECK_LIBS) $(CRYPT_LIBS)

tests_unit_test_mapcache_SOURCES = tests/unit/test_mapcache.c
tests_unit_test_mapcache_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -pthread
tests_unit_test_mapcache_LDADD = lispd/liblisp.a $(CHECK_LIBS) -lpthread

# Allocation failures injected by interposing malloc: not with ASan's.
if !SANITIZERS
check_PROGRAMS += tests/unit/test_mapcache_oom
TESTS += tests/unit/test_mapcache_oom
endif
tests_unit_test_mapcache_oom_SOURCES = tests/unit/test_mapcache_oom.c
tests_unit_test_mapcache_oom_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_mapcache_oom_LDADD = lispd/liblisp.a $(CHECK_LIBS)

# The LISP fuzz targets, replayed with gcc under `make check` (seeds, then
# bounded pseudo-random inputs); tests/fuzz/run-libfuzzer.sh lisp-ctl and
# lisp-data, lisp-gso build them with libFuzzer.
check_PROGRAMS += tests/fuzz/fuzz_lisp_ctl_replay tests/fuzz/fuzz_lisp_data_replay \
	tests/fuzz/fuzz_lisp_gso_replay
TESTS += tests/fuzz/fuzz_lisp_ctl_replay tests/fuzz/fuzz_lisp_data_replay \
	tests/fuzz/fuzz_lisp_gso_replay
tests_fuzz_fuzz_lisp_ctl_replay_SOURCES = tests/fuzz/fuzz_lisp_ctl.c \
	tests/fuzz/standalone.c
tests_fuzz_fuzz_lisp_ctl_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SEED_DIR='"$(srcdir)/tests/fuzz/corpus/lisp-ctl"'
tests_fuzz_fuzz_lisp_ctl_replay_LDADD = lispd/liblisp.a $(LIBCRYPTO_LIBS)
tests_fuzz_fuzz_lisp_data_replay_SOURCES = tests/fuzz/fuzz_lisp_data.c \
	tests/fuzz/standalone.c
tests_fuzz_fuzz_lisp_data_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SEED_DIR='"$(srcdir)/tests/fuzz/corpus/lisp-data"'
tests_fuzz_fuzz_lisp_data_replay_LDADD = lispd/liblisp.a
tests_fuzz_fuzz_lisp_gso_replay_SOURCES = tests/fuzz/fuzz_lisp_gso.c \
	tests/fuzz/standalone.c
tests_fuzz_fuzz_lisp_gso_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SEED_DIR='"$(srcdir)/tests/fuzz/corpus/lisp-gso"'
tests_fuzz_fuzz_lisp_gso_replay_LDADD = lispd/liblisp.a
EXTRA_DIST += tests/fuzz/corpus/lisp-ctl tests/fuzz/corpus/lisp-data \
	tests/fuzz/corpus/lisp-gso

# The map-cache and codec micro-benchmark: built by `make check`, run by
# tests/bench/bench_mapcache.sh (not a test).
check_PROGRAMS += tests/bench/bench_mapcache
tests_bench_bench_mapcache_SOURCES = tests/bench/bench_mapcache.c
tests_bench_bench_mapcache_CFLAGS = $(AM_CFLAGS) $(LIBCRYPTO_CFLAGS) -pthread
tests_bench_bench_mapcache_LDADD = lispd/liblisp.a $(LIBCRYPTO_LIBS) -lpthread
EXTRA_DIST += tests/bench/bench_mapcache.sh

# lispd's configuration reader (dynamic-eid, lisp mobility).
check_PROGRAMS += tests/unit/test_lispconfig
TESTS += tests/unit/test_lispconfig
tests_unit_test_lispconfig_SOURCES = tests/unit/test_lispconfig.c \
	lispd/config.c
tests_unit_test_lispconfig_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_lispconfig_LDADD = lispd/liblisp.a cfg/libcfg.a \
	platform/libplatform.a $(LIBCRYPTO_LIBS) $(LIBMNL_LIBS) $(CRYPT_LIBS) \
	$(CHECK_LIBS)

# The map-server's saved registrations (lispd-registrations): the decoder
# that checks what it reads, and its fuzz target replayed under make check
# (tests/fuzz/run-libfuzzer.sh ms-state builds it with libFuzzer).
check_PROGRAMS += tests/unit/test_msstate tests/fuzz/fuzz_ms_state_replay
TESTS += tests/unit/test_msstate tests/fuzz/fuzz_ms_state_replay
tests_unit_test_msstate_SOURCES = tests/unit/test_msstate.c lispd/msstate.c
tests_unit_test_msstate_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_msstate_LDADD = lispd/liblisp.a $(LIBCRYPTO_LIBS) $(CHECK_LIBS)
tests_fuzz_fuzz_ms_state_replay_SOURCES = tests/fuzz/fuzz_ms_state.c \
	lispd/msstate.c tests/fuzz/standalone.c
tests_fuzz_fuzz_ms_state_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SEED_DIR='"$(srcdir)/tests/fuzz/corpus/ms-state"'
tests_fuzz_fuzz_ms_state_replay_LDADD = lispd/liblisp.a $(LIBCRYPTO_LIBS)
EXTRA_DIST += tests/fuzz/corpus/ms-state

# The SMR rate limits (lispd/smrlimit.c).
check_PROGRAMS += tests/unit/test_smrlimit
TESTS += tests/unit/test_smrlimit
tests_unit_test_smrlimit_SOURCES = tests/unit/test_smrlimit.c lispd/smrlimit.c
tests_unit_test_smrlimit_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_smrlimit_LDADD = $(CHECK_LIBS)

# RLOC probing's locator table, with stand-ins for ctl.c and the clock.
check_PROGRAMS += tests/unit/test_probe
TESTS += tests/unit/test_probe
tests_unit_test_probe_SOURCES = tests/unit/test_probe.c lispd/probe.c
tests_unit_test_probe_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(LIBEVENT_CFLAGS)
tests_unit_test_probe_LDFLAGS = -Wl,--wrap=lisp_addr_cmp -Wl,--wrap=mc_walk
tests_unit_test_probe_LDADD = lispd/liblisp.a platform/libplatform.a \
	$(LIBEVENT_LIBS) $(CHECK_LIBS)
