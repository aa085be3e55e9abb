#!/bin/sh
# SPDX-License-Identifier: MIT
# Batch runs: the same bytes for every --jobs; per-article shards merged
# by `kg merge` equal one run; JSON Lines input with its diagnostics;
# --resume; --glob; Turtle streamed with one prefix block; the summary.
. tests/lib.sh
KG=$(cd "$(dirname "$KG")" && pwd)/$(basename "$KG")
REPO=$(pwd)
EX=$REPO/examples/xinhua-suzhou-industrial-park.txt
cd "$TMP" || exit 1

# ---- a small corpus: the example, varied, in two folders -----------------
mkdir -p in/a in/b
i=0
for place in Suzhou Wuxi Nantong Changzhou Yangzhou Taizhou; do
    i=$((i + 1))
    sed "s/Suzhou/$place/g" "$EX" > "in/a/$i.txt"
done
printf 'date 2024-11-21 Merkel visits Paris\n\nPARIS, Nov. 21 (Reuters) -- German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Thursday. China supports the talks.\n' > in/b/merkel.txt
printf 'Angela Merkel visited Beijing. She met officials of the Ministry of Commerce.\n' > in/b/short.txt

# ---- the same output for every --jobs -------------------------------------
for fmt in ntriples turtle nquads; do
    for j in 1 2 3; do
        "$KG" -j $j -f $fmt in > "out.$fmt.$j" 2> "err.$fmt.$j"
        check "-j $j -f $fmt exits 0" [ $? -eq 0 ]
    done
    check "-f $fmt: -j 2 output equals -j 1" cmp -s "out.$fmt.1" "out.$fmt.2"
    check "-f $fmt: -j 3 output equals -j 1" cmp -s "out.$fmt.1" "out.$fmt.3"
done
check "strict serdi reads the N-Triples" serdi -q -l -i ntriples out.ntriples.1 > /dev/null
check "strict serdi reads the Turtle" serdi -q -l -i turtle out.turtle.1 > /dev/null
check "strict serdi reads the N-Quads" serdi -q -l -i nquads out.nquads.1 > /dev/null
check "the Turtle declares its prefixes once" [ "$(grep -c '^@prefix schema:' out.turtle.1)" -eq 1 ]
serdi -q -i turtle -o ntriples out.turtle.1 | sort > t.sorted
sort out.ntriples.1 > n.sorted
check "the streamed Turtle holds the N-Triples' triples" cmp -s t.sorted n.sorted
check "the summary names 8 articles" grep -q '^kg: 8 articles, [0-9]* sentences, [0-9]* words, [0-9]* entities, [0-9]* facts in ' err.ntriples.2
"$KG" -q -j 2 -f ntriples in > /dev/null 2> quiet.err
check "-q: no summary" [ ! -s quiet.err ]

# every entity once, after the articles, with its mentions summed
china='<https://w3id.org/kg/id/place/China>'
check "China is labelled once in the corpus" \
    [ "$(grep -c "^$china <http://www.w3.org/2000/01/rdf-schema#label> \"China\"@en" out.ntriples.1)" -eq 1 ]
per=0
for f in in/a/*.txt in/b/*.txt; do
    n=$("$KG" -f ntriples "$f" | sed -n "s|^$china <https://w3id.org/kg/ns#mentionCount> \"\([0-9]*\)\".*|\1|p")
    per=$((per + ${n:-0}))
done
sum=$(sed -n "s|^$china <https://w3id.org/kg/ns#mentionCount> \"\([0-9]*\)\".*|\1|p" out.ntriples.1)
check "China's corpus mention count ($sum) is the sum over articles ($per)" [ "$sum" -eq "$per" -a "$per" -gt 6 ]
last_article=$(grep -n 'schema.org/NewsArticle' out.ntriples.1 | tail -n 1 | cut -d: -f1)
first_label=$(grep -n 'rdf-schema#label' out.ntriples.1 | head -n 1 | cut -d: -f1)
check "entity descriptions follow the articles" [ "$first_label" -gt "$last_article" ]

# ---- shards and kg merge ---------------------------------------------------
"$KG" -q -j 2 -f ntriples --output-dir shards in
check "--output-dir mirrors the tree" [ -s shards/a/1.nt -a -s shards/b/merkel.nt ]
"$KG" merge -f ntriples shards > merged.nt
check "kg merge exits 0" [ $? -eq 0 ]
check "merged shards equal one run (N-Triples, bytes)" cmp -s merged.nt out.ntriples.1
"$KG" merge -o merged.ttl shards
check "kg merge -o x.ttl writes Turtle" serdi -q -l -i turtle merged.ttl > /dev/null
check "merged shards equal one run (Turtle, bytes)" cmp -s merged.ttl out.turtle.1
serdi -q -i turtle -o ntriples merged.ttl | sort > m.sorted
check "merged Turtle holds the same triples" cmp -s m.sorted n.sorted
"$KG" -q -f nquads --output-dir qshards in
"$KG" merge -f nquads qshards > merged.nq
check "merged N-Quads shards equal one run" cmp -s merged.nq out.nquads.1
"$KG" merge -f ntriples shards/a shards/b/merkel.nt shards/b/short.nt > merged2.nt
check "kg merge takes files and folders" cmp -s merged2.nt out.ntriples.1
# a merged graph merged again keeps its triples (counts are sums)
"$KG" merge -f ntriples merged.nt > remerged.nt
check "kg merge of a merged graph keeps its triples" cmp -s remerged.nt merged.nt

"$KG" merge -f ntriples nonexistent.nt > /dev/null 2> merr
check "kg merge: a missing shard is exit 1" [ $? -eq 1 ]
check "kg merge: a missing shard is named" grep -q 'nonexistent.nt' merr
printf '<a> <b> .\n' > broken.nt
"$KG" merge -f ntriples broken.nt shards/b/short.nt > part.nt 2> merr
check "kg merge: a broken shard is exit 1" [ $? -eq 1 ]
check "kg merge: a broken shard is named" grep -q 'broken.nt' merr
check "kg merge: the good shard is still merged" grep -q 'Angela_Merkel' part.nt
"$KG" merge > /dev/null 2>&1
check "kg merge without shards is a usage error" [ $? -eq 2 ]
"$KG" merge -f conllu shards > /dev/null 2>&1
check "kg merge -f conllu is a usage error" [ $? -eq 2 ]

# ---- JSON Lines ------------------------------------------------------------
awk -v q='"' 'BEGIN { ORS = "" }
    { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); text = text $0 "\\n" }
    END {
        print "{" q "id" q ": " q "feed/1" q ", " q "title" q ": " q "Park news" q ", " q "date" q ": " q "2024-11-21T08:00:00Z" q ", " q "url" q ": " q "https://example.org/news/1" q ", " q "source" q ": " q "Xinhua" q ", " q "text" q ": " q text q "}\n"
        print "\n"
        print "{not json}\n"
        print "{" q "id" q ": 2, " q "text" q ": " q "Angela Merkel visited Beijing." q "}\n"
        print "{" q "id" q ": " q "feed/1" q ", " q "text" q ": " q "again" q "}\n"
        print "{" q "text" q ": " q "no id" q "}\n"
        print "{" q "id" q ": " q "nul" q ", " q "text" q ": " q "a \\u0000 b" q "}\n"
        print "[1, 2]\n"
        print "{" q "id" q ": " q "empty" q ", " q "text" q ": " q "  " q "}\n"
    }' "$EX" > feed.jsonl
"$KG" -j 2 -f ntriples feed.jsonl > feed.nt 2> feed.err
check "JSON Lines with bad lines: exit 1" [ $? -eq 1 ]
check "invalid JSON: file, line and column" grep -Eq '^kg: feed.jsonl:3:[0-9]+: error: invalid JSON: .* near' feed.err
check "missing id" grep -q '^kg: feed.jsonl:6: error: missing "id"' feed.err
check "NUL byte in a text: line and the article" grep -q '^kg: feed.jsonl:7: error: article "nul": binary input: NUL byte at byte offset 2' feed.err
check "not an object" grep -q '^kg: feed.jsonl:8: error: a JSON Lines article must be an object' feed.err
check "empty text" grep -q '^kg: feed.jsonl:9: error: article "empty": ' feed.err
check "diagnostics in line order" [ "$(grep -o 'feed.jsonl:[0-9]*' feed.err | cut -d: -f2 | tr '\n' ' ')" = "3 6 7 8 9 " ]
check "the good articles are kept" grep -q 'Angela_Merkel' feed.nt
check "title from JSON" grep -q '<http://schema.org/headline> "Park news"' feed.nt
check "date from JSON (cut to a date)" grep -q '<http://schema.org/datePublished> "2024-11-21"^^' feed.nt
check "url from JSON" grep -q '<http://schema.org/url> <https://example.org/news/1>' feed.nt
check "source from JSON: the publisher" grep -q '<http://schema.org/publisher> <https://w3id.org/kg/id/organization/Xinhua' feed.nt
check "the id is the article's source" grep -q '<http://purl.org/dc/terms/source> "feed/1"' feed.nt
check "strict serdi reads the JSON Lines graph" serdi -q -l -i ntriples feed.nt > /dev/null
"$KG" -q -f ntriples --input jsonl - < feed.jsonl > stdin.nt 2> /dev/null
check "--input jsonl reads stdin" cmp -s stdin.nt feed.nt
"$KG" -f ntriples --output-dir jout feed.jsonl 2> jout.err
check "--output-dir: a duplicate id is named with its first line" grep -q '^kg: feed.jsonl:5: error: duplicate id "feed/1" (first on line 1): its output would replace that one.s; skipped' jout.err
check "--output-dir: JSON Lines articles by id, '/' encoded" [ -s jout/feed/feed%2F1.nt -a -s jout/feed/2.nt ]
check "--output-dir: nothing for failed lines" [ "$(find jout -type f -name '*.nt' | wc -l)" -eq 2 ]
check "--output-dir: the feed's order file lists its outputs in line order" [ "$(grep -x -e 'feed%2F1.nt' -e '2.nt' jout/feed/.kg-order | tr '\n' ' ')" = "feed%2F1.nt 2.nt " ]
# ids that do not sort in line order: kg merge follows the feed, not the names
printf '{"id": "z", "text": "Angela Merkel visited Paris."}\n{"id": "m", "text": "China supports Suzhou Industrial Park."}\n{"id": "a", "text": "Singapore cooperates with Jiangsu Province."}\n' > ord.jsonl
"$KG" -q -f ntriples ord.jsonl > ord.nt
"$KG" -q -f ntriples --output-dir oshards ord.jsonl
"$KG" merge -f ntriples oshards > ord.merged.nt
check "kg merge reads a feed's outputs in line order" cmp -s ord.merged.nt ord.nt
rm oshards/ord/m.nt
"$KG" -q -f ntriples --output-dir oshards --resume ord.jsonl
check "--resume: the order file is whole again" [ "$(cat oshards/ord/.kg-order | tr '\n' ' ')" = "z.nt m.nt a.nt " ]
"$KG" merge -f ntriples oshards > ord.merged2.nt
check "--resume: merged in line order" cmp -s ord.merged2.nt ord.nt
mkdir -p jin && cp feed.jsonl jin/ && cp in/b/short.txt jin/
"$KG" -q -f ntriples jin > jdir.nt 2> /dev/null
check "a directory takes *.jsonl and *.txt" grep -q '"feed/1"' jdir.nt
check "a directory takes *.txt beside *.jsonl" grep -q 'short.txt' jdir.nt

# ---- --resume --------------------------------------------------------------
"$KG" -q -f ntriples --output-dir res in
rm res/a/3.nt
printf 'marker\n' >> res/a/2.nt
"$KG" -f ntriples --output-dir res --resume in 2> res.err
check "--resume: exit 0" [ $? -eq 0 ]
check "--resume: the missing output is made again" cmp -s res/a/3.nt shards/a/3.nt
check "--resume: existing outputs are left alone" grep -q '^marker$' res/a/2.nt
check "--resume: the summary counts the skipped" grep -q '1 article, 7 skipped (--resume)' res.err
"$KG" -f ntriples --resume in > /dev/null 2>&1
check "--resume without --output-dir is a usage error" [ $? -eq 2 ]
if find res | grep -q 'tmp'; then bad "--resume left a temporary file"; else ok; fi

# ---- --glob ----------------------------------------------------------------
mkdir -p g && cp in/b/short.txt g/a.md && cp in/b/merkel.txt g/b.txt
"$KG" -q -f ntriples --glob '*.md' g > g.nt
check "--glob '*.md' takes only .md files" grep -q 'a.md' g.nt
if grep -q 'b.txt' g.nt; then bad "--glob took b.txt"; else ok; fi
"$KG" -q -f ntriples --glob '*.md,*.txt' g > g2.nt
check "--glob with two patterns" grep -q 'b.txt' g2.nt

# ---- limits: a sentence cut at --max-sentence-tokens is reported -----------
awk 'BEGIN { for (i = 0; i < 300; i++) printf "word%d ", i; print "." }' > long.txt
"$KG" -f ntriples --max-sentence-tokens 100 long.txt > /dev/null 2> long.err
check "a cut sentence is a warning" grep -q '^kg: long.txt: warning: 3 sentences reached the limit of 100 tokens and were cut' long.err

# ---- CoNLL-U in parallel ----------------------------------------------------
"$KG" -j 1 -f conllu in > c1.conllu 2> /dev/null
"$KG" -j 2 -f conllu in > c2.conllu 2> /dev/null
check "-f conllu: -j 2 equals -j 1" cmp -s c1.conllu c2.conllu
check "-f conllu holds every article" [ "$(grep -c '^# sent_id = 1$' c1.conllu)" -eq 8 ]

finish
