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
# --- round 2 (addhostile): curvature past the double range, memory
# estimates, and what the hostile hunt found.
nonan() { ! grep -qiw -e nan -e -nan "$1"; }
exits 0 "curvature --range 1e308: a grid, not exit 3" rns addition curvature --weights "$T/w" \
    --range 1e308 --grid 3 --every 1024 -o "$T/curv.txt"
nonan "$T/curv.txt"
ok $? "no NaN in the curvature map"
is "$(data_lines "$T/curv.txt" | wc -l | tr -d ' ')" 9 "nine points"
is "$(data_lines "$T/curv.txt" | awk '$1 == -1e308 && $2 == -1e308 { print $3, $4, $5, $6 }')" \
    "inf -inf inf -1" "a corner: loss +inf, lambda_min -inf, lambda_max +inf, ratio -1"
is "$(data_lines "$T/curv.txt" | awk '$1 == 0 && $2 == 0 && $3 < 1 && $4 < 0 && $5 > 0 { print "finite" }')" \
    finite "the centre is the finite curvature at the weights"
for f in npy vtk binary; do
    exits 0 "curvature --range 1.7976931348623157e308 --format $f" rns addition curvature \
        --weights "$T/w" --range 1.7976931348623157e308 --grid 3 --every 1024 --format $f -o "$T/curv.$f"
done
! grep -qaiw nan "$T/curv.vtk"
ok $? "no NaN in the vtk file"
exits 0 "landscape --directions pca --range 1e308" rns addition landscape --weights "$W" \
    --directions pca --checkpoints "$C" --grid 3 --range 1e308 -o "$T/pcabig.txt"
nonan "$T/pcabig.txt"
ok $? "no NaN in the PCA plane at 1e308"
# unit directions: the weights stay finite, the sigmoids saturate, every
# loss is a mean of E in [0, 8 x 1/2]
is "$(data_lines "$T/pcabig.txt" | awk '$3 >= 0 && $3 <= 4' | wc -l | tr -d ' ')" 9 \
    "every loss there is finite, in [0, 4]"

# Zero and subnormal weights: the eigensolver met 1/subnormal (NaN, "did not converge").
awk '/^#/ { print; next } { $5 = "0"; print }' "$T/w" >"$T/wzero"
awk '/^#/ { print; next } { $5 = "4.9e-324"; print }' "$T/w" >"$T/wsub"
exits 0 "hessian at zero weights: the full spectrum" rns addition hessian --weights "$T/wzero" --every 64 -o "$T/hz.txt"
is "$(data_lines "$T/hz.txt" | wc -l | tr -d ' ')" 304 "304 eigenvalues"
nonan "$T/hz.txt"
ok $? "none NaN"
exits 0 "curvature at subnormal weights" rns addition curvature --weights "$T/wsub" --grid 3 --every 1024 -o "$T/cs.txt"
is "$(data_lines "$T/cs.txt" | wc -l | tr -d ' ')" 9 "its nine points"

# hessian: a failure leaves nothing on standard output; --check that cannot compare exits 1.
fails_with 3 "rnnscape addition hessian: the dense Hessian failed: the Hessian is not finite" \
    "hessian at +-1e308: refused in one line" rns addition hessian --weights "$T/wbig" --every 64
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "and nothing on standard output (no header alone)"
fails_with 1 "rnnscape addition hessian: --check: not finite" "hessian --check at +-1e308: 'not finite', exit 1" \
    rns addition hessian --weights "$T/wbig" --every 64 --check
is "$(data_lines "$T/out")" "inf 1" "its row: error +inf, verdict 1"
fails_with 1 "rnnscape addition hessian: --check: not finite" "--check --eps 1e308: 'not finite', exit 1" \
    rns addition hessian --weights "$T/w" --every 64 --check --eps 1e308
for s in 1e308 4.9e-324; do
    fails_with 2 "rnnscape addition hessian: --sigma: " "--density --sigma $s: refused (past the double range)" \
        rns addition hessian --weights "$T/w" --every 64 --density --sigma $s -o "$T/dens.txt"
done
[ ! -e "$T/dens.txt" ]
ok $? "and no density file"
exits 0 "--density --sigma 1e-300 is computed" rns addition hessian --weights "$T/w" --every 64 --density --sigma 1e-300 -o "$T/dens.txt"
nonan "$T/dens.txt"
ok $? "without NaN"
fails_with 3 "rnnscape addition hessian: writing '/dev/full' failed: No space left on device" \
    "hessian -o /dev/full names the cause" rns addition hessian --weights "$T/w" --every 64 -o /dev/full

# Memory: every command estimates before it allocates and honours --max-memory.
for c in landscape "curvature --every 1024" "hessian --every 64" "hessian --every 64 --trace" \
    "hessian --every 64 --density" "hessian --every 64 --check" "hessian --every 64 --spectrum 2"; do
    # shellcheck disable=SC2086
    fails_with 3 "rnnscape addition ${c%% *}: the " "addition $c --max-memory 1K: refused" \
        rns addition $c --weights "$T/w" --max-memory 1K -o "$T/mem.txt"
    grep -q "needs about .* more than the 1 KiB allowed by --max-memory" "$T/err"
    ok $? "  the message names the estimate and the ceiling"
done
[ ! -e "$T/mem.txt" ]
ok $? "no output file from any refusal"
exits 0 "a ceiling above the estimate runs" rns addition landscape --weights "$T/w" --grid 3 --max-memory 64M -o "$T/mem.txt"
fails_with 3 "rnnscape addition hessian: the eigenvalue density needs about 186 GiB" \
    "--density --vectors 1000000: refused by its estimate, not killed" \
    rns addition hessian --weights "$T/w" --every 64 --density --vectors 1000000 --max-memory 8G
fails_with 3 "rnnscape addition landscape: the trajectory's PCA and losses needs about" \
    "pca: the trajectory's estimate" rns addition landscape --weights "$W" --directions pca \
    --checkpoints "$C" --grid 3 --max-memory 200K
fails_with 2 "rnnscape addition landscape: --max-memory: " "--max-memory 0 refused" \
    rns addition landscape --weights "$T/w" --max-memory 0
exits 0 "train 63 hidden units (4158 weights)" rns addition train --hidden 63 --iters 1 -q --save "$T/w63"
fails_with 2 "rnnscape addition curvature: --weights: '$T/w63' has 4158 weights, more than 4096" \
    "curvature past the dense limit: refused, not minutes per point" \
    rns addition curvature --weights "$T/w63" --grid 1

# Weights and checkpoint files.
fails_with 2 "rnnscape addition landscape: --weights: '/dev/zero' line 1: line longer than the limit" \
    "--weights /dev/zero names the limit" rns addition landscape --weights /dev/zero
fails_with 2 "rnnscape addition curvature: --weights: cannot read '$T': Is a directory" \
    "--weights FOLDER: 'Is a directory'" rns addition curvature --weights "$T"
awk '/^#/ { print; next } { $3 = "1e308"; print }' "$C" >"$T/cbig"
fails_with 2 "rnnscape addition landscape: --checkpoints: '$T/cbig': its" \
    "checkpoints with a weight of 1e308: the rank rule, in one line" \
    rns addition landscape --weights "$W" --directions pca --checkpoints "$T/cbig" --grid 3
! grep -q "second singular value 0 of 0" "$T/err"
ok $? "  with the real singular values (not '0 of 0' after an overflow)"
done_testing
