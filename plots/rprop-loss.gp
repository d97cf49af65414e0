# rprop-loss.gp: the loss along one or more optimiser traces against the
# iteration number, on a logarithmic y axis.
#
# Input (written by `rnnscape rprop`):
#   traces    space-separated list of trace files, columns
#             `iter w_x w_rec loss ...` (required)
#   titles    their legend entries, space-separated (default: file names)
# Output:
#   outfile   file to write (required); term  png (pngcairo, the default),
#             svg or pdf (pdfcairo); width/height in pixels (pdf: 1/100 inch)
# Styling: title; colours, one per trace (as in rprop-family.gp, except
#   that the first, white there, is drawn black here)
#
# A loss of exactly 0 cannot sit on a log axis and is left out.
#
# Example:
#   gnuplot -e "traces='a.dat b.dat'; titles='a b'; outfile='l.png'" \
#           plots/rprop-loss.gp

if (!exists("traces") || !exists("outfile")) {
    print "rprop-loss.gp: set traces='FILE ...' and outfile='FILE'"
    exit status 2
}
if (!exists("titles")) { titles = traces }
if (!exists("title")) { title = "Loss along the RProp traces" }
if (!exists("colours")) { colours = "#000000 #ff3030 #ffa000 #00b0e0 #e040e0 #40c020" }
if (!exists("width")) { width = 820 }
if (!exists("height")) { height = 430 }

rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

# --- seaborn 'darkgrid' look, as the gradient figure --------------------
eval rs_darkgrid
set xtics nomirror
set ytics nomirror

set logscale y
set format y "10^{%T}"
set autoscale xfix
set title title font ",13" textcolor rgb rs_text
set xlabel "iteration" font ",12" textcolor rgb rs_text
set ylabel "loss {/:Italic ξ}" font ",12" textcolor rgb rs_text
set key outside right center Left reverse samplen 2.5 spacing 1.3 \
    title "variant" textcolor rgb rs_text

ntraces = words(traces)
colour_of(i) = word(colours, (i - 1) % words(colours) + 1)

plot for [i = 1:ntraces] word(traces, i) using 1:($4 > 0 ? $4 : NaN) \
    with lines lw 1.5 lc rgb colour_of(i) title word(titles, i)
