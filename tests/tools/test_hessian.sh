#!/bin/sh
# test_hessian.sh: `rnnscape hessian`: PyTorch's Hessian at (1.2, 1.2)
# (tests/pinned/torch_hessian.py), the self-check passing for every
# activation at the tutorial's six points, overflow, and bad usage.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "hessian (default --at 1.2,1.2) passes its check (exit 0)" rns hessian
cp "$T/out" "$T/h.txt"
row() { awk -v k="$1" -v n="$2" -v c="$3" '$1 == k { if (++seen == n) print $c }' "$T/h.txt"; }
near "$(row hessian 1 2)" 343.9395523523483 1e-10 "h_xx is torch's 343.9395523523483"
near "$(row hessian 1 3)" 3302.1000181106538 1e-10 "h_xr is torch's 3302.1000181106538"
near "$(row hessian 2 2)" 3302.1000181106538 1e-10 "h_rx equals h_xr"
near "$(row hessian 2 3)" 19662.115876830128 1e-10 "h_rr is torch's 19662.115876830128"
near "$(row lambda_min 1 2)" -204.90295991423858 1e-10 "lambda_min is torch's eigvalsh"
near "$(row lambda_max 1 2)" 20210.958389096715 1e-10 "lambda_max is torch's eigvalsh"
near "$(row condition 1 2)" "$(awk 'BEGIN { printf "%.17g", 20210.958389096715 / 204.90295991423858 }')" 1e-9 \
    "the condition number is |lambda_max|/|lambda_min|"
near "$(row gradient 1 2)" 274.59542913321798 1e-12 "the gradient is printed (BPTT's dxi/dw_x)"
is "$(awk '$1 ~ /^h_(xx|xr|rx|rr)$/ { printf "%s ", $6 }' "$T/h.txt")" "pass pass pass pass " \
    "all four entries pass the difference check"
grep -q 'No Hessian errors found' "$T/h.txt"
ok $? "says 'No Hessian errors found'"
# v_max is a unit eigenvector: H v = lambda_max v
awk '$1 == "hessian" { h[++n, 1] = $2; h[n, 2] = $3 } $1 == "lambda_max" { l = $2; v1 = $4; v2 = $5 }
    END { r1 = h[1,1]*v1 + h[1,2]*v2 - l*v1; r2 = h[2,1]*v1 + h[2,2]*v2 - l*v2
          exit !((r1 < 0 ? -r1 : r1) + (r2 < 0 ? -r2 : r2) < 1e-9 * l && (v1*v1 + v2*v2 - 1)^2 < 1e-28) }' "$T/h.txt"
ok $? "H v_max = lambda_max v_max, |v_max| = 1"

rns hessian --activation tanh --s0 0.3 --at 1,2 >"$T/s0.txt"
near "$(awk '$1 == "hessian" { print $2; exit }' "$T/s0.txt")" 0.14011570226271639 1e-12 \
    "tanh, --s0 0.3, (1, 2): h_xx is torch's 0.14011570226271639"
near "$(awk '$1 == "hessian" { h = $3 } END { print h }' "$T/s0.txt")" 0.53837207154295363 1e-12 \
    "and h_rr is torch's 0.53837207154295363"
grep -q 's_0 = 0.29999999999999999' "$T/s0.txt"
ok $? "the report names s_0"

for f in linear tanh sigmoid relu; do
    all=0
    for p in 2,1 1,2 1,-2 1,0 1,0.5 1,-0.5; do
        # relu at w_rec = 0: z = s*w_rec + x*w_x changes sign with w_rec, so
        # the gradient has a kink there and no difference can match
        [ $f = relu ] && [ $p = 1,0 ] && continue
        rns hessian --activation $f --at $p >"$T/o" 2>&1 || all=1
    done
    ok $all "$f: the check passes at the tutorial's six points"
done
exits 1 "relu at (1, 0), on a kink of the gradient: the check fails (exit 1)" \
    rns hessian --activation relu --at 1,0
grep -q 'Hessian check FAILED' "$T/out"
ok $? "and says 'Hessian check FAILED'"

exits 1 "overflow (w_rec = 3, T = 400): exit 1, cannot be checked" \
    rns hessian --at 1,3 --length 400 --samples 30
grep -q 'not finite' "$T/out" && ! grep -qi 'nan  *nan.*pass' "$T/out" && grep -q '^hessian *inf inf' "$T/out"
ok $? "overflow: entries are inf, verdict 'not finite'"
for at in "--at 1,1e40" "--at 1e308,1e308" "--at 1,1 --s0 1e200"; do
    # shellcheck disable=SC2086
    rns hessian $at >"$T/out" 2>&1
    rc=$?
    ok "$([ "$rc" -eq 1 ] && grep -q 'not finite' "$T/out" && ! grep -qiw -e nan -e -nan "$T/out"; echo $?)" \
        "hessian $at: exit 1 (got $rc), 'not finite', no NaN printed"
done
exits 0 "-o writes the report to a file" rns hessian -o "$T/file.txt"
cmp -s "$T/file.txt" "$T/h.txt"
ok $? "the file holds what standard output shows"
fails_with 2 "rnnscape hessian: --at:" "--at 1 is refused" rns hessian --at 1
fails_with 2 "rnnscape hessian: --eps:" "--eps 0 is refused" rns hessian --eps 0
fails_with 2 "rnnscape hessian:" "a stray argument is refused" rns hessian 3
exits 0 "--help" rns hessian --help
done_testing
