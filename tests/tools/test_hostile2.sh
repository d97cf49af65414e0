#!/bin/sh
# test_hostile2.sh (issue 12): the second round of hostile inputs.
#  - Bounded memory: endless or huge inputs (/dev/zero as a data, weights
#    or checkpoints file; a data set too large to generate) are refused
#    quickly with one line naming the file and the limit, under an address
#    space limit that an ever-growing buffer would hit.
#  - Output targets: -o through a dangling or chained symbolic link (the
#    link stays), names up to NAME_MAX, read-only targets refused and left
#    alone (for root too, and when owned by another user).
#  - Several outputs: every temporary removed on SIGTERM/SIGINT/SIGHUP.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

# Address-space limits work only where rnnscape can start under one:
# valgrind and AddressSanitizer reserve terabytes of address space, so
# there the limit is left out and the tests that need it are skipped.
as_limit=1
if [ "${RNNSCAPE_VALGRIND:-0}" = 1 ] ||
    ! (ulimit -v 1048576 2>/dev/null && "$RNNSCAPE" --version) >/dev/null 2>&1; then
    as_limit=0
fi

# limited CMD...: runs rnnscape under a 3 GiB address-space limit (where
# one can be set, above) and a 60 s bound.
limited() {
    if [ "$as_limit" = 0 ]; then
        rns "$@"
    else
        (ulimit -v 3145728 2>/dev/null; timeout -k 5 60 "$RNNSCAPE" "$@")
    fi
}

# ---- bounded memory ---------------------------------------------------
fails_with 2 "rnnscape surface: --data: '/dev/zero' line 1: line longer than the limit of 256 MiB" \
    "surface --data /dev/zero: refused at the line limit, naming the file" \
    limited surface --data /dev/zero --grid 2
fails_with 2 "rnnscape gradtime: --data: '/dev/zero' line 1: line longer than the limit" \
    "gradtime --data /dev/zero likewise" limited gradtime --data /dev/zero
# An endless stream of valid rows: refused at the memory ceiling or the
# file limit, never grown until the kernel kills the process.
if [ "$as_limit" = 1 ]; then
    yes '1 0 1 0 1 0 1 0 1 0 5' | (ulimit -v 1048576; timeout -k 5 120 "$RNNSCAPE" surface --data /dev/stdin --grid 2 -o "$T/endless.dat") >/dev/null 2>"$T/err"
    rc=$?
    ok "$([ "$rc" -eq 3 ] || [ "$rc" -eq 2 ]; echo $?)" "endless rows under a 1 GiB limit: refused with exit 2 or 3 (got $rc), not killed"
    is "$(wc -l <"$T/err" | tr -d ' ')" 1 "with one line on stderr"
    ok "$([ ! -e "$T/endless.dat" ]; echo $?)" "and no output file"
else
    skip 3 "no address-space limit can be set for this build (valgrind, sanitizers)"
fi

rns addition train --iters 20 --every 10 -q --save "$T/w.dat" --checkpoints "$T/c.dat" >/dev/null 2>&1
fails_with 2 "rnnscape addition gradflow: --weights: '/dev/zero'" \
    "addition gradflow --weights /dev/zero: refused, naming the file" \
    limited addition gradflow --weights /dev/zero
fails_with 2 "rnnscape addition landscape: --weights: '/dev/zero'" \
    "addition landscape --weights /dev/zero likewise" \
    limited addition landscape --weights /dev/zero
fails_with 2 "rnnscape addition landscape: --checkpoints: '/dev/zero'" \
    "addition landscape --checkpoints /dev/zero likewise" \
    limited addition landscape --weights "$T/w.dat" --directions pca --checkpoints /dev/zero \
    --trajectory "$T/traj.dat" -o "$T/land.dat"

# A weights file of one hidden unit has rows of five numbers, like a
# checkpoint row: it is still not taken for checkpoints.
rns addition train --bits 3 --hidden 1 --iters 10 -q --save "$T/w1.dat" >/dev/null 2>&1
fails_with 2 "rnnscape addition landscape: --checkpoints: '$T/w1.dat' line" \
    "a weights file given as --checkpoints is refused" \
    rns addition landscape --weights "$T/w1.dat" --directions pca --checkpoints "$T/w1.dat" --grid 3 -o "$T/l1.dat"

# A data set too large for the memory there is: refused before it is
# generated (the address-space limit makes "there is" 3 GiB here).
if [ "$as_limit" = 1 ]; then
    start=$(date +%s)
    limited gradtime --samples 100000000 --length 21 -o "$T/g.dat" >/dev/null 2>"$T/err"
    rc=$?
    took=$(($(date +%s) - start))
    one_line_error "$rc" 3 "rnnscape gradtime: " "gradtime --samples 100000000 --length 21: refused, exit 3, one line"
    cmp_ok "$took" "<" 20 "and quickly (in $took s)"
    ok "$([ ! -e "$T/g.dat" ]; echo $?)" "no output file"
else
    skip 3 "no address-space limit can be set for this build (valgrind, sanitizers)"
fi

# --max-memory lowers the ceiling (and a bad size is refused as usage).
fails_with 3 "rnnscape surface: the data set needs about 1.72 KiB, more than the 1 KiB allowed by --max-memory" \
    "surface --max-memory 1K: the tutorial's data set is refused, naming the estimate" \
    rns surface --max-memory 1K --grid 2
exits 0 "surface --max-memory 2K: it fits" rns surface --max-memory 2K --grid 2
for bad in 0 1x -1G 1e9 "" 8E; do
    fails_with 2 "rnnscape surface: --max-memory: expected a size" "--max-memory '$bad' is refused" \
        rns surface --max-memory "$bad" --grid 2
done
yes '1 0 1 0 1 0 1 0 1 0 5' | head -n 20000 >"$T/rows.txt"
fails_with 3 "rnnscape gradtime: --data: '$T/rows.txt': too large to load: the values would need" \
    "a 20000-row file under --max-memory 1M: refused, naming the estimate" \
    rns gradtime --max-memory 1M --data "$T/rows.txt"
exits 0 "and accepted under --max-memory 8M" rns gradtime --max-memory 8M --data "$T/rows.txt" -o "$T/gt.dat"

# ---- output targets -----------------------------------------------------
mkdir "$T/o"
ln -s real.dat "$T/o/dangling"
exits 0 "data -o a dangling link" rns data -o "$T/o/dangling"
ok "$([ -L "$T/o/dangling" ] && [ -s "$T/o/real.dat" ]; echo $?)" "the link stays a link; the file it names is written"
exits 0 "data -o the link again" rns data --seed 2 -o "$T/o/dangling"
ok "$([ -L "$T/o/dangling" ] && grep -q 'seed 2' "$T/o/real.dat"; echo $?)" "the file behind it is replaced, the link kept"
mkdir "$T/o/sub"
ln -s ../real.dat "$T/o/sub/inner"
ln -s sub/inner "$T/o/chain"
exits 0 "data -o a chain of two relative links" rns data --seed 3 -o "$T/o/chain"
ok "$([ -L "$T/o/chain" ] && [ -L "$T/o/sub/inner" ] && grep -q 'seed 3' "$T/o/real.dat"; echo $?)" "both links stay; the final file has the output"
ln -s loop "$T/o/loop"
fails_with 3 "rnnscape data: cannot write '$T/o/loop': Too many levels of symbolic links" \
    "a link loop is refused (one line, exit 3)" rns data -o "$T/o/loop"
is "$(ls "$T/o" | grep -c '\.tmp\.')" 0 "no temporary file is left beside the links"

for len in 245 250 255; do
    name=$(printf "%${len}s" | tr ' ' n)
    exits 0 "data -o a $len-character name" rns data -o "$T/o/$name"
    exits 0 "and again (replacing it)" rns data --seed 5 -o "$T/o/$name"
    ok "$(grep -q 'seed 5' "$T/o/$name"; echo $?)" "the $len-character file has the new output"
    rm -f "$T/o/$name"
done
name=$(printf "%256s" | tr ' ' n)
fails_with 3 "rnnscape data: cannot write '$T/o/$name': File name too long" \
    "a 256-character name: the system's own refusal" rns data -o "$T/o/$name"

printf 'keep\n' >"$T/o/ro.dat"
chmod 444 "$T/o/ro.dat"
fails_with 3 "rnnscape data: cannot write '$T/o/ro.dat': Permission denied" \
    "data -o a read-only file is refused" rns data -o "$T/o/ro.dat"
is "$(cat "$T/o/ro.dat")" keep "the read-only file is untouched"
if [ "$(id -u)" = 0 ]; then
    chown 65534:65534 "$T/o/ro.dat"
    fails_with 3 "rnnscape surface: cannot write '$T/o/ro.dat': Permission denied" \
        "root: another user's read-only file is refused" rns surface --grid 2 -o "$T/o/ro.dat"
    is "$(cat "$T/o/ro.dat")" keep "and untouched"
    chmod 644 "$T/o/ro.dat"
    exits 0 "root: another user's writable file is written" rns data -o "$T/o/ro.dat"
    is "$(stat -c %u:%g:%a "$T/o/ro.dat")" "65534:65534:644" "and keeps its owner, group and mode"
else
    skip 4 "not root"
fi
ln -s ro.dat "$T/o/ro-link"
chmod 444 "$T/o/ro.dat"
fails_with 3 "rnnscape data: cannot write '$T/o/ro-link': Permission denied" \
    "a link to a read-only file is refused" rns data -o "$T/o/ro-link"
ok "$([ -L "$T/o/ro-link" ]; echo $?)" "and the link stays"

# /dev/stdout and /dev/fd/N name whatever the descriptor is: a pipe is
# written in place, a file behind it is replaced whole.
is "$(rns data -o /dev/stdout | grep -c '^# command: rnnscape data -o /dev/stdout')" 1 \
    "data -o /dev/stdout into a pipe writes through it"
rns data --seed 4 -o /dev/stdout >"$T/o/via-stdout.txt"
ok "$(grep -q 'seed 4' "$T/o/via-stdout.txt"; echo $?)" "data -o /dev/stdout redirected to a file fills that file"
is "$(ls "$T/o" | grep -c '\.tmp\.')" 0 "no temporary file is left"

# Past `ulimit -f` a write fails (SIGXFSZ is ignored): an error, exit 3,
# the old file kept and no temporary left behind.
printf 'old\n' >"$T/o/fsize.dat"
(ulimit -f 8; "$RNNSCAPE" surface --grid 300 -o "$T/o/fsize.dat") >/dev/null 2>"$T/err"
one_line_error $? 3 "rnnscape surface: " "surface past ulimit -f: exit 3, one line"
ok "$([ "$(cat "$T/o/fsize.dat")" = old ] && [ "$(ls "$T/o" | grep -c '\.tmp\.')" = 0 ]; echo $?)" \
    "the old file is kept, no temporary left"

# ---- several outputs and signals ---------------------------------------
# A failing output (/dev/full) replaces none of the others; the same file
# twice (another spelling, a hard link) is refused before anything runs.
printf 'old curve\n' >"$T/curve.dat"
rns addition train --iters 100 --every 50 -q --curve "$T/curve.dat" --eval "$T/eval.dat" \
    --gradflow /dev/full >/dev/null 2>"$T/err"
one_line_error $? 3 "rnnscape addition train: --gradflow: writing '/dev/full' failed" \
    "addition train --gradflow /dev/full: exit 3, one line naming it"
ok "$([ "$(cat "$T/curve.dat")" = "old curve" ] && [ ! -e "$T/eval.dat" ]; echo $?)" \
    "--curve is not replaced and --eval not created"
fails_with 2 "rnnscape addition train: --eval: " "the same file by two spellings is refused" \
    rns addition train --iters 10 -q --curve "$T/curve.dat" --eval "$T/./curve.dat"
ln "$T/curve.dat" "$T/hard.dat"
fails_with 2 "rnnscape addition train: --save: " "a hard link to another output is refused" \
    rns addition train --iters 10 -q --curve "$T/curve.dat" --save "$T/hard.dat"
is "$(cat "$T/curve.dat")" "old curve" "and nothing was written"
is "$(ls "$T" | grep -c '\.tmp\.')" 0 "no temporary file is left"

# addition train writing five files, stopped while all are pending: no
# temporary file may remain, whichever catchable signal it is.
for sig in TERM INT HUP; do
    rm -rf "$T/s"
    mkdir "$T/s"
    "$RNNSCAPE" addition train --iters 100000000 --every 1000 -q -o "$T/s" >/dev/null 2>&1 &
    pid=$!
    (sleep 120; kill -9 "$pid" 2>/dev/null) &
    dog=$!
    i=0
    while [ "$i" -lt 300 ] && [ "$(ls "$T/s" | grep -c '\.tmp\.')" -lt 5 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    pending=$(ls "$T/s" | grep -c '\.tmp\.')
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    kill "$dog" 2>/dev/null
    wait "$dog" 2>/dev/null
    is "$pending" 5 "addition train -o DIR: five temporary files pending before SIG$sig"
    is "$(ls "$T/s" | tr '\n' ' ')" "" "SIG$sig (exit $rc): none left, no output replaced"
done

done_testing
