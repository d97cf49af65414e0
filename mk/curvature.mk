# Curvature (issue 15): exact Hessians of both models, curvature maps,
# Hessian spectra. Included from Makefile.am: include $(srcdir)/mk/curvature.mk
src_librnnscape_a_SOURCES += \
	src/models/rnn2_hessian.c src/models/rnn2_hessian.h \
	src/analysis/curvature.c src/analysis/curvature.h src/analysis/curvature_isa.h \
	src/analysis/curvature_simd.h src/analysis/curvature_generic.c \
	src/analysis/curvature_avx2.c src/analysis/curvature_avx512.c
tools_rnnscape_SOURCES += tools/cmd_hessian.c tools/cmd_curvature.c tools/cmd_addition_hessian.c

# --- tests ---------------------------------------------------------------
unit_tests += tests/src/models/test_rnn2_hessian tests/src/analysis/test_curvature
cli_tests += tests/tools/test_hessian.sh tests/tools/test_curvature.sh tests/tools/test_addition_hessian.sh
EXTRA_DIST += tests/pinned/torch_hessian.py

# --- the addition model's Hessian ------------------------------------------
src_librnnscape_a_SOURCES += \
	src/models/addition_hessian.c src/models/addition_hessian.h \
	src/analysis/hessian_spectrum.c src/analysis/hessian_spectrum.h
unit_tests += tests/src/models/test_addition_hessian
EXTRA_DIST += tests/pinned/torch_addition_hessian.py
# the addition dispatch table (tools/cmd_addition.c) names addition hessian
tests_src_models_test_addition_fault_SOURCES += tools/cmd_addition_hessian.c
