# mk/core.mk: build rules of the shared core (gradient checker, grid
# writer, drivers, option parser).  Included from Makefile.am.
noinst_HEADERS += tools/cmd_gradcheck.h tests/src/faulty_objective.h
unit_tests += tests/src/analysis/test_gradcheck_objective
unit_tests += tests/src/io/test_gridio_channels
cli_tests += tests/tools/test_s0.sh
EXTRA_DIST += tests/pinned/pascanu_fig6.py
cli_tests += tests/tools/test_extremes.sh
cli_tests += tests/tools/test_cli.sh
