#!/bin/sh
# ntkdepth finite: bad input -> one line on stderr naming the value, exit 2,
# no output file; small runs give the same bytes for 1 and 2 threads; the
# JSON output parses (when python3 is there).
exe="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
bad() { # description, then the arguments
    what=$1; shift
    n=$((n + 1))
    err=$("$exe" finite --quiet --out "$tmp/out.txt" "$@" 2>&1 >/dev/null); got=$?
    lines=$(printf '%s\n' "$err" | wc -l)
    if [ "$got" != 2 ] || [ "$lines" != 1 ] || [ -e "$tmp/out.txt" ]; then
        echo "FAIL $what: exit $got (want 2), $lines stderr line(s): $err"; fail=$((fail + 1))
    fi
}
bad "width 0"            --width 0
bad "samples 0"          --samples 0
bad "sigma_w2 0"         --sigma-w2 0
bad "sigma_w2 negative"  --sigma-w2 1,-1
bad "sigma_w2 text"      --sigma-w2 abc
bad "sigma_w2 empty"     --sigma-w2 ''
bad "sigma_b2 negative"  --sigma-b2 -0.1
bad "width text"         --width ten
bad "n0 0"               --n0 0
bad "n0 fraction"        --n0 2.5
bad "depth 0"            --depth 0
bad "depth range"        --depth 5:2
bad "depth order"        --depth 3,2
bad "samples text"       --samples many
bad "threads 0"          --threads 0
bad "seed negative"      --seed -1
bad "unknown act"        --act nosuch
bad "bad format"         --format xml
bad "unknown option"     --frobnicate
bad "he with sigma"      --init he --sigma-w2 1
bad "r not starting at 1" --r 0.5,1
bad "r out of range"     --r 1,2
bad "widths too few"     --widths 3,3 --depth 4
bad "extra argument"     stray

# no output file after a bad run into an existing directory path either
n=$((n + 1))
"$exe" finite --quiet --width 3 --n0 2 --depth 1,2 --sigma-w2 1,2 --samples 5 --out "$tmp/nodir/x.json" --format json 2>/dev/null
[ $? = 4 ] || { echo "FAIL unwritable --out: want exit 4"; fail=$((fail + 1)); }

# same numbers for 1 and 2 threads
n=$((n + 1))
args="finite --quiet --width 6 --n0 5 --depth 1:6 --sigma-w2 1,2,3 --samples 50 --format csv"
"$exe" $args --threads 1 --out "$tmp/t1.csv" && "$exe" $args --threads 2 --out "$tmp/t2.csv" \
    && cmp -s "$tmp/t1.csv" "$tmp/t2.csv" || { echo "FAIL 1 vs 2 threads differ"; fail=$((fail + 1)); }

# JSON and LaTeX outputs
n=$((n + 1))
"$exe" finite --quiet --width 6 --n0 5 --depth 1:4 --sigma-w2 1,2 --samples 40 --check \
    --format json --out "$tmp/o.json" --figure "$tmp/fig.tex"
rc=$?
[ $rc = 0 ] || [ $rc = 1 ] || { echo "FAIL json run: exit $rc"; fail=$((fail + 1)); }
if command -v python3 >/dev/null 2>&1; then
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['rows'] and d['claims']" "$tmp/o.json" \
        || { echo "FAIL JSON does not parse or lacks rows/claims"; fail=$((fail + 1)); }
fi
grep -q 'addplot' "$tmp/fig.tex" || { echo "FAIL figure"; fail=$((fail + 1)); }
n=$((n + 1))
"$exe" finite --quiet --width 6 --n0 5 --depth 1:3 --sigma-w2 2 --samples 10 --format latex \
    | grep -q 'end{longtable}' || { echo "FAIL latex table"; fail=$((fail + 1)); }

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
