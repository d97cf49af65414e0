# curvature-addition-plane.gp: Li et al.'s (2018) curvature map of the
# binary-addition RNN over a plane through its trained weights, from one
# `rnnscape addition curvature` file: the loss (log colour) and
# lambda_min/lambda_max of the exact Hessian (negative: clearly non-convex).
#
# Variables: datafile (required), outfile (required), term png|svg|pdf,
#   width, height, title.

if (!exists("datafile") || !exists("outfile")) {
    print "curvature-addition-plane.gp: set datafile='FILE' (rnnscape addition curvature) and outfile='FILE'"
    exit status 2
}
if (!exists("title")) title = "Addition RNN around its trained weights (random filter-normalised plane)"
if (!exists("width")) width = 1100
if (!exists("height")) height = 480
rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"
stats datafile using 1:2 nooutput
set xrange [STATS_min_x:STATS_max_x]
set yrange [STATS_min_y:STATS_max_y]
set pm3d map corners2color c1 border retrace
set view map
unset border
set tics scale 0 textcolor "#262626"
set xtics out nomirror
set ytics out nomirror
set cbtics out nomirror scale 0.6
set xlabel "{/:Italic α}" font ",12"
set ylabel "{/:Italic β}" font ",12"
clip(v, lo, hi) = v < lo ? lo : (v > hi ? hi : v)
rscale(r) = r != r ? 0 : (r >= -1 ? r : -1 - log10(-r))

set multiplot layout 1, 2 title title font ",13"
set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
set logscale cb
set format cb "10^{%T}"
set title "mean loss"
splot datafile using 1:2:3 with pm3d notitle
unset logscale cb
set format cb "%g"
set palette defined (-3 "#67001f", -2 "#b2182b", -1 "#ef8a62", -0.3 "#fddbc7", 0 "#f7f7f7", 0.3 "#d1e5f0", 1 "#2166ac")
set cbrange [-3:1]
set cbtics ("−100" -3, "−10" -2, "−1" -1, "−0.5" -0.5, "0" 0, "0.5" 0.5, "1" 1)
set title "{/:Italic λ}_{min} / {/:Italic λ}_{max} of the exact Hessian"
splot datafile using 1:2:(clip(rscale($6), -3, 1)) with pm3d notitle
unset multiplot
