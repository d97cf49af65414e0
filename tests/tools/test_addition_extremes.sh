#!/bin/sh
# test_addition_extremes.sh (issue 12, item 1): the addition commands never
# write NaN. A landscape over a range wider than the weights' arithmetic
# can hold gives the loss +inf where it overflows or meets inf - inf or
# 0 * inf, and the finite points are the same as before.
# And (issue 12, item 3) landscape --directions pca writes its grid and
# its --trajectory all or nothing: a trajectory that cannot be written
# leaves the old grid in place.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "train the tutorial's weights" rns addition train --rng numpy --seed 0 --save "$T/w" -q
exits 0 "landscape --range 1e308" rns addition landscape --weights "$T/w" --range 1e308 --grid 5 -o "$T/big.txt"
! grep -qi nan "$T/big.txt"
ok $? "no NaN in the grid"
is "$(awk '!/^#/ && NF && $3 == "inf"' "$T/big.txt" | wc -l | tr -d ' ')" 24 \
    "every point but the centre is +inf"
is "$(awk '!/^#/ && NF && $1 == 0 && $2 == 0 { print $3 }' "$T/big.txt")" \
    "$(rns addition landscape --weights "$T/w" --range 1 --grid 1 | awk '!/^#/ && NF { print $3 }')" \
    "the centre is the finite loss at the weights"
exits 0 "landscape --range 1e308 --format npy" rns addition landscape --weights "$T/w" --range 1e308 --grid 3 --format npy -o "$T/big.npy"
exits 0 "landscape --range 1e300 (finite weights, overflowing sums)" rns addition landscape --weights "$T/w" --range 1e300 --grid 5 -o "$T/e300.txt"
! grep -qi nan "$T/e300.txt"
ok $? "no NaN there either"
# Gradient flow at weights of +-1e308: a norm that meets an undefined form is +inf.
awk '/^#/ { print; next } { $5 = ($5 > 0 ? "1e308" : "-1e308"); print }' "$T/w" >"$T/wbig"
exits 0 "gradflow at weights of +-1e308" rns addition gradflow --weights "$T/wbig" -o "$T/flow.txt"
! grep -qi nan "$T/flow.txt"
ok $? "no NaN in the gradient flow"
# The Hessian there: refused ("not finite") or finite, never NaN.
for mode in "--trace --every 64" "--every 64" "--density --every 64"; do
    # shellcheck disable=SC2086
    rns addition hessian --weights "$T/wbig" $mode >"$T/hess.txt" 2>&1
    ok "$(! grep -qiw -e nan -e -nan "$T/hess.txt"; echo $?)" \
        "addition hessian $mode at weights of +-1e308: no NaN printed"
done

# The grid and the trajectory: one commit.
exits 0 "train with checkpoints" rns addition train --rng numpy --seed 0 -q --iters 3000 --every 500 -o "$T/run"
W=$T/run/addition-weights.dat
C=$T/run/addition-checkpoints.dat
echo "old grid" >"$T/pca.dat"
fails_with 3 "rnnscape addition landscape: --trajectory:" "--trajectory /dev/full fails in one line" \
    rns addition landscape --weights "$W" --directions pca --checkpoints "$C" --grid 3 \
    -o "$T/pca.dat" --trajectory /dev/full
is "$(cat "$T/pca.dat")" "old grid" "and the grid is not replaced"
is "$(ls "$T" | grep -c 'tmp\.')" 0 "no temporary file is left"
exits 0 "the same landscape with a real trajectory file" rns addition landscape --weights "$W" \
    --directions pca --checkpoints "$C" --grid 3 -o "$T/pca.dat" --trajectory "$T/traj.dat"
is "$(grep -vc '^#' "$T/pca.dat")" 11 "writes the 3 x 3 grid"
is "$(grep -vc '^#' "$T/traj.dat")" 7 "and one trajectory row per checkpoint"
done_testing
