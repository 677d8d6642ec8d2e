# tests/: script-driven suites (unit test programs are declared beside
# their modules in each folder's local.mk).
