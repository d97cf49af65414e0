#!/bin/sh
# test_data.sh: `rnnscape data` writes the tutorial's data set (NumPy's
# stream seeded with 1), files it writes load back through --data with
# identical results, and generated PCG data has the requested shape, true
# targets and is reproducible.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "data -o FILE" rns data -o "$T/tut.txt"
data_lines "$T/tut.txt" >"$T/rows"
is "$(wc -l <"$T/rows" | tr -d ' ')" 20 "20 sequences"
is "$(awk '{ print NF }' "$T/rows" | sort -u)" 11 "10 inputs and a target per line"
is "$(head -n 1 "$T/rows")" "0 1 0 0 0 0 0 0 0 1 2" "the first row is the tutorial's: 0 1 0 0 0 0 0 0 0 1, target 2"
is "$(awk '{ s += $NF } END { print s }' "$T/rows")" 103 "the targets sum to 103"
is "$(awk '{ c = 0; for (i = 1; i < NF; i++) { if ($i != 0 && $i != 1) bad++; c += $i } if (c != $NF) bad++ }
    END { print bad + 0 }' "$T/rows")" 0 "inputs are bits and each target is the count of ones"
grep -q '^# data: .*rng numpy, seed 1' "$T/tut.txt"
ok $? "the header names the generator and the seed"
exits 0 "data to standard output" rns data
is "$(data_lines "$T/out" | cksum)" "$(cksum <"$T/rows")" "standard output has the same rows"
exits 0 "data --rng numpy --seed 1 --samples 20 --length 10" rns data --rng numpy --seed 1 --samples 20 --length 10
is "$(data_lines "$T/out" | cksum)" "$(cksum <"$T/rows")" "explicit NumPy options regenerate the tutorial's data"

# --data of that file gives the same results as the default data.
rns surface -o "$T/s_default.txt"
exits 0 "surface --data FILE" rns surface --data "$T/tut.txt" -o "$T/s_file.txt"
is "$(grep -v '^#' "$T/s_file.txt" | cksum)" "$(grep -v '^#' "$T/s_default.txt" | cksum)" \
    "--data of the written file gives the same surface as the default"
exits 0 "rprop --data FILE" rns rprop --data "$T/tut.txt"
grep -q "final w_x 1.001355547207059 w_rec 0.99967447378464191 " "$T/out"
ok $? "rprop --data FILE reaches the tutorial's final weights"
exits 0 "data --data FILE (round trip)" rns data --data "$T/tut.txt"
is "$(data_lines "$T/out" | cksum)" "$(cksum <"$T/rows")" "data --data FILE writes the same rows back"
# A hand-written file: no header, tabs, and targets that are not counts.
printf '1\t0 1 5\n0 0 1 -2.5\n' >"$T/hand.txt"
exits 0 "surface --data of a hand-written file" rns surface --data "$T/hand.txt" --wx 1:2 --wrec 0:1 --grid 2
near "$(data_lines "$T/out" | awk '$1 == 1 && $2 == 1 { print $3 }')" \
    "$(awk 'BEGIN { print ((5 - 2)^2 + (-2.5 - 1)^2) / 2 }')" 1e-15 \
    "loss at (1, 1) of a hand-written file is computed from its own targets"

# PCG data of a given shape.
exits 0 "data --samples 7 --length 5 --seed 3" rns data --samples 7 --length 5 --seed 3 -o "$T/p.txt"
data_lines "$T/p.txt" >"$T/prows"
is "$(wc -l <"$T/prows" | tr -d ' ')" 7 "7 rows"
is "$(awk '{ print NF }' "$T/prows" | sort -u)" 6 "5 bits and a target per row"
is "$(awk '{ c = 0; for (i = 1; i < NF; i++) { if ($i != 0 && $i != 1) bad++; c += $i } if (c != $NF) bad++ }
    END { print bad + 0 }' "$T/prows")" 0 "bits, and each target is the count of ones"
grep -q '^# data: 7 sequences of 5 bits.*rng pcg, seed 3' "$T/p.txt"
ok $? "the header says PCG, seed 3"
cp "$T/p.txt" "$T/p1.txt"
rns data --samples 7 --length 5 --seed 3 -o "$T/p.txt"
cmp -s "$T/p.txt" "$T/p1.txt"
ok $? "reproducible: the same command writes the same bytes"
# Regression value (PCG32 itself is proven in tests/src/test_pcg32.c).
is "$(tr '\n' '|' <"$T/prows")" "1 0 0 0 0 1|1 1 1 0 1 4|1 0 1 1 1 4|0 1 0 1 0 2|1 1 1 0 1 4|1 0 0 0 0 1|0 1 1 0 1 3|" \
    "the rows of PCG seed 3 are unchanged (regression)"
rns data --samples 7 --length 5 --seed 4 | grep -v '^#' >"$T/p4"
cmp -s "$T/p4" "$T/prows"
ok $((! $?)) "seed 4 gives other rows"
rns data --samples 7 --length 5 --seed 3 --rng numpy | grep -v '^#' >"$T/pn"
cmp -s "$T/pn" "$T/prows"
ok $((! $?)) "--rng numpy gives other rows than PCG"
is "$(head -n 1 "$T/pn")" "1 1 0 1 1 4" "--rng numpy --seed 3: first row from NumPy's stream (0.55, 0.71, 0.29, 0.51, 0.89 rounded)"

# Large generated sets are balanced (a broken generator would not be).
rns data --samples 10000 --length 10 --seed 7 | grep -v '^#' >"$T/big"
is "$(wc -l <"$T/big" | tr -d ' ')" 10000 "10000 rows"
cmp_ok "$(awk '{ s += $NF } END { print s / NR }' "$T/big")" '>' 4.95 "mean count above 4.95"
cmp_ok "$(awk '{ s += $NF } END { print s / NR }' "$T/big")" '<' 5.05 "mean count below 5.05"
done_testing
