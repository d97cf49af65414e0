# addition_landscape3d.gp: a 3-D view of the binary-addition RNN's loss
# landscape in the trajectory's principal plane (pm3d surface, log z),
# with the training trajectory drawn at its checkpoints' own losses.
#
# Reads only a file written by `rnnscape addition landscape --directions pca`:
#   datafile   the grid (-o)
#   trajectory its --trajectory file (optional: without it no trajectory)
# Output: outfile (required); term png (default), svg or pdf; width, height
# (pixels).  Shared settings: common.gp.

if (!exists("datafile") || !exists("outfile")) {
    print "addition_landscape3d.gp: set datafile='FILE' and outfile='FILE' (and trajectory='FILE')"
    exit status 2
}
if (!exists("width")) { width = 900 }
if (!exists("height")) { height = 700 }
rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
load rs_dir . "common.gp"

set title "Binary addition RNN: loss landscape in the PCA plane of training"
set xlabel "PC 1"
set ylabel "PC 2"
set zlabel "mean E" rotate by 90
set logscale z
set logscale cb
set format z "%.2g"
set format cb "%.2g"
set pm3d depthorder border lc rgb "#404040" lw 0.3
set hidden3d front
set view 38, 24
# the trajectory is drawn a little above the surface so it stays visible
lift = 1.15
set xyplane relative 0
set key top right
set autoscale xfix; set autoscale yfix
if (exists("trajectory")) {
splot datafile index 0 using 1:2:3 every 2:2 with pm3d notitle, \
      trajectory using 1:2:($3 * lift) with linespoints lc rgb "red" pt 7 ps 0.7 lw 2 title "training trajectory"
} else {
splot datafile index 0 using 1:2:3 every 2:2 with pm3d notitle
}
