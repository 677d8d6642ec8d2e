# tests/: script-driven suites (unit test programs are declared beside
# their modules in each folder's local.mk).

# CLI transcripts: every case under tests/transcripts/ against a fresh router.
TESTS += tests/transcripts/run.sh
EXTRA_DIST += tests/transcripts tests/KNOWN-FAILURES
