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

# The configuration model, tables, sessions and rendering.
cfg_libcfg_a_SOURCES += \
	cfg/modes.c cfg/modes.h cfg/cfgcmd.h cfg/env.h \
	cfg/model.c cfg/model.h cfg/apply.c cfg/apply.h \
	cfg/session.c cfg/session.h cfg/render.c cfg/render.h \
	cfg/cfgtab.c cfg/cfgtab.h cfg/tables.h cfg/cfgtab-if.c \
	cfg/cfgtab-vty.c cfg/cfgtab-lisp.c cfg/secret.c cfg/secret.h \
	cfg/sshkey.c cfg/sshkey.h cfg/hostkey.c cfg/hostkey.h
# Switching: VLANs, switchports, the MAC address table.
cfg_libcfg_a_SOURCES += cfg/cfgtab-logging.c cfg/logset.c cfg/logset.h
cfg_libcfg_a_SOURCES += cfg/sysset.c cfg/sysset.h
cfg_libcfg_a_SOURCES += cfg/cfgtab-switch.c cfg/switchcfg.h \
	cfg/vlanlist.c cfg/vlanlist.h

sbin_PROGRAMS += cfg/cfgd
cfg_cfgd_SOURCES = cfg/cfgd.c cfg/cfgd.h cfg/cfgd-config.c cfg/cfgd-sys.c
# Logins and line settings for vtyd.
cfg_cfgd_SOURCES += cfg/cfgd-auth.c
# Interfaces, routes, ping: cfgd's platform side.
cfg_cfgd_SOURCES += cfg/cfgd-platform.c cfg/cfgd-platform.h cfg/ifplat.h \
	cfg/cfgd-ifshow.c cfg/cfgd-ping.c
# Switching: the kernel's bridges follow the model; MAC table shows.
cfg_cfgd_SOURCES += cfg/cfgd-switch.c
# IOS system messages: buffer, console and monitor sessions, syslog hosts.
cfg_cfgd_SOURCES += cfg/cfgd-logging.c
cfg_cfgd_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS)
cfg_cfgd_LDADD = cfg/libcfg.a platform/libplatform.a $(LIBEVENT_LIBS) \
	$(CRYPT_LIBS)
cfg_cfgd_LDADD += $(LIBMNL_LIBS)
# ip address dhcp: udhcpc children and their hook script (next to cfgd in
# a build tree, in pkglibexecdir once installed).
cfg_cfgd_SOURCES += cfg/cfgd-dhcp.c
cfg_cfgd_CFLAGS += -DPKGLIBEXECDIR='"$(pkglibexecdir)"'
pkglibexec_SCRIPTS = cfg/lisprouter-dhcp-hook
CLEANFILES = cfg/lisprouter-dhcp-hook
EXTRA_DIST += cfg/lisprouter-dhcp-hook.sh
cfg/lisprouter-dhcp-hook: $(srcdir)/cfg/lisprouter-dhcp-hook.sh
	$(MKDIR_P) cfg && cp $(srcdir)/cfg/lisprouter-dhcp-hook.sh $@ && \
	    chmod 0755 $@
