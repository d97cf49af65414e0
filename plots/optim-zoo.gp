# optim-zoo.gp: several optimiser traces from one start, on the loss surface
# (left) and as the loss against the iteration (right), one legend.
#
# Input (written by `rnnscape`):
#   surface   an `rnnscape surface` file (required); the left panel's
#             ranges are its grid's extent
#   traces    space-separated `rnnscape optimize` (or `rprop`) files,
#             columns `iter w_x w_rec loss ...` (required)
#   titles    their legend entries, space-separated (default: file names)
#   frame     draw only iterates 0..frame, the current one marked (for
#             animations; default: every iterate)
# Output:
#   outfile   file to write (required); term  png (pngcairo, the default),
#             svg or pdf (pdfcairo); width/height in pixels (pdf: 1/100
#             inch).  optim-zoo-animate.gp draws it frame by frame as a GIF.
# Styling: title; plus, cbmin, cbmax, levels as in loss-surface.gp;
#   colours   one per trace
#
# Loss above cbmax, and inf, saturate; a loss of exactly 0 is left off the
# log axis.
#
# Example:
#   gnuplot -e "surface='s.dat'; traces='a.dat b.dat'; titles='a b'; \
#               outfile='zoo.png'" plots/optim-zoo.gp

if (!exists("surface") || !exists("traces") || !exists("outfile")) {
    print "optim-zoo.gp: set surface='FILE', traces='FILE ...' and outfile='FILE'"
    exit status 2
}
if (!exists("titles")) { titles = traces }
if (!exists("plus")) { plus = 1 }
if (!exists("cbmin")) { cbmin = 10**-0.2 }
if (!exists("cbmax")) { cbmax = 1e8 }
if (!exists("levels")) { levels = 30 }
if (!exists("title")) { title = "The optimiser zoo from one start" }
if (!exists("colours")) {
    colours = "#ffffff #ff3030 #ffa000 #00d0ff #ff50ff #70f030 #ffff40 #a0a0ff #ff9090"
}
if (!exists("width")) { width = 1300 }
if (!exists("height")) { height = 560 }
if (!exists("frame")) { frame = -1 }

rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
# An animation (optim-zoo-animate.gp) sets the terminal once, loads
# common.gp itself and sets rs_loaded before running this per frame.
if (!exists("rs_loaded")) { load rs_dir . "common.gp" }

ntraces = words(traces)
colour_of(i) = word(colours, (i - 1) % words(colours) + 1)
# The loss panel draws the white (first) trace in black.
lcolour_of(i) = (colour_of(i) eq "#ffffff") ? "#000000" : colour_of(i)
stats [*:*][*:*] surface using 1:2 nooutput
xlo = STATS_min_x; xhi = STATS_max_x; ylo = STATS_min_y; yhi = STATS_max_y
nsurf = STATS_records
array last[ntraces]
array lmax[ntraces]
itmax = 0
lossmin = 1e300; lossmax = 0
do for [i = 1:ntraces] {
    stats [*:*][*:*] word(traces, i) using 1:($4 > 0 && $4 < 1e300 ? $4 : NaN) nooutput
    last[i] = STATS_records - 1
    itmax = STATS_max_x > itmax ? STATS_max_x : itmax
    lossmin = STATS_min_y < lossmin ? STATS_min_y : lossmin
    lossmax = STATS_max_y > lossmax ? STATS_max_y : lossmax
}
upto(i) = frame < 0 ? last[i] : (frame < last[i] ? frame : last[i])

set multiplot title title font ",14"

# --- left: the traces on the surface --------------------------------------
# (an animation runs this script once per frame: undo the right panel's
# settings first)
unset logscale
unset object 1
unset grid
unset label
set format y "%g"
set palette maxcolors (levels - 1)
set logscale cb
set cbrange [cbmin:cbmax]
set format cb "10^{%T}"
unset cblabel
colour(v) = (v + plus < cbmax) ? v + plus : 10 * cbmax
set pm3d map corners2color mean border retrace
set view map
unset border
set tics scale 0 textcolor rgb rs_text
set cbtics scale 0.6, 0.35 out nomirror
eval rs_logticks("cb", cbmin, cbmax)
set xtics out nomirror
set ytics out nomirror
unset ztics
set zrange [-1:1]
set xlabel "w_{in}" font ":Italic,12" offset 0, 0.6
set ylabel "w_{rec}" font ":Italic,12" offset 0.5, 0
lw_ = 0.52 * width
set colorbox user origin screen (lw_ - 95.0) / width, 70.0 / height \
    size screen 20.0 / width, 1.0 - 135.0 / height noborder
set lmargin at screen 75.0 / width
set rmargin at screen (lw_ - 125.0) / width
set bmargin at screen 70.0 / height
set tmargin at screen 1.0 - 65.0 / height
unset key
set label 1 "{/:Italic ξ} + 1" at screen (lw_ - 85.0) / width, screen 1.0 - 48.0 / height \
    center font ",12" textcolor rgb rs_text
steps = nsurf > 10000 ? 1 : nsurf > 2600 ? 2 : 4
if (term eq "svg") { steps = nsurf > 2600 ? 1 : 2 }
set pm3d interpolate steps, steps
set xrange [xlo:xhi]
set yrange [ylo:yhi]
eval rs_ticks("x", xlo, xhi, floor((lw_ - 200) / 45.0))
eval rs_ticks("y", ylo, yhi, floor((height - 135) / 36.0))
splot surface using 1:2:(0):(colour($3)) with pm3d notitle, \
      for [i = 1:ntraces] word(traces, i) every ::0::upto(i) using 2:3:(0) \
          with linespoints lw (1.0 + 0.3 * (ntraces - i)) pt 7 ps 0.3 lc rgb colour_of(i) \
          notitle, \
      word(traces, 1) every ::0::0 using 2:3:(0) with points pt 7 ps 1.5 lc rgb "white" notitle, \
      word(traces, 1) every ::0::0 using 2:3:(0) with points pt 6 ps 1.5 lw 1.5 lc rgb "black" \
          notitle, \
      for [i = 1:ntraces] word(traces, i) every ::upto(i)::upto(i) using 2:3:(0) \
          with points pt 7 ps 1.1 lc rgb colour_of(i) notitle, \
      for [i = 1:ntraces] word(traces, i) every ::upto(i)::upto(i) using 2:3:(0) \
          with points pt 6 ps 1.1 lw 1 lc rgb "black" notitle

# --- right: the loss against the iteration --------------------------------
unset pm3d
unset colorbox
unset logscale cb
unset view
unset label
eval rs_darkgrid
set lmargin at screen (lw_ + 75.0) / width
set rmargin at screen 1.0 - 165.0 / width
set xtics autofreq nomirror
set ytics autofreq nomirror
set format x "%g"
set logscale y
set format y "10^{%T}"
set xrange [0:itmax]
set yrange [lossmin:lossmax]
set xlabel "iteration" font ",12" textcolor rgb rs_text offset 0, 0
set ylabel "loss {/:Italic ξ}" font ",12" textcolor rgb rs_text offset 0.5, 0
set key at screen 1.0 - 8.0 / width, screen 1.0 - 65.0 / height top right Left reverse samplen 2 spacing 1.25 \
    width -2 title "optimiser" textcolor rgb rs_text
plot for [i = 1:ntraces] word(traces, i) every ::0::upto(i) \
        using 1:($4 > 0 && $4 < 1e300 ? $4 : NaN) \
        with lines lw 1.6 lc rgb lcolour_of(i) title word(titles, i)
unset multiplot
