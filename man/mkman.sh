#!/bin/sh
# mkman.sh: writes the manual pages of rnnscape from its own --help texts,
# so that the pages and the program can never disagree.
#
#   sh mkman.sh HELP2MAN RNNSCAPE OUTDIR
#
# Writes OUTDIR/rnnscape.1 from `rnnscape --help`, and one page per
# subcommand listed under "Commands:" there (OUTDIR/rnnscape-surface.1
# from `rnnscape surface --help`, ...), as git does; a subcommand whose help
# lists commands of its own (`rnnscape addition`) gets a page for each of
# them too (rnnscape-addition-train.1).  OUTDIR/pages lists the pages
# written, one a line, for `make install` and `make uninstall`.
set -eu

help2man=$1
rnnscape=$2
out=$3

case $rnnscape in
/*) ;;
*) rnnscape=$(pwd)/$rnnscape ;;
esac
version=$("$rnnscape" --version | sed -n '1s/^rnnscape //p')
test -n "$version" || { echo "mkman.sh: '$rnnscape --version' printed no version" >&2; exit 1; }

mkdir -p "$out/bin"
: >"$out/pages.tmp"

# commands_of CMD...: "NAME SUMMARY" for every command listed under
# "Commands:" in the help of rnnscape CMD... (the summary's first line).
commands_of() {
    "$rnnscape" "$@" --help | awk '
        /^Commands:/ { on = 1; next }
        on && /^[^ ]/ { on = 0 }
        on && /^  [a-z]/ { name = $1; $1 = ""; sub(/^ +/, ""); print name " " $0 }'
}

# page NAME SUMMARY SEEALSO CMD...: OUTDIR/NAME.1 from `rnnscape CMD... --help`.
page() {
    name=$1 summary=$2 seealso=$3
    shift 3
    wrapper=$out/bin/$name
    # help2man runs the program it is given; this one is named after the
    # page and runs the subcommand.
    {
        echo '#!/bin/sh'
        printf 'exec "%s"' "$rnnscape"
        for w in "$@"; do printf ' %s' "$w"; done
        echo ' "$@"'
    } >"$wrapper"
    chmod +x "$wrapper"
    printf '[SEE ALSO]\n%s\n' "$seealso" >"$out/bin/$name.h2m"
    "$help2man" --no-info --section=1 --version-string="$version" \
        --source="rnnscape $version" --manual="rnnscape manual" \
        --name="$summary" --include="$out/bin/$name.h2m" \
        --output="$out/$name.1.tmp" "$wrapper"
    mv -f "$out/$name.1.tmp" "$out/$name.1"
    echo "$name.1" >>"$out/pages.tmp"
}

all=$(commands_of | awk '{ print $1 }')
seealso=
for c in $all; do
    seealso="$seealso${seealso:+,
}.BR rnnscape\\-$c (1)"
done
page rnnscape "looks inside the training of small recurrent networks" "$seealso"

commands_of | while read -r c summary; do
    page "rnnscape-$c" "$summary" ".BR rnnscape (1)" "$c"
    commands_of "$c" | while read -r s ssummary; do
        page "rnnscape-$c-$s" "$ssummary" ".BR rnnscape\\-$c (1)" "$c" "$s"
    done
done

rm -rf "$out/bin"
mv -f "$out/pages.tmp" "$out/pages"
