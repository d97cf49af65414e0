# mk/addition-extremes.mk: the addition model at the edges of the double range:
# its loss is +inf, never NaN, where the arithmetic overflows or meets an
# undefined form. Included from Makefile.am:
#   include $(srcdir)/mk/addition-extremes.mk
unit_tests += tests/src/models/test_addition_extremes
cli_tests += tests/tools/test_addition_extremes.sh
