#!/bin/sh
# SPDX-License-Identifier: MIT
# Throughput of the whole pipeline (read, tokenise, tag, parse, entities,
# relations, N-Triples) on one core, on a corpus a fresh clone has: the
# sentences of UD English-EWT train (model/en_ewt-ud-train.conllu, CC BY-SA
# 4.0) grouped into articles of 20 sentences.  Prints words per second and
# peak memory, with and without the parser.
#   sh bench/pipeline.sh [KG]
set -eu
KG=${1:-build/kg}
OUT=${BUILD:-build}/bench
mkdir -p "$OUT"
corpus=$OUT/ewt-corpus.txt
if [ ! -s "$corpus" ]; then
    # one article per paragraph: 20 sentences, a blank line between articles
    sed -n 's/^# text = //p' model/en_ewt-ud-train.conllu |
        awk '{ printf "%s%s", $0, (NR % 20 == 0 ? "\n\n" : " ") } END { print "" }' > "$corpus"
fi
words=$(wc -w < "$corpus")
bytes=$(wc -c < "$corpus")
echo "corpus: $corpus, $words words, $bytes bytes"
run() {
    label=$1
    shift
    best=""
    for i in 1 2 3; do
        /usr/bin/time -f '%e %U %M' -o "$OUT/time" "$KG" "$@" -f ntriples -o "$OUT/out.nt" "$corpus"
        set -- "$@"
        read -r real user rss < "$OUT/time"
        if [ -z "$best" ] || awk "BEGIN { exit !($user < $best) }"; then best=$user; mem=$rss; fi
    done
    awk -v w="$words" -v t="$best" -v m="$mem" -v l="$label" \
        'BEGIN { printf "%-22s %8.0f words/s (user time %.2f s, best of 3), peak RSS %.1f MB\n", l, w / t, t, m / 1024 }'
}
run "full pipeline:"
run "without the parser:" --no-parse
