# gradient-over-time.gp: the gradient dxi/dS_k along backpropagation, one
# line per point, on a symmetric-log y axis: the tutorial's "Unstability of
# gradient in backward propagation" figure.
#
# Input (written by `rnnscape gradtime`):
#   datafile  one data block per point, columns `step k w_x w_rec gradient`
#             (step 0 at the output state, -T at S_0), required.  The x
#             axis runs from step 0 on the left to step -T on the right, as
#             backpropagation proceeds; each line's legend entry is its
#             (w_x, w_rec), read from the block.
# Output:
#   outfile   file to write (required); term  png (pngcairo, the default), svg
#             or pdf (pdfcairo); width/height in pixels (pdf: 1/100 inch)
# Styling:
#   linthresh, linscale
#             the symmetric-log y axis, as matplotlib's 'symlog' (whose
#             defaults, 2 and 1, the tutorial used): linear for
#             |y| <= linthresh, logarithmic beyond, the linear part
#             linscale decades wide
#   title     (the tutorial's)
#
# Example:
#   gnuplot -e "datafile='g.dat'; outfile='g.png'" plots/gradient-over-time.gp

if (!exists("datafile")) {
    print "gradient-over-time.gp: set datafile='FILE' (rnnscape gradtime output)"
    exit status 2
}
if (!exists("outfile")) {
    print "gradient-over-time.gp: set outfile='FILE'"
    exit status 2
}
if (!exists("term")) term = "pngcairo"
if (term eq "png") term = "pngcairo"
if (term eq "pdf") term = "pdfcairo"
if (!exists("linthresh")) linthresh = 2
if (!exists("linscale")) linscale = 1
if (!exists("title")) title = "Unstability of gradient in backward propagation.\n(backpropagate from left to right)"
if (!exists("width")) width = 900
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

# --- seaborn 'darkgrid' look --------------------------------------------
set object 1 rectangle from graph 0, 0 to graph 1, 1 behind \
    fillcolor rgb "#eaeaf2" fillstyle solid noborder
set grid xtics ytics back lt 1 lc rgb "white" lw 1.2
unset border
set tics scale 0 textcolor "#262626"
set xtics nomirror 1
set ytics nomirror

# --- symmetric-log y axis ------------------------------------------------
symlog_a = linscale / (1 - 1 / 10.0)
symlog(y) = abs(y) <= linthresh ? y * symlog_a \
          : sgn(y) * linthresh * (symlog_a + log10(abs(y) / linthresh))
symexp(u) = abs(u) <= linthresh * symlog_a ? u / symlog_a \
          : sgn(u) * linthresh * 10**(abs(u) / linthresh - symlog_a)
set nonlinear y via symlog(y) inverse symexp(y)
# Ticks 0, +-10^2, +-10^4, +-10^6, +-10^8 (the tutorial's), labelled as
# matplotlib does, with a real minus sign.
set ytics ("0" 0)
do for [e = 2:8:2] {
    set ytics add (sprintf("10^{%d}", e) 10**e, sprintf("−10^{%d}", e) -(10**e))
}

# The data's own extent, step 0 on the left.
set autoscale xfix
set autoscale yfix
set xrange [*:*] reverse
set format x "%g"

set title title font ",13" textcolor "#262626"
set xlabel "timestep {/:Italic k}" font ",13" textcolor "#262626"
set ylabel "∂{/:Italic ξ}\n――\n∂{/:Italic S}_{/:Italic k}" rotate by 0 font ",15" textcolor "#262626" offset 1, 0
set key outside right center Left reverse samplen 2.5 spacing 1.4 \
    title "{/:Italic (w_x, w_{rec})}" font ",11" textcolor "#262626"
set key title font ",15"

set lmargin 11

# matplotlib's 'r', 'b', 'm', 'c', 'g', 'y', in the tutorial's order
colours = "#ff0000 #0000ff #bf00bf #00bfbf #008000 #bfbf00"
colour_of(i) = word(colours, (i - 1) % words(colours) + 1)

stats datafile using 5 nooutput
nblocks = STATS_blocks
array label[nblocks]
do for [i = 1:nblocks] {
    stats datafile index (i - 1) every ::0::0 using 3 nooutput
    wx = STATS_min
    stats datafile index (i - 1) every ::0::0 using 4 nooutput
    label[i] = sprintf("(%g, %g)", wx, STATS_min)
}

plot for [i = 1:nblocks] datafile index (i - 1) using 1:5 \
    with lines lw 1.3 lc rgb colour_of(i) title label[i]
