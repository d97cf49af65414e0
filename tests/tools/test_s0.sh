#!/bin/sh
# test_s0.sh: --s0, the initial state of the two-weight model, in every
# command that takes it: against an independent evaluation (awk), against
# finite differences (gradcheck), and in the setting of Pascanu, Mikolov &
# Bengio (2013), Figure 6 (values pinned from PyTorch by
# tests/pinned/pascanu_fig6.py).
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

# predict: s_k = s_(k-1)*w_rec + x_k*w_x from s_0 = 8, w = (1, 0.5), 1 1 1:
# 8*0.5 + 1 = 5, 3.5, 2.75.
exits 0 "predict --s0 8" rns predict --weights 1,0.5 --s0 8 1 1 1
is "$(awk '$1 == "target" { print $4 }' "$T/out")" 2.75 "predict starts from s_0 = 8 (2.75)"
exits 0 "predict --s0 0 is the default" rns predict --weights 1,0.5 --s0 0 1 1 1
is "$(awk '$1 == "target" { print $4 }' "$T/out")" 1.75 "--s0 0 gives the tutorial's 1.75"

# surface on the tutorial's data from s_0 = 0.5: both methods against awk.
rns data -o "$T/tut.dat" || bail_out "data failed"
awk_loss() { # awk_loss WX WREC S0 < data: the loss by the forward pass
    awk -v wx="$1" -v wr="$2" -v s0="$3" '!/^#/ && NF {
        s = s0; for (k = 1; k < NF; k++) s = s * wr + $k * wx
        e = $NF - s; sum += e * e; m++ } END { printf "%.17g", sum / m }'
}
for m in exact brute; do
    exits 0 "surface --s0 0.5 --method $m" \
        rns surface --s0 0.5 --method $m --wx 0.5:1.5 --wrec 0.5:1.5 --grid 3 -o "$T/s_$m.txt"
done
bad=0
for p in "0.5 0.5" "1 1" "1.5 1.5" "0.5 1.5" "1.5 1"; do
    set -- $p
    want=$(awk_loss "$1" "$2" 0.5 < "$T/tut.dat")
    for m in exact brute; do
        got=$(awk -v a="$1" -v b="$2" '$1 == a && $2 == b { print $3 }' "$T/s_$m.txt")
        awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; if (d < 0) d = -d;
            exit !(d <= 1e-12 * (w < 0 ? -w : w)) }' || { bad=$((bad + 1)); diag "$m at $p: $got, awk $want"; }
    done
done
is "$bad" 0 "the exact and brute-force surfaces from s_0 = 0.5 equal awk's forward pass to 1e-12"
grep -q '^# model: s_0 = 0.5, ' "$T/s_exact.txt"
ok $? "the surface's header names s_0 = 0.5"
rns surface --grid 3 -o "$T/d.txt" && grep -q '^# model: s_0 = 0, ' "$T/d.txt"
ok $? "and s_0 = 0 by default"
exits 0 "surface at (1, 1) from s_0 = 0" rns surface --wx 1:2 --wrec 1:2 --grid 1
is "$(awk '!/^#/ { print $3 }' "$T/out")" 0 "(from s_0 = 0 the loss at (1, 1) is 0)"
cmp_ok "$(awk '$1 == 1 && $2 == 1 { print $3 }' "$T/s_exact.txt")" ">" 0 "(from s_0 = 0.5 it is not)"

# Brute force from s_0 = -0.8 for tanh and sigmoid against awk's forward pass.
for f in tanh sigmoid; do
    rns surface --s0 -0.8 --activation $f --wx -1:1 --wrec -1:1 --grid 3 -o "$T/n.txt" || echo fail
    awk -v f=$f 'function act(z) { if (f == "tanh") return (1 - exp(-2 * z)) / (1 + exp(-2 * z));
                                   return 1 / (1 + exp(-z)) }
        FNR == NR { if (!/^#/ && NF) { n++; for (k = 1; k <= NF; k++) d[n, k] = $k; nf = NF }; next }
        !/^#/ && NF { sum = 0
            for (i = 1; i <= n; i++) { s = -0.8; for (k = 1; k < nf; k++) s = act(s * $2 + d[i, k] * $1)
                e = d[i, nf] - s; sum += e * e }
            want = sum / n; dd = $3 - want; if (dd < 0) dd = -dd
            if (dd > 1e-12 * want) print "at", $1, $2, $3, "awk", want }' "$T/tut.dat" "$T/n.txt"
done > "$T/nl.out"
is "$(cat "$T/nl.out")" "" "tanh and sigmoid surfaces from s_0 = -0.8 equal awk's forward pass to 1e-12"

# gradcheck and gradtime: the gradient from s_0 != 0 passes central differences.
for f in linear tanh sigmoid relu; do
    exits 0 "gradcheck --s0 0.7 --activation $f passes" rns gradcheck --s0 0.7 --activation $f --at 0.8,0.9
done
exits 0 "gradcheck sweep --s0 -1.5 passes" rns gradcheck --s0 -1.5 --wx -2:2 --wrec -1.2:1.2 --grid 7
exits 0 "gradtime --s0 0.5" rns gradtime --s0 0.5 --point 1,1 -o "$T/gt.txt"
grep -q '^# model: s_0 = 0.5, ' "$T/gt.txt"
ok $? "gradtime's header names s_0"
# Linear, w = (1, 1): dxi/dS_T = (2/M) sum (y - t) = (2/M) * M * s0 = 2*s0 = 1; all steps alike.
is "$(awk '!/^#/ && NF { d = $5 - 1; if (d < 0) d = -d; if (d > 1e-14) print $0 }' "$T/gt.txt")" "" \
    "gradtime from s_0 = 0.5 at (1, 1): every dxi/dS_k is 2*s_0 = 1"

# Pascanu et al. (2013), Fig. 6: sigmoid, s_0 = sigmoid(0.5), fifty ones, target 0.7.
awk 'BEGIN { for (k = 0; k < 50; k++) printf "1 "; print "0.7" }' > "$T/fig6.dat"
S0=0.62245933120185459
pinned="-2.5 5 0.024088868813358238 0.10092501763686783 0.086311669477128233
-3 6 0.052569235088877508 0.049755083981003576 0.046236395402366064
-2 4.5 0.029986498588944956 0.076460029460750534 0.066762305818376111"
echo "$pinned" | while read -r wx wr loss gx gr; do
    rns surface --data "$T/fig6.dat" --activation sigmoid --s0 $S0 --wx $wx:100 --wrec $wr:100 \
        --grid 1 -o "$T/f.txt" || echo "surface failed"
    awk -v w="$loss" '!/^#/ && NF { d = $3 - w; if (d < 0) d = -d; if (d > 1e-13 * w) print "loss", $3, "want", w }' "$T/f.txt"
    rns gradcheck --data "$T/fig6.dat" --activation sigmoid --s0 $S0 --at $wx,$wr > "$T/g.txt" || echo "gradcheck failed"
    awk -v gx="$gx" -v gr="$gr" 'function bad(a, b) { d = a - b; if (d < 0) d = -d; return d > 1e-12 * (b < 0 ? -b : b) }
        $1 == "w_x" && bad($2, gx) { print "d_wx", $2, "want", gx }
        $1 == "w_rec" && bad($2, gr) { print "d_wrec", $2, "want", gr }' "$T/g.txt"
done > "$T/fig6.out" 2>&1
is "$(cat "$T/fig6.out")" "" "Pascanu Fig. 6 setting: loss and backprop gradient equal PyTorch's at three points"
done_testing
