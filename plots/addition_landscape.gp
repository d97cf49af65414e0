# addition_landscape.gp: the binary-addition RNN's loss landscape around the
# trained weights as filled bands on a log colour scale: left, random
# filter-normalised directions; right, the trajectory's two principal
# directions with the training trajectory on top.
#
# Reads only files written by `rnnscape addition landscape`:
#   random    the --directions random file
#   pca       the --directions pca grid (-o)
#   trajectory its --trajectory file (optional: without it no trajectory)
# Output: outfile (required); term png (default), svg or pdf; width, height
# (pixels).  Shared settings: common.gp.
# Styling: levels (colour bands, default 24).

if (!exists("random") || !exists("pca") || !exists("outfile")) {
    print "addition_landscape.gp: set random='FILE', pca='FILE' and outfile='FILE' (and trajectory='FILE')"
    exit status 2
}
if (!exists("levels")) { levels = 24 }
if (!exists("width")) { width = 1200 }
if (!exists("height")) { height = 540 }
rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

stats [*:*][*:*] random using 3 nooutput
lo = STATS_min; hi = STATS_max
stats [*:*][*:*] pca index 0 using 3 nooutput
lo = (STATS_min < lo) ? STATS_min : lo
hi = (STATS_max > hi) ? STATS_max : hi

set multiplot layout 1,2 title "Binary addition RNN: mean loss E over all 128 x 128 sums around the trained weights"
set view map
set pm3d map interpolate 2,2
set logscale cb
set cbrange [lo:hi]
set format cb "%.2g"
set palette maxcolors levels
set cblabel "mean E"
set size square
set tics out
set contour base
set cntrparam levels discrete 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 1.5, 2
unset clabel
set style textbox opaque

set title "random directions (filter-normalised)"
set xlabel "{/Symbol a}"
set ylabel "{/Symbol b}"
set autoscale xfix; set autoscale yfix
splot random using 1:2:3 with pm3d notitle, \
      random using 1:2:3 nosurface with lines lc rgb "#ffffff" lw 0.5 notitle, \
      '+' using (0):(0):(lo) every ::0::0 nocontour with points pt 3 ps 2 lc rgb "red" title "trained weights"

set title "PCA directions of the training trajectory"
set xlabel "PC 1"
set ylabel "PC 2"
if (exists("trajectory")) {
splot pca index 0 using 1:2:3 with pm3d notitle, \
      pca index 0 using 1:2:3 nosurface with lines lc rgb "#ffffff" lw 0.5 notitle, \
      trajectory using 1:2:3 nocontour with linespoints lc rgb "red" pt 7 ps 0.6 lw 1.5 title "training trajectory"
} else {
splot pca index 0 using 1:2:3 with pm3d notitle, \
      pca index 0 using 1:2:3 nosurface with lines lc rgb "#ffffff" lw 0.5 notitle
}
unset multiplot
