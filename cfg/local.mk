# cfg/: grammar engine, config tables, model, rendering, cfgd.
noinst_LIBRARIES += cfg/libcfg.a
cfg_libcfg_a_SOURCES = \
	cfg/cmd.c cfg/cmd.h
