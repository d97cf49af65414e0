# mk/kernel.mk: the brute-force surface kernel, the vectorised activations
# and `make bench`.
# Included from Makefile.am: include $(srcdir)/mk/kernel.mk
# Per-ISA code is selected at run time; each per-ISA file carries its own
# `#pragma GCC target`, so no per-file compiler flags are needed.

src_librnnscape_a_SOURCES += \
	src/kernel/kernel.c src/kernel/kernel.h src/kernel/kernel_isa.h src/kernel/kernel_simd.h \
	src/kernel/kernel_scalar.c src/kernel/kernel_sse2.c src/kernel/kernel_avx2.c \
	src/kernel/kernel_avx512.c \
	src/kernel/vmath.c src/kernel/vmath.h src/kernel/vmath_simd.h

unit_tests += tests/src/kernel/test_kernel tests/src/kernel/test_vmath

# --- make bench: never part of `make check` -----------------------------
# bench/bench is built only for `make bench`. bench/run.sh finds a python3
# with NumPy, then runs bench/bench, which prints the table.
EXTRA_PROGRAMS = bench/bench
bench_bench_SOURCES = bench/bench.c
bench_bench_LDADD = src/librnnscape.a
CLEANFILES += bench/bench$(EXEEXT)
EXTRA_DIST += bench/run.sh bench/numpy_surface.py

# The surfaces and the addition model (bench/bench), then the curvature
# rows, then (in an MPI build) the scaling rows: one after the other, so
# no benchmark runs beside another.
bench: bench/bench$(EXEEXT) tools/rnnscape$(EXEEXT)
	$(SHELL) $(srcdir)/bench/run.sh ./bench/bench$(EXEEXT) \
	  $(srcdir)/bench/numpy_surface.py ./tools/rnnscape$(EXEEXT) $(BENCH_ARGS)
	$(MAKE) $(AM_MAKEFLAGS) bench-curvature
	$(MAKE) $(AM_MAKEFLAGS) bench-mpi
.PHONY: bench
