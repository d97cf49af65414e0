# rprop-family.gp: several optimiser traces (e.g. the RProp family from one
# start) overlaid on one loss surface, with a legend.
#
# Input (written by `rnnscape`):
#   surface   an `rnnscape surface` file; the panel's ranges are its
#             grid's extent (required)
#   traces    space-separated list of `rnnscape rprop` files (required)
#   titles    their legend entries, space-separated, one per trace
#             (default: the file names)
# Output:
#   outfile   file to write (required); term  png (pngcairo, the default),
#             svg or pdf (pdfcairo); width/height in pixels (pdf: 1/100 inch)
# Styling: plus, cbmin, cbmax, levels as in loss-surface.gp; title;
#   colours  one per trace (space-separated colour names or #rrggbb)
#
# Each trace is a line through its iterates and its last iterate a star;
# each start is a white circle.  Earlier traces are drawn wider, so that
# where paths coincide the later, narrower ones leave them visible.  Loss above cbmax, and inf, saturate.
#
# Example:
#   gnuplot -e "surface='s.dat'; traces='a.dat b.dat'; titles='a b'; \
#               outfile='f.png'" plots/rprop-family.gp

if (!exists("surface") || !exists("traces") || !exists("outfile")) {
    print "rprop-family.gp: set surface='FILE', traces='FILE ...' and outfile='FILE'"
    exit status 2
}
if (!exists("titles")) { titles = traces }
if (!exists("plus")) { plus = 1 }
if (!exists("cbmin")) { cbmin = 10**-0.2 }
if (!exists("cbmax")) { cbmax = 1e8 }
if (!exists("levels")) { levels = 30 }
if (!exists("title")) { title = "The RProp family from one start on the loss surface" }
if (!exists("colours")) { colours = "#ffffff #ff3030 #ffa000 #00d0ff #ff50ff #70f030" }
if (!exists("width")) { width = 820 }
if (!exists("height")) { height = 600 }

rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

# --- the colour scale of the tutorial's loss-surface figure --------------
set palette maxcolors (levels - 1)
set logscale cb
set cbrange [cbmin:cbmax]
set format cb "%.0e"
set cblabel "{/:Italic ξ}" rotate by 0 offset 1.5, 0 font ",14"
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
set title title font ",14"
set colorbox user origin screen 1.0 - 105.0 / width, 70.0 / height \
    size screen 22.0 / width, 1.0 - 125.0 / height noborder
set lmargin at screen 70.0 / width
set rmargin at screen 1.0 - 150.0 / width
set bmargin at screen 70.0 / height
set tmargin at screen 1.0 - 55.0 / height
set key bottom left Left reverse opaque fc rgb "#33ffffff" box lc rgb "#cccccc" \
    samplen 2.5 spacing 1.2 width 1 textcolor rgb rs_text title "variant"

stats [*:*][*:*] surface using 1:2 nooutput
# Coarse grids are subdivided so that band edges run smoothly (as in
# loss-surface.gp); SVG holds every piece as a polygon: at most 2 x 2 there.
steps = STATS_records > 10000 ? 1 : STATS_records > 2600 ? 2 : 4
if (term eq "svg") { steps = STATS_records > 2600 ? 1 : 2 }
set pm3d interpolate steps, steps
set xrange [STATS_min_x:STATS_max_x]
set yrange [STATS_min_y:STATS_max_y]
eval rs_ticks("x", STATS_min_x, STATS_max_x, floor((width - 220) / 45.0))
eval rs_ticks("y", STATS_min_y, STATS_max_y, floor((height - 125) / 36.0))

ntraces = words(traces)
colour_of(i) = word(colours, (i - 1) % words(colours) + 1)
array last[ntraces]
do for [i = 1:ntraces] {
    stats [*:*][*:*] word(traces, i) using 2 nooutput
    last[i] = STATS_records - 1
}

splot surface using 1:2:(0):(colour($3)) with pm3d notitle, \
      for [i = 1:ntraces] word(traces, i) using 2:3:(0) \
          with linespoints lw (1.2 + 0.9 * (ntraces - i)) pt 7 ps 0.35 lc rgb colour_of(i) \
          title word(titles, i), \
      for [i = 1:ntraces] word(traces, i) every ::0::0 using 2:3:(0) \
          with points pt 7 ps 1.5 lc rgb "white" notitle, \
      for [i = 1:ntraces] word(traces, i) every ::0::0 using 2:3:(0) \
          with points pt 6 ps 1.5 lw 1.5 lc rgb "black" notitle, \
      for [i = 1:ntraces] word(traces, i) every ::last[i]::last[i] \
          using 2:3:(0):("★") with labels font ",18" \
          textcolor rgb colour_of(i) notitle, \
      for [i = 1:ntraces] word(traces, i) every ::last[i]::last[i] \
          using 2:3:(0):("☆") with labels font ",18" \
          textcolor rgb "black" notitle
