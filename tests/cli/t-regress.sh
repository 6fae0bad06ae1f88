#!/bin/sh
# ntkdepth regress: bad input exits 2 with one line on stderr naming the
# value and leaves no --out file; a good run succeeds and writes --out.
exe="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
pass=0
check() { # expected-status description command...
    want=$1; shift; what=$1; shift
    err=$("$@" 2>&1 >/dev/null); got=$?
    lines=$(printf '%s\n' "$err" | grep -c .)
    if [ "$got" != "$want" ]; then
        echo "FAIL $what: exit $got, want $want ($err)"; fail=$((fail + 1)); return
    fi
    if [ "$want" != 0 ] && [ "$lines" != 1 ]; then
        echo "FAIL $what: $lines lines on stderr ($err)"; fail=$((fail + 1)); return
    fi
    if [ -n "$needle" ] && ! printf '%s' "$err" | grep -q -- "$needle"; then
        echo "FAIL $what: message lacks '$needle' ($err)"; fail=$((fail + 1)); return
    fi
    pass=$((pass + 1))
}
net="--act relu --eoc --depth 5"
printf '1,0,0,1\n0,1,0,2\n1,1,0,3\n' > "$dir/train.csv"
printf '2,0,0,1\n0,1,0,2\n1,0,0,3\n' > "$dir/dup.csv"
printf '1,0,0,1\n0,0,0,2\n' > "$dir/zero.csv"
printf '1,0,0,1\n0,1,x,2\n' > "$dir/bad.csv"
printf '1,0\n0,1\n' > "$dir/test2.csv"
printf '# empty\n' > "$dir/empty.csv"

needle="" check 0 "help" "$exe" regress --help
needle="" check 0 "good run" "$exe" regress --train "$dir/train.csv" $net --out "$dir/ok.json" --format json
[ -s "$dir/ok.json" ] || { echo "FAIL good run: no output file"; fail=$((fail + 1)); }
needle="rows 1 and 3" check 2 "duplicate training points" "$exe" regress --train "$dir/dup.csv" $net --out "$dir/o1"
needle="line 2: zero vector" check 2 "zero row" "$exe" regress --train "$dir/zero.csv" $net --out "$dir/o2"
needle="line 2 column 3" check 2 "malformed CSV" "$exe" regress --train "$dir/bad.csv" $net --out "$dir/o3"
needle="n = 0" check 2 "empty training file" "$exe" regress --train "$dir/empty.csv" $net --out "$dir/o4"
needle="--n 0" check 2 "n = 0" "$exe" regress --n 0 --dim 3 $net --out "$dir/o5"
needle="dimension 2" check 2 "mismatched dimensions" "$exe" regress --train "$dir/train.csv" --test "$dir/test2.csv" $net --out "$dir/o6"
needle="--depth" check 2 "bad depth" "$exe" regress --n 3 --dim 3 --act relu --eoc --depth 0 --out "$dir/o7"
needle="--target" check 2 "unknown target" "$exe" regress --n 3 --dim 3 --target foo $net --out "$dir/o8"
needle="--jacot" check 2 "jacot with sigma" "$exe" regress --n 3 --dim 3 --jacot 0.1 --sigma-w 1 --depth 3
needle="--act" check 2 "unknown activation" "$exe" regress --n 3 --dim 3 --act nope --eoc --depth 3
needle="" check 2 "missing --depth" "$exe" regress --n 3 --dim 3 --act relu --eoc
needle="rank <= 4" check 2 "depth 1 with n > n0 (singular linear kernel)" "$exe" regress --n 5 --dim 4 --act relu --eoc --depth 1 --out "$dir/o10"
needle="--train" check 4 "missing file (I/O error)" "$exe" regress --train "$dir/none.csv" $net --out "$dir/o9"
for f in o1 o2 o3 o4 o5 o6 o7 o8 o9 o10; do
    if ls "$dir" | grep -q "^$f"; then echo "FAIL partial output $f left behind"; fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
