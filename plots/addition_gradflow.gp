# addition_gradflow.gp: gradient flow in the binary-addition RNN, a heat map
# of the mean ||dE/dh_k|| (log colour) over checkpoints (x) and timesteps k
# (y, 1 = least significant bit, the first step).
#
# Reads only a file written by `rnnscape addition train --gradflow`:
#   datafile  (iteration k mean_norm; one block per checkpoint)
# Output: outfile (required); term png (default), svg or pdf.

if (!exists("datafile") || !exists("outfile")) {
    print "addition_gradflow.gp: set datafile='FILE' and outfile='FILE'"
    exit status 2
}
if (!exists("term")) term = "png"
if (term eq "svg") { set terminal svg size 900,480 dynamic font "Sans,12" } \
else { if (term eq "pdf") { set terminal pdfcairo size 9in,4.8in font "Sans,11" } \
else { set terminal pngcairo size 900,480 font "Sans,11" } }
set output outfile

set title "Gradient flow: mean ||dE/dh_k|| over all 128 x 128 sums"
set xlabel "training iteration (checkpoint)"
set ylabel "timestep k (bit, 1 = least significant)"
set ytics 1
set logscale cb
set format cb "%.2g"
set cbtics 2   # a tick at every factor of 2 on the log scale
set cblabel "||dE/dh_k||"
set palette defined (0 "#440154", 1 "#482878", 2 "#3e4989", 3 "#31688e", 4 "#26828e", 5 "#1f9e89", 6 "#35b779", 7 "#6ece58", 8 "#b5de2b", 9 "#fde725")
set tics out
stats datafile using 1 nooutput
set xrange [STATS_min:STATS_max]
stats datafile using 2 nooutput
set yrange [0.5:STATS_max + 0.5]
plot datafile using 1:2:3 with image notitle
