# taplib.sh: a small TAP library for the CLI tests (POSIX sh).
#
# A test script sets top_srcdir (make check exports it) and sources this
# file.  It then has:
#   plan N | done_testing    the plan, before or after the tests
#   ok STATUS DESC           passes when STATUS is 0 (use: test ...; ok $? "...")
#   is GOT WANT DESC         string equality
#   near GOT WANT RTOL DESC  |got - want| <= rtol*|want| (awk; also inf = inf)
#   cmp_ok GOT OP WANT DESC  numerical comparison (awk), OP one of < <= > >= == !=
#   exits N DESC CMD...      CMD exits with status N (stdout -> $T/out,
#                            stderr -> $T/err)
#   fails_with N PREFIX DESC CMD...
#                            CMD exits N, prints nothing but one line on
#                            stderr, and that line starts with PREFIX
#   one_line_error RC N PREFIX DESC   the same check for a command run by
#                            hand (exit status RC, stderr in $T/err)
#   skip N REASON            N skipped tests
#   diag TEXT, bail_out TEXT
#   rns ARGS...              runs $RNNSCAPE ARGS under $RNNSCAPE_WRAP (a
#                            timeout, and valgrind when RNNSCAPE_VALGRIND=1)
#   T                        a private temporary folder, removed on exit
# Set TODO="reason" around tests that fail because of a known bug: they are
# then reported as "# TODO" (expected failures).

: "${top_srcdir:=.}"
if [ -z "${RNNSCAPE:-}" ]; then
    # Run by hand: prefer a build tree next to the sources, then PATH.
    if [ -n "${top_builddir:-}" ] && [ -x "$top_builddir/tools/rnnscape" ]; then
        RNNSCAPE=$top_builddir/tools/rnnscape
    elif [ -x "$top_srcdir/tools/rnnscape" ]; then
        RNNSCAPE=$top_srcdir/tools/rnnscape
    else
        RNNSCAPE=$(command -v rnnscape || echo rnnscape)
    fi
fi
export RNNSCAPE

# Every run of the program is bounded in time: a hang is a failure (exit
# 124 from timeout), never a stuck test suite.
: "${TAP_TIMEOUT:=300}"
RNNSCAPE_WRAP="timeout -k 10 $TAP_TIMEOUT"
if [ "${RNNSCAPE_VALGRIND:-0}" = 1 ]; then
    : "${VALGRIND:=valgrind}"
    RNNSCAPE_WRAP="$RNNSCAPE_WRAP $VALGRIND --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect -q"
fi

rns() {
    $RNNSCAPE_WRAP "$RNNSCAPE" "$@"
}

# The subcommands' one-line messages start "rnnscape CMD: ".
tap_n=0
tap_failed=0
tap_planned=
TODO=

plan() {
    tap_planned=$1
    echo "1..$1"
}

done_testing() {
    if [ -z "$tap_planned" ]; then
        echo "1..$tap_n"
    fi
}

diag() {
    # Each argument, and each line of it, as a TAP comment.
    for tap_l in "$@"; do
        printf '%s\n' "$tap_l"
    done | sed 's/^/# /'
}

bail_out() {
    echo "Bail out! $*"
    exit 1
}

ok() {
    tap_n=$((tap_n + 1))
    tap_suffix=
    if [ -n "$TODO" ]; then
        tap_suffix=" # TODO $TODO"
    fi
    if [ "$1" -eq 0 ]; then
        echo "ok $tap_n - $2$tap_suffix"
        return 0
    fi
    echo "not ok $tap_n - $2$tap_suffix"
    if [ -z "$TODO" ]; then
        tap_failed=$((tap_failed + 1))
    fi
    return 1
}

skip() {
    tap_i=0
    while [ "$tap_i" -lt "$1" ]; do
        tap_n=$((tap_n + 1))
        echo "ok $tap_n # SKIP $2"
        tap_i=$((tap_i + 1))
    done
}

is() {
    if [ "x$1" = "x$2" ]; then
        ok 0 "$3"
    else
        ok 1 "$3"
        diag "got:      '$1'" "expected: '$2'"
        return 1
    fi
}

# near GOT WANT RTOL DESC: a float comparison in awk (doubles).  Infinities
# compare equal to themselves; NaN never passes.
tap_near() {
    awk -v g="$1" -v w="$2" -v r="$3" 'BEGIN {
        if (g == "" || w == "") exit 1
        gl = tolower(g); wl = tolower(w)
        if (gl ~ /nan/ || wl ~ /nan/) exit 1
        if (gl ~ /inf/ || wl ~ /inf/) exit !(gl == wl || ("+" gl) == wl || gl == ("+" wl))
        g += 0; w += 0
        d = g - w; if (d < 0) d = -d
        a = w; if (a < 0) a = -a
        exit !(d <= r * a)
    }'
}

near() {
    if tap_near "$1" "$2" "$3"; then
        ok 0 "$4"
    else
        ok 1 "$4"
        diag "got:      '$1'" "expected: '$2' (relative tolerance $3)"
        return 1
    fi
}

# cmp_ok GOT OP WANT DESC: a numerical comparison in awk; OP is one of
# < <= > >= == !=.
cmp_ok() {
    if awk -v g="$1" -v op="$2" -v w="$3" 'BEGIN {
        if (g == "" || tolower(g) ~ /nan/) exit 1
        g += 0; w += 0
        if (op == "<") exit !(g < w)
        if (op == "<=") exit !(g <= w)
        if (op == ">") exit !(g > w)
        if (op == ">=") exit !(g >= w)
        if (op == "==") exit !(g == w)
        if (op == "!=") exit !(g != w)
        exit 1
    }'; then
        ok 0 "$4"
    else
        ok 1 "$4"
        diag "got '$1', expected $2 $3"
        return 1
    fi
}

# exits N DESC CMD...: the exit status of CMD is N.  Standard output and
# error are kept in $T/out and $T/err for further checks.
exits() {
    tap_want=$1
    tap_desc=$2
    shift 2
    "$@" >"$T/out" 2>"$T/err"
    tap_rc=$?
    if [ "$tap_rc" -eq "$tap_want" ]; then
        ok 0 "$tap_desc"
    else
        ok 1 "$tap_desc"
        diag "command: $*" "exit status $tap_rc, expected $tap_want" "stderr:" "$(head -n 5 "$T/err")"
        return 1
    fi
}

# fails_with N PREFIX DESC CMD...: CMD exits with N and its standard error
# is exactly one line, starting with PREFIX.  One TAP test.
fails_with() {
    tap_want=$1
    tap_prefix=$2
    tap_desc=$3
    shift 3
    "$@" >"$T/out" 2>"$T/err"
    one_line_error $? "$tap_want" "$tap_prefix" "$tap_desc" "$*"
}

# one_line_error RC N PREFIX DESC [COMMAND]: the check of fails_with, for a
# command run by hand with its standard error in $T/err and its exit
# status RC (for redirections fails_with cannot express).
one_line_error() {
    tap_lines=$(wc -l <"$T/err" | tr -d ' ')
    tap_first=$(head -n 1 "$T/err")
    tap_why=
    if [ "$1" -ne "$2" ]; then
        tap_why="exit status $1, expected $2"
    elif [ "$tap_lines" -ne 1 ]; then
        tap_why="$tap_lines lines on stderr, expected 1"
    else
        case $tap_first in
        "$3"*) ;;
        *) tap_why="stderr does not start with '$3'" ;;
        esac
    fi
    if [ -z "$tap_why" ]; then
        ok 0 "$4"
    else
        ok 1 "$4"
        diag "command: ${5:-}" "$tap_why" "stderr:" "$(head -n 5 "$T/err")"
        return 1
    fi
}

# The data lines of a file: no '#' header, no blank lines.
data_lines() {
    grep -v '^#' "$1" | grep -v '^[[:space:]]*$'
}

# A private temporary folder, removed however the script ends.
T=$(mktemp -d "${TMPDIR:-/tmp}/rnnscape-test.XXXXXX") || bail_out "mktemp -d failed"
tap_cleanup() {
    chmod -R u+rwx "$T" 2>/dev/null
    rm -rf "$T"
}
trap 'tap_cleanup' EXIT
trap 'tap_cleanup; exit 130' INT
trap 'tap_cleanup; exit 143' TERM

# An independent evaluation of the linear model (SPEC section 2) in awk,
# for checking the program's numbers.  Prepend it to an awk program:
#   awk "$REF_LINEAR"' BEGIN { ref_load("data.txt"); print ref_loss(1, 1) }'
# ref_load reads a data-set file (header '#' lines; inputs then target).
# ref_loss(wx, wr) is the loss; ref_grad(wx, wr) sets GX and GR by
# backpropagation through time.
REF_LINEAR='
function ref_load(path,    line, n, f, i) {
    M = 0
    while ((getline line < path) > 0) {
        if (line ~ /^#/ || line ~ /^[ \t\r]*$/) continue
        n = split(line, f)
        M++; TT = n - 1
        for (i = 1; i < n; i++) X[M, i] = f[i] + 0
        TGT[M] = f[n] + 0
    }
    close(path)
}
function ref_loss(wx, wr,    i, k, s, d, sum) {
    sum = 0
    for (i = 1; i <= M; i++) {
        s = 0
        for (k = 1; k <= TT; k++) s = s * wr + X[i, k] * wx
        d = TGT[i] - s
        sum += d * d
    }
    return sum / M
}
function ref_grad(wx, wr,    i, k, s, S, d) {
    GX = 0; GR = 0
    for (i = 1; i <= M; i++) {
        S[0] = 0
        for (k = 1; k <= TT; k++) S[k] = S[k - 1] * wr + X[i, k] * wx
        d = 2 / M * (S[TT] - TGT[i])
        for (k = TT; k >= 1; k--) {
            GX += d * X[i, k]
            GR += d * S[k - 1]
            d *= wr
        }
    }
}
'
