#!/bin/sh
# CLI usage: --help for every subcommand, exit 2 with one line for bad usage.
exe="$1"
fail=0
check() { # expected-status description command...
    want=$1; shift; what=$1; shift
    err=$("$@" 2>&1 >/dev/null); got=$?
    if [ "$got" != "$want" ]; then echo "FAIL $what: exit $got, want $want ($err)"; fail=1; fi
}
check 0 "top-level --help" "$exe" --help
check 2 "no command" "$exe"
check 2 "unknown command" "$exe" frobnicate
n=$("$exe" frobnicate 2>&1 | wc -l)
[ "$n" = 1 ] || { echo "FAIL unknown command prints $n lines"; fail=1; }
[ $fail = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
