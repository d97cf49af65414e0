# mk/addition.mk: the binary-addition model, its commands, tests and figures.
src_librnnscape_a_SOURCES += \
	src/models/addition.c src/models/addition.h \
	src/io/addition_io.c src/io/addition_io.h \
	src/analysis/addition_landscape.c src/analysis/addition_landscape.h \
	src/models/addition_objective.c src/models/addition_objective.h \
	src/analysis/addition_train.c src/analysis/addition_train.h \
	src/analysis/symeig.c src/analysis/symeig.h \
	src/analysis/pca.c src/analysis/pca.h \
	src/analysis/addition_trajectory.c src/analysis/addition_trajectory.h
tools_rnnscape_SOURCES += \
	tools/cmd_addition.c tools/cmd_addition_sub.h \
	tools/cmd_addition_train.c tools/cmd_addition_gradcheck.c \
	tools/cmd_addition_landscape.c tools/cmd_addition_optim.c

# --- tests ---------------------------------------------------------------
check_PROGRAMS += tests/src/models/test_addition
TESTS += tests/src/models/test_addition
check_PROGRAMS += tests/src/models/test_addition_fault
TESTS += tests/src/models/test_addition_fault
check_PROGRAMS += tests/src/models/test_addition_objective tests/src/analysis/test_pca \
	tests/src/analysis/test_addition_optim
TESTS += tests/src/models/test_addition_objective tests/src/analysis/test_pca \
	tests/src/analysis/test_addition_optim
EXTRA_DIST += tests/pinned/torch_addition.py
tests_src_models_test_addition_fault_SOURCES = tests/src/models/test_addition_fault.c \
	tools/cmd_addition.c tools/cmd_addition_train.c tools/cmd_addition_gradcheck.c \
	tools/cmd_addition_landscape.c tools/cmd_addition_optim.c tools/cli.c tools/cli_data.c
tests_src_models_test_addition_fault_SOURCES += tools/cli_optim.c
TESTS += tests/tools/test_addition.sh tests/tools/test_addition_cli.sh \
	tests/tools/test_addition_optim.sh
dist_check_SCRIPTS += tests/tools/test_addition.sh tests/tools/test_addition_cli.sh \
	tests/tools/test_addition_optim.sh

# --- figures (`make figures`) ---------------------------------------------
# Training with the tutorial's settings (NumPy stream, seed 0), checkpoints
# every 250 iterations; then the landscape around the final weights along
# random filter-normalised directions and along the trajectory's PCA plane.
ADDFIG_DIR = $(FIGDIR)/data
ADD_RNNSCAPE = $(top_builddir)/tools/rnnscape$(EXEEXT)
ADD_WEIGHTS = $(ADDFIG_DIR)/addition-weights.dat
ADD_CURVE = $(ADDFIG_DIR)/addition-curve.dat
ADD_TRAIN_FILES = $(ADDFIG_DIR)/addition-eval.dat $(ADDFIG_DIR)/addition-gradflow.dat \
	$(ADDFIG_DIR)/addition-checkpoints.dat $(ADD_WEIGHTS)
ADD_LAND_RANDOM = $(ADDFIG_DIR)/addition-landscape-random.dat
ADD_LAND_PCA = $(ADDFIG_DIR)/addition-landscape-pca.dat
ADD_LAND_TRAJ = $(ADDFIG_DIR)/addition-landscape-pca-trajectory.dat
ADDFIG_PLOTS = plots/addition_learning.gp plots/addition_gradflow.gp \
	plots/addition_landscape.gp plots/addition_landscape3d.gp
ADD_EVERY = 250
ADD_GRID = 51
EXTRA_DIST += $(ADDFIG_PLOTS)
FIGDATA_FILES += $(ADD_CURVE) $(ADD_TRAIN_FILES) $(ADD_LAND_RANDOM) $(ADD_LAND_PCA) \
	$(ADD_LAND_TRAJ)
FIGURES += $(FIGDIR)/addition-learning.$(FORMAT) $(FIGDIR)/addition-gradflow.$(FORMAT) \
	$(FIGDIR)/addition-landscape.$(FORMAT) $(FIGDIR)/addition-landscape3d.$(FORMAT)

# One run writes all five training files. It commits the curve first, so
# the curve stands for them all: the others are newer and depend on it.
$(ADD_CURVE): tools/rnnscape$(EXEEXT)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(ADD_RNNSCAPE) addition train --rng numpy --seed 0 --every $(ADD_EVERY) -q -o $(@D)
$(ADD_TRAIN_FILES): $(ADD_CURVE)
	@test -f $@ || { rm -f $(ADD_CURVE); $(MAKE) $(AM_MAKEFLAGS) $(ADD_CURVE); }
$(ADD_LAND_RANDOM): $(ADD_WEIGHTS)
	$(AM_V_GEN)$(ADD_RNNSCAPE) addition landscape --weights $(ADD_WEIGHTS) \
	  --grid $(ADD_GRID) --range 1 --seed 0 -o $@
# One run writes the PCA grid and its trajectory (all or nothing); the
# trajectory file stands for both, as the curve does for training.
$(ADD_LAND_TRAJ): $(ADD_WEIGHTS) $(ADDFIG_DIR)/addition-checkpoints.dat
	$(AM_V_GEN)$(ADD_RNNSCAPE) addition landscape --weights $(ADD_WEIGHTS) --directions pca \
	  --checkpoints $(ADDFIG_DIR)/addition-checkpoints.dat --grid $(ADD_GRID) \
	  -o $(ADD_LAND_PCA) --trajectory $@
$(ADD_LAND_PCA): $(ADD_LAND_TRAJ)
	@test -f $@ || { rm -f $(ADD_LAND_TRAJ); $(MAKE) $(AM_MAKEFLAGS) $(ADD_LAND_TRAJ); }

if HAVE_GNUPLOT
# gnuplot draws into $@.tmp, renamed into place: no half-written figures.
ADD_GP = term='$(FORMAT)'; outfile='$@.tmp'
$(FIGDIR)/addition-learning.$(FORMAT): $(srcdir)/plots/addition_learning.gp \
		$(ADDFIG_DIR)/addition-curve.dat $(ADDFIG_DIR)/addition-eval.dat
	$(AM_V_GEN)$(GNUPLOT) -e "$(ADD_GP); curve='$(ADDFIG_DIR)/addition-curve.dat'; \
	  evalfile='$(ADDFIG_DIR)/addition-eval.dat'" $(srcdir)/plots/addition_learning.gp \
	  && mv -f $@.tmp $@
$(FIGDIR)/addition-gradflow.$(FORMAT): $(srcdir)/plots/addition_gradflow.gp \
		$(ADDFIG_DIR)/addition-gradflow.dat
	$(AM_V_GEN)$(GNUPLOT) -e "$(ADD_GP); datafile='$(ADDFIG_DIR)/addition-gradflow.dat'" \
	  $(srcdir)/plots/addition_gradflow.gp && mv -f $@.tmp $@
$(FIGDIR)/addition-landscape.$(FORMAT): $(srcdir)/plots/addition_landscape.gp \
		$(ADD_LAND_RANDOM) $(ADD_LAND_PCA) $(ADD_LAND_TRAJ)
	$(AM_V_GEN)$(GNUPLOT) -e "$(ADD_GP); random='$(ADD_LAND_RANDOM)'; pca='$(ADD_LAND_PCA)'; \
	  trajectory='$(ADD_LAND_TRAJ)'" $(srcdir)/plots/addition_landscape.gp && mv -f $@.tmp $@
$(FIGDIR)/addition-landscape3d.$(FORMAT): $(srcdir)/plots/addition_landscape3d.gp \
		$(ADD_LAND_PCA) $(ADD_LAND_TRAJ)
	$(AM_V_GEN)$(GNUPLOT) -e "$(ADD_GP); datafile='$(ADD_LAND_PCA)'; trajectory='$(ADD_LAND_TRAJ)'" \
	  $(srcdir)/plots/addition_landscape3d.gp && mv -f $@.tmp $@
endif HAVE_GNUPLOT

# The addition CLI tests under `make check-valgrind` too.
VALGRIND_TESTS += tests/tools/test_addition_cli.sh tests/tools/test_addition_optim.sh
