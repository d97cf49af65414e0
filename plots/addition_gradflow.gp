# addition_gradflow.gp: gradient flow in the binary-addition RNN, a heat map
# of the mean ||dE/dh_k|| (log colour) over checkpoints (x) and timesteps k
# (y, 1 = least significant bit, the first step).
#
# Reads only a file written by `rnnscape addition train --gradflow`:
#   datafile  (iteration k mean_norm; one block per checkpoint)
# Output: outfile (required); term png (default), svg or pdf; width, height
# (pixels).  Shared settings: common.gp.

if (!exists("datafile") || !exists("outfile")) {
    print "addition_gradflow.gp: set datafile='FILE' and outfile='FILE'"
    exit status 2
}
if (!exists("width")) { width = 900 }
if (!exists("height")) { height = 480 }
rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

set title "Gradient flow: mean ||dE/dh_k|| over all 128 x 128 sums"
set xlabel "training iteration (checkpoint)"
set ylabel "timestep k (bit, 1 = least significant)"
set ytics 1
set logscale cb
set format cb "%.2g"
set cbtics 2   # a tick at every factor of 2 on the log scale
set mcbtics 1  # and no minor ticks between them (they would pile up)
set cblabel "||dE/dh_k||"
set tics out
stats [*:*][*:*] datafile using 1 nooutput
set xrange [STATS_min:STATS_max]
stats [*:*][*:*] datafile using 2 nooutput
set yrange [0.5:STATS_max + 0.5]
plot datafile using 1:2:3 with image notitle
