#!/bin/sh
# test_mpi.sh: grid commands across MPI ranks (issue 13). With N = 1, 2, 3
# and 5 ranks (oversubscribed) every grid command writes the bytes the same
# binary writes as a plain process (which is the plain build's code path);
# a run killed part-way and rerun with --resume ends with the same bytes;
# a rank that fails stops every rank with one message and leaves no file.
# Skipped unless built with ./configure --with-mpi.
. "$top_srcdir/tests/tools/taplib.sh"

if [ "${RNNSCAPE_WITH_MPI:-no}" != yes ]; then
    echo "1..0 # SKIP built without MPI (./configure --with-mpi)"
    exit 0
fi
: "${MPIRUN:=mpirun}"
if ! command -v "$MPIRUN" >/dev/null 2>&1; then
    echo "1..0 # SKIP no mpirun ($MPIRUN)"
    exit 0
fi
# Open MPI's hwloc asks an X server about GPUs when DISPLAY is set; a
# test's X server going away (the explore tests') must not kill the ranks.
unset DISPLAY
MPIFLAGS="-q --oversubscribe"
[ "$(id -u)" = 0 ] && MPIFLAGS="$MPIFLAGS --allow-run-as-root"
T=$(mktemp -d "${TMPDIR:-/tmp}/test_mpi.XXXXXX") || bail_out "mktemp"
trap 'rm -rf "$T"' EXIT
# Rounds of one row per rank: many rounds, so their seams are tested.
RNNSCAPE_TEST_ROWS_PER_RANK=${RNNSCAPE_TEST_ROWS_PER_RANK:-1}
export RNNSCAPE_TEST_ROWS_PER_RANK

# The reference: the plain build's binary when given (./setup check gives
# it), else this one run as a plain process (the same code path).
PLAIN=${RNNSCAPE_PLAIN:-$RNNSCAPE}
diag "reference: $PLAIN"

# mpi N ARGS...: rnnscape on N ranks, in the current folder, bounded in time.
mpi() {
    mpi_n=$1
    shift
    timeout -k 10 "$TAP_TIMEOUT" "$MPIRUN" $MPIFLAGS -n "$mpi_n" "$RNNSCAPE" "$@"
}

# mpi_error RC N PREFIX DESC: one_line_error for an mpirun whose ranks
# exit early. mpirun's own event library sometimes adds "[warn] Epoll MOD
# ... Bad file descriptor" lines as the ranks' pipes close (Open MPI 4.1,
# timing-dependent); they are the launcher's, not rnnscape's, and are
# dropped before rnnscape's one line is counted.
mpi_error() {
    grep -v '^\[warn\] Epoll ' "$T/err" >"$T/err.own" || true
    mv "$T/err.own" "$T/err"
    one_line_error "$@"
}

# same_bytes NAME FILE ARGS...: a plain process writes FILE in $T/NAME/plain;
# N ranks in $T/NAME/N (the same file name, so text headers match) give
# exactly its bytes, and the same standard output.
same_bytes() {
    sb_name=$1
    sb_file=$2
    shift 2
    mkdir -p "$T/$sb_name/plain"
    (cd "$T/$sb_name/plain" && $RNNSCAPE_WRAP "$PLAIN" "$@" >stdout 2>stderr)
    sb_rc=$?
    for n in 1 2 3 5; do
        mkdir -p "$T/$sb_name/$n"
        (cd "$T/$sb_name/$n" && mpi "$n" "$@" >stdout 2>stderr)
        rc=$?
        cmp -s "$T/$sb_name/plain/$sb_file" "$T/$sb_name/$n/$sb_file" &&
            cmp -s "$T/$sb_name/plain/stdout" "$T/$sb_name/$n/stdout" && [ "$rc" = "$sb_rc" ]
        ok $? "$sb_name: $n ranks write the plain process's bytes (exit $rc)" ||
            diag "$(head -c 300 "$T/$sb_name/$n/stderr")"
    done
}

same_bytes "surface exact text" s.dat surface --grid 37,23 -o s.dat
same_bytes "surface exact npy" s.npy surface --wx -1:2 --wrec -1.5:1.5 --grid 41,29 --format npy -o s.npy
same_bytes "surface exact binary" s.bin surface --grid 19,31 --format binary -o s.bin
same_bytes "surface exact, standard output" stdout surface --grid 13,11
same_bytes "surface brute linear" s.dat surface --method brute --grid 17,13 -o s.dat
same_bytes "surface brute tanh npy" s.npy surface --activation tanh --length 30 --target mean \
    --grid 23,19 --format npy -o s.npy
same_bytes "surface brute sigmoid" s.dat surface --activation sigmoid --grid 11,17 -o s.dat
same_bytes "surface brute relu binary" s.bin surface --activation relu --grid 15,9 --format binary \
    -o s.bin
same_bytes "surface: 3 rows, more ranks than rows" s.dat surface --grid 8,3 -o s.dat
same_bytes "surface: 1 point" s.npy surface --grid 1 --format npy -o s.npy
same_bytes "gradcheck sweep" g.dat gradcheck --grid 9,7 -o g.dat
same_bytes "gradcheck sweep tanh, summary only" stdout gradcheck --activation tanh --wx -1:1 \
    --wrec -1:1 --grid 6,11
same_bytes "curvature text" c.dat curvature --grid 11,13 -o c.dat
same_bytes "curvature npy, tanh" c.npy curvature --activation tanh --grid 9,7 --format npy -o c.npy
mkdir -p "$T/vtk/plain" "$T/vtk/1"
(cd "$T/vtk/plain" && $RNNSCAPE_WRAP "$PLAIN" curvature --grid 5,4 --format vtk -o c.vtk)
(cd "$T/vtk/1" && mpi 1 curvature --grid 5,4 --format vtk -o c.vtk) &&
    cmp -s "$T/vtk/plain/c.vtk" "$T/vtk/1/c.vtk"
ok $? "curvature vtk (5 channels, one pass) on 1 rank: the plain process's bytes"
# The addition landscape around briefly trained weights (a plain run).
mkdir -p "$T/add"
(cd "$T/add" && rns addition train --rng numpy --seed 0 --iters 600 --every 100 -q -o . >/dev/null)
W=$T/add/addition-weights.dat
same_bytes "addition landscape random" l.dat addition landscape --weights "$W" --grid 7 --seed 3 -o l.dat
same_bytes "addition landscape npy" l.npy addition landscape --weights "$W" --grid 6 --format npy \
    -o l.npy
same_bytes "addition landscape pca: the grid" l.dat addition landscape --weights "$W" --grid 5 \
    --directions pca --checkpoints "$T/add/addition-checkpoints.dat" --trajectory t.dat -o l.dat
for n in 1 2 3 5; do
    cmp -s "$T/addition landscape pca: the grid/plain/t.dat" \
        "$T/addition landscape pca: the grid/$n/t.dat"
    ok $? "addition landscape pca: $n ranks write the same trajectory file"
done
same_bytes "addition curvature" c.dat addition curvature --weights "$W" --grid 4 --every 512 -o c.dat
RNNSCAPE_TEST_ROWS_PER_RANK=3 same_bytes "surface, rounds of 3 rows per rank" s.dat \
    surface --grid 20,40 -o s.dat

# --- killed and resumed ------------------------------------------------------
# The test hook kills rank 0 (SIGKILL, as a job's time limit would) right
# after the round it names; the journal records what is on disk.
mkdir -p "$T/resume/plain" "$T/resume/mpi"
(cd "$T/resume/plain" && rns surface --grid 30,40 --format npy -o s.npy)
cd "$T/resume/mpi" || bail_out "cd"
RNNSCAPE_TEST_KILL_ROUND=5 mpi 3 surface --grid 30,40 --format npy -o s.npy --resume \
    >/dev/null 2>&1
test ! -e s.npy && test -s s.npy.part && test -s s.npy.part.journal
ok $? "killed after round 5: no s.npy, but s.npy.part and its journal"
grep -q '^rows 15 40$' s.npy.part.journal
ok $? "the journal records the 15 rows of 5 rounds of 3 ranks"
mpi 2 surface --grid 30,40 --format npy -o s.npy --resume >out 2>err
ok $? "rerun with --resume on 2 ranks: exit 0"
cmp -s s.npy ../plain/s.npy
ok $? "the resumed run ends with the uninterrupted run's bytes"
test ! -e s.npy.part && test ! -e s.npy.part.journal
ok $? "s.npy.part and its journal are gone"
grep -q "resumed 's.npy' at row 15 of 40" err
ok $? "it says where it resumed" || diag "$(cat err)"

# Text, killed twice, resumed by a plain process in the end.
mkdir -p "$T/resume2/plain" "$T/resume2/mpi"
(cd "$T/resume2/plain" && rns gradcheck --grid 7,25 -o g.dat >stdout)
cd "$T/resume2/mpi" || bail_out "cd"
RNNSCAPE_TEST_KILL_ROUND=2 mpi 5 gradcheck --grid 7,25 -o g.dat --resume >/dev/null 2>&1
RNNSCAPE_TEST_KILL_ROUND=3 mpi 2 gradcheck --grid 7,25 -o g.dat --resume >/dev/null 2>&1
grep -q '^rows 16 25$' g.dat.part.journal
ok $? "gradcheck killed twice: 10 rows, then 6 more, in the journal"
rns gradcheck --grid 7,25 -o g.dat --resume >stdout 2>/dev/null
cmp -s g.dat ../plain/g.dat && cmp -s stdout ../plain/stdout
ok $? "finished by a plain process: the same file and the same summary (from the journal)"

# --- a failing rank -----------------------------------------------------------
# The test hook makes one rank's block fail as if out of memory.
for n in 2 3 5; do
    mkdir -p "$T/fail/$n"
    cd "$T/fail/$n" || bail_out "cd"
    RNNSCAPE_TEST_FAIL_RANK=$((n - 1)) RNNSCAPE_TEST_FAIL_ROUND=2 \
        mpi "$n" surface --grid 20,30 -o s.dat >"$T/out" 2>"$T/err"
    mpi_error $? 3 "rnnscape surface: out of memory computing the rows from" \
        "rank $((n - 1)) of $n fails in round 2: exit 3, one message"
    grep -q "(rank $((n - 1)) of $n)" "$T/err"
    ok $? "the message names the failing rank"
    is "$(ls -A)" "" "no file left behind, not even a temporary one"
done
mkdir -p "$T/fail/vtk"
cd "$T/fail/vtk" || bail_out "cd"
mpi 2 curvature --grid 5 --format vtk -o c.vtk >"$T/out" 2>"$T/err"
mpi_error $? 2 "rnnscape curvature: --format vtk: written in one pass by one process" \
    "vtk with several channels on 2 ranks: refused, exit 2"
is "$(ls -A)" "" "and no file"
mkdir -p "$T/fail/usage"
cd "$T/fail/usage" || bail_out "cd"
mpi 3 surface --grid 0 -o s.dat >"$T/out" 2>"$T/err"
mpi_error $? 2 "rnnscape surface: --grid:" "bad usage on 3 ranks: exit 2, one message"
mpi 3 surface --grid 5 --resume >"$T/out" 2>"$T/err"
mpi_error $? 2 "rnnscape surface: --resume: needs -o FILE" "--resume to standard output: refused"
mpi 2 surface --grid 5 -o "$T/no/such/folder/s.dat" >"$T/out" 2>"$T/err"
mpi_error $? 3 "rnnscape surface: cannot write" "an output folder that does not exist: exit 3"

done_testing
