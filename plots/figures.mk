# plots/figures.mk: the figures (`make figures`).
#
# `make figures` runs tools/rnnscape to write data files under
# $(FIGDIR)/data/, then gnuplot on the scripts in plots/ to draw them into
# $(FIGDIR) as $(FORMAT) (png, svg or pdf).  Every figure and data file is
# a real target with its dependencies, so a second `make figures` redoes
# nothing.  `make surface` and `make surface3d` draw the loss surface at
# any range and resolution (see plots/README.md).

FIG_GP_FILES = \
	plots/common.gp \
	plots/loss-surface.gp \
	plots/gradient-over-time.gp \
	plots/rprop-family.gp \
	plots/rprop-loss.gp \
	plots/surface-3d.gp
EXTRA_DIST += $(FIG_GP_FILES) plots/README.md \
	docs/figures/tutorial-loss-surface.png \
	docs/figures/tutorial-gradient-over-time.png \
	docs/figures/tutorial-rprop-trace.png \
	docs/figures/rprop-family.png \
	docs/figures/rprop-loss.png \
	docs/figures/surface-explore.png \
	docs/figures/surface3d-explore.png

TESTS += tests/plots/test_figures.sh
dist_check_SCRIPTS += tests/plots/test_figures.sh

FIG_RNNSCAPE = $(top_builddir)/tools/rnnscape$(EXEEXT)
FIG_DEPS = tools/rnnscape$(EXEEXT)
FIG_DATADIR = $(FIGDIR)/data

# The RProp family figures: one start for every variant, and the surface
# the traces are drawn on.
FAMILY_VARIANTS = tutorial rprop+ rprop- irprop+ irprop-
FAMILY_START = -1.5,2
FAMILY_WX = -2:2.5
FAMILY_WREC = 0:2.25
FAMILY_GRID = 100
FAMILY_TITLES = tutorial Rprop+ Rprop− iRprop+ iRprop−

FIG_FAMILY_TRACES = \
	$(FIG_DATADIR)/trace-tutorial.dat \
	$(FIG_DATADIR)/trace-rprop+.dat \
	$(FIG_DATADIR)/trace-rprop-.dat \
	$(FIG_DATADIR)/trace-irprop+.dat \
	$(FIG_DATADIR)/trace-irprop-.dat

FIGDATA_FILES += \
	$(FIG_DATADIR)/surface-wide.dat \
	$(FIG_DATADIR)/surface-zoom.dat \
	$(FIG_DATADIR)/surface-rprop-zoom.dat \
	$(FIG_DATADIR)/surface-family.dat \
	$(FIG_DATADIR)/gradtime-tutorial.dat \
	$(FIG_DATADIR)/rprop-tutorial.dat \
	$(FIG_FAMILY_TRACES)

FIGURES += \
	$(FIGDIR)/tutorial-loss-surface.$(FORMAT) \
	$(FIGDIR)/tutorial-gradient-over-time.$(FORMAT) \
	$(FIGDIR)/tutorial-rprop-trace.$(FORMAT) \
	$(FIGDIR)/rprop-family.$(FORMAT) \
	$(FIGDIR)/rprop-loss.$(FORMAT)

# The family's data depend on the variables' values: each stamp holds them
# and is rewritten only when they change, so that
# `make figures FAMILY_START=0.5,1.8` redoes the traces (and nothing else).
FIG_FAMILY_START_VARS = $(FIG_DATADIR)/family-start.vars
FIG_FAMILY_SURFACE_VARS = $(FIG_DATADIR)/family-surface.vars
$(FIG_FAMILY_START_VARS): fig-vars-force
	@$(MKDIR_P) $(@D)
	@echo 'FAMILY_START=$(FAMILY_START)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi
$(FIG_FAMILY_SURFACE_VARS): fig-vars-force
	@$(MKDIR_P) $(@D)
	@echo 'FAMILY_WX=$(FAMILY_WX) FAMILY_WREC=$(FAMILY_WREC) FAMILY_GRID=$(FAMILY_GRID)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi
fig-vars-force:
.PHONY: fig-vars-force

# --- data (the tutorial's settings, SPEC section 2) ----------------------
$(FIG_DATADIR)/surface-wide.dat: $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) surface --wx -3:3 --wrec -3:3 --grid 50 -o $@
$(FIG_DATADIR)/surface-zoom.dat: $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) surface --wx -0.1:2.1 --wrec -0.1:2.1 --grid 50 -o $@
$(FIG_DATADIR)/surface-rprop-zoom.dat: $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) surface --wx 0:2 --wrec 0:2 --grid 50 -o $@
$(FIG_DATADIR)/surface-family.dat: $(FIG_DEPS) $(FIG_FAMILY_SURFACE_VARS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) surface --wx $(FAMILY_WX) --wrec $(FAMILY_WREC) \
	  --grid $(FAMILY_GRID) -o $@
$(FIG_DATADIR)/gradtime-tutorial.dat: $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) gradtime --scale tutorial -o $@
$(FIG_DATADIR)/rprop-tutorial.dat: $(FIG_DEPS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(FIG_RNNSCAPE) rprop --variant tutorial -o $@ >/dev/null
$(FIG_FAMILY_TRACES): $(FIG_DEPS) $(FIG_FAMILY_START_VARS)
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)v=`basename $@ .dat`; v=`echo $$v | sed 's/^trace-//'`; \
	$(FIG_RNNSCAPE) rprop --variant $$v --start $(FAMILY_START) -o $@ >/dev/null

if HAVE_GNUPLOT
# gnuplot draws into $@.tmp, renamed into place: no half-written figures.
FIG_GP = term='$(FORMAT)'; outfile='$@.tmp'
FIG_DONE = && mv -f $@.tmp $@ || { rm -f $@.tmp; exit 1; }

figures: $(FIGURES)

# The figures `make figures` draws, one a line: ./setup makes them one by
# one and says which it is working on.
list-figures:
	@for f in $(FIGURES); do echo "$$f"; done

# The tutorial's figures leave the background where xi + 1 is above 10^8,
# as its contourf does.
FIG_TUTORIAL = over='background'
FIG_SCRIPTS_COMMON = $(srcdir)/plots/common.gp

$(FIGDIR)/tutorial-loss-surface.$(FORMAT): $(srcdir)/plots/loss-surface.gp $(FIG_SCRIPTS_COMMON) \
		$(FIG_DATADIR)/surface-wide.dat $(FIG_DATADIR)/surface-zoom.dat \
		$(FIG_DATADIR)/gradtime-tutorial.dat
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); $(FIG_TUTORIAL); \
	  surfaces='$(FIG_DATADIR)/surface-wide.dat $(FIG_DATADIR)/surface-zoom.dat'; \
	  points='$(FIG_DATADIR)/gradtime-tutorial.dat'" \
	  $(srcdir)/plots/loss-surface.gp $(FIG_DONE)

$(FIGDIR)/tutorial-gradient-over-time.$(FORMAT): $(srcdir)/plots/gradient-over-time.gp $(FIG_SCRIPTS_COMMON) \
		$(FIG_DATADIR)/gradtime-tutorial.dat
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); datafile='$(FIG_DATADIR)/gradtime-tutorial.dat'" \
	  $(srcdir)/plots/gradient-over-time.gp $(FIG_DONE)

$(FIGDIR)/tutorial-rprop-trace.$(FORMAT): $(srcdir)/plots/loss-surface.gp $(FIG_SCRIPTS_COMMON) \
		$(FIG_DATADIR)/surface-wide.dat $(FIG_DATADIR)/surface-rprop-zoom.dat \
		$(FIG_DATADIR)/rprop-tutorial.dat
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); $(FIG_TUTORIAL); \
	  surfaces='$(FIG_DATADIR)/surface-wide.dat $(FIG_DATADIR)/surface-rprop-zoom.dat'; \
	  trace='$(FIG_DATADIR)/rprop-tutorial.dat'" \
	  $(srcdir)/plots/loss-surface.gp $(FIG_DONE)

$(FIGDIR)/rprop-family.$(FORMAT): $(srcdir)/plots/rprop-family.gp $(FIG_SCRIPTS_COMMON) \
		$(FIG_DATADIR)/surface-family.dat $(FIG_FAMILY_TRACES)
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); surface='$(FIG_DATADIR)/surface-family.dat'; \
	  traces='$(FIG_FAMILY_TRACES)'; titles='$(FAMILY_TITLES)'" \
	  $(srcdir)/plots/rprop-family.gp $(FIG_DONE)

$(FIGDIR)/rprop-loss.$(FORMAT): $(srcdir)/plots/rprop-loss.gp $(FIG_SCRIPTS_COMMON) $(FIG_FAMILY_TRACES)
	$(AM_V_GEN)$(GNUPLOT) -e "$(FIG_GP); traces='$(FIG_FAMILY_TRACES)'; \
	  titles='$(FAMILY_TITLES)'" $(srcdir)/plots/rprop-loss.gp $(FIG_DONE)

# --- exploring: `make surface WX=-1:3 WREC=0:2 GRID=400 [POINTS=yes]
#     [TRACE=rprop+ [START=WX,WREC]] [ACTIVATION=tanh] [LENGTH=50]
#     [CBMIN=X] [CBMAX=X] [PLUS=X] [RNNSCAPE_OPTS='--samples 100 ...']`,
#     and `make surface3d ...`.  The colour range follows the data (the
#     smallest and largest finite xi + PLUS, widened to whole decades)
#     unless CBMIN/CBMAX set its ends. ------
WX = -3:3
WREC = -3:3
GRID = 200
POINTS =
TRACE =
START =
ACTIVATION =
LENGTH =
RNNSCAPE_OPTS =
FIG_EXPLORE_SURF = $(FIG_DATADIR)/surface-explore.dat
FIG_EXPLORE_POINTS = $(FIG_DATADIR)/surface-explore-points.dat
FIG_EXPLORE_TRACE = $(FIG_DATADIR)/surface-explore-trace.dat

# Writes the explore data files, and sets $$model (rnnscape options),
# $$extra (gnuplot assignments for points/trace) and $$title.
fig_explore_data = \
	set -e; $(MKDIR_P) $(FIG_DATADIR); \
	model='$(RNNSCAPE_OPTS)'; title='Loss surface'; extra=''; \
	if test -n '$(ACTIVATION)'; then \
	  model="$$model --activation $(ACTIVATION)"; title="$$title, $(ACTIVATION)"; fi; \
	if test -n '$(LENGTH)'; then \
	  model="$$model --length $(LENGTH)"; title="$$title, T = $(LENGTH)"; fi; \
	if test -n '$(TARGET)'; then model="$$model --target $(TARGET)"; fi; \
	extra="$$extra scale='data';"; \
	if test -n '$(CBMIN)'; then extra="$$extra cbmin=$(CBMIN);"; fi; \
	if test -n '$(CBMAX)'; then extra="$$extra cbmax=$(CBMAX);"; fi; \
	if test -n '$(PLUS)'; then extra="$$extra plus=$(PLUS);"; fi; \
	echo "  RNNSCAPE surface --wx $(WX) --wrec $(WREC) --grid $(GRID) $$model"; \
	$(FIG_RNNSCAPE) surface --wx $(WX) --wrec $(WREC) --grid $(GRID) $$model \
	  -o $(FIG_EXPLORE_SURF); \
	case '$(POINTS)' in \
	  ''|no|0) ;; \
	  *) $(FIG_RNNSCAPE) gradtime $$model -o $(FIG_EXPLORE_POINTS); \
	     extra="$$extra points='$(FIG_EXPLORE_POINTS)';" ;; \
	esac; \
	if test -n '$(TRACE)'; then \
	  start=''; if test -n '$(START)'; then start='--start $(START)'; fi; \
	  $(FIG_RNNSCAPE) rprop --variant $(TRACE) $$start $$model \
	    -o $(FIG_EXPLORE_TRACE) >/dev/null; \
	  case '$(TRACE)' in tutorial) tt='RProp iterations';; *) tt='$(TRACE) iterations';; esac; \
	  extra="$$extra trace='$(FIG_EXPLORE_TRACE)'; tracetitle='$$tt';"; \
	fi

surface: $(FIG_DEPS)
	@$(fig_explore_data); \
	out=$(FIGDIR)/surface-explore.$(FORMAT); \
	echo "  GNUPLOT  $$out"; \
	$(GNUPLOT) -e "term='$(FORMAT)'; outfile='$$out.tmp'; title='$$title'; \
	  surfaces='$(FIG_EXPLORE_SURF)'; $$extra" \
	  $(srcdir)/plots/loss-surface.gp; \
	mv -f $$out.tmp $$out

surface3d: $(FIG_DEPS)
	@$(fig_explore_data); \
	out=$(FIGDIR)/surface3d-explore.$(FORMAT); \
	echo "  GNUPLOT  $$out"; \
	$(GNUPLOT) -e "term='$(FORMAT)'; outfile='$$out.tmp'; title='$$title'; \
	  surface='$(FIG_EXPLORE_SURF)'; $$extra" \
	  $(srcdir)/plots/surface-3d.gp; \
	mv -f $$out.tmp $$out

else !HAVE_GNUPLOT
list-figures:
figures surface surface3d:
	@echo "make $@: gnuplot not found; install the Debian package gnuplot-nox (or gnuplot) and rerun configure" >&2; exit 1
endif !HAVE_GNUPLOT

.PHONY: figures list-figures surface surface3d

clean-local: clean-figures
clean-figures:
	-rm -rf $(FIGDIR)
.PHONY: clean-figures
