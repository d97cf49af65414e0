#!/bin/sh
# test_cli.sh: the one option parser (tools/cli_data.c, cli_parse_args) as
# every two-weight command meets it: missing values, ambiguous and unknown
# options, stray arguments named, control bytes escaped, abbreviations and
# --opt=value, negative numbers as values; and options at their documented
# defaults change nothing (issue 14).
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

for c in data surface gradtime gradcheck; do
    fails_with 2 "rnnscape $c: --seed: missing value" "$c --seed at the end: 'missing value'" rns $c --seed
    fails_with 2 "rnnscape $c: ambiguous option '--s'" "$c --s: 'ambiguous', not unknown" rns $c --s 3
    grep -q -- '--samples' "$T/err" && grep -q -- '--seed' "$T/err"
    ok $? "$c --s names the candidates"
    fails_with 2 "rnnscape $c: unknown option '--frobnicate'" "$c --frobnicate: unknown" rns $c --frobnicate
    fails_with 2 "rnnscape $c: unexpected arguments 'a', 'b'" "$c: every stray argument named" rns $c a b
    fails_with 2 "rnnscape $c: --help: takes no value" "$c --help=x: takes no value" rns $c --help=x
done
fails_with 2 "rnnscape predict: --weights: missing value" "predict --weights at the end" rns predict --weights
fails_with 2 "rnnscape predict: unknown option '--nope'" "predict --nope" rns predict --nope 1 0
fails_with 2 "rnnscape surface: -o: missing value" "surface -o at the end" rns surface -o
fails_with 2 "rnnscape surface: unknown option '-x'" "an unknown short option" rns surface -x

# Control bytes in echoed text are escaped, in messages and in headers.
rns surface --wx "$(printf '1\033[31m:2')" 2> "$T/err"
grep -q '\\x1b\[31m' "$T/err" && ! grep -q "$(printf '\033')" "$T/err"
ok $? "an escape byte in a bad value is shown as \\x1b"
rns surface --bogus "$(printf 'a\nb')" 2> "$T/err"; rns surface "$(printf 'a\nb')" 2> "$T/err"
is "$(wc -l < "$T/err" | tr -d ' ')" 1 "a newline in a stray argument stays on one line"
grep -q 'a\\x0ab' "$T/err"
ok $? "and is shown as \\x0a"
printf '1 0 1\n0 1 1\n' > "$T/$(printf 'd\tx').dat"
rns surface --grid 2 --data "$T/$(printf 'd\tx').dat" -o "$T/h.txt"
ok $? "surface reads a data file whose name holds a tab"
is "$(grep -c "$(printf '\t')" "$T/h.txt")" 0 "the header shows the tab escaped"

# Abbreviations, --opt=value, negative values.
exits 0 "unambiguous abbreviations and --opt=value" rns surface --gri=3 --wx=-1:1 --wre -2:2
is "$(grep -c '^-1 -2 ' "$T/out")" 1 "they take effect (first point -1, -2)"
exits 0 "predict: a sequence may start with a negative number" rns predict --weights 1,1 -1 2
is "$(awk '$1 == "target" { print $4 }' "$T/out")" 1 "(-1 then 2 gives 1)"
exits 0 "predict: -- before the sequence" rns predict --weights 1,1 -- -1 -1
is "$(awk '$1 == "target" { print $4 }' "$T/out")" -2 "(-1 -1 gives -2)"

# Options at their documented defaults change nothing.
for c in data surface gradtime rprop; do
    rns $c > "$T/d0.txt" || echo fail
    for o in "--seed 1" "--samples 20" "--length 10" "--target count" "--rng numpy" \
        "--activation linear" "--samples 20 --seed 1 --length 10"; do
        rns $c $o | grep -v '^# command' > "$T/d1.txt"
        grep -v '^# command' "$T/d0.txt" | cmp -s - "$T/d1.txt" || echo "$c $o"
    done
done > "$T/diff.txt"
is "$(cat "$T/diff.txt")" "" "data, surface, gradtime, rprop: an option at its default changes nothing"
for c in surface gradtime gradcheck; do
    rns $c > "$T/e0.txt"; rns $c --s0 0 > "$T/e1.txt"
    grep -v '^# command' "$T/e0.txt" > "$T/e0b.txt"; grep -v '^# command' "$T/e1.txt" > "$T/e1b.txt"
    cmp -s "$T/e0b.txt" "$T/e1b.txt" || echo "$c --s0 0"
done > "$T/diff.txt"
is "$(cat "$T/diff.txt")" "" "--s0 0 (its default) changes nothing"
exits 0 "rprop --seed 1 keeps the tutorial's data" rns rprop --seed 1
grep -q "the tutorial's" "$T/out"
ok $? "(its header says the tutorial's data)"
exits 0 "data --rng pcg" rns data --rng pcg
grep -q 'rng pcg, seed 1' "$T/out"
ok $? "an explicit --rng pcg still gives PCG data"
done_testing
