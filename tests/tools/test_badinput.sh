#!/bin/sh
# test_badinput.sh: the bad input of the foundation issue, for every
# subcommand it applies to: --grid 0, --wx 3:-3, --wx 1e, a missing --data
# file, a ragged --data file, an unknown option.  Each must end with exactly
# one line on stderr, "rnnscape CMD: ...", exit 2; a new -o file must not
# appear, an existing -o target must be left byte for byte as it was, and
# no temporary file may be left beside it.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/tools/taplib.sh"

printf '0 1 1 2\n1 1 2\n' >"$T/ragged.txt"
mkdir "$T/o"
echo "precious old contents" >"$T/o/old.txt"
old_sum=$(cksum <"$T/o/old.txt")

# bad CMD DESC ARGS...: three tests: the one-line exit-2 failure with a new
# -o target, then again onto an existing target, checking the files.
bad() {
    cmd=$1
    desc=$2
    shift 2
    # gradcheck writes -o only as a sweep: select one (a later --grid wins).
    if [ "$cmd" = gradcheck ]; then
        set -- --grid 3 "$@"
    fi
    fails_with 2 "rnnscape $cmd: " "$cmd $desc: one line, exit 2" rns "$cmd" "$@" -o "$T/o/new.txt"
    test ! -e "$T/o/new.txt"
    ok $? "$cmd $desc: no -o file is created"
    rns "$cmd" "$@" -o "$T/o/old.txt" >/dev/null 2>&1
    test "$(cksum <"$T/o/old.txt")" = "$old_sum" &&
        test "$(ls "$T/o")" = old.txt
    ok $? "$cmd $desc: an existing -o target is untouched, no temporary file left"
}

for c in surface gradcheck; do
    bad $c "--grid 0" --grid 0
    grep -q -- "--grid" "$T/err" && grep -q "'0'" "$T/err"
    ok $? "$c --grid 0: the line names the option and the bad text"
    bad $c "--wx 3:-3" --wx 3:-3
    grep -q -- "--wx.*'3:-3'" "$T/err"
    ok $? "$c --wx 3:-3: the line names the option and the bad text"
    bad $c "--wx 1e" --wx 1e
    grep -q -- "--wx.*'1e'" "$T/err"
    ok $? "$c --wx 1e: the line names the option and the bad text"
    bad $c "--wrec 1e" --wrec 1e
done
for c in data surface gradtime gradcheck rprop; do
    bad $c "--data MISSING" --data "$T/no-such-file.txt"
    grep -q "no-such-file.txt" "$T/err"
    ok $? "$c --data MISSING: the line names the file"
    bad $c "--data RAGGED" --data "$T/ragged.txt"
    grep -q "ragged.txt.*line 2" "$T/err"
    ok $? "$c --data RAGGED: the line names the file and line 2"
    bad $c "--frobnicate" --frobnicate
    grep -q -- "--frobnicate" "$T/err"
    ok $? "$c --frobnicate: the line names the option"
done
for c in predict tutorial; do
    fails_with 2 "rnnscape $c: " "$c --frobnicate: one line, exit 2" rns $c --frobnicate
done
# Point options.
bad gradcheck "--at 1e,2" --at 1e,2
bad gradtime "--point 1e,2" --point 1e,2
bad rprop "--start 1e,2" --start 1e,2
done_testing
