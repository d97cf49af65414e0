#!/bin/sh
# test_surface.sh: `rnnscape surface` writes the tutorial's left panel
# (50 x 50 np.linspace points over [-3, 3]^2) in gnuplot's grid layout; the
# exact (separable) and brute methods agree to 1e-12, and both agree with
# an independent awk evaluation of the loss.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "surface --wx -3:3 --wrec -3:3 --grid 50 -o FILE" \
    rns surface --wx -3:3 --wrec -3:3 --grid 50 -o "$T/exact.txt"
grep -v '^#' "$T/exact.txt" >"$T/body"
is "$(grep -c . "$T/body")" 2500 "2500 values"
is "$(grep -c '^$' "$T/body")" 49 "49 blank lines: one between each two of the 50 rows"
is "$(awk 'NF == 0 { if (prev == 0) bad++ } { prev = NF } END { print bad + 0, prev }' "$T/body")" "0 3" \
    "no doubled blank line and none at the end"
is "$(awk 'NF { print NF }' "$T/body" | sort -u)" 3 "every line is 'w_x w_rec loss'"
# Rows of constant w_rec, blocks of 50.
is "$(awk 'BEGIN { r = 0; n = 0; bad = 0 }
    NF == 0 { if (n != 50) bad++; r++; n = 0; next }
    { if (n == 0) wr = $2; else if ($2 != wr) bad++; n++ }
    END { if (n != 50) bad++; print r + 1, bad }' "$T/body")" "50 0" \
    "50 rows of 50 points, w_rec constant along a row"

# The coordinates are np.linspace(-3, 3, 50): start + i*step, the last = stop.
linspace() { # lo hi n
    awk -v lo="$1" -v hi="$2" -v n="$3" 'BEGIN {
        if (n == 1) { printf "%.17g\n", lo; exit }
        step = (hi - lo) / (n - 1)
        for (i = 0; i < n - 1; i++) printf "%.17g\n", i * step + lo
        printf "%.17g\n", hi }'
}
linspace -3 3 50 >"$T/ls"
awk 'NF { print $1 }' "$T/body" | head -n 50 | awk '{ printf "%.17g\n", $1 }' >"$T/wx"
cmp -s "$T/ls" "$T/wx"
ok $? "the w_x of a row are np.linspace(-3, 3, 50), bit for bit"
awk 'NF && !seen[$2]++ { printf "%.17g\n", $2 }' "$T/body" >"$T/wr"
cmp -s "$T/ls" "$T/wr"
ok $? "the w_rec of the rows are np.linspace(-3, 3, 50), bit for bit"

# The values against awk.
rns data -o "$T/data.txt"
is "$(awk -v DATA="$T/data.txt" "$REF_LINEAR"'
    BEGIN { ref_load(DATA) }
    NF { r = ref_loss($1, $2); d = $3 - r; if (d < 0) d = -d; if (d > 1e-12 * r) bad++ }
    END { print bad + 0 }' "$T/body")" 0 "all 2500 losses agree with an awk forward pass to 1e-12"
is "$(awk 'NF && $1 == -3 && $2 == -3 { print $3 }' "$T/body")" 1021727227.2 "loss at (-3, -3) is 1021727227.2"

# --method brute agrees to 1e-12 relative, at the same points.
exits 0 "--method brute" rns surface --wx -3:3 --wrec -3:3 --grid 50 --method brute -o "$T/brute.txt"
grep -v '^#' "$T/brute.txt" >"$T/bbody"
is "$(awk '{ print NF ? $1 " " $2 : "" }' "$T/body" | cksum)" \
    "$(awk '{ print NF ? $1 " " $2 : "" }' "$T/bbody" | cksum)" "brute has the same points and layout"
is "$(paste "$T/body" "$T/bbody" | awk 'NF {
        d = $3 - $6; if (d < 0) d = -d; a = $6 < 0 ? -$6 : $6
        if (d > 1e-12 * a) bad++; if (d > max * a) max = d / a }
    END { printf "%d", bad }')" 0 "exact and brute agree to 1e-12 relative at all 2500 points"
grep -q '^# method: brute' "$T/brute.txt"
ok $? "the brute file's header names its method"

# The tutorial's right panel: [-0.1, 2.1]^2, exact vs brute again.
rns surface --wx -0.1:2.1 --wrec -0.1:2.1 --grid 50 | grep -v '^#' >"$T/r1"
rns surface --wx -0.1:2.1 --wrec -0.1:2.1 --grid 50 --method brute | grep -v '^#' >"$T/r2"
is "$(paste "$T/r1" "$T/r2" | awk 'NF { d = $3 - $6; if (d < 0) d = -d; if (d > 1e-12 * $6) bad++; n++ }
    END { print n, bad + 0 }')" "2500 0" "right panel [-0.1, 2.1]^2: exact and brute agree"
# NX,NREC: 30 columns (w_x) by 40 rows (w_rec).
exits 0 "--grid 30,40" rns surface --grid 30,40 -o "$T/g.txt"
is "$(grep -v '^#' "$T/g.txt" | awk 'BEGIN { r = 0 } NF == 0 { r++; next } { n[r]++ } END {
        for (i = 0; i <= r; i++) if (n[i] != 30) bad++; print r + 1, bad + 0 }')" "40 0" \
    "--grid 30,40 gives 40 rows of 30 points"
is "$(data_lines "$T/g.txt" | awk '{ print $1 }' | sort -u | wc -l | tr -d ' ')" 30 "30 distinct w_x"
is "$(data_lines "$T/g.txt" | awk '{ print $2 }' | sort -u | wc -l | tr -d ' ')" 40 "40 distinct w_rec"

# A one-point axis holds just LO.
exits 0 "--grid 1 is valid" rns surface --wx 0.5:2 --wrec 1:3 --grid 1
is "$(data_lines "$T/out" | awk '{ print $1, $2 }')" "0.5 1" "--grid 1 computes the single point (LO_x, LO_rec)"

# A repeated option: the last one counts.
exits 0 "--grid 3 --grid 4" rns surface --grid 3 --grid 4
is "$(data_lines "$T/out" | wc -l | tr -d ' ')" 16 "the last --grid wins (4 x 4)"

# Standard output and -o write the same grid; runs are byte-identical.
rns surface --wx -3:3 --wrec -3:3 --grid 50 | grep -v '^#' | cmp -s - "$T/body"
ok $? "standard output and -o give the same values"
cp "$T/exact.txt" "$T/exact1.txt"
rns surface --wx -3:3 --wrec -3:3 --grid 50 -o "$T/exact.txt"
cmp -s "$T/exact.txt" "$T/exact1.txt"
ok $? "a second run is byte-identical"

# Overflow: a far w_rec gives inf, never nan or a wrapped number.
exits 0 "surface far out (w_rec up to 1e40)" rns surface --wx 1:2 --wrec 1e39:1e40 --grid 3 --method brute
is "$(data_lines "$T/out" | awk '{ print tolower($3) }' | sort -u)" inf "overflowing points are inf (brute)"
exits 0 "surface far out, exact" rns surface --wx 1:2 --wrec 1e39:1e40 --grid 3
is "$(data_lines "$T/out" | awk '{ print tolower($3) }' | sort -u)" inf "overflowing points are inf (exact)"
done_testing
