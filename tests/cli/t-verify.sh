#!/bin/sh
# ntkdepth verify: exit statuses, claims-file errors (file:line, field, exit 2),
# JSON shape, output directory.   usage: t-verify.sh NTKDEPTH CLAIMS_DIR
exe="$1"; dir="$2"
fail=0; n=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check() { # expected-status description command...
    want=$1; shift; what=$1; shift
    n=$((n + 1))
    "$@" >"$tmp/out" 2>"$tmp/err"; got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL $what: exit $got, want $want"; cat "$tmp/err"; fail=$((fail + 1))
    fi
}
check 0 "--help" "$exe" verify --help
check 2 "unknown option" "$exe" verify --frobnicate
check 2 "bad format" "$exe" verify --format csv
check 0 "list" "$exe" verify --list
grep -q "^H1 " "$tmp/out" || { echo "FAIL list lacks H1"; fail=$((fail + 1)); }
check 2 "unknown id" "$exe" verify --only NOPE
check 2 "malformed claims file" "$exe" verify --claims "$dir/bad-law.ini"
grep -q "bad-law.ini:12: field 'law': unknown law 'powr'" "$tmp/err" \
    || { echo "FAIL message: $(cat "$tmp/err")"; fail=$((fail + 1)); }
[ "$(wc -l < "$tmp/err")" = 1 ] || { echo "FAIL error is not one line"; fail=$((fail + 1)); }
check 4 "missing claims file" "$exe" verify --claims "$tmp/none.ini"
check 1 "wrong expected verdict" "$exe" verify --quiet --claims "$dir/wrong-expect.ini"
check 0 "example claims, all as expected" "$exe" verify --quiet --claims "$dir/relu.ini" \
    --format json --out "$tmp/res"
for f in results.json summary.tex summary.md user.tex fig-relu-eoc-rate.tex; do
    [ -s "$tmp/res/$f" ] || { echo "FAIL missing $f"; fail=$((fail + 1)); }
done
ls "$tmp/res" | grep -q tmp && { echo "FAIL temporary file left"; fail=$((fail + 1)); }
# refuted claims carry their evidence; identities are certified counterexamples
grep -q '"verdict": "refuted"' "$tmp/out" || { echo "FAIL no refuted verdict"; fail=$((fail + 1)); }
grep -q 'Certified counterexample at depth L = 1' "$tmp/out" \
    || { echo "FAIL identity evidence"; fail=$((fail + 1)); }
# estimates are never written as certified numbers
grep -q '"estimate": ' "$tmp/out" && grep -q '"kind": "' "$tmp/out" \
    || { echo "FAIL estimates"; fail=$((fail + 1)); }
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/out" <<'PY' || { echo "FAIL JSON"; fail=$((fail + 1)); }
import json, sys
d = json.load(open(sys.argv[1]))
assert d["command"].startswith("ntkdepth verify")
ids = [c["id"] for c in d["claims"]]
assert ids == ["relu-eoc-rate", "ntk-diagonal", "ntk-limit", "wrong-constant", "wrong-identity"], ids
for c in d["claims"]:
    for k in ("id", "source", "statement", "predicted", "measured", "verdict"):
        assert k in c, k
    assert c["verdict"] in ("holds", "refuted", "inconclusive")
    for m in c["measured"]:
        assert ("mid" in m and "rad" in m) or ("estimate" in m and "error" in m and m["kind"] in ("fit", "extrapolation", "monte_carlo")) or "text" in m, m
assert [c["verdict"] for c in d["claims"]] == ["holds", "holds", "holds", "refuted", "refuted"]
PY
fi
# parallel jobs and shared recursions give the same verdicts and numbers
# as one claim at a time (the claims of relu.ini share one problem)
check 0 "--jobs 1" "$exe" verify --quiet --jobs 1 --claims "$dir/relu.ini" --format json
sed -e 's/"seconds": [0-9.e+-]*//g' -e 's/"command": "[^"]*"//' "$tmp/out" > "$tmp/j1"
check 0 "--jobs 3" "$exe" verify --quiet --jobs 3 --claims "$dir/relu.ini" --format json
sed -e 's/"seconds": [0-9.e+-]*//g' -e 's/"command": "[^"]*"//' "$tmp/out" > "$tmp/j3"
cmp -s "$tmp/j1" "$tmp/j3" || { echo "FAIL --jobs 1 and --jobs 3 differ"; fail=$((fail + 1)); }
# a claim run alone and inside its group (shared recursion) agree
check 0 "group" "$exe" verify --quiet --claims "$dir/shared.ini" --format json
cp "$tmp/out" "$tmp/grp"
for id in shared-eps shared-theta; do
    check 0 "alone: $id" "$exe" verify --quiet --only "$id" --claims "$dir/shared.ini" --format json
    python3 - "$tmp/out" "$tmp/grp" "$id" <<'PY' || { echo "FAIL shared rows differ for $id"; fail=$((fail + 1)); }
import json, sys
one = json.load(open(sys.argv[1]))["claims"][0]
grp = [c for c in json.load(open(sys.argv[2]))["claims"] if c["id"] == sys.argv[3]][0]
assert one["verdict"] == grp["verdict"] == "holds", (one["verdict"], grp["verdict"])
for a, b in zip(one["measured"], grp["measured"]):
    for k in ("estimate", "mid"):
        if k in a:
            assert abs(float(a[k]) - float(b[k])) <= 1e-12 * abs(float(a[k])), (a, b)
PY
done
check 2 "--jobs 0" "$exe" verify --jobs 0
grep -q -- "--jobs" "$tmp/err" || { echo "FAIL --jobs message"; fail=$((fail + 1)); }

echo "$((n - fail)) passed, $fail failed"
[ $fail = 0 ]
