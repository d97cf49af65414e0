#!/bin/sh
# rnnscape addition: the shared option parser's messages, outputs that
# would collide, and the PCA landscape's separate trajectory file.
. "$top_srcdir/tests/tools/taplib.sh"

# One parser: missing values, stray arguments, -q as --quiet.
fails_with 2 "rnnscape addition train: --iters: missing value" "train --iters: missing value" \
    rns addition train --iters
fails_with 2 "rnnscape addition gradflow: unexpected argument 'extra'" \
    "gradflow names the stray argument" rns addition gradflow --weights w extra
fails_with 2 "rnnscape addition gradcheck: --pair: missing value" "gradcheck --pair: missing value" \
    rns addition gradcheck --pair
fails_with 2 "rnnscape addition landscape: --grid: missing value" "landscape --grid: missing value" \
    rns addition landscape --weights w --grid
exits 0 "-q still means --quiet" rns addition train -q --iters 5
test ! -s "$T/out"
ok $? "and prints nothing"

# Two outputs on one path are refused before anything is written.
fails_with 2 "rnnscape addition train: '$T/same.dat' is given for two outputs" \
    "one path for two outputs" rns addition train -q --iters 5 --curve "$T/same.dat" --eval "$T/same.dat"
test ! -e "$T/same.dat"
ok $? "and nothing is written"
mkdir "$T/d"
fails_with 2 "rnnscape addition train: '$T/d/addition-curve.dat' is given for two outputs" \
    "-o DIR's file named again" rns addition train -q --iters 5 -o "$T/d" --save "$T/d/addition-curve.dat"
done_testing
