#!/bin/sh
# SPDX-License-Identifier: MIT
# Diagrams: the example's SVG is well-formed and shows every entity and
# relation of the graph; PNG, PDF and DOT render; kg draw redraws a saved
# graph; --types, --relations and --cluster filter and group; the cut of a
# large graph bounds the layout of a pathological dense one.
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
# labels of the nodes and edges of an SVG, one a line
labels() { grep -o '<text[^>]*>[^<]*</text>' "$1" | sed 's/<[^>]*>//g'; }
has() { labels "$1" | grep -qxF "$2"; }
hasnt() { ! has "$1" "$2"; }

# --types: only places (and the relations among them)
check "--types place" $KG -o /dev/null --diagram "$TMP/places.svg" --types place "$EX"
for l in "Suzhou Industrial Park" China Jiangsu Singapore "contained in place" "supports (planned)" \
    "types: place"; do
    check "--types place shows '$l'" has "$TMP/places.svg" "$l"
done
check "--types place drops the ministry" hasnt "$TMP/places.svg" "Ministry of Commerce"
check "--types place drops its relation" hasnt "$TMP/places.svg" "supports"
check "--types person,organization" \
    $KG -q -o /dev/null --diagram "$TMP/orgs.svg" --types person,organization "$EX"
check "... shows the ministry" has "$TMP/orgs.svg" "Ministry of Commerce"
check "... drops the places" hasnt "$TMP/orgs.svg" "Jiangsu"
check "... and their relations" hasnt "$TMP/orgs.svg" "contained in place"
check "--types by schema.org class" \
    $KG -o /dev/null --diagram "$TMP/adm.svg" --types AdministrativeArea,country "$EX"
check "... shows Jiangsu" has "$TMP/adm.svg" "Jiangsu"
check "... shows China" has "$TMP/adm.svg" "China"
check "... drops the park" hasnt "$TMP/adm.svg" "Suzhou Industrial Park"
$KG -o /dev/null --diagram "$TMP/none.svg" --types nosuch "$EX" 2> "$TMP/none.err"
check "--types warns about a class that matches nothing" grep -q "'nosuch' matches nothing" "$TMP/none.err"

# --relations: by local name or by label
check "--relations supports" $KG -o /dev/null --diagram "$TMP/sup.svg" --relations supports "$EX"
check "... shows supports" has "$TMP/sup.svg" "supports"
check "... drops contained in place" hasnt "$TMP/sup.svg" "contained in place"
check "... drops cooperates with" hasnt "$TMP/sup.svg" "cooperates with (planned)"
check "... drops the entities left without a relation" hasnt "$TMP/sup.svg" "Jiangsu"
check "... keeps those in one" has "$TMP/sup.svg" "Ministry of Commerce"
check "--relations by label" \
    $KG -o /dev/null --diagram "$TMP/cip.svg" --relations "contained in place" "$EX"
check "--relations by local name" \
    $KG -o /dev/null --diagram "$TMP/cip2.svg" --relations containedInPlace "$EX"
for f in cip cip2; do
    check "$f shows contained in place" has "$TMP/$f.svg" "contained in place"
    check "$f shows Jiangsu" has "$TMP/$f.svg" "Jiangsu"
    check "$f drops supports" hasnt "$TMP/$f.svg" "supports"
    check "$f drops the ministry" hasnt "$TMP/$f.svg" "Ministry of Commerce"
done

# --cluster type: one box per class; --cluster article: one box per article
# around the entities only it mentions (the DOT shows which box holds a node)
# in_box DOT LABEL: the subgraph that holds the node labelled LABEL
in_box() {
    WANT=$2 awk 'BEGIN { want = "label=\"" ENVIRON["WANT"] "\""; want2 = "label=" ENVIRON["WANT"] "," }
        /^\tsubgraph / { box = $2 } /^\t}/ { box = "" }
        index($0, want) || index($0, want2) { print box ? box : "none"; exit }' "$1"
}
check "--cluster type" $KG -o /dev/null --diagram "$TMP/ct.dot" --cluster type "$EX"
check "--cluster type boxes the countries" \
    test "$(in_box "$TMP/ct.dot" 'China\n中国 / 中國')" = cluster_type4
check "--cluster type boxes the ministry" \
    test "$(in_box "$TMP/ct.dot" 'Ministry of Commerce')" = cluster_type1
check "--cluster type renders" $KG -o /dev/null --diagram "$TMP/ct.svg" --cluster type "$EX"
check "... with boxes labelled by class" has "$TMP/ct.svg" "Government organization"
printf '%s\n\n%s %s\n' 'Germany and France sign trade pact' \
    'BERLIN, Nov. 22 (Xinhua) -- German Chancellor Angela Merkel met French President' \
    'Emmanuel Macron in Berlin on Friday. Siemens will invest in Toulouse, the ministry said.' \
    > "$TMP/second.txt"
check "--cluster article" \
    $KG -q -o /dev/null --diagram "$TMP/ca.dot" --cluster article "$EX" "$TMP/second.txt"
check "two article boxes" test "$(grep -c 'subgraph cluster_article' "$TMP/ca.dot")" -eq 2
merkel=$(in_box "$TMP/ca.dot" 'Angela Merkel')
park=$(in_box "$TMP/ca.dot" 'Suzhou Industrial Park\nfounding date: 1994')
check "Merkel in an article box" sh -c "echo '$merkel' | grep -q '^cluster_article'"
check "the park in the other box" \
    sh -c "echo '$park' | grep -q '^cluster_article' && [ '$park' != '$merkel' ]"
check "Xinhua (in both articles) in no box" \
    test "$(in_box "$TMP/ca.dot" 'Xinhua News Agency')" = none
check "--cluster article renders" \
    $KG -q -o /dev/null --diagram "$TMP/ca.svg" --cluster article "$EX" "$TMP/second.txt"
check "... with the headline on the box" has "$TMP/ca.svg" "Germany and France sign trade pact"
check "--cluster needs article or type" \
    sh -c "! $KG -o /dev/null --diagram '$TMP/x.svg' --cluster x '$EX' 2> /dev/null"
check "--top needs a number or all" \
    sh -c "! $KG -o /dev/null --diagram '$TMP/x.svg' --top 0 '$EX' 2> /dev/null"

# A pathological dense graph: 300 people, each related to every other
# (44,850 relations).  The layout's work is bounded by limits, not by luck:
# the automatic cut keeps 150 entities and 400 relations and says so, and
# sfdp runs with a fixed maxiter (dot, when chosen, with nslimit/mclimit);
# an explicit --top 300 keeps 1,200 relations, too many for edge labels to
# be placed.  The timeouts are only guards.
awk 'BEGIN { n = 300; P = "<https://w3id.org/kg/id/person/P"
    for (i = 0; i < n; i++) {
        printf "%s%03d> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .\n", P, i
        printf "%s%03d> <http://www.w3.org/2000/01/rdf-schema#label> \"Person %03d\"@en .\n", P, i, i
    }
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++)
        printf "%s%03d> <https://w3id.org/kg/ns#meetsWith> %s%03d> .\n", P, i, P, j
}' > "$TMP/dense.nt"
nodes() { grep -c 'label="Person [0-9]*"' "$1"; }
edges() { grep -c -- ' -> ' "$1"; }
check "dense: DOT" $KG draw "$TMP/dense.nt" -o "$TMP/dense.dot"
check "dense: 150 entities" test "$(nodes "$TMP/dense.dot")" -eq 150
check "dense: 400 relations" test "$(edges "$TMP/dense.dot")" -eq 400
check "dense: the label says what was cut" \
    grep -q '150 of 300 entities (highest degree) and 400 of 44850 relations' "$TMP/dense.dot"
for lim in 'nslimit=2' 'nslimit1=2' 'mclimit=0.2' 'maxiter=500' 'layout=sfdp'; do
    check "dense: $lim" grep -q "$lim" "$TMP/dense.dot"
done
check "dense: SVG" timeout 300 $KG draw "$TMP/dense.nt" -o "$TMP/dense.svg"
check "dense --top 300: DOT" $KG draw --top 300 "$TMP/dense.nt" -o "$TMP/dense300.dot"
check "dense --top 300: 300 entities" test "$(nodes "$TMP/dense300.dot")" -eq 300
check "dense --top 300: 1,200 relations" test "$(edges "$TMP/dense300.dot")" -eq 1200
check "dense --top 300: sfdp" grep -q 'layout=sfdp' "$TMP/dense300.dot"
check "dense --top 300: no edge labels to place" sh -c "! grep -q 'label=\"meets' '$TMP/dense300.dot'"
check "dense --top 300: SVG" timeout 300 $KG draw --top 300 "$TMP/dense.nt" -o "$TMP/dense300.svg"
check "dense --top all: DOT keeps everything" \
    $KG draw --top all "$TMP/dense.nt" -o "$TMP/denseall.dot"
check "dense --top all: 44,850 relations" test "$(edges "$TMP/denseall.dot")" -eq 44850
finish
