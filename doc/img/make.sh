#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the README's screenshots from a fresh clone:
#   example.png  the example article's diagram
#   corpus.png   the 80 best-connected entities of the 540 documents of the
#                UD English-EWT training text (model/en_ewt-ud-train.conllu,
#                CC BY-SA 4.0: web news, blogs, e-mail, reviews), one
#                article per document
# pngquant (Debian: pngquant) shrinks the PNGs to a palette; without it the
# files are kg's own, several times larger.
#   sh doc/img/make.sh [KG]
set -eu
KG=${1:-build/kg}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kg-img.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
shrink() {
    if command -v pngquant > /dev/null; then
        pngquant --force --quality 60-90 --speed 1 -o "$2" "$1"
    else
        cp "$1" "$2"
    fi
    echo "wrote $2 ($(wc -c < "$2") bytes)"
}
"$KG" -o /dev/null --diagram "$TMP/example.png" examples/xinhua-suzhou-industrial-park.txt
shrink "$TMP/example.png" doc/img/example.png
mkdir "$TMP/ewt"
awk -v dir="$TMP/ewt" '
    /^# newdoc id = / { if (f) close(f); f = sprintf("%s/%04d.txt", dir, ++n) }
    /^# text = / && f { sub(/^# text = /, ""); print > f }' model/en_ewt-ud-train.conllu
"$KG" -q -f ntriples -o "$TMP/ewt.nt" "$TMP/ewt"
"$KG" draw --top 80 "$TMP/ewt.nt" -o "$TMP/corpus.png"
shrink "$TMP/corpus.png" doc/img/corpus.png
