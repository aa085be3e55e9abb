#!/bin/sh
# SPDX-License-Identifier: MIT
# ontology/kg.ttl is the single source of kg: IRIs: it parses strictly, and
# every kg: term that the code, the lexicon, the title table and kg's output
# for the examples use is declared there (a subject with an rdf:type).
# Every predicate and class in kg's output (every example, every format,
# with and without provenance, and an article written here to reach more of
# the lexicon) is declared: kg: terms in ontology/kg.ttl; open relations
# (https://w3id.org/kg/rel/) in the output itself; terms of other
# vocabularies are on the fixed list below of the real terms kg may write,
# and described in ontology/kg.ttl; RDF, RDFS and OWL built-ins are listed.
. tests/lib.sh
NS='https://w3id.org/kg/ns#'
REL='https://w3id.org/kg/rel/'
RDF='http://www.w3.org/1999/02/22-rdf-syntax-ns#'
RDFS='http://www.w3.org/2000/01/rdf-schema#'
OWL='http://www.w3.org/2002/07/owl#'

check "ontology/kg.ttl parses strictly" serdi -q -i turtle ontology/kg.ttl > "$TMP/onto.nt"
grep -F "<${RDF}type>" "$TMP/onto.nt" |
    sed -n "s|^<${NS}\([A-Za-z0-9_]*\)> .*|\1|p" | LC_ALL=C sort -u > "$TMP/declared"
check "the ontology declares itself as an owl:Ontology" \
    grep -q "<${OWL}Ontology>" "$TMP/onto.nt"
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

# ---------------------------------------------------------------------------
# Every predicate and class in kg's output
# ---------------------------------------------------------------------------

# The terms of other vocabularies that kg may write: real terms of their
# vocabularies (checked by hand against schema.org, NIF 2.0 core, PROV-O,
# DCMI terms and SKOS), so that a misspelt IRI fails here.
cat > "$TMP/standard" << 'EOF'
http://schema.org/AdministrativeArea
http://schema.org/Airport
http://schema.org/BodyOfWater
http://schema.org/City
http://schema.org/CollegeOrUniversity
http://schema.org/Continent
http://schema.org/Corporation
http://schema.org/Country
http://schema.org/EducationalOrganization
http://schema.org/Event
http://schema.org/GovernmentOrganization
http://schema.org/Hospital
http://schema.org/LakeBodyOfWater
http://schema.org/Landform
http://schema.org/Mountain
http://schema.org/Museum
http://schema.org/NGO
http://schema.org/NewsArticle
http://schema.org/NewsMediaOrganization
http://schema.org/OceanBodyOfWater
http://schema.org/Organization
http://schema.org/Park
http://schema.org/Person
http://schema.org/Place
http://schema.org/PoliticalParty
http://schema.org/RiverBodyOfWater
http://schema.org/SeaBodyOfWater
http://schema.org/SportsTeam
http://schema.org/StadiumOrArena
http://schema.org/Thing
http://schema.org/birthDate
http://schema.org/birthPlace
http://schema.org/containedInPlace
http://schema.org/dateline
http://schema.org/datePublished
http://schema.org/deathDate
http://schema.org/deathPlace
http://schema.org/founder
http://schema.org/foundingDate
http://schema.org/headline
http://schema.org/identifier
http://schema.org/location
http://schema.org/locationCreated
http://schema.org/memberOf
http://schema.org/mentions
http://schema.org/nationality
http://schema.org/parentOrganization
http://schema.org/publisher
http://schema.org/spouse
http://schema.org/worksFor
http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context
http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Sentence
http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf
http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex
http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex
http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext
http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#sourceUrl
http://www.w3.org/ns/prov#wasDerivedFrom
http://purl.org/dc/terms/date
http://purl.org/dc/terms/source
http://purl.org/dc/terms/title
http://www.w3.org/2004/02/skos/core#altLabel
EOF
# RDF, RDFS and OWL built-ins that kg writes
cat > "$TMP/builtin" << EOF
${RDF}Statement
${RDF}object
${RDF}predicate
${RDF}subject
${RDF}type
${RDFS}label
${OWL}DatatypeProperty
${OWL}ObjectProperty
EOF
LC_ALL=C sort -o "$TMP/standard" "$TMP/standard"
LC_ALL=C sort -o "$TMP/builtin" "$TMP/builtin"

# everything ontology/kg.ttl gives an rdf:type to
grep -F "<${RDF}type>" "$TMP/onto.nt" | sed -n 's|^<\([^>]*\)> .*|\1|p' | LC_ALL=C sort -u > "$TMP/typed"

# An article that reaches more of what kg writes: titles, demonyms, places,
# founders, dates, acquisitions, a report, a negation.
cat > "$TMP/more.txt" << 'EOF'
Leaders meet in Berlin to discuss trade

BERLIN, March 3 (Xinhua) -- German Chancellor Angela Merkel met with French President Emmanuel Macron in Berlin on Tuesday, the government said.

Siemens, which is headquartered in Munich, was founded in 1847 by Werner von Siemens. Tesla acquired SolarCity in 2016.

Emmanuel Macron was born in Amiens on December 21, 1977. He is married to Brigitte Macron. Foreign Ministry spokesperson Hua Chunying said China opposes the sanctions. Germany did not criticize France.
EOF

# terms FILE.nt: "p IRI" for every predicate, "c IRI" for every class, and
# the properties that reified statements name (negated facts have no
# plain triple)
terms() {
    awk -v T="<${RDF}type>" -v P="<${RDF}predicate>" '
        { print "p " $2 }
        $2 == T && $3 ~ /^</ { print "c " $3 }
        $2 == P && $3 ~ /^</ { print "p " $3 }' "$1" | tr -d '<>' | LC_ALL=C sort -u
}

n=0
failed_before=$failed
for txt in examples/*.txt "$TMP/more.txt"; do
    for fmt in turtle ntriples nquads; do
        for opt in --no-provenance ""; do
            n=$((n + 1))
            out=$TMP/out$n
            if ! $KG -q $opt -f $fmt "$txt" > "$out.$fmt"; then
                bad "kg $opt -f $fmt $txt failed"
                continue
            fi
            serdi -q -i $fmt -o ntriples "$out.$fmt" > "$out.nt" 2> /dev/null ||
                bad "serdi rejects kg $opt -f $fmt $txt"
            terms "$out.nt" > "$out.terms"
            while read -r kind iri; do
                case $iri in
                    "$NS"*) grep -qxF "$iri" "$TMP/typed" ||
                        { bad "$iri ($txt) is not declared in ontology/kg.ttl"; continue; } ;;
                    "$REL"*)
                        [ "$kind" = p ] && grep -qE "^<$iri> <${RDF}type> <${OWL}(Object|Datatype)Property> \.\$" "$out.nt" &&
                            grep -qF "<$iri> <${RDFS}label> \"" "$out.nt" ||
                            { bad "open relation $iri is not declared in kg's output for $txt"; continue; } ;;
                    "$RDF"* | "$RDFS"* | "$OWL"*) grep -qxF "$iri" "$TMP/builtin" ||
                        { bad "$iri ($txt) is not a built-in kg is known to write"; continue; } ;;
                    *) grep -qxF "$iri" "$TMP/standard" ||
                        { bad "$iri ($txt) is neither kg's nor on the list of standard terms"; continue; }
                        grep -qxF "$iri" "$TMP/typed" ||
                        { bad "$iri ($txt) is not described in ontology/kg.ttl"; continue; } ;;
                esac
                echo "$kind $iri" >> "$TMP/all-terms"
            done < "$out.terms"
        done
    done
done
LC_ALL=C sort -u "$TMP/all-terms" > "$TMP/seen"
check "every predicate and class in kg's output is declared" test "$failed" -eq "$failed_before"
check "the outputs use classes of schema.org" grep -q '^c http://schema.org/Country$' "$TMP/seen"
check "the outputs use provenance terms" grep -q "^p ${NS}extractedFrom\$" "$TMP/seen"

# Every class kg can give an entity (src/graph.c) is a real schema.org
# class, described with its superclass; every kg: property and class has a
# label, a comment and rdfs:isDefinedBy.
sed -n 's/^ *\[KG_CLASS_[A-Z_]*\] = {"\([A-Za-z]*\)", KG_FAMILY_.*/http:\/\/schema.org\/\1/p' src/graph.c |
    LC_ALL=C sort -u > "$TMP/classes"
check "src/graph.c has a class table" test "$(wc -l < "$TMP/classes")" -gt 10
while read -r c; do
    grep -qxF "$c" "$TMP/standard" || bad "$c (src/graph.c) is not on the list of schema.org classes"
    grep -qF "<$c> <${RDFS}subClassOf> <" "$TMP/onto.nt" ||
        [ "$c" = http://schema.org/Thing ] || bad "$c has no superclass in ontology/kg.ttl"
done < "$TMP/classes"
while read -r t; do
    for p in "${RDFS}label" "${RDFS}comment" "${RDFS}isDefinedBy"; do
        grep -qF "<${NS}$t> <$p> " "$TMP/onto.nt" || bad "kg:$t has no <$p> in ontology/kg.ttl"
    done
done < "$TMP/declared"
finish
