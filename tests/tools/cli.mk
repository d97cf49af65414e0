# tests/tools/cli.mk: the CLI test suite (TAP shell scripts), the valgrind
# run of it, and the fuzzers.  Included from Makefile.am with
#   include $(srcdir)/tests/tools/cli.mk
cli_tests += \
	tests/tools/test_usage.sh \
	tests/tools/test_data.sh \
	tests/tools/test_surface.sh \
	tests/tools/test_gradtime.sh \
	tests/tools/test_gradcheck.sh \
	tests/tools/test_rprop.sh \
	tests/tools/test_predict.sh \
	tests/tools/test_badinput.sh \
	tests/tools/test_hostile.sh \
	tests/tools/test_atomic.sh \
	tests/tools/test_determinism.sh \
	tests/tools/test_hostile3.sh
EXTRA_DIST += tests/tools/taplib.sh

# --- make check-valgrind: the CLI tests with every run of rnnscape under
# valgrind (taplib.sh wraps $RNNSCAPE when RNNSCAPE_VALGRIND=1); any error
# or definite/indirect leak makes rnnscape exit 99, which fails the test.
# The signal and thread-count tests time and kill the program and are left
# out.  VALGRIND_TESTS picks others; TAP_TIMEOUT bounds each run (seconds).
VALGRIND = valgrind
VALGRIND_TESTS = \
	tests/tools/test_usage.sh \
	tests/tools/test_data.sh \
	tests/tools/test_surface.sh \
	tests/tools/test_gradtime.sh \
	tests/tools/test_gradcheck.sh \
	tests/tools/test_rprop.sh \
	tests/tools/test_predict.sh \
	tests/tools/test_badinput.sh \
	tests/tools/test_hostile.sh \
	tests/tools/test_addition.sh \
	tests/tools/test_hostile2.sh \
	tests/tools/test_hostile3.sh \
	tests/tools/test_hessian.sh \
	tests/tools/test_curvature.sh
check-valgrind: tools/rnnscape
	@command -v $(VALGRIND) >/dev/null 2>&1 || { \
	  echo "check-valgrind: '$(VALGRIND)' not found (apt-get install valgrind)" >&2; exit 1; }
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(VALGRIND_TESTS)' \
	  TESTS_ENVIRONMENT='RNNSCAPE_VALGRIND=1; export RNNSCAPE_VALGRIND; VALGRIND="$(VALGRIND)"; export VALGRIND; TAP_TIMEOUT=$${TAP_TIMEOUT:-1200}; export TAP_TIMEOUT;'
.PHONY: check-valgrind

# --- make fuzz: libFuzzer harnesses (clang -fsanitize=fuzzer) for the
# number, range, point and grid parsers, the data-file reader and the
# addition model's weights and checkpoints readers.  Each
# runs for FUZZ_SECONDS on the seed corpus in fuzz/corpus/NAME (new inputs
# go to fuzz-build/corpus-NAME; a crash is saved as fuzz-build/crash-NAME-*
# and fails the target).  FUZZ_HARNESSES picks some of them.
FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_FLAGS = -max_len=4096 -rss_limit_mb=2048
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-D_GNU_SOURCE -DLINEREADER_BLOCK=7
FUZZ_HARNESSES = parse_double parse_range parse_point parse_grid dataset weights checkpoints \
	linereader
FUZZ_LIB = $(srcdir)/src/base/parse.c $(srcdir)/src/base/status.c $(srcdir)/src/io/dataset.c \
	$(srcdir)/src/base/rng.c $(srcdir)/src/base/pcg32.c $(srcdir)/src/base/mt19937.c \
	$(srcdir)/src/models/addition.c $(srcdir)/src/io/addition_io.c \
	$(srcdir)/src/base/linereader.c $(srcdir)/src/base/memory.c
# What the harnessed files call beyond FUZZ_LIB (the addition model's trie
# and kernels) comes, uninstrumented, from the library itself.
FUZZ_ARCHIVES = src/librnnscape.a $(OPENMP_CFLAGS)
EXTRA_DIST += fuzz/fuzz_common.h fuzz/fuzz_parse_double.c fuzz/fuzz_parse_range.c \
	fuzz/fuzz_parse_point.c fuzz/fuzz_parse_grid.c fuzz/fuzz_dataset.c fuzz/corpus \
	fuzz/fuzz_addition.h fuzz/fuzz_weights.c fuzz/fuzz_checkpoints.c \
	fuzz/fuzz_limits.h fuzz/fuzz_linereader.c
fuzz-build: $(FUZZ_LIB) src/librnnscape.a
	@mkdir -p fuzz-build
	@for h in $(FUZZ_HARNESSES); do \
	  echo "  FUZZCC   fuzz-build/fuzz_$$h"; \
	  $(FUZZ_CC) $(FUZZ_CFLAGS) -I$(top_builddir) $(RS_SRC_DIRS:%=-I$(srcdir)/src/%) -I$(srcdir)/tools \
	    -o fuzz-build/fuzz_$$h $(srcdir)/fuzz/fuzz_$$h.c $(FUZZ_LIB) $(FUZZ_ARCHIVES) -lm || exit 1; \
	done
fuzz: fuzz-build
	@for h in $(FUZZ_HARNESSES); do \
	  mkdir -p fuzz-build/corpus-$$h; \
	  echo "fuzz: $$h for $(FUZZ_SECONDS) s"; \
	  ./fuzz-build/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	    -artifact_prefix=fuzz-build/crash-$$h- fuzz-build/corpus-$$h \
	    $(srcdir)/fuzz/corpus/$$h >fuzz-build/log-$$h.txt 2>&1 \
	  || { tail -n 30 fuzz-build/log-$$h.txt; echo "fuzz: $$h FAILED (see fuzz-build/)" >&2; exit 1; }; \
	  grep -a '^Done' fuzz-build/log-$$h.txt; \
	done
.PHONY: fuzz fuzz-build
