# curvature-maps.gp: curvature of the two-parameter RNN's loss over
# (w_x, w_rec), from one `rnnscape curvature` file: three panels,
#   lambda_max (log colour), lambda_min (signed log colour: red
#   negative, blue positive) and lambda_min/lambda_max (negative where the
#   surface is a saddle, positive where it is convex; linear on [-1, 1],
#   logarithmic below -1 down to -100), with the tutorial's six points and
#   an optimiser trace.
#
# Variables:
#   datafile  an `rnnscape curvature` text file (required)
#   points    an `rnnscape gradtime` file: each block's first row gives a
#             point (columns 3, 4), drawn in the tutorial's colours (optional)
#   trace     an `rnnscape rprop` file (columns 2, 3), white dots (optional)
#   outfile   (required); term png|svg|pdf; width, height in pixels
#   title     the figure title
#   lmaxlo, lmaxhi   lambda_max colour range (log; default 1, 1e11)
#   lminlog   lambda_min colour range +-lminlog in signed-log units (9)
# inf (overflow) is drawn in the top colour of each scale.

if (!exists("datafile") || !exists("outfile")) {
    print "curvature-maps.gp: set datafile='FILE' (rnnscape curvature) and outfile='FILE'"
    exit status 2
}
if (!exists("points")) points = ""
if (!exists("trace")) trace = ""
if (!exists("title")) title = "Curvature of the loss: eigenvalues of the exact Hessian"
if (!exists("lmaxlo")) lmaxlo = 1
if (!exists("lmaxhi")) lmaxhi = 1e11
if (!exists("lminlog")) lminlog = 9
if (!exists("width")) width = 1500
if (!exists("height")) height = 480
rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

stats datafile using 1:2 nooutput
xlo = STATS_min_x; xhi = STATS_max_x; ylo = STATS_min_y; yhi = STATS_max_y
set xrange [xlo:xhi]
set yrange [ylo:yhi]

set pm3d map corners2color mean border retrace
set view map
unset border
set tics scale 0 textcolor "#262626"
set xtics out nomirror
set ytics out nomirror
set cbtics out nomirror scale 0.6
set xlabel "w_{in}" font ":Italic,12" offset 0, 0.6
set ylabel "w_{rec}" font ":Italic,12" offset -0.5, 0
set zrange [*:*]

colours = "#ff0000 #0000ff #bf00bf #00bfbf #008000 #bfbf00"
colour_of(i) = word(colours, (i - 1) % words(colours) + 1)
npoints = 0
if (strlen(points) > 0) {
    stats points using 3:4 nooutput
    npoints = STATS_blocks
}

# signed log: sgn(v) log10(1 + |v|)
slog(v) = v != v ? 0 : (v > 1e300 ? 12 : (v < -1e300 ? -12 : sgn(v) * log10(1 + abs(v))))
clip(v, lo, hi) = v < lo ? lo : (v > hi ? hi : v)
# the ratio: itself on [-1, 1], -1 - log10(-r) below -1 (so -10 -> -2)
rscale(r) = r != r ? 0 : (r >= -1 ? r : -1 - log10(-r))
overlay = ""
if (ntrace = (strlen(trace) > 0)) overlay = overlay . \
    ", trace using 2:3:(0) every ::0 with points pt 7 ps 0.25 lc rgb 'white' notitle"
if (npoints > 0) overlay = overlay . \
    ", for [i=1:npoints] points index (i-1) every ::0::0 using 3:4:(0) with points pt 7 ps 1.6 lc rgb colour_of(i) notitle"

set multiplot layout 1, 3 title title font ",14"
set palette defined (0 "#440154", 1 "#3b528b", 2 "#21918c", 3 "#5ec962", 4 "#fde725")
set logscale cb
set cbrange [lmaxlo:lmaxhi]
set format cb "10^{%T}"
set title "{/:Italic λ}_{max}"
splot datafile using 1:2:(clip($4, lmaxlo, lmaxhi)) with pm3d notitle @overlay
unset logscale cb
set format cb "%g"
set palette defined (-1 "#b2182b", -0.5 "#ef8a62", -0.15 "#fddbc7", 0 "#f7f7f7", 0.15 "#d1e5f0", 0.5 "#67a9cf", 1 "#2166ac")
set cbrange [-lminlog:lminlog]
tstep = lminlog > 6 ? 4 : 2
set cbtics ("0" 0)
do for [e = tstep:int(lminlog):tstep] {
    set cbtics add (sprintf("10^{%d}", e) e, sprintf("%s10^{%d}", "−", e) -e)
}
set title "{/:Italic λ}_{min} (signed log: sgn·log_{10}(1 + |λ|))"
splot datafile using 1:2:(clip(slog($3), -lminlog, lminlog)) with pm3d notitle @overlay
set palette defined (-3 "#67001f", -2 "#b2182b", -1 "#ef8a62", -0.3 "#fddbc7", 0 "#f7f7f7", 0.3 "#d1e5f0", 1 "#2166ac")
set cbrange [-3:1]
set cbtics ("−100" -3, "−10" -2, "−1" -1, "−0.5" -0.5, "0" 0, "0.5" 0.5, "1" 1)
set title "{/:Italic λ}_{min} / {/:Italic λ}_{max}  (< 0: saddle, > 0: convex)"
splot datafile using 1:2:(clip(rscale($5), -3, 1)) with pm3d notitle @overlay
unset multiplot
