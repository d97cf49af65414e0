#!/bin/sh
# test_predict.sh: `rnnscape predict` gives the tutorial's test-sequence
# result, and its full-precision output is the model's (checked by hand
# arithmetic: y = sum_k x_k * w_x * w_rec^(T-k)).
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "predict with the tutorial's final weights succeeds" \
    rns predict --weights 1.0014,0.9997 0 1 1 0 0 0 0 1 0 0 1 1
is "$(sed -n 1p "$T/out")" "Target output: 5 vs Model output: 5.00" "target 5, output 5.00 (the tutorial's line)"
got=$(awk '$1 == "target" { print $2, $4 }' "$T/out")
is "${got% *}" 5 "the full-precision line gives target 5"
ref=$(awk 'BEGIN {
    n = split("0 1 1 0 0 0 0 1 0 0 1 1", x); s = 0
    for (k = 1; k <= n; k++) s = s * 0.9997 + x[k] * 1.0014
    printf "%.17g", s }')
near "${got#* }" "$ref" 1e-14 "the output is the linear model's state S_T ($ref)"

exits 0 "predict with the exact final weights" \
    rns predict --weights 1.001355547207059,0.99967447378464191 0 1 1 0 0 0 0 1 0 0 1 1
is "$(sed -n 1p "$T/out")" "Target output: 5 vs Model output: 5.00" "exact final weights also give 5.00"

# Weights (2, 1) double the count; (1, 0) keep only the last input.
exits 0 "predict --weights 2,1" rns predict --weights 2,1 1 1 1
near "$(awk '$1 == "target" { print $4 }' "$T/out")" 6 1e-15 "w = (2, 1) on 1 1 1 gives 6"
is "$(awk '$1 == "target" { print $2 }' "$T/out")" 3 "the target of 1 1 1 is 3"
exits 0 "predict --weights 1,0" rns predict --weights 1,0 1 1 0
near "$(awk '$1 == "target" { print $4 }' "$T/out")" 0 0 "w = (1, 0) on 1 1 0 gives 0 (only the last input counts)"
exits 0 "predict --weights 1,0.5" rns predict --weights 1,0.5 1 0 0
near "$(awk '$1 == "target" { print $4 }' "$T/out")" 0.25 1e-15 "w = (1, 0.5) on 1 0 0 gives 0.25"

fails_with 2 "rnnscape predict: " "no --weights: one line, exit 2" rns predict 0 1
fails_with 2 "rnnscape predict: " "no sequence: one line, exit 2" rns predict --weights 1,1
fails_with 2 "rnnscape predict: " "a non-numeric input: one line, exit 2" rns predict --weights 1,1 0 x 1
fails_with 2 "rnnscape predict: " "--weights 1e,1: one line, exit 2" rns predict --weights 1e,1 0 1
done_testing
