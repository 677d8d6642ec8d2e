# debian/: the Debian package.
#   make deb       lisprouter_VERSION_ARCH.deb in $(DEB_OUT), built with
#                  dpkg-buildpackage from this tree's `make dist` tarball
#   make deb-test  build it (when stale), then tests/deb/test_deb.sh:
#                  lintian, systemd-analyze verify, install into a fresh
#                  Debian root (needs root, network for the first root)
EXTRA_DIST += debian/changelog debian/control debian/copyright \
	debian/rules debian/source/format debian/lisprouter.service \
	debian/lisprouter.tmpfiles debian/lisprouter.default \
	debian/lisprouter.postinst debian/lisprouter.postrm \
	debian/local.mk \
	tests/deb/test_deb.sh tests/deb/LINTIAN-NOTES

DEB_OUT = $(abs_top_builddir)/deb
# What a package build depends on: the programs (so it follows the tree)
# and the packaging itself.
DEB_DEPS = $(bin_PROGRAMS) $(sbin_PROGRAMS) $(pkglibexec_PROGRAMS) \
	$(pkglibexec_SCRIPTS) $(MAN_GENERATED) $(srcdir)/debian/changelog \
	$(srcdir)/debian/control $(srcdir)/debian/rules \
	$(srcdir)/debian/lisprouter.service $(srcdir)/debian/lisprouter.tmpfiles \
	$(srcdir)/debian/lisprouter.default $(srcdir)/debian/lisprouter.postinst \
	$(srcdir)/debian/lisprouter.postrm

$(DEB_OUT)/.stamp: $(DEB_DEPS)
	rm -rf $(DEB_OUT) && $(MKDIR_P) $(DEB_OUT)/src
	$(MAKE) $(AM_MAKEFLAGS) distdir distdir=$(DEB_OUT)/src/$(PACKAGE)-$(VERSION)
	cd $(DEB_OUT)/src/$(PACKAGE)-$(VERSION) && \
	    DEB_BUILD_OPTIONS="nocheck parallel=2 $(DEB_BUILD_OPTIONS)" \
	    dpkg-buildpackage -b -us -uc >$(DEB_OUT)/build.log 2>&1 || \
	    { tail -40 $(DEB_OUT)/build.log; exit 1; }
	mv $(DEB_OUT)/src/*.deb $(DEB_OUT)/src/*.buildinfo \
	    $(DEB_OUT)/src/*.changes $(DEB_OUT)/
	rm -f $(DEB_OUT)/*dbgsym*
	rm -f $(DEB_OUT)/*.changes
	rm -rf $(DEB_OUT)/src
	touch $@

deb:
	rm -f $(DEB_OUT)/.stamp
	$(MAKE) $(AM_MAKEFLAGS) $(DEB_OUT)/.stamp
	@ls $(DEB_OUT)/*.deb

# Its result as one test in $(DEB_OUT)/test-suite.log, for setup.sh's
# summary.
deb-test: $(DEB_OUT)/.stamp
	@rc=0; $(SHELL) $(abs_top_srcdir)/tests/deb/test_deb.sh \
	    --deb-dir $(DEB_OUT) --srcdir $(abs_top_srcdir) \
	    >$(DEB_OUT)/test_deb.log 2>&1 || rc=$$?; \
	cat $(DEB_OUT)/test_deb.log; \
	case $$rc in 0) r=PASS ;; 77) r=SKIP ;; *) r=FAIL ;; esac; \
	for k in PASS SKIP FAIL; do \
	    if [ $$k = $$r ]; then echo "# $$k: 1"; else echo "# $$k: 0"; fi; \
	done >$(DEB_OUT)/test-suite.log; \
	echo "$$r: tests/deb/test_deb.sh"; \
	[ $$r != FAIL ]

.PHONY: deb deb-test
