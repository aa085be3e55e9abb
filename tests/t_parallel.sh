#!/bin/sh
# SPDX-License-Identifier: MIT
# The GNU parallel recipe (cluster/kg-parallel.sh) with `-S 2/:` (this
# machine as two CPUs, no ssh) on a small corpus, in batches of two
# inputs: the merged graph must equal one local kg run over the same
# corpus, byte for byte, and a second run must only redo what is missing.
# Skips when GNU parallel is not installed.
. tests/lib.sh
. tests/cluster_lib.sh
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

# a small corpus (tests/cluster_lib.sh) and one local run
C=$TMP/corpus
make_corpus "$C"
"$KG" -q -f ntriples "$C" > "$TMP/single.nt" 2> "$TMP/single.err" ||
    bad "the local run failed: $(head -c 300 "$TMP/single.err")"

O=$TMP/out
t0=$(date +%s)
if timeout 120 sh cluster/kg-parallel.sh -S 2/: -N 2 -f ntriples "$C" "$O" > "$TMP/run.log" 2>&1; then
    ok
else
    bad "kg-parallel.sh failed: $(tail -n 20 "$TMP/run.log")"
fi
t1=$(date +%s)
same_graph "first run" "$TMP/single.nt" "$O/corpus.nt"
check_outputs "$O"
jobs=$(($(wc -l < "$O/.kg-parallel/joblog") - 1))
[ "$jobs" -eq 4 ] && ok || bad "expected 4 jobs of 2 inputs, the joblog has $jobs"

# again, with one output missing: only that one is redone
rm "$O/articles/b/001.nt" "$O/corpus.nt"
touch -d '2001-01-01' "$O/articles/a/001.nt"
if timeout 120 sh cluster/kg-parallel.sh -S 2/: -N 3 -f ntriples "$C" "$O" > "$TMP/rerun.log" 2>&1; then
    ok
else
    bad "second run failed: $(tail -n 20 "$TMP/rerun.log")"
fi
same_graph "second run" "$TMP/single.nt" "$O/corpus.nt"
[ -s "$O/articles/b/001.nt" ] && ok || bad "the second run did not redo b/001"
[ -n "$(find "$O/articles/a/001.nt" -mtime +1000)" ] && ok || bad "the second run rewrote a/001 (no --resume?)"
t2=$(date +%s)

# a failed article (an empty file): the others are merged, exit 1; -s
# refuses to merge
mkdir -p "$TMP/bad"
cp examples/xinhua-suzhou-industrial-park.txt "$TMP/bad/good.txt"
: > "$TMP/bad/empty.txt"
timeout 120 sh cluster/kg-parallel.sh -S 2/: -N 1 -f ntriples "$TMP/bad" "$TMP/badout" > "$TMP/bad.log" 2>&1
rc=$?
[ "$rc" -eq 1 ] && ok || bad "a failed article: exit $rc, expected 1: $(tail -n 5 "$TMP/bad.log")"
[ -s "$TMP/badout/corpus.nt" ] && [ -s "$TMP/badout/articles/good.nt" ] && ok || bad "the good article was not merged"
rm -f "$TMP/badout/corpus.nt"
timeout 120 sh cluster/kg-parallel.sh -s -S 2/: -N 1 -f ntriples "$TMP/bad" "$TMP/badout" > "$TMP/bad.log" 2>&1
rc=$?
[ "$rc" -eq 1 ] && [ ! -e "$TMP/badout/corpus.nt" ] && ok || bad "-s with a failed article: exit $rc, or merged"
echo "parallel: first run $((t1 - t0)) s, second run $((t2 - t1)) s"
finish
