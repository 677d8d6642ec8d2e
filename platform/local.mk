# platform/: the base layer.  Add sources here as they are written.
noinst_LIBRARIES += platform/libplatform.a
platform_libplatform_a_SOURCES = \
	platform/rundir.c platform/rundir.h
