#!/bin/sh
# bench_curvature.sh BENCH SCRIPT [REPEAT]: `make bench-curvature`. Runs
# the C benchmark and the NumPy/PyTorch one (the first python3 with NumPy,
# /usr/bin/python3 first) in one go and prints a table with the ratios.
bench=$1 script=$2 repeat=${3:-3}
py=
for cand in /usr/bin/python3 $(command -v -a python3 2>/dev/null); do
    if [ -x "$cand" ] && "$cand" -c 'import numpy' >/dev/null 2>&1; then py=$cand; break; fi
done
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
threads=${OMP_NUM_THREADS:-$(nproc 2>/dev/null || echo 1)}
c=$("$bench" "$repeat") || exit 1
c1=$(OMP_NUM_THREADS=1 "$bench" "$repeat") || exit 1
p=
[ -n "$py" ] && p=$("$py" "$script" "$repeat")
echo "# curvature benchmark: $cpu, $threads threads (best of $repeat)"
printf '%-11s %12s %12s %12s %10s %10s\n' case rnnscape_s 1thread_s reference_s vs_ref vs_1thread
for name in map-tanh map-linear add-dense add-hvp; do
    t=$(echo "$c" | awk -v n=$name '$1 == n { print $2 }')
    t1=$(echo "$c1" | awk -v n=$name '$1 == n { print $2 }')
    r=$(echo "$p" | awk -v n=$name '$1 == n { print $2 }')
    awk -v n=$name -v t="$t" -v t1="$t1" -v r="$r" 'BEGIN {
        printf "%-11s %12.4f %12.4f %12s %10s %10.2f\n", n, t, t1, r == "" ? "-" : sprintf("%.4f", r),
            r == "" ? "-" : sprintf("%.1fx", r / t), t1 / t }'
done
echo "# map-*: 256 x 256 grid, M = 100, T = 100 (reference: NumPy, the same forward jet over all points);"
echo "# add-dense: 304 x 304 Hessian, 1024 sums (reference: torch.autograd.functional.hessian, vectorize=True);"
echo "# add-hvp: one Hessian-vector product, 16384 sums (reference: torch.autograd.functional.hvp)"
