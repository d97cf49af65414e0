#!/bin/sh
# rnnscape addition: the shared option parser's messages, outputs that
# would collide, and the PCA landscape's separate trajectory file.
. "$top_srcdir/tests/tools/taplib.sh"

# One parser: missing values, stray arguments, -q as --quiet.
fails_with 2 "rnnscape addition train: --iters: missing value" "train --iters: missing value" \
    rns addition train --iters
fails_with 2 "rnnscape addition gradflow: unexpected argument 'extra'" \
    "gradflow names the stray argument" rns addition gradflow --weights w extra
fails_with 2 "rnnscape addition gradcheck: --pair: missing value" "gradcheck --pair: missing value" \
    rns addition gradcheck --pair
fails_with 2 "rnnscape addition landscape: --grid: missing value" "landscape --grid: missing value" \
    rns addition landscape --weights w --grid
exits 0 "-q still means --quiet" rns addition train -q --iters 5
test ! -s "$T/out"
ok $? "and prints nothing"

# Two outputs on one path are refused before anything is written.
fails_with 2 "rnnscape addition train: --eval: '$T/same.dat' is the file of --curve already" \
    "one path for two outputs" rns addition train -q --iters 5 --curve "$T/same.dat" --eval "$T/same.dat"
test ! -e "$T/same.dat"
ok $? "and nothing is written"
mkdir "$T/d"
fails_with 2 "rnnscape addition train: --save: '$T/d/addition-curve.dat' is the file of --output-dir already" \
    "-o DIR's file named again" rns addition train -q --iters 5 -o "$T/d" --save "$T/d/addition-curve.dat"
test -z "$(ls "$T/d")"
ok $? "and the folder stays empty"

# All or nothing: a failing output replaces none of the others.
exits 0 "a first run" rns addition train -q --iters 20 --every 10 -o "$T/d"
cp -p "$T/d/addition-curve.dat" "$T/curve.keep"
cp -p "$T/d/addition-eval.dat" "$T/eval.keep"
fails_with 3 "rnnscape addition train: --gradflow: writing '/dev/full' failed" \
    "--gradflow /dev/full fails" rns addition train -q --iters 30 --every 10 -o "$T/d" --gradflow /dev/full
cmp -s "$T/d/addition-curve.dat" "$T/curve.keep" && cmp -s "$T/d/addition-eval.dat" "$T/eval.keep"
ok $? "and the curve and eval files are the first run's"
is "$(ls "$T/d" | grep -c tmp)" 0 "no temporary file is left"

# A signal removes every temporary file.
for sig in INT TERM; do
    rm -rf "$T/s"
    mkdir "$T/s"
    $RNNSCAPE addition train -q --iters 100000000 --every 100 -o "$T/s" &
    pid=$!
    n=0
    while [ "$(ls "$T/s" | wc -l)" -lt 5 ] && [ $n -lt 100 ]; do
        sleep 0.1
        n=$((n + 1))
    done
    sleep 0.3
    kill -$sig $pid
    wait $pid
    rc=$?
    cmp_ok "$rc" ">" 128 "SIG$sig ends the run ($rc)"
    is "$(ls "$T/s" | wc -l | tr -d ' ')" 0 "and leaves none of its five temporary files"
done

# The landscape: the grid and the trajectory in their own files, --format.
exits 0 "train for the landscape" rns addition train --rng numpy --seed 0 -q --iters 3000 --every 500 -o "$T/run"
W=$T/run/addition-weights.dat
C=$T/run/addition-checkpoints.dat
exits 0 "a PCA landscape with its trajectory file" rns addition landscape --weights "$W" \
    --directions pca --checkpoints "$C" --grid 3 -o "$T/pca.dat" --trajectory "$T/traj.dat"
is "$(grep -vc '^#' "$T/pca.dat")" 11 "the grid file holds the 3 x 3 grid only (9 lines, 2 blank)"
is "$(awk '!/^#/ && NF' "$T/traj.dat" | wc -l | tr -d ' ')" 7 "the trajectory file the 7 checkpoints"
is "$(awk '!/^#/ && NF { print NF }' "$T/traj.dat" | sort -u)" 3 "as alpha beta loss"
fails_with 2 "rnnscape addition landscape: --directions pca needs --checkpoints FILE" \
    "PCA without --checkpoints" rns addition landscape --weights "$W" --directions pca
exits 0 "PCA without --trajectory: the grid alone" rns addition landscape --weights "$W" \
    --directions pca --checkpoints "$C" --grid 3 -o "$T/pca2.dat"
grep -v '^# command' "$T/pca.dat" >"$T/pca1.body"
grep -v '^# command' "$T/pca2.dat" >"$T/pca2.body"
cmp -s "$T/pca1.body" "$T/pca2.body"
ok $? "the same grid"
fails_with 2 "rnnscape addition landscape: --trajectory: only with --directions pca" \
    "--trajectory without PCA" rns addition landscape --weights "$W" --trajectory "$T/t.dat"
fails_with 2 "rnnscape addition landscape: --trajectory: '$T/pca.dat' is the file of --output already" \
    "the grid and the trajectory on one path" rns addition landscape --weights "$W" \
    --directions pca --checkpoints "$C" --grid 3 -o "$T/pca.dat" --trajectory "$T/pca.dat"
{ grep '^#' "$C"; for i in 1 2 3 4 5; do grep -v '^#' "$C" | tail -1; done; } >"$T/same-ck.dat"
fails_with 2 "rnnscape addition landscape: --checkpoints: '$T/same-ck.dat': its 5 checkpoints do not span two directions" \
    "identical checkpoints are refused for PCA" rns addition landscape --weights "$W" \
    --directions pca --checkpoints "$T/same-ck.dat" --grid 3 -o "$T/never.dat" --trajectory "$T/never2.dat"
test ! -e "$T/never.dat" && test ! -e "$T/never2.dat"
ok $? "and neither file is written"
exits 0 "--format npy" rns addition landscape --weights "$W" --grid 3 --seed 1 --format npy -o "$T/l.npy"
is "$(head -c 6 "$T/l.npy" | tail -c 5)" "NUMPY" "an .npy file"
is "$(wc -c <"$T/l.npy" | tr -d ' ')" 200 "a 128-byte header and 3 x 3 float64"
exits 0 "--format text, the same seed" rns addition landscape --weights "$W" --grid 3 --seed 1 -o "$T/l.txt"
centre=$(awk '!/^#/ && $1 == 0 && $2 == 0 { print $3 }' "$T/l.txt")
mid=$(od -A n -t f8 -j 160 -N 8 "$T/l.npy" | tr -d ' ')
near "$mid" "$centre" 1e-15 "the npy centre is the text centre ($centre)"
exits 0 "--format vtk" rns addition landscape --weights "$W" --grid 3 --seed 1 --format vtk -o "$T/l.vtk"
is "$(head -c 200 "$T/l.vtk" | grep -a -c -e '^DATASET RECTILINEAR_GRID' -e '^DIMENSIONS 3 3 1')" 2 \
    "a VTK rectilinear grid of 3 x 3 points"
grep -a -q '^SCALARS mean_loss double 1' "$T/l.vtk"
ok $? "holding the array mean_loss"
done_testing
