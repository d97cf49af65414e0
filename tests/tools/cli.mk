# tests/tools/cli.mk: the CLI test suite (TAP shell scripts), included from
# Makefile.am with `include $(srcdir)/tests/tools/cli.mk`.
cli_tests += \
	tests/tools/test_usage.sh \
	tests/tools/test_data.sh \
	tests/tools/test_surface.sh \
	tests/tools/test_gradtime.sh \
	tests/tools/test_gradcheck.sh \
	tests/tools/test_rprop.sh \
	tests/tools/test_predict.sh \
	tests/tools/test_badinput.sh
EXTRA_DIST += tests/tools/taplib.sh
