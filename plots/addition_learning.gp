# addition_learning.gp: the binary-addition RNN's learning curve. Left axis
# (log): the tutorial's error sum_k |c_k - o_k| per iteration (grey dots)
# and its running mean, and the mean loss E over all sums at checkpoints;
# right axis: the exact-answer accuracy over all sums at checkpoints.
#
# Reads only files written by `rnnscape addition train`:
#   curve     --curve file (iteration abs_error loss mean_abs_error)
#   evalfile  --eval file (iteration mean_loss accuracy)
# Output: outfile (required); term png (default), svg or pdf; width, height
# (pixels).  Shared settings: common.gp.
# Example:
#   gnuplot -e "curve='c.dat'; evalfile='e.dat'; outfile='l.png'" plots/addition_learning.gp

if (!exists("curve") || !exists("evalfile") || !exists("outfile")) {
    print "addition_learning.gp: set curve='FILE', evalfile='FILE' and outfile='FILE'"
    exit status 2
}
if (!exists("width")) { width = 900 }
if (!exists("height")) { height = 560 }
rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

set title "Binary addition RNN: learning curve (seed 000's settings)"
set xlabel "iteration"
set ylabel "error"
set logscale y
set format y "10^{%T}"
set y2label "exact-answer accuracy (all sums)"
set y2range [0:1.05]
set y2tics 0, 0.2 nomirror
set ytics nomirror
# The legend goes below the plot, clear of every curve; the grey dots get a
# sample large enough to see (the dots themselves are left out of the key).
set key below center horizontal maxrows 2 width 2 samplen 2.5 box lc rgb "#cccccc"
set bmargin 7
set grid xtics ytics
plot curve using 1:2 every 10 with dots lc rgb "#b0b0b0" notitle, \
     NaN with points pt 7 ps 0.9 lc rgb "#a0a0a0" title "sum_k |c_k - o_k| (every 10th iteration)", \
     curve using 1:4 with lines lw 2 lc rgb "#1f77b4" title "running mean of sum_k |c_k - o_k|", \
     evalfile using 1:2 with linespoints pt 7 ps 0.6 lw 2 lc rgb "#d62728" title "mean E over all sums", \
     evalfile using 1:3 axes x1y2 with linespoints pt 5 ps 0.6 lw 2 lc rgb "#2ca02c" title "accuracy (right axis)"
