#!/bin/sh
# TAP test for the gnuplot scripts in plots/: render small figures from
# custom-range data written by rnnscape and check that each is a PNG of the
# size asked for.  Environment (set by `make check`): RNNSCAPE, the built
# binary; top_srcdir; GNUPLOT, empty when configure found no gnuplot.

if test -z "$GNUPLOT"; then
    echo "1..0 # SKIP gnuplot not found"
    exit 0
fi
: "${RNNSCAPE:?RNNSCAPE must name the rnnscape binary}"
: "${top_srcdir:?top_srcdir must be set}"
plots=$top_srcdir/plots

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnnscape-figtest.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

# check DESCRIPTION COMMAND...: one test, passing when COMMAND exits 0
check() {
    d=$1; shift
    if "$@" >"$tmp/out" 2>&1; then
        ok "$d"
    else
        notok "$d"; sed 's/^/# /' "$tmp/out"
    fi
}

# png_size FILE: prints "WIDTH HEIGHT" from the IHDR chunk (bytes 16..23);
# fails when FILE does not start with the PNG signature.
png_size() {
    sig=$(od -An -tu1 -N8 "$1" 2>/dev/null | tr -s ' \n' '  ' | sed 's/^ *//; s/ *$//')
    test "$sig" = "137 80 78 71 13 10 26 10" || return 1
    od -An -tu1 -j16 -N8 "$1" | tr -s ' \n' '  ' | awk '{
        printf "%d %d\n", (($1 * 256 + $2) * 256 + $3) * 256 + $4,
                          (($5 * 256 + $6) * 256 + $7) * 256 + $8 }'
}

# check_png DESCRIPTION FILE WIDTH HEIGHT: three tests
check_png() {
    if test -s "$2"; then ok "$1: file exists"; else notok "$1: file exists"; fi
    if size=$(png_size "$2"); then
        ok "$1: PNG signature"
    else
        notok "$1: PNG signature"; size=
    fi
    if test "$size" = "$3 $4"; then
        ok "$1: $3 x $4 pixels"
    else
        notok "$1: $3 x $4 pixels"; echo "# IHDR says '$size'"
    fi
}

# A custom-range surface (not the tutorial's) with the tutorial's points,
# drawn as one small panel.
check "surface data for w_x in [-1, 3], w_rec in [0, 2]" \
    "$RNNSCAPE" surface --wx -1:3 --wrec 0:2 --grid 30,20 -o "$tmp/s.dat"
check "gradtime data for the points" "$RNNSCAPE" gradtime -o "$tmp/g.dat"
check "loss-surface.gp draws them" "$GNUPLOT" -e "surfaces='$tmp/s.dat'; \
    points='$tmp/g.dat'; outfile='$tmp/s.png'; term='png'; width=320; height=240" \
    "$plots/loss-surface.gp"
check_png "loss surface" "$tmp/s.png" 320 240

# A range where the loss overflows to inf still draws, flat and in 3-D.
check "surface data that overflows" \
    "$RNNSCAPE" surface --wx -3:3 --wrec 3:60 --grid 12 --length 200 -o "$tmp/inf.dat"
if grep -q 'inf$' "$tmp/inf.dat"; then
    ok "the overflowing surface holds inf"
else
    notok "the overflowing surface holds inf"
fi
check "surface-3d.gp draws it" "$GNUPLOT" -e "surface='$tmp/inf.dat'; \
    outfile='$tmp/inf.png'; term='png'; width=300; height=200" \
    "$plots/surface-3d.gp"
check_png "3-D surface with overflow" "$tmp/inf.png" 300 200

echo "1..$n"
