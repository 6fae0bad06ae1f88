#!/bin/sh
# Samples/s of `ntkdepth finite` with 1 and 2 threads and with 2 MPI ranks
# (when mpirun is there), on the paper's network (M = n0 = 100, depths
# 1..49, 11 inputs) at sigma_w^2 = 2; also checks that the outputs agree.
exe="$1"; samples=${2:-200}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
args="finite --quiet --timing --sigma-w2 2 --samples $samples --format csv"
"$exe" $args --threads 1 --out "$tmp/1.csv" 2>&1
"$exe" $args --threads 2 --out "$tmp/2.csv" 2>&1
cmp -s "$tmp/1.csv" "$tmp/2.csv" && echo "1 and 2 threads: identical output" || echo "1 and 2 threads: OUTPUT DIFFERS"
if command -v mpirun >/dev/null 2>&1; then
    mpirun --allow-run-as-root --oversubscribe -np 2 "$exe" $args --threads 1 --out "$tmp/m.csv" 2>&1
    cmp -s "$tmp/1.csv" "$tmp/m.csv" && echo "2 MPI ranks: identical output" || echo "2 MPI ranks: OUTPUT DIFFERS"
fi
