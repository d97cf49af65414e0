# hessian-spectrum.gp: the binary-addition RNN's Hessian spectrum at
# initialisation and after training: left, every eigenvalue in ascending
# order (signed log axis); right, the eigenvalue densities, stochastic
# Lanczos quadrature beside the exact spectrum smoothed the same way.
#
# Variables (all files from `rnnscape addition hessian`):
#   spectra   space-separated `--spectrum full` files (required)
#   densities space-separated `--density` files, one per spectrum (optional)
#   titles    one word per file ("initial trained")
#   outfile   (required); term png|svg|pdf; width, height

if (!exists("spectra") || !exists("outfile")) {
    print "hessian-spectrum.gp: set spectra='FILE ...' and outfile='FILE'"
    exit status 2
}
if (!exists("densities")) densities = ""
if (!exists("titles")) titles = "initial trained"
if (!exists("width")) width = 1300
if (!exists("height")) height = 500
rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

lc_of(i) = word("#1f77b4 #d62728 #2ca02c #9467bd", i)
# the exact densities: a darker shade of each curve's colour, each its own dash
dark_of(i) = word("#0b3c5d #7f1416 #145214 #4b2d6b", i)
# signed log axis: sgn(v) log10(1 + |v| / t), t = 1e-4
t = 1e-4
slog(v) = sgn(v) * log10(1 + abs(v) / t)
set grid lc rgb "#dddddd"
set key top left

set multiplot layout 1, 2 title "Hessian of the addition RNN's mean loss over all sums (exact, 304 x 304)" font ",13"
set title "every eigenvalue, ascending"
set xlabel "index"
set xrange [0:*]
set autoscale xfix
set offsets 0, 0, graph 0.04, graph 0.04
set ylabel "{/:Italic λ}  (signed log)"
set ytics ("−10^{−1}" slog(-1e-1), "−10^{−2}" slog(-1e-2), "−10^{−3}" slog(-1e-3), "0" 0, \
           "10^{−3}" slog(1e-3), "10^{−2}" slog(1e-2), "10^{−1}" slog(1e-1), "1" slog(1), "10" slog(10), "10^2" slog(100))
plot for [i=1:words(spectra)] word(spectra, i) using 1:(slog($2)) with lines lw 2 \
     lc rgb lc_of(i) title word(titles, i)
if (strlen(densities) > 0) {
    set title "eigenvalue density (SLQ on every 4th sum; dashed and dotted: exact)"
    set xlabel "{/:Italic λ}"
    set ylabel "density"
    set logscale y
    set yrange [1e-2:*]
    set autoscale xfix
    set offsets 0, 0, 0, 0
    set xtics auto
    set ytics auto
    set format y "10^{%T}"
    set key top right
    plot for [i=1:words(densities)] word(densities, i) using 1:2 with lines lw 2 \
         lc rgb lc_of(i) title word(titles, i) . " (SLQ)", \
         for [i=1:words(densities)] word(densities, i) using 1:3 with lines lw 1.5 dt i+1 \
         lc rgb dark_of(i) title word(titles, i) . " (exact)"
}
unset multiplot
