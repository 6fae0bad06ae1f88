#!/bin/sh
# ntkdepth train: bad input -> one line on stderr naming the value, exit 2,
# no output file; a small run gives the same bytes for 1 and 2 threads;
# the JSON output parses and names its data set; a missing data directory
# falls back to the generated set (auto) and says so, or fails (exit 4)
# when Fashion-MNIST was asked for; a diverging run reports the step.
exe="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
small="--width 6 --depth 2 --steps 5 --seeds 2 --per-class 2 --data synthetic"
bad() { # description, then the arguments
    what=$1; shift
    n=$((n + 1))
    err=$("$exe" train --quiet --out "$tmp/out.txt" "$@" 2>&1 >/dev/null); got=$?
    lines=$(printf '%s\n' "$err" | wc -l)
    if [ "$got" != 2 ] || [ "$lines" != 1 ] || [ -e "$tmp/out.txt" ]; then
        echo "FAIL $what: exit $got (want 2), $lines stderr line(s): $err"; fail=$((fail + 1))
    fi
}
bad "width 0"            $small --width 0
bad "width negative"     $small --width -3
bad "width text"         $small --width ten
bad "steps 0"            $small --steps 0
bad "steps negative"     $small --steps -1
bad "steps text"         $small --steps many
bad "lr 0"               $small --lr 0
bad "lr negative"        $small --lr -1e-4
bad "lr text"            $small --lr fast
bad "depth 0"            $small --depth 0
bad "seeds 0"            $small --seeds 0
bad "sigma_w2 0"         $small --sigma-w2 1,0
bad "sigma_w2 text"      $small --sigma-w2 abc
bad "sigma_w2 empty"     $small --sigma-w2 ''
bad "sigma_b2 negative"  $small --sigma-b2 -1
bad "measure beyond"     $small --measure 1,9
bad "measure fraction"   $small --measure 1.5
bad "unknown data set"   $small --data mnist
bad "threads 0"          $small --threads 0
bad "bad format"         $small --format xml
bad "unknown option"     $small --frobnicate
bad "extra argument"     $small stray
# the value is named
n=$((n + 1))
"$exe" train --quiet $small --data mnist 2>&1 | grep -q "mnist" \
    || { echo "FAIL unknown data set not named"; fail=$((fail + 1)); }
n=$((n + 1))
"$exe" train --quiet $small --lr -2 2>&1 | grep -q -- "-2" \
    || { echo "FAIL lr not named"; fail=$((fail + 1)); }

# same bytes for 1 and 2 threads
n=$((n + 1))
"$exe" train --quiet $small --format csv --threads 1 --out "$tmp/t1.csv" \
    && "$exe" train --quiet $small --format csv --threads 2 --out "$tmp/t2.csv" \
    && cmp -s "$tmp/t1.csv" "$tmp/t2.csv" || { echo "FAIL 1 vs 2 threads differ"; fail=$((fail + 1)); }

# JSON: parses, names the data set, has a status; figure and LaTeX
n=$((n + 1))
"$exe" train --quiet $small --format json --out "$tmp/o.json" --figure "$tmp/fig.tex" \
    || { echo "FAIL json run"; fail=$((fail + 1)); }
if command -v python3 >/dev/null 2>&1; then
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['dataset'] == 'synthetic' and d['status'] == 'ok' and d['rows'] and d['rows'][0]['relchange']['kind'] == 'monte_carlo'" "$tmp/o.json" \
        || { echo "FAIL JSON does not parse or lacks dataset/status/rows"; fail=$((fail + 1)); }
fi
grep -q 'addplot' "$tmp/fig.tex" || { echo "FAIL figure"; fail=$((fail + 1)); }
n=$((n + 1))
"$exe" train --quiet $small --format latex | grep -q 'end{tabular}' \
    || { echo "FAIL latex table"; fail=$((fail + 1)); }

# data: missing directory -> generated set (auto) with a note; exit 4 if asked for
n=$((n + 1))
out=$("$exe" train --quiet --width 4 --depth 1 --steps 2 --seeds 2 --per-class 1 \
      --data-dir "$tmp/none" 2>"$tmp/err.txt")
grep -q "missing" "$tmp/err.txt" && printf '%s\n' "$out" | grep -q "data synthetic" \
    || { echo "FAIL fallback to the generated data set not reported"; fail=$((fail + 1)); }
n=$((n + 1))
"$exe" train --quiet --width 4 --depth 1 --steps 2 --seeds 2 --per-class 1 --data fashion-mnist \
    --data-dir "$tmp/none" --out "$tmp/f.txt" 2>/dev/null
[ $? = 4 ] && [ ! -e "$tmp/f.txt" ] || { echo "FAIL missing Fashion-MNIST: want exit 4, no file"; fail=$((fail + 1)); }

# divergence: reported with its step, in stderr and the output
n=$((n + 1))
"$exe" train --quiet --width 6 --depth 6 --steps 4 --seeds 2 --per-class 2 --data synthetic --lr 1e100 \
    --format json --out "$tmp/d.json" 2>"$tmp/derr.txt"
grep -q "diverged" "$tmp/derr.txt" && grep -q '"status": "diverged"' "$tmp/d.json" \
    && grep -q '"diverged_at": 1' "$tmp/d.json" || { echo "FAIL divergence not reported"; fail=$((fail + 1)); }

# unwritable --out: exit 4
n=$((n + 1))
"$exe" train --quiet $small --out "$tmp/nodir/x.json" 2>/dev/null
[ $? = 4 ] || { echo "FAIL unwritable --out: want exit 4"; fail=$((fail + 1)); }

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
