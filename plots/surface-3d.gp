# surface-3d.gp: the loss surface as a 3-D view (splot with pm3d), height
# and colour both log(xi + 1), with the same colour bands as the flat
# figure; optionally an optimiser trace lying on it.
#
# Input (written by `rnnscape`):
#   surface   an `rnnscape surface` file (required); its grid's extent
#             sets the w_x and w_rec ranges
#   trace     an `rnnscape rprop` file: its iterates drawn at their loss
#             (column 4) as small white dots, the last as a star
#             (default: none)
#   points    accepted for symmetry with loss-surface.gp and ignored (the
#             gradtime file carries no loss to place them at)
# Output:
#   outfile   file to write (required); term  png (pngcairo, the default),
#             svg or pdf (pdfcairo); width/height in pixels (pdf: 1/100 inch)
# Styling: plus, scale, cbmin, cbmax, levels, title, tracetitle as in
#   loss-surface.gp; rotx, rotz: the view angles (default 55, 35)
#
# Heights are clamped to [cbmin, cbmax]: above the scale, and where the
# loss overflows to inf, the surface is a flat plateau in the top colour.
#
# Example:
#   gnuplot -e "surface='s.dat'; outfile='s3d.png'" plots/surface-3d.gp

if (!exists("surface") || !exists("outfile")) {
    print "surface-3d.gp: set surface='FILE' and outfile='FILE'"
    exit status 2
}
if (!exists("trace")) { trace = "" }
if (!exists("plus")) { plus = 1 }
if (!exists("scale")) { scale = "tutorial" }
# the colour (and height) scale: the tutorial's, or the data's (as in
# loss-surface.gp)
if (scale eq "data" && (!exists("cbmin") || !exists("cbmax"))) {
    stats [*:*][*:*] surface using (($3 + plus) > 0 && $3 < 1e308 ? $3 + plus : NaN) nooutput
    if (!exists("cbmin")) { cbmin = 10**floor(log10(STATS_min)) }
    if (!exists("cbmax")) { cbmax = 10**ceil(log10(STATS_max)) }
    if (cbmax <= cbmin) { cbmax = cbmin * 10 }
}
if (!exists("cbmin")) { cbmin = 10**-0.2 }
if (!exists("cbmax")) { cbmax = 1e8 }
if (!exists("levels")) { levels = 30 }
if (!exists("title")) { title = "Loss surface" }
if (!exists("tracetitle")) { tracetitle = "RProp iterations" }
if (!exists("rotx")) { rotx = 55 }
if (!exists("rotz")) { rotz = 35 }
if (!exists("width")) { width = 900 }
if (!exists("height")) { height = 650 }

rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

set palette maxcolors (levels - 1)
set logscale cb
set logscale z
set cbrange [cbmin:cbmax]
set zrange [cbmin:cbmax]
set format cb "%.0e"
set format z "10^{%T}"
set cbtics scale 0.6, 0.35 out nomirror
eval rs_logticks("cb", cbmin, cbmax)
eval rs_logticks("z", cbmin, cbmax)
# labels every other decade on the z axis, at most
if (rs_logstep(cbmin, cbmax) == 1) { set ztics 100; set mztics 1 }
set cblabel "{/:Italic ξ}" rotate by 0 offset 1.5, 0 font ",14"
set colorbox noborder

# Height and colour of a grid point: loss + plus, held inside the scale
# (inf, where the loss overflows, becomes the top).
height_of(v) = (v + plus < cbmin) ? cbmin : (v + plus < cbmax) ? v + plus : cbmax

set pm3d at s depthorder corners2color mean border retrace
set view rotx, rotz
set ticslevel 0
set border 4095 lc rgb "#808080" lw 0.8
set tics textcolor rgb rs_text
set xlabel "w_{in}" font ":Italic,12"
set ylabel "w_{rec}" font ":Italic,12"
set zlabel "{/:Italic ξ} + 1" rotate parallel
set format x "%g"
set format y "%g"
set title title font ",15"
set xyplane 0

stats [*:*][*:*] surface using 1:2 nooutput
set xrange [STATS_min_x:STATS_max_x]
set yrange [STATS_min_y:STATS_max_y]

ntrace = 0
if (strlen(trace) > 0) {
    stats [*:*][*:*] trace using 2 nooutput
    ntrace = STATS_records
}

# pm3d with depthorder is drawn after everything else in the same splot,
# so the trace goes on in a second, transparent, splot of the same frame.
set multiplot
if (ntrace > 0) {
    # the key's sample is the trace's own white dot, on a grey box so
    # that it shows
    set key top left textcolor rgb rs_text opaque fc rgb "#b0b0b0" box lc rgb "#808080"
    splot surface using 1:2:(height_of($3)) with pm3d notitle, \
          NaN with points pt 7 ps 0.8 lc rgb "white" title tracetitle
    unset title
    unset key
    unset xlabel
    unset ylabel
    unset zlabel
    unset tics
    unset border
    unset colorbox
    unset object
    set pm3d noimplicit
    splot trace using 2:3:(height_of($4)) with points pt 7 ps 0.45 \
              lc rgb "white" notitle, \
          trace every ::(ntrace - 1) using 2:3:(height_of($4)):("★") \
              with labels font ",22" textcolor rgb "black" notitle, \
          trace every ::(ntrace - 1) using 2:3:(height_of($4)):("★") \
              with labels font ",17" textcolor rgb "white" notitle
} else {
    unset key
    splot surface using 1:2:(height_of($3)) with pm3d notitle
}
unset multiplot
