#!/bin/sh
# test_mpi.sh: placeholder
. "$top_srcdir/tests/tools/taplib.sh"
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
[ "${RNNSCAPE_WITH_MPI:-no}" = yes ] || skip_all "built without MPI (./configure --with-mpi)"
