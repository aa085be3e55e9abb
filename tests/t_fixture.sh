#!/bin/sh
# SPDX-License-Identifier: MIT
# The example articles against their expected facts (examples/*.facts.tsv)
# and their sorted N-Triples fixtures (examples/*.nt).
#
# A typed fact outside the facts file fails the test.  A required fact that
# kg does not find fails the test unless it is listed in KNOWN_GAPS below;
# a listed gap that kg finds fails it too, so that the list only shrinks.
. tests/lib.sh

# One line per required fact not yet found, as check_facts.py prints it
# after "missing: ".
KNOWN_GAPS=""

for txt in examples/*.txt; do
    name=$(basename "$txt" .txt)
    facts=examples/$name.facts.tsv
    nt=$TMP/$name.nt
    if ! $KG -f ntriples -o "$nt" "$txt"; then
        bad "$name: kg failed"
        continue
    fi
    if [ -f "$facts" ]; then
        python3 tests/check_facts.py "$nt" "$facts" > "$TMP/$name.report"
        if grep '^false:' "$TMP/$name.report" >&2; then
            bad "$name: false typed facts (above)"
        else
            ok
        fi
        grep '^missing: ' "$TMP/$name.report" | sed 's/^missing: //' > "$TMP/missing"
        printf '%s\n' "$KNOWN_GAPS" | sed '/^$/d' > "$TMP/gaps"
        lost=$(grep -vxF -f "$TMP/gaps" "$TMP/missing")
        if [ -n "$lost" ]; then
            printf '%s\n' "$lost" | sed "s/^/$name: required fact lost: /" >&2
            bad "$name: required facts missing that are not known gaps"
        else
            ok
        fi
        found=$(grep -vxF -f "$TMP/missing" "$TMP/gaps")
        if [ -n "$found" ]; then
            printf '%s\n' "$found" | sed "s/^/$name: found now, remove from KNOWN_GAPS: /" >&2
            bad "$name: KNOWN_GAPS lists facts kg now finds"
        else
            ok
        fi
        tail -n 1 "$TMP/$name.report"
    fi
    # The sorted N-Triples fixture: regenerate with `make fixtures`.
    if [ -f "examples/$name.nt" ]; then
        LC_ALL=C sort -u "$nt" > "$TMP/$name.sorted.nt"
        if diff -u "examples/$name.nt" "$TMP/$name.sorted.nt" > "$TMP/$name.diff"; then
            ok
        else
            head -n 60 "$TMP/$name.diff" >&2
            bad "$name: output differs from examples/$name.nt (run 'make fixtures' if the change is right)"
        fi
    fi
done
finish
