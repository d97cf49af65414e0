#!/bin/sh
# test_curvature.sh: `rnnscape curvature`: its points equal `rnnscape
# hessian` (pinned against PyTorch), the file's layout, identical bytes for
# any thread count, overflow to inf without NaN, bad usage.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "curvature on a grid through (1.2, 1.2)" rns curvature --wx 0:1.2 --wrec 1.2:2.4 --grid 3 -o "$T/c.txt"
rns hessian >"$T/h.txt"
get() { awk -v k="$1" '$1 == k { print $2; exit }' "$T/h.txt"; }
pt() { awk -v c="$1" '!/^#/ && $1 == 1.2 && $2 == 1.2 { print $c }' "$T/c.txt"; }
near "$(pt 3)" "$(get lambda_min)" 1e-13 "lambda_min at (1.2, 1.2) is hessian's (torch's -204.90295991423858)"
near "$(pt 4)" "$(get lambda_max)" 1e-13 "lambda_max at (1.2, 1.2) is hessian's"
near "$(pt 5)" "$(get ratio)" 1e-12 "ratio at (1.2, 1.2) is hessian's"
near "$(pt 6)" "$(get det)" 1e-12 "det at (1.2, 1.2) is hessian's"
near "$(pt 7)" "$(get trace)" 1e-13 "trace at (1.2, 1.2) is hessian's"
grep -q '^# columns: w_x w_rec lambda_min lambda_max ratio det trace$' "$T/c.txt"
ok $? "the header names the columns"
is "$(grep -v '^#' "$T/c.txt" | awk 'NF' | awk '{ print NF }' | sort -u)" 7 "7 columns on every line"
is "$(grep -v '^#' "$T/c.txt" | awk 'NF' | wc -l | tr -d ' ')" 9 "3 x 3 points"
is "$(grep -c '^$' "$T/c.txt")" 2 "a blank line between rows"

for f in linear tanh sigmoid relu; do
    OMP_NUM_THREADS=1 rns curvature --activation $f --grid 70,9 >"$T/1.txt"
    OMP_NUM_THREADS=2 rns curvature --activation $f --grid 70,9 >"$T/2.txt"
    cmp -s "$T/1.txt" "$T/2.txt"
    ok $? "$f: byte-identical with 1 and 2 threads"
done

exits 0 "an overflowing map (T = 600, |w_rec| up to 3)" \
    rns curvature --length 600 --samples 10 --grid 20 -o "$T/o.txt"
grep -v '^#' "$T/o.txt" | grep -qi nan
ok $((! $?)) "no NaN in it"
grep -v '^#' "$T/o.txt" | grep -q inf
ok $? "but infinities"

# the other formats hold the same numbers
rns curvature --activation tanh --s0 0.2 --grid 6,4 >"$T/t.txt"
rns curvature --activation tanh --s0 0.2 --grid 6,4 --format npy -o "$T/t.npy"
ok $? "--format npy"
is "$(head -c 128 "$T/t.npy" | tr -d '\000' | grep -o "'shape': ([0-9, ]*)")" "'shape': (4, 6, 5)" "npy: shape (NREC, NX, 5)"
is "$(wc -c <"$T/t.npy" | tr -d ' ')" $((128 + 4 * 6 * 5 * 8)) "npy: 120 float64 after the header"
rns curvature --activation tanh --s0 0.2 --grid 6,4 --format binary -o "$T/t.bin"
is "$(wc -c <"$T/t.bin" | tr -d ' ')" $((4 * 6 * 7 * 8)) "binary: 7 float64 per point"
rns curvature --activation tanh --s0 0.2 --grid 6,4 --format vtk -o "$T/t.vtk"
grep -a -q 'RECTILINEAR_GRID' "$T/t.vtk" && grep -a -q 'lambda_max' "$T/t.vtk" && grep -a -q 'trace' "$T/t.vtk"
ok $? "vtk: a rectilinear grid with named channels"
if command -v od >/dev/null; then
    got=$(od -A n -t f8 -j $((128 + 2 * 8)) -N 8 "$T/t.npy" | tr -d ' ')
    want=$(awk '!/^#/ && NF { print $5; exit }' "$T/t.txt")
    near "$got" "$want" 1e-15 "npy's first ratio equals the text file's"
fi
rns hessian --activation tanh --s0 0.2 --at -3,-3 >"$T/h2.txt"
near "$(awk '!/^#/ && NF { print $4; exit }' "$T/t.txt")" "$(awk '$1 == "lambda_max" { print $2 }' "$T/h2.txt")" 1e-12 \
    "--s0 reaches the map: lambda_max at (-3, -3) is hessian --s0 0.2's"

# the figure script draws a map (gnuplot found by configure)
if [ -n "${GNUPLOT:-}" ] && command -v "$GNUPLOT" >/dev/null 2>&1; then
    rns curvature --grid 20 -o "$T/m.dat"
    rns gradtime --scale tutorial -o "$T/g.dat"
    "$GNUPLOT" -e "datafile='$T/m.dat'; points='$T/g.dat'; outfile='$T/m.png'; width=600; height=240" \
        "$top_srcdir/plots/curvature-maps.gp" 2>"$T/gp.err"
    test -s "$T/m.png" && [ "$(head -c 4 "$T/m.png" | tail -c 3)" = PNG ] && ! grep -qi warn "$T/gp.err"
    ok $? "plots/curvature-maps.gp draws a PNG without warnings"
else
    skip 1 "no gnuplot"
fi

fails_with 2 "rnnscape curvature: --grid:" "--grid 0 is refused" rns curvature --grid 0 -o "$T/bad.txt"
test ! -e "$T/bad.txt"
ok $? "and no file is left"
fails_with 2 "rnnscape curvature: --wx:" "--wx 3:-3 is refused" rns curvature --wx 3:-3
fails_with 2 "rnnscape curvature: --format:" "an unknown --format is refused" rns curvature --format png
exits 0 "--help" rns curvature --help
done_testing
