#!/bin/sh
# SPDX-License-Identifier: MIT
# ontology/kg.ttl is the single source of kg: IRIs: it parses strictly, and
# every kg: term that the code, the lexicon, the title table and kg's output
# for the examples use is declared there (a subject with an rdf:type).
. tests/lib.sh
NS='https://w3id.org/kg/ns#'

check "ontology/kg.ttl parses strictly" serdi -q -i turtle ontology/kg.ttl > "$TMP/onto.nt"
grep -F "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" "$TMP/onto.nt" |
    sed -n "s|^<${NS}\([A-Za-z0-9_]*\)> .*|\1|p" | LC_ALL=C sort -u > "$TMP/declared"
check "the ontology declares itself as an owl:Ontology" \
    grep -q '<http://www.w3.org/2002/07/owl#Ontology>' "$TMP/onto.nt"
check "the ontology has a version" grep -q 'owl#versionInfo' "$TMP/onto.nt"

{
    # the code: KG_NS "name"
    grep -ho 'KG_NS "[A-Za-z0-9_]*"' src/*.c | sed 's/KG_NS "\(.*\)"/\1/'
    # the relation lexicon: kg:name
    grep -v '^#' ontology/relations.tsv | cut -f5 | sed -n 's/^kg:\(.*\)/\1/p'
    # the title table: its relations
    [ -f data/titles.tsv ] && grep -v '^#' data/titles.tsv | cut -f2 | grep -v '^-$'
    # the output for the examples
    for txt in examples/*.txt; do
        $KG -f ntriples "$txt" 2> /dev/null | grep -o "<${NS}[A-Za-z0-9_]*>" |
            sed "s|<${NS}||; s|>||"
    done
} | sed '/^$/d' | LC_ALL=C sort -u > "$TMP/used"

undeclared=$(comm -23 "$TMP/used" "$TMP/declared")
if [ -n "$undeclared" ]; then
    printf 'kg:%s is used but not declared in ontology/kg.ttl\n' $undeclared >&2
    bad "every kg: term used is declared"
else
    ok
fi
check "some kg: terms are used" test -s "$TMP/used"
finish
