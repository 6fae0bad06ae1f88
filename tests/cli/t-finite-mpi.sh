#!/bin/sh
# ntkdepth finite under MPI: 2 ranks on loopback give the same bytes as one
# process with 1 thread and as one process with 2 threads.  Skips (77)
# when mpirun is not installed.  CI runs as root: --allow-run-as-root.
exe="$1"
command -v mpirun >/dev/null 2>&1 || { echo "mpirun not found: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
args="finite --quiet --width 8 --n0 6 --depth 1:8 --sigma-w2 0.8,2,3 --samples 64 --format csv"
"$exe" $args --threads 1 --out "$tmp/one.csv" || { echo "FAIL plain run"; exit 1; }
"$exe" $args --threads 2 --out "$tmp/two.csv" || { echo "FAIL 2-thread run"; exit 1; }
timeout 300 mpirun --allow-run-as-root --oversubscribe -np 2 "$exe" $args --threads 1 \
    --out "$tmp/mpi.csv" || { echo "FAIL mpirun -np 2"; exit 1; }
cmp "$tmp/one.csv" "$tmp/two.csv" || { echo "FAIL 1 thread vs 2 threads"; exit 1; }
cmp "$tmp/one.csv" "$tmp/mpi.csv" || { echo "FAIL 1 process vs 2 MPI ranks"; exit 1; }
# bad input under mpirun: exit 2
timeout 300 mpirun --allow-run-as-root --oversubscribe -np 2 "$exe" finite --samples 0 2>/dev/null
[ $? != 0 ] || { echo "FAIL bad input under mpirun exits 0"; exit 1; }
echo "3 passed, 0 failed"
