#!/bin/sh
# CLI of the maps module (maps, eoc, phase): --help, bad input -> exit 2 with
# exactly one stderr line naming the value, no --out file left on error,
# no-EOC statements exit 0.
exe="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# expect_bad NAME-IN-MESSAGE command...: exit 2, one stderr line containing NAME,
# nothing on stdout, no output file
expect_bad() {
    want=$1; shift
    out="$tmp/out.json"
    rm -f "$out"
    "$exe" "$@" --out "$out" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    n=$(wc -l <"$tmp/stderr")
    if [ $rc != 2 ]; then bad "$*: exit $rc, want 2"; return; fi
    if [ "$n" != 1 ]; then bad "$*: $n stderr lines, want 1"; return; fi
    if ! grep -q -- "$want" "$tmp/stderr"; then bad "$*: stderr does not name '$want': $(cat "$tmp/stderr")"; return; fi
    if [ -s "$tmp/stdout" ]; then bad "$*: output on stdout"; return; fi
    if ls "$tmp" | grep -q '^out.json'; then bad "$*: output file left behind"; return; fi
    ok
}

for c in maps eoc phase; do
    if "$exe" $c --help >/dev/null 2>&1; then ok; else bad "$c --help"; fi
done

expect_bad "frobnicate" eoc --act frobnicate
expect_bad "frobnicate" maps --act frobnicate --sigma-w2 1 --q1 1
expect_bad "frobnicate" phase --act frobnicate --sigma-w2 1
expect_bad "sigma-w2" maps --act relu --sigma-w2 0 --q1 1
expect_bad "sigma-w2" maps --act relu --sigma-w2 -1 --q1 1
expect_bad "sigma-w" maps --act tanh --sigma-w 0 --q1 1
expect_bad "sigma-b" eoc --act tanh --sigma-b -0.5
expect_bad "sigma-b2" eoc --act tanh --sigma-b2 -1
expect_bad "1.5" maps --act relu --sigma-w2 2 --q1 1 --c0 1.5
expect_bad "c0" maps --act relu --sigma-w2 2 --q1 1 --c0 -1.01
expect_bad "s12" maps --act erf --sigma-w2 2 --s11 1 --s12 2 --s22 1
expect_bad "q1" maps --act erf --sigma-w2 2 --q1 0
expect_bad "digits" eoc --act tanh --digits 0
expect_bad "digits" eoc --act tanh --digits 1e9
expect_bad "digits" phase --act tanh --sigma-w2 1 --digits -3
expect_bad "0.2.3" eoc --act tanh --sigma-b 0.2.3
expect_bad "1e" maps --act relu --sigma-w2 1e --q1 1
expect_bad "abc" maps --act relu --sigma-w2 2 --q1 abc
expect_bad "sigma-w2" phase --act tanh --sigma-w2 0:1:3
expect_bad "sigma-w2" phase --act tanh --sigma-w2 1:2
expect_bad "sigma-b2" phase --act tanh --sigma-w2 1 --sigma-b2 0,-0.1
expect_bad "format" eoc --act tanh --format csv
expect_bad "leaky_relu" eoc --act leaky_relu:x

# no EOC is a certified statement: exit 0, found false with a reason
for a in relu softplus; do
    if "$exe" eoc --act $a --sigma-b 0.2 --format json --digits 10 >"$tmp/o" 2>"$tmp/e" \
        && grep -q '"found": false' "$tmp/o" && grep -q '"why": "' "$tmp/o"; then ok
    else bad "eoc --act $a --sigma-b 0.2: $(cat "$tmp/o" "$tmp/e")"; fi
done

# --out writes the file atomically on success
if "$exe" eoc --act erf --sigma-b 0.2 --digits 10 --format json --out "$tmp/eoc.json" >/dev/null 2>&1 \
    && grep -q '"found": true' "$tmp/eoc.json"; then ok; else bad "eoc --out"; fi
# phase grid: header and one row per point
n=$("$exe" phase --act relu --sigma-w2 1:3:3 --sigma-b2 0,0.5 --quiet | wc -l)
if [ "$n" = 7 ]; then ok; else bad "phase rows: $n lines, want 7"; fi
# relu at sigma_w2 = 2, sigma_b = 0 is exactly the EOC
if "$exe" phase --act relu --sigma-w2 2 --quiet | grep -q '^2,0,eoc,'; then ok; else bad "relu EOC point"; fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
