# SPDX-License-Identifier: MIT
# Helpers for the tests of the cluster recipes (tests/t_slurm.sh,
# tests/t_parallel.sh), sourced after tests/lib.sh.

# make_corpus DIR: the example article; six articles of 20 EWT sentences in
# folders, with file names that repeat across folders (a/001.txt,
# b/001.txt, ...) and one folder deeper; a JSON Lines feed of three
# articles (ids in reverse name order, w3 w2 w1); a dot-file that kg does
# not read.
make_corpus() {
    mkdir -p "$1/a" "$1/b" "$1/c/deep" "$1/feeds"
    cp examples/xinhua-suzhou-industrial-park.txt "$1/"
    sed -n 's/^# text = //p' model/en_ewt-ud-train.conllu | head -n 180 |
        awk -v c="$1" '
        NR <= 120 { n = int((NR - 1) / 20); d = substr("abcabc", n + 1, 1);
                    if (n == 5) d = "c/deep";
                    print > sprintf("%s/%s/%03d.txt", c, d, n < 3 ? 1 : 2); next }
        { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); t[int((NR - 121) / 20)] = t[int((NR - 121) / 20)] " " $0 }
        END { for (i = 0; i < 3; i++)
                  printf "{\"id\": \"w%d\", \"title\": \"Wire %d\", \"text\": \"%s\"}\n", 3 - i, i + 1,
                         substr(t[i], 2) > (c "/feeds/wire.jsonl") }'
    printf 'Hidden files are skipped.\n' > "$1/.hidden.txt"
}

# the outputs make_corpus's articles must have below OUT/articles
CORPUS_OUTPUTS="xinhua-suzhou-industrial-park.nt a/001.nt b/001.nt c/001.nt a/002.nt b/002.nt
c/deep/002.nt feeds/wire/w1.nt feeds/wire/w2.nt feeds/wire/w3.nt"

# same_graph WHAT SINGLE MERGED: the merged graph must equal the single
# run's, byte for byte.
same_graph() {
    if cmp -s "$2" "$3"; then
        ok
    else
        bad "$1: merged graph differs from the single run ($(wc -l < "$2") vs $(wc -l < "$3" 2> /dev/null) lines)"
        diff "$2" "$3" 2>&1 | head -n 10 >&2
    fi
}

# check_outputs OUT: every article has its mirrored output, and no other
check_outputs() {
    n=$(find "$1/articles" -name '*.nt' | wc -l)
    [ "$n" -eq 10 ] && ok || bad "expected 10 article outputs, found $n"
    for f in $CORPUS_OUTPUTS; do
        [ -s "$1/articles/$f" ] && ok || bad "missing mirrored output articles/$f"
    done
}
