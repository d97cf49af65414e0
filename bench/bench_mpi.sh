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

# best RANKS THREADS ARGS...: "WALL CPU" of the fastest of REPEAT runs
# (RANKS 0: a plain process, no mpirun); CPU is user + system seconds of
# every rank (mpirun's children). The output is left in out.npy.
best() {
    b_ranks=$1 b_threads=$2
    shift 2
    b_best=
    b_i=0
    while [ "$b_i" -lt "$REPEAT" ]; do
        if [ "$b_ranks" = 0 ]; then
            OMP_NUM_THREADS=$b_threads /usr/bin/time -f "%e %U %S" -o time.txt "$RNNSCAPE" "$@" ||
                return 1
        else
            /usr/bin/time -f "%e %U %S" -o time.txt "$MPIRUN" $MPIFLAGS \
                -x OMP_NUM_THREADS="$b_threads" -n "$b_ranks" "$RNNSCAPE" "$@" || return 1
        fi
        b_t=$(awk '{ printf "%.3f %.3f", $1, $2 + $3 }' time.txt)
        b_best=$(echo "$b_best" | awk -v b="$b_t" '{ split(b, n, " ");
            print ($0 == "" || n[1] < $1) ? b : $0 }')
        [ -n "$b_best" ] || b_best=$b_t
        b_i=$((b_i + 1))
    done
    echo "$b_best"
}

SURF="surface --activation tanh --samples 100 --length 100 --format npy -o out.npy"
# Size the grid so that 1 rank x 1 thread takes about a second.
g=200
t=$(best 0 1 $SURF --grid $g | cut -d' ' -f1) || exit 1
g=$(awk -v g=$g -v t="$t" 'BEGIN { n = int(g * sqrt(1.0 / t)); if (n < 16) n = 16; print n }')
echo "# bench-mpi: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores," \
    "load average $(cut -d' ' -f1 /proc/loadavg)"
echo "# surface: brute force, tanh, M = 100, T = 100, grid ${g}x${g}; best of $REPEAT"
"$RNNSCAPE" $SURF --grid $g && mv out.npy plain.npy
printf '%-18s %7s %7s %7s %8s %7s %8s  %s\n' "ranks x threads" "wall s" "start s" "net s" \
    "speed-up" "cpu s" "net cpu" "bytes"
base=
for rt in 0x1 1x1 2x1 1x2 2x2 4x1; do
    r=${rt%x*} th=${rt#*x}
    run=$(best "$r" "$th" $SURF --grid $g) || { echo "$rt: failed"; continue; }
    same=$(cmp -s out.npy plain.npy && echo same || echo DIFFER)
    start="0 0"
    [ "$r" != 0 ] && start=$(best "$r" "$th" $SURF --grid 1)
    [ "$rt" = 0x1 ] && label="plain x 1" || label="$r x $th"
    line=$(awk -v a="$run" -v s="$start" -v base="$base" -v l="$label" -v same="$same" 'BEGIN {
        split(a, w, " "); split(s, z, " ")
        net = w[1] - z[1]; if (base == "") base = net
        printf "%-18s %7.3f %7.3f %7.3f %7.2fx %7.3f %8.3f  %s|%.4f", l, w[1], z[1], net,
            base / net, w[2], w[2] - z[2], same, net }')
    echo "${line%|*}"
    [ "$rt" = 1x1 ] && base=${line#*|}
done
echo "# speed-up: 1 rank x 1 thread's net wall time over the row's; net = wall - start, where"
echo "# start is the same mpirun with a 1-point grid (launching the ranks). cpu: user + system"
echo "# seconds of all ranks; net cpu the same less start-up's: equal net cpu means no work"
echo "# is repeated across ranks. On a loaded machine the wall ratios mean little."

# The addition landscape at hidden 64 over all 16 384 sums.
"$RNNSCAPE" addition train --hidden 64 --iters 2000 --every 1000 -q -o add >/dev/null || exit 1
LG=${LG:-15}
REPEAT=${LREPEAT:-1} # minutes per run on a small machine: once each
LAND="addition landscape --weights add/addition-weights.dat --grid $LG --format npy -o out.npy"
echo "# addition landscape: hidden 64, 8 bits, all 16384 sums, grid ${LG}x${LG}"
for rt in 1x1 2x1 1x2; do
    r=${rt%x*} th=${rt#*x}
    run=$(best "$r" "$th" $LAND) || { echo "$rt: failed"; continue; }
    start=$(best "$r" "$th" addition landscape --weights add/addition-weights.dat --grid 1 \
        --format npy -o out.npy)
    awk -v a="$run" -v s="$start" -v n="$LG" -v r="$r" -v th="$th" 'BEGIN {
        split(a, w, " "); split(s, z, " ")
        net = w[1] - z[1]; cpu = w[2] - z[2]; pts = n * n
        printf "%s x %s: %.2f s net wall, %.2f cpu-s for %d points: %.3g s and %.3g cpu-s per point\n",
            r, th, net, cpu, pts, net / pts, cpu / pts
        big = 2001 * 2001
        printf "   2001 x 2001 (%d points): %.0f s wall here; %.1f core-hours\n",
            big, big * net / pts, big * cpu / pts / 3600
    }'
done
