#!/bin/sh
# test_usage.sh: --version, --help of the program and of every subcommand
# (exit 0, a usage text on stdout, nothing on stderr), a missing or unknown
# subcommand (exit 2, one line), and `rnnscape tutorial` printing the
# tutorial's three results.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "rnnscape --version exits 0" rns --version
grep -q '^rnnscape [0-9][0-9.]*' "$T/out"
ok $? "--version prints 'rnnscape VERSION'"
exits 0 "rnnscape --help exits 0" rns --help
grep -q '^Usage: rnnscape COMMAND' "$T/out"
ok $? "--help prints the usage"
for c in data surface gradtime gradcheck rprop predict tutorial; do
    grep -q "^  $c " "$T/out"
    ok $? "--help lists '$c'"
done

for c in data surface gradtime gradcheck rprop predict tutorial; do
    exits 0 "rnnscape $c --help exits 0" rns "$c" --help
    grep -q "^Usage: rnnscape $c" "$T/out"
    ok $? "rnnscape $c --help prints its usage"
    test ! -s "$T/err"
    ok $? "rnnscape $c --help is silent on stderr"
    exits 0 "rnnscape $c -h exits 0" rns "$c" -h
done
# Options the usage names exist.
rns surface --help | grep -q -- '--method exact|brute'
ok $? "surface --help documents --method"
rns gradtime --help | grep -q -- '--scale loss|tutorial'
ok $? "gradtime --help documents --scale"
rns rprop --help | grep -q -- '--variant'
ok $? "rprop --help documents --variant"

fails_with 2 "rnnscape: " "an unknown subcommand: one line, exit 2" rns frobnicate
grep -q frobnicate "$T/err"
ok $? "the line names the unknown subcommand"
fails_with 2 "rnnscape: " "no subcommand: one line, exit 2" rns
fails_with 2 "rnnscape: " "an unknown global option: one line, exit 2" rns --frobnicate

# The main job: the tutorial's printed results.
exits 0 "rnnscape tutorial exits 0" rns tutorial
grep -q 'Final weights are: wx = 1.0014, wRec = 0.9997' "$T/out"
ok $? "tutorial prints the RProp final weights"
grep -q 'Target output: 5 vs Model output: 5.00' "$T/out"
ok $? "tutorial prints the test-sequence prediction"
grep -q 'No gradient errors found' "$T/out"
ok $? "tutorial prints the gradient check's verdict"
fails_with 2 "rnnscape tutorial: " "tutorial rejects an unknown option" rns tutorial --bogus
done_testing
