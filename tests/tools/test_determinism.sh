#!/bin/sh
# test_determinism.sh (issue 6): the same command writes byte-identical
# files across runs and across OMP_NUM_THREADS=1, 2 and 3 (the surface by
# both methods, rprop, a gradcheck sweep, gradtime, data).  Whether the
# binary was built with or without OpenMP is compared by the
# RNNSCAPE_NOOMP variable: set it to a --disable-openmp build to check that
# too.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

# same DESC ARGS...: runs rnnscape ARGS -o FILE five ways and compares.
same() {
    s_desc=$1
    shift
    OMP_NUM_THREADS=1 rns "$@" -o "$T/a1" >/dev/null 2>&1
    s_rc=$?
    OMP_NUM_THREADS=1 rns "$@" -o "$T/a1b" >/dev/null 2>&1
    OMP_NUM_THREADS=2 rns "$@" -o "$T/a2" >/dev/null 2>&1
    OMP_NUM_THREADS=3 rns "$@" -o "$T/a3" >/dev/null 2>&1
    env -u OMP_NUM_THREADS "$RNNSCAPE" "$@" -o "$T/ad" >/dev/null 2>&1
    # The header holds the command line, which names the output file.
    for f in a1 a1b a2 a3 ad; do
        grep -a -v '^# command:' "$T/$f" >"$T/$f.body" 2>/dev/null
    done
    test "$s_rc" -eq 0 && test -s "$T/a1.body"
    ok $? "$s_desc: runs"
    cmp -s "$T/a1.body" "$T/a1b.body"
    ok $? "$s_desc: two runs are byte-identical"
    cmp -s "$T/a1.body" "$T/a2.body" && cmp -s "$T/a1.body" "$T/a3.body" && cmp -s "$T/a1.body" "$T/ad.body"
    ok $? "$s_desc: OMP_NUM_THREADS 1, 2, 3 and unset give the same bytes"
    if [ -n "${RNNSCAPE_NOOMP:-}" ]; then
        "$RNNSCAPE_NOOMP" "$@" -o "$T/an" >/dev/null 2>&1
        grep -a -v '^# command:' "$T/an" | cmp -s - "$T/a1.body"
        ok $? "$s_desc: the build without OpenMP gives the same bytes"
    fi
}

same "surface exact 50x50" surface --grid 50
same "surface exact 301x207, wide range" surface --wx -7:11 --wrec -2.5:2.5 --grid 301,207
same "surface brute 120x130" surface --grid 120,130 --method brute
same "surface brute, PCG data 200 x 30" surface --grid 64 --method brute --samples 200 --length 30 --seed 9
same "surface exact, PCG data 200 x 30" surface --grid 64 --samples 200 --length 30 --seed 9
same "surface binary format" surface --grid 40 --format binary
same "rprop tutorial" rprop
same "rprop irprop+ 2000 iterations" rprop --variant irprop+ --iters 2000
same "gradcheck sweep 40x40" gradcheck --grid 40
same "gradtime six points" gradtime
same "data PCG 1000 x 20" data --samples 1000 --length 20 --seed 5
done_testing
