#!/bin/sh
# test_addition_hessian.sh: `rnnscape addition hessian` at seed 000's
# trained weights on a subset of the sums: the spectrum's sum is the trace,
# Lanczos agrees with the dense spectrum, Hutchinson is near the exact
# trace, the density integrates to 1; bad usage.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

rns addition train --rng numpy --seed 0 -q --save "$T/w.dat" >/dev/null
ok $? "seed 000's weights"
exits 0 "--spectrum full on every 128th sum" rns addition hessian --weights "$T/w.dat" --every 128 -o "$T/full.dat"
is "$(grep -vc '^#' "$T/full.dat")" 304 "304 eigenvalues"
awk '!/^#/ { if (n++ && $2 < prev) bad = 1; prev = $2 } END { exit bad }' "$T/full.dat"
ok $? "ascending"
tr=$(sed -n 's/.*trace \([^ ]*\)$/\1/p' "$T/full.dat")
near "$(awk '!/^#/ { s += $2 } END { printf "%.17g", s }' "$T/full.dat")" "$tr" 1e-12 "they sum to the reported trace"
exits 0 "--trace" rns addition hessian --weights "$T/w.dat" --every 128 --trace --vectors 50 -o "$T/tr.dat"
set -- $(grep -v '^#' "$T/tr.dat")
near "$1" "$tr" 1e-12 "the exact trace equals the spectrum's sum"
awk -v e="$1" -v h="$2" -v s="$3" 'BEGIN { d = h - e; if (d < 0) d = -d; exit !(s > 0 && d < 4 * s) }'
ok $? "Hutchinson ($2 +- $3) is within 4 standard errors of it"
exits 0 "--spectrum 2 (Lanczos)" rns addition hessian --weights "$T/w.dat" --every 128 --spectrum 2 --steps 120 -o "$T/lz.dat"
near "$(awk '!/^#/ && $1 == 1 { print $3 }' "$T/lz.dat")" "$(grep -v '^#' "$T/full.dat" | tail -1 | awk '{ print $2 }')" 1e-9 \
    "the largest Ritz value is the dense lambda_max"
near "$(awk '!/^#/ && $1 == 1 { print $2 }' "$T/lz.dat")" "$(grep -v '^#' "$T/full.dat" | head -1 | awk '{ print $2 }')" 1e-6 \
    "the smallest is the dense lambda_min"
exits 0 "--density" rns addition hessian --weights "$T/w.dat" --every 128 --density --vectors 4 --steps 30 -o "$T/d.dat"
awk '!/^#/ { if (n++) { s1 += ($2 + p2) / 2 * ($1 - p1); s2 += ($3 + p3) / 2 * ($1 - p1) } p1 = $1; p2 = $2; p3 = $3 }
    END { exit !(s1 > 0.99 && s1 < 1.01 && s2 > 0.99 && s2 < 1.01) }' "$T/d.dat"
ok $? "both densities (SLQ, exact) integrate to 1"
cmp_ok "$(grep -vc '^#' "$T/d.dat")" == 400 "400 points"

exits 0 "--check: H v against differences of the gradient passes" \
    rns addition hessian --weights "$T/w.dat" --every 128 --check
set -- $(grep -v '^#' "$T/out")
cmp_ok "$1" "<" 1e-7 "its error is below 1e-7 ($1)"
is "$2" 0 "verdict 0"
exits 1 "--check with an impossible --tol 1e-30: exit 1" \
    rns addition hessian --weights "$T/w.dat" --every 128 --check --tol 1e-30
fails_with 2 "rnnscape addition hessian: --spectrum:" "--spectrum K beyond the steps is refused before any output" \
    rns addition hessian --weights "$T/w.dat" --spectrum 400

# addition curvature: the centre of the plane is the weights themselves
exits 0 "addition curvature on a 3 x 3 plane" \
    rns addition curvature --weights "$T/w.dat" --grid 3 --every 128 -o "$T/plane.dat"
rns addition hessian --weights "$T/w.dat" --every 128 -o "$T/f128.dat"
centre() { awk -v c="$1" '!/^#/ && $1 == 0 && $2 == 0 { print $c }' "$T/plane.dat"; }
near "$(centre 4)" "$(grep -v '^#' "$T/f128.dat" | head -1 | awk '{ print $2 }')" 1e-12 \
    "its centre's lambda_min is the dense spectrum's smallest"
near "$(centre 5)" "$(grep -v '^#' "$T/f128.dat" | tail -1 | awk '{ print $2 }')" 1e-12 \
    "and lambda_max its largest"
near "$(centre 3)" "$(sed -n 's/.*; L = \(.*\)$/\1/p' "$T/f128.dat")" 1e-14 "and the loss is L"
is "$(grep -v '^#' "$T/plane.dat" | awk 'NF' | wc -l | tr -d ' ')" 9 "9 points"
fails_with 2 "rnnscape addition curvature: --grid:" "--grid 0 is refused" \
    rns addition curvature --weights "$T/w.dat" --grid 0

fails_with 2 "rnnscape addition hessian: --weights:" "--weights is required" rns addition hessian
fails_with 2 "rnnscape addition hessian:" "two modes are refused" rns addition hessian --weights "$T/w.dat" --trace --density
fails_with 2 "rnnscape addition hessian: --spectrum:" "--spectrum 0 is refused" rns addition hessian --weights "$T/w.dat" --spectrum 0
fails_with 2 "rnnscape addition hessian: --every:" "--every x is refused" rns addition hessian --weights "$T/w.dat" --every x
exits 0 "--help" rns addition hessian --help
done_testing
