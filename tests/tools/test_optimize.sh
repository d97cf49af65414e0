#!/bin/sh
# test_optimize.sh: `rnnscape optimize`: the trace format, clipping before
# the step, agreement with `rnnscape rprop` and with torch.optim (values
# pinned by tests/pinned/torch_optim.py), and the refusals.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

# --- the trace format ------------------------------------------------------
exits 0 "optimize with no options succeeds (sgd, torch's defaults)" rns optimize --iters 5
cp "$T/out" "$T/default.txt"
is "$(grep '^# columns:' "$T/default.txt")" \
    "# columns: iter w_x w_rec loss d_wx d_wrec momentum_buffer_wx momentum_buffer_wrec" \
    "the columns begin 'iter w_x w_rec loss d_wx d_wrec', then the optimiser's state"
grep -q '^# optimize: optimizer sgd, start (-1.5, 2), 5 iterations, lr 0.001, momentum 0, dampening 0, nesterov 0, weight-decay 0, no clipping$' \
    "$T/default.txt"
ok $? "the header names the optimiser, the start and every parameter it uses"
grep -q '^# final iter ' "$T/default.txt"
ok $? "without -o the final iterate follows the trace as a '#' line"

exits 0 "adam -o FILE succeeds" rns optimize --optimizer adam --lr 0.05 --start 0.5,0.5 \
    --iters 300 -o "$T/adam.txt"
data_lines "$T/adam.txt" >"$T/rows"
is "$(wc -l <"$T/rows" | tr -d ' ')" 301 "300 steps give 301 iterates (start included)"
is "$(awk '{ if ($1 != NR - 1) { print "bad"; exit } } END { print "seq" }' "$T/rows")" seq \
    "iterations are numbered 0 .. 300 in order"
is "$(awk '{ print NF }' "$T/rows" | sort -u)" 12 "every adam row has 12 columns"
is "$(awk 'NR == 1 { print $2, $3 }' "$T/rows")" "0.5 0.5" "iterate 0 is the start"
grep -q '^# columns: iter w_x w_rec loss d_wx d_wrec exp_avg_wx exp_avg_wrec exp_avg_sq_wx exp_avg_sq_wrec max_exp_avg_sq_wx max_exp_avg_sq_wrec$' "$T/adam.txt"
ok $? "adam's state columns carry torch's names"
grep -q '^final iter 300 w_x ' "$T/out"
ok $? "with -o the final iterate goes to standard output"

# torch.optim.Adam(lr=0.05), float64, from (0.5, 0.5): iterate 300 (pinned).
near "$(awk '$1 == 300 { print $2 }' "$T/rows")" 1.0023379777712031 1e-9 "adam iterate 300: w_x equals torch.optim's"
near "$(awk '$1 == 300 { print $3 }' "$T/rows")" 0.9994488027054129 1e-9 "adam iterate 300: w_rec equals torch.optim's"
near "$(awk '$1 == 300 { print $4 }' "$T/rows")" 5.268595040992223e-06 1e-9 "adam iterate 300: the loss equals torch's"

# SGD(lr=0.001) with Pascanu's clipping at C = 1 from (-1.5, 2) (pinned).
exits 0 "sgd --clip-norm 1 succeeds" rns optimize --lr 0.001 --clip-norm 1 --iters 300 -o "$T/clip.txt"
data_lines "$T/clip.txt" >"$T/crows"
near "$(awk '$1 == 300 { print $2 }' "$T/crows")" -1.4531408329152387 1e-9 "clipped sgd iterate 300 equals torch's: w_x"
near "$(awk '$1 == 300 { print $3 }' "$T/crows")" 1.703684029556784 1e-9 "clipped sgd iterate 300 equals torch's: w_rec"
# The gradient columns hold the gradient before clipping; the step used the clipped one.
rns rprop --iters 0 -o "$T/r0.txt" >/dev/null
is "$(data_lines "$T/clip.txt" | awk 'NR == 1 { print $5, $6 }')" \
    "$(data_lines "$T/r0.txt" | awk 'NR == 1 { print $5, $6 }')" \
    "d_wx d_wrec at the start are the unclipped gradient (as rprop writes it)"
is "$(awk 'NR == 1 { n = sqrt($5 * $5 + $6 * $6); x = $2 - 0.001 * $5 / n; y = $3 - 0.001 * $6 / n }
     NR == 2 { ex = $2 - x; ey = $3 - y; print ((ex < 1e-15 && ex > -1e-15 && ey < 1e-15 && ey > -1e-15) ? "clipped" : "not clipped: " ex " " ey) }' "$T/crows")" \
    clipped "iterate 1 = start - lr * g/||g|| (Pascanu et al. 2013, Alg. 1)"
exits 0 "--clip-value 0.5 succeeds" rns optimize --lr 0.01 --clip-value 0.5 --iters 1 -o "$T/cv.txt"
is "$(data_lines "$T/cv.txt" | awk 'NR == 2 { print $2, $3 }')" "-1.4950000000000001 1.9950000000000001" \
    "--clip-value: both components clamped to 0.5, one step of lr*0.5"

# --- the RProp family through the driver equals `rnnscape rprop` ----------
rns rprop -o "$T/rprop.txt" >/dev/null
exits 0 "rprop-tutorial runs" rns optimize --optimizer rprop-tutorial -o "$T/rt.txt"
data_lines "$T/rprop.txt" >"$T/rprop.rows"
is "$(data_lines "$T/rt.txt" | cmp - "$T/rprop.rows" >/dev/null && echo same)" same \
    "optimize --optimizer rprop-tutorial writes rprop's 501 rows byte for byte"
for v in rprop+ rprop- irprop+ irprop-; do
    rns rprop --variant "$v" -o "$T/rv.txt" >/dev/null
    rns optimize --optimizer "$v" --delta0 0.001 -o "$T/ov.txt" >/dev/null
    data_lines "$T/rv.txt" >"$T/rv.rows"
    is "$(data_lines "$T/ov.txt" | cmp - "$T/rv.rows" >/dev/null && echo same)" same \
        "optimize --optimizer $v --delta0 0.001 equals rprop --variant $v"
done
for o in sgd adagrad rmsprop adam rprop-tutorial rprop+ rprop- irprop+ irprop-; do
    exits 0 "--optimizer $o from (0.5, 0.5) runs" rns optimize --optimizer "$o" --start 0.5,0.5 \
        --iters 20 -o "$T/o.txt"
done

# --- refusals ---------------------------------------------------------------
fails_with 2 "rnnscape optimize: --momentum: not used by --optimizer adam" \
    "an option the optimiser ignores is refused" rns optimize --optimizer adam --momentum 0.9
fails_with 2 "rnnscape optimize: --beta1, --delta0: not used by --optimizer sgd" \
    "every ignored option is named" rns optimize --delta0 0.1 --beta1 0.5
fails_with 2 "rnnscape optimize: --delta-min: not used by --optimizer rprop-tutorial" \
    "the tutorial's RProp has no bounds" rns optimize --optimizer rprop-tutorial --delta-min 1e-3
fails_with 2 "rnnscape optimize: --lr: not used by --optimizer irprop-" \
    "RProp takes --delta0, not --lr" rns optimize --optimizer irprop- --lr 0.1
fails_with 2 "rnnscape optimize: --delta0: expected a value in [--delta-min, --delta-max]" \
    "delta0 above delta-max is refused" rns optimize --optimizer rprop+ --delta0 100 --delta-max 1
fails_with 2 "rnnscape optimize: --delta0: expected a value in [--delta-min, --delta-max]" \
    "delta0 below delta-min is refused" rns optimize --optimizer irprop- --delta0 1e-9 --delta-min 1e-6
fails_with 2 "rnnscape optimize: --delta-min: expected at most --delta-max" \
    "delta-min above delta-max is refused" rns optimize --optimizer irprop+ --delta-min 2 --delta-max 1 --delta0 1.5
fails_with 2 "rnnscape optimize: --nesterov: needs momentum > 0 and dampening 0" \
    "nesterov without momentum is refused (as torch does)" rns optimize --nesterov
fails_with 2 "rnnscape optimize: --lr: expected a number >= 0, got '-1'" \
    "a negative learning rate is refused" rns optimize --lr -1
fails_with 2 "rnnscape optimize: --beta2: expected a number in [0, 1), got '1'" \
    "beta2 = 1 is refused" rns optimize --optimizer adam --beta2 1
fails_with 2 "rnnscape optimize: --clip-norm: expected a number > 0, got '0'" \
    "a zero clipping threshold is refused" rns optimize --clip-norm 0
fails_with 2 "rnnscape optimize: --clip-value: cannot be combined with --clip-norm" \
    "the two clippings are exclusive" rns optimize --clip-norm 1 --clip-value 1
fails_with 2 "rnnscape optimize: --optimizer: " "an unknown optimiser is refused" \
    rns optimize --optimizer nadam
fails_with 2 "rnnscape optimize: --lr: " "a non-number is refused" rns optimize --lr 1e
rns optimize --optimizer adam --momentum 1 -o "$T/refused.txt" 2>/dev/null
test ! -e "$T/refused.txt"
ok $? "a refused run leaves no output file"

# --- a run that overflows stops there, and says so -------------------------
exits 0 "sgd --lr 0.01 from (-1.5, 2) overflows and stops" rns optimize --lr 0.01 -o "$T/div.txt"
grep -q 'not finite at iteration' "$T/err"
ok $? "stderr says where the loss stopped being finite"
tail -n 1 "$T/div.txt" | grep -q '^# stopped: the loss, the gradient or the step from it is not finite at iteration '
ok $? "the trace ends with a '# stopped' line"
cmp_ok "$(data_lines "$T/div.txt" | wc -l)" '<' 20 "and holds only the iterates up to there"

# --- a step that leaves the finite numbers (0/0 with eps 0, a jump by
# g/eps with alpha 1) ends the trace at the last finite iterate: no NaN --
printf '1 0 1\n' >"$T/d1.txt"
for run in "--optimizer rmsprop --alpha 1 --iters 50" \
    "--optimizer adam --eps 0 --start 0,0 --data $T/d1.txt" \
    "--optimizer adagrad --eps 0 --start 0,0 --data $T/d1.txt" \
    "--optimizer rmsprop --eps 0 --centered --start 0,0 --data $T/d1.txt"; do
    # shellcheck disable=SC2086
    rns optimize $run -o "$T/stop.txt" >"$T/stop.out" 2>/dev/null
    rc=$?
    ok "$([ "$rc" -eq 0 ] && ! grep -qiw -e nan -e -nan "$T/stop.txt" "$T/stop.out"; echo $?)" \
        "optimize $run: exit 0 (got $rc), no NaN in the trace or the final line"
done
done_testing
