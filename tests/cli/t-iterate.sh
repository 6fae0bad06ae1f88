#!/bin/sh
# ntkdepth iterate: usage errors (exit 2, one line), precision cap (exit 3),
# no partial --out file (errors and Ctrl-C), formats.
exe="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
check() { # expected-status description command...
    want=$1; shift; what=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err"; got=$?
    if [ "$got" != "$want" ]; then bad "$what: exit $got, want $want ($(cat "$tmp/err"))"; return; fi
    if [ "$want" = 2 ] || [ "$want" = 3 ]; then
        n=$(wc -l <"$tmp/err")
        [ "$n" = 1 ] || { bad "$what: $n lines on stderr"; return; }
    fi
    ok
}
relu="--act relu --sigma-w2 2 --q1 1"

check 0 "--help" "$exe" iterate --help
check 2 "c0 > 1" "$exe" iterate $relu --c0 1.5 --depth 10
grep -q -- "--c0 = 1.5" "$tmp/err" || bad "c0 message does not name the value"
check 2 "c0 < -1" "$exe" iterate $relu --c0 -1.01 --depth 10
check 2 "depth 0" "$exe" iterate $relu --depth 0
check 2 "depth not an integer" "$exe" iterate $relu --depth 2.5
check 2 "q1 = 0" "$exe" iterate --act relu --sigma-w2 2 --q1 0 --depth 10
check 2 "q1 < 0" "$exe" iterate --act relu --sigma-w2 2 --q1 -1 --depth 10
check 2 "q1 missing" "$exe" iterate --act relu --sigma-w2 2 --depth 10
check 2 "--at beyond --depth" "$exe" iterate $relu --depth 10 --at 5,11
check 2 "--at garbage" "$exe" iterate $relu --depth 10 --at 5,x
check 2 "bad format" "$exe" iterate $relu --depth 10 --format latex
check 2 "no depth" "$exe" iterate $relu
check 2 "unknown activation" "$exe" iterate --act nope --sigma-w2 2 --q1 1 --depth 10
check 2 "q1 star without fixed point" "$exe" iterate --act relu --sigma-w2 2 --q1 star --depth 10
check 2 "bad digits" "$exe" iterate $relu --depth 10 --digits 0
check 2 "stray argument" "$exe" iterate $relu --depth 10 extra

# exit 3 past the precision cap, naming the depth, and no output file
check 3 "precision cap" "$exe" iterate $relu --c0 0.5 --depth 100 --at 10,100 --digits 40 --prec-cap 64 --out "$tmp/cap.json"
grep -q "depth 10" "$tmp/err" || bad "cap message does not name the depth"
[ ! -e "$tmp/cap.json" ] && ok || bad "partial --out after exit 3"
check 2 "bad input with --out" "$exe" iterate $relu --c0 2 --depth 10 --out "$tmp/bad.json"
[ ! -e "$tmp/bad.json" ] && ok || bad "partial --out after exit 2"

# success: JSON rows, CSV header, --at log
check 0 "json" "$exe" iterate $relu --c0 0.5 --depth 1000 --at log --digits 25 --format json --out "$tmp/r.json"
grep -q '"rows"' "$tmp/r.json" && grep -q '"depth": 1000,' "$tmp/r.json" && grep -q '"theta12": {"mid"' "$tmp/r.json" \
    && ok || bad "json content"
n=$(grep -c '"depth": [0-9]*, "eps"' "$tmp/r.json")
[ "$n" = 10 ] && ok || bad "--at log 1000 gave $n rows, want 10"
check 0 "csv" "$exe" iterate $relu --c0 0.5 --depth 20 --at 1,20 --format csv
head -1 "$tmp/out" | grep -q "^depth,eps_mid,eps_rad,c_mid" && ok || bad "csv header"
[ "$(wc -l <"$tmp/out")" = 3 ] && ok || bad "csv rows"
check 0 "text" "$exe" iterate $relu --c0 0.5 --depth 20 --format text
grep -q "theta12" "$tmp/out" && ok || bad "text content"
# ReLU at the EOC: Theta_11 = L q1 exactly
check 0 "theta11 = L q1" "$exe" iterate --act relu --eoc --q1 3 --c0 0.5 --depth 1e4 --format json
grep -Eq '"theta11": \{"mid": "(30000(\.0*)?|3(\.0*)?e\+0*4)", "rad": "0"\}' "$tmp/out" && ok || bad "theta11 not exactly 3e4: $(grep -o '"theta11": {[^}]*}' "$tmp/out")"

# the depth jump (proofs/fatou.md): exact integer depths, method in params
check 0 "jump to 1e100" "$exe" iterate $relu --c0 0.5 --depth 1e100 --at 1e6,1e100 --digits 30 --format json
grep -q '"depth_method": "jump"' "$tmp/out" && ok || bad "params lack depth_method jump"
grep -q '"depth": 10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,' "$tmp/out" && ok || bad "depth 1e100 not an exact integer"
# the orbit constants (proofs/fatou.md J12): C(0.5) = 1.15363067010380898025714991408
# (proofs/check/fatou_constant.out, Lemma J12 with the sympy coefficients)
grep -q '"w_constant": {"mid": "1.1536306701038089802571499140' "$tmp/out" && ok || bad "w_constant: $(grep -o '"w_constant": {[^}]*}' "$tmp/out")"
grep -q '"ntk_constant": {"mid": "1.2340891143077487282256146668' "$tmp/out" && ok || bad "ntk_constant: $(grep -o '"ntk_constant": {[^}]*}' "$tmp/out")"
# radii below 1e-308 are exact decimals (not the smallest double)
check 0 "jump to 1e1000" "$exe" iterate $relu --c0 0.5 --depth 1e1000 --digits 30 --format json
grep -Eq '"eps": \{"mid": "4\.441321980490211378475520949944[0-9]*e-1999", "rad": "[1-9]\.[0-9]e-20(3[6-9]|4[0-9])"\}' "$tmp/out" && ok || bad "eps at 1e1000: $(grep -o '"eps": {[^}]*}' "$tmp/out")"
check 0 "direct 1e4" "$exe" iterate $relu --depth 1e4 --depth-method direct --format json
grep -q '"depth_method": "direct"' "$tmp/out" && ok || bad "params lack depth_method direct"
grep -q '"w_constant"' "$tmp/out" && bad "w_constant without the jump" || ok
check 2 "non-integer depth" "$exe" iterate $relu --depth 2.5
check 2 "non-integer --at" "$exe" iterate $relu --depth 1e9 --at 1e-3
check 2 "direct past 2^50" "$exe" iterate $relu --depth 1e100 --depth-method direct
check 2 "jump off the EOC" "$exe" iterate --act relu --sigma-w2 3 --q1 1 --depth 1e9 --depth-method jump
check 2 "jump for tanh with q1 != q*" "$exe" iterate --act tanh --eoc --sigma-b 0.2 --q1 1 --depth 1e9 --depth-method jump
check 2 "jump for elu:0.5 (phi' jumps)" "$exe" iterate --act elu:0.5 --eoc --sigma-b 0.2 --q1 star --depth 1e9 --depth-method jump
check 2 "jump for selu" "$exe" iterate --act selu --eoc --sigma-b 0.2 --q1 star --depth 1e9 --depth-method jump
check 0 "ELU jump (elu at q*)" "$exe" iterate --act elu --eoc --sigma-b 0.2 --q1 star --c0 0.5 --depth 1e9 --at 1e6,1e9 --digits 10 --format json
grep -q '"depth_method": "jump"' "$tmp/out" && ok || bad "elu 1e9 not by the jump"
check 2 "auto refuses 1e12 without a jump" "$exe" iterate --act tanh --eoc --sigma-b 0.2 --q1 1 --depth 1e12
check 0 "smooth jump (erf at q*)" "$exe" iterate --act erf --eoc --sigma-b 0.2 --q1 star --c0 0.5 --depth 1e12 --digits 15 --format json
grep -q '"depth_method": "jump"' "$tmp/out" && ok || bad "erf 1e12 not by the jump"
# the smooth orbit's constants (proofs/fatou.md J17; proofs/check/smooth_constant.out:
# 3.043073747518579193238247, 6.027260752607219769138281)
grep -q '"v_constant": {"mid": "3.04307374751857' "$tmp/out" && ok || bad "v_constant: $(grep -o '"v_constant": {[^}]*}' "$tmp/out")"
grep -q '"ntk_constant": {"mid": "6.02726075260721' "$tmp/out" && ok || bad "erf ntk_constant: $(grep -o '"ntk_constant": {[^}]*}' "$tmp/out")"
grep -q '"w_constant"' "$tmp/out" && bad "w_constant for the smooth jump" || ok
check 0 "ELU jump" "$exe" iterate --act elu --eoc --sigma-b 0.2 --q1 star --c0 0.5 --depth 1e9 --digits 10
grep -q "^# 1/eps_L = L/beta + d1 sqrt(L) + d2 ln L + Cv + o(1): Cv = 4.907845" "$tmp/out" && ok || bad "ELU Cv: $(head -3 "$tmp/out")"
check 2 "bad --depth-method" "$exe" iterate $relu --depth 1e9 --depth-method fast
check 3 "jump at the precision cap" "$exe" iterate $relu --depth 1e100 --digits 60 --prec-cap 128

# Ctrl-C: no partial --out file, no temporary left behind
"$exe" iterate $relu --c0 0.5 --depth 1e12 --digits 20 --quiet --depth-method direct --out "$tmp/int.json" 2>/dev/null &
pid=$!
sleep 1
kill -INT $pid 2>/dev/null
wait $pid; st=$?
[ "$st" -ne 0 ] && ok || bad "interrupted run exited 0"
[ -z "$(ls "$tmp" | grep int.json)" ] && ok || bad "partial or temporary file after Ctrl-C: $(ls "$tmp")"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
