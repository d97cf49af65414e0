# The addition model at the edges of the double range (issue 12, item 1):
# its loss is +inf, never NaN, where the arithmetic overflows or meets an
# undefined form. Included from Makefile.am:
#   include $(srcdir)/mk/addition-extremes.mk
unit_tests += tests/src/models/test_addition_extremes
cli_tests += tests/tools/test_addition_extremes.sh
