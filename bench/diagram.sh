#!/bin/sh
# SPDX-License-Identifier: MIT
# Speed of corpus diagrams: how long kg takes to draw the graph of 1,000
# articles.  Two corpora:
#
#  1. synthetic (always): the N-Triples of N articles (default 1,000) in
#     the shape of the graph contract, made here by an awk script: each
#     article mentions 12 entities drawn with a skew from pools of people,
#     organisations, cities and countries (popular ones recur across
#     articles), and states 8 reified facts among them with a sentence,
#     a confidence and a factuality.  Times `kg draw` on it.
#  2. real text (when ../shared is there): the 98 DWIE and 500 Re-DocRED
#     development documents as articles (../shared/tools/make_articles.py),
#     and 402 variants of Re-DocRED documents in which every capitalised
#     word of 5+ letters gets an "a" appended (new names, so new entities),
#     1,000 articles in all.  Times the whole run, text to diagram:
#     `kg -o corpus.nt --diagram corpus.svg DIR`, then `kg draw` on its
#     output.  This is evaluation data: it stays in the build directory.
#
# Prints wall and user time, best of 3.
#   sh bench/diagram.sh [KG]          N=2000 sh bench/diagram.sh   (more articles)
set -eu
KG=${1:-build/kg}
N=${N:-1000}
OUT=${BUILD:-build}/bench/diagram
SHARED=${SHARED:-../shared}
mkdir -p "$OUT"

# best LABEL COMMAND...: run three times, print the best wall and user time
best() {
    label=$1
    shift
    bw=""
    bu=""
    for i in 1 2 3; do
        /usr/bin/time -f '%e %U' -o "$OUT/time" "$@"
        read -r wall user < "$OUT/time"
        if [ -z "$bw" ] || awk "BEGIN { exit !($wall < $bw) }"; then bw=$wall; fi
        if [ -z "$bu" ] || awk "BEGIN { exit !($user < $bu) }"; then bu=$user; fi
    done
    printf '%-46s %6.2f s wall, %6.2f s user (best of 3)\n' "$label" "$bw" "$bu"
}

# what a drawing shows: nodes and edges in the SVG, and the cut note
shows() {
    nodes=$(grep -c '<g id="node' "$1" || true)
    edges=$(grep -c '<g id="edge' "$1" || true)
    note=$(grep -o '[0-9]* of [0-9]* entities[^<]*' "$1" || echo "everything shown")
    printf '    %s: %s nodes, %s edges; %s\n' "$(basename "$1")" "$nodes" "$edges" "$note"
}

# ---------------------------------------------------------------- synthetic
synth=$OUT/synth-$N.nt
if [ ! -s "$synth" ]; then
    awk -v n="$N" '
    function iri(kind, i) { return "<https://w3id.org/kg/id/" kind "/" kind "_" i ">" }
    function lit(s) { return "\"" s "\"" }
    function pick(pool) { return int(pool * rand() ^ 3) }  # skewed: small numbers recur
    BEGIN {
        srand(7)
        S = "<http://schema.org/"; R = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        L = "<http://www.w3.org/2000/01/rdf-schema#label>"; K = "<https://w3id.org/kg/ns#"
        NIF = "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
        split("person organization city country", kinds, " ")
        split("Person Organization City Country", cls, " ")
        pool["person"] = 3 * n; pool["organization"] = int(1.5 * n)
        pool["city"] = n; pool["country"] = 200
        np = split("kg:supports kg:meetsWith kg:criticizes kg:visits kg:investsIn kg:cooperatesWith " \
                   "schema:worksFor schema:memberOf schema:location schema:containedInPlace", preds, " ")
        split("Asserted Asserted Asserted Reported Planned Negated", fx, " ")
        for (a = 0; a < n; a++) {
            art = "<https://w3id.org/kg/id/article/synth-" a ">"
            print art " " R "type> " S "NewsArticle> ."
            print art " " S "headline> " lit("Synthetic article " a) "@en ."
            print art " " S "datePublished> " lit("2024-11-21") "^^<http://www.w3.org/2001/XMLSchema#date> ."
            for (e = 0; e < 12; e++) {
                k = 1 + int(4 * rand()); kind = kinds[k]; i = pick(pool[kind])
                ent[e] = iri(kind, i); name[e] = cls[k] " " i
                print ent[e] " " R "type> " S cls[k] "> ."
                print ent[e] " " L " " lit(name[e]) "@en ."
                print art " " S "mentions> " ent[e] " ."
            }
            for (f = 0; f < 8; f++) {
                x = int(12 * rand()); y = int(12 * rand())
                if (ent[x] == ent[y]) continue
                p = preds[1 + int(np * rand())]
                pi = (p ~ /^kg:/) ? K substr(p, 4) ">" : S substr(p, 8) ">"
                fact = "<https://w3id.org/kg/id/article/synth-" a "#fact-" f ">"
                sent = "<https://w3id.org/kg/id/article/synth-" a "#char=" (100 * f) "," (100 * f + 90) ">"
                v = fx[1 + int(6 * rand())]
                if (v != "Negated") print ent[x] " " pi " " ent[y] " ."
                print fact " " R "type> " R "Statement> ."
                print fact " " R "subject> " ent[x] " ."
                print fact " " R "predicate> " pi " ."
                print fact " " R "object> " ent[y] " ."
                print fact " " K "confidence> " lit(sprintf("%.2f", 0.5 + rand() / 2)) "^^<http://www.w3.org/2001/XMLSchema#decimal> ."
                print fact " " K "factuality> " K v "> ."
                print fact " <http://www.w3.org/ns/prov#wasDerivedFrom> " sent " ."
                print sent " " NIF "anchorOf> " lit(name[x] " " p " " name[y] " in article " a ".") " ."
            }
        }
    }' > "$synth"
fi
echo "synthetic corpus: $synth, $N articles, $(wc -l < "$synth") triples"
best "kg draw (synthetic, $N articles) to SVG:" "$KG" draw "$synth" -o "$OUT/synth.svg"
best "kg draw (synthetic, $N articles) to PNG:" "$KG" draw "$synth" -o "$OUT/synth.png"
shows "$OUT/synth.svg"

# ---------------------------------------------------------------- real text
if [ ! -f "$SHARED/tools/make_articles.py" ] || [ ! -f "$SHARED/data/redocred/dev_revised.json" ] ||
    [ ! -f "$SHARED/data/dwie/dev.json" ]; then
    echo "real-text corpus: skipped ($SHARED/tools and $SHARED/data are not here)"
    exit 0
fi
corpus=$OUT/corpus-1000
if [ ! -f "$corpus/.done" ]; then
    rm -rf "$corpus" "$OUT/dwie" "$OUT/redocred"
    mkdir -p "$corpus"
    python3 "$SHARED/tools/make_articles.py" "$SHARED/data/dwie/dev.json" "$OUT/dwie" > /dev/null
    python3 "$SHARED/tools/make_articles.py" "$SHARED/data/redocred/dev_revised.json" \
        "$OUT/redocred" > /dev/null
    for f in "$OUT"/dwie/*.txt; do cp "$f" "$corpus/dwie-$(basename "$f")"; done
    for f in "$OUT"/redocred/*.txt; do cp "$f" "$corpus/redocred-$(basename "$f")"; done
    i=0
    for f in "$OUT"/redocred/*.txt; do
        [ $i -lt 402 ] || break
        sed -E 's/\b([A-Z][a-z]{4,})\b/\1a/g' "$f" > "$corpus/variant-$(basename "$f")"
        i=$((i + 1))
    done
    touch "$corpus/.done"
fi
echo "real-text corpus: $corpus, $(ls "$corpus" | wc -l) articles, $(cat "$corpus"/*.txt | wc -w) words"
best "kg text -> N-Triples + SVG (1,000 articles):" \
    "$KG" -q -f ntriples -o "$OUT/corpus.nt" --diagram "$OUT/corpus.svg" "$corpus"
best "kg text -> N-Triples only (1,000 articles):" "$KG" -q -f ntriples -o "$OUT/corpus.nt" "$corpus"
best "kg draw corpus.nt to SVG:" "$KG" draw "$OUT/corpus.nt" -o "$OUT/corpus.svg"
best "kg draw corpus.nt to PNG:" "$KG" draw "$OUT/corpus.nt" -o "$OUT/corpus.png"
best "kg draw corpus.nt --cluster article to SVG:" "$KG" draw --cluster article "$OUT/corpus.nt" -o "$OUT/corpus-art.svg"
shows "$OUT/corpus.svg"
