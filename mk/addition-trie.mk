# mk/addition-trie.mk: the addition model at the machine's limit: the trie of shared
# prefixes, its vectorised kernels (one file per instruction set, each with
# its own `#pragma GCC target`), and the landscape tests.
# Included from Makefile.am: include $(srcdir)/mk/addition-trie.mk
src_librnnscape_a_SOURCES += \
	src/models/addition_trie.c src/models/addition_trie.h \
	src/models/addition_batch.c src/models/addition_batch.h \
	src/kernel/addition_kernel.c src/kernel/addition_kernel.h \
	src/kernel/addition_kernel_isa.h src/kernel/addition_simd.h \
	src/kernel/addition_scalar.c src/kernel/addition_sse2.c src/kernel/addition_avx2.c \
	src/kernel/addition_avx512.c

EXTRA_DIST += tests/pinned/addition_landscape_pin.c tests/pinned/addition_landscape_pin.out

# --- tests ---------------------------------------------------------------
unit_tests += tests/src/analysis/test_addition_landscape
unit_tests += tests/src/models/test_addition_trie tests/src/kernel/test_addition_kernel \
	tests/src/models/test_addition_batch

# --- the command: progress on stderr for long runs -------------------------
tools_rnnscape_SOURCES += tools/cli_progress.c tools/cli_progress.h
tests_src_models_test_addition_fault_SOURCES += tools/cli_progress.c

# --- make bench: the addition rows -----------------------------------------
bench_bench_SOURCES += bench/bench_addition.c bench/bench_addition.h
EXTRA_DIST += bench/numpy_addition.py
