# mk/curvature.mk: exact Hessians of both models, curvature maps,
# Hessian spectra. Included from Makefile.am: include $(srcdir)/mk/curvature.mk
src_librnnscape_a_SOURCES += \
	src/models/rnn2_hessian.c src/models/rnn2_hessian.h \
	src/analysis/curvature.c src/analysis/curvature.h src/analysis/curvature_isa.h \
	src/analysis/curvature_simd.h src/analysis/curvature_generic.c \
	src/analysis/curvature_avx2.c src/analysis/curvature_avx512.c
tools_rnnscape_SOURCES += tools/cmd_hessian.c tools/cmd_curvature.c tools/cmd_addition_hessian.c \
	tools/cmd_addition_curvature.c

# --- tests ---------------------------------------------------------------
unit_tests += tests/src/models/test_rnn2_hessian tests/src/analysis/test_curvature
cli_tests += tests/tools/test_hessian.sh tests/tools/test_curvature.sh tests/tools/test_addition_hessian.sh
EXTRA_DIST += tests/pinned/torch_hessian.py

# --- the addition model's Hessian ------------------------------------------
src_librnnscape_a_SOURCES += \
	src/models/addition_hessian.c src/models/addition_hessian.h \
	src/analysis/hessian_spectrum.c src/analysis/hessian_spectrum.h \
	src/analysis/addition_curvature.c src/analysis/addition_curvature.h
unit_tests += tests/src/models/test_addition_hessian
EXTRA_DIST += tests/pinned/torch_addition_hessian.py
# the addition dispatch table (tools/cmd_addition.c) names addition hessian
tests_src_models_test_addition_fault_SOURCES += tools/cmd_addition_hessian.c \
	tools/cmd_addition_curvature.c

# --- make bench-curvature: never part of `make check` --------------------
# Hook into `make bench` with:  bench: bench-curvature
EXTRA_PROGRAMS += bench/bench_curvature
bench_bench_curvature_SOURCES = bench/bench_curvature.c
bench_bench_curvature_LDADD = src/librnnscape.a
CLEANFILES += bench/bench_curvature$(EXEEXT)
EXTRA_DIST += bench/bench_curvature.sh bench/bench_curvature.py
bench-curvature: bench/bench_curvature$(EXEEXT)
	$(SHELL) $(srcdir)/bench/bench_curvature.sh ./bench/bench_curvature$(EXEEXT) \
	  $(srcdir)/bench/bench_curvature.py $(BENCH_REPEAT)
.PHONY: bench-curvature
BENCH_REPEAT = 3

# --- figures (`make figures`) ----------------------------------------------
# Curvature maps of the tutorial's surface with its six points and the
# RProp trace; the addition model's Hessian spectrum at initialisation and
# after training (seed 000), with SLQ densities on every 4th sum.
CURV_GRID = 200
CURV_ADD_EVERY = 4
CURV_MAP = $(FIG_DATADIR)/curvature-tutorial.dat
CURV_ADD_INIT_W = $(FIG_DATADIR)/addition-weights-init.dat
CURV_SPEC_INIT = $(FIG_DATADIR)/hessian-spectrum-init.dat
CURV_SPEC_TRAINED = $(FIG_DATADIR)/hessian-spectrum-trained.dat
CURV_DENS_INIT = $(FIG_DATADIR)/hessian-density-init.dat
CURV_DENS_TRAINED = $(FIG_DATADIR)/hessian-density-trained.dat
EXTRA_DIST += plots/curvature-maps.gp plots/hessian-spectrum.gp
FIGDATA_FILES += $(CURV_MAP) $(CURV_ADD_INIT_W) $(CURV_SPEC_INIT) $(CURV_SPEC_TRAINED) \
	$(CURV_DENS_INIT) $(CURV_DENS_TRAINED)
CURV_CLIFF = $(FIG_DATADIR)/curvature-tanh-cliff.dat
CURV_PLANE = $(FIG_DATADIR)/curvature-addition-plane.dat
CURV_PLANE_GRID = 11
CURV_PLANE_EVERY = 64
EXTRA_DIST += plots/curvature-addition-plane.gp
FIGDATA_FILES += $(CURV_CLIFF) $(CURV_PLANE)
FIGURES += $(FIGDIR)/curvature-addition-plane.$(FORMAT)
# Li et al.'s map on the plane of addition-landscape-random.dat (seed 0, range 1)
$(CURV_PLANE): $(ADD_WEIGHTS)
	$(AM_V_GEN)$(FIG_RNNSCAPE) addition curvature --weights $(ADD_WEIGHTS) --range 1 --seed 0 \
	  --grid $(CURV_PLANE_GRID) --every $(CURV_PLANE_EVERY) -o $@
FIGURES += $(FIGDIR)/curvature-tutorial.$(FORMAT) $(FIGDIR)/hessian-spectrum.$(FORMAT) \
	$(FIGDIR)/curvature-tanh-cliff.$(FORMAT)

# Pascanu's cliff: a tanh unit over 50 steps with the fraction-of-ones target
$(CURV_CLIFF): $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) curvature --activation tanh --length 50 --target mean \
	  --wx -3:3 --wrec -3:3 --grid $(CURV_GRID) -o $@

$(CURV_MAP): $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) curvature --wx -3:3 --wrec -3:3 --grid $(CURV_GRID) -o $@
$(CURV_ADD_INIT_W): $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) addition train --rng numpy --seed 0 --iters 0 -q --save $@ >/dev/null
$(CURV_SPEC_INIT): $(CURV_ADD_INIT_W)
	$(AM_V_GEN)$(FIG_RNNSCAPE) addition hessian --weights $(CURV_ADD_INIT_W) -o $@
$(CURV_SPEC_TRAINED): $(ADD_WEIGHTS)
	$(AM_V_GEN)$(FIG_RNNSCAPE) addition hessian --weights $(ADD_WEIGHTS) -o $@
$(CURV_DENS_INIT): $(CURV_ADD_INIT_W)
	$(AM_V_GEN)$(FIG_RNNSCAPE) addition hessian --weights $(CURV_ADD_INIT_W) --density \
	  --every $(CURV_ADD_EVERY) -o $@
$(CURV_DENS_TRAINED): $(ADD_WEIGHTS)
	$(AM_V_GEN)$(FIG_RNNSCAPE) addition hessian --weights $(ADD_WEIGHTS) --density \
	  --every $(CURV_ADD_EVERY) -o $@

if HAVE_GNUPLOT
$(FIGDIR)/curvature-tutorial.$(FORMAT): $(srcdir)/plots/curvature-maps.gp $(CURV_MAP) \
		$(FIG_DATADIR)/gradtime-tutorial.dat $(FIG_DATADIR)/rprop-tutorial.dat
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); datafile='$(CURV_MAP)'; \
	  points='$(FIG_DATADIR)/gradtime-tutorial.dat'; trace='$(FIG_DATADIR)/rprop-tutorial.dat'" \
	  $(srcdir)/plots/curvature-maps.gp $(FIG_DONE)
$(FIGDIR)/curvature-tanh-cliff.$(FORMAT): $(srcdir)/plots/curvature-maps.gp $(CURV_CLIFF)
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); datafile='$(CURV_CLIFF)'; lmaxlo=1e-3; lmaxhi=1e5; \
	  lminlog=5; title='Curvature of a tanh unit over 50 steps (target: fraction of ones)'" \
	  $(srcdir)/plots/curvature-maps.gp $(FIG_DONE)
$(FIGDIR)/curvature-addition-plane.$(FORMAT): $(srcdir)/plots/curvature-addition-plane.gp \
		$(CURV_PLANE)
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); datafile='$(CURV_PLANE)'" \
	  $(srcdir)/plots/curvature-addition-plane.gp $(FIG_DONE)
$(FIGDIR)/hessian-spectrum.$(FORMAT): $(srcdir)/plots/hessian-spectrum.gp $(CURV_SPEC_INIT) \
		$(CURV_SPEC_TRAINED) $(CURV_DENS_INIT) $(CURV_DENS_TRAINED)
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); spectra='$(CURV_SPEC_INIT) $(CURV_SPEC_TRAINED)'; \
	  densities='$(CURV_DENS_INIT) $(CURV_DENS_TRAINED)'; titles='initial trained'" \
	  $(srcdir)/plots/hessian-spectrum.gp $(FIG_DONE)
endif HAVE_GNUPLOT
