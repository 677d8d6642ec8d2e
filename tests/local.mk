# tests/: script-driven suites (unit test programs are declared beside
# their modules in each folder's local.mk).

# CLI transcripts: every case under tests/transcripts/ against a fresh router.
TESTS += tests/transcripts/run.sh
EXTRA_DIST += tests/transcripts/run.sh tests/KNOWN-FAILURES \
	$(wildcard $(srcdir)/tests/transcripts/*.in \
	$(srcdir)/tests/transcripts/*.out $(srcdir)/tests/transcripts/*.args \
	$(srcdir)/tests/transcripts/*.status \
	$(srcdir)/tests/transcripts/*.startup \
	$(srcdir)/tests/transcripts/*.bootflash.*)
