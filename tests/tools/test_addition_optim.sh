#!/bin/sh
# rnnscape addition train --optimizer: SGD at the tutorial's rate is the
# tutorial's update (the same log), the optimisers' options are checked
# against what each optimiser uses, and the files name the optimiser.
# (The values against torch.optim are pinned in test_addition_optim.c.)
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "the tutorial's update" rns addition train --rng numpy --seed 0
mv "$T/out" "$T/tutorial.log"
exits 0 "--optimizer sgd --lr 0.1" rns addition train --rng numpy --seed 0 --optimizer sgd --lr 0.1
cmp -s "$T/out" "$T/tutorial.log"
ok $? "prints seed 000's log: SGD at lr 0.1 is the tutorial's W += 0.1 dW"
is "$(head -1 "$T/out")" "Error:[ 3.45638663]" "(its first line)"

exits 0 "adam writes its files" rns addition train --rng numpy --seed 0 --optimizer adam --lr 0.01 \
    --iters 300 --every 100 -q --curve "$T/curve.dat" --eval "$T/eval.dat"
grep -q '^# optimizer: adam (Adam), one step per sum on its E; lr 0.01; .*beta1 0.9; beta2 0.999' "$T/curve.dat"
ok $? "the header names the optimiser and every parameter it uses"
! grep -q '^# alpha:' "$T/curve.dat"
ok $? "and not the tutorial's alpha"
is "$(grep -vc '^#' "$T/curve.dat")" 300 "one curve line per iteration"
is "$(awk '!/^#/ && NF { print $1 }' "$T/eval.dat" | tr '\n' ' ')" "0 100 200 300 " \
    "checkpoints 0, 100, 200 and the final 300"

# From the command line, as torch.optim (tests/pinned/torch_addition.py).
exits 0 "adam, 2000 steps from seed 000's stream" rns addition train --rng numpy --seed 0 \
    --optimizer adam --lr 0.01 --iters 2000 -q --save "$T/adam.dat"
near "$(awk '!/^#/ && $1 == 0 { print $5 }' "$T/adam.dat")" -3.6604485612033777 1e-8 \
    "W0[0][0] is torch.optim.Adam's"
near "$(awk '!/^#/ && $1 == 303 { print $5 }' "$T/adam.dat")" -0.72567298940715397 1e-8 \
    "Wh[15][15] is torch.optim.Adam's"

fails_with 2 "rnnscape addition train: --lr: needs --optimizer" "--lr without --optimizer" \
    rns addition train --lr 0.1
fails_with 2 "rnnscape addition train: --clip-norm: needs --optimizer" "clipping without --optimizer" \
    rns addition train --clip-norm 1
fails_with 2 "rnnscape addition train: --momentum: not used by --optimizer adam" \
    "an option the optimiser ignores" rns addition train --optimizer adam --momentum 0.9
fails_with 2 "rnnscape addition train: --optimizer:" "an unknown optimiser" \
    rns addition train --optimizer lbfgs
fails_with 2 "rnnscape addition train: --alpha: expected a number >= 0, got '-1'" "RMSprop's alpha out of its domain" \
    rns addition train --optimizer rmsprop --alpha -1
fails_with 2 "rnnscape addition train: --beta1: expected a number in [0, 1), got '1'" \
    "a value outside torch's domain names the option and the text" \
    rns addition train --optimizer adam --beta1 1
fails_with 2 "rnnscape addition train: --clip-value: cannot be combined with --clip-norm" "both clippings" \
    rns addition train --optimizer sgd --clip-norm 1 --clip-value 1
fails_with 2 "rnnscape addition train: --lr: missing value" "--lr: missing value" \
    rns addition train --optimizer sgd --lr
exits 0 "rmsprop takes --alpha as its smoothing constant" \
    rns addition train --optimizer rmsprop --alpha 0.9 --iters 10 -q --curve "$T/r.dat"
grep -q '; alpha 0.9;' "$T/r.dat"
ok $? "and says so in the header"
done_testing
