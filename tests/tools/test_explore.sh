#!/bin/sh
# TAP test for `rnnscape explore`, headless: under Xvfb, xdotool zooms with
# gnuplot's right-button box, presses the keys and clicks, and the test
# checks the working folder: the recomputed view covers the zoomed range
# at full resolution, the points, traces and activation switch are there,
# a saved picture is a PNG, and the temporary folder goes on exit.
# Skips where Xvfb, xdotool or a gnuplot with an interactive terminal is
# missing.
. "${top_srcdir:-.}/tests/tools/taplib.sh"

: "${RNNSCAPE_PLOTDIR:=$top_srcdir/plots}"
export RNNSCAPE_PLOTDIR

# --- refused before any window opens -------------------------------------
fails_with 2 "rnnscape explore: -o: explore writes into its working folder" "-o is refused" \
    rns explore -o "$T/x"
fails_with 2 "rnnscape explore: --grid:" "a bad --grid" rns explore --grid 0
fails_with 2 "rnnscape explore: --terminal: expected" "an unknown --terminal" \
    rns explore --terminal png
fails_with 3 "rnnscape explore: no display" "no DISPLAY: exit 3" \
    env -u DISPLAY "$RNNSCAPE" explore --workdir "$T/nodisplay"
test ! -e "$T/nodisplay"
ok $? "and no working folder made"

gnuplot=${GNUPLOT:-$(command -v gnuplot || true)}
why=
if ! command -v Xvfb >/dev/null 2>&1; then
    why="Xvfb not found"
elif ! command -v xdotool >/dev/null 2>&1; then
    why="xdotool not found"
elif [ -z "$gnuplot" ]; then
    why="gnuplot not found"
else
    terms=$("$gnuplot" -e 'print GPVAL_TERMINALS' 2>&1)
    case " $terms " in
    *" qt "* | *" x11 "* | *" wxt "*) ;;
    *) why="this gnuplot has no interactive terminal (gnuplot-qt or gnuplot-x11)" ;;
    esac
fi
if [ -n "$why" ]; then
    skip 24 "$why"
    done_testing
    exit 0
fi
GNUPLOT=$gnuplot
export GNUPLOT

# --- a private X server ----------------------------------------------------
Xvfb -displayfd 5 -screen 0 1280x1024x24 -nolisten tcp 5>"$T/display" >"$T/xvfb.log" 2>&1 &
xvfb=$!
explore=
cleanup() {
    [ -n "$explore" ] && kill "$explore" 2>/dev/null
    kill "$xvfb" 2>/dev/null
    wait 2>/dev/null
    tap_cleanup
}
trap 'cleanup' EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# wait_for SECONDS CMD...: polls CMD every 0.2 s; fails after SECONDS.
wait_for() {
    tries=$(($1 * 5))
    shift
    while ! "$@" >/dev/null 2>&1; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || return 1
        sleep 0.2
    done
}
wait_for 20 test -s "$T/display"
ok $? "Xvfb starts" || diag "$(cat "$T/xvfb.log")"
DISPLAY=:$(head -n 1 "$T/display")
export DISPLAY

# stop_explore: waits for the session (killing it if it still runs) and
# sets rc to its exit status; never hangs.
stop_explore() {
    kill -0 "$explore" 2>/dev/null && kill "$explore"
    wait "$explore"
    rc=$?
}
window() { xdotool search --onlyvisible --name 'rnnscape explore' | head -n 1; }
has_window() { test -n "$(window)"; }
# key K: presses K in the window, then lets gnuplot act on it
key() {
    xdotool key "$1"
    sleep "${2:-1}"
}
at() { xdotool mousemove --window "$W" "$1" "$2"; }
# press_until KEY CMD...: presses KEY until CMD succeeds (a key pressed
# while gnuplot is still busy with the previous one can be lost on a loaded
# machine); waits up to 20 s after each of three presses.
press_until() {
    k=$1
    shift
    for attempt in 1 2 3; do
        xdotool key "$k"
        wait_for 20 "$@" && { sleep 1; return 0; }
    done
    return 1
}
# click_until CMD...: the same for a left click at the mouse position.
click_until() {
    for attempt in 1 2 3; do
        xdotool click 1
        wait_for 20 "$@" && { sleep 1; return 0; }
    done
    return 1
}

W=$T/w
rns explore --workdir "$W" --grid 60 --wx -3:3 --wrec -3:3 >"$T/explore.out" 2>&1 &
explore=$!
wait_for 30 test -s "$W/view-001.dat" && wait_for 30 has_window
ok $? "the window opens on the first view" || diag "$(cat "$T/explore.out")"
W=$(window)
xdotool windowfocus --sync "$W" 2>/dev/null
at 480 400
sleep 1
WD=$T/w

# --- zoom with gnuplot's right-button box, then z ---------------------------
at 560 250
xdotool click 3
sleep 0.5
at 700 450
xdotool click 3
sleep 1
press_until z test -s "$WD/view-002.dat"
ok $? "z recomputes the zoomed range as view 2"
line=$(grep '^view 2:' "$WD/views.log")
range=$(echo "$line" | sed -n 's/.*--wx \([^ ]*\) --wrec \([^ ]*\) .*/\1 \2/p' | tr ':' ' ')
set -- $range
x0=$1 x1=$2 y0=$3 y1=$4
cmp_ok "$(echo "$x0 $x1 $y0 $y1" | awk '{ r = $1 > -3 && $2 < 3 && $3 > -3 && $4 < 3 && $1 < $2 && $3 < $4; print r }')" == 1 \
    "the zoomed range lies inside the first view's" || diag "range: $x0 $x1 $y0 $y1"
cmp_ok "$(echo "$x0 $x1" | awk '{ print $2 - $1 }')" "<" 4 "and is narrower than it"
# gnuplot's box: from the pixel (560, 250) to (700, 450) of a 960-wide
# window; w_x grows to the right and w_rec upwards
cmp_ok "$x0" ">" 0 "the box starts right of w_x = 0 (clicked at 560 of 960 pixels)"
cmp_ok "$y1" ">" 0 "and reaches above w_rec = 0"
ext=$(data_lines "$WD/view-002.dat" | awk 'NR == 1 { a = b = $1; c = d = $2 }
    { if ($1 < a) a = $1; if ($1 > b) b = $1; if ($2 < c) c = $2; if ($2 > d) d = $2; n++ }
    END { printf "%.17g %.17g %.17g %.17g %d\n", a, b, c, d, n }')
set -- $ext
near "$1" "$x0" 1e-12 "the data start at the zoom's w_x"
near "$2" "$x1" 1e-12 "and end at its w_x"
near "$3" "$y0" 1e-12 "the data start at the zoom's w_rec"
near "$4" "$y1" 1e-12 "and end at its w_rec"
is "$5" 3600 "at full resolution: 60 x 60 points"

# --- keys and clicks -------------------------------------------------------
at 480 400
press_until p test -s "$WD/points-linear.dat"
ok $? "p computes the six points"
at 500 380
press_until t test -s "$WD/trace-001.dat"
ok $? "t starts a trace at the mouse"
start=$(data_lines "$WD/trace-001.dat" | head -n 1 | awk '{ print $2, $3 }')
set -- $start
cmp_ok "$(echo "$1 $2 $x0 $x1 $y0 $y1" | awk '{ r = $1 >= $3 && $1 <= $4 && $2 >= $5 && $2 <= $6; print r }')" == 1 \
    "from a point inside the view"
key o 2
at 620 300
click_until test -s "$WD/trace-002.dat"
ok $? "a left click starts another trace"
grep -q '^trace 2: .*rprop+' "$WD/views.log"
ok $? "with the next optimiser (o)" || diag "$(cat "$WD/views.log")"
press_until a test -s "$WD/view-003.dat"
grep -q '^# model: .*tanh' "$WD/view-003.dat"
ok $? "a recomputes the view with the next activation (tanh)"
key c 2
saved() { ls "$WD" | grep -q '^view-003-.*\.png$'; }
press_until s saved
png=$(ls "$WD" | grep '^view-003-.*\.png$' | head -n 1)
test -n "$png" && od -An -c -N4 "$WD/$png" | grep -q 'P   N   G'
ok $? "s saves the view as a PNG" || diag "$(ls "$WD")"
grep -q 'rs_scale = "data"' "$WD/${png%.png}.gp"
ok $? "c switched the colour range to the data's"
press_until b grep -q '^back to view 2' "$WD/views.log"
ok $? "b goes back to the previous view"
press_until Escape sh -c "! kill -0 $explore"
ok $? "Escape ends explore"
stop_explore
is "$rc" 0 "with exit status 0"
explore=
test -s "$WD/view-001.dat" && test -s "$WD/views.log"
ok $? "--workdir keeps every view"

# --- without --workdir the temporary folder goes on exit --------------------
mkdir "$T/tmp"
TMPDIR=$T/tmp "$RNNSCAPE" explore --grid 20 --length 7 --samples 30 >"$T/explore2.out" 2>&1 &
explore=$!
wait_for 30 sh -c 'ls "$0"/*/view-001.dat' "$T/tmp" && wait_for 30 has_window
ok $? "a second session opens in a temporary folder"
grep -q '^# data: 30 sequences of 7 bits' "$T"/tmp/*/view-001.dat
ok $? "its views are computed from the data options given (--length 7 --samples 30)"
W=$(window)
xdotool windowfocus --sync "$W" 2>/dev/null
at 480 400
sleep 1
press_until Escape sh -c "! kill -0 $explore"
stop_explore
is "$rc" 0 "Escape ends it with exit status 0"
explore=
# (Qt may leave its own runtime folder there)
is "$(ls -A "$T/tmp" | grep '^rnnscape')" "" "and its temporary folder is gone"
done_testing
