#!/bin/sh
# SPDX-License-Identifier: MIT
# Every output format of every example parses with serd's strict serdi;
# Turtle, N-Triples and N-Quads hold the same triples; two runs give the
# same bytes.
. tests/lib.sh

if ! command -v serdi > /dev/null; then
    echo "serdi is missing (Debian package serdi)" >&2
    bad "serdi installed"
    finish
    exit 1
fi

for txt in examples/*.txt; do
    name=$(basename "$txt" .txt)
    for fmt in turtle ntriples nquads; do
        for prov in "" --no-provenance; do
            out=$TMP/$name$prov.$fmt
            if ! $KG $prov -f $fmt -o "$out" "$txt"; then
                bad "$name $fmt $prov: kg failed"
                continue
            fi
            if serdi -q -i $fmt "$out" > /dev/null 2> "$TMP/serdi.err"; then
                ok
            else
                cat "$TMP/serdi.err" >&2
                bad "$name $fmt $prov: strict serdi rejects the output"
            fi
            # the same triples, whatever the syntax (serdi normalises escapes)
            serdi -q -i $fmt -o nquads "$out" 2> /dev/null | LC_ALL=C sort -u > "$out.set"
        done
        $KG -f $fmt "$txt" > "$TMP/again.$fmt"
        if cmp -s "$TMP/again.$fmt" "$TMP/$name.$fmt"; then ok; else bad "$name $fmt: two runs differ"; fi
    done
    # N-Quads lines carry the graph; everything else is the same triple set
    serdi -q -i nquads -o nquads "$TMP/$name.nquads" | awk '{ if ($(NF-1) !~ /^<https:\/\/w3id.org\/kg\/id\/article\//) exit 1 }'
    check "$name: every quad is in its article's graph" test $? -eq 0
    serdi -q -i nquads -o nquads "$TMP/$name.nquads" |
        sed -E 's/ <[^>]*> \.$/ ./' | LC_ALL=C sort -u > "$TMP/$name.nq.set"
    check "$name: output is not empty" test -s "$TMP/$name.nq.set"
    check "$name: Turtle and N-Triples hold the same triples" cmp -s "$TMP/$name.turtle.set" "$TMP/$name.ntriples.set"
    check "$name: N-Triples and N-Quads hold the same triples" cmp -s "$TMP/$name.ntriples.set" "$TMP/$name.nq.set"
    check "$name: Turtle and N-Triples hold the same triples without provenance" \
        cmp -s "$TMP/$name--no-provenance.turtle.set" "$TMP/$name--no-provenance.ntriples.set"
done
finish
