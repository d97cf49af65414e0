#!/bin/sh
# test_atomic.sh (issue 6): -o is atomic.  A long run killed midway with
# SIGINT, SIGTERM or SIGKILL leaves the old file (or no file), never a torn
# one; SIGINT and SIGTERM also remove the temporary file.  -o onto a device
# or a FIFO writes in place; a symbolic link is followed and kept; a
# replaced file keeps its mode; a full or closed standard output is an
# error (exit >= 2, one line), not silence.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

# (rprop computes the whole trace before it opens the output, so the
# temporary file appears only after a few seconds.)
# wait_for_tmp TARGET: waits (up to 60 s) until TARGET.tmp.XXXXXX exists and
# holds data, so the kill lands while the output is being written.
wait_for_tmp() {
    w_i=0
    while [ "$w_i" -lt 600 ]; do
        for w_f in "$1".tmp.??????; do
            if [ -s "$w_f" ]; then
                return 0
            fi
        done
        sleep 0.1
        w_i=$((w_i + 1))
    done
    return 1
}

# interrupt SIG WANT_RC OLD DESC ARGS...: runs rnnscape ARGS -o FILE in the
# background (FILE holding OLD, or absent when OLD is empty), sends SIG
# once the temporary file is being written, and checks the exit status,
# the target, and (for catchable signals) that no temporary file is left.
interrupt() {
    i_sig=$1
    i_rc=$2
    i_old=$3
    i_desc=$4
    shift 4
    rm -rf "$T/k"
    mkdir "$T/k"
    if [ -n "$i_old" ]; then
        printf '%s\n' "$i_old" >"$T/k/out.txt"
    fi
    # Run directly (no timeout wrapper) so the signal reaches rnnscape; a
    # watchdog ends it if the test goes wrong.
    "$RNNSCAPE" "$@" -o "$T/k/out.txt" >/dev/null 2>"$T/k.err" &
    i_pid=$!
    (sleep 120; kill -9 "$i_pid" 2>/dev/null) &
    i_dog=$!
    if wait_for_tmp "$T/k/out.txt"; then
        sleep 0.3
        kill -"$i_sig" "$i_pid"
        wait "$i_pid"
        i_got=$?
    else
        kill -9 "$i_pid" 2>/dev/null
        wait "$i_pid"
        i_got=never-started
    fi
    kill "$i_dog" 2>/dev/null
    wait "$i_dog" 2>/dev/null
    is "$i_got" "$i_rc" "$i_desc: killed by SIG$i_sig midway (exit $i_rc)"
    if [ -n "$i_old" ]; then
        is "$(cat "$T/k/out.txt" 2>&1)" "$i_old" "$i_desc: the old file is intact after SIG$i_sig"
    else
        test ! -e "$T/k/out.txt"
        ok $? "$i_desc: no file appears after SIG$i_sig"
    fi
    i_left=$(ls "$T/k" | grep -c '^out\.txt\.tmp\.')
    if [ "$i_sig" = KILL ]; then
        # SIGKILL cannot be caught: the temporary file may stay, but it
        # is never the target.
        is "$(ls "$T/k" | grep -v '^out\.txt\.tmp\.' | tr '\n' ' ')" "$([ -n "$i_old" ] && echo 'out.txt ')" \
            "$i_desc: after SIGKILL only a temporary file can be left besides the target"
    else
        is "$i_left" 0 "$i_desc: SIG$i_sig leaves no temporary file"
    fi
}

OLD="the old contents, line 1"
interrupt INT 130 "$OLD" "rprop --iters 3000000" rprop --iters 3000000
interrupt INT 130 "" "rprop --iters 3000000, no old file" rprop --iters 3000000
interrupt TERM 143 "$OLD" "rprop --iters 3000000" rprop --iters 3000000
interrupt KILL 137 "$OLD" "rprop --iters 3000000" rprop --iters 3000000
interrupt KILL 137 "" "rprop --iters 3000000, no old file" rprop --iters 3000000
interrupt INT 130 "$OLD" "surface --grid 3000 --method brute" surface --grid 3000 --method brute
interrupt KILL 137 "$OLD" "surface --grid 3000 --method brute" surface --grid 3000 --method brute
interrupt HUP 129 "$OLD" "data --samples 5000000" data --samples 5000000

# A finished run replaces the file whole and keeps its mode.
printf 'old\n' >"$T/mode.txt"
chmod 640 "$T/mode.txt"
exits 0 "surface -o over an existing file" rns surface --grid 5 -o "$T/mode.txt"
is "$(data_lines "$T/mode.txt" | wc -l | tr -d ' ')" 25 "the file now holds the new grid"
is "$(ls -l "$T/mode.txt" | cut -c1-10)" "-rw-r-----" "the replaced file keeps its mode (640)"
is "$(ls "$T" | grep -c '\.tmp\.')" 0 "no temporary file is left after success"

# A symbolic link is followed: the file it names is replaced, the link stays.
printf 'old\n' >"$T/real.txt"
ln -s real.txt "$T/link.txt"
exits 0 "surface -o onto a symbolic link" rns surface --grid 4 -o "$T/link.txt"
test -L "$T/link.txt"
ok $? "the link is still a link"
is "$(data_lines "$T/real.txt" | wc -l | tr -d ' ')" 16 "the file it names holds the output"

# Devices and FIFOs are written in place, never renamed over.
exits 0 "-o /dev/null" rns surface --grid 5 -o /dev/null
test -c /dev/null
ok $? "/dev/null is still a character device"
if mkfifo "$T/fifo"; then
    cat "$T/fifo" >"$T/fromfifo" &
    c_pid=$!
    exits 0 "-o FIFO" rns surface --grid 6 -o "$T/fifo"
    wait "$c_pid"
    test -p "$T/fifo"
    ok $? "the FIFO is still a FIFO"
    rns surface --grid 6 >"$T/direct"
    is "$(grep -v '^# command' "$T/fromfifo" | cksum)" "$(grep -v '^# command' "$T/direct" | cksum)" \
        "the FIFO's reader got the whole output"
    is "$(ls "$T" | grep -c '^fifo\.tmp')" 0 "no temporary file beside the FIFO"
else
    skip 5 "mkfifo failed"
fi

# A full or closed standard output is an error, with one line.
for c in data surface gradtime gradcheck rprop tutorial "predict --weights 1,1 1 0"; do
    if [ -w /dev/full ]; then
        rns $c >/dev/full 2>"$T/err"
        one_line_error $? 3 "rnnscape ${c%% *}: " "$c >/dev/full: one line, exit 3"
    else
        skip 1 "no /dev/full"
    fi
    rns $c 2>"$T/err" >&-
    one_line_error $? 3 "rnnscape ${c%% *}: " "$c with standard output closed: one line, exit 3"
done
rns rprop -o "$T/r.txt" >/dev/full 2>"$T/err"
one_line_error $? 3 "rnnscape rprop: " "rprop -o FILE >/dev/full: the final weights cannot be printed: exit 3"
# Found by this suite (fixed in 6ef11fa): --help and --version were silent.
for c in --version --help "surface --help" "rprop --help" "predict --help"; do
    if [ -w /dev/full ]; then
        rns $c >/dev/full 2>"$T/err"
        one_line_error $? 3 "rnnscape" "$c >/dev/full: one line, exit 3"
    else
        skip 1 "no /dev/full"
    fi
done
done_testing
