#!/bin/sh
# test_gradtime.sh: `rnnscape gradtime` gives the tutorial's red line (4120
# at every timestep at (2, 1)), the true gradient by default (4120/M^2 =
# 10.3, named as such in the header), six blocks for the tutorial's six
# points, and per-step values that agree with an awk backpropagation.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

exits 0 "gradtime --scale tutorial --point 2,1" rns gradtime --scale tutorial --point 2,1
data_lines "$T/out" >"$T/tut"
is "$(wc -l <"$T/tut" | tr -d ' ')" 11 "11 timesteps (0 .. -10)"
is "$(awk '{ printf "%s ", $1 } END { print "" }' "$T/tut")" "0 -1 -2 -3 -4 -5 -6 -7 -8 -9 -10 " \
    "steps run 0, -1, ..., -10 (backpropagation order)"
is "$(awk '{ print $5 }' "$T/tut" | sort -u)" 4120 "4120 at every one of the 11 timesteps"
grep -q '^# quantity: the tutorial' "$T/out"
ok $? "the header names the tutorial's quantity"

exits 0 "gradtime --point 2,1 (default scale)" rns gradtime --point 2,1
data_lines "$T/out" >"$T/loss"
is "$(wc -l <"$T/loss" | tr -d ' ')" 11 "11 timesteps"
is "$(awk '{ printf "%.15g\n", $5 }' "$T/loss" | sort -u)" 10.3 "10.3 (= 4120/400) at every timestep"
grep -q '^# quantity: .*the true gradient' "$T/out"
ok $? "the default header says it is the true gradient"
is "$(awk '{ print $2 }' "$T/loss" | tr '\n' ' ')" "10 9 8 7 6 5 4 3 2 1 0 " "column k runs T .. 0"

exits 0 "gradtime --scale loss is the default" rns gradtime --scale loss --point 2,1
is "$(data_lines "$T/out" | cksum)" "$(cksum <"$T/loss")" "--scale loss equals the default"

# No --point: the tutorial's six, one gnuplot block each, in order.
exits 0 "gradtime with no --point" rns gradtime -o "$T/six.txt"
is "$(grep -c '^# point' "$T/six.txt")" 6 "six blocks"
is "$(grep '^# point' "$T/six.txt" | tr '\n' ' ')" \
    "# point (2, 1) # point (1, 2) # point (1, -2) # point (1, 0) # point (1, 0.5) # point (1, -0.5) " \
    "the tutorial's six points in its order"
is "$(grep -v '^#' "$T/six.txt" | awk 'NF == 0 { b++; if (prev == 0) dbl++ } { prev = NF }
    END { print b + 0, dbl + 0 }')" "10 5" "blocks are separated by two blank lines"
is "$(data_lines "$T/six.txt" | wc -l | tr -d ' ')" 66 "66 rows: 6 points x 11 steps"

# Each row against awk: sum_i dxi/dS_ik = w_rec^(T-k) * sum_i (2/M)(y_i - t_i).
rns data -o "$T/data.txt"
bad=$(data_lines "$T/six.txt" | awk -v DATA="$T/data.txt" "$REF_LINEAR"'
    BEGIN { ref_load(DATA) }
    { wx = $3; wr = $4; k = $2
      g = 0
      for (i = 1; i <= M; i++) { s = 0; for (j = 1; j <= TT; j++) s = s * wr + X[i, j] * wx; g += 2 / M * (s - TGT[i]) }
      for (j = TT; j > k; j--) g *= wr
      d = $5 - g; if (d < 0) d = -d; a = g < 0 ? -g : g
      if (d > 1e-12 * a) { bad++; print > "/dev/stderr" } }
    END { print bad + 0 }')
is "$bad" 0 "all 66 gradients agree with awk to 1e-12"
# The exploding and vanishing shapes the figure shows.
near "$(data_lines "$T/six.txt" | awk '$3 == 1 && $4 == 2 && $1 == -10 { printf "%.17g", $5 / 1024 }')" \
    "$(data_lines "$T/six.txt" | awk '$3 == 1 && $4 == 2 && $1 == 0 { print $5 }')" \
    1e-15 "at (1, 2) the gradient grows by 2^10 over 10 steps"
is "$(data_lines "$T/six.txt" | awk '$3 == 1 && $4 == 0 && $1 < 0 && $5 != 0 { n++ } END { print n + 0 }')" 0 \
    "at (1, 0) the gradient vanishes before the last step"

# The tutorial scale is M^2 times the true gradient at every point.
rns gradtime --scale tutorial -o "$T/sixt.txt"
is "$(paste "$T/six.txt" "$T/sixt.txt" | grep -v '^#' | awk 'NF == 10 {
        d = $10 - 400 * $5; if (d < 0) d = -d; a = $10 < 0 ? -$10 : $10
        if (d > 1e-12 * a) bad++; n++ } END { print n, bad + 0 }')" "66 0" \
    "--scale tutorial is 400 (= M^2) times the true gradient at all 66 rows"
done_testing
