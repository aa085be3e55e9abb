#!/bin/sh
# SPDX-License-Identifier: MIT
# Peak memory of one kg run over a large corpus: memory must be bounded by
# the work in flight and the entity table (kept within a budget, spilled to
# sorted temporary files), never by the size of the corpus.
#   sh bench/memory.sh [KG] [MEGABYTES...]   (default: 10 100 1000)
# Builds, once per size, a JSON Lines corpus of that many megabytes from the
# text of the committed UD EWT training file (CC BY-SA 4.0), 20 sentences
# an article.  Each copy of the text gets its capitalised words suffixed
# with the copy's number ("Bush" -> "Bush_7"), so that the corpus keeps
# bringing new entities, as news does: the entity table grows with the
# corpus.  Runs kg -j NPROC -f ntriples over it with the output discarded,
# with and without the parser (KG_PARSE=1: with; default: without, since
# the parser adds only per-worker scratch and takes ~20x longer), and prints
# the peak resident set (GNU time %M) per size.
set -eu
KG=${1:-${BUILD:-build}/kg}
[ $# -gt 0 ] && shift
SIZES=${*:-10 100 1000}
OUT=${BUILD:-build}/bench/memory
TIME=/usr/bin/time
[ -x "$TIME" ] || {
    echo "bench: needs GNU time ($TIME, Debian: time)" >&2
    exit 2
}
mkdir -p "$OUT"
ncpu=$(nproc 2> /dev/null || getconf _NPROCESSORS_ONLN)
parse=--no-parse
[ "${KG_PARSE:-0}" = 1 ] && parse=""
sed -n 's/^# text = //p' model/en_ewt-ud-train.conllu > "$OUT/sentences.txt"
for mb in $SIZES; do
    corpus=$OUT/corpus-$mb.jsonl
    if [ ! -s "$corpus" ]; then
        awk -v limit=$((mb * 1000000)) '
            function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, " ", s); return s }
            { line[NR] = $0 }
            END {
                bytes = 0; copy = 0; id = 0
                while (bytes < limit) {
                    copy++
                    text = ""
                    for (i = 1; i <= NR && bytes < limit; i++) {
                        s = line[i]; out = ""
                        n = split(s, w, " ")
                        for (k = 1; k <= n; k++)
                            out = out (k > 1 ? " " : "") (w[k] ~ /^[A-Z][a-z]+$/ ? w[k] "_" copy : w[k])
                        text = text out " "
                        if (i % 20 == 0 || i == NR) {
                            id++
                            rec = "{\"id\": \"" id "\", \"text\": \"" esc(text) "\"}"
                            print rec
                            bytes += length(rec) + 1
                            text = ""
                        }
                    }
                }
            }' "$OUT/sentences.txt" > "$corpus"
    fi
    size=$(wc -c < "$corpus")
    "$TIME" -f '%e %U %S %M' -o "$OUT/time" "$KG" -q -j "$ncpu" $parse -f ntriples -o /dev/null "$corpus"
    read -r e u s m < "$OUT/time"
    awk -v mb="$size" -v e="$e" -v u="$u" -v s="$s" -v m="$m" -v p="${parse:-with the parser}" \
        'BEGIN { printf "corpus %7.1f MB: peak RSS %6.1f MB, %.0f s wall, %.0f s CPU (%s)\n",
                 mb / 1e6, m / 1024, e, u + s, p }'
done
