# mk/optim.mk: the optimiser types and driver,
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

# --- figures (`make figures`, `make animation`) ---------------------------
# The optimiser zoo: every optimiser from the tutorial's start on the
# tutorial's surface (the gradient methods with Pascanu's clipping at 1,
# without which none of them survives the first steps from (-1.5, 2); the
# RProp family with its defaults), and its animation.  Pascanu et al.
# (2013), Fig. 6: x_t = w*sigmoid(x_(t-1)) + b, x_0 = 0.5, one sequence of
# fifty ones with target 0.7, is this model with --activation sigmoid and
# s_0 = sigmoid(0.5); plain gradient descent and the same clipped at
# ||g|| = 1, from one start beside the cliff.
OPTIM_FIG_PLOTS = plots/optim-zoo.gp plots/optim-zoo-animate.gp plots/pascanu-cliff.gp
EXTRA_DIST += $(OPTIM_FIG_PLOTS)
ZOO_OPTIMIZERS = sgd adagrad rmsprop adam rprop-tutorial rprop+ rprop- irprop+ irprop-
ZOO_TITLES = SGD Adagrad RMSprop Adam RProp(tutorial) Rprop+ Rprop− iRprop+ iRprop−
ZOO_START = -1.5,2
ZOO_ITERS = 500
ZOO_FRAMES = 60
ZOO_SURFACE = $(FIG_DATADIR)/zoo-surface.dat
ZOO_TRACES = $(ZOO_OPTIMIZERS:%=$(FIG_DATADIR)/zoo-%.dat)
PASCANU_S0 = 0.6224593312018546
PASCANU_SEQ = $(FIG_DATADIR)/pascanu-data.dat
PASCANU_SURFACE = $(FIG_DATADIR)/pascanu-surface.dat
PASCANU_TRACES = $(FIG_DATADIR)/pascanu-gd.dat $(FIG_DATADIR)/pascanu-clipped.dat
PASCANU_MODEL = --data $(PASCANU_SEQ) --activation sigmoid --s0 $(PASCANU_S0)
PASCANU_RUN = --lr 0.5 --start -3.1,6 --iters 100
FIGDATA_FILES += $(ZOO_SURFACE) $(ZOO_TRACES) $(PASCANU_SEQ) $(PASCANU_SURFACE) \
	$(PASCANU_TRACES)
FIGURES += $(FIGDIR)/optim-zoo.$(FORMAT) $(FIGDIR)/pascanu-cliff.$(FORMAT) \
	$(FIGDIR)/optim-zoo.gif

$(ZOO_SURFACE): $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) surface --wx -2:2.5 --wrec -0.5:2.25 --grid 100 -o $@
$(ZOO_TRACES): $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)o=`basename $@ .dat | sed 's/^zoo-//'`; \
	case $$o in \
	  sgd) opts='--lr 0.01 --clip-norm 1';; \
	  adagrad) opts='--lr 0.1 --clip-norm 1';; \
	  rmsprop) opts='--lr 0.005 --clip-norm 1';; \
	  adam) opts='--lr 0.01 --clip-norm 1';; \
	  *) opts='';; \
	esac; \
	$(FIG_RNNSCAPE) optimize --optimizer $$o $$opts --start $(ZOO_START) \
	  --iters $(ZOO_ITERS) -o $@ >/dev/null
$(PASCANU_SEQ):
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)i=0; while test $$i -lt 50; do printf '1 '; i=`expr $$i + 1`; done >$@.tmp; \
	echo 0.7 >>$@.tmp; mv -f $@.tmp $@
$(PASCANU_SURFACE): $(FIG_DEPS) $(PASCANU_SEQ)
	$(AM_V_GEN)$(FIG_RNNSCAPE) surface $(PASCANU_MODEL) --wx -4:0 --wrec 3:7 --grid 200 -o $@
$(FIG_DATADIR)/pascanu-gd.dat: $(FIG_DEPS) $(PASCANU_SEQ)
	$(AM_V_GEN)$(FIG_RNNSCAPE) optimize $(PASCANU_MODEL) $(PASCANU_RUN) -o $@ >/dev/null
$(FIG_DATADIR)/pascanu-clipped.dat: $(FIG_DEPS) $(PASCANU_SEQ)
	$(AM_V_GEN)$(FIG_RNNSCAPE) optimize $(PASCANU_MODEL) $(PASCANU_RUN) --clip-norm 1 \
	  -o $@ >/dev/null

if HAVE_GNUPLOT
$(FIGDIR)/optim-zoo.$(FORMAT): $(srcdir)/plots/optim-zoo.gp $(srcdir)/plots/common.gp \
		$(ZOO_SURFACE) $(ZOO_TRACES)
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); surface='$(ZOO_SURFACE)'; traces='$(ZOO_TRACES)'; \
	  titles='$(ZOO_TITLES)'" $(srcdir)/plots/optim-zoo.gp $(FIG_DONE)
$(FIGDIR)/optim-zoo.gif: $(srcdir)/plots/optim-zoo-animate.gp $(srcdir)/plots/optim-zoo.gp \
		$(srcdir)/plots/common.gp $(ZOO_SURFACE) $(ZOO_TRACES)
	$(AM_V_GEN)$(GNUPLOT) -e "outfile='$@.tmp'; surface='$(ZOO_SURFACE)'; \
	  traces='$(ZOO_TRACES)'; titles='$(ZOO_TITLES)'; iters=$(ZOO_ITERS); \
	  frames=$(ZOO_FRAMES)" $(srcdir)/plots/optim-zoo-animate.gp 2>$@.log \
	  && mv -f $@.tmp $@ && rm -f $@.log || { cat $@.log >&2; rm -f $@.tmp $@.log; exit 1; }
$(FIGDIR)/pascanu-cliff.$(FORMAT): $(srcdir)/plots/pascanu-cliff.gp $(srcdir)/plots/common.gp \
		$(PASCANU_SURFACE) $(PASCANU_TRACES)
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); surface='$(PASCANU_SURFACE)'; \
	  traces='$(PASCANU_TRACES)'; titles='gradient-descent clipped-at-1'" \
	  $(srcdir)/plots/pascanu-cliff.gp $(FIG_DONE)
animation: $(FIGDIR)/optim-zoo.gif
else !HAVE_GNUPLOT
animation:
	@echo "make $@: gnuplot not found; install the Debian package gnuplot-nox (or gnuplot) and rerun configure" >&2; exit 1
endif !HAVE_GNUPLOT
.PHONY: animation
EXTRA_DIST += docs/figures/optim-zoo.png docs/figures/pascanu-cliff.png docs/figures/optim-zoo.gif
