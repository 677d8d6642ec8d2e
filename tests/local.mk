# tests/: script-driven suites (unit test programs are declared beside
# their modules in each folder's local.mk).

# Interfaces, addresses, static routes, ping in namespaces (needs root).
TESTS += tests/topo/test_interfaces.sh
EXTRA_DIST += tests/topo/test_interfaces.sh

# CLI transcripts: every case under tests/transcripts/ against a fresh router.
TESTS += tests/transcripts/run.sh
EXTRA_DIST += tests/transcripts tests/KNOWN-FAILURES

# Golden configurations: tests/golden/NN.conf renders as NN.ok.
check_PROGRAMS += tests/unit/test_golden
TESTS += tests/unit/test_golden
tests_unit_test_golden_SOURCES = tests/unit/test_golden.c
tests_unit_test_golden_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_golden_LDADD = cfg/libcfg.a platform/libplatform.a \
	$(CHECK_LIBS) $(CRYPT_LIBS)
EXTRA_DIST += tests/golden

# Sessions, model, apply and rendering through their headers.
check_PROGRAMS += tests/unit/test_session
TESTS += tests/unit/test_session
tests_unit_test_session_SOURCES = tests/unit/test_session.c
tests_unit_test_session_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_session_LDADD = cfg/libcfg.a platform/libplatform.a \
	$(CHECK_LIBS) $(CRYPT_LIBS)

# Secure management: SSH and telnet into the router with the real clients.
TESTS += tests/topo/test_ssh.sh
EXTRA_DIST += tests/topo/test_ssh.sh tests/topo/ssh_session.py \
	tests/topo/ssh_many.py tests/bench/bench_ssh.sh tests/bench/ssh_measure.py
# Pasted SSH public keys: the key-hash parser.
check_PROGRAMS += tests/unit/test_sshkey
TESTS += tests/unit/test_sshkey
tests_unit_test_sshkey_SOURCES = tests/unit/test_sshkey.c
tests_unit_test_sshkey_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_sshkey_LDADD = cfg/libcfg.a $(CHECK_LIBS)
# and its fuzz target, replayed with gcc under make check.
check_PROGRAMS += tests/fuzz/fuzz_sshkey_replay
TESTS += tests/fuzz/fuzz_sshkey_replay
tests_fuzz_fuzz_sshkey_replay_SOURCES = tests/fuzz/fuzz_sshkey.c \
	tests/fuzz/standalone.c
tests_fuzz_fuzz_sshkey_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SEED_DIR='"$(srcdir)/tests/fuzz/corpus/sshkey"'
tests_fuzz_fuzz_sshkey_replay_LDADD = cfg/libcfg.a
EXTRA_DIST += tests/fuzz/corpus/sshkey

# The configuration store and the shell with real routers: two sessions,
# write/restart/reload, kill -9 during write memory, garbage startup-config,
# configure replace; bad input on stdin and on cfgd.sock; the shell on a pty.
TESTS += tests/topo/test_store.sh tests/topo/test_badinput.sh \
	tests/topo/test_pty.py
EXTRA_DIST += tests/topo/test_store.sh tests/topo/test_badinput.sh \
	tests/topo/test_pty.py tests/topo/ipc_garbage.py

# Switching (scenario D): VLAN lists and the switching commands (pure), and
# two switches in namespaces (needs root).
check_PROGRAMS += tests/unit/test_switch
TESTS += tests/unit/test_switch
tests_unit_test_switch_SOURCES = tests/unit/test_switch.c
tests_unit_test_switch_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_switch_LDADD = cfg/libcfg.a platform/libplatform.a \
	$(CHECK_LIBS) $(CRYPT_LIBS)
TESTS += tests/topo/test_switch.sh
EXTRA_DIST += tests/topo/test_switch.sh
EXTRA_DIST += tests/bench/bench_switch.sh

# LISP in namespaces: scenario A with static EIDs (two xTRs, MS/MR), pasted
# configs, ping/TCP/lig across, show commands, a wrong key, kill -9 of
# lispd under traffic, tshark's decode of the WAN.
TESTS += tests/topo/test_lisp.sh
EXTRA_DIST += tests/topo/test_lisp.sh tests/topo/lib.sh
# lispd's control plane: ipv4-interface locators, lig ... to <mr>, long
# Map-Replies, expiry, clear, many static map-cache lines.
TESTS += tests/topo/test_lisp_ctl.sh
EXTRA_DIST += tests/topo/test_lisp_ctl.sh tests/topo/fake_mr.py tests/topo/lisp-ctl.lab \
	tests/topo/ms_register.py

# ip address dhcp: a router's GigabitEthernet1 leases from busybox udhcpd
# in a host namespace (needs root and busybox).
TESTS += tests/topo/test_dhcp.sh
EXTRA_DIST += tests/topo/test_dhcp.sh

# Scenario B of SCENARIOS.md: a non-LISP branch router reaches a LISP
# site through a proxy xTR (PITR/PETR, use-petr), in namespaces.
TESTS += tests/topo/test_proxy.sh
EXTRA_DIST += tests/topo/test_proxy.sh

# routerctl lab: the seed's lab up, looked at, the VM moved, down leaving
# nothing (also after kill -9 of daemons and of a half-built up).
TESTS += tests/topo/test_lab.sh
EXTRA_DIST += tests/topo/test_lab.sh

# Logging: %LINK/%LINEPROTO/%SYS/%SSH messages in show logging, a syslog
# host in a namespace, terminal monitor on a telnet session (needs root).
TESTS += tests/topo/test_logging.sh
EXTRA_DIST += tests/topo/test_logging.sh
# The logging settings from configuration lines through the grammar (pure).
check_PROGRAMS += tests/unit/test_logset
TESTS += tests/unit/test_logset
tests_unit_test_logset_SOURCES = tests/unit/test_logset.c
tests_unit_test_logset_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_logset_LDADD = cfg/libcfg.a platform/libplatform.a \
	$(CHECK_LIBS) $(CRYPT_LIBS)
# cfgd's system settings (enable, users, show version, banner) from
# configuration lines through the grammar (pure).
check_PROGRAMS += tests/unit/test_sysset
TESTS += tests/unit/test_sysset
tests_unit_test_sysset_SOURCES = tests/unit/test_sysset.c
tests_unit_test_sysset_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_sysset_LDADD = cfg/libcfg.a platform/libplatform.a \
	$(CHECK_LIBS) $(CRYPT_LIBS)

# Dynamic-EID mobility and the proxy xTR on the seed lab (issue 6).
TESTS += tests/topo/test_mobility.sh
EXTRA_DIST += tests/topo/test_mobility.sh tests/bench/bench_mobility.sh
EXTRA_DIST += tests/unit/unit.h
