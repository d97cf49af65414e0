# Unit tests of the base modules (pcg32, mt19937, rng, parse, outfile).
# Included from Makefile.am; each test is tests/src/NAME.c linked with LDADD.
unit_tests += tests/src/test_pcg32 tests/src/test_mt19937 tests/src/test_rng tests/src/test_parse tests/src/test_outfile
