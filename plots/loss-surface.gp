# loss-surface.gp: the loss surface xi(w_x, w_rec) of the linear RNN as
# filled bands on a logarithmic colour scale, one panel per surface file,
# one shared colour bar; optionally the annotated points and an optimiser
# trace on top.  Draws the tutorial's "Loss surface" and "RProp trace"
# figures and the `make surface` exploring figure.
#
# Everything it draws comes from data files written by `rnnscape`:
#   surfaces  space-separated list of `rnnscape surface` files, one panel
#             each, left to right (required).  Each panel's ranges are the
#             extent of its grid.
#   points    an `rnnscape gradtime` file: each data block's first row
#             gives one annotated point (columns 3 and 4), drawn as a
#             filled circle in the tutorial's colours (default: none)
#   trace     an `rnnscape rprop` file: every iterate as a small white dot,
#             the last as a white star with a black edge (default: none)
# Output:
#   outfile   file to write (required); term  png (pngcairo, the default), svg
#             or pdf (pdfcairo); width/height in pixels (pdf: 1/100 inch)
# Styling, defaults as in the tutorial:
#   plus      added to the loss before colouring (1: the tutorial's xi + 1)
#   cbmin, cbmax, levels   `levels` colour-band edges spaced
#             logarithmically from cbmin to cbmax (10^-0.2, 10^8, 30)
#   title     ("Loss surface"); tracetitle ("RProp iterations")
#
# Loss values above cbmax, and inf where the loss overflows, are drawn in
# the top colour (saturated), never as holes.
#
# Example:
#   gnuplot -e "surfaces='a.dat b.dat'; points='g.dat'; outfile='s.png'" \
#           plots/loss-surface.gp

if (!exists("surfaces")) {
    print "loss-surface.gp: set surfaces='FILE ...' (rnnscape surface output)"
    exit status 2
}
if (!exists("outfile")) {
    print "loss-surface.gp: set outfile='FILE'"
    exit status 2
}
if (!exists("term")) term = "pngcairo"
if (term eq "png") term = "pngcairo"
if (term eq "pdf") term = "pdfcairo"
if (!exists("points")) points = ""
if (!exists("trace")) trace = ""
if (!exists("plus")) plus = 1
if (!exists("cbmin")) cbmin = 10**-0.2
if (!exists("cbmax")) cbmax = 1e8
if (!exists("levels")) levels = 30
if (!exists("title")) title = "Loss surface"
if (!exists("tracetitle")) tracetitle = "RProp iterations"

npanels = words(surfaces)
if (!exists("width")) width = 130 + 330 * npanels + 150
if (!exists("height")) height = 440

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

# --- colour scale: viridis, cut into levels-1 bands on a log axis --------
set palette defined ( 0 "#440154", 1 "#472c7a", 2 "#3b528b", 3 "#2c728e", \
                      4 "#21918c", 5 "#28ae80", 6 "#5ec962", 7 "#addc30", \
                      8 "#fde725" )
set palette maxcolors (levels - 1)
set logscale cb
set cbrange [cbmin:cbmax]
set format cb "%.0e"
set cblabel "{/:Italic ξ}" rotate by 0 offset 1.5, 0 font ",14"

# The colour of a grid point: loss + plus; inf (overflow) and anything above
# the top of the scale is pinned just above it, so it saturates.
colour(v) = (v + plus < cbmax) ? v + plus : 10 * cbmax

# --- the tutorial's look (seaborn 'darkgrid': no frame, no tick marks) ----
# `retrace` paints each quadrangle's edge in its own colour: no
# anti-aliasing seams between cells.
set pm3d map corners2color mean border retrace
set view map
unset border
set tics scale 0 textcolor "#262626"
set cbtics scale 0.6, 0.35 out nomirror
set mcbtics 10
set xtics out nomirror
set ytics out nomirror
unset ztics
set zrange [-1:1]
set xlabel "w_{in}" font ":Italic,12" offset 0, 0.6
set ylabel "w_{rec}" font ":Italic,12" offset -0.5, 0
set format x "%g"
set format y "%g"

# matplotlib's 'r', 'b', 'm', 'c', 'g', 'y', in the tutorial's order
colours = "#ff0000 #0000ff #bf00bf #00bfbf #008000 #bfbf00"
colour_of(i) = word(colours, (i - 1) % words(colours) + 1)

npoints = 0
if (strlen(points) > 0) {
    stats points using 3:4 nooutput
    npoints = STATS_blocks
}
ntrace = 0
if (strlen(trace) > 0) {
    stats trace using 2:3 nooutput
    ntrace = STATS_records
}

# --- layout (fractions of the canvas) ----------------------------------
left0 = 80.0 / width
cbx = 1.0 - 110.0 / width
gap = 70.0 / width
panelw = (cbx - 60.0 / width - left0 - (npanels - 1) * gap) / npanels
bottom = 70.0 / height
top = 1.0 - 45.0 / height

set multiplot title title font ",15"
do for [p = 1:npanels] {
    f = word(surfaces, p)
    stats f using 1:2 nooutput
    # Coarse grids (the tutorial's 50 x 50) are subdivided so that the band
    # edges run smoothly, as in a filled contour plot; fine grids need not.
    # (SVG holds every piece as a polygon: at most 2 x 2 there.)
    steps = STATS_records > 10000 ? 1 : STATS_records > 2600 ? 2 : 4
    if (term eq "svg") { steps = STATS_records > 2600 ? 1 : 2 }
    set pm3d interpolate steps, steps
    set xrange [STATS_min_x:STATS_max_x]
    set yrange [STATS_min_y:STATS_max_y]
    set lmargin at screen left0 + (p - 1) * (panelw + gap)
    set rmargin at screen left0 + (p - 1) * (panelw + gap) + panelw
    set bmargin at screen bottom
    set tmargin at screen top
    if (p == npanels) {
        set colorbox user origin screen cbx, bottom size screen 25.0 / width, top - bottom noborder
    } else {
        unset colorbox
    }
    if (p == npanels && ntrace > 0) {
        set key top right Left reverse opaque fc rgb "#70ffffff" box lc rgb "#dddddd" \
            samplen 0.5 spacing 1.3 width 1 textcolor "#262626"
    } else {
        unset key
    }
    cmd = "splot f using 1:2:(0):(colour($3)) with pm3d notitle"
    if (npoints > 0) {
        cmd = cmd . ", for [i = 1:npoints] points index (i - 1) every ::0::0" \
                  . " using 3:4:(0) with points pt 7 ps 1.3 lc rgb colour_of(i) notitle"
    }
    if (ntrace > 0) {
        cmd = cmd . ", trace using 2:3:(0) with points pt 7 ps 0.6" \
                  . " lc rgb 'white' title tracetitle" \
                  . ", trace every ::(ntrace - 1) using 2:3:(0):('★')" \
                  . " with labels font ',18' textcolor rgb 'black' notitle" \
                  . ", trace every ::(ntrace - 1) using 2:3:(0):('★')" \
                  . " with labels font ',13' textcolor rgb 'white' notitle"
    }
    eval cmd
}
unset multiplot
