# The optimisers (issue 11 items 1, 2, 5): the optimiser types and driver,
# the trace writer, `rnnscape optimize`, their tests and figures.
# Included from Makefile.am.
src_librnnscape_a_SOURCES += \
	src/optim/optim.c src/optim/optim.h src/optim/optim_method.h \
	src/optim/sgd.c src/optim/adagrad.c src/optim/rmsprop.c src/optim/adam.c \
	src/optim/rprop_family.c \
	src/io/trace.c src/io/trace.h

unit_tests += tests/src/optim/test_optim
tools_rnnscape_SOURCES += tools/cmd_optimize.c

cli_tests += tests/tools/test_optimize.sh
EXTRA_DIST += tests/pinned/torch_optim.py
VALGRIND_TESTS += tests/tools/test_optimize.sh
