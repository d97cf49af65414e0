# Unit tests of the base modules (pcg32, mt19937, rng, parse, outfile).
# Included from Makefile.am; each test is tests/src/NAME.c linked with LDADD.
unit_tests += tests/src/base/test_pcg32 tests/src/base/test_mt19937 tests/src/base/test_rng tests/src/base/test_parse tests/src/base/test_outfile
