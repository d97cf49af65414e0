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
if (!exists("term")) term = "pngcairo"
if (term eq "png") term = "pngcairo"
if (term eq "pdf") term = "pdfcairo"
if (!exists("titles")) titles = traces
if (!exists("title")) title = "Loss along the RProp traces"
if (!exists("colours")) colours = "#000000 #ff3030 #ffa000 #00b0e0 #e040e0 #40c020"
if (!exists("width")) width = 820
if (!exists("height")) height = 430

if (term eq "pdfcairo") {
    set terminal pdfcairo size width/100.0, height/100.0 font "DejaVu Sans,11" fontscale 0.75
} else {
    if (term eq "svg") {
        set terminal svg size width, height font "DejaVu Sans,11" dynamic background "white"
    } else {
        set terminal pngcairo size width, height font "DejaVu Sans,11" background "white"
    }
}
set output outfile

# --- seaborn 'darkgrid' look, as the gradient figure --------------------
set object 1 rectangle from graph 0, 0 to graph 1, 1 behind \
    fillcolor rgb "#eaeaf2" fillstyle solid noborder
set grid xtics ytics back lt 1 lc rgb "white" lw 1.2
unset border
set tics scale 0 textcolor "#262626"
set xtics nomirror
set ytics nomirror

set logscale y
set format y "10^{%T}"
set autoscale xfix
set title title font ",13" textcolor "#262626"
set xlabel "iteration" font ",12" textcolor "#262626"
set ylabel "loss {/:Italic ξ}" font ",12" textcolor "#262626"
set key outside right center Left reverse samplen 2.5 spacing 1.3 \
    title "variant" textcolor "#262626"

ntraces = words(traces)
colour_of(i) = word(colours, (i - 1) % words(colours) + 1)

plot for [i = 1:ntraces] word(traces, i) using 1:($4 > 0 ? $4 : NaN) \
    with lines lw 1.5 lc rgb colour_of(i) title word(titles, i)
