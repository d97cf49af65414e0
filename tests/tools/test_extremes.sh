#!/bin/sh
# test_extremes.sh: numbers at the edges of the double range never give
# NaN or a wrong value (issue 12, item 1): grid coordinates for ranges
# wider than the largest double, overflow carried as a signed inf, the
# undefined forms (inf - inf, 0*inf) resolved by one rule (the loss and a
# gradient component +inf, gradcheck's verdict "not finite"), and the exact
# surface method equal to brute force wherever brute force is finite.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

no_nan() { # no_nan FILE DESC: no nan (any sign or case) in FILE
    ! grep -qi 'nan' "$1"
    ok $? "$2"
}

# Ranges wider than the largest double: exact, finite coordinates.
exits 0 "surface over -1e308:1e308" rns surface --grid 3 --wx -1e308:1e308 --wrec -1e308:1e308
no_nan "$T/out" "its output has no NaN"
is "$(awk '!/^#/ && NF { print $1 }' "$T/out" | sort -g -u | tr '\n' ' ')" "-1e+308 0 1e+308 " \
    "the coordinates are -1e308, 0, 1e308 (lo*(1-t) + hi*t, ends exact)"
exits 0 "surface over the whole double range" rns surface --grid 5 --wx -1.7976931348623157e308:1.7976931348623157e308 --wrec 0:0.5
no_nan "$T/out" "no NaN with the ends at +-DBL_MAX"
is "$(awk '!/^#/ && NF { print $1 }' "$T/out" | sort -g -u | sed -n '1p;$p' | tr '\n' ' ')" \
    "-1.7976931348623157e+308 1.7976931348623157e+308 " "and both ends are exact"
exits 0 "surface --format npy over -1e308:1e308" rns surface --grid 3 --wx -1e308:1e308 --wrec -1e308:1e308 --format npy -o "$T/s.npy"
exits 0 "surface --activation tanh over -1e308:1e308" rns surface --grid 3 --wx -1e308:1e308 --wrec -1e308:1e308 --activation tanh
no_nan "$T/out" "tanh over it: no NaN, no refusal"
exits 0 "gradcheck sweep over -1e308:1e308" rns gradcheck --wx -1e308:1e308 --grid 3 -o "$T/g.txt"
no_nan "$T/g.txt" "the sweep's file has no NaN"
no_nan "$T/out" "nor its summary"

# Overflow in gradients: +-inf or "not finite", never NaN.
exits 0 "gradtime at an exploding point" rns gradtime --point 10,-10 --length 400 -o "$T/gt.txt"
no_nan "$T/gt.txt" "gradtime --point 10,-10 --length 400: no NaN"
exits 0 "gradcheck sweep over exploding rows" rns gradcheck --wrec -10:10 --length 400 --grid 5 -o "$T/g2.txt"
no_nan "$T/g2.txt" "gradcheck sweep with --length 400: no NaN columns"
exits 1 "gradcheck --at 1,1e40 exits 1" rns gradcheck --at 1,1e40
no_nan "$T/out" "gradcheck --at 1,1e40 prints no NaN"
grep -q 'not finite' "$T/out" && ! grep -q ' 0  not finite' "$T/out"
ok $? "says 'not finite' and no relative error of 0"

# predict and data at +-1e308.
exits 0 "predict --weights 1e308,1 -- 10 -10" rns predict --weights 1e308,1 -- 10 -10
no_nan "$T/out" "predict prints no NaN (inf - inf is +inf)"
is "$(awk '$1 == "target" { print $4 }' "$T/out")" inf "the undefined output is +inf"
exits 0 "predict --weights 1e308,1 1 1" rns predict --weights 1e308,1 1 1
is "$(awk '$1 == "target" { print $4 }' "$T/out")" inf "an output that overflows upwards is +inf"
exits 0 "predict --weights -1e308,1 1 1" rns predict --weights -1e308,1 1 1
is "$(awk '$1 == "target" { print $4 }' "$T/out")" -inf "and downwards -inf"
printf '1e308 -1e308 5\n-1e308 1e308 -5\n1 0 1e308\n' > "$T/big.dat"
for f in linear tanh sigmoid relu; do
    rns surface --data "$T/big.dat" --activation $f --grid 7 --wrec -2:2 > "$T/b_$f.txt" 2>&1
    ok $? "surface on data with +-1e308 ($f) succeeds"
    no_nan "$T/b_$f.txt" "and has no NaN ($f)"
    rns gradcheck --data "$T/big.dat" --activation $f --grid 4 -o "$T/bg_$f.txt" > "$T/bgo_$f.txt" 2>&1
    test $? -le 1
    ok $? "gradcheck sweep on it runs ($f)"
    no_nan "$T/bg_$f.txt" "and writes no NaN ($f)"
done

# The exact method equals brute force wherever brute force is finite, at the
# extremes of the double range (powers of two: the true loss is exactly 0).
printf '1 0 0 8.452712498170644e+270\n' > "$T/ext.dat"
for m in exact brute; do
    rns surface --data "$T/ext.dat" --grid 1 --wx 4.909093465297727e-91:1 \
        --wrec 4.149515568880993e+180:8.299031137761986e+180 --method $m > "$T/x_$m.txt"
done
is "$(awk '!/^#/ && NF { print $3 }' "$T/x_exact.txt")" 0 "exact at the issue's extreme point: the true loss 0"
is "$(awk '!/^#/ && NF { print $3 }' "$T/x_brute.txt")" 0 "brute force there: 0"
compare_methods() { # compare_methods DESC ARGS...: exact vs brute over a grid
    desc=$1; shift
    rns surface "$@" --method exact > "$T/ce.txt" && rns surface "$@" --method brute > "$T/cb.txt" ||
        { ok 1 "$desc (a run failed)"; return; }
    bad=$(paste "$T/ce.txt" "$T/cb.txt" | awk '!/^#/ && NF {
        a = $3; b = $6
        if (b == "inf") { if (a != "inf") n++; next }
        if (a == "inf" || a ~ /nan/) { n++; next }
        d = a - b; if (d < 0) d = -d; s = (a < 0 ? -a : a); if (b > s) s = b
        if (d > 1e-12 * s) n++ } END { print n + 0 }')
    is "$bad" 0 "$desc"
}
printf '1 0 0 8.452712498170644e+270\n0 1 0 3e200\n1 1 1 -1e250\n' > "$T/ext3.dat"
compare_methods "exact = brute over 1e170:1e190 (P overflows, the loss does not)" \
    --data "$T/ext3.dat" --grid 9 --wx -1e-80:1e-80 --wrec 1e170:1e190
compare_methods "exact = brute where P underflows (w_rec 1e-200, w_x huge)" \
    --data "$T/ext3.dat" --grid 9 --wx -1e300:1e300 --wrec -1e-200:1e-200
compare_methods "exact = brute with --s0 1e300 and w_rec near 1" \
    --data "$T/ext3.dat" --s0 1e300 --grid 9 --wx -1e100:1e100 --wrec 0.9:1.1
compare_methods "exact = brute with --s0 at long sequences" \
    --s0 -3 --length 300 --samples 4 --grid 9 --wrec -1.5:1.5
done_testing
