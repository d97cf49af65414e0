# pascanu-cliff.gp: Pascanu, Mikolov & Bengio (2013), Figure 6: the loss of
# a one-unit sigmoid RNN over (b, w) = (w_x, w_rec), with a wall of high
# curvature, and gradient descent with and without clipping on it.
#
# Input (written by `rnnscape`):
#   surface   an `rnnscape surface` file (required); the panel's ranges are
#             its grid's extent
#   traces    space-separated `rnnscape optimize` files (required): plain
#             gradient descent first, then the clipped run(s)
#   titles    their legend entries, space-separated (default: file names)
# Output:
#   outfile   file to write (required); term  png (pngcairo, the default),
#             svg or pdf (pdfcairo); width/height in pixels (pdf: 1/100 inch)
# Styling: title; cbmin, cbmax (the loss's colour range, log);
#   colours   one per trace
#
# A trace that leaves the panel is drawn to its edge, and where its last
# iterate lies is written beside the panel's top edge.
#
# Example:
#   gnuplot -e "surface='s.dat'; traces='gd.dat clip.dat'; outfile='c.png'" \
#           plots/pascanu-cliff.gp

if (!exists("surface") || !exists("traces") || !exists("outfile")) {
    print "pascanu-cliff.gp: set surface='FILE', traces='FILE ...' and outfile='FILE'"
    exit status 2
}
if (!exists("titles")) { titles = traces }
if (!exists("cbmin")) { cbmin = 1e-4 }
if (!exists("cbmax")) { cbmax = 1 }
if (!exists("title")) { title = "Pascanu et al. (2013), Fig. 6: the cliff of a one-unit sigmoid RNN" }
if (!exists("colours")) { colours = "#ffffff #ff3030 #00d0ff #ffa000" }
if (!exists("width")) { width = 820 }
if (!exists("height")) { height = 620 }

rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

set logscale cb
set cbrange [cbmin:cbmax]
set format cb "10^{%T}"
set cblabel "(σ(x_{50}) − 0.7)^2" offset 1, 0 font ",11"
colour(v) = v < cbmin ? cbmin : v

set pm3d map corners2color mean
set view map
unset border
set tics scale 0 textcolor rgb rs_text
set cbtics scale 0.6, 0.35 out nomirror
eval rs_logticks("cb", cbmin, cbmax)
set xtics out nomirror
set ytics out nomirror
unset ztics
set zrange [-1:1]
set xlabel "{/:Italic b} = w_{in}" font ",12" offset 0, 0
set ylabel "{/:Italic w} = w_{rec}" font ",12" offset -0.5, 0
set title title font ",13"
set colorbox user origin screen 1.0 - 115.0 / width, 70.0 / height \
    size screen 22.0 / width, 1.0 - 125.0 / height noborder
set lmargin at screen 85.0 / width
set rmargin at screen 1.0 - 165.0 / width
set bmargin at screen 70.0 / height
set tmargin at screen 1.0 - 55.0 / height
set key bottom left Left reverse opaque fc rgb "#33ffffff" box lc rgb "#cccccc" \
    samplen 2.5 spacing 1.2 width 1 textcolor rgb rs_text

stats [*:*][*:*] surface using 1:2 nooutput
xlo = STATS_min_x; xhi = STATS_max_x; ylo = STATS_min_y; yhi = STATS_max_y

ntraces = words(traces)
colour_of(i) = word(colours, (i - 1) % words(colours) + 1)
array last[ntraces]
do for [i = 1:ntraces] {
    stats word(traces, i) using 2 nooutput
    last[i] = STATS_records - 1
    # The last iterate, if outside the panel: say where it went.
    stats word(traces, i) every ::last[i]::last[i] using 2 nooutput
    bx = STATS_max
    stats word(traces, i) every ::last[i]::last[i] using 3 nooutput
    wy = STATS_max
    if (bx < xlo || bx > xhi || wy < ylo || wy > yhi) {
        set label 10 + i sprintf("%s: thrown to (%.3g, %.3g)", word(titles, i), bx, wy) \
            at graph 0.99, graph 0.97 - 0.05 * (i - 1) right front \
            textcolor rgb "white" font ",11"
    }
}

set xrange [xlo:xhi]
set yrange [ylo:yhi]
eval rs_ticks("x", xlo, xhi, floor((width - 235) / 45.0))
eval rs_ticks("y", ylo, yhi, floor((height - 125) / 36.0))

splot surface using 1:2:(0):(colour($3)) with pm3d notitle, \
      for [i = 1:ntraces] word(traces, i) using 2:3:(0) \
          with linespoints lw (1.0 + 1.2 * (ntraces - i)) pt 7 ps 0.45 lc rgb colour_of(i) \
          title word(titles, i), \
      word(traces, 1) every ::0::0 using 2:3:(0) with points pt 7 ps 1.6 lc rgb "white" notitle, \
      word(traces, 1) every ::0::0 using 2:3:(0) with points pt 6 ps 1.6 lw 1.5 lc rgb "black" \
          notitle
