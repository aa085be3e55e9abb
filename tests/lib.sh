# SPDX-License-Identifier: MIT
# Helpers for the shell tests: sourced by tests/t_*.sh.
BUILD=${BUILD:-build}
KG=${KG:-$BUILD/kg}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kg-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# check DESCRIPTION COMMAND...: the command must succeed
check() { d=$1; shift; if "$@"; then ok; else bad "$d"; fi; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
