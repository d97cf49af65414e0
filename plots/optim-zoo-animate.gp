# optim-zoo-animate.gp: optim-zoo.gp as an animated GIF: the traces grow
# iterate by iterate over the loss surface while the loss curves follow.
#
# Input: surface, traces, titles as in optim-zoo.gp (required: surface,
#   traces), and
#   iters     the last iterate to show (default 500)
#   frames    number of frames (default 80); frame j shows iterates up to
#             iters*(j/frames)^2, so the fast early steps get more frames
#   delay     between frames, in 1/100 s (default 8); the last frame is held
# Output:
#   outfile   the GIF to write (required); width/height in pixels
#
# Example:
#   gnuplot -e "surface='s.dat'; traces='a.dat b.dat'; titles='a b'; \
#               outfile='zoo.gif'" plots/optim-zoo-animate.gp

if (!exists("surface") || !exists("traces") || !exists("outfile")) {
    print "optim-zoo-animate.gp: set surface='FILE', traces='FILE ...' and outfile='FILE'"
    exit status 2
}
if (!exists("iters")) { iters = 500 }
if (!exists("frames")) { frames = 80 }
if (!exists("delay")) { delay = 8 }
if (!exists("width")) { width = 1100 }
if (!exists("height")) { height = 480 }

rs_dir = ARG0
while (strlen(rs_dir) > 0 && rs_dir[strlen(rs_dir):strlen(rs_dir)] ne "/") {
    rs_dir = rs_dir[1:strlen(rs_dir) - 1]
}
# common.gp's functions and palette, then the GIF terminal in its place.
gif = outfile
term = "png"
outfile = "/dev/null"
load rs_dir . "common.gp"
set terminal gif animate delay delay loop 0 optimize size width, height font "DejaVu Sans,10"
set output gif
rs_loaded = 1

do for [j = 0:frames] {
    frame = int(iters * (1.0 * j / frames)**2 + 0.5)
    title = sprintf("The optimiser zoo from one start: iteration %d", frame)
    load rs_dir . "optim-zoo.gp"
}
# Hold the end for a second or so.
do for [h = 1:12] { load rs_dir . "optim-zoo.gp" }
unset output
