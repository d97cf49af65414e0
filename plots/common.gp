# common.gp: the settings every script in plots/ shares.  Each script sets
# its own defaults (width, height), then loads this file from its own folder:
#
#   rs_dir = ARG0[1:strlen(ARG0) - strlen(...)]   (see any script's top)
#   load rs_dir . "common.gp"
#
# It reads
#   term      png (pngcairo, the default), svg, pdf (pdfcairo), or an
#             interactive terminal (qt, x11, wxt)
#   width, height   the canvas in pixels (pdf: 1/100 inch)
#   outfile   the file to write (not for interactive terminals)
# and sets the terminal and output, UTF-8 text with real minus signs in
# tick labels, and the viridis palette.  It defines
#   rs_colours, rs_colour_of(i)   matplotlib's r, b, m, c, g, y (the
#             tutorial's points and lines, in its order)
#   rs_darkgrid   seaborn's 'darkgrid' look, as commands: eval rs_darkgrid
#   rs_step(range, nbins), rs_decimals(step)   matplotlib-like tick spacing
#             (1, 2, 2.5 or 5 times a power of ten, at most nbins intervals)
#             and the decimals its labels need
#   rs_ticks(axis, lo, hi, nbins)   "set xtics STEP; set format x ..." for
#             eval: the tutorial's tick spacing on a linear axis
#   rs_logticks(axis, lo, hi)   the same for a log axis: a label every
#             decade, or every few decades so that at most 9 show, with
#             minor ticks only where they cannot pile up
#   rs_labelchars(fmt, lo, hi)  the width in characters of the widest of
#             the two end labels (for sizing a colour bar's margin)
#   rs_isinf(v)   v is +inf (how rnnscape writes an overflowing loss)

if (!exists("term")) { term = "png" }
if (term eq "png") { term = "pngcairo" }
if (term eq "pdf") { term = "pdfcairo" }
if (!exists("width")) { width = 800 }
if (!exists("height")) { height = 500 }
rs_font = "DejaVu Sans,11"
rs_interactive = (term eq "qt" || term eq "x11" || term eq "wxt")

set encoding utf8
if (term eq "pdfcairo") {
    set terminal pdfcairo size width/100.0, height/100.0 font rs_font fontscale 0.75
} else {
    if (term eq "svg") {
        set terminal svg size width, height font rs_font dynamic background "white"
    } else {
        if (rs_interactive) {
            eval sprintf("set terminal %s size %d, %d font '%s'", term, width, height, rs_font)
        } else {
            set terminal pngcairo size width, height font rs_font background "white"
        }
    }
}
if (!rs_interactive) {
    if (!exists("outfile")) {
        print "set outfile='FILE' (the figure to write)"
        exit status 2
    }
    set output outfile
}
set minussign

# viridis, as matplotlib's, in nine stops
set palette defined ( 0 "#440154", 1 "#472c7a", 2 "#3b528b", 3 "#2c728e", \
                      4 "#21918c", 5 "#28ae80", 6 "#5ec962", 7 "#addc30", \
                      8 "#fde725" )

rs_colours = "#ff0000 #0000ff #bf00bf #00bfbf #008000 #bfbf00"
rs_colour_of(i) = word(rs_colours, (i - 1) % words(rs_colours) + 1)

rs_text = "#262626"
rs_darkgrid = "set object 1 rectangle from graph 0, 0 to graph 1, 1 behind " . \
    "fillcolor rgb '#eaeaf2' fillstyle solid noborder; " . \
    "set grid xtics ytics back lt 1 lc rgb 'white' lw 1.2; unset border; " . \
    "set tics scale 0 textcolor '" . rs_text . "'"

rs_isinf(v) = (v > 1e308)

# --- tick spacing as matplotlib's MaxNLocator ---------------------------
rs_e(raw) = floor(log10(raw))
rs_m(raw) = raw / 10.0**rs_e(raw)
rs_s(raw) = rs_m(raw) <= 1.0001 ? 1 : rs_m(raw) <= 2.0001 ? 2 : rs_m(raw) <= 2.5001 ? 2.5 \
          : rs_m(raw) <= 5.0001 ? 5 : 10
rs_step(range, nbins) = rs_s(1.0 * range / nbins) * 10.0**rs_e(1.0 * range / nbins)
rs_decimals(step) = (rs_d = -floor(log10(step) + 1e-9) \
    + (abs(step / 10.0**floor(log10(step) + 1e-9) - 2.5) < 1e-6 ? 1 : 0), rs_d < 0 ? 0 : rs_d)
rs_ticks(axis, lo, hi, nbins) = (rs_st = rs_step(hi - lo, nbins), \
    sprintf("set %stics %.12g; set format %s '%%.%df'", axis, rs_st, axis, rs_decimals(rs_st)))

# --- log axes: at most about 9 labels, minor ticks per decade when the
# labels are one decade apart, else none (they would pile into blobs)
rs_decades(lo, hi) = log10(1.0 * hi / lo)
rs_logstep(lo, hi) = rs_decades(lo, hi) <= 9 ? 1 : ceil(rs_step(rs_decades(lo, hi), 9))
rs_logticks(axis, lo, hi) = sprintf("set %stics 10**%d; set m%stics %s", axis, \
    rs_logstep(lo, hi), axis, rs_logstep(lo, hi) == 1 ? "10" : "1")

rs_labelchars(fmt, lo, hi) = (rs_a = strlen(sprintf(fmt, lo)), rs_b = strlen(sprintf(fmt, hi)), \
    rs_a > rs_b ? rs_a : rs_b)
