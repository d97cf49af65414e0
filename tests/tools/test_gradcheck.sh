#!/bin/sh
# test_gradcheck.sh: `rnnscape gradcheck` at the tutorial's point and as a
# sweep; the printed gradients are checked against an independent awk
# backpropagation and central differences.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "gradcheck --at 1.2,1.2 passes (exit 0)" rns gradcheck --at 1.2,1.2
cp "$T/out" "$T/at.txt"
row() { awk -v p="$1" -v c="$2" '$1 == p { print $c }' "$T/at.txt"; }
is "$(row w_x 2)" 274.59542913321798 "backprop dxi/dw_x is 274.59542913321798"
is "$(row w_rec 2)" 1593.2428444791924 "backprop dxi/dw_rec is 1593.2428444791924"
near "$(row w_x 3)" 274.59542913321798 1e-8 "the numerical dxi/dw_x is printed and close"
near "$(row w_rec 3)" 1593.2428444791924 1e-8 "the numerical dxi/dw_rec is printed and close"
is "$(row w_x 6) $(row w_rec 6)" "pass pass" "both parameters pass"
# The error columns are what they say: |num - bp| and |num - bp|/|bp|.
for p in w_x w_rec; do
    e=$(awk -v p=$p '$1 == p { d = $3 - $2; if (d < 0) d = -d; print d }' "$T/at.txt")
    near "$(row $p 4)" "$e" 0.02 "the absolute error of $p is |num - bp|"
    near "$(row $p 5)" "$(awk -v e="$e" -v b="$(row $p 2)" 'BEGIN { print e / b }')" 0.02 \
        "the relative error of $p is |num - bp|/|bp|"
done
grep -q 'No gradient errors found' "$T/at.txt"
ok $? "says 'No gradient errors found' as the tutorial does"
grep -q 'loss 110.2280372661' "$T/at.txt"
ok $? "prints the loss at (1.2, 1.2)"

# Independent numbers from awk.
rns data -o "$T/data.txt"
awk "$REF_LINEAR"' BEGIN { ref_load(ARGV[1]); ref_grad(1.2, 1.2)
    e = 1e-7
    printf "%.17g %.17g %.17g %.17g\n", GX, GR,
        (ref_loss(1.2 + e, 1.2) - ref_loss(1.2 - e, 1.2)) / (2 * e),
        (ref_loss(1.2, 1.2 + e) - ref_loss(1.2, 1.2 - e)) / (2 * e) }' "$T/data.txt" >"$T/ref"
set -- $(cat "$T/ref")
near "$(row w_x 2)" "$1" 1e-12 "backprop dxi/dw_x matches awk to 1e-12"
near "$(row w_rec 2)" "$2" 1e-12 "backprop dxi/dw_rec matches awk to 1e-12"
near "$(row w_x 3)" "$3" 1e-6 "numerical dxi/dw_x matches awk central differences"
near "$(row w_rec 3)" "$4" 1e-6 "numerical dxi/dw_rec matches awk central differences"

# The default point is the tutorial's.
exits 0 "gradcheck with no options passes" rns gradcheck
is "$(awk '$1 == "w_x" { print $2 }' "$T/out")" 274.59542913321798 "the default point is (1.2, 1.2)"

# A tolerance nobody can meet makes the check fail with exit 1.
exits 1 "gradcheck --rtol 1e-15 --atol 0 fails with exit 1" rns gradcheck --rtol 1e-15 --atol 0
grep -q 'FAIL' "$T/out"
ok $? "and reports the failure"

# Sweep mode.
exits 0 "sweep --wx -3:3 --wrec -3:3 --grid 20 passes" rns gradcheck --wx -3:3 --wrec -3:3 --grid 20
cp "$T/out" "$T/sweep.txt"
grep -q 'over 400 points: 400 pass, 0 fail, 0 not finite' "$T/sweep.txt"
ok $? "the sweep checks 400 points, all pass"
grep -q '^worst case at (w_x, w_rec) = (' "$T/sweep.txt"
ok $? "the sweep reports a worst case"
exits 0 "sweep with -o writes every point" rns gradcheck --wx -3:3 --wrec -3:3 --grid 20 -o "$T/sw.txt"
is "$(data_lines "$T/sw.txt" | wc -l | tr -d ' ')" 400 "the sweep file has 400 points"
is "$(data_lines "$T/sw.txt" | awk '{ print NF }' | sort -u)" 8 "8 columns per point"
is "$(data_lines "$T/sw.txt" | awk '{ print $8 }' | sort -u)" 0 "every verdict is 0 (pass)"
# The worst case named on stdout is a point of the grid, with the sweep's numbers.
wpt=$(sed -n 's/^worst case at (w_x, w_rec) = (\([^,]*\), \([^)]*\)).*/\1 \2/p' "$T/sweep.txt")
is "$(data_lines "$T/sw.txt" | awk -v p="$wpt" '($1 " " $2) == p { n++ } END { print n + 0 }')" 1 \
    "the worst-case point is one of the grid's points"
# Every backprop value in the sweep agrees with awk to 1e-12 (or 1e-12 of the gradient scale).
bad=$(data_lines "$T/sw.txt" | awk -v DATA="$T/data.txt" "$REF_LINEAR"'
    BEGIN { ref_load(DATA) }
    { ref_grad($1, $2)
      if (!close_enough($4, GX) || !close_enough($6, GR)) bad++ }
    function close_enough(a, b,    d, s) { d = a - b; if (d < 0) d = -d
        s = (a < 0 ? -a : a) + 1e-9; return d <= 1e-11 * s }
    END { print bad + 0 }')
is "$bad" 0 "all 400 backprop gradients agree with awk"
# Where the loss overflows the verdict is "not finite", never pass or fail.
exits 1 "gradcheck at an exploding point (1, 1e40) exits 1" rns gradcheck --at 1,1e40
grep -q 'not finite' "$T/out" && grep -q 'cannot be checked' "$T/out"
ok $? "and says the gradient is not finite there"
! grep -q -- '-nan' "$T/out"
ok $? "NaN is printed without a sign"
exits 0 "a sweep over exploding rows (T = 1000) passes what it can check" \
    rns gradcheck --samples 5 --length 1000 --wx -1:1 --wrec -3:3 --grid 9
grep -q 'over 81 points: 27 pass, 0 fail, 54 not finite' "$T/out"
ok $? "and counts the 54 overflowing points as not finite"
done_testing
