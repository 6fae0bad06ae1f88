#!/bin/sh
# Slow suite: the paper's network (M = n0 = 100) across the three phases.
# The sample means must agree with the K2 formula (and the exact mean,
# proofs/finite-width.md Lemma F3) by the z-score rule; the dispersion must
# grow at sigma_w^2 >= 2 (slope > 0 by >= 3 se) and at sigma_w^2 = 1 stay below
# the smallest of those growth rates (the K1 rule with z = 3).
# Fixed seed 7 (printed in the JSON).
exe="$1"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$exe" finite --quiet --seed 7 --depth 1:49:6 --sigma-w2 0.5,1,1.5,2,2.5,3 --samples 1000 \
    --check --format json --out "$tmp/o.json"
rc=$?
[ $rc = 0 ] || [ $rc = 1 ] || { echo "FAIL exit $rc"; exit 1; }
python3 - "$tmp/o.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = {x["id"]: x for x in d["claims"]}
print("K2:", c["K2"]["verdict"], c["K2"]["detail"])
print("K1:", c["K1"]["verdict"], c["K1"]["detail"])
assert c["K2"]["verdict"] == "holds"
assert c["K1"]["verdict"] != "refuted"
sl = {s["sigma_w2"]: s["slope_log_dispersion_vs_lambda"] for s in d["slopes"]}
for s in (2.0, 2.5, 3.0):
    e = sl[s]; assert float(e["estimate"]) > 3 * float(e["error"]), (s, e)
# ordered side: slope below the smallest growth rate shown at sigma_w^2 >= 2
B = min(float(sl[s]["estimate"]) - 3 * float(sl[s]["error"]) for s in (2.0, 2.5, 3.0))
e = sl[1.0]; assert float(e["estimate"]) + 3 * float(e["error"]) < B, (e, B)
print("2 passed, 0 failed")
PY
