#!/bin/sh
# bench/bench_mpi.sh: `make bench-mpi`, scaling across MPI ranks (issue 13).
# Needs the MPI build (./configure --with-mpi); RNNSCAPE and MPIRUN come
# from make. Prints, measured in one run (best of REPEAT):
#  - a brute-force tanh surface sized to take about a second on 1 rank x
#    1 thread: 1 and 2 ranks x 1 thread (strong scaling), and ranks x
#    threads combinations; wall time, the launcher's own start-up (mpirun
#    with a 1-point grid) and the time without it; speed-ups against
#    1 rank x 1 thread;
#  - the addition landscape at hidden 64 (all 16 384 sums): the measured
#    per-point rate and the predicted cost of a 2001 x 2001 grid.
# Every run's output is compared with the plain process's: a scaling row
# whose bytes differ is reported as an error.
: "${RNNSCAPE:=rnnscape}" "${MPIRUN:=mpirun}" "${REPEAT:=3}"
if ! "$MPIRUN" --version >/dev/null 2>&1; then
    echo "# bench-mpi: no mpirun ($MPIRUN); build with ./configure --with-mpi"
    exit 0
fi
unset DISPLAY # Open MPI's hwloc would ask the X server about GPUs
MPIFLAGS="-q --oversubscribe --bind-to none"
[ "$(id -u)" = 0 ] && MPIFLAGS="$MPIFLAGS --allow-run-as-root"
T=$(mktemp -d "${TMPDIR:-/tmp}/bench_mpi.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

now() { date +%s.%N; }
# best RANKS THREADS ARGS...: the best wall time of REPEAT runs (RANKS 0:
# a plain process, no mpirun); the output is left in out.npy.
best() {
    b_ranks=$1 b_threads=$2
    shift 2
    b_best=
    b_i=0
    while [ "$b_i" -lt "$REPEAT" ]; do
        b_t0=$(now)
        if [ "$b_ranks" = 0 ]; then
            OMP_NUM_THREADS=$b_threads "$RNNSCAPE" "$@" || return 1
        else
            "$MPIRUN" $MPIFLAGS -x OMP_NUM_THREADS="$b_threads" -n "$b_ranks" "$RNNSCAPE" "$@" ||
                return 1
        fi
        b_t=$(awk -v a="$b_t0" -v b="$(now)" 'BEGIN { printf "%.4f", b - a }')
        b_best=$(awk -v a="$b_best" -v b="$b_t" 'BEGIN { print (a == "" || b < a) ? b : a }')
        b_i=$((b_i + 1))
    done
    echo "$b_best"
}

SURF="surface --activation tanh --samples 100 --length 100 --format npy -o out.npy"
# Size the grid so that 1 rank x 1 thread takes about a second.
g=200
t=$(best 0 1 $SURF --grid $g) || exit 1
g=$(awk -v g=$g -v t="$t" 'BEGIN { n = int(g * sqrt(1.0 / t)); if (n < 16) n = 16; print n }')
echo "# bench-mpi: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores"
echo "# surface: brute force, tanh, M = 100, T = 100, grid ${g}x${g}; best of $REPEAT"
"$RNNSCAPE" $SURF --grid $g && mv out.npy plain.npy
printf '%-22s %9s %9s %9s %9s  %s\n' "ranks x threads" "wall s" "start s" "net s" "speed-up" "bytes"
base=
for rt in 0x1 1x1 2x1 1x2 2x2 4x1; do
    r=${rt%x*} th=${rt#*x}
    wall=$(best "$r" "$th" $SURF --grid $g) || { echo "$rt: failed"; continue; }
    same=$(cmp -s out.npy plain.npy && echo same || echo DIFFER)
    start=0
    [ "$r" != 0 ] && start=$(best "$r" "$th" $SURF --grid 1)
    net=$(awk -v w="$wall" -v s="$start" 'BEGIN { printf "%.4f", w - s }')
    [ -z "$base" ] && [ "$rt" = 1x1 ] && base=$net
    [ "$rt" = 0x1 ] && label="plain process x 1" || label="$r x $th"
    sp=$(awk -v b="${base:-$net}" -v n="$net" 'BEGIN { printf "%.2fx", b / n }')
    printf '%-22s %9s %9s %9s %9s  %s\n' "$label" "$wall" "$start" "$net" "$sp" "$same"
done
echo "# speed-up: 1 rank x 1 thread's net time over the row's; net = wall - start"
echo "# (start: the same mpirun with a 1-point grid, i.e. launching the ranks)."

# The addition landscape at hidden 64 over all 16 384 sums.
"$RNNSCAPE" addition train --hidden 64 --iters 2000 --every 1000 -q -o add >/dev/null || exit 1
LG=${LG:-21}
LAND="addition landscape --weights add/addition-weights.dat --grid $LG --format npy -o out.npy"
echo "# addition landscape: hidden 64, 8 bits, all 16384 sums, grid ${LG}x${LG}"
for rt in 1x1 2x1 1x2; do
    r=${rt%x*} th=${rt#*x}
    wall=$(best "$r" "$th" $LAND) || { echo "$rt: failed"; continue; }
    start=$(best "$r" "$th" addition landscape --weights add/addition-weights.dat --grid 1 \
        --format npy -o out.npy)
    awk -v w="$wall" -v s="$start" -v n="$LG" -v r="$r" -v th="$th" 'BEGIN {
        net = w - s; pts = n * n; per = net / pts
        printf "%s x %s: %.3f s net for %d points: %.3g s per point (%.3g core-s per point)\n",
            r, th, net, pts, per, per * r * th
        big = 2001 * 2001
        printf "   2001 x 2001 (%d points) predicted: %.0f s here; %.0f core-hours in all\n",
            big, big * per, big * per * r * th / 3600
    }'
done
