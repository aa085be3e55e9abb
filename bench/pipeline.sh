#!/bin/sh
# SPDX-License-Identifier: MIT
# Throughput of the whole pipeline (read, tokenise, tag, parse, entities,
# relations, N-Triples) on one core and on all cores, with peak memory, on
# a corpus a fresh clone has: the sentences of UD English-EWT train
# (model/en_ewt-ud-train.conllu, CC BY-SA 4.0) as articles of 20 sentences,
# one file each.  Then a sample of the same sentences through link-parser
# (Debian's link-grammar), printed as a ratio.
#   sh bench/pipeline.sh [KG]
# Environment: BUILD (default build), LP_SENTENCES (link-parser sample,
# default 200 sentences), RUNS (best of, default 3).
#
# * one core: kg -j 1; words per CPU second (user + system, best of RUNS),
#   which is steadier than the wall clock on a shared machine, and words per
#   wall-clock second;
# * all cores: kg -j NPROC, words per wall-clock second (best of RUNS) and
#   the speed-up over -j 1 by the wall clock, and the CPU time of all
#   threads against -j 1's (the cost of going parallel; on a machine busy
#   with other work the wall clock cannot show the speed-up).  A kg without -j runs NPROC
#   processes on as many slices of the corpus instead (said so).
# * peak memory: the largest resident set of a kg process (GNU time %M).
# * link-parser parses LP_SENTENCES sentences spread over the corpus, one a
#   line, in its default mode (every sentence gets a linkage, with null
#   links when needed; display off); its start (loading the dictionary,
#   timed on empty input) is subtracted, and words per CPU second of the
#   sample stand for the whole text: an extrapolation.
set -eu
KG=${1:-${BUILD:-build}/kg}
OUT=${BUILD:-build}/bench
RUNS=${RUNS:-3}
LP_SENTENCES=${LP_SENTENCES:-200}
TIME=/usr/bin/time
[ -x "$TIME" ] || {
    echo "bench: needs GNU time ($TIME, Debian: time)" >&2
    exit 2
}
mkdir -p "$OUT"
corpus=$OUT/ewt
sentences=$OUT/ewt-sentences.txt
sed -n 's/^# text = //p' model/en_ewt-ud-train.conllu > "$sentences"
if [ ! -f "$corpus/.complete" ] ||
    [ -n "$(find model/en_ewt-ud-train.conllu -newer "$corpus/.complete")" ]; then
    rm -rf "$corpus"
    mkdir -p "$corpus"
    awk -v d="$corpus" '{ f = sprintf("%s/%04d.txt", d, int((NR - 1) / 20) + 1);
                          printf "%s%s", $0, (NR % 20 == 0 ? "\n" : " ") > f;
                          if (NR % 20 == 0) close(f) }
                        END { if (NR % 20) print "" > f }' "$sentences"
    : > "$corpus/.complete"
fi
articles=$(find "$corpus" -name '*.txt' | wc -l)
words=$(cat "$corpus"/*.txt | wc -w)
nsent=$(wc -l < "$sentences")
ncpu=$(nproc 2> /dev/null || getconf _NPROCESSORS_ONLN)
echo "corpus: $corpus: $articles articles of 20 sentences, $nsent sentences, $words words (UD EWT train)"
echo "machine: $ncpu cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo '?')"

# timed LABEL COMMAND...: best of RUNS; sets cpu (user + sys of the best
# run by CPU), wall (best wall clock) and rss (largest peak RSS, KB)
timed() {
    cpu="" wall="" rss=0
    r=0
    while [ "$r" -lt "$RUNS" ]; do
        r=$((r + 1))
        "$TIME" -f '%e %U %S %M' -o "$OUT/time" "$@" || {
            echo "bench: $* failed" >&2
            exit 1
        }
        read -r e u s m < "$OUT/time"
        c=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
        if [ -z "$cpu" ] || awk -v a="$c" -v b="$cpu" 'BEGIN { exit !(a < b) }'; then cpu=$c; fi
        if [ -z "$wall" ] || awk -v a="$e" -v b="$wall" 'BEGIN { exit !(a < b) }'; then wall=$e; fi
        [ "$m" -le "$rss" ] || rss=$m
    done
}
rate() { awk -v w="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0 ? w / t : 0) }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

if "$KG" --help 2>&1 | grep -q -- '--jobs'; then
    timed "$KG" -q -j 1 -f ntriples -o "$OUT/out.nt" "$corpus"
else
    timed "$KG" -q -f ntriples -o "$OUT/out.nt" "$corpus"
fi
cpu1=$cpu wall1=$wall rss1=$rss
kg1=$(rate "$words" "$cpu1")
echo "kg, 1 core:        $kg1 words/s per CPU second ($cpu1 s user+sys), $(rate "$words" "$wall1") words/s by the wall clock ($wall1 s); peak RSS $(mb "$rss1") MB"

if "$KG" --help 2>&1 | grep -q -- '--jobs'; then
    timed "$KG" -q -j "$ncpu" -f ntriples -o "$OUT/out-j.nt" "$corpus"
    how="kg -j $ncpu"
    cmp -s "$OUT/out.nt" "$OUT/out-j.nt" || echo "bench: WARNING: -j $ncpu output differs from -j 1" >&2
else
    # no -j yet: NPROC processes on as many slices of the corpus
    find "$corpus" -name '*.txt' | LC_ALL=C sort > "$OUT/files"
    cat > "$OUT/slices.sh" << 'EOF'
n=$1 kg=$2 out=$3 files=$4
i=0
while [ "$i" -lt "$n" ]; do
    awk -v n="$n" -v i="$i" '(NR - 1) % n == i' "$files" | xargs "$kg" -q -f ntriples -o "$out/out-$i.nt" &
    i=$((i + 1))
done
wait
EOF
    timed sh "$OUT/slices.sh" "$ncpu" "$KG" "$OUT" "$OUT/files"
    how="$ncpu kg processes on slices of the corpus (this kg has no -j)"
fi
echo "kg, $ncpu cores:       $(rate "$words" "$wall") words/s by the wall clock ($wall s), $(awk -v a="$wall1" -v b="$wall" 'BEGIN { printf "%.2f", a / b }')x -j 1; $cpu s user+sys in all ($(awk -v a="$cpu" -v b="$cpu1" 'BEGIN { printf "%.2f", a / b }')x -j 1); peak RSS $(mb "$rss") MB; $how"

timed "$KG" -q --no-parse -f ntriples -o "$OUT/out-np.nt" "$corpus"
echo "kg --no-parse, 1 core: $(rate "$words" "$cpu") words/s per CPU second (no tagger or parser, for reference)"

if ! command -v link-parser > /dev/null 2>&1; then
    echo "link-parser: not installed (Debian: link-grammar), skipped"
    exit 0
fi
# every k-th sentence; lines starting with ! would be commands to it
awk -v n="$nsent" -v m="$LP_SENTENCES" 'BEGIN { k = int(n / m); if (k < 1) k = 1 }
     (NR - 1) % k == 0 && c < m && !/^[!%]/ { print; c++ }' "$sentences" > "$OUT/lp-sample.txt"
lpwords=$(wc -w < "$OUT/lp-sample.txt")
lpn=$(wc -l < "$OUT/lp-sample.txt")
RUNS=1
: > "$OUT/empty.txt"
timed sh -c 'link-parser en -graphics=0 < "$1" > /dev/null 2>&1' sh "$OUT/empty.txt"
lp0=$cpu
timed sh -c 'link-parser en -graphics=0 < "$1" > "$2" 2>&1' sh "$OUT/lp-sample.txt" "$OUT/lp-out.txt"
lpcpu=$(awk -v a="$cpu" -v b="$lp0" 'BEGIN { print a - b }')
lp=$(rate "$lpwords" "$lpcpu")
echo "link-parser:       $lp words/s per CPU second, extrapolated from $lpn sentences ($lpwords words, $lpcpu s user+sys after its $lp0 s start); peak RSS $(mb "$rss") MB; $(link-parser --version 2>&1 | sed -n 's/^Version: //p')"
awk -v a="$kg1" -v b="$lp" 'BEGIN { if (b > 0) printf "kg / link-parser:  %.0fx (words per CPU second, one core)\n", a / b }'
