#!/bin/sh
# SPDX-License-Identifier: MIT
# The GNU parallel recipe (cluster/kg-parallel.sh) with `-S 2/:` (this
# machine as two CPUs, no ssh) on a small corpus, in batches of two
# articles: the merged graph must equal one local kg run over the same
# corpus, byte for byte, and a second run must only redo what is missing.
# Skips when GNU parallel is not installed.
. tests/lib.sh
if ! command -v parallel > /dev/null 2>&1 || ! parallel --version 2> /dev/null | grep -q 'GNU parallel'; then
    echo "skipped: GNU parallel not found (Debian: parallel)"
    exit 0
fi
KG=$(cd "$(dirname "$KG")" && pwd)/$(basename "$KG")
export KG
if ! "$KG" --help 2>&1 | grep -q -- '--resume' || ! "$KG" merge --help > /dev/null 2>&1; then
    echo "skipped: this kg has no --resume or kg merge"
    exit 0
fi

# the corpus of tests/t_slurm.sh: the example article and six articles of
# 20 EWT sentences in folders with same-named files, and a dot-file
C=$TMP/corpus
mkdir -p "$C/a" "$C/b" "$C/c/deep"
cp examples/xinhua-suzhou-industrial-park.txt "$C/"
sed -n 's/^# text = //p' model/en_ewt-ud-train.conllu | head -n 120 |
    awk -v c="$C" '{ n = int((NR - 1) / 20); d = substr("abcabc", n + 1, 1);
                     if (n == 5) d = "c/deep";
                     f = sprintf("%s/%s/%03d.txt", c, d, n < 3 ? 1 : 2); print > f }'
printf 'Hidden files are skipped.\n' > "$C/.hidden.txt"
"$KG" -q -f ntriples "$C" > "$TMP/single.nt" 2> "$TMP/single.err" ||
    bad "the local run failed: $(head -c 300 "$TMP/single.err")"

O=$TMP/out
t0=$(date +%s)
if sh cluster/kg-parallel.sh -S 2/: -N 2 -f ntriples "$C" "$O" > "$TMP/run.log" 2>&1; then
    ok
else
    bad "kg-parallel.sh failed: $(tail -n 20 "$TMP/run.log")"
fi
t1=$(date +%s)
if cmp -s "$TMP/single.nt" "$O/corpus.nt"; then
    ok
else
    bad "merged graph differs from the single run ($(wc -l < "$TMP/single.nt") vs $(wc -l < "$O/corpus.nt" 2> /dev/null) lines)"
    diff "$TMP/single.nt" "$O/corpus.nt" 2>&1 | head -n 10 >&2
fi
n=$(find "$O/articles" -name '*.nt' | wc -l)
[ "$n" -eq 7 ] && ok || bad "expected 7 article outputs, found $n"
for f in xinhua-suzhou-industrial-park.nt a/001.nt b/001.nt c/001.nt a/002.nt b/002.nt c/deep/002.nt; do
    [ -s "$O/articles/$f" ] && ok || bad "missing mirrored output articles/$f"
done
jobs=$(($(wc -l < "$O/.kg-parallel/joblog") - 1))
[ "$jobs" -eq 4 ] && ok || bad "expected 4 jobs of 2 articles, the joblog has $jobs"

# again, with one output missing: only that one is redone
rm "$O/articles/b/001.nt" "$O/corpus.nt"
touch -d '2001-01-01' "$O/articles/a/001.nt"
if sh cluster/kg-parallel.sh -S 2/: -N 3 -f ntriples "$C" "$O" > "$TMP/rerun.log" 2>&1; then
    ok
else
    bad "second run failed: $(tail -n 20 "$TMP/rerun.log")"
fi
cmp -s "$TMP/single.nt" "$O/corpus.nt" && ok || bad "merged graph after the second run differs"
[ -s "$O/articles/b/001.nt" ] && ok || bad "the second run did not redo b/001"
[ -n "$(find "$O/articles/a/001.nt" -mtime +1000)" ] && ok || bad "the second run rewrote a/001 (no --resume?)"
t2=$(date +%s)
echo "parallel: first run $((t1 - t0)) s, second run $((t2 - t1)) s"
finish
