# platform/image/: the router as a VM image (qcow2 and OVA).
#   make image       build $(IMAGE_OUT)/lisprouter.qcow2 and lisprouter.ova
#   make image-test  build them, boot them under QEMU and check them
# Both run as root and install what they need from Debian (deps.sh); they
# are not part of `make check`.

# The appliance's init (PID 1), installed with the programs it starts.
pkglibexec_PROGRAMS = platform/image/lisprouter-init
platform_image_lisprouter_init_SOURCES = platform/image/init.c \
	platform/image/day0.c platform/image/day0.h

# Day-0 configuration: OVF environment and iosxe_config.txt to IOS lines.
check_PROGRAMS += tests/unit/test_day0
TESTS += tests/unit/test_day0
tests_unit_test_day0_SOURCES = tests/unit/test_day0.c \
	platform/image/day0.c platform/image/day0.h
tests_unit_test_day0_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_day0_LDADD = $(CHECK_LIBS)

EXTRA_DIST += platform/image/build.sh platform/image/deps.sh \
	platform/image/initramfs-init platform/image/lisprouter.ovf.in \
	tests/image/test_image.py tests/image/vm.py \
	tests/bench/bench_image.sh

IMAGE_OUT = $(abs_top_builddir)/image

# The image installs the router from the Debian package (debian/local.mk).
image: all $(DEB_OUT)/.stamp
	$(SHELL) $(abs_top_srcdir)/platform/image/build.sh \
	    --builddir $(abs_top_builddir) --srcdir $(abs_top_srcdir) \
	    --out $(IMAGE_OUT) --deb-dir $(DEB_OUT)

image-test:
	rm -f $(IMAGE_OUT)/test-suite.log
	$(MAKE) $(AM_MAKEFLAGS) image
	python3 $(abs_top_srcdir)/tests/image/test_image.py \
	    --image $(IMAGE_OUT) --builddir $(abs_top_builddir) \
	    --srcdir $(abs_top_srcdir) \
	    --suite-log $(IMAGE_OUT)/test-suite.log

image-bench: image
	$(SHELL) $(abs_top_srcdir)/tests/bench/bench_image.sh \
	    --image $(IMAGE_OUT)

.PHONY: image image-test image-bench

# The day-0 parsers' fuzz target, replayed under `make check` (seed corpus
# and bounded pseudo-random inputs; see tests/fuzz/standalone.c).
check_PROGRAMS += tests/fuzz/fuzz_day0_replay
TESTS += tests/fuzz/fuzz_day0_replay
tests_fuzz_fuzz_day0_replay_SOURCES = tests/fuzz/fuzz_day0.c \
	tests/fuzz/standalone.c platform/image/day0.c platform/image/day0.h
tests_fuzz_fuzz_day0_replay_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_SEED_DIR='"$(srcdir)/tests/fuzz/corpus/day0"'
EXTRA_DIST += tests/fuzz/corpus/day0
