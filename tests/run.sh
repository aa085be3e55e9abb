#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every test of kg: unit test binaries, then the shell tests
# (tests/t_*.sh).  Prints a closing "N passed, N failed" line and exits
# non-zero when anything failed.
BUILD=${BUILD:-build}
export BUILD
passed=0
failed=0
failures=""
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if out=$("$t" 2>&1); then
        passed=$((passed + 1))
        echo "ok   $name: $(printf '%s\n' "$out" | tail -n 1)"
    else
        failed=$((failed + 1))
        failures="$failures $name"
        printf '%s\n' "$out" | sed 's/^/     /'
        echo "FAIL $name"
    fi
done
for t in tests/t_*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    if out=$(sh "$t" 2>&1); then
        passed=$((passed + 1))
        echo "ok   $name: $(printf '%s\n' "$out" | tail -n 1)"
    else
        failed=$((failed + 1))
        failures="$failures $name"
        printf '%s\n' "$out" | sed 's/^/     /'
        echo "FAIL $name"
    fi
done
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
