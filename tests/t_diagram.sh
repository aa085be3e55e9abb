#!/bin/sh
# SPDX-License-Identifier: MIT
# Diagrams: the example's SVG is well-formed and shows every entity and
# relation of the graph; PNG, PDF and DOT render; kg draw redraws a saved
# graph.
. tests/lib.sh
EX=examples/xinhua-suzhou-industrial-park.txt

check "svg and turtle in one run" $KG -o "$TMP/ex.ttl" --diagram "$TMP/ex.svg" "$EX"
if command -v xmllint > /dev/null; then
    check "the SVG is well-formed XML" xmllint --noout "$TMP/ex.svg"
fi
# every labelled entity that takes part in a relation, and every relation
$KG --no-provenance -f ntriples "$EX" > "$TMP/ex.nt"
for label in "Ministry of Commerce" "Suzhou Industrial Park" "Jiangsu" "China" "Singapore"; do
    check "the SVG shows $label" grep -q "$label" "$TMP/ex.svg"
done
for rel in supports "cooperates with" "contained in place"; do
    check "the SVG shows the relation '$rel'" grep -q "$rel" "$TMP/ex.svg"
done
check "png" $KG --diagram "$TMP/ex.png" -o /dev/null "$EX"
check "png magic" sh -c "head -c 8 '$TMP/ex.png' | od -An -c | grep -q 'P   N   G'"
check "pdf" $KG --diagram "$TMP/ex.pdf" -o /dev/null "$EX"
check "pdf magic" sh -c "head -c 4 '$TMP/ex.pdf' | grep -q '%PDF'"
check "dot" $KG --diagram "$TMP/ex.dot" -o /dev/null "$EX"
check "dot text" grep -q 'digraph' "$TMP/ex.dot"
check "kg draw a saved graph" $KG draw "$TMP/ex.ttl" -o "$TMP/redraw.svg"
check "the redrawn SVG shows the entities" grep -q "Suzhou Industrial Park" "$TMP/redraw.svg"
finish
