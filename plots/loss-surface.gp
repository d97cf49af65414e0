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
#   trace     an `rnnscape rprop` (or `optimize`) file: every iterate as a
#             small white dot, the last as a white star with a black edge
#             (default: none)
# Output:
#   outfile   file to write (required); term  png (pngcairo, the default), svg
#             or pdf (pdfcairo); width/height in pixels (pdf: 1/100 inch)
# Styling, defaults as in the tutorial:
#   plus      added to the loss before colouring (1: the tutorial's xi + 1)
#   scale     'tutorial' (the default): the colour scale runs from 10^-0.2
#             to 10^8; 'data': from the smallest to the largest finite
#             loss + plus in the files, widened to whole decades
#   cbmin, cbmax   the ends of the colour scale (override scale)
#   levels    colour-band edges spaced logarithmically from cbmin to cbmax
#             (30: 29 bands)
#   over      where loss + plus is above cbmax: 'top' (the default) draws
#             the top colour; 'background' leaves the plot background, as
#             the tutorial's contourf does.  inf (overflow) is drawn like
#             any value above the scale.
#   title     ("Loss surface"); tracetitle ("RProp iterations")
#
# Example:
#   gnuplot -e "surfaces='a.dat b.dat'; points='g.dat'; outfile='s.png'" \
#           plots/loss-surface.gp

if (!exists("surfaces")) {
    print "loss-surface.gp: set surfaces='FILE ...' (rnnscape surface output)"
    exit status 2
}
if (!exists("points")) { points = "" }
if (!exists("trace")) { trace = "" }
if (!exists("plus")) { plus = 1 }
if (!exists("scale")) { scale = "tutorial" }
if (!exists("levels")) { levels = 30 }
if (!exists("over")) { over = "top" }
if (!exists("title")) { title = "Loss surface" }
if (!exists("tracetitle")) { tracetitle = "RProp iterations" }
npanels = words(surfaces)

# --- the colour scale: the tutorial's, or the data's ----------------------
if (!exists("cbmin") || !exists("cbmax")) {
    if (scale eq "data") {
        lo = 1e308; hi = 0
        do for [p = 1:npanels] {
            stats [*:*][*:*] word(surfaces, p) \
                using (($3 + plus) > 0 && $3 < 1e308 ? $3 + plus : NaN) nooutput
            lo = STATS_min < lo ? STATS_min : lo
            hi = STATS_max > hi ? STATS_max : hi
        }
        if (!exists("cbmin")) { cbmin = 10**floor(log10(lo)) }
        if (!exists("cbmax")) { cbmax = 10**ceil(log10(hi)) }
        if (cbmax <= cbmin) { cbmax = cbmin * 10 }
    } else {
        if (!exists("cbmin")) { cbmin = 10**-0.2 }
        if (!exists("cbmax")) { cbmax = 1e8 }
    }
}

# The colour bar's labels set the right margin, so that wide ones (1e+300)
# keep the xi label on the canvas.
cbfmt = "%.0e"
cbchars = strlen(sprintf(cbfmt, cbmin)) > strlen(sprintf(cbfmt, cbmax)) ? \
    strlen(sprintf(cbfmt, cbmin)) : strlen(sprintf(cbfmt, cbmax))
right = 40 + 25 + 10 + 8 * cbchars + 45
if (!exists("width")) { width = 130 + 330 * npanels + right }
if (!exists("height")) { height = 440 }

rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

# Bands: levels - 1 equal steps on the log axis.  With over='background'
# one more band above cbmax takes the background's colour, so that band
# edge runs as smoothly as the others; the colour bar is drawn on its own,
# without it.
band = (1.0 * cbmax / cbmin)**(1.0 / (levels - 1))
bg = "#eaeaf2"
if (over eq "background") {
    k = (levels - 1.0) / levels
    eval sprintf("set palette defined (0 '#440154', %g '#472c7a', %g '#3b528b', %g '#2c728e', %g '#21918c', %g '#28ae80', %g '#5ec962', %g '#addc30', %g '#fde725', %g '%s', 8 '%s')", \
        k, 2 * k, 3 * k, 4 * k, 5 * k, 6 * k, 7 * k, 8 * k, 8 * k + 1e-6, bg, bg)
    set palette maxcolors levels
    cbtop = cbmax * band
    colour(v) = (v + plus < cbmax) ? v + plus : cbmax * sqrt(band)
} else {
    set palette maxcolors (levels - 1)
    cbtop = cbmax
    colour(v) = (v + plus < cbmax) ? v + plus : 10 * cbmax
}
set logscale cb
set cbrange [cbmin:cbtop]

# --- the tutorial's look (seaborn 'darkgrid': no frame, no tick marks) ----
# `retrace` paints each quadrangle's edge in its own colour: no
# anti-aliasing seams between cells.
set pm3d map corners2color mean border retrace
set view map
unset border
set tics scale 0 textcolor rgb rs_text
set xtics out nomirror
set ytics out nomirror
unset ztics
set zrange [-1:1]
set xlabel "w_{in}" font ":Italic,12" offset 0, 0.6
set ylabel "w_{rec}" font ":Italic,12" offset -0.5, 0
set object 1 rectangle from graph 0, 0 to graph 1, 1 behind \
    fillcolor rgb bg fillstyle solid noborder
set grid xtics ytics back lt 1 lc rgb "white" lw 1.2

npoints = 0
if (strlen(points) > 0) {
    stats [*:*][*:*] points using 3:4 nooutput
    npoints = STATS_blocks
}
ntrace = 0
if (strlen(trace) > 0) {
    stats [*:*][*:*] trace using 2:3 nooutput
    ntrace = STATS_records
}

# --- layout (fractions of the canvas) ----------------------------------
left0 = 80.0 / width
cbx = 1.0 - (right - 40.0) / width
gap = 70.0 / width
panelw = (cbx - 60.0 / width - left0 - (npanels - 1) * gap) / npanels
bottom = 70.0 / height
top = 1.0 - 45.0 / height
# tick spacing as matplotlib's: about one label per 45 pixels across and
# per 36 pixels up (0.25 on the tutorial's zoomed panels)
xbins = floor(panelw * width / 45.0)
ybins = floor((top - bottom) * height / 36.0)

set multiplot title title font ",15"
unset colorbox
do for [p = 1:npanels] {
    f = word(surfaces, p)
    stats [*:*][*:*] f using 1:2 nooutput
    # Coarse grids (the tutorial's 50 x 50) are subdivided so that the band
    # edges run smoothly, as in a filled contour plot; fine grids need not.
    # (SVG holds every piece as a polygon: at most 2 x 2 there.)
    steps = STATS_records > 10000 ? 1 : STATS_records > 2600 ? 2 : 4
    if (term eq "svg") { steps = STATS_records > 2600 ? 1 : 2 }
    set pm3d interpolate steps, steps
    set xrange [STATS_min_x:STATS_max_x]
    set yrange [STATS_min_y:STATS_max_y]
    eval rs_ticks("x", STATS_min_x, STATS_max_x, xbins)
    eval rs_ticks("y", STATS_min_y, STATS_max_y, ybins)
    set lmargin at screen left0 + (p - 1) * (panelw + gap)
    set rmargin at screen left0 + (p - 1) * (panelw + gap) + panelw
    set bmargin at screen bottom
    set tmargin at screen top
    if (p == npanels && ntrace > 0) {
        set key top right Left reverse opaque fc rgb "#70ffffff" box lc rgb "#dddddd" \
            samplen 0.5 spacing 1.3 width 1 textcolor rgb rs_text
    } else {
        unset key
    }
    cmd = "splot f using 1:2:(0):(colour($3)) with pm3d notitle"
    if (npoints > 0) {
        cmd = cmd . ", for [i = 1:npoints] points index (i - 1) every ::0::0" \
                  . " using 3:4:(0) with points pt 7 ps 1.3 lc rgb rs_colour_of(i) notitle"
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

# --- the colour bar alone: the bands from cbmin to cbmax -----------------
unset object 1
unset grid
unset tics
unset xlabel
unset ylabel
unset key
unset title
set palette defined ( 0 "#440154", 1 "#472c7a", 2 "#3b528b", 3 "#2c728e", \
                      4 "#21918c", 5 "#28ae80", 6 "#5ec962", 7 "#addc30", \
                      8 "#fde725" )
set palette maxcolors (levels - 1)
set cbrange [cbmin:cbmax]
set format cb cbfmt
set cbtics scale 0.6, 0.35 out nomirror textcolor rgb rs_text
eval rs_logticks("cb", cbmin, cbmax)
set cblabel "{/:Italic ξ}" rotate by 0 offset 2, 0 font ",14" textcolor rgb rs_text
set colorbox user origin screen cbx, bottom size screen 25.0 / width, top - bottom noborder
splot '+' using 1:2:(0):(cbmin) every ::0::0 with points pt -1 lc palette notitle
unset multiplot
