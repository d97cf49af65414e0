#!/bin/sh
# bench/run.sh BENCH SCRIPT RNNSCAPE [bench options]: `make bench`.
# Finds the first python3 that can import NumPy (/usr/bin/python3 first:
# a python3 earlier on PATH, e.g. pyenv's, may lack NumPy), then runs the
# C benchmark, which prints the table.
bench=$1 script=$2 cli=$3
shift 3
py=
for cand in /usr/bin/python3 $(command -v -a python3 2>/dev/null) /usr/local/bin/python3; do
    if [ -x "$cand" ] && "$cand" -c 'import numpy' >/dev/null 2>&1; then
        py=$cand
        break
    fi
done
if [ -z "$py" ]; then
    echo "# no python3 with NumPy found: the NumPy comparison is skipped"
fi
exec "$bench" --python "$py" --script "$script" --rnnscape "$cli" "$@"
