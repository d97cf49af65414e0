#!/bin/sh
# rnnscape addition: the tutorial's log as text, the files train writes,
# gradcheck's verdicts, landscape's centre and reproducibility, bad usage.
. "$top_srcdir/tests/tools/taplib.sh"

# Seed 000's "Runtime Output", verbatim.
cat >"$T/log" <<'LOG'
Error:[ 3.45638663]
Pred:[0 0 0 0 0 0 0 1]
True:[0 1 0 0 0 1 0 1]
9 + 60 = 1
------------
Error:[ 3.63389116]
Pred:[1 1 1 1 1 1 1 1]
True:[0 0 1 1 1 1 1 1]
28 + 35 = 255
------------
Error:[ 3.91366595]
Pred:[0 1 0 0 1 0 0 0]
True:[1 0 1 0 0 0 0 0]
116 + 44 = 72
------------
Error:[ 3.72191702]
Pred:[1 1 0 1 1 1 1 1]
True:[0 1 0 0 1 1 0 1]
4 + 73 = 223
------------
Error:[ 3.5852713]
Pred:[0 0 0 0 1 0 0 0]
True:[0 1 0 1 0 0 1 0]
71 + 11 = 8
------------
Error:[ 2.53352328]
Pred:[1 0 1 0 0 0 1 0]
True:[1 1 0 0 0 0 1 0]
81 + 113 = 162
------------
Error:[ 0.57691441]
Pred:[0 1 0 1 0 0 0 1]
True:[0 1 0 1 0 0 0 1]
81 + 0 = 81
------------
Error:[ 1.42589952]
Pred:[1 0 0 0 0 0 0 1]
True:[1 0 0 0 0 0 0 1]
4 + 125 = 129
------------
Error:[ 0.47477457]
Pred:[0 0 1 1 1 0 0 0]
True:[0 0 1 1 1 0 0 0]
39 + 17 = 56
------------
Error:[ 0.21595037]
Pred:[0 0 0 0 1 1 1 0]
True:[0 0 0 0 1 1 1 0]
11 + 3 = 14
------------
LOG

exits 0 "train --rng numpy --seed 0 runs" rns addition train --rng numpy --seed 0
cmp -s "$T/out" "$T/log"
ok $? "its output is seed 000's log, character for character"

D=$T/run
mkdir "$D"
exits 0 "train -o DIR writes its files" rns addition train --rng numpy --seed 0 -q -o "$D"
test ! -s "$T/out"
ok $? "--quiet prints nothing"
n=0
for f in curve eval gradflow checkpoints weights; do
    test -s "$D/addition-$f.dat" && n=$((n + 1))
done
is "$n" 5 "five data files"
is "$(grep -vc '^#' "$D/addition-curve.dat")" 10000 "the curve has one line per iteration"
is "$(awk '!/^#/ && NF { print $1 }' "$D/addition-eval.dat" | tr '\n' ' ')" \
    "0 1000 2000 3000 4000 5000 6000 7000 8000 9000 10000 " "checkpoints 0, 1000, ..., 10000"
is "$(awk '!/^#/ && $1 == 10000 { print $3 }' "$D/addition-eval.dat")" 1 \
    "after training every one of the 16384 sums is right"
near "$(awk '!/^#/ && $1 == 1000 { print $2 }' "$D/addition-curve.dat")" 3.63389116 2e-9 \
    "curve: iteration 1000's error is the log's 3.63389116"
is "$(awk '!/^#/ && NF' "$D/addition-gradflow.dat" | wc -l | tr -d ' ')" 88 \
    "gradflow: 8 timesteps at 11 checkpoints"
is "$(awk '!/^#/ && NF { print NF }' "$D/addition-checkpoints.dat" | sort -u)" 305 \
    "checkpoints: iteration and 304 weights per line"
loss=$(awk '!/^#/ && $1 == 10000 { print $2 }' "$D/addition-eval.dat")

# gradcheck
W=$D/addition-weights.dat
exits 0 "gradcheck passes at the initial weights" rns addition gradcheck --rng numpy --seed 0 --batch 3
exits 0 "gradcheck passes at the trained weights" rns addition gradcheck --weights "$W" --batch 3
worst=$(awk '/worst relative error/ { print $4 }' "$T/out")
cmp_ok "$worst" "<" 1e-6 "its worst relative error is below 1e-6 ($worst)"
exits 0 "gradcheck -o writes the per-weight table" rns addition gradcheck --weights "$W" --pair 11,3 -o "$T/gc.dat"
is "$(grep -vc '^#' "$T/gc.dat")" 304 "one line per weight"
exits 1 "an impossible tolerance makes the check fail with exit 1" \
    rns addition gradcheck --weights "$W" --tol 1e-30

# gradflow
exits 0 "gradflow at the trained weights" rns addition gradflow --weights "$W"
is "$(awk '!/^#/ && NF' "$T/out" | wc -l | tr -d ' ')" 8 "eight timesteps"
is "$(awk '!/^#/ && NF { print $2 }' "$T/out" | tr '\n' ' ')" \
    "$(awk '!/^#/ && $1 == 10000 { print $3 }' "$D/addition-gradflow.dat" | tr '\n' ' ')" \
    "gradflow = train's last gradient-flow checkpoint"

# landscape
exits 0 "landscape, random directions" rns addition landscape --weights "$W" --grid 3 --seed 5
cp "$T/out" "$T/land1"
exits 0 "the same again" rns addition landscape --weights "$W" --grid 3 --seed 5
cmp -s "$T/out" "$T/land1"
ok $? "two runs with the same seed write identical output"
exits 0 "another seed" rns addition landscape --weights "$W" --grid 3 --seed 6
cmp -s "$T/out" "$T/land1"
test $? -ne 0
ok $? "another seed gives other directions"
centre=$(awk '!/^#/ && $1 == 0 && $2 == 0 { print $3 }' "$T/land1")
near "$centre" "$loss" 1e-12 "the centre is the trained model's mean loss"
is "$(awk '!/^#/ && NF' "$T/land1" | wc -l | tr -d ' ')" 9 "3 x 3 grid points"
exits 0 "landscape, PCA directions" rns addition landscape --weights "$W" --directions pca \
    --checkpoints "$D/addition-checkpoints.dat" --grid 3 -o "$T/pca.dat" --trajectory "$T/traj.dat"
is "$(awk '/^# trajectory:/ { t = 1; next } t && !/^#/ && NF' "$T/traj.dat" | wc -l | tr -d ' ')" 11 \
    "the trajectory block has the 11 checkpoints"
last=$(awk '/^# trajectory:/ { t = 1; next } t && !/^#/ && NF { l = $0 } END { print l }' "$T/traj.dat")
is "$(echo "$last" | awk '{ print $1, $2 }')" "0 0" "the last checkpoint projects onto the centre"
near "$(echo "$last" | awk '{ print $3 }')" "$loss" 1e-12 "and has the trained loss"

# bad usage: one line on stderr, exit 2, no output file
fails_with 2 "rnnscape addition train: --iters:" "--iters x" rns addition train --iters x
fails_with 2 "rnnscape addition train: --rng:" "--rng bad" rns addition train --rng mt
fails_with 2 "rnnscape addition train:" "unknown option" rns addition train --frobnicate
fails_with 2 "rnnscape addition landscape: --weights" "landscape needs --weights" rns addition landscape
fails_with 2 "rnnscape addition landscape: --weights:" "a missing weights file" \
    rns addition landscape --weights "$T/nonexistent" -o "$T/never.dat"
test ! -e "$T/never.dat"
ok $? "no output file after a failed run"
printf '# bits: 8\n# hidden: 16\n0 0 0 0 1\n' >"$T/short.dat"
fails_with 2 "rnnscape addition gradcheck: --weights:" "a truncated weights file" \
    rns addition gradcheck --weights "$T/short.dat"
fails_with 2 "rnnscape addition gradcheck: --pair:" "a pair out of range" \
    rns addition gradcheck --pair 128,1
fails_with 2 "rnnscape addition:" "an unknown addition command" rns addition frob
exits 0 "--help" rns addition train --help

# gradcheck shares the weights among threads: the same table for any count
exits 0 "gradcheck on one thread" env OMP_NUM_THREADS=1 $RNNSCAPE_WRAP "$RNNSCAPE" addition gradcheck --seed 4 --batch 9 -o "$T/gc1.dat"
exits 0 "gradcheck on three threads" env OMP_NUM_THREADS=3 $RNNSCAPE_WRAP "$RNNSCAPE" addition gradcheck --seed 4 --batch 9 -o "$T/gc3.dat"
data_lines "$T/gc1.dat" >"$T/gc1"
data_lines "$T/gc3.dat" >"$T/gc3"
cmp -s "$T/gc1" "$T/gc3"
ok $? "the per-weight table is the same bits on 1 and 3 threads"
is "$(wc -l <"$T/gc1" | tr -d ' ')" 304 "and has its 304 weights"

# --max-memory: the estimate is checked before anything is allocated or written
fails_with 3 "rnnscape addition gradcheck: the gradient check needs about" \
    "gradcheck refuses a run over --max-memory" rns addition gradcheck --max-memory 1K
fails_with 3 "rnnscape addition train: training needs about" \
    "train refuses a run over --max-memory" rns addition train -q --max-memory 1K -o "$T/mm"
test ! -e "$T/mm"
ok $? "and creates no output"
exits 0 "train runs under a ceiling it fits" rns addition train -q --iters 10 --max-memory 64M --eval "$T/mm.dat"

# progress: only on a terminal (script(1) gives the run one), and
# RNNSCAPE_TEST_PROGRESS_AFTER=0 shows it at once rather than after 1 s
RNNSCAPE_TEST_PROGRESS_AFTER=0
export RNNSCAPE_TEST_PROGRESS_AFTER
exits 0 "gradcheck with stderr not a terminal" rns addition gradcheck --seed 3
is "$(wc -c <"$T/err" | tr -d ' ')" 0 "prints no progress"
exits 0 "train -q with outputs, stderr not a terminal" rns addition train -q --iters 700 --eval "$T/p.dat"
is "$(wc -c <"$T/err" | tr -d ' ')" 0 "prints no progress"
if script -qc true /dev/null </dev/null >/dev/null 2>&1; then
    script -qc "'$RNNSCAPE' addition gradcheck --seed 3 >/dev/null" /dev/null </dev/null >"$T/tty" 2>&1
    tr '\r' '\n' <"$T/tty" | grep -c '^rnnscape addition gradcheck: *[0-9]*%$' >"$T/n"
    cmp_ok "$(cat "$T/n")" ">=" 1 "gradcheck on a terminal shows its percentage ($(cat "$T/n") updates)"
    tail -c 42 "$T/tty" | tr '\r' '|' | grep -q '^| *|$'
    ok $? "and erases the line when it ends"
    script -qc "'$RNNSCAPE' addition train -q --iters 700 --eval '$T/p.dat'" /dev/null </dev/null >"$T/tty" 2>&1
    tr '\r' '\n' <"$T/tty" | grep -c '^rnnscape addition train: *[0-9]*%$' >"$T/n"
    cmp_ok "$(cat "$T/n")" ">=" 2 "train -q with outputs on a terminal shows its percentage"
    script -qc "'$RNNSCAPE' addition train --iters 700 --eval '$T/p.dat'" /dev/null </dev/null >"$T/tty" 2>&1
    grep -c 'rnnscape addition train:' "$T/tty" >"$T/n"
    is "$(cat "$T/n")" 0 "but not while its log goes to the terminal"
    script -qc "'$RNNSCAPE' addition train -q --iters 700" /dev/null </dev/null >"$T/tty" 2>&1
    is "$(wc -c <"$T/tty" | tr -d ' ')" 0 "nor without outputs"
else
    skip 5 "script(1) cannot give a run a terminal here"
fi
unset RNNSCAPE_TEST_PROGRESS_AFTER
done_testing
