#!/bin/sh
# CI check of the constants committed in results/results.json: re-run
# `verify --quick --format json` and require every committed certified ball to
# overlap the recomputed one and every committed estimate to agree with the
# recomputed one within the sum of their errors (same claim id, same label).
# Skips (77) without python3 or without a committed results.json.
exe="$1"; committed="$2"
[ -s "$committed" ] || { echo "no committed $committed: skipped"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not found: skipped"; exit 77; }
# the sanitizer pass of .ci/test runs everything 3-10x slower: the constants
# are checked by the plain build
[ -n "${ASAN_OPTIONS:-}" ] && { echo "sanitizer build: skipped"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# claims decided within the time limit in the committed run (the others
# have no constants to reproduce; the slowest ones are left to verify itself)
ids=$(python3 -c '
import json, sys
cs = json.load(open(sys.argv[1]))["claims"]
print(",".join(c["id"] for c in cs if "time limit" not in c["evidence"] and c["seconds"] < 20))
' "$committed")
[ -n "$ids" ] || { echo "no decided claims committed: skipped"; exit 77; }
"$exe" verify --quick --quiet --format json --only "$ids" > "$tmp/now.json"
rc=$?
[ $rc = 0 ] || [ $rc = 1 ] || { echo "FAIL verify exited $rc"; exit 1; }
python3 - "$committed" "$tmp/now.json" <<'PY'
import json, sys
from decimal import Decimal, getcontext
getcontext().prec = 120
old = {c["id"]: c for c in json.load(open(sys.argv[1]))["claims"]}
new = {c["id"]: c for c in json.load(open(sys.argv[2]))["claims"]}
checked = failed = 0
for cid, c in old.items():
    if cid not in new:
        continue          # not re-run (undecided in the committed run)
    nm = {m["label"]: m for m in new[cid]["measured"]}
    for m in c["measured"]:
        n = nm.get(m["label"])
        if n is None:
            continue          # depth-specific items (quick vs full depths)
        if "mid" in m and "mid" in n:
            d = abs(Decimal(m["mid"]) - Decimal(n["mid"]))
            ok = d <= Decimal(m["rad"]) + Decimal(n["rad"])
        elif "estimate" in m and "estimate" in n:
            d = abs(Decimal(m["estimate"]) - Decimal(n["estimate"]))
            ok = d <= Decimal(m["error"]) + Decimal(n["error"])
        else:
            continue
        checked += 1
        if not ok:
            failed += 1
            print("FAIL %s / %s: committed %s, now %s" % (cid, m["label"], m, n))
print("%d constants compared, %d not reproduced" % (checked, failed))
sys.exit(1 if failed else 0)
PY
