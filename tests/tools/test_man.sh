#!/bin/sh
# TAP tests for the manual pages (man/mkman.sh): one page per command that
# `rnnscape --help` lists, each made from that command's --help, so every
# option the help names is on its page.
. "${top_srcdir:-.}/tests/tools/taplib.sh"

if [ -z "${HELP2MAN:-}" ] || ! command -v "$HELP2MAN" >/dev/null 2>&1; then
    echo "1..0 # SKIP help2man not found"
    exit 0
fi

sh "$top_srcdir/man/mkman.sh" "$HELP2MAN" "$RNNSCAPE" "$T/man" >"$T/out" 2>&1
ok $? "mkman.sh writes the pages" || diag "$(head -n 5 "$T/out")"

test -s "$T/man/rnnscape.1"
ok $? "rnnscape.1"
commands=$("$RNNSCAPE" --help | awk '/^Commands:/ { on = 1; next } on && /^[^ ]/ { on = 0 }
    on && /^  [a-z]/ { print $1 }')
test -n "$commands"
ok $? "rnnscape --help lists commands"
for c in $commands; do
    test -s "$T/man/rnnscape-$c.1"
    ok $? "rnnscape-$c.1"
done
for s in train gradcheck gradflow landscape; do
    test -s "$T/man/rnnscape-addition-$s.1"
    ok $? "rnnscape-addition-$s.1"
done
is "$(wc -l <"$T/man/pages" | tr -d ' ')" "$(ls "$T/man" | grep -c '\.1$')" \
    "the list of pages names every page"

# Every long option in `rnnscape surface --help` is on its page (help2man
# escapes '-' as '\-').
missing=
for o in $("$RNNSCAPE" surface --help | grep -o -e '--[a-z][a-z-]*' | sort -u); do
    sed 's/\\-/-/g' "$T/man/rnnscape-surface.1" | grep -q -e "$o" || missing="$missing $o"
done
is "$missing" "" "every option of surface --help is on rnnscape-surface(1)"
grep -q '^\.TH RNNSCAPE-SURFACE "1"' "$T/man/rnnscape-surface.1"
ok $? "its title is RNNSCAPE-SURFACE(1)"
version=$("$RNNSCAPE" --version | sed 's/^rnnscape //')
grep -q "rnnscape $version" "$T/man/rnnscape-surface.1"
ok $? "it names version $version"
grep -q 'rnnscape\\-surface' "$T/man/rnnscape.1"
ok $? "rnnscape(1) refers to rnnscape-surface(1)"
if command -v man >/dev/null 2>&1; then
    man -l "$T/man/rnnscape-plot.1" 2>/dev/null | grep -q "rnnscape plot KIND"
    ok $? "man formats rnnscape-plot(1) with its synopsis"
else
    skip 1 "man not installed"
fi
test ! -e "$T/man/bin"
ok $? "no helper files left"
done_testing
