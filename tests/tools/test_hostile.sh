#!/bin/sh
# test_hostile.sh (issue 6): the malformed values a user or a script will
# type, for every subcommand and option, and hostile data files.  Each case
# either works and its result is checked, or ends with exactly one line on
# stderr ("rnnscape CMD: ..." naming the option or file) and exit 2: never
# a crash (exit >= 128), a hang (every run is under `timeout`), or a
# partial output file (checked with -o wherever -o applies).
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

mkdir "$T/o"
# refused CMD OPTNAME ARGS...: one line naming OPTNAME, exit 2, and (when
# the subcommand takes -o) no output file left.
refused() {
    r_cmd=$1
    r_name=$2
    shift 2
    case $r_cmd in
    predict | tutorial) r_o= ;;
    *) r_o=yes ;;
    esac
    if [ -n "$r_o" ]; then
        if [ "$r_cmd" = gradcheck ]; then
            set -- --grid 2 "$@"   # -o needs a sweep; a later --grid wins
        fi
        fails_with 2 "rnnscape $r_cmd: " "$r_cmd $*: one line, exit 2" rns "$r_cmd" "$@" -o "$T/o/out.txt"
    else
        fails_with 2 "rnnscape $r_cmd: " "$r_cmd $*: one line, exit 2" rns "$r_cmd" "$@"
    fi
    r_ok=$?
    if [ -n "$r_name" ] && [ "$r_ok" -eq 0 ] && ! grep -q -F -- "$r_name" "$T/err"; then
        diag "the message does not name '$r_name': $(cat "$T/err")"
        ok 1 "$r_cmd $*: the message names $r_name"
    fi
    if [ -n "$r_o" ] && [ -n "$(ls "$T/o")" ]; then
        ok 1 "$r_cmd $*: left a file behind: $(ls "$T/o")"
        rm -f "$T/o"/*
    fi
}

# --- option values ---------------------------------------------------------
# Scalar numbers: empty, nan, inf, a trailing letter, hex, spaces, words.
for spec in "data --samples" "data --length" "data --seed" "gradcheck --eps" "gradcheck --rtol" \
    "gradcheck --atol" "rprop --iters" "rprop --eta-plus" "rprop --eta-minus" "rprop --delta0" \
    "rprop --delta-min" "rprop --delta-max" "surface --grid" "gradcheck --grid"; do
    set -- $spec
    for v in "" nan inf -inf 1e 0x10 "1 " " 1" abc 1,2,3 --; do
        refused "$1" "$2" "$2" "$v"
    done
done
# Words from a fixed list.
for spec in "data --rng" "data --activation" "surface --method" "surface --format" "gradtime --scale" \
    "rprop --variant" "surface --activation"; do
    set -- $spec
    for v in "" bogus PCG "tanh " 1; do
        refused "$1" "$2" "$2" "$v"
    done
done
for v in "" bogus; do refused predict --activation --weights 1,1 --activation "$v" 1 0; done
# Ranges: empty, non-finite, trailing letters, hex, zero-width, reversed, malformed.
for spec in "surface --wx" "surface --wrec" "gradcheck --wx" "gradcheck --wrec"; do
    set -- $spec
    for v in "" nan:1 1:inf -inf:0 1e:2 0x10:20 1:1 0:0 3:-3 : 1: :1 1:2:3 "1 :2" abc 1,2; do
        refused "$1" "$2" "$2" "$v"
    done
done
# Points.
for spec in "gradtime --point" "gradcheck --at" "rprop --start"; do
    set -- $spec
    for v in "" nan,1 1,inf 1e,2 0x10,1 , 1, ,1 1 1,2,3 "1 ,2" abc 1:2; do
        refused "$1" "$2" "$2" "$v"
    done
done
for v in "" nan,1 1,inf 1e,2 0x10,1 , 1 1,2,3; do
    refused predict --weights --weights "$v" 1 0
done
# Sequence values for predict.
for v in "" nan inf 1e 0x1 x; do
    refused predict "" --weights 1,1 0 "$v" 1
done

# Grid sizes: 0 and negative are refused, 1 is valid (the axis holds LO).
for c in surface gradcheck; do
    refused $c --grid --grid 0
    refused $c --grid --grid -5
    refused $c --grid --grid 0,5
    refused $c --grid --grid 5,-1
    refused $c --grid --grid +5
done
exits 0 "surface --grid 1 works" rns surface --wx 2:3 --wrec -1:1 --grid 1
is "$(data_lines "$T/out" | awk '{ print $1, $2 }')" "2 -1" "--grid 1 is the single point (LO_x, LO_rec)"
exits 0 "surface --grid 1,3 works" rns surface --wx 2:3 --wrec -1:1 --grid 1,3
is "$(data_lines "$T/out" | awk '{ printf "%s,%s ", $1, $2 }')" "2,-1 2,0 2,1 " "--grid 1,3: x stays at LO, w_rec spans its range"
exits 0 "gradcheck --grid 1 works" rns gradcheck --grid 1
grep -q 'over 1 points' "$T/out"
ok $? "gradcheck --grid 1 checks one point"

# Grids too large are refused at once, before anything is allocated (a
# timeout of 20 s would catch an attempt to compute them).
for g in 1000001 1000001,1 100000,100000 20001,20000 1000000,1000000 99999999999999999999; do
    for c in surface gradcheck; do
        fails_with 2 "rnnscape $c: " "$c --grid $g is refused at once" timeout 20 "$RNNSCAPE" $c --grid $g -o "$T/o/big.txt"
        test ! -e "$T/o/big.txt"
        ok $? "$c --grid $g: no output file"
    done
done
exits 0 "--grid 20000,20000 (exactly the limit) is accepted and parsed" rns surface --grid 20000,20000 --help
# Data sets too large to generate.
refused data --samples --samples 100000000 --length 100000000
refused surface --samples --samples 100000 --length 100000

# Repeated options: the last one counts; --point accumulates.
exits 0 "repeated --wx: the last wins" rns surface --wx 0:1 --wx 5:6 --grid 2
is "$(data_lines "$T/out" | awk '{ print $1 }' | sort -u | tr '\n' ' ')" "5 6 " "--wx 0:1 --wx 5:6 uses 5:6"
exits 0 "repeated --point" rns gradtime --point 1,1 --point 2,2 --point 1,1
is "$(grep -c '^# point' "$T/out")" 3 "each --point gives a block (3)"
exits 0 "repeated --at" rns gradcheck --at 5,5 --at 1.2,1.2
is "$(awk '$1 == "w_x" { print $2 }' "$T/out")" 274.59542913321798 "the last --at counts"
refused surface --data --data "$T/none" --samples 3
refused surface "" --wx 0:1 extra-argument
refused surface --wx --wx
refused gradtime --point --point
refused rprop --iters --iters
fails_with 2 "rnnscape gradcheck: " "gradcheck -o at a single point: one line, exit 2" \
    rns gradcheck --at 1,1 -o "$T/o/x.txt"
test ! -e "$T/o/x.txt"
ok $? "... and no file"

# Unknown options, in several spellings.
for c in data surface gradtime gradcheck rprop predict tutorial; do
    for o in --frobnicate -z --wx=1:2:3 ---; do
        case "$c $o" in
        "surface --wx=1:2:3" | "gradcheck --wx=1:2:3") refused $c --wx "$o" ;;
        *) refused $c "" "$o" ;;
        esac
    done
done
fails_with 2 "rnnscape: " "an empty subcommand name" rns ""
fails_with 2 "rnnscape: " "a subcommand name with a slash" rns ../surface

# --- data files -------------------------------------------------------------
rns data -o "$T/tut.txt"
data_lines "$T/tut.txt" >"$T/tutrows"
rns surface --grid 7 >"$T/ref_surface"
# data_refused DESC FILE: every subcommand that reads data refuses FILE.
data_refused() {
    for c in data surface gradtime gradcheck rprop; do
        refused $c "" --data "$2"
    done
    grep -q -F -- "$(basename "$2")" "$T/err"
    ok $? "$1: the message names the file"
}
data_refused "missing file" "$T/does-not-exist.txt"
: >"$T/empty.txt"
data_refused "empty file" "$T/empty.txt"
data_refused "/dev/null" /dev/null
mkdir "$T/adir"
data_refused "a directory" "$T/adir"
printf '# only comments\n\n   \n' >"$T/comments.txt"
data_refused "only comments and blank lines" "$T/comments.txt"
printf '1\n2\n' >"$T/onecol.txt"
data_refused "one column (no inputs)" "$T/onecol.txt"
printf '0 1 1 2\n1 1 2\n' >"$T/ragged.txt"
data_refused "ragged rows" "$T/ragged.txt"
grep -q 'line 2' "$T/err"
ok $? "ragged: the message names line 2"
printf '0 1 1 2\n0 1 x 1\n' >"$T/nonnum.txt"
data_refused "a non-numeric value" "$T/nonnum.txt"
grep -q "line 2.*'x'" "$T/err"
ok $? "non-numeric: the message names line 2 and the value"
for v in nan NaN inf -inf Infinity 1e999 -1e400 0x10 1e 1..2 --1; do
    printf '0 1 1 2\n1 %s 1 2\n' "$v" >"$T/bad.txt"
    data_refused "the value '$v'" "$T/bad.txt"
done
# Found by this suite (fixed in 6ef11fa): a signed hex number was accepted.
for v in -0x10 +0x1p3 -0X1 +0x0; do
    printf '0 1 1 2\n1 %s 1 2\n' "$v" >"$T/bad.txt"
    fails_with 2 "rnnscape surface: " "the value '$v' in a data file is refused" rns surface --data "$T/bad.txt"
done
printf '1 2\0003 4\n' >"$T/nul.txt"
data_refused "a NUL byte" "$T/nul.txt"
head -c 4096 "$RNNSCAPE" >"$T/binary.dat"
data_refused "binary garbage" "$T/binary.dat"
if [ "$(id -u)" -ne 0 ]; then
    cp "$T/tut.txt" "$T/unreadable.txt"
    chmod 000 "$T/unreadable.txt"
    data_refused "an unreadable file" "$T/unreadable.txt"
else
    skip 6 "running as root: chmod 000 does not stop reading"
fi

# Files that must work, checked against the tutorial's data.
sed 's/$/\r/' "$T/tutrows" >"$T/crlf.txt"
exits 0 "CRLF line ends are accepted" rns surface --grid 7 --data "$T/crlf.txt"
is "$(grep -v '^#' "$T/out" | cksum)" "$(grep -v '^#' "$T/ref_surface" | cksum)" "CRLF data gives the tutorial's surface"
printf '%s' "$(cat "$T/tutrows")" >"$T/nolf.txt"
exits 0 "no newline at the end is accepted" rns surface --grid 7 --data "$T/nolf.txt"
is "$(grep -v '^#' "$T/out" | cksum)" "$(grep -v '^#' "$T/ref_surface" | cksum)" "... and gives the tutorial's surface"
awk '{ $1 = $1; gsub(/ /, "\t  "); print "   " $0 "  # comment"; print "" }' "$T/tutrows" >"$T/spaced.txt"
exits 0 "tabs, extra spaces, blank lines and trailing comments are accepted" rns surface --grid 7 --data "$T/spaced.txt"
is "$(grep -v '^#' "$T/out" | cksum)" "$(grep -v '^#' "$T/ref_surface" | cksum)" "... and give the tutorial's surface"
awk '{ for (i = 1; i <= NF; i++) $i = $i ".0e0"; print }' "$T/tutrows" >"$T/float.txt"
exits 0 "numbers written as 1.0e0 are accepted" rns surface --grid 7 --data "$T/float.txt"
is "$(grep -v '^#' "$T/out" | cksum)" "$(grep -v '^#' "$T/ref_surface" | cksum)" "... and give the tutorial's surface"

# A 10 MB line: one sequence of 5 000 000 ones, target 3.
awk 'BEGIN { for (i = 0; i < 5000000; i++) printf "1 "; print 3 }' >"$T/longline.txt"
exits 0 "a 10 MB line is read" rns surface --data "$T/longline.txt" --wx 1:2 --wrec 1:2 --grid 2
near "$(data_lines "$T/out" | awk '$1 == 1 && $2 == 1 { print $3 }')" 24999970000009 1e-12 \
    "10 MB line: loss at (1, 1) is (5e6 - 3)^2"
is "$(data_lines "$T/out" | awk '$2 == 2 { print tolower($3) }' | sort -u)" inf "10 MB line: w_rec = 2 overflows to inf"
exits 0 "data --data of a 10 MB line" rns data --data "$T/longline.txt" -o "$T/o/long.txt"
is "$(data_lines "$T/o/long.txt" | awk '{ print NF, $NF }')" "5000001 3" "... writes it back whole"
rm -f "$T/o/long.txt"

# 10^6 rows.
awk 'BEGIN { for (i = 0; i < 1000000; i++) print "0 1 1 0 0 1 0 0 0 1 4" }' >"$T/rows.txt"
exits 0 "10^6 rows are read" rns surface --data "$T/rows.txt" --wx 1:2 --wrec 1:2 --grid 2
is "$(data_lines "$T/out" | awk '$2 == 1 { printf "%.17g ", $3 }')" "0 16 " "10^6 rows: loss 0 at (1, 1) and 16 at (2, 1)"
exits 0 "rprop on 10^6 rows" rns rprop --data "$T/rows.txt" --iters 3 -o "$T/o/r.txt"
is "$(data_lines "$T/o/r.txt" | wc -l | tr -d ' ')" 4 "... writes 4 iterates"
rm -f "$T/o/r.txt"

# A long sequence on the command line.
exits 0 "predict with 20000 inputs" rns predict --weights 1,1 $(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "1 " }')
is "$(sed -n 1p "$T/out")" "Target output: 20000 vs Model output: 20000.00" "... counts them all"

# -o onto something that cannot be written.
fails_with 3 "rnnscape surface: " "-o into a missing folder: one line, exit 3" rns surface -o "$T/nowhere/x.txt"
fails_with 3 "rnnscape surface: " "-o onto a folder: one line, exit 3" rns surface -o "$T/adir"
fails_with 3 "rnnscape surface: " "-o '': one line, exit 3" rns surface -o ""
done_testing
