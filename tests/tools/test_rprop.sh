#!/bin/sh
# test_rprop.sh: `rnnscape rprop` reproduces the counting tutorial's RProp
# run (SPEC section 2): final weights, the full 501-iterate trace, and an
# independent re-run of the tutorial's update rule in awk.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

# Default run: the trace and the final weights on standard output.
exits 0 "rprop with no options succeeds" rns rprop
cp "$T/out" "$T/stdout.txt"
grep -q '^# Final weights are: wx = 1.0014, wRec = 0.9997$' "$T/stdout.txt"
ok $? "without -o the final weights follow the trace as a '#' line"

# With -o the trace goes to the file and the tutorial's line to stdout.
exits 0 "rprop -o FILE succeeds" rns rprop -o "$T/trace.txt"
is "$(grep -c '^Final weights are: ' "$T/out")" 1 "stdout has the final-weights line once"
is "$(grep '^Final weights are: ' "$T/out")" "Final weights are: wx = 1.0014, wRec = 0.9997" \
    "the tutorial's printed result: wx = 1.0014, wRec = 0.9997"
test -s "$T/trace.txt"
ok $? "the trace file exists"
data_lines "$T/trace.txt" >"$T/rows"
is "$(wc -l <"$T/rows" | tr -d ' ')" 501 "the trace has 501 iterates (start included)"
is "$(awk '{ if ($1 != NR - 1) { print "bad"; exit } } END { print "seq" }' "$T/rows")" seq \
    "iterations are numbered 0 .. 500 in order"
is "$(awk '{ print NF }' "$T/rows" | sort -u)" 8 "every row has 8 columns (iter w_x w_rec loss d_wx d_wrec delta_wx delta_wrec)"
is "$(awk 'NR == 1 { print $2, $3 }' "$T/rows")" "-1.5 2" "iterate 0 is the start (-1.5, 2)"
near "$(awk 'NR == 2 { print $2 }' "$T/rows")" -1.4995 1e-15 "iterate 1 has w_x = -1.4995"
near "$(awk 'NR == 2 { print $3 }' "$T/rows")" 1.9995 1e-15 "iterate 1 has w_rec = 1.9995"
is "$(awk '$1 == 250 { print $2, $3 }' "$T/rows")" "1.0235814819704716 0.9945775207660752" \
    "iterate 250 is exactly the tutorial's NumPy value"
is "$(awk '$1 == 500 { print $2, $3 }' "$T/rows")" "1.001355547207059 0.99967447378464191" \
    "iterate 500 is exactly the tutorial's NumPy final weights"
grep -q '^final w_x 1.001355547207059 w_rec 0.99967447378464191 loss ' "$T/out"
ok $? "stdout gives the final weights in full precision"
is "$(data_lines "$T/stdout.txt" | cmp - "$T/rows" >/dev/null && echo same)" same \
    "the trace on stdout equals the trace written with -o"

# Every iterate and its loss, recomputed independently: the tutorial's rule
# depends only on gradient signs, so the iterates must agree exactly and
# the losses to 1e-12 relative.
rns data -o "$T/data.txt"
awk "$REF_LINEAR"'
function sgn(v) { return v > 0 ? 1 : (v < 0 ? -1 : 0) }
BEGIN {
    ref_load(ARGV[1]); ARGV[1] = ""
    wx = -1.5; wr = 2; dx = 0.001; dr = 0.001; px = 0; pr = 0
    for (it = 0; it <= 500; it++) {
        W[it] = sprintf("%.17g %.17g", wx, wr)
        L[it] = ref_loss(wx, wr)
        ref_grad(wx, wr)
        sx = sgn(GX); sr = sgn(GR)
        dx *= (sx == px) ? 1.2 : 0.5
        dr *= (sr == pr) ? 1.2 : 0.5
        wx -= sx * dx; wr -= sr * dr
        px = sx; pr = sr
    }
    bad_w = 0; bad_l = 0
}
{
    it = $1
    if (sprintf("%.17g %.17g", $2, $3) != W[it]) { if (!bad_w++) print "first weight mismatch at", it > "/dev/stderr" }
    d = $4 - L[it]; if (d < 0) d = -d
    if (d > 1e-12 * L[it]) { if (!bad_l++) print "first loss mismatch at", it > "/dev/stderr" }
}
END { print bad_w, bad_l }' "$T/data.txt" "$T/rows" >"$T/cmp" 2>"$T/cmperr"
is "$(cat "$T/cmp")" "0 0" "all 501 iterates match an independent awk run exactly, losses to 1e-12"
[ -s "$T/cmperr" ] && diag "$(cat "$T/cmperr")"

# The gradient column at the start is the backpropagated gradient.
awk "$REF_LINEAR"' BEGIN { ref_load(ARGV[1]); ref_grad(-1.5, 2); printf "%.17g %.17g\n", GX, GR }' \
    "$T/data.txt" >"$T/g0"
near "$(awk 'NR == 1 { print $5 }' "$T/rows")" "$(cut -d' ' -f1 "$T/g0")" 1e-12 "d_wx at the start matches backprop"
near "$(awk 'NR == 1 { print $6 }' "$T/rows")" "$(cut -d' ' -f2 "$T/g0")" 1e-12 "d_wrec at the start matches backprop"

# Reproducible, byte for byte.
cp "$T/trace.txt" "$T/trace1.txt"
rns rprop -o "$T/trace.txt" >/dev/null
cmp -s "$T/trace.txt" "$T/trace1.txt"
ok $? "a second run writes a byte-identical trace"

# Options change the run as they should.
exits 0 "--iters 10 --start 1,0.5" rns rprop --iters 10 --start 1,0.5 -o "$T/short.txt"
is "$(data_lines "$T/short.txt" | wc -l | tr -d ' ')" 11 "--iters 10 gives 11 iterates"
is "$(data_lines "$T/short.txt" | awk 'NR == 1 { print $2, $3 }')" "1 0.5" "--start sets iterate 0"
for v in rprop+ rprop- irprop+ irprop-; do
    exits 0 "--variant $v runs" rns rprop --variant "$v" -o "$T/v.txt"
    cmp_ok "$(data_lines "$T/v.txt" | tail -n 1 | awk '{ print $4 }')" '<' 1e-3 \
        "--variant $v brings the loss from 615690 below 1e-3"
    is "$(data_lines "$T/v.txt" | wc -l | tr -d ' ')" 501 "--variant $v writes 501 iterates"
done
done_testing
