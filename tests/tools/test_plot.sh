#!/bin/sh
# TAP tests for `rnnscape plot`: every kind draws a figure from data files
# written by rnnscape, in PNG, SVG and PDF, from a folder with no source
# tree; bad usage exits 2 and gnuplot missing or failing exits 3, each with
# one line and no output file left behind.
. "${top_srcdir:-.}/tests/tools/taplib.sh"

: "${RNNSCAPE_PLOTDIR:=$top_srcdir/plots}"
export RNNSCAPE_PLOTDIR

# magic FILE: the format its first bytes say (png, pdf, svg or ?).
magic() {
    head -c 8 "$1" 2>/dev/null | od -An -c | tr -d ' \n' | sed -n \
        -e 's/^211PNG.*/png/p' -e 's/^%PDF.*/pdf/p' -e 's/^<?xml.*/svg/p' -e 's/^<svg.*/svg/p' |
        grep . || echo '?'
}

# --- usage errors need no gnuplot ----------------------------------------
rns surface --wx 0:2 --wrec 0:2 --grid 20 -o "$T/s.dat"
ok $? "a small surface to draw"
fails_with 2 "rnnscape plot: missing KIND" "no kind" rns plot -o "$T/x.png"
fails_with 2 "rnnscape plot: KIND: expected surface" "an unknown kind" \
    rns plot contour "$T/s.dat" -o "$T/x.png"
fails_with 2 "rnnscape plot: -o: missing" "no -o" rns plot surface "$T/s.dat"
fails_with 2 "rnnscape plot: -o: expected a name ending in .png" "an unknown extension" \
    rns plot surface "$T/s.dat" -o "$T/x.jpg"
fails_with 2 "rnnscape plot: --format: expected" "an unknown --format" \
    rns plot surface "$T/s.dat" --format gif -o "$T/x.png"
fails_with 2 "rnnscape plot: $T/none.dat: cannot read it" "a missing data file" \
    rns plot surface "$T/none.dat" -o "$T/x.png"
fails_with 2 "rnnscape plot: gradient: expected 1 data file, got 2" "too many files" \
    rns plot gradient "$T/s.dat" "$T/s.dat" -o "$T/x.png"
fails_with 2 "rnnscape plot: traces: expected at least 2 data files, got 1" "too few files" \
    rns plot traces "$T/s.dat" -o "$T/x.png"
fails_with 2 "rnnscape plot: --points: not an option of 'plot gradient'" \
    "an option the kind does not take" \
    rns plot gradient "$T/s.dat" --points "$T/s.dat" -o "$T/x.png"
fails_with 2 "rnnscape plot: --cbmax: expected a positive number, got '-1'" "a bad --cbmax" \
    rns plot surface "$T/s.dat" --cbmax -1 -o "$T/x.png"
cp "$T/s.dat" "$T/a b.dat"
fails_with 2 "rnnscape plot: $T/a b.dat: a file in a list" "a list file name with a space" \
    rns plot surface "$T/a b.dat" -o "$T/x.png"
fails_with 3 "rnnscape plot: gnuplot not found ('$T/no-gnuplot'" "gnuplot missing: exit 3" \
    env GNUPLOT="$T/no-gnuplot" "$RNNSCAPE" plot surface "$T/s.dat" -o "$T/x.png"
fails_with 3 "rnnscape plot: $T/noplots/loss-surface.gp: cannot read it" "no scripts: exit 3" \
    env RNNSCAPE_PLOTDIR="$T/noplots" "$RNNSCAPE" plot surface "$T/s.dat" -o "$T/x.png"
test ! -e "$T/x.png" && test -z "$(ls "$T" | grep -v -e '\.dat$' -e '^out$' -e '^err$')"
ok $? "no output and no temporary file after the failures"

gnuplot=${GNUPLOT:-$(command -v gnuplot || true)}
if [ -z "$gnuplot" ] || ! "$gnuplot" -e 'set terminal pngcairo' >/dev/null 2>&1; then
    skip 36 "gnuplot with the cairo terminals not found"
    done_testing
    exit 0
fi
GNUPLOT=$gnuplot
export GNUPLOT

# --- every kind, from data files, in an empty folder ---------------------
mkdir "$T/empty" && cd "$T/empty" || bail_out "cannot make a folder"
rns surface --wx -3:3 --wrec -3:3 --grid 30 -o wide.dat &&
    rns surface --wx -0.1:2.1 --wrec -0.1:2.1 --grid 30 -o zoom.dat &&
    rns gradtime --scale tutorial -o grad.dat &&
    rns rprop -o t1.dat >/dev/null &&
    rns rprop --variant irprop- -o t2.dat >/dev/null
ok $? "data for the linear figures"

draws() { # draws KIND FORMAT ARGS...: one test
    kind=$1 fmt=$2
    shift 2
    rm -f "fig.$fmt"
    rns plot "$kind" "$@" -o "fig.$fmt" >"$T/out" 2>"$T/err"
    rc=$?
    got=$(magic "fig.$fmt")
    if [ "$rc" -eq 0 ] && [ "$got" = "$fmt" ] && [ -s "fig.$fmt" ]; then
        ok 0 "plot $kind draws a $fmt"
    else
        ok 1 "plot $kind draws a $fmt"
        diag "exit $rc, file says '$got'" "$(head -n 5 "$T/err")"
    fi
}

draws surface png wide.dat zoom.dat --points grad.dat
draws surface png wide.dat --over background --scale data
fails_with 2 "rnnscape plot: --over: expected" "a bad --over" \
    rns plot surface wide.dat --over none -o fig.png
fails_with 2 "rnnscape plot: --over: not an option of 'plot surface3d'" "--over is not surface3d's" \
    rns plot surface3d wide.dat --over top -o fig.png
draws surface svg zoom.dat --trace t1.dat --title "a zoom"
draws surface pdf wide.dat --cbmin 1 --cbmax 1e300
draws gradient png grad.dat
draws gradient pdf grad.dat
draws traces png wide.dat t1.dat t2.dat --titles "tutorial iRprop−"
draws loss svg t1.dat t2.dat --titles "tutorial iRprop−"
draws surface3d png zoom.dat --trace t2.dat --width 400 --height 300
draws zoo png wide.dat t1.dat t2.dat --titles "tutorial iRprop−"
draws pascanu png zoom.dat t1.dat t2.dat --titles "a b" --cbmax 1e6
fails_with 2 "rnnscape plot: --plus: not an option of 'plot pascanu'" "--plus is not pascanu's" \
    rns plot pascanu zoom.dat t1.dat --plus 0 -o fig.png

rns plot gradient grad.dat --format svg -o fig.out
ok $? "--format wins over the extension"
is "$(magic fig.out)" svg "the file is an SVG"

rns addition train --rng numpy --seed 0 --iters 600 --every 200 -q -o add >/dev/null &&
    rns addition landscape --weights add/addition-weights.dat --grid 9 --seed 0 \
        -o add/random.dat &&
    rns addition landscape --weights add/addition-weights.dat --grid 9 --directions pca \
        --checkpoints add/addition-checkpoints.dat -o add/pca.dat --trajectory add/traj.dat
ok $? "data for the addition figures"
draws addition-learning png add/addition-curve.dat add/addition-eval.dat
draws addition-gradflow png add/addition-gradflow.dat
draws addition-landscape png add/random.dat add/pca.dat add/traj.dat
draws addition-landscape3d png add/pca.dat add/traj.dat

rns curvature --wx -3:3 --wrec -3:3 --grid 21 -o curv.dat &&
    rns addition hessian --weights add/addition-weights.dat -o add/spec.dat &&
    rns addition hessian --weights add/addition-weights.dat --density --every 64 \
        -o add/dens.dat &&
    rns addition curvature --weights add/addition-weights.dat --grid 3 --every 256 \
        -o add/plane.dat
ok $? "data for the curvature figures"
draws curvature png curv.dat --points grad.dat --trace t1.dat
draws spectrum svg add/spec.dat --densities add/dens.dat --titles trained
draws addition-curvature pdf add/plane.dat
fails_with 2 "rnnscape plot: --densities: expected 2 files, one per spectrum, got 1" \
    "--densities must match the spectra" \
    rns plot spectrum add/spec.dat add/spec.dat --densities add/dens.dat -o fig.png
fails_with 2 "rnnscape plot: --densities: not an option of 'plot curvature'" \
    "--densities is only the spectrum's" \
    rns plot curvature curv.dat --densities add/dens.dat -o fig.png

# --- gnuplot failing: exit 3, no figure ---------------------------------
printf 'not a data file\n' >bad.dat
rns plot gradient bad.dat -o bad.png >"$T/out" 2>"$T/err"
is "$?" 3 "gnuplot failing on the data exits 3"
tail -n 1 "$T/err" | grep -q "^rnnscape plot: gnuplot failed"
ok $? "and says gnuplot failed"
test ! -e bad.png && test -z "$(ls | grep -e '^bad\.png.')"
ok $? "and leaves no figure and no temporary file"

# An existing figure is replaced whole or not at all.
printf 'old\n' >keep.png
rns plot gradient bad.dat -o keep.png 2>/dev/null
is "$(cat keep.png)" old "a failed plot leaves the old file"

cd / || exit 1
done_testing
