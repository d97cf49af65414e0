# mk/mpi.mk: grid commands across MPI ranks. Included from
# Makefile.am. Without ./configure --with-mpi the same sources build a
# one-rank driver and nothing MPI is needed.
AM_CPPFLAGS += $(MPI_CFLAGS)
src_librnnscape_a_SOURCES += \
	src/base/par.c src/base/par.h \
	src/io/gridjob.c src/io/gridjob.h
tools_rnnscape_SOURCES += tools/cli_par.c tools/cli_par.h
# Test programs that link command files link the command's driver too.
tests_tools_test_gradcheck_fault_SOURCES += tools/cli_par.c
tests_src_models_test_addition_fault_SOURCES += tools/cli_par.c

# --- tests ----------------------------------------------------------------
unit_tests += tests/src/io/test_gridjob
TESTS += tests/tools/test_mpi.sh
dist_check_SCRIPTS += tests/tools/test_mpi.sh
# test_mpi.sh skips unless the build has MPI.
if HAVE_MPI
RNNSCAPE_WITH_MPI = yes
else
RNNSCAPE_WITH_MPI = no
endif
AM_TESTS_ENVIRONMENT += MPIRUN='$(MPIRUN)'; export MPIRUN; \
	RNNSCAPE_WITH_MPI='$(RNNSCAPE_WITH_MPI)'; export RNNSCAPE_WITH_MPI;

# --- bench ------------------------------------------------------------------
# make bench-mpi: strong scaling (1 and 2 ranks x 1 thread) and ranks x
# threads, on a surface of about a second and an addition landscape.
EXTRA_DIST += bench/bench_mpi.sh
bench-mpi: tools/rnnscape$(EXEEXT)
	MPIRUN='$(MPIRUN)' RNNSCAPE='$(abs_top_builddir)/tools/rnnscape' \
	  top_srcdir='$(abs_top_srcdir)' $(SHELL) $(srcdir)/bench/bench_mpi.sh
.PHONY: bench-mpi
