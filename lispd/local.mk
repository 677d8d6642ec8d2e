# lispd/: LISP daemon.
sbin_PROGRAMS += lispd/lispd
lispd_lispd_SOURCES = lispd/lispd.c
lispd_lispd_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS)
lispd_lispd_LDADD = platform/libplatform.a $(LIBEVENT_LIBS)
