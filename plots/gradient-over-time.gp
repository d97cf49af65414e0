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
if (!exists("linthresh")) { linthresh = 2 }
if (!exists("linscale")) { linscale = 1 }
if (!exists("title")) { title = "Unstability of gradient in backward propagation.\n(backpropagate from left to right)" }
if (!exists("width")) { width = 900 }
if (!exists("height")) { height = 430 }

rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

# --- seaborn 'darkgrid' look --------------------------------------------
eval rs_darkgrid
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

# x: the data's own extent, step 0 on the left; y: symmetric about 0, as
# matplotlib's symlog autoscaling leaves the tutorial's axis, so that the
# lowest tick (-10^8) is labelled as the highest is.
stats [*:*][*:*] datafile using 1:5 nooutput
set xrange [STATS_max_x:STATS_min_x]
ymax = abs(STATS_min_y) > abs(STATS_max_y) ? abs(STATS_min_y) : abs(STATS_max_y)
set yrange [-ymax:ymax]
set format x "%g"

set title title font ",13" textcolor rgb rs_text
set xlabel "timestep {/:Italic k}" font ",13" textcolor rgb rs_text
set ylabel "∂{/:Italic ξ}\n――\n∂{/:Italic S}_{/:Italic k}" rotate by 0 font ",15" textcolor rgb rs_text offset -0.5, 0
set key outside right center Left reverse samplen 2.5 spacing 1.4 \
    title "{/:Italic (w_x, w_{rec})}" font ",11" textcolor rgb rs_text
set key title font ",15"

set lmargin 13

stats [*:*][*:*] datafile using 5 nooutput
nblocks = STATS_blocks
array label[nblocks]
do for [i = 1:nblocks] {
    stats [*:*][*:*] datafile index (i - 1) every ::0::0 using 3 nooutput
    wx = STATS_min
    stats [*:*][*:*] datafile index (i - 1) every ::0::0 using 4 nooutput
    label[i] = sprintf("(%g, %g)", wx, STATS_min)
}

# matplotlib's linewidth 1 (1 pt at 72 dpi) on the tutorial's 7-inch
# figure, scaled to this canvas
plot for [i = 1:nblocks] datafile index (i - 1) using 1:5 \
    with lines lw (1.0 * width / 720) lc rgb rs_colour_of(i) title label[i]
