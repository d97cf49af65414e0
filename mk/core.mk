# mk/core.mk: build rules of the shared core (gradient checker, grid
# writer, drivers, option parser).  Included from Makefile.am.
noinst_HEADERS += tools/cmd_gradcheck.h tests/src/faulty_objective.h
unit_tests += tests/src/analysis/test_gradcheck_objective
unit_tests += tests/src/io/test_gridio_channels
cli_tests += tests/tools/test_s0.sh
EXTRA_DIST += tests/pinned/pascanu_fig6.py
cli_tests += tests/tools/test_extremes.sh
cli_tests += tests/tools/test_cli.sh

# make fuzz-cli: a libFuzzer harness for the one option parser
# (tools/cli_data.c), FUZZ_SECONDS long, as `make fuzz` runs the others.
FUZZ_CLI_SRC = $(srcdir)/tools/cli.c $(srcdir)/tools/cli_data.c $(srcdir)/src/base/parse.c \
	$(srcdir)/src/base/status.c $(srcdir)/src/base/outfile.c $(srcdir)/src/io/dataset.c \
	$(srcdir)/src/base/rng.c $(srcdir)/src/base/pcg32.c $(srcdir)/src/base/mt19937.c \
	$(srcdir)/src/models/activation.c $(srcdir)/src/models/rnn2.c $(srcdir)/src/base/pairwise.c
EXTRA_DIST += fuzz/fuzz_cli_args.c fuzz/corpus/cli_args
fuzz-cli: $(FUZZ_CLI_SRC)
	@mkdir -p fuzz-build/corpus-cli_args
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(top_builddir) $(RS_SRC_DIRS:%=-I$(srcdir)/src/%) -I$(srcdir)/tools \
	  -o fuzz-build/fuzz_cli_args $(srcdir)/fuzz/fuzz_cli_args.c $(FUZZ_CLI_SRC) -lm
	./fuzz-build/fuzz_cli_args -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) -close_fd_mask=3 \
	  -artifact_prefix=fuzz-build/crash-cli_args- fuzz-build/corpus-cli_args \
	  $(srcdir)/fuzz/corpus/cli_args >fuzz-build/log-cli_args.txt 2>&1 \
	  || { tail -n 30 fuzz-build/log-cli_args.txt; echo "fuzz: cli_args FAILED" >&2; exit 1; }
	@grep -a '^Done' fuzz-build/log-cli_args.txt
.PHONY: fuzz-cli
unit_tests += tests/src/analysis/test_surface_extremes
